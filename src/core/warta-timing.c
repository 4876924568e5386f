/* warta-timing.c: a step run's time against its standard, and how times
 * and dates are written for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "warta-timing.h"

/* How long the step took, or has taken so far while it is active. */
gint64
warta_step_run_get_elapsed (const WartaStepRun *run,
                            gint64              now)
{
  gint64 end;

  g_return_val_if_fail (run != NULL, 0);

  end = run->completed_at ? run->completed_at : now;
  return MAX (0, end - run->started_at);
}

WartaTiming
warta_step_run_get_timing (const WartaStepRun *run,
                           gint64              now)
{
  gint64 elapsed, limit;

  g_return_val_if_fail (run != NULL, WARTA_TIMING_NO_STANDARD);

  if (run->standard_max < 0)
    return WARTA_TIMING_NO_STANDARD;

  elapsed = warta_step_run_get_elapsed (run, now);
  limit = run->standard_max * WARTA_USEC_PER_MINUTE;
  if (elapsed > limit)
    return WARTA_TIMING_OVER;
  if (elapsed * 5 >= limit * 4)
    return WARTA_TIMING_NEAR;
  return WARTA_TIMING_WITHIN;
}

/* When the step is due, or 0 when it has no standard. */
gint64
warta_step_run_get_due (const WartaStepRun *run)
{
  g_return_val_if_fail (run != NULL, 0);

  if (run->standard_max < 0)
    return 0;
  return run->started_at + run->standard_max * WARTA_USEC_PER_MINUTE;
}

const char *
warta_timing_to_string (WartaTiming timing)
{
  switch (timing)
    {
    case WARTA_TIMING_WITHIN:
      return _("within the standard");
    case WARTA_TIMING_NEAR:
      return _("near the standard");
    case WARTA_TIMING_OVER:
      return _("over the standard");
    case WARTA_TIMING_NO_STANDARD:
    default:
      return _("no standard");
    }
}

/* A fixed token for machine-readable output. */
const char *
warta_timing_to_id (WartaTiming timing)
{
  static const char *ids[] = { "none", "within", "near", "over" };

  g_return_val_if_fail (timing < G_N_ELEMENTS (ids), NULL);
  return ids[timing];
}

/* Every duration Warta shows goes through here, so that a step's time,
 * its standard and a case's total read in the same units: "< 1 min",
 * "45 min", "2 h", "2 h 5 min", "1 d", "1 d 6 h". Whole minutes only: a
 * time under a minute is "< 1 min", never seconds, and a day shows its
 * hours but no longer its minutes. Zero is "0 min" (a standard may be). */
char *
warta_format_duration (gint64 usec)
{
  gint64 minutes;
  int d, h, m;

  if (usec <= 0)
    /* Translators: a duration of nothing, as a standard may be */
    return g_strdup_printf (C_("duration", "%d min"), 0);
  if (usec < WARTA_USEC_PER_MINUTE)
    /* Translators: a duration under a minute */
    return g_strdup (C_("duration", "< 1 min"));

  minutes = usec / WARTA_USEC_PER_MINUTE;
  d = (int) MIN (minutes / (24 * 60), G_MAXINT);
  h = (int) ((minutes / 60) % 24);
  m = (int) (minutes % 60);

  if (d > 0 && h > 0)
    /* Translators: a duration of days and hours: "1 d 6 h" */
    return g_strdup_printf (C_("duration", "%d d %d h"), d, h);
  if (d > 0)
    /* Translators: a duration of whole days: "2 d" */
    return g_strdup_printf (C_("duration", "%d d"), d);
  if (h > 0 && m > 0)
    /* Translators: a duration of hours and minutes: "2 h 5 min" */
    return g_strdup_printf (C_("duration", "%d h %d min"), h, m);
  if (h > 0)
    /* Translators: a duration of whole hours: "2 h" */
    return g_strdup_printf (C_("duration", "%d h"), h);
  /* Translators: a duration of minutes: "45 min" */
  return g_strdup_printf (C_("duration", "%d min"), m);
}

/* A standard, in the units of warta_format_duration(): "1 h", or
 * "30 min–1 h" for a range; NULL when the step has no standard. */
char *
warta_format_standard (int min,
                       int max)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (max < 0)
    return NULL;
  high = warta_format_duration (max * WARTA_USEC_PER_MINUTE);
  if (min < 0 || min == max)
    return g_steal_pointer (&high);
  low = warta_format_duration (min * WARTA_USEC_PER_MINUTE);
  /* Translators: a range of times, a step's standard: "30 min–1 h" */
  return g_strdup_printf (C_("time range", "%s–%s"), low, high);
}

/* A run's time as a timer shows it at @now: "1 h 5 min of 1 h", or
 * only the elapsed time when the step has no standard or @compact is set.
 * A completed run keeps the time it took. */
char *
warta_step_run_format_time (const WartaStepRun *run,
                            gint64              now,
                            gboolean            compact,
                            WartaTiming        *timing)
{
  g_autofree char *elapsed = NULL;
  g_autofree char *standard = NULL;

  g_return_val_if_fail (run != NULL, NULL);

  if (timing != NULL)
    *timing = warta_step_run_get_timing (run, now);

  elapsed = warta_format_duration (warta_step_run_get_elapsed (run, now));
  standard = warta_format_standard (run->standard_min, run->standard_max);
  if (compact || standard == NULL)
    return g_steal_pointer (&elapsed);

  /* Translators: the time a step has taken, then its standard:
   * "1 h 5 min of 1 h" */
  return g_strdup_printf (C_("step time", "%s of %s"), elapsed, standard);
}

