/* bench-cli-ref.c: what warta-cli does for one command, by the core alone
 *
 *   bench-cli-ref DB show ID
 *   bench-cli-ref DB naskah ID LOGIN TITLE     (password in WARTA_PASSWORD)
 *
 * The reference of bench-cli.c: a program that links only warta-core and
 * makes the same engine calls as “warta-cli --db DB case show ID” and
 * “warta-cli --db DB case naskah ID --as LOGIN --title TITLE”, printing
 * the same text (bench-cli.c compares it), with nothing else around them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "warta-engine.h"
#include "warta-timing.h"

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return g_strdup ("-");
  dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

static char *
format_standard (int min,
                 int max)
{
  char *text = warta_format_standard (min, max);

  return text ? text : g_strdup ("none");
}

static char *
user_login (WartaStore *store,
            gint64      id)
{
  g_autoptr(WartaUser) user = NULL;

  if (id == 0)
    return g_strdup ("-");
  user = warta_store_get_user (store, id, NULL);
  return user ? g_strdup (user->login) : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

static int
fail (const GError *error)
{
  g_printerr ("bench-cli-ref: %s\n", error->message);
  return 1;
}

static void
print_case (WartaStore  *store,
            WartaCase   *kase,
            WartaSop    *sop,
            WartaNaskah *naskah,
            GPtrArray   *runs,
            GPtrArray   *dispositions,
            gint64       now)
{
  g_autofree char *total_text = NULL;
  g_autofree char *sop_total = NULL;
  gint64 total = 0;
  int sop_min, sop_max;

  g_print ("Case %lld: %s\n", (long long) kase->id, kase->title);
  g_print ("SOP: %s (version %d) %s\n", kase->sop_id, kase->sop_version, warta_sop_get_name (sop));
  g_print ("State: %s\n", warta_case_state_describe (kase->state));

  if (kase->active != NULL)
    {
      const WartaSopStep *step = warta_sop_lookup_step (sop, kase->active->step_id);
      g_autofree char *holder = kase->active->assignee != 0 ? user_login (store, kase->active->assignee)
                                                            : g_strdup_printf ("lane:%s", kase->active->lane);
      g_autofree char *elapsed = warta_format_duration (warta_step_run_get_elapsed (kase->active, now));
      g_autofree char *standard = format_standard (kase->active->standard_min, kase->active->standard_max);

      g_print ("Active step: %s (lane %s): %s\n", step->id, step->lane, warta_sop_action_describe (step->action));
      g_print ("  %s\n", step->text);
      g_print ("  Held by: %s\n", holder);
      g_print ("  Elapsed: %s of %s (%s)\n", elapsed, standard,
               warta_timing_to_string (warta_step_run_get_timing (kase->active, now)));
    }

  if (!warta_naskah_is_empty (naskah) || naskah->updated_at != 0)
    {
      g_print ("Naskah: %s\n", naskah->title);
      for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
        if (naskah->five_w[i] != NULL)
          g_print ("  %s: %s\n", warta_5w1h_label (i), naskah->five_w[i]);
    }

  g_print ("History:\n");
  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);
      g_autofree char *started = format_time (run->started_at);
      g_autofree char *completed = format_time (run->completed_at);
      g_autofree char *by = user_login (store, run->completed_by);
      g_autofree char *standard = format_standard (run->standard_min, run->standard_max);
      g_autofree char *elapsed = NULL;
      gint64 took = warta_step_run_get_elapsed (run, now);

      total += took;
      elapsed = warta_format_duration (took);
      g_print ("  %d\t%s\t%s\t%s → %s\t%s\t%s / %s\t%s%s%s\n", run->seq, run->step_id, run->lane,
               started, completed, by, elapsed, standard, warta_outcome_describe (run->outcome),
               run->note ? "\t" : "", run->note ? run->note : "");
    }

  if (dispositions->len > 0)
    g_print ("Dispositions:\n");
  for (guint i = 0; i < dispositions->len; i++)
    {
      const WartaDisposition *d = g_ptr_array_index (dispositions, i);
      g_autofree char *from = user_login (store, d->from_user);
      g_autofree char *to = user_login (store, d->to_user);
      g_autofree char *at = format_time (d->created_at);
      g_autofree char *boxes = warta_arahan_boxes_to_string (d->arahan_boxes);

      g_print ("  %s\t%s → %s\t%s\t%s%s%s\n", at, from, to, d->instruction, warta_sifat_to_string (d->sifat),
               *boxes != '\0' ? "\t" : "", boxes);
    }

  warta_sop_get_total_standard (sop, &sop_min, &sop_max);
  total_text = warta_format_duration (total);
  sop_total = format_standard (sop_min, sop_max);
  g_print ("Total: %s of the SOP's %s\n", total_text, sop_total);
}

static int
show (WartaStore  *store,
      WartaEngine *engine,
      gint64       id)
{
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(GError) error = NULL;

  if (!(kase = warta_store_get_case (store, id, &error)) ||
      !(sop = warta_engine_get_sop (engine, kase->sop_id, kase->sop_version, &error)) ||
      !(runs = warta_store_list_runs (store, id, &error)) ||
      !(dispositions = warta_store_list_dispositions (store, id, &error)) ||
      !(naskah = warta_store_get_naskah (store, id, &error)))
    return fail (error);
  print_case (store, kase, sop, naskah, runs, dispositions, warta_engine_now (engine));
  return 0;
}

static int
save_title (WartaStore  *store,
            WartaEngine *engine,
            gint64       id,
            const char  *login,
            const char  *title)
{
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = g_getenv ("WARTA_PASSWORD");
  gint64 actor;

  if (password == NULL)
    {
      g_printerr ("bench-cli-ref: no password: set WARTA_PASSWORD\n");
      return 1;
    }
  if (!(actor = warta_engine_authenticate (engine, login, password, &error)))
    return fail (error);
  if (!(naskah = warta_store_get_naskah (store, id, &error)))
    return fail (error);
  g_free (naskah->title);
  naskah->title = g_strdup (title);
  if (!warta_engine_save_naskah (engine, actor, naskah, &error))
    return fail (error);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(WartaStore) store = NULL;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  setlocale (LC_ALL, "");
  if (!(argc == 4 && g_str_equal (argv[2], "show")) && !(argc == 6 && g_str_equal (argv[2], "naskah")))
    {
      g_printerr ("usage: bench-cli-ref DB show ID | DB naskah ID LOGIN TITLE\n");
      return 2;
    }
  id = g_ascii_strtoll (argv[3], NULL, 10);

  if (!(store = warta_store_open (argv[1], &error)))
    return fail (error);
  if (warta_store_get_warning (store) != NULL)
    g_printerr ("bench-cli-ref: %s\n", warta_store_get_warning (store));
  engine = warta_engine_new (store);

  if (g_str_equal (argv[2], "show"))
    return show (store, engine, id);
  return save_title (store, engine, id, argv[4], argv[5]);
}
