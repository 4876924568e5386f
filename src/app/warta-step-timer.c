/* warta-step-timer.c: a live timer for one step run against its standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-step-timer.h"

struct _WartaStepTimer
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkBox         *box;
  GtkImage       *icon;
  GtkLabel       *text_label;
  GtkLabel       *state_label;

  /* Owned: only the times and the standard of the run */
  WartaStepRun    run;
  gboolean        has_run;
  char           *text;

  WartaClockFunc  clock;
  gpointer        clock_data;
  guint           tick_id;
  gboolean        compact;
  WartaTiming     state;
  gboolean        styled;        /* state's class, icon and words set */
  char           *description;   /* the accessible label last set */
};

G_DEFINE_FINAL_TYPE (WartaStepTimer, warta_step_timer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPACT,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The state in a shape as well as a colour, for compact rows where the
 * words are only in the tooltip. */
static const char *
state_icon_name (WartaTiming state)
{
  switch (state)
    {
    case WARTA_TIMING_WITHIN:
      return "emblem-ok-symbolic";
    case WARTA_TIMING_NEAR:
      return "alarm-symbolic";
    case WARTA_TIMING_OVER:
      return "emblem-important-symbolic";
    case WARTA_TIMING_NO_STANDARD:
    default:
      return "preferences-system-time-symbolic";
    }
}

static gint64
warta_step_timer_now (WartaStepTimer *self)
{
  return self->clock ? self->clock (self->clock_data) : g_get_real_time ();
}

static gboolean
warta_step_timer_is_running (WartaStepTimer *self)
{
  return self->has_run && self->run.completed_at == 0;
}

static void
warta_step_timer_update (WartaStepTimer *self)
{
  static const char *state_classes[] = { "none", "within", "near", "over" };
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *description = NULL;
  WartaTiming state = WARTA_TIMING_NO_STANDARD;

  if (self->has_run)
    {
      gint64 now = warta_step_timer_now (self);

      text = warta_step_run_format_time (&self->run, now, FALSE, &state);
      shown = self->compact ? warta_step_run_format_time (&self->run, now, TRUE, NULL) : g_strdup (text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->box), self->has_run);
  /* Every second on every row on screen: only what changed is set, as a
   * class change restyles the row. The tooltip is asked for when shown
   * (query_tooltip): setting one makes GTK 4.8 ask the display server
   * where the pointer is, a round trip for every row. */
  if (!self->styled || state != self->state)
    {
      for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
        gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
      gtk_widget_add_css_class (GTK_WIDGET (self), state_classes[state]);
      gtk_image_set_from_icon_name (self->icon, state_icon_name (state));
      gtk_label_set_label (self->state_label, warta_timing_to_string (state));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, warta_timing_to_string (state),
                                      -1);
      self->styled = TRUE;
    }

  gtk_label_set_label (self->text_label, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), !self->compact);

  /* Translators: a step's time and its state: "1 h 05 min of 60 min, over the standard" */
  if (text != NULL)
    description = g_strdup_printf (C_("step time and state", "%s, %s"), text, warta_timing_to_string (state));
  if (g_strcmp0 (description, self->description) != 0)
    {
      if (description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_free (self->description);
      self->description = g_steal_pointer (&description);
    }

  self->state = state;
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

/* Compact: the time and the state in words, which the row does not show. */
static gboolean
warta_step_timer_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_tooltip,
                                GtkTooltip *tooltip)
{
  WartaStepTimer *self = WARTA_STEP_TIMER (widget);

  if (!self->compact || self->description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->description);
  return TRUE;
}

static gboolean
warta_step_timer_tick (gpointer user_data)
{
  warta_step_timer_update (user_data);
  return G_SOURCE_CONTINUE;
}

/* Ticks only while the timer is on screen and the run is still active. */
static void
warta_step_timer_sync_tick (WartaStepTimer *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) && warta_step_timer_is_running (self);

  if (wanted && self->tick_id == 0)
    {
      self->tick_id = g_timeout_add_seconds (1, warta_step_timer_tick, self);
      g_source_set_name_by_id (self->tick_id, "[warta] step timer tick");
    }
  else if (!wanted)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
