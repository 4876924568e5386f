/* test-store.c: the database file: WAL, foreign keys, migrations, bad files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "warta-evidence.h"
#include "warta-store-private.h"

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* What migration 9 did, undone: the database as schema 8 left it. */
#define SCHEMA_9_UNDONE \
  "DROP TABLE case_looks;" \
  "DROP TABLE naskah_revisions;" \
  "DROP TABLE office_files;" \
  "DROP TABLE retired_sops;" \
  "ALTER TABLE users DROP COLUMN must_change_password;" \
  "ALTER TABLE users DROP COLUMN active;" \
  "ALTER TABLE users DROP COLUMN pangkat;"

/* What migrations 8 and 9 did, undone: the database as schema 7 left it. */
#define SCHEMA_8_UNDONE SCHEMA_9_UNDONE \
  "DROP TABLE touches;" \
  "DROP INDEX attachments_pending;" \
  "ALTER TABLE attachments DROP COLUMN pending;"

/* What migrations 7 and 8 did, undone: the database as schema 6 left it. */
#define SCHEMA_7_UNDONE SCHEMA_8_UNDONE \
  "DROP INDEX step_runs_inbox;" \
  "DROP INDEX step_runs_active_by_lane;" \
  "DROP INDEX step_runs_active_by_assignee;" \
  "DROP INDEX publication_media_by_attachment;" \
  "DROP INDEX publications_by_screenshot;" \
  "ALTER TABLE step_runs DROP COLUMN due;" \
  "ALTER TABLE attachments DROP COLUMN checked_kind;" \
  "CREATE INDEX step_runs_active_by_lane ON step_runs (lane, assignee) WHERE completed_at IS NULL;" \
  "CREATE INDEX step_runs_active_by_assignee ON step_runs (assignee) WHERE completed_at IS NULL;" \
  "CREATE INDEX step_runs_active_due ON step_runs " \
  "  (coalesce (started_at + standard_max * 60000000, 9223372036854775807), case_id) " \
  "  WHERE completed_at IS NULL;"

static void
test_fresh_database (void)
{
  g_autoptr(TestDb) db = test_db_new ();

  g_assert_cmpint (warta_store_get_schema_version (db->store), ==, WARTA_STORE_SCHEMA_VERSION);
  if (test_db_is_postgres ())
    {
      g_assert_cmpint (test_db_count (db, "SELECT CAST (value AS integer) FROM meta WHERE key = 'schema_version'"),
                       ==, WARTA_STORE_SCHEMA_VERSION);
      /* every commit is heard at the other desks */
      g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_notify'"), ==,
                       test_db_count (db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema () "
                                          "AND tablename NOT IN ('attachment_data', 'meta')"));
    }
  else
    {
      g_assert_cmpint (test_db_count (db, "PRAGMA user_version"), ==, WARTA_STORE_SCHEMA_VERSION);
      g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
    }
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM users"), ==, 1);
}

/* The store turns foreign keys on: a run of a case that does not exist is
 * refused by the database itself, whatever the engine checked. */
