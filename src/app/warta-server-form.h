/* warta-server-form.h: connect to the office server and sign in there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_SERVER_FORM (warta_server_form_get_type ())

G_DECLARE_FINAL_TYPE (WartaServerForm, warta_server_form, WARTA, SERVER_FORM, GtkWidget)

void        warta_server_form_set_server (WartaServerForm *self,
                                          const char      *conninfo);
const char *warta_server_form_get_server (WartaServerForm *self);
void        warta_server_form_reset      (WartaServerForm *self);
gboolean    warta_server_form_get_busy   (WartaServerForm *self);
const char *warta_server_form_get_error  (WartaServerForm *self);

G_END_DECLS
