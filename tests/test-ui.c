/* test-ui.c: Warta as people use it, in a window on a display
 *
 * Each test opens a database of its own and a window on it in this
 * process, and drives the window through what its buttons and rows call:
 * the sign-in page's functions, the window's and the case view's actions,
 * the dialogs' responses. A case of seed 002 goes through every step with
 * a different person for each lane, and at each stage every person's panes
 * are asked whether they list it; each pane is saved as a PNG in the build
 * directory. Changes made by another connection, another window and
 * warta-cli must show within two seconds.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-case-view-private.h"
#include "warta-cases-pane.h"
#include "warta-new-case-dialog.h"
#include "warta-pdf-view.h"
#include "warta-sample.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"
#include "warta-welcome-page.h"
#include "warta-window.h"

#define PASSWORD "rahasia123"
#define SOP_ID   "bbkk-medan-publikasi-website"
#define OFFICE   "Balai Besar Kekarantinaan Kesehatan Medan"

/* What another process's change may take to show. */
#define LIVE_MS  2000
/* A worker's read, a sign-in's argon2id: generous, for a loaded machine. */
#define WAIT_MS  10000

/* One person a lane of seed 002; the katimker lane has two, so that a
 * disposition to one of them leaves the other out. */
typedef struct
{
  const char *login;
  const char *name;
  const char *jabatan;
  const char *role;
  const char *panes;   /* the panes the person has */
} Person;

enum { STAF, KATIM1, KATIM2, KEPALA, WEBADMIN, N_PEOPLE };

static const Person people[N_PEOPLE] = {
  { "staf", "Rahmat Siregar", "Staf Tim Kerja", "staff-tim-kerja", "inbox sop" },
  { "katim1", "Dewi Lubis", "Katimker Layanan Publik", "katimker-layanan-publik-zi", "inbox review sop" },
  { "katim2", "Fajar Nasution", "Katimker Layanan Publik", "katimker-layanan-publik-zi", "inbox review sop" },
  { "kepala", "dr. Ratna Budi Hapsari", "Kepala Balai", "kepala-satker", "inbox review sop" },
  { "webadmin", "Yusuf Harahap", "Admin Website", "admin-website", "inbox publish sop" },
};

static const char * const all_panes[] = { "inbox", "review", "publish", "sop", NULL };

typedef struct
{
  char        *dir;
  char        *path;
  /* A connection of the test's own, as another process would have */
  WartaStore  *store;
  WartaEngine *engine;
  gint64       admin;
  gint64       ids[N_PEOPLE];
  WartaWindow *window;
  GHashTable  *shots;   /* screenshot names taken, to take each once */
} Fixture;

static WartaApplication *app;

/* Fixture */

static WartaWindow *
open_window (const char *path)
{
  WartaWindow *window;

  window = g_object_new (WARTA_TYPE_WINDOW,
                         "application", app,
                         "database-path", path,
                         NULL);
  gtk_window_present (GTK_WINDOW (window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), WAIT_MS);
  return window;
}

static void
setup_office (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) admin_user = NULL;
  const char *sops[] = { SOP_ID, NULL };
  WartaUser admin = { 0 };

  admin.login = (char *)"kantor";
  admin.full_name = (char *)"Administrator Kantor";
  g_assert_true (warta_engine_setup_office (f->engine, OFFICE, &admin, PASSWORD,
                                            warta_sop_get_shipped_dir (), sops, &error));
  g_assert_no_error (error);
  admin_user = warta_store_find_user (f->store, "kantor", NULL, &error);
  g_assert_no_error (error);
  f->admin = admin_user->id;

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const char *roles[] = { people[i].role, NULL };
      WartaUser user = { 0 };

      user.login = (char *)people[i].login;
      user.full_name = (char *)people[i].name;
      user.jabatan = (char *)people[i].jabatan;
      user.roles = (GStrv)roles;
      f->ids[i] = warta_engine_add_user (f->engine, f->admin, &user, PASSWORD, &error);
      g_assert_no_error (error);
      g_assert_cmpint (f->ids[i], >, 0);
    }
}

/* Seed 003 beside 002, and one person who holds each of its lanes, for
 * a decision (ya/tidak) at a review step that edits the naskah. */
#define SOP_003 "bkk-palembang-publikasi-medsos-website"

static gint64 serba;

static void
import_seed_003 (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (warta_sop_get_shipped_dir (),
                                            "003-bkk-palembang-publikasi-medsos-website.json", NULL);
  g_autoptr(WartaSop) sop = warta_sop_new_from_file (path, &error);
  const char *roles[] = { "subbag-tim-kerja", "pranata-humas", "tim-ppid", "kepala-balai", NULL };
  WartaUser user = { 0 };

  g_assert_no_error (error);
  g_assert_true (warta_engine_import_sop (f->engine, f->admin, sop, NULL, &error));
  g_assert_no_error (error);
  user.login = (char *)"serba";
  user.full_name = (char *)"Sari Serbabisa";
  user.jabatan = (char *)"Pranata Humas";
  user.roles = (GStrv)roles;
  serba = warta_engine_add_user (f->engine, f->admin, &user, PASSWORD, &error);
  g_assert_no_error (error);
}

/* @data: "empty" for a database with nobody in it yet */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("warta-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "warta.db", NULL);
  f->store = warta_store_open (f->path, &error);
  g_assert_no_error (error);
  f->engine = warta_engine_new (f->store);
  f->shots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_strcmp0 (data, "empty") != 0)
    setup_office (f);
  if (g_strcmp0 (data, "seed-003") == 0)
    import_seed_003 (f);

  f->window = open_window (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->shots, g_hash_table_unref);
}

/* Reading the window */

static WartaCasesPane *
get_cases_pane (WartaWindow *window,
                const char  *name)
{
  GtkWidget *pane = warta_window_get_pane (window, name);

  g_assert_true (WARTA_IS_CASES_PANE (pane));
  return WARTA_CASES_PANE (pane);
}

static WartaCaseView *
get_case_view (WartaCasesPane *pane)
{
  GtkWidget *view = ui_find_descendant (GTK_WIDGET (pane), WARTA_TYPE_CASE_VIEW);

  g_assert_nonnull (view);
  return WARTA_CASE_VIEW (view);
}

/* Whether the model has counted the cases and read every row. Asking for
 * a row that is not read yet starts its read. */
static gboolean
model_is_read (WartaCaseListModel *model)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (warta_case_list_model_get_loading (model))
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(WartaCaseItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (warta_case_item_is_placeholder (item))
        return FALSE;
    }
  return TRUE;
}

/* The row of the case, or NULL */
static WartaCaseItem *
model_get_case (WartaCaseListModel *model,
                gint64              case_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(WartaCaseItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (warta_case_item_get_id (item) == case_id)
        return item;  /* the model keeps a reference */
    }
  return NULL;
}

static gboolean
model_lists (WartaCaseListModel *model,
             gint64              case_id)
{
  return model_get_case (model, case_id) != NULL;
}

static gboolean
model_lists_at_step (WartaCaseListModel *model,
                     gint64              case_id,
                     const char         *step_id)
{
  WartaCaseItem *item = model_get_case (model, case_id);

  return item != NULL && warta_case_item_get_run (item) != NULL &&
         g_strcmp0 (warta_case_item_get_run (item)->step_id, step_id) == 0;
}

