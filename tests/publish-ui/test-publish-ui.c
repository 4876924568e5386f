/* test-publish-ui.c: publishing a case from the window, against a fake
 * WordPress on loopback
 *
 * A case of seed 002 stands at its publish step (6, admin website) with a
 * nota dinas, a supporting PDF and two photos; the office's site reads its
 * Application Password from a credentials file. The admin website signs
 * in, opens the case's Publication page and presses Publish: the window
 * publishes, verifies, takes the page's screenshot (WebKit, in its helper
 * process) and completes the step, without blocking. The fake site ends
 * with one post and three files, whatever is pressed twice; Update sends
 * the same post again. The administrator's Publishing Sites dialog tests
 * the connection, check by check. While it publishes, the process holds
 * no database connection but the session worker's (and the test's own).
 *
 * Run under Xvfb on a private D-Bus session. Screenshots go to the build
 * directory, and the whole screen as publish-ui.png beside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "fake-wp.h"
#include "test-util.h"
#include "ui-util.h"
#include "warta-application.h"
#include "warta-case-view.h"
#include "warta-cases-pane.h"
#include "warta-publish-panel.h"
#include "warta-publisher.h"
#include "warta-sign-in-page.h"
#include "warta-sites-dialog.h"
#include "warta-window.h"
#include "warta-wp.h"

#define SOP_ID  "bbkk-medan-publikasi-website"
#define TITLE   "Vaksinasi Internasional di Pelabuhan Belawan"
#define WAIT_MS 10000
/* Publishing, the page's load in WebKit and the screenshot */
#define PUBLISH_MS 90000

typedef struct
{
  TestDb      *db;
  FakeWp      *wp;
  gint64       staff, katim, kepala, web;
  gint64       case_id;
  gint64       site_id;
  char        *credentials;
  WartaWindow *window;
} Fixture;

static WartaApplication *app;

static char *
write_photo (Fixture    *f,
             const char *name,
             double      red)
{
  char *path = g_build_filename (f->db->dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 400);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, red, 0.55, 0.85);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.6, 0.25);
  cairo_rectangle (cr, 0, 260, 640, 140);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static void
