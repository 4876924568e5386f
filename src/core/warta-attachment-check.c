/* warta-attachment-check.c: whether a file's content fits its kind
 *
 * A kind the SOP names is a promise about the file: a nota dinas or a
 * supporting document is a document (a PDF, an office document, or an
 * image of the pages), a foto is an image, a video is a video, and no
 * attachment is empty. The promise is read from the content, never from
 * the name: a ZIP archive named .pdf is a ZIP archive. A PDF must open in
 * poppler; a ZIP must be the container of an office document, OOXML or
 * OpenDocument, as libarchive lists it; a legacy Office file is an OLE2
 * compound file whose name says which application made it.
 *
 * What is checked is the stored content, read through the caller's
 * transaction: at attach time before the commit, so that what was checked
 * is what is kept; and again where a step completes and before an upload,
 * for files that an older Warta stored without asking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-pdf.h"

#define SNIFF_SIZE 4096
#define ZIP_BUFFER_SIZE (64 * 1024)
/* An office document has tens of parts; past this, a ZIP is no office
 * document, and listing more would only cost time. */
#define MAX_ZIP_ENTRIES 10000

typedef enum
{
  FIT_ANY,        /* lainnya: anything with content */
  FIT_DOCUMENT,   /* nota-dinas, dokumen-pendukung */
  FIT_IMAGE,      /* foto */
  FIT_VIDEO,      /* video */
} Fit;

static const char * const legacy_office_types[] = {
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
};

/* OOXML's main part tells the application: its folder in the package. */
static const struct
{
  const char *folder;
  const char *type;
} ooxml_parts[] = {
  { "word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  { "xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { "ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
};

static Fit
fit_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, "nota-dinas") == 0 || g_strcmp0 (kind, "dokumen-pendukung") == 0)
    return FIT_DOCUMENT;
  if (g_strcmp0 (kind, "foto") == 0)
    return FIT_IMAGE;
  if (g_strcmp0 (kind, "video") == 0)
    return FIT_VIDEO;
  return FIT_ANY;
}

/* A stream over a blob of the caller's transaction, seekable, as poppler
 * and libarchive need: it borrows the blob and never ends the read. */

#define WARTA_TYPE_BLOB_STREAM (warta_blob_stream_get_type ())
G_DECLARE_FINAL_TYPE (WartaBlobStream, warta_blob_stream, WARTA, BLOB_STREAM, GInputStream)

struct _WartaBlobStream
{
  GInputStream    parent_instance;

  WartaStoreBlob *blob;     /* borrowed */
  gint64          offset;
  gint64          size;
};

static void warta_blob_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WartaBlobStream, warta_blob_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, warta_blob_stream_seekable_init))

static gssize
warta_blob_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  WartaBlobStream *self = WARTA_BLOB_STREAM (stream);
  gsize n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  n = (gsize)MIN ((gint64)MIN (count, (gsize)G_MAXINT), self->size - self->offset);
  if (n == 0)
    return 0;
  if (!warta_store_blob_read (self->blob, buffer, n, self->offset, error))
    return -1;
  self->offset += n;
  return n;
}

static gssize
warta_blob_stream_skip (GInputStream  *stream,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  WartaBlobStream *self = WARTA_BLOB_STREAM (stream);
  gint64 n = MIN ((gint64)MIN (count, (gsize)G_MAXSSIZE), self->size - self->offset);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  self->offset += n;
  return n;
}

static gboolean
warta_blob_stream_close (GInputStream  *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return TRUE;
}

static goffset
warta_blob_stream_tell (GSeekable *seekable)
{
  return WARTA_BLOB_STREAM (seekable)->offset;
}

static gboolean
warta_blob_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
warta_blob_stream_seek (GSeekable     *seekable,
                        goffset        offset,
                        GSeekType      type,
                        GCancellable  *cancellable,
                        GError       **error)
{
  WartaBlobStream *self = WARTA_BLOB_STREAM (seekable);
  gint64 base = type == G_SEEK_SET ? 0 : type == G_SEEK_CUR ? self->offset : self->size;

  if (offset > self->size - base || base + offset < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Seek outside the attachment's content");
      return FALSE;
    }
  self->offset = base + offset;
  return TRUE;
}

static gboolean
warta_blob_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
warta_blob_stream_truncate (GSeekable     *seekable,
                            goffset        offset,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "An attachment is read only here");
  return FALSE;
}

static void
warta_blob_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = warta_blob_stream_tell;
  iface->can_seek = warta_blob_stream_can_seek;
  iface->seek = warta_blob_stream_seek;
  iface->can_truncate = warta_blob_stream_can_truncate;
  iface->truncate_fn = warta_blob_stream_truncate;
}

