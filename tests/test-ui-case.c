/* test-ui-case.c: one case in Warta's window, as people work it
 *
 * A case of seed 002 goes through every step with a different person for
 * each lane, and at each stage every person's panes are asked whether
 * they list it; each pane is saved as a PNG in the build directory. Then
 * the case view itself: its flowchart and chain, typing before a step is
 * completed or decided, the dark editor, and the requirements that follow
 * what is attached. See ui-office.c for the office and its window.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "ui-office.h"
#include "ui-xtest.h"
#include "warta-new-case-dialog.h"
#include "warta-pdf-view.h"
#include "warta-sample.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"

/* Checks one stage of a case */

/* @expected: for each of people[], the panes that list the case at
 * @step_id, space-separated; "" for none. Every person signs in, and each
 * of their panes is asked; each pane is saved once a stage, the holder's
 * first, with the case open. */
static void
check_stage (Fixture            *f,
             gint64              case_id,
             const char         *stage,
             const char         *step_id,
             int                 holder,
             const char * const  expected[N_PEOPLE])
{
  for (int n = -1; n < N_PEOPLE; n++)
    {
      int person = n < 0 ? holder : n;
      g_auto(GStrv) has = NULL;
      g_auto(GStrv) lists = NULL;

      if (person < 0 || (n >= 0 && n == holder))
        continue;

      has = g_strsplit (people[person].panes, " ", -1);
      lists = g_strsplit (expected[person], " ", -1);
      sign_in (f, person);

      for (guint i = 0; all_panes[i] != NULL; i++)
        {
          const char *name = all_panes[i];
          g_autofree char *shot = g_strdup_printf ("%s-%s", stage, name);
          WartaCaseListModel *model;
          gboolean want, ok;

          g_assert_cmpint (warta_window_is_pane_visible (f->window, name), ==,
                           g_strv_contains ((const char * const *)has, name));
          if (!g_strv_contains ((const char * const *)has, name))
            continue;

          /* The SOPs do not change with the case: saved once. */
          if (g_str_equal (name, "sop"))
            {
              if (!g_hash_table_contains (f->shots, "sop"))
                {
                  g_autofree char *full = g_strdup_printf ("%s-sop-%s", stage, people[person].login);

                  show_pane (f->window, "sop");
                  UI_WAIT_UNTIL (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (warta_window_get_pane (f->window, "sop")),
                                                                 SOP_ID), WAIT_MS);
                  screenshot (f, GTK_WIDGET (f->window), full);
                  g_hash_table_add (f->shots, g_strdup ("sop"));
                }
              continue;
            }

          show_pane (f->window, name);
          model = warta_cases_pane_get_model (get_cases_pane (f->window, name));
          want = g_strv_contains ((const char * const *)lists, name);
          /* The one who just acted sees the list follow; the others read
           * it afresh as they sign in. */
          UI_TRY_UNTIL (want ? model_lists_at_step (model, case_id, step_id)
                             : !model_lists (model, case_id), WAIT_MS, ok);
          if (!ok)
            g_error ("%s: %s's %s %s the case", stage, people[person].login, name,
                     want ? "does not list" : "lists");
          if (want && person == holder)
            open_case (f->window, name, case_id);

          if (!g_hash_table_contains (f->shots, shot))
            {
              g_autofree char *full = g_strdup_printf ("%s-%s", shot, people[person].login);

              screenshot (f, GTK_WIDGET (f->window), full);
              g_hash_table_add (f->shots, g_steal_pointer (&shot));
            }
        }
    }
}

/* Writing the naskah and deciding */

/* Types the naskah into the case view as its holder would, and waits for
 * the autosave. */
static void
write_naskah (WartaCaseView *view)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (ui_case_child (view, "naskah_title_row"))));
  g_assert_true (gtk_text_view_get_editable (ui_case_body (view)));
  gtk_editable_set_text (GTK_EDITABLE (ui_case_child (view, "naskah_title_row")), "Vaksinasi Internasional di Pelabuhan Belawan");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (ui_case_body (view)),
                            "Petugas BBKK Medan memberikan **vaksinasi internasional** "
                            "kepada awak kapal di Pelabuhan Belawan.", -1);
  g_assert_true (warta_case_view_has_unsaved_changes (view));
  UI_WAIT_UNTIL (!warta_case_view_has_unsaved_changes (view), WAIT_MS);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "save_label")), "Saved at "));
}

static WartaCaseView *
complete_step (Fixture    *f,
               guint       person,
               const char *pane,
               gint64      case_id,
               const char *label,
               const char *note)
{
  WartaCaseView *view;

  sign_in (f, person);
  view = open_case (f->window, pane, case_id);
  if (note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ui_case_child (view, "note_entry")), note);
  press (view, ui_case_child (view, "complete_button"), label);
  return view;
}

/* The Lembar Disposisi's choices, made with the mouse: sifat from its
 * list, two arahan boxes ticked. */