static WartaCase *
read_case (Fixture *f,
           gint64   case_id)
{
  g_autoptr(GError) error = NULL;
  WartaCase *kase = warta_store_get_case (f->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

/* What the database says of the case, read on the test's own connection:
 * its active step and who holds it (0: anyone in the lane). */
static void
assert_active_step (Fixture    *f,
                    gint64      case_id,
                    const char *step_id,
                    gint64      assignee)
{
  g_autoptr(WartaCase) kase = read_case (f, case_id);

  g_assert_cmpint (kase->state, ==, WARTA_CASE_OPEN);
  g_assert_nonnull (kase->active);
  g_assert_cmpstr (kase->active->step_id, ==, step_id);
  g_assert_cmpint (kase->active->assignee, ==, assignee);
}

static void
screenshot (Fixture    *f,
            GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strconcat ("screenshot-", name, NULL);

  ui_screenshot (widget, file);
  g_hash_table_add (f->shots, g_steal_pointer (&file));
}

/* Driving the window */

static void
sign_out (WartaWindow *window)
{
  WartaSession *session = warta_window_get_session (window);

  if (warta_session_get_user_id (session) == 0)
    return;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  g_assert_cmpint (warta_session_get_user_id (session), ==, 0);
  g_assert_cmpstr (warta_window_get_page_name (window), ==, "sign-in");
}

/* As a person does: choose the name, type the password, press Sign In. */
static void
sign_in_as (WartaWindow *window,
            const char  *login,
            gint64       id)
{
  WartaSession *session = warta_window_get_session (window);
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (window));

  if (warta_session_get_user_id (session) == id)
    return;
  sign_out (window);

  g_assert_true (warta_sign_in_page_select_login (page, login));
  warta_sign_in_page_set_password (page, PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpint (warta_session_get_user_id (session), ==, id);
  g_assert_cmpstr (warta_window_get_page_name (window), ==, "work");
  g_assert_cmpstr (warta_window_get_pane_name (window), ==, "inbox");
}

static void
sign_in (Fixture *f,
         guint    person)
{
  sign_in_as (f->window, people[person].login, f->ids[person]);
}

/* Shows a pane as Alt+1…4 or the view switcher do; a list of cases is
 * waited for until it has read its rows. */
static GtkWidget *
show_pane (WartaWindow *window,
           const char  *name)
{
  GtkWidget *pane = warta_window_get_pane (window, name);

  g_assert_true (warta_window_is_pane_visible (window, name));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "s", name));
  g_assert_cmpstr (warta_window_get_pane_name (window), ==, name);
  if (WARTA_IS_CASES_PANE (pane))
    UI_WAIT_UNTIL (model_is_read (warta_cases_pane_get_model (WARTA_CASES_PANE (pane))), WAIT_MS);
  return pane;
}

/* The list view over the pane's cases, not one inside a case's
 * attachments (the PDF view's thumbnails are a list view too). */
static GtkWidget *
find_case_list (GtkWidget  *root,
                GListModel *cases)
{
  if (GTK_IS_LIST_VIEW (root))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (root));

      if (GTK_IS_SINGLE_SELECTION (model) &&
          gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == cases)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_case_list (child, cases);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the case's row in a pane's list; returns the view that shows it. */
static WartaCaseView *
open_case (WartaWindow *window,
           const char  *pane_name,
           gint64       case_id)
{
  WartaCasesPane *pane = WARTA_CASES_PANE (show_pane (window, pane_name));
  WartaCaseListModel *model = warta_cases_pane_get_model (pane);
  GtkWidget *list = find_case_list (GTK_WIDGET (pane), G_LIST_MODEL (model));
  WartaCaseView *view;
  guint position;

  g_assert_nonnull (list);
  UI_WAIT_UNTIL (model_lists (model, case_id), WAIT_MS);
  position = warta_case_list_model_find (model, case_id);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)),
                                                  position, TRUE));
  g_assert_cmpint (warta_cases_pane_get_case_id (pane), ==, case_id);
  /* The pane makes its case view when the first case is chosen. */
  view = get_case_view (pane);
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, case_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->stack), ==, "case");
  return view;
}

/* Presses a button of the case view's action bar: it must be there, and
 * say what it does. */
static void
press (WartaCaseView *view,
       GtkButton     *button,
       const char    *label)
{
  const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (button));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->action_bar)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  if (label != NULL)
    g_assert_cmpstr (gtk_button_get_label (button), ==, label);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
}

/* The dialog a button opened, once it is on screen. */
static AdwMessageDialog *
find_message_dialog (WartaWindow *window)
{
  GtkWindow *dialog = NULL;

  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Fills the dialog's required entry and answers it: the answer is refused
 * while the entry is blank. */
static void
answer_dialog (Fixture          *f,
               AdwMessageDialog *dialog,
               const char       *text,
               const char       *shot)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkWidget *button;

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (entry, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  gtk_editable_set_text (entry, text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  if (shot != NULL)
    screenshot (f, GTK_WIDGET (dialog), shot);

  /* Its button answers and closes it. */
  button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, "ok"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (button, "clicked");
  UI_WAIT_UNTIL (dialog == NULL, WAIT_MS);
}

/* Checks one stage of a case */

/* @expected: for each of people[], the panes that list the case at
 * @step_id, space-separated; "" for none. Every person signs in, and each
 * of their panes is asked; each pane is saved once a stage, the holder's
 * first, with the case open. */
static void
check_stage (Fixture            *f,
             gint64              case_id,
             const char         *stage,
             const char         *step_id,
             int                 holder,
             const char * const  expected[N_PEOPLE])
{
  for (int n = -1; n < N_PEOPLE; n++)
    {
      int person = n < 0 ? holder : n;
      g_auto(GStrv) has = NULL;
      g_auto(GStrv) lists = NULL;

      if (person < 0 || (n >= 0 && n == holder))
        continue;

      has = g_strsplit (people[person].panes, " ", -1);
      lists = g_strsplit (expected[person], " ", -1);
      sign_in (f, person);

      for (guint i = 0; all_panes[i] != NULL; i++)
        {
          const char *name = all_panes[i];
          g_autofree char *shot = g_strdup_printf ("%s-%s", stage, name);
          WartaCaseListModel *model;
          gboolean want, ok;

          g_assert_cmpint (warta_window_is_pane_visible (f->window, name), ==,
                           g_strv_contains ((const char * const *)has, name));
          if (!g_strv_contains ((const char * const *)has, name))
            continue;

          /* The SOPs do not change with the case: saved once. */
          if (g_str_equal (name, "sop"))
            {
              if (!g_hash_table_contains (f->shots, "sop"))
                {
                  g_autofree char *full = g_strdup_printf ("%s-sop-%s", stage, people[person].login);

                  show_pane (f->window, "sop");
                  g_assert_true (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (warta_window_get_pane (f->window, "sop")),
                                                                 SOP_ID));
                  screenshot (f, GTK_WIDGET (f->window), full);
                  g_hash_table_add (f->shots, g_strdup ("sop"));
                }
              continue;
            }

          show_pane (f->window, name);
          model = warta_cases_pane_get_model (get_cases_pane (f->window, name));
          want = g_strv_contains ((const char * const *)lists, name);
          /* The one who just acted sees the list follow; the others read
           * it afresh as they sign in. */
          UI_TRY_UNTIL (want ? model_lists_at_step (model, case_id, step_id)
                             : !model_lists (model, case_id), WAIT_MS, ok);
          if (!ok)
            g_error ("%s: %s's %s %s the case", stage, people[person].login, name,
                     want ? "does not list" : "lists");
          if (want && person == holder)
            open_case (f->window, name, case_id);

          if (!g_hash_table_contains (f->shots, shot))
            {
              g_autofree char *full = g_strdup_printf ("%s-%s", shot, people[person].login);

              screenshot (f, GTK_WIDGET (f->window), full);
              g_hash_table_add (f->shots, g_steal_pointer (&shot));
            }
        }
    }
}

/* The tests */

static void
count_cb (int *count)
{
  (*count)++;
}

/* A wrong password says so beside the password, and nothing else
 * happens: nobody is signed in, the page stays, the database is as it was. */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  WartaSession *session = warta_window_get_session (f->window);
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));
  g_autoptr(GError) error = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  gint64 seq_before = 0, seq_after = 0;
  int n_notified = 0;

  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  g_assert_true (warta_store_get_journal_head (f->store, &seq_before, &hash_before, &error));
  g_signal_connect_swapped (session, "notify::user-id", G_CALLBACK (count_cb), &n_notified);

  g_assert_true (warta_sign_in_page_select_login (page, "staf"));
  warta_sign_in_page_set_password (page, "rahasia124");
  warta_sign_in_page_submit (page);
  g_assert_true (warta_sign_in_page_get_busy (page));
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);

  g_assert_nonnull (warta_sign_in_page_get_error (page));
  g_assert_true (g_str_has_prefix (warta_sign_in_page_get_error (page), "Wrong password."));
  g_assert_cmpint (warta_session_get_user_id (session), ==, 0);
  g_assert_cmpint (n_notified, ==, 0);
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  /* The person stays chosen, to try again. */
  g_assert_cmpstr (warta_sign_in_page_get_login (page), ==, "staf");
  g_assert_false (warta_window_show_pane (f->window, "inbox"));
  g_assert_true (warta_store_get_journal_head (f->store, &seq_after, &hash_after, &error));
  g_assert_cmpint (seq_after, ==, seq_before);
  g_assert_cmpstr (hash_after, ==, hash_before);
  screenshot (f, GTK_WIDGET (f->window), "sign-in-wrong-password");

  /* Nothing else, even a while later. */
  ui_iterate (300);
  g_assert_cmpint (warta_session_get_user_id (session), ==, 0);
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");

  /* Typing again clears the error; the right password signs in. */
  warta_sign_in_page_set_password (page, PASSWORD);
  g_assert_null (warta_sign_in_page_get_error (page));
  sign_in (f, STAF);
  g_signal_handlers_disconnect_by_data (session, &n_notified);
  g_assert_cmpint (n_notified, ==, 1);
}

