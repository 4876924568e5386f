/* warta-publish-panel-jobs.c: the publish panel's workers
 *
 * One job at a time per case in the whole application: publish (or
 * publish again) and verify, verify again, or withdraw, each in a thread
 * of its own with a WartaPublisher made for the session's database
 * worker: the network waits are that thread's, and each database step
 * (a read, a record, a chunk of a file being sent) is a short job on the
 * worker, so the rest of the window is never held behind a publish. The
 * page's screenshot is taken asynchronously by the helper process; then
 * a thread again keeps it and completes the step. What the publisher
 * commits reaches the views through the session's change signal, as any
 * job's does. Progress crosses to the main loop in one idle at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-credentials.h"
#include "warta-page-shot.h"
#include "warta-publish-panel-private.h"

#define SCREENSHOT_WIDTH 1280

/* Cases with a job under way, in any window: main thread only. */
static GHashTable *busy_cases;

static gboolean
claim_case (gint64 case_id)
{
  if (busy_cases == NULL)
    busy_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (g_hash_table_contains (busy_cases, &case_id))
    return FALSE;
  g_hash_table_add (busy_cases, g_memdup2 (&case_id, sizeof case_id));
  return TRUE;
}

static void
release_case (gint64 case_id)
{
  if (busy_cases != NULL)
    g_hash_table_remove (busy_cases, &case_id);
}

void
_warta_publish_panel_release_case (gint64 case_id)
{
  release_case (case_id);
}

gboolean
warta_publish_panel_case_is_busy (gint64 case_id)
{
  return busy_cases != NULL && g_hash_table_contains (busy_cases, &case_id);
}

static void
wipe_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

typedef char WipedPassword;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WipedPassword, wipe_password)

static void
toast (WartaPublishPanel *self,
       const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* Progress, from the worker through an idle */

struct _Progress
{
  gatomicrefcount    ref;
  GMutex             mutex;
  GWeakRef           panel;
  WartaPublishStage  stage;
  gint64             done;
  gint64             total;
  gboolean           queued;
};

static Progress *
progress_new (WartaPublishPanel *panel)
{
  Progress *progress = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&progress->ref);
  g_mutex_init (&progress->mutex);
  g_weak_ref_init (&progress->panel, panel);
  progress->stage = WARTA_PUBLISH_STAGE_CONNECT;
  return progress;
}

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (!g_atomic_ref_count_dec (&progress->ref))
    return;
  g_weak_ref_clear (&progress->panel);
  g_mutex_clear (&progress->mutex);
  g_free (progress);
}

static const char *
stage_label (WartaPublishStage stage)
{
  switch (stage)
    {
    case WARTA_PUBLISH_STAGE_CONNECT:
      return _("Connecting to the site…");
    case WARTA_PUBLISH_STAGE_MEDIA:
      return _("Uploading the files…");
    case WARTA_PUBLISH_STAGE_POST:
      return _("Sending the post…");
    case WARTA_PUBLISH_STAGE_VERIFY:
      return _("Checking the public page…");
    case WARTA_PUBLISH_STAGE_WAIT:
      return _("The site did not answer; trying again shortly…");
    default:
      return "";
    }
}

/* The stage, and the time left of the job's limit. */
static void
show_stage (WartaPublishPanel *self)
{
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;
  gint64 left;

  if (self->disposed || self->stage_text == NULL)
    return;
  left = MAX (0, (self->deadline_at - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  /* Translators: the time left of the limit, minutes:seconds */
  clock = g_strdup_printf (_("%d:%02d left"), (int)(left / 60), (int)(left % 60));
  text = g_strdup_printf ("%s (%s)", self->stage_text, clock);
  gtk_label_set_label (self->stage_label, text);
}

static void
set_progress (WartaPublishPanel *self,
              const char        *stage,
              gint64             done,
              gint64             total)
{
  g_free (self->stage_text);
  self->stage_text = g_strdup (stage);
  show_stage (self);
  if (total > 0)
    {
      g_autofree char *done_text = warta_format_bytes (done);
      g_autofree char *total_text = warta_format_bytes (total);
      /* Translators: bytes so far of the whole, as “1.2 MiB of 300.0 MiB” */
      g_autofree char *text = g_strdup_printf (_("%s of %s"), done_text, total_text);

      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double)done / total, 0, 1));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  else
    {
      gtk_progress_bar_set_text (self->progress_bar, "");
      gtk_progress_bar_pulse (self->progress_bar);
    }
}

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(WartaPublishPanel) self = g_weak_ref_get (&progress->panel);
  WartaPublishStage stage;
  gint64 done, total;

  g_mutex_lock (&progress->mutex);
  progress->queued = FALSE;
  stage = progress->stage;
  done = progress->done;
  total = progress->total;
  g_mutex_unlock (&progress->mutex);

  if (self != NULL && !self->disposed && self->job != NULL)
    {
      self->job_stage = stage;
      set_progress (self, stage_label (stage), done, total);
    }
  return G_SOURCE_REMOVE;
}

