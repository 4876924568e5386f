/* warta-flowchart-view-zoom.c: the flowchart's scrolling and zoom
 *
 * The view scrolls itself (GtkScrollable), so that it knows the width it
 * is given: fitting the chart to it is one division, with no viewport in
 * between. It starts fitted to the width, so every lane shows; the zoom
 * buttons, Ctrl+plus, Ctrl+minus, Ctrl+0 and Ctrl+wheel change it, and
 * the chart point under the pointer (or the centre) stays where it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "warta-flowchart-view-private.h"

/* Each step of zoom in or out */
#define ZOOM_STEP 1.25

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

static void
chart_size (WartaFlowchartView *self,
            double             *width,
            double             *height)
{
  *width = *height = 0;
  if (self->layout != NULL)
    warta_flowchart_layout_get_size (self->layout, width, height);
}

/* Where the chart's (0, 0) is in the view: centred when narrower than it. */
void
_warta_flowchart_view_chart_origin (WartaFlowchartView *self,
                                    double             *x,
                                    double             *y)
{
  double width, height;
  int view_width = gtk_widget_get_width (GTK_WIDGET (self));

  chart_size (self, &width, &height);
  width *= self->zoom;
  if (width < view_width)
    *x = floor ((view_width - width) / 2);
  else
    *x = -adjustment_value (self->hadjustment);
  *y = -adjustment_value (self->vadjustment);
}

static void
adjustment_value_changed_cb (GtkAdjustment      *adjustment,
                             WartaFlowchartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_warta_flowchart_view_set_adjustment (WartaFlowchartView *self,
                                      GtkOrientation      orientation,
                                      GtkAdjustment      *adjustment)
{
  GtkAdjustment **slot = orientation == GTK_ORIENTATION_HORIZONTAL ? &self->hadjustment : &self->vadjustment;

  if (adjustment == *slot && adjustment != NULL)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The zoom that shows the whole width; never larger than the chart's own
 * size, where it is sharpest and its text as large as the interface's. */
static double
fit_zoom (WartaFlowchartView *self,
          int                 view_width)
{
  double width, height;

  chart_size (self, &width, &height);
  if (width <= 0 || view_width <= 0)
    return 1;
  return CLAMP (view_width / width, WARTA_FLOWCHART_ZOOM_MIN, 1.0);
}

/* Keeps the chart point now under (vx, vy) of the view there through the
 * next layout. */
static void
set_anchor (WartaFlowchartView *self,
            double              vx,
            double              vy)
{
  double x0, y0;

  _warta_flowchart_view_chart_origin (self, &x0, &y0);
  self->anchor_x = (vx - x0) / self->zoom;
  self->anchor_y = (vy - y0) / self->zoom;
  self->anchor_vx = vx;
  self->anchor_vy = vy;
  self->has_anchor = TRUE;
}

static void
warta_flowchart_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);
  double chart_width, chart_height, x, y;

  if (self->fit_width)
    {
      double zoom = fit_zoom (self, width);

      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify (G_OBJECT (self), "zoom");
        }
    }

  chart_size (self, &chart_width, &chart_height);
  chart_width = ceil (chart_width * self->zoom);
  chart_height = ceil (chart_height * self->zoom);

  x = adjustment_value (self->hadjustment);
  y = adjustment_value (self->vadjustment);
  if (self->has_anchor)
    {
      x = self->anchor_x * self->zoom - self->anchor_vx;
      y = self->anchor_y * self->zoom - self->anchor_vy;
      self->has_anchor = FALSE;
    }

  gtk_adjustment_configure (self->hadjustment, CLAMP (x, 0, MAX (0, chart_width - width)), 0,
                            MAX (chart_width, width), width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment, CLAMP (y, 0, MAX (0, chart_height - height)), 0,
                            MAX (chart_height, height), height * 0.1, height * 0.9, height);
}

static void
warta_flowchart_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);
  double width, height;

  /* It scrolls: any size will do; its own is what it would like. */
  chart_size (self, &width, &height);
  *minimum = 0;
  *natural = (int) ceil ((orientation == GTK_ORIENTATION_HORIZONTAL ? width : height) * self->zoom);
}

