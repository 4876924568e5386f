/* warta-store-attachments.c: attachments and their content
 *
 * An attachment's row and its content live in two tables, so that listing
 * a case's files never pages in their bytes. The content is written and
 * read through the database layer's blob I/O, a chunk at a time: a 300 MiB
 * video never sits in memory whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-store-private.h"

struct _WartaStoreBlob
{
  WartaStore  *store;
  WartaDbBlob *blob;
};

#define ATTACHMENT_COLUMNS \
  "id, case_id, run_id, step_id, kind, name, content_type, size, sha256, added_by, added_at, coalesce (for_site, -1), " \
  "coalesce (checked_kind = kind, FALSE), pending IS NOT NULL"

static gpointer
read_attachment (WartaStmt *stmt)
{
  WartaAttachment *attachment = g_new0 (WartaAttachment, 1);

  attachment->id = warta_stmt_column_int64 (stmt, 0);
  attachment->case_id = warta_stmt_column_int64 (stmt, 1);
  attachment->run_id = warta_stmt_column_int64 (stmt, 2);
  attachment->step_id = _warta_store_column_text (stmt, 3);
  attachment->kind = _warta_store_column_text (stmt, 4);
  attachment->name = _warta_store_column_text (stmt, 5);
  attachment->content_type = _warta_store_column_text (stmt, 6);
  attachment->size = warta_stmt_column_int64 (stmt, 7);
  attachment->sha256 = _warta_store_column_text (stmt, 8);
  attachment->added_by = warta_stmt_column_int64 (stmt, 9);
  attachment->added_at = warta_stmt_column_int64 (stmt, 10);
  attachment->for_site = warta_stmt_column_int (stmt, 11);
  attachment->checked = warta_stmt_column_int (stmt, 12) != 0;
  attachment->pending = warta_stmt_column_int (stmt, 13) != 0;
  return attachment;
}

/* The row and a zero-filled blob of the final size: incremental I/O can
 * write into a blob but never grow it. */
gint64
warta_store_insert_attachment (WartaStore             *self,
                               const WartaAttachment  *attachment,
                               GError                **error)
{
  WartaStmt *stmt;
  gint64 id;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);
  g_return_val_if_fail (attachment != NULL && attachment->size >= 0, 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO attachments (case_id, run_id, step_id, kind, name, content_type, "
                                     "size, sha256, added_by, added_at, pending) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif (?, 0)) RETURNING id",
                                     error)))
    return 0;
  warta_stmt_bind_int64 (stmt, 1, attachment->case_id);
  warta_stmt_bind_int64 (stmt, 2, attachment->run_id);
  _warta_store_bind_text (stmt, 3, attachment->step_id);
  _warta_store_bind_text (stmt, 4, attachment->kind);
  _warta_store_bind_text (stmt, 5, attachment->name);
  _warta_store_bind_text (stmt, 6, attachment->content_type);
  warta_stmt_bind_int64 (stmt, 7, attachment->size);
  _warta_store_bind_text (stmt, 8, attachment->sha256 ? attachment->sha256 : "");
  warta_stmt_bind_int64 (stmt, 9, attachment->added_by);
  warta_stmt_bind_int64 (stmt, 10, attachment->added_at);
  warta_stmt_bind_int (stmt, 11, attachment->pending ? 1 : 0);
  if ((id = _warta_store_step_id (self, stmt, error)) == 0)
    return 0;
  if (!warta_db_blob_create (self->db, id, attachment->size, NULL))
    {
      _warta_store_set_db_error (self, error);
      return 0;
    }

  return id;
}

gboolean
warta_store_settle_attachment (WartaStore  *self,
                               gint64       id,
                               const char  *kind,
                               const char  *content_type,
                               const char  *sha256,
                               GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE attachments SET kind = ?1, content_type = ?2, checked_kind = ?1, "
                                     "sha256 = ?3, pending = NULL WHERE id = ?4 AND pending = 1",
                                     error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, kind);
  _warta_store_bind_text (stmt, 2, content_type);
  _warta_store_bind_text (stmt, 3, sha256);
  warta_stmt_bind_int64 (stmt, 4, id);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;
  if (warta_stmt_changes (stmt) != 1)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                   _("The file being attached as attachment %lld is gone: another Warta removed it as abandoned"),
                   (long long)id);
      return FALSE;
    }
  return TRUE;
}

