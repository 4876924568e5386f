/* test-live-panes.c: panes that follow only the changes they show
 *
 * The office of ui-office.c in a window, and a connection of the test's
 * own to the same file, as another Warta or warta-cli has. What that
 * connection commits reaches the window through the session's change
 * signal, within two seconds: a new SOP rebuilds the SOP list, a new
 * person joins the sign-in list; a change to a berkas rebuilds neither;
 * the attachments panel lists a file attached to its berkas.
 * Run under Xvfb on a private D-Bus session, like 'ui'.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-office.h"
#include "warta-attachments-panel.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"

/* The rows of a list box, in order, held: a row rebuilt away stays
 * apart from the one that takes its place. */
static GPtrArray *
list_rows (GtkListBox *list)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (rows, g_object_ref (row));
  return rows;
}

static guint
n_rows (GtkListBox *list)
{
  g_autoptr(GPtrArray) rows = list_rows (list);

  return rows->len;
}

static void
count_change (WartaSession *session,
              guint         kind,
              gint64        case_id,
              gpointer      origin,
              guint        *count)
{
  (*count)++;
}

/* Starts a berkas through the test's own connection and waits until the
 * window's session announces it. */
static void
change_a_case_elsewhere (Fixture *f)
{
  WartaSession *session = warta_window_get_session (f->window);
  g_autoptr(GError) error = NULL;
  guint changes = 0;
  gulong handler;
  gint64 case_id;

  handler = g_signal_connect (session, "changed::case", G_CALLBACK (count_change), &changes);
  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Bukan urusan daftar", &error);
  g_assert_no_error (error);
  g_assert_cmpint (case_id, >, 0);
  UI_WAIT_UNTIL (changes > 0, LIVE_MS);
  /* Time for a pane that would reload to read and rebuild. */
  ui_iterate (500);
  g_signal_handler_disconnect (session, handler);
}

/* Every row of @before still in @list, in place: nothing was rebuilt. */
static void
assert_same_rows (GtkListBox *list,
                  GPtrArray  *before)
{
  g_autoptr(GPtrArray) after = list_rows (list);

  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (before, i));
}

/* Seed 003 imported by another connection is listed within two seconds;
 * a berkas started there does not rebuild the list. */
static void
test_sop_list (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *path = NULL;
  g_autoptr(WartaSop) sop = NULL;
  GtkWidget *pane;
  GtkListBox *list;

  sign_in (f, STAF);
  pane = show_pane (f->window, "sop");
  list = GTK_LIST_BOX (gtk_widget_get_template_child (pane, WARTA_TYPE_SOP_LIST_PANE, "list_box"));
  UI_WAIT_UNTIL (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (pane), SOP_ID), WAIT_MS);
  g_assert_cmpuint (n_rows (list), ==, 1);

  before = list_rows (list);
  change_a_case_elsewhere (f);
  assert_same_rows (list, before);

  path = g_build_filename (warta_sop_get_shipped_dir (), "003-bkk-palembang-publikasi-medsos-website.json", NULL);
  sop = warta_sop_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_import_sop (f->engine, f->admin, sop, NULL, &error));
  g_assert_no_error (error);
  UI_WAIT_UNTIL (n_rows (list) == 2, LIVE_MS);
  /* The SOP shown stays shown. */
  g_assert_cmpstr (warta_sop_list_pane_get_sop_id (WARTA_SOP_LIST_PANE (pane)), ==, SOP_ID);
  g_assert_true (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (pane), SOP_003));
  screenshot (f, GTK_WIDGET (f->window), "live-sop-imported");
}

static gboolean
shows_login (WartaSignInPage *page,
             const char      *login)
{
  g_auto(GStrv) logins = warta_sign_in_page_dup_shown_logins (page);

  return g_strv_contains ((const char * const *)logins, login);
}

/* A person added by another connection can sign in from the list that
 * is on the screen, without restarting; a berkas started there leaves
 * the list as it is. */
static void
test_sign_in_list (Fixture       *f,
                   gconstpointer  data)
{
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (page), WARTA_TYPE_SIGN_IN_PAGE,
                                                                  "user_list"));
  g_autoptr(GPtrArray) before = NULL;
  const char *roles[] = { people[STAF].role, NULL };
  WartaUser user = { 0 };
  gint64 id;

  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "sign-in");
  UI_WAIT_UNTIL (shows_login (page, people[STAF].login), WAIT_MS);
  g_assert_false (shows_login (page, "baru"));

  before = list_rows (list);
  change_a_case_elsewhere (f);
  assert_same_rows (list, before);

  user.login = (char *)"baru";
  user.full_name = (char *)"Bayu Rahardja";
  user.jabatan = (char *)people[STAF].jabatan;
  user.roles = (GStrv)roles;
  id = ui_office_add_person (f, &user);
  UI_WAIT_UNTIL (shows_login (page, "baru"), LIVE_MS);
  screenshot (f, GTK_WIDGET (f->window), "live-sign-in-new-person");

  sign_in_as (f->window, "baru", id);
}

/* The attachments panel on its own, outside a case view that would
 * hand it the case again: a file another connection attaches to its
 * berkas is listed within two seconds; one attached to another berkas
 * leaves it as it is. */
static void
test_attachments_panel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  WartaSession *session = warta_window_get_session (f->window);
  WartaAttachmentsPanel *panel;
  GtkWidget *window;
  gint64 case_id, other_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Lampiran dari proses lain", &error);
  g_assert_no_error (error);
  other_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Berkas lain", &error);
  g_assert_no_error (error);
  sign_in (f, STAF);

  window = gtk_window_new ();
  panel = WARTA_ATTACHMENTS_PANEL (warta_attachments_panel_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  kase = read_case (f, case_id);
  warta_attachments_panel_set_case (panel, session, kase, NULL, FALSE);
  ui_iterate (300);
  g_assert_cmpuint (warta_attachments_panel_get_n_attachments (panel), ==, 0);

  attach_elsewhere (f, other_id, "dokumen-pendukung");
  attach_elsewhere (f, case_id, "nota-dinas");
  UI_WAIT_UNTIL (warta_attachments_panel_get_n_attachments (panel) == 1, LIVE_MS);
  g_assert_cmpstr (((WartaAttachment *)g_ptr_array_index (warta_attachments_panel_get_attachments (panel), 0))->kind,
                   ==, "nota-dinas");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_office_init ();

  ui_office_add ("/live-panes/sop-list", test_sop_list, NULL);
  ui_office_add ("/live-panes/sign-in-list", test_sign_in_list, NULL);
  ui_office_add ("/live-panes/attachments-panel", test_attachments_panel, NULL);

  return ui_office_run ();
}
