/* warta-page-shot-render.h: the page screenshot, taken in this process
 *
 * warta_page_shot_render_async() loads an http(s) address in a WebKit view
 * that is never shown and gives the whole page as a PNG, the viewport as
 * wide as asked, cut at WARTA_PAGE_SHOT_MAX_HEIGHT pixels. Main thread
 * only, after gtk_init(). Captures fail after warta_page_shot_get_timeout()
 * seconds.
 *
 * Only the helper program warta-page-shot links this (and the tests of
 * it): the app and warta-cli call warta_page_shot_capture_async() of
 * warta-page-shot.h, which runs that helper, so that they never load
 * WebKitGTK themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-page-shot.h"

G_BEGIN_DECLS

void    warta_page_shot_render_async  (const char          *url,
                                       int                  width,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes *warta_page_shot_render_finish (GAsyncResult        *result,
                                       int                 *out_width,
                                       int                 *out_height,
                                       GError             **error);

G_END_DECLS
