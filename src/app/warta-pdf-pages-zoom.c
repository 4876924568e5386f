/* warta-pdf-pages-zoom.c: zooming the pages, and what the person does
 * to them with a mouse, a touchpad or the keys
 *
 * Zoom keeps in place what is under the pointer (ctrl+scroll, pinch) or
 * at the top of the view (buttons, resizing): the next layout puts the
 * point remembered as the anchor back where it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-pdf-pages-private.h"

static const double zoom_levels[] = {
  0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0,
};

/* To @zoom, keeping what is at (vx, vy) of the view there. */
static void
zoom_at (WartaPdfPages *self,
         double         zoom,
         double         vx,
         double         vy)
{
  zoom = CLAMP (zoom, WARTA_PDF_ZOOM_MIN, WARTA_PDF_ZOOM_MAX);
  _warta_pdf_pages_set_anchor (self, vx, vy);
  self->free_scale = zoom * PX_PER_PT;
  if (self->zoom_mode != WARTA_PDF_ZOOM_FREE)
    {
      self->zoom_mode = WARTA_PDF_ZOOM_FREE;
      _warta_pdf_pages_notify_zoom_mode (self);
    }
  self->needs_layout = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static double
zoom_step (double zoom,
           int    direction)
{
  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
        if (zoom_levels[i] > zoom * 1.01)
          return zoom_levels[i];
      return WARTA_PDF_ZOOM_MAX;
    }

  for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
    if (zoom_levels[i - 1] < zoom * 0.99)
      return zoom_levels[i - 1];
  return WARTA_PDF_ZOOM_MIN;
}

static void
zoom_step_at (WartaPdfPages *self,
              int            direction,
              double         vx,
              double         vy)
{
  if (self->document == NULL || !self->laid_out)
    return;
  zoom_at (self, zoom_step (_warta_pdf_pages_get_current_zoom (self), direction), vx, vy);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WartaPdfPages            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if ((state & GDK_CONTROL_MASK) == 0 || self->document == NULL)
    {
      self->scroll_delta = 0;
      return FALSE;
    }

  if (self->has_pointer)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }

  /* A wheel's click is one step; a touchpad's smooth deltas add up. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    self->scroll_delta += dy;
  else
    self->scroll_delta += dy / 50;

  for (; self->scroll_delta <= -1; self->scroll_delta += 1)
    zoom_step_at (self, +1, x, y);
  for (; self->scroll_delta >= 1; self->scroll_delta -= 1)
    zoom_step_at (self, -1, x, y);

  /* Not a scroll of the view as well. */
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WartaPdfPages            *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WartaPdfPages            *self)
{
  self->has_pointer = FALSE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               WartaPdfPages    *self)
{
  self->gesture_zoom = _warta_pdf_pages_get_current_zoom (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          factor,
                       WartaPdfPages  *self)
{
  double x, y;

  if (self->document == NULL || !self->laid_out)
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = 0;
    }
  zoom_at (self, self->gesture_zoom * factor, x, y);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  WartaPdfPages   *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Keys that GtkScrolledWindow leaves to its child. */
static gboolean
scroll_step_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  WartaPdfPages *self = WARTA_PDF_PAGES (widget);
  gboolean vertical;
  double steps;
  GtkAdjustment *adjustment;

  g_variant_get (args, "(bd)", &vertical, &steps);
  adjustment = vertical ? self->vadjustment : self->hadjustment;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                        steps * gtk_adjustment_get_step_increment (adjustment));
  return TRUE;
}

static void
add_scroll_binding (GtkWidgetClass *widget_class,
                    guint           keyval,
                    gboolean        vertical,
                    double          steps)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, scroll_step_cb, "(bd)", vertical, steps);
}

void
_warta_pdf_pages_class_init_input (GtkWidgetClass *widget_class)
{
  add_scroll_binding (widget_class, GDK_KEY_Up, TRUE, -1);
  add_scroll_binding (widget_class, GDK_KEY_KP_Up, TRUE, -1);
  add_scroll_binding (widget_class, GDK_KEY_Down, TRUE, 1);
  add_scroll_binding (widget_class, GDK_KEY_KP_Down, TRUE, 1);
  add_scroll_binding (widget_class, GDK_KEY_Left, FALSE, -1);
  add_scroll_binding (widget_class, GDK_KEY_KP_Left, FALSE, -1);
  add_scroll_binding (widget_class, GDK_KEY_Right, FALSE, 1);
  add_scroll_binding (widget_class, GDK_KEY_KP_Right, FALSE, 1);
}

void
_warta_pdf_pages_init_input (WartaPdfPages *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

WartaPdfZoomMode
warta_pdf_pages_get_zoom_mode (WartaPdfPages *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), WARTA_PDF_ZOOM_FIT_WIDTH);
  return self->zoom_mode;
}

void
warta_pdf_pages_set_zoom_mode (WartaPdfPages    *self,
                               WartaPdfZoomMode  mode)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));

  if (self->zoom_mode == mode)
    return;

  if (mode == WARTA_PDF_ZOOM_FREE)
    self->free_scale = self->scale;
  _warta_pdf_pages_set_anchor (self, 0, 0);
  self->zoom_mode = mode;
  self->needs_layout = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  _warta_pdf_pages_notify_zoom_mode (self);
}

/* The zoom shown: 1.0 is 96 pixels per inch. */
double
warta_pdf_pages_get_zoom (WartaPdfPages *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), 1);
  return _warta_pdf_pages_get_current_zoom (self);
}

/* A zoom of its own, no longer fitting the view; the top of the view
 * stays where it is. */
void
warta_pdf_pages_set_zoom (WartaPdfPages *self,
                          double         zoom)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));
  g_return_if_fail (zoom > 0);

  zoom_at (self, zoom, 0, 0);
}

void
warta_pdf_pages_zoom_in (WartaPdfPages *self)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));

  zoom_step_at (self, +1, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, 0);
}

void
warta_pdf_pages_zoom_out (WartaPdfPages *self)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));

  zoom_step_at (self, -1, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, 0);
}
