/* bench-pdf.c: showing a 200-page PDF, beside poppler-glib called
 * directly in the same process, timed in the same run
 *
 * pdf-first-page-file: a WartaPdfView in a window, from loading the file
 * to the first page's texture in the document's cache (what the view
 * draws), at the scale the view lays it out at. The reference opens the
 * same file with poppler_document_new_from_file(), takes page 0 and
 * renders it into a cairo image surface of the same size, on white.
 *
 * pdf-first-page-blob: the same PDF as an attachment in an office's
 * database, shown as the case view shows it: a WartaAttachmentPreview,
 * from warta_attachment_preview_show() to the first page's texture, the
 * session's database worker reading the attachment. The reference reads
 * the blob with sqlite3 on a connection already open, opens the bytes
 * with poppler_document_new_from_bytes() and renders page 0 the same
 * way.
 *
 * Each is the median of FIRST_RUNS, the two interleaved so that both see
 * the same machine, after one run of each that loads the fonts. Each
 * Warta run starts with no document open in either widget (as the app
 * has one at a time) and with the window's last frame drawn; the
 * reference runs with Warta's last document still open, which changes
 * nothing for it since Warta keeps poppler's global state anyway.
 * Warta pays, beyond poppler: its threads' hops, the SHA-256 check of
 * the attachment, and showing the view (its stack page mapped) before
 * the texture counts as there.
 *
 * pdf-scroll-200: a WartaPdfView at 100 % (96 dpi), from opening the file
 * to every page rendered, scrolled to page by page, waiting at each until
 * its texture has come, with a texture cache of 64 MiB; the reference
 * opens the file with poppler and renders every page at 96 dpi into an
 * image surface. Fails if the cache ever held more than its budget.
 *
 * Run under Xvfb (`make bench`); `bench-pdf --first-page` runs the
 * first two only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <sqlite3.h>

#include "test-util.h"
#include "warta-application.h"
#include "warta-attachment-preview.h"
#include "warta-pdf-view.h"
#include "warta-session.h"

#define N_PAGES      200
#define FIRST_RUNS   21
#define SCROLL_RUNS  3
#define BUDGET       (64 * 1024 * 1024)
#define WAIT_US      (60 * G_USEC_PER_SEC)
/* Fit to width, this window shows a page of A4 at 96 dpi (zoom 100 %),
 * with the view's margins and the preview's frame. */
#define WINDOW_WIDTH  818
#define WINDOW_HEIGHT 800
#define SOP_ID       "bbkk-medan-publikasi-website"

static const char *words[] = {
  "pemeriksaan", "kesehatan", "pelabuhan", "karantina", "dokumen", "kapal",
  "awak", "penumpang", "sertifikat", "sanitasi", "vaksinasi", "laporan",
  "petugas", "wilayah", "kerja", "prosedur", "standar", "operasional",
};

/* A report of N_PAGES pages: a heading, forty lines of text and a table
 * drawn in lines on each, as scanned-free office documents are. */
