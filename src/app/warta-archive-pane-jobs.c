/* warta-archive-pane-jobs.c: what the archive pane does with a case
 *
 * Opening a document reads the case (or the kept copy) on the session's
 * database worker, then draws it on a thread of its own into a private
 * file, unlinked at once, that the PDF view reads by descriptor. Printing
 * and exporting one document go through WartaPrint. The bundle and a new
 * archive copy are written on the database worker, one at a time, the
 * bundle with its progress, after what is on the screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "warta-archive.h"
#include "warta-archive-pane-private.h"
#include "warta-private-file.h"

void
_warta_archive_pane_update_actions (WartaArchivePane *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = self->entry != NULL;
  gboolean idle = self->job_cancellable == NULL;
  gboolean has_copy = (self->copies != NULL && self->copies->len > 0) ||
                      (shown && self->entry->archive_copy_id != 0);

  gtk_widget_action_set_enabled (widget, "archive.open-document", shown);
  gtk_widget_action_set_enabled (widget, "archive.open-copy", shown);
  gtk_widget_action_set_enabled (widget, "archive.print-document", shown && self->print == NULL);
  gtk_widget_action_set_enabled (widget, "archive.print-copy", shown && self->print == NULL);
  gtk_widget_action_set_enabled (widget, "archive.export-document", shown && self->print == NULL);
  gtk_widget_action_set_enabled (widget, "archive.export-bundle", shown && idle);
  gtk_widget_action_set_enabled (widget, "archive.make-copy", shown && idle && !has_copy);
  /* Offered only to a case that has none, once its copies are known */
  gtk_widget_set_visible (GTK_WIDGET (self->make_copy_button), shown && !has_copy && !self->details_loading);
}

/* Opening, into the PDF view: the case or the copy is read on the
 * session's database worker, then drawn and written to a private file on
 * a thread of its own, which needs no database. */

typedef struct
{
  gint64             actor;
  gint64             case_id;
  WartaDocumentKind  kind;
  gint64             copy_id;
} OpenRequest;

typedef struct
{
  gint64             case_id;
  WartaDocumentKind  kind;
  WartaEvidence     *evidence;   /* a document to draw, or */
  GBytes            *bytes;      /* a kept copy, as kept */
  int                fd;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_pointer (&job->evidence, warta_evidence_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->fd >= 0)
    close (job->fd);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenJob, open_job_free)

/* bytes in a file nobody else can open, rewound for the reader. */
static int
write_private_file (GBytes        *bytes,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GOutputStream) out = NULL;
  int fd;

  if ((fd = warta_private_file_new ("document", error)) < 0)
    return -1;

  out = g_unix_output_stream_new (fd, FALSE);
  if (!g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, cancellable, error))
    {
      close (fd);
      return -1;
    }
  lseek (fd, 0, SEEK_SET);
  return fd;
}

/* On the database worker: what the document is drawn from */
static gpointer
open_read_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  OpenRequest *request = data;
  g_autoptr(OpenJob) job = g_new0 (OpenJob, 1);

  job->case_id = request->case_id;
  job->kind = request->kind;
  job->fd = -1;
  if (request->copy_id != 0)
    job->bytes = warta_engine_read_archive_copy (engine, request->actor, request->copy_id, NULL, error);
  else if (warta_engine_may_print (engine, request->actor, request->case_id, error))
    job->evidence = warta_evidence_gather (engine, request->actor, request->case_id, error);
  if (job->bytes == NULL && job->evidence == NULL)
    return NULL;
  return g_steal_pointer (&job);
}

/* On a thread of its own: drawing and writing, no database */
static void
open_write_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;

  if (job->bytes == NULL && !(job->bytes = warta_evidence_render_pdf (job->evidence, job->kind, &error)))
    g_task_return_error (task, error);
  else if ((job->fd = write_private_file (job->bytes, cancellable, &error)) < 0)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_open_error (WartaArchivePane *self,
                 const GError     *error)
{
  self->preview_loading = FALSE;
  adw_status_page_set_description (self->preview_error_page, error->message);
  gtk_stack_set_visible_child_name (self->preview_stack, "error");
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (source);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, error);
      return;
    }

  self->preview_loading = FALSE;
  name = warta_document_file_name (job->kind, job->case_id);
  warta_pdf_view_load_fd (self->pdf_view, job->fd, name);
  job->fd = -1;
  gtk_stack_set_visible_child_name (self->preview_stack, "pdf");
}

static void
on_open_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaArchivePane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  if (!(job = warta_session_run_finish (WARTA_SESSION (source), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, error);
      return;
    }

  task = g_task_new (self, self->preview_cancellable, on_opened, NULL);
  g_task_set_source_tag (task, on_open_read);
  g_task_set_task_data (task, job, (GDestroyNotify)open_job_free);
  g_task_run_in_thread (task, open_write_thread);
}

