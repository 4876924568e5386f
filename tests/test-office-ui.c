/* test-office-ui.c: an administrator keeps the office's SOPs and letterhead
 *
 * With real input (XTest) in a window under Xvfb: the administrator of a
 * new office without SOPs presses Ctrl+O in the SOP pane and imports a
 * broken SOP file, which is refused with its FILE:LINE:COL message and
 * the offending line shown under it with a caret at the column; imports
 * the good file from the Import SOP… button (it appears in the list);
 * retires it after the confirmation (it is marked, and starts no
 * berkas); and sets the office's name, letterhead and logo in the Office
 * Profile dialog opened from the main menu, which the engine then
 * returns. The file choosers are GTK's own dialogs here (no portal on
 * the test's bus): the file is set in them and accepted. Screenshots go
 * to the build directory.
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
#include "warta-new-case-dialog.h"
#include "warta-office-dialog.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"
#include "warta-window.h"

#define WAIT_MS 10000
#define SOP_ID "bbkk-medan-publikasi-website"
#define SOP_FILE "002-bbkk-medan-publikasi-website.json"

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
  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", f->db->path,
                            NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 760);
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
sign_in_admin (Fixture *f)
{
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));

  UI_WAIT_UNTIL (g_strcmp0 (warta_window_get_page_name (f->window), "sign-in") == 0, WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, "admin"), WAIT_MS);
  warta_sign_in_page_set_password (page, TEST_PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
}

static gboolean
is_mapped_sop_pane (GtkWidget     *widget,
                    gconstpointer  data)
{
  return WARTA_IS_SOP_LIST_PANE (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_mapped_dropdown (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget) && gtk_widget_get_mapped (widget);
}

/* The same, saving: the folder and the name set. */
static void
choose_save (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  GtkWindow *chooser = NULL;

  UI_WAIT_UNTIL ((chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (chooser)), WAIT_MS);
  /* The folder it opened on is read first: a change meanwhile is lost. */
  ui_iterate (1000);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  ui_iterate (1000);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  ui_wait_for_frames (GTK_WIDGET (chooser), 2);
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

    g_assert_true (chosen != NULL && g_file_equal (chosen, file));
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
lists_sop (Fixture    *f,
           const char *id,
           gboolean    retired)
{
  g_autoptr(GPtrArray) sops = warta_store_list_sops (f->db->store, NULL);

  for (guint i = 0; sops != NULL && i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);

      if (g_str_equal (info->id, id))
        return info->retired == retired;
    }
  return FALSE;
}

