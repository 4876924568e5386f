/* warta-case-list-model.c: a signed-in user's cases, read page by page
 *
 * The inbox of a busy office can hold a hundred thousand cases, so the
 * model never reads them all: it counts them, and reads the page of
 * WARTA_CASE_LIST_MODEL_PAGE_SIZE rows that holds a position only when a
 * view asks for it, keeping the few pages last used.
 *
 * Reading is a job on the session's database worker, at high priority:
 * the main thread never waits for sqlite. A page is asked for by the sort
 * key of the row next to it (keyset pages): the last row of the page
 * before, the first of the page after, or, for the last page, from the
 * end; only a jump far from every page read walks the index from the
 * nearest of these. Until its page arrives a row is a placeholder; then
 * the model says which rows changed. One read runs at a time, and takes
 * every page asked for meanwhile.
 *
 * A change of any berkas (changed::case) or of the people (whose names
 * the rows show) recounts and rereads the pages in use. When
 * the count is the same, only the rows that differ are announced, so rows
 * that did not change keep their items and their selection; when it
 * differs, rows may have moved anywhere, so the model starts over, which
 * is as cheap: the view asks again for the rows it shows and no more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "warta-case-list-model.h"

#define PAGE_SIZE WARTA_CASE_LIST_MODEL_PAGE_SIZE
#define MAX_PAGES 6
#define PAGES_A_READ 1

typedef struct
{
  GPtrArray    *items;    /* WartaCaseItem, placeholders until loaded */
  gboolean      loaded;
  gboolean      keyed;    /* first and last hold its rows' keys */
  WartaCaseKey  first;
  WartaCaseKey  last;
} Page;

/* Where a page read may start from: a page read since the last change. */
typedef struct
{
  guint         number;
  WartaCaseKey  first;
  WartaCaseKey  last;
} Anchor;

struct _WartaCaseListModel
{
  GObject       parent_instance;

  /* Owned */
  WartaSession *session;
  GStrv         actions;     /* NULL: every action */
  GHashTable   *pages;       /* page number → Page */
  GQueue        recent;      /* page numbers, the last used first */
  GCancellable *cancellable;

  gint64        user_id;
  guint         n_items;
  guint         generation;  /* bumped when the user changes: older reads are dropped */
  guint         reading : 1;
  guint         want_count : 1;
  guint         loading : 1;  /* no count yet for this user */
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);
static void warta_case_list_model_start_read (WartaCaseListModel *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (WartaCaseListModel, warta_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* One read: done in the worker, from plain data only. */
typedef struct
{
  gint64    user_id;
  GStrv     actions;
  guint     generation;
  gboolean  count;
  gint64    known_n_items;  /* when not counting */
  GArray   *pages;    /* guint page numbers, ascending */
  GArray   *anchors;  /* Anchor */
  /* Results */
  gint64    n_items;
  GPtrArray *cases;   /* one GPtrArray of WartaCaseItem a page, or NULL */
  GPtrArray *keys;    /* one GArray of WartaCaseKey a page, the keys of its rows */
} Read;

static void
read_free (Read *read)
{
  g_strfreev (read->actions);
  g_clear_pointer (&read->pages, g_array_unref);
  g_clear_pointer (&read->anchors, g_array_unref);
  g_clear_pointer (&read->keys, g_ptr_array_unref);
  g_clear_pointer (&read->cases, g_ptr_array_unref);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Read, read_free)

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static guint
page_length (WartaCaseListModel *self,
             guint               page)
{
  return MIN (PAGE_SIZE, self->n_items - MIN (self->n_items, page * PAGE_SIZE));
}

static Page *
page_new_placeholders (guint length)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_full (length, g_object_unref);
  for (guint i = 0; i < length; i++)
    g_ptr_array_add (page->items, warta_case_item_new_placeholder ());
  return page;
}

/* In the worker: the rows' items, with the names their holders go by
 * (@holders: user id → full name, for the read). */
static char *
dup_holder (WartaStore         *store,
            GHashTable         *holders,
            WartaSop           *sop,
            const WartaStepRun *run)
{
  const char *name;

  if (run->assignee == 0)
    {
      const WartaSopLane *lane = sop ? warta_sop_lookup_lane (sop, run->lane) : NULL;

      return g_strdup (lane ? lane->name : run->lane);
    }

  if (!(name = g_hash_table_lookup (holders, &run->assignee)))
    {
      g_autoptr(WartaUser) user = warta_store_get_user (store, run->assignee, NULL);

      g_hash_table_insert (holders, g_memdup2 (&run->assignee, sizeof run->assignee),
                           g_strdup (user ? user->full_name : ""));
      name = g_hash_table_lookup (holders, &run->assignee);
    }

  return g_strdup (name);
}

static WartaCaseItem *
make_item (WartaEngine *engine,
           GHashTable  *holders,
           WartaCase   *kase)
{
  g_autoptr(WartaSop) sop = NULL;
  g_autofree char *step_label = NULL;
  g_autofree char *holder = NULL;
  const char *sop_name;

  sop = warta_engine_get_sop (engine, kase->sop_id, kase->sop_version, NULL);
  sop_name = sop ? warta_sop_get_name (sop) : kase->sop_id;

  if (kase->active != NULL)
    {
      const WartaSopStep *step = sop ? warta_sop_lookup_step (sop, kase->active->step_id) : NULL;

      if (step != NULL)
        step_label = g_strdup_printf ("%s. %s", step->id, step->text);
      else
        step_label = g_strdup (kase->active->step_id);
      holder = dup_holder (warta_engine_get_store (engine), holders, sop, kase->active);
    }

  return warta_case_item_new (kase, sop_name, step_label, holder);
}

static void
touch_page (WartaCaseListModel *self,
            guint               page)
{
  g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    {
      guint old = GPOINTER_TO_UINT (g_queue_pop_tail (&self->recent));

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old));
    }
}

