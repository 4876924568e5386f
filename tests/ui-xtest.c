/* ui-xtest.c: input through the X server, as a keyboard and a mouse send
 * it
 *
 * XTest is opened with dlopen: its run-time library is all it takes, no
 * -dev package. Every call flushes, so the events are on their way when
 * it returns; the caller runs the main loop to let GTK take them. It
 * links with ui-util.c, as every test that sends input waits with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>

#include "ui-util.h"
#include "ui-xtest.h"

typedef int (*FakeKeyFunc) (Display *, unsigned int, Bool, unsigned long);
typedef int (*FakeButtonFunc) (Display *, unsigned int, Bool, unsigned long);
typedef int (*FakeMotionFunc) (Display *, int, int, int, unsigned long);

static struct
{
  Display        *display;
  FakeKeyFunc     key;
  FakeButtonFunc  button;
  FakeMotionFunc  motion;
} xtest;

void
xtest_init (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  void *lib;

  if (xtest.display != NULL)
    return;

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("These tests send input through XTest, and need an X server (Xvfb): run them with `make test`");
  lib = dlopen ("libXtst.so.6", RTLD_NOW);
  if (lib == NULL)
    g_error ("libXtst.so.6 is missing (%s): install libxtst6", dlerror ());

  xtest.display = gdk_x11_display_get_xdisplay (display);
  xtest.key = (FakeKeyFunc) dlsym (lib, "XTestFakeKeyEvent");
  xtest.button = (FakeButtonFunc) dlsym (lib, "XTestFakeButtonEvent");
  xtest.motion = (FakeMotionFunc) dlsym (lib, "XTestFakeMotionEvent");
  g_assert_nonnull (xtest.key);
  g_assert_nonnull (xtest.button);
  g_assert_nonnull (xtest.motion);
}

/* The X display the events go to, for what XTest does not do itself
 * (mapping a window, giving it the keyboard). */
Display *
xtest_get_display (void)
{
  xtest_init ();
  return xtest.display;
}

void
xtest_key (KeySym   keysym,
           gboolean press)
{
  KeyCode code;

  xtest_init ();
  code = XKeysymToKeycode (xtest.display, keysym);
  g_assert_cmpuint (code, !=, 0);
  xtest.key (xtest.display, code, press ? True : False, CurrentTime);
}

/* Presses the modifiers' keys in order, or lets go of them in reverse. */
static void
hold_modifiers (const KeySym *modifiers,
                guint         n_modifiers,
                gboolean      hold)
{
  for (guint i = 0; i < n_modifiers; i++)
    xtest_key (modifiers[hold ? i : n_modifiers - 1 - i], hold);
}

/* Presses and lets go of @keysym with the modifiers' keys held. */
void
xtest_press (KeySym        keysym,
             const KeySym *modifiers,
             guint         n_modifiers)
{
  hold_modifiers (modifiers, n_modifiers, TRUE);
  xtest_key (keysym, TRUE);
  xtest_key (keysym, FALSE);
  hold_modifiers (modifiers, n_modifiers, FALSE);
  XFlush (xtest.display);
}

void
xtest_ctrl (KeySym keysym)
{
  static const KeySym ctrl[] = { XK_Control_L };

  xtest_press (keysym, ctrl, G_N_ELEMENTS (ctrl));
}

/* Types @text key by key: letters, digits, space and the punctuation of
 * the US keyboard that Xvfb has; capitals with Shift. */
void
xtest_type (const char *text)
{
  static const KeySym shift[] = { XK_Shift_L };

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);
      guint keyval = gdk_unicode_to_keyval (g_unichar_tolower (ch));

      if (ch == ' ')
        keyval = XK_space;
      else if (ch == '\n')
        keyval = XK_Return;
      if (g_unichar_isupper (ch))
        xtest_press (keyval, shift, G_N_ELEMENTS (shift));
      else
        xtest_press (keyval, NULL, 0);
    }
}

/* Moves the pointer onto (x, y) of @widget. */
void
xtest_move_to (GtkWidget *widget,
               double     x,
               double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double dx, dy;
  int origin_x, origin_y;
  Window child;

  xtest_init ();
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (xtest.display, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xtest.display), 0, 0, &origin_x, &origin_y, &child);
  xtest.motion (xtest.display, -1, origin_x + (int) (point.x + dx), origin_y + (int) (point.y + dy), CurrentTime);
  XFlush (xtest.display);
}

void
xtest_button (guint    button,
              gboolean press)
{
  xtest_init ();
  xtest.button (xtest.display, button, press ? True : False, CurrentTime);
  XFlush (xtest.display);
}

/* A left click in the middle of @widget, which must be on screen: drawn,
 * and GTK given a moment to see the pointer arrive before the button goes
 * down. */
void
xtest_click (GtkWidget *widget)
{
  UI_WAIT_UNTIL (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0, 10000);
  ui_wait_for_frames (widget, 2);
  xtest_move_to (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  ui_iterate (100);
  xtest_button (1, TRUE);
  xtest_button (1, FALSE);
}

/* One click of the wheel (4 up, 5 down, 6 left, 7 right) with the
 * modifiers' keys held, where the pointer is. */
void
xtest_wheel (guint         button,
             const KeySym *modifiers,
             guint         n_modifiers)
{
  hold_modifiers (modifiers, n_modifiers, TRUE);
  xtest_button (button, TRUE);
  xtest_button (button, FALSE);
  hold_modifiers (modifiers, n_modifiers, FALSE);
  XFlush (xtest.display);
}
