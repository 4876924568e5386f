/* test-engine.c: every seed SOP driven through the engine, and refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "warta-timing.h"

static const char *seeds[] = {
  "000-bbtklpp-jakarta-pengelolaan-website.json",
  "001-dinkes-kaltim-website-informasi-publik.json",
  "002-bbkk-medan-publikasi-website.json",
  "003-bkk-palembang-publikasi-medsos-website.json",
  "004-balkesbang-pengelolaan-website.json",
};

typedef struct
{
  TestDb     *db;
  WartaSop   *sop;
  GHashTable *lane_users;   /* lane → gint64 user id, as a pointer */
  gint64      outsider;     /* holds a role in no lane of the SOP */
} Drive;

static Drive *
drive_new (const char *seed)
{
  g_autofree char *path = test_db_seed_path (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) file_sop = warta_sop_new_from_file (path, &error);
  Drive *d = g_new0 (Drive, 1);

  g_assert_no_error (error);
  d->db = test_db_new ();
  test_db_install_seeds (d->db);
  d->sop = warta_engine_get_sop (d->db->engine, warta_sop_get_id (file_sop), 0, &error);
  g_assert_no_error (error);
  d->lane_users = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < warta_sop_get_n_lanes (d->sop); i++)
    {
      const WartaSopLane *lane = warta_sop_get_lane (d->sop, i);
      g_autofree char *login = g_strdup_printf ("%s-1", lane->id);
      gint64 id = test_db_add_user (d->db, login, lane->id, NULL);

      g_hash_table_insert (d->lane_users, lane->id, GSIZE_TO_POINTER (id));
    }
  d->outsider = test_db_add_user (d->db, "outsider", "admin", NULL);
  return d;
}

static void
drive_free (Drive *d)
{
  g_hash_table_unref (d->lane_users);
  g_object_unref (d->sop);
  test_db_free (d->db);
  g_free (d);
}

static gint64
lane_user (Drive      *d,
           const char *lane)
{
  gint64 id = GPOINTER_TO_SIZE (g_hash_table_lookup (d->lane_users, lane));

  g_assert_cmpint (id, >, 0);
  return id;
}

/* Runs a case of the SOP to its end: ya at every decision except the first
 * visit of no_at (tidak there), and a return to the first step with a
 * reason when return_at first becomes active. Checks on the way that no one
 * outside the step's lane may act. Returns the case id. */
static gint64
drive_case (Drive      *d,
            const char *no_at,
            const char *return_at)
{
  g_autoptr(GError) error = NULL;
  gboolean said_no = FALSE, returned = FALSE;
  gint64 case_id;
  guint n_actions = 0;

  case_id = warta_engine_start_case (d->db->engine, lane_user (d, warta_sop_get_step (d->sop, 0)->lane),
                                     warta_sop_get_id (d->sop), "Rilis kegiatan", &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_id, >, 0);

  for (;;)
    {
      g_autoptr(WartaCase) kase = warta_store_get_case (d->db->store, case_id, &error);
      const WartaSopStep *step;
      gint64 actor;

      g_assert_no_error (error);
      if (kase->state != WARTA_CASE_OPEN)
        {
          g_assert_null (kase->active);
          g_assert_cmpint (kase->finished_at, ==, d->db->now);
          break;
        }

      g_assert_nonnull (kase->active);
      g_assert_cmpint (++n_actions, <, 200);
      step = warta_sop_lookup_step (d->sop, kase->active->step_id);
      g_assert_nonnull (step);
      g_assert_cmpstr (kase->active->lane, ==, step->lane);
      g_assert_cmpint (kase->active->standard_min, ==, step->standard_min);
      g_assert_cmpint (kase->active->standard_max, ==, step->standard_max);
      g_assert_cmpint (kase->active->started_at, ==, d->db->now);
      actor = kase->active->assignee ? kase->active->assignee : lane_user (d, step->lane);

      /* Someone of no lane of this SOP is refused, and nothing changes. */
      g_assert_false (warta_engine_complete (d->db->engine, d->outsider, case_id, NULL, &error));
      g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
      g_clear_error (&error);

      test_db_advance (d->db, 7);

      if (!returned && g_strcmp0 (return_at, step->id) == 0)
        {
          const WartaSopStep *first = warta_sop_get_step (d->sop, 0);

          returned = TRUE;
          g_assert_true (warta_engine_return (d->db->engine, actor, case_id, first->id,
                                              "Judul belum sesuai", &error));
          g_assert_no_error (error);
          continue;
        }

      if (warta_sop_step_is_decision (step))
        {
          gboolean yes = !(g_strcmp0 (no_at, step->id) == 0 && !said_no);

          said_no |= !yes;
          g_assert_true (warta_engine_decide (d->db->engine, actor, case_id, yes,
                                              yes ? NULL : "Belum layak", &error));
        }
      else if (step->action == WARTA_SOP_ACTION_DISPOSE)
        {
          const WartaSopStep *next = warta_sop_get_next_step (d->sop, step);

          g_assert_nonnull (next);
          g_assert_true (warta_engine_dispose (d->db->engine, actor, case_id, lane_user (d, next->lane),
                                               "Segera tindak lanjuti", &error));
        }
      else
        {
          if (step->action == WARTA_SOP_ACTION_COMPOSE)
            {
              g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (d->db->store, case_id, NULL);

              /* A writing step needs its naskah before it can complete. */
              if (warta_naskah_is_empty (naskah))
                {
                  g_assert_false (warta_engine_complete (d->db->engine, actor, case_id, NULL, &error));
                  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
                  g_clear_error (&error);
                }
              test_db_write_naskah (d->db, actor, case_id);
            }
          test_db_meet_requirements (d->db, actor, case_id);
          g_assert_true (warta_engine_complete (d->db->engine, actor, case_id, "selesai", &error));
        }
      g_assert_no_error (error);
    }

  if (no_at != NULL)
    g_assert_true (said_no);
  if (return_at != NULL)
    g_assert_true (returned);
  return case_id;
}

