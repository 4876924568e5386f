/* warta-case-row.c: a case in a list
 *
 * The row shows the step's live timer (WartaStepTimer, compact: a state
 * icon and the time taken) and under it, in words and the same colour,
 * how late the step is or how much time it has left; the words update
 * themselves while the row is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-row.h"
#include "warta-step-timer.h"
#include "warta-timing.h"

/* As often as the step timer beside it, so the two never disagree. */
#define TIMER_INTERVAL_SECONDS 1

struct _WartaCaseRow
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkLabel       *sop_label;
  GtkLabel       *step_label;
  GtkWidget      *holder_box;
  GtkLabel       *holder_label;
  GtkLabel       *news_label;
  WartaStepTimer *timer;
  GtkLabel       *timer_label;

  /* Owned */
  WartaCaseItem  *item;
  guint           timer_source;
  WartaClockFunc  clock;
  gpointer        clock_data;
  const char     *timer_class;
  char           *step_tooltip;
  char           *timer_tooltip;
};

G_DEFINE_FINAL_TYPE (WartaCaseRow, warta_case_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * warta_case_row_format_timer:
 * @run: an active step run
 * @now: the time, µs since the epoch
 * @css_class: (out) (optional): the style class that colours it
 *
 * Returns: where the step stands against its standard, in a few words
 */
char *
warta_case_row_format_timer (const WartaStepRun  *run,
                             gint64               now,
                             const char         **css_class)
{
  WartaTiming timing = warta_step_run_get_timing (run, now);
  g_autofree char *span = NULL;
  const char *klass;
  char *text;

  switch (timing)
    {
    case WARTA_TIMING_OVER:
      span = warta_format_duration (now - warta_step_run_get_due (run));
      /* Translators: %s is a short duration, "2 h": the step is that much over its standard time */
      text = g_strdup_printf (_("%s late"), span);
      klass = "timer-over";
      break;

    case WARTA_TIMING_NEAR:
    case WARTA_TIMING_WITHIN:
      span = warta_format_duration (warta_step_run_get_due (run) - now);
      /* Translators: %s is a short duration, "15 min": the time left within the step's standard */
      text = g_strdup_printf (_("%s left"), span);
      klass = timing == WARTA_TIMING_NEAR ? "timer-near" : "timer-within";
      break;

    case WARTA_TIMING_NO_STANDARD:
    default:
      span = warta_format_duration (warta_step_run_get_elapsed (run, now));
      /* Translators: %s is a short duration: how long a step without a standard time has run */
      text = g_strdup_printf (_("%s, no standard"), span);
      klass = "timer-none";
      break;
    }

  if (css_class != NULL)
    *css_class = klass;
  return text;
}

/* The labels' tooltips are asked for when shown: setting one makes GTK
 * 4.8 ask the display server where the pointer is, a round trip for
 * every row bound, and for every row each second. */
static gboolean
on_query_tooltip (GtkWidget   *label,
                  int          x,
                  int          y,
                  gboolean     keyboard_tooltip,
                  GtkTooltip  *tooltip,
                  char       **text)
{
  if (*text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, *text);
  return TRUE;
}

static void
set_tooltip (char       **field,
             const char  *text)
{
  if (g_strcmp0 (*field, text) == 0)
    return;
  g_free (*field);
  *field = g_strdup (text);
}

static void
warta_case_row_update_timer (WartaCaseRow *self)
{
  const WartaStepRun *run = self->item ? warta_case_item_get_run (self->item) : NULL;
  const WartaCase *kase = self->item ? warta_case_item_get_case (self->item) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *klass = NULL;

  if (run != NULL)
    {
      gint64 now = self->clock != NULL ? self->clock (self->clock_data) : g_get_real_time ();
      g_autofree char *elapsed = warta_format_duration (warta_step_run_get_elapsed (run, now));

      text = warta_case_row_format_timer (run, now, &klass);
      if (run->standard_max >= 0)
        {
          g_autofree char *standard = warta_format_standard (run->standard_min, run->standard_max);

          /* Translators: the timer's tooltip: time taken, the standard, and how that compares */
          tooltip = g_strdup_printf (_("%s of %s: %s"), elapsed, standard,
                                     warta_timing_to_string (warta_step_run_get_timing (run, now)));
        }
      else
        tooltip = g_strdup_printf (_("%s: %s"), elapsed, warta_timing_to_string (WARTA_TIMING_NO_STANDARD));
    }
  else if (kase != NULL)
    {
      text = g_strdup (warta_case_state_describe (kase->state));
      klass = kase->state == WARTA_CASE_REJECTED ? "timer-over" : "timer-none";
    }

  gtk_label_set_label (self->timer_label, text);
  set_tooltip (&self->timer_tooltip, tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), text != NULL);
  /* A class changed restyles the row: only when it does. */
  if (g_strcmp0 (klass, self->timer_class) != 0)
    {
      if (self->timer_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), self->timer_class);
      if (klass != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), klass);
      self->timer_class = klass;
    }
}

static gboolean
on_timer_tick (gpointer user_data)
{
  warta_case_row_update_timer (user_data);
  return G_SOURCE_CONTINUE;
}

static void
warta_case_row_map (GtkWidget *widget)
{
  WartaCaseRow *self = WARTA_CASE_ROW (widget);

  GTK_WIDGET_CLASS (warta_case_row_parent_class)->map (widget);

  warta_case_row_update_timer (self);
  if (self->timer_source == 0)
    self->timer_source = g_timeout_add_seconds (TIMER_INTERVAL_SECONDS, on_timer_tick, self);
}

