/* test-office-e2e.c: an office built in the app, and run by its people
 *
 * What issue 16 asks, from one end to the other, as people do it: with
 * the keyboard and the mouse through XTest, never warta-cli. From the
 * welcome page's "Start a New Office", the administrator signs in,
 * imports an SOP file (a broken one first, refused with its line), sets
 * the office's letterhead, and adds four people with their roles (and
 * takes the last lane of the SOP). Then the five of them, signing in one
 * after another (each new person choosing their own password at the
 * first sign-in), run a berkas through it: the writer writes it, the
 * Kasubag passes it to the head with an arahan, the head sends it back,
 * the writer changes a word, the Kasubag passes it on again, and the head
 * sees what changed since their last look, and every revision with its
 * author, before approving it; the web admin and the archivist finish it.
 * The Lembar Disposisi of the berkas carries the letterhead.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <poppler.h>

#include "test-util.h"
#include "ui-admin.h"
#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-case-view.h"
#include "warta-cases-pane.h"
#include "warta-evidence.h"
#include "warta-new-case-dialog.h"
#include "warta-office-dialog.h"
#include "warta-people-page.h"
#include "warta-person-dialog.h"
#include "warta-revision.h"
#include "warta-revisions-dialog.h"
#include "warta-revisions-view.h"
#include "warta-welcome-page.h"
#include "warta-window.h"

#define WAIT_MS UI_ADMIN_WAIT_MS

#define SOP_ID "berita-kegiatan-singkat"
#define OFFICE_NAME "Balai Uji Coba Kesehatan"
#define ADMIN_PASSWORD "kantor-baru-2026"
#define FIRST_PASSWORD "sementara-2026"
#define TITLE "Vaksinasi Awak Kapal di Pelabuhan"
#define FIRST_BODY "Petugas memberikan vaksinasi kepada awak kapal di pelabuhan pada hari Senin."
#define SECOND_BODY "Petugas memberikan imunisasi kepada awak kapal di pelabuhan pada hari Senin."

static const char * const kop[] = {
  "KEMENTERIAN KESEHATAN REPUBLIK INDONESIA",
  "BALAI UJI COBA KESEHATAN",
  "Jalan Contoh Nomor 1, Medan 20111",
  NULL
};

/* The four the administrator adds; the administrator is the fifth. */
typedef struct
{
  const char *login;
  const char *name;
  const char *nip;
  const char *jabatan;
  const char *role;
  const char *password;  /* their own, chosen at the first sign-in */
} Person;

enum { WRITER, KASUBAG, HEAD, WEBADMIN, N_PEOPLE };

static const Person people[N_PEOPLE] = {
  { "rina", "Rina Marlina, S.I.Kom.", "199001152015032001", "Pranata Humas", "pranata-humas", "rina-punya-2026" },
  { "budi", "Budi Santoso, S.E.", "198207202006041002", "Kepala Subbagian Umum", "kasubag-umum", "budi-punya-2026" },
  { "ratna", "dr. Ratna Sari, M.K.M.", "197203152000032001", "Kepala Balai", "kepala-balai", "ratna-punya-2026" },
  { "joko", "Joko Widodo, A.Md.", "199305052019031004", "Pengelola Website", "pengelola-web", "joko-punya-2026" },
};

static WartaApplication *app;

typedef struct
{
  TestDb      *db;
  WartaWindow *window;
  gint64       case_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_db_new ();
  /* Nobody yet: the welcome page */
  test_db_exec (f->db, "DELETE FROM user_roles; DELETE FROM users;");
  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", f->db->path,
                            NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 780);
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
  g_autofree char *file = g_strconcat ("screenshot-e2e-", name, NULL);

  ui_screenshot (widget, file);
}

static char *
test_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "office", name, NULL);
}

