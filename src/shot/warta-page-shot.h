/* warta-page-shot.h: a full-page screenshot of a published web page
 *
 * warta_page_shot_capture_async() has the helper program warta-page-shot
 * load an http(s) address in a WebKit view that is never shown and gives
 * the whole page as a PNG, the viewport as wide as asked, cut at
 * WARTA_PAGE_SHOT_MAX_HEIGHT pixels. WebKitGTK and GTK are loaded in that
 * helper only, so the app and warta-cli start without them. Start captures
 * from the main thread: a helper ends with the thread that started it
 * (PR_SET_PDEATHSIG), so that none outlives the program. Captures fail
 * after warta_page_shot_get_timeout() seconds, which
 * warta_page_shot_set_timeout() changes for the captures started after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WARTA_PAGE_SHOT_ERROR (warta_page_shot_error_quark ())

/* The helper exits with WARTA_PAGE_SHOT_EXIT_ERROR + the code: keep the
 * numbers as they are. */
typedef enum
{
  WARTA_PAGE_SHOT_ERROR_INVALID_URL,
  WARTA_PAGE_SHOT_ERROR_LOAD_FAILED,
  WARTA_PAGE_SHOT_ERROR_HTTP_STATUS,
  WARTA_PAGE_SHOT_ERROR_TLS,
  WARTA_PAGE_SHOT_ERROR_TIMEOUT,
  WARTA_PAGE_SHOT_ERROR_RENDERER,
  WARTA_PAGE_SHOT_ERROR_BLANK,
  WARTA_PAGE_SHOT_ERROR_SNAPSHOT,
  WARTA_PAGE_SHOT_ERROR_NO_DISPLAY,
  WARTA_PAGE_SHOT_ERROR_HELPER,
} WartaPageShotError;

/* Pages taller than this many pixels are cut there. */
#define WARTA_PAGE_SHOT_MAX_HEIGHT 20000
#define WARTA_PAGE_SHOT_MAX_WIDTH 8192
/* How long a capture may take, load and render, unless set otherwise. */
#define WARTA_PAGE_SHOT_DEFAULT_TIMEOUT 60

/* The helper program, in libexecdir; in a build tree, beside the program. */
#define WARTA_PAGE_SHOT_HELPER "warta-page-shot"
/* The helper's exit status for an error: this plus its WartaPageShotError,
 * the message on its standard output. */
#define WARTA_PAGE_SHOT_EXIT_ERROR 10

GQuark    warta_page_shot_error_quark     (void);

void      warta_page_shot_set_timeout     (guint                seconds);
guint     warta_page_shot_get_timeout     (void);
gboolean  warta_page_shot_is_web_address  (const char          *url);

void      warta_page_shot_capture_async   (const char          *url,
                                           int                  width,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GBytes   *warta_page_shot_capture_finish  (GAsyncResult        *result,
                                           int                 *out_width,
                                           int                 *out_height,
                                           GError             **error);

G_END_DECLS
