/* test-pdf-view.c: the PDF view in a window on a display
 *
 * The PDFs are made here with cairo: thirty pages with a known word on
 * some of them, one of them encrypted by qpdf, and files that are empty,
 * not a PDF, or cut short. The view is driven through its API, its
 * actions, and real key presses and wheel clicks sent to the X server by
 * XTest, so the shortcuts and ctrl+scroll are tested as people use them.
 * Screenshots go to the build directory.
 *
 * Run under Xvfb on a private D-Bus session (`make test` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-pdf-view.h"

#define N_PAGES  30
#define WORD     "kalibrasi"
/* Once each on these pages (from 0), twice on TWICE_PAGE, in capitals
 * on CAPS_PAGE: six matches. */
static const guint word_pages[] = { 2, 7, 14 };
#define TWICE_PAGE 22
#define CAPS_PAGE  27
#define N_MATCHES  6
/* A worker's open or render, on a loaded machine. */
#define WAIT_MS    10000

typedef struct
{
  char         *dir;
  char         *pdf;        /* N_PAGES pages */
  GtkWindow    *window;
  WartaPdfView *view;
} Fixture;

static WartaApplication *app;

/* The view's part by its name in warta-pdf-view.ui */
static gpointer
view_child (Fixture    *f,
            const char *id)
{
  return ui_child (f->view, WARTA_TYPE_PDF_VIEW, id);
}

/* Making files */

static void
write_pdf (const char *path,
           guint       n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < n_pages; i++)
    {
      char heading[64];

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 28);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      g_snprintf (heading, sizeof heading, "Halaman %u", i + 1);
      cairo_move_to (cr, 72, 110);
      cairo_show_text (cr, heading);

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 13);
      for (guint line = 0; line < 20; line++)
        {
          cairo_move_to (cr, 72, 160 + line * 22);
          cairo_show_text (cr, "Prosedur pemeriksaan alat dan bahan di pelabuhan.");
        }

      cairo_set_font_size (cr, 16);
      for (guint k = 0; k < G_N_ELEMENTS (word_pages); k++)
        if (word_pages[k] == i)
          {
            cairo_move_to (cr, 72, 640);
            cairo_show_text (cr, "Jadwal " WORD " termometer");
          }
      if (i == TWICE_PAGE)
        {
          cairo_move_to (cr, 72, 640);
          cairo_show_text (cr, WORD " pertama");
          cairo_move_to (cr, 300, 700);
          cairo_show_text (cr, WORD " kedua");
        }
      if (i == CAPS_PAGE)
        {
          cairo_move_to (cr, 72, 640);
          cairo_show_text (cr, "LAPORAN KALIBRASI");
        }

      /* Some shapes, as a form would have. */
      cairo_set_source_rgb (cr, 0.2, 0.4, 0.7);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 60, 600 + (i % 5) * 8, 475, 150);
      cairo_stroke (cr);
      cairo_arc (cr, 480, 110, 20 + i % 10, 0, 2 * G_PI);
      cairo_fill (cr);

      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* LONG_PAGES pages: A4 upright, but for the last LANDSCAPE_PAGES,
 * landscape; a number on each, for the screenshot. */
#define LONG_PAGES      200
#define LANDSCAPE_PAGES 5

static void
write_long_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < LONG_PAGES; i++)
    {
      char heading[64];

      if (i >= LONG_PAGES - LANDSCAPE_PAGES)
        cairo_pdf_surface_set_size (surface, 841.89, 595.276);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 40);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      g_snprintf (heading, sizeof heading, "Halaman %u", i + 1);
      cairo_move_to (cr, 72, 120);
      cairo_show_text (cr, heading);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("warta-pdf-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->pdf = fixture_path (f, "dokumen.pdf");
  write_pdf (f->pdf, N_PAGES);

  f->window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (f->window, 1000, 760);
  f->view = WARTA_PDF_VIEW (warta_pdf_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  /* Laid out, as a view is by the time someone opens a document in it. */
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->view)) && gtk_widget_get_width (GTK_WIDGET (f->view)) > 0,
                 WAIT_MS);
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

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      /* The document goes with the view, worker and all: no job keeps it. */
      WartaPdfDocument *document = warta_pdf_view_get_document (f->view);

      if (document != NULL)
        g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
      g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
      gtk_window_destroy (f->window);
      UI_WAIT_UNTIL (f->view == NULL && document == NULL, WAIT_MS);
    }
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
}

