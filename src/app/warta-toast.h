/* warta-toast.h: a toast that belongs to the widget that showed it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void warta_toast_show (GtkWidget       *owner,
                       AdwToastOverlay *overlay,
                       const char      *message);

G_END_DECLS
