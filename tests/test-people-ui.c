/* test-people-ui.c: the administrator builds the office's people in the app
 *
 * An administrator signs in, opens the Office page (Alt+6) and, with
 * the keyboard and the mouse through XTest as a person does: adds a
 * person (a wrong NIP refused under its field, then mended), edits their
 * jabatan, deactivates them (tagged in the list, gone from the sign-in
 * list) and reactivates them, resets their password; then signs out, and
 * the new person signs in with the password set for them, is asked for
 * their own, gives it, and is signed in. The roles section adds a role
 * and shows the lanes of a role. Screenshots of every page and dialog go
 * to the build directory.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "ui-admin.h"
#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-hand-over-dialog.h"
#include "warta-new-password-form.h"
#include "warta-people-page.h"
#include "warta-person-dialog.h"
#include "warta-roles-page.h"
#include "warta-sign-in-page.h"
#include "warta-window.h"

/* A worker's read, an argon2id hash: generous, for a loaded machine. */
#define WAIT_MS 20000

#define ROLE "admin-website"
#define GOOD_NIP "198503122010012003"
#define FIRST_PASSWORD "mulai-2026"
#define RESET_PASSWORD "ulang-2026"
#define OWN_PASSWORD "punyaku-sendiri"

static WartaApplication *app;

typedef struct
{
  TestDb          *db;
  WartaWindow     *window;
  WartaPeoplePage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", f->db->path,
                            NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  ui_present_focused (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = ui_find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL)
    gtk_window_destroy (dialog);
  ui_destroy_window (&f->window, WAIT_MS);
  test_db_free (f->db);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strconcat ("screenshot-people-", name, NULL);

  ui_screenshot (widget, file);
}

static WartaSignInPage *
sign_in_page (Fixture *f)
{
  return WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));
}

/* The administrator, the quick way: what is tested here comes after. */
static void
sign_in_admin (Fixture *f)
{
  WartaSignInPage *page = sign_in_page (f);

  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (f->window), "sign-in") == 0, WAIT_MS);
  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, "admin"), WAIT_MS);
  warta_sign_in_page_set_password (page, TEST_PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "work");
}

