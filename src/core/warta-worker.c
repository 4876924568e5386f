/* warta-worker.c: one thread that does a session's database work
 *
 * A session's reads and writes all run here, one at a time, on the
 * worker's own connection: a pool of one thread, its queue sorted by
 * priority (then by order of submission), so a save a person just made
 * goes before a page of a list. A job cancelled while queued never runs.
 * Nothing here signals from the thread: a finished job's result and the
 * changes its transaction committed reach the main loop through idle
 * callbacks, the changes first, so a view hears what changed before the
 * caller hears that its job is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-worker.h"

/* Runs of a job a serialization failure or deadlock rolled back. */
#define MAX_RETRIES 3

struct _WartaWorker
{
  GObject       parent_instance;

  WartaEngine  *engine;        /* used only in the pool's thread */
  GThreadPool  *pool;
  GMainContext *context;       /* where results and changes are delivered */
  gsize         next_seq;      /* atomic */
  gint          n_queued;      /* atomic */
  gint          poll_queued;   /* atomic: a poll job waits in the queue */

  /* Set and read in the pool's thread only */
  gpointer      running_origin;

  /* Changes waiting for the main loop */
  GMutex        lock;
  GQueue        deliveries;    /* Delivery */
  guint         deliver_source;
};

G_DEFINE_FINAL_TYPE (WartaWorker, warta_worker, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  WartaJobPriority  priority;
  guint64           seq;
  gpointer          origin;
  WartaJobFunc      func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
  GTask            *task;        /* NULL for a sync job or a poll */

  /* A sync job: the caller's thread waits on cond */
  GMutex           *sync_lock;
  GCond            *sync_cond;
  gboolean          sync_done;
  gpointer          sync_result;
  GError           *sync_error;
  GCancellable     *cancellable;
} Job;

typedef struct
{
  GArray   *changes;
  gpointer  origin;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_array_unref (delivery->changes);
  g_free (delivery);
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static gboolean
deliver_changes (gpointer user_data)
{
  WartaWorker *self = user_data;
  GQueue deliveries = G_QUEUE_INIT;
  Delivery *delivery;

  g_mutex_lock (&self->lock);
  deliveries = self->deliveries;
  g_queue_init (&self->deliveries);
  self->deliver_source = 0;
  g_mutex_unlock (&self->lock);

  while ((delivery = g_queue_pop_head (&deliveries)))
    {
      g_signal_emit (self, signals[CHANGED], 0, delivery->changes, delivery->origin);
      delivery_free (delivery);
    }

  return G_SOURCE_REMOVE;
}

/* In the pool's thread: the store committed. */
static void
on_store_changed (WartaWorker *self,
                  GArray      *changes,
                  WartaStore  *store)
{
  Delivery *delivery = g_new0 (Delivery, 1);

  delivery->changes = g_array_ref (changes);
  delivery->origin = self->running_origin;

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->deliveries, delivery);
  if (self->deliver_source == 0)
    {
      GSource *source = g_idle_source_new ();

      /* The same priority as GTask's return, and attached before it. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_changes, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[warta] worker changes");
      self->deliver_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->lock);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  WartaWorker *self = user_data;
  GError *error = NULL;
  gpointer result = NULL;

  g_atomic_int_dec_and_test (&self->n_queued);

  if (job->func == NULL)
    {
      /* A poll: other connections' commits become changes. */
      g_atomic_int_set (&self->poll_queued, FALSE);
      self->running_origin = NULL;
      warta_store_poll (warta_engine_get_store (self->engine));
      job_free (job);
      return;
    }

  /* A serialization failure or a deadlock on an office server rolled the
   * job's transaction back whole: it runs again, a few times, before a
   * person hears of it */
  for (guint attempt = 0; !g_cancellable_set_error_if_cancelled (job->cancellable, &error); attempt++)
    {
      self->running_origin = job->origin;
      result = job->func (self->engine, job->data, job->cancellable, &error);
      self->running_origin = NULL;
      g_assert (result != NULL || error != NULL);
      if (result != NULL || attempt >= MAX_RETRIES ||
          !g_error_matches (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_CONFLICT))
        break;
      g_clear_error (&error);
      g_usleep ((gulong)(20000 << attempt) + g_random_int_range (0, 20000));
    }

  if (job->task != NULL)
    {
      if (error != NULL)
        g_task_return_error (job->task, error);
      else
        g_task_return_pointer (job->task, result, job->result_free);
      job_free (job);
      return;
    }

  g_mutex_lock (job->sync_lock);
  job->sync_result = result;
  job->sync_error = error;
  job->sync_done = TRUE;
  g_cond_signal (job->sync_cond);
  g_mutex_unlock (job->sync_lock);
}

static gint
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Job *ja = a, *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority < jb->priority ? -1 : 1;
  return ja->seq < jb->seq ? -1 : ja->seq > jb->seq;
}

