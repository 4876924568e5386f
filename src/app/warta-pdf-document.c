/* warta-pdf-document.c: one PDF behind its render worker, for the views
 *
 * Everything that calls poppler (opening, rendering, finding text) runs
 * as a job on the document's one worker (warta-pdf-worker.c). The main
 * thread only sees what the jobs hand back: the first page's size read at
 * load (so that it is drawn without waiting for the others), the other
 * pages' sizes read just after, textures, matches. Those come back in idle callbacks on the document's
 * main context, where a job cancelled in the meantime (its page scrolled
 * away, the zoom changed) is dropped; signals are emitted there, never on
 * the worker.
 *
 * The textures are kept in a cache with a memory budget that evicts the
 * least recently used pages first, and pages on screen last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "warta-pdf-document.h"
#include "warta-pdf-worker.h"

typedef struct
{
  guint       page;
  gboolean    thumbnail;
  double      scale;
  GdkTexture *texture;  /* NULL: the page could not be rendered */
  gsize       bytes;
  GList       link;     /* in lru */
} CacheEntry;

struct _WartaPdfDocument
{
  GObject       parent_instance;

  /* Owned */
  WartaPdfWorker *worker;
  GMainContext *context;
  int           fd;            /* kept to open again with a password */
  GBytes       *bytes;         /* or these, instead of a file */
  GHashTable   *pending;       /* slot key → Job: render jobs not cancelled */
  GHashTable   *cache;         /* slot key → CacheEntry */
  GQueue        lru;           /* CacheEntry, most recently used first */
  gsize         cache_size;
  gsize         cache_budget;
  gsize         cache_peak;
  guint         generation[2]; /* pages, thumbnails */
  guint         visible_first[2];
  guint         visible_last[2];
  gboolean      has_visible[2];
  gboolean      has_fit;
  WartaPdfFit   fit;

  /* As read by the worker, so that layout never asks poppler: at load
   * only the first page's, which the others take until the sizes job
   * has read theirs */
  gboolean      loaded;
  gboolean      has_sizes;
  WartaPdfJob  *sizes_job;
  guint         n_pages;
  double       *sizes;
  double        max_width;
  double        max_height;
  char         *title;
};

G_DEFINE_FINAL_TYPE (WartaPdfDocument, warta_pdf_document, G_TYPE_OBJECT)

enum {
  PAGE_RENDERED,
  SIZES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static inline gpointer
slot_key (guint    page,
          gboolean thumbnail)
{
  return GUINT_TO_POINTER (page * 2 + (thumbnail ? 1 : 0));
}

static gboolean
same_scale (double a,
            double b)
{
  return fabs (a - b) <= 1e-6 * MAX (a, b);
}

/* Cache, main thread only */

static gboolean
entry_is_visible (WartaPdfDocument *self,
                  CacheEntry       *entry)
{
  guint slot = entry->thumbnail ? 1 : 0;

  return self->has_visible[slot] &&
         entry->page >= self->visible_first[slot] &&
         entry->page <= self->visible_last[slot];
}

static void
cache_remove (WartaPdfDocument *self,
              CacheEntry       *entry)
{
  g_queue_unlink (&self->lru, &entry->link);
  self->cache_size -= entry->bytes;
  /* Frees the entry. */
  g_hash_table_remove (self->cache, slot_key (entry->page, entry->thumbnail));
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->texture);
  g_free (entry);
}

/* Evicts until @needed more bytes fit: pages off screen first, least
 * recently used first; then, if the ones on screen are still too much,
 * those too. */
static void
cache_make_room (WartaPdfDocument *self,
                 gsize             needed)
{
  for (int pass = 0; pass < 2 && self->cache_size + needed > self->cache_budget; pass++)
    {
      GList *link = self->lru.tail;

      while (link != NULL && self->cache_size + needed > self->cache_budget)
        {
          GList *prev = link->prev;
          CacheEntry *entry = link->data;

          if (pass == 1 || !entry_is_visible (self, entry))
            cache_remove (self, entry);
          link = prev;
        }
    }
}

