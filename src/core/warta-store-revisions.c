/* warta-store-revisions.c: the rows of naskah revisions and looks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-revision.h"
#include "warta-store-private.h"

#define REVISION_COLUMNS \
  "r.case_id, r.n, r.run_id, r.title, r.body, r.five_w, r.first_at, r.saved_at, r.saved_by, u.full_name "
#define REVISION_FROM \
  "FROM naskah_revisions r LEFT JOIN users u ON u.id = r.saved_by "

static gpointer
read_revision (WartaStmt *stmt)
{
  WartaRevision *revision = g_new0 (WartaRevision, 1);

  revision->case_id = warta_stmt_column_int64 (stmt, 0);
  revision->n = warta_stmt_column_int (stmt, 1);
  revision->run_id = warta_stmt_column_int64 (stmt, 2);
  revision->title = _warta_store_column_text (stmt, 3);
  revision->body = _warta_store_column_text (stmt, 4);
  revision->five_w = _warta_store_column_text (stmt, 5);
  revision->first_at = warta_stmt_column_int64 (stmt, 6);
  revision->saved_at = warta_stmt_column_int64 (stmt, 7);
  revision->saved_by = warta_stmt_column_int64 (stmt, 8);
  revision->author = _warta_store_column_text (stmt, 9);
  return revision;
}

GPtrArray *
warta_store_list_revisions (WartaStore  *self,
                            gint64       case_id,
                            GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " REVISION_COLUMNS REVISION_FROM
                                     "WHERE r.case_id = ? ORDER BY r.n DESC", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_revision, (GDestroyNotify)warta_revision_free, error);
}

WartaRevision *
warta_store_get_revision (WartaStore  *self,
                          gint64       case_id,
                          int          n,
                          GError     **error)
{
  WartaStmt *stmt;
  WartaRevision *revision = NULL;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " REVISION_COLUMNS REVISION_FROM
                                     "WHERE r.case_id = ?1 AND (r.n = ?2 OR ?2 = 0) ORDER BY r.n DESC LIMIT 1",
                                     error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  warta_stmt_bind_int (stmt, 2, n);
  rc = warta_stmt_step (stmt);
  if (rc == WARTA_STMT_ROW)
    revision = read_revision (stmt);
  warta_stmt_reset (stmt);
  if (rc == WARTA_STMT_ROW)
    return revision;
  if (rc != WARTA_STMT_DONE)
    _warta_store_set_db_error (self, error);
  else
    g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                 _("Berkas %lld has no revision %d of its naskah"), (long long)case_id, n);
  return NULL;
}

gboolean
warta_store_insert_revision (WartaStore           *self,
                             const WartaRevision  *revision,
                             GError              **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO naskah_revisions (case_id, n, run_id, title, body, five_w, "
                                     "  first_at, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, revision->case_id);
  warta_stmt_bind_int (stmt, 2, revision->n);
  _warta_store_bind_id (stmt, 3, revision->run_id);
  _warta_store_bind_text (stmt, 4, revision->title ? revision->title : "");
  _warta_store_bind_text (stmt, 5, revision->body ? revision->body : "");
  _warta_store_bind_text (stmt, 6, revision->five_w ? revision->five_w : "");
  warta_stmt_bind_int64 (stmt, 7, revision->first_at);
  warta_stmt_bind_int64 (stmt, 8, revision->saved_at);
  warta_stmt_bind_int64 (stmt, 9, revision->saved_by);
  return _warta_store_step_done (self, stmt, error);
}

gboolean
warta_store_amend_revision (WartaStore           *self,
                            const WartaRevision  *revision,
                            GError              **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE naskah_revisions SET title = ?3, body = ?4, five_w = ?5, saved_at = ?6 "
                                     "WHERE case_id = ?1 AND n = ?2", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, revision->case_id);
  warta_stmt_bind_int (stmt, 2, revision->n);
  _warta_store_bind_text (stmt, 3, revision->title ? revision->title : "");
  _warta_store_bind_text (stmt, 4, revision->body ? revision->body : "");
  _warta_store_bind_text (stmt, 5, revision->five_w ? revision->five_w : "");
  warta_stmt_bind_int64 (stmt, 6, revision->saved_at);
  return _warta_store_step_done (self, stmt, error);
}

gboolean
warta_store_revision_seen_by_others (WartaStore *self,
                                     gint64      case_id,
                                     int         n,
                                     gint64      user_id)
{
  WartaStmt *stmt;
  gboolean seen = TRUE;  /* when in doubt, keep what may have been seen */

  g_return_val_if_fail (WARTA_IS_STORE (self), TRUE);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT EXISTS (SELECT 1 FROM case_looks "
                                     "  WHERE case_id = ? AND revision = ? AND user_id != ?)", NULL)))
    return seen;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  warta_stmt_bind_int (stmt, 2, n);
  warta_stmt_bind_int64 (stmt, 3, user_id);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    seen = warta_stmt_column_int (stmt, 0) != 0;
  warta_stmt_reset (stmt);
  return seen;
}

