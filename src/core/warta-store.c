/* warta-store.c: the sqlite database; with warta-store-cases.c the only
 * place with SQL
 *
 * One connection in WAL mode with foreign keys and a busy timeout. Every
 * statement is prepared once and kept; the engine wraps each user action in
 * begin/commit so that its rows land together or not at all.
 *
 * Here is what every other part stands on: the connection, its schema and
 * transactions, and the office's own rows (settings, roles, users, SOPs and
 * the journal). The rows a case adds as it is worked are in
 * warta-store-cases.c, so that the two grow apart without one file holding
 * both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "warta-store-private.h"

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (warta-store-error-quark, warta_store_error)
G_DEFINE_FINAL_TYPE (WartaStore, warta_store, G_TYPE_OBJECT)

/* Each entry brings the schema from the version before it to its index + 1. */
static const char *migrations[] = {
  /* 1 */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE roles ("
  "  id   TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL"
  ");"
  "CREATE TABLE users ("
  "  id            INTEGER PRIMARY KEY,"
  "  login         TEXT NOT NULL UNIQUE,"
  "  full_name     TEXT NOT NULL,"
  "  nip           TEXT,"
  "  jabatan       TEXT,"
  "  is_admin      INTEGER NOT NULL DEFAULT 0,"
  "  password_hash TEXT NOT NULL"
  ");"
  "CREATE TABLE user_roles ("
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  role_id TEXT NOT NULL REFERENCES roles (id),"
  "  PRIMARY KEY (user_id, role_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX user_roles_by_role ON user_roles (role_id);"
  "CREATE TABLE sops ("
  "  id          TEXT NOT NULL,"
  "  version     INTEGER NOT NULL CHECK (version > 0),"
  "  name        TEXT NOT NULL,"
  "  number      TEXT,"
  "  n_steps     INTEGER NOT NULL,"
  "  source      TEXT NOT NULL,"
  "  checksum    TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  PRIMARY KEY (id, version)"
  ");"
  "CREATE TABLE cases ("
  "  id          INTEGER PRIMARY KEY,"
  "  sop_id      TEXT NOT NULL,"
  "  sop_version INTEGER NOT NULL,"
  "  title       TEXT NOT NULL,"
  "  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'rejected')),"
  "  created_by  INTEGER NOT NULL REFERENCES users (id),"
  "  created_at  INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  FOREIGN KEY (sop_id, sop_version) REFERENCES sops (id, version)"
  ");"
  "CREATE INDEX cases_by_state ON cases (state);"
  "CREATE TABLE step_runs ("
  "  id           INTEGER PRIMARY KEY,"
  "  case_id      INTEGER NOT NULL REFERENCES cases (id),"
  "  seq          INTEGER NOT NULL,"
  "  step_id      TEXT NOT NULL,"
  "  lane         TEXT NOT NULL REFERENCES roles (id),"
  "  assignee     INTEGER REFERENCES users (id),"
  "  standard_min INTEGER,"
  "  standard_max INTEGER,"
  "  started_at   INTEGER NOT NULL,"
  "  completed_at INTEGER,"
  "  completed_by INTEGER REFERENCES users (id),"
  "  outcome      TEXT CHECK (outcome IN ('completed', 'yes', 'no', 'returned', 'disposed')),"
  "  note         TEXT,"
  "  UNIQUE (case_id, seq),"
  "  CHECK ((completed_at IS NULL) = (outcome IS NULL))"
  ");"
  /* A case has one active step: the database holds to it too. */
  "CREATE UNIQUE INDEX step_runs_one_active ON step_runs (case_id) WHERE completed_at IS NULL;"
  "CREATE INDEX step_runs_active_by_lane ON step_runs (lane, assignee) WHERE completed_at IS NULL;"
  "CREATE INDEX step_runs_active_by_assignee ON step_runs (assignee) WHERE completed_at IS NULL;"
  "CREATE TABLE dispositions ("
  "  id          INTEGER PRIMARY KEY,"
  "  case_id     INTEGER NOT NULL REFERENCES cases (id),"
  "  run_id      INTEGER NOT NULL REFERENCES step_runs (id),"
  "  from_user   INTEGER NOT NULL REFERENCES users (id),"
  "  to_user     INTEGER NOT NULL REFERENCES users (id),"
  "  instruction TEXT NOT NULL CHECK (length (trim (instruction)) > 0),"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX dispositions_by_case ON dispositions (case_id);"
  "CREATE TABLE journal ("
  "  seq       INTEGER PRIMARY KEY,"
  "  at        INTEGER NOT NULL,"
  "  actor     INTEGER,"
  "  case_id   INTEGER,"
  "  kind      TEXT NOT NULL,"
  "  payload   TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash      TEXT NOT NULL"
  ");",

  /* 2: the naskah, requirement checklists, and each run's action so that
   * panes can filter on it; runs from before are filled in by the engine. */
  "ALTER TABLE step_runs ADD COLUMN action TEXT;"
  "CREATE INDEX step_runs_active_by_action ON step_runs (action) WHERE completed_at IS NULL;"
  "CREATE INDEX step_runs_active_due ON step_runs "
  "  ((coalesce (started_at + standard_max * 60000000, 9223372036854775807)), case_id) WHERE completed_at IS NULL;"
  "INSERT INTO meta (key, value) SELECT 'backfill_actions', '1' WHERE EXISTS (SELECT 1 FROM step_runs);"
  "CREATE TABLE naskah ("
  "  case_id    INTEGER PRIMARY KEY REFERENCES cases (id),"
  "  title      TEXT NOT NULL DEFAULT '',"
  "  body       TEXT NOT NULL DEFAULT '',"
  "  who        TEXT,"
  "  what       TEXT,"
  "  happened   TEXT,"
  "  place      TEXT,"
  "  why        TEXT,"
  "  how        TEXT,"
  "  updated_at INTEGER,"
  "  updated_by INTEGER REFERENCES users (id)"
  ");"
  "CREATE TABLE run_checks ("
  "  run_id INTEGER NOT NULL REFERENCES step_runs (id),"
  "  item   INTEGER NOT NULL CHECK (item >= 0),"
  "  PRIMARY KEY (run_id, item)"
  ") WITHOUT ROWID;",

  /* 3: attachments; the content in a table of its own, so that listing
   * never reads it */
  "CREATE TABLE attachments ("
  "  id           INTEGER PRIMARY KEY,"
  "  case_id      INTEGER NOT NULL REFERENCES cases (id),"
  "  run_id       INTEGER NOT NULL REFERENCES step_runs (id),"
  "  step_id      TEXT NOT NULL,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('nota-dinas', 'dokumen-pendukung', 'foto', 'video', 'lainnya')),"
  "  name         TEXT NOT NULL CHECK (length (name) > 0),"
  "  content_type TEXT NOT NULL,"
  "  size         INTEGER NOT NULL CHECK (size >= 0),"
  "  sha256       TEXT NOT NULL,"
  "  added_by     INTEGER NOT NULL REFERENCES users (id),"
  "  added_at     INTEGER NOT NULL"
  ");"
  "CREATE INDEX attachments_by_case ON attachments (case_id, kind);",

  /* 4: publishing. A site's password is not here: it lives in the Secret
   * Service or a file the site names. A publication remembers each remote
   * id as soon as the site gives it, so that a retry reuses it. */
  "ALTER TABLE attachments ADD COLUMN for_site INTEGER CHECK (for_site IN (0, 1));"
  "CREATE TABLE sites ("
  "  id               INTEGER PRIMARY KEY,"
  "  name             TEXT NOT NULL UNIQUE CHECK (length (name) > 0),"
  "  url              TEXT NOT NULL,"
  "  \"user\"           TEXT NOT NULL CHECK (length (\"user\") > 0),"
  "  credentials_file TEXT,"
  "  added_by         INTEGER NOT NULL REFERENCES users (id),"
  "  added_at         INTEGER NOT NULL"
  ");"
  "CREATE TABLE publications ("
  "  id              INTEGER PRIMARY KEY,"
  "  case_id         INTEGER NOT NULL REFERENCES cases (id),"
  "  site_id         INTEGER REFERENCES sites (id),"
  "  slug            TEXT,"
  "  status          TEXT NOT NULL CHECK (status IN ('publish', 'future', 'draft', 'pending', 'manual')),"
  "  scheduled_at    INTEGER,"
  "  categories      TEXT NOT NULL DEFAULT '',"
  "  tags            TEXT NOT NULL DEFAULT '',"
  "  excerpt         TEXT,"
  "  post_id         INTEGER,"
  "  link            TEXT,"
  "  remote_status   TEXT,"
  "  content_sha256  TEXT,"
  "  published_at    INTEGER,"
  "  published_by    INTEGER REFERENCES users (id),"
  "  verified_at     INTEGER,"
  "  http_status     INTEGER,"
  "  response_ms     INTEGER,"
  "  body_sha256     TEXT,"
  "  title_found     INTEGER,"
  "  screenshot_id   INTEGER REFERENCES attachments (id),"
  "  withdrawn_at    INTEGER,"
  "  withdraw_reason TEXT,"
  "  UNIQUE (case_id, site_id)"
  ");"
  "CREATE UNIQUE INDEX publications_manual ON publications (case_id, link) WHERE site_id IS NULL;"
  "CREATE TABLE publication_media ("
  "  publication_id INTEGER NOT NULL REFERENCES publications (id),"
  "  attachment_id  INTEGER NOT NULL REFERENCES attachments (id),"
  "  media_id       INTEGER NOT NULL,"
  "  source_url     TEXT,"
  "  PRIMARY KEY (publication_id, attachment_id)"
  ") WITHOUT ROWID;",

  /* 5: evidence and the archive. The archive copy is a PDF the case keeps
   * (not an attachment: nobody adds or removes it at a step), and every
   * print or export of a case's documents is a row, so the print step
   * can tell one was made while it was active. */
  "CREATE TABLE archive_copies ("
  "  id       INTEGER PRIMARY KEY,"
  "  case_id  INTEGER NOT NULL REFERENCES cases (id),"
  "  document TEXT NOT NULL CHECK (document IN ('bukti', 'disposisi', 'artikel')),"
  "  made_by  INTEGER NOT NULL REFERENCES users (id),"
  "  made_at  INTEGER NOT NULL,"
  "  size     INTEGER NOT NULL CHECK (size = length (data)),"
  "  sha256   TEXT NOT NULL,"
  "  data     BLOB NOT NULL"
  ");"
  "CREATE INDEX archive_copies_by_case ON archive_copies (case_id);"
  "CREATE TABLE prints ("
  "  id       INTEGER PRIMARY KEY,"
  "  case_id  INTEGER NOT NULL REFERENCES cases (id),"
  "  run_id   INTEGER REFERENCES step_runs (id),"
  "  document TEXT NOT NULL CHECK (document IN ('bukti', 'disposisi', 'artikel', 'bundle')),"
  "  how      TEXT NOT NULL CHECK (how IN ('print', 'export')),"
  "  by       INTEGER NOT NULL REFERENCES users (id),"
  "  at       INTEGER NOT NULL,"
  "  sha256   TEXT"
  ");"
  "CREATE INDEX prints_by_case ON prints (case_id);"
  "CREATE INDEX prints_by_run ON prints (run_id) WHERE run_id IS NOT NULL;"
  "CREATE INDEX cases_finished ON cases (finished_at) WHERE state = 'done';",

  /* 6: the Lembar Disposisi's sifat and its ticked arahan boxes (their ids
   * joined with commas); a disposition from before is biasa, none ticked. */
  "ALTER TABLE dispositions ADD COLUMN sifat TEXT NOT NULL DEFAULT 'biasa' "
  "  CHECK (sifat IN ('biasa', 'segera', 'sangat-segera', 'rahasia'));"
  "ALTER TABLE dispositions ADD COLUMN arahan_boxes TEXT NOT NULL DEFAULT '';",

  /* 7: an inbox read in keyset pages. Each run keeps its due time (the
   * sort key; without a standard, last), and the indexes an inbox walks
   * hold every column it filters on, so a page or a count reads no
   * table row it does not give. */
  "ALTER TABLE step_runs ADD COLUMN due INTEGER NOT NULL DEFAULT 9223372036854775807;"
  "UPDATE step_runs SET due = coalesce (started_at + standard_max * 60000000, 9223372036854775807);"
  "DROP INDEX step_runs_active_due;"
  "DROP INDEX step_runs_active_by_lane;"
  "DROP INDEX step_runs_active_by_assignee;"
  "CREATE INDEX step_runs_inbox ON step_runs (due, case_id, assignee, lane, action, completed_at) "
  "  WHERE completed_at IS NULL;"
  "CREATE INDEX step_runs_active_by_lane ON step_runs (lane, assignee, action, completed_at) "
  "  WHERE completed_at IS NULL;"
  "CREATE INDEX step_runs_active_by_assignee ON step_runs (assignee, action, completed_at) "
  "  WHERE completed_at IS NULL;"
  /* Whether an attachment went to a site (and the foreign keys' checks
   * when one is removed) looked through every publication. */
  "CREATE INDEX publication_media_by_attachment ON publication_media (attachment_id);"
  "CREATE INDEX publications_by_screenshot ON publications (screenshot_id) WHERE screenshot_id IS NOT NULL;"
  /* The kind an attachment's content was found to fit as it was stored:
   * completing a step does not read it again. Files kept before have
   * none, and are still read. */
  "ALTER TABLE attachments ADD COLUMN checked_kind TEXT;",

  /* 8: a file is written in many short transactions, so that a big one
   * does not hold the database while a person saves; until its last
   * chunk is in and its content checked it is pending, and nothing lists
   * it. */
  "ALTER TABLE attachments ADD COLUMN pending INTEGER CHECK (pending IN (1));"
  "CREATE INDEX attachments_pending ON attachments (added_at) WHERE pending = 1;"
  /* What the journal does not record but another connection must hear
   * (a draft saved: its berkas), or must know to be nothing it shows (a
   * file's chunk, case -1): one row a berkas, its seq bumped each time. */
  "CREATE TABLE touches ("
  "  case_id INTEGER PRIMARY KEY,"
  "  seq     INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX touches_by_seq ON touches (seq);",

  /* 9: the office kept in the app. People have a pangkat/golongan, may be
   * deactivated (never deleted: the journal and the papers name them), and
   * must choose their own password after an administrator set one. An
   * SOP may be retired (no new berkas; running ones finish on their
   * version). The office's letterhead (kop surat) has a logo. Every save
   * of a naskah is a revision, and each person's last look at a berkas is
   * kept, so that a reviewer sees what changed since. */
  "ALTER TABLE users ADD COLUMN pangkat TEXT;"
  "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));"
  "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 "
  "  CHECK (must_change_password IN (0, 1));"
  "CREATE TABLE retired_sops ("
  "  sop_id     TEXT PRIMARY KEY,"
  "  retired_at INTEGER NOT NULL,"
  "  retired_by INTEGER REFERENCES users (id)"
  ");"
  "CREATE TABLE office_files ("
  "  name         TEXT PRIMARY KEY,"
  "  content_type TEXT NOT NULL,"
  "  data         BLOB NOT NULL"
  ");"
  "CREATE TABLE naskah_revisions ("
  "  id         INTEGER PRIMARY KEY,"
  "  case_id    INTEGER NOT NULL REFERENCES cases (id),"
  "  n          INTEGER NOT NULL CHECK (n > 0),"
  "  run_id     INTEGER REFERENCES step_runs (id),"
  "  title      TEXT NOT NULL,"
  "  body       TEXT NOT NULL,"
  "  five_w     TEXT NOT NULL DEFAULT '',"
  "  first_at   INTEGER NOT NULL,"
  "  saved_at   INTEGER NOT NULL,"
  "  saved_by   INTEGER NOT NULL REFERENCES users (id),"
  "  UNIQUE (case_id, n)"
  ");"
  "CREATE TABLE case_looks ("
  "  case_id     INTEGER NOT NULL REFERENCES cases (id),"
  "  user_id     INTEGER NOT NULL REFERENCES users (id),"
  "  revision    INTEGER NOT NULL DEFAULT 0,"
  "  attachments TEXT NOT NULL DEFAULT '',"
  "  looked_at   INTEGER NOT NULL,"
  "  PRIMARY KEY (case_id, user_id)"
  ") WITHOUT ROWID;",

  /* 10: many desks on one server. Nothing new on sqlite, whose readers
   * see commits by PRAGMA data_version (see dialect_parts). */
  "",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == WARTA_STORE_SCHEMA_VERSION);

/* Warta's own writes (warta.quiet) skip the function without calling it:
 * the WHEN is the server's, the function plpgsql's. */
#define NOTIFY_TRIGGER(table, id, case_column) \
  "CREATE TRIGGER " table "_notify AFTER INSERT OR UPDATE OR DELETE ON " table " " \
  "  FOR EACH ROW WHEN (current_setting ('warta.quiet', true) IS DISTINCT FROM 'on') " \
  "  EXECUTE FUNCTION warta_notify_change ('" id "', '" case_column "');"
#define NOTIFY_ALWAYS_TRIGGER(table, id, case_column) \
  "CREATE TRIGGER " table "_notify AFTER INSERT OR UPDATE OR DELETE ON " table " " \
  "  FOR EACH ROW EXECUTE FUNCTION warta_notify_change ('" id "', '" case_column "');"

/* What a migration says differently on each side, run after its shared
 * part. An attachment's content is one blob on sqlite, written in place
 * by incremental I/O; PostgreSQL has no such I/O, so there it is rows of
 * chunks, each written once. */
static const struct
{
  int         version;
  const char *sqlite;
  const char *postgres;
} dialect_parts[] = {
  { 3,
    "CREATE TABLE attachment_data ("
    "  attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id),"
    "  data          BLOB NOT NULL"
    ");",
    "CREATE TABLE attachment_data ("
    "  attachment_id BIGINT NOT NULL REFERENCES attachments (id),"
    "  at            BIGINT NOT NULL CHECK (at >= 0),"
    "  data          BYTEA NOT NULL,"
    "  PRIMARY KEY (attachment_id, at)"
    ");"
    /* Stored uncompressed (files are mostly compressed already), so that
     * reading a slice of a chunk reads only the slice */
    "ALTER TABLE attachment_data ALTER data SET STORAGE EXTERNAL;" },
  /* Every desk hears every commit: each row written notifies channel
   * warta with its table, id and berkas (never the row: a payload stops
   * short of 8000 bytes). Warta's own transactions (warta.quiet) are told
   * by their journal events and touches alone, which say what changed;
   * a write without them (a hand's) by each row. PostgreSQL delivers them when, and only if, the
   * transaction commits; whoever wrote the row, a psql session included.
   * The trigger is told which columns are the id and the berkas (a row
   * is never turned whole into JSON: some hold a PDF). A file's chunks
   * notify nothing: the touch of their write does. */
  { 10,
    "",
    "CREATE FUNCTION warta_notify_change () RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE "
    "  row_id text; "
    "  case_id text; "
    "BEGIN "
    "  IF TG_TABLE_NAME NOT IN ('journal', 'touches') AND current_setting ('warta.quiet', true) = 'on' THEN "
    "    RETURN NULL; "
    "  END IF; "
    "  IF TG_ARGV[0] <> '' THEN "
    "    EXECUTE format ('SELECT ($1).%I::text', TG_ARGV[0]) USING coalesce (NEW, OLD) INTO row_id; "
    "  END IF; "
    "  IF TG_ARGV[1] <> '' THEN "
    "    EXECUTE format ('SELECT ($1).%I::text', TG_ARGV[1]) USING coalesce (NEW, OLD) INTO case_id; "
    "  END IF; "
    "  PERFORM pg_notify ('warta', json_build_object ('table', TG_TABLE_NAME, 'id', row_id, "
    "                                                 'case', case_id)::text); "
    "  RETURN NULL; "
    "END $$;"
    NOTIFY_TRIGGER ("roles", "id", "")
    NOTIFY_TRIGGER ("users", "id", "")
    NOTIFY_TRIGGER ("user_roles", "user_id", "")
    NOTIFY_TRIGGER ("sops", "id", "")
    NOTIFY_TRIGGER ("retired_sops", "sop_id", "")
    NOTIFY_TRIGGER ("sites", "id", "")
    NOTIFY_TRIGGER ("office_files", "name", "")
    NOTIFY_TRIGGER ("cases", "id", "id")
    NOTIFY_TRIGGER ("step_runs", "id", "case_id")
    NOTIFY_TRIGGER ("dispositions", "id", "case_id")
    NOTIFY_TRIGGER ("naskah", "case_id", "case_id")
    NOTIFY_TRIGGER ("naskah_revisions", "id", "case_id")
    NOTIFY_TRIGGER ("run_checks", "run_id", "")
    NOTIFY_TRIGGER ("attachments", "id", "case_id")
    NOTIFY_TRIGGER ("publications", "id", "case_id")
    NOTIFY_TRIGGER ("publication_media", "publication_id", "")
    NOTIFY_TRIGGER ("archive_copies", "id", "case_id")
    NOTIFY_TRIGGER ("prints", "id", "case_id")
    NOTIFY_TRIGGER ("case_looks", "user_id", "case_id")
    NOTIFY_ALWAYS_TRIGGER ("journal", "seq", "case_id")
    NOTIFY_ALWAYS_TRIGGER ("touches", "seq", "case_id") },
};

/* The shared migrations are written in sqlite's words; PostgreSQL's
 * differ in a few types. An INTEGER is sqlite's 64-bit integer, and a
 * row's id is given by the table when the INSERT leaves it out. */
static char *
ddl_for_postgres (const char *sql)
{
  static const struct
  {
    const char *pattern;
    const char *replacement;
  } rules[] = {
    { "\\bid(\\s+)INTEGER PRIMARY KEY\\b", "id\\1BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
    { "\\bINTEGER\\b", "BIGINT" },
    { "\\bBLOB\\b", "BYTEA" },
    { "\\)\\s*WITHOUT ROWID", ")" },
  };
  g_autofree char *out = g_strdup (sql);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GRegex) regex = g_regex_new (rules[i].pattern, 0, 0, NULL);
      char *next = g_regex_replace (regex, out, -1, 0, rules[i].replacement, 0, NULL);

      g_free (out);
      out = next;
    }
  return g_steal_pointer (&out);
}

