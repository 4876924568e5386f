/* test-ui-review.c: a reviewer sees what changed in a berkas since they
 * last looked, and every revision of its naskah with its author, in the
 * Tinjauan pane, with real input events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/keysym.h>
#include <string.h>

#include "ui-office.h"
#include "ui-xtest.h"
#include "warta-revision.h"
#include "warta-revisions-dialog.h"
#include "warta-revisions-view.h"

#define FIRST_BODY "Petugas memberikan vaksinasi kepada awak kapal di Pelabuhan Belawan."

static void
save_elsewhere (Fixture    *f,
                gint64      case_id,
                const char *body)
{
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (case_id);
  g_autoptr(GError) error = NULL;

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Vaksinasi Awak Kapal");
  naskah->body = g_strdup (body);
  g_assert_true (warta_engine_save_naskah (f->engine, f->ids[STAF], naskah, &error));
  g_assert_no_error (error);
}

static void
complete_elsewhere (Fixture *f,
                    guint    person,
                    gint64   case_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_engine_complete (f->engine, f->ids[person], case_id, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_revisions (Fixture *f,
                 gint64   case_id)
{
  g_autoptr(GPtrArray) revisions = warta_engine_list_revisions (f->engine, f->ids[STAF], case_id, NULL);

  return revisions ? revisions->len : 0;
}

static gboolean
has_looked (Fixture *f,
            guint    person,
            gint64   case_id)
{
  g_autoptr(WartaLook) look = warta_engine_get_look (f->engine, f->ids[person], case_id, NULL);

  return look != NULL && look->looked_at != 0;
}

static WartaRevisionsDialog *
wait_dialog (WartaWindow *window)
{
  WartaRevisionsDialog *dialog = NULL;

  UI_WAIT_UNTIL ((dialog = (WartaRevisionsDialog *)ui_find_toplevel (WARTA_TYPE_REVISIONS_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  UI_WAIT_UNTIL (!warta_revisions_dialog_is_busy (dialog) &&
                 gtk_text_buffer_get_char_count (warta_revisions_dialog_get_buffer (dialog)) > 0, WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  return dialog;
}

static void
close_dialog (WartaRevisionsDialog *dialog)
{
  GtkWidget *weak = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&weak);
  xtest_press (XK_Escape, NULL, 0);
  UI_WAIT_UNTIL (weak == NULL || !gtk_widget_get_visible (weak), WAIT_MS);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *)&weak);
}

static void
test_review_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *inserted = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *second_body = NULL;
  WartaRevisionsView *banner;
  WartaRevisionsDialog *dialog;
  WartaCaseView *view;
  GtkListBox *list;
  GtkWidget *row;
  gint64 case_id;

  /* The writer's berkas reaches the review (step 3), written elsewhere. */
  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Vaksinasi", &error);
  g_assert_no_error (error);
  save_elsewhere (f, case_id, FIRST_BODY);
  complete_elsewhere (f, STAF, case_id);
  attach_elsewhere (f, case_id, "nota-dinas");
  attach_elsewhere (f, case_id, "dokumen-pendukung");
  complete_elsewhere (f, STAF, case_id);

  /* The reviewer opens it in Tinjauan: the look is recorded, and there
   * is no banner the first time. */
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  banner = ui_case_child (view, "revisions_view");
  UI_WAIT_UNTIL (has_looked (f, KATIM1, case_id), WAIT_MS);
  ui_iterate (200);
  g_assert_false (warta_revisions_view_has_changes (banner));

  /* and sends it back to the writer */
  g_assert_true (warta_engine_return (f->engine, f->ids[KATIM1], case_id, "1", "Ganti istilahnya", &error));
  g_assert_no_error (error);

  /* The writer changes a word in another process, adds a file, and
   * hands it on again. */
  {
    GString *body = g_string_new (FIRST_BODY);

    g_string_replace (body, "vaksinasi", "imunisasi", 1);
    second_body = g_string_free (body, FALSE);
  }
  save_elsewhere (f, case_id, second_body);
  /* The reviewer still has it open: the banner comes up there, live. */
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, case_id);
  UI_WAIT_UNTIL (warta_revisions_view_has_changes (banner), LIVE_MS + WAIT_MS);
  complete_elsewhere (f, STAF, case_id);
  attach_elsewhere (f, case_id, "nota-dinas");
  complete_elsewhere (f, STAF, case_id);

  /* The reviewer opens it again: the banner names the writer. */
  sign_in (f, KEPALA);
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  banner = ui_case_child (view, "revisions_view");
  UI_WAIT_UNTIL (warta_revisions_view_has_changes (banner) && gtk_widget_get_mapped (GTK_WIDGET (banner)), WAIT_MS);
  {
    GtkWidget *label = ui_child (banner, WARTA_TYPE_REVISIONS_VIEW, "label");
    g_autofree char *expected = g_strdup_printf ("Changed since you last looked · by %s", people[STAF].name);

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, expected);
  }
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  screenshot (f, GTK_WIDGET (f->window), "review-banner");

  /* "See Changes": the words gone and come, and the file added. */
  xtest_click (ui_child (banner, WARTA_TYPE_REVISIONS_VIEW, "changes_button"));
  dialog = wait_dialog (f->window);
  deleted = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-delete");
  inserted = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-insert");
  g_assert_cmpstr (deleted, ==, "vaksinasi");
  g_assert_cmpstr (inserted, ==, "imunisasi|nota-dinas.pdf");
  screenshot (f, GTK_WIDGET (dialog), "review-changes");
  close_dialog (dialog);

  /* The look is the one of this opening now: the berkas unchanged since,
   * the next opening shows no banner; this one keeps it. */
  g_assert_true (warta_revisions_view_has_changes (banner));

  /* "Revisions": both authors, the newest first, each with its diff. */
  xtest_click (ui_find_button (GTK_WIDGET (view), "_Revisions"));
  dialog = wait_dialog (f->window);
  list = warta_revisions_dialog_get_list (dialog);
  UI_WAIT_UNTIL (gtk_list_box_get_row_at_index (list, 1) != NULL, WAIT_MS);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Revision 2");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), people[STAF].name));
  {
    g_autofree char *latest = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-insert");

    g_assert_cmpstr (latest, ==, "imunisasi");
  }
  screenshot (f, GTK_WIDGET (dialog), "review-revisions");

  /* A revision by someone else while the list is open shows up in it. */
  g_assert_true (warta_engine_return (f->engine, f->ids[KATIM1], case_id, "1", "Sekali lagi", &error));
  g_assert_no_error (error);
  {
    g_autoptr(WartaNaskah) naskah = warta_naskah_new (case_id);

    g_free (naskah->title);
    g_free (naskah->body);
    naskah->title = g_strdup ("Vaksinasi Awak Kapal");
    naskah->body = g_strdup ("Petugas memberikan imunisasi kepada seluruh awak kapal di Pelabuhan Belawan.");
    g_assert_true (warta_engine_save_naskah (f->engine, f->ids[STAF], naskah, &error));
    g_assert_no_error (error);
  }
  UI_WAIT_UNTIL (gtk_list_box_get_row_at_index (list, 2) != NULL, LIVE_MS + WAIT_MS);

  /* The first revision, chosen with the pointer: its author, no diff. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Revision 1");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), people[STAF].name));
  ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  xtest_click (row);
  UI_WAIT_UNTIL (!warta_revisions_dialog_is_busy (dialog) &&
                 g_str_has_prefix (gtk_label_get_label (ui_child (dialog, WARTA_TYPE_REVISIONS_DIALOG, "heading")), "Revision 1 "),
                 WAIT_MS);
  {
    g_autofree char *none = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-insert");

    g_assert_cmpstr (none, ==, "");
  }
  close_dialog (dialog);
}

/* A reviewer's own correction, and the writer's answer to it: the list
 * of revisions names both of them. */
