/* test-pdf.c: opening PDFs through WartaPdf, and every way they come broken
 *
 * Every file is made in a scratch folder when the test starts: a five-page
 * PDF drawn with cairo, and from it what people are sent in practice:
 * nothing at all, something else named .pdf, a download cut short, a
 * broken cross-reference table or page tree, a protected copy (made by
 * qpdf), and bytes flipped at random. A bad file must end in an error that says what to do,
 * or open and render every page; never in a crash, which the ASan build
 * turns every memory error into.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "warta-pdf.h"

#define TITLE "Nota Dinas Uji"
#define USER_PASSWORD "USERPW"
#define OWNER_PASSWORD "OWNERPW"
/* AES-256 keeps passwords in UTF-8: poppler's first try, in Latin-1, fails
 * on the ñ, and only its second, in UTF-8, opens the file. */
#define UTF8_PASSWORD "kunci-ñ"
#define SCREEN_SCALE (96.0 / 72.0)
#define SEED 20240817
#define N_FLIPPED 50

typedef struct
{
  const char *text;   /* drawn at the top of the page */
  double      width;
  double      height;
} PageSpec;

static const PageSpec page_specs[] = {
  { "Nota Dinas", 595.276, 841.890 },        /* A4 */
  { "kerangka acuan", 595.276, 841.890 },
  { "Laporan kegiatan", 841.890, 595.276 },  /* A4 landscape */
  { "Surat tugas", 612, 792 },               /* US Letter */
  { "Daftar hadir", 419.528, 595.276 },      /* A5 */
};

/* Drawn at the foot of one page, so the first page's words are found
 * again, low on another page. */
#define FOOT_PAGE 3
#define FOOT_TEXT "Lampiran: nota dinas"

static char *scratch;        /* every file the test makes */
static char *good_path;
static GBytes *good_bytes;

static char *
scratch_path (const char *name)
{
  return g_build_filename (scratch, name, NULL);
}

static char *
write_scratch (const char    *name,
               gconstpointer  data,
               gsize          length)
{
  g_autoptr(GError) error = NULL;
  char *path = scratch_path (name);

  g_assert_true (g_file_set_contents (path, data, length, &error));
  g_assert_no_error (error);
  return path;
}

static void
draw_pdf (const char *path,
          const char *title)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, page_specs[0].width, page_specs[0].height);
  cairo_t *cr = cairo_create (surface);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint i = 0; i < G_N_ELEMENTS (page_specs); i++)
    {
      cairo_pdf_surface_set_size (surface, page_specs[i].width, page_specs[i].height);
      cairo_set_font_size (cr, 24);
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, page_specs[i].text);
      if (i == FOOT_PAGE)
        {
          cairo_set_font_size (cr, 12);
          cairo_move_to (cr, 72, page_specs[i].height - 48);
          cairo_show_text (cr, FOOT_TEXT);
        }
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* qpdf is one of the packages make deps installs, so its absence fails
 * the test rather than skipping the protected files. */
static char *
encrypt_pdf (const char *name,
             const char *user_password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *err = NULL;
  char *path = scratch_path (name);
  int status = 0;
  const char *argv[] = {
    qpdf, "--encrypt", user_password, OWNER_PASSWORD, "256", "--", good_path, path, NULL,
  };

  if (qpdf == NULL)
    g_error ("qpdf is not installed; make deps installs it");

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("qpdf failed: %s: %s", error->message, err);
  return path;
}

static int
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static void
assert_size (WartaPdf *pdf,
             guint     index,
             double    width,
             double    height)
{
  double w = 0;
  double h = 0;

  warta_pdf_get_page_size (pdf, index, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, width, 0.5);
  g_assert_cmpfloat_with_epsilon (h, height, 0.5);
}