gboolean
_warta_store_set_db_error (WartaStore  *self,
                           GError     **error)
{
  int code = WARTA_STORE_ERROR_FAILED;

  switch (warta_db_get_problem (self->db))
    {
    case WARTA_DB_BUSY:
      /* Not the database's words: a person can do something with these */
      g_set_error_literal (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_BUSY,
                           _("The database is busy with another desk's or window's work; try again in a moment"));
      return FALSE;
    case WARTA_DB_SERIALIZATION:
      g_set_error_literal (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_CONFLICT,
                           _("Another desk changed the same data at the same moment; try again"));
      return FALSE;
    case WARTA_DB_EXISTS:
      code = WARTA_STORE_ERROR_EXISTS;
      break;
    case WARTA_DB_REFUSED:
      code = WARTA_STORE_ERROR_REFUSED;
      break;
    case WARTA_DB_CONNECTION:
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED,
                   /* Translators: %s is the database's own description of the problem */
                   _("The connection to the office server was lost: %s"), warta_db_get_message (self->db));
      return FALSE;
    default:
      break;
    }

  g_set_error (error, WARTA_STORE_ERROR, code,
               /* Translators: %s is the database's own description of the problem */
               _("Database error: %s"), warta_db_get_message (self->db));
  return FALSE;
}