static void
open_office (Fixture *f)
{
  static const KeySym alt[] = { XK_Alt_L };

  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  xtest_press (XK_6, alt, G_N_ELEMENTS (alt));
  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_pane_name (f->window), "office") == 0, WAIT_MS);
  f->page = WARTA_PEOPLE_PAGE (warta_window_get_pane (f->window, "office"));
  UI_WAIT_UNTIL (warta_people_page_get_loaded (f->page), WAIT_MS);
  /* The keyboard starts in the search */
  UI_WAIT_UNTIL (ui_has_focus (ui_child (f->page, WARTA_TYPE_PEOPLE_PAGE, "search_entry")), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static WartaPersonDialog *
wait_dialog (void)
{
  WartaPersonDialog *dialog = NULL;

  UI_WAIT_UNTIL ((dialog = (WartaPersonDialog *)ui_find_toplevel (WARTA_TYPE_PERSON_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 2);
  return dialog;
}

static void
wait_dialog_gone (void)
{
  UI_WAIT_UNTIL (ui_find_toplevel (WARTA_TYPE_PERSON_DIALOG, NULL) == NULL, WAIT_MS);
}

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
row_says (Fixture    *f,
          const char *login,
          const char *text)
{
  GtkWidget *row = warta_people_page_find_row (f->page, login);

  return row != NULL && strstr (row_subtitle (row), text) != NULL;
}

static WartaUser *
stored_user (Fixture    *f,
             const char *login)
{
  g_autoptr(GError) error = NULL;
  WartaUser *user = warta_store_find_user (f->db->store, login, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (user);
  return user;
}

static void
click_role (WartaPersonDialog *dialog,
            const char        *role_id)
{
  GtkWidget *list = ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "roles_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    if (g_strcmp0 (row_subtitle (GTK_WIDGET (row)), role_id) == 0)
      {
        GtkWidget *check = ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON);

        ui_click_into_view (check);
        UI_WAIT_UNTIL (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), WAIT_MS);
        return;
      }
  g_error ("no role %s in the dialog", role_id);
}

/* Answers the open AdwMessageDialog with the button labelled @label. */
static void
confirm (const char *label)
{
  GtkWindow *dialog = NULL;
  GtkWidget *button;

  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  button = ui_find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  screenshot (GTK_WIDGET (dialog), label[1] == 'D' ? "confirm-deactivate" : "confirm-reactivate");
  ui_click_into_view (button);
  UI_WAIT_UNTIL (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) == NULL, WAIT_MS);
}

static void
add_person (Fixture *f)
{
  WartaPersonDialog *dialog;
  GtkWidget *nip_error;
  g_autoptr(WartaUser) user = NULL;

  /* Ctrl+N on the page opens the dialog */
  xtest_ctrl (XK_n);
  dialog = wait_dialog ();
  screenshot (GTK_WIDGET (dialog), "add-empty");

  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "login_row"), "nurul");
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "full_name_row"), "Nurul Hidayah, S.Sos.");

  /* A NIP that is not one is said under its field as it is typed */
  nip_error = ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "nip_error_label");
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "nip_row"), "19850312");
  UI_WAIT_UNTIL (gtk_widget_get_mapped (nip_error), WAIT_MS);
  g_assert_nonnull (warta_person_dialog_get_nip_error (dialog));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (nip_error)), ==, warta_person_dialog_get_nip_error (dialog));
  g_test_message ("bad NIP: %s", warta_person_dialog_get_nip_error (dialog));
  screenshot (GTK_WIDGET (dialog), "add-bad-nip");

  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "nip_row"), GOOD_NIP);
  UI_WAIT_UNTIL (!gtk_widget_get_visible (nip_error), WAIT_MS);
  g_assert_null (warta_person_dialog_get_nip_error (dialog));

  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "jabatan_row"), "Pranata Humas");
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "pangkat_row"), "Penata Muda, III/a");
  click_role (dialog, ROLE);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_row"), FIRST_PASSWORD);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "confirm_row"), FIRST_PASSWORD);
  screenshot (GTK_WIDGET (dialog), "add-filled");

  /* Enter in the last field adds the person */
  xtest_press (XK_Return, NULL, 0);
  wait_dialog_gone ();

  /* The list follows the change */
  UI_WAIT_UNTIL (row_says (f, "nurul", "Pranata Humas"), WAIT_MS);
  g_assert_true (row_says (f, "nurul", "Penata Muda, III/a"));
  user = stored_user (f, "nurul");
  g_assert_cmpstr (user->full_name, ==, "Nurul Hidayah, S.Sos.");
  g_assert_cmpstr (user->nip, ==, GOOD_NIP);
  g_assert_cmpstr (user->jabatan, ==, "Pranata Humas");
  g_assert_cmpstr (user->pangkat, ==, "Penata Muda, III/a");
  g_assert_true (warta_user_has_role (user, ROLE));
  g_assert_true (user->must_change_password);
  screenshot (GTK_WIDGET (f->window), "list");
}

static WartaPersonDialog *
open_person (Fixture    *f,
             const char *login)
{
  GtkWidget *row = warta_people_page_find_row (f->page, login);

  g_assert_nonnull (row);
  ui_click_into_view (row);
  return wait_dialog ();
}

static void
edit_person (Fixture *f)
{
  WartaPersonDialog *dialog = open_person (f, "nurul");
  g_autoptr(WartaUser) user = NULL;
  g_auto(GStrv) shown = NULL;

  /* The form is filled in, without the password */
  g_assert_cmpstr (gtk_editable_get_text (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "nip_row")), ==, GOOD_NIP);
  g_assert_false (gtk_widget_get_visible (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_box")));
  screenshot (GTK_WIDGET (dialog), "edit");

  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "jabatan_row"), "Pranata Humas Ahli Muda");
  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "save_button"));
  wait_dialog_gone ();
  UI_WAIT_UNTIL (row_says (f, "nurul", "Pranata Humas Ahli Muda"), WAIT_MS);
  /* Read again, the list has each person once */
  shown = warta_people_page_dup_shown_logins (f->page);
  g_assert_cmpuint (g_strv_length (shown), ==, 2);
  user = stored_user (f, "nurul");
  g_assert_cmpstr (user->jabatan, ==, "Pranata Humas Ahli Muda");
}