static void
warta_worker_dispose (GObject *object)
{
  WartaWorker *self = (WartaWorker *)object;

  /* Lets the queued jobs run (their callbacks see them cancelled if
   * their owners went away) and waits for the thread. */
  if (self->pool != NULL)
    {
      g_thread_pool_free (self->pool, FALSE, TRUE);
      self->pool = NULL;
    }
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (warta_engine_get_store (self->engine), self);

  G_OBJECT_CLASS (warta_worker_parent_class)->dispose (object);
}

static void
warta_worker_finalize (GObject *object)
{
  WartaWorker *self = (WartaWorker *)object;

  g_clear_object (&self->engine);
  g_queue_clear_full (&self->deliveries, delivery_free);
  g_mutex_clear (&self->lock);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (warta_worker_parent_class)->finalize (object);
}

static void
warta_worker_class_init (WartaWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_worker_dispose;
  object_class->finalize = warta_worker_finalize;

  /**
   * WartaWorker::changed:
   * @changes: (element-type WartaChange): what one commit changed
   * @origin: (nullable): the origin given with the job that committed,
   *   or %NULL for another connection's commits
   *
   * Emitted on the main loop, before the job's own callback.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_POINTER);
}

static void
warta_worker_init (WartaWorker *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->deliveries);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * warta_worker_new:
 * @engine: an engine no other thread uses from now on
 *
 * Results and changes are delivered on the thread-default main context of
 * the caller.
 */
WartaWorker *
warta_worker_new (WartaEngine *engine)
{
  WartaWorker *self;

  g_return_val_if_fail (WARTA_IS_ENGINE (engine), NULL);

  self = g_object_new (WARTA_TYPE_WORKER, NULL);
  self->engine = g_object_ref (engine);
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  g_thread_pool_set_sort_function (self->pool, compare_jobs, NULL);
  g_signal_connect_swapped (warta_engine_get_store (engine), "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

static void
push (WartaWorker *self,
      Job         *job)
{
  /* A listener's thread asks for polls too */
  job->seq = (guint64)g_atomic_pointer_add (&self->next_seq, 1);
  g_atomic_int_inc (&self->n_queued);
  g_thread_pool_push (self->pool, job, NULL);
}

/**
 * warta_worker_run_async:
 * @origin: (nullable): who asked, told back with the changes the job
 *   commits, so a view can skip reloading what it saved itself; compared,
 *   never dereferenced
 * @func: the work, run in the worker's thread
 * @data: (transfer full): @func's data, freed with @data_free once the job
 *   ran, in the worker's thread: it holds no widget
 * @result_free: frees @func's result if nobody takes it
 */
void
warta_worker_run_async (WartaWorker         *self,
                        WartaJobPriority     priority,
                        gpointer             origin,
                        WartaJobFunc         func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Job *job;

  g_return_if_fail (WARTA_IS_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->priority = priority;
  job->origin = origin;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, warta_worker_run_async);
  g_task_set_priority (job->task, G_PRIORITY_DEFAULT);
  push (self, job);
}

/**
 * warta_worker_run_finish:
 *
 * Returns: (transfer full): the job's result, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when it was cancelled)
 */
gpointer
warta_worker_run_finish (WartaWorker   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (WARTA_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * warta_worker_run_sync:
 *
 * For another worker thread (a publisher between its requests) that needs
 * the database: queues @func at urgent priority and waits for it. Never
 * call it from the main thread, which must not wait, nor from a job.
 *
 * Returns: (transfer full): @func's result
 */
gpointer
warta_worker_run_sync (WartaWorker   *self,
                       WartaJobFunc   func,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GMutex lock;
  GCond cond;
  Job *job;
  gpointer result;

  g_return_val_if_fail (WARTA_IS_WORKER (self), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (!g_main_context_is_owner (self->context), NULL);

  g_mutex_init (&lock);
  g_cond_init (&cond);
  job = g_new0 (Job, 1);
  job->priority = WARTA_JOB_PRIORITY_URGENT;
  job->func = func;
  job->data = data;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->sync_lock = &lock;
  job->sync_cond = &cond;

  g_mutex_lock (&lock);
  push (self, job);
  while (!job->sync_done)
    g_cond_wait (&cond, &lock);
  g_mutex_unlock (&lock);

  result = job->sync_result;
  if (job->sync_error != NULL)
    g_propagate_error (error, job->sync_error);
  job->data = NULL;  /* the caller's */
  job_free (job);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
  return result;
}

gpointer
warta_worker_run_in (gpointer          worker,
                     WartaEngineFunc   func,
                     gpointer          data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  return warta_worker_run_sync (worker, func, data, cancellable, error);
}

/* Queues one look at other connections' commits, at low priority, unless
 * one is queued already. */
void
warta_worker_poll (WartaWorker *self)
{
  Job *job;

  g_return_if_fail (WARTA_IS_WORKER (self));

  if (!g_atomic_int_compare_and_exchange (&self->poll_queued, FALSE, TRUE))
    return;
  job = g_new0 (Job, 1);
  job->priority = WARTA_JOB_PRIORITY_LOW;
  push (self, job);
}

guint
warta_worker_get_n_queued (WartaWorker *self)
{
  g_return_val_if_fail (WARTA_IS_WORKER (self), 0);
  return g_atomic_int_get (&self->n_queued);
}
