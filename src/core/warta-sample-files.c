/* warta-sample-files.c: the documents and photos of the sample cases
 *
 * The sample office's cases carry what a real one would: a nota dinas and
 * a kerangka acuan as multi-page PDFs, and photos, drawn here with cairo so
 * that the attachment preview has something true to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "warta-sample-private.h"

#define A4_WIDTH  595.0
#define A4_HEIGHT 842.0
#define MARGIN     64.0

typedef struct
{
  cairo_t *cr;
  double   y;
  int      page;
} Writer;

static void
writer_font (Writer  *w,
             double   size,
             gboolean bold)
{
  cairo_select_font_face (w->cr, "Serif", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (w->cr, size);
}

static void
writer_break_page (Writer *w)
{
  char number[16];

  cairo_show_page (w->cr);
  w->page++;
  w->y = MARGIN;
  g_snprintf (number, sizeof number, "- %d -", w->page);
  writer_font (w, 9, FALSE);
  cairo_move_to (w->cr, A4_WIDTH / 2 - 12, A4_HEIGHT - 32);
  cairo_show_text (w->cr, number);
}

/* Lays the words out line by line, breaking pages as they fill. */
static void
writer_paragraph (Writer     *w,
                  const char *text,
                  double      size,
                  gboolean    bold,
                  double      indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  double width = A4_WIDTH - 2 * MARGIN - indent;

  writer_font (w, size, bold);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) candidate = g_string_new (line->str);
      cairo_text_extents_t extents;

      if (candidate->len > 0)
        g_string_append_c (candidate, ' ');
      g_string_append (candidate, words[i]);
      cairo_text_extents (w->cr, candidate->str, &extents);
      if (extents.x_advance > width && line->len > 0)
        {
          if (w->y > A4_HEIGHT - MARGIN)
            {
              writer_break_page (w);
              writer_font (w, size, bold);
            }
          cairo_move_to (w->cr, MARGIN + indent, w->y);
          cairo_show_text (w->cr, line->str);
          w->y += size * 1.5;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, candidate->str);
    }
  if (line->len > 0)
    {
      if (w->y > A4_HEIGHT - MARGIN)
        {
          writer_break_page (w);
          writer_font (w, size, bold);
        }
      cairo_move_to (w->cr, MARGIN + indent, w->y);
      cairo_show_text (w->cr, line->str);
      w->y += size * 1.5;
    }
  w->y += size * 0.6;
}

static void
writer_letterhead (Writer     *w,
                   const char *office)
{
  writer_paragraph (w, "KEMENTERIAN KESEHATAN REPUBLIK INDONESIA", 13, TRUE, 70);
  writer_paragraph (w, office, 12, TRUE, 140);
  writer_paragraph (w, "Jalan Contoh Nomor 1, Telepon (021) 555-0100, laman www.contoh.go.id", 9, FALSE, 60);
  cairo_set_line_width (w->cr, 1.5);
  cairo_move_to (w->cr, MARGIN, w->y);
  cairo_line_to (w->cr, A4_WIDTH - MARGIN, w->y);
  cairo_stroke (w->cr);
  w->y += 24;
}

static const char *body[] = {
  "Dalam rangka keterbukaan informasi publik dan pelaksanaan tugas kehumasan, bersama ini kami sampaikan "
  "bahan publikasi kegiatan untuk dimuat pada laman resmi dan media sosial kantor. Bahan telah disusun "
  "berdasarkan hasil liputan dan data dukung dari tim kerja terkait.",
  "Materi publikasi memuat informasi mengenai siapa yang terlibat, apa kegiatannya, kapan dan di mana "
  "kegiatan dilaksanakan, mengapa kegiatan itu penting bagi masyarakat, serta bagaimana masyarakat dapat "
  "memperoleh layanan. Foto kegiatan dan dokumen pendukung kami lampirkan.",
  "Mohon kiranya Bapak/Ibu berkenan memeriksa dan memberikan arahan agar materi dapat segera "
  "dipublikasikan sesuai standar waktu pelayanan. Apabila terdapat koreksi, kami siap memperbaikinya "
  "pada kesempatan pertama.",
};

