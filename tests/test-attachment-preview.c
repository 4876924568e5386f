/* test-attachment-preview.c: an attachment from the office's database,
 * shown in a window as the case view shows it
 *
 * Nothing selected stays shown while a PDF is read and opened, unless
 * that takes a while: then the loading page shows, and the PDF once it
 * is open. The session's database worker reads the attachment, as in the
 * app.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>

#include "test-util.h"
#include "ui-util.h"
#include "warta-application.h"
#include "warta-attachment-preview.h"
#include "warta-pdf-view.h"
#include "warta-session.h"

#define SOP_ID  "bbkk-medan-publikasi-website"
/* A worker's read and open, on a loaded machine. */
#define WAIT_MS 10000
/* The preview's own: what a person would see as a wait. */
#define LOADING_DELAY_MS 300

typedef struct
{
  TestDb                 *db;
  WartaSession           *session;
  WartaAttachment        *attachment;
  GtkWindow              *window;
  WartaAttachmentPreview *preview;
} Fixture;

static WartaApplication *app;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = test_pdf_bytes ("Laporan pemeriksaan kapal");
  gint64 staff, case_id, id;

  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  case_id = warta_engine_start_case (f->db->engine, staff, SOP_ID, "Laporan", &error);
  g_assert_no_error (error);
  id = test_db_store_old_file (f->db, staff, case_id, "laporan.pdf", "dokumen-pendukung", content);
  f->attachment = warta_store_get_attachment (f->db->store, id, &error);
  g_assert_no_error (error);
  f->session = warta_session_open (f->db->path, &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (f->window, 800, 700);
  f->preview = WARTA_ATTACHMENT_PREVIEW (warta_attachment_preview_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->preview));
  gtk_window_present (f->window);
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->preview)), WAIT_MS);
  g_assert_cmpstr (warta_attachment_preview_get_state (f->preview), ==, "empty");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  g_clear_pointer (&f->attachment, warta_attachment_free);
  g_clear_object (&f->session);
  g_clear_pointer (&f->db, test_db_free);
}

static WartaPdfViewState
pdf_state (Fixture *f)
{
  GtkWidget *view = warta_attachment_preview_get_pdf_view (f->preview);

  return view != NULL ? warta_pdf_view_get_state (WARTA_PDF_VIEW (view)) : WARTA_PDF_VIEW_EMPTY;
}

/* What the preview shows, which may be what it showed before while it
 * reads and opens the attachment. */
static const char *
visible_child (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (f->preview));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Shows the attachment and runs the loop until the PDF shows, opened;
 * returns when the loading page first showed, in ms from the start, or
 * -1 if it never did. The preview never shows the PDF view while it is
 * still loading, and says it is loading until then. */
static double
show_and_watch (Fixture *f)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + WAIT_MS * 1000;
  double loading_at = -1;

  warta_attachment_preview_show (f->preview, f->session, f->attachment);
  for (;;)
    {
      const char *visible = visible_child (f);

      if (g_str_equal (visible, "loading") && loading_at < 0)
        loading_at = (g_get_monotonic_time () - start) / 1000.0;
      if (g_str_equal (visible, "pdf"))
        {
          g_assert_cmpint (pdf_state (f), ==, WARTA_PDF_VIEW_READY);
          g_assert_cmpstr (warta_attachment_preview_get_state (f->preview), ==, "pdf");
          break;
        }
      g_assert_cmpstr (warta_attachment_preview_get_state (f->preview), ==, "loading");
      if (g_get_monotonic_time () > deadline)
        g_error ("The PDF did not show in %d ms: %s", WAIT_MS, visible);
      g_main_context_iteration (NULL, TRUE);
    }
  return loading_at;
}

/* Opened in a few milliseconds: no flash of the loading page, the
 * preview goes from what it showed to the PDF. */
static void
test_quick (Fixture       *f,
            gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  double loading_at = show_and_watch (f);
  double elapsed = (g_get_monotonic_time () - start) / 1000.0;

  g_test_message ("shown in %.1f ms", elapsed);
  /* Unless the machine is so busy that the read took that long. */
  if (elapsed < LOADING_DELAY_MS)
    g_assert_cmpfloat (loading_at, <, 0);
  else if (loading_at >= 0)
    g_assert_cmpfloat (loading_at, >=, LOADING_DELAY_MS - 10);
}

/* On the database worker: busy with something else for a while. */
static gpointer
busy_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_atomic_int_set ((int *) data, TRUE);
  g_usleep (3 * LOADING_DELAY_MS * 1000);
  return GINT_TO_POINTER (TRUE);
}

static void
busy_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_session_run_finish (WARTA_SESSION (source), result, &error));
  g_assert_no_error (error);
}

/* A read that waits behind other work: the loading page shows once the
 * wait is one a person sees, and the PDF after it. */
static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  int busy = FALSE;
  double loading_at;

  warta_session_run_async (f->session, WARTA_JOB_PRIORITY_URGENT, NULL, busy_job, &busy, NULL, NULL,
                           NULL, busy_done, NULL);
  while (!g_atomic_int_get (&busy))
    g_usleep (1000);

  loading_at = show_and_watch (f);
  g_test_message ("loading page after %.1f ms", loading_at);
  g_assert_cmpfloat (loading_at, >=, LOADING_DELAY_MS - 10);
}

