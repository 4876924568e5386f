/* ui-admin.h: what a person does with the keyboard and the mouse in the
 * window, through XTest: clicking what may be scrolled away, typing into
 * a field over what it holds, choosing a file in GTK's own chooser, and
 * signing in and out with the keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-window.h"

G_BEGIN_DECLS

/* A sign-in's argon2id, a worker's read: generous, for a loaded machine. */
#define UI_ADMIN_WAIT_MS 20000

void      ui_present_focused        (GtkWindow     *window);
gboolean  ui_has_focus              (GtkWidget     *widget);
void      ui_click_into_view        (gpointer       widget);
void      ui_type_into              (gpointer       editable,
                                     const char    *text);
void      ui_choose_file            (const char    *path);

/* Matchers for ui_find_widget () */
gboolean  ui_is_named               (GtkWidget     *widget,
                                     gconstpointer  name);
gboolean  ui_is_mapped_button       (GtkWidget     *widget,
                                     gconstpointer  label);
gboolean  ui_is_mapped_label_holding (GtkWidget    *widget,
                                     gconstpointer  text);
gboolean  ui_is_mapped_menu_button  (GtkWidget     *widget,
                                     gconstpointer  data);

/* The sign-in page, typed at: the login searched and chosen with Enter,
 * the password and Enter; when new_password is given, the form that asks
 * for one's own is answered too. */
void      ui_sign_in_typed          (WartaWindow   *window,
                                     const char    *login,
                                     const char    *password,
                                     const char    *new_password);
/* Ctrl+Shift+Q, back to the sign-in page. */
void      ui_sign_out_typed         (WartaWindow   *window);

G_END_DECLS
