/* pg-race-desk.c: one desk of test-pg-faults.c's crowd on one berkas
 *
 * pg-race-desk CONNINFO LOGIN CASE ATTEMPTS
 *
 * Reads the berkas and does what its active step asks (complete, decide,
 * dispose to LOGIN), on the step it saw, ATTEMPTS times, as fast as it
 * can. A decision says tidak (back to the writer) until the berkas has
 * 120 step runs, then ya. Every attempt prints one line: "ok STEP" or
 * "refused STEP: MESSAGE", the message as a person would read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "warta-engine.h"

#define YES_AFTER_RUNS 120

static gboolean
act (WartaEngine  *engine,
     gint64        actor,
     gint64        case_id,
     const char  **step_id,
     GError      **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  const WartaSopStep *step;
  static char seen[64];

  *step_id = "-";
  if (!(kase = warta_store_get_case (store, case_id, error)))
    return FALSE;
  if (kase->active == NULL)
    return warta_engine_complete_step (engine, actor, case_id, NULL, NULL, error);
  g_strlcpy (seen, kase->active->step_id, sizeof seen);
  *step_id = seen;
  if (!(sop = warta_engine_get_sop (engine, kase->sop_id, kase->sop_version, error)))
    return FALSE;
  step = warta_sop_lookup_step (sop, seen);

  if (warta_sop_step_is_decision (step))
    {
      if (!(runs = warta_store_list_runs (store, case_id, error)))
        return FALSE;
      return warta_engine_decide_step (engine, actor, case_id, seen, runs->len >= YES_AFTER_RUNS,
                                       "desak", error);
    }
  if (step->action == WARTA_SOP_ACTION_DISPOSE)
    return warta_engine_dispose_step (engine, actor, case_id, seen, actor, "Kerjakan",
                                      WARTA_SIFAT_BIASA, 0, error);
  return warta_engine_complete_step (engine, actor, case_id, seen, NULL, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id;
  guint attempts;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s CONNINFO LOGIN CASE ATTEMPTS\n", argv[0]);
      return 2;
    }
  case_id = g_ascii_strtoll (argv[3], NULL, 10);
  attempts = (guint)g_ascii_strtoull (argv[4], NULL, 10);

  if (!(engine = warta_engine_open (argv[1], &error)) ||
      !(user = warta_store_find_user (warta_engine_get_store (engine), argv[2], NULL, &error)))
    {
      printf ("failed: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < attempts; i++)
    {
      const char *step_id = "-";

      if (act (engine, user->id, case_id, &step_id, &error))
        printf ("ok %s\n", step_id);
      else
        printf ("refused %s: %s\n", step_id, error->message);
      g_clear_error (&error);
    }
  return 0;
}