static void
warta_blob_stream_class_init (WartaBlobStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = warta_blob_stream_read;
  stream_class->skip = warta_blob_stream_skip;
  stream_class->close_fn = warta_blob_stream_close;
}

static void
warta_blob_stream_init (WartaBlobStream *self)
{
}

static GInputStream *
blob_stream_new (WartaStoreBlob *blob)
{
  WartaBlobStream *self = g_object_new (WARTA_TYPE_BLOB_STREAM, NULL);

  self->blob = blob;
  self->size = warta_store_blob_get_size (blob);
  return G_INPUT_STREAM (self);
}

/* ZIP containers, through libarchive */

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  guint8       *buffer;
} ZipSource;

static la_ssize_t
zip_read (struct archive  *archive,
          void            *user_data,
          const void     **buffer)
{
  ZipSource *source = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read (source->stream, source->buffer, ZIP_BUFFER_SIZE, source->cancellable, &error);

  if (n < 0)
    {
      archive_set_error (archive, EIO, "%s", error->message);
      return -1;
    }
  *buffer = source->buffer;
  return n;
}

static la_int64_t
zip_seek (struct archive *archive,
          void           *user_data,
          la_int64_t      offset,
          int             whence)
{
  ZipSource *source = user_data;
  g_autoptr(GError) error = NULL;
  GSeekType type = whence == SEEK_SET ? G_SEEK_SET : whence == SEEK_CUR ? G_SEEK_CUR : G_SEEK_END;

  if (!g_seekable_seek (G_SEEKABLE (source->stream), offset, type, source->cancellable, &error))
    {
      archive_set_error (archive, EIO, "%s", error->message);
      return ARCHIVE_FATAL;
    }
  return g_seekable_tell (G_SEEKABLE (source->stream));
}

static la_int64_t
zip_skip (struct archive *archive,
          void           *user_data,
          la_int64_t      request)
{
  ZipSource *source = user_data;
  gssize n = g_input_stream_skip (source->stream, request, source->cancellable, NULL);

  return MAX (n, 0);
}

/* The office document a ZIP holds: an OpenDocument's own mimetype entry,
 * or an OOXML package's [Content_Types].xml with its main part; NULL for
 * any other ZIP, or one libarchive cannot read. */
static char *
office_container_type (GInputStream *stream,
                       GCancellable *cancellable)
{
  g_autofree guint8 *buffer = g_malloc (ZIP_BUFFER_SIZE);
  ZipSource source = { stream, cancellable, buffer };
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  g_autofree char *odf_type = NULL;
  const char *ooxml_type = NULL;
  gboolean content_types = FALSE;

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, NULL))
    {
      archive_read_free (archive);
      return NULL;
    }
  archive_read_support_format_zip (archive);
  archive_read_set_callback_data (archive, &source);
  archive_read_set_read_callback (archive, zip_read);
  archive_read_set_seek_callback (archive, zip_seek);
  archive_read_set_skip_callback (archive, zip_skip);

  if (archive_read_open1 (archive) == ARCHIVE_OK)
    {
      for (guint i = 0; i < MAX_ZIP_ENTRIES && odf_type == NULL && !(content_types && ooxml_type != NULL); i++)
        {
          int status = archive_read_next_header (archive, &entry);
          const char *path;

          if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            break;
          if ((path = archive_entry_pathname (entry)) == NULL)
            continue;

          if (g_str_equal (path, "mimetype"))
            {
              char text[128];
              la_ssize_t n = archive_read_data (archive, text, sizeof text - 1);

              text[MAX (n, 0)] = '\0';
              g_strstrip (text);
              if (g_str_has_prefix (text, "application/vnd.oasis.opendocument."))
                odf_type = g_strdup (text);
            }
          else if (g_str_equal (path, "[Content_Types].xml"))
            content_types = TRUE;
          else
            for (guint j = 0; j < G_N_ELEMENTS (ooxml_parts) && ooxml_type == NULL; j++)
              if (g_str_has_prefix (path, ooxml_parts[j].folder))
                ooxml_type = ooxml_parts[j].type;
        }
    }
  archive_read_free (archive);

  if (odf_type != NULL)
    return g_steal_pointer (&odf_type);
  if (content_types && ooxml_type != NULL)
    return g_strdup (ooxml_type);
  return NULL;
}

/* Types */

static char *
mime_type_of (const char   *name,
              const guint8 *data,
              gsize         length)
{
  g_autofree char *guess = g_content_type_guess (name, data, length, NULL);
  char *mime = g_content_type_get_mime_type (guess);

  return mime != NULL ? mime : g_strdup ("application/octet-stream");
}

