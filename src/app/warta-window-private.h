/* warta-window-private.h: the main window's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-archive-pane.h"
#include "warta-cases-pane.h"
#include "warta-notifier.h"
#include "warta-people-page.h"
#include "warta-server-form.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"
#include "warta-welcome-page.h"
#include "warta-window.h"

G_BEGIN_DECLS

struct _WartaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  GtkBox               *welcome_box;
  WartaSignInPage      *sign_in_page;
  GtkWidget            *back_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GMenu                *primary_menu;
  GtkBox               *server_box;
  GtkRevealer          *lost_revealer;
  GtkSpinner           *lost_spinner;

  /* Built when first needed, then children of welcome_box and view_stack */
  WartaWelcomePage     *welcome_page;
  WartaCasesPane       *inbox_pane;
  WartaCasesPane       *review_pane;
  WartaCasesPane       *publish_pane;
  WartaSopListPane     *sop_pane;
  GtkWidget            *archive_bin;   /* its page, for the first who may print */
  WartaArchivePane     *archive_pane;  /* in it, made after the first frame */
  guint                 archive_idle;
  WartaPeoplePage      *people_page;   /* "office": for administrators, made at the first one's sign-in */
  WartaServerForm      *server_form;   /* signing in to an office server: made when first shown */

  /* Owned */
  GSettings            *settings;
  char                 *database_path;
  WartaSession         *session;
  GSignalGroup         *session_signals;
  WartaNotifier        *notifier;
  GtkWidget            *pane;       /* the visible pane, whose can-go-back we follow */
  guint                 focus_source;
};

/* warta-window.c */
gboolean  _warta_window_is_signed_in        (WartaWindow    *self);
void      _warta_window_set_session         (WartaWindow    *self,
                                             WartaSession   *session);

/* warta-window-server.c */
gboolean         _warta_window_is_server              (WartaWindow *self);
WartaServerForm *_warta_window_ensure_server_form     (WartaWindow *self);
void             _warta_window_sign_out               (WartaWindow *self);
void             _warta_window_on_connected_changed   (WartaWindow *self);

/* warta-window-actions.c */
void      _warta_window_update_actions      (WartaWindow    *self);
void      _warta_window_class_init_actions  (GtkWidgetClass *widget_class);

G_END_DECLS