gboolean
warta_store_sweep_uploads (WartaStore  *self,
                           gint64       before,
                           GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "DELETE FROM attachment_data WHERE attachment_id IN "
                                     "(SELECT id FROM attachments WHERE pending = 1 AND added_at < ?)",
                                     error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, before);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = _warta_store_prepare (self, "DELETE FROM attachments WHERE pending = 1 AND added_at < ?", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, before);
  return _warta_store_step_done (self, stmt, error);
}

static WartaAttachment *
get_attachment (WartaStore  *self,
                gint64       id,
                gboolean     pending_too,
                GError     **error)
{
  WartaStmt *stmt;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " ATTACHMENT_COLUMNS " FROM attachments "
                                     "WHERE id = ?1 AND (?2 <> 0 OR pending IS NULL)",
                                     error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, id);
  warta_stmt_bind_int (stmt, 2, pending_too);
  if (!(rows = _warta_store_collect (self, stmt, read_attachment, (GDestroyNotify)warta_attachment_free, error)))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                   _("There is no attachment %lld"), (long long)id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

WartaAttachment *
warta_store_get_attachment (WartaStore  *self,
                            gint64       id,
                            GError     **error)
{
  return get_attachment (self, id, FALSE, error);
}

WartaAttachment *
warta_store_get_upload (WartaStore  *self,
                        gint64       id,
                        GError     **error)
{
  return get_attachment (self, id, TRUE, error);
}

GPtrArray *
warta_store_list_attachments (WartaStore  *self,
                              gint64       case_id,
                              GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " ATTACHMENT_COLUMNS " FROM attachments "
                                     "WHERE case_id = ? AND pending IS NULL ORDER BY id",
                                     error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_attachment, (GDestroyNotify)warta_attachment_free, error);
}

gboolean
warta_store_delete_attachment (WartaStore  *self,
                               gint64       id,
                               GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "DELETE FROM attachment_data WHERE attachment_id = ?", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, id);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = _warta_store_prepare (self, "DELETE FROM attachments WHERE id = ?", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, id);
  return _warta_store_step_done (self, stmt, error);
}

/* Incremental I/O on one attachment's content */

WartaStoreBlob *
warta_store_blob_open (WartaStore  *self,
                       gint64       attachment_id,
                       gboolean     writable,
                       GError     **error)
{
  WartaDbBlob *blob;
  WartaStoreBlob *handle;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(blob = warta_db_blob_open (self->db, attachment_id, writable, NULL)))
    {
      if (warta_db_get_problem (self->db) == WARTA_DB_NOT_FOUND)
        {
          g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                       _("The content of attachment %lld is missing"), (long long)attachment_id);
          return NULL;
        }
      _warta_store_set_db_error (self, error);
      return NULL;
    }

  handle = g_new0 (WartaStoreBlob, 1);
  handle->store = g_object_ref (self);
  handle->blob = blob;
  return handle;
}

gint64
warta_store_blob_get_size (WartaStoreBlob *blob)
{
  g_return_val_if_fail (blob != NULL, 0);

  return warta_db_blob_get_size (blob->blob);
}

static gboolean
blob_io (WartaStoreBlob  *blob,
         gpointer         buffer,
         gsize            length,
         gint64           offset,
         gboolean         write,
         GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (blob != NULL, FALSE);

  ok = write ? warta_db_blob_write (blob->blob, buffer, length, offset)
             : warta_db_blob_read (blob->blob, buffer, length, offset);
  if (!ok && warta_db_get_problem (blob->store->db) == WARTA_DB_NOT_FOUND)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                   _("Part of the content of an attachment is missing"));
      return FALSE;
    }
  return ok || _warta_store_set_db_error (blob->store, error);
}

gboolean
warta_store_blob_read (WartaStoreBlob  *blob,
                       gpointer         buffer,
                       gsize            length,
                       gint64           offset,
                       GError         **error)
{
  return blob_io (blob, buffer, length, offset, FALSE, error);
}

gboolean
warta_store_blob_write (WartaStoreBlob  *blob,
                        gconstpointer    buffer,
                        gsize            length,
                        gint64           offset,
                        GError         **error)
{
  return blob_io (blob, (gpointer)buffer, length, offset, TRUE, error);
}

void
warta_store_blob_close (WartaStoreBlob *blob)
{
  if (blob == NULL)
    return;
  warta_db_blob_close (blob->blob);
  g_object_unref (blob->store);
  g_free (blob);
}
