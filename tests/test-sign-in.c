/* test-sign-in.c: finding oneself on the sign-in page, with a keyboard
 *
 * The sample office, as the welcome page makes it, with two more people
 * whose logins are words of other people's names ("sari" is in "Ratna
 * Sari Dewi" and "Permatasari", "tari" in "Lestari"). Every key goes
 * through the X server by XTest, as a person types, the first ones right
 * after the window is presented, before it has painted anything.
 * Screenshots go to the build directory.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-sample.h"
#include "warta-sign-in-page.h"
#include "warta-sop.h"
#include "warta-window.h"

/* A worker's read, a sign-in's argon2id: generous, for a loaded machine. */
#define WAIT_MS 10000

static WartaApplication *app;
static char *db_dir;
static char *db_path;

typedef struct
{
  WartaWindow     *window;
  WartaSignInPage *page;
} Fixture;

/* The sample office, made once for every test: hashing its passwords
 * takes a while. */
static void
make_office (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) store = NULL;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(WartaUser) admin = NULL;
  const struct { const char *login, *name, *role; } more[] = {
    { "sari", "Sari Wulandari, S.Ds.", "admin-website" },
    { "tari", "Tari Oktaviani, S.Kom.", "admin-website" },
  };

  db_dir = g_dir_make_tmp ("warta-sign-in-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (db_dir, "warta.db", NULL);
  store = warta_store_open (db_path, &error);
  g_assert_no_error (error);
  engine = warta_engine_new (store);
  g_assert_true (warta_sample_populate (engine, warta_sop_get_shipped_dir (), &error));
  g_assert_no_error (error);
  admin = warta_store_find_user (store, "admin", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      const char *roles[] = { more[i].role, NULL };
      WartaUser user = { 0 };
      gint64 id;

      user.login = (char *)more[i].login;
      user.full_name = (char *)more[i].name;
      user.roles = (GStrv)roles;

      /* The administrator's first password, replaced by the person's own. */
      id = warta_engine_add_user (engine, admin->id, &user, "sementara123", &error);
      g_assert_no_error (error);
      g_assert_cmpint (warta_engine_change_password (engine, user.login, "sementara123", WARTA_SAMPLE_PASSWORD,
                                                     &error), ==, id);
      g_assert_no_error (error);
    }
}

static void
remove_office (void)
{
  g_autoptr(GDir) dir = g_dir_open (db_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (db_dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (db_dir);
  g_clear_pointer (&db_dir, g_free);
  g_clear_pointer (&db_path, g_free);
}

/* Presents the window and, without letting GTK draw anything, waits
 * for the X server to show it and gives it the keyboard, as a window
 * manager does: what is typed now reaches the window before its first
 * frame. */
static void
present_window (Fixture *f)
{
  Display *display = xtest_get_display ();
  GdkSurface *surface;
  XWindowAttributes attributes = { 0 };
  Window xid;

  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", db_path,
                            NULL);
  f->page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));

  surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_assert_nonnull (surface);
  xid = gdk_x11_surface_get_xid (surface);
  for (guint i = 0; i < 500 && attributes.map_state != IsViewable; i++)
    {
      XGetWindowAttributes (display, xid, &attributes);
      if (attributes.map_state != IsViewable)
        g_usleep (10000);
    }
  g_assert_cmpint (attributes.map_state, ==, IsViewable);
  XSetInputFocus (display, xid, RevertToParent, CurrentTime);
  XSync (display, False);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *file = g_strconcat ("screenshot-", name, NULL);

  ui_screenshot (GTK_WIDGET (f->window), file);
}

/* The window as it is now, not a few frames later: the password is
 * checked within a fraction of a second. */