/* The preferences row of page titled title, shown; or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *page,
                 const char *title)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, page);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return NULL;
}

static GtkWidget *
row_titled (GtkWidget  *page,
            const char *title)
{
  GtkWidget *row = NULL;

  UI_WAIT_UNTIL ((row = find_row_titled (page, title)) != NULL, WAIT_MS);
  return row;
}

static GtkWidget *
wait_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = NULL;

  UI_WAIT_UNTIL ((button = ui_find_widget (root, ui_is_mapped_button, label)) != NULL &&
                 gtk_widget_is_sensitive (button), WAIT_MS);
  ui_wait_for_frames (button, 2);
  return button;
}

static GtkWindow *
wait_toplevel (GType type)
{
  GtkWindow *window = NULL;

  UI_WAIT_UNTIL ((window = ui_find_toplevel (type, NULL)) != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)),
                 WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
wait_gone (GType type)
{
  UI_WAIT_UNTIL (ui_find_toplevel (type, NULL) == NULL, WAIT_MS);
}

static void
show_pane_typed (Fixture    *f,
                 const char *name,
                 KeySym      key)
{
  static const KeySym alt[] = { XK_Alt_L };

  xtest_press (key, alt, G_N_ELEMENTS (alt));
  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_pane_name (f->window), name) == 0, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
}

/* "Start a New Office": the form typed in, Create Office pressed. */
static void
new_office (Fixture *f)
{
  GtkWidget *welcome = warta_window_get_welcome_page (f->window);

  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "welcome");
  ui_click_into_view (wait_button (welcome, "_Start a New Office"));
  ui_type_into (row_titled (welcome, "Office name"), OFFICE_NAME);
  ui_type_into (row_titled (welcome, "Login"), "andi");
  ui_type_into (row_titled (welcome, "Full name"), "Andi Wijaya, S.Kom.");
  ui_type_into (row_titled (welcome, "NIP"), "198601012010011001");
  ui_type_into (row_titled (welcome, "Password (at least 8 characters)"), ADMIN_PASSWORD);
  ui_type_into (row_titled (welcome, "Password again"), ADMIN_PASSWORD);
  screenshot (GTK_WIDGET (f->window), "new-office");
  ui_click_into_view (wait_button (welcome, "_Create Office"));
  UI_WAIT_UNTIL (!warta_welcome_page_get_busy (WARTA_WELCOME_PAGE (welcome)) &&
                 g_strcmp0 (warta_window_get_page_name (f->window), "sign-in") == 0, 60000);
  g_assert_null (warta_welcome_page_get_error (WARTA_WELCOME_PAGE (welcome)));
}

/* Ctrl+O on the SOP pane, or its button clicked; a file chosen. */
static void
import_file (Fixture    *f,
             GtkWidget  *pane,
             const char *name,
             gboolean    with_keys)
{
  g_autofree char *path = test_file (name);
  GtkWidget *button = wait_button (pane, "_Import SOP…");

  if (with_keys)
    {
      gtk_widget_grab_focus (button);
      xtest_ctrl (XK_o);
    }
  else
    ui_click_into_view (button);
  ui_choose_file (path);
}

static gboolean
lists_sop (Fixture *f)
{
  g_autoptr(GPtrArray) sops = warta_store_list_sops (f->db->store, NULL);

  for (guint i = 0; sops != NULL && i < sops->len; i++)
    if (g_str_equal (((WartaSopInfo *)g_ptr_array_index (sops, i))->id, SOP_ID))
      return TRUE;
  return FALSE;
}

static void
import_sops (Fixture *f)
{
  GtkWidget *pane;
  GtkWindow *dialog;
  GtkWidget *line;
  const char *body;

  show_pane_typed (f, "sop", XK_4);
  pane = warta_window_get_pane (f->window, "sop");

  /* The broken file: refused with its place, its line shown */
  import_file (f, pane, "berita-kegiatan-rusak.json", TRUE);
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("refused: %s", body);
  g_assert_true (g_str_has_prefix (body, "berita-kegiatan-rusak.json:44:7: steps[2].lane: unknown lane “kepala-blai”"));
  line = ui_find_widget (GTK_WIDGET (dialog), ui_is_named, "sop-error-line");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (line)), "\"lane\": \"kepala-blai\","));
  screenshot (GTK_WIDGET (dialog), "sop-refused");
  g_assert_false (lists_sop (f));
  xtest_press (XK_Escape, NULL, 0);
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);

  /* The good one */
  import_file (f, pane, "berita-kegiatan.json", FALSE);
  UI_WAIT_UNTIL (lists_sop (f), WAIT_MS);
  UI_WAIT_UNTIL (ui_find_label (pane, "Publikasi Berita Kegiatan Singkat", TRUE) != NULL, WAIT_MS);
  /* Nobody holds its lanes yet: the SOP page says so. */
  screenshot (GTK_WIDGET (f->window), "sop-imported");
  UI_WAIT_UNTIL (ui_find_widget (pane, ui_is_mapped_label_holding, "(column Arsiparis)") != NULL, WAIT_MS);
}