static void
warta_store_finalize (GObject *object)
{
  WartaStore *self = (WartaStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->own_seqs, g_array_unref);
  g_clear_pointer (&self->pending_touches, g_array_unref);
  g_clear_pointer (&self->own_touches, g_array_unref);
  g_clear_pointer (&self->db, warta_db_close);
  g_free (self->path);
  g_free (self->warning);
  g_free (self->conninfo);
  g_free (self->login);
  g_clear_pointer (&self->heard, g_ptr_array_unref);
  g_mutex_clear (&self->heard_lock);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);

  G_OBJECT_CLASS (warta_store_parent_class)->finalize (object);
}

static void
warta_store_class_init (WartaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = warta_store_finalize;

  /**
   * WartaStore::changed:
   * @changes: (element-type WartaChange): what changed
   *
   * A transaction of this store committed, or warta_store_poll() read
   * another connection's commits. Emitted in the thread that uses the
   * store: the session's worker hands it on to the main loop.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
statement_free (gpointer data)
{
  warta_stmt_free (data);
}

static void
warta_store_init (WartaStore *self)
{
  self->pending = warta_changes_new ();
  self->own_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending_touches = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->heard = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->heard_lock);
  self->own_touches = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Keyed by the SQL literal's address: see _warta_store_prepare(). */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, statement_free);
}

