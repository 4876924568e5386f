/* test-pg-office.c: an office on a PostgreSQL server, as its people meet
 * it, and as someone with psql and their own password would try it
 *
 * Runs in the throwaway cluster of tests/pg/with-cluster.sh. Each person
 * signs in over TCP with a password, as a desk on the office's network
 * does; every trespass is tried with libpq as that person, and must be
 * refused by PostgreSQL itself, leaving the office as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libpq-fe.h>

#include "test-util.h"
#include "warta-journal.h"
#include "warta-password.h"

#define SOP "bbkk-medan-publikasi-website"
#define ADMIN_PASSWORD "admin-rahasia-1"

typedef struct
{
  char        *db;        /* the office's database */
  char        *prefix;    /* of its logins: logins are the server's, across databases */
  WartaEngine *admin;     /* the administrator's desk */
  gint64       admin_id;
  GHashTable  *ids;       /* login → users.id */
  char        *dir;       /* the desks' files */
} Office;

static char *
conninfo_tcp (const char *db)
{
  return g_strdup_printf ("host=127.0.0.1 port=%s dbname=%s", g_getenv ("WARTA_TEST_PG_PORT"), db);
}

static char *
conninfo_super (const char *db)
{
  return g_strdup_printf ("host=%s port=%s user=postgres dbname=%s", g_getenv ("WARTA_TEST_PG_HOST"),
                          g_getenv ("WARTA_TEST_PG_PORT"), db);
}

static PGconn *
connect_as (Office     *o,
            const char *login,
            const char *password)
{
  g_autofree char *info = conninfo_tcp (o->db);
  const char *keys[] = { "dbname", "user", "password", NULL };
  const char *values[] = { info, login, password, NULL };

  return PQconnectdbParams (keys, values, 1);
}

static char *
login_of (Office     *o,
          const char *name)
{
  return g_strdup_printf ("%s%s", o->prefix, name);
}

/* A person's desk: the engine on their own login, signed in. */
static WartaEngine *
desk (Office     *o,
      const char *name,
      const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *info = conninfo_tcp (o->db);
  g_autofree char *login = login_of (o, name);
  WartaEngine *engine = warta_engine_open_server (info, login, password, &error);

  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_authenticate (engine, login, NULL, &error), ==,
                   GPOINTER_TO_SIZE (g_hash_table_lookup (o->ids, login)));
  g_assert_no_error (error);
  return engine;
}

static void
office_free (Office *o)
{
  g_autofree char *info = conninfo_super ("postgres");
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", o->db);
  PGconn *conn;

  g_clear_object (&o->admin);
  conn = PQconnectdb (info);
  PQclear (PQexec (conn, drop));
  PQfinish (conn);
  g_hash_table_unref (o->ids);
  test_remove_tree (o->dir);
  g_free (o->dir);
  g_free (o->db);
  g_free (o->prefix);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Office, office_free)

/* A new office on the server, its first administrator, its SOPs, and the
 * people of seed 002's four lanes, each having chosen their password. */