/* A PNG logo: a green disc. */
static char *
write_logo (Fixture *f)
{
  char *path = g_build_filename (f->db->dir, "logo.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 96, 96);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.1, 0.5, 0.3);
  cairo_arc (cr, 48, 48, 44, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static void
set_letterhead (Fixture *f)
{
  g_autofree char *logo = write_logo (f);
  g_autofree char *kop_text = g_strjoinv ("\n", (char **)kop);
  g_autoptr(WartaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *menu_button, *item, *kop_view;
  GtkWindow *dialog;

  UI_WAIT_UNTIL ((menu_button = ui_find_widget (GTK_WIDGET (f->window), ui_is_mapped_menu_button, NULL)) != NULL,
                 WAIT_MS);
  xtest_click (menu_button);
  UI_WAIT_UNTIL ((item = ui_find_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                                        "_Office Profile…", TRUE)) != NULL && gtk_widget_get_mapped (item), WAIT_MS);
  ui_wait_for_frames (item, 2);
  xtest_click (item);
  dialog = wait_toplevel (WARTA_TYPE_OFFICE_DIALOG);
  UI_WAIT_UNTIL (!warta_office_dialog_is_busy (WARTA_OFFICE_DIALOG (dialog)), WAIT_MS);

  kop_view = ui_find_widget (GTK_WIDGET (dialog), ui_is_named, "office-kop");
  g_assert_nonnull (kop_view);
  ui_click_into_view (kop_view);
  UI_WAIT_UNTIL (ui_has_focus (kop_view), WAIT_MS);
  xtest_ctrl (XK_a);
  xtest_type (kop_text);

  ui_click_into_view (wait_button (GTK_WIDGET (dialog), "_Choose…"));
  ui_choose_file (logo);
  UI_WAIT_UNTIL (ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_label_holding, "image/png, ") != NULL, WAIT_MS);
  UI_WAIT_UNTIL (!warta_office_dialog_is_busy (WARTA_OFFICE_DIALOG (dialog)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  screenshot (GTK_WIDGET (dialog), "letterhead");

  ui_click_into_view (wait_button (GTK_WIDGET (dialog), "_Save"));
  wait_gone (WARTA_TYPE_OFFICE_DIALOG);

  office = warta_engine_get_office (f->db->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->name, ==, OFFICE_NAME);
  g_assert_cmpstrv (office->kop_lines, kop);
  g_assert_nonnull (office->logo);
}

static WartaPersonDialog *
wait_person_dialog (void)
{
  return WARTA_PERSON_DIALOG (wait_toplevel (WARTA_TYPE_PERSON_DIALOG));
}

static void
tick_role (WartaPersonDialog *dialog,
           const char        *role_id)
{
  GtkWidget *list = ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "roles_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), role_id) == 0)
      {
        GtkWidget *check = ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON);

        ui_click_into_view (check);
        UI_WAIT_UNTIL (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), WAIT_MS);
        return;
      }
  g_error ("no role %s in the person dialog", role_id);
}

static void
add_person (Fixture      *f,
            const Person *person)
{
  WartaPeoplePage *page = WARTA_PEOPLE_PAGE (warta_window_get_pane (f->window, "office"));
  WartaPersonDialog *dialog;

  ui_click_into_view (ui_child (page, WARTA_TYPE_PEOPLE_PAGE, "search_entry"));
  xtest_ctrl (XK_n);
  dialog = wait_person_dialog ();
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "login_row"), person->login);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "full_name_row"), person->name);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "nip_row"), person->nip);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "jabatan_row"), person->jabatan);
  tick_role (dialog, person->role);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "password_row"), FIRST_PASSWORD);
  ui_type_into (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "confirm_row"), FIRST_PASSWORD);
  xtest_press (XK_Return, NULL, 0);
  wait_gone (WARTA_TYPE_PERSON_DIALOG);
  UI_WAIT_UNTIL (warta_people_page_find_row (page, person->login) != NULL, WAIT_MS);
}