static gboolean
tagged_deactivated (Fixture *f)
{
  GtkWidget *row = warta_people_page_find_row (f->page, "nurul");

  return row != NULL && ui_find_label (row, "Deactivated", TRUE) != NULL;
}

static gboolean
offered_at_sign_in (Fixture    *f,
                    const char *login)
{
  g_auto(GStrv) logins = warta_sign_in_page_dup_shown_logins (sign_in_page (f));

  return g_strv_contains ((const char * const *)logins, login);
}

static void
deactivate_and_back (Fixture *f)
{
  WartaPersonDialog *dialog = open_person (f, "nurul");
  g_autoptr(WartaUser) user = NULL;

  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "active_button"));
  confirm ("_Deactivate");
  wait_dialog_gone ();
  UI_WAIT_UNTIL (tagged_deactivated (f), WAIT_MS);
  user = stored_user (f, "nurul");
  g_assert_true (user->inactive);
  /* Deactivated people are not offered at sign-in */
  UI_WAIT_UNTIL (!offered_at_sign_in (f, "nurul"), WAIT_MS);
  g_assert_true (offered_at_sign_in (f, "admin"));
  screenshot (GTK_WIDGET (f->window), "list-deactivated");

  dialog = open_person (f, "nurul");
  screenshot (GTK_WIDGET (dialog), "edit-deactivated");
  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "active_button"));
  confirm ("_Reactivate");
  wait_dialog_gone ();
  UI_WAIT_UNTIL (!tagged_deactivated (f), WAIT_MS);
  UI_WAIT_UNTIL (offered_at_sign_in (f, "nurul"), WAIT_MS);
}

static void
reset_password (Fixture *f)
{
  WartaPersonDialog *dialog = open_person (f, "nurul");

  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "reset_button"));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_row")), WAIT_MS);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_row"), RESET_PASSWORD);
  /* Two different passwords are refused in the dialog */
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "confirm_row"), "lain-lain-99");
  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "set_password_button"));
  UI_WAIT_UNTIL (warta_person_dialog_get_error (dialog) != NULL, WAIT_MS);
  screenshot (GTK_WIDGET (dialog), "reset-differ");

  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "confirm_row"), RESET_PASSWORD);
  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "set_password_button"));
  UI_WAIT_UNTIL (!warta_person_dialog_get_busy (dialog) &&
                 !gtk_widget_get_visible (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_box")), WAIT_MS);
  g_assert_null (warta_person_dialog_get_error (dialog));
  screenshot (GTK_WIDGET (dialog), "reset-done");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_dialog_gone ();
}

/* A toast of what was done to Nurul ("Nurul Hidayah, S.Sos. saved"),
 * not a row with her name. */
static gboolean
is_toast_about_nurul (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "Nurul Hidayah, S.Sos. ");
}

/* Signs out, and the new person signs in with the keyboard: the
 * password set for them, then their own. */
