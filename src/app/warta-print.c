/* warta-print.c: printing or exporting one document of one case
 *
 * Everything slow happens off the main thread: reading the case
 * (warta_evidence_gather decodes the screenshot and photos) or a kept
 * archive copy on the session's database worker; laying the document out
 * for the page setup's printable area, opening a copy with poppler,
 * writing and hashing an export on a thread of its own, which needs no
 * database. The main thread then runs
 * GtkPrintOperation asynchronously with its dialog; its begin-print only
 * lays the document out again when the person chose other paper there, and
 * draw-page draws one page that is already laid out.
 *
 * A print is recorded when GTK says it was applied (not for a preview); an
 * export when its file is written, with the file's SHA-256 (the workers
 * and the export are in warta-print-jobs.c). Either is one short engine
 * transaction on the database worker, journaled by the engine; the
 * session then tells the views that show it ("changed::archive").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "warta-print-private.h"

G_DEFINE_FINAL_TYPE (WartaPrint, warta_print, G_TYPE_OBJECT)

/* The printer and options last chosen in the dialog */
static GtkPrintSettings *process_settings;

static void
warta_print_clear_run (WartaPrint *self)
{
  if (self->operation != NULL)
    g_signal_handlers_disconnect_by_data (self->operation, self);
  g_clear_object (&self->operation);
  g_clear_object (&self->page_setup);
  g_clear_object (&self->parent);
  g_clear_pointer (&self->evidence, warta_evidence_free);
  g_clear_pointer (&self->document, warta_document_free);
  g_clear_object (&self->pdf);
  g_clear_pointer (&self->copy_document, g_free);
  g_clear_pointer (&self->title, g_free);
  self->previewed = FALSE;
  self->finished = FALSE;
}

static void
warta_print_dispose (GObject *object)
{
  WartaPrint *self = WARTA_PRINT (object);

  warta_print_clear_run (self);
  g_clear_object (&self->task);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (warta_print_parent_class)->dispose (object);
}

static void
warta_print_finalize (GObject *object)
{
  WartaPrint *self = WARTA_PRINT (object);

  g_free (self->export_filename);

  G_OBJECT_CLASS (warta_print_parent_class)->finalize (object);
}

static void
warta_print_class_init (WartaPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_print_dispose;
  object_class->finalize = warta_print_finalize;
}

static void
warta_print_init (WartaPrint *self)
{
  self->show_dialog = TRUE;
}

static WartaPrint *
warta_print_new_internal (WartaSession *session,
                          gint64        case_id)
{
  WartaPrint *self = g_object_new (WARTA_TYPE_PRINT, NULL);

  self->session = g_object_ref (session);
  self->actor = warta_session_get_user_id (session);
  self->case_id = case_id;
  return self;
}

WartaPrint *
warta_print_new (WartaSession      *session,
                 gint64             case_id,
                 WartaDocumentKind  kind)
{
  WartaPrint *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind < WARTA_N_DOCUMENTS, NULL);

  self = warta_print_new_internal (session, case_id);
  self->kind = kind;
  return self;
}

WartaPrint *
warta_print_new_for_copy (WartaSession *session,
                          gint64        case_id,
                          gint64        copy_id)
{
  WartaPrint *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);
  g_return_val_if_fail (copy_id > 0, NULL);

  self = warta_print_new_internal (session, case_id);
  self->kind = WARTA_DOCUMENT_BUKTI;
  self->copy_id = copy_id;
  return self;
}

gint64
warta_print_get_case_id (WartaPrint *self)
{
  g_return_val_if_fail (WARTA_IS_PRINT (self), 0);
  return self->case_id;
}

WartaDocumentKind
warta_print_get_kind (WartaPrint *self)
{
  g_return_val_if_fail (WARTA_IS_PRINT (self), WARTA_DOCUMENT_BUKTI);
  return self->kind;
}

void
warta_print_set_print_settings (WartaPrint       *self,
                                GtkPrintSettings *settings)
{
  g_return_if_fail (WARTA_IS_PRINT (self));
  g_set_object (&self->settings, settings);
}

void
warta_print_set_show_dialog (WartaPrint *self,
                             gboolean    show_dialog)
{
  g_return_if_fail (WARTA_IS_PRINT (self));
  self->show_dialog = !!show_dialog;
}

void
warta_print_set_export_filename (WartaPrint *self,
                                 const char *filename)
{
  g_return_if_fail (WARTA_IS_PRINT (self));
  g_free (self->export_filename);
  self->export_filename = g_strdup (filename);
}

/* Page setup and printer, shared by every print */

GtkPageSetup *
warta_print_load_page_setup (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) value = g_settings_get_value (settings, "page-setup");
  g_autoptr(GtkPaperSize) a4 = NULL;
  GtkPageSetup *setup;

  if (g_variant_n_children (value) > 0 && (setup = gtk_page_setup_new_from_gvariant (value)) != NULL)
    return setup;

  /* The documents' own default, so that a print and warta-cli's export of
   * the same case break into the same pages. */
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (setup, WARTA_DEFAULT_MARGIN_PT, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, WARTA_DEFAULT_MARGIN_PT, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, WARTA_DEFAULT_MARGIN_PT, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, WARTA_DEFAULT_MARGIN_PT, GTK_UNIT_POINTS);
  return setup;
}

