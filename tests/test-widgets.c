/* test-widgets.c: the display-free logic of the widgets: the step timer's
 * text, the disposition chain's rows, and dates written out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-util.h"
#include "warta-chain-view.h"
#include "warta-timing.h"

/* Monday 5 January 2026, 08:00 UTC */
#define T0 (G_GINT64_CONSTANT (1767600000) * G_USEC_PER_SEC)
#define MINUTES(m) ((gint64)(m) * WARTA_USEC_PER_MINUTE)

static WartaStepRun
make_run (int    standard_min,
          int    standard_max,
          gint64 completed_after)
{
  WartaStepRun run = { 0 };

  run.standard_min = standard_min;
  run.standard_max = standard_max;
  run.started_at = T0;
  run.completed_at = completed_after ? T0 + completed_after : 0;
  return run;
}

static void
assert_timer (const WartaStepRun *run,
              gint64              now,
              const char         *expected,
              const char         *expected_compact,
              WartaTiming         expected_timing)
{
  g_autofree char *text = NULL;
  g_autofree char *compact = NULL;
  WartaTiming timing = -1;

  text = warta_step_run_format_time (run, now, FALSE, &timing);
  compact = warta_step_run_format_time (run, now, TRUE, NULL);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (compact, ==, expected_compact);
  g_assert_cmpint (timing, ==, expected_timing);
}

static void
test_timer_within (void)
{
  WartaStepRun run = make_run (60, 60, 0);

  assert_timer (&run, T0, "0 min of 1 h", "0 min", WARTA_TIMING_WITHIN);
  assert_timer (&run, T0 + 45 * G_USEC_PER_SEC, "< 1 min of 1 h", "< 1 min", WARTA_TIMING_WITHIN);
  assert_timer (&run, T0 + MINUTES (30), "30 min of 1 h", "30 min", WARTA_TIMING_WITHIN);
  assert_timer (&run, T0 + MINUTES (47) + 59 * G_USEC_PER_SEC, "47 min of 1 h", "47 min",
                WARTA_TIMING_WITHIN);
  g_assert_cmpstr (warta_timing_to_string (WARTA_TIMING_WITHIN), ==, "within the standard");
}

static void
test_timer_near (void)
{
  WartaStepRun run = make_run (60, 60, 0);

  /* Past 80% of the upper bound, up to and including the bound itself. */
  assert_timer (&run, T0 + MINUTES (48), "48 min of 1 h", "48 min", WARTA_TIMING_NEAR);
  assert_timer (&run, T0 + MINUTES (60), "1 h of 1 h", "1 h", WARTA_TIMING_NEAR);
}

static void
test_timer_over (void)
{
  WartaStepRun run = make_run (60, 60, 0);

  assert_timer (&run, T0 + MINUTES (65), "1 h 5 min of 1 h", "1 h 5 min", WARTA_TIMING_OVER);
  assert_timer (&run, T0 + MINUTES (60 * 27 + 10), "1 d 3 h of 1 h", "1 d 3 h", WARTA_TIMING_OVER);
}

static void
test_timer_range (void)
{
  WartaStepRun run = make_run (60, 180, 0);

  /* A range is judged by its upper bound. */
  assert_timer (&run, T0 + MINUTES (120), "2 h of 1 h–3 h", "2 h", WARTA_TIMING_WITHIN);
  assert_timer (&run, T0 + MINUTES (150), "2 h 30 min of 1 h–3 h", "2 h 30 min", WARTA_TIMING_NEAR);
  assert_timer (&run, T0 + MINUTES (181), "3 h 1 min of 1 h–3 h", "3 h 1 min", WARTA_TIMING_OVER);
}

static void
test_timer_no_standard (void)
{
  WartaStepRun run = make_run (WARTA_SOP_NO_STANDARD, WARTA_SOP_NO_STANDARD, 0);

  assert_timer (&run, T0 + MINUTES (65), "1 h 5 min", "1 h 5 min", WARTA_TIMING_NO_STANDARD);
  assert_timer (&run, T0 + MINUTES (60 * 24 * 9), "9 d", "9 d", WARTA_TIMING_NO_STANDARD);
}