attach_file (Fixture    *f,
             gint64      actor,
             const char *path,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (warta_engine_attach (f->db->engine, actor, f->case_id, file, kind, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* Seed 002 driven to step 6 through the engine, as other people's work;
 * the site, with its password in a file of mode 0600. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  WartaEngine *e;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autofree char *photo1 = NULL;
  g_autofree char *photo2 = NULL;
  WartaSite site = { 0 };

  f->db = test_db_new ();
  /* The window's engine keeps real time; so does this one. */
  f->db->now = g_get_real_time () - (gint64)G_USEC_PER_SEC * 3600;
  e = f->db->engine;
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);

  f->case_id = warta_engine_start_case (e, f->staff, SOP_ID, TITLE, &error);
  g_assert_no_error (error);
  naskah = warta_naskah_new (f->case_id);
  naskah->title = g_strdup (TITLE);
  naskah->body = g_strdup ("Petugas **BBKK Medan** memberikan vaksinasi internasional kepada awak kapal "
                           "di Pelabuhan Belawan.\n\nLayanan dibuka setiap hari kerja.\n");
  g_assert_true (warta_engine_save_naskah (e, f->staff, naskah, &error));
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  /* Step 2: the nota dinas and the supporting PDF */
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (e, f->kepala, f->case_id, f->katim, "Teruskan ke admin website", &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_no_error (error);

  /* Two photos the admin website adds at the publish step */
  photo1 = write_photo (f, "foto-vaksinasi.png", 0.3);
  photo2 = write_photo (f, "foto-pelabuhan.png", 0.8);
  attach_file (f, f->web, photo1, "foto");
  attach_file (f, f->web, photo2, "foto");

  f->wp = fake_wp_new ();
  f->credentials = g_build_filename (f->db->dir, "situs.password", NULL);
  g_assert_true (g_file_set_contents_full (f->credentials, FAKE_WP_ADMIN_PASSWORD "\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  site.name = (char *)"Situs BBKK Medan";
  site.url = (char *)fake_wp_get_url (f->wp);
  site.user = (char *)FAKE_WP_ADMIN;
  site.credentials_file = f->credentials;
  f->site_id = warta_engine_add_site (e, f->db->admin, &site, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->site_id, >, 0);

  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", f->db->path,
                            NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), WAIT_MS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  fake_wp_free (f->wp);
  g_free (f->credentials);
  test_db_free (f->db);
}

static void
sign_in (Fixture    *f,
         const char *login,
         gint64      id)
{
  WartaSession *session = warta_window_get_session (f->window);
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));

  if (warta_session_get_user_id (session) != 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, login), WAIT_MS);
  warta_sign_in_page_set_password (page, TEST_PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpint (warta_session_get_user_id (session), ==, id);
}

static gboolean
model_lists (WartaCaseListModel *model,
             gint64              case_id)
{
  return !warta_case_list_model_get_loading (model) &&
         warta_case_list_model_find (model, case_id) != GTK_INVALID_LIST_POSITION;
}

/* The case from the Publication pane's list, on its Publication page. */
static WartaCaseView *
open_publish_page (Fixture *f)
{
  WartaCasesPane *pane;
  WartaCaseView *view;

  g_assert_true (warta_window_show_pane (f->window, "publish"));
  pane = WARTA_CASES_PANE (warta_window_get_pane (f->window, "publish"));
  UI_WAIT_UNTIL (model_lists (warta_cases_pane_get_model (pane), f->case_id), WAIT_MS);
  warta_cases_pane_show_case (pane, f->case_id);
  view = WARTA_CASE_VIEW (ui_find_descendant (GTK_WIDGET (pane), WARTA_TYPE_CASE_VIEW));
  UI_WAIT_UNTIL (!warta_case_view_is_busy (view), WAIT_MS);
  g_assert_nonnull (view);
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, f->case_id);
  g_assert_true (adw_view_stack_page_get_visible (ui_case_child (view, "publish_page")));

  /* Its publisher lands on the Publication page; the action bar's
   * button publishes. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ui_case_child (view, "view_stack")), ==, "publish");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "complete_button"))));
  g_assert_cmpstr (gtk_button_get_label (ui_case_child (view, "complete_button")), ==, "_Publish");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (ui_case_child (view, "complete_button"))), ==, "case.publish");
  return view;
}

static char *
active_step (Fixture *f)
{
  g_autoptr(WartaCase) kase = warta_store_get_case (f->db->store, f->case_id, NULL);

  return kase != NULL && kase->active != NULL ? g_strdup (kase->active->step_id) : NULL;
}

static gboolean
step_is (Fixture    *f,
         const char *step_id)
{
  g_autofree char *step = active_step (f);

  return g_strcmp0 (step, step_id) == 0;
}

static void
save_screen (Fixture    *f,
             const char *name)
{
  ui_screenshot (GTK_WIDGET (f->window), name);
}

/* The whole screen, as a person would see it, as NAME.png in the build
 * directory. */
static void
save_root_window (const char *name)
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

/* How many descriptors of this process have the database file open: one
 * a connection. */
static guint
count_connections (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (g_strcmp0 (target, f->db->path) == 0)
        n++;
    }
  return n;
}

/* Whether the panel's job has ended; until then, the most connections
 * to the database seen at once go to *most. */
static gboolean
job_ended (Fixture           *f,
           WartaPublishPanel *panel,
           guint             *most)
{
  *most = MAX (*most, count_connections (f));
  return !warta_publish_panel_is_busy (panel);
}

