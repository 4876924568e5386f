/* warta-toast.c: a toast that belongs to the widget that showed it
 *
 * A toast says what a person just did. When the widget that showed it is
 * hidden (another pane chosen, the person signed out and someone else
 * signed in), the toast goes with it: the next person must not read
 * "Rejected" or "Budi added" about work that is not theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-toast.h"

void
warta_toast_show (GtkWidget       *owner,
                  AdwToastOverlay *overlay,
                  const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  if (message == NULL)
    return;
  toast = adw_toast_new (message);
  /* Connected for as long as the toast lives. */
  g_signal_connect_object (owner, "unmap", G_CALLBACK (adw_toast_dismiss), toast, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (overlay, toast);
}