static void
first_sign_in (Fixture *f)
{
  static const KeySym ctrl_shift[] = { XK_Control_L, XK_Shift_L };
  WartaSignInPage *page = sign_in_page (f);
  GtkStack *form_stack = ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "form_stack");
  WartaNewPasswordForm *form = ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "new_password_form");

  /* What the administrator did is still being told */
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (f->window), is_toast_about_nurul, NULL));
  xtest_press (XK_q, ctrl_shift, G_N_ELEMENTS (ctrl_shift));
  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (f->window), "sign-in") == 0, WAIT_MS);
  /* and is not for the next person at the desk: gone once it slid away */
  ui_iterate (1000);
  g_assert_null (ui_find_widget (GTK_WIDGET (f->window), is_toast_about_nurul, NULL));
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  UI_WAIT_UNTIL (ui_has_focus (ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "search_entry")), WAIT_MS);

  xtest_type ("nurul");
  UI_WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "search_entry")),
                            "nurul") == 0, WAIT_MS);
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (g_strcmp0 (warta_sign_in_page_get_login (page), "nurul") == 0, WAIT_MS);
  UI_WAIT_UNTIL (ui_has_focus (ui_child (page, WARTA_TYPE_SIGN_IN_PAGE, "password_row")), WAIT_MS);
  xtest_type (RESET_PASSWORD);
  xtest_press (XK_Return, NULL, 0);

  /* The right password, set by the administrator: choose one's own */
  UI_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (form_stack), "new-password") == 0, WAIT_MS);
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  UI_WAIT_UNTIL (ui_has_focus (ui_child (form, WARTA_TYPE_NEW_PASSWORD_FORM, "new_row")), WAIT_MS);
  screenshot (GTK_WIDGET (f->window), "must-change");

  /* Too short, said in place */
  xtest_type ("pendek");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (ui_has_focus (ui_child (form, WARTA_TYPE_NEW_PASSWORD_FORM, "confirm_row")), WAIT_MS);
  xtest_type ("pendek");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (warta_new_password_form_get_error (form) != NULL, WAIT_MS);
  screenshot (GTK_WIDGET (f->window), "must-change-short");

  ui_type_into (ui_child (form, WARTA_TYPE_NEW_PASSWORD_FORM, "new_row"), OWN_PASSWORD);
  ui_type_into (ui_child (form, WARTA_TYPE_NEW_PASSWORD_FORM, "confirm_row"), OWN_PASSWORD);
  xtest_press (XK_Return, NULL, 0);

  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (f->window), "work") == 0, WAIT_MS);
  g_assert_cmpstr (warta_session_get_user (warta_window_get_session (f->window))->login, ==, "nurul");
  /* Not an administrator: no Office page */
  g_assert_false (warta_window_is_pane_visible (f->window, "office"));
  screenshot (GTK_WIDGET (f->window), "signed-in");
}

static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(WartaUser) user = NULL;

  sign_in_admin (f);
  g_assert_true (warta_window_is_pane_visible (f->window, "office"));
  open_office (f);
  add_person (f);
  edit_person (f);
  deactivate_and_back (f);
  reset_password (f);
  first_sign_in (f);

  user = stored_user (f, "nurul");
  g_assert_false (user->must_change_password);
}

/* The people search, Ctrl+F; and someone added by another process
 * (warta-cli) appears in the list by itself. */
