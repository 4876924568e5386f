/* warta-attachment-preview.c: one attachment, shown as well as it can be
 *
 * The content is in the database; the session's database worker reads a
 * PDF of up to MAX_PDF_IN_MEMORY into memory, where poppler reads it
 * fastest, and copies anything larger into a private temporary file, a
 * chunk at a time, unlinked as soon as it is open, so nothing of it
 * lingers on disk. A large PDF goes to the PDF view mapped (no one else
 * can write or cut short a file that has no name), a photo is decoded
 * (scaled to the screen) on a thread of its own, which needs no
 * database, and anything else shows its icon, size and a button to open
 * it with the system's application.
 *
 * Nothing selected, or a photo, stays shown until the new attachment
 * can be shown, or for LOADING_DELAY_MS at most, before the loading
 * page: most PDFs and photos are there sooner, and a loading page shown
 * for a few milliseconds is only a flash, and frames drawn (its spinner
 * turning) while the workers read and render, which on a slow machine
 * take the processor from them. What speaks of the attachment before
 * (an error, its Open button) goes at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "warta-attachment-preview.h"
#include "warta-engine.h"
#include "warta-pdf-view.h"
#include "warta-private-file.h"
#include "warta-session.h"

/* Photos larger than this are scaled down: a preview needs no more. */
#define MAX_IMAGE_SIDE 2560
/* gdk-pixbuf decodes many formats whole before scaling: a picture whose
 * header claims more pixels than this (a 12,000 × 10,000 photo, 480 MB
 * decoded) is not decoded at all, so no file can take the memory. */
#define MAX_IMAGE_PIXELS (G_GINT64_CONSTANT (120) * 1000 * 1000)
/* A PDF up to this size is held in memory while it is shown; a larger
 * one is mapped from a private file, whose pages the system can drop. */
#define MAX_PDF_IN_MEMORY (16 * 1024 * 1024)
/* As the PDF view's spinner: what a person would see as a wait. */
#define LOADING_DELAY_MS 300

struct _WartaAttachmentPreview
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  AdwStatusPage   *loading_page;
  AdwStatusPage   *error_page;
  AdwStatusPage   *other_page;
  GtkPicture      *picture;
  GtkBox          *pdf_box;

  /* Built when the first PDF is shown */
  GtkWidget       *pdf_view;

  /* Owned */
  WartaAttachment *attachment;
  GCancellable    *cancellable;
  gboolean         loading;      /* reading, decoding or opening the attachment */
  guint            loading_id;   /* shows the loading page, if loading takes a while */
  gboolean         awaiting_pdf; /* the PDF view shows once it has more than its loading */
};

G_DEFINE_FINAL_TYPE (WartaAttachmentPreview, warta_attachment_preview, GTK_TYPE_WIDGET)

