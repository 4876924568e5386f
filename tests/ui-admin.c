/* ui-admin.c: what a person does with the keyboard and the mouse in the
 * window, through XTest (see ui-admin.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gdk/x11/gdkx.h>

#include "ui-admin.h"
#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-new-password-form.h"
#include "warta-sign-in-page.h"

#define WAIT_MS UI_ADMIN_WAIT_MS

/* Presented, mapped by the X server, and given the keyboard: XTest's
 * keys go where the X focus is. */
void
ui_present_focused (GtkWindow *window)
{
  Display *display = xtest_get_display ();
  XWindowAttributes attributes = { 0 };
  Window xid;

  gtk_window_present (window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), WAIT_MS);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  for (guint i = 0; i < 500 && attributes.map_state != IsViewable; i++)
    {
      XGetWindowAttributes (display, xid, &attributes);
      if (attributes.map_state != IsViewable)
        g_usleep (10000);
    }
  XSetInputFocus (display, xid, RevertToParent, CurrentTime);
  XSync (display, False);
  ui_wait_for_frames (GTK_WIDGET (window), 2);
}

gboolean
ui_has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Scrolls the widget into view, as a person would with the wheel, and
 * clicks it. */
void
ui_click_into_view (gpointer widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  if (scroller != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      graphene_point_t top;
      double height = gtk_widget_get_height (widget);

      g_assert_true (gtk_widget_compute_point (widget, scroller, &GRAPHENE_POINT_INIT (0, 0), &top));
      if (top.y < 0 || top.y + height > gtk_widget_get_height (scroller))
        {
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.y -
                                    (gtk_widget_get_height (scroller) - height) / 2);
          ui_wait_for_frames (widget, 3);
        }
    }
  xtest_click (widget);
}

/* Clicks into a field and types text in place of what it holds. */
void
ui_type_into (gpointer    editable,
              const char *text)
{
  ui_click_into_view (editable);
  UI_WAIT_UNTIL (ui_has_focus (GTK_WIDGET (editable)), WAIT_MS);
  xtest_ctrl (XK_a);
  xtest_press (XK_BackSpace, NULL, 0);
  UI_WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), "") == 0, WAIT_MS);
  xtest_type (text);
  UI_WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) == 0, WAIT_MS);
}

/* GTK's own file chooser (there is no portal under the tests), once it
 * is open: the file set in it, and accepted. */
void
ui_choose_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *chooser = NULL;

  UI_WAIT_UNTIL ((chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (chooser)), WAIT_MS);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  ui_wait_for_frames (GTK_WIDGET (chooser), 2);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

gboolean
ui_is_named (GtkWidget     *widget,
             gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* A button shown whose label, or the label of its content (an
 * AdwButtonContent's), reads label. */
gboolean
ui_is_mapped_button (GtkWidget     *widget,
                     gconstpointer  label)
{
  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 ||
         ui_find_label (widget, label, TRUE) != NULL;
}

gboolean
ui_is_mapped_label_holding (GtkWidget     *widget,
                            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

gboolean
ui_is_mapped_menu_button (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
has_people (WartaSignInPage *page)
{
  g_auto(GStrv) shown = warta_sign_in_page_dup_shown_logins (page);

  return shown != NULL && shown[0] != NULL;
}

static gboolean
first_shown_is (WartaSignInPage *page,
                const char      *login)
{
  g_auto(GStrv) shown = warta_sign_in_page_dup_shown_logins (page);

  return shown != NULL && shown[0] != NULL && g_str_equal (shown[0], login);
}

void
ui_sign_in_typed (WartaWindow *window,
                  const char  *login,
                  const char  *password,
                  const char  *new_password)
{
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (window));
  GtkWidget *search = ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "search_entry");
  gboolean typed;

  g_test_message ("signing in as %s", login);
  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (window), "sign-in") == 0, WAIT_MS);
  /* The page has read its people (it moves the keyboard when it has):
   * then the search is typed at. */
  UI_WAIT_UNTIL (has_people (page), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (window), 3);
  /* An office of one: the page has chosen them already, and waits for
   * the password, as a person sees it. */
  if (g_strcmp0 (warta_sign_in_page_get_login (page), login) != 0)
    {
      if (!ui_has_focus (search))
        ui_click_into_view (search);
      UI_WAIT_UNTIL (ui_has_focus (search), WAIT_MS);
      xtest_ctrl (XK_a);
      xtest_type (login);
      UI_TRY_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (search)), login) == 0, WAIT_MS, typed);
      if (!typed)
        {
          ui_screenshot (GTK_WIDGET (window), "screenshot-sign-in-typed-failed");
          g_error ("typed “%s” into the sign-in search, which holds “%s” (focus in it: %d)",
                   login, gtk_editable_get_text (GTK_EDITABLE (search)), ui_has_focus (search));
        }
      /* The list follows the search: the person is the first row. */
      UI_WAIT_UNTIL (first_shown_is (page, login), WAIT_MS);
      xtest_press (XK_Return, NULL, 0);
      UI_WAIT_UNTIL (g_strcmp0 (warta_sign_in_page_get_login (page), login) == 0, WAIT_MS);
    }
  UI_WAIT_UNTIL (ui_has_focus (ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "password_row")), WAIT_MS);
  xtest_type (password);
  xtest_press (XK_Return, NULL, 0);

  if (new_password != NULL)
    {
      GtkStack *form_stack = ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "form_stack");
      WartaNewPasswordForm *form = ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "new_password_form");

      UI_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (form_stack), "new-password") == 0, WAIT_MS);
      UI_WAIT_UNTIL (ui_has_focus (ui_child (form, WARTA_TYPE_NEW_PASSWORD_FORM, "new_row")), WAIT_MS);
      xtest_type (new_password);
      xtest_press (XK_Return, NULL, 0);
      UI_WAIT_UNTIL (ui_has_focus (ui_child (form, WARTA_TYPE_NEW_PASSWORD_FORM, "confirm_row")), WAIT_MS);
      xtest_type (new_password);
      xtest_press (XK_Return, NULL, 0);
    }

  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page) &&
                 g_strcmp0 (warta_window_get_page_name (window), "work") == 0, WAIT_MS);
  g_assert_cmpstr (warta_session_get_user (warta_window_get_session (window))->login, ==, login);
  ui_wait_for_frames (GTK_WIDGET (window), 2);
}

void
ui_sign_out_typed (WartaWindow *window)
{
  static const KeySym ctrl_shift[] = { XK_Control_L, XK_Shift_L };

  xtest_press (XK_q, ctrl_shift, G_N_ELEMENTS (ctrl_shift));
  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (window), "sign-in") == 0, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (window), 2);
}