double
warta_flowchart_view_get_zoom (WartaFlowchartView *self)
{
  g_return_val_if_fail (WARTA_IS_FLOWCHART_VIEW (self), 1);

  return self->zoom;
}

static void
set_zoom_at (WartaFlowchartView *self,
             double              zoom,
             double              vx,
             double              vy)
{
  zoom = CLAMP (zoom, WARTA_FLOWCHART_ZOOM_MIN, WARTA_FLOWCHART_ZOOM_MAX);
  if (self->fit_width)
    {
      self->fit_width = FALSE;
      g_object_notify (G_OBJECT (self), "fit-width");
    }
  if (zoom == self->zoom)
    return;

  set_anchor (self, vx, vy);
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "zoom");
}

/* A fixed zoom, about the centre of the view; leaves fit to width. */
void
warta_flowchart_view_set_zoom (WartaFlowchartView *self,
                               double              zoom)
{
  g_return_if_fail (WARTA_IS_FLOWCHART_VIEW (self));

  set_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

gboolean
warta_flowchart_view_get_fit_width (WartaFlowchartView *self)
{
  g_return_val_if_fail (WARTA_IS_FLOWCHART_VIEW (self), FALSE);

  return self->fit_width;
}

/* Fit to width: the zoom follows the view's width, so every lane shows. */
void
warta_flowchart_view_set_fit_width (WartaFlowchartView *self,
                                    gboolean            fit_width)
{
  g_return_if_fail (WARTA_IS_FLOWCHART_VIEW (self));

  fit_width = !!fit_width;
  if (self->fit_width == fit_width)
    return;

  self->fit_width = fit_width;
  if (fit_width)
    set_anchor (self, 0, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "fit-width");
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WartaFlowchartView *self = WARTA_FLOWCHART_VIEW (widget);

  if (g_str_equal (action_name, "flowchart.zoom-in"))
    warta_flowchart_view_set_zoom (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "flowchart.zoom-out"))
    warta_flowchart_view_set_zoom (self, self->zoom / ZOOM_STEP);
  else
    warta_flowchart_view_set_fit_width (self, TRUE);
}

/* Ctrl+wheel zooms about the pointer; the wheel alone scrolls, which the
 * scrolled window around does. */
static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WartaFlowchartView       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  if (event != NULL)
    {
      double px, py;
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
      graphene_point_t point;

      if (gdk_event_get_position (event, &px, &py) && native != NULL)
        {
          double sx, sy;

          gtk_native_get_surface_transform (native, &sx, &sy);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (px - sx, py - sy), &point))
            {
              x = point.x;
              y = point.y;
            }
        }
    }

  set_zoom_at (self, self->zoom * pow (ZOOM_STEP, -CLAMP (dy, -4, 4)), x, y);
  return TRUE;
}

static void
click_pressed_cb (GtkGestureClick    *gesture,
                  int                 n_press,
                  double              x,
                  double              y,
                  WartaFlowchartView *self)
{
  /* The keys for zoom work once the chart was clicked. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
_warta_flowchart_view_init_zoom (WartaFlowchartView *self)
{
  GtkEventController *scroll;
  GtkGesture *click;

  self->zoom = 1;
  self->fit_width = TRUE;
  _warta_flowchart_view_set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  _warta_flowchart_view_set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

void
_warta_flowchart_view_dispose_zoom (WartaFlowchartView *self)
{
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
}

void
_warta_flowchart_view_class_init_zoom (GtkWidgetClass *widget_class)
{
  widget_class->measure = warta_flowchart_view_measure;
  widget_class->size_allocate = warta_flowchart_view_size_allocate;

  gtk_widget_class_install_action (widget_class, "flowchart.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "flowchart.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "flowchart.zoom-fit", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "flowchart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "flowchart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "flowchart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "flowchart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "flowchart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "flowchart.zoom-fit", NULL);
}
