/* warta-attachment-stream.c: an attachment's content as a GInputStream
 *
 * For a reader that pulls, such as an HTTP request body: the content is
 * read from the blob a chunk at a time inside one read transaction on the
 * engine's connection, held until the stream is closed, so a removal in
 * another process cannot cut it short. The SHA-256 is checked before the
 * last byte is handed out: content changed outside Warta fails the read
 * instead of reaching the reader whole.
 *
 * The stream borrows the engine's connection: use it from one thread, and
 * close it before anything else is done with that engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-sha256.h"

#define CHUNK_SIZE (256 * 1024)

#define WARTA_TYPE_ATTACHMENT_STREAM (warta_attachment_stream_get_type ())
G_DECLARE_FINAL_TYPE (WartaAttachmentStream, warta_attachment_stream, WARTA, ATTACHMENT_STREAM, GInputStream)

struct _WartaAttachmentStream
{
  GInputStream     parent_instance;

  WartaTransaction *snapshot;   /* the read, until closed */
  WartaStoreBlob  *blob;        /* NULL once closed */
  WartaAttachment *attachment;
  WartaSha256     *checksum;
  gint64           offset;      /* of the next byte to hand out */
  gint64           size;
};

G_DEFINE_FINAL_TYPE (WartaAttachmentStream, warta_attachment_stream, G_TYPE_INPUT_STREAM)

static void
end_read (WartaAttachmentStream *self)
{
  g_clear_pointer (&self->blob, warta_store_blob_close);
  g_clear_pointer (&self->snapshot, warta_transaction_end);
}

static gssize
warta_attachment_stream_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  WartaAttachmentStream *self = WARTA_ATTACHMENT_STREAM (stream);
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->blob == NULL || self->offset >= self->size)
    return 0;

  n = MIN (MIN (count, (gsize)CHUNK_SIZE), (gsize)(self->size - self->offset));
  if (!warta_store_blob_read (self->blob, buffer, n, self->offset, error))
    return -1;
  warta_sha256_update (self->checksum, buffer, n);
  self->offset += n;

  if (self->offset == self->size &&
      g_strcmp0 (warta_sha256_get_string (self->checksum), self->attachment->sha256) != 0)
    {
      memset (buffer, 0, n);
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                   _("The stored content of “%s” no longer matches its SHA-256: the database was changed outside Warta"),
                   self->attachment->name);
      return -1;
    }
  return n;
}

static gboolean
warta_attachment_stream_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  end_read (WARTA_ATTACHMENT_STREAM (stream));
  return TRUE;
}

static void
warta_attachment_stream_finalize (GObject *object)
{
  WartaAttachmentStream *self = WARTA_ATTACHMENT_STREAM (object);

  end_read (self);
  g_clear_pointer (&self->attachment, warta_attachment_free);
  g_clear_pointer (&self->checksum, warta_sha256_free);

  G_OBJECT_CLASS (warta_attachment_stream_parent_class)->finalize (object);
}

static void
warta_attachment_stream_class_init (WartaAttachmentStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = warta_attachment_stream_finalize;
  stream_class->read_fn = warta_attachment_stream_read;
  stream_class->close_fn = warta_attachment_stream_close;
}

static void
warta_attachment_stream_init (WartaAttachmentStream *self)
{
  self->checksum = warta_sha256_new ();
}

GInputStream *
warta_engine_open_attachment (WartaEngine      *self,
                              gint64            attachment_id,
                              WartaAttachment **attachment,
                              GError          **error)
{
  g_autoptr(WartaAttachmentStream) stream = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  stream = g_object_new (WARTA_TYPE_ATTACHMENT_STREAM, NULL);
  if (!(stream->snapshot = warta_store_snapshot (self->store, error)) ||
      !(stream->attachment = warta_store_get_attachment (self->store, attachment_id, error)) ||
      !(stream->blob = warta_store_blob_open (self->store, attachment_id, FALSE, error)))
    return NULL;
  stream->size = warta_store_blob_get_size (stream->blob);

  if (attachment != NULL)
    *attachment = warta_attachment_copy (stream->attachment);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}
