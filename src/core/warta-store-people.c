/* warta-store-people.c: the office's people and roles, changed
 *
 * Adding people and reading them is in warta-store.c; this file holds
 * what an administrator changes afterwards (issue 16). People are never
 * deleted: the journal and the papers name them, so a person leaves by
 * being deactivated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-store-private.h"

/* An UPDATE that must have met its row. */
static gboolean
step_one_row (WartaStore    *self,
              WartaStmt  *stmt,
              const char    *missing,
              GError       **error)
{
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;
  if (warta_stmt_changes (stmt) == 0)
    {
      g_set_error_literal (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND, missing);
      return FALSE;
    }
  return TRUE;
}

gboolean
_warta_store_set_user_roles (WartaStore    *self,
                             gint64         user_id,
                             GStrv          roles,
                             GError       **error)
{
  WartaStmt *stmt;

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (!warta_store_has_role (self, roles[i]))
      {
        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                     _("There is no role “%s”; add it first or choose one of the office's roles"), roles[i]);
        return FALSE;
      }

  if (!(stmt = _warta_store_prepare (self, "DELETE FROM user_roles WHERE user_id = ?", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, user_id);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      if (!(stmt = _warta_store_prepare (self, "INSERT INTO user_roles (user_id, role_id) VALUES (?, ?) ON CONFLICT DO NOTHING", error)))
        return FALSE;
      warta_stmt_bind_int64 (stmt, 1, user_id);
      _warta_store_bind_text (stmt, 2, roles[i]);
      if (!_warta_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes user's login, names, NIP, jabatan, pangkat, is_admin and roles
 * over the row of user->id. Its password and active state stay. */
gboolean
warta_store_update_user (WartaStore       *self,
                         const WartaUser  *user,
                         GError          **error)
{
  WartaStmt *stmt;
  gboolean taken;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);
  g_return_val_if_fail (user != NULL && user->login != NULL, FALSE);

  if (!(stmt = _warta_store_prepare (self, "SELECT 1 FROM users WHERE login = ? AND id != ?", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, user->login);
  warta_stmt_bind_int64 (stmt, 2, user->id);
  taken = warta_stmt_step (stmt) == WARTA_STMT_ROW;
  warta_stmt_reset (stmt);
  if (taken)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS,
                   _("The login “%s” is someone else's; choose another"), user->login);
      return FALSE;
    }

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE users SET login = ?, full_name = ?, nip = ?, jabatan = ?, "
                                     "                 pangkat = ?, is_admin = ? "
                                     "WHERE id = ?", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, user->login);
  _warta_store_bind_text (stmt, 2, user->full_name);
  _warta_store_bind_text (stmt, 3, user->nip);
  _warta_store_bind_text (stmt, 4, user->jabatan);
  _warta_store_bind_text (stmt, 5, user->pangkat);
  warta_stmt_bind_int (stmt, 6, user->is_admin ? 1 : 0);
  warta_stmt_bind_int64 (stmt, 7, user->id);
  if (!step_one_row (self, stmt, _("That person is not in the office's list"), error))
    return FALSE;

  return _warta_store_set_user_roles (self, user->id, user->roles, error);
}

gboolean
warta_store_set_user_active (WartaStore  *self,
                             gint64       user_id,
                             gboolean     active,
                             GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "UPDATE users SET active = ? WHERE id = ?", error)))
    return FALSE;
  warta_stmt_bind_int (stmt, 1, active ? 1 : 0);
  warta_stmt_bind_int64 (stmt, 2, user_id);
  return step_one_row (self, stmt, _("That person is not in the office's list"), error);
}

/* password_hash NULL keeps the hash and sets only the flag. */
gboolean
warta_store_set_user_password (WartaStore  *self,
                               gint64       user_id,
                               const char  *password_hash,
                               gboolean     must_change,
                               GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  /* Never reading the hash (an office server keeps it from its people) */
  if (password_hash == NULL)
    stmt = _warta_store_prepare (self, "UPDATE users SET must_change_password = ?2 WHERE id = ?3", error);
  else
    stmt = _warta_store_prepare (self, "UPDATE users SET password_hash = ?1, must_change_password = ?2 WHERE id = ?3",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (password_hash != NULL)
    _warta_store_bind_text (stmt, 1, password_hash);
  warta_stmt_bind_int (stmt, 2, must_change ? 1 : 0);
  warta_stmt_bind_int64 (stmt, 3, user_id);
  return step_one_row (self, stmt, _("That person is not in the office's list"), error);
}

gint64
warta_store_count_active_admins (WartaStore  *self,
                                 GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self, "SELECT count(*) FROM users WHERE is_admin = 1 AND active = 1", error)))
    return -1;
  return _warta_store_step_count (self, stmt, error);
}

gboolean
warta_store_rename_role (WartaStore  *self,
                         const char  *id,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *missing = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "UPDATE roles SET name = ? WHERE id = ?", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, name);
  _warta_store_bind_text (stmt, 2, id);
  missing = g_strdup_printf (_("There is no role “%s”"), id);
  return step_one_row (self, stmt, missing, error);
}

/* The active step run of a case goes to another person. */
gboolean
warta_store_set_run_assignee (WartaStore  *self,
                              gint64       run_id,
                              gint64       assignee,
                              GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE step_runs SET assignee = ? "
                                     "WHERE id = ? AND completed_at IS NULL", error)))
    return FALSE;
  _warta_store_bind_id (stmt, 1, assignee);
  warta_stmt_bind_int64 (stmt, 2, run_id);
  return step_one_row (self, stmt, _("That step is no longer active; reload the berkas"), error);
}

/* Open berkas whose active step is assigned to a deactivated person. */
GArray *
warta_store_list_held_by_inactive (WartaStore  *self,
                                   GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  WartaStmt *stmt;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT r.case_id FROM step_runs r "
                                     "JOIN users u ON u.id = r.assignee "
                                     "JOIN cases c ON c.id = r.case_id "
                                     "WHERE r.completed_at IS NULL AND u.active = 0 AND c.state = 'open' "
                                     "ORDER BY r.case_id", error)))
    return NULL;
  while ((rc = warta_stmt_step (stmt)) == WARTA_STMT_ROW)
    {
      gint64 id = warta_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  warta_stmt_reset (stmt);
  if (rc != WARTA_STMT_DONE)
    {
      _warta_store_set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}
