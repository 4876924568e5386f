/* test-db.c: the database layer on sqlite and on a real PostgreSQL 15
 *
 * Run through tests/pg/with-cluster.sh, which starts a throwaway cluster
 * and says where in WARTA_TEST_PG (a unix socket, trusted) and
 * WARTA_TEST_PG_PORT (127.0.0.1, scram-sha-256). Each PostgreSQL test
 * makes a database of its own; each sqlite one a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "warta-db.h"

/* Backends */

typedef struct
{
  WartaDb *db;
  char    *dbname;    /* PostgreSQL */
  char    *dir;       /* sqlite */
} Fixture;

static gboolean
is_pg (gconstpointer data)
{
  return g_strcmp0 (data, "postgres") == 0;
}

static const char *
test_pg (void)
{
  const char *conninfo = g_getenv ("WARTA_TEST_PG");

  g_assert_nonnull (conninfo);
  return conninfo;
}

static WartaDb *
open_pg (const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = g_strdup_printf ("%s %s", test_pg (), extra ? extra : "");
  WartaDb *db = warta_db_open_postgres (conninfo, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
run (WartaDb    *db,
     const char *sql)
{
  g_autoptr(GError) error = NULL;

  warta_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* A database of this test's own on the cluster, by a name no other test
 * of this run takes. */
static char *
create_database (void)
{
  static guint counter;
  WartaDb *admin = open_pg (NULL);
  char *name = g_strdup_printf ("warta_test_%d_%u", (int)getpid (), counter++);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s STRATEGY = FILE_COPY", name);

  run (admin, sql);
  warta_db_close (admin);
  return name;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (is_pg (data))
    {
      g_autofree char *extra = NULL;

      f->dbname = create_database ();
      extra = g_strdup_printf ("dbname=%s", f->dbname);
      f->db = open_pg (extra);
      g_assert_cmpint (warta_db_get_kind (f->db), ==, WARTA_DB_POSTGRES);
    }
  else
    {
      g_autofree char *path = NULL;

      f->dir = g_dir_make_tmp ("warta-test-db-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (f->dir, "db.sqlite", NULL);
      f->db = warta_db_open_sqlite (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (warta_db_get_kind (f->db), ==, WARTA_DB_SQLITE);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  warta_db_close (f->db);
  if (f->dir != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, "db.sqlite", NULL);

      g_unlink (path);
      g_rmdir (f->dir);
    }
  g_free (f->dir);
  g_free (f->dbname);
}

/* A second connection to the fixture's PostgreSQL database. */
static WartaDb *
open_again (Fixture    *f,
            const char *extra)
{
  g_autofree char *more = g_strdup_printf ("dbname=%s %s", f->dbname, extra ? extra : "");

  return open_pg (more);
}

static WartaStmt *
prepare (WartaDb    *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  WartaStmt *stmt = warta_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  return stmt;
}

static gint64
query_int (WartaDb    *db,
           const char *sql)
{
  WartaStmt *stmt = prepare (db, sql);
  gint64 value;

  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  value = warta_stmt_column_int64 (stmt, 0);
  warta_stmt_free (stmt);
  return value;
}

/* The dialect */

static void
test_sql_for_postgres (void)
{
  static const struct
  {
    const char *sqlite;
    const char *postgres;
  } cases[] = {
    { "SELECT ?, ?", "SELECT $1, $2" },
    /* ?N named again is the same parameter; a bare ? follows the highest */
    { "SELECT ?2, ?1, ?2", "SELECT $2, $1, $2" },
    { "SELECT ?3, ?", "SELECT $3, $4" },
    { "UPDATE t SET a = ?10 WHERE b = ?9", "UPDATE t SET a = $10 WHERE b = $9" },
    /* a ? inside quotes is text */
    { "SELECT 'a?b', ? FROM \"q?\"", "SELECT 'a?b', $1 FROM \"q?\"" },
    { "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1" },
    { "SELECT value FROM json_each (?1)",
      "SELECT value FROM json_array_elements_text (CAST ($1 AS json))" },
    { "SELECT id FROM t WHERE name IN (SELECT value FROM json_each (?2)) AND id > ?1",
      "SELECT id FROM t WHERE name IN (SELECT value FROM json_array_elements_text (CAST ($2 AS json))) AND id > $1" },
    { "SELECT 1", "SELECT 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sql = warta_db_sql_for_postgres (cases[i].sqlite);

      g_assert_cmpstr (sql, ==, cases[i].postgres);
    }
}

/* Values */

static void
make_values_table (Fixture       *f,
                   gconstpointer  data)
{
  if (is_pg (data))
    run (f->db, "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, data BYTEA, flag BOOLEAN,"
                "                n INTEGER CHECK (n >= 0))");
  else
    run (f->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, flag INTEGER,"
                "                n INTEGER CHECK (n >= 0))");
}

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  static const char insert[] = "INSERT INTO t (id, name, data, n) VALUES (?1, ?2, ?3, ?4)";
  guint8 bytes[256];
  WartaStmt *stmt;
  gconstpointer blob;
  gsize size = 99;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8)(255 - i);   /* 0xff first, 0x00 last */
  make_values_table (f, data);

  stmt = prepare (f->db, insert);
  warta_stmt_bind_int64 (stmt, 1, G_MAXINT64 - 1);
  warta_stmt_bind_text (stmt, 2, "Surat \xe2\x9c\x93 'kutip' \\x00");
  warta_stmt_bind_blob (stmt, 3, bytes, sizeof bytes);
  warta_stmt_bind_int (stmt, 4, 7);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_DONE);
  g_assert_cmpint (warta_stmt_changes (stmt), ==, 1);

  /* run again with other values: NULLs, an empty blob, a negative id */
  warta_stmt_reset (stmt);
  warta_stmt_clear_bindings (stmt);
  warta_stmt_bind_int64 (stmt, 1, G_MININT64);
  warta_stmt_bind_text (stmt, 2, NULL);
  warta_stmt_bind_blob (stmt, 3, NULL, 0);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_DONE);
  warta_stmt_free (stmt);

  stmt = prepare (f->db, "SELECT id, name, data, n, name IS NULL FROM t ORDER BY id DESC");
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpint (warta_stmt_column_count (stmt), ==, 5);
  g_assert_cmpint (warta_stmt_column_int64 (stmt, 0), ==, G_MAXINT64 - 1);
  g_assert_cmpstr (warta_stmt_column_text (stmt, 1), ==, "Surat \xe2\x9c\x93 'kutip' \\x00");
  g_assert_false (warta_stmt_column_is_null (stmt, 2));
  blob = warta_stmt_column_blob (stmt, 2, &size);
  g_assert_cmpmem (blob, size, bytes, sizeof bytes);
  /* asked twice, the same bytes */
  g_assert_true (warta_stmt_column_blob (stmt, 2, &size) == blob);
  g_assert_cmpint (warta_stmt_column_int (stmt, 3), ==, 7);
  g_assert_cmpint (warta_stmt_column_int (stmt, 4), ==, 0);

  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpint (warta_stmt_column_int64 (stmt, 0), ==, G_MININT64);
  g_assert_true (warta_stmt_column_is_null (stmt, 1));
  g_assert_null (warta_stmt_column_text (stmt, 1));
  g_assert_false (warta_stmt_column_is_null (stmt, 2));
  warta_stmt_column_blob (stmt, 2, &size);
  g_assert_cmpuint (size, ==, 0);
  g_assert_true (warta_stmt_column_is_null (stmt, 3));
  g_assert_cmpint (warta_stmt_column_int (stmt, 3), ==, 0);
  g_assert_cmpint (warta_stmt_column_int (stmt, 4), ==, 1);

  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_DONE);
  /* read again from the start, after a reset */
  warta_stmt_reset (stmt);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpint (warta_stmt_column_int64 (stmt, 0), ==, G_MAXINT64 - 1);
  warta_stmt_free (stmt);
}

/* Booleans read as numbers: PostgreSQL's t and f. */
static void
test_booleans (Fixture       *f,
               gconstpointer  data)
{
  WartaStmt *stmt = prepare (f->db, "SELECT 1 = 1, 1 = 2, ?1 = 3");

  warta_stmt_bind_int (stmt, 1, 3);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpint (warta_stmt_column_int (stmt, 0), ==, 1);
  g_assert_cmpint (warta_stmt_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (warta_stmt_column_int (stmt, 2), ==, 1);
  if (is_pg (data))
    g_assert_cmpstr (warta_stmt_column_text (stmt, 0), ==, "t");
  warta_stmt_free (stmt);

  if (is_pg (data))
    {
      make_values_table (f, data);
      run (f->db, "INSERT INTO t (id, flag) VALUES (1, true), (2, false)");
      g_assert_cmpint (query_int (f->db, "SELECT flag FROM t WHERE id = 1"), ==, 1);
      g_assert_cmpint (query_int (f->db, "SELECT flag FROM t WHERE id = 2"), ==, 0);
    }
}

/* Rows an UPDATE and a DELETE changed; a SELECT leaves the count. */
static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  WartaStmt *stmt;

  make_values_table (f, data);
  run (f->db, "INSERT INTO t (id, n) VALUES (1, 1), (2, 1), (3, 2)");

  stmt = prepare (f->db, "UPDATE t SET n = n + 10 WHERE n = ?");
  warta_stmt_bind_int (stmt, 1, 1);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_DONE);
  g_assert_cmpint (warta_stmt_changes (stmt), ==, 2);
  warta_stmt_reset (stmt);
  warta_stmt_bind_int (stmt, 1, 99);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_DONE);
  g_assert_cmpint (warta_stmt_changes (stmt), ==, 0);
  warta_stmt_free (stmt);

  stmt = prepare (f->db, "DELETE FROM t WHERE n > 10");
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_DONE);
  g_assert_cmpint (warta_stmt_changes (stmt), ==, 2);
  warta_stmt_free (stmt);

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM t"), ==, 1);
}