static void
drop_pages (WartaCaseListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static GType
warta_case_list_model_get_item_type (GListModel *model)
{
  return WARTA_TYPE_CASE_ITEM;
}

static guint
warta_case_list_model_get_n_items (GListModel *model)
{
  return WARTA_CASE_LIST_MODEL (model)->n_items;
}

static gpointer
warta_case_list_model_get_item (GListModel *model,
                                guint       position)
{
  WartaCaseListModel *self = WARTA_CASE_LIST_MODEL (model);
  guint number = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  if (!(page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number))))
    {
      page = page_new_placeholders (page_length (self, number));
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
      /* The last used first, so that the read started here finds it. */
      touch_page (self, number);
      warta_case_list_model_start_read (self);
    }
  else
    touch_page (self, number);

  g_assert (position % PAGE_SIZE < page->items->len);
  return g_object_ref (g_ptr_array_index (page->items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = warta_case_list_model_get_item_type;
  iface->get_n_items = warta_case_list_model_get_n_items;
  iface->get_item = warta_case_list_model_get_item;
}

/* How to read page number of a list of n_items rows: from the nearest
 * of its start, its end and the pages read, by key. */
static void
plan_page (Read           *read,
           guint           number,
           gint64          n_items,
           WartaCaseQuery *query,
           WartaCaseKey   *key)
{
  gint64 start = (gint64)number * PAGE_SIZE;
  gint64 end = MIN (n_items, start + PAGE_SIZE);
  gint64 best = start;

  query->after = NULL;
  query->backward = FALSE;
  query->skip = start;
  query->limit = PAGE_SIZE;

  if (end > start && n_items - end < best)
    {
      best = n_items - end;
      query->backward = TRUE;
      query->skip = best;
      query->limit = end - start;
    }

  for (guint i = 0; i < read->anchors->len; i++)
    {
      const Anchor *anchor = &g_array_index (read->anchors, Anchor, i);
      gint64 anchor_start = (gint64)anchor->number * PAGE_SIZE;

      if (anchor->number < number && start - (anchor_start + PAGE_SIZE) < best)
        {
          best = start - (anchor_start + PAGE_SIZE);
          *key = anchor->last;
          query->after = key;
          query->backward = FALSE;
          query->skip = best;
          query->limit = PAGE_SIZE;
        }
      else if (anchor->number > number && end > start && anchor_start - end < best)
        {
          best = anchor_start - end;
          *key = anchor->first;
          query->after = key;
          query->backward = TRUE;
          query->skip = best;
          query->limit = end - start;
        }
    }
}

static gpointer
read_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Read *read = data;
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaTransaction) snapshot = NULL;
  Read *result = g_new0 (Read, 1);
  g_autoptr(GHashTable) holders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  WartaCaseQuery query = { 0 };
  gint64 n_items;

  /* The count and the pages from one view of the database. */
  if (!(snapshot = warta_store_snapshot (store, error)))
    goto failed;

  query.inbox_user = read->user_id;
  query.actions = (const char * const *)read->actions;
  query.now = warta_engine_now (engine);
  if (read->count && (result->n_items = warta_store_count_cases (store, &query, error)) < 0)
    goto failed;
  n_items = read->count ? result->n_items : read->known_n_items;

  result->generation = read->generation;
  result->count = read->count;
  result->pages = g_array_ref (read->pages);
  result->cases = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  result->keys = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  for (guint i = 0; i < read->pages->len; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      GArray *keys;
      guint number = g_array_index (read->pages, guint, i);
      GArray *before = i > 0 ? g_ptr_array_index (result->keys, i - 1) : NULL;
      WartaCaseKey after;
      GPtrArray *cases;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      plan_page (read, number, n_items, &query, &after);
      /* The page before was just read: start after its last row. */
      if (before != NULL && before->len == PAGE_SIZE &&
          g_array_index (read->pages, guint, i - 1) + 1 == number)
        {
          after = g_array_index (before, WartaCaseKey, before->len - 1);
          query.after = &after;
          query.backward = FALSE;
          query.skip = 0;
          query.limit = PAGE_SIZE;
        }
      if (!(cases = warta_store_list_cases (store, &query, error)))
        goto failed;

      /* The rows' keys, for the pages read next; then the rows become
       * items, with what they show. */
      keys = g_array_sized_new (FALSE, FALSE, sizeof (WartaCaseKey), cases->len);
      items = g_ptr_array_new_full (cases->len, g_object_unref);
      for (guint j = 0; j < cases->len; j++)
        {
          WartaCaseKey key;

          warta_store_case_key (&query, g_ptr_array_index (cases, j), &key);
          g_array_append_val (keys, key);
          g_ptr_array_add (items, make_item (engine, holders, g_steal_pointer (&g_ptr_array_index (cases, j))));
        }
      g_ptr_array_unref (cases);
      g_ptr_array_add (result->keys, keys);
      g_ptr_array_add (result->cases, g_steal_pointer (&items));
    }

  return result;

