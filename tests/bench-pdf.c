/* bench-pdf.c: showing a 200-page PDF, beside poppler's own pdftoppm
 * timed in the same run
 *
 * pdf-first-page: from opening the file to the first page's texture in
 * the main loop, at 96 dpi, through WartaPdfDocument and its worker;
 * the reference is `pdftoppm -r 96 -f 1 -l 1 -png`, a process that opens
 * the file and writes the page as a PNG. Most of its time is the PNG's
 * compression, so pdf-first-page-ppm measures it again writing the raw
 * pixels to /dev/null, which is the closer match to a texture.
 *
 * pdf-scroll-200: a WartaPdfView in a window at 100 % (96 dpi), from
 * opening the file to every page rendered, scrolled to page by page,
 * waiting at each until its texture has come, with a texture cache of
 * 64 MiB; the reference is `pdftoppm -r 96` of all the pages, its raw
 * pixels to /dev/null. Fails if the cache ever held more than its
 * budget.
 *
 * Run under Xvfb (`make bench`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "warta-application.h"
#include "warta-pdf-view.h"

#define N_PAGES      200
#define FIRST_RUNS   5
#define SCROLL_RUNS  3
#define BUDGET       (64 * 1024 * 1024)
#define WAIT_US      (60 * G_USEC_PER_SEC)

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

/* Runs the main loop until *@flag, within a minute. */
static void
iterate_until (const gboolean *flag,
               const char     *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited a minute in vain for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static double
run_reference (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* First page */

typedef struct
{
  gboolean loaded;
  gboolean rendered;
} FirstPage;

static void
first_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FirstPage *state = user_data;
  g_autoptr(GError) error = NULL;

  if (!warta_pdf_document_load_finish (WARTA_PDF_DOCUMENT (object), result, &error))
    g_error ("Could not open the PDF: %s", error->message);
  state->loaded = TRUE;
  warta_pdf_document_request (WARTA_PDF_DOCUMENT (object), 0, 96.0 / 72.0, WARTA_PDF_PRIORITY_VISIBLE);
}

static void
first_rendered_cb (WartaPdfDocument *document,
                   guint             page,
                   gboolean          thumbnail,
                   FirstPage        *state)
{
  if (page == 0 && !thumbnail)
    state->rendered = TRUE;
}

static double
warta_first_page (const char *path)
{
  g_autoptr(WartaPdfDocument) document = NULL;
  FirstPage state = { FALSE, FALSE };
  gint64 start = g_get_monotonic_time ();
  double elapsed;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  document = warta_pdf_document_new ();
  g_signal_connect (document, "page-rendered", G_CALLBACK (first_rendered_cb), &state);
  warta_pdf_document_load_async (document, fd, NULL, NULL, first_loaded_cb, &state);
  iterate_until (&state.rendered, "the first page");
  elapsed = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_nonnull (warta_pdf_document_lookup (document, 0, FALSE, NULL));
  g_assert_cmpuint (warta_pdf_document_get_n_pages (document), ==, N_PAGES);
  return elapsed;
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
  GtkWindow *window = GTK_WINDOW (gtk_application_window_new (app));
  WartaPdfView *view = WARTA_PDF_VIEW (warta_pdf_view_new ());
  WartaPdfDocument *document;
  gint64 start, deadline;
  double elapsed;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  warta_pdf_view_set_cache_budget (view, BUDGET);
  warta_pdf_view_set_zoom (view, 1.0);
  gtk_window_present (window);
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
  gtk_window_destroy (window);
  return elapsed;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WartaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out_first = NULL;
  g_autofree char *pdftoppm = NULL;
  double warta_ms[FIRST_RUNS], reference_ms[FIRST_RUNS], ppm_ms[FIRST_RUNS];
  double scroll_ms[SCROLL_RUNS], scroll_reference_ms[SCROLL_RUNS];
  double cold_ms;
  gsize peak = 0;

  g_test_init (&argc, &argv, NULL);

  pdftoppm = g_find_program_in_path ("pdftoppm");
  if (pdftoppm == NULL)
    g_error ("pdftoppm is missing: install poppler-utils (make deps)");

  app = warta_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("warta-bench-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "laporan.pdf", NULL);
  out_first = g_build_filename (dir, "first", NULL);
  write_pdf (pdf);

  /* Interleaved, so that both see the same machine. */
  for (guint i = 0; i < FIRST_RUNS; i++)
    {
      const char *reference_argv[] = { pdftoppm, "-r", "96", "-f", "1", "-l", "1", "-png", pdf, out_first, NULL };
      const char *ppm_argv[] = { pdftoppm, "-r", "96", "-f", "1", "-l", "1", pdf, NULL };

      reference_ms[i] = run_reference (reference_argv);
      ppm_ms[i] = run_reference (ppm_argv);
      warta_ms[i] = warta_first_page (pdf);
    }
  /* Before median() sorts them: the first run also loads poppler's and
   * fontconfig's caches, as the reference does on every run. */
  cold_ms = warta_ms[0];
  g_print ("bench: pdf-first-page: warta=%.0f ms reference=%.0f ms ratio=%.2f\n",
           median (warta_ms, FIRST_RUNS), median (reference_ms, FIRST_RUNS),
           median (warta_ms, FIRST_RUNS) / median (reference_ms, FIRST_RUNS));
  g_print ("bench: pdf-first-page-ppm: warta=%.1f ms reference=%.1f ms ratio=%.2f "
           "(pdftoppm without -png, its pixels to /dev/null)\n",
           median (warta_ms, FIRST_RUNS), median (ppm_ms, FIRST_RUNS),
           median (warta_ms, FIRST_RUNS) / median (ppm_ms, FIRST_RUNS));
  g_print ("bench: pdf-first-page-cold: warta=%.1f ms (the first run of the process)\n", cold_ms);

  for (guint i = 0; i < SCROLL_RUNS; i++)
    {
      const char *reference_argv[] = { pdftoppm, "-r", "96", pdf, NULL };

      scroll_reference_ms[i] = run_reference (reference_argv);
      scroll_ms[i] = warta_scroll (GTK_APPLICATION (app), pdf, &peak);
    }
  g_print ("bench: pdf-scroll-200: warta=%.0f ms reference=%.0f ms ratio=%.2f\n",
           median (scroll_ms, SCROLL_RUNS), median (scroll_reference_ms, SCROLL_RUNS),
           median (scroll_ms, SCROLL_RUNS) / median (scroll_reference_ms, SCROLL_RUNS));
  g_print ("bench: pdf-scroll-200 cache peak=%.1f MiB budget=%d MiB\n",
           peak / (1024.0 * 1024.0), BUDGET / (1024 * 1024));

  remove_dir (dir);
  if (peak > BUDGET)
    {
      g_printerr ("The texture cache went over its budget\n");
      return 1;
    }
  return 0;
}