static gboolean
is_any_of (const char         *type,
           const char * const *types,
           gsize               n_types)
{
  for (gsize i = 0; type != NULL && i < n_types; i++)
    if (g_content_type_is_a (type, types[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_office_type (const char *type)
{
  if (type == NULL)
    return FALSE;
  if (is_any_of (type, legacy_office_types, G_N_ELEMENTS (legacy_office_types)))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ooxml_parts); i++)
    if (g_content_type_is_a (type, ooxml_parts[i].type))
      return TRUE;
  return FALSE;
}

static gboolean
has_pdf_header (const guint8 *data,
                gsize         length)
{
  /* As poppler does: the header anywhere in the first kilobyte. */
  length = MIN (length, 1024);
  for (gsize i = 0; i + 5 <= length; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static char *
describe (const char *type)
{
  if (type == NULL || g_content_type_is_unknown (type))
    return g_strdup (_("data of no type Warta knows"));
  return g_content_type_get_description (type);
}

static void
set_empty_error (GError     **error,
                 const char  *name)
{
  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
               /* Translators: a file's name */
               _("“%s” is empty (0 bytes)"), name);
}

/* What is wrong, said against what the name promised where it promised
 * something else than what the content is. */
static void
set_mismatch_error (GError     **error,
                    const char  *name,
                    Fit          fit,
                    const char  *claimed,
                    const char  *actual)
{
  g_autofree char *actual_text = describe (actual);

  if (claimed != NULL && !g_content_type_is_unknown (claimed) && !g_content_type_equals (claimed, actual))
    {
      g_autofree char *claimed_text = describe (claimed);

      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                   /* Translators: a file's name, the type its name says, the type of its content,
                    * as “nota-dinas.pdf” is not a PDF document: its content is a Zip archive */
                   _("“%s” is not a %s: its content is %s"), name, claimed_text, actual_text);
      return;
    }

  switch (fit)
    {
    case FIT_IMAGE:
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                   /* Translators: a file's name, then the type of its content */
                   _("“%s” is not an image: its content is %s"), name, actual_text);
      break;
    case FIT_VIDEO:
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                   /* Translators: a file's name, then the type of its content */
                   _("“%s” is not a video: its content is %s"), name, actual_text);
      break;
    case FIT_DOCUMENT:
    case FIT_ANY:
    default:
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                   /* Translators: a file's name, then the type of its content */
                   _("“%s” is not a document: its content is %s"), name, actual_text);
      break;
    }
}

/* A PDF header: poppler must open it. */
static gboolean
check_pdf (GInputStream  *stream,
           gint64         size,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) pdf_error = NULL;

  if (warta_pdf_check_stream (stream, size, cancellable, &pdf_error))
    return TRUE;

  if (g_error_matches (pdf_error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, pdf_error->message);
  else if (g_error_matches (pdf_error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_FAILED))
    g_propagate_error (error, g_steal_pointer (&pdf_error));
  else if (g_error_matches (pdf_error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_NO_PAGES))
    g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                 /* Translators: a file's name */
                 _("“%s” is a PDF without pages"), name);
  else
    g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                 /* Translators: a file's name */
                 _("“%s” is a damaged or incomplete PDF"), name);
  return FALSE;
}

/*
 * check_content:
 * @kind: the attachment's kind
 * @name: the file's name: for the message, and to tell which application
 *   made a legacy Office file
 * @stream: a seekable stream of the whole content
 * @size: its size in bytes
 * @content_type: (out) (optional): the MIME type the content showed
 *
 * Whether the content fits @kind. If not, @error (in
 * WARTA_ENGINE_ERROR_CONTENT) says what is wrong with which file, in a
 * phrase that _warta_attachment_kind_rule() can follow.

 */