static void
choose_urgent (AdwMessageDialog *dialog)
{
  GtkDropDown *sifat = g_object_get_data (G_OBJECT (dialog), "sifat");
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "arahan-boxes");
  GtkWidget *item = NULL;

  /* Biasa and nothing ticked, unless changed. */
  g_assert_cmpuint (gtk_drop_down_get_selected (sifat), ==, WARTA_SIFAT_BIASA);
  g_assert_cmpuint (checks->len, ==, WARTA_N_ARAHAN_BOXES);
  for (guint i = 0; i < checks->len; i++)
    g_assert_false (gtk_check_button_get_active (g_ptr_array_index (checks, i)));

  xtest_click (g_ptr_array_index (checks, 0));
  UI_WAIT_UNTIL (gtk_check_button_get_active (g_ptr_array_index (checks, 0)), WAIT_MS);
  xtest_click (g_ptr_array_index (checks, 2));
  UI_WAIT_UNTIL (gtk_check_button_get_active (g_ptr_array_index (checks, 2)), WAIT_MS);

  xtest_click (GTK_WIDGET (sifat));
  UI_WAIT_UNTIL ((item = ui_find_label (GTK_WIDGET (sifat), "Segera", TRUE)) != NULL && gtk_widget_get_mapped (item), WAIT_MS);
  xtest_click (item);
  UI_WAIT_UNTIL (gtk_drop_down_get_selected (sifat) == WARTA_SIFAT_SEGERA, WAIT_MS);
  UI_WAIT_UNTIL (ui_find_label (GTK_WIDGET (sifat), "Rahasia", TRUE) == NULL, WAIT_MS);
  g_assert_cmpstr (gtk_check_button_get_label (g_ptr_array_index (checks, 2)), ==, "Koordinasikan");
}

static void
dispose_to (Fixture    *f,
            gint64      case_id,
            guint       to,
            const char *instruction,
            const char *shot)
{
  WartaCaseView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GPtrArray *users;
  g_autofree char *read_only = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  sign_in (f, KEPALA);
  view = open_case (f->window, "review", case_id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "complete_button"))));
  press (view, ui_case_child (view, "dispose_button"), NULL);
  dialog = find_message_dialog (f->window);

  /* The people of the next step's lane, both katimker. */
  drop_down = g_object_get_data (G_OBJECT (dialog), "people");
  users = g_object_get_data (G_OBJECT (dialog), "users");
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 2);
  for (guint i = 0; i < users->len; i++)
    if (((WartaUser *)g_ptr_array_index (users, i))->id == f->ids[to])
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (drop_down, position);
  if (shot != NULL)
    choose_urgent (dialog);
  answer_dialog (f, dialog, instruction, shot);

  /* The disposition holds what was chosen: biasa and none unless changed. */
  {
    g_autoptr(GPtrArray) dispositions = warta_store_list_dispositions (f->store, case_id, NULL);
    const WartaDisposition *d = g_ptr_array_index (dispositions, dispositions->len - 1);

    g_assert_cmpstr (d->instruction, ==, instruction);
    g_assert_cmpint (d->sifat, ==, shot != NULL ? WARTA_SIFAT_SEGERA : WARTA_SIFAT_BIASA);
    g_assert_cmpuint (d->arahan_boxes, ==, shot != NULL ? WARTA_ARAHAN_TINDAK_LANJUTI | WARTA_ARAHAN_KOORDINASIKAN : 0);
  }

  /* The case stays in view for the kepala, read only, held by one person. */
  read_only = g_strdup_printf ("Read only: %s holds this step.", people[to].name);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 5: "), WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (ui_case_child (view, "readonly_label")), ==, read_only);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "action_bar"))));
}

/* The tests */

/* Seed 002 from the first step to the last, a person for each lane, with
 * a disposition to one of two katimker and a return to the author. */