static void
test_import_retire (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *seed = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", SOP_FILE, NULL);
  g_autofree char *good = g_build_filename (f->db->dir, "publikasi.json", NULL);
  g_autofree char *broken = g_build_filename (f->db->dir, "rusak.json", NULL);
  g_autofree char *second = g_build_filename (f->db->dir, "publikasi-v2.json", NULL);
  g_autofree char *exported = g_build_filename (f->db->dir, "export-v1.json", NULL);
  g_autoptr(GString) renamed = NULL;
  GtkWidget *dropdown, *item, *export;
  g_autofree char *source = NULL;
  g_autofree char *bad_line = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWindow *dialog = NULL;
  GtkWidget *pane, *label, *button, *row_mark;
  const char *body;
  guint line_no = 0;

  g_assert_true (g_file_get_contents (seed, &source, NULL, &error));
  g_assert_true (g_file_set_contents (good, source, -1, &error));
  renamed = g_string_new (source);
  bad = g_string_new (source);
  g_assert_cmpuint (g_string_replace (bad, "\"lane\": \"katimker-layanan-publik-zi\"", "\"lane\": \"katimker-lp\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (broken, bad->str, -1, &error));
  lines = g_strsplit (bad->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL && line_no == 0; i++)
    if (strstr (lines[i], "katimker-lp") != NULL)
      line_no = i + 1;
  bad_line = g_strdup (lines[line_no - 1]);
  /* The message points at the field's name: column 7, after six spaces. */
  expected = g_strdup_printf ("%s\n      ^", bad_line);

  sign_in_admin (f);
  g_assert_true (warta_window_show_pane (f->window, "sop"));
  UI_WAIT_UNTIL ((pane = ui_find_widget (GTK_WIDGET (f->window), is_mapped_sop_pane, NULL)) != NULL, WAIT_MS);

  /* Ctrl+O in the pane: the chooser, the broken file. */
  UI_WAIT_UNTIL ((button = ui_find_widget (pane, ui_is_mapped_button, "_Import SOP…")) != NULL, WAIT_MS);
  gtk_widget_grab_focus (button);
  ui_wait_for_frames (button, 2);
  xtest_ctrl (XK_o);
  ui_choose_file (broken);
  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("refused: %s", body);
  {
    g_autofree char *place = g_strdup_printf ("rusak.json:%u:7: steps[2].lane: unknown lane “katimker-lp”", line_no);

    g_assert_true (g_str_has_prefix (body, place));
  }
  label = ui_find_widget (GTK_WIDGET (dialog), ui_is_named, "sop-error-line");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  g_assert_true (gtk_widget_has_css_class (label, "monospace"));
  ui_screenshot (GTK_WIDGET (dialog), "office-ui-refused");
  g_assert_false (lists_sop (f, SOP_ID, FALSE));

  /* Closed with the keyboard, as a person does. */
  xtest_press (XK_Escape, NULL, 0);
  UI_WAIT_UNTIL (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL) == NULL, WAIT_MS);

  /* The button, the good file: it is imported and listed. */
  xtest_click (button);
  ui_choose_file (good);
  UI_WAIT_UNTIL (lists_sop (f, SOP_ID, FALSE), WAIT_MS);
  UI_WAIT_UNTIL (ui_find_label (pane, "Publikasi Informasi Kedalam Situs Website", TRUE) != NULL, WAIT_MS);
  UI_WAIT_UNTIL (ui_find_label (pane, "SOP " SOP_ID " imported as version 1", TRUE) != NULL, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  ui_screenshot (GTK_WIDGET (f->window), "office-ui-imported");

  /* Its lanes no one holds are flagged: only the admin is in the office. */
  UI_WAIT_UNTIL (ui_find_widget (pane, ui_is_mapped_label_holding, "No one can do steps 1, 2, 8 (column Staff Tim Kerja)\n") != NULL,
                 WAIT_MS);
  g_assert_nonnull (ui_find_widget (pane, ui_is_mapped_label_holding, "No one can do step 4 (column Kepala Satker)"));

  /* Someone given the role (by another process): the flag goes. */
  test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  UI_WAIT_UNTIL (ui_find_widget (pane, ui_is_mapped_label_holding, "(column Staff Tim Kerja)") == NULL, WAIT_MS);
  g_assert_nonnull (ui_find_widget (pane, ui_is_mapped_label_holding, "No one can do step 4 (column Kepala Satker)"));

  /* A second version: both are there to see, the berkas keep theirs. */
  g_assert_cmpuint (g_string_replace (renamed, "\"name\": \"Publikasi Informasi Kedalam Situs Website\"",
                                      "\"name\": \"Publikasi Informasi ke Situs Website\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (second, renamed->str, -1, &error));
  xtest_click (button);
  ui_choose_file (second);
  UI_WAIT_UNTIL (ui_find_widget (pane, ui_is_mapped_label_holding, "Version 2, the latest of 2") != NULL, WAIT_MS);
  UI_WAIT_UNTIL ((dropdown = ui_find_widget (pane, is_mapped_dropdown, NULL)) != NULL, WAIT_MS);
  xtest_click (dropdown);
  UI_WAIT_UNTIL ((item = ui_find_widget (GTK_WIDGET (dropdown), ui_is_mapped_label_holding, "Version 1")) != NULL, WAIT_MS);
  xtest_click (item);
  UI_WAIT_UNTIL (ui_find_widget (pane, ui_is_mapped_label_holding, "Version 1; berkas started on it still follow it") != NULL,
                 WAIT_MS);
  UI_WAIT_UNTIL (ui_find_label (pane, "Publikasi Informasi Kedalam Situs Website", TRUE) != NULL, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  ui_screenshot (GTK_WIDGET (f->window), "office-ui-version-1");

  /* Export…: version 1's file, byte for byte. */
  UI_WAIT_UNTIL ((export = ui_find_widget (pane, ui_is_mapped_button, "_Export…")) != NULL, WAIT_MS);
  xtest_click (export);
  choose_save (exported);
  UI_WAIT_UNTIL (g_file_test (exported, G_FILE_TEST_EXISTS), WAIT_MS);
  UI_WAIT_UNTIL (ui_find_widget (pane, ui_is_mapped_label_holding, "Exported as export-v1.json") != NULL, WAIT_MS);
  {
    g_autofree char *written = NULL;

    g_assert_true (g_file_get_contents (exported, &written, NULL, &error));
    g_assert_cmpstr (written, ==, source);
  }

  /* Retire…, confirmed: marked in the list, and it starts no berkas. */
  UI_WAIT_UNTIL ((button = ui_find_widget (pane, ui_is_mapped_button, "_Retire…")) != NULL, WAIT_MS);
  xtest_click (button);
  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  UI_WAIT_UNTIL ((button = ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_button, "_Retire")) != NULL, WAIT_MS);
  xtest_click (button);
  UI_WAIT_UNTIL (lists_sop (f, SOP_ID, TRUE), WAIT_MS);
  UI_WAIT_UNTIL ((row_mark = ui_find_label (pane, "Retired", TRUE)) != NULL, WAIT_MS);
  UI_WAIT_UNTIL ((button = ui_find_widget (pane, ui_is_mapped_button, "_Restore…")) != NULL, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  ui_screenshot (GTK_WIDGET (f->window), "office-ui-retired");

  /* Restore…, confirmed: the mark goes. */
  xtest_click (button);
  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  UI_WAIT_UNTIL ((button = ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_button, "_Restore")) != NULL, WAIT_MS);
  xtest_click (button);
  UI_WAIT_UNTIL (lists_sop (f, SOP_ID, FALSE), WAIT_MS);
  UI_WAIT_UNTIL (ui_find_label (pane, "Retired", TRUE) == NULL, WAIT_MS);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
write_logo (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 96, 96);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  cairo_set_source_rgb (cr, 0.1, 0.45, 0.25);
  cairo_arc (cr, 48, 48, 44, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 40, 20, 16, 56);
  cairo_rectangle (cr, 20, 40, 56, 16);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (path, (const char *)png->data, png->len, &error));
}

static gboolean
is_office_dialog (GtkWindow *window)
{
  return WARTA_IS_OFFICE_DIALOG (window);
}

static void
test_letterhead (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *logo = g_build_filename (f->db->dir, "logo.png", NULL);
  g_autoptr(WartaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  const char * const kop[] = { "KEMENTERIAN KESEHATAN", "BALAI UJI COBA", "Jalan Contoh 1, Medan", NULL };
  GtkWindow *dialog = NULL;
  GtkWidget *menu_button, *item, *name, *kop_view, *button;

  write_logo (logo);
  sign_in_admin (f);

  /* The main menu, Office Profile… */
  UI_WAIT_UNTIL ((menu_button = ui_find_widget (GTK_WIDGET (f->window), ui_is_mapped_menu_button, NULL)) != NULL, WAIT_MS);
  xtest_click (menu_button);
  UI_WAIT_UNTIL ((item = ui_find_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                                        "_Office Profile…", TRUE)) != NULL, WAIT_MS);
  xtest_click (item);
  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (WARTA_TYPE_OFFICE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
                 !warta_office_dialog_is_busy (WARTA_OFFICE_DIALOG (dialog)), WAIT_MS);
  g_assert_true (is_office_dialog (dialog));

  /* The name, over what is there */
  name = ui_find_widget (GTK_WIDGET (dialog), ui_is_named, "office-name");
  g_assert_nonnull (name);
  xtest_click (name);
  ui_iterate (200);
  xtest_ctrl (XK_a);
  xtest_type ("Balai Uji Coba");

  /* The letterhead's lines, typed */
  kop_view = ui_find_widget (GTK_WIDGET (dialog), ui_is_named, "office-kop");
  g_assert_nonnull (kop_view);
  xtest_click (kop_view);
  ui_iterate (200);
  xtest_type ("KEMENTERIAN KESEHATAN\nBALAI UJI COBA\nJalan Contoh 1, Medan");

  /* The logo, chosen */
  UI_WAIT_UNTIL ((button = ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_button, "_Choose…")) != NULL, WAIT_MS);
  xtest_click (button);
  ui_choose_file (logo);
  UI_WAIT_UNTIL (ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_label_holding, "image/png, ") != NULL, WAIT_MS);
  UI_WAIT_UNTIL (!warta_office_dialog_is_busy (WARTA_OFFICE_DIALOG (dialog)), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  ui_screenshot (GTK_WIDGET (dialog), "office-ui-profile");

  /* Save: the dialog closes, the engine has it. */
  UI_WAIT_UNTIL ((button = ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_button, "_Save")) != NULL, WAIT_MS);
  xtest_click (button);
  UI_WAIT_UNTIL (ui_find_toplevel (WARTA_TYPE_OFFICE_DIALOG, NULL) == NULL, WAIT_MS);

  office = warta_engine_get_office (f->db->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->name, ==, "Balai Uji Coba");
  g_assert_cmpstrv (office->kop_lines, kop);
  g_assert_nonnull (office->logo);
  g_assert_cmpstr (office->logo_type, ==, "image/png");
}

static gboolean
offers_sop (Fixture    *f,
            const char *sop_id)
{
  WartaNewCaseDialog *dialog = warta_new_case_dialog_new (GTK_WINDOW (f->window), warta_window_get_session (f->window));
  gboolean offered;

  gtk_window_present (GTK_WINDOW (dialog));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)) && !warta_new_case_dialog_is_busy (dialog), WAIT_MS);
  offered = warta_new_case_dialog_select_sop (dialog, sop_id);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return offered;
}