static void
load (Fixture    *f,
      const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  warta_pdf_view_load_file (f->view, file);
  UI_WAIT_UNTIL (warta_pdf_view_get_state (f->view) != WARTA_PDF_VIEW_LOADING, WAIT_MS);
}

static void
load_ready (Fixture *f)
{
  load (f, f->pdf);
  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_READY);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, warta_pdf_view_get_current_page (f->view)), WAIT_MS);
}

/* Finding widgets */

static GtkWidget *
find_by_class (GtkWidget  *root,
               const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static double
page_width (Fixture *f)
{
  graphene_rect_t rect;

  g_assert_true (warta_pdf_pages_get_page_rect (view_child (f, "pages"), 0, &rect));
  return rect.size.width;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
timeout_fired_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The loop goes on: a timeout still fires. */
static void
assert_main_loop_runs (void)
{
  gboolean fired = FALSE;

  g_timeout_add (20, timeout_fired_cb, &fired);
  UI_WAIT_UNTIL (fired, 2000);
}

/* Tests */

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *entry;
  double zoom, scale;

  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_EMPTY);
  {
    g_autoptr(GFile) file = g_file_new_for_path (f->pdf);

    /* No spinner for a document that opens at once: nothing to draw
     * while the worker opens it. */
    warta_pdf_view_load_file (f->view, file);
    g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_LOADING);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "stack")), ==, "empty");
    g_assert_false (gtk_spinner_get_spinning (view_child (f, "spinner")));
    UI_WAIT_UNTIL (warta_pdf_view_get_state (f->view) != WARTA_PDF_VIEW_LOADING, WAIT_MS);
  }
  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_READY);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "stack")), ==, "document");
  /* The first page came with the document, drawn by the worker as it
   * opened it, at the scale the view then laid it out at: no render was
   * asked for after, and none was wasted. */
  zoom = warta_pdf_view_get_zoom (f->view);
  scale = zoom * 96.0 / 72.0 * gtk_widget_get_scale_factor (GTK_WIDGET (f->view));
  g_assert_true (warta_pdf_document_has_page (warta_pdf_view_get_document (f->view), 0, FALSE, scale));
  load_ready (f);
  g_assert_cmpfloat (warta_pdf_view_get_zoom (f->view), ==, zoom);

  g_assert_cmpuint (warta_pdf_view_get_n_pages (f->view), ==, N_PAGES);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, 0);
  g_assert_null (warta_pdf_view_get_error_message (f->view));
  g_assert_cmpint (warta_pdf_view_get_zoom_mode (f->view), ==, WARTA_PDF_ZOOM_FIT_WIDTH);
  g_assert_cmpstr (gtk_label_get_label (view_child (f, "n_pages_label")), ==, "/ 30");
  entry = find_by_class (GTK_WIDGET (f->view), "pdf-page-entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1");

  /* Fit width: the page fills the view's width but for the margins. */
  g_assert_cmpfloat (page_width (f), >, gtk_widget_get_width (GTK_WIDGET (view_child (f, "pages"))) - 40);
  /* The neighbour was rendered ahead, without being asked. */
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, 1), WAIT_MS);
  assert_main_loop_runs ();
}

/* A long document shows its first page without waiting for every page's
 * size: the pages after it take its size until the worker has read
 * theirs; then the layout takes them, and End still goes to the last. */