static void
test_drive_seed_002 (Fixture       *f,
                     gconstpointer  data)
{
  WartaNewCaseDialog *new_case;
  WartaCasesPane *inbox;
  WartaCaseView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *steps;
  GPtrArray *ids;
  g_autoptr(WartaCase) done = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  guint position = GTK_INVALID_LIST_POSITION;
  gint64 case_id;

  /* The author starts the case from the New Case dialog. */
  sign_in (f, STAF);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL));
  UI_WAIT_UNTIL ((new_case = WARTA_NEW_CASE_DIALOG (ui_find_toplevel (WARTA_TYPE_NEW_CASE_DIALOG, NULL))) != NULL,
                 WAIT_MS);
  UI_WAIT_UNTIL (!warta_new_case_dialog_is_busy (new_case), WAIT_MS);
  g_assert_true (warta_new_case_dialog_select_sop (new_case, SOP_ID));
  warta_new_case_dialog_set_case_title (new_case, "Layanan Vaksinasi Internasional Akhir Pekan");
  screenshot (f, GTK_WIDGET (new_case), "new-case-dialog");
  g_object_add_weak_pointer (G_OBJECT (new_case), (gpointer *)&new_case);
  g_assert_true (warta_new_case_dialog_start (new_case));
  UI_WAIT_UNTIL (new_case == NULL, WAIT_MS);

  /* The window shows the new case in the author's tasks. */
  inbox = get_cases_pane (f->window, "inbox");
  g_assert_cmpstr (warta_window_get_pane_name (f->window), ==, "inbox");
  case_id = warta_cases_pane_get_case_id (inbox);
  g_assert_cmpint (case_id, >, 0);
  assert_active_step (f, case_id, "1", f->ids[STAF]);
  check_stage (f, case_id, "01-started", "1", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  /* Step 1, compose: refused without a naskah, then written and done. */
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  g_assert_cmpstr (gtk_label_get_label (ui_case_child (view, "step_label")), ==,
                   "Step 1: Mempersiapkan konsep laporan, artikel atau informasi yang akan dipublikasikan");
  press (view, ui_case_child (view, "complete_button"), "_Complete Step");
  assert_active_step (f, case_id, "1", f->ids[STAF]);
  write_naskah (view);
  screenshot (f, GTK_WIDGET (f->window), "01-naskah-written-inbox");
  press (view, ui_case_child (view, "complete_button"), "_Complete Step");
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  check_stage (f, case_id, "02-composed", "2", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  /* Step 2, the nota dinas: refused until it and the supporting document
   * are attached, then to the katimker lane, either of them. */
  view = complete_step (f, STAF, "inbox", case_id, "_Complete Step", "Nota dinas terlampir");
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  {
    g_autofree char *nota = write_pdf (f, "nota-dinas.pdf", 3, "Belawan", 1);
    g_autofree char *data_dukung = write_pdf (f, "data-dukung.pdf", 1, "Lampiran", 0);

    g_autofree char *photo = write_photo (f);
    g_autofree char *broken = g_build_filename (f->dir, "rusak.pdf", NULL);
    g_autofree char *empty = g_build_filename (f->dir, "kosong.pdf", NULL);
    g_autofree char *fake = g_build_filename (f->dir, "palsu.pdf", NULL);
    g_autofree char *huge = write_huge_png (f);

    g_assert_true (g_file_set_contents (broken, "%PDF-1.7\n1 0 obj << /Type /Catalog", -1, NULL));
    attach_through_panel (f, view, nota, "nota-dinas", "attach-kind-dialog");
    press (view, ui_case_child (view, "complete_button"), "_Complete Step");
    assert_active_step (f, case_id, "2", f->ids[STAF]);
    attach_through_panel (f, view, data_dukung, "dokumen-pendukung", NULL);
    attach_through_panel (f, view, photo, "foto", NULL);
    attach_through_panel (f, view, broken, "lainnya", NULL);
    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    g_assert_true (g_file_set_contents (fake, "\x01\x02 bukan PDF \xfe\xff", 16, NULL));
    attach_refused_through_panel (f, view, empty, "lainnya", "“kosong.pdf” is empty (0 bytes)");
    attach_through_panel (f, view, fake, "lainnya", NULL);
    attach_through_panel (f, view, huge, "foto", NULL);
    screenshot (f, GTK_WIDGET (f->window), "02-attached");
  }
  press (view, ui_case_child (view, "complete_button"), "_Complete Step");
  assert_active_step (f, case_id, "3", 0);
  check_stage (f, case_id, "03-nota-dinas", "3", KATIM1,
               (const char *[]) { "", "inbox review", "inbox review", "", "" });

  /* Step 3, the first review, by katim1, who reads the nota dinas beside
   * the naskah and finds a word in it, then sees the photo and a PDF that
   * is broken, which says so in the pane. */
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  {
    WartaAttachmentPreview *preview = preview_attachment (view, "nota-dinas.pdf", "pdf");
    WartaPdfView *pdf = WARTA_PDF_VIEW (warta_attachment_preview_get_pdf_view (preview));

    UI_WAIT_UNTIL (warta_pdf_view_get_state (pdf) == WARTA_PDF_VIEW_READY, WAIT_MS);
    g_assert_cmpuint (warta_pdf_view_get_n_pages (pdf), ==, 3);
    UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (pdf, 0), WAIT_MS);
    warta_pdf_view_find (pdf, "Belawan");
    UI_WAIT_UNTIL (!warta_pdf_view_is_finding (pdf) && warta_pdf_view_get_n_matches (pdf) == 1, WAIT_MS);
    UI_WAIT_UNTIL (warta_pdf_view_get_current_page (pdf) == 1 && warta_pdf_view_is_page_rendered (pdf, 1), WAIT_MS);
    ui_wait_for_frames (GTK_WIDGET (pdf), 3);
    screenshot (f, GTK_WIDGET (f->window), "review-nota-dinas-found");

    preview_attachment (view, "foto-kegiatan.png", "image");
    screenshot (f, GTK_WIDGET (f->window), "review-photo");
    preview = preview_attachment (view, "rusak.pdf", "pdf");
    pdf = WARTA_PDF_VIEW (warta_attachment_preview_get_pdf_view (preview));
    UI_WAIT_UNTIL (warta_pdf_view_get_state (pdf) == WARTA_PDF_VIEW_ERROR, WAIT_MS);
    g_assert_nonnull (warta_pdf_view_get_error_message (pdf));
    screenshot (f, GTK_WIDGET (f->window), "review-broken-pdf");

    /* Bytes that are no PDF under a .pdf name, kept as “other”, say so
     * in the pane and never reach poppler. */
    preview = preview_attachment (view, "palsu.pdf", "error");
    g_assert_nonnull (strstr (warta_attachment_preview_get_error_message (preview), "is not a PDF"));
    screenshot (f, GTK_WIDGET (f->window), "review-not-a-pdf");

    /* A picture whose header claims 30,000 × 30,000 pixels is refused
     * from its header, not decoded into gigabytes. */
    preview = preview_attachment (view, "spanduk-raksasa.png", "error");
    g_assert_nonnull (strstr (warta_attachment_preview_get_error_message (preview), "30000 × 30000"));

    /* The reviewer reads what step 2 handed on; adding is the holder's
     * only, and nothing of step 2 can be removed now. */
    g_assert_true (warta_attachments_panel_get_may_change (ui_case_child (view, "attachments_panel")));
    g_assert_null (ui_find_button_by_icon (GTK_WIDGET (ui_case_child (view, "attachments_panel")), "user-trash-symbolic"));
  }
  complete_step (f, KATIM1, "review", case_id, "_Complete Step", "Draf sudah dikoreksi");
  assert_active_step (f, case_id, "4", 0);
  check_stage (f, case_id, "04-reviewed", "4", KEPALA,
               (const char *[]) { "", "", "", "inbox review", "" });

  /* Step 4, the disposition: to katim2 alone, with arahan. */
  dispose_to (f, case_id, KATIM2, "Periksa kembali dan teruskan ke admin website", "dispose-dialog");
  assert_active_step (f, case_id, "5", f->ids[KATIM2]);
  check_stage (f, case_id, "05-disposed", "5", KATIM2,
               (const char *[]) { "", "", "inbox review", "", "" });

  /* Step 5: katim2 sends it back to step 1 with a reason; it goes to the
   * author, who did step 1. */
  sign_in (f, KATIM2);
  view = open_case (f->window, "review", case_id);
  press (view, ui_case_child (view, "return_button"), NULL);
  dialog = find_message_dialog (f->window);
  steps = g_object_get_data (G_OBJECT (dialog), "steps");
  ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), "1"))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (steps, position);
  answer_dialog (f, dialog, "Judul kurang jelas; sebutkan tanggal layanan", "return-dialog");
  assert_active_step (f, case_id, "1", f->ids[STAF]);
  check_stage (f, case_id, "06-returned", "1", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  /* Round two: the author's naskah is kept; steps 1 and 2 again. */
  complete_step (f, STAF, "inbox", case_id, "_Complete Step", "Judul diperbaiki");
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  complete_step (f, STAF, "inbox", case_id, "_Complete Step", NULL);
  /* The katimker who sent it back reviews it again. */
  assert_active_step (f, case_id, "3", f->ids[KATIM2]);
  check_stage (f, case_id, "07-resubmitted", "3", KATIM2,
               (const char *[]) { "", "", "inbox review", "", "" });

  complete_step (f, KATIM2, "review", case_id, "_Complete Step", NULL);
  assert_active_step (f, case_id, "4", f->ids[KEPALA]);
  check_stage (f, case_id, "08-reviewed-again", "4", KEPALA,
               (const char *[]) { "", "", "", "inbox review", "" });

  /* This time to katim1: katim2 no longer holds it. */
  dispose_to (f, case_id, KATIM1, "Segera teruskan ke admin website", NULL);
  assert_active_step (f, case_id, "5", f->ids[KATIM1]);
  check_stage (f, case_id, "09-disposed-again", "5", KATIM1,
               (const char *[]) { "", "inbox review", "", "", "" });

  complete_step (f, KATIM1, "review", case_id, "_Complete Step", "Dokumen final");
  assert_active_step (f, case_id, "6", 0);
  check_stage (f, case_id, "10-final", "6", WEBADMIN,
               (const char *[]) { "", "", "", "", "inbox publish" });

  /* Step 6, publish: tests/publish-ui presses _Publish against a fake
   * site; here the proof (a publication verified live with its screenshot)
   * is recorded as another process would, and the step completes there. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (warta_sample_prove_publication (f->engine, f->ids[WEBADMIN], case_id, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (warta_engine_complete (f->engine, f->ids[WEBADMIN], case_id,
                                          "https://bbkkmedan.kemkes.go.id/berita", &error));
    g_assert_no_error (error);
  }
  sign_in (f, WEBADMIN);
  view = open_case (f->window, "publish", case_id);
  assert_active_step (f, case_id, "7", f->ids[WEBADMIN]);
  /* The holder is not told that they hold it, as if someone else did. */
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 7: "), WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (ui_case_child (view, "readonly_label")), ==,
                   "Read only: the naskah is written at writing and review steps, by whoever holds them.");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "action_bar"))));
  check_stage (f, case_id, "11-published", "7", WEBADMIN,
               (const char *[]) { "", "", "", "", "inbox publish" });

  /* Step 7: the admin tells the author; step 8: the author reports. */
  complete_step (f, WEBADMIN, "publish", case_id, "_Mark Reported", NULL);
  assert_active_step (f, case_id, "8", f->ids[STAF]);
  check_stage (f, case_id, "12-reported-to-author", "8", STAF,
               (const char *[]) { "inbox", "", "", "", "" });

  complete_step (f, STAF, "inbox", case_id, "_Mark Reported", "Selesai dilaporkan");
  done = read_case (f, case_id);
  g_assert_cmpint (done->state, ==, WARTA_CASE_DONE);
  g_assert_null (done->active);
  g_assert_cmpint (done->finished_at, >, 0);

  /* Still on the author's screen: finished, no buttons, and the chain
   * has every step, the ones done twice twice. */
  view = get_case_view (inbox);
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, case_id);
  UI_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (ui_case_child (view, "step_label")), "Finished") == 0, WAIT_MS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "action_bar"))));
  adw_view_stack_set_visible_child_name (ui_case_child (view, "view_stack"), "chain");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  chain = ui_find_labels (ui_case_chain (view), "chain-step");
  g_assert_cmpuint (chain->len, ==, 13);
  for (guint step = 1; step <= 8; step++)
    {
      g_autofree char *prefix = g_strdup_printf ("Step %u · ", step);
      guint seen = 0;

      for (guint i = 0; i < chain->len; i++)
        seen += g_str_has_prefix (g_ptr_array_index (chain, i), prefix);
      g_assert_cmpuint (seen, ==, step <= 5 ? 2 : 1);
    }
  screenshot (f, GTK_WIDGET (f->window), "13-done-chain");
  adw_view_stack_set_visible_child_name (ui_case_child (view, "view_stack"), "flowchart");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpint (gtk_widget_get_width (ui_case_flowchart (view)), >, 0);
  g_assert_cmpint (gtk_widget_get_height (ui_case_flowchart (view)), >, 0);
  screenshot (f, GTK_WIDGET (f->window), "13-done-flowchart");

  check_stage (f, case_id, "13-done", NULL, -1,
               (const char *[]) { "", "", "", "", "" });
}