/* Nothing selected between two: no loading page either. A PDF after a
 * PDF: the loading page at once, as the view shows the one before. */
static void
test_again (Fixture       *f,
            gconstpointer  data)
{
  gint64 start;
  double loading_at;

  show_and_watch (f);
  warta_attachment_preview_show (f->preview, f->session, NULL);
  g_assert_cmpstr (warta_attachment_preview_get_state (f->preview), ==, "empty");
  g_assert_cmpstr (visible_child (f), ==, "empty");

  start = g_get_monotonic_time ();
  loading_at = show_and_watch (f);
  if ((g_get_monotonic_time () - start) / 1000.0 < LOADING_DELAY_MS)
    g_assert_cmpfloat (loading_at, <, 0);

  loading_at = show_and_watch (f);
  g_assert_cmpfloat (loading_at, <, LOADING_DELAY_MS / 3);
}

/* A protected PDF: opened from the bytes read out of the database, and
 * again from them with the password, wrong then right. */
static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = test_pdf_bytes ("Rahasia negara");
  g_autoptr(GBytes) locked = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *in = g_build_filename (f->db->dir, "polos.pdf", NULL);
  g_autofree char *out = g_build_filename (f->db->dir, "terkunci.pdf", NULL);
  g_autofree char *content = NULL;
  WartaPdfView *view;
  int status = 0;
  gsize length;

  if (qpdf == NULL)
    g_error ("qpdf is missing: install it (make deps)");
  g_assert_true (g_file_set_contents (in, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), &error));
  {
    const char *argv[] = { qpdf, "--encrypt", "buka", "pemilik", "256", "--", in, out, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  g_assert_true (g_file_get_contents (out, &content, &length, &error));
  locked = g_bytes_new_take (g_steal_pointer (&content), length);
  {
    gint64 id = test_db_store_old_file (f->db, f->attachment->added_by, f->attachment->case_id,
                                        "terkunci.pdf", "dokumen-pendukung", locked);

    g_clear_pointer (&f->attachment, warta_attachment_free);
    f->attachment = warta_store_get_attachment (f->db->store, id, &error);
    g_assert_no_error (error);
  }

  warta_attachment_preview_show (f->preview, f->session, f->attachment);
  UI_WAIT_UNTIL (g_str_equal (visible_child (f), "pdf"), WAIT_MS);
  view = WARTA_PDF_VIEW (warta_attachment_preview_get_pdf_view (f->preview));
  g_assert_cmpint (warta_pdf_view_get_state (view), ==, WARTA_PDF_VIEW_NEEDS_PASSWORD);

  warta_pdf_view_unlock (view, "salah");
  /* Said so, and asked again. */
  UI_WAIT_UNTIL (gtk_widget_get_visible (ui_child (view, WARTA_TYPE_PDF_VIEW, "password_error_label")), WAIT_MS);
  g_assert_cmpint (warta_pdf_view_get_state (view), ==, WARTA_PDF_VIEW_NEEDS_PASSWORD);
  warta_pdf_view_unlock (view, "buka");
  UI_WAIT_UNTIL (warta_pdf_view_get_state (view) == WARTA_PDF_VIEW_READY, WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (view), ==, 1);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (view, 0), WAIT_MS);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Three pages of noise, which no compression makes smaller: a scan of
 * more than the preview keeps in memory. */
static GBytes *
big_pdf_bytes (void)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, 595, 842);
  cairo_surface_t *noise = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 1600);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  guint32 *pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (noise);
  cairo_t *cr = cairo_create (surface);

  for (guint page = 0; page < 3; page++)
    {
      cairo_surface_flush (noise);
      for (gsize i = 0; i < 1600 * 1600; i++)
        pixels[i] = g_rand_int (rand);
      cairo_surface_mark_dirty (noise);
      cairo_save (cr);
      cairo_scale (cr, 595.0 / 1600, 595.0 / 1600);
      cairo_set_source_surface (cr, noise, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (noise);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (pdf);
}

/* A PDF too large to keep in memory: mapped from the private file. */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = big_pdf_bytes ();
  WartaPdfView *view;
  gint64 id;

  g_test_message ("%" G_GSIZE_FORMAT " bytes", g_bytes_get_size (big));
  g_assert_cmpuint (g_bytes_get_size (big), >, 16 * 1024 * 1024);
  id = test_db_store_old_file (f->db, f->attachment->added_by, f->attachment->case_id,
                               "pindaian.pdf", "dokumen-pendukung", big);
  g_clear_pointer (&f->attachment, warta_attachment_free);
  f->attachment = warta_store_get_attachment (f->db->store, id, &error);
  g_assert_no_error (error);

  show_and_watch (f);
  view = WARTA_PDF_VIEW (warta_attachment_preview_get_pdf_view (f->preview));
  g_assert_cmpuint (warta_pdf_view_get_n_pages (view), ==, 3);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (view, 0), WAIT_MS);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  app = ui_application_new ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/attachment-preview/quick", test_quick);
  ADD ("/attachment-preview/slow", test_slow);
  ADD ("/attachment-preview/again", test_again);
  ADD ("/attachment-preview/password", test_password);
  ADD ("/attachment-preview/large", test_large);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
