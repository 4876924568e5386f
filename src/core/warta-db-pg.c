/* warta-db-pg.c: the PostgreSQL side of warta-db.h (being written)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-db-private.h"

WartaDb *
_warta_db_pg_open (const char  *conninfo,
                   const char  *password,
                   GError     **error)
{
  g_set_error_literal (error, WARTA_DB_ERROR, WARTA_DB_FAILED, "PostgreSQL is not built yet");
  return NULL;
}

void _warta_db_pg_close (WartaDb *db) { }
gboolean _warta_db_pg_exec (WartaDb *db, const char *sql) { return FALSE; }
gboolean _warta_db_pg_in_transaction (WartaDb *db) { return FALSE; }
gboolean _warta_db_pg_prepare (WartaStmt *stmt) { return FALSE; }
void _warta_db_pg_stmt_clear (WartaStmt *stmt) { }
WartaStmtResult _warta_db_pg_step (WartaStmt *stmt) { return WARTA_STMT_ERROR; }
int _warta_db_pg_column_count (WartaStmt *stmt) { return 0; }
gboolean _warta_db_pg_column_is_null (WartaStmt *stmt, int column) { return TRUE; }
const char *_warta_db_pg_column_text (WartaStmt *stmt, int column) { return NULL; }
gconstpointer _warta_db_pg_column_blob (WartaStmt *stmt, int column, gsize *size) { *size = 0; return NULL; }
gboolean _warta_db_pg_blob_create (WartaDb *db, gint64 attachment_id, gint64 size) { return FALSE; }
WartaDbBlob *_warta_db_pg_blob_open (WartaDb *db, gint64 attachment_id, gboolean writable) { return NULL; }
gint64 _warta_db_pg_blob_get_size (WartaDbBlob *blob) { return 0; }
gboolean _warta_db_pg_blob_read (WartaDbBlob *blob, gpointer buffer, gsize length, gint64 offset) { return FALSE; }
gboolean _warta_db_pg_blob_write (WartaDbBlob *blob, gconstpointer buffer, gsize length, gint64 offset) { return FALSE; }
void _warta_db_pg_blob_close (WartaDbBlob *blob) { }
