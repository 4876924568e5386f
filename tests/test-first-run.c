/* test-first-run.c: what a new office's administrator is told to do
 *
 * The administrator adds people and roles on the Office page and imports
 * SOPs on the SOP page: the window must never send them looking for
 * either without saying where. A new office made through the welcome
 * page, and an office with nobody but its administrator and no SOP (as
 * `warta-cli init` and `user add` leave it), are looked at pane by pane
 * as the administrator: every text shown that speaks of adding people or
 * roles, or of importing SOPs, names the page (or the warta-cli command)
 * that does it. Screenshots go to the build directory.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "ui-util.h"
#include "warta-application.h"
#include "warta-case-view.h"
#include "warta-cases-pane.h"
#include "warta-sign-in-page.h"
#include "warta-welcome-page.h"
#include "warta-window.h"

#define WAIT_MS 10000

static WartaApplication *app;

typedef struct
{
  TestDb      *db;
  WartaWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_db_new ();
  /* "empty": nobody yet, for the welcome page */
  if (g_strcmp0 (data, "empty") == 0)
    test_db_exec (f->db, "DELETE FROM user_roles; DELETE FROM users;");
  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", f->db->path,
                            NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), WAIT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  test_db_free (f->db);
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *file = g_strconcat ("screenshot-", name, NULL);

  ui_screenshot (GTK_WIDGET (f->window), file);
}

static void
collect_shown (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown (child, texts);
}

/* Every text on screen that sends the administrator to add people or
 * roles, or to import SOPs, says where: the Office page, the SOP page's
 * Import SOP…, or warta-cli. Returns how many spoke of it. */
static guint
assert_points_the_way (Fixture    *f,
                      const char *where)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  static const char * const topics[] = { "import", "add someone", "adds the others", "are added",
                                         "add people", "add a person", "add roles", NULL };
  guint n = 0;

  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  collect_shown (GTK_WIDGET (f->window), texts);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *text = g_utf8_strdown (g_ptr_array_index (texts, i), -1);

      for (guint j = 0; topics[j] != NULL; j++)
        if (strstr (text, topics[j]) != NULL)
          {
            g_test_message ("%s: %s", where, (char *)g_ptr_array_index (texts, i));
            if (strstr (text, "office page") == NULL && strstr (text, "import sop") == NULL &&
                strstr (text, "warta-cli") == NULL)
              g_error ("%s says “%s” without the page or the command that does it",
                       where, (char *)g_ptr_array_index (texts, i));
            n++;
            break;
          }
    }
  return n;
}

static void
sign_in_admin (Fixture    *f,
               const char *login,
               const char *password)
{
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));

  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (f->window), "sign-in") == 0, WAIT_MS);
  /* People added by the test's own connection show once the window looks. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, login), WAIT_MS);
  warta_sign_in_page_set_password (page, password);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "work");
}

static void
look_at_panes (Fixture    *f,
               const char *office)
{
  static const char * const panes[] = { "inbox", "review", "publish", "sop", "archive" };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    {
      g_autofree char *name = g_strdup_printf ("first-run-%s-%s", office, panes[i]);

      if (!warta_window_is_pane_visible (f->window, panes[i]))
        continue;
      g_assert_true (warta_window_show_pane (f->window, panes[i]));
      ui_iterate (300);
      assert_points_the_way (f, name);
      screenshot (f, name);
    }
}

static void
set_row (GtkWidget  *page,
         const char *title,
         const char *text)
{
  GtkWidget *found = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, page);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      /* The one shown: the welcome page's server form has a Login too */
      if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
        found = widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_nonnull (found);
  gtk_editable_set_text (GTK_EDITABLE (found), text);
}