static void
test_search_and_follow (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *search;
  WartaPersonDialog *dialog;
  g_auto(GStrv) shown = NULL;

  test_db_add_user (f->db, "budi", ROLE, NULL);
  sign_in_admin (f);
  open_office (f);
  search = ui_child (f->page, WARTA_TYPE_PEOPLE_PAGE, "search_entry");

  test_db_add_user (f->db, "sinta", "staff-tim-kerja", NULL);
  UI_WAIT_UNTIL (warta_people_page_find_row (f->page, "sinta") != NULL, WAIT_MS);

  /* Ctrl+F from anywhere in the page, after a dialog closed */
  ui_click_into_view (warta_people_page_find_row (f->page, "admin"));
  wait_dialog ();
  gtk_window_close (ui_find_toplevel (WARTA_TYPE_PERSON_DIALOG, NULL));
  wait_dialog_gone ();
  xtest_ctrl (XK_f);
  UI_WAIT_UNTIL (ui_has_focus (search), WAIT_MS);
  xtest_type ("sinta");
  UI_WAIT_UNTIL ((g_strfreev (shown), shown = warta_people_page_dup_shown_logins (f->page),
                  g_strv_length (shown) == 1), WAIT_MS);
  g_assert_cmpstr (shown[0], ==, "sinta");
  screenshot (GTK_WIDGET (f->window), "search");

  /* What the engine refuses is said in the dialog, which keeps what was
   * typed: a login already taken. */
  xtest_ctrl (XK_n);
  dialog = wait_dialog ();
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "login_row"), "budi");
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "full_name_row"), "Budi Lain");
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_row"), FIRST_PASSWORD);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "confirm_row"), FIRST_PASSWORD);
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (!warta_person_dialog_get_busy (dialog) && warta_person_dialog_get_error (dialog) != NULL, WAIT_MS);
  g_test_message ("login taken: %s", warta_person_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "full_name_row")), ==, "Budi Lain");
  screenshot (GTK_WIDGET (dialog), "login-taken");
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "login_row"), "budi2");
  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "save_button"));
  wait_dialog_gone ();
  UI_WAIT_UNTIL (warta_people_page_find_row (f->page, "budi2") != NULL, WAIT_MS);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  WartaRolesPage *roles;
  GtkWindow *form;
  GtkWidget *row;

  test_db_add_user (f->db, "budi", ROLE, NULL);
  sign_in_admin (f);
  open_office (f);
  /* The section switcher's button */
  xtest_click (ui_find_label (GTK_WIDGET (f->page), "Roles", TRUE));
  roles = ui_child (f->page, WARTA_TYPE_PEOPLE_PAGE, "roles_page");
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (roles)), WAIT_MS);
  UI_WAIT_UNTIL (warta_roles_page_get_loaded (roles) && warta_roles_page_find_row (roles, ROLE) != NULL, WAIT_MS);

  /* The role's lanes, with their steps, and who holds it */
  row = warta_roles_page_find_row (roles, ROLE);
  g_test_message ("%s: %s", ROLE, row_subtitle (row));
  g_assert_nonnull (strstr (row_subtitle (row), "steps "));
  g_assert_nonnull (strstr (row_subtitle (row), "User budi"));
  screenshot (GTK_WIDGET (f->window), "roles");

  ui_click_into_view (ui_child (roles, WARTA_TYPE_ROLES_PAGE, "add_button"));
  UI_WAIT_UNTIL ((form = ui_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (form)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (form), 2);
  xtest_type ("arsiparis");
  xtest_press (XK_Tab, NULL, 0);
  xtest_type ("Arsiparis");
  screenshot (GTK_WIDGET (form), "add-role");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (warta_roles_page_find_row (roles, "arsiparis") != NULL, WAIT_MS);
  row = warta_roles_page_find_row (roles, "arsiparis");
  g_assert_nonnull (strstr (row_subtitle (row), "Fills no lane"));

  /* Renamed: the id stays */
  ui_click_into_view (ui_find_button_by_icon (row, "document-edit-symbolic"));
  UI_WAIT_UNTIL ((form = ui_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (f->window))) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (form)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (form), 2);
  ui_type_into (ui_find_descendant (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW), "Arsiparis Ahli Pertama");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL ((row = warta_roles_page_find_row (roles, "arsiparis")) != NULL &&
                 g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Arsiparis Ahli Pertama") == 0,
                 WAIT_MS);
}

/* A berkas whose step a deactivated person holds, handed over to
 * another person of its lane, with a reason. */
