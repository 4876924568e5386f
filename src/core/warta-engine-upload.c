/* warta-engine-upload.c: a file added to a case, a chunk at a time
 *
 * A file goes into the database in many short transactions, not one long
 * one: a 300 MiB video would otherwise hold the database's one writer for
 * seconds, and every save a person makes meanwhile would wait behind it.
 *
 *   warta_engine_upload_begin()  checks who, where, the size and the kind,
 *                                and adds a pending attachment (nothing
 *                                lists it) with room for the content;
 *   warta_engine_upload_write()  writes the next chunk, hashing it;
 *   warta_engine_upload_end()    checks the content against its kind and
 *                                the step once more, settles the row and
 *                                journals it: the one change others see;
 *   warta_engine_upload_abort()  removes what was written.
 *
 * Each is one transaction on the engine's connection, which tells other
 * connections it wrote nothing they show until the last (a silent write,
 * see warta_store_poll()); a file of one chunk
 * or less goes in whole, in one (warta_engine_upload_whole). warta_upload_stream()
 * reads a stream and drives them through a WartaRunFunc: the engine itself
 * in the calling thread (warta_engine_run, as warta-cli does), or a
 * session's database worker (warta_worker_run_in), from a thread of the
 * caller's that reads the file, so the worker is held a chunk at a time.
 * A pending attachment left by a writer that stopped is swept after a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-sha256.h"

#define SNIFF_SIZE 4096
/* One chunk is one transaction: small enough that a save waits a few
 * milliseconds behind it, big enough that commits cost little. */
#define CHUNK_SIZE (4 * 1024 * 1024)
#define ABANDONED_AFTER (G_GINT64_CONSTANT (24) * 60 * 60 * G_USEC_PER_SEC)

struct _WartaUpload
{
  gint64           id;        /* the pending attachment */
  gint64           actor;
  gint64           case_id;
  gint64           run_id;
  char            *name;
  char            *kind;
  gboolean         kind_guessed;
  gint64           size;
  gint64           written;
  WartaSha256     *checksum;
};

void
warta_upload_free (WartaUpload *upload)
{
  if (upload == NULL)
    return;
  g_free (upload->name);
  g_free (upload->kind);
  g_clear_pointer (&upload->checksum, warta_sha256_free);
  g_free (upload);
}

gpointer
warta_engine_run (gpointer          engine,
                  WartaEngineFunc   func,
                  gpointer          data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (engine), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return func (engine, data, cancellable, error);
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

/* The content just stored must fit its kind; the type it showed is kept.
 * A kind the engine chose from the first bytes gives way to lainnya
 * where the whole file does not bear it out, as a damaged PDF. */
static gboolean
check_content (WartaUpload   *upload,
               WartaStoreBlob *blob,
               char         **content_type,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (_warta_engine_check_blob (blob, upload->kind, upload->name, content_type, cancellable, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!upload->kind_guessed || g_str_equal (upload->kind, "lainnya"))
    {
      refuse_content (error, g_steal_pointer (&local_error), upload->kind);
      return FALSE;
    }
  g_clear_error (&local_error);
  g_free (upload->kind);
  upload->kind = g_strdup ("lainnya");
  return _warta_engine_check_blob (blob, upload->kind, upload->name, content_type, cancellable, error);
}

/* What is known before a byte is written: refuses a kind that is not one,
 * a file over the limit or empty. */
static WartaUpload *
upload_new (WartaEngine   *self,
            gint64         actor,
            gint64         case_id,
            const char    *name,
            gint64         size,
            const char    *kind,
            const guint8  *head,
            gsize          head_length,
            char         **content_type,
            GError       **error)
{
  WartaUpload *upload;
  gint64 limit;

  if (!check_kind (kind, error))
    return NULL;

  limit = warta_engine_get_attachment_limit (self);
  if (size > limit)
    {
      g_autofree char *size_text = warta_format_bytes (size);
      g_autofree char *limit_text = warta_format_bytes (limit);

      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_TOO_LARGE,
                   _("“%s” is %s; one attachment may be at most %s. Make the file smaller, or ask an administrator to raise the limit."),
                   name, size_text, limit_text);
      return NULL;
    }
  if (size == 0)
    {
      refuse_content (error, g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                                          _("“%s” is empty (0 bytes)"), name),
                      kind);
      return NULL;
    }

  *content_type = sniff_type (head, head_length);
  upload = g_new0 (WartaUpload, 1);
  upload->actor = actor;
  upload->case_id = case_id;
  upload->name = g_strdup (name);
  upload->kind = g_strdup (kind != NULL ? kind : warta_attachment_kind_for_type (*content_type));
  upload->kind_guessed = kind == NULL;
  upload->size = size;
  upload->checksum = warta_sha256_new ();
  return upload;
}

