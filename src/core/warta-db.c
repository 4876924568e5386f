/* warta-db.c: one connection, sqlite or PostgreSQL; the sqlite side
 *
 * What the store's statements need of a database, the same for both:
 * bind, step, read a column, say what went wrong. sqlite's own calls are
 * here; PostgreSQL's in warta-db-pg.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "warta-db-private.h"

G_DEFINE_QUARK (warta-db-error-quark, warta_db_error)

void
_warta_db_set_problem (WartaDb        *db,
                       WartaDbProblem  problem,
                       const char     *message)
{
  db->problem = problem;
  g_free (db->message);
  db->message = g_strdup (message ? message : "");
}

static WartaDbProblem
lite_problem (int rc)
{
  switch (rc)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_BUSY_SNAPSHOT:
    case SQLITE_BUSY_RECOVERY:
      return WARTA_DB_BUSY;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return WARTA_DB_EXISTS;
    case SQLITE_NOTADB:
      return WARTA_DB_NOT_DATABASE;
    default:
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return WARTA_DB_CONSTRAINT;
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return WARTA_DB_BUSY;
      return WARTA_DB_FAILED;
    }
}

/* Records sqlite's last failure on db; returns FALSE for the caller's
 * return. */
static gboolean
lite_fail (WartaDb *db,
           int      rc)
{
  sqlite3 *lite = db->handle;

  _warta_db_set_problem (db, lite_problem (rc), lite ? sqlite3_errmsg (lite) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
set_error_from_problem (WartaDb  *db,
                        GError  **error)
{
  g_set_error_literal (error, WARTA_DB_ERROR, db->problem, db->message);
  return FALSE;
}

WartaDb *
warta_db_open_sqlite (const char  *path,
                      GError     **error)
{
  WartaDb *db = g_new0 (WartaDb, 1);
  sqlite3 *lite = NULL;
  int rc;

  db->kind = WARTA_DB_SQLITE;
  rc = sqlite3_open_v2 (path, &lite,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  db->handle = lite;
  if (rc != SQLITE_OK)
    {
      lite_fail (db, rc);
      set_error_from_problem (db, error);
      warta_db_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (lite, TRUE);
  sqlite3_busy_timeout (lite, 5000);
  return db;
}

WartaDb *
warta_db_open_postgres (const char  *conninfo,
                        const char  *password,
                        GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return _warta_db_pg_open (conninfo, password, error);
}

void
warta_db_close (WartaDb *db)
{
  if (db == NULL)
    return;
  if (db->kind == WARTA_DB_POSTGRES)
    _warta_db_pg_close (db);
  else if (db->handle != NULL)
    sqlite3_close (db->handle);
  g_free (db->message);
  g_free (db);
}

WartaDbKind
warta_db_get_kind (WartaDb *db)
{
  return db->kind;
}

gpointer
warta_db_get_handle (WartaDb *db)
{
  return db->handle;
}

WartaDbProblem
warta_db_get_problem (WartaDb *db)
{
  return db->problem;
}

const char *
warta_db_get_message (WartaDb *db)
{
  return db->message ? db->message : "";
}

gboolean
warta_db_exec (WartaDb     *db,
               const char  *sql,
               GError     **error)
{
  gboolean ok;

  if (db->kind == WARTA_DB_POSTGRES)
    ok = _warta_db_pg_exec (db, sql);
  else
    {
      int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

      ok = rc == SQLITE_OK || lite_fail (db, rc);
    }
  return ok || set_error_from_problem (db, error);
}

gboolean
warta_db_in_transaction (WartaDb *db)
{
  if (db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_in_transaction (db);
  return !sqlite3_get_autocommit (db->handle);
}

/* Statements */

static void
param_clear (gpointer data)
{
  WartaParam *param = data;

  g_clear_pointer (&param->text, g_free);
}

WartaStmt *
warta_db_prepare (WartaDb     *db,
                  const char  *sql,
                  GError     **error)
{
  WartaStmt *stmt = g_new0 (WartaStmt, 1);

  stmt->db = db;
  stmt->row = -1;
  stmt->params = g_array_new (FALSE, TRUE, sizeof (WartaParam));
  g_array_set_clear_func (stmt->params, param_clear);

  if (db->kind == WARTA_DB_POSTGRES)
    {
      stmt->sql = warta_db_sql_for_postgres (sql);
      if (!_warta_db_pg_prepare (stmt))
        {
          set_error_from_problem (db, error);
          warta_stmt_free (stmt);
          return NULL;
        }
      return stmt;
    }

  {
    sqlite3_stmt *lite = NULL;
    int rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL);

    if (rc != SQLITE_OK)
      {
        lite_fail (db, rc);
        set_error_from_problem (db, error);
        warta_stmt_free (stmt);
        return NULL;
      }
    stmt->lite = lite;
  }
  return stmt;
}

void
warta_stmt_free (WartaStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    _warta_db_pg_stmt_clear (stmt);
  else
    sqlite3_finalize (stmt->lite);
  g_clear_pointer (&stmt->decoded, g_ptr_array_unref);
  g_array_unref (stmt->params);
  g_free (stmt->name);
  g_free (stmt->sql);
  g_free (stmt);
}

void
warta_stmt_reset (WartaStmt *stmt)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    _warta_db_pg_stmt_clear (stmt);
  else
    sqlite3_reset (stmt->lite);
}

void
warta_stmt_clear_bindings (WartaStmt *stmt)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    g_array_set_size (stmt->params, 0);
  else
    sqlite3_clear_bindings (stmt->lite);
}

/* PostgreSQL keeps the values until the statement runs. */
static WartaParam *
param_at (WartaStmt *stmt,
          int        index)
{
  WartaParam *param;

  g_return_val_if_fail (index >= 1, NULL);

  if ((guint)index > stmt->params->len)
    g_array_set_size (stmt->params, index);
  param = &g_array_index (stmt->params, WartaParam, index - 1);
  param_clear (param);
  memset (param, 0, sizeof *param);
  return param;
}

void
warta_stmt_bind_null (WartaStmt *stmt,
                      int        index)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    param_at (stmt, index)->kind = WARTA_PARAM_NULL;
  else
    sqlite3_bind_null (stmt->lite, index);
}

void
warta_stmt_bind_null_int (WartaStmt *stmt,
                          int        index)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    param_at (stmt, index)->kind = WARTA_PARAM_NULL_INT;
  else
    sqlite3_bind_null (stmt->lite, index);
}