static WartaPdf *
open_good (const char *path,
           const char *password)
{
  g_autoptr(GError) error = NULL;
  WartaPdf *pdf = warta_pdf_open_file (path, password, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

static void
assert_open_fails (const char *path,
                   const char *password,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPdf) pdf = warta_pdf_open_file (path, password, NULL, &error);

  g_assert_null (pdf);
  g_assert_error (error, WARTA_PDF_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

/* A match of text on the page, which must be there exactly once. */
static WartaPdfRect
find_once (WartaPdf   *pdf,
           guint       index,
           const char *text)
{
  g_autoptr(GArray) matches = warta_pdf_find_text (pdf, index, text);
  WartaPdfRect rect;
  double width = 0;
  double height = 0;

  g_assert_cmpuint (matches->len, ==, 1);
  rect = g_array_index (matches, WartaPdfRect, 0);
  warta_pdf_get_page_size (pdf, index, &width, &height);
  g_assert_cmpfloat (0, <=, rect.x1);
  g_assert_cmpfloat (rect.x1, <, rect.x2);
  g_assert_cmpfloat (rect.x2, <=, width);
  g_assert_cmpfloat (0, <=, rect.y1);
  g_assert_cmpfloat (rect.y1, <, rect.y2);
  g_assert_cmpfloat (rect.y2, <=, height);
  return rect;
}

static void
assert_not_found (WartaPdf   *pdf,
                  guint       index,
                  const char *text)
{
  g_autoptr(GArray) matches = warta_pdf_find_text (pdf, index, text);

  g_assert_nonnull (matches);
  g_assert_cmpuint (matches->len, ==, 0);
}

static gboolean
is_white (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *)(data + y * cairo_image_surface_get_stride (surface) + x * 4);

  return pixel == 0xffffffff;
}

static guint
count_dark (cairo_surface_t *surface,
            double           x1,
            double           y1,
            double           x2,
            double           y2)
{
  guint dark = 0;

  for (int y = (int)y1; y < (int)ceil (y2); y++)
    {
      for (int x = (int)x1; x < (int)ceil (x2); x++)
        {
          if (!is_white (surface, x, y))
            dark++;
        }
    }

  return dark;
}

/* Every page renders at the size its page size promises, or fails alone. */
static void
assert_renders (WartaPdf *pdf,
                double    scale)
{
  for (guint i = 0; i < warta_pdf_get_n_pages (pdf); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) matches = warta_pdf_find_text (pdf, i, "nota");
      g_autofree char *text = warta_pdf_get_page_text (pdf, i);
      cairo_surface_t *surface = warta_pdf_render_page (pdf, i, scale, NULL, &error);
      double width = 0;
      double height = 0;

      g_assert_nonnull (matches);
      g_assert_nonnull (text);
      warta_pdf_get_page_size (pdf, i, &width, &height);
      g_assert_true (isfinite (width) && width > 0);
      g_assert_true (isfinite (height) && height > 0);
      if (surface == NULL)
        {
          g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_PAGE);
          g_assert_cmpstr (error->message, !=, "");
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int)ceil (width * scale));
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int)ceil (height * scale));
      cairo_surface_destroy (surface);
    }
}

/* A bad file either opens and renders, or fails as damaged, with a
 * message. Flipped bytes may also hit the header or the page count. */
static gboolean
opens_or_fails (const char *path,
                gboolean    flipped)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPdf) pdf = warta_pdf_open_file (path, NULL, NULL, &error);

  if (pdf == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == WARTA_PDF_ERROR);
      if (error->code != WARTA_PDF_ERROR_DAMAGED &&
          !(flipped && (error->code == WARTA_PDF_ERROR_NOT_PDF || error->code == WARTA_PDF_ERROR_NO_PAGES)))
        g_error ("%s: unexpected error %d: %s", path, error->code, error->message);
      g_assert_cmpstr (error->message, !=, "");
      return FALSE;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (warta_pdf_get_n_pages (pdf), >, 0);
  assert_renders (pdf, 0.5);
  return TRUE;
}