/* Types into the naskah's body through the X server, as a person does:
 * a click puts the keyboard focus in the editor, where the cursor
 * blinks. */
static void
type_into_body (WartaCaseView *view,
                const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (ui_case_body (view));
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (gtk_text_view_get_editable (ui_case_body (view)));
  ui_wait_for_frames (GTK_WIDGET (view), 2);
  xtest_click (GTK_WIDGET (ui_case_body (view)));
  UI_WAIT_UNTIL (gtk_widget_has_focus (GTK_WIDGET (ui_case_body (view))), WAIT_MS);
  xtest_ctrl (XK_End);
  /* The keys go where the cursor is: at the end, once Ctrl+End is taken. */
  UI_WAIT_UNTIL (({ GtkTextIter at;
                    gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
                    gtk_text_iter_is_end (&at); }), WAIT_MS);
  g_object_get (buffer, "text", &before, NULL);
  expected = g_strconcat (before, text, NULL);
  xtest_type (text);
  UI_WAIT_UNTIL (({ g_autofree char *now = NULL; g_object_get (buffer, "text", &now, NULL);
                    g_strcmp0 (now, expected) == 0; }), WAIT_MS);
}

/* Clicks a button of the case view's action bar through the X server. */
static void
click_button (GtkButton *button)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  xtest_click (GTK_WIDGET (button));
}