/* The welcome page's new office, then its administrator's panes. */
static void
test_new_office (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *welcome = warta_window_get_welcome_page (f->window);
  guint n;

  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (welcome, "welcome.new-office", NULL));
  ui_iterate (300);
  n = assert_points_the_way (f, "new-office-form");
  /* The administrator's and the SOPs' descriptions */
  g_assert_cmpuint (n, >=, 2);
  screenshot (f, "first-run-form");

  set_row (welcome, "Office name", "Balai Uji Coba");
  set_row (welcome, "Login", "kantor");
  set_row (welcome, "Full name", "Admin Kantor");
  set_row (welcome, "Password (at least 8 characters)", TEST_PASSWORD);
  set_row (welcome, "Password again", TEST_PASSWORD);
  g_assert_true (gtk_widget_activate_action (welcome, "welcome.create", NULL));
  UI_WAIT_UNTIL (!warta_welcome_page_get_busy (WARTA_WELCOME_PAGE (welcome)), 60000);
  g_assert_null (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)));

  sign_in_admin (f, "kantor", TEST_PASSWORD);
  look_at_panes (f, "new");
}

/* Nobody but the administrator, and no SOP yet. */
static void
test_no_sops (Fixture       *f,
              gconstpointer  data)
{
  sign_in_admin (f, "admin", TEST_PASSWORD);
  g_assert_true (warta_window_show_pane (f->window, "sop"));
  ui_iterate (300);
  g_assert_cmpuint (assert_points_the_way (f, "no-sops"), >=, 1);
  screenshot (f, "first-run-no-sops");
}

/* A disposition to a lane that nobody holds: the dialog gives the
 * command that adds someone, whole. */
static void
test_nobody_to_dispose_to (Fixture       *f,
                           gconstpointer  data)
{
  const char *katim_role = "katimker-layanan-publik-zi";
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  gint64 staff, katim, kepala, id;
  GtkWindow *dialog;
  GtkWidget *view;
  gboolean said = FALSE;

  test_db_install_seeds (f->db);
  staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  katim = test_db_add_user (f->db, "katim", katim_role, NULL);
  kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  sop = warta_engine_get_sop (f->db->engine, "bbkk-medan-publikasi-website", 0, &error);
  g_assert_no_error (error);
  id = warta_engine_start_case (f->db->engine, staff, "bbkk-medan-publikasi-website", "Berita uji", &error);
  g_assert_no_error (error);

  /* Up to the head's disposition, step 4 */
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
  /* The one who holds the next lane has left it. */
  test_db_exec (f->db, "DELETE FROM user_roles WHERE role_id = 'katimker-layanan-publik-zi'");

  sign_in_admin (f, "kepala", TEST_PASSWORD);
  g_assert_cmpint (warta_session_get_user_id (warta_window_get_session (f->window)), ==, kepala);
  g_assert_true (warta_window_show_pane (f->window, "review"));
  warta_cases_pane_show_case (WARTA_CASES_PANE (warta_window_get_pane (f->window, "review")), id);
  UI_WAIT_UNTIL ((view = ui_find_descendant (warta_window_get_pane (f->window, "review"), WARTA_TYPE_CASE_VIEW)) != NULL &&
                 warta_case_view_get_case_id (WARTA_CASE_VIEW (view)) == id &&
                 gtk_widget_get_mapped (view), WAIT_MS);
  ui_iterate (300);
  g_assert_true (gtk_widget_activate_action (view, "case.dispose", NULL));
  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 2);
  collect_shown (GTK_WIDGET (dialog), shown);
  for (guint i = 0; i < shown->len; i++)
    if (strstr (g_ptr_array_index (shown, i), "warta-cli user add LOGIN --name NAME --role katimker-layanan-publik-zi"))
      said = TRUE;
  g_assert_true (said);
  ui_screenshot (GTK_WIDGET (dialog), "screenshot-first-run-nobody");
  gtk_window_destroy (dialog);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = ui_application_new ();

  g_test_add ("/first-run/new-office", Fixture, "empty", fixture_set_up, test_new_office, fixture_tear_down);
  g_test_add ("/first-run/no-sops", Fixture, NULL, fixture_set_up, test_no_sops, fixture_tear_down);
  g_test_add ("/first-run/nobody-to-dispose-to", Fixture, NULL, fixture_set_up, test_nobody_to_dispose_to,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