warta_step_timer_map (GtkWidget *widget)
{
  WartaStepTimer *self = WARTA_STEP_TIMER (widget);

  GTK_WIDGET_CLASS (warta_step_timer_parent_class)->map (widget);

  /* The time moved on while it was hidden. */
  warta_step_timer_update (self);
  warta_step_timer_sync_tick (self);
}

static void
warta_step_timer_unmap (GtkWidget *widget)
{
  WartaStepTimer *self = WARTA_STEP_TIMER (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (warta_step_timer_parent_class)->unmap (widget);
}

static void
warta_step_timer_dispose (GObject *object)
{
  WartaStepTimer *self = (WartaStepTimer *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_STEP_TIMER);

  G_OBJECT_CLASS (warta_step_timer_parent_class)->dispose (object);
}

static void
warta_step_timer_finalize (GObject *object)
{
  WartaStepTimer *self = (WartaStepTimer *)object;

  g_free (self->text);
  g_free (self->description);

  G_OBJECT_CLASS (warta_step_timer_parent_class)->finalize (object);
}

static void
warta_step_timer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WartaStepTimer *self = WARTA_STEP_TIMER (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    case PROP_TEXT:
      g_value_set_string (value, warta_step_timer_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_step_timer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WartaStepTimer *self = WARTA_STEP_TIMER (object);

  switch (prop_id)
    {
    case PROP_COMPACT:
      warta_step_timer_set_compact (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_step_timer_class_init (WartaStepTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_step_timer_dispose;
  object_class->finalize = warta_step_timer_finalize;
  object_class->get_property = warta_step_timer_get_property;
  object_class->set_property = warta_step_timer_set_property;

  widget_class->map = warta_step_timer_map;
  widget_class->unmap = warta_step_timer_unmap;
  widget_class->query_tooltip = warta_step_timer_query_tooltip;

  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "steptimer");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-step-timer.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaStepTimer, box);
  gtk_widget_class_bind_template_child (widget_class, WartaStepTimer, icon);
  gtk_widget_class_bind_template_child (widget_class, WartaStepTimer, text_label);
  gtk_widget_class_bind_template_child (widget_class, WartaStepTimer, state_label);
}

static void
warta_step_timer_init (WartaStepTimer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  warta_step_timer_update (self);
}

GtkWidget *
warta_step_timer_new (void)
{
  return g_object_new (WARTA_TYPE_STEP_TIMER, NULL);
}

/* Copies the run's times and standard; NULL clears the timer. */
void
warta_step_timer_set_run (WartaStepTimer     *self,
                          const WartaStepRun *run)
{
  g_return_if_fail (WARTA_IS_STEP_TIMER (self));

  self->has_run = run != NULL;
  self->run = (WartaStepRun) { 0 };
  if (run != NULL)
    {
      self->run.started_at = run->started_at;
      self->run.completed_at = run->completed_at;
      self->run.standard_min = run->standard_min;
      self->run.standard_max = run->standard_max;
    }

  warta_step_timer_update (self);
  warta_step_timer_sync_tick (self);
}

/* For tests and sample data; NULL goes back to the real time. */
void
warta_step_timer_set_clock (WartaStepTimer *self,
                            WartaClockFunc  func,
                            gpointer        user_data)
{
  g_return_if_fail (WARTA_IS_STEP_TIMER (self));

  self->clock = func;
  self->clock_data = user_data;
  warta_step_timer_update (self);
}

gboolean
warta_step_timer_get_compact (WartaStepTimer *self)
{
  g_return_val_if_fail (WARTA_IS_STEP_TIMER (self), FALSE);
  return self->compact;
}

/* Compact: an icon and the elapsed time, for list rows; the standard and
 * the state in words go to the tooltip. */
void
warta_step_timer_set_compact (WartaStepTimer *self,
                              gboolean        compact)
{
  g_return_if_fail (WARTA_IS_STEP_TIMER (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), compact);
  if (compact)
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  warta_step_timer_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

WartaTiming
warta_step_timer_get_state (WartaStepTimer *self)
{
  g_return_val_if_fail (WARTA_IS_STEP_TIMER (self), WARTA_TIMING_NO_STANDARD);
  return self->state;
}

/* The full text, "1 h 05 min of 60 min", even when compact; "" when the
 * timer has no run. */
const char *
warta_step_timer_get_text (WartaStepTimer *self)
{
  g_return_val_if_fail (WARTA_IS_STEP_TIMER (self), NULL);
  return self->text ? self->text : "";
}
