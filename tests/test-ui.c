/* test-ui.c: Warta as people use it, in a window on a display
 *
 * Signing in, and the panes each person has; the window built when
 * needed; changes made by another connection, another window and
 * warta-cli, which must show within two seconds; the welcome page; a
 * database others could read. Each pane tested is saved as a PNG in the
 * build directory. The case view's own tests are in test-ui-case.c, the
 * office and its window in ui-office.c.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "ui-office.h"
#include "warta-archive-pane.h"
#include "warta-case-row.h"
#include "warta-sample.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"
#include "warta-welcome-page.h"

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

  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, "staf"), WAIT_MS);
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
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (ui_office_get_application ()), "win.show-help-overlay");
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

/* The first frame signed in: what it draws */
typedef struct
{
  WartaWindow *window;
  int          rows;       /* case rows in the inbox at its first frame with any, or -1 */
  gboolean     archive;    /* whether the archive pane was built by the first frame signed in */
  gboolean     painted;    /* a frame signed in was drawn */
} FirstFrame;

static int
count_case_rows (GtkWidget *widget)
{
  int n = WARTA_IS_CASE_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_case_rows (child);
  return n;
}

static void
on_after_paint (GdkFrameClock *clock,
                FirstFrame    *frame)
{
  GtkWidget *inbox;
  int rows;

  if (g_strcmp0 (warta_window_get_page_name (frame->window), "work") != 0)
    return;
  if (!frame->painted)
    frame->archive = ui_find_descendant (GTK_WIDGET (frame->window), WARTA_TYPE_ARCHIVE_PANE) != NULL;
  frame->painted = TRUE;
  /* Not through warta_window_get_pane, which would build the archive. */
  inbox = ui_find_descendant (GTK_WIDGET (frame->window), WARTA_TYPE_CASES_PANE);
  rows = inbox != NULL ? count_case_rows (inbox) : 0;
  if (rows > 0 && frame->rows < 0)
    frame->rows = rows;
}

/* Signed in over 300 cases, the first frame draws the rows a window shows
 * and no archive register: GtkListView (GTK 4.8) makes 200 rows at once,
 * and the register holds a PDF view. Both come right after, and every
 * case can be reached. The panes the person does not have read nothing. */
static void
test_first_frame (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FirstFrame frame = { f->window, -1, FALSE, FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  WartaCaseListModel *model;
  gint64 last = 0;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Rilis kegiatan %u", i + 1);

      last = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, title, &error);
      g_assert_no_error (error);
    }

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frame);
  sign_in (f, STAF);
  model = warta_cases_pane_get_model (get_cases_pane (f->window, "inbox"));
  UI_WAIT_UNTIL (frame.rows > 0, WAIT_MS);
  g_assert_false (frame.archive);
  g_assert_cmpint (frame.rows, <=, 30);

  /* Panes staf does not have count nothing. */
  g_assert_null (warta_cases_pane_get_model (get_cases_pane (f->window, "review")));
  g_assert_null (warta_cases_pane_get_model (get_cases_pane (f->window, "publish")));

  /* Then the rest, and the register */
  UI_WAIT_UNTIL (count_case_rows (GTK_WIDGET (get_cases_pane (f->window, "inbox"))) > 30, WAIT_MS);
  UI_WAIT_UNTIL (ui_find_descendant (GTK_WIDGET (f->window), WARTA_TYPE_ARCHIVE_PANE) != NULL, WAIT_MS);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, &frame);
  g_assert_true (warta_window_is_pane_visible (f->window, "archive"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
  /* The list can reach any of them, the last started too. */
  g_assert_nonnull (open_case (f->window, "inbox", last));
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
  UI_WAIT_UNTIL (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (warta_window_get_pane (f->window, "sop")),
                                                 SOP_ID), WAIT_MS);
  screenshot (f, GTK_WIDGET (f->window), "sop-bbkk-medan");
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
  UI_WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (ui_case_child (view, "naskah_title_row"))),
                            "Rilis dari proses lain") == 0, LIVE_MS);

  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);
  UI_WAIT_UNTIL (model_lists_at_step (model, case_id, "2") &&
                 g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 2: "), LIVE_MS);
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
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "action_bar"))));

  run_cli (f, "case", "complete", id, "--as", "staf", "--note", "Konsep siap", NULL);
  UI_WAIT_UNTIL (model_lists_at_step (model, case_id, "2") &&
                 g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 2: "), LIVE_MS);

  /* Files attached from warta-cli show in the open case's panel. */
  {
    g_autofree char *nota = write_pdf (f, "nota-cli.pdf", 2, "Belawan", 0);
    g_autofree char *data_dukung = write_pdf (f, "data-cli.pdf", 1, "Lampiran", 0);

    run_cli (f, "attach", id, nota, "--kind", "nota-dinas", "--as", "staf", NULL);
    run_cli (f, "attach", id, data_dukung, "--kind", "dokumen-pendukung", "--as", "staf", NULL);
    UI_WAIT_UNTIL (warta_attachments_panel_get_n_attachments (ui_case_child (view, "attachments_panel")) == 2, LIVE_MS);
  }

  run_cli (f, "case", "complete", id, "--as", "staf", NULL);
  UI_WAIT_UNTIL (!model_lists (model, case_id) &&
                 g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 3: "), LIVE_MS);
  g_assert_cmpstr (gtk_label_get_label (ui_case_child (view, "holder_label")), ==,
                   "Held by anyone in Katimker Layanan Publik dan Zona Integritas");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "action_bar"))));
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
  press (view, ui_case_child (view, "complete_button"), "_Complete Step");

  UI_WAIT_UNTIL (!model_lists (mine, case_id), LIVE_MS);
  assert_active_step (f, case_id, "4", 0);
  screenshot (f, GTK_WIDGET (f->window), "live-other-window");
  ui_destroy_window (&other, WAIT_MS);
}

