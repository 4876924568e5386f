/* warta-window.c: the main window
 *
 * One window shows one database (its WartaSession): an error page when the
 * file cannot be opened, the welcome page while the database has nobody,
 * the sign-in page, and then the panes the signed-in person's roles call
 * for. Every command is a window action with its shortcut: they are in
 * warta-window-actions.c.
 *
 * The window opens on the sign-in page, or on the welcome page for an empty
 * database: the other pages' widgets are built when first needed, so that
 * the first frame waits only for what it shows. The panes come at the first
 * sign-in (they are most of the widgets, and the SOP pane parses every SOP),
 * the welcome page when first shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "warta-office-server.h"
#include "warta-window-private.h"

G_DEFINE_FINAL_TYPE (WartaWindow, warta_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which panes follow which actions of the steps. */
static const char * const review_actions[] = { "review", "dispose", NULL };
static const char * const publish_actions[] = { "publish", "print", "report", NULL };
static const char * const publish_roles_actions[] = { "publish", NULL };

/* The place of the sign-out section in the primary menu. */
#define USER_SECTION 1

gboolean
_warta_window_is_signed_in (WartaWindow *self)
{
  return self->session != NULL && warta_session_get_user_id (self->session) != 0;
}

static AdwViewStackPage *
warta_window_get_stack_page (WartaWindow *self,
                             const char  *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, name);

  return child ? adw_view_stack_get_page (self->view_stack, child) : NULL;
}

static void
warta_window_update_badges (WartaWindow *self)
{
  WartaCasesPane *panes[] = { self->inbox_pane, self->review_pane, self->publish_pane };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    {
      AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack, GTK_WIDGET (panes[i]));
      guint n_items = 0;

      g_object_get (panes[i], "n-items", &n_items, NULL);
      adw_view_stack_page_set_badge_number (page, n_items);
    }
}

static WartaCasesPane *
warta_window_add_cases_pane (WartaWindow        *self,
                             const char         *name,
                             const char         *title,
                             const char         *icon_name,
                             const char * const *actions,
                             const char         *empty_icon_name,
                             const char         *empty_title,
                             const char         *empty_description)
{
  GtkWidget *pane;
  AdwViewStackPage *page;

  pane = g_object_new (WARTA_TYPE_CASES_PANE,
                       "actions", actions,
                       "empty-icon-name", empty_icon_name,
                       "empty-title", empty_title,
                       "empty-description", empty_description,
                       NULL);
  g_signal_connect_object (pane, "notify::n-items",
                           G_CALLBACK (warta_window_update_badges), self, G_CONNECT_SWAPPED);
  page = adw_view_stack_add_titled (self->view_stack, pane, name, title);
  adw_view_stack_page_set_icon_name (page, icon_name);
  return WARTA_CASES_PANE (pane);
}

static void
warta_window_ensure_panes (WartaWindow *self)
{
  AdwViewStackPage *page;

  if (self->sop_pane != NULL)
    return;

  self->inbox_pane =
    warta_window_add_cases_pane (self, "inbox", _("My Tasks"), "emblem-documents-symbolic", NULL,
                                 "emblem-ok-symbolic", _("No Tasks"),
                                 _("The cases whose current step is yours come here, the overdue first."));
  self->review_pane =
    warta_window_add_cases_pane (self, "review", C_("pane", "Review"), "emblem-ok-symbolic", review_actions,
                                 "emblem-ok-symbolic", _("Nothing to Review"),
                                 _("The cases waiting for your review, decision or disposition come here."));
  self->publish_pane =
    warta_window_add_cases_pane (self, "publish", _("Publication"), "send-to-symbolic", publish_actions,
                                 "web-browser-symbolic", _("Nothing to Publish"),
                                 _("The cases waiting for you to publish, print or report come here."));

  self->sop_pane = g_object_new (WARTA_TYPE_SOP_LIST_PANE, "session", self->session, NULL);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->sop_pane), "sop", _("SOP"));
  adw_view_stack_page_set_icon_name (page, "view-list-ordered-symbolic");
}