void
warta_stmt_bind_int64 (WartaStmt *stmt,
                       int        index,
                       gint64     value)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    {
      WartaParam *param = param_at (stmt, index);

      param->kind = WARTA_PARAM_INT;
      param->number = value;
      param->text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
  else
    sqlite3_bind_int64 (stmt->lite, index, value);
}

void
warta_stmt_bind_int (WartaStmt *stmt,
                     int        index,
                     int        value)
{
  warta_stmt_bind_int64 (stmt, index, value);
}

void
warta_stmt_bind_text (WartaStmt  *stmt,
                      int         index,
                      const char *text)
{
  if (text == NULL)
    warta_stmt_bind_null (stmt, index);
  else if (stmt->db->kind == WARTA_DB_POSTGRES)
    {
      WartaParam *param = param_at (stmt, index);

      param->kind = WARTA_PARAM_TEXT;
      param->text = g_strdup (text);
    }
  else
    sqlite3_bind_text (stmt->lite, index, text, -1, SQLITE_TRANSIENT);
}

void
warta_stmt_bind_blob (WartaStmt     *stmt,
                      int            index,
                      gconstpointer  data,
                      gsize          size)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    {
      WartaParam *param = param_at (stmt, index);

      param->kind = WARTA_PARAM_BLOB;
      param->blob = size > 0 ? data : "";
      param->size = size;
    }
  else
    sqlite3_bind_blob64 (stmt->lite, index, size > 0 ? data : "", size, SQLITE_STATIC);
}

