/* ui-office.c: an office of seed 002 in a window, and the helpers the
 * window tests drive it with
 *
 * Each test opens a database of its own and a window on it in this
 * process, and drives the window through what its buttons and rows call:
 * the sign-in page's functions, the window's and the case view's actions,
 * the dialogs' responses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>

#include "test-util.h"
#include "ui-office.h"
#include "warta-evidence.h"
#include "warta-sign-in-page.h"

const Person people[N_PEOPLE] = {
  { "staf", "Rahmat Siregar", "Staf Tim Kerja", "staff-tim-kerja", "inbox sop" },
  { "katim1", "Dewi Lubis", "Katimker Layanan Publik", "katimker-layanan-publik-zi", "inbox review sop" },
  { "katim2", "Fajar Nasution", "Katimker Layanan Publik", "katimker-layanan-publik-zi", "inbox review sop" },
  { "kepala", "dr. Ratna Budi Hapsari", "Kepala Balai", "kepala-satker", "inbox review sop" },
  { "webadmin", "Yusuf Harahap", "Admin Website", "admin-website", "inbox publish sop" },
};

const char * const all_panes[] = { "inbox", "review", "publish", "sop", NULL };

static WartaApplication *app;

/* Fixture */

WartaWindow *
open_window (const char *path)
{
  WartaWindow *window;

  window = g_object_new (WARTA_TYPE_WINDOW,
                         "application", app,
                         "database-path", path,
                         NULL);
  gtk_window_present (GTK_WINDOW (window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), WAIT_MS);
  return window;
}

gint64
ui_office_add_person (Fixture         *f,
                      const WartaUser *user)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = warta_engine_add_user (f->engine, f->admin, user, FIRST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (warta_engine_change_password (f->engine, user->login, FIRST_PASSWORD, PASSWORD, &error), ==, id);
  g_assert_no_error (error);
  return id;
}

static void
setup_office (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) admin_user = NULL;
  const char *sops[] = { SOP_ID, NULL };
  WartaUser admin = { 0 };

  admin.login = (char *)"kantor";
  admin.full_name = (char *)"Administrator Kantor";
  g_assert_true (warta_engine_setup_office (f->engine, OFFICE, &admin, PASSWORD,
                                            warta_sop_get_shipped_dir (), sops, &error));
  g_assert_no_error (error);
  admin_user = warta_store_find_user (f->store, "kantor", NULL, &error);
  g_assert_no_error (error);
  f->admin = admin_user->id;

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const char *roles[] = { people[i].role, NULL };
      WartaUser user = { 0 };

      user.login = (char *)people[i].login;
      user.full_name = (char *)people[i].name;
      user.jabatan = (char *)people[i].jabatan;
      user.roles = (GStrv)roles;
      f->ids[i] = ui_office_add_person (f, &user);
    }
}

/* Seed 003 beside 002, and one person who holds each of its lanes, for
 * a decision (ya/tidak) at a review step that edits the naskah. */
static void
import_seed_003 (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (warta_sop_get_shipped_dir (),
                                            "003-bkk-palembang-publikasi-medsos-website.json", NULL);
  g_autoptr(WartaSop) sop = warta_sop_new_from_file (path, &error);
  const char *roles[] = { "subbag-tim-kerja", "pranata-humas", "tim-ppid", "kepala-balai", NULL };
  WartaUser user = { 0 };

  g_assert_no_error (error);
  g_assert_true (warta_engine_import_sop (f->engine, f->admin, sop, NULL, &error));
  g_assert_no_error (error);
  user.login = (char *)"serba";
  user.full_name = (char *)"Sari Serbabisa";
  user.jabatan = (char *)"Pranata Humas";
  user.roles = (GStrv)roles;
  f->serba = ui_office_add_person (f, &user);
}

/* @data: "empty" for a database with nobody in it yet */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("warta-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "warta.db", NULL);
  f->store = warta_store_open (f->path, &error);
  g_assert_no_error (error);
  f->engine = warta_engine_new (f->store);
  warta_evidence_set_keep_bukti (f->engine, TRUE);
  f->shots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_strcmp0 (data, "empty") != 0)
    setup_office (f);
  if (g_strcmp0 (data, "seed-003") == 0)
    import_seed_003 (f);

  f->window = open_window (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->shots, g_hash_table_unref);
}