/* Takes the texture. */
static void
cache_insert (WartaPdfDocument *self,
              guint             page,
              gboolean          thumbnail,
              double            scale,
              GdkTexture       *texture)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, slot_key (page, thumbnail));
  gsize bytes = 0;

  if (entry != NULL)
    cache_remove (self, entry);

  /* What the texture holds: its rows at the surface's stride, about. */
  if (texture != NULL)
    bytes = (gsize) cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture)) *
            (gsize) gdk_texture_get_height (texture);
  cache_make_room (self, bytes);
  if (self->cache_size + bytes > self->cache_budget)
    {
      g_clear_object (&texture);
      return;
    }

  entry = g_new0 (CacheEntry, 1);
  entry->page = page;
  entry->thumbnail = thumbnail;
  entry->scale = scale;
  entry->texture = texture;
  entry->bytes = bytes;
  entry->link.data = entry;
  g_queue_push_head_link (&self->lru, &entry->link);
  g_hash_table_insert (self->cache, slot_key (page, thumbnail), entry);
  self->cache_size += bytes;
  self->cache_peak = MAX (self->cache_peak, self->cache_size);
}

static void
cache_clear (WartaPdfDocument *self)
{
  while (self->lru.head != NULL)
    cache_remove (self, self->lru.head->data);
  g_assert (self->cache_size == 0);
}

static void
cancel_pending_where (WartaPdfDocument *self,
                      gboolean          thumbnail,
                      guint             keep_first,
                      guint             keep_last)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WartaPdfJob *job = value;

      if (job->thumbnail == !!thumbnail && (job->page < keep_first || job->page > keep_last))
        {
          g_cancellable_cancel (job->cancellable);
          g_hash_table_iter_remove (&iter);
        }
    }
}

static void
cancel_all_pending (WartaPdfDocument *self,
                    gboolean          thumbnail)
{
  cancel_pending_where (self, thumbnail, 1, 0);
}

static gboolean
render_done_cb (gpointer data)
{
  WartaPdfJob *job = data;
  WartaPdfDocument *self;
  guint slot = job->thumbnail ? 1 : 0;

  /* Not cancelled: the document is alive and has the job as pending. */
  if (g_cancellable_is_cancelled (job->cancellable))
    return G_SOURCE_REMOVE;

  self = job->owner;
  if (g_hash_table_lookup (self->pending, slot_key (job->page, job->thumbnail)) == job)
    g_hash_table_remove (self->pending, slot_key (job->page, job->thumbnail));
  if (job->generation != self->generation[slot])
    return G_SOURCE_REMOVE;

  /* The cache may be the texture's last holder and drops it here, on
   * the main thread, where the renderer's data on it belongs. */
  cache_insert (self, job->page, job->thumbnail, job->scale, g_steal_pointer (&job->texture));
  g_signal_emit (self, signals[PAGE_RENDERED], 0, job->page, job->thumbnail);
  return G_SOURCE_REMOVE;
}

/* Sizes */

static void
cancel_sizes (WartaPdfDocument *self)
{
  if (self->sizes_job == NULL)
    return;
  g_cancellable_cancel (self->sizes_job->cancellable);
  g_clear_pointer (&self->sizes_job, _warta_pdf_job_unref);
}

static void
update_max_size (WartaPdfDocument *self)
{
  self->max_width = self->max_height = 0;
  for (guint i = 0; i < self->n_pages; i++)
    {
      self->max_width = MAX (self->max_width, self->sizes[2 * i]);
      self->max_height = MAX (self->max_height, self->sizes[2 * i + 1]);
    }
}