static void
test_good (void)
{
  g_autoptr(WartaPdf) pdf = open_good (good_path, NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  WartaPdfRect top;
  WartaPdfRect foot;
  double height = 0;

  g_assert_cmpuint (warta_pdf_get_n_pages (pdf), ==, G_N_ELEMENTS (page_specs));
  for (guint i = 0; i < G_N_ELEMENTS (page_specs); i++)
    assert_size (pdf, i, page_specs[i].width, page_specs[i].height);
  g_assert_cmpstr (warta_pdf_get_title (pdf), ==, TITLE);

  text = warta_pdf_get_page_text (pdf, 1);
  g_assert_nonnull (strstr (text, "kerangka acuan"));

  /* Drawn with its baseline an inch down: in the upper part of the page. */
  top = find_once (pdf, 0, "NOTA dinas");
  warta_pdf_get_page_size (pdf, 0, NULL, &height);
  g_assert_cmpfloat (top.x1, >, 60);
  g_assert_cmpfloat (top.y1, >, 40);
  g_assert_cmpfloat (top.y2, <, height / 8);
  assert_not_found (pdf, 1, "nota dinas");
  assert_not_found (pdf, 0, "kerangka");
  assert_not_found (pdf, 0, "");
  find_once (pdf, 1, "Kerangka Acuan");
  find_once (pdf, 2, "kegiatan");

  /* The same words at the foot of another page: the origin is top-left. */
  foot = find_once (pdf, FOOT_PAGE, "nota dinas");
  g_assert_cmpfloat (foot.y1, >, page_specs[FOOT_PAGE].height * 7 / 8);
  g_assert_cmpfloat (find_once (pdf, FOOT_PAGE, "surat tugas").y2, <, page_specs[FOOT_PAGE].height / 8);

  surface = warta_pdf_render_page (pdf, 0, SCREEN_SCALE, NULL, NULL);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 794);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1123);
  g_assert_cmpuint (count_dark (surface, top.x1 * SCREEN_SCALE, top.y1 * SCREEN_SCALE,
                                top.x2 * SCREEN_SCALE, top.y2 * SCREEN_SCALE), >, 100);
  /* Nothing is drawn below the title, and the background is white. */
  g_assert_cmpuint (count_dark (surface, 0, 200, 794, 1123), ==, 0);
  cairo_surface_destroy (surface);

  surface = warta_pdf_render_page (pdf, 2, 1.0, NULL, NULL);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 842);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 596);
  cairo_surface_destroy (surface);
}

static void
test_untitled (void)
{
  g_autofree char *path = scratch_path ("untitled.pdf");
  g_autoptr(WartaPdf) pdf = NULL;

  draw_pdf (path, NULL);
  pdf = open_good (path, NULL);
  g_assert_null (warta_pdf_get_title (pdf));

  g_clear_object (&pdf);
  draw_pdf (path, "  ");
  pdf = open_good (path, NULL);
  g_assert_null (warta_pdf_get_title (pdf));
}