static Office *
office_new (void)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) owner = NULL;
  g_autoptr(WartaEngine) setup = NULL;
  g_autofree char *super = conninfo_super ("postgres");
  g_autofree char *create = NULL;
  g_autofree char *office_info = NULL;
  g_autofree char *admin_login = NULL;
  g_autofree char *sopdir = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", NULL);
  const char *lanes[][2] = {
    { "staf", "staff-tim-kerja" }, { "katim", "katimker-layanan-publik-zi" },
    { "kepala", "kepala-satker" }, { "web", "admin-website" },
  };
  WartaUser admin = { 0 };
  Office *o = g_new0 (Office, 1);
  PGconn *conn;

  o->db = g_strdup_printf ("kantor_%d_%u", (int)getpid (), ++counter);
  o->prefix = g_strdup_printf ("k%d_%u_", (int)getpid (), counter);
  o->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->dir = g_dir_make_tmp ("warta-office-XXXXXX", NULL);
  create = g_strdup_printf ("CREATE DATABASE %s", o->db);
  conn = PQconnectdb (super);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, create));
  PQfinish (conn);

  office_info = conninfo_super (o->db);
  owner = warta_store_init_server (office_info, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_store_people_are_logins (owner));

  /* The first administrator, added as the server's administrator */
  setup = warta_engine_new (owner);
  admin_login = login_of (o, "admin");
  admin.login = admin_login;
  admin.full_name = (char *)"Administrator Kantor";
  g_assert_true (warta_engine_setup_office (setup, "Balai Uji", &admin, ADMIN_PASSWORD, sopdir, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(WartaUser) first = warta_store_find_user (owner, admin_login, NULL, &error);

    g_assert_no_error (error);
    o->admin_id = first->id;
  }
  g_hash_table_insert (o->ids, g_strdup (admin_login), GSIZE_TO_POINTER (o->admin_id));

  /* From here on, as people do: each at their own desk */
  o->admin = desk (o, "admin", ADMIN_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_autofree char *login = login_of (o, lanes[i][0]);
      const char *roles[] = { lanes[i][1], NULL };
      WartaUser user = { .login = login, .full_name = (char *)lanes[i][0], .roles = (GStrv)roles };
      g_autoptr(WartaEngine) first = NULL;
      gint64 id;

      id = warta_engine_add_user (o->admin, o->admin_id, &user, TEST_FIRST_PASSWORD, &error);
      g_assert_no_error (error);
      g_hash_table_insert (o->ids, g_strdup (login), GSIZE_TO_POINTER (id));
      /* The first password signs in to the server, and Warta asks for
       * their own */
      {
        g_autofree char *info = conninfo_tcp (o->db);

        first = warta_engine_open_server (info, login, TEST_FIRST_PASSWORD, &error);
        g_assert_no_error (error);
      }
      g_assert_cmpint (warta_engine_authenticate (first, login, NULL, &error), ==, 0);
      g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD);
      g_clear_error (&error);
      {
        gint64 changed = warta_engine_change_password (first, login, TEST_FIRST_PASSWORD, TEST_PASSWORD, &error);

        g_assert_no_error (error);
        g_assert_cmpint (changed, ==, id);
      }
    }
  return o;
}

static gint64
id_of (Office     *o,
       const char *name)
{
  g_autofree char *login = login_of (o, name);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (o->ids, login));
}

/* What a person meets with psql: each statement's status and error. */
typedef struct
{
  gboolean    refused;     /* PostgreSQL said no */
  gint64      changed;     /* rows an UPDATE or DELETE met */
  char       *message;
} Try;

static Try
try_sql (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  Try t = { 0 };

  t.refused = status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
  t.message = g_strdup (t.refused ? PQresultErrorMessage (result) : "");
  if (!t.refused && PQcmdTuples (result)[0] != '\0')
    t.changed = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  g_test_message ("%s → %s", sql, t.refused ? t.message : PQcmdStatus (result));
  PQclear (result);
  return t;
}

#define assert_refused(conn, sql) \
  G_STMT_START { \
    Try _t = try_sql ((conn), (sql)); \
    g_assert_true (_t.refused); \
    g_free (_t.message); \
  } G_STMT_END

/* Refused, or met no row: PostgreSQL's row security hides what it does
 * not let one change, and says UPDATE 0. */
#define assert_nothing_changed(conn, sql) \
  G_STMT_START { \
    Try _t = try_sql ((conn), (sql)); \
    g_assert_true (_t.refused || _t.changed == 0); \
    g_free (_t.message); \
  } G_STMT_END

/* The office's state, as the server's administrator reads it. */
static char *
snapshot (Office *o)
{
  g_autofree char *info = conninfo_super (o->db);
  PGconn *conn = PQconnectdb (info);
  PGresult *result = PQexec (conn,
                             "SELECT concat_ws ('|', "
                             "(SELECT string_agg (concat_ws (',', id, case_id, step_id, assignee, completed_at, "
                             "   completed_by, outcome, note), ';' ORDER BY id) FROM step_runs), "
                             "(SELECT string_agg (concat_ws (',', id, title, state), ';' ORDER BY id) FROM cases), "
                             "(SELECT string_agg (concat_ws (',', case_id, title, body), ';') FROM naskah), "
                             "(SELECT string_agg (concat_ws (',', id, name, sha256), ';' ORDER BY id) FROM attachments), "
                             "(SELECT count (*) FROM attachment_data), "
                             "(SELECT string_agg (concat_ws (',', seq, actor, kind, hash), ';' ORDER BY seq) FROM journal), "
                             "(SELECT string_agg (concat_ws (',', id, login, is_admin, active), ';' ORDER BY id) FROM users), "
                             "(SELECT string_agg (id, ',' ORDER BY id) FROM roles), "
                             "(SELECT count (*) FROM sops), (SELECT count (*) FROM sites), "
                             "(SELECT count (*) FROM dispositions), (SELECT string_agg (key || '=' || value, ',' ORDER BY key) FROM meta))");
  char *state;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  state = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return state;
}

