/* warta-flowchart-view.c: an SOP's flowchart, with a case's progress on it
 *
 * The chart is laid out and drawn by the core (warta-flowchart-layout.c, warta-flowchart.c); this
 * widget gives it the style's colours and Pango for its text, shows it
 * scrolled and zoomed (warta-flowchart-view-zoom.c), names each step in a
 * tooltip, and exports it (warta-flowchart-view-export.c). The drawing is recorded once per change and
 * replayed for what is on screen. While a step runs the chart is live: it
 * reads its clock every second and draws again when the active step's
 * words change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "warta-flowchart-view-private.h"
#include "warta-timing.h"

static void warta_flowchart_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WartaFlowchartView, warta_flowchart_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, warta_flowchart_view_scrollable_init))

enum {
  PROP_0,
  PROP_SOP,
  PROP_ZOOM,
  PROP_FIT_WIDTH,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

/* The core's text callback, with Pango: wrapped at words, ellipsized at the
 * end of the last line that fits in the box. Also runs in the export thread. */
void
_warta_flowchart_view_draw_text (cairo_t                     *cr,
                                 const char                  *text,
                                 const WartaFlowchartTextBox *box,
                                 gpointer                     user_data)
{
  const PangoFontDescription *base = user_data;
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = NULL;
  PangoRectangle logical;

  font = base != NULL ? pango_font_description_copy (base) : pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, box->size * PANGO_SCALE);
  pango_font_description_set_weight (font, box->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (box->rect.width * PANGO_SCALE));
  pango_layout_set_height (layout, (int) (box->rect.height * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, box->xalign < 0.25 ? PANGO_ALIGN_LEFT :
                                      box->xalign > 0.75 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  cairo_move_to (cr, box->rect.x,
                 box->rect.y + (box->rect.height - (double) logical.height / PANGO_SCALE) * box->yalign);
  pango_cairo_show_layout (cr, layout);
}

static WartaStepRun *
step_run_copy (const WartaStepRun *run)
{
  WartaStepRun *copy = g_new0 (WartaStepRun, 1);

  *copy = *run;
  copy->step_id = g_strdup (run->step_id);
  copy->lane = g_strdup (run->lane);
  copy->note = g_strdup (run->note);
  copy->action = g_strdup (run->action);
  return copy;
}

GPtrArray *
_warta_flowchart_view_copy_runs (GPtrArray *runs)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) warta_step_run_free);

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    g_ptr_array_add (copy, step_run_copy (g_ptr_array_index (runs, i)));
  return copy;
}

static void
color_set (WartaFlowchartColor *color,
           const GdkRGBA       *rgba,
           double               alpha)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha * alpha;
}

/* rgba at alpha over an opaque colour: a fill that stays opaque. */
static void
color_blend (WartaFlowchartColor       *color,
             const GdkRGBA             *rgba,
             double                     alpha,
             const WartaFlowchartColor *under)
{
  double a = rgba->alpha * alpha;

  color->red = rgba->red * a + under->red * (1 - a);
  color->green = rgba->green * a + under->green * (1 - a);
  color->blue = rgba->blue * a + under->blue * (1 - a);
  color->alpha = under->alpha;
}

static gboolean
lookup_color (WartaFlowchartView *self,
              const char         *name,
              GdkRGBA            *rgba)
{
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), name, rgba);
}

/* The chart in the colours of the style: light or dark, and the named
 * colours of libadwaita where the style sheet has them. */
static void
style_colors (WartaFlowchartView   *self,
              WartaFlowchartColors *colors)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA rgba;

  *colors = *warta_flowchart_colors_get_default (dark);
  if (lookup_color (self, "view_bg_color", &rgba))
    color_set (&colors->background, &rgba, 1);
  if (lookup_color (self, "view_fg_color", &rgba))
    {
      color_set (&colors->text, &rgba, 1);
      color_set (&colors->dim_text, &rgba, 0.7);
      color_set (&colors->line, &rgba, 0.85);
      color_set (&colors->grid, &rgba, 0.2);
      color_set (&colors->band, &rgba, 0.03);
    }
  if (lookup_color (self, "headerbar_bg_color", &rgba))
    color_blend (&colors->header, &rgba, 1, &colors->background);
  if (lookup_color (self, "card_bg_color", &rgba))
    color_blend (&colors->node, &rgba, 1, &colors->background);
  if (lookup_color (self, "success_bg_color", &rgba))
    color_blend (&colors->done, &rgba, dark ? 0.4 : 0.2, &colors->background);
  if (lookup_color (self, "warning_bg_color", &rgba))
    color_blend (&colors->returned, &rgba, dark ? 0.4 : 0.25, &colors->background);
  if (lookup_color (self, "error_bg_color", &rgba))
    color_blend (&colors->rejected, &rgba, dark ? 0.4 : 0.2, &colors->background);
  if (lookup_color (self, "accent_color", &rgba))
    color_set (&colors->active, &rgba, 1);
  if (lookup_color (self, "warning_color", &rgba))
    color_set (&colors->near, &rgba, 1);
  if (lookup_color (self, "error_color", &rgba))
    color_set (&colors->over, &rgba, 1);
}