WartaLook *
warta_store_get_look (WartaStore  *self,
                      gint64       case_id,
                      gint64       user_id,
                      GError     **error)
{
  WartaStmt *stmt;
  WartaLook *look;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT revision, attachments, looked_at FROM case_looks "
                                     "WHERE case_id = ? AND user_id = ?", error)))
    return NULL;
  look = g_new0 (WartaLook, 1);
  look->case_id = case_id;
  look->user_id = user_id;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  warta_stmt_bind_int64 (stmt, 2, user_id);
  rc = warta_stmt_step (stmt);
  if (rc == WARTA_STMT_ROW)
    {
      look->revision = warta_stmt_column_int (stmt, 0);
      look->attachments = _warta_store_column_text (stmt, 1);
      look->looked_at = warta_stmt_column_int64 (stmt, 2);
    }
  warta_stmt_reset (stmt);
  if (rc != WARTA_STMT_ROW && rc != WARTA_STMT_DONE)
    {
      _warta_store_set_db_error (self, error);
      warta_look_free (look);
      return NULL;
    }
  if (look->attachments == NULL)
    look->attachments = g_strdup ("");
  return look;
}

gboolean
warta_store_set_look (WartaStore       *self,
                      const WartaLook  *look,
                      GError          **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO case_looks (case_id, user_id, revision, attachments, looked_at) "
                                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, user_id) DO UPDATE SET "
                                     "  revision = excluded.revision, attachments = excluded.attachments, "
                                     "  looked_at = excluded.looked_at", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, look->case_id);
  warta_stmt_bind_int64 (stmt, 2, look->user_id);
  warta_stmt_bind_int (stmt, 3, look->revision);
  _warta_store_bind_text (stmt, 4, look->attachments ? look->attachments : "");
  warta_stmt_bind_int64 (stmt, 5, look->looked_at);
  return _warta_store_step_done (self, stmt, error);
}

/* The journal's payload as JSON: read here, not by the database, whose
 * JSON functions sqlite and PostgreSQL spell differently. The attachment
 * is named by number, or by an older Warta as text. */
static gboolean
payload_names (JsonObject *payload,
               gint64      attachment_id)
{
  JsonNode *node = json_object_get_member (payload, "attachment");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10) == attachment_id;
  return json_node_get_int (node) == attachment_id;
}

char *
warta_store_removed_attachment_name (WartaStore *self,
                                     gint64      case_id,
                                     gint64      attachment_id,
                                     gint64     *removed_by)
{
  WartaStmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT payload, actor FROM journal "
                                     "WHERE case_id = ? AND kind = 'attachment.remove' ORDER BY seq DESC", NULL)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  while (name == NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_data (parser, warta_stmt_column_text (stmt, 0), -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)) ||
          !payload_names (json_node_get_object (root), attachment_id))
        continue;
      name = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "name", ""));
      if (removed_by != NULL)
        *removed_by = warta_stmt_column_int64 (stmt, 1);
    }
  warta_stmt_reset (stmt);
  return name;
}
