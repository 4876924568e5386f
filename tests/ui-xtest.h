/* ui-xtest.h: input through the X server, as a keyboard and a mouse send
 * it, for the tests that must use a window as a person does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

G_BEGIN_DECLS

void     xtest_init        (void);
Display *xtest_get_display (void);
void     xtest_key         (KeySym        keysym,
                            gboolean      press);
void     xtest_press       (KeySym        keysym,
                            const KeySym *modifiers,
                            guint         n_modifiers);
void     xtest_ctrl        (KeySym        keysym);
void     xtest_type        (const char   *text);
void     xtest_move_to     (GtkWidget    *widget,
                            double        x,
                            double        y);
void     xtest_button      (guint         button,
                            gboolean      press);
void     xtest_click       (GtkWidget    *widget);
void     xtest_wheel       (guint         button,
                            const KeySym *modifiers,
                            guint         n_modifiers);

G_END_DECLS