/* Reading the window */

WartaCasesPane *
get_cases_pane (WartaWindow *window,
                const char  *name)
{
  GtkWidget *pane = warta_window_get_pane (window, name);

  g_assert_true (WARTA_IS_CASES_PANE (pane));
  return WARTA_CASES_PANE (pane);
}

WartaCaseView *
get_case_view (WartaCasesPane *pane)
{
  GtkWidget *view = ui_find_descendant (GTK_WIDGET (pane), WARTA_TYPE_CASE_VIEW);

  g_assert_nonnull (view);
  return WARTA_CASE_VIEW (view);
}

/* Whether the model has counted the cases and read every row. Asking for
 * a row that is not read yet starts its read. */
static gboolean
model_is_read (WartaCaseListModel *model)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (warta_case_list_model_get_loading (model))
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(WartaCaseItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (warta_case_item_is_placeholder (item))
        return FALSE;
    }
  return TRUE;
}

/* The row of the case, or NULL */
static WartaCaseItem *
model_get_case (WartaCaseListModel *model,
                gint64              case_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(WartaCaseItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (warta_case_item_get_id (item) == case_id)
        return item;  /* the model keeps a reference */
    }
  return NULL;
}

gboolean
model_lists (WartaCaseListModel *model,
             gint64              case_id)
{
  return model_get_case (model, case_id) != NULL;
}

gboolean
model_lists_at_step (WartaCaseListModel *model,
                     gint64              case_id,
                     const char         *step_id)
{
  WartaCaseItem *item = model_get_case (model, case_id);

  return item != NULL && warta_case_item_get_run (item) != NULL &&
         g_strcmp0 (warta_case_item_get_run (item)->step_id, step_id) == 0;
}

WartaCase *
read_case (Fixture *f,
           gint64   case_id)
{
  g_autoptr(GError) error = NULL;
  WartaCase *kase = warta_store_get_case (f->store, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
collect_case_views (GtkWidget *widget,
                    GPtrArray *views)
{
  if (WARTA_IS_CASE_VIEW (widget))
    g_ptr_array_add (views, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_case_views (child, views);
}

static gboolean
case_views_settled (WartaWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_case_views (GTK_WIDGET (window), views);
  for (guint i = 0; i < views->len; i++)
    {
      WartaCaseView *view = g_ptr_array_index (views, i);

      if (warta_case_view_is_busy (view))
        return FALSE;
    }
  return TRUE;
}

/* The case views' actions, saves and reads are done on the session's
 * worker: waits until every one has come back. */
void
settle (WartaWindow *window)
{
  UI_WAIT_UNTIL (case_views_settled (window), WAIT_MS);
}

/* What the database says of the case, read on the test's own connection:
 * its active step and who holds it (0: anyone in the lane), once the
 * window's work has come back from the worker. */
void
assert_active_step (Fixture    *f,
                    gint64      case_id,
                    const char *step_id,
                    gint64      assignee)
{
  g_autoptr(WartaCase) kase = NULL;

  settle (f->window);
  kase = read_case (f, case_id);

  g_assert_cmpint (kase->state, ==, WARTA_CASE_OPEN);
  g_assert_nonnull (kase->active);
  g_assert_cmpstr (kase->active->step_id, ==, step_id);
  g_assert_cmpint (kase->active->assignee, ==, assignee);
}

void
screenshot (Fixture    *f,
            GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strconcat ("screenshot-", name, NULL);

  ui_screenshot (widget, file);
  g_hash_table_add (f->shots, g_steal_pointer (&file));
}

/* Driving the window */

static void
sign_out (WartaWindow *window)
{
  WartaSession *session = warta_window_get_session (window);

  if (warta_session_get_user_id (session) == 0)
    return;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  g_assert_cmpint (warta_session_get_user_id (session), ==, 0);
  g_assert_cmpstr (warta_window_get_page_name (window), ==, "sign-in");
}

/* As a person does: choose the name, type the password, press Sign In. */
void
sign_in_as (WartaWindow *window,
            const char  *login,
            gint64       id)
{
  WartaSession *session = warta_window_get_session (window);
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (window));

  if (warta_session_get_user_id (session) == id)
    return;
  sign_out (window);

  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, login), WAIT_MS);
  warta_sign_in_page_set_password (page, PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpint (warta_session_get_user_id (session), ==, id);
  g_assert_cmpstr (warta_window_get_page_name (window), ==, "work");
  g_assert_cmpstr (warta_window_get_pane_name (window), ==, "inbox");
}

void
sign_in (Fixture *f,
         guint    person)
{
  sign_in_as (f->window, people[person].login, f->ids[person]);
}

/* Shows a pane as Alt+1…4 or the view switcher do; a list of cases is
 * waited for until it has read its rows. */
GtkWidget *
show_pane (WartaWindow *window,
           const char  *name)
{
  GtkWidget *pane = warta_window_get_pane (window, name);

  g_assert_true (warta_window_is_pane_visible (window, name));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "s", name));
  g_assert_cmpstr (warta_window_get_pane_name (window), ==, name);
  if (WARTA_IS_CASES_PANE (pane))
    UI_WAIT_UNTIL (model_is_read (warta_cases_pane_get_model (WARTA_CASES_PANE (pane))), WAIT_MS);
  return pane;
}

