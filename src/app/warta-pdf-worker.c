/* warta-pdf-worker.c: the one thread that calls poppler for a document
 *
 * A GThreadPool of one thread of its own, whose queue is sorted by
 * priority, so that the pages on screen come before thumbnails, finds
 * and pages rendered ahead. A job checks its cancellable before and
 * after the work, and hands back plain data (page sizes, a texture,
 * matches) in an idle callback on the main context it came from; it
 * never touches a widget or emits a signal here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "warta-pdf-worker.h"

/* Under what GL renderers take in one texture. */
#define MAX_TEXTURE_SIDE 8192
/* One page's texture may take this share of the budget at most, so that
 * the pages on screen always fit in it together. */
#define MAX_TEXTURE_SHARE 4

struct _WartaPdfWorker
{
  gatomicrefcount  ref;
  GThreadPool     *pool;
  guint            serial;  /* atomic: keeps jobs of one priority in order */
  int              queued;  /* atomic: jobs pushed and not yet taken */
  GMutex           lock;    /* over closed and pushing to the pool */
  gboolean         closed;  /* the pool is let go: a job put back is dropped */

  /* Worker thread only */
  WartaPdf        *pdf;
};

static WartaPdfWorker *
worker_ref (WartaPdfWorker *worker)
{
  g_atomic_ref_count_inc (&worker->ref);
  return worker;
}

static void
worker_unref (WartaPdfWorker *worker)
{
  if (!g_atomic_ref_count_dec (&worker->ref))
    return;

  /* Closed by the last job, on the worker. */
  g_assert (worker->pdf == NULL);
  g_mutex_clear (&worker->lock);
  g_free (worker);
}

WartaPdfJob *
_warta_pdf_job_new (WartaPdfWorker      *worker,
                    WartaPdfJobKind      kind,
                    WartaPdfJobPriority  priority,
                    GMainContext        *context)
{
  WartaPdfJob *job = g_new0 (WartaPdfJob, 1);

  g_atomic_ref_count_init (&job->ref);
  job->kind = kind;
  job->priority = priority;
  job->worker = worker_ref (worker);
  job->context = g_main_context_ref (context);
  job->fd = -1;
  return job;
}

WartaPdfJob *
_warta_pdf_job_ref (WartaPdfJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

void
_warta_pdf_job_unref (WartaPdfJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;

  /* A task is always handed to the main thread before this. */
  g_assert (job->task == NULL);
  if (job->fd >= 0)
    close (job->fd);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  if (job->password != NULL)
    {
      explicit_bzero (job->password, strlen (job->password));
      g_free (job->password);
    }
  g_clear_object (&job->cancellable);
  g_clear_object (&job->texture);
  g_clear_pointer (&job->matches, g_array_unref);
  g_free (job->sizes);
  g_free (job->text);
  g_main_context_unref (job->context);
  worker_unref (job->worker);
  g_free (job);
}

void
_warta_pdf_open_info_free (gpointer data)
{
  WartaPdfOpenInfo *info = data;

  g_free (info->title);
  g_clear_object (&info->texture);
  g_free (info);
}

/* Jobs by priority, then in the order they were queued. */
static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const WartaPdfJob *job_a = a;
  const WartaPdfJob *job_b = b;

  if (job_a->priority != job_b->priority)
    return job_a->priority < job_b->priority ? -1 : 1;
  if (job_a->serial != job_b->serial)
    return job_a->serial < job_b->serial ? -1 : 1;
  return 0;
}

static void
push_locked (WartaPdfWorker *worker,
             WartaPdfJob    *job)
{
  job->serial = (guint) g_atomic_int_add (&worker->serial, 1);
  g_atomic_int_inc (&worker->queued);
  g_thread_pool_push (worker->pool, job, NULL);
}

/* Takes the job. A job that puts itself back in the queue once the
 * document has let the worker go is dropped: it was cancelled. */
void
_warta_pdf_worker_push (WartaPdfWorker *worker,
                        WartaPdfJob    *job)
{
  gboolean closed;

  g_mutex_lock (&worker->lock);
  closed = worker->closed;
  if (!closed)
    push_locked (worker, job);
  g_mutex_unlock (&worker->lock);

  if (closed)
    _warta_pdf_job_unref (job);
}