/* A statement run many times is prepared on the server once. */
static void
test_prepared_once (Fixture       *f,
                    gconstpointer  data)
{
  static const char count[] = "SELECT count(*) FROM pg_prepared_statements";
  gint64 before = query_int (f->db, count);
  WartaStmt *stmt = prepare (f->db, "SELECT ?1 + 1");

  for (int i = 0; i < 5; i++)
    {
      warta_stmt_reset (stmt);
      warta_stmt_bind_int (stmt, 1, i);
      g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
      g_assert_cmpint (warta_stmt_column_int (stmt, 0), ==, i + 1);
    }
  warta_stmt_free (stmt);
  /* query_int's own statement is one more */
  g_assert_cmpint (query_int (f->db, count), ==, before + 2);
}

/* json_each over a bound JSON array of strings. */
static void
test_json_each (Fixture       *f,
                gconstpointer  data)
{
  static const char *const expected[] = { "a", "b", "c ? 'd'" };
  WartaStmt *stmt;
  guint i = 0;

  make_values_table (f, data);
  run (f->db, "INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'z')");

  stmt = prepare (f->db, "SELECT value FROM json_each (?1) ORDER BY value");
  warta_stmt_bind_text (stmt, 1, "[\"b\", \"c ? 'd'\", \"a\"]");
  while (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    g_assert_cmpstr (warta_stmt_column_text (stmt, 0), ==, expected[i++]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  warta_stmt_free (stmt);

  stmt = prepare (f->db, "SELECT count(*) FROM t WHERE name IN (SELECT value FROM json_each (?2)) AND id > ?1");
  warta_stmt_bind_int (stmt, 1, 1);
  warta_stmt_bind_text (stmt, 2, "[\"a\", \"b\", \"z\", \"q\"]");
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpint (warta_stmt_column_int (stmt, 0), ==, 2);
  warta_stmt_free (stmt);
}

/* Errors */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaStmt *stmt;

  make_values_table (f, data);
  run (f->db, "INSERT INTO t (id) VALUES (1)");

  stmt = prepare (f->db, "INSERT INTO t (id, n) VALUES (?, ?)");
  warta_stmt_bind_int (stmt, 1, 1);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ERROR);
  g_assert_cmpint (warta_db_get_problem (f->db), ==, WARTA_DB_EXISTS);
  g_test_message ("unique: %s", warta_db_get_message (f->db));
  if (is_pg (data))
    g_assert_nonnull (strstr (warta_db_get_message (f->db), "Key (id)=(1) already exists"));

  warta_stmt_reset (stmt);
  warta_stmt_bind_int (stmt, 1, 2);
  warta_stmt_bind_int (stmt, 2, -1);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ERROR);
  g_assert_cmpint (warta_db_get_problem (f->db), ==, WARTA_DB_CONSTRAINT);
  g_test_message ("check: %s", warta_db_get_message (f->db));
  warta_stmt_free (stmt);

  /* a bad SQL: the server's own words */
  g_assert_false (warta_db_exec (f->db, "SELEC 1", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_FAILED);
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_assert_nonnull (strstr (warta_db_get_message (f->db), "\"SELEC\""));
  g_clear_error (&error);

  /* on PostgreSQL prepared at the first step, so failing there */
  stmt = warta_db_prepare (f->db, "SELECT nothing FROM t WHERE id = ?", &error);
  if (is_pg (data))
    {
      g_assert_no_error (error);
      warta_stmt_bind_int (stmt, 1, 1);
      g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ERROR);
      warta_stmt_free (stmt);
    }
  else
    g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_FAILED);
  g_assert_cmpint (warta_db_get_problem (f->db), ==, WARTA_DB_FAILED);
  g_assert_nonnull (strstr (warta_db_get_message (f->db), "nothing"));
}