/* A prepared statement for sql, which must be a string literal: the cache
 * keys on its address. */
WartaStmt *
_warta_store_prepare (WartaStore  *self,
                      const char  *sql,
                      GError     **error)
{
  WartaStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      warta_stmt_reset (stmt);
      warta_stmt_clear_bindings (stmt);
      return stmt;
    }

  if (!(stmt = warta_db_prepare (self->db, sql, NULL)))
    {
      _warta_store_set_db_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

gboolean
_warta_store_step_done (WartaStore  *self,
                        WartaStmt   *stmt,
                        GError     **error)
{
  WartaStmtResult rc = warta_stmt_step (stmt);

  warta_stmt_reset (stmt);
  if (rc == WARTA_STMT_ERROR)
    return _warta_store_set_db_error (self, error);
  return TRUE;
}

gint64
_warta_store_step_id (WartaStore  *self,
                      WartaStmt   *stmt,
                      GError     **error)
{
  gint64 id = 0;

  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    id = warta_stmt_column_int64 (stmt, 0);
  else
    _warta_store_set_db_error (self, error);
  warta_stmt_reset (stmt);
  return id;
}

void
_warta_store_bind_text (WartaStmt  *stmt,
                        int         index,
                        const char *text)
{
  warta_stmt_bind_text (stmt, index, text);
}

void
_warta_store_bind_id (WartaStmt *stmt,
                      int        index,
                      gint64     id)
{
  if (id == 0)
    warta_stmt_bind_null_int (stmt, index);
  else
    warta_stmt_bind_int64 (stmt, index, id);
}

char *
_warta_store_column_text (WartaStmt *stmt,
                          int        index)
{
  return g_strdup (warta_stmt_column_text (stmt, index));
}

/* Every row of a prepared, bound statement, each read by read_row; NULL
 * with error set when the database fails part-way. */
GPtrArray *
_warta_store_collect (WartaStore     *self,
                      WartaStmt      *stmt,
                      WartaRowFunc    read_row,
                      GDestroyNotify  free_row,
                      GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  WartaStmtResult rc;

  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  warta_stmt_reset (stmt);
  if (rc != WARTA_STMT_DONE)
    {
      _warta_store_set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gboolean
_warta_store_exec (WartaStore  *self,
                   const char  *sql,
                   GError     **error)
{
  return warta_db_exec (self->db, sql, NULL) || _warta_store_set_db_error (self, error);
}

/* The one number a statement gives, or -1. */
static gint64
query_number (WartaStore *self,
              const char *sql)
{
  WartaStmt *stmt = warta_db_prepare (self->db, sql, NULL);
  gint64 value = -1;

  if (stmt != NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
    value = warta_stmt_column_int64 (stmt, 0);
  warta_stmt_free (stmt);
  return value;
}

static gboolean
is_postgres (WartaStore *self)
{
  return warta_db_get_kind (self->db) == WARTA_DB_POSTGRES;
}

/* sqlite keeps it in the file's header; PostgreSQL in the meta table,
 * which migration 1 makes. */
static int
schema_version (WartaStore *self)
{
  if (!is_postgres (self))
    return (int)query_number (self, "PRAGMA user_version");
  if (query_number (self, "SELECT count (*) FROM pg_catalog.pg_tables "
                          "WHERE tablename = 'meta' AND schemaname = current_schema ()") == 0)
    return 0;
  return (int)query_number (self, "SELECT coalesce (max (CAST (value AS integer)), 0) FROM meta "
                                  "WHERE key = 'schema_version'");
}

static gboolean
migrate_one (WartaStore  *self,
             int          version,
             GError     **error)
{
  g_autofree char *bump = NULL;
  g_autofree char *shared = NULL;

  if (is_postgres (self))
    {
      shared = ddl_for_postgres (migrations[version - 1]);
      bump = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('schema_version', '%d') "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", version);
    }
  else
    {
      shared = g_strdup (migrations[version - 1]);
      bump = g_strdup_printf ("PRAGMA user_version = %d", version);
    }

  if (*shared != '\0' && !_warta_store_exec (self, shared, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (dialect_parts); i++)
    {
      const char *part = is_postgres (self) ? dialect_parts[i].postgres : dialect_parts[i].sqlite;

      if (dialect_parts[i].version == version && *part != '\0' && !_warta_store_exec (self, part, error))
        return FALSE;
    }
  return _warta_store_exec (self, bump, error);
}

static gboolean
migrate (WartaStore  *self,
         GError     **error)
{
  int version = schema_version (self);

  if (version > WARTA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NEWER,
                   _("The database %s was written by a newer Warta (schema %d; this one knows %d). Update Warta to open it."),
                   self->path, version, WARTA_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < WARTA_STORE_SCHEMA_VERSION; version++)
    {
      if (!warta_store_begin (self, error))
        return FALSE;
      /* Two desks opening a new office at once: the second finds it made */
      if (schema_version (self) > version)
        {
          warta_store_rollback (self);
          version = schema_version (self) - 1;
          continue;
        }
      if (!migrate_one (self, version + 1, error))
        {
          warta_store_rollback (self);
          return FALSE;
        }
      if (!_warta_store_exec (self, "COMMIT", error))
        return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}

char *
warta_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "warta", "warta.db", NULL);
}

/* The counters poll() starts from: what is there when the store opens
 * is not news. */
static void
start_watching (WartaStore *self)
{
  if (!is_postgres (self))
    self->data_version = query_number (self, "PRAGMA data_version");
  self->seen_seq = MAX (query_number (self, "SELECT coalesce (max (seq), 0) FROM journal"), 0);
  self->seen_touch = MAX (query_number (self, "SELECT coalesce (max (seq), 0) FROM touches"), 0);
}

/**
 * warta_store_is_server:
 * @location: what --db or the settings name
 *
 * Returns: whether @location names a PostgreSQL server (a libpq URI or
 * key=value connection string) rather than a sqlite file.
 */
gboolean
warta_store_is_server (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  return g_str_has_prefix (location, "postgresql://") ||
         g_str_has_prefix (location, "postgres://") ||
         (strchr (location, '=') != NULL && strchr (location, '/') == NULL) ||
         strstr (location, "dbname=") != NULL || strstr (location, "host=") != NULL;
}

static WartaStore *
open_file (const char  *path,
           GError     **error)
{
  g_autoptr(WartaStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (WARTA_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Password hashes and attachments: the file is its user's alone */
  if (!_warta_store_create_private (path, error))
    return NULL;

  if (!(self->db = warta_db_open_sqlite (path, &local_error)))
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Cannot open the database %s: %s"), path, local_error->message);
      return NULL;
    }

  /* A file that is not a database fails on its first read: say so plainly. */
  if (query_number (self, "PRAGMA schema_version") < 0)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("%s is not a Warta database: %s"), path, warta_db_get_message (self->db));
      return NULL;
    }
  self->warning = _warta_store_tighten (path);

  if (!_warta_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_warta_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !_warta_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error))
    return NULL;

  start_watching (self);
  return g_steal_pointer (&self);
}

/* A conninfo as it may be shown or logged: without its password. */
static char *
shown_conninfo (const char *conninfo)
{
  g_autoptr(GRegex) uri = g_regex_new ("^(postgres(?:ql)?://[^:@/]*):[^@/]*@", 0, 0, NULL);
  g_autoptr(GRegex) keyword = g_regex_new ("\\bpassword\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)", 0, 0, NULL);
  g_autoptr(GRegex) param = g_regex_new ("([?&])password=[^&]*&?", 0, 0, NULL);
  g_autofree char *a = g_regex_replace (uri, conninfo, -1, 0, "\\1@", 0, NULL);
  g_autofree char *b = g_regex_replace (keyword, a, -1, 0, "", 0, NULL);

  return g_regex_replace (param, b, -1, 0, "\\1", 0, NULL);
}

/* A person's desk cannot change the office's tables (they are the
 * owner's): an office made by an older Warta waits for its
 * administrator, rather than failing half way at a desk. */
static gboolean
may_migrate (WartaStore  *self,
             GError     **error)
{
  int version = schema_version (self);

  if (version <= 0 || version >= WARTA_STORE_SCHEMA_VERSION)
    return TRUE;
  if (query_number (self, "SELECT count (*) FROM meta WHERE key = 'people_are_logins' AND value = '1'") <= 0 ||
      query_number (self, "SELECT CAST (pg_has_role (current_user, tableowner, 'USAGE') AS integer) "
                          "FROM pg_catalog.pg_tables WHERE tablename = 'meta' AND schemaname = current_schema ()") > 0)
    return TRUE;
  g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NEWER,
               _("The office server's database was made by an older Warta (schema %d; this one needs %d): "
                 "its administrator must upgrade it first, as the owner of its tables"),
               version, WARTA_STORE_SCHEMA_VERSION);
  return FALSE;
}