static void
build_people (Fixture *f)
{
  WartaPeoplePage *page;
  WartaPersonDialog *dialog;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  show_pane_typed (f, "office", XK_6);
  page = WARTA_PEOPLE_PAGE (warta_window_get_pane (f->window, "office"));
  UI_WAIT_UNTIL (warta_people_page_get_loaded (page), WAIT_MS);
  for (guint i = 0; i < N_PEOPLE; i++)
    add_person (f, &people[i]);

  /* The administrator takes the archivist's lane. */
  ui_click_into_view (warta_people_page_find_row (page, "andi"));
  dialog = wait_person_dialog ();
  tick_role (dialog, "arsiparis");
  ui_click_into_view (ui_child (dialog, WARTA_TYPE_PERSON_DIALOG, "save_button"));
  wait_gone (WARTA_TYPE_PERSON_DIALOG);
  screenshot (GTK_WIDGET (f->window), "people");

  users = warta_store_list_users (f->db->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 5);
  for (guint i = 0; i < users->len; i++)
    {
      const WartaUser *user = g_ptr_array_index (users, i);

      g_assert_cmpuint (g_strv_length (user->roles), >=, 1);
      /* Everyone but the administrator chooses their own password. */
      g_assert_true (user->must_change_password == !g_str_equal (user->login, "andi"));
    }

  /* Every lane is someone's now: the SOP page flags none. */
  show_pane_typed (f, "sop", XK_4);
  UI_WAIT_UNTIL (ui_find_widget (warta_window_get_pane (f->window, "sop"), ui_is_mapped_label_holding,
                                 "No one can do") == NULL, WAIT_MS);
}

static WartaCaseView *
wait_case_view (Fixture    *f,
                const char *pane_name)
{
  GtkWidget *pane = warta_window_get_pane (f->window, pane_name);
  WartaCaseView *view = NULL;

  UI_WAIT_UNTIL ((view = (WartaCaseView *)ui_find_descendant (pane, WARTA_TYPE_CASE_VIEW)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (view)) &&
                 warta_case_view_get_case (view) != NULL &&
                 warta_case_view_get_case (view)->id == f->case_id &&
                 !warta_case_view_is_busy (view), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (view), 2);
  return view;
}

/* The berkas, chosen with the mouse in a pane's list. The list tags it
 * with news (New, Changed) until the person has opened it. */
static WartaCaseView *
open_berkas_tagged (Fixture    *f,
                    const char *pane_name,
                    KeySym      key,
                    const char *tag)
{
  WartaCasesPane *pane;
  WartaCaseView *view;
  GtkWidget *row = NULL;

  show_pane_typed (f, pane_name, key);
  pane = WARTA_CASES_PANE (warta_window_get_pane (f->window, pane_name));
  UI_WAIT_UNTIL ((row = ui_find_label (GTK_WIDGET (pane), TITLE, TRUE)) != NULL && gtk_widget_get_mapped (row),
                 WAIT_MS);
  if (tag != NULL)
    {
      g_autofree char *name = g_strdup_printf ("tagged-%s", tag);

      UI_WAIT_UNTIL (ui_find_label (GTK_WIDGET (pane), tag, TRUE) != NULL, WAIT_MS);
      ui_wait_for_frames (row, 2);
      screenshot (GTK_WIDGET (f->window), name);
    }
  ui_wait_for_frames (row, 2);
  xtest_click (row);
  UI_WAIT_UNTIL (warta_cases_pane_get_case_id (pane) == f->case_id, WAIT_MS);
  view = wait_case_view (f, pane_name);
  if (tag != NULL)
    UI_WAIT_UNTIL (ui_find_label (GTK_WIDGET (pane), tag, TRUE) == NULL, WAIT_MS);
  return view;
}