/* On the worker: keeps the numbers, and asks the main loop for one idle
 * at a time however fast they come. */
static void
on_publisher_progress (WartaPublishStage stage,
                       const char       *item,
                       gint64            done,
                       gint64            total,
                       gpointer          user_data)
{
  Progress *progress = user_data;
  gboolean queue;

  g_mutex_lock (&progress->mutex);
  progress->stage = stage;
  progress->done = done;
  progress->total = total;
  queue = !progress->queued;
  progress->queued = TRUE;
  g_mutex_unlock (&progress->mutex);

  if (queue)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, progress_idle,
                                progress_ref (progress), (GDestroyNotify)progress_unref);
}

/* Jobs */

void
_warta_publish_panel_job_free (Job *job)
{
  g_clear_object (&job->worker);
  g_free (job->manual_url);
  g_free (job->status);
  g_strfreev (job->categories);
  g_strfreev (job->tags);
  g_free (job->excerpt);
  g_free (job->reason);
  g_clear_pointer (&job->progress, progress_unref);
  g_clear_pointer (&job->publication, warta_publication_free);
  g_free (job->notice);
  g_clear_pointer (&job->png, g_bytes_unref);
  g_free (job);
}

Job *
_warta_publish_panel_job_new (WartaPublishPanel *self,
         JobKind            kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->worker = g_object_ref (warta_session_get_worker (self->session));
  job->actor = warta_session_get_user_id (self->session);
  job->case_id = self->case_id;
  job->progress = progress_new (self);
  return job;
}

/* Jobs on the database worker, run from the job's thread: the Job is
 * borrowed, that thread waiting for them. */

static gpointer
get_site_job (WartaEngine   *engine,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;

  return warta_store_get_site (warta_engine_get_store (engine), job->site_id, error);
}

static gpointer
find_publication_job (WartaEngine   *engine,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Job *job = data;

  return warta_store_get_publication (warta_engine_get_store (engine), job->publication_id, error);
}

/* Only the holder of the publish step keeps a screenshot: afterwards
 * the case's record keeps the one taken when it was published. */
static gpointer
holds_step_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Job *job = data;

  job->take_shot = warta_engine_holds_publish_step (engine, job->actor, job->case_id);
  return job;
}

/* The site from the worker; its password from the keyring (libsecret)
 * here, off the worker's thread. */