/* Seed 002's chain from start to end, a return included, each step
 * taken at its holder's own desk, on their own login. */
static void
test_people_work_at_their_desks (void)
{
  g_autoptr(Office) o = office_new ();
  g_autoptr(WartaEngine) staf = desk (o, "staf", TEST_PASSWORD);
  g_autoptr(WartaEngine) katim = desk (o, "katim", TEST_PASSWORD);
  g_autoptr(WartaEngine) kepala = desk (o, "kepala", TEST_PASSWORD);
  g_autoptr(WartaEngine) web = desk (o, "web", TEST_PASSWORD);
  TestDb staf_desk = { .engine = staf, .store = warta_engine_get_store (staf), .dir = o->dir };
  TestDb web_desk = { .engine = web, .store = warta_engine_get_store (web), .dir = o->dir };
  gint64 s = id_of (o, "staf"), k = id_of (o, "katim"), h = id_of (o, "kepala"), w = id_of (o, "web");
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 case_id;

  case_id = warta_engine_start_case (staf, s, SOP, "Rilis di server", &error);
  g_assert_no_error (error);
  test_db_write_naskah (&staf_desk, s, case_id);
  g_assert_true (warta_engine_complete (staf, s, case_id, "konsep", &error));
  g_assert_no_error (error);
  test_db_meet_requirements (&staf_desk, s, case_id);
  g_assert_true (warta_engine_complete (staf, s, case_id, NULL, &error));
  g_assert_no_error (error);

  /* The katimker's desk sees it at their step; returns it once */
  kase = warta_store_get_case (warta_engine_get_store (katim), case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->active->lane, ==, "katimker-layanan-publik-zi");
  g_assert_true (warta_engine_return (katim, k, case_id, "2", "perbaiki paragraf kedua", &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (staf, s, case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (katim, k, case_id, "sudah dikoreksi", &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_dispose_full (kepala, h, case_id, k, "Segera terbitkan di website",
                                            WARTA_SIFAT_SEGERA, 0, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (katim, k, case_id, NULL, &error));
  g_assert_no_error (error);
  test_db_meet_requirements (&web_desk, w, case_id);
  g_assert_true (warta_engine_complete (web, w, case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (web, w, case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (staf, s, case_id, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&kase, warta_case_free);
  kase = warta_store_get_case (warta_engine_get_store (o->admin), case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kase->state, ==, WARTA_CASE_DONE);

  /* The chain is whole, written by five logins under one lock */
  g_assert_true (warta_journal_verify (warta_engine_get_store (o->admin), NULL, NULL, &error));
  g_assert_no_error (error);
}

/* With psql and their own password, a person cannot do what Warta would
 * refuse them: each try is refused by PostgreSQL (or meets no row), and
 * the office is byte for byte as before. */
static void
test_psql_cannot (void)
{
  g_autoptr(Office) o = office_new ();
  g_autoptr(WartaEngine) staf = desk (o, "staf", TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *staf_login = login_of (o, "staf");
  g_autofree char *katim_login = login_of (o, "katim");
  gint64 case_id;
  PGconn *katim_sql, *staf_sql;

  /* A berkas at its first step: the staf's; a file attached */
  case_id = warta_engine_start_case (staf, id_of (o, "staf"), SOP, "Rilis", &error);
  g_assert_no_error (error);
  {
    TestDb at_desk = { .engine = staf, .store = warta_engine_get_store (staf), .dir = o->dir };

    test_db_write_naskah (&at_desk, id_of (o, "staf"), case_id);
    test_db_meet_requirements (&at_desk, id_of (o, "staf"), case_id);
    g_assert_true (warta_engine_complete (staf, id_of (o, "staf"), case_id, NULL, &error));
    g_assert_no_error (error);
    test_db_meet_requirements (&at_desk, id_of (o, "staf"), case_id);
  }

  katim_sql = connect_as (o, katim_login, TEST_PASSWORD);
  staf_sql = connect_as (o, staf_login, TEST_PASSWORD);
  g_assert_cmpint (PQstatus (katim_sql), ==, CONNECTION_OK);
  g_assert_cmpint (PQstatus (staf_sql), ==, CONNECTION_OK);
  before = snapshot (o);

  {
    /* a step that is not theirs: complete, decide, dispose, return */
    g_autofree char *sql = g_strdup_printf ("UPDATE step_runs SET completed_at = 1, completed_by = %" G_GINT64_FORMAT ", outcome = 'completed' "
         "WHERE completed_at IS NULL", id_of (o, "katim"));
    assert_nothing_changed (katim_sql, sql);
  }
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE step_runs SET completed_at = 1, completed_by = %" G_GINT64_FORMAT ", outcome = 'yes' "
         "WHERE completed_at IS NULL", id_of (o, "katim"));
    assert_nothing_changed (katim_sql, sql);
  }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO step_runs (case_id, seq, step_id, lane, started_at) "
         "VALUES (%" G_GINT64_FORMAT ", 99, '7', 'admin-website', 1)", case_id);
    assert_refused (katim_sql, sql);
  }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO dispositions (case_id, run_id, from_user, to_user, instruction, created_at) "
         "SELECT case_id, id, %1$" G_GINT64_FORMAT ", %1$" G_GINT64_FORMAT ", 'Lanjutkan', 1 FROM step_runs "
         "WHERE completed_at IS NULL", id_of (o, "katim"));
    assert_refused (katim_sql, sql);
  }
  assert_nothing_changed (katim_sql, "UPDATE cases SET state = 'done'");
  assert_nothing_changed (katim_sql, "UPDATE cases SET title = 'Judul lain'");
  /* someone else's naskah and attachments */
  assert_nothing_changed (katim_sql, "UPDATE naskah SET body = 'Diubah lewat psql'");
  assert_nothing_changed (katim_sql, "DELETE FROM naskah");
  assert_nothing_changed (katim_sql, "UPDATE attachments SET sha256 = 'palsu'");
  assert_nothing_changed (katim_sql, "DELETE FROM attachments");
  assert_nothing_changed (katim_sql, "DELETE FROM attachment_data");
  assert_nothing_changed (katim_sql, "UPDATE attachment_data SET data = 'palsu'");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO attachments (case_id, run_id, step_id, kind, name, content_type, size, sha256, added_by, "
         "added_at) SELECT case_id, id, step_id, 'lainnya', 'x.txt', 'text/plain', 1, 'x', %" G_GINT64_FORMAT
         ", 1 FROM step_runs WHERE completed_at IS NULL", id_of (o, "katim"));
    assert_refused (katim_sql, sql);
  }
  /* the journal: neither changed nor removed, nor forged in another's name */
  assert_refused (staf_sql, "UPDATE journal SET payload = '{}'");
  assert_refused (staf_sql, "DELETE FROM journal");
  assert_refused (staf_sql, "TRUNCATE journal");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO journal (seq, at, actor, case_id, kind, payload, prev_hash, hash) "
         "SELECT seq + 1, 1, %" G_GINT64_FORMAT ", case_id, 'case.complete', '{}', hash, 'palsu' FROM journal "
         "ORDER BY seq DESC LIMIT 1", id_of (o, "katim"));
    assert_refused (staf_sql, sql);
  }
  /* people, roles, SOPs and sites */
  assert_refused (staf_sql, "INSERT INTO users (login, full_name, password_hash) VALUES ('penyusup', 'Penyusup', 'x')");
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE users SET is_admin = 1 WHERE login = '%s'", staf_login);
    assert_refused (staf_sql, sql);
  }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO user_roles (user_id, role_id) VALUES (%" G_GINT64_FORMAT ", 'kepala-satker')", id_of (o, "staf"));
    assert_refused (staf_sql, sql);
  }
  assert_refused (staf_sql, "INSERT INTO roles (id, name) VALUES ('penyusup', 'Penyusup')");
  assert_nothing_changed (staf_sql, "DELETE FROM user_roles");
  assert_refused (staf_sql, "INSERT INTO sops (id, version, name, n_steps, source, checksum, imported_at) "
                            "VALUES ('palsu', 1, 'Palsu', 1, '{}', 'x', 1)");
  assert_nothing_changed (staf_sql, "UPDATE sops SET source = '{}'");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO sites (name, url, \"user\", added_by, added_at) "
         "VALUES ('situs', 'https://contoh.go.id', 'u', %" G_GINT64_FORMAT ", 1)", id_of (o, "staf"));
    assert_refused (staf_sql, sql);
  }
  assert_nothing_changed (staf_sql, "UPDATE meta SET value = '0' WHERE key = 'journal_head_seq'");
  /* logins, and the owner's rights */
  assert_refused (staf_sql, "CREATE ROLE penyusup LOGIN PASSWORD 'rahasia123'");
  assert_refused (staf_sql, "SELECT warta_create_login ('penyusup', 'rahasia123')");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT warta_set_login_password ('%s', 'rahasia123')", katim_login);
    assert_refused (staf_sql, sql);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT warta_set_login_active ('%s', false)", katim_login);
    assert_refused (staf_sql, sql);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SET ROLE %s_owner", o->db);
    assert_refused (staf_sql, sql);
  }
  assert_refused (staf_sql, "ALTER TABLE journal DISABLE ROW LEVEL SECURITY");
  assert_refused (staf_sql, "DROP TABLE journal");
  /* the credentials beyond their need */
  assert_refused (staf_sql, "SELECT password_hash FROM users");

  after = snapshot (o);
  g_assert_cmpstr (after, ==, before);

  /* Not even the holder skips ahead: their step completed by hand, the
   * run that follows must be the SOP's next (step 3), not step 7 */
  g_assert_false (try_sql (staf_sql, "BEGIN").refused);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE step_runs SET completed_at = 1, completed_by = %" G_GINT64_FORMAT
                                            ", outcome = 'completed' WHERE completed_at IS NULL", id_of (o, "staf"));
    Try t = try_sql (staf_sql, sql);

    g_assert_cmpint (t.changed, ==, 1);
    g_free (t.message);
  }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO step_runs (case_id, seq, step_id, lane, started_at) "
                                            "VALUES (%" G_GINT64_FORMAT ", 3, '7', 'admin-website', 1)", case_id);
    Try t = try_sql (staf_sql, sql);

    g_assert_true (t.refused);
    g_assert_nonnull (strstr (t.message, "as the SOP says"));
    g_free (t.message);
  }
  g_assert_false (try_sql (staf_sql, "ROLLBACK").refused);
  after = (g_free (after), snapshot (o));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (warta_journal_verify (warta_engine_get_store (o->admin), NULL, NULL, &error));
  g_assert_no_error (error);

  /* The holder, at their own desk, still works */
  g_assert_true (warta_engine_complete (staf, id_of (o, "staf"), case_id, NULL, &error));
  g_assert_no_error (error);

  /* Deactivating a person in Warta removes their login */
  PQfinish (katim_sql);
  g_assert_true (warta_engine_set_user_active (o->admin, o->admin_id, id_of (o, "katim"), FALSE, &error));
  g_assert_no_error (error);
  katim_sql = connect_as (o, katim_login, TEST_PASSWORD);
  g_assert_cmpint (PQstatus (katim_sql), ==, CONNECTION_BAD);
  g_test_message ("deactivated: %s", PQerrorMessage (katim_sql));
  PQfinish (katim_sql);
  PQfinish (staf_sql);
}

/* An office made by an older Warta: a person's desk does not try to
 * change the owner's tables, and says who must. */
static void
test_older_office_waits (void)
{
  g_autoptr(Office) o = office_new ();
  g_autofree char *super = conninfo_super (o->db);
  g_autofree char *info = conninfo_tcp (o->db);
  g_autofree char *login = login_of (o, "staf");
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEngine) engine = NULL;
  PGconn *conn = PQconnectdb (super);

  PQclear (PQexec (conn, "UPDATE meta SET value = '9' WHERE key = 'schema_version'"));
  PQfinish (conn);
  engine = warta_engine_open_server (info, login, TEST_PASSWORD, &error);
  g_assert_null (engine);
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "administrator must upgrade it"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  warta_password_use_test_cost ();

  g_test_add_func ("/pg-office/people-work-at-their-desks", test_people_work_at_their_desks);
  g_test_add_func ("/pg-office/psql-cannot", test_psql_cannot);
  g_test_add_func ("/pg-office/older-office-waits", test_older_office_waits);

  return g_test_run ();
}
