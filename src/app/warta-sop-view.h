/* warta-sop-view.h: an SOP laid out as its official document: the
 * identity block, the header lists and the step table with its Pelaksana
 * columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-sop.h"

G_BEGIN_DECLS

#define WARTA_TYPE_SOP_VIEW (warta_sop_view_get_type ())

G_DECLARE_FINAL_TYPE (WartaSopView, warta_sop_view, WARTA, SOP_VIEW, GtkWidget)

GtkWidget *warta_sop_view_new     (void);
WartaSop  *warta_sop_view_get_sop (WartaSopView *self);
void       warta_sop_view_set_sop (WartaSopView *self,
                                   WartaSop     *sop);

G_END_DECLS
