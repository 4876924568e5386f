/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "warta-application.h"

G_BEGIN_DECLS

#define WARTA_TYPE_WINDOW (warta_window_get_type ())

G_DECLARE_FINAL_TYPE (WartaWindow, warta_window, WARTA, WINDOW, AdwApplicationWindow)

WartaWindow *warta_window_new               (WartaApplication *application);
const char  *warta_window_get_database_path (WartaWindow      *self);
void         warta_window_set_database_path (WartaWindow      *self,
                                             const char       *database_path);

G_END_DECLS
