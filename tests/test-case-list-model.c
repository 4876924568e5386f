/* test-case-list-model.c: the inbox model reads the rows a view asks for,
 * wherever they are: keyset pages from the start, from the end, after a
 * page read and before one, and a jump far from both
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-util.h"
#include "warta-case-list-model.h"
#include "warta-session.h"

#define PAGE WARTA_CASE_LIST_MODEL_PAGE_SIZE
#define N_CASES (PAGE * 10 + 37)

/* An inbox of n cases held by staf, its due times spread and some steps
 * without a standard, written in bulk. */
static gint64
fill_inbox (TestDb *db,
            guint   n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 staff;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  g_assert_cmpint (warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "Rilis 1", &error), ==, 1);
  g_assert_no_error (error);
  sql = g_strdup_printf ("WITH RECURSIVE n (x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM n WHERE x < %u) "
                         "INSERT INTO cases (id, sop_id, sop_version, title, created_by, created_at) "
                         "SELECT x, sop_id, sop_version, 'Rilis ' || x, created_by, created_at - (x %% 97) * 60000000 "
                         "FROM n, (SELECT * FROM cases WHERE id = 1);"
                         "INSERT INTO step_runs (case_id, seq, step_id, lane, standard_min, standard_max, started_at, "
                         "  action, due) "
                         "SELECT c.id, 1, r.step_id, r.lane, r.standard_min, "
                         "  CASE WHEN c.id %% 13 = 0 THEN NULL ELSE r.standard_max END, c.created_at, r.action, "
                         "  CASE WHEN c.id %% 13 = 0 THEN 9223372036854775807 "
                         "       ELSE c.created_at + r.standard_max * 60000000 END "
                         "FROM cases c, (SELECT * FROM step_runs WHERE case_id = 1) r WHERE c.id > 1;",
                         n);
  test_db_exec (db, sql);
  return staff;
}

static void
wait_for (GListModel *model,
          guint       position)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(WartaCaseItem) item = g_list_model_get_item (model, position);

      if (!warta_case_item_is_placeholder (item))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
assert_row (GListModel *model,
            GPtrArray  *all,
            guint       position)
{
  g_autoptr(WartaCaseItem) item = NULL;

  g_test_message ("row %u", position);
  wait_for (model, position);
  item = g_list_model_get_item (model, position);
  g_assert_cmpint (warta_case_item_get_id (item), ==, ((WartaCase *)g_ptr_array_index (all, position))->id);
}

static void
test_pages_anywhere (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSession) session = NULL;
  g_autoptr(WartaCaseListModel) model = NULL;
  g_autoptr(GPtrArray) all = NULL;
  WartaCaseQuery query = { 0 };
  GListModel *list;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  query.inbox_user = fill_inbox (db, N_CASES);
  all = warta_store_list_cases (db->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, N_CASES);

  session = warta_session_open (db->path, &error);
  g_assert_no_error (error);
  g_assert_true (warta_session_sign_in (session, "staf", TEST_PASSWORD, &error));
  model = warta_case_list_model_new (session, NULL);
  list = G_LIST_MODEL (model);
  while (warta_case_list_model_get_loading (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CASES);

  /* The top; the last page, from the end; the one before it. */
  assert_row (list, all, 0);
  assert_row (list, all, PAGE - 1);
  assert_row (list, all, N_CASES - 1);
  assert_row (list, all, N_CASES - 37);
  assert_row (list, all, N_CASES - 38);
  /* The page after the first, after its last row. */
  assert_row (list, all, PAGE);
  assert_row (list, all, 2 * PAGE - 1);
  /* A jump to the middle, then either side of it. */
  assert_row (list, all, 5 * PAGE + 3);
  assert_row (list, all, 4 * PAGE + 99);
  assert_row (list, all, 6 * PAGE);
  for (guint i = 0; i < N_CASES; i += 17)
    assert_row (list, all, i);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-list-model/pages-anywhere", test_pages_anywhere);

  return g_test_run ();
}
