/* warta-window-server.c: the main window at a desk of an office server
 *
 * On a server nothing is open before sign-in: the window shows its
 * WartaServerForm, whose "connected" gives it the session, and signing
 * out drops the session, the person's own connection. While the server
 * is lost a banner says so (AdwBanner is libadwaita 1.3). The inbox's
 * notifications open their berkas here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-window-private.h"

/* An office server rather than a file: nothing is open before sign-in. */
gboolean
_warta_window_is_server (WartaWindow *self)
{
  return self->database_path != NULL && warta_store_is_server (self->database_path);
}

static void
on_server_connected (WartaWindow  *self,
                     WartaSession *session)
{
  _warta_window_set_session (self, session);
}

/* "Use another office…": the welcome page's choices, on the file of
 * this computer, until the person connects to a server again. */
static void
on_server_back (WartaWindow *self)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "warta.db", NULL);

  g_settings_set_boolean (self->settings, "use-office-server", FALSE);
  warta_window_set_database_path (self, path);
}

WartaServerForm *
_warta_window_ensure_server_form (WartaWindow *self)
{
  if (self->server_form == NULL)
    {
      self->server_form = g_object_new (WARTA_TYPE_SERVER_FORM, "vexpand", TRUE, NULL);
      g_signal_connect_object (self->server_form, "connected",
                               G_CALLBACK (on_server_connected), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->server_form, "back",
                               G_CALLBACK (on_server_back), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->server_box, GTK_WIDGET (self->server_form));
    }
  return self->server_form;
}

/* On an office server the connection is the person's own: signing out
 * closes it, and the next person connects as themself. */
void
_warta_window_sign_out (WartaWindow *self)
{
  if (self->session == NULL)
    return;
  if (warta_session_is_server (self->session))
    _warta_window_set_session (self, NULL);
  else
    warta_session_sign_out (self->session);
}

void
_warta_window_on_connected_changed (WartaWindow *self)
{
  gboolean lost = self->session != NULL && !warta_session_get_connected (self->session);

  gtk_revealer_set_reveal_child (self->lost_revealer, lost);
  gtk_spinner_set_spinning (self->lost_spinner, lost);
}

/**
 * warta_window_open_case:
 * @self: a #WartaWindow
 * @case_id: a berkas
 *
 * Shows the berkas in the inbox, as a click on its notification asks.
 */
void
warta_window_open_case (WartaWindow *self,
                        gint64       case_id)
{
  g_return_if_fail (WARTA_IS_WINDOW (self));

  if (!_warta_window_is_signed_in (self) || self->inbox_pane == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "inbox");
  warta_cases_pane_show_case (self->inbox_pane, case_id);
}

/**
 * warta_window_get_notifier:
 * @self: a #WartaWindow
 *
 * Returns: (transfer none): the #WartaNotifier of the signed-in person's
 *   inbox
 */
GObject *
warta_window_get_notifier (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);
  return G_OBJECT (self->notifier);
}
