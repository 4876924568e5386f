/* warta-store-move.c: a one-desk office moved onto an office server
 *
 * The sqlite office is copied row by row, each with its id, into an
 * office warta_store_init_server() has just made, in one transaction as
 * its owner. The copy is generic: each table's columns come from sqlite
 * (PRAGMA table_info), each value is bound by the type sqlite holds it
 * as, so that a column added by a later migration moves without this
 * file knowing it. Only an attachment's content differs: one blob on
 * sqlite, rows of chunks on PostgreSQL; it is streamed a piece at a
 * time, so that a file of hundreds of MiB takes no more memory than one
 * piece, and read back from the server to check its SHA-256.
 *
 * The server checks what arrives as it would check a desk: the journal's
 * trigger takes each event only if it extends the chain.
 *
 * What a failed move made is undone by warta_store_uninit_server(), as
 * the server's administrator: the target is left as empty as it came.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "warta-journal.h"
#include "warta-sha256.h"
#include "warta-store-private.h"

/* An attachment's content moves in pieces of this size: the memory a
 * move takes whatever the size of the files. */
#define PIECE_SIZE (1024 * 1024)

/* The temporary passwords: letters and digits nobody misreads on paper
 * (no 0/O, 1/l/I, 2/Z, 5/S, 8/B). */
#define PASSWORD_ALPHABET "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679"
#define PASSWORD_LENGTH 16

/* In the order their references allow: a row's references are in before it. */
static const char *const move_tables[] = {
  "meta", "roles", "users", "user_roles", "sops", "retired_sops", "sites", "office_files",
  "cases", "step_runs", "dispositions", "naskah", "naskah_revisions", "run_checks",
  "attachments", "attachment_data", "publications", "publication_media", "archive_copies",
  "prints", "case_looks", "touches", "journal",
};

void
warta_move_report_free (WartaMoveReport *report)
{
  if (report == NULL)
    return;
  for (guint i = 0; report->logins != NULL && i < report->logins->len; i++)
    {
      WartaMoveLogin *login = &g_array_index (report->logins, WartaMoveLogin, i);

      g_free (login->login);
      if (login->password != NULL)
        sodium_memzero (login->password, strlen (login->password));
      g_free (login->password);
    }
  g_clear_pointer (&report->logins, g_array_unref);
  for (guint i = 0; report->counts != NULL && i < report->counts->len; i++)
    g_free (g_array_index (report->counts, WartaMoveCount, i).table);
  g_clear_pointer (&report->counts, g_array_unref);
  g_free (report);
}

