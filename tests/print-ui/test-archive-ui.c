/* test-archive-ui.c: the administrator's archive pane
 *
 * The cases of print-ui-util.c, and one more finished while archive
 * copies were not kept. The pane lists the finished cases, newest first;
 * a search that matches nothing empties it, a search by the link finds
 * the case, and so does the range of days; Make Archive Copy keeps the
 * missing copy; a document drawn now and the kept copy open in the PDF
 * view with their pages; Export Bundle… writes a bundle that
 * warta_archive_check finds whole. The admin website who published the
 * cases has the pane too, with the cases of their SOP, and opens their
 * Bukti to print it again.
 *
 * Run under Xvfb on a private D-Bus session. Screenshots go to the build
 * directory, and the whole screen as print-ui-archive.png beside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "print-ui-util.h"
#include "ui-xtest.h"
#include "warta-archive.h"
#include "warta-archive-pane.h"
#include "warta-evidence.h"
#include "warta-pdf-view.h"

/* The button of @action_name for the document @document. */
static GtkWidget *
find_document_button (GtkWidget  *root,
                      const char *action_name,
                      const char *document)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
          g_strcmp0 (g_variant_get_string (target, NULL), document) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_document_button (child, action_name, document);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static WartaArchivePane *
archive_pane (Fixture *f)
{
  WartaArchivePane *pane;

  g_assert_true (warta_window_show_pane (f->window, "archive"));
  pane = WARTA_ARCHIVE_PANE (warta_window_get_pane (f->window, "archive"));
  g_assert_nonnull (pane);
  return pane;
}

static gboolean
lists_only (WartaArchivePane *pane,
            guint             n)
{
  return !warta_archive_pane_is_loading (pane) && warta_archive_pane_get_n_cases (pane) == n;
}

/* Export Bundle…, and in the chooser it opens (GTK's own dialog, as no
 * portal runs on the test's bus) folder chosen and accepted. */
static void
export_bundle (WartaArchivePane *pane,
               GFile            *folder)
{
  GtkWindow *chooser = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "archive.export-bundle", NULL));
  UI_WAIT_UNTIL ((chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (chooser)), WAIT_MS);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  ui_wait_for_frames (GTK_WIDGET (chooser), 2);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
