/* warta-letterhead.c: the office's letterhead (kop surat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "warta-evidence-private.h"
#include "warta-letterhead.h"

#define LOGO_HEIGHT 62.0      /* about 22 mm, as printed letterheads have it */
#define LOGO_MAX_WIDTH 86.0
#define LOGO_GAP 10.0
#define RULE_GAP 5.0          /* between the lines and the double rule */
#define RULE_THICK 2.2
#define RULE_SPACE 1.4
#define RULE_THIN 0.7
#define LOGO_MAX_PIXELS 600

struct _WartaLetterhead
{
  GStrv            lines;
  cairo_surface_t *logo;
  /* Laid out */
  GPtrArray       *layouts;    /* PangoLayout, one a line */
  double           width;
  double           logo_width;
  double           logo_height;
  double           text_x;
  double           text_y;
  double           text_height;
  double           rule_y;
  double           height;
};

WartaLetterhead *
warta_letterhead_new (const char * const *lines,
                      cairo_surface_t    *logo)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  WartaLetterhead *self;
  guint n = 0;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (*line != '\0')
        {
          g_strv_builder_add (kept, line);
          n++;
        }
    }
  if (n == 0 && logo == NULL)
    return NULL;

  self = g_new0 (WartaLetterhead, 1);
  self->lines = g_strv_builder_end (kept);
  self->logo = logo != NULL ? cairo_surface_reference (logo) : NULL;
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
warta_letterhead_free (WartaLetterhead *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->lines);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_ptr_array_unref (self->layouts);
  g_free (self);
}

static gboolean
is_upper (const char *line)
{
  g_autofree char *upper = g_utf8_strup (line, -1);
  gboolean letters = FALSE;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    letters = letters || g_unichar_isalpha (g_utf8_get_char (p));
  return letters && g_strcmp0 (upper, line) == 0;
}

static PangoContext *
paper_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

double
warta_letterhead_layout (WartaLetterhead *self,
                         PangoContext    *context,
                         double           width)
{
  g_autoptr(GObject) own = NULL;
  guint n = g_strv_length (self->lines);
  guint n_bold = 0;
  double text_width, y = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (context == NULL)
    {
      context = paper_context ();
      own = G_OBJECT (context);
    }
  self->width = width;
  g_ptr_array_set_size (self->layouts, 0);

  /* The leading upper-case lines are the heading (ministry … office);
   * without any, the first line is. */
  while (n_bold < n && is_upper (self->lines[n_bold]))
    n_bold++;
  if (n_bold == 0 && n > 0)
    n_bold = 1;

  self->logo_width = self->logo_height = 0;
  if (self->logo != NULL)
    {
      double w = cairo_image_surface_get_width (self->logo);
      double h = cairo_image_surface_get_height (self->logo);

      if (w >= 1 && h >= 1)
        {
          self->logo_height = LOGO_HEIGHT;
          self->logo_width = LOGO_HEIGHT * w / h;
          if (self->logo_width > LOGO_MAX_WIDTH)
            {
              self->logo_width = LOGO_MAX_WIDTH;
              self->logo_height = LOGO_MAX_WIDTH * h / w;
            }
        }
    }

  /* Centred on the page, clear of the logo on both sides. */
  self->text_x = self->logo_width > 0 ? self->logo_width + LOGO_GAP : 0;
  text_width = MAX (width - 2 * self->text_x, 40.0);
  for (guint i = 0; i < n; i++)
    {
      PangoLayout *layout = pango_layout_new (context);
      PangoFontDescription *font;
      const char *name;
      double size, least;
      int h;

      if (i + 1 == n_bold && n_bold > 1)
        name = "Sans Bold 13";
      else if (i < n_bold)
        name = n_bold == 1 ? "Sans Bold 13" : "Sans Bold 11";
      else
        name = "Sans 8.5";
      font = pango_font_description_from_string (name);
      pango_layout_set_width (layout, (int)(text_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, self->lines[i], -1);

      /* A letterhead's line stays one line: a long one is set smaller,
       * down to two thirds of its size, before it wraps. */
      size = (double)pango_font_description_get_size (font) / PANGO_SCALE;
      least = size * 2 / 3;
      for (;;)
        {
          pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
          pango_layout_set_font_description (layout, font);
          if (pango_layout_get_line_count (layout) <= 1 || size - 0.25 < least)
            break;
          size -= 0.25;
        }
      pango_font_description_free (font);
      pango_layout_get_size (layout, NULL, &h);
      y += (double)h / PANGO_SCALE;
      g_ptr_array_add (self->layouts, layout);
    }
  self->text_height = y;

  /* The lines sit level with the logo's middle. */
  self->text_y = MAX (0, (self->logo_height - self->text_height) / 2);
  self->rule_y = MAX (self->logo_height, self->text_y + self->text_height) + RULE_GAP;
  self->height = self->rule_y + RULE_THICK + RULE_SPACE + RULE_THIN;
  return self->height;
}

void
warta_letterhead_draw (WartaLetterhead *self,
                       cairo_t         *cr)
{
  double y;

  g_return_if_fail (self != NULL);

  cairo_save (cr);
  if (self->logo != NULL && self->logo_width > 0)
    {
      double scale = self->logo_width / cairo_image_surface_get_width (self->logo);

      cairo_save (cr);
      cairo_translate (cr, 0, MAX (0, (self->rule_y - RULE_GAP - self->logo_height) / 2));
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->logo, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = self->text_y;
  for (guint i = 0; i < self->layouts->len; i++)
    {
      PangoLayout *layout = g_ptr_array_index (self->layouts, i);
      int h;

      cairo_move_to (cr, self->text_x, y);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_size (layout, NULL, &h);
      y += (double)h / PANGO_SCALE;
    }

  /* The double rule: thick over thin, the width of the page. */
  cairo_set_line_width (cr, RULE_THICK);
  cairo_move_to (cr, 0, self->rule_y + RULE_THICK / 2);
  cairo_line_to (cr, self->width, self->rule_y + RULE_THICK / 2);
  cairo_stroke (cr);
  cairo_set_line_width (cr, RULE_THIN);
  cairo_move_to (cr, 0, self->rule_y + RULE_THICK + RULE_SPACE + RULE_THIN / 2);
  cairo_line_to (cr, self->width, self->rule_y + RULE_THICK + RULE_SPACE + RULE_THIN / 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
size_prepared (GdkPixbufLoader *loader,
               int              width,
               int              height,
               gpointer         user_data)
{
  double scale = MIN (1.0, (double)LOGO_MAX_PIXELS / MAX (1, MAX (width, height)));

  gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * scale)), MAX (1, (int)(height * scale)));
}

cairo_surface_t *
warta_letterhead_decode_logo (GBytes  *bytes,
                              GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local = NULL;
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (bytes != NULL, NULL);

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local))
    gdk_pixbuf_loader_close (loader, NULL);
  else if (gdk_pixbuf_loader_close (loader, &local) && (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) != NULL)
    return _warta_evidence_surface_from_pixbuf (pixbuf, 0);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The logo could not be read as a picture (%s): choose a PNG or JPEG file"),
               local != NULL ? local->message : _("no picture in it"));
  return NULL;
}