WartaStmtResult
warta_stmt_step (WartaStmt *stmt)
{
  int rc;

  if (stmt->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_step (stmt);

  rc = sqlite3_step (stmt->lite);
  if (rc == SQLITE_ROW)
    return WARTA_STMT_ROW;
  if (rc == SQLITE_DONE)
    {
      stmt->changes = sqlite3_changes64 (stmt->db->handle);
      return WARTA_STMT_DONE;
    }
  lite_fail (stmt->db, sqlite3_extended_errcode (stmt->db->handle));
  return WARTA_STMT_ERROR;
}

int
warta_stmt_column_count (WartaStmt *stmt)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_column_count (stmt);
  return sqlite3_column_count (stmt->lite);
}

gboolean
warta_stmt_column_is_null (WartaStmt *stmt,
                           int        column)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_column_is_null (stmt, column);
  return sqlite3_column_type (stmt->lite, column) == SQLITE_NULL;
}

/* PostgreSQL gives text: a number, or t/f for a boolean. */
static gint64
pg_number (const char *text)
{
  if (text == NULL)
    return 0;
  if (text[0] == 't' && text[1] == '\0')
    return 1;
  if (text[0] == 'f' && text[1] == '\0')
    return 0;
  return g_ascii_strtoll (text, NULL, 10);
}

gint64
warta_stmt_column_int64 (WartaStmt *stmt,
                         int        column)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    return pg_number (_warta_db_pg_column_text (stmt, column));
  return sqlite3_column_int64 (stmt->lite, column);
}

int
warta_stmt_column_int (WartaStmt *stmt,
                       int        column)
{
  return (int)warta_stmt_column_int64 (stmt, column);
}