/* The editor turns read-only while it has the keyboard focus and its
 * cursor blinks: when its holder completes the step, and when a reviewer
 * who edited it decides. GTK 4.8 aborted in the cursor's blink
 * (gtktextview.c: assertion cursor_visible) a moment later; the window
 * must live on through several blinks, and the focus leave the editor. */
static void
test_type_then_complete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Pelayanan", &error);
  g_assert_no_error (error);

  /* Step 1: the author writes, and completes with the cursor in the
   * editor; step 2 shows the naskah read-only. */
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  type_into_body (view, "Petugas siaga sampai pukul dua dini hari");
  /* The title too, its cursor blinking as the button is pressed. */
  xtest_click (GTK_WIDGET (ui_case_child (view, "naskah_title_row")));
  UI_WAIT_UNTIL (gtk_widget_has_focus (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view)))) &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view))),
                                         GTK_WIDGET (ui_case_child (view, "naskah_title_row"))), WAIT_MS);
  xtest_type ("Malam Hari");
  UI_WAIT_UNTIL (g_str_has_suffix (gtk_editable_get_text (GTK_EDITABLE (ui_case_child (view, "naskah_title_row"))), "Malam Hari"), WAIT_MS);
  click_button (ui_case_child (view, "complete_button"));
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 2: "), WAIT_MS);
  assert_active_step (f, case_id, "2", f->ids[STAF]);
  g_assert_false (gtk_text_view_get_editable (ui_case_body (view)));
  /* Several blinks of the cursor (1.2 s a cycle). */
  ui_iterate (3000);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (ui_case_body (view))));
  {
    g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (f->store, case_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (naskah->body, "dini hari"));
  }

  /* Step 3: the reviewer corrects the naskah and completes with the
   * cursor still in the editor. */
  attach_elsewhere (f, case_id, "nota-dinas");
  attach_elsewhere (f, case_id, "dokumen-pendukung");
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);
  sign_in (f, KATIM1);
  view = open_case (f->window, "review", case_id);
  type_into_body (view, " WIB");
  click_button (ui_case_child (view, "complete_button"));
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 4: "), WAIT_MS);
  ui_iterate (3000);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (ui_case_body (view))));
  screenshot (f, GTK_WIDGET (f->window), "typed-then-completed");
}

/* The same at decisions: a reviewer who corrected the naskah presses
 * Setujui (Ya) with the cursor just typed; twice, at seed 003's steps 4
 * and 5, and the next step (a disposition) shows it read-only. */
