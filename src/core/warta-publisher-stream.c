/* warta-publisher-stream.c: an attachment's content as the body of an
 * upload, a chunk at a time
 *
 * The HTTP client pulls the body as fast as the network takes it, which
 * may be minutes for a large file. The database is not held meanwhile:
 * each chunk (CHUNK_SIZE) is one short job (open the blob, read the
 * range, close it), run through _warta_publisher_run(), so on the
 * session's worker a person's save goes between two chunks. The bytes
 * are handed out of the chunk in memory while the network waits.
 *
 * An attachment never changes once stored, so every chunk must find the
 * blob of the size its row says; a blob gone or resized between two
 * chunks fails the read with a message that says so, and the SHA-256 of
 * the whole is checked before the last byte is handed out: content
 * changed outside Warta never reaches the site whole. Either failure is
 * the store's, not the network's, and is kept for the publisher to say
 * as it is (_warta_publisher_stream_take_error()), never retried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "warta-publisher-private.h"
#include "warta-sha256.h"

/* Reading 4 MiB from the blob takes a few milliseconds: the longest a
 * save waits behind an upload. */
#define CHUNK_SIZE (4 * 1024 * 1024)

#define WARTA_TYPE_PUBLISHER_STREAM (warta_publisher_stream_get_type ())
G_DECLARE_FINAL_TYPE (WartaPublisherStream, warta_publisher_stream, WARTA, PUBLISHER_STREAM, GInputStream)

struct _WartaPublisherStream
{
  GInputStream     parent_instance;

  WartaPublisher  *publisher;   /* borrowed: it waits for the upload */
  WartaAttachment *attachment;
  WartaSha256     *checksum;
  GError          *failure;     /* the store's, kept for the publisher */

  guint8          *chunk;
  gsize            chunk_length;
  gsize            chunk_offset; /* of the next byte to hand out of chunk */
  gint64           offset;       /* of the chunk's first byte in the blob */
};

G_DEFINE_FINAL_TYPE (WartaPublisherStream, warta_publisher_stream, G_TYPE_INPUT_STREAM)

typedef struct
{
  const WartaAttachment *attachment;
  gint64                 offset;
  gsize                  length;
  guint8                *buffer;
} ChunkRead;

/* A job: one range of the blob, checked to be the size it was stored. */
static gpointer
read_chunk_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ChunkRead *read = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WartaStoreBlob) blob = NULL;

  blob = warta_store_blob_open (warta_engine_get_store (engine), read->attachment->id, FALSE, &local_error);
  if (blob == NULL && g_error_matches (local_error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                   _("“%s” was removed from the case while it was being sent, so the site did not get it whole. "
                     "Publish again to send the case as it is now."),
                   read->attachment->name);
      return NULL;
    }
  if (blob == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (warta_store_blob_get_size (blob) != read->attachment->size)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                   _("The stored content of “%s” changed size while it was being sent: the database was changed "
                     "outside Warta. Nothing more of it was sent; check the file on the case, then publish again."),
                   read->attachment->name);
      return NULL;
    }
  if (!warta_store_blob_read (blob, read->buffer, read->length, read->offset, error))
    return NULL;
  return WARTA_PUBLISHER_DONE;
}

static gboolean
fill_chunk (WartaPublisherStream  *self,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  ChunkRead read;

  self->offset += self->chunk_length;
  read.attachment = self->attachment;
  read.offset = self->offset;
  read.length = (gsize)MIN ((gint64)CHUNK_SIZE, self->attachment->size - self->offset);
  read.buffer = self->chunk;
  self->chunk_length = 0;
  self->chunk_offset = 0;

  if (!_warta_publisher_run (self->publisher, read_chunk_job, &read, cancellable, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (&self->failure, local_error->domain, local_error->code, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  warta_sha256_update (self->checksum, self->chunk, read.length);
  self->chunk_length = read.length;
  return TRUE;
}

static gssize
warta_publisher_stream_read (GInputStream  *stream,
                             void          *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  WartaPublisherStream *self = WARTA_PUBLISHER_STREAM (stream);
  gboolean last;
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->failure != NULL)
    {
      g_set_error_literal (error, self->failure->domain, self->failure->code, self->failure->message);
      return -1;
    }
  if (self->chunk_offset == self->chunk_length)
    {
      if (self->offset + (gint64)self->chunk_length >= self->attachment->size)
        return 0;
      if (!fill_chunk (self, cancellable, error))
        return -1;
    }

  n = MIN (count, self->chunk_length - self->chunk_offset);
  last = self->offset + (gint64)(self->chunk_offset + n) == self->attachment->size;
  if (last && g_strcmp0 (warta_sha256_get_string (self->checksum), self->attachment->sha256) != 0)
    {
      g_set_error (&self->failure, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                   _("The stored content of “%s” no longer matches its SHA-256: the database was changed outside Warta"),
                   self->attachment->name);
      g_set_error_literal (error, self->failure->domain, self->failure->code, self->failure->message);
      return -1;
    }
  memcpy (buffer, self->chunk + self->chunk_offset, n);
  self->chunk_offset += n;
  return n;
}

static gboolean
warta_publisher_stream_close (GInputStream  *stream,
                              GCancellable  *cancellable,
                              GError       **error)
{
  WartaPublisherStream *self = WARTA_PUBLISHER_STREAM (stream);

  g_clear_pointer (&self->chunk, g_free);
  self->chunk_length = self->chunk_offset = 0;
  return TRUE;
}

static void
warta_publisher_stream_finalize (GObject *object)
{
  WartaPublisherStream *self = WARTA_PUBLISHER_STREAM (object);

  g_free (self->chunk);
  g_clear_error (&self->failure);
  g_clear_pointer (&self->attachment, warta_attachment_free);
  g_clear_pointer (&self->checksum, warta_sha256_free);

  G_OBJECT_CLASS (warta_publisher_stream_parent_class)->finalize (object);
}

static void
warta_publisher_stream_class_init (WartaPublisherStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = warta_publisher_stream_finalize;
  stream_class->read_fn = warta_publisher_stream_read;
  stream_class->close_fn = warta_publisher_stream_close;
}

static void
warta_publisher_stream_init (WartaPublisherStream *self)
{
  self->checksum = warta_sha256_new ();
}

GInputStream *
_warta_publisher_open_attachment (WartaPublisher        *self,
                                  const WartaAttachment *attachment)
{
  WartaPublisherStream *stream;

  g_return_val_if_fail (self != NULL && attachment != NULL, NULL);

  stream = g_object_new (WARTA_TYPE_PUBLISHER_STREAM, NULL);
  stream->publisher = self;
  stream->attachment = warta_attachment_copy (attachment);
  stream->chunk = g_malloc (MIN ((gint64)CHUNK_SIZE, MAX (attachment->size, 1)));
  return G_INPUT_STREAM (stream);
}

/**
 * _warta_publisher_stream_take_error:
 * @stream: a stream from _warta_publisher_open_attachment()
 *
 * Whether the stream failed for the store's sake (the file gone, changed,
 * unreadable): the HTTP client reports any failure of its body as a lost
 * connection, which would be tried again to no end.
 *
 * Returns: %TRUE with @error set to the store's own words, if it did
 */
gboolean
_warta_publisher_stream_take_error (GInputStream  *stream,
                                    GError       **error)
{
  WartaPublisherStream *self = WARTA_PUBLISHER_STREAM (stream);

  if (self->failure == NULL)
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&self->failure));
  return TRUE;
}