const char *
warta_stmt_column_text (WartaStmt *stmt,
                        int        column)
{
  if (stmt->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_column_text (stmt, column);
  return (const char *)sqlite3_column_text (stmt->lite, column);
}

gconstpointer
warta_stmt_column_blob (WartaStmt *stmt,
                        int        column,
                        gsize     *size)
{
  gconstpointer data;

  if (stmt->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_column_blob (stmt, column, size);

  data = sqlite3_column_blob (stmt->lite, column);
  *size = (gsize)sqlite3_column_bytes (stmt->lite, column);
  return data;
}

gint64
warta_stmt_changes (WartaStmt *stmt)
{
  return stmt->changes;
}

/* Attachments' content */

gboolean
warta_db_blob_create (WartaDb  *db,
                      gint64    attachment_id,
                      gint64    size,
                      GError  **error)
{
  sqlite3_stmt *lite = NULL;
  int rc;

  if (db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_blob_create (db, attachment_id, size) || set_error_from_problem (db, error);

  rc = sqlite3_prepare_v2 (db->handle, "INSERT INTO attachment_data (attachment_id, data) VALUES (?, zeroblob (?))",
                           -1, &lite, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (lite, 1, attachment_id);
      sqlite3_bind_int64 (lite, 2, size);
      rc = sqlite3_step (lite);
      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db->handle);
    }
  if (rc != SQLITE_OK)
    lite_fail (db, rc);
  sqlite3_finalize (lite);
  return rc == SQLITE_OK || set_error_from_problem (db, error);
}

WartaDbBlob *
warta_db_blob_open (WartaDb   *db,
                    gint64     attachment_id,
                    gboolean   writable,
                    GError   **error)
{
  sqlite3_blob *lite = NULL;
  WartaDbBlob *blob;
  int rc;

  if (db->kind == WARTA_DB_POSTGRES)
    {
      if (!(blob = _warta_db_pg_blob_open (db, attachment_id, writable)))
        set_error_from_problem (db, error);
      return blob;
    }

  rc = sqlite3_blob_open (db->handle, "main", "attachment_data", "data", attachment_id, writable, &lite);
  if (rc != SQLITE_OK)
    {
      sqlite3_blob_close (lite);
      /* SQLITE_ERROR: no such row */
      if (rc == SQLITE_ERROR)
        _warta_db_set_problem (db, WARTA_DB_NOT_FOUND, sqlite3_errmsg (db->handle));
      else
        lite_fail (db, rc);
      set_error_from_problem (db, error);
      return NULL;
    }

  blob = g_new0 (WartaDbBlob, 1);
  blob->db = db;
  blob->lite = lite;
  blob->attachment_id = attachment_id;
  blob->size = sqlite3_blob_bytes (lite);
  blob->writable = writable;
  return blob;
}

gint64
warta_db_blob_get_size (WartaDbBlob *blob)
{
  return blob->size;
}

/* sqlite's blob calls take int offsets: a blob never passes
 * WARTA_STORE_MAX_BLOB_SIZE, well under G_MAXINT. */
gboolean
warta_db_blob_read (WartaDbBlob *blob,
                    gpointer     buffer,
                    gsize        length,
                    gint64       offset)
{
  int rc;

  g_return_val_if_fail (length <= G_MAXINT && offset >= 0 && offset + (gint64)length <= blob->size, FALSE);

  if (blob->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_blob_read (blob, buffer, length, offset);

  rc = sqlite3_blob_read (blob->lite, buffer, (int)length, (int)offset);
  return rc == SQLITE_OK || lite_fail (blob->db, rc);
}

gboolean
warta_db_blob_write (WartaDbBlob   *blob,
                     gconstpointer  buffer,
                     gsize          length,
                     gint64         offset)
{
  int rc;

  g_return_val_if_fail (length <= G_MAXINT && offset >= 0 && offset + (gint64)length <= blob->size, FALSE);

  if (blob->db->kind == WARTA_DB_POSTGRES)
    return _warta_db_pg_blob_write (blob, buffer, length, offset);

  rc = sqlite3_blob_write (blob->lite, buffer, (int)length, (int)offset);
  return rc == SQLITE_OK || lite_fail (blob->db, rc);
}

void
warta_db_blob_close (WartaDbBlob *blob)
{
  if (blob == NULL)
    return;
  if (blob->db->kind == WARTA_DB_POSTGRES)
    _warta_db_pg_blob_close (blob);
  else
    sqlite3_blob_close (blob->lite);
  g_free (blob);
}

/* The dialect */

/* The words the store's SQL says the sqlite way, as PostgreSQL says them:
 * json_each over a bound JSON array of strings; group_concat of text. */
static const struct
{
  const char *sqlite;
  const char *postgres;
} words[] = {
  { "json_each (", "json_array_elements_text (" },
  { "group_concat (", "string_agg (" },
};

char *
warta_db_sql_for_postgres (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int last = 0;
  char quote = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          g_string_append_c (out, *p);
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '?')
        {
          int n;

          if (g_ascii_isdigit (p[1]))
            {
              char *end = NULL;

              n = (int)g_ascii_strtoll (p + 1, &end, 10);
              p = end - 1;
            }
          else
            n = last + 1;
          last = MAX (last, n);
          g_string_append_printf (out, "$%d", n);
          continue;
        }

      {
        gboolean replaced = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (words); i++)
          if (g_str_has_prefix (p, words[i].sqlite))
            {
              g_string_append (out, words[i].postgres);
              p += strlen (words[i].sqlite) - 1;
              replaced = TRUE;
              /* json_array_elements_text takes json: a bound parameter
               * is told so */
              if (p[1] == '?')
                {
                  char *end = NULL;
                  int n = (int)g_ascii_strtoll (p + 2, &end, 10);

                  if (end != p + 2 && *end == ')')
                    {
                      g_string_append_printf (out, "CAST ($%d AS json)", n);
                      last = MAX (last, n);
                      p = end - 1;
                    }
                }
              break;
            }
        if (!replaced)
          g_string_append_c (out, *p);
      }
    }
  return g_string_free (out, FALSE);
}
