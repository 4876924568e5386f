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
  WartaStmt *stmt;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self, "SELECT 1 FROM retired_sops WHERE sop_id = ?", error)))
    return -1;
  _warta_store_bind_text (stmt, 1, sop_id);
  rc = warta_stmt_step (stmt);
  warta_stmt_reset (stmt);
  if (rc != WARTA_STMT_ROW && rc != WARTA_STMT_DONE)
    {
      _warta_store_set_db_error (self, error);
      return -1;
    }
  return rc == WARTA_STMT_ROW ? 1 : 0;
}

gboolean
warta_store_set_sop_retired (WartaStore  *self,
                             const char  *sop_id,
                             gboolean     retired,
                             gint64       at,
                             gint64       by,
                             GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!retired)
    {
      if (!(stmt = _warta_store_prepare (self, "DELETE FROM retired_sops WHERE sop_id = ?", error)))
        return FALSE;
      _warta_store_bind_text (stmt, 1, sop_id);
      return _warta_store_step_done (self, stmt, error);
    }

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO retired_sops (sop_id, retired_at, retired_by) VALUES (?, ?, ?) "
                                     "ON CONFLICT (sop_id) DO UPDATE SET retired_at = excluded.retired_at, "
                                     "  retired_by = excluded.retired_by", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, sop_id);
  warta_stmt_bind_int64 (stmt, 2, at);
  _warta_store_bind_id (stmt, 3, by);
  return _warta_store_step_done (self, stmt, error);
}

/* The active people holding role; -1 on error. */
gint64
warta_store_count_active_holders (WartaStore  *self,
                                  const char  *role,
                                  GError     **error)
{
  WartaStmt *stmt;

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
  WartaStmt *stmt;
  GBytes *data = NULL;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT content_type, data FROM office_files WHERE name = ?", error)))
    return NULL;
  _warta_store_bind_text (stmt, 1, name);
  if ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      gsize size = 0;
      gconstpointer bytes = warta_stmt_column_blob (stmt, 1, &size);

      if (content_type != NULL)
        *content_type = _warta_store_column_text (stmt, 0);
      data = g_bytes_new (bytes, size);
    }
  else if (rc != WARTA_STMT_DONE)
    _warta_store_set_db_error (self, error);
  warta_stmt_reset (stmt);
  return data;
}

gboolean
warta_store_set_office_file (WartaStore  *self,
                             const char  *name,
                             const char  *content_type,
                             GBytes      *data,
                             GError     **error)
{
  WartaStmt *stmt;
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
                                     "INSERT INTO office_files (name, content_type, data) VALUES (?, ?, ?) "
                                     "ON CONFLICT (name) DO UPDATE SET content_type = excluded.content_type, "
                                     "  data = excluded.data",
                                     error)))
    return FALSE;
  bytes = g_bytes_get_data (data, &size);
  _warta_store_bind_text (stmt, 1, name);
  _warta_store_bind_text (stmt, 2, content_type);
  /* An empty blob is still a blob, not NULL. */
  warta_stmt_bind_blob (stmt, 3, bytes, size);
  return _warta_store_step_done (self, stmt, error);
}
