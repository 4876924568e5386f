/* warta-sign-in-page-private.h: the parts of the sign-in page shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-sign-in-page.h"

G_BEGIN_DECLS

/* warta-sign-in-rows.c */
GtkWidget *_warta_sign_in_make_row (const WartaUser *user,
                                    guint            position);
int        _warta_sign_in_row_rank (GtkListBoxRow   *row,
                                    const char      *needle);

G_END_DECLS
