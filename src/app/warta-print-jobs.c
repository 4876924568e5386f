/* warta-print-jobs.c: WartaPrint's workers, and exporting
 *
 * The session's database worker reads the case (or the kept copy); a
 * thread of its own, with no database, then lays the document out for the
 * page setup's printable area (or opens the copy with poppler), and for
 * an export writes the PDF and hashes what it wrote; the database worker
 * records the print or the export. Nothing of it on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-print-private.h"
#include "warta-sha256.h"

void
_warta_print_job_free (Job *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->evidence, warta_evidence_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->document, warta_document_free);
  g_clear_object (&job->pdf);
  g_free (job->copy_document);
  g_free (job->title);
  g_free (job->sha256);
  g_free (job);
}

Job *
_warta_print_job_new (WartaPrint   *self,
                      GtkPageSetup *setup)
{
  Job *job = g_new0 (Job, 1);

  job->actor = self->actor;
  job->case_id = self->case_id;
  job->kind = self->kind;
  job->copy_id = self->copy_id;
  job->width = gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS);
  job->height = gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS);
  job->paper_width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
  job->paper_height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
  job->margin_left = gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS);
  job->margin_top = gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS);
  return job;
}

/* On the session's database worker: the case, or the kept copy, as plain
 * data. The job is the GTask's that waits for it (see
 * _warta_print_gather_async): the worker fills it, and nobody else
 * touches it until the worker hands it back. */
static gpointer
gather_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  if (job->copy_id != 0)
    {
      g_autoptr(WartaArchiveCopy) copy = NULL;

      if (!(job->bytes = warta_engine_read_archive_copy (engine, job->actor, job->copy_id, &copy, error)))
        return NULL;
      job->copy_document = g_strdup (copy->document);
      return job;
    }

  if (!warta_engine_may_print (engine, job->actor, job->case_id, error) ||
      !(job->evidence = warta_evidence_gather (engine, job->actor, job->case_id, error)))
    return NULL;
  return job;
}

/* Off the main thread, with no database: the kept copy opened with
 * poppler, or the document laid out for the page setup's printable area. */