/* The pending row and room for the content, in the action's transaction;
 * a day-old pending file is one whose writer stopped: its room goes. */
static gboolean
upload_open (WartaEngine  *self,
             WartaAction  *action,
             WartaUpload  *upload,
             const char   *content_type,
             GError      **error)
{
  WartaAttachment attachment = { 0 };

  attachment.case_id = upload->case_id;
  attachment.run_id = upload->run_id = action->run->id;
  attachment.step_id = action->step->id;
  attachment.kind = upload->kind;
  attachment.name = upload->name;
  attachment.content_type = (char *)content_type;
  attachment.size = upload->size;
  attachment.added_by = action->actor->id;
  attachment.added_at = warta_engine_now (self);
  attachment.pending = TRUE;

  return warta_store_sweep_uploads (self->store, attachment.added_at - ABANDONED_AFTER, error) &&
         (upload->id = warta_store_insert_attachment (self->store, &attachment, error)) != 0;
}

/* The next bytes, in the caller's transaction. */
static gboolean
upload_put (WartaEngine   *self,
            WartaUpload   *upload,
            const guint8  *data,
            gsize          length,
            GError       **error)
{
  g_autoptr(WartaStoreBlob) blob = NULL;

  if ((gint64)length > upload->size - upload->written)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” grew while it was being read; nothing was attached. Try again once the file is complete."),
                   upload->name);
      return FALSE;
    }
  if (!(blob = warta_store_blob_open (self->store, upload->id, TRUE, error)) ||
      !warta_store_blob_write (blob, data, length, upload->written, error))
    return FALSE;

  warta_sha256_update (upload->checksum, data, length);
  upload->written += length;
  return TRUE;
}

/**
 * warta_engine_upload_begin:
 * @size: the whole file's size
 * @kind: (nullable): NULL to choose from @head: foto, video or
 *   dokumen-pendukung, else lainnya
 * @head: the file's first bytes (up to 4 KiB), to know its type by
 *
 * Refuses an actor who does not hold the case's active step, a file over
 * the attachment limit, an empty one, a kind that is not one; else adds a
 * pending attachment of @size bytes, which nothing lists until
 * warta_engine_upload_end().
 *
 * Returns: (transfer full): the upload, to write with
 *   warta_engine_upload_write()
 */
WartaUpload *
warta_engine_upload_begin (WartaEngine   *self,
                           gint64         actor,
                           gint64         case_id,
                           const char    *name,
                           gint64         size,
                           const char    *kind,
                           const guint8  *head,
                           gsize          head_length,
                           GError       **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autoptr(WartaUpload) upload = NULL;
  g_autofree char *content_type = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);
  g_return_val_if_fail (name != NULL && size >= 0, NULL);

  if (!(upload = upload_new (self, actor, case_id, name, size, kind, head, head_length, &content_type, error)) ||
      !_warta_engine_action_begin (self, actor, case_id, &action, error) ||
      !upload_open (self, &action, upload, content_type, error) ||
      !warta_store_note_silent_write (self->store, error) ||
      !warta_transaction_commit (action.tx, error))
    return NULL;
  return g_steal_pointer (&upload);
}

/**
 * warta_engine_upload_write:
 * @data: the next @length bytes of the file
 *
 * Writes the next chunk in a transaction of its own.
 */