static void
write_nota_dinas (cairo_t    *cr,
                  const char *office,
                  const char *title)
{
  Writer w = { cr, MARGIN, 1 };
  g_autofree char *hal = g_strdup_printf ("Hal      : Permohonan publikasi “%s”", title);

  writer_letterhead (&w, office);
  writer_paragraph (&w, "NOTA DINAS", 14, TRUE, 180);
  writer_paragraph (&w, "Nomor  : ND.01.02/1/123/2026", 11, FALSE, 140);
  w.y += 8;
  writer_paragraph (&w, "Yth.     : Kepala Satuan Kerja", 11, FALSE, 0);
  writer_paragraph (&w, "Dari     : Ketua Tim Kerja Layanan Publik", 11, FALSE, 0);
  writer_paragraph (&w, hal, 11, FALSE, 0);
  writer_paragraph (&w, "Lampiran : 1 (satu) berkas kerangka acuan dan foto kegiatan", 11, FALSE, 0);
  w.y += 12;
  /* Enough text for a second page, so that the preview scrolls. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (body); i++)
      writer_paragraph (&w, body[i], 11, FALSE, 0);
  w.y += 24;
  writer_paragraph (&w, "Ketua Tim Kerja Layanan Publik,", 11, FALSE, 280);
  w.y += 40;
  writer_paragraph (&w, "Rina Kartika, S.K.M.", 11, TRUE, 280);
  cairo_show_page (cr);
}

static void
write_kerangka_acuan (cairo_t    *cr,
                      const char *office,
                      const char *title)
{
  static const char *sections[] = {
    "A. Latar Belakang", "B. Maksud dan Tujuan", "C. Sasaran", "D. Waktu dan Tempat",
    "E. Metode Pelaksanaan", "F. Anggaran", "G. Penutup",
  };
  Writer w = { cr, MARGIN, 1 };

  writer_letterhead (&w, office);
  writer_paragraph (&w, "KERANGKA ACUAN KEGIATAN", 14, TRUE, 130);
  writer_paragraph (&w, title, 12, TRUE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      writer_paragraph (&w, sections[i], 12, TRUE, 0);
      for (guint j = 0; j < G_N_ELEMENTS (body); j++)
        writer_paragraph (&w, body[(i + j) % G_N_ELEMENTS (body)], 11, FALSE, 16);
    }
  cairo_show_page (cr);
}

/* A landscape photo of an outdoor event: sky, a tent and people. */
static void
draw_photo (cairo_t *cr,
            int      width,
            int      height,
            guint    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, 0, height);

  cairo_pattern_add_color_stop_rgb (sky, 0, 0.35, 0.6, 0.9);
  cairo_pattern_add_color_stop_rgb (sky, 0.6, 0.8, 0.9, 1.0);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_pattern_destroy (sky);

  cairo_set_source_rgb (cr, 0.35, 0.6, 0.3);
  cairo_rectangle (cr, 0, height * 0.62, width, height * 0.38);
  cairo_fill (cr);

  /* The tent */
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.92);
  cairo_move_to (cr, width * 0.2, height * 0.62);
  cairo_line_to (cr, width * 0.3, height * 0.3);
  cairo_line_to (cr, width * 0.7, height * 0.3);
  cairo_line_to (cr, width * 0.8, height * 0.62);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  cairo_rectangle (cr, width * 0.3, height * 0.3, width * 0.4, height * 0.05);
  cairo_fill (cr);

  /* People */
  for (guint i = 0; i < 14; i++)
    {
      double x = g_rand_double_range (rand, 0.08, 0.92) * width;
      double y = g_rand_double_range (rand, 0.68, 0.9) * height;
      double s = height * 0.05;

      cairo_set_source_rgb (cr, g_rand_double (rand), g_rand_double (rand) * 0.6, g_rand_double (rand));
      cairo_rectangle (cr, x - s * 0.35, y - s, s * 0.7, s * 1.6);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.55, 0.4, 0.3);
      cairo_arc (cr, x, y - s * 1.3, s * 0.3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

/* What a published post looks like in a browser: the site's header, the
 * title and lines of text, a photo. Sample data only: real publications
 * keep a real screenshot of the page. */
static void
draw_page (cairo_t    *cr,
           int         width,
           int         height,
           const char *office,
           const char *title,
           guint       seed)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.3, 0.55);
  cairo_rectangle (cr, 0, 0, width, 70);
  cairo_fill (cr);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 22);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, 40, 44);
  cairo_show_text (cr, office);

  cairo_set_font_size (cr, 30);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, 40, 130);
  cairo_show_text (cr, title);

  cairo_save (cr);
  cairo_translate (cr, 40, 160);
  cairo_rectangle (cr, 0, 0, 600, 400);
  cairo_clip (cr);
  draw_photo (cr, 600, 400, seed);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  for (int y = 600; y < height - 40; y += 28)
    {
      cairo_rectangle (cr, 40, y, width - 80 - (y * 37 % 200), 12);
      cairo_fill (cr);
    }
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  return g_output_stream_write_all (closure, data, length, NULL, NULL, NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

char *
_warta_sample_write_attachment (const char  *dir,
                                const char  *kind,
                                const char  *office,
                                const char  *title,
                                guint        seed,
                                GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (g_str_equal (kind, "foto"))
    name = g_strdup_printf ("foto-kegiatan-%u.png", seed);
  else if (g_str_equal (kind, "nota-dinas"))
    name = g_strdup ("nota-dinas.pdf");
  else if (g_str_equal (kind, "dokumen-pendukung"))
    name = g_strdup ("kerangka-acuan.pdf");
  else
    name = g_strdup_printf ("%s.txt", kind);

  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  if (!(out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error)))
    return NULL;

  if (g_str_equal (kind, "foto"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 800);
      cr = cairo_create (surface);
      draw_photo (cr, 1200, 800, seed);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png_stream (surface, write_to_stream, out);
    }
  else if (g_str_has_suffix (name, ".pdf"))
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, out, A4_WIDTH, A4_HEIGHT);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 0, 0, 0);
      if (g_str_equal (kind, "nota-dinas"))
        write_nota_dinas (cr, office, title);
      else
        write_kerangka_acuan (cr, office, title);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s\n", office, title);

      surface = NULL;
      status = g_output_stream_write_all (G_OUTPUT_STREAM (out), text, strlen (text), NULL, NULL, error)
               ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
    }

  g_clear_pointer (&surface, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not write the sample file %s: %s"), path, cairo_status_to_string (status));
      return NULL;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    return NULL;
  return g_steal_pointer (&path);
}

GBytes *
_warta_sample_draw_page (const char *office,
                         const char *title,
                         guint       seed)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 1200);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  draw_page (cr, 1280, 1200, office, title, seed);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, write_to_stream, out);
  cairo_surface_destroy (surface);
  g_assert (status == CAIRO_STATUS_SUCCESS);
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}