failed:
  read_free (result);
  return NULL;
}

/* Items for a page read, reusing the old items of the rows that did not
 * change. Returns the span that changed, if any, in first and last. */
static Page *
make_page (WartaCaseListModel *self,
           GPtrArray          *cases,
           GArray             *keys,
           guint               length,
           Page               *old,
           guint              *first,
           guint              *last)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_full (length, g_object_unref);
  page->loaded = cases->len >= length;
  if (page->loaded && length > 0)
    {
      page->keyed = TRUE;
      page->first = g_array_index (keys, WartaCaseKey, 0);
      page->last = g_array_index (keys, WartaCaseKey, length - 1);
    }
  *first = G_MAXUINT;
  *last = 0;

  for (guint i = 0; i < length; i++)
    {
      WartaCaseItem *item;
      WartaCaseItem *before = old && i < old->items->len ? g_ptr_array_index (old->items, i) : NULL;

      if (i < cases->len)
        item = g_object_ref (g_ptr_array_index (cases, i));
      else
        item = warta_case_item_new_placeholder ();

      if (before != NULL && warta_case_item_equal (before, item))
        {
          g_object_unref (item);
          item = g_object_ref (before);
        }
      else
        {
          *first = MIN (*first, i);
          *last = i;
        }
      g_ptr_array_add (page->items, item);
    }

  return page;
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WartaCaseListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Read) read = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  gboolean short_page = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  if (read == NULL)
    {
      g_warning ("Could not read the cases: %s", error->message);
      self->want_count = FALSE;
      warta_case_list_model_start_read (self);
      return;
    }

  /* A read for the last user: its rows are not this one's. */
  if (read->generation != self->generation)
    {
      warta_case_list_model_start_read (self);
      return;
    }


  if (read->count && read->n_items != self->n_items)
    {
      guint old = self->n_items;

      /* Rows may have moved anywhere: start over with the pages just read. */
      self->n_items = MIN (read->n_items, G_MAXUINT - PAGE_SIZE);
      drop_pages (self);
      for (guint i = 0; i < read->pages->len; i++)
        {
          guint number = g_array_index (read->pages, guint, i);
          guint length = page_length (self, number);
          guint first, last;
          Page *page;

          if (length == 0 || i >= read->cases->len)
            continue;
          page = make_page (self, g_ptr_array_index (read->cases, i), g_ptr_array_index (read->keys, i),
                            length, NULL, &first, &last);
          short_page |= !page->loaded;
          g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
          touch_page (self, number);
        }
      self->loading = FALSE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
    }
  else
    {
      for (guint i = 0; i < read->pages->len && i < read->cases->len; i++)
        {
          guint number = g_array_index (read->pages, guint, i);
          Page *old = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
          guint length = page_length (self, number);
          guint first, last;
          Page *page;

          /* Pages dropped meanwhile are no longer in view. */
          if (old == NULL || length == 0)
            continue;
          page = make_page (self, g_ptr_array_index (read->cases, i), g_ptr_array_index (read->keys, i),
                            length, old, &first, &last);
          short_page |= !page->loaded;
          g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
          if (first != G_MAXUINT)
            g_list_model_items_changed (G_LIST_MODEL (self), number * PAGE_SIZE + first,
                                        last - first + 1, last - first + 1);
        }
      self->loading = FALSE;
    }

  /* The database changed between the count and a page: count again. */
  if (short_page)
    self->want_count = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  warta_case_list_model_start_read (self);
}