static void
test_long_document (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "panjang.pdf");
  g_autofree char *shot = NULL;
  WartaPdfDocument *document;
  GtkAdjustment *vadjustment;
  graphene_rect_t first, last;

  xtest_init ();
  write_long_pdf (path);
  load (f, path);
  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_READY);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (f->view), ==, LONG_PAGES);
  document = warta_pdf_view_get_document (f->view);
  /* Opened with the first page's size read, and the first page asked
   * for already, before the others' sizes come. */
  g_assert_false (warta_pdf_document_has_sizes (document));
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, 0), WAIT_MS);
  UI_WAIT_UNTIL (warta_pdf_document_has_sizes (document), WAIT_MS);

  /* Once the layout has their sizes, the landscape pages are wider than
   * tall; fit to width, they fill the width, and the top stays put. */
  UI_WAIT_UNTIL (warta_pdf_pages_get_page_rect (view_child (f, "pages"), LONG_PAGES - 1, &last) &&
                 last.size.width > last.size.height, WAIT_MS);
  g_assert_true (warta_pdf_pages_get_page_rect (view_child (f, "pages"), 0, &first));
  g_assert_cmpfloat (first.size.height, >, first.size.width);
  g_assert_cmpfloat (fabs (first.origin.y), <, 20);

  /* End, pressed as a person does: the last page, at the bottom. */
  gtk_widget_grab_focus (GTK_WIDGET (view_child (f, "pages")));
  xtest_press (XK_End, NULL, 0);
  UI_WAIT_UNTIL (warta_pdf_view_get_current_page (f->view) == LONG_PAGES - 1, WAIT_MS);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, LONG_PAGES - 1), WAIT_MS);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view_child (f, "pages")));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >=,
                     gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment) - 1);
  g_assert_true (warta_pdf_pages_get_page_rect (view_child (f, "pages"), LONG_PAGES - 1, &last));
  g_assert_cmpfloat (last.origin.y + last.size.height, <=, gtk_widget_get_height (GTK_WIDGET (view_child (f, "pages"))));
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "pdf-view-long-end");
  ui_assert_screenshot (shot);
  assert_main_loop_runs ();
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *shot = NULL;
  GtkWidget *label;
  GtkWidget *search_entry;
  int first;

  load_ready (f);
  label = find_by_class (GTK_WIDGET (f->view), "pdf-match-label");
  search_entry = find_by_class (GTK_WIDGET (f->view), "pdf-search-entry");

  warta_pdf_view_find (f->view, WORD);
  g_assert_true (gtk_search_bar_get_search_mode (view_child (f, "search_bar")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry)), ==, WORD);
  UI_WAIT_UNTIL (!warta_pdf_view_is_finding (f->view), WAIT_MS);

  /* Case-insensitive: the capitals count as well. */
  g_assert_cmpuint (warta_pdf_view_get_n_matches (f->view), ==, N_MATCHES);
  g_assert_cmpint (warta_pdf_view_get_current_match (f->view), ==, 0);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, word_pages[0]);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "1 of 6");

  warta_pdf_view_find_next (f->view);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, word_pages[1]);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.find-next", NULL);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, word_pages[2]);
  warta_pdf_view_find_next (f->view);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, TWICE_PAGE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "4 of 6");

  /* Both matches of the page on screen, the second one the current. */
  warta_pdf_view_find_next (f->view);
  g_assert_cmpint (warta_pdf_view_get_current_match (f->view), ==, 4);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, TWICE_PAGE);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, TWICE_PAGE), WAIT_MS);
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "pdf-view-find");
  ui_assert_screenshot (shot);

  warta_pdf_view_find_next (f->view);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, CAPS_PAGE);
  /* Round to the first. */
  warta_pdf_view_find_next (f->view);
  g_assert_cmpint (warta_pdf_view_get_current_match (f->view), ==, 0);
  warta_pdf_view_find_previous (f->view);
  g_assert_cmpint (warta_pdf_view_get_current_match (f->view), ==, N_MATCHES - 1);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, CAPS_PAGE);

  /* From the page being read: the first match shown is the first after it. */
  warta_pdf_view_find (f->view, "");
  g_assert_cmpuint (warta_pdf_view_get_n_matches (f->view), ==, 0);
  warta_pdf_view_set_page (f->view, 10);
  warta_pdf_view_find (f->view, WORD);
  UI_WAIT_UNTIL (!warta_pdf_view_is_finding (f->view), WAIT_MS);
  first = warta_pdf_view_get_current_match (f->view);
  g_assert_cmpint (first, ==, 2);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, word_pages[2]);

  /* No match: said so. */
  warta_pdf_view_find (f->view, "tidakadadimanapun");
  UI_WAIT_UNTIL (!warta_pdf_view_is_finding (f->view), WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_n_matches (f->view), ==, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "No matches");
}

static void
on_search_changed (GtkEditable  *entry,
                   char        **searched)
{
  g_free (*searched);
  *searched = g_strdup (gtk_editable_get_text (entry));
}