/* The archive register, for whoever may print a case's papers again: its
 * page is added when the first of them signs in, and filled when it is
 * first shown or asked for, or once the window has drawn its first frame
 * signed in, whichever comes first: the register (a list, its documents
 * and a PDF view) is no part of that frame. */
static WartaArchivePane *
warta_window_fill_archive_pane (WartaWindow *self)
{
  if (self->archive_pane == NULL && self->archive_bin != NULL)
    {
      self->archive_pane = g_object_new (WARTA_TYPE_ARCHIVE_PANE, "session", self->session, NULL);
      adw_bin_set_child (ADW_BIN (self->archive_bin), GTK_WIDGET (self->archive_pane));
    }
  g_clear_handle_id (&self->archive_idle, g_source_remove);
  return self->archive_pane;
}

static gboolean
fill_archive_pane_cb (gpointer user_data)
{
  WartaWindow *self = user_data;

  self->archive_idle = 0;
  warta_window_fill_archive_pane (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_first_paint (GdkFrameClock *clock,
                      WartaWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_first_paint, self);
  if (self->archive_pane == NULL && self->archive_bin != NULL && self->archive_idle == 0)
    self->archive_idle = g_idle_add_full (G_PRIORITY_LOW, fill_archive_pane_cb, self, NULL);
}

static void
warta_window_ensure_archive_pane (WartaWindow *self)
{
  AdwViewStackPage *page;
  GdkFrameClock *clock;

  if (self->archive_bin != NULL)
    return;

  self->archive_bin = adw_bin_new ();
  page = adw_view_stack_add_titled (self->view_stack, self->archive_bin, "archive", _("Archive"));
  adw_view_stack_page_set_icon_name (page, "folder-documents-symbolic");

  if ((clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))) != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_first_paint), self, 0);
  else
    self->archive_idle = g_idle_add_full (G_PRIORITY_LOW, fill_archive_pane_cb, self, NULL);
}

/* The office's people and roles: the administrators' page. */
static void
warta_window_ensure_people_page (WartaWindow *self)
{
  AdwViewStackPage *page;

  if (self->people_page != NULL)
    return;

  self->people_page = g_object_new (WARTA_TYPE_PEOPLE_PAGE, NULL);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->people_page), "office", C_("pane", "Office"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");
}

/* The panes a person sees follow their roles: their lanes' steps. */
static void
warta_window_update_panes (WartaWindow *self)
{
  gboolean signed_in = _warta_window_is_signed_in (self);
  gboolean review = signed_in && warta_session_user_has_action (self->session, review_actions);
  gboolean publish = signed_in && warta_session_user_has_action (self->session, publish_roles_actions);
  /* The engine's rule for printing: an administrator prints every case,
   * anyone else those of the SOPs they hold a lane of. */
  gboolean archive = signed_in && (warta_session_get_user (self->session)->is_admin ||
                                   warta_session_user_holds_lane (self->session));
  gboolean office = signed_in && warta_session_get_user (self->session)->is_admin;
  const char *visible = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->sop_pane == NULL)
    return;

  if (archive)
    warta_window_ensure_archive_pane (self);
  if (office)
    warta_window_ensure_people_page (self);
  if (self->people_page != NULL)
    {
      warta_people_page_set_session (self->people_page, office ? self->session : NULL);
      adw_view_stack_page_set_visible (warta_window_get_stack_page (self, "office"), office);
    }
  /* A pane the person does not have reads nothing: counting a list of
   * 100k cases that nobody sees would slow the one they see. */
  warta_cases_pane_set_session (self->inbox_pane, self->session);
  warta_cases_pane_set_session (self->review_pane, review ? self->session : NULL);
  warta_cases_pane_set_session (self->publish_pane, publish ? self->session : NULL);
  adw_view_stack_page_set_visible (warta_window_get_stack_page (self, "review"), review);
  adw_view_stack_page_set_visible (warta_window_get_stack_page (self, "publish"), publish);
  if (self->archive_bin != NULL)
    adw_view_stack_page_set_visible (warta_window_get_stack_page (self, "archive"), archive);

  if ((!review && g_strcmp0 (visible, "review") == 0) ||
      (!publish && g_strcmp0 (visible, "publish") == 0) ||
      (!archive && g_strcmp0 (visible, "archive") == 0) ||
      (!office && g_strcmp0 (visible, "office") == 0))
    adw_view_stack_set_visible_child_name (self->view_stack, "inbox");
}