/* What the first page does not show is built when first needed: the
 * panes at the first sign-in, the shortcuts window when asked for. */
static void
test_built_when_needed (Fixture       *f,
                        gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (f->window);
  g_auto(GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;

  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  for (guint i = 0; all_panes[i] != NULL; i++)
    {
      g_assert_null (warta_window_get_pane (f->window, all_panes[i]));
      g_assert_false (warta_window_is_pane_visible (f->window, all_panes[i]));
    }
  g_assert_null (gtk_application_window_get_help_overlay (window));

  /* Ctrl+?, as GtkApplication sets it for a help overlay of its own */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *)accels, "<Control>question"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (overlay)), WAIT_MS);
  /* Closing hides it, for the next time. */
  gtk_window_close (GTK_WINDOW (overlay));
  UI_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (overlay)), WAIT_MS);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);

  sign_in (f, STAF);
  for (guint i = 0; all_panes[i] != NULL; i++)
    g_assert_nonnull (warta_window_get_pane (f->window, all_panes[i]));
}

/* Each person sees the panes their lanes call for. */
static void
test_panes_by_role (Fixture       *f,
                    gconstpointer  data)
{
  for (guint person = 0; person < N_PEOPLE; person++)
    {
      g_auto(GStrv) has = g_strsplit (people[person].panes, " ", -1);

      sign_in (f, person);
      for (guint i = 0; all_panes[i] != NULL; i++)
        {
          gboolean visible = g_strv_contains ((const char * const *)has, all_panes[i]);

          g_assert_cmpint (warta_window_is_pane_visible (f->window, all_panes[i]), ==, visible);
          g_assert_cmpint (warta_window_show_pane (f->window, all_panes[i]), ==, visible);
        }
    }

  /* The SOP pane shows the SOP as its document. */
  show_pane (f->window, "sop");
  g_assert_true (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (warta_window_get_pane (f->window, "sop")),
                                                 SOP_ID));
  screenshot (f, GTK_WIDGET (f->window), "sop-bbkk-medan");
}

/* Attachments */

/* A nota dinas of n_pages A4 pages; word stands on page word_page only. */
static char *
write_pdf (Fixture    *f,
           const char *name,
           guint       n_pages,
           const char *word,
           guint       word_page)
{
  char *path = g_build_filename (f->dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint page = 0; page < n_pages; page++)
    {
      char line[64];

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 22);
      cairo_move_to (cr, 60, 90);
      cairo_show_text (cr, "NOTA DINAS");
      cairo_set_font_size (cr, 12);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      for (guint i = 0; i < 30; i++)
        {
          g_snprintf (line, sizeof line, "Halaman %u, baris %u: layanan vaksinasi internasional.", page + 1, i + 1);
          cairo_move_to (cr, 60, 130 + i * 20);
          cairo_show_text (cr, line);
        }
      if (page == word_page)
        {
          cairo_move_to (cr, 60, 760);
          cairo_show_text (cr, word);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static char *
write_photo (Fixture *f)
{
  char *path = g_build_filename (f->dir, "foto-kegiatan.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.3, 0.55, 0.85);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.6, 0.25);
  cairo_rectangle (cr, 0, 320, 800, 180);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint32 be_length = GUINT32_TO_BE (length), crc;

  g_byte_array_append (body, (const guint8 *)type, 4);
  if (length > 0)
    g_byte_array_append (body, data, length);
  crc = GUINT32_TO_BE (crc32_of (body->data, body->len));
  g_byte_array_append (png, (const guint8 *)&be_length, 4);
  g_byte_array_append (png, body->data, body->len);
  g_byte_array_append (png, (const guint8 *)&crc, 4);
}

/* A PNG whose header claims 30,000 × 30,000 pixels: 3.6 GB if decoded.
 * Its image data is empty; the loader reads the header and the next
 * chunk's before it knows the size. */
static char *
write_huge_png (Fixture *f)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 header[13] = { 0 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  char *path = g_build_filename (f->dir, "spanduk-raksasa.png", NULL);
  guint32 side = GUINT32_TO_BE (30000);

  memcpy (header, &side, 4);
  memcpy (header + 4, &side, 4);
  header[8] = 8;  /* bit depth */
  header[9] = 6;  /* RGBA */
  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", header, sizeof header);
  append_chunk (png, "IDAT", NULL, 0);
  append_chunk (png, "IEND", NULL, 0);
  g_assert_true (g_file_set_contents (path, (const char *)png->data, png->len, NULL));
  return path;
}

/* Attaches a file as its holder does: the panel asks for the kind, the
 * person picks it and presses Attach, the worker stores it. */
static void
attach_through_panel (Fixture       *f,
                      WartaCaseView *view,
                      const char    *path,
                      const char    *kind,
                      const char    *shot)
{
  static const char *kinds[] = { "nota-dinas", "dokumen-pendukung", "foto", "video", "lainnya" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = warta_attachments_panel_get_n_attachments (view->attachments_panel);
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GtkWidget *button;
  guint position = GTK_INVALID_LIST_POSITION;

  g_ptr_array_add (files, g_file_new_for_path (path));
  warta_attachments_panel_add_files (view->attachments_panel, files, NULL);
  dialog = find_message_dialog (f->window);
  drop_down = g_object_get_data (G_OBJECT (dialog), "kind");
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i], kind))
      position = i;
  gtk_drop_down_set_selected (drop_down, position);
  if (shot != NULL)
    screenshot (f, GTK_WIDGET (dialog), shot);
  button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, "attach"));
  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (button, "clicked");
  UI_WAIT_UNTIL (dialog == NULL, WAIT_MS);
  UI_WAIT_UNTIL (!warta_attachments_panel_is_busy (view->attachments_panel) &&
                 warta_attachments_panel_get_n_attachments (view->attachments_panel) == before + 1, WAIT_MS);
}

/* A file the engine refuses, chosen as attach_through_panel() does: a
 * dialog says why, naming the file, and the panel lists nothing new. */
static void
attach_refused_through_panel (Fixture       *f,
                              WartaCaseView *view,
                              const char    *path,
                              const char    *kind,
                              const char    *message)
{
  static const char *kinds[] = { "nota-dinas", "dokumen-pendukung", "foto", "video", "lainnya" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = warta_attachments_panel_get_n_attachments (view->attachments_panel);
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GtkWidget *button;

  g_ptr_array_add (files, g_file_new_for_path (path));
  warta_attachments_panel_add_files (view->attachments_panel, files, NULL);
  dialog = find_message_dialog (f->window);
  drop_down = g_object_get_data (G_OBJECT (dialog), "kind");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i], kind))
      gtk_drop_down_set_selected (drop_down, i);
  button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, "attach"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (button, "clicked");
  UI_WAIT_UNTIL (dialog == NULL, WAIT_MS);
  dialog = find_message_dialog (f->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Not Attached");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), message));
  g_assert_false (warta_attachments_panel_is_busy (view->attachments_panel));
  g_assert_cmpuint (warta_attachments_panel_get_n_attachments (view->attachments_panel), ==, before);
  screenshot (f, GTK_WIDGET (dialog), "attach-refused");
  button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, "close"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (button, "clicked");
  UI_WAIT_UNTIL (dialog == NULL, WAIT_MS);
}

/* Attaches a small PDF through the test's own connection, as warta-cli
 * in another process would. */
static void
attach_elsewhere (Fixture    *f,
                  gint64      case_id,
                  const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.pdf", kind);
  g_autofree char *path = write_pdf (f, name, 1, kind, 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (warta_engine_attach (f->engine, f->ids[STAF], case_id, file, kind, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* Shows the attachment named name in the panel, and waits for its
 * preview to settle in state. */
static WartaAttachmentPreview *
preview_attachment (WartaCaseView *view,
                    const char    *name,
                    const char    *state)
{
  WartaAttachmentPreview *preview = warta_attachments_panel_get_preview (view->attachments_panel);
  g_autoptr(GPtrArray) attachments = NULL;
  gint64 id = 0;

  attachments = warta_store_list_attachments (warta_session_get_store (view->session), view->case_id, NULL);
  for (guint i = 0; i < attachments->len; i++)
    if (g_str_equal (((WartaAttachment *)g_ptr_array_index (attachments, i))->name, name))
      id = ((WartaAttachment *)g_ptr_array_index (attachments, i))->id;
  g_assert_cmpint (id, >, 0);
  warta_attachments_panel_select (view->attachments_panel, id);
  UI_WAIT_UNTIL (warta_attachment_preview_get_attachment (preview) != NULL &&
                 warta_attachment_preview_get_attachment (preview)->id == id &&
                 g_strcmp0 (warta_attachment_preview_get_state (preview), state) == 0, WAIT_MS);
  return preview;
}

/* Types the naskah into the case view as its holder would, and waits for
 * the autosave. */
static void
write_naskah (WartaCaseView *view)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view->naskah_title_row)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view->body_view)));
  gtk_editable_set_text (GTK_EDITABLE (view->naskah_title_row), "Vaksinasi Internasional di Pelabuhan Belawan");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view->body_view)),
                            "Petugas BBKK Medan memberikan **vaksinasi internasional** "
                            "kepada awak kapal di Pelabuhan Belawan.", -1);
  g_assert_true (view->dirty);
  UI_WAIT_UNTIL (!view->dirty, WAIT_MS);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (view->save_label), "Saved at "));
}

