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

#define CHUNK_SIZE (256 * 1024)
#define SNIFF_SIZE 4096
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

/* A MIME type from the content alone; "application/octet-stream" where the
 * bytes do not say, even if the name ends in .pdf. */
static char *
sniff_type (const guint8 *data,
            gsize         length)
{
  g_autofree char *guess = NULL;
  char *mime;

  if (length == 0)
    return g_strdup ("application/x-zerosize");

  guess = g_content_type_guess (NULL, data, length, NULL);
  mime = g_content_type_get_mime_type (guess);
  return mime != NULL ? mime : g_strdup ("application/octet-stream");
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

/* Writes what is left of the stream after head into the blob, hashing it:
 * exactly size bytes, or an error naming what changed under us. */
static gboolean
stream_into_blob (WartaStoreBlob     *blob,
                  GInputStream       *stream,
                  const guint8       *head,
                  gsize               head_length,
                  WartaSha256        *checksum,
                  const char         *name,
                  WartaProgressFunc   progress,
                  gpointer            user_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  gint64 size = warta_store_blob_get_size (blob);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gint64 offset = head_length;
  gssize n;

  warta_sha256_update (checksum, head, head_length);
  if (head_length > 0 && !warta_store_blob_write (blob, head, head_length, 0, error))
    return FALSE;
  report (progress, user_data, offset, size);

  while (offset < size)
    {
      gsize want = MIN ((gint64)CHUNK_SIZE, size - offset);

      if ((n = g_input_stream_read (stream, buffer, want, cancellable, error)) < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                       _("“%s” became shorter while it was being read; nothing was attached. Try again once the file is complete."),
                       name);
          return FALSE;
        }
      warta_sha256_update (checksum, buffer, n);
      if (!warta_store_blob_write (blob, buffer, n, offset, error))
        return FALSE;
      offset += n;
      report (progress, user_data, offset, size);
    }

  /* One byte more means the file grew after we measured it. */
  if ((n = g_input_stream_read (stream, buffer, 1, cancellable, error)) < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” grew while it was being read; nothing was attached. Try again once the file is complete."),
                   name);
      return FALSE;
    }
  return TRUE;
}

/* Takes reason: the error, what is wrong with which file, followed by
 * what a file of the kind must be. */
static void
refuse_content (GError     **error,
                GError      *reason,
                const char  *kind)
{
  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
               /* Translators: why a file was refused, then what a file of its kind must be */
               _("%s. %s"), reason->message, _warta_attachment_kind_rule (kind));
  g_error_free (reason);
}

/* The content just stored must fit its kind; the type it showed is kept.
 * A kind the engine chose from the first bytes gives way to lainnya
 * where the whole file does not bear it out, as a damaged PDF. */
static gboolean
check_content (WartaEngine      *self,
               WartaStoreBlob   *blob,
               gint64            id,
               WartaAttachment  *attachment,
               gboolean          kind_guessed,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *content_type = NULL;

  if (!_warta_engine_check_blob (blob, attachment->kind, attachment->name, &content_type, cancellable,
                                 &local_error))
    {
      if (!g_error_matches (local_error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!kind_guessed || g_str_equal (attachment->kind, "lainnya"))
        {
          refuse_content (error, g_steal_pointer (&local_error), attachment->kind);
          return FALSE;
        }
      g_clear_error (&local_error);
      attachment->kind = (char *)"lainnya";
      if (!_warta_engine_check_blob (blob, attachment->kind, attachment->name, &content_type, cancellable,
                                     error))
        return FALSE;
    }

  return warta_store_set_attachment_type (self->store, id, attachment->kind, content_type, error);
}

static gboolean
check_kind (const char  *kind,
            GError     **error)
{
  if (kind != NULL && !warta_sop_attachment_kind_is_valid (kind))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” is not a kind of attachment (use nota-dinas, dokumen-pendukung, foto, video or lainnya)"),
                   kind);
      return FALSE;
    }
  return TRUE;
}

/* Stores size bytes read from stream as the file name at the case's
 * active step: its size against the limit, its content against its kind,
 * in one transaction. */