static void
screenshot_now (Fixture    *f,
                const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat ("screenshot-", name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkEditable *
search_entry (Fixture *f)
{
  GtkWidget *entry = ui_find_descendant (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static gboolean
search_is (Fixture    *f,
           const char *text)
{
  return g_strcmp0 (gtk_editable_get_text (search_entry (f)), text) == 0;
}

/* Waits for the search to hold @text, and for the list to follow it: the
 * entry says so a moment after the last key. */
static void
wait_search (Fixture    *f,
             const char *text)
{
  UI_WAIT_UNTIL (search_is (f, text), WAIT_MS);
  ui_iterate (400);
  ui_wait_for_frames (GTK_WIDGET (f->window), 1);
}

static gboolean
focus_in (Fixture   *f,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Asserts that the list shows the people of @logins first, in that order. */
static void
assert_shown_first (Fixture            *f,
                    const char * const *logins)
{
  g_auto(GStrv) shown = warta_sign_in_page_dup_shown_logins (f->page);
  g_autofree char *joined = g_strjoinv (" ", shown);

  g_test_message ("shown: %s", joined);
  for (guint i = 0; logins[i] != NULL; i++)
    {
      g_assert_cmpuint (i, <, g_strv_length (shown));
      g_assert_cmpstr (shown[i], ==, logins[i]);
    }
}

/* Typed before the first frame, then more: every key reaches the search,
 * and the exact login comes first, then a word of a name, then the rest. */
static void
test_search_order (Fixture       *f,
                   gconstpointer  data)
{
  const char * const sari[] = { "sari", "ratna", "indah", NULL };
  const char * const sar[] = { "sari", "ratna", "indah", NULL };
  const char * const tari[] = { "tari", "maya", NULL };

  present_window (f);
  xtest_type ("sari");
  wait_search (f, "sari");
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  assert_shown_first (f, sari);
  screenshot (f, "sign-in-search-sari");

  /* A prefix of the login before a word of a name */
  xtest_press (XK_BackSpace, NULL, 0);
  wait_search (f, "sar");
  assert_shown_first (f, sar);

  /* All of it away, and "tari": the login before "Lestari" */
  for (guint i = 0; i < 3; i++)
    xtest_press (XK_BackSpace, NULL, 0);
  UI_WAIT_UNTIL (search_is (f, ""), WAIT_MS);
  xtest_type ("tari");
  wait_search (f, "tari");
  assert_shown_first (f, tari);
  screenshot (f, "sign-in-search-tari");

  /* Enter picks the first one shown, and the password takes the keys. */
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (g_strcmp0 (warta_sign_in_page_get_login (f->page), "tari") == 0, WAIT_MS);
}

/* Enter with nothing searched picks nobody: the administrator's row is
 * only the first of the list. */
static void
test_enter_empty (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *entry;

  present_window (f);
  entry = GTK_WIDGET (search_entry (f));
  UI_WAIT_UNTIL (focus_in (f, entry), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 1);
  xtest_press (XK_Return, NULL, 0);
  ui_iterate (500);
  g_assert_null (warta_sign_in_page_get_login (f->page));
  g_assert_false (warta_sign_in_page_get_busy (f->page));
  g_assert_cmpint (warta_session_get_user_id (warta_window_get_session (f->window)), ==, 0);
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  g_assert_true (search_is (f, ""));
}

typedef struct
{
  GtkWidget *spinner;
  gboolean   busy_seen;
  gboolean   spinner_shown;
} SpinnerSeen;

static void
on_busy (WartaSignInPage *page,
         GParamSpec      *pspec,
         SpinnerSeen     *seen)
{
  if (!warta_sign_in_page_get_busy (page))
    return;
  seen->busy_seen = TRUE;
  /* Shown, turning, and not greyed out with an insensitive button */
  seen->spinner_shown = gtk_widget_get_mapped (seen->spinner) &&
                        gtk_widget_get_child_visible (seen->spinner) &&
                        gtk_widget_is_sensitive (seen->spinner) &&
                        gtk_spinner_get_spinning (GTK_SPINNER (seen->spinner));
}

/* A spinner turns while the worker checks the password; then the panes. */
static void
test_spinner (Fixture       *f,
              gconstpointer  data)
{
  SpinnerSeen seen = { 0 };
  gulong handler;

  present_window (f);
  seen.spinner = ui_find_descendant (GTK_WIDGET (f->page), GTK_TYPE_SPINNER);
  g_assert_nonnull (seen.spinner);
  handler = g_signal_connect (f->page, "notify::busy", G_CALLBACK (on_busy), &seen);

  xtest_type ("eko");
  UI_WAIT_UNTIL (search_is (f, "eko"), WAIT_MS);
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (g_strcmp0 (warta_sign_in_page_get_login (f->page), "eko") == 0, WAIT_MS);
  xtest_type (WARTA_SAMPLE_PASSWORD);
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (seen.busy_seen, WAIT_MS);
  g_assert_true (seen.spinner_shown);
  ui_wait_for_frames (GTK_WIDGET (f->window), 1);
  if (warta_sign_in_page_get_busy (f->page))
    screenshot_now (f, "sign-in-checking");
  /* A second Enter while it checks starts nothing more. */
  if (warta_sign_in_page_get_busy (f->page))
    warta_sign_in_page_submit (f->page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (f->page), WAIT_MS);
  g_signal_handler_disconnect (f->page, handler);
  g_assert_null (warta_sign_in_page_get_error (f->page));
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "work");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* XTest speaks X11: on the Xvfb display, even when run from a Wayland
   * session that left WAYLAND_DISPLAY in the environment. */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);

  app = ui_application_new ();
  make_office ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sign-in/search-order", test_search_order);
  ADD ("/sign-in/enter-empty", test_enter_empty);
  ADD ("/sign-in/spinner", test_spinner);

#undef ADD

  status = g_test_run ();
  remove_office ();
  g_clear_object (&app);
  return status;
}