static WartaCaseView *
complete_step (Fixture    *f,
               guint       person,
               const char *pane,
               gint64      case_id,
               const char *label,
               const char *note)
{
  WartaCaseView *view;

  sign_in (f, person);
  view = open_case (f->window, pane, case_id);
  if (note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (view->note_entry), note);
  press (view, view->complete_button, label);
  return view;
}

/* The label showing text under root, mapped; NULL if none. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Lembar Disposisi's choices, made with the mouse: sifat from its
 * list, two arahan boxes ticked. */
static void
choose_urgent (AdwMessageDialog *dialog)
{
  GtkDropDown *sifat = g_object_get_data (G_OBJECT (dialog), "sifat");
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "arahan-boxes");
  GtkWidget *item = NULL;

  /* Biasa and nothing ticked, unless changed. */
  g_assert_cmpuint (gtk_drop_down_get_selected (sifat), ==, WARTA_SIFAT_BIASA);
  g_assert_cmpuint (checks->len, ==, WARTA_N_ARAHAN_BOXES);
  for (guint i = 0; i < checks->len; i++)
    g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, i)));

  xtest_click (g_ptr_array_index (checks, 0));
  UI_WAIT_UNTIL (gtk_check_button_get_active (g_ptr_array_index (checks, 0)), WAIT_MS);
  xtest_click (g_ptr_array_index (checks, 2));
  UI_WAIT_UNTIL (gtk_check_button_get_active (g_ptr_array_index (checks, 2)), WAIT_MS);

  xtest_click (GTK_WIDGET (sifat));
  UI_WAIT_UNTIL ((item = find_label (GTK_WIDGET (sifat), "Segera")) != NULL && gtk_widget_get_mapped (item), WAIT_MS);
  xtest_click (item);
  UI_WAIT_UNTIL (gtk_drop_down_get_selected (sifat) == WARTA_SIFAT_SEGERA, WAIT_MS);
  UI_WAIT_UNTIL (find_label (GTK_WIDGET (sifat), "Rahasia") == NULL, WAIT_MS);
  g_assert_cmpstr (gtk_check_button_get_label (g_ptr_array_index (checks, 2)), ==, "Koordinasikan");
}

static void
dispose_to (Fixture    *f,
            gint64      case_id,
            guint       to,
            const char *instruction,
            const char *shot)
{
  WartaCaseView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GPtrArray *users;
  g_autofree char *read_only = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  sign_in (f, KEPALA);
  view = open_case (f->window, "review", case_id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->complete_button)));
  press (view, view->dispose_button, NULL);
  dialog = find_message_dialog (f->window);

  /* The people of the next step's lane, both katimker. */
  drop_down = g_object_get_data (G_OBJECT (dialog), "people");
  users = g_object_get_data (G_OBJECT (dialog), "users");
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 2);
  for (guint i = 0; i < users->len; i++)
    if (((WartaUser *)g_ptr_array_index (users, i))->id == f->ids[to])
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (drop_down, position);
  if (shot != NULL)
    choose_urgent (dialog);
  answer_dialog (f, dialog, instruction, shot);

  /* The disposition holds what was chosen: biasa and none unless changed. */
  {
    g_autoptr(GPtrArray) dispositions = warta_store_list_dispositions (f->store, case_id, NULL);
    const WartaDisposition *d = g_ptr_array_index (dispositions, dispositions->len - 1);

    g_assert_cmpstr (d->instruction, ==, instruction);
    g_assert_cmpint (d->sifat, ==, shot != NULL ? WARTA_SIFAT_SEGERA : WARTA_SIFAT_BIASA);
    g_assert_cmpuint (d->arahan_boxes, ==, shot != NULL ? WARTA_ARAHAN_TINDAK_LANJUTI | WARTA_ARAHAN_KOORDINASIKAN : 0);
  }

  /* The case stays in view for the kepala, read only, held by one person. */
  read_only = g_strdup_printf ("Read only: %s holds this step.", people[to].name);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 5: "), WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (view->readonly_label), ==, read_only);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->action_bar)));
}

/* Seed 002 from the first step to the last, a person for each lane, with
 * a disposition to one of two katimker and a return to the author. */
