/* print-ui-util.c: the cases, window and readers the print tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "print-ui-util.h"
#include "warta-sign-in-page.h"

WartaApplication *print_ui_app;

/* Seed 002 through to its end, rounds times returned at step 3 first. */
gint64
print_ui_drive_case (Fixture    *f,
                     const char *title,
                     guint       rounds)
{
  return test_db_drive_002 (f->db, f->staff, f->katim, f->kepala, f->web, title, rounds);
}

void
print_ui_set_up (Fixture       *f,
                 gconstpointer  data)
{
  f->db = test_db_new ();
  /* Real time, as the window's engine keeps: the cases end in the past. */
  f->db->now = g_get_real_time () - (gint64)G_USEC_PER_SEC * 3600 * 24 * 3;
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);
  f->case_id = print_ui_drive_case (f, CASE_TITLE, 0);
  f->long_id = print_ui_drive_case (f, "Pemeriksaan Kesehatan Awak Kapal", LONG_ROUNDS);

  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", print_ui_app,
                            "database-path", f->db->path,
                            NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), WAIT_MS);
}

void
print_ui_tear_down (Fixture       *f,
                    gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  test_db_free (f->db);
}

void
print_ui_sign_in (Fixture    *f,
                  const char *login,
                  gint64      id)
{
  WartaSession *session = warta_window_get_session (f->window);
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));

  if (warta_session_get_user_id (session) != 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  /* People added after the window opened show within its next poll. */
  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, login), WAIT_MS);
  warta_sign_in_page_set_password (page, TEST_PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpint (warta_session_get_user_id (session), ==, id);
}

/* The whole screen, as a person would see it, as NAME.png in the build
 * directory. */
void
print_ui_save_root_window (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    g_test_message ("no root screenshot: %s", error->message);
  else
    g_test_message ("root screenshot: %s (status %d)", path, status);
}

void
print_ui_save_screen (Fixture    *f,
                      const char *name)
{
  ui_screenshot (GTK_WIDGET (f->window), name);
}

/* Reading the papers back */

/* The document at path, once it is whole: the file printer may still be
 * copying the spooled job when GTK says it is done. */
static PopplerDocument *
try_open_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  /* Not before its end is written */
  if (!g_file_get_contents (path, &contents, &length, NULL) || length < 1024 ||
      g_strstr_len (contents + length - 1024, 1024, "%%EOF") == NULL)
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return poppler_document_new_from_bytes (bytes, NULL, NULL);
}

GPtrArray *
print_ui_page_texts (PopplerDocument *document)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);

      g_ptr_array_add (pages, poppler_page_get_text (page));
    }
  return pages;
}

GPtrArray *
print_ui_read_pdf (const char *path)
{
  g_autoptr(PopplerDocument) document = NULL;

  UI_WAIT_UNTIL ((document = try_open_pdf (path)) != NULL, PRINT_MS);
  return print_ui_page_texts (document);
}

guint
print_ui_count_prints (Fixture    *f,
                       gint64      by,
                       gint64      case_id,
                       const char *document,
                       const char *how,
                       const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prints = warta_engine_list_prints (f->db->engine, case_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < prints->len; i++)
    {
      const WartaPrintRecord *record = g_ptr_array_index (prints, i);

      if (g_strcmp0 (record->document, document) == 0 && g_strcmp0 (record->how, how) == 0 &&
          record->by == by && (sha256 == NULL || g_strcmp0 (record->sha256, sha256) == 0))
        n++;
    }
  return n;
}

void
print_ui_init (int    *argc,
               char ***argv)
{
  g_test_init (argc, argv, NULL);

  print_ui_app = ui_application_new ();
}

int
print_ui_run (void)
{
  int status = g_test_run ();

  g_clear_object (&print_ui_app);
  return status;
}