static void
test_find_keys (Fixture       *f,
                gconstpointer  data)
{
  static const KeySym shift[] = { XK_Shift_L };
  static const KeySym ctrl_shift[] = { XK_Control_L, XK_Shift_L };
  g_autofree char *searched = NULL;
  GtkWidget *search_entry;

  xtest_init ();
  load_ready (f);
  search_entry = find_by_class (GTK_WIDGET (f->view), "pdf-search-entry");
  /* After the view's own handler: the view searches what it says. */
  g_signal_connect (search_entry, "search-changed", G_CALLBACK (on_search_changed), &searched);
  gtk_widget_grab_focus (GTK_WIDGET (view_child (f, "pages")));
  xtest_move_to (GTK_WIDGET (view_child (f, "pages")), 200, 200);

  /* Ctrl+F: the search entry, with the keyboard in it. */
  xtest_ctrl (XK_f);
  UI_WAIT_UNTIL (has_focus_within (search_entry), WAIT_MS);
  g_assert_true (gtk_search_bar_get_search_mode (view_child (f, "search_bar")));

  for (const char *c = WORD; *c != '\0'; c++)
    xtest_press (gdk_unicode_to_keyval (*c), NULL, 0);
  UI_WAIT_UNTIL (g_strcmp0 (searched, WORD) == 0, WAIT_MS);
  UI_WAIT_UNTIL (!warta_pdf_view_is_finding (f->view), WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_n_matches (f->view), ==, N_MATCHES);
  g_assert_cmpint (warta_pdf_view_get_current_match (f->view), ==, 0);

  /* Enter and Ctrl+G go on, Shift+Enter and Ctrl+Shift+G go back. */
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (warta_pdf_view_get_current_match (f->view) == 1, WAIT_MS);
  xtest_ctrl (XK_g);
  UI_WAIT_UNTIL (warta_pdf_view_get_current_match (f->view) == 2, WAIT_MS);
  xtest_press (XK_Return, shift, G_N_ELEMENTS (shift));
  UI_WAIT_UNTIL (warta_pdf_view_get_current_match (f->view) == 1, WAIT_MS);
  xtest_press (XK_g, ctrl_shift, G_N_ELEMENTS (ctrl_shift));
  UI_WAIT_UNTIL (warta_pdf_view_get_current_match (f->view) == 0, WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, word_pages[0]);

  /* Escape closes the search and its highlights. */
  xtest_press (XK_Escape, NULL, 0);
  UI_WAIT_UNTIL (!gtk_search_bar_get_search_mode (view_child (f, "search_bar")), WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_n_matches (f->view), ==, 0);
  g_signal_handlers_disconnect_by_func (search_entry, on_search_changed, &searched);
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double fit_width, zoomed, graphene_height;
  graphene_rect_t rect;

  load_ready (f);
  fit_width = page_width (f);

  warta_pdf_view_zoom_in (f->view);
  g_assert_cmpint (warta_pdf_view_get_zoom_mode (f->view), ==, WARTA_PDF_ZOOM_FREE);
  UI_WAIT_UNTIL (page_width (f) > fit_width + 1, WAIT_MS);
  zoomed = page_width (f);
  /* The new zoom is rendered anew, sharp. */
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, warta_pdf_view_get_current_page (f->view)), WAIT_MS);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.zoom-out", NULL);
  UI_WAIT_UNTIL (page_width (f) < zoomed - 1, WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.zoom-out", NULL);
  UI_WAIT_UNTIL (page_width (f) < fit_width - 1, WAIT_MS);

  /* 100 %: 96 pixels an inch, an A4 page 794 pixels wide. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.set-zoom", "d", 1.0);
  UI_WAIT_UNTIL (G_APPROX_VALUE (page_width (f), 794, 1.5), WAIT_MS);
  g_assert_cmpfloat_with_epsilon (warta_pdf_view_get_zoom (f->view), 1.0, 1e-6);

  /* Fit page: all of the page in the view. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.fit-page", NULL);
  UI_WAIT_UNTIL (warta_pdf_view_get_zoom_mode (f->view) == WARTA_PDF_ZOOM_FIT_PAGE &&
                 warta_pdf_pages_get_page_rect (view_child (f, "pages"), 0, &rect) &&
                 rect.size.height <= gtk_widget_get_height (GTK_WIDGET (view_child (f, "pages"))), WAIT_MS);
  graphene_height = rect.size.height;
  g_assert_cmpfloat (graphene_height, >, gtk_widget_get_height (GTK_WIDGET (view_child (f, "pages"))) - 40);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.fit-width", NULL);
  UI_WAIT_UNTIL (G_APPROX_VALUE (page_width (f), fit_width, 0.5), WAIT_MS);

  /* The zoom keeps the page being read. */
  warta_pdf_view_set_page (f->view, 12);
  warta_pdf_view_zoom_in (f->view);
  UI_WAIT_UNTIL (page_width (f) > fit_width + 1, WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, 12);
  g_assert_true (warta_pdf_pages_get_page_rect (view_child (f, "pages"), 12, &rect));
  g_assert_cmpfloat (fabs (rect.origin.y), <, 20);
}