/* Each table's columns, as "table.column" lines in order of name. */
static char *
sqlite_columns (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT m.name || '.' || p.name FROM sqlite_schema m "
                                            "JOIN pragma_table_info (m.name) p "
                                            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
                                            "ORDER BY 1", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Both backends reach the same schema: the same version, the same tables
 * with the same columns; only an attachment's content is shaped for
 * each (one blob on sqlite, chunks at offsets on PostgreSQL). */
static void
test_same_schema (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autofree char *dir = g_dir_make_tmp ("warta-schema-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "warta.db", NULL);
  g_autoptr(WartaStore) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_file = NULL;
  g_autofree char *on_server = NULL;

  file = warta_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warta_store_get_schema_version (file), ==, warta_store_get_schema_version (db->store));
  on_file = sqlite_columns (path);
  on_server = test_db_text (db, "SELECT string_agg (table_name || '.' || column_name, E'\\n' "
                                "  ORDER BY table_name || '.' || column_name COLLATE \"C\") || E'\\n' "
                                "FROM information_schema.columns WHERE table_schema = current_schema () "
                                "AND NOT (table_name = 'attachment_data' AND column_name = 'at')");
  g_assert_cmpstr (on_server, ==, on_file);
  g_clear_object (&file);
  test_remove_tree (dir);
}

static void
test_foreign_keys (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  WartaStepRun run = {
    .case_id = 4242,
    .step_id = (char *)"1",
    .lane = (char *)"admin",
    .standard_min = -1,
    .standard_max = -1,
    .started_at = db->now,
  };

  g_assert_cmpint (warta_store_insert_run (db->store, &run, &error), ==, 0);
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED);
  /* sqlite: "FOREIGN KEY constraint failed"; PostgreSQL: "… violates foreign key constraint …" */
  {
    g_autofree char *folded = g_ascii_strdown (error->message, -1);

    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (folded, "foreign key"));
  }
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs"), ==, 0);
}

static void
test_reopen_keeps_data (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) user = NULL;
  gint64 n_events = 0;

  test_db_install_seeds (db);
  test_db_reopen (db);
  user = warta_store_find_user (db->store, "admin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (user->is_admin);
  g_assert_true (warta_journal_verify (db->store, &n_events, NULL, &error));
  g_assert_cmpint (n_events, >, 5);

  /* Installing the same files again adds no version and no event. */
  test_db_install_seeds (db);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM sops"), ==, 5);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM journal"), ==, n_events);
}

/* A disposition made before schema 6 reads as the form's default: sifat
 * biasa, no arahan box ticked. */
static void
test_dispositions_migrated (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff, katim, kepala, web;
  const WartaDisposition *d;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  katim = test_db_add_user (db, "katim", "katimker-layanan-publik-zi", NULL);
  kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  web = test_db_add_user (db, "web", "admin-website", NULL);
  test_db_drive_002_full (db, staff, katim, kepala, web, "Lama", 0, WARTA_SIFAT_RAHASIA, WARTA_ARAHAN_ARSIP);

  /* The database as schema 5 left it. */
  test_db_exec (db, SCHEMA_7_UNDONE);
  test_db_exec (db, "ALTER TABLE dispositions DROP COLUMN sifat");
  test_db_exec (db, "ALTER TABLE dispositions DROP COLUMN arahan_boxes");
  test_db_exec (db, "PRAGMA user_version = 5");
  test_db_reopen (db);

  g_assert_cmpint (warta_store_get_schema_version (db->store), ==, WARTA_STORE_SCHEMA_VERSION);
  dispositions = warta_store_list_dispositions (db->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dispositions->len, ==, 1);
  d = g_ptr_array_index (dispositions, 0);
  g_assert_cmpint (d->sifat, ==, WARTA_SIFAT_BIASA);
  g_assert_cmpuint (d->arahan_boxes, ==, 0);
  g_assert_cmpstr (d->instruction, ==, "Segera terbitkan di website");
}

static void
test_newer_schema_refused (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = NULL;

  test_db_exec (db, test_db_sql ("PRAGMA user_version = 99",
                                 "UPDATE meta SET value = '99' WHERE key = 'schema_version'"));
  store = warta_store_open (db->path, &error);
  g_assert_null (store);
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer Warta"));
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("warta-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = NULL;
  g_autofree char *after = NULL;
  const char *text = "Catatan rapat, bukan basis data.\n";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  store = warta_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not a Warta database"));

  /* Nothing lost: the file is as it was, its mode too. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
  g_assert_cmpuint (file_mode (path), ==, 0640);
  g_unlink (path);
  g_rmdir (dir);
}

/* A bad seed file stops install_sops before anything is written. */
static void
test_install_is_all_or_nothing (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (db->dir, "sop", NULL);
  g_autofree char *good = test_db_seed_path ("002-bbkk-medan-publikasi-website.json");
  g_autofree char *good_text = NULL;
  g_autofree char *good_copy = g_build_filename (dir, "a.json", NULL);
  g_autofree char *bad_copy = g_build_filename (dir, "b.json", NULL);
  gint64 events = test_db_count (db, "SELECT count(*) FROM journal");

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (good, &good_text, NULL, NULL));
  g_assert_true (g_file_set_contents (good_copy, good_text, -1, NULL));
  g_assert_true (g_file_set_contents (bad_copy, "{ \"format\": 1, }", -1, NULL));

  g_assert_false (warta_engine_install_sops (db->engine, dir, NULL, &error));
  g_assert_error (error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "b.json:1:"));
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM sops"), ==, 0);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM roles"), ==, 1);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM journal"), ==, events);
  g_unlink (good_copy);
  g_unlink (bad_copy);
}