static void
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (200);

  for (guint i = 0; i < N_PAGES; i++)
    {
      char heading[64];

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 20);
      g_snprintf (heading, sizeof heading, "Laporan Pemeriksaan, Halaman %u", i + 1);
      cairo_move_to (cr, 56, 80);
      cairo_show_text (cr, heading);

      cairo_select_font_face (cr, "Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 10.5);
      for (guint line = 0; line < 40; line++)
        {
          GString *text = g_string_new (NULL);

          while (text->len < 90)
            {
              g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
              g_string_append_c (text, ' ');
            }
          cairo_move_to (cr, 56, 110 + line * 14);
          cairo_show_text (cr, text->str);
          g_string_free (text, TRUE);
        }

      cairo_set_line_width (cr, 0.8);
      cairo_set_source_rgb (cr, 0.2, 0.3, 0.6);
      for (guint row = 0; row <= 6; row++)
        {
          cairo_move_to (cr, 56, 690 + row * 18);
          cairo_line_to (cr, 539, 690 + row * 18);
        }
      for (guint col = 0; col <= 4; col++)
        {
          cairo_move_to (cr, 56 + col * 120.75, 690);
          cairo_line_to (cr, 56 + col * 120.75, 798);
        }
      cairo_stroke (cr);
      cairo_arc (cr, 500, 70, 18, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.8, 0.2, 0.2, 0.6);
      cairo_fill (cr);

      cairo_show_page (cr);
    }

  g_rand_free (rand);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("Could not write %s: %s", path, cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* First page */

/* What poppler itself takes: page 0 of @document into an image surface
 * at @scale pixels per point, on white, as the view's worker draws it.
 * Returns the surface, for the caller to free once the clock stopped:
 * Warta's stops with the page in its cache, where it stays. */
static cairo_surface_t *
reference_render (PopplerDocument *document,
                  double           scale)
{
  PopplerPage *page = poppler_document_get_page (document, 0);
  cairo_surface_t *surface;
  double width, height;
  cairo_t *cr;

  g_assert_nonnull (page);
  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale), (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_object_unref (page);
  return surface;
}

static double
reference_file (const char *path,
                double      scale)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  gint64 start = g_get_monotonic_time ();
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  cairo_surface_t *surface;
  gint64 end;

  g_assert_no_error (error);
  surface = reference_render (document, scale);
  end = g_get_monotonic_time ();
  cairo_surface_destroy (surface);
  g_object_unref (document);
  return (end - start) / 1000.0;
}

/* From the connection open, as the session's worker has its own. */
static double
reference_blob (sqlite3 *db,
                gint64   attachment_id,
                double   scale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 start = g_get_monotonic_time ();
  sqlite3_blob *blob = NULL;
  PopplerDocument *document;
  cairo_surface_t *surface;
  guint8 *data;
  gint64 end;
  int size;

  if (sqlite3_blob_open (db, "main", "attachment_data", "data", attachment_id, 0, &blob) != SQLITE_OK)
    g_error ("Could not read the attachment: %s", sqlite3_errmsg (db));
  size = sqlite3_blob_bytes (blob);
  data = g_malloc (size);
  if (sqlite3_blob_read (blob, data, size, 0) != SQLITE_OK)
    g_error ("Could not read the attachment: %s", sqlite3_errmsg (db));
  sqlite3_blob_close (blob);
  bytes = g_bytes_new_take (data, size);

  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  surface = reference_render (document, scale);
  end = g_get_monotonic_time ();
  cairo_surface_destroy (surface);
  g_object_unref (document);
  return (end - start) / 1000.0;
}

/* One window for every run, as the app's is there before a document is
 * opened in it: a new window's first frames (its renderer's shaders) are
 * not the document's time. */
static GtkWindow *window;
/* Both measures' views: each measure starts with no document open in
 * either, as the app has one document open at a time (the one before,
 * let go as the next opens), so that poppler's state for its documents
 * is the app's own, not held by the other measure's document. */
static WartaPdfView *file_view;
static WartaAttachmentPreview *blob_preview;

static void
clear_all (void)
{
  GtkWidget *view = warta_attachment_preview_get_pdf_view (blob_preview);

  warta_pdf_view_clear (file_view);
  if (view != NULL)
    warta_pdf_view_clear (WARTA_PDF_VIEW (view));
}

static void
frame_painted_cb (gboolean *painted)
{
  *painted = TRUE;
}

static void
show_in_window (GtkApplication *app,
                GtkWidget      *child)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  if (window == NULL)
    {
      window = GTK_WINDOW (gtk_application_window_new (app));
      gtk_window_set_default_size (window, WINDOW_WIDTH, WINDOW_HEIGHT);
      gtk_window_present (window);
    }
  if (gtk_window_get_child (window) != child)
    gtk_window_set_child (window, child);
  while (!gtk_widget_get_mapped (child))
    g_main_context_iteration (NULL, TRUE);
  /* What a change of child, or the view cleared, leaves to draw, drawn:
   * the frame clock paints at its next tick, which may come after the
   * loop has run dry, and then in the middle of the measure. A frame
   * asked for and waited for draws it now. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (frame_painted_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  WartaPdfView *view;
  gint64        rendered;  /* when page 0's texture came, µs */
} FirstPage;

