/* warta-engine-attachments.c: the files a case carries
 *
 * An attachment is added by whoever holds the case's active step, at that
 * step, and can be taken back only while that step is still active: once
 * the step is done, what it handed on is part of the record. Adding and
 * removing are journaled with the file's SHA-256.
 *
 * Content is streamed a chunk at a time from the file into the database's
 * blob and back, hashing on the way, so memory stays flat whatever the
 * size. The type is sniffed from the first bytes; a name says nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-sha256.h"

/* Read out a chunk per job, as a file goes in (warta-engine-upload.c). */
#define CHUNK_SIZE (4 * 1024 * 1024)
#define DEFAULT_LIMIT (G_GINT64_CONSTANT (512) * 1024 * 1024)
#define LIMIT_SETTING "attachment_limit"

gint64
warta_engine_get_attachment_limit (WartaEngine *self)
{
  g_autofree char *value = NULL;
  gint64 limit;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), DEFAULT_LIMIT);

  value = warta_store_get_setting (self->store, LIMIT_SETTING);
  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, WARTA_STORE_MAX_BLOB_SIZE, &limit, NULL))
    return DEFAULT_LIMIT;
  return limit;
}

gboolean
warta_engine_set_attachment_limit (WartaEngine  *self,
                                   gint64        actor,
                                   gint64        bytes,
                                   GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autofree char *value = NULL;
  g_autofree char *payload = NULL;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (bytes < 1 || bytes > WARTA_STORE_MAX_BLOB_SIZE)
    {
      g_autofree char *ceiling = warta_format_bytes (WARTA_STORE_MAX_BLOB_SIZE);

      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("The limit for one attachment must be between 1 byte and %s"), ceiling);
      return FALSE;
    }

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  user = warta_store_get_user (self->store, actor, NULL);
  if (user == NULL || !user->is_admin)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                                            _("Only an administrator may change the attachment size limit")));

  value = g_strdup_printf ("%" G_GINT64_FORMAT, bytes);
  payload = _warta_engine_payload_new ("setting", LIMIT_SETTING, "value", value, NULL);
  ok = warta_store_set_setting (self->store, LIMIT_SETTING, value, error) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, 0, "setting.change", payload, error);
  return ok && warta_transaction_commit (tx, error);
}

const char *
warta_attachment_kind_for_type (const char *content_type)
{
  g_return_val_if_fail (content_type != NULL, "lainnya");

  if (g_str_has_prefix (content_type, "image/"))
    return "foto";
  if (g_str_has_prefix (content_type, "video/"))
    return "video";
  if (g_str_equal (content_type, "application/pdf"))
    return "dokumen-pendukung";
  return "lainnya";
}

static void
report (WartaProgressFunc progress,
        gpointer          user_data,
        gint64            done,
        gint64            total)
{
  if (progress != NULL)
    progress (done, total, user_data);
}

gboolean
warta_engine_remove_attachment (WartaEngine  *self,
                                gint64        actor,
                                gint64        attachment_id,
                                GError      **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *id_text = NULL;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(attachment = warta_store_get_attachment (self->store, attachment_id, error)))
    return FALSE;
  if (!_warta_engine_action_begin (self, actor, attachment->case_id, &action, error))
    return FALSE;

  if (attachment->run_id != action.run->id)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                                            _("“%s” was handed on with step %s, which is done; it stays with the case"),
                                            attachment->name, attachment->step_id));
  if (warta_store_attachment_is_published (self->store, attachment_id))
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                                            _("“%s” is already on the site or is its screenshot; it stays with the case"),
                                            attachment->name));

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, attachment_id);
  payload = _warta_engine_payload_new ("attachment", id_text, "step", action.step->id, "name", attachment->name,
                                       "kind", attachment->kind, "sha256", attachment->sha256, NULL);
  ok = warta_store_delete_attachment (self->store, attachment_id, error) &&
       warta_journal_append (self->store, warta_engine_now (self), action.actor->id, attachment->case_id,
                             "attachment.remove", payload, error);
  return ok && warta_transaction_commit (action.tx, error);
}

/* Reading out, a chunk per job */

typedef struct
{
  gint64           id;
  gint64           offset;
  gsize            length;
  gint64           size;         /* out: the blob's whole size */
  WartaAttachment *attachment;   /* out, read with the first chunk */
} Range;

/* One chunk of an attachment's content, in a read transaction of its
 * own: attachments are never changed once kept, and one removed meanwhile
 * is missing, not cut short. */