/**
 * warta_store_open_server:
 * @conninfo: a libpq URI or connection string
 * @password: (nullable): the login's password, when not in @conninfo
 *
 * Opens the office's database on a PostgreSQL server, making its schema
 * when the database is empty.
 */
WartaStore *
warta_store_open_server (const char  *conninfo,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(WartaStore) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  self = g_object_new (WARTA_TYPE_STORE, NULL);
  self->path = shown_conninfo (conninfo);
  self->conninfo = g_strdup (conninfo);
  self->password = g_strdup (password);
  if (!(self->db = warta_db_open_postgres (conninfo, password, &local_error)))
    {
      _warta_store_set_connect_error (conninfo, self->path, local_error, error);
      return NULL;
    }
  if (!may_migrate (self, error) || !migrate (self, error))
    return NULL;
  {
    WartaStmt *stmt = warta_db_prepare (self->db,
                                        "SELECT session_user, EXISTS (SELECT 1 FROM meta "
                                        "  WHERE key = 'people_are_logins' AND value = '1')", NULL);

    if (stmt != NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
      {
        self->login = g_strdup (warta_stmt_column_text (stmt, 0));
        self->people_are_logins = warta_stmt_column_int (stmt, 1) != 0;
      }
    warta_stmt_free (stmt);
  }

  start_watching (self);
  return g_steal_pointer (&self);
}

struct _WartaStoreListener
{
  WartaStore        *store;
  WartaDbListener   *db_listener;
  WartaStoreHearFunc func;
  gpointer           user_data;
};

#define MAX_HEARD 10000

static void
heard (WartaDbHeard  what,
       const char   *payload,
       gpointer      user_data)
{
  WartaStoreListener *listener = user_data;
  WartaStore *self = listener->store;

  /* Kept for poll(), in the store's thread; a burst past the cap is
   * "some berkas changed" */
  if (payload != NULL)
    {
      g_mutex_lock (&self->heard_lock);
      if (self->heard->len < MAX_HEARD)
        g_ptr_array_add (self->heard, g_strdup (payload));
      g_mutex_unlock (&self->heard_lock);
    }
  listener->func ((WartaStoreHeard)what, listener->user_data);
}

G_STATIC_ASSERT ((int)WARTA_STORE_HEARD_BACK == (int)WARTA_DB_HEARD_BACK);

/**
 * warta_store_listen:
 * @func: called in the listener's own thread, never the caller's
 *
 * On an office server, hears every desk's commits on a connection of its
 * own: @func is told of each (then warta_store_poll(), in the store's
 * thread, reads what changed), of a lost server, and of its return. A
 * sqlite file has nothing to hear (its readers poll PRAGMA data_version).
 *
 * Returns: (nullable): the listener, or NULL for a sqlite file
 */
WartaStoreListener *
warta_store_listen (WartaStore         *self,
                    WartaStoreHearFunc  func,
                    gpointer            user_data)
{
  WartaStoreListener *listener;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!is_postgres (self))
    return NULL;
  listener = g_new0 (WartaStoreListener, 1);
  listener->store = g_object_ref (self);
  listener->func = func;
  listener->user_data = user_data;
  listener->db_listener = warta_db_listen (self->conninfo, self->password, "warta", heard, listener);
  return listener;
}

void
warta_store_listener_stop (WartaStoreListener *listener)
{
  if (listener == NULL)
    return;
  warta_db_listener_stop (listener->db_listener);
  g_object_unref (listener->store);
  g_free (listener);
}

/**
 * warta_store_open:
 * @path: a sqlite file, or a PostgreSQL server's URI (see
 *   warta_store_is_server())
 */
WartaStore *
warta_store_open (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (warta_store_is_server (path))
    return warta_store_open_server (path, NULL, error);
  return open_file (path, error);
}

const char *
warta_store_get_login (WartaStore *self)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  return self->people_are_logins ? self->login : NULL;
}

const char *
warta_store_get_path (WartaStore *self)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  return self->path;
}

/* Returns: (nullable): what the person should know about the database
 * file as it was found when opened: that others could read it, and
 * whether Warta made it private. Translated; for stderr or a toast. */
const char *
warta_store_get_warning (WartaStore *self)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  return self->warning;
}

int
warta_store_get_schema_version (WartaStore *self)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), 0);
  return self->schema_version;
}

/* IMMEDIATE: take the write lock before reading, so that the checks an
 * action makes still hold when it writes, whatever another process does. */
gboolean
warta_store_begin (WartaStore  *self,
                   GError     **error)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  g_array_set_size (self->pending, 0);
  /* On PostgreSQL the same: every writer of the office waits for the one
   * before it, so that what an action checked still holds when it
   * writes; a transaction-scoped advisory lock ends with its commit or
   * rollback, whatever happens to the desk. */
  if (is_postgres (self))
    return _warta_store_exec (self, "BEGIN; SELECT pg_advisory_xact_lock (2026121701); "
                                    "SET LOCAL warta.quiet = 'on'", error);
  return _warta_store_exec (self, "BEGIN IMMEDIATE", error);
}

/* A snapshot to read from, taking no write lock; end it with rollback. */
gboolean
warta_store_begin_read (WartaStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  g_array_set_size (self->pending, 0);
  if (is_postgres (self))
    return _warta_store_exec (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);
  return _warta_store_exec (self, "BEGIN DEFERRED", error);
}

/* Asked at every commit and every poll: a kept statement, not one
 * prepared each time. */
static gint64
data_version (WartaStore *self)
{
  WartaStmt *stmt;
  gint64 version = -1;

  /* PostgreSQL tells of others' commits by notifications, not a counter */
  if (is_postgres (self))
    return 0;
  stmt = _warta_store_prepare (self, "PRAGMA data_version", NULL);

  if (stmt != NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
    version = warta_stmt_column_int64 (stmt, 0);
  if (stmt != NULL)
    warta_stmt_reset (stmt);
  return version;
}

static void
announce (WartaStore *self,
          GArray     *changes)
{
  if (changes->len > 0)
    g_signal_emit (self, signals[CHANGED], 0, changes);
}

gboolean
warta_store_commit (WartaStore  *self,
                    GError     **error)
{
  g_autoptr(GArray) changes = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!warta_db_exec (self->db, "COMMIT", NULL))
    {
      /* Never tried again: the server may have committed before the
       * connection went, or not */
      if (warta_db_get_problem (self->db) == WARTA_DB_CONNECTION)
        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED,
                     _("The connection to the office server was lost while saving: whether the change was "
                       "saved is unknown, so look again before doing it again"));
      else
        _warta_store_set_db_error (self, error);
      warta_store_rollback (self);
      return FALSE;
    }

  changes = g_steal_pointer (&self->pending);
  self->pending = warta_changes_new ();

  /* poll() must not announce these events again. When no other
   * connection committed since it last looked, every event up to ours has
   * been announced; else it skips ours by their seq. On PostgreSQL
   * another desk's commit may be on its way as a notification: poll()
   * always skips by seq. */
  for (guint i = 0; i < changes->len; i++)
    {
      gint64 seq = g_array_index (changes, WartaChange, i).seq;

      if (seq > 0)
        g_array_append_val (self->own_seqs, seq);
    }
  g_array_append_vals (self->own_touches, self->pending_touches->data, self->pending_touches->len);
  g_array_set_size (self->pending_touches, 0);
  if (!is_postgres (self) && data_version (self) == self->data_version)
    {
      for (guint i = 0; i < self->own_seqs->len; i++)
        self->seen_seq = MAX (self->seen_seq, g_array_index (self->own_seqs, gint64, i));
      for (guint i = 0; i < self->own_touches->len; i++)
        self->seen_touch = MAX (self->seen_touch, g_array_index (self->own_touches, gint64, i));
      g_array_set_size (self->own_seqs, 0);
      g_array_set_size (self->own_touches, 0);
    }

  announce (self, changes);
  return TRUE;
}