/* Timed here rather than when the loop below looks: the moment the
 * texture is in the cache, the view can draw it. */
static void
first_page_rendered_cb (WartaPdfDocument *document,
                        guint             page,
                        gboolean          thumbnail,
                        FirstPage        *state)
{
  double zoom = warta_pdf_view_get_zoom (state->view);

  if (page == 0 && !thumbnail && state->rendered == 0 &&
      warta_pdf_document_has_page (document, 0, FALSE, zoom * 96.0 / 72.0))
    state->rendered = g_get_monotonic_time ();
}

/* Runs the main loop until page 0 of @view has its texture at the scale
 * the view lays it out at; returns when it came, and that scale, in
 * pixels per point. */
static gint64
wait_first_page (WartaPdfView *view,
                 double       *scale)
{
  FirstPage state = { view, 0 };
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  WartaPdfDocument *document;
  gulong handler;

  /* The page is drawn as the document is opened, or asked for once it
   * is open, so that it comes in a later turn of the loop than this. */
  while (warta_pdf_view_get_state (view) == WARTA_PDF_VIEW_LOADING)
    g_main_context_iteration (NULL, TRUE);
  document = warta_pdf_view_get_document (view);
  if (document == NULL)
    g_error ("Could not open the PDF: %s", warta_pdf_view_get_error_message (view));
  /* Drawn as the document was opened, it came with it. */
  first_page_rendered_cb (document, 0, FALSE, &state);
  handler = g_signal_connect (document, "page-rendered", G_CALLBACK (first_page_rendered_cb), &state);
  while (!warta_pdf_view_is_page_rendered (view, 0))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited a minute in vain for the first page");
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (document, handler);
  if (warta_pdf_document_lookup (document, 0, FALSE, scale) == NULL)
    g_error ("The first page could not be rendered");
  /* Rendered before the view had laid it out, at the scale it then
   * chose, or at the layout's. */
  return state.rendered != 0 ? state.rendered : g_get_monotonic_time ();
}

/* Waits for what the view does after the first page (the pages after it
 * rendered ahead, the other sizes read, frames drawn), so that none of it
 * runs during the next measure, Warta's or the reference's. */
static void
settle (WartaPdfView *view)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  WartaPdfDocument *document = warta_pdf_view_get_document (view);

  for (guint i = 0; i <= WARTA_PDF_DOCUMENT_PRELOAD_PAGES; i++)
    while (!warta_pdf_view_is_page_rendered (view, i) || !warta_pdf_document_has_sizes (document))
      {
        if (g_get_monotonic_time () > deadline)
          g_error ("Waited a minute in vain for page %u", i + 1);
        g_main_context_iteration (NULL, TRUE);
      }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A document opened after another in the same view, as the archive pane
 * and the attachment preview do. */
static double
warta_file (GtkApplication *app,
            WartaPdfView   *view,
            const char     *path,
            double         *scale)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 start;
  double elapsed;

  clear_all ();
  show_in_window (app, GTK_WIDGET (view));
  start = g_get_monotonic_time ();

  warta_pdf_view_load_file (view, file);
  elapsed = (wait_first_page (view, scale) - start) / 1000.0;
  settle (view);

  g_assert_cmpuint (warta_pdf_view_get_n_pages (view), ==, N_PAGES);
  return elapsed;
}

static double
warta_blob (GtkApplication         *app,
            WartaAttachmentPreview *preview,
            WartaSession           *session,
            const WartaAttachment  *attachment,
            double                 *scale)
{
  GtkWidget *view = warta_attachment_preview_get_pdf_view (preview);
  gint64 start, deadline;
  double elapsed;

  warta_attachment_preview_show (preview, session, NULL);
  clear_all ();
  show_in_window (app, GTK_WIDGET (preview));
  start = g_get_monotonic_time ();
  deadline = start + WAIT_US;
  warta_attachment_preview_show (preview, session, attachment);
  while ((view = warta_attachment_preview_get_pdf_view (preview)) == NULL ||
         warta_pdf_view_get_state (WARTA_PDF_VIEW (view)) == WARTA_PDF_VIEW_EMPTY)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited a minute in vain for the attachment: %s",
                 warta_attachment_preview_get_error_message (preview));
      g_main_context_iteration (NULL, TRUE);
    }
  elapsed = (wait_first_page (WARTA_PDF_VIEW (view), scale) - start) / 1000.0;
  settle (WARTA_PDF_VIEW (view));
  return elapsed;
}

