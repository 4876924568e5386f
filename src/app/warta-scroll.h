/* warta-scroll.h: a scrolled window inside a page that lets the wheel
 * scroll the page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void warta_scroll_pass_to_page (GtkScrolledWindow *inner);

G_END_DECLS
