/* warta-scroll.c: a scrolled window inside a page that lets the wheel
 * scroll the page
 *
 * GTK's scrolled window takes every wheel event over it, even one it
 * cannot scroll by: the SOP table, which scrolls only sideways, and the
 * read-only naskah, shorter than its box or at its end, kept the page
 * around them from moving. Here the inner one looks first: a vertical
 * wheel it cannot follow goes to the page, and stops there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "warta-scroll.h"

/* Whether @adjustment can move by @delta: not at its end that way. */
static gboolean
can_move (GtkAdjustment *adjustment,
          double         delta)
{
  double value = gtk_adjustment_get_value (adjustment);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (upper - lower < 1)
    return FALSE;
  return delta < 0 ? value > lower + 0.5 : value < upper - 0.5;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GtkScrolledWindow        *inner)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkPolicyType vpolicy;
  GtkWidget *page;
  GtkAdjustment *adjustment;
  double step;

  /* Shift+wheel and a sideways swipe are the inner one's own. */
  if (dy == 0 || fabs (dx) > fabs (dy) || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return FALSE;

  gtk_scrolled_window_get_policy (inner, NULL, &vpolicy);
  if (vpolicy != GTK_POLICY_NEVER && vpolicy != GTK_POLICY_EXTERNAL &&
      can_move (gtk_scrolled_window_get_vadjustment (inner), dy))
    return FALSE;

  page = gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (inner)), GTK_TYPE_SCROLLED_WINDOW);
  if (page == NULL)
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));

  /* A wheel's notch moves as far as GTK's own scrolling does; a touchpad
   * gives pixels. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  else
    step = 1;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

/* Lets a vertical wheel over @inner that @inner cannot follow scroll the
 * scrolled window around it. */
void
warta_scroll_pass_to_page (GtkScrolledWindow *inner)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (inner));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), inner);
  gtk_widget_add_controller (GTK_WIDGET (inner), controller);
}