/* What the session says changed, as a view hears it. */
typedef struct
{
  GArray    *kinds;    /* guint */
  GArray    *cases;    /* gint64 */
  GPtrArray *origins;
} Heard;

static void
on_heard (WartaSession *session,
          guint         kind,
          gint64        case_id,
          gpointer      origin,
          Heard        *heard)
{
  g_array_append_val (heard->kinds, kind);
  g_array_append_val (heard->cases, case_id);
  g_ptr_array_add (heard->origins, origin);
}

static gboolean
heard_case (Heard  *heard,
            guint   kind,
            gint64  case_id)
{
  for (guint i = 0; i < heard->kinds->len; i++)
    if (g_array_index (heard->kinds, guint, i) == kind && g_array_index (heard->cases, gint64, i) == case_id)
      return TRUE;
  return FALSE;
}

/* One change signal says what changed, and only the views that show it
 * read again: a step on another berkas moves the inbox but leaves the open
 * case as it is; a new site touches no case; the view's own autosave is
 * heard, with the view as its origin, and not read back; a step on the
 * open berkas elsewhere is read at once. The detail routes it: a handler
 * of "changed::sites" hears only the site. */
static void
test_live_only_what_shows (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaSession *session = warta_window_get_session (f->window);
  WartaSite site = { .name = (char *)"Situs", .url = (char *)"https://bbkk.example.go.id/", .user = (char *)"redaksi" };
  Heard all = { g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (gint64)),
                g_ptr_array_new () };
  Heard sites = { g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (gint64)),
                  g_ptr_array_new () };
  WartaCaseListModel *model;
  WartaCaseView *view;
  const WartaCase *shown;
  gint64 open_id, other_id;
  gulong all_handler, sites_handler;

  open_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Berkas yang dibuka", &error);
  g_assert_no_error (error);
  other_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Berkas lain", &error);
  g_assert_no_error (error);
  compose_elsewhere (f, open_id);
  compose_elsewhere (f, other_id);

  sign_in (f, STAF);
  model = warta_cases_pane_get_model (get_cases_pane (f->window, "inbox"));
  view = open_case (f->window, "inbox", open_id);
  /* What was done before (the cases started, their drafts) has been heard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  ui_iterate (500);
  settle (f->window);
  all_handler = g_signal_connect (session, "changed", G_CALLBACK (on_heard), &all);
  sites_handler = g_signal_connect (session, "changed::sites", G_CALLBACK (on_heard), &sites);
  shown = warta_case_view_get_case (view);

  /* Another berkas moves on, elsewhere: the inbox follows, the view does not read. */
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], other_id, NULL, &error));
  g_assert_no_error (error);
  UI_WAIT_UNTIL (heard_case (&all, WARTA_CHANGE_CASE, other_id), LIVE_MS);
  UI_WAIT_UNTIL (model_lists_at_step (model, other_id, "2"), LIVE_MS);
  settle (f->window);
  g_assert_true (warta_case_view_get_case (view) == shown);
  g_assert_null (g_ptr_array_index (all.origins, 0));
  g_assert_cmpuint (sites.kinds->len, ==, 0);

  /* A site: heard as a site, by the sites handler too, and by no case. */
  g_assert_cmpint (warta_engine_add_site (f->engine, f->admin, &site, &error), >, 0);
  g_assert_no_error (error);
  UI_WAIT_UNTIL (sites.kinds->len == 1, LIVE_MS);
  g_assert_cmpuint (g_array_index (sites.kinds, guint, 0), ==, WARTA_CHANGE_SITES);
  g_assert_true (heard_case (&all, WARTA_CHANGE_SITES, 0));
  settle (f->window);
  g_assert_true (warta_case_view_get_case (view) == shown);

  /* The view's own autosave: heard with its origin, not read back. */
  g_array_set_size (all.kinds, 0);
  g_array_set_size (all.cases, 0);
  g_ptr_array_set_size (all.origins, 0);
  gtk_editable_set_text (GTK_EDITABLE (ui_case_child (view, "naskah_title_row")), "Judul diketik di jendela");
  UI_WAIT_UNTIL (heard_case (&all, WARTA_CHANGE_CASE, open_id), WAIT_MS);
  g_assert_nonnull (g_ptr_array_index (all.origins, 0));
  settle (f->window);
  g_assert_true (warta_case_view_get_case (view) == shown);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_case_child (view, "naskah_title_row"))), ==, "Judul diketik di jendela");

  /* The open berkas changes elsewhere: read at once. */
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], open_id, NULL, &error));
  g_assert_no_error (error);
  UI_WAIT_UNTIL (warta_case_view_get_case (view) != shown && g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 2: "),
                 LIVE_MS);
  g_assert_cmpuint (sites.kinds->len, ==, 1);

  g_signal_handler_disconnect (session, all_handler);
  g_signal_handler_disconnect (session, sites_handler);
  g_array_unref (all.kinds);
  g_array_unref (all.cases);
  g_ptr_array_unref (all.origins);
  g_array_unref (sites.kinds);
  g_array_unref (sites.cases);
  g_ptr_array_unref (sites.origins);
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

  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, "eko"), WAIT_MS);
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