static const WartaStepRun *
find_run (GPtrArray  *runs,
          const char *step_id,
          guint       from)
{
  for (guint i = from; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);

      if (g_str_equal (run->step_id, step_id))
        return run;
    }
  return NULL;
}

/* The history follows the SOP's flow: each run's successor is the step its
 * outcome leads to, every run is timed and has its actor. */
static void
check_history (Drive  *d,
               gint64  case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = warta_store_list_runs (d->db->store, case_id, &error);
  g_autoptr(WartaCase) kase = warta_store_get_case (d->db->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (((WartaStepRun *)g_ptr_array_index (runs, 0))->step_id, ==,
                   warta_sop_get_step (d->sop, 0)->id);

  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);
      const WartaSopStep *step = warta_sop_lookup_step (d->sop, run->step_id);
      const WartaStepRun *after = i + 1 < runs->len ? g_ptr_array_index (runs, i + 1) : NULL;
      const char *expected = NULL;

      g_assert_cmpint (run->seq, ==, i + 1);
      g_assert_cmpint (run->completed_at, >, run->started_at);
      g_assert_cmpint (warta_step_run_get_elapsed (run, 0), ==, 7 * WARTA_USEC_PER_MINUTE);
      g_assert_cmpint (run->completed_by, >, 0);

      switch (run->outcome)
        {
        case WARTA_OUTCOME_YES:
          expected = step->yes;
          break;
        case WARTA_OUTCOME_NO:
          expected = step->no;
          break;
        case WARTA_OUTCOME_COMPLETED:
        case WARTA_OUTCOME_DISPOSED:
          expected = step->next;
          break;
        case WARTA_OUTCOME_RETURNED:
          g_assert_cmpstr (run->note, ==, "Judul belum sesuai");
          expected = warta_sop_get_step (d->sop, 0)->id;
          break;
        case WARTA_OUTCOME_NONE:
        default:
          g_assert_not_reached ();
        }

      if (after == NULL)
        {
          g_assert_null (expected);
          g_assert_cmpint (kase->state, ==,
                           step->end == WARTA_SOP_END_REJECTED ? WARTA_CASE_REJECTED : WARTA_CASE_DONE);
        }
      else
        g_assert_cmpstr (after->step_id, ==, expected);
    }
}