static WartaCaseView *
open_berkas (Fixture    *f,
             const char *pane_name,
             KeySym      key)
{
  return open_berkas_tagged (f, pane_name, key, NULL);
}

static WartaCase *
read_berkas (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  WartaCase *kase = warta_store_get_case (f->db->store, f->case_id, &error);

  g_assert_no_error (error);
  return kase;
}

static gboolean
at_step (Fixture    *f,
         const char *step_id)
{
  g_autoptr(WartaCase) kase = read_berkas (f);

  return kase->active != NULL && g_str_equal (kase->active->step_id, step_id);
}

static gboolean
is_done (Fixture *f)
{
  g_autoptr(WartaCase) kase = read_berkas (f);

  return kase->state == WARTA_CASE_DONE;
}

static void
click_case_button (WartaCaseView *view,
                   const char    *id)
{
  GtkWidget *button = ui_case_child (view, id);

  UI_WAIT_UNTIL (gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button), WAIT_MS);
  ui_wait_for_frames (button, 2);
  xtest_click (button);
}

/* The reason (or arahan) of the open dialog typed, and its button. */
static void
answer_typed (const char *text,
              const char *button_label)
{
  GtkWindow *dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "reason");

  g_assert_true (GTK_IS_EDITABLE (entry));
  ui_type_into (entry, text);
  ui_click_into_view (wait_button (GTK_WIDGET (dialog), button_label));
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
body_is (GtkTextView *body,
         const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (body);
  g_autofree char *now = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  now = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_str_equal (now, text);
}

static void
set_body (WartaCaseView *view,
          const char    *text)
{
  GtkTextView *body = ui_case_body (view);

  ui_click_into_view (body);
  UI_WAIT_UNTIL (gtk_widget_has_focus (GTK_WIDGET (body)), WAIT_MS);
  xtest_ctrl (XK_a);
  xtest_press (XK_BackSpace, NULL, 0);
  xtest_type (text);
  UI_WAIT_UNTIL (body_is (body, text), WAIT_MS);
}

static void
write_and_send (Fixture  *f,
                gboolean  first)
{
  WartaCaseView *view;

  if (first)
    {
      GtkWindow *dialog;

      /* Ctrl+N: a new berkas; the one SOP the writer may start is chosen. */
      show_pane_typed (f, "inbox", XK_1);
      xtest_ctrl (XK_n);
      dialog = wait_toplevel (WARTA_TYPE_NEW_CASE_DIALOG);
      ui_type_into (ui_child (dialog, WARTA_TYPE_NEW_CASE_DIALOG, "title_row"), TITLE);
      screenshot (GTK_WIDGET (dialog), "new-berkas");
      xtest_press (XK_Return, NULL, 0);
      wait_gone (WARTA_TYPE_NEW_CASE_DIALOG);
      UI_WAIT_UNTIL ((f->case_id = test_db_count (f->db, "SELECT coalesce (max (id), 0) FROM cases")) != 0, WAIT_MS);
      view = wait_case_view (f, "inbox");
      ui_type_into (ui_case_child (view, "naskah_title_row"), "Vaksinasi Awak Kapal");
      set_body (view, FIRST_BODY);
    }
  else
    {
      view = open_berkas (f, "inbox", XK_1);
      set_body (view, SECOND_BODY);
    }
  /* The autosave, then the step done */
  UI_WAIT_UNTIL (!warta_case_view_has_unsaved_changes (view), WAIT_MS);
  screenshot (GTK_WIDGET (f->window), first ? "written" : "rewritten");
  click_case_button (view, "complete_button");
  UI_WAIT_UNTIL (at_step (f, "2"), WAIT_MS);
}

