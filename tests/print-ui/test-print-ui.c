/* test-print-ui.c: printing a case's papers from the window
 *
 * Two cases of seed 002 are driven to their end through the engine, each
 * with a publication proven live (warta_sample_prove_publication): one
 * plain, one returned twelve times at its review step, so that its
 * history runs over several pages (print-ui-util.c). Then, in a window
 * under Xvfb:
 *
 *  - WartaPrint prints each document through GtkPrintOperation (GTK's
 *    export to a file, without a dialog), set against the same document
 *    written by warta_document_write_pdf; poppler reads both back: the
 *    same pages with the same text. Export PDF… gives as many pages. The
 *    print and the export are recorded, the export with its file's
 *    SHA-256. A kept archive copy prints as exactly itself.
 *  - A case of seed 003 at its print step: its view offers Print… in the
 *    header (with its menu) and in the action bar; completing without a
 *    print is refused; the print dialog is answered for GTK's "Print to
 *    File" printer, which writes the Bukti, and the print, recorded,
 *    completes the step.
 *  - Page Setup… saves the page-setup setting, which prints start from.
 *
 * Run under Xvfb on a private D-Bus session. Screenshots go to the build
 * directory, and the whole screen as print-ui-*.png beside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "print-ui-util.h"
#include "ui-xtest.h"
#include "warta-case-view.h"
#include "warta-cases-pane.h"
#include "warta-print.h"

static void
assert_same_pages (GPtrArray  *printed,
                   GPtrArray  *expected,
                   const char *what)
{
  g_test_message ("%s: %u pages printed, %u against them", what, printed->len, expected->len);
  g_assert_cmpuint (printed->len, ==, expected->len);
  for (guint i = 0; i < printed->len; i++)
    {
      const char *a = g_ptr_array_index (printed, i);
      const char *b = g_ptr_array_index (expected, i);

      if (g_strcmp0 (a, b) != 0)
        g_error ("%s, page %u differs:\n--- printed\n%s\n--- expected\n%s", what, i + 1, a, b);
    }
}

/* In compatibility form, without the hyphens of broken lines. */
static void
plain_texts (GPtrArray *pages)
{
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *text = g_ptr_array_index (pages, i);
      g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
      GString *plain = g_string_new (NULL);

      for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != 0x2010 && c != 0x00AD)
            g_string_append_unichar (plain, c);
        }
      g_ptr_array_index (pages, i) = g_string_free (plain, FALSE);
    }
}

/* WartaPrint, run to its end */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GFile    *file;
  GError   *error;
} Outcome;

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = warta_print_print_finish (WARTA_PRINT (source), result, &outcome->error);
  outcome->done = TRUE;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->file = warta_print_export_finish (WARTA_PRINT (source), result, &outcome->error);
  outcome->ok = outcome->file != NULL;
  outcome->done = TRUE;
}

static GtkPrintSettings *
file_settings (const char *path)
{
  GtkPrintSettings *settings = gtk_print_settings_new ();
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  return settings;
}

/* Through GtkPrintOperation, as a print goes to any printer: its
 * begin-print lays the document out for the print context and draw-page
 * draws each page on the context's cairo. Not to the "Print to File"
 * printer here: without a dialog GTK looks for a printer that is not
 * virtual, and waits for the CUPS backend's list, which never ends with
 * no CUPS server. GTK's export to a file runs the same operation with a
 * PDF surface of its own; test_print_step prints to the file printer
 * through the dialog. */
static void
print_to_file (Fixture    *f,
               WartaPrint *print,
               const char *path)
{
  Outcome outcome = { 0 };

  g_unlink (path);
  warta_print_set_export_filename (print, path);
  warta_print_print_async (print, GTK_WIDGET (f->window), NULL, on_printed, &outcome);
  UI_WAIT_UNTIL (outcome.done, PRINT_MS);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
}

static char *
export_to_file (Fixture           *f,
                gint64             case_id,
                WartaDocumentKind  kind,
                const char        *path)
{
  g_autoptr(WartaPrint) print = warta_print_new (warta_window_get_session (f->window), case_id, kind);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize length;
  Outcome outcome = { 0 };

  warta_print_export_async (print, GTK_WIDGET (f->window), file, NULL, on_exported, &outcome);
  UI_WAIT_UNTIL (outcome.done, PRINT_MS);
  g_assert_no_error (outcome.error);
  g_assert_true (g_file_equal (outcome.file, file));
  g_clear_object (&outcome.file);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The document as warta_document_write_pdf exports it, drawn from the
 * case as it is now, on the page setup the print uses. */
static GPtrArray *
write_pdf_now (Fixture           *f,
               gint64             case_id,
               WartaDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEngine) engine = warta_engine_open (f->db->path, &error);
  g_autoptr(WartaEvidence) evidence = NULL;
  g_autoptr(WartaDocument) document = NULL;
  g_autoptr(GtkPageSetup) setup = warta_print_load_page_setup ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;

  g_assert_no_error (error);
  /* The test's clock, as the window's engines read it (set_up) */
  evidence = warta_evidence_gather (engine, f->web, case_id, &error);
  g_assert_no_error (error);
  document = warta_document_new (evidence, kind,
                                 gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS),
                                 gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS));
  g_assert_true (warta_document_write_pdf (document, out,
                                           gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                           gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS),
                                           gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS),
                                           gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS),
                                           NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  return print_ui_page_texts (pdf);
}

