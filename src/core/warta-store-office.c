/* warta-store-office.c: the office's own rows kept in the app
 *
 * Retired SOPs, how many active people hold a role (a lane no one can
 * work), and the office's files: the letterhead's logo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-store-private.h"

/* 1 when retired, 0 when not, -1 on error. */
int
warta_store_is_sop_retired (WartaStore  *self,
                            const char  *sop_id,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self, "SELECT 1 FROM retired_sops WHERE sop_id = ?", error)))
    return -1;
  _warta_store_bind_text (stmt, 1, sop_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _warta_store_set_sqlite_error (self, rc, error);
      return -1;
    }
  return rc == SQLITE_ROW ? 1 : 0;
}

gboolean
warta_store_set_sop_retired (WartaStore  *self,
                             const char  *sop_id,
                             gboolean     retired,
                             gint64       at,
                             gint64       by,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!retired)
    {
      if (!(stmt = _warta_store_prepare (self, "DELETE FROM retired_sops WHERE sop_id = ?", error)))
        return FALSE;
      _warta_store_bind_text (stmt, 1, sop_id);
      return _warta_store_step_done (self, stmt, error);
    }

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT OR REPLACE INTO retired_sops (sop_id, retired_at, retired_by) "
                                     "VALUES (?, ?, ?)", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, sop_id);
  sqlite3_bind_int64 (stmt, 2, at);
  _warta_store_bind_id (stmt, 3, by);
  return _warta_store_step_done (self, stmt, error);
}

/* The active people holding role; -1 on error. */
gint64
warta_store_count_active_holders (WartaStore  *self,
                                  const char  *role,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT count (*) FROM user_roles ur JOIN users u ON u.id = ur.user_id "
                                     "WHERE ur.role_id = ? AND u.active = 1", error)))
    return -1;
  _warta_store_bind_text (stmt, 1, role);
  return _warta_store_step_count (self, stmt, error);
}

GBytes *
warta_store_get_office_file (WartaStore  *self,
                             const char  *name,
                             char       **content_type,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  GBytes *data = NULL;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT content_type, data FROM office_files WHERE name = ?", error)))
    return NULL;
  _warta_store_bind_text (stmt, 1, name);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (content_type != NULL)
        *content_type = _warta_store_column_text (stmt, 0);
      data = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    _warta_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return data;
}

gboolean
warta_store_set_office_file (WartaStore  *self,
                             const char  *name,
                             const char  *content_type,
                             GBytes      *data,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (data == NULL)
    {
      if (!(stmt = _warta_store_prepare (self, "DELETE FROM office_files WHERE name = ?", error)))
        return FALSE;
      _warta_store_bind_text (stmt, 1, name);
      return _warta_store_step_done (self, stmt, error);
    }

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT OR REPLACE INTO office_files (name, content_type, data) VALUES (?, ?, ?)",
                                     error)))
    return FALSE;
  bytes = g_bytes_get_data (data, &size);
  _warta_store_bind_text (stmt, 1, name);
  _warta_store_bind_text (stmt, 2, content_type);
  /* An empty blob is still a blob, not NULL. */
  sqlite3_bind_blob64 (stmt, 3, bytes != NULL ? bytes : "", size, SQLITE_TRANSIENT);
  return _warta_store_step_done (self, stmt, error);
}