static void
test_zoom_keys (Fixture       *f,
                gconstpointer  data)
{
  double fit_width, zoomed;

  xtest_init ();
  load_ready (f);
  fit_width = page_width (f);
  gtk_widget_grab_focus (GTK_WIDGET (view_child (f, "pages")));
  xtest_move_to (GTK_WIDGET (view_child (f, "pages")), 300, 300);

  xtest_ctrl (XK_equal);
  UI_WAIT_UNTIL (page_width (f) > fit_width + 1, WAIT_MS);
  zoomed = page_width (f);
  xtest_ctrl (XK_minus);
  UI_WAIT_UNTIL (page_width (f) < zoomed - 1, WAIT_MS);
  xtest_ctrl (XK_0);
  UI_WAIT_UNTIL (warta_pdf_view_get_zoom_mode (f->view) == WARTA_PDF_ZOOM_FIT_WIDTH, WAIT_MS);
  UI_WAIT_UNTIL (G_APPROX_VALUE (page_width (f), fit_width, 0.5), WAIT_MS);
}

static void
test_ctrl_scroll (Fixture       *f,
                  gconstpointer  data)
{
  static const KeySym ctrl[] = { XK_Control_L };
  GtkAdjustment *vadjustment;
  double fit_width, zoomed, value;

  xtest_init ();
  load_ready (f);
  fit_width = page_width (f);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view_child (f, "pages")));
  xtest_move_to (GTK_WIDGET (view_child (f, "pages")), 400, 300);

  /* Wheel up with Ctrl: zoom in, and no scroll. */
  value = gtk_adjustment_get_value (vadjustment);
  xtest_wheel (4, ctrl, G_N_ELEMENTS (ctrl));
  UI_WAIT_UNTIL (page_width (f) > fit_width + 1, WAIT_MS);
  g_assert_cmpint (warta_pdf_view_get_zoom_mode (f->view), ==, WARTA_PDF_ZOOM_FREE);
  zoomed = page_width (f);

  /* Wheel down with Ctrl: zoom out. */
  xtest_wheel (5, ctrl, G_N_ELEMENTS (ctrl));
  UI_WAIT_UNTIL (page_width (f) < zoomed - 1, WAIT_MS);

  /* Without Ctrl the wheel scrolls, and the zoom stays. */
  zoomed = page_width (f);
  value = gtk_adjustment_get_value (vadjustment);
  xtest_wheel (5, NULL, 0);
  UI_WAIT_UNTIL (gtk_adjustment_get_value (vadjustment) > value, WAIT_MS);
  g_assert_cmpfloat (page_width (f), ==, zoomed);
}