void
warta_print_save_page_setup (GtkPageSetup *setup)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_return_if_fail (GTK_IS_PAGE_SETUP (setup));
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (setup));
}

GtkPrintSettings *
warta_print_get_settings (void)
{
  if (process_settings == NULL)
    process_settings = gtk_print_settings_new ();
  return process_settings;
}

static GtkPrintSettings *
warta_print_current_settings (WartaPrint *self)
{
  return self->settings != NULL ? self->settings : warta_print_get_settings ();
}

/* Saying how it went */

/* On the nearest toast overlay above parent: the widget asking is inside
 * one (the case view's, the archive pane's), or the window has one. */
static void
warta_print_toast (GtkWidget  *parent,
                   const char *message)
{
  GtkWidget *overlay = parent ? gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY) : NULL;

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
warta_print_show_error (GtkWidget    *parent,
                        const char   *heading,
                        const GError *error)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_warta_print_complete (WartaPrint *self,
                       GError     *error,
                       const char *heading,
                       const char *done_message,
                       GFile      *file)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GtkWidget) parent = g_steal_pointer (&self->parent);

  warta_print_clear_run (self);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        warta_print_show_error (parent, heading, error);
      g_task_return_error (task, error);
      return;
    }

  if (done_message != NULL)
    warta_print_toast (parent, done_message);
  if (file != NULL)
    g_task_return_pointer (task, g_object_ref (file), g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

/* Printing, on the main thread */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                WartaPrint        *self)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  if (self->pdf != NULL)
    {
      gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (self->pdf));
      return;
    }

  /* GTK wants the page count now. The worker laid the document out for
   * the page setup; only paper or margins chosen otherwise in the dialog
   * need it again, for a few pages of text. */
  if (self->document == NULL ||
      fabs (width - self->document_width) > 0.01 || fabs (height - self->document_height) > 0.01)
    {
      g_clear_pointer (&self->document, warta_document_free);
      self->document = warta_document_new (self->evidence, self->kind, width, height);
      self->document_width = width;
      self->document_height = height;
    }
  gtk_print_operation_set_n_pages (operation, MAX (1, warta_document_get_n_pages (self->document)));
}

static void
draw_copy_page (WartaPrint      *self,
                GtkPrintContext *context,
                int              page_nr)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(GObject) held = NULL;   /* poppler-glib 22 defines no g_autoptr of its own */
  PopplerPage *page = poppler_document_get_page (self->pdf, page_nr);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double page_width, page_height, scale;

  if (page == NULL)
    return;
  held = G_OBJECT (page);

  /* The copy as kept, at its own size on the same paper; shrunk to fit
   * only when the person chose smaller paper. */
  poppler_page_get_size (page, &page_width, &page_height);
  scale = MIN (width / page_width, height / page_height);
  if (scale > 1 || fabs (scale - 1) < 0.005)
    scale = 1;
  cairo_save (cr);
  cairo_translate (cr, MAX (0, (width - page_width * scale) / 2), MAX (0, (height - page_height * scale) / 2));
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              WartaPrint        *self)
{
  if (self->pdf != NULL)
    draw_copy_page (self, context, page_nr);
  else if (self->document != NULL && page_nr < warta_document_get_n_pages (self->document))
    warta_document_draw_page (self->document, gtk_print_context_get_cairo_context (context), page_nr);
}

/* GTK's own preview (through the system's PDF viewer) is no print. */
static gboolean
on_preview (GtkPrintOperation *operation,
            gpointer           preview,
            GtkPrintContext   *context,
            GtkWindow         *parent,
            WartaPrint        *self)
{
  self->previewed = TRUE;
  return FALSE;
}

static void
on_print_recorded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WartaPrint) self = user_data;
  g_autofree char *message = NULL;
  GError *error = NULL;

  if (!warta_session_run_finish (WARTA_SESSION (source), result, &error))
    {
      g_autoptr(GError) recorded = error;

      error = g_error_new (recorded->domain, recorded->code,
                           _("The document was printed, but the print could not be recorded: %s"),
                           recorded->message);
      _warta_print_complete (self, error, _("Print Not Recorded"), NULL, NULL);
      return;
    }

  if (self->pdf != NULL)
    message = g_strdup (_("The archive copy was sent to the printer"));
  else
    /* Translators: %s is a document's name, as “Bukti Publikasi” */
    message = g_strdup_printf (_("%s was sent to the printer"), warta_document_kind_describe (self->kind));
  _warta_print_complete (self, NULL, NULL, message, NULL);
}