static int
compare_page_numbers (gconstpointer a,
                      gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

/* Starts a read of the count if wanted, and of every page in use that is
 * a placeholder, or all of them after a change. */
static void
warta_case_list_model_start_read (WartaCaseListModel *self)
{
  GHashTableIter iter;
  gpointer key, value;
  Read *read;

  if (self->reading || self->user_id == 0)
    return;

  read = g_new0 (Read, 1);
  read->pages = g_array_new (FALSE, FALSE, sizeof (guint));
  if (self->want_count)
    {
      /* After a change, every page in use is read again. */
      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint number = GPOINTER_TO_UINT (key);

          g_array_append_val (read->pages, number);
        }
    }
  else
    {
      /* The pages last asked for first, a few at a time: while a view is
       * scrolled far, the pages it passed on the way are not wanted. */
      for (const GList *l = self->recent.head; l != NULL && read->pages->len < PAGES_A_READ; l = l->next)
        {
          Page *page = g_hash_table_lookup (self->pages, l->data);
          guint number = GPOINTER_TO_UINT (l->data);

          if (page != NULL && !page->loaded)
            g_array_append_val (read->pages, number);
        }
    }
  /* A fresh count shows the top of the list first. */
  if (self->want_count && g_hash_table_size (self->pages) == 0)
    {
      guint zero = 0;

      g_array_append_val (read->pages, zero);
    }

  if (!self->want_count && read->pages->len == 0)
    {
      read_free (read);
      return;
    }

  g_array_sort (read->pages, compare_page_numbers);
  read->anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  /* After a change, the keys read before say nothing of positions. */
  if (!self->want_count)
    {
      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;
          Anchor anchor = { GPOINTER_TO_UINT (key), page->first, page->last };

          if (page->keyed)
            g_array_append_val (read->anchors, anchor);
        }
    }

  read->known_n_items = self->n_items;
  read->user_id = self->user_id;
  read->actions = g_strdupv (self->actions);
  read->generation = self->generation;
  read->count = self->want_count;
  self->want_count = FALSE;
  self->reading = TRUE;

  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, read_job,
                           read, (GDestroyNotify)read_free, (GDestroyNotify)read_free,
                           self->cancellable, read_done, g_object_ref (self));
}