/* How a run stands at @now, in words, as the flowchart shows it: the
 * active step's time so far, or how its last run ended and in what time.
 * A run that sent the case back or was answered tidak says so: it did not
 * finish the step. */
char *
warta_step_run_describe (const WartaStepRun *run,
                         gint64              now)
{
  g_autofree char *elapsed = NULL;
  WartaTiming timing;

  g_return_val_if_fail (run != NULL, NULL);

  elapsed = warta_format_duration (warta_step_run_get_elapsed (run, now));
  timing = warta_step_run_get_timing (run, now);

  if (run->completed_at == 0)
    /* Translators: the active step's time so far, then how it compares to the standard */
    return g_strdup_printf (_("Active %s, %s"), elapsed, warta_timing_to_string (timing));

  switch (run->outcome)
    {
    case WARTA_OUTCOME_RETURNED:
      /* Translators: a step that sent the case back to an earlier step, and when */
      return g_strdup_printf (_("Returned after %s"), elapsed);
    case WARTA_OUTCOME_NO:
      /* Translators: a decision answered no (tidak), and when */
      return g_strdup_printf (_("Answered no after %s"), elapsed);
    case WARTA_OUTCOME_NONE:
    case WARTA_OUTCOME_COMPLETED:
    case WARTA_OUTCOME_YES:
    case WARTA_OUTCOME_DISPOSED:
    default:
      if (timing == WARTA_TIMING_OVER)
        /* Translators: a done step's actual time, then how it compares to the standard */
        return g_strdup_printf (_("Done in %s, %s"), elapsed, warta_timing_to_string (timing));
      /* Translators: a done step's actual time */
      return g_strdup_printf (_("Done in %s"), elapsed);
    }
}

/* The names are translated here rather than taken from the C library's
 * LC_TIME, which may lack the Indonesian locale even when the interface
 * is in Indonesian. */
static const char *
weekday_name (int day)
{
  switch (day)
    {
    case 1: return C_("weekday", "Monday");
    case 2: return C_("weekday", "Tuesday");
    case 3: return C_("weekday", "Wednesday");
    case 4: return C_("weekday", "Thursday");
    case 5: return C_("weekday", "Friday");
    case 6: return C_("weekday", "Saturday");
    case 7: return C_("weekday", "Sunday");
    default: g_return_val_if_reached ("");
    }
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month", "January");
    case 2: return C_("month", "February");
    case 3: return C_("month", "March");
    case 4: return C_("month", "April");
    case 5: return C_("month", "May");
    case 6: return C_("month", "June");
    case 7: return C_("month", "July");
    case 8: return C_("month", "August");
    case 9: return C_("month", "September");
    case 10: return C_("month", "October");
    case 11: return C_("month", "November");
    case 12: return C_("month", "December");
    default: g_return_val_if_reached ("");
    }
}

static const char *
month_abbreviation (int month)
{
  switch (month)
    {
    case 1: return C_("month abbreviation", "Jan");
    case 2: return C_("month abbreviation", "Feb");
    case 3: return C_("month abbreviation", "Mar");
    case 4: return C_("month abbreviation", "Apr");
    case 5: return C_("month abbreviation", "May");
    case 6: return C_("month abbreviation", "Jun");
    case 7: return C_("month abbreviation", "Jul");
    case 8: return C_("month abbreviation", "Aug");
    case 9: return C_("month abbreviation", "Sep");
    case 10: return C_("month abbreviation", "Oct");
    case 11: return C_("month abbreviation", "Nov");
    case 12: return C_("month abbreviation", "Dec");
    default: g_return_val_if_reached ("");
    }
}

/* "Monday, 5 Jan 2026 08:30"; in Indonesian "Senin, 5 Jan 2026 08.30". */
char *
warta_format_date_time (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: weekday, day, abbreviated month, year, hours, minutes:
   * "Monday, 5 Jan 2026 08:30". Indonesian writes the time 08.30. */
  return g_strdup_printf (_("%s, %d %s %d %02d:%02d"),
                          weekday_name (g_date_time_get_day_of_week (datetime)),
                          g_date_time_get_day_of_month (datetime),
                          month_abbreviation (g_date_time_get_month (datetime)),
                          g_date_time_get_year (datetime),
                          g_date_time_get_hour (datetime),
                          g_date_time_get_minute (datetime));
}

/* "15 January 2025"; in Indonesian "15 Januari 2025". */
char *
warta_format_date (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  return g_strdup_printf ("%d %s %d",
                          g_date_time_get_day_of_month (datetime),
                          month_name (g_date_time_get_month (datetime)),
                          g_date_time_get_year (datetime));
}

/* An SOP's YYYY-MM-DD date written out; text that is not such a date comes
 * back as it is, and NULL as NULL. */
char *
warta_format_iso_date (const char *iso)
{
  g_autoptr(GDateTime) datetime = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  int year, month, day;
  char end;

  if (iso == NULL)
    return NULL;

  if (sscanf (iso, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return g_strdup (iso);

  utc = g_time_zone_new_utc ();
  datetime = g_date_time_new (utc, year, month, day, 0, 0, 0);
  if (datetime == NULL)
    return g_strdup (iso);
  return warta_format_date (datetime);
}