static void
test_timer_completed (void)
{
  WartaStepRun quick = make_run (60, 60, MINUTES (20));
  WartaStepRun late = make_run (30, 30, MINUTES (95));

  /* A completed run keeps the time it took, however late it is read. */
  assert_timer (&quick, T0 + MINUTES (500), "20 min of 1 h", "20 min", WARTA_TIMING_WITHIN);
  assert_timer (&late, T0 + MINUTES (6000), "1 h 35 min of 30 min", "1 h 35 min", WARTA_TIMING_OVER);
}

static void
test_timer_clock_skew (void)
{
  WartaStepRun run = make_run (10, 10, 0);

  /* A clock behind the start does not count backwards. */
  assert_timer (&run, T0 - MINUTES (5), "0 min of 10 min", "0 min", WARTA_TIMING_WITHIN);
}

static void
test_format_standard (void)
{
  g_autofree char *plain = warta_format_standard (60, 60);
  g_autofree char *range = warta_format_standard (60, 180);
  g_autofree char *zero = warta_format_standard (0, 0);

  g_assert_cmpstr (plain, ==, "1 h");
  g_assert_cmpstr (range, ==, "1 h–3 h");
  g_assert_cmpstr (zero, ==, "0 min");
  g_assert_null (warta_format_standard (WARTA_SOP_NO_STANDARD, WARTA_SOP_NO_STANDARD));
}

static void
test_format_date_time (void)
{
  g_autoptr(GTimeZone) wib = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) monday = g_date_time_new (wib, 2026, 1, 5, 8, 30, 59);
  g_autoptr(GDateTime) sunday = g_date_time_new (wib, 2025, 12, 28, 23, 5, 0);
  g_autofree char *monday_text = warta_format_date_time (monday);
  g_autofree char *sunday_text = warta_format_date_time (sunday);
  g_autofree char *date = warta_format_date (sunday);

  g_assert_cmpstr (monday_text, ==, "Monday, 5 Jan 2026 08:30");
  g_assert_cmpstr (sunday_text, ==, "Sunday, 28 Dec 2025 23:05");
  g_assert_cmpstr (date, ==, "28 December 2025");
}