/* The menu says who is signed in, above the item that signs them out:
 * the view switcher takes the header's title. */
static void
warta_window_update_menu (WartaWindow     *self,
                          const WartaUser *user)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *label = NULL;

  if (user != NULL)
    /* Translators: a menu's section header; %s is a person's full name */
    label = g_strdup_printf (_("Signed in as %s"), user->full_name);
  g_menu_append (section, _("_Sign Out or Switch User"), "win.sign-out");
  item = g_menu_item_new_section (label, G_MENU_MODEL (section));
  g_menu_remove (self->primary_menu, USER_SECTION);
  g_menu_insert_item (self->primary_menu, USER_SECTION, item);
}

static void
warta_window_update_title (WartaWindow *self)
{
  g_autofree char *office = NULL;
  const WartaUser *user = NULL;

  if (self->session != NULL)
    {
      office = warta_session_dup_office_name (self->session);
      user = warta_session_get_user (self->session);
    }

  warta_window_update_menu (self, user);
  adw_view_switcher_title_set_title (self->switcher_title, office && office[0] ? office : "Warta");
  adw_view_switcher_title_set_subtitle (self->switcher_title, user ? user->full_name : NULL);
  gtk_window_set_title (GTK_WINDOW (self), office && office[0] ? office : "Warta");
}

static void
on_welcome_finished (WartaWindow *self,
                     const char  *login);
static void
on_welcome_server_connected (WartaWindow  *self,
                             WartaSession *session);

static WartaWelcomePage *
warta_window_ensure_welcome_page (WartaWindow *self)
{
  if (self->welcome_page == NULL)
    {
      self->welcome_page = g_object_new (WARTA_TYPE_WELCOME_PAGE,
                                         "vexpand", TRUE,
                                         "session", self->session,
                                         NULL);
      g_signal_connect_object (self->welcome_page, "finished",
                               G_CALLBACK (on_welcome_finished), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->welcome_page, "server-connected",
                               G_CALLBACK (on_welcome_server_connected), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->welcome_box, GTK_WIDGET (self->welcome_page));
    }
  return self->welcome_page;
}

/* Which page the window shows follows the database and the session. */
static void
warta_window_update_page (WartaWindow *self)
{
  const char *page;

  if (self->session == NULL && _warta_window_is_server (self))
    page = "server";
  else if (self->session == NULL)
    page = "error";
  else if (self->welcome_page != NULL && warta_welcome_page_get_busy (self->welcome_page))
    page = "welcome";
  else if (!warta_session_has_users (self->session))
    page = "welcome";
  else if (warta_session_get_user_id (self->session) == 0)
    page = "sign-in";
  else
    page = "work";

  if (g_strcmp0 (page, gtk_stack_get_visible_child_name (self->main_stack)) != 0)
    {
      if (g_str_equal (page, "welcome"))
        warta_welcome_page_reset (warta_window_ensure_welcome_page (self));
      else if (g_str_equal (page, "server"))
        {
          warta_server_form_set_server (_warta_window_ensure_server_form (self), self->database_path);
          warta_server_form_reset (self->server_form);
        }
      /* Out of the page about to be hidden first, so its entry sees the
       * focus leave; the new page takes it once shown. */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_stack_set_visible_child_name (self->main_stack, page);
    }
}