/* Runs written before schema 2 have no action; the engine fills them in
 * once, from each case's SOP version, so the panes can filter on them. */
static void
test_backfill_actions (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  gint64 staff, case_id;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  case_id = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "Rilis", &error);
  g_assert_no_error (error);
  test_db_write_naskah (db, staff, case_id);
  g_assert_true (warta_engine_complete (db->engine, staff, case_id, NULL, &error));
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE action IS NOT NULL"), ==, 2);

  test_db_exec (db, "UPDATE step_runs SET action = NULL;"
                    "INSERT INTO meta (key, value) VALUES ('backfill_actions', '1')");
  test_db_reopen (db);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE action IS NULL"), ==, 0);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE seq = 1 AND action = 'compose'"), ==, 1);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE seq = 2 AND action = 'task'"), ==, 1);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM meta WHERE key = 'backfill_actions'"), ==, 0);
}

/* Panes list the cases whose active step is the user's, by action. */
static void
test_inbox_by_action (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  const char *writing[] = { "compose", NULL };
  const char *review[] = { "review", "dispose", NULL };
  WartaCaseQuery query = { 0 };
  WartaCaseKey key;
  gint64 staff, a, b;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  a = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "A", &error);
  b = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "B", &error);
  test_db_write_naskah (db, staff, b);
  g_assert_true (warta_engine_complete (db->engine, staff, b, NULL, &error));
  g_assert_no_error (error);

  query.inbox_user = staff;
  g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), ==, 2);
  query.actions = writing;
  g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), ==, 1);
  cases = warta_store_list_cases (db->store, &query, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (cases, 0))->id, ==, a);
  query.actions = review;
  g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), ==, 0);

  /* Every case, newest first, paged by key. */
  query = (WartaCaseQuery) { .any_state = TRUE, .limit = 1 };
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = warta_store_list_cases (db->store, &query, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (cases, 0))->id, ==, b);
  warta_store_case_key (&query, g_ptr_array_index (cases, 0), &key);
  query.after = &key;
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = warta_store_list_cases (db->store, &query, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (cases, 0))->id, ==, a);
  g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), ==, 2);
  g_assert_no_error (error);
}

/* An inbox of n cases held by staff, their due times spread (and some
 * without a standard), for paging. */
static gint64
fill_inbox (TestDb *db,
            guint   n)
{
  g_autoptr(GError) error = NULL;
  gint64 staff;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  for (guint i = 0; i < n; i++)
    {
      warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "Rilis", &error);
      g_assert_no_error (error);
    }
  test_db_exec (db, "UPDATE step_runs SET started_at = started_at - (case_id % 7) * 1000000000, "
                    "  standard_max = CASE WHEN case_id % 5 = 0 THEN NULL ELSE standard_max END;"
                    "UPDATE step_runs SET due = coalesce (started_at + standard_max * 60000000, 9223372036854775807)");
  return staff;
}

static void
assert_same_cases (GPtrArray *all,
                   guint      from,
                   GPtrArray *page)
{
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (((WartaCase *)g_ptr_array_index (page, i))->id, ==,
                     ((WartaCase *)g_ptr_array_index (all, from + i))->id);
}