enum {
  OPEN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What to read: in a thread of the preview's, from the database worker
 * a chunk per job */
typedef struct
{
  WartaWorker *worker;
  gint64      id;
  gint64      size;
  gboolean    pdf;      /* in memory or mapped rather than read through the file */
} Read;

/* An attachment read out of the database, and its picture decoded */
typedef struct
{
  int         fd;
  GBytes     *bytes;    /* or, in memory or mapped */
  GdkPixbuf  *pixbuf;
} Load;

static void
load_free (Load *load)
{
  if (load->fd >= 0)
    close (load->fd);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_clear_object (&load->pixbuf);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

gboolean
warta_attachment_is_pdf (const WartaAttachment *attachment)
{
  return g_strcmp0 (attachment->content_type, "application/pdf") == 0;
}

gboolean
warta_attachment_is_image (const WartaAttachment *attachment)
{
  static const char *types[] = { "image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (attachment->content_type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A private, already unlinked file with the attachment's content, or -1. */
static int
export_to_private_file (WartaWorker   *worker,
                        gint64         id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GOutputStream) out = NULL;
  int fd;

  if ((fd = warta_private_file_new ("preview", error)) < 0)
    return -1;

  /* The stream writes through a duplicate, so fd stays open for the reader. */
  out = g_unix_output_stream_new (dup (fd), TRUE);
  if (!warta_download_stream (warta_worker_run_in, worker, id, out, NULL, NULL, cancellable, error) ||
      !g_output_stream_close (out, cancellable, error))
    {
      close (fd);
      return -1;
    }
  lseek (fd, 0, SEEK_SET);
  return fd;
}

static GBytes *
export_to_memory (WartaWorker   *worker,
                  gint64         id,
                  gint64         size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  /* Grows should the content be longer than the record says: the export
   * then fails on its checksum, with a message that says so. */
  g_autoptr(GOutputStream) out = g_memory_output_stream_new (g_malloc (size), size, g_realloc, g_free);

  if (!warta_download_stream (warta_worker_run_in, worker, id, out, NULL, NULL, cancellable, error) ||
      !g_output_stream_close (out, cancellable, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
read_free (Read *read)
{
  g_object_unref (read->worker);
  g_free (read);
}

/* The content, into memory or a private file, read through the
 * session's database worker a chunk per job, so a big file never holds
 * it for a save typed meanwhile. */
static Load *
read_content (const Read    *read,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(Load) load = g_new0 (Load, 1);
  GMappedFile *mapped;

  load->fd = -1;
  if (read->pdf && read->size <= MAX_PDF_IN_MEMORY)
    {
      if ((load->bytes = export_to_memory (read->worker, read->id, read->size, cancellable, error)) == NULL)
        return NULL;
      return g_steal_pointer (&load);
    }

  if ((load->fd = export_to_private_file (read->worker, read->id, cancellable, error)) < 0)
    return NULL;
  /* Should it fail, poppler reads the file. */
  if (read->pdf && (mapped = g_mapped_file_new_from_fd (load->fd, FALSE, NULL)) != NULL)
    {
      load->bytes = g_mapped_file_get_bytes (mapped);
      g_mapped_file_unref (mapped);
      close (load->fd);
      load->fd = -1;
    }
  return g_steal_pointer (&load);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  Load *load = read_content (task_data, cancellable, &error);

  if (load == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, load, (GDestroyNotify)load_free);
}

/* On a thread of its own, with no database: the photo decoded */
static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", load->fd);
  int width = 0, height = 0;

  /* The header alone, before anything is decoded. */
  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("This picture is damaged or of a kind that cannot be shown; open it with the system's application"));
      return;
    }
  if ((gint64)width * height > MAX_IMAGE_PIXELS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This picture is too large to preview (%d × %d pixels); open it with the system's application"),
                               width, height);
      return;
    }

  in = g_unix_input_stream_new (dup (load->fd), TRUE);
  load->pixbuf = gdk_pixbuf_new_from_stream_at_scale (in, MAX_IMAGE_SIDE, MAX_IMAGE_SIDE, TRUE,
                                                      cancellable, &error);
  if (load->pixbuf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("This picture cannot be shown: %s"), error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_child (WartaAttachmentPreview *self,
            GtkWidget              *child)
{
  g_clear_handle_id (&self->loading_id, g_source_remove);
  self->loading = child == GTK_WIDGET (self->loading_page);
  self->awaiting_pdf = FALSE;
  /* The photo shown before, kept until now. */
  if (child != GTK_WIDGET (self->picture))
    gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child (self->stack, child);
}

static gboolean
show_loading_cb (gpointer user_data)
{
  WartaAttachmentPreview *self = user_data;

  self->loading_id = 0;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->loading_page));
  return G_SOURCE_REMOVE;
}

static void
show_error (WartaAttachmentPreview *self,
            const char             *message)
{
  adw_status_page_set_description (self->error_page, message);
  show_child (self, GTK_WIDGET (self->error_page));
}

/* Opened, or it asks for a password, or could not be opened: there is
 * something of it to see. */
static void
on_pdf_state_changed (WartaAttachmentPreview *self)
{
  if (self->awaiting_pdf &&
      warta_pdf_view_get_state (WARTA_PDF_VIEW (self->pdf_view)) != WARTA_PDF_VIEW_LOADING)
    show_child (self, GTK_WIDGET (self->pdf_box));
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WartaAttachmentPreview *self = WARTA_ATTACHMENT_PREVIEW (source);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  texture = gdk_texture_new_for_pixbuf (load->pixbuf);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  show_child (self, GTK_WIDGET (self->picture));
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WartaAttachmentPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Load) load = NULL;

  if (!(load = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      /* Another attachment, or the preview went: nothing of it to show */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  if (warta_attachment_is_image (self->attachment))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_decoded, NULL);

      g_task_set_source_tag (task, on_read);
      g_task_set_task_data (task, g_steal_pointer (&load), (GDestroyNotify)load_free);
      g_task_run_in_thread (task, decode_thread);
      return;
    }

  if (self->pdf_view == NULL)
    {
      self->pdf_view = warta_pdf_view_new ();
      gtk_widget_set_vexpand (self->pdf_view, TRUE);
      gtk_box_append (self->pdf_box, self->pdf_view);
      g_signal_connect_object (self->pdf_view, "notify::state", G_CALLBACK (on_pdf_state_changed),
                               self, G_CONNECT_SWAPPED);
    }
  if (load->bytes != NULL)
    warta_pdf_view_load_bytes (WARTA_PDF_VIEW (self->pdf_view), load->bytes, self->attachment->name);
  else
    {
      warta_pdf_view_load_fd (WARTA_PDF_VIEW (self->pdf_view), load->fd, self->attachment->name);
      load->fd = -1;
    }
  self->awaiting_pdf = TRUE;
}

static void
show_other (WartaAttachmentPreview *self)
{
  g_autofree char *size = warta_format_bytes (self->attachment->size);
  g_autofree char *description = g_content_type_get_description (self->attachment->content_type);
  g_autofree char *text = g_strdup_printf ("%s · %s", description, size);
  g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (self->attachment->content_type);
  const char * const *names = G_IS_THEMED_ICON (icon) ? g_themed_icon_get_names (G_THEMED_ICON (icon)) : NULL;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  const char *name = "text-x-generic-symbolic";

  /* The type's own icon, else the first of its fallbacks the theme has:
   * an unknown type's first name is one no theme draws. */
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (gtk_icon_theme_has_icon (theme, names[i]))
      {
        name = names[i];
        break;
      }

  adw_status_page_set_title (self->other_page, self->attachment->name);
  adw_status_page_set_description (self->other_page, text);
  adw_status_page_set_icon_name (self->other_page, name);
  show_child (self, GTK_WIDGET (self->other_page));
}

/**
 * warta_attachment_preview_show:
 * @self: the preview
 * @session: the session the attachment is read through
 * @attachment: (nullable): what to show; %NULL shows nothing
 *
 * Shows @attachment; whatever was loading before is cancelled.
 */
void
warta_attachment_preview_show (WartaAttachmentPreview *self,
                               WartaSession           *session,
                               const WartaAttachment  *attachment)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *visible;
  Read *read;