static void
test_drive_seed_002 (Fixture       *f,
                     gconstpointer  data)
{
  WartaNewCaseDialog *new_case;
  WartaCasesPane *inbox;
  WartaCaseView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *steps;
  GPtrArray *ids;
  g_autoptr(WartaCase) done = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  guint position = GTK_INVALID_LIST_POSITION;
  gint64 case_id;

  /* The author starts the case from the New Case dialog. */
  sign_in (f, STAF);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL));
  UI_WAIT_UNTIL ((new_case = WARTA_NEW_CASE_DIALOG (ui_find_toplevel (WARTA_TYPE_NEW_CASE_DIALOG, NULL))) != NULL,
                 WAIT_MS);
  g_assert_true (warta_new_case_dialog_select_sop (new_case, SOP_ID));
  warta_new_case_dialog_set_case_title (new_case, "Layanan Vaksinasi Internasional Akhir Pekan");
  screenshot (f, GTK_WIDGET (new_case), "new-case-dialog");
  g_object_add_weak_pointer (G_OBJECT (new_case), (gpointer *)&new_case);
  g_assert_true (warta_new_case_dialog_start (new_case));
  UI_WAIT_UNTIL (new_case == NULL, WAIT_MS);

  /* The window shows the new case in the author's tasks. */
  inbox = get_cases_pane (f->window, "inbox");
  g_assert_cmpstr (warta_window_get_pane_name (f->window), ==, "inbox");
  case_id = warta_cases_pane_get_case_id (inbox);
  g_assert_cmpint (case_id, >, 0);
  assert_active_step (f, case_id, "1", f->ids[STAF]);
  check_stage (f, case_id, "01-started", "1", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  /* Step 1, compose: refused without a naskah, then written and done. */
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  g_assert_cmpstr (gtk_label_get_label (view->step_label), ==,
                   "Step 1: Mempersiapkan konsep laporan, artikel atau informasi yang akan dipublikasikan");
  press (view, view->complete_button, "_Complete Step");
  assert_active_step (f, case_id, "1", f->ids[STAF]);
  write_naskah (view);
  screenshot (f, GTK_WIDGET (f->window), "01-naskah-written-inbox");
  press (view, view->complete_button, "_Complete Step");
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  check_stage (f, case_id, "02-composed", "2", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  /* Step 2, the nota dinas: refused until it and the supporting document
   * are attached, then to the katimker lane, either of them. */
  view = complete_step (f, STAF, "inbox", case_id, "_Complete Step", "Nota dinas terlampir");
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  {
    g_autofree char *nota = write_pdf (f, "nota-dinas.pdf", 3, "Belawan", 1);
    g_autofree char *data_dukung = write_pdf (f, "data-dukung.pdf", 1, "Lampiran", 0);

    g_autofree char *photo = write_photo (f);
    g_autofree char *broken = g_build_filename (f->dir, "rusak.pdf", NULL);
    g_autofree char *empty = g_build_filename (f->dir, "kosong.pdf", NULL);
    g_autofree char *fake = g_build_filename (f->dir, "palsu.pdf", NULL);
    g_autofree char *huge = write_huge_png (f);

    g_assert_true (g_file_set_contents (broken, "%PDF-1.7\n1 0 obj << /Type /Catalog", -1, NULL));
    attach_through_panel (f, view, nota, "nota-dinas", "attach-kind-dialog");
    press (view, view->complete_button, "_Complete Step");
    assert_active_step (f, case_id, "2", f->ids[STAF]);
    attach_through_panel (f, view, data_dukung, "dokumen-pendukung", NULL);
    attach_through_panel (f, view, photo, "foto", NULL);
    attach_through_panel (f, view, broken, "lainnya", NULL);
    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    g_assert_true (g_file_set_contents (fake, "\x01\x02 bukan PDF \xfe\xff", 16, NULL));
    attach_refused_through_panel (f, view, empty, "lainnya", "“kosong.pdf” is empty (0 bytes)");
    attach_through_panel (f, view, fake, "lainnya", NULL);
    attach_through_panel (f, view, huge, "foto", NULL);
    screenshot (f, GTK_WIDGET (f->window), "02-attached");
  }
  press (view, view->complete_button, "_Complete Step");
  assert_active_step (f, case_id, "3", 0);
  check_stage (f, case_id, "03-nota-dinas", "3", KATIM1,
               (const char *[]) { "", "inbox review", "inbox review", "", "" });

  /* Step 3, the first review, by katim1, who reads the nota dinas beside
   * the naskah and finds a word in it, then sees the photo and a PDF that
   * is broken, which says so in the pane. */
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  {
    WartaAttachmentPreview *preview = preview_attachment (view, "nota-dinas.pdf", "pdf");
    WartaPdfView *pdf = WARTA_PDF_VIEW (warta_attachment_preview_get_pdf_view (preview));

    UI_WAIT_UNTIL (warta_pdf_view_get_state (pdf) == WARTA_PDF_VIEW_READY, WAIT_MS);
    g_assert_cmpuint (warta_pdf_view_get_n_pages (pdf), ==, 3);
    UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (pdf, 0), WAIT_MS);
    warta_pdf_view_find (pdf, "Belawan");
    UI_WAIT_UNTIL (!warta_pdf_view_is_finding (pdf) && warta_pdf_view_get_n_matches (pdf) == 1, WAIT_MS);
    UI_WAIT_UNTIL (warta_pdf_view_get_current_page (pdf) == 1 && warta_pdf_view_is_page_rendered (pdf, 1), WAIT_MS);
    ui_wait_for_frames (GTK_WIDGET (pdf), 3);
    screenshot (f, GTK_WIDGET (f->window), "review-nota-dinas-found");

    preview_attachment (view, "foto-kegiatan.png", "image");
    screenshot (f, GTK_WIDGET (f->window), "review-photo");
    preview = preview_attachment (view, "rusak.pdf", "pdf");
    pdf = WARTA_PDF_VIEW (warta_attachment_preview_get_pdf_view (preview));
    UI_WAIT_UNTIL (warta_pdf_view_get_state (pdf) == WARTA_PDF_VIEW_ERROR, WAIT_MS);
    g_assert_nonnull (warta_pdf_view_get_error_message (pdf));
    screenshot (f, GTK_WIDGET (f->window), "review-broken-pdf");

    /* Bytes that are no PDF under a .pdf name, kept as “other”, say so
     * in the pane and never reach poppler. */
    preview = preview_attachment (view, "palsu.pdf", "error");
    g_assert_nonnull (strstr (warta_attachment_preview_get_error_message (preview), "is not a PDF"));
    screenshot (f, GTK_WIDGET (f->window), "review-not-a-pdf");

    /* A picture whose header claims 30,000 × 30,000 pixels is refused
     * from its header, not decoded into gigabytes. */
    preview = preview_attachment (view, "spanduk-raksasa.png", "error");
    g_assert_nonnull (strstr (warta_attachment_preview_get_error_message (preview), "30000 × 30000"));

    /* The reviewer reads what step 2 handed on; adding is the holder's
     * only, and nothing of step 2 can be removed now. */
    g_assert_true (warta_attachments_panel_get_may_change (view->attachments_panel));
    g_assert_null (ui_find_button_by_icon (GTK_WIDGET (view->attachments_panel), "user-trash-symbolic"));
  }
  complete_step (f, KATIM1, "review", case_id, "_Complete Step", "Draf sudah dikoreksi");
  assert_active_step (f, case_id, "4", 0);
  check_stage (f, case_id, "04-reviewed", "4", KEPALA,
               (const char *[]) { "", "", "", "inbox review", "" });

  /* Step 4, the disposition: to katim2 alone, with arahan. */
  dispose_to (f, case_id, KATIM2, "Periksa kembali dan teruskan ke admin website", "dispose-dialog");
  assert_active_step (f, case_id, "5", f->ids[KATIM2]);
  check_stage (f, case_id, "05-disposed", "5", KATIM2,
               (const char *[]) { "", "", "inbox review", "", "" });

  /* Step 5: katim2 sends it back to step 1 with a reason; it goes to the
   * author, who did step 1. */
  sign_in (f, KATIM2);
  view = open_case (f->window, "review", case_id);
  press (view, view->return_button, NULL);
  dialog = find_message_dialog (f->window);
  steps = g_object_get_data (G_OBJECT (dialog), "steps");
  ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), "1"))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (steps, position);
  answer_dialog (f, dialog, "Judul kurang jelas; sebutkan tanggal layanan", "return-dialog");
  assert_active_step (f, case_id, "1", f->ids[STAF]);
  check_stage (f, case_id, "06-returned", "1", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  /* Round two: the author's naskah is kept; steps 1 and 2 again. */
  complete_step (f, STAF, "inbox", case_id, "_Complete Step", "Judul diperbaiki");
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  complete_step (f, STAF, "inbox", case_id, "_Complete Step", NULL);
  /* The katimker who sent it back reviews it again. */
  assert_active_step (f, case_id, "3", f->ids[KATIM2]);
  check_stage (f, case_id, "07-resubmitted", "3", KATIM2,
               (const char *[]) { "", "", "inbox review", "", "" });

  complete_step (f, KATIM2, "review", case_id, "_Complete Step", NULL);
  assert_active_step (f, case_id, "4", f->ids[KEPALA]);
  check_stage (f, case_id, "08-reviewed-again", "4", KEPALA,
               (const char *[]) { "", "", "", "inbox review", "" });

  /* This time to katim1: katim2 no longer holds it. */
  dispose_to (f, case_id, KATIM1, "Segera teruskan ke admin website", NULL);
  assert_active_step (f, case_id, "5", f->ids[KATIM1]);
  check_stage (f, case_id, "09-disposed-again", "5", KATIM1,
               (const char *[]) { "", "inbox review", "", "", "" });

  complete_step (f, KATIM1, "review", case_id, "_Complete Step", "Dokumen final");
  assert_active_step (f, case_id, "6", 0);
  check_stage (f, case_id, "10-final", "6", WEBADMIN,
               (const char *[]) { "", "", "", "", "inbox publish" });

  /* Step 6, publish: tests/publish-ui presses _Publish against a fake
   * site; here the proof (a publication verified live with its screenshot)
   * is recorded as another process would, and the step completes there. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (warta_sample_prove_publication (f->engine, f->ids[WEBADMIN], case_id, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (warta_engine_complete (f->engine, f->ids[WEBADMIN], case_id,
                                          "https://bbkkmedan.kemkes.go.id/berita", &error));
    g_assert_no_error (error);
  }
  sign_in (f, WEBADMIN);
  view = open_case (f->window, "publish", case_id);
  assert_active_step (f, case_id, "7", f->ids[WEBADMIN]);
  /* The holder is not told that they hold it, as if someone else did. */
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 7: "), WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (view->readonly_label), ==,
                   "Read only: the naskah is written at writing and review steps, by whoever holds them.");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->action_bar)));
  check_stage (f, case_id, "11-published", "7", WEBADMIN,
               (const char *[]) { "", "", "", "", "inbox publish" });

  /* Step 7: the admin tells the author; step 8: the author reports. */
  complete_step (f, WEBADMIN, "publish", case_id, "_Mark Reported", NULL);
  assert_active_step (f, case_id, "8", f->ids[STAF]);
  check_stage (f, case_id, "12-reported-to-author", "8", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  complete_step (f, STAF, "inbox", case_id, "_Mark Reported", "Selesai dilaporkan");
  done = read_case (f, case_id);
  g_assert_cmpint (done->state, ==, WARTA_CASE_DONE);
  g_assert_null (done->active);
  g_assert_cmpint (done->finished_at, >, 0);

  /* Still on the author's screen: finished, no buttons, and the chain
   * has every step, the ones done twice twice. */
  view = get_case_view (inbox);
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, case_id);
  UI_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (view->step_label), "Finished") == 0, WAIT_MS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->action_bar)));
  adw_view_stack_set_visible_child_name (view->view_stack, "chain");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  chain = ui_find_labels (view->chain, "chain-step");
  g_assert_cmpuint (chain->len, ==, 13);
  for (guint step = 1; step <= 8; step++)
    {
      g_autofree char *prefix = g_strdup_printf ("Step %u · ", step);
      guint seen = 0;

      for (guint i = 0; i < chain->len; i++)
        seen += g_str_has_prefix (g_ptr_array_index (chain, i), prefix);
      g_assert_cmpuint (seen, ==, step <= 5 ? 2 : 1);
    }
  screenshot (f, GTK_WIDGET (f->window), "13-done-chain");
  adw_view_stack_set_visible_child_name (view->view_stack, "flowchart");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpint (gtk_widget_get_width (view->flowchart), >, 0);
  g_assert_cmpint (gtk_widget_get_height (view->flowchart), >, 0);
  screenshot (f, GTK_WIDGET (f->window), "13-done-flowchart");

  check_stage (f, case_id, "13-done", NULL, -1,
               (const char *[]) { "", "", "", "", "" });
}