static void
on_user_changed (WartaCaseListModel *self)
{
  gint64 user_id = warta_session_get_user_id (self->session);
  guint old = self->n_items;

  if (user_id == self->user_id)
    return;

  /* Nothing of the last person's list stays on screen. */
  self->user_id = user_id;
  self->generation++;
  self->n_items = 0;
  self->loading = user_id != 0;
  self->want_count = user_id != 0;
  drop_pages (self);
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  warta_case_list_model_start_read (self);
}

static void
warta_case_list_model_dispose (GObject *object)
{
  WartaCaseListModel *self = (WartaCaseListModel *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (warta_case_list_model_parent_class)->dispose (object);
}

static void
warta_case_list_model_finalize (GObject *object)
{
  WartaCaseListModel *self = (WartaCaseListModel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->actions, g_strfreev);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);

  G_OBJECT_CLASS (warta_case_list_model_parent_class)->finalize (object);
}

static void
warta_case_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WartaCaseListModel *self = WARTA_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, warta_case_list_model_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_case_list_model_class_init (WartaCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_case_list_model_dispose;
  object_class->finalize = warta_case_list_model_finalize;
  object_class->get_property = warta_case_list_model_get_property;

  /**
   * WartaCaseListModel:loading:
   *
   * Whether the model has yet to count the signed-in user's cases: an
   * empty model is not an empty list until this is %FALSE.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
warta_case_list_model_init (WartaCaseListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->recent);
}

/**
 * warta_case_list_model_new:
 * @session: the session whose signed-in user's cases the model lists
 * @actions: (nullable) (array zero-terminated=1): only the cases whose
 *   active step has one of these actions, or %NULL for all
 *
 * The model lists the cases whose active step the signed-in user holds,
 * overdue first, then by due time; it follows sign-in, sign-out and every
 * change of the database. It reads in a worker: see
 * #WartaCaseListModel:loading.
 */
WartaCaseListModel *
warta_case_list_model_new (WartaSession       *session,
                           const char * const *actions)
{
  WartaCaseListModel *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_CASE_LIST_MODEL, NULL);
  self->session = g_object_ref (session);
  self->actions = g_strdupv ((char **)actions);
  g_signal_connect_object (session, "changed::case",
                           G_CALLBACK (warta_case_list_model_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "changed::people",
                           G_CALLBACK (warta_case_list_model_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::user-id",
                           G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  on_user_changed (self);
  return self;
}

WartaSession *
warta_case_list_model_get_session (WartaCaseListModel *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_LIST_MODEL (self), NULL);
  return self->session;
}

const char * const *
warta_case_list_model_get_actions (WartaCaseListModel *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_LIST_MODEL (self), NULL);
  return (const char * const *)self->actions;
}

gboolean
warta_case_list_model_get_loading (WartaCaseListModel *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_LIST_MODEL (self), FALSE);
  return self->loading;
}

/**
 * warta_case_list_model_reload:
 * @self: a #WartaCaseListModel
 *
 * Counts the cases again and rereads the pages in use, in the worker. The
 * model does this by itself on #WartaSession::changed.
 */
void
warta_case_list_model_reload (WartaCaseListModel *self)
{
  g_return_if_fail (WARTA_IS_CASE_LIST_MODEL (self));

  if (self->user_id == 0)
    return;
  self->want_count = TRUE;
  warta_case_list_model_start_read (self);
}

/**
 * warta_case_list_model_find:
 * @self: a #WartaCaseListModel
 * @case_id: a case
 *
 * Looks for a case in the pages read; it reads nothing.
 *
 * Returns: its position, or %GTK_INVALID_LIST_POSITION
 */
guint
warta_case_list_model_find (WartaCaseListModel *self,
                            gint64              case_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (WARTA_IS_CASE_LIST_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (case_id == 0)
    return GTK_INVALID_LIST_POSITION;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->items->len; i++)
        if (warta_case_item_get_id (g_ptr_array_index (page->items, i)) == case_id)
          return GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* For tests: how many pages the model holds, read or waiting. */
guint
warta_case_list_model_get_n_loaded_pages (WartaCaseListModel *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}