  g_return_if_fail (WARTA_IS_ATTACHMENT_PREVIEW (self));
  g_return_if_fail (attachment == NULL || WARTA_IS_SESSION (session));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->attachment, warta_attachment_free);
  g_clear_handle_id (&self->loading_id, g_source_remove);
  self->loading = FALSE;
  self->awaiting_pdf = FALSE;

  if (attachment == NULL)
    {
      show_child (self, gtk_stack_get_child_by_name (self->stack, "empty"));
      return;
    }

  self->attachment = warta_attachment_copy (attachment);

  if (attachment->size == 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is empty: there is nothing to show. Ask for the file again."),
                                                  attachment->name);
      show_error (self, message);
      return;
    }

  /* A name is no proof, but a reader who was sent “a PDF” should be told
   * plainly that this is not one. */
  if (!warta_attachment_is_pdf (attachment) && g_str_has_suffix (attachment->name, ".pdf"))
    {
      g_autofree char *description = g_content_type_get_description (attachment->content_type);
      g_autofree char *message = g_strdup_printf (_("“%s” is named as a PDF, but its content is not a PDF (%s). Ask for the file again."),
                                                  attachment->name, description);
      show_error (self, message);
      return;
    }

  if (!warta_attachment_is_pdf (attachment) && !warta_attachment_is_image (attachment))
    {
      show_other (self);
      return;
    }

  adw_status_page_set_title (self->loading_page, attachment->name);
  visible = gtk_stack_get_visible_child (self->stack);
  if (visible == gtk_stack_get_child_by_name (self->stack, "empty") || visible == GTK_WIDGET (self->picture))
    self->loading_id = g_timeout_add (LOADING_DELAY_MS, show_loading_cb, self);
  else
    show_child (self, GTK_WIDGET (self->loading_page));
  self->loading = TRUE;

  self->cancellable = g_cancellable_new ();
  read = g_new0 (Read, 1);
  read->worker = g_object_ref (warta_session_get_worker (session));
  read->id = attachment->id;
  read->size = attachment->size;
  read->pdf = warta_attachment_is_pdf (attachment);
  task = g_task_new (NULL, self->cancellable, on_read, g_object_ref (self));
  g_task_set_source_tag (task, warta_attachment_preview_show);
  g_task_set_task_data (task, read, (GDestroyNotify)read_free);
  g_task_run_in_thread (task, read_thread);
}