static void
test_format_iso_date (void)
{
  const struct {
    const char *iso;
    const char *expected;
  } cases[] = {
    { "2025-01-15", "15 January 2025" },
    { "2023-09-23", "23 September 2023" },
    { "2024-02-29", "29 February 2024" },
    /* Not a date: kept as written rather than lost. */
    { "2025-02-30", "2025-02-30" },
    { "2025-01-15T00:00", "2025-01-15T00:00" },
    { "23 September", "23 September" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = warta_format_iso_date (cases[i].iso);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  g_assert_null (warta_format_iso_date (NULL));
}

static WartaSop *
load_seed (const char *name)
{
  g_autofree char *path = test_db_seed_path (name);
  g_autoptr(GError) error = NULL;
  WartaSop *sop = warta_sop_new_from_file (path, &error);

  g_assert_no_error (error);
  return sop;
}

static WartaStepRun *
new_run (gint64        id,
         int           seq,
         const char   *step_id,
         const char   *lane,
         int           standard,
         gint64        started,
         gint64        took,
         gint64        by,
         WartaOutcome  outcome,
         const char   *note)
{
  WartaStepRun *run = g_new0 (WartaStepRun, 1);

  run->id = id;
  run->case_id = 1;
  run->seq = seq;
  run->step_id = g_strdup (step_id);
  run->lane = g_strdup (lane);
  run->standard_min = run->standard_max = standard;
  run->started_at = started;
  run->completed_at = outcome == WARTA_OUTCOME_NONE ? 0 : started + took;
  run->completed_by = by;
  run->outcome = outcome;
  run->note = g_strdup (note);
  return run;
}

static WartaDisposition *
new_disposition (gint64      run_id,
                 gint64      from,
                 gint64      to,
                 const char *instruction)
{
  WartaDisposition *disposition = g_new0 (WartaDisposition, 1);

  disposition->case_id = 1;
  disposition->run_id = run_id;
  disposition->from_user = from;
  disposition->to_user = to;
  disposition->instruction = g_strdup (instruction);
  return disposition;
}

static GHashTable *
new_names (void)
{
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  const char *list[] = { "Siti Aminah", "Budi Santoso", "dr. Ratna Hapsari" };

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    g_hash_table_insert (names, g_memdup2 (&(gint64) { i + 1 }, sizeof (gint64)), g_strdup (list[i]));
  return names;
}

static const WartaChainRow *
row_at (GPtrArray *rows,
        guint      i)
{
  g_assert_cmpuint (i, <, rows->len);
  return g_ptr_array_index (rows, i);
}

/* Runs written by hand, given out of order, with a disposition of another
 * run that must not be matched. */
static void
test_chain_rows (void)
{
  g_autoptr(WartaSop) sop = load_seed ("003-bkk-palembang-publikasi-medsos-website.json");
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_step_run_free);
  g_autoptr(GPtrArray) dispositions = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_disposition_free);
  g_autoptr(GHashTable) names = new_names ();
  g_autoptr(GTimeZone) wib = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GPtrArray) rows = NULL;
  const WartaChainRow *row;
  const WartaSopStep *step;
  gint64 t = T0;

  step = warta_sop_lookup_step (sop, "4");
  g_assert_nonnull (step);
  g_assert_true (warta_sop_step_is_decision (step));

  /* seq 1 completed, 2 disposed, 5 active, 3 tidak with a reason, 4 returned */
  g_ptr_array_add (runs, new_run (15, 5, "3", "pranata-humas", 60, t + MINUTES (300), 0, 0,
                                  WARTA_OUTCOME_NONE, NULL));
  g_ptr_array_add (runs, new_run (11, 1, "1", "x-lane", 30, t, MINUTES (20), 1,
                                  WARTA_OUTCOME_COMPLETED, "Data terlampir"));
  g_ptr_array_add (runs, new_run (13, 3, "4", "tim-ppid", 60, t + MINUTES (100), MINUTES (50), 2,
                                  WARTA_OUTCOME_NO, "Foto kurang jelas"));
  g_ptr_array_add (runs, new_run (12, 2, "2", "x-lane", 30, t + MINUTES (20), MINUTES (80), 1,
                                  WARTA_OUTCOME_DISPOSED, "Tulis beritanya"));
  g_ptr_array_add (runs, new_run (14, 4, "3", "pranata-humas", 60, t + MINUTES (150), MINUTES (150), 9,
                                  WARTA_OUTCOME_RETURNED, "Judul salah"));
  g_ptr_array_add (dispositions, new_disposition (99, 3, 1, "Bukan untuk run ini"));
  g_ptr_array_add (dispositions, new_disposition (12, 1, 2, "Segera tulis beritanya"));

  /* The active run is held by whoever it was assigned to. */
  ((WartaStepRun *)g_ptr_array_index (runs, 0))->assignee = 3;

  rows = warta_chain_view_build_rows (sop, runs, dispositions, names, t + MINUTES (400), wib);
  g_assert_cmpuint (rows->len, ==, 5);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (row_at (rows, i)->seq, ==, i + 1);

  row = row_at (rows, 0);
  g_assert_cmpstr (row->step_id, ==, "1");
  g_assert_cmpstr (row->step_text, ==, warta_sop_lookup_step (sop, "1")->text);
  g_assert_cmpstr (row->lane_name, ==, "x-lane");   /* not a lane of the SOP: its id */
  g_assert_cmpint (row->outcome, ==, WARTA_OUTCOME_COMPLETED);
  g_assert_cmpstr (row->title, ==, "Completed");
  g_assert_cmpstr (row->detail, ==, "Data terlampir");
  g_assert_cmpstr (row->actor, ==, "Siti Aminah");
  g_assert_cmpstr (row->when, ==, "Monday, 5 Jan 2026 15:20");
  g_assert_cmpstr (row->time_text, ==, "20 min of 30 min");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_WITHIN);

  row = row_at (rows, 1);
  g_assert_cmpstr (row->title, ==, "Disposed to Budi Santoso");
  g_assert_cmpstr (row->detail, ==, "“Segera tulis beritanya”");
  g_assert_cmpstr (row->actor, ==, "Siti Aminah");
  g_assert_cmpstr (row->time_text, ==, "1 h 20 min of 30 min");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_OVER);

  row = row_at (rows, 2);
  g_assert_cmpstr (row->title, ==, "Decided: tidak");
  g_assert_cmpstr (row->detail, ==, "Reason: Foto kurang jelas");
  g_assert_cmpstr (row->actor, ==, "Budi Santoso");
  g_assert_cmpstr (row->lane_name, ==, warta_sop_lookup_lane (sop, "tim-ppid")->name);
  g_assert_cmpstr (row->time_text, ==, "50 min of 1 h");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_NEAR);

  /* The step it went back to is the one the next run is of. */
  row = row_at (rows, 3);
  g_assert_cmpstr (row->title, ==, "Returned to step 3");
  g_assert_cmpstr (row->detail, ==, "Reason: Judul salah");
  g_assert_cmpstr (row->actor, ==, "User #9");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_OVER);

  row = row_at (rows, 4);
  g_assert_cmpint (row->outcome, ==, WARTA_OUTCOME_NONE);
  g_assert_cmpstr (row->title, ==, "In progress");
  g_assert_null (row->detail);
  g_assert_cmpstr (row->actor, ==, "dr. Ratna Hapsari");
  g_assert_cmpstr (row->when, ==, "Monday, 5 Jan 2026 20:00");
  g_assert_cmpstr (row->time_text, ==, "1 h 40 min of 1 h");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_OVER);
  g_assert_true (row->run == g_ptr_array_index (runs, 0));
}