/* A role without grants reads nothing: REFUSED. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaDb *other;

  make_values_table (f, data);
  run (f->db, "DO $$ BEGIN CREATE ROLE warta_nobody LOGIN; EXCEPTION WHEN duplicate_object THEN END $$");

  other = open_again (f, "user=warta_nobody");
  g_assert_false (warta_db_exec (other, "SELECT * FROM t", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_REFUSED);
  g_assert_nonnull (strstr (error->message, "permission denied"));
  warta_db_close (other);
}

/* Two transactions writing the same row: the later one must retry. */
static void
test_serialization (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaDb *other = open_again (f, NULL);

  make_values_table (f, data);
  run (f->db, "INSERT INTO t (id, n) VALUES (1, 0)");

  run (f->db, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT n FROM t WHERE id = 1");
  g_assert_true (warta_db_in_transaction (f->db));
  run (other, "UPDATE t SET n = 1 WHERE id = 1");
  g_assert_false (warta_db_in_transaction (other));
  g_assert_false (warta_db_exec (f->db, "UPDATE t SET n = 2 WHERE id = 1", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_SERIALIZATION);
  g_test_message ("serialization: %s", error->message);
  g_assert_true (warta_db_in_transaction (f->db));
  run (f->db, "ROLLBACK");
  g_assert_false (warta_db_in_transaction (f->db));
  warta_db_close (other);
}

/* A lock held past lock_timeout: BUSY. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaDb *other = open_again (f, NULL);

  make_values_table (f, data);
  run (f->db, "BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  run (other, "SET lock_timeout = '100ms'");
  g_assert_false (warta_db_exec (other, "SELECT * FROM t", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_BUSY);
  run (f->db, "ROLLBACK");
  warta_db_close (other);
}

/* The server ends the connection, as a restart does. Outside a
 * transaction the next statement connects again and runs, one prepared
 * on the old connection prepared again; inside one, CONNECTION until its
 * ROLLBACK, and the next BEGIN connects again; a COMMIT lost says that
 * its end is unknown; a write alone, as unknown, is not run twice. */
static void
test_connection_lost (Fixture       *f,
                      gconstpointer  data)
{
  static const char kill_sql[] =
    "SELECT pg_terminate_backend (pid) FROM pg_stat_activity WHERE application_name = 'warta_victim'";
  g_autoptr(GError) error = NULL;
  WartaDb *other = open_again (f, "application_name=warta_victim");
  WartaStmt *stmt = prepare (other, "SELECT 1");
  WartaStmt *count = NULL;

  make_values_table (f, data);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  warta_stmt_reset (stmt);

  run (f->db, kill_sql);
  g_assert_true (warta_db_exec (other, "SELECT 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  warta_stmt_reset (stmt);
  run (f->db, kill_sql);
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  warta_stmt_reset (stmt);

  /* inside a transaction */
  run (other, "BEGIN");
  run (f->db, kill_sql);
  g_assert_false (warta_db_exec (other, "SELECT 1", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_CONNECTION);
  g_test_message ("lost: %s", error->message);
  g_clear_error (&error);
  g_assert_true (warta_db_in_transaction (other));
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ERROR);
  g_assert_cmpint (warta_db_get_problem (other), ==, WARTA_DB_CONNECTION);
  run (other, "ROLLBACK");
  g_assert_false (warta_db_in_transaction (other));
  run (other, "BEGIN");
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  warta_stmt_reset (stmt);
  run (other, "COMMIT");

  /* its COMMIT */
  run (other, "BEGIN; INSERT INTO t (id) VALUES (1)");
  run (f->db, kill_sql);
  g_assert_false (warta_db_exec (other, "COMMIT", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_CONNECTION);
  g_assert_nonnull (strstr (error->message, "unknown"));
  g_clear_error (&error);
  run (other, "ROLLBACK");

  /* a write alone, on a connection made again */
  run (other, "SELECT 1");
  run (f->db, kill_sql);
  g_assert_false (warta_db_exec (other, "INSERT INTO t (id) VALUES (2)", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_CONNECTION);
  count = prepare (other, "SELECT count (*) FROM t");
  g_assert_cmpint (warta_stmt_step (count), ==, WARTA_STMT_ROW);
  g_assert_cmpint (warta_stmt_column_int64 (count, 0), ==, 0);

  warta_stmt_free (count);
  warta_stmt_free (stmt);
  warta_db_close (other);
}

/* Attachments' content */

#define CONTENT_SIZE (3 * 1024 * 1024)
#define CHUNK_SIZE   (256 * 1024)

static void
make_attachment (Fixture       *f,
                 gconstpointer  data,
                 gint64         id,
                 gint64         size)
{
  g_autofree char *sql = NULL;

  if (is_pg (data))
    {
      run (f->db, "CREATE TABLE IF NOT EXISTS attachments (id BIGINT PRIMARY KEY, size BIGINT NOT NULL);"
                  "CREATE TABLE IF NOT EXISTS attachment_data (attachment_id BIGINT, at BIGINT, data BYTEA,"
                  "                                            PRIMARY KEY (attachment_id, at));"
                  /* as the store's schema should: attachments are mostly
                   * compressed already, and substring() reads an
                   * uncompressed value's slice without the rest */
                  "ALTER TABLE attachment_data ALTER data SET STORAGE EXTERNAL");
      sql = g_strdup_printf ("INSERT INTO attachments (id, size) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                             id, size);
      run (f->db, sql);
    }
  else
    run (f->db, "CREATE TABLE IF NOT EXISTS attachment_data (attachment_id INTEGER PRIMARY KEY, data BLOB)");
}

static guint8 *
content_new (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint8 *content = g_malloc (CONTENT_SIZE);

  for (gsize i = 0; i < CONTENT_SIZE; i++)
    content[i] = (guint8)g_rand_int (rand);
  content[0] = 0x00;
  content[1] = 0xff;
  return content;
}

static void
write_content (Fixture       *f,
               gint64         id,
               const guint8  *content)
{
  g_autoptr(GError) error = NULL;
  WartaDbBlob *blob;

  warta_db_blob_create (f->db, id, CONTENT_SIZE, &error);
  g_assert_no_error (error);
  blob = warta_db_blob_open (f->db, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warta_db_blob_get_size (blob), ==, CONTENT_SIZE);
  for (gsize at = 0; at < CONTENT_SIZE; at += CHUNK_SIZE)
    g_assert_true (warta_db_blob_write (blob, content + at, CHUNK_SIZE, at));
  warta_db_blob_close (blob);
}

static void
test_blob (Fixture       *f,
           gconstpointer  data)
{
  static const struct
  {
    gint64 offset;
    gsize  length;
  } reads[] = {
    { 0, 1 },
    { 1, CHUNK_SIZE - 1 },
    { CHUNK_SIZE - 1, 2 },                     /* across one boundary */
    { CHUNK_SIZE, CHUNK_SIZE },                /* one chunk exactly */
    { 100001, 1000003 },                       /* across several */
    { 2 * CHUNK_SIZE + 7, CHUNK_SIZE * 3 - 5 },
    { CONTENT_SIZE - 7, 7 },                   /* the end */
    { 0, CONTENT_SIZE },                       /* all of it */
  };
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *content = content_new ();
  g_autofree guint8 *buffer = g_malloc (CONTENT_SIZE);
  WartaDbBlob *blob;

  make_attachment (f, data, 5, CONTENT_SIZE);
  write_content (f, 5, content);

  blob = warta_db_blob_open (f->db, 5, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warta_db_blob_get_size (blob), ==, CONTENT_SIZE);
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      memset (buffer, 0x5a, reads[i].length);
      g_assert_true (warta_db_blob_read (blob, buffer, reads[i].length, reads[i].offset));
      g_assert_cmpmem (buffer, reads[i].length, content + reads[i].offset, reads[i].length);
    }
  warta_db_blob_close (blob);

  blob = warta_db_blob_open (f->db, 6, FALSE, &error);
  g_assert_null (blob);
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_NOT_FOUND);
}

/* A chunk gone, or cut short: the reads across it fail as NOT_FOUND, the
 * others still read. */
static void
test_blob_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *content = content_new ();
  g_autofree guint8 *buffer = g_malloc (CONTENT_SIZE);
  g_autofree char *sql = NULL;
  WartaDbBlob *blob;

  make_attachment (f, data, 5, CONTENT_SIZE);
  write_content (f, 5, content);
  sql = g_strdup_printf ("DELETE FROM attachment_data WHERE at = %d;"
                         "UPDATE attachment_data SET data = substring (data FROM 1 FOR 10) WHERE at = %d",
                         2 * CHUNK_SIZE, 5 * CHUNK_SIZE);
  run (f->db, sql);

  blob = warta_db_blob_open (f->db, 5, FALSE, &error);
  g_assert_no_error (error);
  /* a missing chunk: a read inside it, one from before into it, one from
   * inside it on */
  g_assert_false (warta_db_blob_read (blob, buffer, 10, 2 * CHUNK_SIZE + 5));
  g_assert_cmpint (warta_db_get_problem (f->db), ==, WARTA_DB_NOT_FOUND);
  g_assert_cmpstr (warta_db_get_message (f->db), ==, "part of the content is missing");
  g_assert_false (warta_db_blob_read (blob, buffer, 10, 2 * CHUNK_SIZE - 5));
  g_assert_false (warta_db_blob_read (blob, buffer, CHUNK_SIZE, 2 * CHUNK_SIZE + 5));
  /* a short chunk: its start reads, past its end does not */
  g_assert_true (warta_db_blob_read (blob, buffer, 10, 5 * CHUNK_SIZE));
  g_assert_cmpmem (buffer, 10, content + 5 * CHUNK_SIZE, 10);
  g_assert_false (warta_db_blob_read (blob, buffer, 11, 5 * CHUNK_SIZE));
  g_assert_cmpint (warta_db_get_problem (f->db), ==, WARTA_DB_NOT_FOUND);
  /* the rest is there */
  g_assert_true (warta_db_blob_read (blob, buffer, 2 * CHUNK_SIZE, 0));
  g_assert_cmpmem (buffer, 2 * CHUNK_SIZE, content, 2 * CHUNK_SIZE);
  warta_db_blob_close (blob);
}

/* Connecting */

static WartaDb *
try_open (const char  *conninfo,
          const char  *password,
          GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  WartaDb *db = warta_db_open_postgres (conninfo, password, error);

  g_test_message ("%s: %s", conninfo, *error ? (*error)->message : "connected");
  /* nothing here waits for a network */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  return db;
}

/* Over a network, nothing weaker than verify-full, and verify-full when
 * nothing is said. */
static void
test_tls_rule (void)
{
  static const char *const refused[] = {
    "host=10.1.2.3 sslmode=disable",
    "host=10.1.2.3 sslmode=prefer",
    "host=db.example.org sslmode=require",
    "host=10.1.2.3 sslmode=verify-ca",
    "postgresql://10.1.2.3/warta?sslmode=require",
    "host=localhost,10.1.2.3 sslmode=disable",
    "host=localhost hostaddr=10.1.2.3 sslmode=disable",
    "service=warta sslmode=disable",
  };
  g_autofree char *named = g_strdup_printf ("host=warta.test hostaddr=127.0.0.1 port=%s user=postgres",
                                            g_getenv ("WARTA_TEST_PG_PORT"));
  /* an address elsewhere, reached at this computer's (hostaddr) so that
   * the test needs no network and waits for none */
  g_autofree char *address = g_strdup_printf ("host=10.1.2.3 hostaddr=127.0.0.1 port=%s user=postgres connect_timeout=2",
                                              g_getenv ("WARTA_TEST_PG_PORT"));
  g_autofree char *socket = g_strdup_printf ("%s sslmode=disable", test_pg ());
  WartaDb *db;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (try_open (refused[i], NULL, &error));
      g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_FAILED);
      g_assert_nonnull (strstr (error->message, "verify-full"));
    }

  /* verify-full when nothing is said: asked of the test cluster, which
   * has no TLS (and there is no root certificate here anyway) */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (try_open (i == 0 ? named : address, NULL, &error));
      g_assert_true (strstr (error->message, "SSL was required") != NULL ||
                     strstr (error->message, "root certificate") != NULL);
    }

  /* a service of the environment's naming an address elsewhere, with
   * sslmode=disable: verify-full all the same */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("warta-test-db-XXXXXX", &error);
    g_autofree char *file = g_build_filename (dir, "pg_service.conf", NULL);
    g_autofree char *service = g_strdup_printf ("[far]\nhost=10.1.2.3\nhostaddr=127.0.0.1\nport=%s\n"
                                                "user=postgres\nsslmode=disable\n",
                                                g_getenv ("WARTA_TEST_PG_PORT"));

    g_file_set_contents (file, service, -1, &error);
    g_assert_no_error (error);
    g_setenv ("PGSERVICEFILE", file, TRUE);
    g_setenv ("PGSERVICE", "far", TRUE);
    g_assert_null (try_open ("dbname=postgres", NULL, &error));
    g_assert_nonnull (strstr (error->message, "SSL was required"));
    g_unsetenv ("PGSERVICE");
    g_unsetenv ("PGSERVICEFILE");
    g_unlink (file);
    g_rmdir (dir);
  }

  /* a unix socket may say disable */
  {
    g_autoptr(GError) error = NULL;

    db = try_open (socket, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT CAST (current_setting ('server_version_num') AS integer)") / 10000, ==, 15);
    warta_db_close (db);
  }
}

/* What the connection is set to: its name, lock_timeout, quiet notices. */
static void
test_session_settings (void)
{
  WartaDb *db = open_pg (NULL);
  WartaStmt *stmt = prepare (db, "SELECT current_setting ('application_name'), current_setting ('lock_timeout'),"
                                 "       current_setting ('client_min_messages')");

  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpstr (warta_stmt_column_text (stmt, 0), ==, "warta");
  g_assert_cmpstr (warta_stmt_column_text (stmt, 1), ==, "10s");
  g_assert_cmpstr (warta_stmt_column_text (stmt, 2), ==, "warning");
  warta_stmt_free (stmt);
  warta_db_close (db);

  db = open_pg ("application_name=other");
  stmt = prepare (db, "SELECT current_setting ('application_name')");
  g_assert_cmpint (warta_stmt_step (stmt), ==, WARTA_STMT_ROW);
  g_assert_cmpstr (warta_stmt_column_text (stmt, 0), ==, "other");
  warta_stmt_free (stmt);
  warta_db_close (db);
}

/* Over TCP on loopback, with a password: the right one, a wrong one,
 * none; in a URI the password given apart joins it. */
static void
test_password (void)
{
  const char *port = g_getenv ("WARTA_TEST_PG_PORT");
  g_autofree char *tcp = g_strdup_printf ("host=127.0.0.1 port=%s user=warta_pw dbname=postgres", port);
  g_autofree char *uri = g_strdup_printf ("postgresql://warta_pw@localhost:%s/postgres?sslmode=disable", port);
  g_autofree char *ghost = g_strdup_printf ("host=127.0.0.1 port=%s user=warta_ghost dbname=postgres", port);
  WartaDb *admin = open_pg (NULL);
  g_autoptr(GError) error = NULL;
  WartaDb *db;

  run (admin, "DO $$ BEGIN CREATE ROLE warta_pw LOGIN PASSWORD 'benar'; "
              "EXCEPTION WHEN duplicate_object THEN END $$");
  warta_db_close (admin);

  db = try_open (tcp, "benar", &error);
  g_assert_no_error (error);
  warta_db_close (db);
  db = try_open (uri, "benar", &error);
  g_assert_no_error (error);
  warta_db_close (db);

  g_assert_null (try_open (tcp, "salah", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_AUTH);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
  g_clear_error (&error);

  g_assert_null (try_open (tcp, NULL, &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_AUTH);
  g_clear_error (&error);

  g_assert_null (try_open (ghost, "apa", &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_AUTH);
}

/* A port of this computer's where nothing listens. */
static void
test_nothing_listens (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *conninfo = NULL;

  /* a port the system just gave out, closed again */
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=postgres",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_null (try_open (conninfo, NULL, &error));
  g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_CONNECTION);
  g_assert_nonnull (strstr (error->message, "refused"));
}

/* A server of another kind: it reads what comes and answers as a web
 * server would, on a thread of its own. */
typedef struct
{
  GMutex        lock;
  GCond         ready;
  guint16       port;
  GMainContext *context;
  GMainLoop    *loop;
} Alien;

static gboolean
alien_incoming (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           data)
{
  static const char answer[] = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char buffer[512];

  g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static gpointer
alien_thread (gpointer data)
{
  Alien *alien = data;
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (alien->context);
  service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), any, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (alien_incoming), NULL);
  g_socket_service_start (service);

  g_mutex_lock (&alien->lock);
  alien->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_cond_signal (&alien->ready);
  g_mutex_unlock (&alien->lock);

  g_main_loop_run (alien->loop);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_main_context_pop_thread_default (alien->context);
  return NULL;
}

static void
test_not_postgres (void)
{
  Alien alien = { 0 };
  GThread *thread;

  g_mutex_init (&alien.lock);
  g_cond_init (&alien.ready);
  alien.context = g_main_context_new ();
  alien.loop = g_main_loop_new (alien.context, FALSE);
  thread = g_thread_new ("alien", alien_thread, &alien);
  g_mutex_lock (&alien.lock);
  while (alien.port == 0)
    g_cond_wait (&alien.ready, &alien.lock);
  g_mutex_unlock (&alien.lock);

  /* as libpq first asks for TLS, and as it starts without */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u user=postgres sslmode=%s",
                                                   alien.port, i == 0 ? "prefer" : "disable");

      g_assert_null (try_open (conninfo, NULL, &error));
      g_assert_error (error, WARTA_DB_ERROR, WARTA_DB_NOT_DATABASE);
    }

  g_main_loop_quit (alien.loop);
  g_thread_join (thread);
  g_main_loop_unref (alien.loop);
  g_main_context_unref (alien.context);
  g_mutex_clear (&alien.lock);
  g_cond_clear (&alien.ready);
}