static void
test_drive_seed (gconstpointer data)
{
  const char *seed = data;
  Drive *d = drive_new (seed);
  g_autoptr(GError) error = NULL;
  gint64 case_id;
  gint64 n_events = 0;

  /* Straight through, ya at every decision. */
  case_id = drive_case (d, NULL, NULL);
  check_history (d, case_id);

  /* A return with a reason from the third step to the first. */
  if (warta_sop_get_n_steps (d->sop) >= 3)
    {
      case_id = drive_case (d, NULL, warta_sop_get_step (d->sop, 2)->id);
      check_history (d, case_id);
    }

  /* tidak at every decision step, one case each. */
  for (guint i = 0; i < warta_sop_get_n_steps (d->sop); i++)
    {
      const WartaSopStep *step = warta_sop_get_step (d->sop, i);
      g_autoptr(GPtrArray) runs = NULL;
      const WartaStepRun *no_run;

      if (!warta_sop_step_is_decision (step))
        continue;

      case_id = drive_case (d, step->id, NULL);
      check_history (d, case_id);
      runs = warta_store_list_runs (d->db->store, case_id, &error);
      no_run = find_run (runs, step->id, 0);
      g_assert_nonnull (no_run);
      g_assert_cmpint (no_run->outcome, ==, WARTA_OUTCOME_NO);
      g_assert_cmpstr (((WartaStepRun *)g_ptr_array_index (runs, no_run->seq))->step_id, ==, step->no);
    }

  g_assert_true (warta_journal_verify (d->db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, >, 0);
  drive_free (d);
}

/* Seed 003's decisions: tidak at 4 goes back to the writer at 3, and the
 * writer (not the whole lane) holds it again. */
static void
test_decision_returns_to_author (void)
{
  Drive *d = drive_new (seeds[3]);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 second_writer, case_id;

  second_writer = test_db_add_user (d->db, "humas-2", "pranata-humas", NULL);
  case_id = drive_case (d, "4", NULL);
  check_history (d, case_id);

  /* A new case: step 2 disposes to the second writer; after tidak at 4,
   * step 3 comes back to that person alone. */
  case_id = warta_engine_start_case (d->db->engine, lane_user (d, "subbag-tim-kerja"),
                                     warta_sop_get_id (d->sop), "Liputan", &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (d->db->engine, lane_user (d, "subbag-tim-kerja"), case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (d->db->engine, lane_user (d, "subbag-tim-kerja"), case_id,
                                       second_writer, "Tulis 5W+1H", &error));
  test_db_write_naskah (d->db, second_writer, case_id);
  test_db_meet_requirements (d->db, second_writer, case_id);
  g_assert_true (warta_engine_complete (d->db->engine, second_writer, case_id, NULL, &error));
  g_assert_true (warta_engine_decide (d->db->engine, lane_user (d, "tim-ppid"), case_id, FALSE, "Lengkapi", &error));
  g_assert_no_error (error);

  kase = warta_store_get_case (d->db->store, case_id, &error);
  g_assert_cmpstr (kase->active->step_id, ==, "3");
  g_assert_cmpint (kase->active->assignee, ==, second_writer);
  g_assert_false (warta_engine_complete (d->db->engine, lane_user (d, "pranata-humas"), case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  drive_free (d);
}

typedef struct
{
  gint64 runs, dispositions, events, open_cases;
} Counts;

static Counts
counts (TestDb *db)
{
  Counts c = {
    test_db_count (db, "SELECT count(*) FROM step_runs"),
    test_db_count (db, "SELECT count(*) FROM dispositions"),
    test_db_count (db, "SELECT count(*) FROM journal"),
    test_db_count (db, "SELECT count(*) FROM cases WHERE state = 'open'"),
  };
  return c;
}

static void
assert_unchanged (TestDb *db,
                  Counts  before)
{
  Counts after = counts (db);

  g_assert_cmpint (after.runs, ==, before.runs);
  g_assert_cmpint (after.dispositions, ==, before.dispositions);
  g_assert_cmpint (after.events, ==, before.events);
  g_assert_cmpint (after.open_cases, ==, before.open_cases);
}

#define ASSERT_REFUSED(db, call, code) G_STMT_START {                 \
    Counts before_ = counts (db);                                     \
    g_autoptr(GError) error_ = NULL;                                  \
    GError **err = &error_;                                           \
    g_assert_false (call);                                            \
    g_assert_error (error_, WARTA_ENGINE_ERROR, code);                \
    g_assert_cmpstr (error_->message, !=, "");                        \
    assert_unchanged (db, before_);                                   \
  } G_STMT_END

static void
test_refusals (void)
{
  Drive *d = drive_new (seeds[2]);
  TestDb *db = d->db;
  WartaEngine *e = db->engine;
  g_autoptr(GError) error = NULL;
  gint64 staff = lane_user (d, "staff-tim-kerja");
  gint64 katim = lane_user (d, "katimker-layanan-publik-zi");
  gint64 kepala = lane_user (d, "kepala-satker");
  gint64 admin_web = lane_user (d, "admin-website");
  gint64 katim2 = test_db_add_user (db, "katim-2", "katimker-layanan-publik-zi", NULL);
  WartaUser newcomer = { .login = (char *)"baru", .full_name = (char *)"Baru", .roles = NULL };
  gint64 case_id;

  /* Passwords and administration */
  g_assert_cmpint (warta_engine_authenticate (e, "staff-tim-kerja-1", TEST_PASSWORD, &error), ==, staff);
  g_assert_no_error (error);
  ASSERT_REFUSED (db, warta_engine_authenticate (e, "staff-tim-kerja-1", "salah-sandi", err), WARTA_ENGINE_ERROR_AUTH);
  ASSERT_REFUSED (db, warta_engine_authenticate (e, "tidak-ada", TEST_PASSWORD, err), WARTA_ENGINE_ERROR_AUTH);
  ASSERT_REFUSED (db, warta_engine_add_user (e, staff, &newcomer, TEST_PASSWORD, err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_add_user (e, 0, &newcomer, TEST_PASSWORD, err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_add_user (e, db->admin, &newcomer, "pendek", err), WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_add_role (e, staff, "humas", "Humas", err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_import_sop (e, staff, d->sop, NULL, err), WARTA_ENGINE_ERROR_DENIED);

  /* Starting: only the first step's lane, and a title */
  ASSERT_REFUSED (db, warta_engine_start_case (e, katim, warta_sop_get_id (d->sop), "x", err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_start_case (e, staff, warta_sop_get_id (d->sop), "  ", err), WARTA_ENGINE_ERROR_INVALID);
  case_id = warta_engine_start_case (e, staff, warta_sop_get_id (d->sop), "Rilis", &error);
  g_assert_no_error (error);

  /* Wrong lane, and actions the step does not offer */
  ASSERT_REFUSED (db, warta_engine_complete (e, katim, case_id, NULL, err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_complete (e, admin_web, case_id, NULL, err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_decide (e, staff, case_id, TRUE, NULL, err), WARTA_ENGINE_ERROR_WRONG_ACTION);
  ASSERT_REFUSED (db, warta_engine_return (e, staff, case_id, "3", "belum", err), WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_return (e, staff, case_id, "1", "   ", err), WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_return (e, staff, case_id, "1", NULL, err), WARTA_ENGINE_ERROR_INVALID);

  test_db_write_naskah (db, staff, case_id);
  g_assert_true (warta_engine_complete (e, staff, case_id, NULL, &error));
  test_db_meet_requirements (db, staff, case_id);
  g_assert_true (warta_engine_complete (e, staff, case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, katim, case_id, NULL, &error));
  g_assert_no_error (error);

  /* Step 4 is a disposition by the Kepala Satker */
  ASSERT_REFUSED (db, warta_engine_complete (e, kepala, case_id, NULL, err), WARTA_ENGINE_ERROR_WRONG_ACTION);
  ASSERT_REFUSED (db, warta_engine_dispose (e, kepala, case_id, katim2, "", err), WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_dispose (e, kepala, case_id, katim2, NULL, err), WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_dispose (e, kepala, case_id, staff, "Periksa", err), WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_dispose (e, katim, case_id, katim2, "Periksa", err), WARTA_ENGINE_ERROR_DENIED);
  /* Only the form's sifat and boxes. */
  ASSERT_REFUSED (db, warta_engine_dispose_full (e, kepala, case_id, katim2, "Periksa", WARTA_N_SIFAT, 0, err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_dispose_full (e, kepala, case_id, katim2, "Periksa", WARTA_SIFAT_SEGERA,
                                                 1u << WARTA_N_ARAHAN_BOXES, err),
                  WARTA_ENGINE_ERROR_INVALID);
  g_assert_true (warta_engine_dispose (e, kepala, case_id, katim2, "Periksa dan teruskan", &error));
  g_assert_no_error (error);

  /* After the disposition only that person holds step 5, not the lane */
  ASSERT_REFUSED (db, warta_engine_complete (e, katim, case_id, NULL, err), WARTA_ENGINE_ERROR_DENIED);
  g_assert_true (warta_engine_complete (e, katim2, case_id, NULL, &error));
  /* Step 6 is done only when the naskah is published and proven live */
  ASSERT_REFUSED (db, warta_engine_complete (e, admin_web, case_id, NULL, err), WARTA_ENGINE_ERROR_INCOMPLETE);
  test_db_meet_requirements (db, admin_web, case_id);
  g_assert_true (warta_engine_complete (e, admin_web, case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, admin_web, case_id, NULL, &error));
  /* Step 8 goes back to the staff member who wrote the naskah */
  test_db_meet_requirements (db, staff, case_id);
  g_assert_true (warta_engine_complete (e, staff, case_id, NULL, &error));
  g_assert_no_error (error);

  /* Finished: nothing more */
  ASSERT_REFUSED (db, warta_engine_complete (e, staff, case_id, NULL, err), WARTA_ENGINE_ERROR_FINISHED);
  ASSERT_REFUSED (db, warta_engine_return (e, staff, case_id, "1", "lagi", err), WARTA_ENGINE_ERROR_FINISHED);
  ASSERT_REFUSED (db, warta_engine_decide (e, staff, case_id, FALSE, NULL, err), WARTA_ENGINE_ERROR_FINISHED);

  {
    g_autoptr(GPtrArray) dispositions = warta_store_list_dispositions (db->store, case_id, &error);
    const WartaDisposition *disp = g_ptr_array_index (dispositions, 0);

    g_assert_cmpuint (dispositions->len, ==, 1);
    g_assert_cmpint (disp->from_user, ==, kepala);
    g_assert_cmpint (disp->to_user, ==, katim2);
    g_assert_cmpstr (disp->instruction, ==, "Periksa dan teruskan");
  }

  drive_free (d);
}

static void
test_decision_only_by_decide (void)
{
  Drive *d = drive_new (seeds[3]);
  TestDb *db = d->db;
  g_autoptr(GError) error = NULL;
  gint64 case_id = warta_engine_start_case (db->engine, lane_user (d, "subbag-tim-kerja"),
                                            warta_sop_get_id (d->sop), "Liputan", &error);

  g_assert_true (warta_engine_complete (db->engine, lane_user (d, "subbag-tim-kerja"), case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (db->engine, lane_user (d, "subbag-tim-kerja"), case_id,
                                       lane_user (d, "pranata-humas"), "Tulis", &error));
  test_db_write_naskah (db, lane_user (d, "pranata-humas"), case_id);
  test_db_meet_requirements (db, lane_user (d, "pranata-humas"), case_id);
  g_assert_true (warta_engine_complete (db->engine, lane_user (d, "pranata-humas"), case_id, NULL, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (db, warta_engine_complete (db->engine, lane_user (d, "tim-ppid"), case_id, NULL, err),
                  WARTA_ENGINE_ERROR_WRONG_ACTION);
  ASSERT_REFUSED (db, warta_engine_dispose (db->engine, lane_user (d, "tim-ppid"), case_id,
                                            lane_user (d, "kepala-balai"), "x", err),
                  WARTA_ENGINE_ERROR_WRONG_ACTION);
  drive_free (d);
}

/* A failure inside the transaction, after the active run was already
 * updated, leaves nothing behind: the trigger fails the journal write. */
static void
test_atomic_actions (void)
{
  Drive *d = drive_new (seeds[2]);
  TestDb *db = d->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 staff = lane_user (d, "staff-tim-kerja");
  gint64 case_id = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "Rilis", &error);
  Counts before;

  test_db_write_naskah (db, staff, case_id);
  g_assert_true (warta_engine_complete (db->engine, staff, case_id, NULL, &error));
  test_db_meet_requirements (db, staff, case_id);
  g_assert_true (warta_engine_complete (db->engine, staff, case_id, NULL, &error));
  g_assert_true (warta_engine_complete (db->engine, lane_user (d, "katimker-layanan-publik-zi"), case_id, NULL, &error));
  g_assert_no_error (error);

  test_db_exec (db, test_db_sql ("CREATE TRIGGER fail_journal BEFORE INSERT ON journal "
                                 "BEGIN SELECT RAISE (ABORT, 'disk gone'); END",
                                 "CREATE FUNCTION fail_journal () RETURNS trigger LANGUAGE plpgsql AS "
                                 "$$ BEGIN RAISE 'disk gone'; END $$;"
                                 "CREATE TRIGGER fail_journal BEFORE INSERT ON journal "
                                 "FOR EACH ROW EXECUTE FUNCTION fail_journal ()"));
  before = counts (db);
  g_assert_false (warta_engine_dispose (db->engine, lane_user (d, "kepala-satker"), case_id,
                                        lane_user (d, "katimker-layanan-publik-zi"), "Periksa", &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "disk gone"));
  g_clear_error (&error);
  assert_unchanged (db, before);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE completed_at IS NULL"), ==, 1);

  kase = warta_store_get_case (db->store, case_id, &error);
  g_assert_cmpstr (kase->active->step_id, ==, "4");
  g_assert_cmpint (kase->active->completed_at, ==, 0);

  /* Failing the new step run's insert: the finished old run rolls back too. */
  test_db_exec (db, test_db_sql ("DROP TRIGGER fail_journal;"
                                 "CREATE TRIGGER fail_run BEFORE INSERT ON step_runs BEGIN SELECT RAISE (ABORT, 'full'); END",
                                 "DROP TRIGGER fail_journal ON journal;"
                                 "CREATE FUNCTION fail_run () RETURNS trigger LANGUAGE plpgsql AS "
                                 "$$ BEGIN RAISE 'full'; END $$;"
                                 "CREATE TRIGGER fail_run BEFORE INSERT ON step_runs "
                                 "FOR EACH ROW EXECUTE FUNCTION fail_run ()"));
  before = counts (db);
  g_assert_false (warta_engine_dispose (db->engine, lane_user (d, "kepala-satker"), case_id,
                                        lane_user (d, "katimker-layanan-publik-zi"), "Periksa", &error));
  g_clear_error (&error);
  assert_unchanged (db, before);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE step_id = '4' AND completed_at IS NULL"), ==, 1);

  /* And once the fault is gone, the same action goes through. */
  test_db_exec (db, test_db_sql ("DROP TRIGGER fail_run", "DROP TRIGGER fail_run ON step_runs"));
  g_assert_true (warta_engine_dispose (db->engine, lane_user (d, "kepala-satker"), case_id,
                                       lane_user (d, "katimker-layanan-publik-zi"), "Periksa", &error));
  g_assert_no_error (error);
  g_assert_true (warta_journal_verify (db->store, NULL, NULL, &error));
  g_assert_no_error (error);
  drive_free (d);
}

static void
test_versions (void)
{
  Drive *d = drive_new (seeds[2]);
  TestDb *db = d->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) v2 = NULL;
  g_autoptr(WartaCase) old_case = NULL;
  g_autoptr(WartaCase) new_case = NULL;
  g_autofree char *source = NULL;
  gint64 staff = lane_user (d, "staff-tim-kerja");
  gint64 old_id, new_id;
  int version = 0;

  old_id = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "Lama", &error);
  g_assert_no_error (error);

  /* The same SOP with step 1's standard changed is a new version... */
  source = g_strdup (warta_sop_get_source (d->sop));
  g_assert_nonnull (strstr (source, "\"standard\": 60"));
  memcpy (strstr (source, "\"standard\": 60"), "\"standard\": 90", 14);
  v2 = warta_sop_new_from_data (source, -1, "v2.json", &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_import_sop (db->engine, db->admin, v2, &version, &error));
  g_assert_cmpint (version, ==, 2);
  /* ...and importing it again changes nothing. */
  g_assert_true (warta_engine_import_sop (db->engine, db->admin, v2, &version, &error));
  g_assert_cmpint (version, ==, 2);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM sops WHERE id = 'bbkk-medan-publikasi-website'"), ==, 2);

  new_id = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "Baru", &error);
  g_assert_no_error (error);
  old_case = warta_store_get_case (db->store, old_id, &error);
  new_case = warta_store_get_case (db->store, new_id, &error);
  g_assert_cmpint (old_case->sop_version, ==, 1);
  g_assert_cmpint (new_case->sop_version, ==, 2);
  g_assert_cmpint (new_case->active->standard_max, ==, 90);

  /* The old case carries on with its own version's standards. */
  test_db_write_naskah (db, staff, old_id);
  g_assert_true (warta_engine_complete (db->engine, staff, old_id, NULL, &error));
  test_db_meet_requirements (db, staff, old_id);
  g_assert_true (warta_engine_complete (db->engine, staff, old_id, NULL, &error));
  g_assert_no_error (error);
  drive_free (d);
}

static void
test_timing_and_inbox (void)
{
  Drive *d = drive_new (seeds[2]);
  TestDb *db = d->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  gint64 staff = lane_user (d, "staff-tim-kerja");
  gint64 katim = lane_user (d, "katimker-layanan-publik-zi");
  WartaCaseQuery query = { .inbox_user = staff };
  gint64 a, b, c;

  /* a: step 1 (60 min) started at 0; b: step 2 (30 min) started at +20,
   * due at +50; c: step 1 started at +40, due at +100. */
  a = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "A", &error);
  test_db_advance (db, 10);
  b = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "B", &error);
  test_db_advance (db, 10);
  test_db_write_naskah (db, staff, b);
  test_db_meet_requirements (db, staff, b);
  g_assert_true (warta_engine_complete (db->engine, staff, b, NULL, &error));
  test_db_advance (db, 20);
  c = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "C", &error);
  g_assert_no_error (error);

  /* At +65: a is over (65 > 60), b is over (45 > 30), c within (25 of 60). */
  test_db_advance (db, 25);
  query.now = db->now;
  inbox = warta_store_list_cases (db->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 3);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (inbox, 0))->id, ==, b);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (inbox, 1))->id, ==, a);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (inbox, 2))->id, ==, c);
  g_assert_cmpint (warta_step_run_get_timing (((WartaCase *)g_ptr_array_index (inbox, 0))->active, db->now), ==, WARTA_TIMING_OVER);
  g_assert_cmpint (warta_step_run_get_timing (((WartaCase *)g_ptr_array_index (inbox, 2))->active, db->now), ==, WARTA_TIMING_WITHIN);
  g_assert_cmpint (warta_step_run_get_elapsed (((WartaCase *)g_ptr_array_index (inbox, 1))->active, db->now), ==,
                   65 * WARTA_USEC_PER_MINUTE);

  /* Near: past 80% of the standard. c is at 25 of 60; at 48 it is near. */
  test_db_advance (db, 23);
  g_assert_cmpint (warta_step_run_get_timing (((WartaCase *)g_ptr_array_index (inbox, 2))->active, db->now), ==, WARTA_TIMING_NEAR);

  /* Nobody else's inbox holds them; katim's holds nothing yet. */
  g_clear_pointer (&inbox, g_ptr_array_unref);
  query.inbox_user = katim;
  inbox = warta_store_list_cases (db->store, &query, &error);
  g_assert_cmpuint (inbox->len, ==, 0);
  drive_free (d);
}