static gboolean
is_in (GArray *seqs,
       gint64  seq)
{
  for (guint i = 0; i < seqs->len; i++)
    if (g_array_index (seqs, gint64, i) == seq)
      return TRUE;
  return FALSE;
}

gboolean
_warta_store_touch (WartaStore  *self,
                    gint64       case_id,
                    GError     **error)
{
  WartaStmt *stmt;
  gint64 seq;

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO touches (case_id, seq) "
                                     "VALUES (?1, (SELECT coalesce (max (seq), 0) + 1 FROM touches)) "
                                     "ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq RETURNING seq",
                                     error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  if (warta_stmt_step (stmt) != WARTA_STMT_ROW)
    {
      warta_stmt_reset (stmt);
      return _warta_store_set_db_error (self, error);
    }
  seq = warta_stmt_column_int64 (stmt, 0);
  warta_stmt_reset (stmt);
  g_array_append_val (self->pending_touches, seq);
  if (case_id > 0)
    _warta_store_note_change (self, WARTA_CHANGE_CASE, case_id);
  return TRUE;
}

/**
 * warta_store_note_silent_write:
 *
 * Says that the open transaction writes nothing anyone shows (a chunk of
 * a file still being attached): another connection's warta_store_poll()
 * then announces nothing for it, instead of "some berkas changed".
 */
gboolean
warta_store_note_silent_write (WartaStore  *self,
                               GError     **error)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  return _warta_store_touch (self, -1, error);
}

void
_warta_store_note_change (WartaStore      *self,
                          WartaChangeKind  kind,
                          gint64           case_id)
{
  warta_changes_add (self->pending, kind, case_id, 0);
}

/* On PostgreSQL: rows written with no journal event or touch (a hand's,
 * with psql) were heard by their notifications, which name their table
 * and berkas: that berkas changed, or some berkas when none is named.
 * What was heard is dropped either way: poll() has read what it says. */
static void
add_unexplained (WartaStore *self,
                 GArray     *changes,
                 gboolean    explained)
{
  g_autoptr(GPtrArray) heard = NULL;
  gboolean some = FALSE;

  g_mutex_lock (&self->heard_lock);
  heard = g_steal_pointer (&self->heard);
  self->heard = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&self->heard_lock);

  if (explained)
    return;
  some = heard->len >= MAX_HEARD;
  for (guint i = 0; i < heard->len && !some; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *payload;
      const char *table;
      gint64 case_id;

      if (!json_parser_load_from_data (parser, g_ptr_array_index (heard, i), -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      payload = json_node_get_object (json_parser_get_root (parser));
      table = json_object_get_string_member_with_default (payload, "table", "");
      /* the journal and touches were read, and nothing was new */
      if (g_str_equal (table, "journal") || g_str_equal (table, "touches"))
        continue;
      case_id = g_ascii_strtoll (json_object_get_string_member_with_default (payload, "case", "0"), NULL, 10);
      if (case_id > 0)
        warta_changes_add (changes, WARTA_CHANGE_CASE, case_id, 0);
      else
        some = TRUE;
    }
  if (some)
    warta_changes_add (changes, WARTA_CHANGE_CASE, 0, 0);
}

/* Another connection's commits bump PRAGMA data_version for this one; the
 * journal events they wrote say what they changed, and the touches what
 * they wrote unjournaled (a draft: its berkas; a chunk of a file being
 * attached: nothing shown). A commit neither explains (an older Warta's,
 * a hand's) changed some berkas. Returns TRUE when anything changed. */
gboolean
warta_store_poll (WartaStore *self)
{
  g_autoptr(GArray) changes = NULL;
  gboolean explained = FALSE;
  WartaStmt *stmt;
  gint64 version;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  /* PostgreSQL: called when a notification came, which may be of this
   * store's own commit; the journal and touches tell */
  version = data_version (self);
  if (!is_postgres (self) && version == self->data_version)
    return FALSE;
  self->data_version = version;

  changes = warta_changes_new ();
  if ((stmt = _warta_store_prepare (self, "SELECT seq, case_id, kind FROM journal WHERE seq > ? ORDER BY seq", NULL)))
    {
      warta_stmt_bind_int64 (stmt, 1, self->seen_seq);
      while (warta_stmt_step (stmt) == WARTA_STMT_ROW)
        {
          gint64 seq = warta_stmt_column_int64 (stmt, 0);
          const char *kind = warta_stmt_column_text (stmt, 2);

          explained = TRUE;
          self->seen_seq = MAX (self->seen_seq, seq);
          if (!is_in (self->own_seqs, seq))
            warta_changes_add (changes, warta_change_kind_for_event (kind ? kind : ""),
                               warta_stmt_column_int64 (stmt, 1), seq);
        }
      warta_stmt_reset (stmt);
    }
  if ((stmt = _warta_store_prepare (self, "SELECT seq, case_id FROM touches WHERE seq > ? ORDER BY seq", NULL)))
    {
      warta_stmt_bind_int64 (stmt, 1, self->seen_touch);
      while (warta_stmt_step (stmt) == WARTA_STMT_ROW)
        {
          gint64 seq = warta_stmt_column_int64 (stmt, 0);
          gint64 case_id = warta_stmt_column_int64 (stmt, 1);

          explained = TRUE;
          self->seen_touch = MAX (self->seen_touch, seq);
          if (case_id > 0 && !is_in (self->own_touches, seq))
            warta_changes_add (changes, WARTA_CHANGE_CASE, case_id, 0);
        }
      warta_stmt_reset (stmt);
    }
  g_array_set_size (self->own_seqs, 0);
  g_array_set_size (self->own_touches, 0);
  if (!explained && !is_postgres (self))
    warta_changes_add (changes, WARTA_CHANGE_CASE, 0, 0);
  else if (is_postgres (self))
    add_unexplained (self, changes, explained);
  if (changes->len == 0)
    return FALSE;
  announce (self, changes);
  return TRUE;
}

void
warta_store_rollback (WartaStore *self)
{
  g_return_if_fail (WARTA_IS_STORE (self));

  g_array_set_size (self->pending, 0);
  g_array_set_size (self->pending_touches, 0);
  if (warta_db_in_transaction (self->db))
    _warta_store_exec (self, "ROLLBACK", NULL);
}

/* Scoped transactions: g_autoptr(WartaTransaction) rolls back whatever
 * was not committed when it leaves scope, so no error path forgets to. */
struct _WartaTransaction
{
  WartaStore *store;
  gboolean    write;
  gboolean    done;
};

static WartaTransaction *
transaction_begin (WartaStore  *self,
                   gboolean     write,
                   GError     **error)
{
  WartaTransaction *tx;

  if (!(write ? warta_store_begin (self, error) : warta_store_begin_read (self, error)))
    return NULL;
  tx = g_new0 (WartaTransaction, 1);
  tx->store = g_object_ref (self);
  tx->write = write;
  return tx;
}

/* Takes the write lock at once (BEGIN IMMEDIATE). */
WartaTransaction *
warta_store_transaction (WartaStore  *self,
                         GError     **error)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  return transaction_begin (self, TRUE, error);
}

/* A consistent view to read from; it ends with a rollback and never
 * announces a change. */