/* The papers say when they were printed, to the minute: the print (on
 * the window's worker, with an engine of its own) and what it is set
 * against read the test's clock, which stands still between them. */
static gint64
fixture_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->db->now;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  warta_engine_set_process_clock (fixture_clock, f);
  print_ui_set_up (f, data);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  print_ui_tear_down (f, data);
  warta_engine_set_process_clock (NULL, NULL);
}

static void
print_and_export (Fixture           *f,
                  gint64             case_id,
                  WartaDocumentKind  kind,
                  const char        *name,
                  guint             *n_pages)
{
  g_autoptr(WartaPrint) print = warta_print_new (warta_window_get_session (f->window), case_id, kind);
  g_autofree char *printed_path = g_build_filename (f->db->dir, "printed.pdf", NULL);
  g_autofree char *exported_path = g_build_filename (f->db->dir, "exported.pdf", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) printed = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  const char *document = warta_document_kind_to_string (kind);
  guint prints_before = print_ui_count_prints (f, f->web, case_id, document, "print", NULL);

  /* The print against warta_document_write_pdf of the same case, read
   * just before: the print itself is journaled, and the papers name the
   * journal's head. */
  written = write_pdf_now (f, case_id, kind);
  print_to_file (f, print, printed_path);
  printed = print_ui_read_pdf (printed_path);
  g_assert_cmpuint (written->len, >=, 1);
  assert_same_pages (printed, written, name);
  *n_pages = printed->len;

  /* Export PDF…, which writes it on a worker: the same pages */
  sha256 = export_to_file (f, case_id, kind, exported_path);
  exported = print_ui_read_pdf (exported_path);
  g_assert_cmpuint (exported->len, ==, printed->len);

  /* Both recorded: the print, and the export with its file's hash */
  g_assert_cmpuint (print_ui_count_prints (f, f->web, case_id, document, "print", NULL), ==, prints_before + 1);
  g_assert_cmpuint (print_ui_count_prints (f, f->web, case_id, document, "export", sha256), ==, 1);
}

static void
test_print_matches_export (Fixture       *f,
                           gconstpointer  data)
{
  guint short_pages, long_pages, n_pages;

  print_ui_sign_in (f, "web", f->web);

  print_and_export (f, f->case_id, WARTA_DOCUMENT_BUKTI, "Bukti Publikasi", &short_pages);
  print_and_export (f, f->long_id, WARTA_DOCUMENT_BUKTI, "Bukti Publikasi, long history", &long_pages);
  /* Twelve returns more in its chain and step table: more pages */
  g_assert_cmpuint (long_pages, >, short_pages);
  print_and_export (f, f->long_id, WARTA_DOCUMENT_DISPOSISI, "Lembar Disposisi, long history", &n_pages);
  print_and_export (f, f->case_id, WARTA_DOCUMENT_ARTIKEL, "Salinan Artikel", &n_pages);
}

/* The archive copy kept when the publish step completed prints as exactly
 * itself: the same pages and text as the PDF in the database. */
static void
test_print_archive_copy (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) kept = NULL;
  g_autoptr(GPtrArray) kept_pages = NULL;
  g_autoptr(GPtrArray) printed = NULL;
  g_autoptr(WartaPrint) print = NULL;
  g_autofree char *path = g_build_filename (f->db->dir, "copy-printed.pdf", NULL);
  const WartaArchiveCopy *copy;

  copies = warta_engine_list_archive_copies (f->db->engine, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, >=, 1);
  copy = g_ptr_array_index (copies, 0);
  bytes = warta_engine_read_archive_copy (f->db->engine, f->db->admin, copy->id, NULL, &error);
  g_assert_no_error (error);
  kept = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  kept_pages = print_ui_page_texts (kept);

  print_ui_sign_in (f, "admin", f->db->admin);
  print = warta_print_new_for_copy (warta_window_get_session (f->window), f->case_id, copy->id);
  print_to_file (f, print, path);
  printed = print_ui_read_pdf (path);
  /* Poppler re-draws the copy's glyphs into the print, and the text they
   * read back as comes from the font then, not from the copy: a ligature
   * reads as its one character (U+FB01), the hyphen Pango put where a
   * hash breaks as U+2010. The same glyphs, so compared as plain text. */
  plain_texts (printed);
  plain_texts (kept_pages);
  assert_same_pages (printed, kept_pages, "archive copy");
}