static void
test_hand_over (Fixture       *f,
                gconstpointer  data)
{
  const char *katim_role = "katimker-layanan-publik-zi";
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(WartaCase) after = NULL;
  g_autoptr(WartaUser) katim2 = NULL;
  gint64 staff, katim, kepala, id;
  GtkWindow *dialog = NULL;
  GtkWidget *row;

  staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  katim = test_db_add_user (f->db, "katim", katim_role, NULL);
  test_db_add_user (f->db, "katim2", katim_role, NULL);
  kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  sop = warta_engine_get_sop (f->db->engine, "bbkk-medan-publikasi-website", 0, &error);
  g_assert_no_error (error);
  id = warta_engine_start_case (f->db->engine, staff, "bbkk-medan-publikasi-website", "Berita serah", &error);
  g_assert_no_error (error);
  /* Up to the head's disposition, step 4, to katim */
  for (guint guard = 0; guard < 10; guard++)
    {
      g_autoptr(WartaCase) kase = warta_store_get_case (f->db->store, id, NULL);
      const WartaSopStep *step = warta_sop_lookup_step (sop, kase->active->step_id);
      gint64 who = g_str_equal (step->lane, katim_role) ? katim : staff;

      if (g_str_equal (kase->active->step_id, "4"))
        break;
      if (step->action == WARTA_SOP_ACTION_COMPOSE)
        test_db_write_naskah (f->db, who, id);
      test_db_meet_requirements (f->db, who, id);
      if (warta_sop_step_is_decision (step))
        g_assert_true (warta_engine_decide (f->db->engine, who, id, TRUE, NULL, &error));
      else
        g_assert_true (warta_engine_complete (f->db->engine, who, id, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (warta_engine_dispose (f->db->engine, kepala, id, katim, "Tindak lanjuti", &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_set_user_active (f->db->engine, f->db->admin, katim, FALSE, &error));
  g_assert_no_error (error);

  sign_in_admin (f);
  open_office (f);
  UI_WAIT_UNTIL ((row = warta_people_page_find_held_row (f->page, id)) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (row_subtitle (row), "User katim"));
  screenshot (GTK_WIDGET (f->window), "held");

  ui_click_into_view (ui_find_button (row, "_Hand Over…"));
  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (WARTA_TYPE_HAND_OVER_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
                 !warta_hand_over_dialog_get_busy (WARTA_HAND_OVER_DIALOG (dialog)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 2);
  /* The deactivated person is not offered */
  g_assert_null (ui_find_label (GTK_WIDGET (dialog), "User katim", TRUE));
  ui_click_into_view (ui_find_label (GTK_WIDGET (dialog), "User katim2", TRUE));
  ui_type_into (ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW), "Pindah tugas");
  screenshot (GTK_WIDGET (dialog), "hand-over");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (ui_find_toplevel (WARTA_TYPE_HAND_OVER_DIALOG, NULL) == NULL, WAIT_MS);
  UI_WAIT_UNTIL (warta_people_page_find_held_row (f->page, id) == NULL, WAIT_MS);

  after = warta_store_get_case (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after->active);
  katim2 = stored_user (f, "katim2");
  g_assert_cmpint (after->active->assignee, ==, katim2->id);
}

/* Someone deactivated while the sign-in page still lists them is told
 * why they cannot sign in. */
static void
test_inactive_sign_in (Fixture       *f,
                       gconstpointer  data)
{
  WartaSignInPage *page = sign_in_page (f);
  g_autoptr(GError) error = NULL;
  gint64 budi = test_db_add_user (f->db, "budi", ROLE, NULL);

  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, "budi"), WAIT_MS);
  warta_sign_in_page_set_password (page, TEST_PASSWORD);
  g_assert_true (warta_engine_set_user_active (f->db->engine, f->db->admin, budi, FALSE, &error));
  g_assert_no_error (error);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_cmpstr (warta_sign_in_page_get_error (page), ==,
                   "This account is deactivated. Ask the office’s administrator to reactivate it.");
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  /* And the list lets go of them */
  UI_WAIT_UNTIL (!offered_at_sign_in (f, "budi"), WAIT_MS);
  g_assert_cmpstr (warta_sign_in_page_get_error (page), ==,
                   "This account is deactivated. Ask the office’s administrator to reactivate it.");
  screenshot (GTK_WIDGET (f->window), "inactive-sign-in");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* XTest speaks X11 */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  app = ui_application_new ();

  g_test_add ("/people-ui/add-edit-deactivate-reset-first-sign-in", Fixture, NULL,
              fixture_set_up, test_people, fixture_tear_down);
  g_test_add ("/people-ui/search-and-follow", Fixture, NULL,
              fixture_set_up, test_search_and_follow, fixture_tear_down);
  g_test_add ("/people-ui/hand-over", Fixture, NULL,
              fixture_set_up, test_hand_over, fixture_tear_down);
  g_test_add ("/people-ui/inactive-sign-in", Fixture, NULL,
              fixture_set_up, test_inactive_sign_in, fixture_tear_down);
  g_test_add ("/people-ui/roles", Fixture, NULL,
              fixture_set_up, test_roles, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
