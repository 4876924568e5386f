/* warta-timing.c: a step run's time against its standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

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

/* "2 h 05 min", "3 d 4 h", "45 s": short enough for lists. */
char *
warta_format_duration (gint64 usec)
{
  long long s = MAX (0, usec) / G_USEC_PER_SEC;
  long long d = s / 86400, h = (s / 3600) % 24, m = (s / 60) % 60;

  if (d > 0)
    /* Translators: days and hours */
    return g_strdup_printf (_("%lld d %lld h"), d, h);
  if (h > 0)
    /* Translators: hours and minutes */
    return g_strdup_printf (_("%lld h %02lld min"), h, m);
  if (m > 0)
    return g_strdup_printf (_("%lld min"), m);
  return g_strdup_printf (_("%lld s"), s % 60);
}