static char *
quote_ident (const char *name)
{
  g_autoptr(GString) quoted = g_string_new (name);

  g_string_replace (quoted, "\"", "\"\"", 0);
  g_string_prepend_c (quoted, '"');
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static char *
quote_literal (const char *text)
{
  g_autoptr(GString) quoted = g_string_new (text);

  g_string_replace (quoted, "'", "''", 0);
  g_string_prepend_c (quoted, '\'');
  g_string_append_c (quoted, '\'');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

/* A password for one person's first sign-in on the server. */
static char *
temporary_password (void)
{
  char *password = g_malloc (PASSWORD_LENGTH + 1);

  for (guint i = 0; i < PASSWORD_LENGTH; i++)
    password[i] = PASSWORD_ALPHABET[randombytes_uniform (sizeof PASSWORD_ALPHABET - 1)];
  password[PASSWORD_LENGTH] = '\0';
  return password;
}

static gint64
query_int (WartaStore *self,
           const char *sql)
{
  WartaStmt *stmt = warta_db_prepare (self->db, sql, NULL);
  gint64 n = -1;

  if (stmt != NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
    n = warta_stmt_column_int64 (stmt, 0);
  warta_stmt_free (stmt);
  return n;
}

/* Every table of the sqlite office is one the move knows: a table it
 * did not know would be left behind without a word. */
static gboolean
check_tables (WartaStore  *from,
              GError     **error)
{
  WartaStmt *stmt = warta_db_prepare (from->db,
                                      "SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", NULL);
  WartaStmtResult rc;

  if (stmt == NULL)
    return _warta_store_set_db_error (from, error);
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      const char *name = warta_stmt_column_text (stmt, 0);

      if (!g_strv_contains (move_tables, name))
        {
          g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                       _("The office has a table this version of Warta cannot move: %s"), name);
          warta_stmt_free (stmt);
          return FALSE;
        }
    }
  warta_stmt_free (stmt);
  return rc == WARTA_STMT_DONE || _warta_store_set_db_error (from, error);
}

static GPtrArray *
table_columns (WartaStore  *from,
               const char  *table,
               GError     **error)
{
  g_autofree char *quoted = quote_ident (table);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", quoted);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  WartaStmt *stmt = warta_db_prepare (from->db, sql, NULL);
  WartaStmtResult rc;

  if (stmt == NULL)
    {
      _warta_store_set_db_error (from, error);
      return NULL;
    }
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    g_ptr_array_add (columns, g_strdup (warta_stmt_column_text (stmt, 1)));
  warta_stmt_free (stmt);
  if (rc != WARTA_STMT_DONE)
    {
      _warta_store_set_db_error (from, error);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

/* One row's value, bound as sqlite holds it. */
static void
bind_as_held (WartaStmt  *from,
              int         column,
              WartaStmt  *to,
              int         index)
{
  const char *type = warta_stmt_column_text (from, 2 * column);

  if (g_strcmp0 (type, "integer") == 0)
    warta_stmt_bind_int64 (to, index, warta_stmt_column_int64 (from, 2 * column + 1));
  else if (g_strcmp0 (type, "blob") == 0)
    {
      gsize size = 0;
      gconstpointer data = warta_stmt_column_blob (from, 2 * column + 1, &size);

      warta_stmt_bind_blob (to, index, data != NULL ? data : "", size);
    }
  else if (g_strcmp0 (type, "null") == 0)
    warta_stmt_bind_null (to, index);
  else
    /* text, and a real as its text: PostgreSQL reads it back */
    warta_stmt_bind_text (to, index, warta_stmt_column_text (from, 2 * column + 1));
}

/* Every row of one table, with its ids. */
static gboolean
copy_table (WartaStore   *from,
            WartaStore   *to,
            const char   *table,
            gint64       *n_rows,
            GError      **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) insert = NULL;
  g_autofree char *quoted = quote_ident (table);
  WartaStmt *reader = NULL, *writer = NULL;
  WartaStmtResult rc = WARTA_STMT_ERROR;
  gboolean ok = FALSE;

  if (!(columns = table_columns (from, table, error)))
    return FALSE;
  insert = g_string_new (NULL);
  g_string_printf (insert, "INSERT INTO %s (", quoted);
  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *column = quote_ident (g_ptr_array_index (columns, i));

      g_string_append_printf (select, "%stypeof (%s), %s", i > 0 ? ", " : "", column, column);
      g_string_append_printf (insert, "%s%s", i > 0 ? ", " : "", column);
    }
  g_string_append (insert, ") VALUES (");
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (insert, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (insert, ")");
  g_string_append_printf (select, " FROM %s", quoted);

  /* The server's own settings stay: its schema is its own, and its
   * people are its logins. The rest of meta (the office's settings, the
   * journal's head) is the office's. */
  if (g_str_equal (table, "meta"))
    {
      g_string_append (select, " WHERE key NOT IN ('schema_version', 'people_are_logins')");
      g_string_append (insert, " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }
  /* The server's trigger takes events only in the chain's order */
  else if (g_str_equal (table, "journal"))
    g_string_append (select, " ORDER BY seq");

  *n_rows = 0;
  if (!(reader = warta_db_prepare (from->db, select->str, NULL)))
    {
      _warta_store_set_db_error (from, error);
      goto out;
    }
  if (!(writer = warta_db_prepare (to->db, insert->str, NULL)))
    {
      _warta_store_set_db_error (to, error);
      goto out;
    }
  while ((rc = warta_stmt_step (reader)) == WARTA_STMT_ROW)
    {
      warta_stmt_reset (writer);
      warta_stmt_clear_bindings (writer);
      for (guint i = 0; i < columns->len; i++)
        bind_as_held (reader, i, writer, i + 1);
      if (warta_stmt_step (writer) == WARTA_STMT_ERROR)
        {
          _warta_store_set_db_error (to, error);
          goto out;
        }
      (*n_rows)++;
    }
  if (rc != WARTA_STMT_DONE)
    _warta_store_set_db_error (from, error);
  else
    ok = TRUE;

out:
  warta_stmt_free (reader);
  warta_stmt_free (writer);
  if (!ok)
    g_prefix_error (error, _("Moving the table %s: "), table);
  return ok;
}

/* The SHA-256 of a content as the server now holds it, read back a
 * piece at a time. */
static char *
server_sha256 (WartaStore  *to,
               gint64       attachment_id,
               guint8      *buffer,
               GError     **error)
{
  g_autoptr(WartaSha256) sha = warta_sha256_new ();
  WartaDbBlob *blob = warta_db_blob_open (to->db, attachment_id, FALSE, error);
  gint64 size;

  if (blob == NULL)
    return NULL;
  size = warta_db_blob_get_size (blob);
  for (gint64 at = 0; at < size; at += PIECE_SIZE)
    {
      gsize length = (gsize)MIN ((gint64)PIECE_SIZE, size - at);

      if (!warta_db_blob_read (blob, buffer, length, at))
        {
          warta_db_blob_close (blob);
          _warta_store_set_db_error (to, error);
          return NULL;
        }
      warta_sha256_update (sha, buffer, length);
    }
  warta_db_blob_close (blob);
  return g_strdup (warta_sha256_get_string (sha));
}

/* One attachment's content: read from sqlite, written to the server's
 * chunks, read back from the server and checked against its SHA-256. */
static gboolean
move_content (WartaStore  *from,
              WartaStore  *to,
              gint64       attachment_id,
              const char  *recorded_sha256,
              gboolean     pending,
              guint8      *buffer,
              gint64      *n_bytes,
              GError     **error)
{
  g_autoptr(WartaSha256) sha = warta_sha256_new ();
  g_autofree char *arrived = NULL;
  WartaDbBlob *source, *target = NULL;
  gboolean ok = TRUE;
  gint64 size;

  if (!(source = warta_db_blob_open (from->db, attachment_id, FALSE, error)))
    return FALSE;
  size = warta_db_blob_get_size (source);
  if (!warta_db_blob_create (to->db, attachment_id, size, error) ||
      !(target = warta_db_blob_open (to->db, attachment_id, TRUE, error)))
    ok = FALSE;
  for (gint64 at = 0; ok && at < size; at += PIECE_SIZE)
    {
      gsize length = (gsize)MIN ((gint64)PIECE_SIZE, size - at);

      if (!warta_db_blob_read (source, buffer, length, at))
        ok = _warta_store_set_db_error (from, error);
      else if (!warta_db_blob_write (target, buffer, length, at))
        ok = _warta_store_set_db_error (to, error);
      else
        warta_sha256_update (sha, buffer, length);
    }
  warta_db_blob_close (source);
  if (target != NULL)
    warta_db_blob_close (target);
  if (!ok)
    return FALSE;

  if (!(arrived = server_sha256 (to, attachment_id, buffer, error)))
    return FALSE;
  /* What arrived is what left; and a file finished (not one a desk was
   * still writing) is what its SHA-256 says it is */
  if (g_strcmp0 (arrived, warta_sha256_get_string (sha)) != 0 ||
      (!pending && g_strcmp0 (arrived, recorded_sha256) != 0))
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("The content of attachment %lld does not match its SHA-256 after the move "
                     "(recorded %s, on the server %s)"),
                   (long long)attachment_id, recorded_sha256 ? recorded_sha256 : "-", arrived);
      return FALSE;
    }
  *n_bytes += size;
  return TRUE;
}

static gboolean
move_contents (WartaStore       *from,
               WartaStore       *to,
               WartaMoveReport  *report,
               gint64           *n_rows,
               GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sums = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree guint8 *buffer = NULL;
  WartaStmt *stmt;
  WartaStmtResult rc;

  /* Listed first: no statement stays open on sqlite while its blobs are read */
  stmt = warta_db_prepare (from->db,
                           "SELECT d.attachment_id, a.sha256, coalesce (a.pending, 0) FROM attachment_data d "
                           "LEFT JOIN attachments a ON a.id = d.attachment_id ORDER BY d.attachment_id", NULL);
  if (stmt == NULL)
    return _warta_store_set_db_error (from, error);
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      gint64 id = warta_stmt_column_int64 (stmt, 0);
      gboolean is_pending = warta_stmt_column_int (stmt, 2) != 0;

      g_array_append_val (ids, id);
      g_ptr_array_add (sums, g_strdup (warta_stmt_column_text (stmt, 1)));
      g_array_append_val (pending, is_pending);
    }
  warta_stmt_free (stmt);
  if (rc != WARTA_STMT_DONE)
    return _warta_store_set_db_error (from, error);

  buffer = g_malloc (PIECE_SIZE);
  for (guint i = 0; i < ids->len; i++)
    {
      if (!move_content (from, to, g_array_index (ids, gint64, i), g_ptr_array_index (sums, i),
                         g_array_index (pending, gboolean, i), buffer, &report->attachment_bytes, error))
        {
          g_prefix_error (error, _("Moving the table %s: "), "attachment_data");
          return FALSE;
        }
      report->n_attachments++;
    }
  *n_rows = ids->len;
  return TRUE;
}

/* Identity columns go on past the highest id moved in, so that the next
 * row a desk adds does not take a moved row's id. */
static gboolean
move_sequences (WartaStore  *to,
                GError     **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  WartaStmt *stmt = warta_db_prepare (to->db,
                                      "SELECT table_name, column_name FROM information_schema.columns "
                                      "WHERE table_schema = current_schema () AND is_identity = 'YES' "
                                      "ORDER BY table_name", NULL);
  WartaStmtResult rc;

  if (stmt == NULL)
    return _warta_store_set_db_error (to, error);
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      const char *table = warta_stmt_column_text (stmt, 0);
      const char *column = warta_stmt_column_text (stmt, 1);
      g_autofree char *table_ident = quote_ident (table);
      g_autofree char *column_ident = quote_ident (column);
      g_autofree char *table_literal = quote_literal (table_ident);
      g_autofree char *column_literal = quote_literal (column);

      g_ptr_array_add (statements,
                       g_strdup_printf ("SELECT setval (pg_get_serial_sequence (%s, %s), "
                                        "coalesce ((SELECT max (%s) FROM %s), 0) + 1, false)",
                                        table_literal, column_literal, column_ident, table_ident));
    }
  warta_stmt_free (stmt);
  if (rc != WARTA_STMT_DONE)
    return _warta_store_set_db_error (to, error);
  for (guint i = 0; i < statements->len; i++)
    if (!_warta_store_exec (to, g_ptr_array_index (statements, i), error))
      return FALSE;
  return TRUE;
}