/* Each page starts with the keyboard where its work is. */
static void
warta_window_focus_page (WartaWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  gboolean focused = FALSE;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (page, "sign-in") == 0)
    focused = gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_page));
  else if (g_strcmp0 (page, "welcome") == 0)
    focused = gtk_widget_child_focus (GTK_WIDGET (self->welcome_page), GTK_DIR_TAB_FORWARD);
  else if (g_strcmp0 (page, "server") == 0 && self->server_form != NULL)
    focused = gtk_widget_grab_focus (GTK_WIDGET (self->server_form));
  else if (g_strcmp0 (page, "work") == 0 && self->pane != NULL)
    focused = gtk_widget_grab_focus (self->pane);

  /* Never leave the focus in the page just hidden (the password): the
   * window's shortcuts would not see the keys. */
  if (!focused)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static gboolean
focus_page_cb (gpointer user_data)
{
  WartaWindow *self = user_data;

  self->focus_source = 0;
  warta_window_focus_page (self);
  return G_SOURCE_REMOVE;
}

/* Once the stack has mapped the new page: focus on a widget that is not
 * mapped would swallow the keys, shortcuts included. */
static void
warta_window_queue_focus_page (WartaWindow *self)
{
  if (self->focus_source == 0)
    self->focus_source = g_idle_add (focus_page_cb, self);
}

static void
on_main_page_changed (WartaWindow *self)
{
  warta_window_queue_focus_page (self);
}

static void
warta_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (warta_window_parent_class)->map (widget);

  warta_window_queue_focus_page (WARTA_WINDOW (widget));
}

static void
on_pane_can_go_back (WartaWindow *self)
{
  _warta_window_update_actions (self);
}

static void
on_pane_changed (WartaWindow *self)
{
  GtkWidget *pane = adw_view_stack_get_visible_child (self->view_stack);

  if (pane != NULL && pane == self->archive_bin)
    pane = GTK_WIDGET (warta_window_fill_archive_pane (self));
  if (self->pane == pane)
    return;
  if (self->pane != NULL)
    g_signal_handlers_disconnect_by_func (self->pane, on_pane_can_go_back, self);
  self->pane = pane;
  if (pane != NULL)
    g_signal_connect_object (pane, "notify::can-go-back",
                             G_CALLBACK (on_pane_can_go_back), self, G_CONNECT_SWAPPED);
  _warta_window_update_actions (self);
}

static void
on_session_changed (WartaWindow *self)
{
  /* Another process may have set up the office, added people or SOPs. */
  warta_window_update_page (self);
  warta_window_update_title (self);
  if (_warta_window_is_signed_in (self))
    {
      warta_window_update_panes (self);
      _warta_window_update_actions (self);
    }
}

static void
on_user_changed (WartaWindow *self)
{
  if (_warta_window_is_signed_in (self))
    warta_window_ensure_panes (self);
  warta_window_update_panes (self);
  warta_window_update_title (self);
  _warta_window_update_actions (self);

  warta_notifier_set_session (self->notifier, _warta_window_is_signed_in (self) ? self->session : NULL);
  if (_warta_window_is_signed_in (self))
    adw_view_stack_set_visible_child_name (self->view_stack, "inbox");
  else
    warta_sign_in_page_reset (self->sign_in_page);
  warta_window_update_page (self);
}

static void
on_welcome_finished (WartaWindow *self,
                     const char  *login)
{
  warta_window_update_page (self);
  warta_window_update_title (self);
  if (login != NULL)
    warta_sign_in_page_select_login (self->sign_in_page, login);
}

/* The person connected to their office's server from the welcome page:
 * the window works there from now on, and opens there next time. */