static gboolean
sizes_done_cb (gpointer data)
{
  WartaPdfJob *job = data;
  WartaPdfDocument *self;

  /* Not cancelled: the document is alive and this is its sizes job. */
  if (g_cancellable_is_cancelled (job->cancellable))
    return G_SOURCE_REMOVE;

  self = job->owner;
  g_assert (self->sizes_job == job && job->n_pages == self->n_pages);
  memcpy (self->sizes, job->sizes, 2 * sizeof (double) * self->n_pages);
  g_clear_pointer (&self->sizes_job, _warta_pdf_job_unref);
  self->has_sizes = TRUE;
  update_max_size (self);
  g_signal_emit (self, signals[SIZES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Has the worker read the other pages' sizes, after the pages on screen
 * are drawn. */
static void
read_sizes (WartaPdfDocument *self)
{
  WartaPdfJob *job;

  job = _warta_pdf_job_new (self->worker, WARTA_PDF_JOB_SIZES, WARTA_PDF_JOB_PRIORITY_SIZES, self->context);
  job->cancellable = g_cancellable_new ();
  job->done = sizes_done_cb;
  job->owner = self;
  job->page = 1;
  job->n_pages = self->n_pages;
  job->sizes = g_memdup2 (self->sizes, 2 * sizeof (double) * self->n_pages);
  self->sizes_job = _warta_pdf_job_ref (job);
  _warta_pdf_worker_push (self->worker, job);
}

/* GObject */

static void
warta_pdf_document_dispose (GObject *object)
{
  WartaPdfDocument *self = (WartaPdfDocument *)object;

  if (self->pending != NULL)
    {
      cancel_all_pending (self, FALSE);
      cancel_all_pending (self, TRUE);
    }
  cancel_sizes (self);

  /* Not waiting for a render under way. */
  g_clear_pointer (&self->worker, _warta_pdf_worker_close);

  if (self->cache != NULL)
    cache_clear (self);

  G_OBJECT_CLASS (warta_pdf_document_parent_class)->dispose (object);
}

static void
warta_pdf_document_finalize (GObject *object)
{
  WartaPdfDocument *self = (WartaPdfDocument *)object;

  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_main_context_unref (self->context);
  g_free (self->sizes);
  g_free (self->title);

  G_OBJECT_CLASS (warta_pdf_document_parent_class)->finalize (object);
}

static void
warta_pdf_document_class_init (WartaPdfDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_pdf_document_dispose;
  object_class->finalize = warta_pdf_document_finalize;

  /**
   * WartaPdfDocument::page-rendered:
   * @page: the page
   * @thumbnail: whether it is the page's thumbnail
   *
   * A page's texture is in the cache, or it could not be rendered.
   */
  signals[PAGE_RENDERED] =
    g_signal_new ("page-rendered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  /**
   * WartaPdfDocument::sizes-changed:
   *
   * Every page's size is known now: until then the pages after the
   * first have the first one's (warta_pdf_document_has_sizes()).
   */
  signals[SIZES_CHANGED] =
    g_signal_new ("sizes-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
warta_pdf_document_init (WartaPdfDocument *self)
{
  self->fd = -1;
  self->context = g_main_context_ref_thread_default ();
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _warta_pdf_job_unref);
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, cache_entry_free);
  self->cache_budget = WARTA_PDF_DOCUMENT_DEFAULT_BUDGET;
  self->worker = _warta_pdf_worker_new ();
}

WartaPdfDocument *
warta_pdf_document_new (void)
{
  return g_object_new (WARTA_TYPE_PDF_DOCUMENT, NULL);
}

/* Loading */

static void
open_async (WartaPdfDocument    *self,
            const char          *password,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WartaPdfJob *job;
  int fd = -1;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_pdf_document_load_async);
  g_task_set_name (task, "[warta] open pdf");

  /* Whatever was shown of the document before is stale now. */
  for (guint slot = 0; slot < 2; slot++)
    {
      cancel_all_pending (self, slot == 1);
      self->generation[slot]++;
    }
  cache_clear (self);
  cancel_sizes (self);
  self->loaded = FALSE;

  /* The job's own copy: the next load may close self->fd while this one
   * still waits in the queue. */
  if (self->bytes == NULL && (fd = fcntl (self->fd, F_DUPFD_CLOEXEC, 0)) < 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, WARTA_PDF_ERROR, WARTA_PDF_ERROR_FAILED,
                               /* Translators: %s says why, from the operating system */
                               _("Could not read this file (%s); check that it is still there"),
                               g_strerror (saved_errno));
      return;
    }

  job = _warta_pdf_job_new (self->worker, WARTA_PDF_JOB_OPEN, WARTA_PDF_JOB_PRIORITY_OPEN, self->context);
  job->fd = fd;
  job->bytes = self->bytes != NULL ? g_bytes_ref (self->bytes) : NULL;
  job->password = g_strdup (password);
  job->has_fit = self->has_fit;
  job->fit = self->fit;
  job->budget = self->cache_budget;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->task = g_steal_pointer (&task);
  _warta_pdf_worker_push (self->worker, job);
}

/* Opens the PDF read from @fd, which the document takes and keeps, to
 * open it again with a password (warta_pdf_document_unlock_async()).
 * Fails with WARTA_PDF_ERROR_NEEDS_PASSWORD and the like. */
void
warta_pdf_document_load_async (WartaPdfDocument    *self,
                               int                  fd,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (fd >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->fd >= 0)
    close (self->fd);
  self->fd = fd;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  open_async (self, password, cancellable, callback, user_data);
}

/* Opens the PDF in @bytes, kept to open it again with a password; as
 * warta_pdf_document_load_async() otherwise. poppler reads memory faster
 * than a file: for a file no one else can change, mapped. */
void
warta_pdf_document_load_bytes_async (WartaPdfDocument    *self,
                                     GBytes              *bytes,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  g_bytes_ref (bytes);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = bytes;
  open_async (self, password, cancellable, callback, user_data);
}

/* Opens the file of the last load again, with @password; finish with
 * warta_pdf_document_load_finish(). */
void
warta_pdf_document_unlock_async (WartaPdfDocument    *self,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (self->fd >= 0 || self->bytes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  open_async (self, password, cancellable, callback, user_data);
}

/* The pixels per point @fit gives a page of that size. */
double
warta_pdf_fit_get_scale (const WartaPdfFit *fit,
                         double             page_width,
                         double             page_height)
{
  double scale = fit->scale;

  g_return_val_if_fail (fit != NULL, 1);

  page_width = MAX (page_width, 1);
  page_height = MAX (page_height, 1);
  if (fit->width > 0)
    {
      scale = fit->width / page_width;
      if (fit->height > 0)
        scale = MIN (scale, fit->height / page_height);
    }
  return CLAMP (scale, fit->min_scale, fit->max_scale);
}

/* How the view will scale the first page, for the loads to come: the
 * worker draws it that way as soon as the document is open. */
void
warta_pdf_document_set_first_page_fit (WartaPdfDocument  *self,
                                       const WartaPdfFit *fit)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));

  self->has_fit = fit != NULL;
  if (fit != NULL)
    self->fit = *fit;
}