static void
test_page_entry (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *entry;
  graphene_rect_t rect;

  xtest_init ();
  load_ready (f);
  entry = find_by_class (GTK_WIDGET (f->view), "pdf-page-entry");

  /* Typed in the entry, as a person does, and Enter. */
  xtest_click (entry);
  UI_WAIT_UNTIL (gtk_widget_has_focus (entry) || gtk_widget_get_focus_child (entry) != NULL, WAIT_MS);
  xtest_ctrl (XK_a);
  xtest_type ("17");
  xtest_press (XK_Return, NULL, 0);
  UI_WAIT_UNTIL (warta_pdf_view_get_current_page (f->view) == 16, WAIT_MS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "17");
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, 16), WAIT_MS);
  g_assert_true (warta_pdf_pages_get_page_rect (view_child (f, "pages"), 16, &rect));
  g_assert_cmpfloat (fabs (rect.origin.y), <, 20);

  /* Not a page: the entry goes back to the page shown. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "999");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, 16);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "17");
  gtk_editable_set_text (GTK_EDITABLE (entry), "dua");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "17");

  /* Next and previous page; the last page, at the end of the scroll. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.next-page", NULL);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, 17);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.previous-page", NULL);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, 16);
  warta_pdf_view_set_page (f->view, N_PAGES - 1);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, N_PAGES - 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "30");
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, N_PAGES - 1), WAIT_MS);

  /* Scrolling by hand moves the current page along. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view_child (f, "pages"))), 0);
  g_assert_cmpuint (warta_pdf_view_get_current_page (f->view), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1");
}

static void
test_thumbnails (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *shot = NULL;
  WartaPdfDocument *document;

  xtest_init ();
  load_ready (f);
  document = warta_pdf_view_get_document (f->view);

  /* No thumbnail is rendered while the sidebar is hidden. */
  ui_iterate (200);
  g_assert_null (warta_pdf_document_lookup (document, 0, TRUE, NULL));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.show-thumbnails", NULL);
  g_assert_true (warta_pdf_view_get_show_thumbnails (f->view));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view_child (f, "thumbnails_list"))), WAIT_MS);
  UI_WAIT_UNTIL (warta_pdf_document_lookup (document, 0, TRUE, NULL) != NULL &&
                 warta_pdf_document_lookup (document, 2, TRUE, NULL) != NULL, WAIT_MS);
  g_assert_cmpint (gdk_texture_get_width (warta_pdf_document_lookup (document, 0, TRUE, NULL)), ==, 120);

  /* A thumbnail, clicked, goes to its page. */
  {
    GtkWidget *number = NULL;

    UI_WAIT_UNTIL ((number = ui_find_label (view_child (f, "thumbnails_list"), "3", TRUE)) != NULL, WAIT_MS);
    xtest_click (number);
  }
  UI_WAIT_UNTIL (warta_pdf_view_get_current_page (f->view) == 2, WAIT_MS);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, 2), WAIT_MS);
  UI_WAIT_UNTIL (warta_pdf_document_lookup (document, 4, TRUE, NULL) != NULL, WAIT_MS);
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "pdf-view-thumbnails");
  ui_assert_screenshot (shot);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.show-thumbnails", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view_child (f, "thumbnails_window"))));
}

static void
test_password (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *locked = fixture_path (f, "terkunci.pdf");
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *wrong;
  int status;

  if (qpdf == NULL)
    g_error ("qpdf is missing: install it (make deps)");
  {
    const char *argv[] = { qpdf, "--encrypt", "user", "owner", "256", "--", f->pdf, locked, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }

  load (f, locked);
  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_NEEDS_PASSWORD);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (f->view), ==, 0);
  wrong = find_by_class (GTK_WIDGET (f->view), "pdf-wrong-password");
  g_assert_false (gtk_widget_get_visible (wrong));
  UI_WAIT_UNTIL (has_focus_within (find_by_class (GTK_WIDGET (f->view), "pdf-password-entry")), WAIT_MS);
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "pdf-view-password");
  ui_assert_screenshot (shot);

  /* A wrong password: said so, and asked again. */
  gtk_editable_set_text (GTK_EDITABLE (view_child (f, "password_entry")), "salah");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "pdf.unlock", NULL);
  UI_WAIT_UNTIL (gtk_widget_get_visible (wrong), WAIT_MS);
  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_NEEDS_PASSWORD);
  /* Ready for another try. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view_child (f, "unlock_button"))));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (view_child (f, "password_entry"))));
  g_clear_pointer (&shot, g_free);
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "pdf-view-wrong-password");

  /* The right one opens it; the file was read once, from the fd. */
  warta_pdf_view_unlock (f->view, "user");
  UI_WAIT_UNTIL (warta_pdf_view_get_state (f->view) == WARTA_PDF_VIEW_READY, WAIT_MS);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (f->view), ==, N_PAGES);
  UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, 0), WAIT_MS);
}