static void
test_not_pdf (void)
{
  static const char letter[] = "Nota Dinas\nNomor: 1/2026\nPerihal: kerangka acuan\n";
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree guint8 *noise = g_malloc (64 * 1024);
  g_autofree char *empty = write_scratch ("empty.pdf", "", 0);
  g_autofree char *random = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png = scratch_path ("photo.pdf");
  g_autofree char *missing = scratch_path ("missing.pdf");
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);

  assert_open_fails (empty, NULL, WARTA_PDF_ERROR_EMPTY);
  assert_open_fails (missing, NULL, WARTA_PDF_ERROR_FAILED);

  for (gsize i = 0; i < 64 * 1024; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  random = write_scratch ("random.pdf", noise, 64 * 1024);
  assert_open_fails (random, NULL, WARTA_PDF_ERROR_NOT_PDF);

  g_assert_cmpint (cairo_surface_write_to_png (image, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  assert_open_fails (png, NULL, WARTA_PDF_ERROR_NOT_PDF);

  text = write_scratch ("nota.pdf", letter, strlen (letter));
  assert_open_fails (text, NULL, WARTA_PDF_ERROR_NOT_PDF);
  /* A password changes nothing for what is not a PDF. */
  assert_open_fails (text, USER_PASSWORD, WARTA_PDF_ERROR_NOT_PDF);
}

static void
test_damaged (void)
{
  static const char no_pages[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    "trailer << /Root 1 0 R >>\n"
    "%%EOF\n";
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GByteArray) junk = g_byte_array_new ();
  g_autofree char *header_and_junk = NULL;
  g_autofree char *empty_doc = write_scratch ("no-pages.pdf", no_pages, strlen (no_pages));

  /* Poppler rebuilds the missing cross-reference table, and finds no page. */
  assert_open_fails (empty_doc, NULL, WARTA_PDF_ERROR_NO_PAGES);

  g_byte_array_append (junk, (const guint8 *)"%PDF-1.7\n", strlen ("%PDF-1.7\n"));
  for (guint i = 0; i < 4096; i++)
    {
      guint8 byte = g_rand_int_range (rand, 0, 256);

      g_byte_array_append (junk, &byte, 1);
    }
  header_and_junk = write_scratch ("header-and-junk.pdf", junk->data, junk->len);
  assert_open_fails (header_and_junk, NULL, WARTA_PDF_ERROR_DAMAGED);
}

/* One page poppler cannot load, or with no width, must not hide the
 * others: it keeps the size of the page before it and fails alone. */
static void
test_broken_pages (void)
{
  static const char bad_kids[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 9 0 R] /Count 4 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] >> endobj\n"
    "4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 0 400] >> endobj\n"
    "5 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 100000 400] >> endobj\n"
    "trailer << /Root 1 0 R /Size 6 >>\n"
    "%%EOF\n";
  g_autofree char *path = write_scratch ("bad-kids.pdf", bad_kids, strlen (bad_kids));
  g_autoptr(WartaPdf) pdf = open_good (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;

  assert_size (pdf, 0, 300, 400);
  surface = warta_pdf_render_page (pdf, 0, 1, NULL, &error);
  g_assert_no_error (error);
  cairo_surface_destroy (surface);

  /* No width. */
  assert_size (pdf, 1, 300, 400);
  g_assert_null (warta_pdf_render_page (pdf, 1, 1, NULL, &error));
  g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_PAGE);
  g_clear_error (&error);
  matches = warta_pdf_find_text (pdf, 1, "nota");
  g_assert_cmpuint (matches->len, ==, 0);
  text = warta_pdf_get_page_text (pdf, 1);
  g_assert_cmpstr (text, ==, "");

  /* Wider than cairo draws at full size: only zoomed out. */
  assert_size (pdf, 2, 100000, 400);
  g_assert_null (warta_pdf_render_page (pdf, 2, 1, NULL, &error));
  g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_PAGE);
  g_clear_error (&error);
  surface = warta_pdf_render_page (pdf, 2, 0.01, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1000);
  cairo_surface_destroy (surface);

  /* Not there at all. */
  assert_size (pdf, 3, 100000, 400);
  g_assert_null (warta_pdf_render_page (pdf, 3, 0.01, NULL, &error));
  g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_PAGE);

  assert_renders (pdf, 0.01);
}

static void
test_truncated (void)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (good_bytes, &length);
  const gsize cuts[] = { 10, 100, length / 2, length * 9 / 10, length - 20 };
  int fds = count_open_fds ();

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *name = g_strdup_printf ("cut-%" G_GSIZE_FORMAT ".pdf", cuts[i]);
      g_autofree char *path = write_scratch (name, data, cuts[i]);
      gboolean opened = opens_or_fails (path, FALSE);

      g_test_message ("cut to %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes: %s",
                      cuts[i], length, opened ? "opens" : "damaged");
      if (cuts[i] <= 100)
        g_assert_false (opened);
    }

  g_assert_cmpint (count_open_fds (), ==, fds);
}

