/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "warta-application.h"
#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_WINDOW (warta_window_get_type ())

G_DECLARE_FINAL_TYPE (WartaWindow, warta_window, WARTA, WINDOW, AdwApplicationWindow)

WartaWindow  *warta_window_new               (WartaApplication *application);
const char   *warta_window_get_database_path (WartaWindow      *self);
void          warta_window_set_database_path (WartaWindow      *self,
                                              const char       *database_path);
WartaSession *warta_window_get_session       (WartaWindow      *self);
const char   *warta_window_get_page_name     (WartaWindow      *self);
GtkWidget    *warta_window_get_welcome_page  (WartaWindow      *self);
GtkWidget    *warta_window_get_sign_in_page  (WartaWindow      *self);
GtkWidget    *warta_window_get_pane          (WartaWindow      *self,
                                              const char       *name);
const char   *warta_window_get_pane_name     (WartaWindow      *self);
gboolean      warta_window_show_pane         (WartaWindow      *self,
                                              const char       *name);
gboolean      warta_window_is_pane_visible   (WartaWindow      *self,
                                              const char       *name);
void          warta_window_open_case         (WartaWindow      *self,
                                              gint64            case_id);
GObject      *warta_window_get_notifier      (WartaWindow      *self);

G_END_DECLS