static gboolean
check_content (const char    *kind,
               const char    *name,
               GInputStream  *stream,
               gint64         size,
               char         **content_type,
               GCancellable  *cancellable,
               GError       **error)
{
  Fit fit = fit_for_kind (kind);
  guint8 head[SNIFF_SIZE];
  gsize head_length = 0;
  g_autofree char *actual = NULL;
  g_autofree char *claimed = NULL;
  g_autofree char *found = NULL;

  g_return_val_if_fail (G_IS_SEEKABLE (stream), FALSE);

  if (size <= 0)
    {
      set_empty_error (error, name);
      return FALSE;
    }

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error) ||
      !g_input_stream_read_all (stream, head, (gsize)MIN ((gint64)sizeof head, size), &head_length,
                                cancellable, error))
    return FALSE;
  if (head_length == 0)
    {
      set_empty_error (error, name);
      return FALSE;
    }

  actual = mime_type_of (NULL, head, head_length);
  claimed = mime_type_of (name, NULL, 0);

  switch (fit)
    {
    case FIT_ANY:
      found = g_strdup (actual);
      break;

    case FIT_IMAGE:
      if (g_str_has_prefix (actual, "image/"))
        found = g_strdup (actual);
      break;

    case FIT_VIDEO:
      if (g_str_has_prefix (actual, "video/"))
        found = g_strdup (actual);
      break;

    case FIT_DOCUMENT:
    default:
      if (has_pdf_header (head, head_length))
        {
          if (!check_pdf (stream, size, name, cancellable, error))
            return FALSE;
          found = g_strdup ("application/pdf");
        }
      else if (g_str_has_prefix (actual, "image/"))
        found = g_strdup (actual);
      else if (g_content_type_is_a (actual, "application/zip"))
        {
          if (!(found = office_container_type (stream, cancellable)))
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              /* Whatever its first entry made the sniffing say, it is a ZIP. */
              g_free (actual);
              actual = g_strdup ("application/zip");
            }
        }
      /* OLE2 holds Word, Excel and PowerPoint files of before 2007, and
       * OOXML files under a password; only the name tells them from an
       * installer or a mail. */
      else if (g_content_type_is_a (actual, "application/x-ole-storage"))
        {
          if (is_office_type (actual))
            found = g_strdup (actual);
          else if (is_office_type (claimed))
            found = g_strdup (claimed);
        }
      break;
    }

  if (found == NULL)
    {
      set_mismatch_error (error, name, fit, claimed, actual);
      return FALSE;
    }
  if (content_type != NULL)
    *content_type = g_steal_pointer (&found);
  return TRUE;
}

/**
 * _warta_attachment_kind_rule:
 * @kind: an attachment kind
 *
 * What a file of @kind must be, to follow the reason a file was refused.
 *
 * Returns: a translated sentence
 */
const char *
_warta_attachment_kind_rule (const char *kind)
{
  switch (fit_for_kind (kind))
    {
    case FIT_DOCUMENT:
      return _("A nota dinas or supporting document must be a PDF, an office document (Word, Excel, PowerPoint "
               "or OpenDocument) or an image; attach the document itself in one of these forms.");
    case FIT_IMAGE:
      return _("A photo must be an image (such as JPEG, PNG or WebP); attach the picture itself.");
    case FIT_VIDEO:
      return _("A video must be a video file (such as MP4 or WebM); attach the video itself.");
    case FIT_ANY:
    default:
      return _("An attachment cannot be empty; attach the file once it holds its content.");
    }
}

/**
 * _warta_engine_check_stored:
 * @attachment: a stored attachment
 *
 * Whether the stored content of @attachment fits its kind, read in the
 * transaction the caller holds.
 */
gboolean
_warta_engine_check_stored (WartaEngine            *self,
                            const WartaAttachment  *attachment,
                            GCancellable           *cancellable,
                            GError                **error)
{
  g_autoptr(WartaStoreBlob) blob = NULL;
  g_autoptr(GInputStream) stream = NULL;

  if (attachment->size <= 0)
    {
      set_empty_error (error, attachment->name);
      return FALSE;
    }
  if (!(blob = warta_store_blob_open (self->store, attachment->id, FALSE, error)))
    return FALSE;
  stream = blob_stream_new (blob);
  return check_content (attachment->kind, attachment->name, stream, warta_store_blob_get_size (blob), NULL,
                        cancellable, error);
}

/**
 * _warta_engine_check_blob:
 * @blob: the content just written, in the caller's transaction
 *
 * Whether @blob fits @kind; @content_type is set to the type the content
 * showed.
 */
gboolean
_warta_engine_check_blob (WartaStoreBlob  *blob,
                          const char      *kind,
                          const char      *name,
                          char           **content_type,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GInputStream) stream = blob_stream_new (blob);

  return check_content (kind, name, stream, warta_store_blob_get_size (blob), content_type, cancellable, error);
}

/**
 * warta_engine_check_attachment:
 * @attachment_id: a stored attachment
 *
 * Whether a stored file fits its kind: not empty, and of the type its kind
 * needs. Files stored by an older Warta were never asked; a publisher asks
 * before it sends anything.
 *
 * Returns: %TRUE if it fits; else @error says what is wrong with which file
 */
gboolean
warta_engine_check_attachment (WartaEngine   *self,
                               gint64         attachment_id,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  return (snapshot = warta_store_snapshot (self->store, error)) != NULL &&
         (attachment = warta_store_get_attachment (self->store, attachment_id, error)) != NULL &&
         _warta_engine_check_stored (self, attachment, cancellable, error);
}