/* A page is asked for by the key of the row before it, forward or back,
 * in the inbox's overdue-first order and in the newest-first order of
 * every case; each way gives the rows the whole list has there. */
static void
test_keyset_pages (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  gint64 staff = fill_inbox (db, 23);

  for (guint inbox = 0; inbox < 2; inbox++)
    {
      WartaCaseQuery query = { .inbox_user = inbox ? staff : 0, .any_state = TRUE };
      g_autoptr(GPtrArray) all = warta_store_list_cases (db->store, &query, &error);
      g_autoptr(GPtrArray) page = NULL;
      WartaCaseKey key;
      guint at = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 23);
      g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), ==, 23);
      if (inbox)
        for (guint i = 1; i < all->len; i++)
          {
            WartaCaseKey a, b;

            warta_store_case_key (&query, g_ptr_array_index (all, i - 1), &a);
            warta_store_case_key (&query, g_ptr_array_index (all, i), &b);
            g_assert_true (a.due < b.due || (a.due == b.due && a.case_id < b.case_id));
          }

      /* Forward, page after page. */
      query.limit = 5;
      do
        {
          g_clear_pointer (&page, g_ptr_array_unref);
          page = warta_store_list_cases (db->store, &query, &error);
          g_assert_no_error (error);
          assert_same_cases (all, at, page);
          at += page->len;
          if (page->len > 0)
            warta_store_case_key (&query, g_ptr_array_index (page, page->len - 1), &key);
          query.after = &key;
        }
      while (page->len == 5);
      g_assert_cmpuint (at, ==, 23);

      /* The last page, from the end; the one before it, by its first key. */
      query.after = NULL;
      query.backward = TRUE;
      query.limit = 3;
      g_clear_pointer (&page, g_ptr_array_unref);
      page = warta_store_list_cases (db->store, &query, &error);
      g_assert_cmpuint (page->len, ==, 3);
      assert_same_cases (all, 20, page);
      warta_store_case_key (&query, g_ptr_array_index (page, 0), &key);
      query.after = &key;
      query.limit = 5;
      g_clear_pointer (&page, g_ptr_array_unref);
      page = warta_store_list_cases (db->store, &query, &error);
      g_assert_cmpuint (page->len, ==, 5);
      assert_same_cases (all, 15, page);

      /* A jump: rows passed over from a key, either way. */
      query.skip = 4;
      g_clear_pointer (&page, g_ptr_array_unref);
      page = warta_store_list_cases (db->store, &query, &error);
      g_assert_cmpuint (page->len, ==, 5);
      assert_same_cases (all, 11, page);
      query.backward = FALSE;
      query.after = NULL;
      query.skip = 9;
      g_clear_pointer (&page, g_ptr_array_unref);
      page = warta_store_list_cases (db->store, &query, &error);
      g_assert_cmpuint (page->len, ==, 5);
      assert_same_cases (all, 9, page);
      g_assert_no_error (error);
    }
}

static void
plan_scans (sqlite3    *raw,
            const char *sql,
            GString    *said)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;

  /* sqlite's plan of an INSERT … RETURNING lists the child tables of
   * every foreign key to the table, which it reads only when a deferred
   * foreign key is broken (OP_FkIfZero skips them): the INSERT itself is
   * what to judge. */
  if (g_str_has_prefix (sql, "INSERT") && g_str_has_suffix (sql, " RETURNING id"))
    explain[strlen (explain) - strlen (" RETURNING id")] = '\0';

  g_assert_cmpint (sqlite3_prepare_v2 (raw, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *)sqlite3_column_text (stmt, 3);

      /* Lists that are whole by design: roles, users, SOPs, sites; the
       * json_each of a filter; a materialised page. */
      if (g_str_has_prefix (detail, "SCAN ") &&
          !g_str_has_prefix (detail, "SCAN roles") && !g_str_has_prefix (detail, "SCAN users") &&
          !g_str_has_prefix (detail, "SCAN sops") && !g_str_has_prefix (detail, "SCAN sites") &&
          !g_str_has_prefix (detail, "SCAN json_each") && !g_str_has_prefix (detail, "SCAN page") &&
          !strstr (detail, "CONSTANT ROW"))
        g_string_append_printf (said, "%s\n  → %s\n", sql, detail);
    }
  sqlite3_finalize (stmt);
}