static void
start_open (WartaArchivePane  *self,
            WartaDocumentKind  kind,
            gint64             copy_id)
{
  OpenRequest *request;

  if (self->entry == NULL)
    return;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  request = g_new0 (OpenRequest, 1);
  request->actor = warta_session_get_user_id (self->session);
  request->case_id = self->entry->case_id;
  request->kind = kind;
  request->copy_id = copy_id;

  adw_status_page_set_title (self->loading_page, copy_id != 0 ? _("Reading the Archive Copy…")
                                                              : _("Drawing the Document…"));
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  self->preview_loading = TRUE;
  self->preview_cancellable = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, open_read_job,
                           request, g_free, (GDestroyNotify)open_job_free,
                           self->preview_cancellable, on_open_read, g_object_ref (self));
}

static void
open_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WartaDocumentKind kind;

  if (warta_document_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    start_open (WARTA_ARCHIVE_PANE (widget), kind, 0);
}

static void
open_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_open (WARTA_ARCHIVE_PANE (widget), WARTA_DOCUMENT_BUKTI, g_variant_get_int64 (parameter));
}

/* Printing and exporting one document, again */

static void
on_print_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WartaArchivePane) self = user_data;
  WartaPrint *print = WARTA_PRINT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  /* WartaPrint says how it went itself. */
  if (g_async_result_is_tagged (result, warta_print_export_async))
    file = warta_print_export_finish (print, result, &error);
  else
    warta_print_print_finish (print, result, &error);

  if (self->print == print)
    {
      g_clear_object (&self->print);
      if (self->session != NULL)
        _warta_archive_pane_update_actions (self);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (widget);
  gboolean copy = g_str_equal (action_name, "archive.print-copy");
  gboolean export = g_str_equal (action_name, "archive.export-document");
  WartaDocumentKind kind = WARTA_DOCUMENT_BUKTI;

  if (self->entry == NULL || self->print != NULL ||
      (!copy && !warta_document_kind_from_string (g_variant_get_string (parameter, NULL), &kind)))
    return;

  self->print = copy ? warta_print_new_for_copy (self->session, self->entry->case_id, g_variant_get_int64 (parameter))
                     : warta_print_new (self->session, self->entry->case_id, kind);
  _warta_archive_pane_update_actions (self);
  /* Inside the pane's toast overlay, where WartaPrint says how it went */
  if (export)
    warta_print_export_async (self->print, GTK_WIDGET (self->leaflet), NULL, NULL, on_print_done, g_object_ref (self));
  else
    warta_print_print_async (self->print, GTK_WIDGET (self->leaflet), NULL, on_print_done, g_object_ref (self));
}

/* The bundle, and a new archive copy: one at a time */

struct _ArchiveProgress
{
  gatomicrefcount ref;
  GMutex          mutex;
  GWeakRef        pane;
  gint64          done;
  gint64          total;
  gboolean        queued;
};

static ArchiveProgress *
progress_new (WartaArchivePane *pane)
{
  ArchiveProgress *progress = g_new0 (ArchiveProgress, 1);

  g_atomic_ref_count_init (&progress->ref);
  g_mutex_init (&progress->mutex);
  g_weak_ref_init (&progress->pane, pane);
  return progress;
}

static void
progress_unref (ArchiveProgress *progress)
{
  if (!g_atomic_ref_count_dec (&progress->ref))
    return;
  g_weak_ref_clear (&progress->pane);
  g_mutex_clear (&progress->mutex);
  g_free (progress);
}

static gboolean
progress_idle (gpointer user_data)
{
  ArchiveProgress *progress = user_data;
  g_autoptr(WartaArchivePane) self = g_weak_ref_get (&progress->pane);
  gint64 done, total;

  g_mutex_lock (&progress->mutex);
  progress->queued = FALSE;
  done = progress->done;
  total = progress->total;
  g_mutex_unlock (&progress->mutex);

  if (self != NULL && self->progress == progress && total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double)done / total, 0, 1));
  return G_SOURCE_REMOVE;
}

/* In the bundle's thread: keeps the numbers, and asks the main loop for one idle
 * at a time however fast they come. */
static void
on_bundle_progress (gint64   done,
                    gint64   total,
                    gpointer user_data)
{
  ArchiveProgress *progress = user_data;
  gboolean queue;

  g_mutex_lock (&progress->mutex);
  progress->done = done;
  progress->total = total;
  queue = !progress->queued;
  progress->queued = TRUE;
  g_mutex_unlock (&progress->mutex);

  if (queue)
    {
      g_atomic_ref_count_inc (&progress->ref);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle, progress, (GDestroyNotify)progress_unref);
    }
}

/* What a bundle or a copy job needs: plain data, freed on the worker or
 * the bundle's thread */
typedef struct
{
  WartaWorker     *worker;        /* a bundle's */
  gint64           actor;
  gint64           case_id;
  GFile           *folder;        /* a bundle's, as chosen */
  ArchiveProgress *progress;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->worker);
  g_clear_object (&job->folder);
  g_clear_pointer (&job->progress, progress_unref);
  g_free (job);
}