WartaTransaction *
warta_store_snapshot (WartaStore  *self,
                      GError     **error)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  return transaction_begin (self, FALSE, error);
}

gboolean
warta_transaction_commit (WartaTransaction  *tx,
                          GError           **error)
{
  g_return_val_if_fail (tx != NULL, FALSE);
  g_return_val_if_fail (tx->write, FALSE);
  g_return_val_if_fail (!tx->done, FALSE);

  tx->done = TRUE;
  return warta_store_commit (tx->store, error);
}

void
warta_transaction_end (WartaTransaction *tx)
{
  if (tx == NULL)
    return;
  if (!tx->done)
    warta_store_rollback (tx->store);
  g_object_unref (tx->store);
  g_free (tx);
}

/* Roles and users */

gboolean
warta_store_insert_role (WartaStore  *self,
                         const char  *id,
                         const char  *name,
                         GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (warta_store_has_role (self, id))
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS,
                   _("The role “%s” already exists"), id);
      return FALSE;
    }

  if (!(stmt = _warta_store_prepare (self, "INSERT INTO roles (id, name) VALUES (?, ?)", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, id);
  _warta_store_bind_text (stmt, 2, name);
  return _warta_store_step_done (self, stmt, error);
}

gboolean
warta_store_has_role (WartaStore *self,
                      const char *id)
{
  WartaStmt *stmt;
  gboolean found;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "SELECT 1 FROM roles WHERE id = ?", NULL)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, id);
  found = warta_stmt_step (stmt) == WARTA_STMT_ROW;
  warta_stmt_reset (stmt);
  return found;
}

static gpointer
read_role (WartaStmt *stmt)
{
  WartaRole *role = g_new0 (WartaRole, 1);

  role->id = _warta_store_column_text (stmt, 0);
  role->name = _warta_store_column_text (stmt, 1);
  return role;
}

GPtrArray *
warta_store_list_roles (WartaStore  *self,
                        GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT id, name FROM roles ORDER BY id", error)))
    return NULL;
  return _warta_store_collect (self, stmt, read_role, (GDestroyNotify)warta_role_free, error);
}

gint64
_warta_store_step_count (WartaStore    *self,
                         WartaStmt  *stmt,
                         GError       **error)
{
  gint64 count = -1;
  int rc;

  if ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    count = warta_stmt_column_int64 (stmt, 0);
  else
    _warta_store_set_db_error (self, error);
  warta_stmt_reset (stmt);
  return count;
}

gint64
warta_store_count_users (WartaStore  *self,
                         GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self, "SELECT count(*) FROM users", error)))
    return -1;
  return _warta_store_step_count (self, stmt, error);
}

gint64
warta_store_insert_user (WartaStore       *self,
                         const WartaUser  *user,
                         const char       *password_hash,
                         GError          **error)
{
  WartaStmt *stmt;
  gint64 id;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);
  g_return_val_if_fail (user != NULL && user->login != NULL, 0);

  if (!(stmt = _warta_store_prepare (self, "SELECT 1 FROM users WHERE login = ?", error)))
    return 0;
  _warta_store_bind_text (stmt, 1, user->login);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      warta_stmt_reset (stmt);
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS,
                   _("The user “%s” already exists"), user->login);
      return 0;
    }
  warta_stmt_reset (stmt);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO users (login, full_name, nip, jabatan, is_admin, password_hash, "
                                     "                   pangkat, must_change_password) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  _warta_store_bind_text (stmt, 1, user->login);
  _warta_store_bind_text (stmt, 2, user->full_name);
  _warta_store_bind_text (stmt, 3, user->nip);
  _warta_store_bind_text (stmt, 4, user->jabatan);
  warta_stmt_bind_int (stmt, 5, user->is_admin ? 1 : 0);
  _warta_store_bind_text (stmt, 6, password_hash);
  _warta_store_bind_text (stmt, 7, user->pangkat);
  warta_stmt_bind_int (stmt, 8, user->must_change_password ? 1 : 0);
  if ((id = _warta_store_step_id (self, stmt, error)) == 0)
    return 0;

  return _warta_store_set_user_roles (self, id, user->roles, error) ? id : 0;
}

/* Not the password hash: an office server keeps it from the people (its
 * logins' passwords are the server's), and only sign-in on a file asks. */
#define USER_COLUMNS "id, login, full_name, nip, jabatan, is_admin, pangkat, active, must_change_password, " \
  "(SELECT group_concat (r.role_id, ',') FROM user_roles r WHERE r.user_id = users.id)"

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* A person's roles, read with their row (one statement, not one more a
 * person: on a server each is a round trip), in the order of their ids. */
static GStrv
roles_of (const char *joined)
{
  GStrv roles;

  if (joined == NULL || *joined == '\0')
    return g_new0 (char *, 1);
  roles = g_strsplit (joined, ",", -1);
  qsort (roles, g_strv_length (roles), sizeof (char *), compare_strings);
  return roles;
}

static WartaUser *
read_user (WartaStore *self,
           WartaStmt  *stmt)
{
  WartaUser *user = g_new0 (WartaUser, 1);

  user->id = warta_stmt_column_int64 (stmt, 0);
  user->login = _warta_store_column_text (stmt, 1);
  user->full_name = _warta_store_column_text (stmt, 2);
  user->nip = _warta_store_column_text (stmt, 3);
  user->jabatan = _warta_store_column_text (stmt, 4);
  user->is_admin = warta_stmt_column_int (stmt, 5) != 0;
  user->pangkat = _warta_store_column_text (stmt, 6);
  user->inactive = warta_stmt_column_int (stmt, 7) == 0;
  user->must_change_password = warta_stmt_column_int (stmt, 8) != 0;
  user->roles = roles_of (warta_stmt_column_text (stmt, 9));
  return user;
}

WartaUser *
warta_store_get_user (WartaStore  *self,
                      gint64       id,
                      GError     **error)
{
  WartaStmt *stmt;
  WartaUser *user = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, id);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    user = read_user (self, stmt);
  warta_stmt_reset (stmt);

  if (user == NULL)
    g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                 _("There is no user with id %lld"), (long long)id);
  return user;
}

WartaUser *
warta_store_find_user (WartaStore  *self,
                       const char  *login,
                       char       **password_hash,
                       GError     **error)
{
  WartaStmt *stmt;
  WartaUser *user = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " USER_COLUMNS " FROM users WHERE login = ?", error)))
    return NULL;
  _warta_store_bind_text (stmt, 1, login);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    user = read_user (self, stmt);
  warta_stmt_reset (stmt);

  if (user != NULL && password_hash != NULL && !self->people_are_logins &&
      (stmt = _warta_store_prepare (self, "SELECT password_hash FROM users WHERE id = ?", error)))
    {
      warta_stmt_bind_int64 (stmt, 1, user->id);
      if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
        *password_hash = _warta_store_column_text (stmt, 0);
      warta_stmt_reset (stmt);
    }

  if (user == NULL)
    g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                 _("There is no user “%s”"), login);
  return user;
}

static gpointer
read_listed_user (WartaStmt *stmt)
{
  return read_user (NULL, stmt);
}

GPtrArray *
warta_store_list_users (WartaStore  *self,
                        const char  *role,
                        GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (role == NULL)
    stmt = _warta_store_prepare (self, "SELECT " USER_COLUMNS " FROM users ORDER BY login", error);
  else
    stmt = _warta_store_prepare (self,
                                 "SELECT " USER_COLUMNS " FROM users "
                                 "WHERE id IN (SELECT user_id FROM user_roles WHERE role_id = ?) ORDER BY login",
                                 error);
  if (stmt == NULL)
    return NULL;
  if (role != NULL)
    _warta_store_bind_text (stmt, 1, role);

  return _warta_store_collect (self, stmt, read_listed_user, (GDestroyNotify)warta_user_free, error);
}

/* SOPs */

int
warta_store_get_latest_sop (WartaStore  *self,
                            const char  *sop_id,
                            char       **checksum,
                            GError     **error)
{
  WartaStmt *stmt;
  int version = 0;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self, "SELECT version, checksum FROM sops WHERE id = ? ORDER BY version DESC LIMIT 1", error)))
    return -1;
  _warta_store_bind_text (stmt, 1, sop_id);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      version = warta_stmt_column_int (stmt, 0);
      if (checksum != NULL)
        *checksum = _warta_store_column_text (stmt, 1);
    }
  warta_stmt_reset (stmt);
  return version;
}