/* The new-case dialog offers a retired SOP no more, and again once it is
 * restored. */
static void
test_new_case_retired (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  test_db_install_seeds (f->db);
  sql = g_strdup_printf ("INSERT INTO user_roles (user_id, role_id) VALUES (%" G_GINT64_FORMAT ", 'staff-tim-kerja')",
                         f->db->admin);
  test_db_exec (f->db, sql);
  sign_in_admin (f);

  g_assert_true (offers_sop (f, SOP_ID));
  g_assert_true (warta_engine_set_sop_retired (f->db->engine, f->db->admin, SOP_ID, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (offers_sop (f, SOP_ID));
  g_assert_true (warta_engine_set_sop_retired (f->db->engine, f->db->admin, SOP_ID, FALSE, &error));
  g_assert_true (offers_sop (f, SOP_ID));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* XTest speaks X11: on the Xvfb display, whatever the session. */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  app = ui_application_new ();

  g_test_add ("/office-ui/import-retire", Fixture, NULL, fixture_set_up, test_import_retire, fixture_tear_down);
  g_test_add ("/office-ui/letterhead", Fixture, NULL, fixture_set_up, test_letterhead, fixture_tear_down);
  g_test_add ("/office-ui/new-case-retired", Fixture, NULL, fixture_set_up, test_new_case_retired, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