/* The list view over the pane's cases, not one inside a case's
 * attachments (the PDF view's thumbnails are a list view too). */
static gboolean
is_case_list (GtkWidget     *widget,
              gconstpointer  cases)
{
  GtkSelectionModel *model;
  GListModel *rows;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;
  model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
  if (!GTK_IS_SINGLE_SELECTION (model))
    return FALSE;
  /* The list shows a slice of the cases: their first rows on its first
   * frame, then all. */
  rows = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
  if (GTK_IS_SLICE_LIST_MODEL (rows))
    rows = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (rows));
  return rows == cases;
}

/* Clicks the case's row in a pane's list; returns the view that shows it. */
WartaCaseView *
open_case (WartaWindow *window,
           const char  *pane_name,
           gint64       case_id)
{
  WartaCasesPane *pane = WARTA_CASES_PANE (show_pane (window, pane_name));
  WartaCaseListModel *model = warta_cases_pane_get_model (pane);
  GtkWidget *list = ui_find_widget (GTK_WIDGET (pane), is_case_list, model);
  WartaCaseView *view;
  guint position;

  g_assert_nonnull (list);
  UI_WAIT_UNTIL (model_lists (model, case_id), WAIT_MS);
  position = warta_case_list_model_find (model, case_id);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)),
                                                  position, TRUE));
  g_assert_cmpint (warta_cases_pane_get_case_id (pane), ==, case_id);
  /* The pane makes its case view when the first case is chosen. */
  view = get_case_view (pane);
  g_assert_cmpint (warta_case_view_get_case_id (view), ==, case_id);
  /* It reads the case on the session's worker. */
  UI_WAIT_UNTIL (warta_case_view_get_case (view) != NULL && warta_case_view_get_case (view)->id == case_id &&
                 !warta_case_view_is_busy (view), WAIT_MS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (ui_case_child (view, "stack")), ==, "case");
  return view;
}

/* Presses a button of the case view's action bar: it must be there, and
 * say what it does. */