static void
dispose_to_head (Fixture *f)
{
  WartaCaseView *view = open_berkas (f, "review", XK_2);
  GtkWindow *dialog;
  GtkDropDown *to;
  GtkWidget *item = NULL;

  click_case_button (view, "dispose_button");
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  to = g_object_get_data (G_OBJECT (dialog), "people");
  g_assert_true (GTK_IS_DROP_DOWN (to));
  /* The head, picked from the lane's people (the administrator holds the
   * lane too, from the seeds) with the mouse. */
  xtest_click (GTK_WIDGET (to));
  UI_WAIT_UNTIL ((item = ui_find_widget (GTK_WIDGET (to), ui_is_mapped_label_holding, people[HEAD].name)) != NULL,
                 WAIT_MS);
  ui_wait_for_frames (item, 2);
  xtest_click (item);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_string_object_get_string (gtk_drop_down_get_selected_item (to)),
                                   people[HEAD].name), WAIT_MS);
  answer_typed ("Mohon diperiksa dan disetujui", "_Dispose");
  UI_WAIT_UNTIL (at_step (f, "3"), WAIT_MS);
  g_assert_cmpint (test_db_count (f->db, "SELECT assignee FROM step_runs WHERE completed_at IS NULL"), ==,
                   test_db_count (f->db, "SELECT id FROM users WHERE login = 'ratna'"));
}

static guint
count_revisions (Fixture *f)
{
  return test_db_count (f->db, "SELECT count(*) FROM naskah_revisions");
}

static WartaRevisionsDialog *
wait_revisions (void)
{
  WartaRevisionsDialog *dialog = WARTA_REVISIONS_DIALOG (wait_toplevel (WARTA_TYPE_REVISIONS_DIALOG));

  UI_WAIT_UNTIL (!warta_revisions_dialog_is_busy (dialog) &&
                 gtk_text_buffer_get_char_count (warta_revisions_dialog_get_buffer (dialog)) > 0, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  return dialog;
}

static gboolean
revisions_closed (void)
{
  GtkWindow *open = ui_find_toplevel (WARTA_TYPE_REVISIONS_DIALOG, NULL);

  return open == NULL || !gtk_widget_get_visible (GTK_WIDGET (open));
}

static void
close_revisions (void)
{
  xtest_press (XK_Escape, NULL, 0);
  UI_WAIT_UNTIL (revisions_closed (), WAIT_MS);
}

/* The head's first look: nothing to compare with; sent back. */
static void
head_returns (Fixture *f)
{
  WartaCaseView *view = open_berkas_tagged (f, "review", XK_2, "New");
  WartaRevisionsView *banner = ui_case_child (view, "revisions_view");

  ui_iterate (300);
  g_assert_false (warta_revisions_view_has_changes (banner));
  click_case_button (view, "reject_button");
  answer_typed ("Gunakan istilah imunisasi", "_Reject");
  UI_WAIT_UNTIL (at_step (f, "1"), WAIT_MS);
}

/* The head's second look: what changed, and every revision. */
static void
head_reviews_and_approves (Fixture *f)
{
  WartaCaseView *view = open_berkas_tagged (f, "review", XK_2, "Changed");
  WartaRevisionsView *banner = ui_case_child (view, "revisions_view");
  WartaRevisionsDialog *dialog;
  GtkListBox *list;
  g_autofree char *deleted = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *expected = g_strdup_printf ("Changed since you last looked · by %s", people[WRITER].name);

  UI_WAIT_UNTIL (warta_revisions_view_has_changes (banner) && gtk_widget_get_mapped (GTK_WIDGET (banner)), WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (ui_child (banner, WARTA_TYPE_REVISIONS_VIEW, "label")), ==, expected);
  screenshot (GTK_WIDGET (f->window), "changed-since");

  xtest_click (ui_child (banner, WARTA_TYPE_REVISIONS_VIEW, "changes_button"));
  dialog = wait_revisions ();
  deleted = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-delete");
  inserted = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-insert");
  g_assert_cmpstr (deleted, ==, "vaksinasi");
  g_assert_cmpstr (inserted, ==, "imunisasi");
  screenshot (GTK_WIDGET (dialog), "changes");
  close_revisions ();

  /* Ctrl+Shift+H: every revision, with its author */
  gtk_widget_grab_focus (GTK_WIDGET (ui_case_body (view)));
  xtest_press (XK_h, (const KeySym[]) { XK_Control_L, XK_Shift_L }, 2);
  dialog = wait_revisions ();
  list = warta_revisions_dialog_get_list (dialog);
  UI_WAIT_UNTIL (gtk_list_box_get_row_at_index (list, 1) != NULL, WAIT_MS);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  for (int i = 0; i < 2; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));

      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), people[WRITER].name));
    }
  screenshot (GTK_WIDGET (dialog), "revisions");
  close_revisions ();

  click_case_button (view, "approve_button");
  UI_WAIT_UNTIL (at_step (f, "4"), WAIT_MS);
}