/* Whether any statement the store keeps scans a table. */
static void
store_scans (WartaStore *store,
             GString    *said)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3 *raw = warta_db_get_handle (store->db);

  while ((stmt = sqlite3_next_stmt (raw, stmt)) != NULL)
    {
      const char *sql = sqlite3_sql (stmt);

      if (g_strcmp0 (sql, "SELECT count(*) FROM cases") != 0)
        plan_scans (raw, sql, said);
    }
}

/* Every statement the store keeps, after a case is driven to its end and
 * published, the inboxes and lists paged and counted every way: none
 * scans a table of cases, runs, publications or attachments. The one
 * count of a whole office walks an index (sqlite keeps no row count). */
static void
test_no_scans (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  const char *writing[] = { "compose", NULL };
  WartaCaseKey key = { 0, 1 };
  gint64 staff = fill_inbox (db, 3);
  gint64 katim = test_db_add_user (db, "katim", "katimker-layanan-publik-zi", NULL);
  gint64 kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  gint64 web = test_db_add_user (db, "web", "admin-website", NULL);

  test_db_drive_002 (db, staff, katim, kepala, web, "Terbit", 1);
  warta_store_attachment_is_published (db->store, 1);

  for (guint i = 0; i < 2 * 2 * 2 * 2 * 2; i++)
    {
      WartaCaseQuery query = {
        .inbox_user = i & 1 ? staff : 0,
        .any_state = (i & 2) != 0,
        .state = WARTA_CASE_OPEN,
        .actions = i & 4 ? writing : NULL,
        .after = i & 8 ? &key : NULL,
        .backward = (i & 16) != 0,
        .limit = 2,
      };
      g_autoptr(GPtrArray) cases = warta_store_list_cases (db->store, &query, &error);

      g_assert_no_error (error);
      g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), >=, 0);
      g_assert_no_error (error);
    }

  store_scans (db->store, said);
  g_assert_cmpstr (said->str, ==, "");
}

/* A database of schema 6: its runs get their due time, the inbox its
 * indexes, and the pages read the same. */
static void
test_inbox_migrated (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  gint64 staff = fill_inbox (db, 12);
  WartaCaseQuery query = { 0 };

  query.inbox_user = staff;
  before = warta_store_list_cases (db->store, &query, &error);
  g_assert_no_error (error);

  /* The database as schema 6 left it. */
  test_db_exec (db, SCHEMA_7_UNDONE "PRAGMA user_version = 6");
  test_db_reopen (db);

  g_assert_cmpint (warta_store_get_schema_version (db->store), ==, WARTA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM step_runs WHERE due IS NULL"), ==, 0);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                      "('step_runs_inbox', 'publication_media_by_attachment', "
                                      "'publications_by_screenshot', 'step_runs_active_due')"), ==, 3);
  after = warta_store_list_cases (db->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 12);
  assert_same_cases (before, 0, after);
  g_assert_cmpint (warta_store_count_cases (db->store, &query, &error), ==, 12);
  store_scans (db->store, said);
  g_assert_cmpstr (said->str, ==, "");
}

/* A database of schema 7: its attachments are all settled, listed and
 * read as before. */