PangoFontDescription *
_warta_flowchart_view_widget_font (WartaFlowchartView *self)
{
  return pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
}

static void
warta_flowchart_view_invalidate (WartaFlowchartView *self)
{
  g_clear_pointer (&self->recording, cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_recording (WartaFlowchartView *self)
{
  g_autoptr(PangoFontDescription) font = NULL;
  WartaFlowchartColors colors;
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  cairo_t *cr;

  if (self->recording != NULL)
    return;

  style_colors (self, &colors);
  font = _warta_flowchart_view_widget_font (self);
  warta_flowchart_layout_get_size (self->layout, &extents.width, &extents.height);
  self->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (self->recording);
  warta_flowchart_draw (cr, self->layout, self->sop, self->runs, self->now, &colors, _warta_flowchart_view_draw_text, font);
  cairo_destroy (cr);
}

/* How far the case is at a step, in words: the chart's own. */
static char *
describe_progress (WartaFlowchartView *self,
                   const WartaSopStep *step)
{
  const WartaStepRun *run = warta_flowchart_find_last_run (self->runs, step->id);

  return run != NULL ? warta_step_run_describe (run, self->now) : NULL;
}

/* The chart as words, for screen readers. */
static void
update_accessible (WartaFlowchartView *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *label = NULL;

  if (self->sop == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  /* Translators: the name of an SOP */
  label = g_strdup_printf (_("Flowchart of %s"), warta_sop_get_name (self->sop));
  for (guint i = 0; i < warta_sop_get_n_steps (self->sop); i++)
    {
      const WartaSopStep *step = warta_sop_get_step (self->sop, i);
      const WartaSopLane *lane = warta_sop_lookup_lane (self->sop, step->lane);
      g_autofree char *progress = describe_progress (self, step);

      /* Translators: a step of an SOP flowchart for screen readers: its
       * number, the lane that does it, its text */
      g_string_append_printf (description, _("Step %s, %s: %s."), step->id, lane->name, step->text);
      if (warta_sop_step_is_decision (step))
        {
          g_string_append_c (description, ' ');
          /* Translators: where the answers of a decision lead, step numbers */
          g_string_append_printf (description, _("Ya leads to step %s, Tidak to step %s."), step->yes, step->no);
        }
      if (progress != NULL)
        g_string_append_printf (description, " %s.", progress);
      g_string_append_c (description, '\n');
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* The clock */

gint64
_warta_flowchart_view_read_clock (WartaFlowchartView *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_real_time ();
}

static const WartaStepRun *
find_active_run (WartaFlowchartView *self)
{
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (self->runs, i);

      if (run->completed_at == 0)
        return run;
    }
  return NULL;
}

/* Draws the chart as of now when the active step's words changed: once a
 * minute at most, as its time is in whole minutes. */
static void
update_time (WartaFlowchartView *self)
{
  const WartaStepRun *active = find_active_run (self);
  g_autofree char *status = NULL;
  gint64 now = _warta_flowchart_view_read_clock (self);

  if (active != NULL)
    status = warta_step_run_describe (active, now);
  if (g_strcmp0 (status, self->active_status) == 0)
    return;

  self->now = now;
  g_free (self->active_status);
  self->active_status = g_steal_pointer (&status);
  warta_flowchart_view_invalidate (self);
  update_accessible (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_time (user_data);
  return G_SOURCE_CONTINUE;
}

/* Ticks only while the chart is on screen and a step is active. */
static void
sync_tick (WartaFlowchartView *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) && find_active_run (self) != NULL;

  if (wanted && self->tick_id == 0)
    {
      self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
      g_source_set_name_by_id (self->tick_id, "[warta] flowchart tick");
    }
  else if (!wanted)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
warta_flowchart_view_map (GtkWidget *widget)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);

  GTK_WIDGET_CLASS (warta_flowchart_view_parent_class)->map (widget);

  /* The time moved on while it was hidden. */
  update_time (self);
  sync_tick (self);
}

static void
warta_flowchart_view_unmap (GtkWidget *widget)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (warta_flowchart_view_parent_class)->unmap (widget);
}

static void
update_actions (WartaFlowchartView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flowchart.export-png", self->sop != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flowchart.export-pdf", self->sop != NULL);
}

static void
warta_flowchart_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);
  double width, height, x0, y0;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (self->layout == NULL)
    return;

  ensure_recording (self);
  warta_flowchart_layout_get_size (self->layout, &width, &height);
  _warta_flowchart_view_chart_origin (self, &x0, &y0);

  /* Only the part on screen, replayed from the recording at the zoom:
   * sharp at any zoom, and never a texture the size of the whole chart. */
  graphene_rect_init (&bounds, MAX (0, x0), MAX (0, y0),
                      MIN (gtk_widget_get_width (widget), x0 + width * self->zoom) - MAX (0, x0),
                      MIN (gtk_widget_get_height (widget), y0 + height * self->zoom) - MAX (0, y0));
  if (bounds.size.width <= 0 || bounds.size.height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_set_source_surface (cr, self->recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static gboolean
warta_flowchart_view_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_mode,
                                    GtkTooltip *tooltip)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *part = NULL;
  const WartaFlowchartNode *node;
  const WartaSopStep *step;
  double x0, y0;
  GdkRectangle area;
  int index;

  if (self->layout == NULL || keyboard_mode)
    return FALSE;
  _warta_flowchart_view_chart_origin (self, &x0, &y0);
  index = warta_flowchart_layout_node_at (self->layout, (x - x0) / self->zoom, (y - y0) / self->zoom);
  if (index < 0 || (node = warta_flowchart_layout_get_node (self->layout, index))->step < 0)
    return FALSE;

  /* The full text, which the chart shortens. */
  step = warta_sop_get_step (self->sop, node->step);
  /* Translators: the heading of a step's tooltip: its number and its lane */
  heading = g_strdup_printf (_("Step %s · %s"), step->id, warta_sop_lookup_lane (self->sop, step->lane)->name);
  standard = warta_format_standard (step->standard_min, step->standard_max);
  part = g_markup_printf_escaped ("<b>%s</b>\n%s", heading, step->text);
  g_string_append (markup, part);
  g_clear_pointer (&part, g_free);

  /* Translators: a step's standard time */
  part = g_markup_printf_escaped (_("Standard: %s"), standard != NULL ? standard
                                                                        : warta_timing_to_string (WARTA_TIMING_NO_STANDARD));
  g_string_append_printf (markup, "\n%s", part);
  g_clear_pointer (&part, g_free);
  if (step->output != NULL)
    {
      /* Translators: what a step produces */
      part = g_markup_printf_escaped (_("Output: %s"), step->output);
      g_string_append_printf (markup, "\n%s", part);
      g_clear_pointer (&part, g_free);
    }
  if ((progress = describe_progress (self, step)) != NULL)
    {
      part = g_markup_printf_escaped ("\n<i>%s</i>", progress);
      g_string_append (markup, part);
    }

  gtk_tooltip_set_markup (tooltip, markup->str);
  area.x = (int) floor (node->rect.x * self->zoom + x0);
  area.y = (int) floor (node->rect.y * self->zoom + y0);
  area.width = (int) ceil (node->rect.width * self->zoom);
  area.height = (int) ceil (node->rect.height * self->zoom);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static void
warta_flowchart_view_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (warta_flowchart_view_parent_class)->css_changed (widget, change);

  /* Light or dark, or another accent: the colours come from the style. */
  warta_flowchart_view_invalidate (WARTA_FLOWCHART_VIEW (widget));
}