static void
test_chain_rows_edges (void)
{
  g_autoptr(WartaSop) sop = load_seed ("002-bbkk-medan-publikasi-website.json");
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_step_run_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const WartaChainRow *row;

  none = warta_chain_view_build_rows (sop, NULL, NULL, NULL, T0, utc);
  g_assert_cmpuint (none->len, ==, 0);

  /* A disposition not found, a blank note, a return with nothing after
   * it, an active run open to the whole lane, a step the SOP lacks. */
  g_ptr_array_add (runs, new_run (1, 1, "4", "kepala-satker", 10, T0, MINUTES (5), 1,
                                  WARTA_OUTCOME_DISPOSED, "Teruskan"));
  g_ptr_array_add (runs, new_run (2, 2, "5", "katimker-layanan-publik-zi", 60, T0, MINUTES (5), 2,
                                  WARTA_OUTCOME_YES, "  "));
  g_ptr_array_add (runs, new_run (3, 3, "6", "admin-website", 30, T0, MINUTES (5), 2,
                                  WARTA_OUTCOME_RETURNED, "Ulangi"));
  g_ptr_array_add (runs, new_run (4, 4, "99", "admin-website", WARTA_SOP_NO_STANDARD, T0, 0, 0,
                                  WARTA_OUTCOME_NONE, NULL));

  rows = warta_chain_view_build_rows (sop, runs, NULL, NULL, T0 + MINUTES (1), utc);
  g_assert_cmpuint (rows->len, ==, 4);

  row = row_at (rows, 0);
  g_assert_cmpstr (row->title, ==, "Disposed");
  g_assert_cmpstr (row->detail, ==, "“Teruskan”");
  g_assert_cmpstr (row->actor, ==, "User #1");
  g_assert_cmpstr (row->when, ==, "Monday, 5 Jan 2026 08:05");

  row = row_at (rows, 1);
  g_assert_cmpstr (row->title, ==, "Decided: ya");
  g_assert_null (row->detail);

  row = row_at (rows, 2);
  g_assert_cmpstr (row->title, ==, "Returned to step 99");

  row = row_at (rows, 3);
  g_assert_null (row->step_text);
  g_assert_cmpstr (row->actor, ==, "Admin Website");
  g_assert_cmpstr (row->time_text, ==, "1 min");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_NO_STANDARD);

  g_ptr_array_remove_index (runs, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = warta_chain_view_build_rows (sop, runs, NULL, NULL, T0, utc);
  g_assert_cmpstr (row_at (rows, 2)->title, ==, "Returned");
}

/* A case of seed 002 driven through the engine: the rows come from what
 * the store lists, as the case view will give them. */