static void
test_type_then_decide (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autofree char *photo = write_photo (f);
  g_autofree char *report = write_pdf (f, "laporan-liputan.pdf", 1, "liputan", 0);
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->serba, SOP_003, "Vaksinasi Jemaah Umrah", &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (f->engine, f->serba, case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_dispose (f->engine, f->serba, case_id, f->serba, "Tulis dengan 5W+1H", &error));
  g_assert_no_error (error);
  naskah = warta_naskah_new (case_id);
  naskah->title = g_strdup ("Vaksinasi Jemaah Umrah di Palembang");
  naskah->body = g_strdup ("Jemaah umrah menerima vaksin meningitis");
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    naskah->five_w[i] = g_strdup ("Terjawab");
  g_assert_true (warta_engine_save_naskah (f->engine, f->serba, naskah, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (photo);
    g_autoptr(GFile) doc = g_file_new_for_path (report);

    g_assert_cmpint (warta_engine_attach (f->engine, f->serba, case_id, file, "foto", NULL, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (warta_engine_attach (f->engine, f->serba, case_id, doc, "dokumen-pendukung", NULL, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (warta_engine_complete (f->engine, f->serba, case_id, NULL, &error));
  g_assert_no_error (error);
  assert_active_step (f, case_id, "4", 0);

  sign_in_as (f->window, "serba", f->serba);
  view = open_case (f->window, "review", case_id);
  type_into_body (view, " di Bandara");
  click_button (ui_case_child (view, "approve_button"));
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 5: "), WAIT_MS);
  ui_iterate (3000);
  g_assert_true (gtk_text_view_get_editable (ui_case_body (view)));

  type_into_body (view, " SMB II");
  click_button (ui_case_child (view, "approve_button"));
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 6: "), WAIT_MS);
  g_assert_false (gtk_text_view_get_editable (ui_case_body (view)));
  ui_iterate (3000);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (ui_case_body (view))));

  g_clear_pointer (&naskah, warta_naskah_free);
  naskah = warta_store_get_naskah (f->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (naskah->body, ==, "Jemaah umrah menerima vaksin meningitis di Bandara SMB II");
  screenshot (f, GTK_WIDGET (f->window), "typed-then-decided");
}

/* The mean lightness (0–1) of a screenshot. */
static double
mean_lightness (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  int width, height;
  double sum = 0;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize)width * height * 4);
  gdk_texture_download (texture, pixels, (gsize)width * 4);
  for (gsize i = 0; i < (gsize)width * height; i++)
    sum += (pixels[i * 4] + pixels[i * 4 + 1] + pixels[i * 4 + 2]) / (3.0 * 255);
  return sum / ((double)width * height);
}

static gboolean
lists_people (WartaSignInPage *page)
{
  g_auto(GStrv) logins = warta_sign_in_page_dup_shown_logins (page);

  return logins[0] != NULL;
}

/* In dark mode the naskah editor is dark too, and back to light with
 * the desktop; the sign-in avatars take their initials from the name
 * without its titles. */
static void
test_dark_editor (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *page = warta_window_get_sign_in_page (f->window);
  WartaCaseView *view;
  g_autofree char *dark = NULL;
  g_autofree char *light = NULL;
  gboolean found = FALSE;
  gint64 case_id;

  /* "dr. Ratna Budi Hapsari": RH, not DH, once the list is read. */
  UI_WAIT_UNTIL (lists_people (WARTA_SIGN_IN_PAGE (page)), WAIT_MS);
  for (GtkWidget *w = page; w != NULL; )
    {
      if (ADW_IS_AVATAR (w) && g_strcmp0 (adw_avatar_get_text (ADW_AVATAR (w)), "Ratna Budi Hapsari") == 0)
        found = TRUE;
      g_assert_cmpstr (ADW_IS_AVATAR (w) ? adw_avatar_get_text (ADW_AVATAR (w)) : "", !=, "dr. Ratna Budi Hapsari");
      /* Depth first through the page. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != page && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == page) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_true (found);

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Mode Gelap", &error);
  g_assert_no_error (error);
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  UI_WAIT_UNTIL (adw_style_manager_get_dark (style), WAIT_MS);
  dark = ui_save_screenshot (GTK_WIDGET (ui_case_body (view)), "screenshot-editor-dark");
  g_assert_cmpfloat (mean_lightness (dark), <, 0.35);
  screenshot (f, GTK_WIDGET (f->window), "dark-case");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  UI_WAIT_UNTIL (!adw_style_manager_get_dark (style), WAIT_MS);
  light = ui_save_screenshot (GTK_WIDGET (ui_case_body (view)), "screenshot-editor-light");
  g_assert_cmpfloat (mean_lightness (light), >, 0.65);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The flowchart and the chain tabs draw for a case under way. */
static void
test_case_tabs (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  WartaCaseView *view;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Jadwal Layanan Vaksinasi", &error);
  g_assert_no_error (error);

  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  adw_view_stack_set_visible_child_name (ui_case_child (view, "view_stack"), "flowchart");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_get_mapped (ui_case_flowchart (view)));
  g_assert_cmpint (gtk_widget_get_width (ui_case_flowchart (view)), >, 0);
  g_assert_cmpint (gtk_widget_get_height (ui_case_flowchart (view)), >, 0);
  screenshot (f, GTK_WIDGET (f->window), "case-flowchart");

  adw_view_stack_set_visible_child_name (ui_case_child (view, "view_stack"), "chain");
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_get_mapped (ui_case_chain (view)));
  chain = ui_find_labels (ui_case_chain (view), "chain-step");
  g_assert_cmpuint (chain->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (chain, 0), "Step 1 · "));
  screenshot (f, GTK_WIDGET (f->window), "case-chain");
}

/* Scrolls the page that holds widget until all of it shows, as a person
 * does before clicking it. */
static gboolean
shows_whole (GtkWidget *scroller,
             GtkWidget *widget)
{
  graphene_rect_t bounds;

  return gtk_widget_get_height (widget) > 0 && gtk_widget_compute_bounds (widget, scroller, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (widget) && gtk_widget_get_height (scroller) > 0, WAIT_MS);
  /* Until the page is laid out, its adjustment cannot reach the widget. */
  for (guint tries = 0; !shows_whole (scroller, widget) && tries < 100; tries++)
    {
      graphene_rect_t bounds;
      double value = gtk_adjustment_get_value (adjustment);

      g_assert_true (gtk_widget_compute_bounds (widget, scroller, &bounds));
      if (bounds.origin.y < 0)
        value += bounds.origin.y;
      else
        value += bounds.origin.y + bounds.size.height - gtk_widget_get_height (scroller);
      gtk_adjustment_set_value (adjustment, value);
      ui_wait_for_frames (scroller, 1);
    }
  g_assert_true (shows_whole (scroller, widget));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The row of the step's checklist titled title, and its box. */
static GtkCheckButton *
requirement_check (WartaCaseView  *view,
                   const char     *title,
                   GtkWidget     **row)
{
  GtkWidget *found = ui_find_widget (ui_case_child (view, "requirements_group"), is_row_titled, title);

  if (found == NULL)
    g_error ("No requirement “%s” in the checklist", title);
  if (row != NULL)
    *row = found;
  return GTK_CHECK_BUTTON (ui_find_descendant (found, GTK_TYPE_CHECK_BUTTON));
}

static gboolean
is_ticked (WartaCaseView *view,
           const char    *title)
{
  return gtk_check_button_get_active (requirement_check (view, title, NULL));
}

/* The bin of the attachment named name, in the panel's list. */
static GtkWidget *
attachment_remove_button (WartaCaseView *view,
                          const char    *name)
{
  GPtrArray *attachments = warta_attachments_panel_get_attachments (ui_case_child (view, "attachments_panel"));
  GtkWidget *list = ui_find_descendant (GTK_WIDGET (ui_case_child (view, "attachments_panel")), GTK_TYPE_LIST_BOX);
  gint64 id = 0;

  for (guint i = 0; i < attachments->len; i++)
    if (g_str_equal (((WartaAttachment *)g_ptr_array_index (attachments, i))->name, name))
      id = ((WartaAttachment *)g_ptr_array_index (attachments, i))->id;
  g_assert_cmpint (id, >, 0);
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if ((gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "attachment-id")) == id)
      return ui_find_button_by_icon (row, "user-trash-symbolic");
  g_error ("No row for “%s” in the attachments panel", name);
}

/* Step 2 of seed 002 names a nota dinas and supporting documents: each
 * box ticks when a file of its kind is attached through the panel, names
 * the file, and unticks when the file is removed; a plain requirement
 * stays the person's to tick. */
static void
test_requirements_follow_attachments (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nota = write_pdf (f, "nota-dinas-12.pdf", 1, "Belawan", 0);
  g_autofree char *data_dukung = write_pdf (f, "jadwal-layanan.pdf", 1, "Jadwal", 0);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  WartaCaseView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *kind;
  GtkCheckButton *check;
  GtkWidget *row;
  GtkWidget *nota_row;
  GtkWidget *file_row;
  GtkWidget *button;
  gint64 case_id;
  int divider;

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Jadwal Layanan Vaksinasi", &error);
  g_assert_no_error (error);
  compose_elsewhere (f, case_id);
  g_assert_true (warta_engine_complete (f->engine, f->ids[STAF], case_id, NULL, &error));
  g_assert_no_error (error);

  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (ui_case_child (view, "step_label")), "Step 2: "), WAIT_MS);
  g_assert_false (is_ticked (view, "Nota dinas"));
  g_assert_false (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"));
  /* A box met by a file is not the person's to tick. */
  check = requirement_check (view, "Nota dinas", &row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Attach: nota dinas");
  scroll_into_view (GTK_WIDGET (ui_case_child (view, "requirements_group")));
  xtest_click (row);
  ui_iterate (100);
  g_assert_false (is_ticked (view, "Nota dinas"));
  /* The same rows stay while the step does: only their ticks change. */
  nota_row = row;
  g_object_add_weak_pointer (G_OBJECT (nota_row), (gpointer *)&nota_row);
  screenshot (f, GTK_WIDGET (f->window), "requirements-none-attached");

  /* A ZIP named as a PDF is no nota dinas: refused, the box stays empty. */
  {
    static const char zip_head[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0 };
    g_autofree char *fake = g_build_filename (f->dir, "nota-dinas-palsu.pdf", NULL);

    g_assert_true (g_file_set_contents (fake, zip_head, sizeof zip_head, NULL));
    attach_refused_through_panel (f, view, fake, "nota-dinas",
                                  "“nota-dinas-palsu.pdf” is not a PDF document: its content is Zip archive. ");
    g_assert_false (is_ticked (view, "Nota dinas"));
  }

  /* The nota dinas, through the panel: its kind chosen, Attach clicked.
   * The naskah's divider stays where it is: a new file's row moved it a
   * pixel or two, and every line of the naskah was laid out again. */
  divider = gtk_paned_get_position (ui_case_child (view, "naskah_paned"));
  g_ptr_array_add (files, g_file_new_for_path (nota));
  warta_attachments_panel_add_files (ui_case_child (view, "attachments_panel"), files, NULL);
  dialog = find_message_dialog (f->window);
  kind = g_object_get_data (G_OBJECT (dialog), "kind");
  gtk_drop_down_set_selected (kind, 0);
  button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, "attach"));
  g_assert_nonnull (button);
  xtest_click (button);
  UI_WAIT_UNTIL (is_ticked (view, "Nota dinas"), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (view), 3);
  g_assert_cmpint (gtk_paned_get_position (ui_case_child (view, "naskah_paned")), ==, divider);
  check = requirement_check (view, "Nota dinas", &row);
  g_assert_true (row == nota_row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Attached: nota-dinas-12.pdf");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "Attached: nota-dinas-12.pdf");
  g_assert_false (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"));

  /* A second file adds its row: the nota dinas's stays as it was. */
  file_row = GTK_WIDGET (gtk_list_box_get_row_at_index (ui_child (ui_case_child (view, "attachments_panel"),
                                                                  WARTA_TYPE_ATTACHMENTS_PANEL, "list"), 0));
  g_object_add_weak_pointer (G_OBJECT (file_row), (gpointer *)&file_row);
  attach_through_panel (f, view, data_dukung, "dokumen-pendukung", NULL);
  UI_WAIT_UNTIL (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"), WAIT_MS);
  g_assert_true (is_ticked (view, "Nota dinas"));
  g_assert_nonnull (file_row);
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (ui_child (ui_case_child (view, "attachments_panel"),
                                                                      WARTA_TYPE_ATTACHMENTS_PANEL, "list"),
                                                            0)) == file_row);
  g_object_remove_weak_pointer (G_OBJECT (file_row), (gpointer *)&file_row);
  scroll_into_view (GTK_WIDGET (ui_case_child (view, "requirements_group")));
  screenshot (f, GTK_WIDGET (f->window), "requirements-attached");

  /* The nota dinas taken back with its row's bin: its box unticks. */
  button = attachment_remove_button (view, "nota-dinas-12.pdf");
  xtest_click (button);
  UI_WAIT_UNTIL (!is_ticked (view, "Nota dinas"), WAIT_MS);
  g_assert_true (is_ticked (view, "Dokumen dan data dukung yang akan dipublikasikan"));
  check = requirement_check (view, "Nota dinas", &row);
  g_assert_true (row == nota_row);
  g_object_remove_weak_pointer (G_OBJECT (nota_row), (gpointer *)&nota_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Attach: nota dinas");
  scroll_into_view (GTK_WIDGET (ui_case_child (view, "requirements_group")));
  screenshot (f, GTK_WIDGET (f->window), "requirements-nota-removed");
}

/* Counts rows through a connection of its own, as another process would. */
static gint64
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A big file's attach cancelled half way, with the panel's stop button:
 * the window goes on (it aborted here once), says so, and keeps nothing
 * of the file, not even a pending row. */
static void
test_attach_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rekaman-panjang.bin", NULL);
  gsize length = 256 * 1024 * 1024;
  g_autofree guint8 *content = g_malloc (length);
  WartaAttachmentsPanel *panel;
  WartaCaseView *view;
  gint64 case_id;

  for (gsize i = 0; i < length; i += 4096)
    memset (content + i, (int)(i >> 12), 4096);
  g_assert_true (g_file_set_contents (path, (const char *)content, length, &error));
  g_assert_no_error (error);
  g_clear_pointer (&content, g_free);

  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Rekaman rapat", &error);
  g_assert_no_error (error);
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  panel = ui_case_child (view, "attachments_panel");

  choose_file (f, view, path, "lainnya", NULL);
  UI_WAIT_UNTIL (warta_attachments_panel_is_busy (panel), WAIT_MS);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (ui_child (panel, WARTA_TYPE_ATTACHMENTS_PANEL, "cancel_button")), WAIT_MS);
  xtest_click (ui_child (panel, WARTA_TYPE_ATTACHMENTS_PANEL, "cancel_button"));
  UI_WAIT_UNTIL (!warta_attachments_panel_is_busy (panel), WAIT_MS);
  ui_iterate (200);
  screenshot (f, GTK_WIDGET (f->window), "attach-cancelled");

  g_assert_cmpuint (warta_attachments_panel_get_n_attachments (panel), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM attachment_data"), ==, 0);
  /* and the window still takes a file */
  {
    g_autofree char *nota = write_pdf (f, "nota-dinas-rapat.pdf", 1, "Rapat", 0);

    attach_through_panel (f, view, nota, "nota-dinas", NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ui_office_init ();

  ui_office_add ("/ui/case/seed-002-every-step", test_drive_seed_002, NULL);
  ui_office_add ("/ui/case/flowchart-and-chain", test_case_tabs, NULL);
  ui_office_add ("/ui/case/attach-cancelled", test_attach_cancelled, NULL);
  ui_office_add ("/ui/case/type-then-complete", test_type_then_complete, NULL);
  ui_office_add ("/ui/case/type-then-decide", test_type_then_decide, "seed-003");
  ui_office_add ("/ui/case/dark-editor", test_dark_editor, NULL);
  ui_office_add ("/ui/case/requirements-follow-attachments", test_requirements_follow_attachments, NULL);

  return ui_office_run ();
}