test_archive_pane (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (today, -7);
  g_autofree char *link = g_strdup_printf ("contoh.example.go.id/berita/kasus-%" G_GINT64_FORMAT, f->case_id);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) bundle = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *name = NULL;
  WartaArchivePane *pane;
  gint64 bare_id;
  WartaPdfView *pdf_view;

  /* The admin website who published them reprints their papers too. */
  print_ui_sign_in (f, "web", f->web);
  g_assert_true (warta_window_is_pane_visible (f->window, "archive"));
  pane = archive_pane (f);
  UI_WAIT_UNTIL (lists_only (pane, 2), WAIT_MS);
  g_assert_true (warta_archive_pane_show_case (pane, f->case_id));
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane), WAIT_MS);
  g_assert_cmpuint (warta_archive_pane_get_n_copies (pane), >=, 1);
  pdf_view = WARTA_PDF_VIEW (warta_archive_pane_get_pdf_view (pane));
  /* Open in the Preview, clicked */
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  {
    GtkWidget *open = find_document_button (GTK_WIDGET (pane), "archive.open-document", "bukti");

    g_assert_nonnull (open);
    /* Nothing open before the click */
    g_assert_cmpint (warta_pdf_view_get_state (pdf_view), !=, WARTA_PDF_VIEW_READY);
    xtest_click (open);
  }
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane) &&
                 warta_pdf_view_get_state (pdf_view) == WARTA_PDF_VIEW_READY, WAIT_MS * 3);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (pdf_view), >=, 1);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (pdf_view, 0), WAIT_MS);
  ui_iterate (300);
  print_ui_save_screen (f, "print-ui-archive-web");

  /* A case finished while its copy was not kept */
  warta_evidence_set_keep_bukti (f->db->engine, FALSE);
  bare_id = print_ui_drive_case (f, "Sosialisasi Kesehatan Haji", 0);
  warta_evidence_set_keep_bukti (f->db->engine, TRUE);

  print_ui_sign_in (f, "admin", f->db->admin);
  pane = archive_pane (f);
  UI_WAIT_UNTIL (lists_only (pane, 3), WAIT_MS);
  /* Newest first */
  g_assert_cmpint (warta_archive_pane_get_case_at (pane, 0), ==, bare_id);
  g_assert_cmpint (warta_archive_pane_get_case_at (pane, 1), ==, f->long_id);
  g_assert_cmpint (warta_archive_pane_get_case_at (pane, 2), ==, f->case_id);

  /* Make Archive Copy, offered to that case only */
  g_assert_true (warta_archive_pane_show_case (pane, bare_id));
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane), WAIT_MS);
  g_assert_cmpuint (warta_archive_pane_get_n_copies (pane), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_child (pane, WARTA_TYPE_ARCHIVE_PANE, "make_copy_button"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "archive.make-copy", NULL));
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane) && warta_archive_pane_get_n_copies (pane) == 1, WAIT_MS * 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ui_child (pane, WARTA_TYPE_ARCHIVE_PANE, "make_copy_button"))));

  warta_archive_pane_set_search (pane, "tidak ada berkas seperti ini");
  UI_WAIT_UNTIL (lists_only (pane, 0), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  print_ui_save_screen (f, "print-ui-archive-empty");

  warta_archive_pane_set_search (pane, link);
  UI_WAIT_UNTIL (lists_only (pane, 1), WAIT_MS);
  g_assert_cmpint (warta_archive_pane_get_case_at (pane, 0), ==, f->case_id);

  /* By the days they finished in */
  warta_archive_pane_set_search (pane, NULL);
  warta_archive_pane_set_range (pane, tomorrow, NULL);
  UI_WAIT_UNTIL (lists_only (pane, 0), WAIT_MS);
  warta_archive_pane_set_range (pane, week_ago, today);
  UI_WAIT_UNTIL (lists_only (pane, 3), WAIT_MS);

  /* Its documents: the kept copy, and the Bukti drawn now, in the view */
  g_assert_true (warta_archive_pane_show_case (pane, f->case_id));
  g_assert_cmpint (warta_archive_pane_get_case_id (pane), ==, f->case_id);
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane), WAIT_MS);
  g_assert_cmpuint (warta_archive_pane_get_n_copies (pane), >=, 1);
  pdf_view = WARTA_PDF_VIEW (warta_archive_pane_get_pdf_view (pane));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "archive.open-document", "s", "bukti"));
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane) &&
                 warta_pdf_view_get_state (pdf_view) == WARTA_PDF_VIEW_READY, WAIT_MS * 3);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (pdf_view), >=, 1);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (pdf_view, 0), WAIT_MS);
  ui_iterate (300);
  print_ui_save_screen (f, "print-ui-archive");
  print_ui_save_root_window ("print-ui-archive");

  /* The kept copy, read from the database as it was kept */
  copies = warta_engine_list_archive_copies (f->db->engine, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, >=, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "archive.open-copy", "x",
                                             ((WartaArchiveCopy *)g_ptr_array_index (copies, 0))->id));
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane) &&
                 warta_pdf_view_get_state (pdf_view) == WARTA_PDF_VIEW_READY, WAIT_MS * 3);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (pdf_view), >=, 1);

  /* Export Bundle… into a folder that holds something already: the bundle
   * goes into a folder of its own there, and checks whole. */
  folder = g_file_new_for_path (f->db->dir);
  marker = g_build_filename (f->db->dir, "catatan.txt", NULL);
  g_assert_true (g_file_set_contents (marker, "milik orang lain\n", -1, NULL));
  export_bundle (pane, folder);
  g_assert_true (warta_archive_pane_is_busy (pane));
  UI_WAIT_UNTIL (!warta_archive_pane_is_busy (pane), WAIT_MS * 3);
  name = g_strdup_printf ("arsip-berkas-%" G_GINT64_FORMAT, f->case_id);
  bundle = g_file_get_child (folder, name);
  g_assert_true (warta_archive_check (bundle, problems, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (print_ui_count_prints (f, f->db->admin, f->case_id, "bundle", "export", NULL), ==, 1);
}

static GObject *
item_at (WartaArchivePane *pane,
         guint             position)
{
  GtkListView *list = ui_child (pane, WARTA_TYPE_ARCHIVE_PANE, "list_view");

  return g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);
}