/* Seed 003 driven to its print step (8, Tim PPID) through the engine. */
static gint64
drive_to_print_step (Fixture *f,
                     gint64  *ppid)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) sop = NULL;
  GHashTable *people = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 id;

  g_hash_table_insert (people, (char *)"subbag-tim-kerja",
                       GINT_TO_POINTER (test_db_add_user (f->db, "subbag", "subbag-tim-kerja", NULL)));
  g_hash_table_insert (people, (char *)"pranata-humas",
                       GINT_TO_POINTER (test_db_add_user (f->db, "humas", "pranata-humas", NULL)));
  g_hash_table_insert (people, (char *)"tim-ppid",
                       GINT_TO_POINTER (test_db_add_user (f->db, "ppid", "tim-ppid", NULL)));
  g_hash_table_insert (people, (char *)"kepala-balai",
                       GINT_TO_POINTER (test_db_add_user (f->db, "kabalai", "kepala-balai", NULL)));
  *ppid = GPOINTER_TO_INT (g_hash_table_lookup (people, "tim-ppid"));

  id = warta_engine_start_case (e, GPOINTER_TO_INT (g_hash_table_lookup (people, "subbag-tim-kerja")),
                                SEED_003, "Donor Darah di Pelabuhan Boom Baru", &error);
  g_assert_no_error (error);
  for (guint guard = 0; guard < 20; guard++)
    {
      g_autoptr(WartaCase) kase = warta_store_get_case (f->db->store, id, &error);
      const WartaSopStep *step;
      gint64 actor;

      if (sop == NULL)
        sop = warta_engine_get_sop (e, kase->sop_id, kase->sop_version, &error);
      step = warta_sop_lookup_step (sop, kase->active->step_id);
      if (step->action == WARTA_SOP_ACTION_PRINT)
        break;
      actor = GPOINTER_TO_INT (g_hash_table_lookup (people, step->lane));
      test_db_advance (f->db, 15);
      if (warta_sop_step_is_decision (step))
        g_assert_true (warta_engine_decide (e, actor, id, TRUE, NULL, &error));
      else if (step->action == WARTA_SOP_ACTION_DISPOSE)
        {
          const WartaSopStep *next = warta_sop_get_next_step (sop, step);

          g_assert_true (warta_engine_dispose (e, actor, id, GPOINTER_TO_INT (g_hash_table_lookup (people, next->lane)),
                                               "Mohon ditindaklanjuti", &error));
        }
      else
        {
          if (step->action == WARTA_SOP_ACTION_COMPOSE)
            test_db_write_naskah (f->db, actor, id);
          test_db_meet_requirements (f->db, actor, id);
          g_assert_true (warta_engine_complete (e, actor, id, NULL, &error));
        }
      g_assert_no_error (error);
    }
  g_hash_table_unref (people);
  return id;
}

static char *
active_step (Fixture *f,
             gint64   case_id)
{
  g_autoptr(WartaCase) kase = warta_store_get_case (f->db->store, case_id, NULL);

  return kase != NULL && kase->active != NULL ? g_strdup (kase->active->step_id) : NULL;
}

static gboolean
step_is (Fixture    *f,
         gint64      case_id,
         const char *step_id)
{
  g_autofree char *step = active_step (f, case_id);

  return g_strcmp0 (step, step_id) == 0;
}

static gboolean
dialog_has_file_printer (GtkPrintUnixDialog *dialog)
{
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (dialog);

  return printer != NULL && g_strcmp0 (gtk_printer_get_name (printer), "Print to File") == 0;
}

static gboolean
model_lists (WartaCaseListModel *model,
             gint64              case_id)
{
  return !warta_case_list_model_get_loading (model) &&
         warta_case_list_model_find (model, case_id) != GTK_INVALID_LIST_POSITION;
}

/* The admin at the print step presses Print… once, answers the dialog,
 * and holds the sheet: the print is recorded and the step completed. */