gboolean
warta_pdf_document_load_finish (WartaPdfDocument  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  WartaPdfOpenInfo *info;

  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == warta_pdf_document_load_async, FALSE);

  info = g_task_propagate_pointer (G_TASK (result), error);
  if (info == NULL)
    return FALSE;

  g_free (self->sizes);
  g_free (self->title);
  self->n_pages = info->n_pages;
  /* Until the worker has read them, every page is as large as the first,
   * as most documents' pages are. */
  self->sizes = g_new (double, 2 * (gsize) self->n_pages);
  for (guint i = 0; i < self->n_pages; i++)
    {
      self->sizes[2 * i] = info->width;
      self->sizes[2 * i + 1] = info->height;
    }
  self->title = g_steal_pointer (&info->title);
  update_max_size (self);
  self->loaded = TRUE;
  if (info->texture != NULL)
    {
      cache_insert (self, 0, FALSE, info->scale, g_steal_pointer (&info->texture));
      g_signal_emit (self, signals[PAGE_RENDERED], 0, 0, FALSE);
    }
  self->has_sizes = self->n_pages <= 1;
  if (!self->has_sizes)
    read_sizes (self);
  _warta_pdf_open_info_free (info);
  return TRUE;
}

gboolean
warta_pdf_document_is_loaded (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), FALSE);
  return self->loaded;
}