static void
add_both (const char *name,
          void      (*test) (Fixture *, gconstpointer))
{
  static const char *const backends[] = { "sqlite", "postgres" };

  for (guint i = 0; i < G_N_ELEMENTS (backends); i++)
    {
      g_autofree char *path = g_strdup_printf ("/db/%s/%s", backends[i], name);

      g_test_add (path, Fixture, backends[i], fixture_set_up, test, fixture_tear_down);
    }
}

static void
add_pg (const char *name,
        void      (*test) (Fixture *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/db/postgres/%s", name);

  g_test_add (path, Fixture, "postgres", fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("WARTA_TEST_PG") == NULL || g_getenv ("WARTA_TEST_PG_PORT") == NULL)
    {
      g_printerr ("test-db: run through tests/pg/with-cluster.sh, which sets WARTA_TEST_PG\n");
      return 1;
    }
  /* no password of this machine's may answer for a test's */
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("PGSSLMODE");

  g_test_add_func ("/db/sql-for-postgres", test_sql_for_postgres);
  add_both ("values", test_values);
  add_both ("booleans", test_booleans);
  add_both ("changes", test_changes);
  add_both ("json-each", test_json_each);
  add_both ("errors", test_errors);
  add_both ("blob", test_blob);
  add_pg ("prepared-once", test_prepared_once);
  add_pg ("refused", test_refused);
  add_pg ("serialization", test_serialization);
  add_pg ("busy", test_busy);
  add_pg ("connection-lost", test_connection_lost);
  add_pg ("blob-missing", test_blob_missing);
  g_test_add_func ("/db/postgres/tls-rule", test_tls_rule);
  g_test_add_func ("/db/postgres/session-settings", test_session_settings);
  g_test_add_func ("/db/postgres/password", test_password);
  g_test_add_func ("/db/postgres/nothing-listens", test_nothing_listens);
  g_test_add_func ("/db/postgres/not-postgres", test_not_postgres);

  return g_test_run ();
}
