/* warta-office-dialog.c: the office's profile and letterhead (kop surat)
 *
 * The office's name and address, the lines of its letterhead (one a
 * line, as the papers print them) and its logo, with a preview drawn by
 * the same cairo code the evidence papers use (warta-letterhead.c). The
 * profile is read and saved on the session's database worker; a chosen
 * logo is read and decoded in a thread of its own. A refused save says
 * why in the dialog and keeps everything typed.
 *
 * The engine refuses anyone but an administrator, whatever this shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-evidence.h"
#include "warta-letterhead.h"
#include "warta-office-dialog.h"

/* The papers' printable width: A4 less its two margins, in points. */
#define PAPER_WIDTH (WARTA_A4_WIDTH_PT - 2 * WARTA_DEFAULT_MARGIN_PT)

struct _WartaOfficeDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  GtkTextView          *kop_view;
  AdwActionRow         *logo_row;
  GtkWidget            *remove_logo_button;
  GtkDrawingArea       *preview;
  GtkLabel             *error_label;
  GtkWidget            *save_button;

  /* Owned */
  WartaSession         *session;
  GCancellable         *cancellable;   /* the read, a logo's read, the save */
  GBytes               *logo;          /* the logo as it will be saved, or NULL */
  char                 *logo_type;
  cairo_surface_t      *logo_surface;  /* decoded, for the preview */
  gboolean              logo_changed;
  GtkFileChooserNative *chooser;
  guint                 busy;
};

G_DEFINE_FINAL_TYPE (WartaOfficeDialog, warta_office_dialog, ADW_TYPE_WINDOW)

static void
set_busy (WartaOfficeDialog *self,
          int                delta)
{
  self->busy += delta;
  gtk_widget_set_sensitive (self->save_button, self->busy == 0);
}

static void
show_error (WartaOfficeDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static GStrv
kop_lines (WartaOfficeDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->kop_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strsplit (text, "\n", -1);
}

/* The preview: the letterhead as the papers draw it, scaled to the
 * widget's width, on white. */
static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  WartaOfficeDialog *self = user_data;
  g_auto(GStrv) lines = kop_lines (self);
  g_autoptr(WartaLetterhead) letterhead = warta_letterhead_new ((const char * const *)lines, self->logo_surface);
  double margin = 12, scale, drawn;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (letterhead == NULL)
    return;

  /* As wide as the widget allows, and all of it in its height. */
  drawn = warta_letterhead_layout (letterhead, NULL, PAPER_WIDTH);
  scale = MIN ((width - 2 * margin) / PAPER_WIDTH, (height - 2 * margin) / MAX (drawn, 1));
  cairo_translate (cr, (width - PAPER_WIDTH * scale) / 2, margin);
  cairo_scale (cr, scale, scale);
  warta_letterhead_draw (letterhead, cr);
}

static void
on_kop_changed (WartaOfficeDialog *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
update_logo_row (WartaOfficeDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->logo != NULL)
    /* Translators: the logo's content type and its size in KiB */
    subtitle = g_strdup_printf (_("%s, %.0f KiB"), self->logo_type, g_bytes_get_size (self->logo) / 1024.0);
  else
    subtitle = g_strdup (_("None: a PNG or JPEG picture of at most 1 MiB"));
  adw_action_row_set_subtitle (self->logo_row, subtitle);
  gtk_widget_set_visible (self->remove_logo_button, self->logo != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

/* A logo decoded in a thread: for the preview. */

typedef struct
{
  GBytes          *bytes;
  char            *type;
  cairo_surface_t *surface;
} LogoRead;

static void
logo_read_free (LogoRead *read)
{
  g_clear_pointer (&read->bytes, g_bytes_unref);
  g_free (read->type);
  g_clear_pointer (&read->surface, cairo_surface_destroy);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogoRead, logo_read_free)

static void
read_logo_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(LogoRead) read = g_new0 (LogoRead, 1);
  g_autoptr(GError) error = NULL;

  read->bytes = task_data != NULL ? g_bytes_ref (task_data) : NULL;
  if (read->bytes == NULL && !(read->bytes = g_file_load_bytes (file, cancellable, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!(read->surface = warta_letterhead_decode_logo (read->bytes, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  read->type = g_content_type_guess (NULL, g_bytes_get_data (read->bytes, NULL), g_bytes_get_size (read->bytes), NULL);
  g_task_return_pointer (task, g_steal_pointer (&read), (GDestroyNotify)logo_read_free);
}

static void
logo_read (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WartaOfficeDialog *self = WARTA_OFFICE_DIALOG (object);
  gboolean chosen = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "chosen"));
  g_autoptr(LogoRead) read = NULL;
  g_autoptr(GError) error = NULL;

  read = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, -1);
  if (read == NULL)
    {
      /* A logo already saved that no longer decodes still shows its row. */
      show_error (self, error->message);
      return;
    }

  if (chosen)
    {
      g_clear_pointer (&self->logo, g_bytes_unref);
      self->logo = g_bytes_ref (read->bytes);
      g_free (self->logo_type);
      self->logo_type = g_content_type_get_mime_type (read->type);
      self->logo_changed = TRUE;
      show_error (self, NULL);
    }
  g_clear_pointer (&self->logo_surface, cairo_surface_destroy);
  self->logo_surface = cairo_surface_reference (read->surface);
  update_logo_row (self);
}

static void
read_logo (WartaOfficeDialog *self,
           GFile             *file,
           GBytes            *bytes)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, logo_read, NULL);

  g_task_set_source_tag (task, read_logo);
  g_object_set_data (G_OBJECT (task), "chosen", GINT_TO_POINTER (file != NULL));
  if (file != NULL)
    g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  if (bytes != NULL)
    g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify)g_bytes_unref);
  set_busy (self, 1);
  g_task_run_in_thread (task, read_logo_thread);
}