static void
test_publish_from_window (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(WartaAttachment) shot = NULL;
  WartaPublication *publication;
  WartaCaseView *view;
  WartaPublishPanel *panel;
  FakeWpFault slow_post = {
    .method = "POST", .route = "/wp/v2/posts", .kind = FAKE_WP_FAULT_SLOW_BODY, .delay_ms = 20,
  };
  guint media_before;
  guint connections, most = 0;

  sign_in (f, "web", f->web);
  view = open_publish_page (f);
  panel = ui_case_child (view, "publish_panel");
  g_assert_true (warta_publish_panel_get_may_publish (panel));
  g_assert_cmpuint (warta_publish_panel_get_n_publications (panel), ==, 0);
  save_screen (f, "publish-ui-form");
  /* This test's own and the session's worker's. */
  connections = count_connections (f);
  g_assert_cmpuint (connections, ==, 2);
  /* The post's answer comes slowly, so the job is watched a while. */
  fake_wp_add_fault (f->wp, &slow_post);

  /* The button, then at once again and Ctrl+Shift+P: one job, one post;
   * the button goes insensitive while it runs. */
  g_signal_emit_by_name (ui_case_child (view, "complete_button"), "clicked");
  g_assert_true (warta_publish_panel_is_busy (panel));
  g_assert_true (warta_publish_panel_case_is_busy (f->case_id));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_case_child (view, "complete_button"))));
  g_signal_emit_by_name (ui_case_child (view, "complete_button"), "clicked");
  gtk_widget_activate_action (GTK_WIDGET (panel), "publish.run", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "case.publish", NULL);
  g_assert_true (warta_publish_panel_is_busy (panel));

  /* The window keeps drawing while the worker and WebKit do their part. */
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  save_screen (f, "publish-ui-running");
  UI_WAIT_UNTIL (job_ended (f, panel, &most), PUBLISH_MS);
  g_assert_null (warta_publish_panel_get_error (panel));
  /* The publisher did its database work on the session's worker: no
   * connection of its own. */
  g_assert_cmpuint (most, ==, connections);
  g_assert_false (warta_publish_panel_case_is_busy (f->case_id));
  UI_WAIT_UNTIL (step_is (f, "7"), WAIT_MS);

  /* On the site: one post, the PDF and the two photos; the nota dinas
   * stays in the office. */
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, "publish"), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 3);

  /* In the database: verified live, its screenshot a PNG of the case. */
  publications = warta_store_list_publications (f->db->store, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (publications->len, ==, 1);
  publication = g_ptr_array_index (publications, 0);
  g_assert_true (warta_publication_is_verified (publication));
  g_assert_cmpint (publication->http_status, ==, 200);
  g_assert_cmpint (publication->site_id, ==, f->site_id);
  shot = warta_store_get_attachment (f->db->store, publication->screenshot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shot->content_type, ==, "image/png");
  g_assert_cmpint (shot->case_id, ==, f->case_id);
  g_assert_cmpint (shot->size, >, 1000);

  /* The page follows: the proof is shown, the form is gone, and Publish
   * cannot run again, the step being done. */
  UI_WAIT_UNTIL (warta_publish_panel_get_n_publications (panel) == 1 &&
                 !warta_publish_panel_get_may_publish (panel), WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (panel), "publish.run", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "case.publish", NULL);
  g_assert_false (warta_publish_panel_is_busy (panel));
  g_assert_cmpstr (gtk_button_get_label (ui_case_child (view, "complete_button")), !=, "_Publish");
  g_assert_nonnull (ui_find_button (GTK_WIDGET (panel), "_Update"));
  ui_iterate (500);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  save_screen (f, "publish-ui-published");

  /* Update: the same post again, no new one, no new file. */
  media_before = fake_wp_count_media (f->wp);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "publish.update", "x", publication->id));
  g_assert_true (warta_publish_panel_is_busy (panel));
  UI_WAIT_UNTIL (!warta_publish_panel_is_busy (panel), PUBLISH_MS);
  g_assert_null (warta_publish_panel_get_error (panel));
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, media_before);
  g_assert_cmpuint (fake_wp_count_requests (f->wp, "POST", "/wp/v2/posts/*"), >=, 1);
  g_assert_true (step_is (f, "7"));

  ui_iterate (500);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  save_screen (f, "publish-ui-updated");
  save_root_window ("publish-ui");
}

/* A site that takes the request and then says nothing: the panel shows
 * the time left while it waits, stops at the limit saying which stage was
 * stuck, and once the site answers, Publish makes exactly one post. */
