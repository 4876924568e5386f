/* warta-window-actions.c: the main window's commands
 *
 * Every command of the window is a widget action (win.…) with its
 * shortcut, so a menu, a key and D-Bus reach it alike; which are enabled
 * follows the session in _warta_window_update_actions().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "warta-new-case-dialog.h"
#include "warta-office-dialog.h"
#include "warta-print.h"
#include "warta-sites-dialog.h"
#include "warta-window-private.h"

/* Alt+1…6, in this order. */
static const char * const pane_names[] = { "inbox", "review", "publish", "sop", "archive", "office" };

void
_warta_window_update_actions (WartaWindow *self)
{
  gboolean signed_in = _warta_window_is_signed_in (self);
  gboolean can_start = FALSE;
  gboolean can_go_back = FALSE;

  can_start = signed_in && warta_session_user_may_start (self->session);
  if (signed_in && self->pane != NULL)
    g_object_get (self->pane, "can-go-back", &can_go_back, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-case", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sites",
                                 signed_in && warta_session_get_user (self->session)->is_admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.office-profile",
                                 signed_in && warta_session_get_user (self->session)->is_admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page-setup", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-pane", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", can_go_back);
  gtk_widget_set_visible (self->back_button, can_go_back);
}

static void
on_case_started (WartaWindow        *self,
                 gint64              case_id,
                 WartaNewCaseDialog *dialog)
{
  /* The one who starts a case holds its first step: it is in their tasks. */
  adw_view_stack_set_visible_child_name (self->view_stack, "inbox");
  warta_cases_pane_show_case (self->inbox_pane, case_id);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WartaWindow *self = WARTA_WINDOW (widget);
  WartaNewCaseDialog *dialog;

  if (!_warta_window_is_signed_in (self))
    return;

  dialog = warta_new_case_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "case-started", G_CALLBACK (on_case_started), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Administrators only; the engine refuses anyone else regardless. */
static void
sites_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WartaWindow *self = WARTA_WINDOW (widget);

  if (!_warta_window_is_signed_in (self))
    return;
  gtk_window_present (GTK_WINDOW (warta_sites_dialog_new (GTK_WINDOW (self), self->session)));
}

/* The office's name, address and letterhead: administrators only. */
static void
office_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WartaWindow *self = WARTA_WINDOW (widget);

  if (!_warta_window_is_signed_in (self))
    return;
  gtk_window_present (GTK_WINDOW (warta_office_dialog_new (GTK_WINDOW (self), self->session)));
}

static void
on_page_setup_done (GtkPageSetup *setup,
                    gpointer      user_data)
{
  /* NULL when the dialog could not be shown; the old setup on cancel */
  if (setup != NULL)
    warta_print_save_page_setup (setup);
}

/* The paper, orientation and margins every document is printed and
 * exported on, kept in the page-setup setting. */
static void
page_setup_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GtkPageSetup) setup = warta_print_load_page_setup ();

  gtk_print_run_page_setup_dialog_async (GTK_WINDOW (widget), setup, warta_print_get_settings (),
                                         on_page_setup_done, NULL);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _warta_window_sign_out (WARTA_WINDOW (widget));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaWindow *self = WARTA_WINDOW (widget);
  WartaCasesPane *panes[] = { self->inbox_pane, self->review_pane, self->publish_pane };

  if (self->session == NULL)
    return;

  /* A change by another process reaches the session by itself within a
   * second; this looks now, and reads the lists again regardless. */
  warta_worker_poll (warta_session_get_worker (self->session));
  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (panes[i] != NULL && warta_cases_pane_get_model (panes[i]) != NULL)
      warta_case_list_model_reload (warta_cases_pane_get_model (panes[i]));
}

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  warta_window_show_pane (WARTA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaWindow *self = WARTA_WINDOW (widget);

  if (self->pane != NULL)
    gtk_widget_activate_action (self->pane, "pane.go-back", NULL);
}

/* GtkApplication would build the shortcuts window with every window, from
 * gtk/help-overlay.ui; it is not on the first frame, so it is built here
 * when first asked for. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/id/warta/Warta/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_warta_window_class_init_actions (GtkWidgetClass *widget_class)
{
  static const guint pane_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4, GDK_KEY_5, GDK_KEY_6 };

  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.sites", NULL, sites_action);
  gtk_widget_class_install_action (widget_class, "win.office-profile", NULL, office_profile_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.page-setup", NULL, page_setup_action);
  gtk_widget_class_install_action (widget_class, "win.show-pane", "s", show_pane_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.sign-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pane_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, pane_keys[i], GDK_ALT_MASK,
                                         "win.show-pane", "s", pane_names[i]);
}