/* Each person becomes a login of the server, with a password for their
 * first sign-in only: the users row keeps no hash (the server checks the
 * password), and Warta asks them for their own at once. A deactivated
 * person's login cannot sign in. */
static gboolean
make_logins (WartaStore       *to,
             WartaMoveReport  *report,
             GError          **error)
{
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (gboolean));
  WartaStmt *stmt;
  WartaStmtResult rc;

  if (!_warta_store_exec (to, "UPDATE users SET password_hash = '!server', must_change_password = 1", error))
    return FALSE;
  if (!(stmt = warta_db_prepare (to->db, "SELECT login, active FROM users ORDER BY id", NULL)))
    return _warta_store_set_db_error (to, error);
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      gboolean is_active = warta_stmt_column_int (stmt, 1) != 0;

      g_ptr_array_add (logins, g_strdup (warta_stmt_column_text (stmt, 0)));
      g_array_append_val (active, is_active);
    }
  warta_stmt_free (stmt);
  if (rc != WARTA_STMT_DONE)
    return _warta_store_set_db_error (to, error);

  for (guint i = 0; i < logins->len; i++)
    {
      const char *login = g_ptr_array_index (logins, i);
      WartaMoveLogin made = { NULL, NULL };
      WartaStmt *taken;
      gboolean exists = FALSE;

      /* Logins are the server's, across its databases: a name another
       * office (or the server itself) has is not this person's to take */
      if (!(taken = warta_db_prepare (to->db, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?", NULL)))
        return _warta_store_set_db_error (to, error);
      warta_stmt_bind_text (taken, 1, login);
      exists = warta_stmt_step (taken) == WARTA_STMT_ROW;
      warta_stmt_free (taken);
      if (exists)
        {
          g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS,
                       _("The server already has a login “%s” (another office's, or its own): give the person "
                         "another login in the one-desk office first (warta-cli user edit %s --login NEW "
                         "--as ADMIN)"),
                       login, login);
          return FALSE;
        }

      made.login = g_strdup (login);
      made.password = temporary_password ();
      g_array_append_val (report->logins, made);
      if (!warta_store_server_create_login (to, login, made.password, error) ||
          (!g_array_index (active, gboolean, i) && !warta_store_server_set_active (to, login, FALSE, error)))
        {
          g_prefix_error (error, _("Making the server's login for %s: "), login);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * warta_store_move_to:
 * @from: a one-desk office (sqlite)
 * @to: an office warta_store_init_server() has just made, as its owner
 * @keep_logins: (nullable): given each person's login and temporary
 *   password once everything is in, before the move commits; a failure
 *   fails the move
 * @report: (out) (optional): what was moved
 *
 * Copies every row of @from into @to with its id, in one transaction:
 * nothing is left in @to when it fails. The journal is then verified on
 * the server. @to should be undone with warta_store_uninit_server()
 * after a failure.
 */
gboolean
warta_store_move_to (WartaStore          *from,
                     WartaStore          *to,
                     WartaMoveLoginsFunc  keep_logins,
                     gpointer             user_data,
                     WartaMoveReport    **report,
                     GError             **error)
{
  g_autoptr(WartaMoveReport) made = g_new0 (WartaMoveReport, 1);
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaTransaction) tx = NULL;
  gint64 n_users;

  g_return_val_if_fail (WARTA_IS_STORE (from), FALSE);
  g_return_val_if_fail (WARTA_IS_STORE (to), FALSE);

  made->counts = g_array_new (FALSE, FALSE, sizeof (WartaMoveCount));
  made->logins = g_array_new (FALSE, FALSE, sizeof (WartaMoveLogin));

  if (warta_db_get_kind (from->db) != WARTA_DB_SQLITE || warta_db_get_kind (to->db) != WARTA_DB_POSTGRES ||
      !to->people_are_logins)
    {
      g_set_error_literal (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                           _("An office moves from a one-desk database onto a new office server"));
      return FALSE;
    }
  if (warta_store_get_schema_version (from) != warta_store_get_schema_version (to))
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("The office's database is at schema %d, the server's at %d: open the office with "
                     "this version of Warta first"),
                   warta_store_get_schema_version (from), warta_store_get_schema_version (to));
      return FALSE;
    }
  if (!check_tables (from, error))
    return FALSE;

  /* One view of the office, should a desk still have it open */
  if (!(snapshot = warta_store_snapshot (from, error)) ||
      !(tx = warta_store_transaction (to, error)))
    return FALSE;
  if ((n_users = query_int (to, "SELECT count (*) FROM users")) != 0)
    {
      g_set_error_literal (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS,
                           _("The office server already has people: an office moves only into a new one"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (move_tables); i++)
    {
      WartaMoveCount count = { g_strdup (move_tables[i]), 0 };
      gboolean ok;

      g_array_append_val (made->counts, count);
      if (g_str_equal (move_tables[i], "attachment_data"))
        ok = move_contents (from, to, made, &g_array_index (made->counts, WartaMoveCount, i).rows, error);
      else
        ok = copy_table (from, to, move_tables[i], &g_array_index (made->counts, WartaMoveCount, i).rows, error);
      if (!ok)
        return FALSE;
    }

  if (!move_sequences (to, error) ||
      !make_logins (to, made, error) ||
      (keep_logins != NULL && !keep_logins (made->logins, user_data, error)) ||
      !warta_transaction_commit (tx, error))
    return FALSE;

  /* The trigger checked each event as it came; this reads the chain
   * back whole, from the server */
  if (!warta_journal_verify (to, &made->journal_events, NULL, error))
    return FALSE;

  if (report != NULL)
    *report = g_steal_pointer (&made);
  return TRUE;
}

/**
 * warta_store_uninit_server:
 * @conninfo: the database, reached as the server's administrator (as
 *   warta_store_init_server() was)
 *
 * Undoes warta_store_init_server() and what was done in the office
 * since: the schema public dropped with everything in it and made again
 * as PostgreSQL makes it, the database's CONNECT given back to PUBLIC, the
 * office's logins and its two group roles dropped. For an office that
 * failed to be made or moved in, never for one in use.
 */
gboolean
warta_store_uninit_server (const char  *conninfo,
                           const char  *password,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *db_ident = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *person = NULL;
  g_autofree char *sql = NULL;
  WartaStmt *stmt;
  WartaDb *db;
  gboolean ok;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  if (!(db = warta_db_open_postgres (conninfo, password, &local_error)))
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED,
                   _("Cannot connect to the office server to undo the office: %s"), local_error->message);
      return FALSE;
    }
  if ((stmt = warta_db_prepare (db, "SELECT current_database ()", NULL)) != NULL &&
      warta_stmt_step (stmt) == WARTA_STMT_ROW)
    db_name = g_strdup (warta_stmt_column_text (stmt, 0));
  warta_stmt_free (stmt);
  if (db_name == NULL)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Cannot undo the office on the server: %s"), warta_db_get_message (db));
      warta_db_close (db);
      return FALSE;
    }

  {
    g_autofree char *owner_name = g_strdup_printf ("%s_owner", db_name);
    g_autofree char *person_name = g_strdup_printf ("%s_person", db_name);

    owner = quote_literal (owner_name);
    person = quote_literal (person_name);
  }
  db_ident = quote_ident (db_name);
  /* The office's logins are the members of its person role: nobody
   * else's is dropped. They hold nothing of their own (what a person may
   * do is granted to the person role, on objects the schema's drop took
   * with it), and the person role only the database's CONNECT: revoked
   * here rather than by DROP OWNED, which a server administrator who is
   * not a superuser could not run on a role they are no member of. */
  sql = g_strdup_printf ("BEGIN;"
                         "DROP SCHEMA IF EXISTS public CASCADE;"
                         "CREATE SCHEMA public AUTHORIZATION pg_database_owner;"
                         "COMMENT ON SCHEMA public IS 'standard public schema';"
                         "GRANT USAGE ON SCHEMA public TO PUBLIC;"
                         "GRANT CONNECT, TEMPORARY ON DATABASE %1$s TO PUBLIC;"
                         "DO $warta$ DECLARE login name; BEGIN "
                         "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %2$s) THEN "
                         "    FOR login IN SELECT m.rolname FROM pg_auth_members a "
                         "        JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid "
                         "        WHERE g.rolname = %2$s AND m.rolname NOT IN (session_user, current_user) LOOP "
                         "      EXECUTE format ('DROP ROLE %%I', login); "
                         "    END LOOP; "
                         "    EXECUTE format ('REVOKE ALL ON DATABASE %%I FROM %%I', current_database (), %2$s); "
                         "    EXECUTE format ('DROP ROLE %%I', %2$s); "
                         "  END IF; "
                         "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %3$s) THEN "
                         "    EXECUTE format ('DROP OWNED BY %%I', %3$s); "
                         "    EXECUTE format ('DROP ROLE %%I', %3$s); "
                         "  END IF; "
                         "END $warta$;"
                         "COMMIT;",
                         db_ident, person, owner);
  ok = warta_db_exec (db, sql, &local_error);
  if (!ok)
    {
      warta_db_exec (db, "ROLLBACK", NULL);
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Cannot undo the office on the server: %s"), local_error->message);
    }
  warta_db_close (db);
  return ok;
}

/**
 * warta_store_server_describe:
 * @database: (out): the database's name, which names the office's roles
 * @n_tables: (out): the office's tables
 *
 * What an office on a server is made of, for the one who made it.
 */
gboolean
warta_store_server_describe (WartaStore  *self,
                             char       **database,
                             gint64      *n_tables,
                             GError     **error)
{
  WartaStmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);
  g_return_val_if_fail (warta_db_get_kind (self->db) == WARTA_DB_POSTGRES, FALSE);

  if (!(stmt = warta_db_prepare (self->db,
                                 "SELECT current_database (), (SELECT count (*) FROM pg_catalog.pg_tables "
                                 "  WHERE schemaname = current_schema ())", NULL)))
    return _warta_store_set_db_error (self, error);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      *database = g_strdup (warta_stmt_column_text (stmt, 0));
      *n_tables = warta_stmt_column_int64 (stmt, 1);
      ok = TRUE;
    }
  else
    _warta_store_set_db_error (self, error);
  warta_stmt_free (stmt);
  return ok;
}