static void
test_publish_deadline (Fixture       *f,
                       gconstpointer  data)
{
  FakeWpFault hang = { .kind = FAKE_WP_FAULT_TIMEOUT, .delay_ms = 60000 };
  WartaCaseView *view;
  WartaPublishPanel *panel;
  const char *error;
  gint64 started;

  sign_in (f, "web", f->web);
  view = open_publish_page (f);
  panel = ui_case_child (view, "publish_panel");
  warta_publish_panel_set_time_limit (panel, 4);
  fake_wp_add_fault (f->wp, &hang);

  started = g_get_monotonic_time ();
  g_signal_emit_by_name (ui_case_child (view, "complete_button"), "clicked");
  g_assert_true (warta_publish_panel_is_busy (panel));
  UI_WAIT_UNTIL (strstr (gtk_label_get_label (ui_child (panel, WARTA_TYPE_PUBLISH_PANEL, "stage_label")), "0:02 left)") != NULL, WAIT_MS);
  g_test_message ("while it waits: %s", gtk_label_get_label (ui_child (panel, WARTA_TYPE_PUBLISH_PANEL, "stage_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (ui_child (panel, WARTA_TYPE_PUBLISH_PANEL, "stage_label")), "Connecting to the site"));
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  save_screen (f, "publish-ui-time-left");

  UI_WAIT_UNTIL (!warta_publish_panel_is_busy (panel), WAIT_MS);
  g_assert_cmpfloat ((g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC, <, 6.0);
  error = warta_publish_panel_get_error (panel);
  g_assert_nonnull (error);
  g_test_message ("%s", error);
  g_assert_nonnull (strstr (error, "time limit of 4 seconds"));
  g_assert_nonnull (strstr (error, "connecting to the site"));
  g_assert_nonnull (strstr (error, "never makes a second post"));
  g_assert_false (warta_publish_panel_case_is_busy (f->case_id));
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
  ui_iterate (300);
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  save_screen (f, "publish-ui-time-limit");

  warta_publish_panel_set_time_limit (panel, WARTA_PUBLISH_DEFAULT_DEADLINE);
  g_signal_emit_by_name (ui_case_child (view, "complete_button"), "clicked");
  g_assert_true (warta_publish_panel_is_busy (panel));
  UI_WAIT_UNTIL (!warta_publish_panel_is_busy (panel), PUBLISH_MS);
  g_assert_null (warta_publish_panel_get_error (panel));
  UI_WAIT_UNTIL (step_is (f, "7"), WAIT_MS);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
}

/* The administrator's dialog: the four checks against the fake site; the
 * admin website has no such menu item, and the engine refuses them. */
static void
test_sites_dialog (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  WartaSitesDialog *dialog;
  WartaSite site = { .name = (char *)"Lain", .url = (char *)"https://example.go.id/", .user = (char *)"x" };

  sign_in (f, "web", f->web);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sites", NULL);
  ui_iterate (200);
  g_assert_null (ui_find_toplevel (WARTA_TYPE_SITES_DIALOG, NULL));
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->web, &site, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);

  sign_in (f, "admin", f->db->admin);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sites", NULL));
  UI_WAIT_UNTIL ((dialog = WARTA_SITES_DIALOG (ui_find_toplevel (WARTA_TYPE_SITES_DIALOG, NULL))) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);

  warta_sites_dialog_set_site (dialog, "Situs Uji", fake_wp_get_url (f->wp), FAKE_WP_ADMIN, FAKE_WP_ADMIN_PASSWORD);
  g_assert_true (warta_sites_dialog_test (dialog));
  g_assert_true (warta_sites_dialog_is_busy (dialog));
  UI_WAIT_UNTIL (!warta_sites_dialog_is_busy (dialog), WAIT_MS * 3);
  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    g_assert_cmpint (warta_sites_dialog_get_check (dialog, i), ==, WARTA_WP_CHECK_PASSED);
  ui_screenshot (GTK_WIDGET (dialog), "publish-ui-sites-dialog");

  /* A wrong password: the credentials check fails, the rest is not run. */
  warta_sites_dialog_set_site (dialog, "Situs Uji", fake_wp_get_url (f->wp), FAKE_WP_ADMIN, "salah salah salah");
  g_assert_true (warta_sites_dialog_test (dialog));
  UI_WAIT_UNTIL (!warta_sites_dialog_is_busy (dialog), WAIT_MS * 3);
  g_assert_cmpint (warta_sites_dialog_get_check (dialog, WARTA_WP_CHECK_URL), ==, WARTA_WP_CHECK_PASSED);
  g_assert_cmpint (warta_sites_dialog_get_check (dialog, WARTA_WP_CHECK_CREDENTIALS), ==, WARTA_WP_CHECK_FAILED);
  g_assert_cmpint (warta_sites_dialog_get_check (dialog, WARTA_WP_CHECK_PUBLISH), ==, WARTA_WP_CHECK_NOT_RUN);
  ui_screenshot (GTK_WIDGET (dialog), "publish-ui-sites-dialog-failed");

  /* Saving asks the keyring first, which may wait on its prompt (here
   * nobody answers it): closing the dialog cancels, and nothing is
   * saved; else it is saved whole, password and site. */
  before = warta_store_list_sites (f->db->store, NULL);
  warta_sites_dialog_set_site (dialog, "Situs Uji", fake_wp_get_url (f->wp), FAKE_WP_ADMIN, FAKE_WP_ADMIN_PASSWORD);
  g_assert_true (warta_sites_dialog_save (dialog));
  ui_iterate (1000);
  g_test_message ("saving still waits: %d", warta_sites_dialog_is_busy (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  UI_WAIT_UNTIL (dialog == NULL, WAIT_MS * 3);
  after = warta_store_list_sites (f->db->store, NULL);
  g_assert_true (after->len == before->len || after->len == before->len + 1);
  g_test_message ("sites before %u, after %u", before->len, after->len);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = ui_application_new ();

  g_test_add ("/ui/publish/from-the-window", Fixture, NULL, fixture_set_up, test_publish_from_window, fixture_tear_down);
  g_test_add ("/ui/publish/time-limit", Fixture, NULL, fixture_set_up, test_publish_deadline, fixture_tear_down);
  g_test_add ("/ui/publish/sites-dialog", Fixture, NULL, fixture_set_up, test_sites_dialog, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