static void
test_attachments_migrated (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(WartaAttachment) one = NULL;
  gint64 staff, case_id, id;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  case_id = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", "Lama", &error);
  g_assert_no_error (error);
  id = test_db_attach (db, staff, case_id, "nota-dinas");

  test_db_exec (db, SCHEMA_8_UNDONE "PRAGMA user_version = 7");
  test_db_reopen (db);

  g_assert_cmpint (warta_store_get_schema_version (db->store), ==, WARTA_STORE_SCHEMA_VERSION);
  attachments = warta_store_list_attachments (db->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attachments->len, ==, 1);
  one = warta_store_get_attachment (db->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (one->pending);
  g_assert_cmpstr (one->kind, ==, "nota-dinas");
}

/* People of a database of schema 8 are active, chose their own
 * passwords and have no pangkat: they sign in as before. */
static void
test_people_migrated (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) user = NULL;
  gint64 staff;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);

  test_db_exec (db, SCHEMA_9_UNDONE "PRAGMA user_version = 8");
  test_db_reopen (db);

  g_assert_cmpint (warta_store_get_schema_version (db->store), ==, WARTA_STORE_SCHEMA_VERSION);
  user = warta_store_get_user (db->store, staff, &error);
  g_assert_no_error (error);
  g_assert_false (user->inactive);
  g_assert_false (user->must_change_password);
  g_assert_null (user->pangkat);
  g_assert_cmpint (warta_engine_authenticate (db->engine, "staf", TEST_PASSWORD, &error), ==, staff);
  g_assert_no_error (error);
}

/* Password hashes and attachments: the database and the -wal and -shm
 * files sqlite makes beside it are the user's alone, whatever the umask. */
static void
test_new_database_private (void)
{
  g_autofree char *dir = g_dir_make_tmp ("warta-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "warta.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = NULL;
  mode_t saved = umask (022);

  store = warta_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (warta_store_get_warning (store));
  /* The migrations wrote through the WAL: both files are there */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  umask (saved);

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

/* A database others can read, as an older Warta made it: the owner's is
 * made private and the store says so; another account's is only told. */
static void
test_open_database_others_read (void)
{
  g_autofree char *dir = g_dir_make_tmp ("warta-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "warta.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *said = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = NULL;
  mode_t saved = umask (022);

  store = warta_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = warta_store_open (path, &error);
  g_assert_no_error (error);
  said = g_strdup_printf ("The database file %s could be read by other users of this computer (mode 0644), "
                          "password hashes and attachments included; Warta has made it private to you (mode 0600)",
                          path);
  g_assert_cmpstr (warta_store_get_warning (store), ==, said);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_clear_object (&store);

  store = warta_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (warta_store_get_warning (store));
  g_clear_object (&store);

  /* Another account's file: root can hand it to nobody and still open it */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  if (chown (path, 65534, (gid_t) -1) == 0)
    {
      store = warta_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (warta_store_get_warning (store));
      g_assert_nonnull (strstr (warta_store_get_warning (store), "(mode 0640)"));
      g_assert_nonnull (strstr (warta_store_get_warning (store), "Warta cannot change that: its owner should run chmod 600"));
      g_assert_cmpuint (file_mode (path), ==, 0640);
      g_clear_object (&store);
    }
  else
    g_test_message ("not root: the case of another account's file is not tried");
  umask (saved);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

/* What the store's "changed" signal announced, one array per emission. */
typedef struct
{
  GPtrArray *emissions;  /* GArray of WartaChange, copied */
} ChangeLog;

static void
on_changed (WartaStore *store,
            GArray     *changes,
            ChangeLog  *log)
{
  GArray *copy = warta_changes_new ();

  g_array_append_vals (copy, changes->data, changes->len);
  g_ptr_array_add (log->emissions, copy);
}

static void
change_log_init (ChangeLog  *log,
                 WartaStore *store)
{
  log->emissions = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), log);
}

static void
change_log_clear (ChangeLog  *log,
                  WartaStore *store)
{
  g_signal_handlers_disconnect_by_data (store, log);
  g_clear_pointer (&log->emissions, g_ptr_array_unref);
}

static gboolean
has_change (GArray          *changes,
            WartaChangeKind  kind,
            gint64           case_id)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const WartaChange *change = &g_array_index (changes, WartaChange, i);

      if (change->kind == kind && change->case_id == case_id)
        return TRUE;
    }
  return FALSE;
}