gboolean
warta_store_insert_sop (WartaStore  *self,
                        const char  *sop_id,
                        int          version,
                        const char  *name,
                        const char  *number,
                        int          n_steps,
                        const char  *source,
                        const char  *checksum,
                        gint64       at,
                        GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO sops (id, version, name, number, n_steps, source, checksum, imported_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, sop_id);
  warta_stmt_bind_int (stmt, 2, version);
  _warta_store_bind_text (stmt, 3, name);
  _warta_store_bind_text (stmt, 4, number);
  warta_stmt_bind_int (stmt, 5, n_steps);
  _warta_store_bind_text (stmt, 6, source);
  _warta_store_bind_text (stmt, 7, checksum);
  warta_stmt_bind_int64 (stmt, 8, at);
  return _warta_store_step_done (self, stmt, error);
}

char *
warta_store_get_sop_source (WartaStore  *self,
                            const char  *sop_id,
                            int          version,
                            int         *found_version,
                            GError     **error)
{
  WartaStmt *stmt;
  char *source = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT source, version FROM sops WHERE id = ?1 AND (?2 = 0 OR version = ?2) "
                                     "ORDER BY version DESC LIMIT 1", error)))
    return NULL;
  _warta_store_bind_text (stmt, 1, sop_id);
  warta_stmt_bind_int (stmt, 2, version);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      source = _warta_store_column_text (stmt, 0);
      if (found_version != NULL)
        *found_version = warta_stmt_column_int (stmt, 1);
    }
  warta_stmt_reset (stmt);

  if (source == NULL)
    {
      if (version == 0)
        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                     _("There is no SOP “%s”"), sop_id);
      else
        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                     _("There is no version %d of the SOP “%s”"), version, sop_id);
    }
  return source;
}

static gpointer
read_sop_info (WartaStmt *stmt)
{
  WartaSopInfo *info = g_new0 (WartaSopInfo, 1);

  info->id = _warta_store_column_text (stmt, 0);
  info->version = warta_stmt_column_int (stmt, 1);
  info->name = _warta_store_column_text (stmt, 2);
  info->number = _warta_store_column_text (stmt, 3);
  info->n_steps = warta_stmt_column_int (stmt, 4);
  info->retired = warta_stmt_column_int (stmt, 5) != 0;
  return info;
}

GPtrArray *
warta_store_list_sops (WartaStore  *self,
                       GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT s.id, s.version, s.name, s.number, s.n_steps, "
                                     "EXISTS (SELECT 1 FROM retired_sops r WHERE r.sop_id = s.id) "
                                     "FROM sops s WHERE s.version = (SELECT max (v.version) FROM sops v WHERE v.id = s.id) "
                                     "ORDER BY s.id",
                                     error)))
    return NULL;
  return _warta_store_collect (self, stmt, read_sop_info, (GDestroyNotify)warta_sop_info_free, error);
}

/* Every version of every SOP, as cases keep the version they began with. */
GPtrArray *
warta_store_list_sop_versions (WartaStore  *self,
                               GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT id, version, name, number, n_steps, "
                                     "EXISTS (SELECT 1 FROM retired_sops r WHERE r.sop_id = sops.id) "
                                     "FROM sops ORDER BY id, version",
                                     error)))
    return NULL;
  return _warta_store_collect (self, stmt, read_sop_info, (GDestroyNotify)warta_sop_info_free, error);
}

/* The journal. The head (last seq and hash) is also kept in meta, written
 * with each event, so that cutting events off the end is detected too. */

gboolean
warta_store_get_journal_head (WartaStore  *self,
                              gint64      *seq,
                              char       **hash,
                              GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  *seq = 0;
  *hash = NULL;
  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT (SELECT value FROM meta WHERE key = 'journal_head_seq'), "
                                     "       (SELECT value FROM meta WHERE key = 'journal_head_hash')", error)))
    return FALSE;
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW && !warta_stmt_column_is_null (stmt, 0))
    {
      *seq = warta_stmt_column_int64 (stmt, 0);
      *hash = _warta_store_column_text (stmt, 1);
    }
  warta_stmt_reset (stmt);
  return TRUE;
}

gboolean
warta_store_insert_event (WartaStore               *self,
                          const WartaJournalEvent  *event,
                          GError                  **error)
{
  WartaStmt *stmt;
  g_autofree char *seq = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO journal (seq, at, actor, case_id, kind, payload, prev_hash, hash) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, event->seq);
  warta_stmt_bind_int64 (stmt, 2, event->at);
  _warta_store_bind_id (stmt, 3, event->actor);
  _warta_store_bind_id (stmt, 4, event->case_id);
  _warta_store_bind_text (stmt, 5, event->kind);
  _warta_store_bind_text (stmt, 6, event->payload);
  _warta_store_bind_text (stmt, 7, event->prev_hash);
  _warta_store_bind_text (stmt, 8, event->hash);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

  /* On an office server the journal's trigger moves the head (a person
   * may not write meta) */
  if (self->people_are_logins)
    goto done;
  seq = g_strdup_printf ("%" G_GINT64_FORMAT, event->seq);
  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO meta (key, value) VALUES ('journal_head_seq', ?), ('journal_head_hash', ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, seq);
  _warta_store_bind_text (stmt, 2, event->hash);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

done:
  warta_changes_add (self->pending, warta_change_kind_for_event (event->kind), event->case_id, event->seq);
  return TRUE;
}

gboolean
warta_store_foreach_event (WartaStore      *self,
                           WartaEventFunc   func,
                           gpointer         user_data,
                           GError         **error)
{
  WartaStmt *stmt = NULL;
  WartaStmtResult rc;
  gint64 after = 0;
  guint n = 0;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  /* Not cached: a callback may read the store while this one steps. Read
   * in pages of the seq, so that a server's journal of any length never
   * arrives whole */
  if (!(stmt = warta_db_prepare (self->db,
                                 "SELECT seq, at, actor, case_id, kind, payload, prev_hash, hash "
                                 "FROM journal WHERE seq > ? ORDER BY seq LIMIT 2000", NULL)))
    return _warta_store_set_db_error (self, error);

next_page:
  warta_stmt_bind_int64 (stmt, 1, after);
  n = 0;
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      WartaJournalEvent event = {
        .seq = warta_stmt_column_int64 (stmt, 0),
        .at = warta_stmt_column_int64 (stmt, 1),
        .actor = warta_stmt_column_int64 (stmt, 2),
        .case_id = warta_stmt_column_int64 (stmt, 3),
        .kind = (char *)warta_stmt_column_text (stmt, 4),
        .payload = (char *)warta_stmt_column_text (stmt, 5),
        .prev_hash = (char *)warta_stmt_column_text (stmt, 6),
        .hash = (char *)warta_stmt_column_text (stmt, 7),
      };

      after = event.seq;
      n++;
      if (!func (&event, user_data, error))
        {
          warta_stmt_free (stmt);
          return FALSE;
        }
    }
  if (rc == WARTA_STMT_DONE && n == 2000)
    {
      warta_stmt_reset (stmt);
      goto next_page;
    }

  if (rc != WARTA_STMT_DONE)
    _warta_store_set_db_error (self, error);
  warta_stmt_free (stmt);
  return rc == WARTA_STMT_DONE;
}

/* Settings of the office kept in the database: "office_name",
 * "office_city". */

char *
warta_store_get_setting (WartaStore *self,
                         const char *key)
{
  WartaStmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT value FROM meta WHERE key = 'setting.' || ?", NULL)))
    return NULL;
  _warta_store_bind_text (stmt, 1, key);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    value = _warta_store_column_text (stmt, 0);
  warta_stmt_reset (stmt);
  return value;
}

gboolean
warta_store_set_setting (WartaStore  *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO meta (key, value) VALUES ('setting.' || ?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, key);
  _warta_store_bind_text (stmt, 2, value);
  return _warta_store_step_done (self, stmt, error);
}