guint
warta_pdf_document_get_n_pages (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), 0);
  return self->loaded ? self->n_pages : 0;
}

/* Whether every page's size has been read: until then (and the
 * ::sizes-changed signal), the pages after the first have its size. */
gboolean
warta_pdf_document_has_sizes (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), FALSE);
  return self->loaded && self->has_sizes;
}

/* In points, as the worker read it (see warta_pdf_document_has_sizes()). */
void
warta_pdf_document_get_page_size (WartaPdfDocument *self,
                                  guint             page,
                                  double           *width,
                                  double           *height)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (self->loaded && page < self->n_pages);

  if (width != NULL)
    *width = self->sizes[2 * page];
  if (height != NULL)
    *height = self->sizes[2 * page + 1];
}

/* The widest page's width and the tallest page's height, in points. */
void
warta_pdf_document_get_max_size (WartaPdfDocument *self,
                                 double           *width,
                                 double           *height)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));

  if (width != NULL)
    *width = self->max_width;
  if (height != NULL)
    *height = self->max_height;
}

const char *
warta_pdf_document_get_title (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), NULL);
  return self->title;
}

/* Rendering */

/* Queues a render of @page at @scale pixels per point, unless the cache
 * or the queue has it; a thumbnail if @priority says so. The result comes
 * as WartaPdfDocument::page-rendered.
 *
 * Returns: whether a job was queued */
gboolean
warta_pdf_document_request (WartaPdfDocument *self,
                            guint             page,
                            double            scale,
                            WartaPdfPriority  priority)
{
  gboolean thumbnail = priority == WARTA_PDF_PRIORITY_THUMBNAIL;
  WartaPdfJobPriority job_priority;
  CacheEntry *entry;
  WartaPdfJob *job;

  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->loaded, FALSE);
  g_return_val_if_fail (page < self->n_pages, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);

  switch (priority)
    {
    case WARTA_PDF_PRIORITY_VISIBLE:
      job_priority = WARTA_PDF_JOB_PRIORITY_VISIBLE;
      break;
    case WARTA_PDF_PRIORITY_THUMBNAIL:
      job_priority = WARTA_PDF_JOB_PRIORITY_THUMBNAIL;
      break;
    case WARTA_PDF_PRIORITY_PRELOAD:
    default:
      job_priority = WARTA_PDF_JOB_PRIORITY_PRELOAD;
      break;
    }

  entry = g_hash_table_lookup (self->cache, slot_key (page, thumbnail));
  if (entry != NULL && same_scale (entry->scale, scale))
    return FALSE;

  job = g_hash_table_lookup (self->pending, slot_key (page, thumbnail));
  if (job != NULL)
    {
      /* Already coming, soon enough; a page rendered ahead that is on
       * screen now goes to the front, unless the worker is at it. */
      if (same_scale (job->scale, scale) &&
          (job->priority <= job_priority || g_atomic_int_get (&job->started)))
        return FALSE;
      g_cancellable_cancel (job->cancellable);
      g_hash_table_remove (self->pending, slot_key (page, thumbnail));
    }

  job = _warta_pdf_job_new (self->worker, WARTA_PDF_JOB_RENDER, job_priority, self->context);
  job->cancellable = g_cancellable_new ();
  job->done = render_done_cb;
  job->owner = self;
  job->page = page;
  job->thumbnail = thumbnail;
  job->scale = scale;
  job->budget = self->cache_budget;
  job->generation = self->generation[thumbnail ? 1 : 0];
  g_hash_table_insert (self->pending, slot_key (page, thumbnail), _warta_pdf_job_ref (job));
  _warta_pdf_worker_push (self->worker, job);
  return TRUE;
}

/* The page's texture as last rendered, at *@scale (which may differ from
 * the scale shown now), or NULL. Counts as a use of it. */