gboolean
warta_engine_upload_write (WartaEngine   *self,
                           WartaUpload   *upload,
                           const guint8  *data,
                           gsize          length,
                           GError       **error)
{
  g_autoptr(WartaTransaction) tx = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (upload != NULL && upload->id > 0, FALSE);

  return (tx = warta_store_transaction (self->store, error)) != NULL &&
         upload_put (self, upload, data, length, error) &&
         warta_store_note_silent_write (self->store, error) &&
         warta_transaction_commit (tx, error);
}

static void
remove_upload (WartaEngine *self,
               WartaUpload *upload)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaAttachment) pending = NULL;
  g_autoptr(GError) error = NULL;

  if (upload->id == 0)
    return;
  /* Only while it is still pending: never a settled attachment. */
  if (!(tx = warta_store_transaction (self->store, &error)) ||
      !(pending = warta_store_get_upload (self->store, upload->id, &error)) ||
      !pending->pending ||
      !warta_store_delete_attachment (self->store, upload->id, &error) ||
      !warta_store_note_silent_write (self->store, &error) ||
      !warta_transaction_commit (tx, &error))
    {
      if (error != NULL && !g_error_matches (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not remove the unfinished attachment %" G_GINT64_FORMAT ": %s", upload->id,
                   error->message);
    }
  upload->id = 0;
}

/* Every byte is in: the content is checked, the row settled and the
 * event journaled, in the action's transaction. */
static gint64
upload_settle (WartaEngine   *self,
               WartaAction   *action,
               WartaUpload   *upload,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(WartaStoreBlob) blob = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *payload = NULL;
  const char *sha256;

  if (upload->written < upload->size)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” became shorter while it was being read; nothing was attached. Try again once the file is complete."),
                   upload->name);
      return 0;
    }
  if (action->run->id != upload->run_id)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("The case moved on to another step while “%s” was being read; nothing was attached"),
                   upload->name);
      return 0;
    }

  if (!(blob = warta_store_blob_open (self->store, upload->id, FALSE, error)) ||
      !check_content (upload, blob, &content_type, cancellable, error))
    return 0;
  g_clear_pointer (&blob, warta_store_blob_close);

  sha256 = warta_sha256_get_string (upload->checksum);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, upload->id);
  payload = _warta_engine_payload_new ("attachment", id_text, "step", action->step->id, "name", upload->name,
                                       "kind", upload->kind, "sha256", sha256, NULL);
  if (!warta_store_settle_attachment (self->store, upload->id, upload->kind, content_type, sha256, error) ||
      !warta_journal_append (self->store, warta_engine_now (self), action->actor->id, upload->case_id,
                             "attachment.add", payload, error))
    return 0;
  return upload->id;
}

/* Ends the upload as warta_engine_upload_end() does, or fails with the
 * pending attachment still there. */