/* Where needle ends, the last time it is in data: a PDF holds binary
 * streams, NULs and all, so no string search will do. */
static gsize
offset_after (const guint8 *data,
              gsize         size,
              const char   *needle)
{
  gsize length = strlen (needle);

  for (gsize at = size - length + 1; at-- > 0;)
    {
      if (memcmp (data + at, needle, length) == 0)
        return at + length;
    }

  g_assert_not_reached ();
}

static void
test_broken_xref (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  gsize size = g_bytes_get_size (good_bytes);
  const guint8 *good = g_bytes_get_data (good_bytes, NULL);
  g_autofree guint8 *data = g_memdup2 (good, size);
  gsize table = offset_after (data, size, "\nxref\n");
  gsize table_end = offset_after (data, size, "trailer\n");
  gsize start = offset_after (data, size, "startxref\n");
  g_autofree char *offsets = NULL;
  g_autofree char *both = NULL;
  g_autofree char *start_only = NULL;

  g_assert_cmpuint (table, <, table_end);
  g_assert_cmpuint (table_end, <, start);

  /* Every offset in the table a wrong number, in the right format. */
  for (gsize at = table; at < table_end; at++)
    {
      if (g_ascii_isdigit (data[at]))
        data[at] = '0' + g_rand_int_range (rand, 0, 10);
    }
  offsets = write_scratch ("xref-offsets.pdf", data, size);
  g_test_message ("wrong offsets: %s", opens_or_fails (offsets, FALSE) ? "opens" : "damaged");

  memset (data + start, 'x', 3);
  both = write_scratch ("xref-both.pdf", data, size);
  g_test_message ("and no startxref: %s", opens_or_fails (both, FALSE) ? "opens" : "damaged");

  memcpy (data + table, good + table, table_end - table);
  start_only = write_scratch ("xref-start.pdf", data, size);
  g_test_message ("no startxref: %s", opens_or_fails (start_only, FALSE) ? "opens" : "damaged");
}

static void
test_encrypted (void)
{
  g_autofree char *locked = encrypt_pdf ("locked.pdf", USER_PASSWORD);
  g_autofree char *utf8 = encrypt_pdf ("locked-utf8.pdf", UTF8_PASSWORD);
  g_autoptr(WartaPdf) pdf = NULL;

  assert_open_fails (locked, NULL, WARTA_PDF_ERROR_NEEDS_PASSWORD);
  assert_open_fails (locked, "", WARTA_PDF_ERROR_NEEDS_PASSWORD);
  assert_open_fails (locked, "userpw", WARTA_PDF_ERROR_BAD_PASSWORD);
  assert_open_fails (locked, UTF8_PASSWORD, WARTA_PDF_ERROR_BAD_PASSWORD);

  pdf = open_good (locked, USER_PASSWORD);
  g_assert_cmpuint (warta_pdf_get_n_pages (pdf), ==, G_N_ELEMENTS (page_specs));
  g_assert_cmpstr (warta_pdf_get_title (pdf), ==, TITLE);
  find_once (pdf, 1, "kerangka acuan");
  assert_renders (pdf, 0.5);
  g_clear_object (&pdf);

  pdf = open_good (locked, OWNER_PASSWORD);
  find_once (pdf, 0, "nota dinas");
  g_clear_object (&pdf);

  assert_open_fails (utf8, NULL, WARTA_PDF_ERROR_NEEDS_PASSWORD);
  assert_open_fails (utf8, USER_PASSWORD, WARTA_PDF_ERROR_BAD_PASSWORD);
  pdf = open_good (utf8, UTF8_PASSWORD);
  find_once (pdf, 2, "laporan");
}