static gint64
start_case (TestDb     *db,
            gint64      staff,
            const char *title)
{
  g_autoptr(GError) error = NULL;
  gint64 id = warta_engine_start_case (db->engine, staff, "bbkk-medan-publikasi-website", title, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A transaction that leaves its scope uncommitted rolls back: what it
 * wrote is gone, nothing is announced, and the store can begin again. */
static void
test_transaction_rolls_back_unless_committed (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  ChangeLog log;
  gint64 roles = test_db_count (db, "SELECT count(*) FROM roles");

  change_log_init (&log, db->store);
  {
    g_autoptr(WartaTransaction) tx = warta_store_transaction (db->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    g_assert_true (warta_store_insert_role (db->store, "tamu", "Tamu", &error));
    g_assert_true (warta_journal_append (db->store, db->now, db->admin, 0, "role.add", "{}", &error));
    g_assert_no_error (error);
    g_assert_true (warta_store_has_role (db->store, "tamu"));
    /* Leaves without a commit, as an error path would. */
  }
  g_assert_false (warta_store_has_role (db->store, "tamu"));
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM roles"), ==, roles);
  g_assert_cmpuint (log.emissions->len, ==, 0);

  /* No transaction was left open: a new one begins, and its commit holds. */
  {
    g_autoptr(WartaTransaction) tx = warta_store_transaction (db->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    g_assert_true (warta_store_insert_role (db->store, "tamu", "Tamu", &error));
    g_assert_true (warta_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_true (warta_store_has_role (db->store, "tamu"));
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM roles"), ==, roles + 1);

  /* An engine action refused halfway leaves no transaction open either. */
  g_assert_cmpint (warta_engine_start_case (db->engine, 4242, "bbkk-medan-publikasi-website", "Rilis", &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_clear_error (&error);
  {
    g_autoptr(WartaTransaction) tx = warta_store_transaction (db->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tx);
  }
  change_log_clear (&log, db->store);
}

/* A snapshot only reads: it ends with a rollback and announces nothing,
 * even if something was written inside it. */
static void
test_snapshot_announces_nothing (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEvidence) evidence = NULL;
  ChangeLog log;
  gint64 staff, case_id;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  case_id = start_case (db, staff, "Rilis");
  test_db_write_naskah (db, staff, case_id);

  change_log_init (&log, db->store);
  {
    g_autoptr(WartaTransaction) snapshot = warta_store_snapshot (db->store, &error);
    g_autoptr(WartaNaskah) naskah = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (snapshot);
    naskah = warta_store_get_naskah (db->store, case_id, &error);
    g_assert_no_error (error);
    g_free (naskah->title);
    naskah->title = g_strdup ("Ditulis di dalam snapshot");
    /* PostgreSQL's snapshot is READ ONLY: the write is refused outright */
    if (test_db_is_postgres ())
      {
        g_assert_false (warta_store_save_naskah (db->store, naskah, &error));
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
    else
      {
        g_assert_true (warta_store_save_naskah (db->store, naskah, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_cmpuint (log.emissions->len, ==, 0);
  g_assert_cmpint (test_db_count (db, "SELECT count(*) FROM naskah WHERE title = 'Ditulis di dalam snapshot'"), ==, 0);

  /* The papers are read in a snapshot: printing them changes nothing. */
  evidence = warta_evidence_gather (db->engine, db->admin, case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  g_assert_cmpuint (log.emissions->len, ==, 0);
  /* And the store is free for the next write. */
  test_db_write_naskah (db, staff, case_id);
  g_assert_cmpuint (log.emissions->len, ==, 1);
  change_log_clear (&log, db->store);
}

/* A commit announces once what it wrote: each kind with its berkas, no
 * more, no less. */
static void
test_commit_announces_what_was_written (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GError) error = NULL;
  ChangeLog log;
  GArray *changes;
  gint64 staff, first, second;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  first = start_case (db, staff, "Rilis pertama");
  second = start_case (db, staff, "Rilis kedua");

  change_log_init (&log, db->store);

  /* An engine action: its berkas, with the journal event that recorded it. */
  test_db_write_naskah (db, staff, first);
  g_assert_cmpuint (log.emissions->len, ==, 1);
  changes = g_ptr_array_index (log.emissions, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, WARTA_CHANGE_CASE, first));
  g_assert_true (warta_engine_complete (db->engine, staff, first, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.emissions->len, ==, 2);
  changes = g_ptr_array_index (log.emissions, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, WARTA_CHANGE_CASE, first));
  g_assert_cmpint (g_array_index (changes, WartaChange, 0).seq, ==,
                   test_db_count (db, "SELECT max(seq) FROM journal"));

  g_assert_true (warta_engine_add_role (db->engine, db->admin, "tamu", "Tamu", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.emissions->len, ==, 3);
  changes = g_ptr_array_index (log.emissions, 2);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, WARTA_CHANGE_PEOPLE, 0));

  /* One transaction touching two berkas twice and the office: three changes. */
  {
    g_autoptr(WartaTransaction) tx = warta_store_transaction (db->store, &error);

    g_assert_nonnull (tx);
    g_assert_true (warta_journal_append (db->store, db->now, staff, first, "case.note", "{}", &error));
    g_assert_true (warta_journal_append (db->store, db->now, staff, second, "case.note", "{}", &error));
    g_assert_true (warta_journal_append (db->store, db->now, staff, second, "attachment.add", "{}", &error));
    g_assert_true (warta_journal_append (db->store, db->now, db->admin, 0, "setting.change", "{}", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (log.emissions->len, ==, 3);
    g_assert_true (warta_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (log.emissions->len, ==, 4);
  changes = g_ptr_array_index (log.emissions, 3);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_true (has_change (changes, WARTA_CHANGE_CASE, first));
  g_assert_true (has_change (changes, WARTA_CHANGE_CASE, second));
  g_assert_true (has_change (changes, WARTA_CHANGE_OFFICE, 0));
  change_log_clear (&log, db->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/fresh-database", test_fresh_database);
  if (test_db_is_postgres ())
    g_test_add_func ("/store/same-schema", test_same_schema);
  g_test_add_func ("/store/foreign-keys", test_foreign_keys);
  g_test_add_func ("/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store/install-is-all-or-nothing", test_install_is_all_or_nothing);
  g_test_add_func ("/store/inbox-by-action", test_inbox_by_action);
  g_test_add_func ("/store/transaction-rolls-back-unless-committed", test_transaction_rolls_back_unless_committed);
  g_test_add_func ("/store/snapshot-announces-nothing", test_snapshot_announces_nothing);
  g_test_add_func ("/store/commit-announces-what-was-written", test_commit_announces_what_was_written);
  g_test_add_func ("/store/keyset-pages", test_keyset_pages);
  /* What only a sqlite file has: its permissions, its header, its
   * query plans, and offices made by older Warta versions */
  if (!test_db_is_postgres ())
    {
      g_test_add_func ("/store/dispositions-migrated", test_dispositions_migrated);
      g_test_add_func ("/store/not-a-database", test_not_a_database);
      g_test_add_func ("/store/new-database-private", test_new_database_private);
      g_test_add_func ("/store/open-database-others-read", test_open_database_others_read);
      g_test_add_func ("/store/backfill-actions", test_backfill_actions);
      g_test_add_func ("/store/no-scans", test_no_scans);
      g_test_add_func ("/store/inbox-migrated", test_inbox_migrated);
      g_test_add_func ("/store/attachments-migrated", test_attachments_migrated);
      g_test_add_func ("/store/people-migrated", test_people_migrated);
    }

  return g_test_run ();
}