static void
post_to_main (GMainContext   *context,
              GSourceFunc     func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  /* Ahead of the frame clock's redraw, so that a page rendered now is
   * drawn in the next frame. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[warta] pdf job done");
  g_source_attach (source, context);
  g_source_unref (source);
}

typedef struct
{
  GTask          *task;
  gpointer        result;
  GDestroyNotify  result_free;
  GError         *error;
} TaskReturn;

static gboolean
task_return_cb (gpointer data)
{
  TaskReturn *ret = data;

  if (ret->error != NULL)
    g_task_return_error (ret->task, g_steal_pointer (&ret->error));
  else
    g_task_return_pointer (ret->task, g_steal_pointer (&ret->result), ret->result_free);
  return G_SOURCE_REMOVE;
}

static void
task_return_free (gpointer data)
{
  TaskReturn *ret = data;

  if (ret->result != NULL)
    ret->result_free (ret->result);
  g_clear_error (&ret->error);
  g_object_unref (ret->task);
  g_free (ret);
}

/* Returns the job's task on the main thread. Takes result or error. */
static void
job_return (WartaPdfJob    *job,
            gpointer        result,
            GDestroyNotify  result_free,
            GError         *error)
{
  TaskReturn *ret = g_new0 (TaskReturn, 1);

  ret->task = g_steal_pointer (&job->task);
  ret->result = result;
  ret->result_free = result_free;
  ret->error = error;
  post_to_main (g_task_get_context (ret->task), task_return_cb, ret, task_return_free);
}

/* Not g_thread_pool_unprocessed(), which fails once the document has let
 * the pool go while the worker still finishes its queue. */
static gboolean
jobs_waiting (WartaPdfWorker *worker)
{
  return g_atomic_int_get (&worker->queued) > 0;
}

static GdkTexture *render_texture (WartaPdf     *pdf,
                                   guint         page,
                                   double        scale,
                                   gsize         budget,
                                   GCancellable *cancellable);

static void
run_open (WartaPdfJob *job)
{
  WartaPdfWorker *worker = job->worker;
  GError *error = NULL;
  WartaPdfOpenInfo *info;
  WartaPdf *pdf;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    {
      job_return (job, NULL, NULL, error);
      return;
    }

  /* What was open before is replaced, even by a failure. */
  g_clear_object (&worker->pdf);
  if (job->bytes != NULL)
    pdf = warta_pdf_open_bytes (job->bytes, job->password, job->cancellable, &error);
  else
    pdf = warta_pdf_open_fd (job->fd, job->password, job->cancellable, &error);
  if (pdf == NULL)
    {
      job_return (job, NULL, NULL, error);
      return;
    }

  info = g_new0 (WartaPdfOpenInfo, 1);
  info->n_pages = warta_pdf_get_n_pages (pdf);
  warta_pdf_get_page_size (pdf, 0, &info->width, &info->height);
  info->title = g_strdup (warta_pdf_get_title (pdf));
  /* Drawn now rather than when the view, told of the document, asks:
   * that would be a turn of the main loop and one of the worker later. */
  if (job->has_fit)
    {
      info->scale = warta_pdf_fit_get_scale (&job->fit, info->width, info->height) * job->fit.factor;
      info->texture = render_texture (pdf, 0, info->scale, job->budget, job->cancellable);
    }
  worker->pdf = pdf;
  job_return (job, info, _warta_pdf_open_info_free, NULL);
}

/* The pixels stay in the surface, which the bytes keep alive: cairo's
 * ARGB32 is premultiplied and native-endian, as GDK_MEMORY_DEFAULT is, so
 * nothing is copied or converted; the rows keep the surface's stride.
 * Takes the surface. */
static GdkTexture *
texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width, height, stride;

  g_assert (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) height * (gsize) stride,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* The scale a page is rendered at: the one asked for, unless its texture
 * would be too large for the budget or for the renderer; then it is drawn
 * stretched, blurred rather than missing. */
static double
texture_scale (WartaPdf *pdf,
               guint     page,
               double    scale,
               gsize     budget)
{
  double width, height, limit, bytes;

  warta_pdf_get_page_size (pdf, page, &width, &height);
  width = MAX (width, 1);
  height = MAX (height, 1);
  limit = (double) budget / MAX_TEXTURE_SHARE;
  bytes = (width * scale) * (height * scale) * 4;
  if (bytes > limit)
    scale *= sqrt (limit / bytes);
  if (MAX (width, height) * scale > MAX_TEXTURE_SIDE)
    scale = MAX_TEXTURE_SIDE / MAX (width, height);
  return scale;
}

/* NULL when the page could not be rendered, or the job was cancelled. */
static GdkTexture *
render_texture (WartaPdf     *pdf,
                guint         page,
                double        scale,
                gsize         budget,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = warta_pdf_render_page (pdf, page, texture_scale (pdf, page, scale, budget), cancellable, &error);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return NULL;
    }
  if (surface == NULL)
    {
      g_debug ("Page %u not rendered: %s", page + 1, error->message);
      return NULL;
    }
  return texture_new_for_surface (surface);
}

static void
run_render (WartaPdfJob *job)
{
  if (g_cancellable_is_cancelled (job->cancellable) || job->worker->pdf == NULL)
    return;

  job->texture = render_texture (job->worker->pdf, job->page, job->scale, job->budget, job->cancellable);
  if (g_cancellable_is_cancelled (job->cancellable))
    return;

  post_to_main (job->context, job->done, _warta_pdf_job_ref (job), (GDestroyNotify) _warta_pdf_job_unref);
}

typedef struct
{
  GTask            *task;
  WartaPdfFindFunc  func;
  gpointer          data;
  GArray           *matches;
} FindProgress;

static gboolean
find_progress_cb (gpointer data)
{
  FindProgress *progress = data;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (progress->task)))
    progress->func (g_task_get_source_object (progress->task),
                    (const WartaPdfMatch *) (gpointer) progress->matches->data,
                    progress->matches->len, progress->data);
  return G_SOURCE_REMOVE;
}