static void
warta_print_operation_done (WartaPrint              *self,
                            GtkPrintOperationResult  result,
                            GError                  *error)
{
  const char *document;

  if (self->finished)
    {
      g_clear_error (&error);
      return;
    }
  self->finished = TRUE;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error == NULL)
        gtk_print_operation_get_error (self->operation, &error);
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("The printer did not say why"));
      _warta_print_complete (self, error, _("Cannot Print"), NULL, NULL);
      return;
    }
  g_clear_error (&error);

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY || self->previewed)
    {
      _warta_print_complete (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Not printed")),
                             NULL, NULL, NULL);
      return;
    }

  /* The dialog remembers the printer and its options for the next print. */
  if (self->settings == NULL && self->show_dialog && self->export_filename == NULL)
    {
      g_clear_object (&process_settings);
      process_settings = gtk_print_settings_copy (gtk_print_operation_get_print_settings (self->operation));
    }

  /* Recorded on the database worker; the run ends when it is. */
  document = self->pdf != NULL ? self->copy_document : warta_document_kind_to_string (self->kind);
  _warta_print_record_async (self, document, FALSE, NULL, on_print_recorded, g_object_ref (self));
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         WartaPrint              *self)
{
  g_autoptr(WartaPrint) hold = g_object_ref (self);

  warta_print_operation_done (self, result, NULL);
}

/* A kept copy goes on paper of its own size, as it was made. */
static GtkPageSetup *
copy_page_setup (PopplerDocument *pdf)
{
  g_autoptr(GObject) held = NULL;
  PopplerPage *page = poppler_document_get_page (pdf, 0);
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPageSetup *setup = gtk_page_setup_new ();
  double width = WARTA_A4_WIDTH_PT, height = WARTA_A4_HEIGHT_PT;

  if (page != NULL)
    {
      held = G_OBJECT (page);
      poppler_page_get_size (page, &width, &height);
    }
  if (fabs (width - WARTA_A4_WIDTH_PT) < 1 && fabs (height - WARTA_A4_HEIGHT_PT) < 1)
    paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  else
    paper = gtk_paper_size_new_custom ("warta-copy", _("Archive copy"), MIN (width, height), MAX (width, height),
                                       GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
warta_print_run_operation (WartaPrint *self)
{
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  GtkPrintOperationResult result;
  GtkRoot *root = gtk_widget_get_root (self->parent);
  GError *error = NULL;

  self->operation = gtk_print_operation_new ();
  if (self->pdf != NULL)
    {
      g_autoptr(GtkPageSetup) setup = copy_page_setup (self->pdf);

      gtk_print_operation_set_default_page_setup (self->operation, setup);
      gtk_print_operation_set_use_full_page (self->operation, TRUE);
    }
  else
    gtk_print_operation_set_default_page_setup (self->operation, self->page_setup);
  gtk_print_operation_set_print_settings (self->operation, warta_print_current_settings (self));
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);
  gtk_print_operation_set_allow_async (self->operation, TRUE);
  gtk_print_operation_set_job_name (self->operation, self->title);
  g_signal_connect (self->operation, "begin-print", G_CALLBACK (on_begin_print), self);
  g_signal_connect (self->operation, "draw-page", G_CALLBACK (on_draw_page), self);
  g_signal_connect (self->operation, "preview", G_CALLBACK (on_preview), self);
  g_signal_connect (self->operation, "done", G_CALLBACK (on_done), self);

  if (self->export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (self->operation, self->export_filename);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  else if (!self->show_dialog)
    action = GTK_PRINT_OPERATION_ACTION_PRINT;

  /* Asynchronous: "done" says how it ended; a run that ends at once (an
   * error before any dialog) says so here, and "done" may not follow. */
  result = gtk_print_operation_run (self->operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->operation != NULL)
    warta_print_operation_done (self, result, error);
  else
    g_clear_error (&error);
}

static void
on_gathered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaPrint *self = WARTA_PRINT (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _warta_print_complete (self, error, _("Cannot Print"), NULL, NULL);
      return;
    }
  self->evidence = g_steal_pointer (&job->evidence);
  self->document = g_steal_pointer (&job->document);
  self->document_width = job->width;
  self->document_height = job->height;
  self->pdf = g_steal_pointer (&job->pdf);
  self->copy_document = g_steal_pointer (&job->copy_document);
  self->title = g_steal_pointer (&job->title);
  warta_print_run_operation (self);
}

void
warta_print_print_async (WartaPrint          *self,
                         GtkWidget           *parent,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (WARTA_IS_PRINT (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));

  if (self->task != NULL)
    {
      g_task_report_new_error (self, callback, user_data, warta_print_print_async,
                               G_IO_ERROR, G_IO_ERROR_PENDING, _("This document is being printed already"));
      return;
    }

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, warta_print_print_async);
  self->parent = g_object_ref (parent);
  self->page_setup = warta_print_load_page_setup ();

  _warta_print_gather_async (self, _warta_print_job_new (self, self->page_setup), NULL, on_gathered);
}

gboolean
warta_print_print_finish (WartaPrint    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (WARTA_IS_PRINT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