/* How many prints the register's row titled title says its case had, or
 * -1 while no such row is on screen. */
static gint64
n_prints_of (WartaArchivePane *pane,
             const char       *title)
{
  GtkWidget *label = ui_find_label (ui_child (pane, WARTA_TYPE_ARCHIVE_PANE, "list_view"), title, TRUE);

  if (label == NULL)
    return -1;
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (label));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : "";
      const char *count = strstr (text, " · ");

      /* "Finished 07-12-2026 · 2 prints" */
      if (g_str_has_prefix (text, "Finished ") && count != NULL)
        return g_ascii_strtoll (count + strlen (" · "), NULL, 10);
    }
  return -1;
}

static void
count_change (guint *count)
{
  (*count)++;
}

static void
test_archive_follows_changes (Fixture       *f,
                              gconstpointer  data)
{
  WartaSession *session = warta_window_get_session (f->window);
  WartaSite site = { .name = (char *)"Situs Kedua", .url = (char *)"https://kedua.example.go.id/",
                     .user = (char *)"redaksi" };
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) still = NULL;
  g_autoptr(GError) error = NULL;
  WartaArchivePane *pane;
  guint sites_changed = 0;
  guint archive_changed = 0;
  gint64 prints;
  gint64 new_id;

  print_ui_sign_in (f, "admin", f->db->admin);
  pane = archive_pane (f);
  UI_WAIT_UNTIL (lists_only (pane, 2), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_signal_connect_swapped (session, "changed::sites", G_CALLBACK (count_change), &sites_changed);
  g_signal_connect_swapped (session, "changed::archive", G_CALLBACK (count_change), &archive_changed);

  /* A site added by another connection: the session says so, and the
   * register keeps the very rows it had (a read would make new ones). */
  first = item_at (pane, 0);
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->db->admin, &site, &error), >, 0);
  g_assert_no_error (error);
  UI_WAIT_UNTIL (sites_changed > 0, WAIT_MS);
  ui_iterate (500);
  g_assert_false (warta_archive_pane_is_loading (pane));
  still = item_at (pane, 0);
  g_assert_true (still == first);
  g_clear_object (&still);

  /* A print recorded by another connection: its row counts it, within
   * the session's poll, with no nudge. */
  prints = n_prints_of (pane, CASE_TITLE);
  g_assert_cmpint (prints, >=, 0);
  g_assert_true (warta_engine_record_print (f->db->engine, f->db->admin, f->case_id, "bukti", FALSE, NULL, &error));
  g_assert_no_error (error);
  UI_WAIT_UNTIL (n_prints_of (pane, CASE_TITLE) == prints + 1, WAIT_MS);
  g_assert_cmpuint (archive_changed, >, 0);
  still = item_at (pane, 0);
  g_assert_true (still != first);
  g_clear_object (&still);

  /* A case finished by another connection enters the register, first. */
  new_id = print_ui_drive_case (f, "Penyuluhan Kesehatan Jemaah", 0);
  UI_WAIT_UNTIL (lists_only (pane, 3), WAIT_MS);
  g_assert_cmpint (warta_archive_pane_get_case_at (pane, 0), ==, new_id);
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  print_ui_save_screen (f, "print-ui-archive-follows");

  g_signal_handlers_disconnect_by_func (session, count_change, &sites_changed);
  g_signal_handlers_disconnect_by_func (session, count_change, &archive_changed);
}

int
main (int   argc,
      char *argv[])
{
  print_ui_init (&argc, &argv);
  g_test_add ("/ui/print/archive-pane", Fixture, NULL, print_ui_set_up, test_archive_pane, print_ui_tear_down);
  g_test_add ("/ui/print/archive-follows-changes", Fixture, NULL, print_ui_set_up, test_archive_follows_changes,
              print_ui_tear_down);
  return print_ui_run ();
}