static gpointer
read_range_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Range *range = data;
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaStoreBlob) blob = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!(snapshot = warta_store_snapshot (engine->store, error)) ||
      (range->offset == 0 &&
       !(range->attachment = warta_store_get_attachment (engine->store, range->id, error))) ||
      !(blob = warta_store_blob_open (engine->store, range->id, FALSE, error)))
    return NULL;
  range->size = warta_store_blob_get_size (blob);
  length = (gsize)MIN ((gint64)range->length, MAX (range->size - range->offset, 0));
  buffer = g_malloc (MAX (length, 1));
  if (length > 0 && !warta_store_blob_read (blob, buffer, length, range->offset, &local_error))
    {
      /* On a server the content is rows of chunks: one gone is the
       * content changed outside Warta, as a wrong hash is */
      if (g_error_matches (local_error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND))
        g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                     _("The stored content of attachment %lld is incomplete: the database was changed outside Warta"),
                     (long long)range->id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/**
 * warta_download_stream:
 * @run: how to reach the database (see warta_upload_stream())
 *
 * Writes an attachment's content to @out in the calling thread, read a
 * chunk per job, and checks its SHA-256 against the one kept.
 */
gboolean
warta_download_stream (WartaRunFunc        run,
                       gpointer            runner,
                       gint64              attachment_id,
                       GOutputStream      *out,
                       WartaProgressFunc   progress,
                       gpointer            user_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autoptr(WartaSha256) checksum = warta_sha256_new ();
  Range range = { attachment_id, 0, CHUNK_SIZE, 0, NULL };

  g_return_val_if_fail (run != NULL && G_IS_OUTPUT_STREAM (out), FALSE);

  do
    {
      g_autoptr(GBytes) chunk = NULL;
      gsize n = 0;
      gconstpointer bytes;

      chunk = run (runner, read_range_job, &range, cancellable, error);
      if (range.attachment != NULL)
        attachment = g_steal_pointer (&range.attachment);
      if (chunk == NULL)
        return FALSE;
      bytes = g_bytes_get_data (chunk, &n);
      if (n > 0 && !g_output_stream_write_all (out, bytes, n, NULL, cancellable, error))
        return FALSE;
      warta_sha256_update (checksum, bytes, n);
      range.offset += n;
      report (progress, user_data, range.offset, range.size);
      if (n == 0)
        break;
    }
  while (range.offset < range.size);

  if (g_strcmp0 (warta_sha256_get_string (checksum), attachment->sha256) != 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                   _("The stored content of “%s” no longer matches its SHA-256: the database was changed outside Warta"),
                   attachment->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
warta_engine_export_attachment (WartaEngine        *self,
                                gint64              attachment_id,
                                GOutputStream      *out,
                                WartaProgressFunc   progress,
                                gpointer            user_data,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  return warta_download_stream (warta_engine_run, self, attachment_id, out, progress, user_data, cancellable,
                                error);
}

/**
 * warta_download_file:
 *
 * warta_download_stream() into @destination, which is left as it was
 * (or not made) if anything fails.
 */
gboolean
warta_download_file (WartaRunFunc        run,
                     gpointer            runner,
                     gint64              attachment_id,
                     GFile              *destination,
                     WartaProgressFunc   progress,
                     gpointer            user_data,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean existed;

  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  existed = g_file_query_exists (destination, NULL);
  /* g_file_replace writes an existing target's replacement beside it and
   * renames on close, so a failed export leaves the old file as it was; a
   * new target is written in place and removed on failure. */
  if (!(out = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error)))
    return FALSE;

  if (!warta_download_stream (run, runner, attachment_id, G_OUTPUT_STREAM (out), progress, user_data,
                              cancellable, &local_error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      if (!existed)
        g_file_delete (destination, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

gboolean
warta_engine_export_attachment_to_file (WartaEngine        *self,
                                        gint64              attachment_id,
                                        GFile              *destination,
                                        WartaProgressFunc   progress,
                                        gpointer            user_data,
                                        GCancellable       *cancellable,
                                        GError            **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  return warta_download_file (warta_engine_run, self, attachment_id, destination, progress, user_data,
                              cancellable, error);
}

/**
 * warta_attachments_missing:
 * @step: a step of an SOP
 * @attachments: (element-type WartaAttachment) (nullable): a case's attachments
 *
 * What @step still needs handed on: its requirements that name a kind of
 * attachment, are not optional, and of which @attachments has none, by
 * kind alone. The engine refuses to finish the step while any is left,
 * and reads each file's content as well (a file stored by an older Warta
 * may not fit its kind); the app and the sample office ask only this.
 *
 * Returns: (transfer container) (element-type WartaSopRequirement): the
 *   requirements, owned by @step
 */
GPtrArray *
warta_attachments_missing (const WartaSopStep *step,
                           GPtrArray          *attachments)
{
  GPtrArray *missing = g_ptr_array_new ();

  g_return_val_if_fail (step != NULL, missing);

  for (guint i = 0; i < step->requirements->len; i++)
    {
      WartaSopRequirement *req = g_ptr_array_index (step->requirements, i);
      gboolean found = FALSE;

      if (req->attachment == NULL || req->optional)
        continue;
      for (guint j = 0; attachments != NULL && j < attachments->len && !found; j++)
        found = g_str_equal (((WartaAttachment *)g_ptr_array_index (attachments, j))->kind, req->attachment);
      if (!found)
        g_ptr_array_add (missing, req);
    }

  return missing;
}