/* Types into the naskah's body through the X server, as a person does:
 * a click puts the keyboard focus in the editor, where the cursor
 * blinks. */
static void
type_into_body (WartaCaseView *view,
                const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view->body_view));
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view->body_view)));
  ui_wait_for_frames (GTK_WIDGET (view), 2);
  xtest_click (GTK_WIDGET (view->body_view));
  UI_WAIT_UNTIL (gtk_widget_has_focus (GTK_WIDGET (view->body_view)), WAIT_MS);
  xtest_ctrl (XK_End);
  /* The keys go where the cursor is: at the end, once Ctrl+End is taken. */
  UI_WAIT_UNTIL (({ GtkTextIter at;
                    gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
                    gtk_text_iter_is_end (&at); }), WAIT_MS);
  g_object_get (buffer, "text", &before, NULL);
  expected = g_strconcat (before, text, NULL);
  xtest_type (text);
  UI_WAIT_UNTIL (({ g_autofree char *now = NULL; g_object_get (buffer, "text", &now, NULL);
                    g_strcmp0 (now, expected) == 0; }), WAIT_MS);
}

/* Clicks a button of the case view's action bar through the X server. */
static void
click_button (GtkButton *button)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  xtest_click (GTK_WIDGET (button));
}

/* The editor turns read-only while it has the keyboard focus and its
 * cursor blinks: when its holder completes the step, and when a reviewer
 * who edited it decides. GTK 4.8 aborted in the cursor's blink
 * (gtktextview.c: assertion cursor_visible) a moment later; the window
 * must live on through several blinks, and the focus leave the editor. */
static void
test_type_then_complete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Pelayanan", &error);
  g_assert_no_error (error);

  /* Step 1: the author writes, and completes with the cursor in the
   * editor; step 2 shows the naskah read-only. */
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  type_into_body (view, "Petugas siaga sampai pukul dua dini hari");
  /* The title too, its cursor blinking as the button is pressed. */
  xtest_click (GTK_WIDGET (view->naskah_title_row));
  UI_WAIT_UNTIL (gtk_widget_has_focus (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view)))) &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view))),
                                         GTK_WIDGET (view->naskah_title_row)), WAIT_MS);
  xtest_type ("Malam Hari");
  UI_WAIT_UNTIL (g_str_has_suffix (gtk_editable_get_text (GTK_EDITABLE (view->naskah_title_row)), "Malam Hari"), WAIT_MS);
  click_button (view->complete_button);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 2: "), WAIT_MS);
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view->body_view)));
  /* Several blinks of the cursor (1.2 s a cycle). */
  ui_iterate (3000);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (view->body_view)));
  {
    g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (f->store, case_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (naskah->body, "dini hari"));
  }

  /* Step 3: the reviewer corrects the naskah and completes with the
   * cursor still in the editor. */
  attach_elsewhere (f, case_id, "nota-dinas");
  attach_elsewhere (f, case_id, "dokumen-pendukung");
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  type_into_body (view, " WIB");
  click_button (view->complete_button);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 4: "), WAIT_MS);
  ui_iterate (3000);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (view->body_view)));
  screenshot (f, GTK_WIDGET (f->window), "typed-then-completed");
}

/* The same at decisions: a reviewer who corrected the naskah presses
 * Setujui (Ya) with the cursor just typed; twice, at seed 003's steps 4
 * and 5, and the next step (a disposition) shows it read-only. */
static void
test_type_then_decide (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autofree char *photo = write_photo (f);
  g_autofree char *report = write_pdf (f, "laporan-liputan.pdf", 1, "liputan", 0);
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, serba, SOP_003, "Vaksinasi Jemaah Umrah", &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (f->engine, serba, case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_dispose (f->engine, serba, case_id, serba, "Tulis dengan 5W+1H", &error));
  g_assert_no_error (error);
  naskah = warta_naskah_new (case_id);
  naskah->title = g_strdup ("Vaksinasi Jemaah Umrah di Palembang");
  naskah->body = g_strdup ("Jemaah umrah menerima vaksin meningitis");
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    naskah->five_w[i] = g_strdup ("Terjawab");
  g_assert_true (warta_engine_save_naskah (f->engine, serba, naskah, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (photo);
    g_autoptr(GFile) doc = g_file_new_for_path (report);

    g_assert_cmpint (warta_engine_attach (f->engine, serba, case_id, file, "foto", NULL, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (warta_engine_attach (f->engine, serba, case_id, doc, "dokumen-pendukung", NULL, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (warta_engine_complete (f->engine, serba, case_id, NULL, &error));
  g_assert_no_error (error);
  assert_active_step (f, case_id, "4", 0);

  sign_in_as (f->window, "serba", serba);
  view = open_case (f->window, "review", case_id);
  type_into_body (view, " di Bandara");
  click_button (view->approve_button);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 5: "), WAIT_MS);
  ui_iterate (3000);
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view->body_view)));

  type_into_body (view, " SMB II");
  click_button (view->approve_button);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 6: "), WAIT_MS);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view->body_view)));
  ui_iterate (3000);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (view->body_view)));

  g_clear_pointer (&naskah, warta_naskah_free);
  naskah = warta_store_get_naskah (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (naskah->body, ==, "Jemaah umrah menerima vaksin meningitis di Bandara SMB II");
  screenshot (f, GTK_WIDGET (f->window), "typed-then-decided");
}

/* The mean lightness (0–1) of a screenshot. */
static double
mean_lightness (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  int width, height;
  double sum = 0;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (texture, pixels, (gsize)width * 4);
  for (gsize i = 0; i < (gsize)width * height; i++)
    sum += (pixels[i * 4] + pixels[i * 4 + 1] + pixels[i * 4 + 2]) / (3.0 * 255);
  return sum / ((double)width * height);
}

/* In dark mode the naskah editor is dark too, and back to light with
 * the desktop; the sign-in avatars take their initials from the name
 * without its titles. */
static void
test_dark_editor (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *page = warta_window_get_sign_in_page (f->window);
  WartaCaseView *view;
  g_autofree char *dark = NULL;
  g_autofree char *light = NULL;
  gboolean found = FALSE;
  gint64 case_id;

  /* "dr. Ratna Budi Hapsari": RH, not DH. */
  for (GtkWidget *w = page; w != NULL; )
    {
      if (ADW_IS_AVATAR (w) && g_strcmp0 (adw_avatar_get_text (ADW_AVATAR (w)), "Ratna Budi Hapsari") == 0)
        found = TRUE;
      g_assert_cmpstr (ADW_IS_AVATAR (w) ? adw_avatar_get_text (ADW_AVATAR (w)) : "", !=, "dr. Ratna Budi Hapsari");
      /* Depth first through the page. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != page && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == page) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_true (found);

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Mode Gelap", &error);
  g_assert_no_error (error);
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  UI_WAIT_UNTIL (adw_style_manager_get_dark (style), WAIT_MS);
  dark = ui_save_screenshot (GTK_WIDGET (view->body_view), "screenshot-editor-dark");
  g_assert_cmpfloat (mean_lightness (dark), <, 0.35);
  screenshot (f, GTK_WIDGET (f->window), "dark-case");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  UI_WAIT_UNTIL (!adw_style_manager_get_dark (style), WAIT_MS);
  light = ui_save_screenshot (GTK_WIDGET (view->body_view), "screenshot-editor-light");
  g_assert_cmpfloat (mean_lightness (light), >, 0.65);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The flowchart and the chain tabs draw for a case under way. */
static void
test_case_tabs (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Jadwal Layanan Vaksinasi", &error);
  g_assert_no_error (error);

  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  adw_view_stack_set_visible_child_name (view->view_stack, "flowchart");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_get_mapped (view->flowchart));
  g_assert_cmpint (gtk_widget_get_width (view->flowchart), >, 0);
  g_assert_cmpint (gtk_widget_get_height (view->flowchart), >, 0);
  screenshot (f, GTK_WIDGET (f->window), "case-flowchart");

  adw_view_stack_set_visible_child_name (view->view_stack, "chain");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_get_mapped (view->chain));
  chain = ui_find_labels (view->chain, "chain-step");
  g_assert_cmpuint (chain->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (chain, 0), "Step 1 · "));
  screenshot (f, GTK_WIDGET (f->window), "case-chain");
}

/* A naskah saved and step 1 completed on the test's own connection. */
static void
compose_elsewhere (Fixture *f,
                   gint64   case_id)
{
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (case_id);
  g_autoptr(GError) error = NULL;

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Rilis dari proses lain");
  naskah->body = g_strdup ("Ditulis di luar jendela ini.");
  g_assert_true (warta_engine_save_naskah (f->engine, f->ids[STAF], naskah, &error));
  g_assert_no_error (error);
}

/* Scrolls the page that holds widget until all of it shows, as a person
 * does before clicking it. */
static gboolean
shows_whole (GtkWidget *scroller,
             GtkWidget *widget)
{
  graphene_rect_t bounds;

  return gtk_widget_get_height (widget) > 0 && gtk_widget_compute_bounds (widget, scroller, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (widget) && gtk_widget_get_height (scroller) > 0, WAIT_MS);
  /* Until the page is laid out, its adjustment cannot reach the widget. */
  for (guint tries = 0; !shows_whole (scroller, widget) && tries < 100; tries++)
    {
      graphene_rect_t bounds;
      double value = gtk_adjustment_get_value (adjustment);

      g_assert_true (gtk_widget_compute_bounds (widget, scroller, &bounds));
      if (bounds.origin.y < 0)
        value += bounds.origin.y;
      else
        value += bounds.origin.y + bounds.size.height - gtk_widget_get_height (scroller);
      gtk_adjustment_set_value (adjustment, value);
      ui_wait_for_frames (scroller, 1);
    }
  g_assert_true (shows_whole (scroller, widget));
}

/* The row of the step's checklist titled title, and its box. */
static GtkCheckButton *
requirement_check (WartaCaseView  *view,
                   const char     *title,
                   GtkWidget     **row)
{
  for (guint i = 0; i < view->requirement_rows->len; i++)
    {
      GtkWidget *candidate = g_ptr_array_index (view->requirement_rows, i);

      if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)), title))
        {
          if (row != NULL)
            *row = candidate;
          return GTK_CHECK_BUTTON (ui_find_descendant (candidate, GTK_TYPE_CHECK_BUTTON));
        }
    }
  g_error ("No requirement “%s” in the checklist", title);
}