GdkTexture *
warta_pdf_document_lookup (WartaPdfDocument *self,
                           guint             page,
                           gboolean          thumbnail,
                           double           *scale)
{
  CacheEntry *entry;

  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), NULL);

  entry = g_hash_table_lookup (self->cache, slot_key (page, thumbnail));
  if (entry == NULL)
    return NULL;

  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);
  if (scale != NULL)
    *scale = entry->scale;
  return entry->texture;
}

/* Whether the page has been rendered at @scale, or failed to. */
gboolean
warta_pdf_document_has_page (WartaPdfDocument *self,
                             guint             page,
                             gboolean          thumbnail,
                             double            scale)
{
  CacheEntry *entry;

  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), FALSE);

  entry = g_hash_table_lookup (self->cache, slot_key (page, thumbnail));
  return entry != NULL && same_scale (entry->scale, scale);
}

/* The pages (or thumbnails) on screen: the cache keeps them over others,
 * and renders queued for pages far from them are dropped as stale. */
void
warta_pdf_document_set_visible (WartaPdfDocument *self,
                                gboolean          thumbnail,
                                guint             first,
                                guint             last)
{
  guint slot = thumbnail ? 1 : 0;

  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (first <= last);

  self->has_visible[slot] = TRUE;
  self->visible_first[slot] = first;
  self->visible_last[slot] = last;
  cancel_pending_where (self, thumbnail,
                        first - MIN (first, WARTA_PDF_DOCUMENT_PRELOAD_PAGES),
                        last + WARTA_PDF_DOCUMENT_PRELOAD_PAGES);
}

/* Drops every render queued or under way, and any result of one still
 * on its way: after a change of zoom they are all at the wrong scale. */
void
warta_pdf_document_cancel_renders (WartaPdfDocument *self,
                                   gboolean          thumbnail)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));

  self->generation[thumbnail ? 1 : 0]++;
  cancel_all_pending (self, thumbnail);
}

void
warta_pdf_document_set_cache_budget (WartaPdfDocument *self,
                                     gsize             bytes)
{
  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (bytes > 0);

  self->cache_budget = bytes;
  cache_make_room (self, 0);
}

gsize
warta_pdf_document_get_cache_budget (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), 0);
  return self->cache_budget;
}

gsize
warta_pdf_document_get_cache_size (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), 0);
  return self->cache_size;
}

/* The most the cache has held at once, in bytes. */
gsize
warta_pdf_document_get_cache_peak (WartaPdfDocument *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), 0);
  return self->cache_peak;
}

/* Finding text */

/* Finds @text in every page, case-insensitive, on the worker between
 * renders; @progress, if given, has each page's matches as they come. */
void
warta_pdf_document_find_async (WartaPdfDocument    *self,
                               const char          *text,
                               WartaPdfFindFunc     progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WartaPdfJob *job;

  g_return_if_fail (WARTA_IS_PDF_DOCUMENT (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_pdf_document_find_async);
  g_task_set_name (task, "[warta] find in pdf");

  if (!self->loaded || *text == '\0')
    {
      g_task_return_pointer (task, g_array_new (FALSE, FALSE, sizeof (WartaPdfMatch)),
                             (GDestroyNotify) g_array_unref);
      return;
    }

  job = _warta_pdf_job_new (self->worker, WARTA_PDF_JOB_FIND, WARTA_PDF_JOB_PRIORITY_FIND, self->context);
  job->text = g_strdup (text);
  job->n_pages = self->n_pages;
  job->matches = g_array_new (FALSE, FALSE, sizeof (WartaPdfMatch));
  job->progress = progress;
  job->progress_data = progress_data;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->task = g_steal_pointer (&task);
  _warta_pdf_worker_push (self->worker, job);
}

/* Returns: (transfer full): every match, WartaPdfMatch, in page order */
GArray *
warta_pdf_document_find_finish (WartaPdfDocument  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (WARTA_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == warta_pdf_document_find_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