static gboolean
lay_out (Job     *job,
         GError **error)
{
  if (job->copy_id != 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *number = NULL;

      if (!(job->pdf = poppler_document_new_from_bytes (job->bytes, NULL, &local_error)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The archive copy cannot be read as a PDF: %s"), local_error->message);
          return FALSE;
        }
      number = g_strdup_printf ("%" G_GINT64_FORMAT, job->case_id);
      /* Translators: %s is the case's number, for the print queue */
      job->title = g_strdup_printf (_("Archive copy of case %s"), number);
      return TRUE;
    }

  job->document = warta_document_new (job->evidence, job->kind, job->width, job->height);
  job->title = g_strdup_printf ("%s — %s", warta_document_kind_describe (job->kind),
                                warta_evidence_get_title (job->evidence));
  return TRUE;
}

static void
lay_out_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (!lay_out (task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* A gather on its way: the task that waits, and what runs after */
typedef struct
{
  GTask           *task;
  GTaskThreadFunc  thread;
} Gather;

static void
on_gather_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree Gather *gather = user_data;
  g_autoptr(GTask) task = gather->task;
  GError *error = NULL;

  if (!warta_session_run_finish (WARTA_SESSION (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_run_in_thread (task, gather->thread);
}

/* The case read on the database worker, then thread (which lays it out,
 * and may write it; NULL: only lays it out) on a thread of its own;
 * callback gets a GTask whose data is job. Takes job. */
void
_warta_print_gather_async (WartaPrint          *self,
                           Job                 *job,
                           GTaskThreadFunc      thread,
                           GAsyncReadyCallback  callback)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  Gather *gather = g_new0 (Gather, 1);

  gather->task = g_task_new (self, cancellable, callback, NULL);
  gather->thread = thread != NULL ? thread : lay_out_thread;
  g_task_set_source_tag (gather->task, _warta_print_gather_async);
  g_task_set_task_data (gather->task, job, (GDestroyNotify)_warta_print_job_free);
  /* What the person just asked for, and on the screen: before polls and
   * bundles. The task keeps job until the worker has handed it back. */
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, gather_job,
                           job, NULL, NULL, cancellable, on_gather_read, gather);
}

/* A print or an export, recorded on the database worker */

typedef struct
{
  gint64    actor;
  gint64    case_id;
  char     *document;
  gboolean  exported;
  char     *sha256;
} Record;

static void
record_free (Record *record)
{
  g_free (record->document);
  g_free (record->sha256);
  g_free (record);
}

static gpointer
record_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Record *record = data;

  if (!warta_engine_record_print (engine, record->actor, record->case_id, record->document,
                                  record->exported, record->sha256, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
_warta_print_record_async (WartaPrint          *self,
                           const char          *document,
                           gboolean             exported,
                           const char          *sha256,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Record *record = g_new0 (Record, 1);

  record->actor = self->actor;
  record->case_id = self->case_id;
  record->document = g_strdup (document);
  record->exported = exported;
  record->sha256 = g_strdup (sha256);
  /* Not cancellable: the paper or the file is out already. */
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self, record_job,
                           record, (GDestroyNotify)record_free, NULL, NULL, callback, user_data);
}

/* After the layout, on the same thread: the PDF written and hashed. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!lay_out (job, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* In memory first: the file is replaced whole or not at all, and its
   * hash is of exactly what was written. */
  out = g_memory_output_stream_new_resizable ();
  if (!warta_document_write_pdf (job->document, out, job->paper_width, job->paper_height,
                                 job->margin_left, job->margin_top, cancellable, &error) ||
      !g_output_stream_close (out, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  job->sha256 = warta_sha256_for_bytes (bytes);
  if (!g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Exporting */

/* An export written, being recorded */
typedef struct
{
  WartaPrint *print;
  GFile      *file;
} Written;

static void
written_free (Written *written)
{
  g_object_unref (written->print);
  g_object_unref (written->file);
  g_free (written);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Written, written_free)

static void
on_export_recorded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Written) written = user_data;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  GError *error = NULL;

  if (!warta_session_run_finish (WARTA_SESSION (source), result, &error))
    {
      g_autofree char *where = g_file_get_parse_name (written->file);
      GError *recorded = g_error_new (error->domain, error->code,
                                      /* Translators: the file, then why */
                                      _("%s was written, but its export could not be recorded: %s"),
                                      where, error->message);

      g_error_free (error);
      _warta_print_complete (written->print, recorded, _("Cannot Export"), NULL, NULL);
      return;
    }

  name = g_file_get_basename (written->file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exported to %s"), name);
  _warta_print_complete (written->print, NULL, NULL, message, written->file);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaPrint *self = WARTA_PRINT (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  Written *written;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _warta_print_complete (self, error, _("Cannot Export"), NULL, NULL);
      return;
    }

  written = g_new0 (Written, 1);
  written->print = g_object_ref (self);
  written->file = g_object_ref (job->file);
  _warta_print_record_async (self, warta_document_kind_to_string (job->kind), TRUE, job->sha256,
                             on_export_recorded, written);
}

static void
warta_print_start_export (WartaPrint *self,
                          GFile      *file)
{
  Job *job = _warta_print_job_new (self, self->page_setup);

  job->file = g_object_ref (file);
  _warta_print_gather_async (self, job, export_thread, on_exported);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  WartaPrint      *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    _warta_print_complete (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Not exported")),
                           NULL, NULL, NULL);
  else
    warta_print_start_export (self, file);
}

void
warta_print_export_async (WartaPrint          *self,
                          GtkWidget           *parent,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root;

  g_return_if_fail (WARTA_IS_PRINT (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->task != NULL || self->copy_id != 0)
    {
      g_task_report_new_error (self, callback, user_data, warta_print_export_async,
                               G_IO_ERROR, self->task != NULL ? G_IO_ERROR_PENDING : G_IO_ERROR_NOT_SUPPORTED,
                               self->task != NULL ? _("This document is being printed already")
                                                  : _("An archive copy is exported with the case's bundle"));
      return;
    }

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, warta_print_export_async);
  self->parent = g_object_ref (parent);
  self->page_setup = warta_print_load_page_setup ();

  if (file != NULL)
    {
      warta_print_start_export (self, file);
      return;
    }

  root = gtk_widget_get_root (parent);
  chooser = gtk_file_chooser_native_new (_("Export as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = warta_document_file_name (self->kind, self->case_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GFile *
warta_print_export_finish (WartaPrint    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (WARTA_IS_PRINT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