/* An empty folder takes the bundle itself; any other gets a new folder
 * inside, named for the case, so nothing the person keeps there mixes in. */
static GFile *
bundle_directory (GFile         *folder,
                  gint64         case_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFileInfo) first = NULL;
  g_autofree char *name = NULL;

  if (!(children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                              G_FILE_QUERY_INFO_NONE, cancellable, error)))
    return NULL;
  if (!(first = g_file_enumerator_next_file (children, cancellable, error)))
    return (error != NULL && *error != NULL) ? NULL : g_object_ref (folder);
  name = g_strdup_printf ("arsip-berkas-%" G_GINT64_FORMAT, case_id);
  return g_file_get_child (folder, name);
}

/* In a thread of the pane's: the bundle is written here, the database
 * reached through the session's worker a short job at a time (the case
 * read, each copy, each attachment a chunk per job, the record), so a
 * save typed meanwhile never waits for the whole export. */
static void
bundle_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GError) error = NULL;

  if (!(directory = bundle_directory (job->folder, job->case_id, cancellable, &error)) ||
      !warta_archive_export_with (warta_worker_run_in, job->worker, job->actor, job->case_id, directory,
                                  on_bundle_progress, job->progress, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&directory), g_object_unref);
}

/* On the database worker: the copy drawn and kept. Returns its id. */
static gpointer
make_copy_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;
  gint64 id;

  if ((id = warta_evidence_make_archive_copy (engine, job->actor, job->case_id, error)) <= 0)
    return NULL;
  return g_memdup2 (&id, sizeof id);
}

/* Ends a bundle or a copy job; FALSE when it was cancelled (the pane may
 * be gone: leave it be). The register and the copies read again when
 * the session says the archive changed, as for anyone else's. */
static gboolean
job_finished (WartaArchivePane *self,
              GError           *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_clear_object (&self->job_cancellable);
  self->progress = NULL;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _warta_archive_pane_update_actions (self);
  if (error != NULL)
    _warta_archive_pane_toast (self, error->message);
  return error == NULL;
}

static void
on_bundle_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WartaArchivePane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) directory = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (!job_finished (self, error))
    return;

  where = g_file_get_parse_name (directory);
  /* Translators: %s is a folder */
  message = g_strdup_printf (_("Bundle exported to %s"), where);
  _warta_archive_pane_toast (self, message);
}

static void
on_copy_made (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaArchivePane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = warta_session_run_finish (WARTA_SESSION (source), result, &error);

  if (job_finished (self, error))
    _warta_archive_pane_toast (self, _("Archive copy kept with the case"));
}

static void
start_job (WartaArchivePane *self,
           GFile            *folder)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->entry == NULL || self->job_cancellable != NULL)
    return;

  job = g_new0 (Job, 1);
  job->actor = warta_session_get_user_id (self->session);
  job->case_id = self->entry->case_id;
  job->folder = folder ? g_object_ref (folder) : NULL;

  self->job_cancellable = g_cancellable_new ();
  if (folder != NULL)
    {
      job->progress = self->progress = progress_new (self);
      gtk_label_set_label (self->progress_label, _("Writing the bundle…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
      job->worker = g_object_ref (warta_session_get_worker (self->session));
      task = g_task_new (NULL, self->job_cancellable, on_bundle_done, g_object_ref (self));
      g_task_set_source_tag (task, start_job);
      g_task_set_task_data (task, job, (GDestroyNotify)job_free);
      g_task_run_in_thread (task, bundle_thread);
    }
  else
    warta_session_run_async (self->session, WARTA_JOB_PRIORITY_NORMAL, self, make_copy_job,
                             job, (GDestroyNotify)job_free, g_free,
                             self->job_cancellable, on_copy_made, g_object_ref (self));
  _warta_archive_pane_update_actions (self);
}

static void
on_folder_chosen (GtkNativeDialog  *chooser,
                  int               response,
                  WartaArchivePane *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && self->session != NULL)
    start_job (self, folder);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_bundle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (widget);
  GtkFileChooserNative *chooser;

  if (self->entry == NULL || self->job_cancellable != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Case's Bundle"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
make_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_job (WARTA_ARCHIVE_PANE (widget), NULL);
}

void
_warta_archive_pane_cancel_jobs (WartaArchivePane *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  self->progress = NULL;
  /* A print holds itself until its dialog is answered. */
  g_clear_object (&self->print);
}

void
_warta_archive_pane_class_init_jobs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "archive.open-document", "s", open_document_action);
  gtk_widget_class_install_action (widget_class, "archive.open-copy", "x", open_copy_action);
  gtk_widget_class_install_action (widget_class, "archive.print-document", "s", print_action);
  gtk_widget_class_install_action (widget_class, "archive.print-copy", "x", print_action);
  gtk_widget_class_install_action (widget_class, "archive.export-document", "s", print_action);
  gtk_widget_class_install_action (widget_class, "archive.export-bundle", NULL, export_bundle_action);
  gtk_widget_class_install_action (widget_class, "archive.make-copy", NULL, make_copy_action);
}