/* An office whose one case has the PDF as an attachment, stored as Warta
 * stores it. */
static TestDb *
office_with_pdf (const char  *pdf,
                 gint64      *attachment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  TestDb *db = test_db_new ();
  gint64 staff, case_id;
  char *data;
  gsize length;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  case_id = warta_engine_start_case (db->engine, staff, SOP_ID, "Laporan pemeriksaan", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &length, &error));
  content = g_bytes_new_take (data, length);
  *attachment_id = test_db_store_old_file (db, staff, case_id, "laporan.pdf", "dokumen-pendukung", content);
  return db;
}

static void
print_ratio (const char *name,
             double     *warta_ms,
             double     *reference_ms,
             guint       n,
             double      scale)
{
  double warta = median (warta_ms, n);
  double reference = median (reference_ms, n);

  /* Sorted by median(): the fastest of each, what the machine's other
   * work disturbed least. */
  g_print ("bench: %s: warta=%.1f ms reference=%.1f ms ratio=%.2f (median of %u, %.0f dpi; fastest %.1f / %.1f ms)\n",
           name, warta, reference, warta / reference, n, scale * 72, warta_ms[0], reference_ms[0]);
}

/* All pages, scrolled to */

static gboolean
page_rendered (WartaPdfView *view,
               guint         page)
{
  return warta_pdf_view_is_page_rendered (view, page);
}

static double
warta_scroll (GtkApplication *app,
              const char     *path,
              gsize          *peak)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *scroll_window = GTK_WINDOW (gtk_application_window_new (app));
  WartaPdfView *view = WARTA_PDF_VIEW (warta_pdf_view_new ());
  WartaPdfDocument *document;
  gint64 start, deadline;
  double elapsed;

  gtk_window_set_default_size (scroll_window, 1280, 800);
  gtk_window_set_child (scroll_window, GTK_WIDGET (view));
  warta_pdf_view_set_cache_budget (view, BUDGET);
  warta_pdf_view_set_zoom (view, 1.0);
  gtk_window_present (scroll_window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (view)))
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  deadline = start + 10 * WAIT_US;
  warta_pdf_view_load_file (view, file);
  while (warta_pdf_view_get_state (view) == WARTA_PDF_VIEW_LOADING)
    g_main_context_iteration (NULL, TRUE);
  if (warta_pdf_view_get_state (view) != WARTA_PDF_VIEW_READY)
    g_error ("Could not open the PDF: %s", warta_pdf_view_get_error_message (view));
  document = warta_pdf_view_get_document (view);

  for (guint i = 0; i < N_PAGES; i++)
    {
      warta_pdf_view_set_page (view, i);
      while (!page_rendered (view, i))
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("Page %u was not rendered in ten minutes", i + 1);
          g_main_context_iteration (NULL, TRUE);
        }
      if (warta_pdf_document_lookup (document, i, FALSE, NULL) == NULL)
        g_error ("Page %u could not be rendered", i + 1);
      if (warta_pdf_document_get_cache_size (document) > BUDGET)
        g_error ("The cache holds %" G_GSIZE_FORMAT " bytes, over its budget of %d",
                 warta_pdf_document_get_cache_size (document), BUDGET);
    }
  elapsed = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_cmpfloat (warta_pdf_view_get_zoom (view), ==, 1.0);
  *peak = MAX (*peak, warta_pdf_document_get_cache_peak (document));
  gtk_window_destroy (scroll_window);
  return elapsed;
}