static void
test_both_authors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaRevisionsDialog *dialog;
  WartaCaseView *view;
  GtkListBox *list;
  gint64 case_id;
  g_autofree char *subtitles = NULL;
  g_autofree char *inserted = NULL;
  GString *all = g_string_new (NULL);

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Koreksi", &error);
  g_assert_no_error (error);
  save_elsewhere (f, case_id, FIRST_BODY);
  complete_elsewhere (f, STAF, case_id);
  attach_elsewhere (f, case_id, "nota-dinas");
  attach_elsewhere (f, case_id, "dokumen-pendukung");
  complete_elsewhere (f, STAF, case_id);

  /* The reviewer corrects the body by typing, in the window. */
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  xtest_click (GTK_WIDGET (ui_case_body (view)));
  UI_WAIT_UNTIL (gtk_widget_has_focus (GTK_WIDGET (ui_case_body (view))), WAIT_MS);
  xtest_ctrl (XK_End);
  ui_iterate (100);
  xtest_type (" Semua sehat.");
  /* the autosave */
  UI_WAIT_UNTIL (!warta_case_view_has_unsaved_changes (view) && count_revisions (f, case_id) == 2, WAIT_MS);

  /* the shortcut, with the keyboard focus in the editor */
  xtest_press (XK_h, (const KeySym[]) { XK_Control_L, XK_Shift_L }, 2);
  dialog = wait_dialog (f->window);
  list = warta_revisions_dialog_get_list (dialog);
  UI_WAIT_UNTIL (gtk_list_box_get_row_at_index (list, 1) != NULL, WAIT_MS);
  for (guint i = 0; i < 2; i++)
    g_string_append_printf (all, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, i))));
  subtitles = g_string_free (all, FALSE);
  g_assert_true (g_str_has_prefix (subtitles, people[KATIM1].name));
  g_assert_nonnull (strstr (subtitles, people[STAF].name));
  g_assert_nonnull (strstr (inserted = ui_text_tagged (warta_revisions_dialog_get_buffer (dialog), "diff-insert"), "Semua sehat"));
  screenshot (f, GTK_WIDGET (dialog), "review-both-authors");
  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_office_init ();

  ui_office_add ("/ui/review/changes-since-last-look", test_review_changes, NULL);
  ui_office_add ("/ui/review/both-authors", test_both_authors, NULL);

  return ui_office_run ();
}