static void
assert_bytes_fail (GBytes     *bytes,
                   const char *password,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPdf) pdf = warta_pdf_open_bytes (bytes, password, NULL, &error);

  g_assert_null (pdf);
  g_assert_error (error, WARTA_PDF_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static WartaPdf *
open_bytes_good (GBytes     *bytes,
                 const char *password)
{
  g_autoptr(GError) error = NULL;
  WartaPdf *pdf = warta_pdf_open_bytes (bytes, password, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* From memory, as an attachment read out of the database is opened: the
 * same checks and errors as from a file, passwords too (a wrong one went
 * through poppler's broken retry of bytes). */
static void
test_bytes (void)
{
  g_autofree char *locked_path = encrypt_pdf ("bytes-locked.pdf", USER_PASSWORD);
  g_autofree char *utf8_path = encrypt_pdf ("bytes-locked-utf8.pdf", UTF8_PASSWORD);
  g_autoptr(GBytes) locked = file_bytes (locked_path);
  g_autoptr(GBytes) utf8 = file_bytes (utf8_path);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) photo = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(WartaPdf) pdf = NULL;

  pdf = open_bytes_good (good_bytes, NULL);
  g_assert_cmpuint (warta_pdf_get_n_pages (pdf), ==, G_N_ELEMENTS (page_specs));
  g_assert_cmpstr (warta_pdf_get_title (pdf), ==, TITLE);
  find_once (pdf, 1, "kerangka acuan");
  assert_renders (pdf, SCREEN_SCALE);
  g_clear_object (&pdf);

  assert_bytes_fail (empty, NULL, WARTA_PDF_ERROR_EMPTY);
  assert_bytes_fail (photo, NULL, WARTA_PDF_ERROR_NOT_PDF);

  assert_bytes_fail (locked, NULL, WARTA_PDF_ERROR_NEEDS_PASSWORD);
  assert_bytes_fail (locked, "", WARTA_PDF_ERROR_NEEDS_PASSWORD);
  assert_bytes_fail (locked, "userpw", WARTA_PDF_ERROR_BAD_PASSWORD);
  assert_bytes_fail (locked, UTF8_PASSWORD, WARTA_PDF_ERROR_BAD_PASSWORD);
  pdf = open_bytes_good (locked, USER_PASSWORD);
  find_once (pdf, 1, "kerangka acuan");
  g_clear_object (&pdf);

  assert_bytes_fail (utf8, USER_PASSWORD, WARTA_PDF_ERROR_BAD_PASSWORD);
  pdf = open_bytes_good (utf8, UTF8_PASSWORD);
  find_once (pdf, 2, "laporan");
}

/* The file is gone from its folder once opened, as a download a browser
 * has cleaned up: the fd alone must serve twice, then still be the
 * caller's. */
static void
test_unlinked_fd (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPdf) pdf = NULL;
  g_autofree char *locked = encrypt_pdf ("unlinked.pdf", USER_PASSWORD);
  g_autofree char *plain = write_scratch ("unlinked-plain.pdf", g_bytes_get_data (good_bytes, NULL),
                                          g_bytes_get_size (good_bytes));
  int fd = g_open (locked, O_RDONLY | O_CLOEXEC, 0);
  int plain_fd = g_open (plain, O_RDONLY | O_CLOEXEC, 0);
  char head[5];

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (plain_fd, >=, 0);
  g_assert_cmpint (g_unlink (locked), ==, 0);
  g_assert_cmpint (g_unlink (plain), ==, 0);

  pdf = warta_pdf_open_fd (fd, NULL, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_NEEDS_PASSWORD);
  g_clear_error (&error);

  pdf = warta_pdf_open_fd (fd, USER_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  find_once (pdf, 1, "kerangka acuan");
  g_clear_object (&pdf);

  for (guint i = 0; i < 2; i++)
    {
      pdf = warta_pdf_open_fd (plain_fd, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (warta_pdf_get_n_pages (pdf), ==, G_N_ELEMENTS (page_specs));
      find_once (pdf, 0, "nota dinas");
      g_clear_object (&pdf);
    }

  g_assert_cmpint (pread (fd, head, sizeof head, 0), ==, sizeof head);
  g_assert_cmpint (memcmp (head, "%PDF-", sizeof head), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  g_assert_cmpint (pread (plain_fd, head, sizeof head, 0), ==, sizeof head);
  g_assert_cmpint (close (plain_fd), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPdf) pdf = open_good (good_path, NULL);
  WartaPdf *none;
  cairo_surface_t *surface;

  g_cancellable_cancel (cancellable);

  surface = warta_pdf_render_page (pdf, 0, SCREEN_SCALE, cancellable, &error);
  g_assert_null (surface);
  g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_CANCELLED);
  g_clear_error (&error);

  none = warta_pdf_open_file (good_path, NULL, cancellable, &error);
  g_assert_null (none);
  g_assert_error (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_CANCELLED);
}

/* Random bytes flipped in the good file. Flips spread over the whole file
 * land mostly in compressed streams; every other file has its flips in the
 * last kilobyte instead, where cairo puts the page tree, the catalogue and
 * the cross-reference table. */
static void
test_flipped (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  gsize length = g_bytes_get_size (good_bytes);
  int fds = count_open_fds ();
  guint n_opened = 0;

  for (guint i = 0; i < N_FLIPPED; i++)
    {
      g_autofree char *name = g_strdup_printf ("flipped-%02u.pdf", i);
      g_autofree char *path = NULL;
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (good_bytes, NULL), length);
      gsize from = i % 2 == 0 ? 0 : length - 1024;
      guint n_flips = g_rand_int_range (rand, 1, 9);

      for (guint f = 0; f < n_flips; f++)
        data[g_rand_int_range (rand, from, length)] ^= g_rand_int_range (rand, 1, 256);

      path = write_scratch (name, data, length);
      if (opens_or_fails (path, TRUE))
        n_opened++;
    }

  g_test_message ("%u of %u files with flipped bytes open", n_opened, N_FLIPPED);
  g_assert_cmpint (count_open_fds (), ==, fds);
}

/* poppler reports every syntax error in the broken files at info level:
 * a thousand lines that would bury the test's own. */
static void
drop_poppler_info (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
}

static void
remove_scratch (void)
{
  g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = scratch_path (name);

      g_unlink (path);
    }
  g_rmdir (scratch);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_log_set_handler ("Poppler", G_LOG_LEVEL_INFO, drop_poppler_info, NULL);

  scratch = g_dir_make_tmp ("warta-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  good_path = scratch_path ("good.pdf");
  draw_pdf (good_path, TITLE);
  g_assert_true (g_file_get_contents (good_path, &data, &length, &error));
  g_assert_no_error (error);
  good_bytes = g_bytes_new_take (g_steal_pointer (&data), length);

  g_test_add_func ("/pdf/good", test_good);
  g_test_add_func ("/pdf/untitled", test_untitled);
  g_test_add_func ("/pdf/not-pdf", test_not_pdf);
  g_test_add_func ("/pdf/damaged", test_damaged);
  g_test_add_func ("/pdf/broken-pages", test_broken_pages);
  g_test_add_func ("/pdf/truncated", test_truncated);
  g_test_add_func ("/pdf/broken-xref", test_broken_xref);
  g_test_add_func ("/pdf/encrypted", test_encrypted);
  g_test_add_func ("/pdf/unlinked-fd", test_unlinked_fd);
  g_test_add_func ("/pdf/bytes", test_bytes);
  g_test_add_func ("/pdf/cancelled", test_cancelled);
  g_test_add_func ("/pdf/flipped", test_flipped);

  status = g_test_run ();

  remove_scratch ();
  g_bytes_unref (good_bytes);
  g_free (good_path);
  g_free (scratch);
  return status;
}
