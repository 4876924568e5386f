/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WARTA_TYPE_APPLICATION (warta_application_get_type ())

G_DECLARE_FINAL_TYPE (WartaApplication, warta_application, WARTA, APPLICATION, AdwApplication)

WartaApplication *warta_application_new               (void);
const char       *warta_application_get_database_path (WartaApplication *self);
void              warta_application_set_database_path (WartaApplication *self,
                                                       const char       *database_path);

G_END_DECLS
