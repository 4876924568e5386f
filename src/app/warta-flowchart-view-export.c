/* warta-flowchart-view-export.c: the flowchart saved as a PNG or a PDF
 *
 * The file is chosen in a native dialog; the chart is laid out and drawn
 * again in a worker thread, in the light colours, as of the moment of
 * the export, and written by the core (A4 pages for a PDF).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-flowchart-view-private.h"

typedef struct
{
  WartaSop             *sop;
  GPtrArray            *runs;
  gint64                now;
  PangoFontDescription *font;
  char                 *path;
  WartaFlowchartFormat  format;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->sop);
  g_clear_pointer (&job->runs, g_ptr_array_unref);
  g_clear_pointer (&job->font, pango_font_description_free);
  g_free (job->path);
  g_free (job);
}

/* A toast when there is an overlay to show it in, else a dialog for an error. */
static void
show_message (WartaFlowchartView *self,
              const char         *heading,
              const char         *message,
              gboolean            is_error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (overlay != NULL)
    {
      /* A toast's title is markup. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      if (is_error)
        adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else if (is_error && GTK_IS_WINDOW (root))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (is_error)
    g_warning ("%s: %s", heading, message);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(WartaFlowchartLayout) layout = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* On paper: always the light colours. */
  layout = warta_flowchart_layout_new (job->sop, NULL);
  if (warta_flowchart_export (layout, job->sop, job->runs, job->now, warta_flowchart_colors_get_default (FALSE),
                              _warta_flowchart_view_draw_text, job->font, job->path, job->format, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Export the Flowchart"), error->message, TRUE);
      return;
    }

  basename = g_path_get_basename (job->path);
  /* Translators: a file name */
  message = g_strdup_printf (_("Flowchart saved as “%s”"), basename);
  show_message (self, NULL, message, FALSE);
}

static void
export_to_path (WartaFlowchartView   *self,
                const char           *path,
                WartaFlowchartFormat  format)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  job->sop = g_object_ref (self->sop);
  job->runs = _warta_flowchart_view_copy_runs (self->runs);
  job->now = _warta_flowchart_view_read_clock (self);
  job->font = _warta_flowchart_view_widget_font (self);
  job->path = g_strdup (path);
  job->format = format;

  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, export_to_path);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
chooser_response_cb (GtkNativeDialog    *dialog,
                     int                 response,
                     WartaFlowchartView *self)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *extension;

  if (response != GTK_RESPONSE_ACCEPT || self->sop == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      show_message (self, _("Could Not Export the Flowchart"),
                    _("The flowchart can only be saved in a folder on this computer. Choose another folder."), TRUE);
      return;
    }

  extension = self->chooser_format == WARTA_FLOWCHART_PDF ? ".pdf" : ".png";
  if (!g_str_has_suffix (path, extension))
    {
      char *with_extension = g_strconcat (path, extension, NULL);

      g_free (path);
      path = with_extension;
    }
  export_to_path (self, path, self->chooser_format);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);
  gboolean pdf = g_str_equal (action_name, "flowchart.export-pdf");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->sop == NULL)
    return;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  self->chooser_format = pdf ? WARTA_FLOWCHART_PDF : WARTA_FLOWCHART_PNG;
  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Flowchart as PDF") : _("Export Flowchart as PNG"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* Translators: the file name the export suggests: an SOP's id, then png or pdf */
  name = g_strdup_printf (_("flowchart-%s.%s"), warta_sop_get_id (self->sop), pdf ? "pdf" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_warta_flowchart_view_dispose_export (WartaFlowchartView *self)
{
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
}

void
_warta_flowchart_view_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "flowchart.export-png", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "flowchart.export-pdf", NULL, export_action);
}