static void
assert_error (Fixture    *f,
              const char *path,
              int         code)
{
  load (f, path);
  g_assert_cmpint (warta_pdf_view_get_state (f->view), ==, WARTA_PDF_VIEW_ERROR);
  g_assert_error ((GError *) warta_pdf_view_get_error (f->view), WARTA_PDF_ERROR, code);
  g_assert_nonnull (warta_pdf_view_get_error_message (f->view));
  g_assert_cmpuint (strlen (warta_pdf_view_get_error_message (f->view)), >, 10);
  g_assert_cmpstr (adw_status_page_get_description (view_child (f, "error_page")), ==,
                   warta_pdf_view_get_error_message (f->view));
  g_assert_cmpuint (warta_pdf_view_get_n_pages (f->view), ==, 0);
  assert_main_loop_runs ();
  g_test_message ("%s: %s", path, warta_pdf_view_get_error_message (f->view));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *empty = fixture_path (f, "kosong.pdf");
  g_autofree char *noise = fixture_path (f, "acak.pdf");
  g_autofree char *cut = fixture_path (f, "terpotong.pdf");
  g_autofree char *missing = fixture_path (f, "tidak-ada.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  g_autoptr(GError) error = NULL;
  guint8 bytes[64 * 1024];
  gsize length;

  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (noise, (const char *) bytes, sizeof bytes, &error));
  g_assert_true (g_file_get_contents (f->pdf, &contents, &length, &error));
  g_assert_true (g_file_set_contents (cut, contents, length / 2, &error));
  g_assert_no_error (error);

  assert_error (f, empty, WARTA_PDF_ERROR_EMPTY);
  assert_error (f, noise, WARTA_PDF_ERROR_NOT_PDF);
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "pdf-view-error");
  assert_error (f, cut, WARTA_PDF_ERROR_DAMAGED);
  assert_error (f, missing, WARTA_PDF_ERROR_FAILED);

  /* And a good file opens after them in the same view. */
  load_ready (f);
  g_assert_cmpuint (warta_pdf_view_get_n_pages (f->view), ==, N_PAGES);
}

/* The cache holds to its budget while every page is shown in turn. */
static void
test_cache_budget (Fixture       *f,
                   gconstpointer  data)
{
  const gsize budget = 12 * 1024 * 1024;
  WartaPdfDocument *document;

  warta_pdf_view_set_cache_budget (f->view, budget);
  load_ready (f);
  document = warta_pdf_view_get_document (f->view);
  g_assert_cmpuint (warta_pdf_document_get_cache_budget (document), ==, budget);

  for (guint i = 0; i < N_PAGES; i++)
    {
      warta_pdf_view_set_page (f->view, i);
      UI_WAIT_UNTIL (warta_pdf_view_is_page_rendered (f->view, i), WAIT_MS);
      g_assert_cmpuint (warta_pdf_document_get_cache_size (document), <=, budget);
    }
  g_assert_cmpuint (warta_pdf_document_get_cache_peak (document), <=, budget);
  /* It did have to evict: thirty pages do not fit. */
  g_assert_null (warta_pdf_document_lookup (document, 0, FALSE, NULL));
  g_test_message ("cache peak %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                  warta_pdf_document_get_cache_peak (document), budget);
}

/* Going away, or on to another file, in the middle of the work. */
static void
test_dispose_busy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->pdf);
  WartaPdfDocument *document;

  /* A second load while the first opens: the second wins. */
  warta_pdf_view_load_file (f->view, file);
  warta_pdf_view_load_file (f->view, file);
  UI_WAIT_UNTIL (warta_pdf_view_get_state (f->view) == WARTA_PDF_VIEW_READY, WAIT_MS);
  warta_pdf_view_find (f->view, WORD);
  warta_pdf_view_set_page (f->view, 20);

  /* Gone with a find and renders under way; the document with it. */
  document = warta_pdf_view_get_document (f->view);
  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (f->window);
  f->window = NULL;
  UI_WAIT_UNTIL (f->view == NULL && document == NULL, WAIT_MS);
  ui_iterate (300);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* XTest speaks X11: on the Xvfb display, even when run from a Wayland
   * session that left WAYLAND_DISPLAY in the environment. */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);

  app = ui_application_new ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/pdf-view/load", test_load);
  ADD ("/pdf-view/long-document", test_long_document);
  ADD ("/pdf-view/find", test_find);
  ADD ("/pdf-view/find-keys", test_find_keys);
  ADD ("/pdf-view/zoom", test_zoom);
  ADD ("/pdf-view/zoom-keys", test_zoom_keys);
  ADD ("/pdf-view/ctrl-scroll", test_ctrl_scroll);
  ADD ("/pdf-view/page-entry", test_page_entry);
  ADD ("/pdf-view/thumbnails", test_thumbnails);
  ADD ("/pdf-view/password", test_password);
  ADD ("/pdf-view/errors", test_errors);
  ADD ("/pdf-view/cache-budget", test_cache_budget);
  ADD ("/pdf-view/dispose-busy", test_dispose_busy);

#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