static void
on_logo_chosen (GtkNativeDialog   *chooser,
                int                response,
                WartaOfficeDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->chooser);
  if (file != NULL && self->cancellable != NULL)
    read_logo (self, file, NULL);
  g_object_unref (self);
}

static void
on_choose_logo_clicked (WartaOfficeDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("PNG or JPEG pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  self->chooser = gtk_file_chooser_native_new (_("Choose the Letterhead’s Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_logo_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_remove_logo_clicked (WartaOfficeDialog *self)
{
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_clear_pointer (&self->logo_type, g_free);
  g_clear_pointer (&self->logo_surface, cairo_surface_destroy);
  self->logo_changed = TRUE;
  update_logo_row (self);
}

/* Reading the profile */

static gpointer
get_office_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return warta_engine_get_office (engine, error);
}

static void
office_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WartaOfficeDialog) self = user_data;
  g_autoptr(WartaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kop = NULL;

  office = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, -1);
  if (office == NULL)
    {
      show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), office->name);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), office->address);
  kop = g_strjoinv ("\n", office->kop_lines);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->kop_view), kop, -1);
  self->logo = office->logo != NULL ? g_bytes_ref (office->logo) : NULL;
  self->logo_type = g_strdup (office->logo_type);
  update_logo_row (self);
  if (self->logo != NULL)
    read_logo (self, NULL, self->logo);
}

/* Saving */

typedef struct
{
  gint64       actor;
  WartaOffice *office;
  gboolean     set_logo;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  warta_office_free (job->office);
  g_free (job);
}

static gpointer
save_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveJob *job = data;

  if (!warta_engine_set_office (engine, job->actor, job->office, job->set_logo, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
saved (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(WartaOfficeDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (warta_session_run_finish (WARTA_SESSION (object), result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, -1);
      /* Everything typed stays, to be put right. */
      show_error (self, error->message);
      return;
    }
  set_busy (self, -1);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_save_clicked (WartaOfficeDialog *self)
{
  SaveJob *job;

  if (self->busy > 0 || self->session == NULL)
    return;

  job = g_new0 (SaveJob, 1);
  job->actor = warta_session_get_user_id (self->session);
  job->office = g_new0 (WartaOffice, 1);
  job->office->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  job->office->address = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  job->office->kop_lines = kop_lines (self);
  job->office->logo = self->logo != NULL ? g_bytes_ref (self->logo) : NULL;
  job->office->logo_type = g_strdup (self->logo_type);
  job->set_logo = self->logo_changed;
  show_error (self, NULL);
  set_busy (self, 1);
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                           save_job, job, (GDestroyNotify)save_job_free, NULL,
                           self->cancellable, saved, g_object_ref (self));
}

static void
warta_office_dialog_dispose (GObject *object)
{
  WartaOfficeDialog *self = (WartaOfficeDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_OFFICE_DIALOG);

  G_OBJECT_CLASS (warta_office_dialog_parent_class)->dispose (object);
}

static void
warta_office_dialog_finalize (GObject *object)
{
  WartaOfficeDialog *self = (WartaOfficeDialog *)object;

  g_clear_pointer (&self->logo, g_bytes_unref);
  g_free (self->logo_type);
  g_clear_pointer (&self->logo_surface, cairo_surface_destroy);

  G_OBJECT_CLASS (warta_office_dialog_parent_class)->finalize (object);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  on_save_clicked (WARTA_OFFICE_DIALOG (widget));
}

static void
warta_office_dialog_class_init (WartaOfficeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_office_dialog_dispose;
  object_class->finalize = warta_office_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-office-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, kop_view);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, logo_row);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, remove_logo_button);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaOfficeDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_logo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_logo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_install_action (widget_class, "office.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "office.save", NULL);
}

static void
warta_office_dialog_init (WartaOfficeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->kop_view), "changed",
                           G_CALLBACK (on_kop_changed), self, G_CONNECT_SWAPPED);
  update_logo_row (self);
}

WartaOfficeDialog *
warta_office_dialog_new (GtkWindow    *parent,
                         WartaSession *session)
{
  WartaOfficeDialog *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_OFFICE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  set_busy (self, 1);
  warta_session_run_async (session, WARTA_JOB_PRIORITY_HIGH, self,
                           get_office_job, NULL, NULL, (GDestroyNotify)warta_office_free,
                           self->cancellable, office_read, g_object_ref (self));
  return self;
}

gboolean
warta_office_dialog_is_busy (WartaOfficeDialog *self)
{
  g_return_val_if_fail (WARTA_IS_OFFICE_DIALOG (self), FALSE);
  return self->busy > 0;
}