static void
on_welcome_server_connected (WartaWindow  *self,
                             WartaSession *session)
{
  g_autoptr(WartaOfficeServer) server = warta_office_server_load (self->settings);

  g_free (self->database_path);
  self->database_path = warta_office_server_dup_conninfo (server);
  _warta_window_set_session (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

static void
warta_window_save_state (WartaWindow *self)
{
  gboolean maximized;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* A maximized window keeps the size it had before, to return to. */
  if (!maximized)
    {
      int width;
      int height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static void
warta_window_restore_state (WartaWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
warta_window_close_request (GtkWindow *window)
{
  WartaWindow *self = WARTA_WINDOW (window);

  warta_window_save_state (self);

  return GTK_WINDOW_CLASS (warta_window_parent_class)->close_request (window);
}

void
_warta_window_set_session (WartaWindow  *self,
                          WartaSession *session)
{
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);

  if (self->welcome_page != NULL)
    warta_welcome_page_set_session (self->welcome_page, session);
  warta_sign_in_page_set_session (self->sign_in_page, session);
  /* The cases panes follow in warta_window_update_panes. */
  if (self->sop_pane != NULL)
    warta_sop_list_pane_set_session (self->sop_pane, session);
  if (self->archive_pane != NULL)
    warta_archive_pane_set_session (self->archive_pane, session);

  _warta_window_on_connected_changed (self);
  on_user_changed (self);
}

/* What the store found of the database file (that others could read it),
 * shown until the person closes it: a toast that went by unread would
 * leave the file's state unsaid. The message names a path, so it wraps
 * rather than being cut. */
static void
warta_window_show_store_warning (WartaWindow *self,
                                 const char  *warning)
{
  GtkWidget *label = gtk_label_new (warning);
  AdwToast *toast = adw_toast_new ("");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  adw_toast_set_custom_title (toast, label);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
warta_window_open_database (WartaWindow *self)
{
  g_autoptr(WartaSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* A server: the person signs in before anything is opened */
  if (_warta_window_is_server (self))
    {
      _warta_window_set_session (self, NULL);
      return;
    }
  if (self->database_path != NULL)
    session = warta_session_open (self->database_path, &error);

  if (session == NULL && self->database_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->database_path);
      g_autofree char *description = NULL;

      /* The description is markup: neither the path nor the message may be read as any. */
      /* Translators: the database's path, then what went wrong */
      description = g_markup_printf_escaped (_("%s\n\n%s\n\nStart Warta with --db PATH to open another database file."),
                                             display, error->message);
      adw_status_page_set_description (self->error_page, description);
    }

  if (session != NULL && warta_session_get_warning (session) != NULL)
    warta_window_show_store_warning (self, warta_session_get_warning (session));

  _warta_window_set_session (self, session);
}

static void
warta_window_dispose (GObject *object)
{
  WartaWindow *self = (WartaWindow *)object;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_handle_id (&self->archive_idle, g_source_remove);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  if (self->notifier != NULL)
    warta_notifier_set_session (self->notifier, NULL);
  g_clear_object (&self->notifier);
  if (self->pane != NULL)
    g_signal_handlers_disconnect_by_func (self->pane, on_pane_can_go_back, self);
  self->pane = NULL;
  /* In the template's widgets, which its disposal takes along */
  self->welcome_page = NULL;
  self->inbox_pane = self->review_pane = self->publish_pane = NULL;
  self->sop_pane = NULL;
  self->archive_bin = NULL;
  self->archive_pane = NULL;
  self->people_page = NULL;
  self->server_form = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), WARTA_TYPE_WINDOW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (warta_window_parent_class)->dispose (object);
}

static void
warta_window_finalize (GObject *object)
{
  WartaWindow *self = (WartaWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (warta_window_parent_class)->finalize (object);
}

static void
warta_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WartaWindow *self = WARTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, warta_window_get_database_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WartaWindow *self = WARTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      warta_window_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_window_class_init (WartaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = warta_window_dispose;
  object_class->finalize = warta_window_finalize;
  object_class->get_property = warta_window_get_property;
  object_class->set_property = warta_window_set_property;

  widget_class->map = warta_window_map;

  window_class->close_request = warta_window_close_request;

  /**
   * WartaWindow:database-path:
   *
   * The file of the database the window shows. Setting it opens the
   * database; a file that cannot be opened shows why in the window.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _warta_window_class_init_actions (widget_class);

  g_type_ensure (WARTA_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, welcome_box);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, server_box);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, lost_revealer);
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, lost_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_main_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pane_changed);
}

static void
warta_window_init (WartaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->notifier = warta_notifier_new ();
  warta_window_restore_state (self);
  /* What the window shows follows the session's profile and who is signed in. */
  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "profile-changed",
                                 G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::connected",
                                 G_CALLBACK (_warta_window_on_connected_changed), self, G_CONNECT_SWAPPED);
  on_pane_changed (self);
  warta_window_update_page (self);
  _warta_window_update_actions (self);
}

WartaWindow *
warta_window_new (WartaApplication *application)
{
  g_return_val_if_fail (WARTA_IS_APPLICATION (application), NULL);

  return g_object_new (WARTA_TYPE_WINDOW,
                       "application", application,
                       "database-path", warta_application_get_database_path (application),
                       NULL);
}

/**
 * warta_window_get_database_path:
 * @self: a #WartaWindow
 *
 * Returns: (type filename) (nullable): the path of the database file
 */
const char *
warta_window_get_database_path (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);

  return self->database_path;
}

/**
 * warta_window_set_database_path:
 * @self: a #WartaWindow
 * @database_path: (type filename) (nullable): the database file
 */
void
warta_window_set_database_path (WartaWindow *self,
                                const char  *database_path)
{
  g_return_if_fail (WARTA_IS_WINDOW (self));

  if (g_strcmp0 (database_path, self->database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  warta_window_open_database (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

/**
 * warta_window_get_session:
 * @self: a #WartaWindow
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL when it
 *   could not be opened
 */
WartaSession *
warta_window_get_session (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);
  return self->session;
}

/**
 * warta_window_get_page_name:
 * @self: a #WartaWindow
 *
 * Returns: what the window shows: "error", "welcome", "sign-in" or "work"
 */
const char *
warta_window_get_page_name (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * warta_window_get_welcome_page:
 *
 * Builds the page if the window has not shown it yet.
 *
 * Returns: (transfer none): the #WartaWelcomePage
 */
GtkWidget *
warta_window_get_welcome_page (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (warta_window_ensure_welcome_page (self));
}

/**
 * warta_window_get_sign_in_page:
 *
 * Returns: (transfer none): the #WartaSignInPage
 */
GtkWidget *
warta_window_get_sign_in_page (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sign_in_page);
}

/**
 * warta_window_get_pane:
 * @self: a #WartaWindow
 * @name: "inbox", "review", "publish" (each a #WartaCasesPane), "sop"
 *   (a #WartaSopListPane), "archive" (a #WartaArchivePane) or "office"
 *   (a #WartaPeoplePage, for administrators)
 *
 * Returns: (transfer none) (nullable): the pane; %NULL before the first
 *   sign-in, which builds the panes, and the archive before the first
 *   administrator's
 */
GtkWidget *
warta_window_get_pane (WartaWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);

  if (g_strcmp0 (name, "archive") == 0)
    return GTK_WIDGET (warta_window_fill_archive_pane (self));
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

const char *
warta_window_get_pane_name (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

gboolean
warta_window_is_pane_visible (WartaWindow *self,
                              const char  *name)
{
  AdwViewStackPage *page;

  g_return_val_if_fail (WARTA_IS_WINDOW (self), FALSE);

  page = warta_window_get_stack_page (self, name);
  return page != NULL && adw_view_stack_page_get_visible (page);
}

/**
 * warta_window_show_pane:
 * @self: a #WartaWindow
 * @name: a pane's name, as for warta_window_get_pane()
 *
 * Shows the pane if the signed-in person has it (win.show-pane, Alt+1…5).
 *
 * Returns: whether it is shown
 */
gboolean
warta_window_show_pane (WartaWindow *self,
                        const char  *name)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), FALSE);

  if (!_warta_window_is_signed_in (self) || !warta_window_is_pane_visible (self, name))
    return FALSE;

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  warta_window_queue_focus_page (self);
  return TRUE;
}