/* A label whose text holds @part */
static gboolean
is_label_holding (GtkWidget     *widget,
                  gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), part) != NULL;
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
  UI_WAIT_UNTIL ((label = ui_find_widget (GTK_WIDGET (f->window), is_label_holding, said)) != NULL, WAIT_MS);
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
  g_test_init (&argc, &argv, NULL);
  ui_office_init ();

  ui_office_add ("/ui/sign-in/wrong-password", test_wrong_password, NULL);
  ui_office_add ("/ui/window/built-when-needed", test_built_when_needed, NULL);
  ui_office_add ("/ui/window/first-frame", test_first_frame, NULL);
  ui_office_add ("/ui/sign-in/panes-by-role", test_panes_by_role, NULL);
  ui_office_add ("/ui/live/other-connection", test_live_other_connection, NULL);
  ui_office_add ("/ui/live/warta-cli", test_live_cli, NULL);
  ui_office_add ("/ui/live/other-window", test_live_other_window, NULL);
  ui_office_add ("/ui/live/only-what-shows", test_live_only_what_shows, NULL);
  ui_office_add ("/ui/welcome/sample-office", test_welcome_sample, "empty");
  ui_office_add ("/ui/welcome/deep-sop", test_welcome_deep_sop, "empty");
  ui_office_add ("/ui/window/database-others-read", test_database_others_read, NULL);

  return ui_office_run ();
}