static void
tick_and_complete (Fixture    *f,
                   const char *pane_name,
                   KeySym      key,
                   gboolean    has_requirement)
{
  WartaCaseView *view = open_berkas (f, pane_name, key);

  if (has_requirement)
    {
      GtkWidget *group = ui_case_child (view, "requirements_group");
      GtkWidget *check = NULL;

      UI_WAIT_UNTIL ((check = ui_find_descendant (group, GTK_TYPE_CHECK_BUTTON)) != NULL &&
                     gtk_widget_get_mapped (check), WAIT_MS);
      ui_click_into_view (check);
      UI_WAIT_UNTIL (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)), WAIT_MS);
    }
  click_case_button (view, "complete_button");
}

/* The Lembar Disposisi, drawn from the database as the app prints it:
 * the letterhead's lines come first, in their order. */
static void
assert_papers_carry_letterhead (Fixture *f,
                                gint64   admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEvidence) evidence = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) page = NULL;
  g_autofree char *text = NULL;
  const char *at;

  evidence = warta_evidence_gather (f->db->engine, admin, f->case_id, &error);
  g_assert_no_error (error);
  pdf = warta_evidence_render_pdf (evidence, WARTA_DOCUMENT_DISPOSISI, &error);
  g_assert_no_error (error);
  document = G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, &error));
  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  text = poppler_page_get_text (POPPLER_PAGE (page));
  at = text;
  for (guint i = 0; kop[i] != NULL; i++)
    {
      const char *found = strstr (at, kop[i]);

      if (found == NULL)
        g_error ("the Lembar Disposisi lacks “%s” (in its order): %s", kop[i], text);
      at = found + strlen (kop[i]);
    }
}

static void
test_office_built_and_run (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(WartaCase) kase = NULL;

  new_office (f);
  ui_sign_in_typed (f->window, "andi", ADMIN_PASSWORD, NULL);
  import_sops (f);
  set_letterhead (f);
  build_people (f);
  ui_sign_out_typed (f->window);

  /* The berkas, person after person: each new one chooses a password. */
  ui_sign_in_typed (f->window, people[WRITER].login, FIRST_PASSWORD, people[WRITER].password);
  write_and_send (f, TRUE);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, people[KASUBAG].login, FIRST_PASSWORD, people[KASUBAG].password);
  dispose_to_head (f);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, people[HEAD].login, FIRST_PASSWORD, people[HEAD].password);
  head_returns (f);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, people[WRITER].login, people[WRITER].password, NULL);
  write_and_send (f, FALSE);
  g_assert_cmpuint (count_revisions (f), ==, 2);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, people[KASUBAG].login, people[KASUBAG].password, NULL);
  dispose_to_head (f);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, people[HEAD].login, people[HEAD].password, NULL);
  head_reviews_and_approves (f);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, people[WEBADMIN].login, FIRST_PASSWORD, people[WEBADMIN].password);
  tick_and_complete (f, "inbox", XK_1, TRUE);
  UI_WAIT_UNTIL (at_step (f, "5"), WAIT_MS);
  ui_sign_out_typed (f->window);

  ui_sign_in_typed (f->window, "andi", ADMIN_PASSWORD, NULL);
  tick_and_complete (f, "inbox", XK_1, FALSE);
  UI_WAIT_UNTIL (is_done (f), WAIT_MS);
  screenshot (GTK_WIDGET (f->window), "done");

  kase = read_berkas (f);
  g_assert_cmpint (kase->state, ==, WARTA_CASE_DONE);
  assert_papers_carry_letterhead (f, warta_session_get_user_id (warta_window_get_session (f->window)));
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

  g_test_add ("/office-e2e/built-and-run", Fixture, NULL, fixture_set_up, test_office_built_and_run,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