static gboolean
is_ticked (WartaCaseView *view,
           const char    *title)
{
  return gtk_check_button_get_active (requirement_check (view, title, NULL));
}

/* The bin of the attachment named name, in the panel's list. */
static GtkWidget *
attachment_remove_button (WartaCaseView *view,
                          const char    *name)
{
  GPtrArray *attachments = warta_attachments_panel_get_attachments (view->attachments_panel);
  GtkWidget *list = ui_find_descendant (GTK_WIDGET (view->attachments_panel), GTK_TYPE_LIST_BOX);
  gint64 id = 0;

  for (guint i = 0; i < attachments->len; i++)
    if (g_str_equal (((WartaAttachment *)g_ptr_array_index (attachments, i))->name, name))
      id = ((WartaAttachment *)g_ptr_array_index (attachments, i))->id;
  g_assert_cmpint (id, >, 0);
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if ((gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "attachment-id")) == id)
      return ui_find_button_by_icon (row, "user-trash-symbolic");
  g_error ("No row for “%s” in the attachments panel", name);
}

/* Step 2 of seed 002 names a nota dinas and supporting documents: each
 * box ticks when a file of its kind is attached through the panel, names
 * the file, and unticks when the file is removed; a plain requirement
 * stays the person's to tick. */
static void
test_requirements_follow_attachments (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nota = write_pdf (f, "nota-dinas-12.pdf", 1, "Belawan", 0);
  g_autofree char *data_dukung = write_pdf (f, "jadwal-layanan.pdf", 1, "Jadwal", 0);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  WartaCaseView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *kind;
  GtkCheckButton *check;
  GtkWidget *row;
  GtkWidget *nota_row;
  GtkWidget *button;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Jadwal Layanan Vaksinasi", &error);
  g_assert_no_error (error);
  compose_elsewhere (f, case_id);
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);

  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 2: "), WAIT_MS);
  g_assert_false (is_ticked (view, "Nota dinas"));
  g_assert_false (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"));
  /* A box met by a file is not the person's to tick. */
  check = requirement_check (view, "Nota dinas", &row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Attach: nota dinas");
  scroll_into_view (GTK_WIDGET (view->requirements_group));
  xtest_click (row);
  ui_iterate (100);
  g_assert_false (is_ticked (view, "Nota dinas"));
  /* The same rows stay while the step does: only their ticks change. */
  nota_row = row;
  g_object_add_weak_pointer (G_OBJECT (nota_row), (gpointer *)&nota_row);
  screenshot (f, GTK_WIDGET (f->window), "requirements-none-attached");

  /* A ZIP named as a PDF is no nota dinas: refused, the box stays empty. */
  {
    static const char zip_head[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0 };
    g_autofree char *fake = g_build_filename (f->dir, "nota-dinas-palsu.pdf", NULL);

    g_assert_true (g_file_set_contents (fake, zip_head, sizeof zip_head, NULL));
    attach_refused_through_panel (f, view, fake, "nota-dinas",
                                  "“nota-dinas-palsu.pdf” is not a PDF document: its content is Zip archive. ");
    g_assert_false (is_ticked (view, "Nota dinas"));
  }

  /* The nota dinas, through the panel: its kind chosen, Attach clicked. */
  g_ptr_array_add (files, g_file_new_for_path (nota));
  warta_attachments_panel_add_files (view->attachments_panel, files, NULL);
  dialog = find_message_dialog (f->window);
  kind = g_object_get_data (G_OBJECT (dialog), "kind");
  gtk_drop_down_set_selected (kind, 0);
  button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, "attach"));
  g_assert_nonnull (button);
  xtest_click (button);
  UI_WAIT_UNTIL (is_ticked (view, "Nota dinas"), WAIT_MS);
  check = requirement_check (view, "Nota dinas", &row);
  g_assert_true (row == nota_row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Attached: nota-dinas-12.pdf");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "Attached: nota-dinas-12.pdf");
  g_assert_false (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"));

  attach_through_panel (f, view, data_dukung, "dokumen-pendukung", NULL);
  UI_WAIT_UNTIL (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"), WAIT_MS);
  g_assert_true (is_ticked (view, "Nota dinas"));
  scroll_into_view (GTK_WIDGET (view->requirements_group));
  screenshot (f, GTK_WIDGET (f->window), "requirements-attached");

  /* The nota dinas taken back with its row's bin: its box unticks. */
  button = attachment_remove_button (view, "nota-dinas-12.pdf");
  xtest_click (button);
  UI_WAIT_UNTIL (!is_ticked (view, "Nota dinas"), WAIT_MS);
  g_assert_true (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"));
  check = requirement_check (view, "Nota dinas", &row);
  g_assert_true (row == nota_row);
  g_object_remove_weak_pointer (G_OBJECT (nota_row), (gpointer *)&nota_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Attach: nota dinas");
  scroll_into_view (GTK_WIDGET (view->requirements_group));
  screenshot (f, GTK_WIDGET (f->window), "requirements-nota-removed");
}

/* Another connection to the database, as another instance of Warta has:
 * a case it starts is in the inbox within two seconds, and a step it
 * takes moves the row and the open case. */
static void
test_live_other_connection (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaCaseListModel *model;
  WartaCaseView *view;
  gint64 case_id;

  sign_in (f, STAF);
  show_pane (f->window, "inbox");
  model = warta_cases_pane_get_model (get_cases_pane (f->window, "inbox"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Rilis dari proses lain", &error);
  g_assert_no_error (error);
  UI_WAIT_UNTIL (model_lists_at_step (model, case_id, "1"), LIVE_MS);

  view = open_case (f->window, "inbox", case_id);
  compose_elsewhere (f, case_id);
  UI_WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (view->naskah_title_row)),
                            "Rilis dari proses lain") == 0, LIVE_MS);

  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);
  UI_WAIT_UNTIL (model_lists_at_step (model, case_id, "2") &&
                 g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 2: "), LIVE_MS);
  screenshot (f, GTK_WIDGET (f->window), "live-other-connection");
}

static void
run_cli (Fixture    *f,
         const char *first_arg,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "warta-cli", NULL));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (f->path));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "WARTA_PASSWORD", PASSWORD, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("warta-cli %s failed: %s", first_arg, err);
}

/* warta-cli, a process of its own, takes a step: the row leaves the inbox
 * within two seconds and the open case says who holds it now. */