static gint64
attach_stream (WartaEngine        *self,
               gint64              actor,
               gint64              case_id,
               const char         *name,
               GInputStream       *stream,
               gint64              size,
               const char         *kind,
               WartaProgressFunc   progress,
               gpointer            user_data,
               GCancellable       *cancellable,
               GError            **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autoptr(WartaStoreBlob) blob = NULL;
  g_autoptr(WartaSha256) checksum = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *id_text = NULL;
  WartaAttachment attachment = { 0 };
  guint8 head[SNIFF_SIZE];
  gsize head_length = 0;
  gint64 limit;
  gint64 id;

  attachment.size = size;
  limit = warta_engine_get_attachment_limit (self);
  size_text = warta_format_bytes (attachment.size);
  if (attachment.size > limit)
    {
      g_autofree char *limit_text = warta_format_bytes (limit);

      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_TOO_LARGE,
                   _("“%s” is %s; one attachment may be at most %s. Make the file smaller, or ask an administrator to raise the limit."),
                   name, size_text, limit_text);
      return 0;
    }

  if (attachment.size == 0)
    {
      refuse_content (error, g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                                          _("“%s” is empty (0 bytes)"), name),
                      kind);
      return 0;
    }

  if (!g_input_stream_read_all (stream, head, MIN ((gint64)sizeof head, attachment.size),
                                &head_length, cancellable, error))
    return 0;
  content_type = sniff_type (head, head_length);
  attachment.content_type = content_type;
  attachment.kind = (char *)(kind != NULL ? kind : warta_attachment_kind_for_type (content_type));

  if (!_warta_engine_action_begin (self, actor, case_id, &action, error))
    return 0;

  attachment.case_id = case_id;
  attachment.run_id = action.run->id;
  attachment.step_id = action.step->id;
  attachment.name = (char *)name;
  attachment.added_by = action.actor->id;
  attachment.added_at = warta_engine_now (self);
  checksum = warta_sha256_new ();

  if ((id = warta_store_insert_attachment (self->store, &attachment, error)) == 0 ||
      !(blob = warta_store_blob_open (self->store, id, TRUE, error)) ||
      !stream_into_blob (blob, stream, head, head_length, checksum, name,
                         progress, user_data, cancellable, error) ||
      !check_content (self, blob, id, &attachment, kind == NULL, cancellable, error))
    return 0;
  g_clear_pointer (&blob, warta_store_blob_close);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  payload = _warta_engine_payload_new ("attachment", id_text, "step", action.step->id, "name", name,
                                       "kind", attachment.kind, "sha256", warta_sha256_get_string (checksum),
                                       NULL);
  if (!warta_store_set_attachment_sha256 (self->store, id, warta_sha256_get_string (checksum), error) ||
      !warta_journal_append (self->store, attachment.added_at, action.actor->id, case_id,
                             "attachment.add", payload, error) ||
      !warta_transaction_commit (action.tx, error))
    return 0;
  return id;
}

gint64
warta_engine_attach (WartaEngine        *self,
                     gint64              actor,
                     gint64              case_id,
                     GFile              *file,
                     const char         *kind,
                     WartaProgressFunc   progress,
                     gpointer            user_data,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  if (!check_kind (kind, error))
    return 0;

  name = g_file_get_basename (file);
  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, cancellable, error)))
    return 0;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” is not a regular file and cannot be attached"), name);
      return 0;
    }
  g_clear_object (&info);

  /* The file is opened and measured before the write lock is taken, so a
   * file that cannot be read never holds up anyone else; the size is the
   * open file's, which is what will be read. */
  if (!(stream = g_file_read (file, cancellable, error)) ||
      !(info = g_file_input_stream_query_info (stream,
                                               G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                               cancellable, error)))
    return 0;

  return attach_stream (self, actor, case_id, name, G_INPUT_STREAM (stream), g_file_info_get_size (info), kind,
                        progress, user_data, cancellable, error);
}

/**
 * warta_engine_attach_bytes:
 * @name: the name the file is kept under
 * @content: the file's content, in memory
 *
 * As warta_engine_attach(), for content that is not in a file, as a
 * screenshot just taken: no file is written to read it back.
 */
gint64
warta_engine_attach_bytes (WartaEngine   *self,
                           gint64         actor,
                           gint64         case_id,
                           const char    *name,
                           GBytes        *content,
                           const char    *kind,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (name != NULL && content != NULL, 0);

  if (!check_kind (kind, error))
    return 0;

  stream = g_memory_input_stream_new_from_bytes (content);
  return attach_stream (self, actor, case_id, name, stream, g_bytes_get_size (content), kind,
                        NULL, NULL, cancellable, error);
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

gboolean
warta_engine_export_attachment (WartaEngine        *self,
                                gint64              attachment_id,
                                GOutputStream      *out,
                                WartaProgressFunc   progress,
                                gpointer            user_data,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autoptr(WartaStoreBlob) blob = NULL;
  g_autoptr(WartaSha256) checksum = NULL;
  g_autofree guint8 *buffer = NULL;
  gint64 size;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  /* One read transaction, so that a removal in another process cannot cut
   * the content short halfway. */
  if (!(snapshot = warta_store_snapshot (self->store, error)) ||
      !(attachment = warta_store_get_attachment (self->store, attachment_id, error)) ||
      !(blob = warta_store_blob_open (self->store, attachment_id, FALSE, error)))
    return FALSE;

  size = warta_store_blob_get_size (blob);
  buffer = g_malloc (CHUNK_SIZE);
  checksum = warta_sha256_new ();
  for (gint64 offset = 0; offset < size;)
    {
      gsize n = MIN ((gint64)CHUNK_SIZE, size - offset);

      if (!warta_store_blob_read (blob, buffer, n, offset, error) ||
          !g_output_stream_write_all (out, buffer, n, NULL, cancellable, error))
        return FALSE;
      warta_sha256_update (checksum, buffer, n);
      offset += n;
      report (progress, user_data, offset, size);
    }
  g_clear_pointer (&blob, warta_store_blob_close);
  g_clear_pointer (&snapshot, warta_transaction_end);

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
warta_engine_export_attachment_to_file (WartaEngine        *self,
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

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  existed = g_file_query_exists (destination, NULL);
  /* g_file_replace writes an existing target's replacement beside it and
   * renames on close, so a failed export leaves the old file as it was; a
   * new target is written in place and removed on failure. */
  if (!(out = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error)))
    return FALSE;

  if (!warta_engine_export_attachment (self, attachment_id, G_OUTPUT_STREAM (out), progress, user_data,
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