static void
test_print_step (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db->dir, "print-step.pdf", NULL);
  g_autoptr(GtkPrintSettings) settings = file_settings (path);
  g_autoptr(GPtrArray) printed = NULL;
  GtkPrintUnixDialog *dialog = NULL;
  WartaCasesPane *pane;
  WartaCaseView *view;
  gint64 ppid;
  gint64 id = drive_to_print_step (f, &ppid);

  g_assert_true (step_is (f, id, "8"));
  print_ui_sign_in (f, "ppid", ppid);
  g_assert_true (warta_window_show_pane (f->window, "inbox"));
  pane = WARTA_CASES_PANE (warta_window_get_pane (f->window, "inbox"));
  UI_WAIT_UNTIL (model_lists (warta_cases_pane_get_model (pane), id), WAIT_MS);
  warta_cases_pane_show_case (pane, id);
  view = WARTA_CASE_VIEW (ui_find_descendant (GTK_WIDGET (pane), WARTA_TYPE_CASE_VIEW));
  UI_WAIT_UNTIL (!warta_case_view_is_busy (view), WAIT_MS);
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, id);

  /* The header's Print button with its menu, and the action bar's Print… */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "print_button"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "complete_button"))));
  g_assert_cmpstr (gtk_button_get_label (ui_case_child (view, "complete_button")), ==, "_Print…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (ui_case_child (view, "complete_button"))), ==, "case.print-step");
  adw_split_button_popup (ui_case_child (view, "print_button"));
  ui_iterate (300);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  print_ui_save_root_window ("print-ui-case-view");
  adw_split_button_popdown (ui_case_child (view, "print_button"));
  ui_iterate (200);

  /* Completing without a print is refused by the engine. */
  gtk_widget_activate_action (GTK_WIDGET (view), "case.complete", NULL);
  ui_iterate (200);
  g_assert_true (step_is (f, id, "8"));

  xtest_click (ui_case_child (view, "complete_button"));
  UI_WAIT_UNTIL ((dialog = (GtkPrintUnixDialog *)ui_find_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), PRINT_MS);
  /* Another print cannot start while this one is asked for. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_case_child (view, "complete_button"))));
  gtk_print_unix_dialog_set_settings (dialog, settings);
  UI_WAIT_UNTIL (dialog_has_file_printer (dialog), PRINT_MS);
  ui_iterate (300);
  print_ui_save_root_window ("print-ui-dialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  UI_WAIT_UNTIL (!step_is (f, id, "8"), PRINT_MS);
  g_assert_true (step_is (f, id, "9"));
  ui_iterate (g_getenv ("PRINT_UI_TOAST_WAIT") ? 6500 : 300);
  print_ui_save_root_window ("print-ui-printed");
  printed = print_ui_read_pdf (path);
  g_assert_cmpuint (printed->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (printed, 0), "Donor Darah"));
  g_assert_cmpuint (print_ui_count_prints (f, ppid, id, "bukti", "print", NULL), ==, 1);
}

static gboolean
page_setup_saved (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "page-setup");

  return g_variant_n_children (value) > 0;
}

/* Page Setup… in the main menu: what the person keeps there is the
 * setting every print and export starts from. */
static void
test_page_setup (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) before = g_settings_get_value (settings, "page-setup");
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPageSetupUnixDialog *dialog = NULL;

  /* Empty: A4 portrait with the documents' own margins */
  g_assert_cmpuint (g_variant_n_children (before), ==, 0);
  setup = warta_print_load_page_setup ();
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                  WARTA_A4_WIDTH_PT, 0.01);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS),
                                  WARTA_A4_HEIGHT_PT, 0.01);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS),
                                  WARTA_DEFAULT_MARGIN_PT, 0.01);
  g_clear_object (&setup);

  print_ui_sign_in (f, "web", f->web);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page-setup", NULL));
  UI_WAIT_UNTIL ((dialog = (GtkPageSetupUnixDialog *)ui_find_toplevel (GTK_TYPE_PAGE_SETUP_UNIX_DIALOG,
                                                                      NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  ui_iterate (500);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  UI_WAIT_UNTIL (page_setup_saved (settings) && dialog == NULL, WAIT_MS);
  ui_iterate (500);
  setup = warta_print_load_page_setup ();
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS), WARTA_A4_WIDTH_PT, 0.01);
  g_clear_object (&setup);

  /* What is saved comes back, as every print and export reads it */
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  warta_print_save_page_setup (setup);
  g_clear_object (&setup);
  setup = warta_print_load_page_setup ();
  g_assert_cmpint (gtk_page_setup_get_orientation (setup), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_settings_reset (settings, "page-setup");
}

int
main (int   argc,
      char *argv[])
{
  print_ui_init (&argc, &argv);
  g_test_add ("/ui/print/print-matches-export", Fixture, NULL, set_up, test_print_matches_export, tear_down);
  g_test_add ("/ui/print/archive-copy", Fixture, NULL, set_up, test_print_archive_copy, tear_down);
  g_test_add ("/ui/print/print-step", Fixture, NULL, set_up, test_print_step, tear_down);
  g_test_add ("/ui/print/page-setup", Fixture, NULL, set_up, test_page_setup, tear_down);
  return print_ui_run ();
}
