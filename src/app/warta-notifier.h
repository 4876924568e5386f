/* warta-notifier.h: desktop notifications of one's own inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_NOTIFIER (warta_notifier_get_type ())

G_DECLARE_FINAL_TYPE (WartaNotifier, warta_notifier, WARTA, NOTIFIER, GObject)

WartaNotifier *warta_notifier_new         (void);
void           warta_notifier_set_session (WartaNotifier *self,
                                           WartaSession  *session);

G_END_DECLS