const WartaAttachment *
warta_attachment_preview_get_attachment (WartaAttachmentPreview *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENT_PREVIEW (self), NULL);

  return self->attachment;
}

GtkWidget *
warta_attachment_preview_get_pdf_view (WartaAttachmentPreview *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENT_PREVIEW (self), NULL);

  return self->pdf_view;
}

const char *
warta_attachment_preview_get_state (WartaAttachmentPreview *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENT_PREVIEW (self), NULL);

  /* Whatever still shows meanwhile. */
  if (self->loading)
    return "loading";
  return gtk_stack_get_visible_child_name (self->stack);
}

/* What the error page says, or NULL when it is not shown. */
const char *
warta_attachment_preview_get_error_message (WartaAttachmentPreview *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENT_PREVIEW (self), NULL);

  if (gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->error_page))
    return NULL;
  return adw_status_page_get_description (self->error_page);
}

static void
on_open_clicked (WartaAttachmentPreview *self)
{
  if (self->attachment != NULL)
    g_signal_emit (self, signals[OPEN_REQUESTED], 0, self->attachment->id);
}

static void
warta_attachment_preview_dispose (GObject *object)
{
  WartaAttachmentPreview *self = WARTA_ATTACHMENT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->loading_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_ATTACHMENT_PREVIEW);
  g_clear_pointer (&self->attachment, warta_attachment_free);

  G_OBJECT_CLASS (warta_attachment_preview_parent_class)->dispose (object);
}

static void
warta_attachment_preview_class_init (WartaAttachmentPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_attachment_preview_dispose;

  /**
   * WartaAttachmentPreview::open-requested:
   * @id: the attachment's id
   *
   * The person asked to open the attachment with the system's application.
   */
  signals[OPEN_REQUESTED] = g_signal_new ("open-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-attachment-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentPreview, loading_page);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentPreview, other_page);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentPreview, pdf_box);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
warta_attachment_preview_init (WartaAttachmentPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
warta_attachment_preview_new (void)
{
  return g_object_new (WARTA_TYPE_ATTACHMENT_PREVIEW, NULL);
}