static void
warta_flowchart_view_system_setting_changed (GtkWidget         *widget,
                                             GtkSystemSetting   setting)
{
  GTK_WIDGET_CLASS (warta_flowchart_view_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    warta_flowchart_view_invalidate (WARTA_FLOWCHART_VIEW (widget));
}

static void
warta_flowchart_view_dispose (GObject *object)
{
  WartaFlowchartView *self = (WartaFlowchartView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  _warta_flowchart_view_dispose_zoom (self);
  _warta_flowchart_view_dispose_export (self);
  g_clear_pointer (&self->recording, cairo_surface_destroy);
  g_clear_pointer (&self->layout, warta_flowchart_layout_free);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_object (&self->sop);

  G_OBJECT_CLASS (warta_flowchart_view_parent_class)->dispose (object);
}

static void
warta_flowchart_view_finalize (GObject *object)
{
  WartaFlowchartView *self = (WartaFlowchartView *)object;

  g_clear_object (&self->cancellable);
  g_free (self->active_status);

  G_OBJECT_CLASS (warta_flowchart_view_parent_class)->finalize (object);
}

static void
warta_flowchart_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOP:
      g_value_set_object (value, self->sop);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT_WIDTH:
      g_value_set_boolean (value, self->fit_width);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_flowchart_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOP:
      warta_flowchart_view_set_sop (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      warta_flowchart_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT_WIDTH:
      warta_flowchart_view_set_fit_width (self, g_value_get_boolean (value));
      break;
    case PROP_HADJUSTMENT:
      _warta_flowchart_view_set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      _warta_flowchart_view_set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_flowchart_view_class_init (WartaFlowchartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_flowchart_view_dispose;
  object_class->finalize = warta_flowchart_view_finalize;
  object_class->get_property = warta_flowchart_view_get_property;
  object_class->set_property = warta_flowchart_view_set_property;

  widget_class->map = warta_flowchart_view_map;
  widget_class->unmap = warta_flowchart_view_unmap;
  widget_class->snapshot = warta_flowchart_view_snapshot;
  widget_class->query_tooltip = warta_flowchart_view_query_tooltip;
  widget_class->css_changed = warta_flowchart_view_css_changed;
  widget_class->system_setting_changed = warta_flowchart_view_system_setting_changed;

  properties[PROP_SOP] =
    g_param_spec_object ("sop", NULL, NULL,
                         WARTA_TYPE_SOP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         WARTA_FLOWCHART_ZOOM_MIN, WARTA_FLOWCHART_ZOOM_MAX, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIT_WIDTH] =
    g_param_spec_boolean ("fit-width", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  _warta_flowchart_view_class_init_zoom (widget_class);

  _warta_flowchart_view_class_init_export (widget_class);

  gtk_widget_class_set_css_name (widget_class, "flowchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
warta_flowchart_view_init (WartaFlowchartView *self)
{
  self->cancellable = g_cancellable_new ();
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) warta_step_run_free);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  _warta_flowchart_view_init_zoom (self);
  update_actions (self);
}

static void
warta_flowchart_view_scrollable_init (GtkScrollableInterface *iface)
{
}

GtkWidget *
warta_flowchart_view_new (void)
{
  return g_object_new (WARTA_TYPE_FLOWCHART_VIEW, NULL);
}

WartaSop *
warta_flowchart_view_get_sop (WartaFlowchartView *self)
{
  g_return_val_if_fail (WARTA_IS_FLOWCHART_VIEW (self), NULL);

  return self->sop;
}

void
warta_flowchart_view_set_sop (WartaFlowchartView *self,
                              WartaSop           *sop)
{
  g_return_if_fail (WARTA_IS_FLOWCHART_VIEW (self));
  g_return_if_fail (sop == NULL || WARTA_IS_SOP (sop));

  if (!g_set_object (&self->sop, sop))
    return;

  g_clear_pointer (&self->layout, warta_flowchart_layout_free);
  if (sop != NULL)
    self->layout = warta_flowchart_layout_new (sop, NULL);
  /* Runs belong to a case of the SOP shown before. */
  g_ptr_array_set_size (self->runs, 0);

  warta_flowchart_view_invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_accessible (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOP]);
}

/* The case's step runs (copied), drawn as of @now: done steps with the
 * time they took, the active one highlighted with its time so far, which
 * moves on by the view's clock while it is on screen. */
void
warta_flowchart_view_set_runs (WartaFlowchartView *self,
                               GPtrArray          *runs,
                               gint64              now)
{
  const WartaStepRun *active;

  g_return_if_fail (WARTA_IS_FLOWCHART_VIEW (self));

  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->runs = _warta_flowchart_view_copy_runs (runs);
  self->now = now;
  active = find_active_run (self);
  g_free (self->active_status);
  self->active_status = active != NULL ? warta_step_run_describe (active, now) : NULL;

  warta_flowchart_view_invalidate (self);
  update_accessible (self);
  sync_tick (self);
}

/* The time the chart is drawn at and moves on by: the engine's, so that a
 * test or the sample office can set it; NULL for the real time. */
void
warta_flowchart_view_set_clock (WartaFlowchartView *self,
                                WartaClockFunc      func,
                                gpointer            user_data)
{
  g_return_if_fail (WARTA_IS_FLOWCHART_VIEW (self));

  self->clock = func;
  self->clock_data = user_data;
  update_time (self);
}

/* The words of the active step as the chart shows them now, or NULL. */
const char *
warta_flowchart_view_get_active_status (WartaFlowchartView *self)
{
  g_return_val_if_fail (WARTA_IS_FLOWCHART_VIEW (self), NULL);

  return self->active_status;
}