static void
find_progress_free (gpointer data)
{
  FindProgress *progress = data;

  g_object_unref (progress->task);
  g_array_unref (progress->matches);
  g_free (progress);
}

static void
find_in_page (WartaPdfJob *job)
{
  g_autoptr(GArray) rects = warta_pdf_find_text (job->worker->pdf, job->page, job->text);
  FindProgress *progress;
  GArray *matches;

  if (rects == NULL || rects->len == 0)
    return;

  matches = g_array_sized_new (FALSE, FALSE, sizeof (WartaPdfMatch), rects->len);
  for (guint i = 0; i < rects->len; i++)
    {
      WartaPdfMatch match = { job->page, g_array_index (rects, WartaPdfRect, i) };

      g_array_append_val (matches, match);
    }
  g_array_append_vals (job->matches, matches->data, matches->len);

  if (job->progress == NULL)
    {
      g_array_unref (matches);
      return;
    }

  progress = g_new0 (FindProgress, 1);
  progress->task = g_object_ref (job->task);
  progress->func = job->progress;
  progress->data = job->progress_data;
  progress->matches = matches;
  post_to_main (g_task_get_context (job->task), find_progress_cb, progress, find_progress_free);
}

static void
run_find (WartaPdfJob *job)
{
  WartaPdfWorker *worker = job->worker;
  GError *error = NULL;

  /* Page by page while nothing else waits; then back in the queue, so
   * that a page scrolled to during a long find is drawn first. */
  do
    {
      if (g_cancellable_set_error_if_cancelled (job->cancellable, &error))
        {
          job_return (job, NULL, NULL, error);
          return;
        }
      if (worker->pdf == NULL)
        break;

      find_in_page (job);
      job->page++;
    }
  while (job->page < job->n_pages && !jobs_waiting (worker));

  if (job->page < job->n_pages && worker->pdf != NULL)
    {
      /* The task keeps the document, and so the pool, alive. */
      _warta_pdf_worker_push (worker, _warta_pdf_job_ref (job));
      return;
    }

  job_return (job, g_steal_pointer (&job->matches), (GDestroyNotify) g_array_unref, NULL);
}

/* Every page's size, a page at a time while nothing else waits, as a
 * find does: the pages on screen are rendered before the rest is walked. */
static void
run_sizes (WartaPdfJob *job)
{
  WartaPdfWorker *worker = job->worker;

  do
    {
      if (g_cancellable_is_cancelled (job->cancellable) || worker->pdf == NULL)
        return;

      warta_pdf_get_page_size (worker->pdf, job->page, &job->sizes[2 * job->page], &job->sizes[2 * job->page + 1]);
      job->page++;
    }
  while (job->page < job->n_pages && !jobs_waiting (worker));

  if (job->page < job->n_pages)
    {
      _warta_pdf_worker_push (worker, _warta_pdf_job_ref (job));
      return;
    }

  post_to_main (job->context, job->done, _warta_pdf_job_ref (job), (GDestroyNotify) _warta_pdf_job_unref);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  WartaPdfJob *job = data;

  g_atomic_int_add (&job->worker->queued, -1);
  g_atomic_int_set (&job->started, 1);
  switch (job->kind)
    {
    case WARTA_PDF_JOB_OPEN:
      run_open (job);
      break;

    case WARTA_PDF_JOB_RENDER:
      run_render (job);
      break;

    case WARTA_PDF_JOB_FIND:
      run_find (job);
      break;

    case WARTA_PDF_JOB_SIZES:
      run_sizes (job);
      break;

    case WARTA_PDF_JOB_CLOSE:
      g_clear_object (&job->worker->pdf);
      break;

    default:
      g_assert_not_reached ();
    }
  _warta_pdf_job_unref (job);
}

WartaPdfWorker *
_warta_pdf_worker_new (void)
{
  g_autoptr(GError) error = NULL;
  WartaPdfWorker *worker = g_new0 (WartaPdfWorker, 1);

  g_atomic_ref_count_init (&worker->ref);
  g_mutex_init (&worker->lock);
  /* Exclusive: one thread of its own, as poppler's document is not
   * thread-safe and should not move from thread to thread either. */
  worker->pool = g_thread_pool_new (worker_func, NULL, 1, TRUE, &error);
  if (worker->pool == NULL)
    g_error ("Could not start the PDF worker: %s", error->message);
  g_thread_pool_set_sort_function (worker->pool, compare_jobs, NULL);
  return worker;
}

/* Lets the worker go: it finishes what it has (cancelled jobs return at
 * once), closes the document on its own thread and ends. The caller does
 * not wait for a render under way. */
void
_warta_pdf_worker_close (WartaPdfWorker *worker)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  g_mutex_lock (&worker->lock);
  push_locked (worker, _warta_pdf_job_new (worker, WARTA_PDF_JOB_CLOSE, WARTA_PDF_JOB_PRIORITY_CLOSE, context));
  worker->closed = TRUE;
  g_thread_pool_free (worker->pool, FALSE, FALSE);
  g_mutex_unlock (&worker->lock);
  g_main_context_unref (context);
  worker_unref (worker);
}
