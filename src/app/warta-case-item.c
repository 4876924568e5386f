/* warta-case-item.c: one row of a case list
 *
 * An item is made once, when its page of the list is read, and never
 * changes: a list that reads newer data makes new items, so a row bound to
 * an item never shows half of an old state and half of a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-case-item.h"

struct _WartaCaseItem
{
  GObject    parent_instance;

  WartaCase *kase;        /* NULL: a placeholder for a row not read yet */
  char      *sop_name;
  char      *step_label;
  char      *holder;
};

G_DEFINE_FINAL_TYPE (WartaCaseItem, warta_case_item, G_TYPE_OBJECT)

static void
warta_case_item_finalize (GObject *object)
{
  WartaCaseItem *self = (WartaCaseItem *)object;

  g_clear_pointer (&self->kase, warta_case_free);
  g_clear_pointer (&self->sop_name, g_free);
  g_clear_pointer (&self->step_label, g_free);
  g_clear_pointer (&self->holder, g_free);

  G_OBJECT_CLASS (warta_case_item_parent_class)->finalize (object);
}

static void
warta_case_item_class_init (WartaCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = warta_case_item_finalize;
}

static void
warta_case_item_init (WartaCaseItem *self)
{
}

/**
 * warta_case_item_new:
 * @kase: (transfer full): the case, with its active run when it has one
 * @sop_name: the name of the case's SOP
 * @step_label: (nullable): the active step, as the list shows it
 * @holder: (nullable): who holds the active step
 */
WartaCaseItem *
warta_case_item_new (WartaCase  *kase,
                     const char *sop_name,
                     const char *step_label,
                     const char *holder)
{
  WartaCaseItem *self;

  g_return_val_if_fail (kase != NULL, NULL);

  self = g_object_new (WARTA_TYPE_CASE_ITEM, NULL);
  self->kase = kase;
  self->sop_name = g_strdup (sop_name);
  self->step_label = g_strdup (step_label);
  self->holder = g_strdup (holder);
  return self;
}

WartaCaseItem *
warta_case_item_new_placeholder (void)
{
  return g_object_new (WARTA_TYPE_CASE_ITEM, NULL);
}

gboolean
warta_case_item_is_placeholder (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), TRUE);
  return self->kase == NULL;
}

gint64
warta_case_item_get_id (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), 0);
  return self->kase ? self->kase->id : 0;
}

const WartaCase *
warta_case_item_get_case (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), NULL);
  return self->kase;
}

const WartaStepRun *
warta_case_item_get_run (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), NULL);
  return self->kase ? self->kase->active : NULL;
}

const char *
warta_case_item_get_title (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), NULL);
  return self->kase ? self->kase->title : NULL;
}

const char *
warta_case_item_get_sop_name (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), NULL);
  return self->sop_name;
}

const char *
warta_case_item_get_step_label (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), NULL);
  return self->step_label;
}

const char *
warta_case_item_get_holder (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), NULL);
  return self->holder;
}

/* Whether a row showing self would show other the same. */
gboolean
warta_case_item_equal (WartaCaseItem *self,
                       WartaCaseItem *other)
{
  const WartaStepRun *a, *b;

  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), FALSE);
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (other), FALSE);

  if (self->kase == NULL || other->kase == NULL)
    return self->kase == other->kase;

  a = self->kase->active;
  b = other->kase->active;
  return self->kase->id == other->kase->id &&
         self->kase->state == other->kase->state &&
         g_strcmp0 (self->kase->title, other->kase->title) == 0 &&
         (a == NULL) == (b == NULL) &&
         (a == NULL || (a->id == b->id && a->assignee == b->assignee)) &&
         self->kase->news == other->kase->news &&
         g_strcmp0 (self->holder, other->holder) == 0;
}

/* What the berkas holds that the inbox's person has not seen. */
WartaCaseNews
warta_case_item_get_news (WartaCaseItem *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ITEM (self), WARTA_CASE_NEWS_NONE);
  return self->kase ? self->kase->news : WARTA_CASE_NEWS_NONE;
}