static void
warta_case_row_unmap (GtkWidget *widget)
{
  WartaCaseRow *self = WARTA_CASE_ROW (widget);

  g_clear_handle_id (&self->timer_source, g_source_remove);

  GTK_WIDGET_CLASS (warta_case_row_parent_class)->unmap (widget);
}

static void
warta_case_row_dispose (GObject *object)
{
  WartaCaseRow *self = (WartaCaseRow *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_object (&self->item);
  g_clear_pointer (&self->step_tooltip, g_free);
  g_clear_pointer (&self->timer_tooltip, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_CASE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (warta_case_row_parent_class)->dispose (object);
}

static void
warta_case_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WartaCaseRow *self = WARTA_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_case_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WartaCaseRow *self = WARTA_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      warta_case_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_case_row_class_init (WartaCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_case_row_dispose;
  object_class->get_property = warta_case_row_get_property;
  object_class->set_property = warta_case_row_set_property;

  widget_class->map = warta_case_row_map;
  widget_class->unmap = warta_case_row_unmap;

  /**
   * WartaCaseRow:item:
   *
   * The case the row shows.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         WARTA_TYPE_CASE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WARTA_TYPE_STEP_TIMER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "caserow");
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, sop_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, step_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, holder_box);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, holder_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, news_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, timer);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseRow, timer_label);
}

static void
warta_case_row_init (WartaCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->step_label), TRUE);
  g_signal_connect (self->step_label, "query-tooltip", G_CALLBACK (on_query_tooltip), &self->step_tooltip);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->timer_label), TRUE);
  g_signal_connect (self->timer_label, "query-tooltip", G_CALLBACK (on_query_tooltip), &self->timer_tooltip);
}

GtkWidget *
warta_case_row_new (void)
{
  return g_object_new (WARTA_TYPE_CASE_ROW, NULL);
}

WartaCaseItem *
warta_case_row_get_item (WartaCaseRow *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_ROW (self), NULL);
  return self->item;
}

void
warta_case_row_set_item (WartaCaseRow  *self,
                         WartaCaseItem *item)
{
  g_autofree char *step = NULL;
  const char *holder;

  g_return_if_fail (WARTA_IS_CASE_ROW (self));
  g_return_if_fail (item == NULL || WARTA_IS_CASE_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  /* A row not read yet keeps a row's height, so the list does not jump
   * when it arrives. */
  if (item == NULL || warta_case_item_is_placeholder (item))
    {
      gtk_label_set_label (self->title_label, "…");
      gtk_label_set_label (self->sop_label, " ");
      gtk_label_set_label (self->step_label, " ");
      set_tooltip (&self->step_tooltip, NULL);
      gtk_label_set_label (self->holder_label, " ");
      gtk_widget_set_visible (GTK_WIDGET (self->news_label), FALSE);
      gtk_widget_set_visible (self->holder_box, TRUE);
      gtk_widget_set_opacity (self->holder_box, 0.0);
      warta_step_timer_set_run (self->timer, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->timer), FALSE);
      warta_case_row_update_timer (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
      return;
    }

  /* The step's number leads, so that it shows however short the label. */
  if (warta_case_item_get_step_label (item) != NULL)
    /* Translators: %s is the step's number and text, "3. Melakukan penulisan…" */
    step = g_strdup_printf (_("Step %s"), warta_case_item_get_step_label (item));
  holder = warta_case_item_get_holder (item);

  gtk_label_set_label (self->title_label, warta_case_item_get_title (item));
  gtk_label_set_label (self->sop_label, warta_case_item_get_sop_name (item));
  gtk_label_set_label (self->step_label, warta_case_item_get_step_label (item));
  set_tooltip (&self->step_tooltip, step);
  gtk_label_set_label (self->holder_label, holder);
  gtk_widget_set_visible (self->holder_box, holder != NULL);
  gtk_widget_set_opacity (self->holder_box, 1.0);
  switch (warta_case_item_get_news (item))
    {
    case WARTA_CASE_NEWS_NEW:
      /* Translators: a tag on a berkas in a list: the person never opened it */
      gtk_label_set_label (self->news_label, C_("berkas", "New"));
      break;
    case WARTA_CASE_NEWS_CHANGED:
      /* Translators: a tag on a berkas in a list: changed since the person last opened it */
      gtk_label_set_label (self->news_label, C_("berkas", "Changed"));
      break;
    case WARTA_CASE_NEWS_NONE:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->news_label), warta_case_item_get_news (item) != WARTA_CASE_NEWS_NONE);
  warta_step_timer_set_run (self->timer, warta_case_item_get_run (item));
  gtk_widget_set_visible (GTK_WIDGET (self->timer), warta_case_item_get_run (item) != NULL);
  warta_case_row_update_timer (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* The time the row's timers read: the engine's, as the case view's; NULL
 * for the real time. */
void
warta_case_row_set_clock (WartaCaseRow   *self,
                          WartaClockFunc  func,
                          gpointer        user_data)
{
  g_return_if_fail (WARTA_IS_CASE_ROW (self));

  self->clock = func;
  self->clock_data = user_data;
  warta_step_timer_set_clock (self->timer, func, user_data);
  warta_case_row_update_timer (self);
}