static void
test_chain_rows_engine (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 staff, katim, kepala, case_id;
  const WartaChainRow *row;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  katim = test_db_add_user (db, "katim", "katimker-layanan-publik-zi", NULL);
  kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  for (gint64 id = 1; id <= kepala; id++)
    {
      g_autoptr(WartaUser) user = warta_store_get_user (db->store, id, NULL);

      if (user != NULL)
        g_hash_table_insert (names, g_memdup2 (&id, sizeof id), g_strdup (user->full_name));
    }

  case_id = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "Rilis vaksinasi", &error);
  g_assert_no_error (error);
  test_db_write_naskah (db, staff, case_id);
  test_db_advance (db, 40);
  g_assert_true (warta_engine_complete (db->engine, staff, case_id, "Konsep siap", &error));
  test_db_advance (db, 25);
  test_db_meet_requirements (db, staff, case_id);
  g_assert_true (warta_engine_complete (db->engine, staff, case_id, NULL, &error));
  test_db_advance (db, 70);
  g_assert_true (warta_engine_complete (db->engine, katim, case_id, NULL, &error));
  test_db_advance (db, 9);
  g_assert_true (warta_engine_dispose (db->engine, kepala, case_id, katim, "Periksa dan teruskan", &error));
  test_db_advance (db, 15);
  g_assert_true (warta_engine_return (db->engine, katim, case_id, "3", "Data dukung kurang", &error));
  g_assert_no_error (error);
  test_db_advance (db, 50);

  sop = warta_engine_get_sop (db->engine, "bbkk-medan-publikasi-website", 0, &error);
  runs = warta_store_list_runs (db->store, case_id, &error);
  dispositions = warta_store_list_dispositions (db->store, case_id, &error);
  g_assert_no_error (error);

  rows = warta_chain_view_build_rows (sop, runs, dispositions, names, db->now, utc);
  g_assert_cmpuint (rows->len, ==, 6);

  g_assert_cmpstr (row_at (rows, 0)->title, ==, "Completed");
  g_assert_cmpstr (row_at (rows, 0)->detail, ==, "Konsep siap");
  g_assert_cmpstr (row_at (rows, 0)->actor, ==, "User staf");
  g_assert_cmpstr (row_at (rows, 0)->when, ==, "Monday, 5 Jan 2026 08:40");
  g_assert_cmpstr (row_at (rows, 0)->time_text, ==, "40 min of 1 h");
  g_assert_cmpstr (row_at (rows, 2)->time_text, ==, "1 h 10 min of 1 h");
  g_assert_cmpint (row_at (rows, 2)->timing, ==, WARTA_TIMING_OVER);

  row = row_at (rows, 3);
  g_assert_cmpstr (row->step_id, ==, "4");
  g_assert_cmpstr (row->actor, ==, "User kepala");
  g_assert_cmpstr (row->title, ==, "Disposed to User katim");
  g_assert_cmpstr (row->detail, ==, "“Periksa dan teruskan”");
  g_assert_cmpstr (row->time_text, ==, "9 min of 10 min");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_NEAR);

  row = row_at (rows, 4);
  g_assert_cmpstr (row->title, ==, "Returned to step 3");
  g_assert_cmpstr (row->detail, ==, "Reason: Data dukung kurang");

  row = row_at (rows, 5);
  g_assert_cmpstr (row->step_id, ==, "3");
  g_assert_cmpstr (row->title, ==, "In progress");
  g_assert_cmpstr (row->actor, ==, "User katim");
  g_assert_cmpstr (row->when, ==, "Monday, 5 Jan 2026 10:39");
  g_assert_cmpstr (row->time_text, ==, "50 min of 1 h");
  g_assert_cmpint (row->timing, ==, WARTA_TIMING_NEAR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-logic/timer/within", test_timer_within);
  g_test_add_func ("/ui-logic/timer/near", test_timer_near);
  g_test_add_func ("/ui-logic/timer/over", test_timer_over);
  g_test_add_func ("/ui-logic/timer/range", test_timer_range);
  g_test_add_func ("/ui-logic/timer/no-standard", test_timer_no_standard);
  g_test_add_func ("/ui-logic/timer/completed", test_timer_completed);
  g_test_add_func ("/ui-logic/timer/clock-skew", test_timer_clock_skew);
  g_test_add_func ("/ui-logic/format/standard", test_format_standard);
  g_test_add_func ("/ui-logic/format/date-time", test_format_date_time);
  g_test_add_func ("/ui-logic/format/iso-date", test_format_iso_date);
  g_test_add_func ("/ui-logic/chain/rows", test_chain_rows);
  g_test_add_func ("/ui-logic/chain/edges", test_chain_rows_edges);
  g_test_add_func ("/ui-logic/chain/engine", test_chain_rows_engine);

  return g_test_run ();
}