void
press (WartaCaseView *view,
       GtkButton     *button,
       const char    *label)
{
  const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (button));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_case_child (view, "action_bar"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  if (label != NULL)
    g_assert_cmpstr (gtk_button_get_label (button), ==, label);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
  settle (WARTA_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

/* The dialog a button opened, once it is on screen. */
AdwMessageDialog *
find_message_dialog (WartaWindow *window)
{
  GtkWindow *dialog = NULL;

  UI_WAIT_UNTIL ((dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL &&
                 gtk_widget_get_mapped (GTK_WIDGET (dialog)), WAIT_MS);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Presses the dialog's button for @response and waits until the dialog
 * is gone. */
static void
press_response (AdwMessageDialog *dialog,
                const char       *response)
{
  GtkWidget *button = ui_find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_emit_by_name (button, "clicked");
  UI_WAIT_UNTIL (dialog == NULL, WAIT_MS);
}

/* Fills the dialog's required entry and answers it: the answer is refused
 * while the entry is blank. */
void
answer_dialog (Fixture          *f,
               AdwMessageDialog *dialog,
               const char       *text,
               const char       *shot)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (entry, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  gtk_editable_set_text (entry, text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  if (shot != NULL)
    screenshot (f, GTK_WIDGET (dialog), shot);

  /* Its button answers and closes it. */
  press_response (dialog, "ok");
  settle (f->window);
}

/* Attachments */

/* A nota dinas of n_pages A4 pages; word stands on page word_page only. */
char *
write_pdf (Fixture    *f,
           const char *name,
           guint       n_pages,
           const char *word,
           guint       word_page)
{
  char *path = g_build_filename (f->dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint page = 0; page < n_pages; page++)
    {
      char line[64];

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 22);
      cairo_move_to (cr, 60, 90);
      cairo_show_text (cr, "NOTA DINAS");
      cairo_set_font_size (cr, 12);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      for (guint i = 0; i < 30; i++)
        {
          g_snprintf (line, sizeof line, "Halaman %u, baris %u: layanan vaksinasi internasional.", page + 1, i + 1);
          cairo_move_to (cr, 60, 130 + i * 20);
          cairo_show_text (cr, line);
        }
      if (page == word_page)
        {
          cairo_move_to (cr, 60, 760);
          cairo_show_text (cr, word);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

char *
write_photo (Fixture *f)
{
  char *path = g_build_filename (f->dir, "foto-kegiatan.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.3, 0.55, 0.85);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.6, 0.25);
  cairo_rectangle (cr, 0, 320, 800, 180);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  guint32 be_length = GUINT32_TO_BE (length), crc;

  g_byte_array_append (body, (const guint8 *)type, 4);
  if (length > 0)
    g_byte_array_append (body, data, length);
  crc = GUINT32_TO_BE (crc32_of (body->data, body->len));
  g_byte_array_append (png, (const guint8 *)&be_length, 4);
  g_byte_array_append (png, body->data, body->len);
  g_byte_array_append (png, (const guint8 *)&crc, 4);
}

/* A PNG whose header claims 30,000 × 30,000 pixels: 3.6 GB if decoded.
 * Its image data is empty; the loader reads the header and the next
 * chunk's before it knows the size. */
char *
write_huge_png (Fixture *f)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 header[13] = { 0 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  char *path = g_build_filename (f->dir, "spanduk-raksasa.png", NULL);
  guint32 side = GUINT32_TO_BE (30000);

  memcpy (header, &side, 4);
  memcpy (header + 4, &side, 4);
  header[8] = 8;  /* bit depth */
  header[9] = 6;  /* RGBA */
  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", header, sizeof header);
  append_chunk (png, "IDAT", NULL, 0);
  append_chunk (png, "IEND", NULL, 0);
  g_assert_true (g_file_set_contents (path, (const char *)png->data, png->len, NULL));
  return path;
}

/* Chooses the file as its holder does: the panel asks for the kind, the
 * person picks it and presses Attach. */
void
choose_file (Fixture       *f,
             WartaCaseView *view,
             const char    *path,
             const char    *kind,
             const char    *shot)
{
  static const char *kinds[] = { "nota-dinas", "dokumen-pendukung", "foto", "video", "lainnya" };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  guint position = GTK_INVALID_LIST_POSITION;

  g_ptr_array_add (files, g_file_new_for_path (path));
  warta_attachments_panel_add_files (ui_case_child (view, "attachments_panel"), files, NULL);
  dialog = find_message_dialog (f->window);
  drop_down = g_object_get_data (G_OBJECT (dialog), "kind");
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i], kind))
      position = i;
  gtk_drop_down_set_selected (drop_down, position);
  if (shot != NULL)
    screenshot (f, GTK_WIDGET (dialog), shot);
  press_response (dialog, "attach");
}

/* Attaches a file as its holder does; the worker stores it. */
void
attach_through_panel (Fixture       *f,
                      WartaCaseView *view,
                      const char    *path,
                      const char    *kind,
                      const char    *shot)
{
  guint before = warta_attachments_panel_get_n_attachments (ui_case_child (view, "attachments_panel"));

  choose_file (f, view, path, kind, shot);
  UI_WAIT_UNTIL (!warta_attachments_panel_is_busy (ui_case_child (view, "attachments_panel")) &&
                 warta_attachments_panel_get_n_attachments (ui_case_child (view, "attachments_panel")) == before + 1, WAIT_MS);
}

/* A file the engine refuses, chosen as attach_through_panel() does: a
 * dialog says why, naming the file, and the panel lists nothing new. */
void
attach_refused_through_panel (Fixture       *f,
                              WartaCaseView *view,
                              const char    *path,
                              const char    *kind,
                              const char    *message)
{
  guint before = warta_attachments_panel_get_n_attachments (ui_case_child (view, "attachments_panel"));
  AdwMessageDialog *dialog;

  choose_file (f, view, path, kind, NULL);
  dialog = find_message_dialog (f->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Not Attached");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), message));
  g_assert_false (warta_attachments_panel_is_busy (ui_case_child (view, "attachments_panel")));
  g_assert_cmpuint (warta_attachments_panel_get_n_attachments (ui_case_child (view, "attachments_panel")), ==, before);
  screenshot (f, GTK_WIDGET (dialog), "attach-refused");
  press_response (dialog, "close");
}

/* Attaches a small PDF through the test's own connection, as warta-cli
 * in another process would. */
void
attach_elsewhere (Fixture    *f,
                  gint64      case_id,
                  const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.pdf", kind);
  g_autofree char *path = write_pdf (f, name, 1, kind, 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (warta_engine_attach (f->engine, f->ids[STAF], case_id, file, kind, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static gint64
listed_attachment (WartaCaseView *view,
                   const char    *name)
{
  GPtrArray *attachments = warta_attachments_panel_get_attachments (ui_case_child (view, "attachments_panel"));

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    if (g_str_equal (((WartaAttachment *)g_ptr_array_index (attachments, i))->name, name))
      return ((WartaAttachment *)g_ptr_array_index (attachments, i))->id;
  return 0;
}

/* Shows the attachment named name in the panel, and waits for its
 * preview to settle in state. */
WartaAttachmentPreview *
preview_attachment (WartaCaseView *view,
                    const char    *name,
                    const char    *state)
{
  WartaAttachmentPreview *preview = warta_attachments_panel_get_preview (ui_case_child (view, "attachments_panel"));
  gint64 id = 0;

  /* The panel lists the case's files as its worker read them. */
  UI_WAIT_UNTIL ((id = listed_attachment (view, name)) > 0, WAIT_MS);
  warta_attachments_panel_select (ui_case_child (view, "attachments_panel"), id);
  UI_WAIT_UNTIL (warta_attachment_preview_get_attachment (preview) != NULL &&
                 warta_attachment_preview_get_attachment (preview)->id == id &&
                 g_strcmp0 (warta_attachment_preview_get_state (preview), state) == 0, WAIT_MS);
  return preview;
}

/* A naskah saved and step 1 completed on the test's own connection. */
void
compose_elsewhere (Fixture *f,
                   gint64   case_id)
{
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (case_id);
  g_autoptr(GError) error = NULL;

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Rilis dari proses lain");
  naskah->body = g_strdup ("Ditulis di luar jendela ini.");
  g_assert_true (warta_engine_save_naskah (f->engine, f->ids[STAF], naskah, &error));
  g_assert_no_error (error);
}

/* Registering and running the tests */

/* Makes the application the tests' windows belong to: after
 * g_test_init(), before the first test. */
void
ui_office_init (void)
{
  app = ui_application_new ();
}

WartaApplication *
ui_office_get_application (void)
{
  return app;
}

/* Adds a test that runs in a window on an office of its own; @data as
 * fixture_set_up() takes it. */
void
ui_office_add (const char    *path,
               UiOfficeTest   test,
               gconstpointer  data)
{
  g_test_add (path, Fixture, data, fixture_set_up, test, fixture_tear_down);
}

/* Runs the tests added, then lets the application go. */
int
ui_office_run (void)
{
  int status = g_test_run ();

  g_clear_object (&app);
  return status;
}