static char *
site_password (Job           *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(WartaSite) site = NULL;

  if (!(site = warta_worker_run_sync (job->worker, get_site_job, job, cancellable, error)))
    return NULL;
  return warta_credentials_for_site (site, cancellable, error);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WartaPublisher) publisher = NULL;
  g_autoptr(WipedPassword) password = NULL;
  g_autoptr(GError) error = NULL;

  publisher = warta_publisher_new_for_worker (job->worker);
  warta_publisher_set_progress (publisher, on_publisher_progress, job->progress);

  if (job->kind != JOB_PUBLISH &&
      !(job->publication = warta_worker_run_sync (job->worker, find_publication_job, job, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->kind != JOB_PUBLISH)
    job->site_id = job->publication->site_id;

  if (job->site_id > 0 &&
      !(job->kind == JOB_WITHDRAW && job->publication->post_id == 0) &&
      !(password = site_password (job, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->kind == JOB_WITHDRAW)
    {
      if (!warta_publisher_withdraw (publisher, job->actor, job->publication, password, job->trash,
                                     job->reason, cancellable, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (job->kind == JOB_PUBLISH)
    {
      WartaPublishRequest request = { 0 };

      request.actor = job->actor;
      request.case_id = job->case_id;
      request.site_id = job->site_id;
      request.manual_url = job->site_id > 0 ? NULL : job->manual_url;
      request.password = password;
      request.options.status = job->status;
      request.options.scheduled_at = job->scheduled_at;
      request.options.categories = (const char * const *)job->categories;
      request.options.tags = (const char * const *)job->tags;
      request.options.excerpt = job->excerpt;
      if (!(job->publication = warta_publisher_publish (publisher, &request, cancellable, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (!warta_publisher_verify (publisher, job->actor, job->publication, password, cancellable, &error))
    {
      /* A draft, pending or scheduled post is where it should be: said
       * plainly, not as a failure. */
      if (job->publication->site_id > 0 && job->publication->remote_status != NULL &&
          g_strcmp0 (job->publication->remote_status, "publish") != 0 &&
          g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE))
        {
          job->notice = g_strdup (error->message);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!warta_worker_run_sync (job->worker, holds_step_job, job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
finish_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WartaPublisher) publisher = warta_publisher_new_for_worker (job->worker);
  g_autoptr(GError) error = NULL;

  if (!warta_publisher_finish (publisher, job->actor, job->publication, job->png, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The time limit of a job */

static gboolean
on_deadline (gpointer user_data)
{
  WartaPublishPanel *self = user_data;

  self->deadline_id = 0;
  self->timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick (gpointer user_data)
{
  show_stage (user_data);
  return G_SOURCE_CONTINUE;
}

static void
start_clock (WartaPublishPanel *self)
{
  self->timed_out = FALSE;
  self->job_stage = WARTA_PUBLISH_STAGE_CONNECT;
  self->deadline_at = g_get_monotonic_time () + (gint64)self->deadline_seconds * G_USEC_PER_SEC;
  self->deadline_id = g_timeout_add ((guint)MIN ((guint64)self->deadline_seconds * 1000, G_MAXUINT), on_deadline, self);
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

void
_warta_publish_panel_stop_clock (WartaPublishPanel *self)
{
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

void
warta_publish_panel_set_time_limit (WartaPublishPanel *self,
                                    guint              seconds)
{
  g_return_if_fail (WARTA_IS_PUBLISH_PANEL (self));
  g_return_if_fail (seconds > 0);

  self->deadline_seconds = seconds;
}

static void
end_job (WartaPublishPanel *self)
{
  _warta_publish_panel_stop_clock (self);
  if (self->job != NULL)
    release_case (self->job->case_id);
  g_clear_pointer (&self->job, _warta_publish_panel_job_free);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  _warta_publish_panel_notify_busy (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _warta_publish_panel_update_actions (self);
}

static void
job_failed (WartaPublishPanel *self,
            GError            *error)
{
  if (self->disposed)
    return;
  if (self->timed_out)
    {
      g_autoptr(GError) deadline = NULL;

      g_debug ("Stopped by the time limit: %s", error->message);
      warta_publish_set_deadline_error (&deadline, self->job_stage, self->deadline_seconds);
      _warta_publish_panel_show_error (self, deadline->message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _warta_publish_panel_show_error (self, _("Cancelled. What reached the site is remembered, and is used again, never posted twice, the next time."));
  else
    _warta_publish_panel_show_error (self, error->message);
}

static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    job_failed (self, error);
  else if (!self->disposed)
    toast (self, _("Published and verified live; the screenshot is kept and the step is complete"));
  end_job (self);
}

static void
on_shot_taken (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WartaPublishPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  GBytes *png;

  png = warta_page_shot_capture_finish (result, NULL, NULL, &error);
  if (png == NULL)
    {
      if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job_failed (self, error);
      else
        {
          g_autofree char *message = g_strdup_printf (_("The page is live, but its screenshot could not be taken: %s. "
                                                        "Check Again takes it and completes the step."),
                                                      error->message);

          _warta_publish_panel_show_error (self, message);
        }
      end_job (self);
      return;
    }
  if (self->disposed)
    {
      g_bytes_unref (png);
      end_job (self);
      return;
    }

  self->job->png = png;
  set_progress (self, _("Keeping the screenshot and completing the step…"), 0, 0);
  task = g_task_new (self, self->cancellable, on_finished, NULL);
  g_task_set_source_tag (task, on_shot_taken);
  g_task_set_task_data (task, self->job, NULL);
  g_task_run_in_thread (task, finish_thread);
}

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (source);
  g_autoptr(GError) error = NULL;
  Job *job = self->job;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      job_failed (self, error);
      end_job (self);
      return;
    }
  if (self->disposed)
    {
      end_job (self);
      return;
    }

  if (job->kind == JOB_WITHDRAW)
    toast (self, _("Withdrawn; the reason is in the journal"));
  else if (job->notice != NULL)
    _warta_publish_panel_show_error (self, job->notice);
  else if (job->take_shot)
    {
      self->job_stage = WARTA_PUBLISH_STAGE_SCREENSHOT;
      set_progress (self, _("Taking the page's screenshot…"), 0, 0);
      warta_page_shot_capture_async (job->publication->link, SCREENSHOT_WIDTH, self->cancellable,
                                     on_shot_taken, g_object_ref (self));
      return;
    }
  else
    toast (self, _("The page is live and verified"));
  end_job (self);
}

void
_warta_publish_panel_start_job (WartaPublishPanel *self,
           Job               *job)
{
  g_autoptr(GTask) task = NULL;

  if (self->job != NULL || !claim_case (job->case_id))
    {
      _warta_publish_panel_show_error (self, _("This case is already being published or checked; wait for it to end, or cancel it."));
      _warta_publish_panel_job_free (job);
      return;
    }

  _warta_publish_panel_show_error (self, NULL);
  self->job = job;
  self->cancellable = g_cancellable_new ();
  start_clock (self);
  set_progress (self, stage_label (WARTA_PUBLISH_STAGE_CONNECT), 0, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  _warta_publish_panel_update_actions (self);
  _warta_publish_panel_notify_busy (self);

  task = g_task_new (self, self->cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, _warta_publish_panel_start_job);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, job_thread);
}

void
_warta_publish_panel_cancel (WartaPublishPanel *self)
{
  g_cancellable_cancel (self->cancellable);
}