/* The naskah and the checklist: only the holder, only where the step
 * allows it, and never on a finished case. */
static void
test_naskah_and_checks_refused (void)
{
  Drive *d = drive_new (seeds[2]);
  TestDb *db = d->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  gint64 staff = lane_user (d, "staff-tim-kerja");
  gint64 katim = lane_user (d, "katimker-layanan-publik-zi");
  gint64 case_id = warta_engine_start_case (db->engine, staff, warta_sop_get_id (d->sop), "Rilis", &error);

  naskah = warta_naskah_new (case_id);
  ASSERT_REFUSED (db, warta_engine_save_naskah (db->engine, katim, naskah, err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (db, warta_engine_check_requirement (db->engine, staff, case_id, 99, TRUE, err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (db, warta_engine_check_requirement (db->engine, katim, case_id, 0, TRUE, err),
                  WARTA_ENGINE_ERROR_DENIED);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM naskah"), ==, 0);

  /* Step 2 is a task: its holder ticks its checklist but cannot rewrite
   * the naskah there. */
  test_db_write_naskah (db, staff, case_id);
  test_db_meet_requirements (db, staff, case_id);
  g_assert_true (warta_engine_complete (db->engine, staff, case_id, NULL, &error));
  g_assert_true (warta_engine_check_requirement (db->engine, staff, case_id, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM run_checks"), ==, 1);
  ASSERT_REFUSED (db, warta_engine_save_naskah (db->engine, staff, naskah, err), WARTA_ENGINE_ERROR_DENIED);
  drive_free (d);
}

/* A new office: every bad value is refused and nothing is written. */
static void
test_setup_office_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("warta-office-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "warta.db", NULL);
  g_autofree char *bad_dir = g_build_filename (dir, "sop", NULL);
  g_autofree char *bad_file = g_build_filename (bad_dir, "x.json", NULL);
  g_autofree char *seeds_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", NULL);
  g_autoptr(WartaStore) store = warta_store_open (path, NULL);
  g_autoptr(WartaEngine) engine = warta_engine_new (store);
  g_autoptr(GError) error = NULL;
  WartaUser admin = { .login = (char *)"admin", .full_name = (char *)"Admin" };
  WartaUser nameless = { .login = (char *)"admin", .full_name = (char *)" " };
  const char *one[] = { "bbkk-medan-publikasi-website", NULL };

  g_assert_cmpint (g_mkdir (bad_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (bad_file, "{ \"format\": 1 ", -1, NULL));

  g_assert_false (warta_engine_setup_office (engine, "  ", &admin, TEST_PASSWORD, seeds_dir, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (warta_engine_setup_office (engine, "Balai", &nameless, TEST_PASSWORD, seeds_dir, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (warta_engine_setup_office (engine, "Balai", &admin, "pendek", seeds_dir, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (warta_engine_setup_office (engine, "Balai", &admin, TEST_PASSWORD, bad_dir, NULL, &error));
  g_assert_error (error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "x.json:1:"));
  g_clear_error (&error);
  g_assert_cmpint (warta_store_count_users (store, NULL), ==, 0);
  {
    g_autoptr(GPtrArray) none = warta_store_list_sops (store, NULL);

    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Right, with one SOP chosen; then a second set-up is refused. */
  g_assert_true (warta_engine_setup_office (engine, "Balai", &admin, TEST_PASSWORD, seeds_dir, one, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) sops = warta_store_list_sops (store, NULL);
    g_autofree char *office = warta_store_get_setting (store, "office_name");

    g_assert_cmpuint (sops->len, ==, 1);
    g_assert_cmpstr (office, ==, "Balai");
  }
  g_assert_false (warta_engine_setup_office (engine, "Lain", &admin, TEST_PASSWORD, seeds_dir, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);

  g_unlink (bad_file);
  g_rmdir (bad_dir);
  g_clear_object (&engine);
  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Avatars' initials come from the name without its titles. */
static void
test_name_without_titles (void)
{
  static const struct { const char *full, *bare; } names[] = {
    { "Andi Wijaya, S.Kom.", "Andi Wijaya" },
    { "Dr. Indah Permatasari", "Indah Permatasari" },
    { "dr. Ratna Budi Hapsari, M.Kes", "Ratna Budi Hapsari" },
    { "Prof. Dr. Ir. H. Ahmad Syukri", "Ahmad Syukri" },
    { "Hj. Siti Aminah S.E. M.Si.", "Siti Aminah" },
    { "  Yusuf   Harahap ", "Yusuf Harahap" },
    { "Dr.", "Dr." },
    { "Maya Lestari", "Maya Lestari" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *bare = warta_name_without_titles (names[i].full);

      g_assert_cmpstr (bare, ==, names[i].bare);
    }
}

static void
assert_duration (gint64      usec,
                 const char *expected)
{
  g_autofree char *text = warta_format_duration (usec);

  g_assert_cmpstr (text, ==, expected);
}

/* One formatter for every time shown: minutes, hours, days, never
 * seconds; a step's standard in the same units as its time, so that the
 * two read side by side ("1 d 6 h of 1 d", not "… of 1440 min"). */
static void
test_format_duration (void)
{
  g_autofree char *day = warta_format_standard (1440, 1440);
  g_autofree char *range = warta_format_standard (30, 90);
  WartaStepRun run = { 0 };
  g_autofree char *time = NULL;

  assert_duration (0, "0 min");
  assert_duration (-5 * G_USEC_PER_SEC, "0 min");
  assert_duration (1, "< 1 min");
  assert_duration (59 * G_USEC_PER_SEC, "< 1 min");
  assert_duration (60 * G_USEC_PER_SEC, "1 min");
  assert_duration (45 * WARTA_USEC_PER_MINUTE + 30 * G_USEC_PER_SEC, "45 min");
  assert_duration (60 * WARTA_USEC_PER_MINUTE, "1 h");
  assert_duration (65 * WARTA_USEC_PER_MINUTE, "1 h 5 min");
  assert_duration (1440 * WARTA_USEC_PER_MINUTE, "1 d");
  assert_duration (30 * 60 * WARTA_USEC_PER_MINUTE + 59 * WARTA_USEC_PER_MINUTE, "1 d 6 h");
  g_assert_cmpstr (day, ==, "1 d");
  g_assert_cmpstr (range, ==, "30 min–1 h 30 min");

  run.standard_min = run.standard_max = 1440;
  run.started_at = G_USEC_PER_SEC;
  time = warta_step_run_format_time (&run, run.started_at + 30 * 60 * WARTA_USEC_PER_MINUTE, FALSE, NULL);
  g_assert_cmpstr (time, ==, "1 d 6 h of 1 d");

  /* Over four days in steps of 7 min 13 s: only the three units, each in
   * its range, the larger first, and never more than two of them. */
  for (gint64 usec = 0; usec < 4 * 1440 * WARTA_USEC_PER_MINUTE; usec += 433 * G_USEC_PER_SEC)
    {
      g_autofree char *text = warta_format_duration (usec);
      g_auto(GStrv) parts = g_strsplit (text, " ", -1);
      const char *units[] = { "d", "h", "min" };
      int last_unit = -1;
      guint n_units = 0;

      if (g_str_equal (text, "< 1 min"))
        {
          g_assert_cmpint (usec, <, WARTA_USEC_PER_MINUTE);
          continue;
        }
      g_assert_cmpuint (g_strv_length (parts) % 2, ==, 0);
      for (guint i = 0; parts[i] != NULL; i += 2)
        {
          guint64 value = 0;
          int unit = -1;

          g_assert_true (g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXINT, &value, NULL));
          for (guint u = 0; u < G_N_ELEMENTS (units); u++)
            if (g_str_equal (parts[i + 1], units[u]))
              unit = u;
          g_assert_cmpint (unit, >, last_unit);
          g_assert_cmpuint (value, <, unit == 1 ? 24 : unit == 2 ? 60 : G_MAXINT);
          last_unit = unit;
          n_units++;
        }
      g_assert_cmpuint (n_units, <=, 2);
    }
}

/* Two desks, one berkas, one moment */

/* A barrier of two, as GLib has none: both threads leave together. */
typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  waiting, round;
} Barrier;

typedef struct
{
  WartaEngine *engine;
  gint64       actor;
  gint64       case_id;
  Barrier     *start;
  gboolean     ok;
  GError      *error;
} Desk;


static void
barrier_wait (Barrier *barrier)
{
  guint round;

  g_mutex_lock (&barrier->mutex);
  round = barrier->round;
  if (++barrier->waiting == 2)
    {
      barrier->waiting = 0;
      barrier->round++;
      g_cond_broadcast (&barrier->cond);
    }
  else
    while (round == barrier->round)
      g_cond_wait (&barrier->cond, &barrier->mutex);
  g_mutex_unlock (&barrier->mutex);
}

static gpointer
desk_complete (gpointer data)
{
  Desk *desk = data;

  barrier_wait (desk->start);
  desk->ok = warta_engine_complete_step (desk->engine, desk->actor, desk->case_id, "3", NULL, &desk->error);
  return NULL;
}

/* Two people of one lane on two desks (two engines, two connections) act
 * on step 3 of the same berkas at the same moment, many times over: one
 * wins, the other is told who completed the step and finds the berkas as
 * it is now; step 3 is completed once. */
static void
test_two_desks_race (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEngine) other = NULL;
  Barrier barrier = { 0 };
  gint64 staff, kepala, web, katim[2];
  guint wins[2] = { 0, 0 };
  const guint rounds = 12;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  katim[0] = test_db_add_user (db, "katim-a", "katimker-layanan-publik-zi", NULL);
  katim[1] = test_db_add_user (db, "katim-b", "katimker-layanan-publik-zi", NULL);
  kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  web = test_db_add_user (db, "web", "admin-website", NULL);
  (void)kepala;
  (void)web;
  other = warta_engine_open (db->path, &error);
  g_assert_no_error (error);
  g_mutex_init (&barrier.mutex);
  g_cond_init (&barrier.cond);

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *title = g_strdup_printf ("Balapan %u", i);
      g_autoptr(WartaCase) seen = NULL;
      g_autoptr(GPtrArray) runs = NULL;
      Desk desks[2];
      GThread *threads[2];
      guint winner, loser, step3 = 0;
      gint64 id;
      g_autofree char *expected = NULL;

      id = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", title, &error);
      g_assert_no_error (error);
      test_db_write_naskah (db, staff, id);
      g_assert_true (warta_engine_complete (db->engine, staff, id, NULL, &error));
      test_db_meet_requirements (db, staff, id);
      g_assert_true (warta_engine_complete (db->engine, staff, id, NULL, &error));
      g_assert_no_error (error);

      /* step 3 is the lane's, not one person's: both may act */
      desks[0] = (Desk) { db->engine, katim[0], id, &barrier, FALSE, NULL };
      desks[1] = (Desk) { other, katim[1], id, &barrier, FALSE, NULL };
      for (guint d = 0; d < 2; d++)
        threads[d] = g_thread_new ("desk", desk_complete, &desks[d]);
      for (guint d = 0; d < 2; d++)
        g_thread_join (threads[d]);

      g_assert_true (desks[0].ok != desks[1].ok);
      winner = desks[0].ok ? 0 : 1;
      loser = 1 - winner;
      wins[winner]++;
      g_assert_no_error (desks[winner].error);
      g_assert_error (desks[loser].error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_OVERTAKEN);
      expected = g_strdup_printf ("Step 3 was already completed by User katim-%c", winner == 0 ? 'a' : 'b');
      g_assert_cmpstr (desks[loser].error->message, ==, expected);
      g_clear_error (&desks[loser].error);

      /* the loser's desk reads the new state */
      seen = warta_store_get_case (warta_engine_get_store (desks[loser].engine), id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (seen->active->step_id, ==, "4");
      runs = warta_store_list_runs (db->store, id, &error);
      g_assert_no_error (error);
      for (guint r = 0; r < runs->len; r++)
        step3 += g_str_equal (((WartaStepRun *)g_ptr_array_index (runs, r))->step_id, "3");
      g_assert_cmpuint (step3, ==, 1);
      g_assert_cmpuint (runs->len, ==, 4);
    }
  g_test_message ("desk a won %u of %u, desk b %u", wins[0], rounds, wins[1]);

  /* Without the step seen, the loser's action would land on the next
   * one; with it, a step the person no longer sees is refused too */
  {
    gint64 n = 0, bad = 0;

    g_assert_true (warta_journal_verify (db->store, &n, &bad, &error));
    g_assert_no_error (error);
  }
  g_mutex_clear (&barrier.mutex);
  g_cond_clear (&barrier.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/drive/%.3s", seeds[i]);

      g_test_add_data_func (path, seeds[i], test_drive_seed);
    }
  g_test_add_func ("/types/name-without-titles", test_name_without_titles);
  g_test_add_func ("/engine/decision-returns-to-author", test_decision_returns_to_author);
  g_test_add_func ("/engine/decision-only-by-decide", test_decision_only_by_decide);
  g_test_add_func ("/engine/refusals", test_refusals);
  g_test_add_func ("/engine/atomic-actions", test_atomic_actions);
  g_test_add_func ("/engine/versions", test_versions);
  g_test_add_func ("/engine/naskah-and-checks-refused", test_naskah_and_checks_refused);
  g_test_add_func ("/engine/setup-office-refused", test_setup_office_refused);
  g_test_add_func ("/engine/timing-and-inbox", test_timing_and_inbox);
  g_test_add_func ("/engine/two-desks-race", test_two_desks_race);
  g_test_add_func ("/timing/format-duration", test_format_duration);

  return g_test_run ();
}