static gint64
settle (WartaEngine   *self,
        WartaUpload   *upload,
        GCancellable  *cancellable,
        GError       **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  /* The step may have moved on while the file was being read. */
  if (!_warta_engine_action_begin (self, upload->actor, upload->case_id, &action, &local_error))
    {
      if (local_error->domain == WARTA_ENGINE_ERROR)
        g_set_error (error, WARTA_ENGINE_ERROR, local_error->code,
                     /* Translators: %s is a file's name, then why the engine refused */
                     _("Nothing of “%s” was attached: %s"), upload->name, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if ((id = upload_settle (self, &action, upload, cancellable, error)) == 0 ||
      !warta_transaction_commit (action.tx, error))
    return 0;
  return id;
}

/* The steps in one transaction: @size is the file's as measured, which
 * @content, as read, may no longer be (said by upload_put or
 * upload_settle, as for a file in chunks). */
static gint64
upload_whole (WartaEngine   *self,
              gint64         actor,
              gint64         case_id,
              const char    *name,
              const char    *kind,
              gint64         size,
              GBytes        *content,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autoptr(WartaUpload) upload = NULL;
  g_autofree char *content_type = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (content, &length);
  gint64 id;

  if (!(upload = upload_new (self, actor, case_id, name, size, kind, data, MIN (length, SNIFF_SIZE),
                             &content_type, error)) ||
      !_warta_engine_action_begin (self, actor, case_id, &action, error) ||
      !upload_open (self, &action, upload, content_type, error) ||
      !upload_put (self, upload, data, length, error) ||
      (id = upload_settle (self, &action, upload, cancellable, error)) == 0 ||
      !warta_transaction_commit (action.tx, error))
    return 0;
  return id;
}

/**
 * warta_engine_upload_whole:
 * @content: the whole file, in memory
 *
 * warta_engine_upload_begin(), _write() and _end() in one transaction, for
 * a file small enough to be read at once: nobody ever sees it pending.
 *
 * Returns: the attachment's id, or 0 with @error set (nothing attached)
 */
gint64
warta_engine_upload_whole (WartaEngine   *self,
                           gint64         actor,
                           gint64         case_id,
                           const char    *name,
                           const char    *kind,
                           GBytes        *content,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (name != NULL && content != NULL, 0);

  return upload_whole (self, actor, case_id, name, kind, g_bytes_get_size (content), content, cancellable, error);
}

/**
 * warta_engine_upload_end:
 *
 * Once every byte is written: the content must fit its kind (a guessed
 * kind gives way to lainnya) and the actor must still hold the step the
 * file was begun at. Either way the upload is over: on failure what was
 * written is removed.
 *
 * Returns: the attachment's id, or 0 with @error set
 */
gint64
warta_engine_upload_end (WartaEngine   *self,
                         WartaUpload   *upload,
                         GCancellable  *cancellable,
                         GError       **error)
{
  gint64 id;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (upload != NULL && upload->id > 0, 0);

  if ((id = settle (self, upload, cancellable, error)) == 0)
    remove_upload (self, upload);
  upload->id = 0;
  return id;
}

/**
 * warta_engine_upload_abort:
 *
 * Removes what was written of an upload that will not end.
 */
void
warta_engine_upload_abort (WartaEngine *self,
                           WartaUpload *upload)
{
  g_return_if_fail (WARTA_IS_ENGINE (self));
  g_return_if_fail (upload != NULL);

  remove_upload (self, upload);
}

/* The steps as jobs for a WartaRunFunc */

typedef struct
{
  gint64         actor;
  gint64         case_id;
  const char    *name;
  gint64         size;
  const char    *kind;
  const guint8  *head;
  gsize          head_length;
} Begin;

static gpointer
begin_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Begin *begin = data;

  return warta_engine_upload_begin (engine, begin->actor, begin->case_id, begin->name, begin->size, begin->kind,
                                    begin->head, begin->head_length, error);
}

typedef struct
{
  WartaUpload   *upload;
  const guint8  *data;
  gsize          length;
} Chunk;

static gpointer
write_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Chunk *chunk = data;

  return warta_engine_upload_write (engine, chunk->upload, chunk->data, chunk->length, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
end_job (WartaEngine   *engine,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  gint64 id = warta_engine_upload_end (engine, data, cancellable, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

typedef struct
{
  gint64         actor;
  gint64         case_id;
  const char    *name;
  const char    *kind;
  gint64         size;      /* as measured */
  GBytes        *content;   /* as read */
} Whole;

static gpointer
whole_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Whole *whole = data;
  gint64 id = upload_whole (engine, whole->actor, whole->case_id, whole->name, whole->kind, whole->size,
                            whole->content, cancellable, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/* A file of one chunk or less, read whole and kept in one transaction. */
static gint64
upload_small (WartaRunFunc    run,
              gpointer        runner,
              Whole          *whole,
              GInputStream   *stream,
              gint64          size,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree guint8 *buffer = g_malloc (size + 1);
  g_autofree gint64 *id = NULL;
  g_autoptr(GBytes) content = NULL;
  gsize n = 0;

  /* One byte past the size means the file grew: the upload says so,
   * as it says a file that came up short. */
  if (!g_input_stream_read_all (stream, buffer, size + 1, &n, cancellable, error))
    return 0;
  content = g_bytes_new_take (g_steal_pointer (&buffer), n);
  whole->size = size;
  whole->content = content;
  if (!(id = run (runner, whole_job, whole, cancellable, error)))
    return 0;
  return *id;
}

static gpointer
abort_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  warta_engine_upload_abort (engine, data);
  return GINT_TO_POINTER (TRUE);
}

/* Reads the rest of @stream after the head into the upload, a chunk per
 * job: exactly the upload's size, or an error naming what changed under
 * us. */
static gboolean
write_stream (WartaRunFunc        run,
              gpointer            runner,
              WartaUpload        *upload,
              GInputStream       *stream,
              const guint8       *head,
              gsize               head_length,
              WartaProgressFunc   progress,
              gpointer            user_data,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gint64 offset = head_length;
  Chunk chunk = { upload, head, head_length };

  if (!run (runner, write_job, &chunk, cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (offset, upload->size, user_data);

  for (;;)
    {
      gsize n;

      /* One byte past the size means the file grew: the write says so. */
      if (!g_input_stream_read_all (stream, buffer, MIN ((gint64)CHUNK_SIZE, upload->size - offset + 1), &n,
                                    cancellable, error))
        return FALSE;
      if (n == 0)
        return TRUE;
      chunk.data = buffer;
      chunk.length = n;
      if (!run (runner, write_job, &chunk, cancellable, error))
        return FALSE;
      offset += n;
      if (progress != NULL)
        progress (offset, upload->size, user_data);
    }
}

/**
 * warta_upload_stream:
 * @run: how to reach the database: warta_engine_run() with an engine as
 *   @runner, or warta_worker_run_in() with a session's worker
 * @size: the stream's length, as measured before it is read
 *
 * Attaches @size bytes read from @stream as @name at the case's active
 * step, in as many transactions as it takes, reading in the calling
 * thread.
 *
 * Returns: the attachment's id, or 0 with @error set (nothing attached)
 */
gint64
warta_upload_stream (WartaRunFunc        run,
                     gpointer            runner,
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
  g_autoptr(WartaUpload) upload = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree gint64 *id = NULL;
  guint8 head[SNIFF_SIZE];
  Begin begin = { actor, case_id, name, size, kind, head, 0 };

  g_return_val_if_fail (run != NULL && G_IS_INPUT_STREAM (stream), 0);

  if (size > 0 && size <= CHUNK_SIZE)
    {
      Whole whole = { actor, case_id, name, kind, 0, NULL };
      gint64 small = upload_small (run, runner, &whole, stream, size, cancellable, error);

      if (small > 0 && progress != NULL)
        progress (size, size, user_data);
      return small;
    }
  if (size > 0 &&
      !g_input_stream_read_all (stream, head, MIN ((gint64)sizeof head, size), &begin.head_length,
                                cancellable, error))
    return 0;
  if (!(upload = run (runner, begin_job, &begin, cancellable, error)))
    return 0;

  if (!write_stream (run, runner, upload, stream, head, begin.head_length, progress, user_data,
                     cancellable, &local_error))
    {
      /* Removed even when the reading was cancelled. */
      run (runner, abort_job, upload, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (!(id = run (runner, end_job, upload, NULL, error)))
    return 0;
  return *id;
}

/**
 * warta_upload_file:
 *
 * warta_upload_stream() for a regular file: opened and measured before
 * anything is written, so a file that cannot be read never holds up
 * anyone else; the size is the open file's, which is what will be read.
 */
gint64
warta_upload_file (WartaRunFunc        run,
                   gpointer            runner,
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

  if (!(stream = g_file_read (file, cancellable, error)) ||
      !(info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error)))
    return 0;

  return warta_upload_stream (run, runner, actor, case_id, name, G_INPUT_STREAM (stream),
                              g_file_info_get_size (info), kind, progress, user_data, cancellable, error);
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
  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);

  return warta_upload_file (warta_engine_run, self, actor, case_id, file, kind, progress, user_data,
                            cancellable, error);
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
  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);

  return warta_engine_upload_whole (self, actor, case_id, name, kind, content, cancellable, error);
}