/* poppler's own time for the same pages at the same scale. */
static double
reference_scroll (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  gint64 start = g_get_monotonic_time ();
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      cairo_surface_t *surface;
      double width, height;
      cairo_t *cr;

      poppler_page_get_size (page, &width, &height);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (width * 96 / 72), (int) ceil (height * 96 / 72));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 96.0 / 72, 96.0 / 72);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  g_object_unref (document);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WartaApplication) app = NULL;
  g_autoptr(TestDb) db = NULL;
  g_autoptr(WartaSession) session = NULL;
  sqlite3 *reference_db = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  double file_ms[FIRST_RUNS], file_reference_ms[FIRST_RUNS];
  double blob_ms[FIRST_RUNS], blob_reference_ms[FIRST_RUNS];
  double scroll_ms[SCROLL_RUNS], scroll_reference_ms[SCROLL_RUNS];
  double file_scale = 0, blob_scale = 0;
  WartaPdfView *view;
  WartaAttachmentPreview *preview;
  gint64 attachment_id;
  gsize peak = 0;
  gboolean first_page_only;

  g_test_init (&argc, &argv, NULL);
  /* While working on the first page: bench-pdf --first-page */
  first_page_only = argc > 1 && g_str_equal (argv[1], "--first-page");

  app = warta_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("warta-bench-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "laporan.pdf", NULL);
  write_pdf (pdf);
  db = office_with_pdf (pdf, &attachment_id);
  attachment = warta_store_get_attachment (db->store, attachment_id, &error);
  g_assert_no_error (error);
  /* As the case view has it: the session's database worker, its
   * connection open, reads the attachment. */
  session = warta_session_open (db->path, &error);
  g_assert_no_error (error);
  if (sqlite3_open_v2 (db->path, &reference_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("Could not open %s: %s", db->path, sqlite3_errmsg (reference_db));

  file_view = view = WARTA_PDF_VIEW (g_object_ref_sink (warta_pdf_view_new ()));
  blob_preview = preview = WARTA_ATTACHMENT_PREVIEW (g_object_ref_sink (warta_attachment_preview_new ()));

  /* Once each before timing: the first also loads the fonts and
   * fontconfig's cache, for the reference as well. */
  warta_file (GTK_APPLICATION (app), view, pdf, &file_scale);
  reference_file (pdf, file_scale);
  warta_blob (GTK_APPLICATION (app), preview, session, attachment, &blob_scale);
  reference_blob (reference_db, attachment_id, blob_scale);

  /* Interleaved, so that both see the same machine. */
  for (guint i = 0; i < FIRST_RUNS; i++)
    {
      file_ms[i] = warta_file (GTK_APPLICATION (app), view, pdf, &file_scale);
      file_reference_ms[i] = reference_file (pdf, file_scale);
      blob_ms[i] = warta_blob (GTK_APPLICATION (app), preview, session, attachment, &blob_scale);
      blob_reference_ms[i] = reference_blob (reference_db, attachment_id, blob_scale);
    }
  print_ratio ("pdf-first-page-file", file_ms, file_reference_ms, FIRST_RUNS, file_scale);
  print_ratio ("pdf-first-page-blob", blob_ms, blob_reference_ms, FIRST_RUNS, blob_scale);
  sqlite3_close (reference_db);
  gtk_window_destroy (window);
  window = NULL;
  g_object_unref (view);
  g_object_unref (preview);
  if (first_page_only)
    {
      test_remove_tree (dir);
      return 0;
    }

  for (guint i = 0; i < SCROLL_RUNS; i++)
    {
      scroll_reference_ms[i] = reference_scroll (pdf);
      scroll_ms[i] = warta_scroll (GTK_APPLICATION (app), pdf, &peak);
    }
  print_ratio ("pdf-scroll-200", scroll_ms, scroll_reference_ms, SCROLL_RUNS, 96.0 / 72);
  g_print ("bench: pdf-scroll-200 cache peak=%.1f MiB budget=%d MiB\n",
           peak / (1024.0 * 1024.0), BUDGET / (1024 * 1024));

  test_remove_tree (dir);
  if (peak > BUDGET)
    {
      g_printerr ("The texture cache went over its budget\n");
      return 1;
    }
  return 0;
}