static void
test_live_cli (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  WartaCaseListModel *model;
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Rilis lewat warta-cli", &error);
  g_assert_no_error (error);
  compose_elsewhere (f, case_id);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  sign_in (f, STAF);
  model = warta_cases_pane_get_model (get_cases_pane (f->window, "inbox"));
  view = open_case (f->window, "inbox", case_id);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->action_bar)));

  run_cli (f, "case", "complete", id, "--as", "staf", "--note", "Konsep siap", NULL);
  UI_WAIT_UNTIL (model_lists_at_step (model, case_id, "2") &&
                 g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 2: "), LIVE_MS);

  /* Files attached from warta-cli show in the open case's panel. */
  {
    g_autofree char *nota = write_pdf (f, "nota-cli.pdf", 2, "Belawan", 0);
    g_autofree char *data_dukung = write_pdf (f, "data-cli.pdf", 1, "Lampiran", 0);

    run_cli (f, "attach", id, nota, "--kind", "nota-dinas", "--as", "staf", NULL);
    run_cli (f, "attach", id, data_dukung, "--kind", "dokumen-pendukung", "--as", "staf", NULL);
    UI_WAIT_UNTIL (warta_attachments_panel_get_n_attachments (view->attachments_panel) == 2, LIVE_MS);
  }

  run_cli (f, "case", "complete", id, "--as", "staf", NULL);
  UI_WAIT_UNTIL (!model_lists (model, case_id) &&
                 g_str_has_prefix (gtk_label_get_label (view->step_label), "Step 3: "), LIVE_MS);
  g_assert_cmpstr (gtk_label_get_label (view->holder_label), ==,
                   "Held by anyone in Katimker Layanan Publik dan Zona Integritas");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->action_bar)));
  screenshot (f, GTK_WIDGET (f->window), "live-warta-cli");
}

/* Two windows on one database, each with its own session, as two
 * instances: what one does, the other shows within two seconds. */
static void
test_live_other_window (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaWindow *other = NULL;
  WartaCaseListModel *mine;
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Rilis dua jendela", &error);
  g_assert_no_error (error);
  compose_elsewhere (f, case_id);
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  attach_elsewhere (f, case_id, "nota-dinas");
  attach_elsewhere (f, case_id, "dokumen-pendukung");
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);

  /* Both katimker have it, each in their own window. */
  sign_in (f, KATIM2);
  show_pane (f->window, "review");
  mine = warta_cases_pane_get_model (get_cases_pane (f->window, "review"));
  g_assert_true (model_lists_at_step (mine, case_id, "3"));

  other = open_window (f->path);
  g_assert_true (warta_window_get_session (other) != warta_window_get_session (f->window));
  sign_in_as (other, "katim1", f->ids[KATIM1]);
  view = open_case (other, "review", case_id);
  press (view, view->complete_button, "_Complete Step");

  UI_WAIT_UNTIL (!model_lists (mine, case_id), LIVE_MS);
  assert_active_step (f, case_id, "4", 0);
  screenshot (f, GTK_WIDGET (f->window), "live-other-window");
  ui_destroy_window (&other, WAIT_MS);
}

/* The welcome page's sample office, as a first run would make it. */
static void
test_welcome_sample (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *welcome = warta_window_get_welcome_page (f->window);
  WartaSession *session = warta_window_get_session (f->window);
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));
  WartaCaseListModel *model;

  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "welcome");
  screenshot (f, GTK_WIDGET (f->window), "welcome");
  g_assert_true (gtk_widget_activate_action (welcome, "welcome.sample", NULL));
  g_assert_true (warta_welcome_page_get_busy (WARTA_WELCOME_PAGE (welcome)));
  UI_WAIT_UNTIL (!warta_welcome_page_get_busy (WARTA_WELCOME_PAGE (welcome)), 120000);
  g_assert_null (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)));
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");

  g_assert_true (warta_sign_in_page_select_login (page, "eko"));
  warta_sign_in_page_set_password (page, WARTA_SAMPLE_PASSWORD);
  screenshot (f, GTK_WIDGET (f->window), "sample-sign-in");
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpint (warta_session_get_user_id (session), !=, 0);

  show_pane (f->window, "inbox");
  model = warta_cases_pane_get_model (get_cases_pane (f->window, "inbox"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  screenshot (f, GTK_WIDGET (f->window), "sample-inbox");
}

/* A shipped SOP folder with a file nested past any SOP: json-glib would
 * overflow its stack on it. The window lives through the welcome page's
 * reading of the folder, and says which file is bad, and where. */
static void
test_welcome_deep_sop (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *welcome = warta_window_get_welcome_page (f->window);
  g_autofree char *saved = g_strdup (g_getenv ("WARTA_SOPDIR"));
  g_autofree char *dir = g_build_filename (f->dir, "sop", NULL);
  g_autofree char *seed = g_build_filename (warta_sop_get_shipped_dir (), "002-bbkk-medan-publikasi-website.json", NULL);
  g_autofree char *copy = g_build_filename (dir, "002-bbkk-medan-publikasi-website.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *where = g_strdup_printf ("%s:1:65: ", deep);
  g_autofree char *contents = NULL;
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (seed, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, ']');
  g_assert_true (g_file_set_contents (deep, nested->str, nested->len, &error));
  g_assert_no_error (error);
  g_setenv ("WARTA_SOPDIR", dir, TRUE);

  /* The button a person presses; it clicks once it has shown pressed */
  gtk_widget_activate (ui_find_button (welcome, "_Start a New Office"));
  UI_WAIT_UNTIL (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)), where));
  screenshot (f, GTK_WIDGET (f->window), "welcome-deep-sop");

  gtk_widget_activate_action (welcome, "welcome.back", NULL);
  gtk_widget_activate (ui_find_button (welcome, "_Try with Sample Data"));
  UI_WAIT_UNTIL (warta_welcome_page_get_busy (WARTA_WELCOME_PAGE (welcome)), WAIT_MS);
  UI_WAIT_UNTIL (!warta_welcome_page_get_busy (WARTA_WELCOME_PAGE (welcome)), 120000);
  g_assert_nonnull (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)));
  g_assert_true (g_str_has_prefix (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)),
                                   "The sample office could not be made: "));
  g_assert_nonnull (strstr (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)), where));
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "welcome");

  if (saved != NULL)
    g_setenv ("WARTA_SOPDIR", saved, TRUE);
  else
    g_unsetenv ("WARTA_SOPDIR");
}

/* The label under @root whose text holds @part, or NULL */
static GtkWidget *
find_label_holding (GtkWidget  *root,
                    const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), part) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_holding (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A database others could read, as an older Warta left it: the window
 * says so, on screen until closed, and the file is private afterwards. */
static void
test_database_others_read (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *said = NULL;
  GtkWidget *label;
  GStatBuf st;

  ui_destroy_window (&f->window, WAIT_MS);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  f->window = open_window (f->path);

  said = g_strdup_printf ("The database file %s could be read by other users of this computer (mode 0644)", f->path);
  UI_WAIT_UNTIL ((label = find_label_holding (GTK_WIDGET (f->window), said)) != NULL, WAIT_MS);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (label), WAIT_MS);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "Warta has made it private to you (mode 0600)"));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, 0600);
  /* Still there after a toast's usual few seconds */
  ui_iterate (6000);
  g_assert_true (gtk_widget_get_mapped (label));
  screenshot (f, GTK_WIDGET (f->window), "database-others-read");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = ui_application_new ();

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/sign-in/wrong-password", test_wrong_password, NULL);
  ADD ("/ui/window/built-when-needed", test_built_when_needed, NULL);
  ADD ("/ui/sign-in/panes-by-role", test_panes_by_role, NULL);
  ADD ("/ui/case/seed-002-every-step", test_drive_seed_002, NULL);
  ADD ("/ui/case/flowchart-and-chain", test_case_tabs, NULL);
  ADD ("/ui/case/type-then-complete", test_type_then_complete, NULL);
  ADD ("/ui/case/type-then-decide", test_type_then_decide, "seed-003");
  ADD ("/ui/case/dark-editor", test_dark_editor, NULL);
  ADD ("/ui/case/requirements-follow-attachments", test_requirements_follow_attachments, NULL);
  ADD ("/ui/live/other-connection", test_live_other_connection, NULL);
  ADD ("/ui/live/warta-cli", test_live_cli, NULL);
  ADD ("/ui/live/other-window", test_live_other_window, NULL);
  ADD ("/ui/welcome/sample-office", test_welcome_sample, "empty");
  ADD ("/ui/welcome/deep-sop", test_welcome_deep_sop, "empty");
  ADD ("/ui/window/database-others-read", test_database_others_read, NULL);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
