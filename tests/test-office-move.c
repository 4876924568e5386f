/* test-office-move.c: the sample office moved from its one desk onto an
 * office server, and a move that fails leaving the server as it was
 *
 * Runs in the throwaway cluster of tests/pg/with-cluster.sh. The server's
 * logins are the cluster's, shared by its databases: each test undoes
 * its office (warta_store_uninit_server) before the next makes one with
 * the same people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "test-util.h"
#include "warta-journal.h"
#include "warta-sample.h"

/* The sample office, made once and copied for each test */
static char *sample_dir;
static char *sample_path;

static char *
conninfo_super (const char *db)
{
  return g_strdup_printf ("host=%s port=%s user=postgres dbname=%s", g_getenv ("WARTA_TEST_PG_HOST"),
                          g_getenv ("WARTA_TEST_PG_PORT"), db);
}

static char *
conninfo_tcp (const char *db)
{
  return g_strdup_printf ("host=127.0.0.1 port=%s dbname=%s", g_getenv ("WARTA_TEST_PG_PORT"), db);
}

static PGresult *
super_query (const char *db,
             const char *sql)
{
  g_autofree char *info = conninfo_super (db);
  PGconn *conn = PQconnectdb (info);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  PQfinish (conn);
  return result;
}

static gint64
super_count (const char *db,
             const char *sql)
{
  PGresult *result = super_query (db, sql);
  gint64 n;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

static char *
new_database (void)
{
  static guint counter;
  char *name = g_strdup_printf ("pindah_%d_%u", (int)getpid (), ++counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  PGresult *result = super_query ("postgres", create);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  return name;
}

static gint64
sqlite_count (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A copy of the sample office, for a test to change */
static char *
sample_copy (const char *name)
{
  g_autofree char *path = g_build_filename (sample_dir, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (sample_path);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
keep_logins (GArray    *logins,
             gpointer   user_data,
             GError   **error)
{
  GHashTable *kept = user_data;

  for (guint i = 0; i < logins->len; i++)
    {
      const WartaMoveLogin *login = &g_array_index (logins, WartaMoveLogin, i);

      g_hash_table_insert (kept, g_strdup (login->login), g_strdup (login->password));
    }
  return TRUE;
}

/* No office is left in db: no table, none of its roles, none of the
 * people's logins. */
static void
assert_left_empty (const char *db,
                   const char *office_path)
{
  g_autofree char *roles = g_strdup_printf ("SELECT count (*) FROM pg_roles WHERE rolname LIKE '%s\\_%%'", db);
  sqlite3 *lite = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (super_count (db, "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'"), ==, 0);
  g_assert_cmpint (super_count (db, "SELECT count (*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                                    "WHERE n.nspname = 'public'"), ==, 0);
  g_assert_cmpint (super_count (db, roles), ==, 0);
  g_assert_cmpint (super_count (db, "SELECT count (*) FROM pg_namespace WHERE nspname = 'public' "
                                    "AND nspowner = 'pg_database_owner'::regrole"), ==, 1);

  g_assert_cmpint (sqlite3_open (office_path, &lite), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (lite, "SELECT login FROM users", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *login = g_strdup_printf ("SELECT count (*) FROM pg_roles WHERE rolname = '%s'",
                                                (const char *)sqlite3_column_text (stmt, 0));

      g_assert_cmpint (super_count (db, login), ==, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (lite);
}

/* The whole sample office moves: table by table the same rows, the
 * journal whole, each person signing in with the password the move gave
 * them and asked for their own, and a berkas worked on at its holder's
 * desk. */
static void
test_move_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_copy ("pindah.db");
  g_autofree char *db = new_database ();
  g_autofree char *super = conninfo_super (db);
  g_autofree char *tcp = conninfo_tcp (db);
  g_autoptr(GHashTable) passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(WartaMoveReport) report = NULL;
  g_autoptr(WartaStore) from = NULL;
  g_autoptr(WartaStore) to = NULL;
  GHashTableIter iter;
  gpointer login, password;
  gint64 max_attachment;

  from = warta_store_open (path, &error);
  g_assert_no_error (error);
  to = warta_store_init_server (super, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_store_move_to (from, to, keep_logins, passwords, &report, &error));
  g_assert_no_error (error);
  g_clear_object (&from);
  g_clear_object (&to);

  /* Table by table, what the sqlite office holds */
  g_assert_cmpuint (report->counts->len, ==, 23);
  for (guint i = 0; i < report->counts->len; i++)
    {
      const WartaMoveCount *count = &g_array_index (report->counts, WartaMoveCount, i);
      g_autofree char *lite_sql = g_strdup_printf ("SELECT count (*) FROM %s", count->table);
      g_autofree char *pg_sql = g_str_equal (count->table, "attachment_data")
        ? g_strdup ("SELECT count (DISTINCT attachment_id) FROM attachment_data")
        : g_strdup_printf ("SELECT count (*) FROM %s", count->table);
      gint64 lite = sqlite_count (path, lite_sql);
      gint64 server = super_count (db, pg_sql);

      g_test_message ("%s: %" G_GINT64_FORMAT " rows", count->table, count->rows);
      if (g_str_equal (count->table, "meta"))
        {
          /* the server's own two (its schema, its logins) stay */
          g_assert_cmpint (count->rows, ==,
                           sqlite_count (path, "SELECT count (*) FROM meta "
                                               "WHERE key NOT IN ('schema_version', 'people_are_logins')"));
          g_assert_cmpint (server, ==, count->rows + 2);
          continue;
        }
      g_assert_cmpint (count->rows, ==, lite);
      g_assert_cmpint (server, ==, lite);
    }
  g_assert_cmpint (sqlite_count (path, "SELECT count (*) FROM users"), >, 1);
  g_assert_cmpint (report->n_attachments, >, 0);
  g_assert_cmpint (report->n_attachments, ==, sqlite_count (path, "SELECT count (*) FROM attachment_data"));
  g_assert_cmpint (report->attachment_bytes, ==,
                   sqlite_count (path, "SELECT sum (length (data)) FROM attachment_data"));
  g_assert_cmpint (report->journal_events, ==, sqlite_count (path, "SELECT count (*) FROM journal"));
  g_assert_cmpint (report->journal_events, >, 10);
  g_assert_cmpint (super_count (db, "SELECT count (*) FROM users WHERE password_hash <> '!server' "
                                    "OR must_change_password <> 1"), ==, 0);

  /* Each person signs in with the password they were given, and is told
   * to choose their own */
  g_assert_cmpuint (g_hash_table_size (passwords), ==, sqlite_count (path, "SELECT count (*) FROM users"));
  g_hash_table_iter_init (&iter, passwords);
  while (g_hash_table_iter_next (&iter, &login, &password))
    {
      g_autoptr(WartaEngine) first = warta_engine_open_server (tcp, login, password, &error);

      g_assert_cmpuint (strlen (password), ==, 16);
      g_assert_no_error (error);
      g_assert_cmpint (warta_engine_authenticate (first, login, NULL, &error), ==, 0);
      g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD);
      g_clear_error (&error);
    }

  /* A berkas moved in is worked on by whoever holds its step, at their
   * own desk: a file added under a new id, past the moved ones */
  max_attachment = super_count (db, "SELECT max (id) FROM attachments");
  {
    PGresult *held = super_query (db, "SELECT r.case_id, u.login, u.id FROM step_runs r "
                                      "JOIN cases c ON c.id = r.case_id "
                                      "JOIN users u ON u.active = 1 AND (u.id = r.assignee OR (r.assignee IS NULL "
                                      "  AND u.id IN (SELECT user_id FROM user_roles WHERE role_id = r.lane))) "
                                      "WHERE r.completed_at IS NULL "
                                      "ORDER BY r.case_id, u.id LIMIT 1");
    g_autoptr(WartaEngine) first = NULL;
    g_autoptr(WartaEngine) holder = NULL;
    g_autoptr(GBytes) pdf = test_pdf_bytes ("Catatan sesudah pindah");
    g_autofree char *holder_login = NULL;
    gint64 case_id, holder_id, id;

    g_assert_cmpint (PQresultStatus (held), ==, PGRES_TUPLES_OK);
    g_assert_cmpint (PQntuples (held), ==, 1);
    case_id = g_ascii_strtoll (PQgetvalue (held, 0, 0), NULL, 10);
    holder_login = g_strdup (PQgetvalue (held, 0, 1));
    holder_id = g_ascii_strtoll (PQgetvalue (held, 0, 2), NULL, 10);
    PQclear (held);

    first = warta_engine_open_server (tcp, holder_login, g_hash_table_lookup (passwords, holder_login), &error);
    g_assert_no_error (error);
    g_assert_cmpint (warta_engine_change_password (first, holder_login, g_hash_table_lookup (passwords, holder_login),
                                                   TEST_PASSWORD, &error), ==, holder_id);
    g_assert_no_error (error);
    holder = warta_engine_open_server (tcp, holder_login, TEST_PASSWORD, &error);
    g_assert_no_error (error);
    g_assert_cmpint (warta_engine_authenticate (holder, holder_login, NULL, &error), ==, holder_id);
    g_assert_no_error (error);
    id = warta_engine_attach_bytes (holder, holder_id, case_id, "catatan.pdf", pdf, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, max_attachment);
    g_assert_true (warta_journal_verify (warta_engine_get_store (holder), NULL, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (warta_store_uninit_server (super, NULL, &error));
  g_assert_no_error (error);
  assert_left_empty (db, path);
}

/* A file whose content is not what its SHA-256 says stops the move on
 * the server's side; what init made is undone, and the database is as
 * empty as it came: the office can be made in it again. */
static void
test_move_fails_leaves_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_copy ("rusak.db");
  g_autofree char *db = new_database ();
  g_autofree char *super = conninfo_super (db);
  g_autoptr(WartaStore) from = NULL;
  g_autoptr(WartaStore) to = NULL;

  sqlite_exec (path, "UPDATE attachments SET sha256 = '0000000000000000000000000000000000000000000000000000000000000000' "
                     "WHERE id = (SELECT max (d.attachment_id) FROM attachment_data d "
                     "            JOIN attachments a ON a.id = d.attachment_id WHERE a.pending IS NULL)");
  from = warta_store_open (path, &error);
  g_assert_no_error (error);
  to = warta_store_init_server (super, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (warta_store_move_to (from, to, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
  g_clear_error (&error);
  g_clear_object (&to);

  g_assert_true (warta_store_uninit_server (super, NULL, &error));
  g_assert_no_error (error);
  assert_left_empty (db, path);

  /* Empty enough to be an office again */
  to = warta_store_init_server (super, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&to);
  g_assert_true (warta_store_uninit_server (super, NULL, &error));
  g_assert_no_error (error);
  assert_left_empty (db, path);
}

/* An office is made, or moved, only into an empty database. */
static void
test_refuses_non_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_copy ("dua.db");
  g_autofree char *db = new_database ();
  g_autofree char *super = conninfo_super (db);
  g_autoptr(WartaStore) from = NULL;
  g_autoptr(WartaStore) to = NULL;
  g_autoptr(WartaStore) again = NULL;
  g_autoptr(GHashTable) passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  from = warta_store_open (path, &error);
  g_assert_no_error (error);
  to = warta_store_init_server (super, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_store_move_to (from, to, keep_logins, passwords, NULL, &error));
  g_assert_no_error (error);

  again = warta_store_init_server (super, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "not empty"));
  g_clear_error (&error);

  /* A second move into the office now holding the first is refused
   * before it writes anything */
  g_assert_false (warta_store_move_to (from, to, NULL, NULL, NULL, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (super_count (db, "SELECT count (*) FROM journal"), ==,
                   sqlite_count (path, "SELECT count (*) FROM journal"));

  /* Another database of the same server: its people's logins are taken
   * by the first office, and the move says so; undone, nothing stays */
  {
    g_autofree char *other = new_database ();
    g_autofree char *other_super = conninfo_super (other);
    g_autofree char *roles = g_strdup_printf ("SELECT count (*) FROM pg_roles WHERE rolname LIKE '%s\\_%%'", other);
    g_autoptr(WartaStore) second = warta_store_init_server (other_super, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (warta_store_move_to (from, second, NULL, NULL, NULL, &error));
    g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, "already has a login"));
    g_clear_error (&error);
    g_clear_object (&second);
    g_assert_true (warta_store_uninit_server (other_super, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (super_count (other, "SELECT count (*) FROM pg_tables WHERE schemaname = 'public'"), ==, 0);
    g_assert_cmpint (super_count (other, roles), ==, 0);
    /* the first office's logins are still there */
    g_assert_cmpint (super_count (db, "SELECT count (*) FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                                      "WHERE g.rolname LIKE 'pindah\\_%\\_person'"), ==,
                     sqlite_count (path, "SELECT count (*) FROM users"));
  }

  g_clear_object (&to);
  g_assert_true (warta_store_uninit_server (super, NULL, &error));
  g_assert_no_error (error);
  assert_left_empty (db, path);
}

static void
make_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sopdir = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", NULL);
  g_autoptr(WartaStore) store = NULL;
  g_autoptr(WartaEngine) engine = NULL;
  gint64 started = g_get_monotonic_time ();

  sample_dir = g_dir_make_tmp ("warta-move-XXXXXX", &error);
  g_assert_no_error (error);
  sample_path = g_build_filename (sample_dir, "sample.db", NULL);
  store = warta_store_open (sample_path, &error);
  g_assert_no_error (error);
  engine = warta_engine_new (store);
  g_assert_true (warta_sample_populate (engine, sopdir, &error));
  g_assert_no_error (error);
  g_test_message ("sample office made in %.1f s", (g_get_monotonic_time () - started) / 1e6);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A PostgreSQL that is not there fails the test: it is never skipped */
  if (g_getenv ("WARTA_TEST_PG_HOST") == NULL)
    g_error ("WARTA_TEST_PG_HOST is not set: run under tests/pg/with-cluster.sh");
  make_sample ();
  g_test_add_func ("/office-move/sample", test_move_sample);
  g_test_add_func ("/office-move/fails-leaves-empty", test_move_fails_leaves_empty);
  g_test_add_func ("/office-move/refuses-non-empty", test_refuses_non_empty);
  status = g_test_run ();
  test_remove_tree (sample_dir);
  g_free (sample_dir);
  g_free (sample_path);
  return status;
}
