/* warta-pdf-pages.c: a PDF's pages one under the other, scrollable
 *
 * A GtkScrollable: it lays out every page from the sizes the document's
 * worker read (so scrolling never waits for poppler; until it has read
 * them all, the pages take the first one's size), draws only the
 * pages on screen, and asks the document's worker for those pages first
 * and for their neighbours after. A page without its texture yet is a
 * blank sheet of the right size; one rendered at another zoom is drawn
 * stretched until the new one comes.
 *
 * Zoom keeps in place what is under the pointer (ctrl+scroll, pinch) or
 * at the top of the view (buttons, resizing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "warta-pdf-pages-private.h"

G_DEFINE_ENUM_TYPE (WartaPdfZoomMode, warta_pdf_zoom_mode,
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_ZOOM_FIT_WIDTH, "fit-width"),
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_ZOOM_FIT_PAGE, "fit-page"),
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_ZOOM_FREE, "free"))

static void warta_pdf_pages_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WartaPdfPages, warta_pdf_pages, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, warta_pdf_pages_scrollable_init))

enum {
  PROP_0,
  PROP_CURRENT_PAGE,
  PROP_ZOOM,
  PROP_ZOOM_MODE,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void
warta_pdf_pages_scrollable_init (GtkScrollableInterface *iface)
{
}

void
_warta_pdf_pages_notify_zoom_mode (WartaPdfPages *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_MODE]);
}

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

/* Where a page starts across, in the document's pixels: centred. */
static double
page_x (WartaPdfPages *self,
        guint          page)
{
  int width = MAX (self->content_width, gtk_widget_get_width (GTK_WIDGET (self)));

  return floor ((width - self->page_w[page]) / 2.0);
}

/* The pages that show, or FALSE when none does. */
static gboolean
compute_visible (WartaPdfPages *self,
                 guint         *first,
                 guint         *last)
{
  double top = adjustment_value (self->vadjustment);
  double bottom = top + gtk_widget_get_height (GTK_WIDGET (self));
  guint lo = 0, hi;

  if (!self->laid_out || self->n_pages == 0)
    return FALSE;

  /* The first page that ends below the top. */
  hi = self->n_pages;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->page_y[mid] + self->page_h[mid] <= top)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == self->n_pages)
    lo = self->n_pages - 1;

  *first = lo;
  *last = lo;
  while (*last + 1 < self->n_pages && self->page_y[*last + 1] < bottom)
    (*last)++;
  return TRUE;
}

static void
update_current_page (WartaPdfPages *self)
{
  double top = adjustment_value (self->vadjustment);
  double bottom = top + gtk_widget_get_height (GTK_WIDGET (self));
  guint first, last, best;
  double best_height = -1;

  if (!compute_visible (self, &first, &last))
    return;

  /* The page that takes most of the view. */
  best = first;
  for (guint i = first; i <= last; i++)
    {
      double shown = MIN (bottom, self->page_y[i] + self->page_h[i]) - MAX (top, self->page_y[i]);

      if (shown > best_height + 0.5)
        {
          best = i;
          best_height = shown;
        }
    }

  if (best != self->current_page)
    {
      self->current_page = best;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
    }
}

/* Pages on screen first, then the ones next to them, below before above
 * as reading goes down. */
static void
update_requests (WartaPdfPages *self)
{
  double scale;
  guint first, last;

  if (self->document == NULL || !compute_visible (self, &first, &last))
    return;

  scale = self->scale * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  warta_pdf_document_set_visible (self->document, FALSE, first, last);
  for (guint i = first; i <= last; i++)
    warta_pdf_document_request (self->document, i, scale, WARTA_PDF_PRIORITY_VISIBLE);
  for (guint d = 1; d <= WARTA_PDF_DOCUMENT_PRELOAD_PAGES; d++)
    {
      if (last + d < self->n_pages)
        warta_pdf_document_request (self->document, last + d, scale, WARTA_PDF_PRIORITY_PRELOAD);
      if (first >= d)
        warta_pdf_document_request (self->document, first - d, scale, WARTA_PDF_PRIORITY_PRELOAD);
    }
}

static void
adjustment_value_changed_cb (GtkAdjustment *adjustment,
                             WartaPdfPages *self)
{
  if (!self->scrolling)
    update_current_page (self);
  update_requests (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (WartaPdfPages  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == *slot && adjustment != NULL)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Remembers which point of which page is at (vx, vy) of the view, to
 * put it there again after the next layout. */
void
_warta_pdf_pages_set_anchor (WartaPdfPages *self,
                             double         vx,
                             double         vy)
{
  double x = adjustment_value (self->hadjustment) + vx;
  double y = adjustment_value (self->vadjustment) + vy;
  guint page = 0;

  if (!self->laid_out || self->n_pages == 0)
    return;

  while (page + 1 < self->n_pages && y >= self->page_y[page] + self->page_h[page] + SPACING)
    page++;

  self->has_anchor = TRUE;
  self->has_pending_page = FALSE;
  self->anchor_page = page;
  self->anchor_fx = (x - page_x (self, page)) / self->page_w[page];
  self->anchor_fy = (y - self->page_y[page]) / self->page_h[page];
  self->anchor_vx = vx;
  self->anchor_vy = vy;
}

static gboolean
notify_zoom_cb (gpointer user_data)
{
  WartaPdfPages *self = user_data;

  self->notify_zoom_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

static double
set_scale (WartaPdfPages *self,
           double         scale)
{
  if (scale != self->scale)
    {
      self->scale = scale;
      /* Whatever is queued is at the old zoom now. */
      warta_pdf_document_cancel_renders (self->document, FALSE);
      /* Told after this layout: a label showing the zoom would want to be
       * laid out again in the middle of it. */
      if (self->notify_zoom_id == 0)
        self->notify_zoom_id = g_idle_add_full (G_PRIORITY_DEFAULT, notify_zoom_cb, self, NULL);
    }
  return scale;
}

static void
relayout (WartaPdfPages *self,
          int            width,
          int            height)
{
  double scale = set_scale (self, _warta_pdf_pages_compute_scale (self, width, height));
  int y = MARGIN;

  self->content_width = 0;
  for (guint i = 0; i < self->n_pages; i++)
    {
      double page_width, page_height;

      warta_pdf_document_get_page_size (self->document, i, &page_width, &page_height);
      self->page_w[i] = MAX (1, (int) round (page_width * scale));
      self->page_h[i] = MAX (1, (int) round (page_height * scale));
      self->page_y[i] = y;
      y += self->page_h[i] + SPACING;
      self->content_width = MAX (self->content_width, self->page_w[i]);
    }
  self->content_width += 2 * MARGIN;
  self->content_height = y - SPACING + MARGIN;
  /* As measured: a page a pixel wider by rounding scrolls nothing. */
  if (self->zoom_mode != WARTA_PDF_ZOOM_FREE)
    self->content_width = MIN (self->content_width, width);
  if (self->zoom_mode == WARTA_PDF_ZOOM_FIT_PAGE && self->n_pages == 1)
    self->content_height = MIN (self->content_height, height);
  self->laid_out = TRUE;
}

static void
warta_pdf_pages_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  WartaPdfPages *self = WARTA_PDF_PAGES (widget);
  double x = adjustment_value (self->hadjustment);
  double y = adjustment_value (self->vadjustment);

  if (self->document == NULL || self->n_pages == 0)
    {
      self->scrolling = TRUE;
      gtk_adjustment_configure (self->hadjustment, 0, 0, width, 0, 0, width);
      gtk_adjustment_configure (self->vadjustment, 0, 0, height, 0, 0, height);
      self->scrolling = FALSE;
      return;
    }

  /* A new width moves every page under a fitting zoom: keep the top of
   * the view where it was. */
  if (!self->has_anchor && !self->has_pending_page)
    _warta_pdf_pages_set_anchor (self, 0, 0);

  relayout (self, width, height);

  if (self->has_pending_page)
    {
      y = self->page_y[self->current_page] - MARGIN;
    }
  else if (self->has_anchor)
    {
      guint page = self->anchor_page;

      x = page_x (self, page) + self->anchor_fx * self->page_w[page] - self->anchor_vx;
      y = self->page_y[page] + self->anchor_fy * self->page_h[page] - self->anchor_vy;
    }
  self->has_anchor = FALSE;
  self->has_pending_page = FALSE;
  self->needs_layout = FALSE;

  self->scrolling = TRUE;
  gtk_adjustment_configure (self->hadjustment, x, 0, MAX (self->content_width, width),
                            width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment, y, 0, MAX (self->content_height, height),
                            height * 0.1, height * 0.9, height);
  self->scrolling = FALSE;

  update_requests (self);
}

/* The height of every page one under the other at @scale. */
static int
content_height_at (WartaPdfPages *self,
                   double         scale)
{
  int height = MARGIN;

  for (guint i = 0; i < self->n_pages; i++)
    {
      double page_height;

      warta_pdf_document_get_page_size (self->document, i, NULL, &page_height);
      height += MAX (1, (int) round (page_height * scale)) + SPACING;
    }
  return height - SPACING + MARGIN;
}

/* The size the layout will take, so that GtkScrolledWindow shows a
 * scrollbar exactly when the adjustments will need one: a scrollbar that
 * came or went only once the adjustments are set would lay the window out
 * again in the middle of its layout. */
static void
warta_pdf_pages_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  WartaPdfPages *self = WARTA_PDF_PAGES (widget);
  double max_width = 1;
  int size = 0;

  if (self->document != NULL && self->n_pages > 0)
    {
      warta_pdf_document_get_max_size (self->document, &max_width, NULL);
      max_width = MAX (max_width, 1);

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Fitting zooms fit any width. */
          if (self->zoom_mode == WARTA_PDF_ZOOM_FREE)
            size = (int) round (max_width * self->free_scale) + 2 * MARGIN;
        }
      else if (self->zoom_mode == WARTA_PDF_ZOOM_FREE)
        size = content_height_at (self, self->free_scale);
      else if (for_size >= 0 && (self->zoom_mode == WARTA_PDF_ZOOM_FIT_WIDTH || self->n_pages > 1))
        {
          /* Fit page: two pages or more never fit in the height, and when
           * they would at the width's scale, that is the scale; one page
           * always fits. */
          size = content_height_at (self, CLAMP ((for_size - 2 * MARGIN) / max_width,
                                                 MIN_SCALE, WARTA_PDF_ZOOM_MAX * PX_PER_PT));
        }
    }

  *minimum = *natural = size;
}

/* The colours of found text: amber for every match, orange for the one
 * the find is at, as document viewers do. */
static const GdkRGBA match_color = { 1.0, 0.76, 0.03, 0.35 };
static const GdkRGBA current_color = { 1.0, 0.43, 0.0, 0.5 };
static const GdkRGBA current_border = { 0.85, 0.30, 0.0, 1.0 };
static const GdkRGBA shadow_color = { 0, 0, 0, 0.3 };
static const GdkRGBA paper_color = { 1, 1, 1, 1 };
static const GdkRGBA failed_color = { 0.88, 0.88, 0.88, 1 };

static guint
first_match_of_page (WartaPdfPages *self,
                     guint          page)
{
  guint lo = 0, hi = self->matches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->matches, WartaPdfMatch, mid).page < page)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
snapshot_matches (WartaPdfPages         *self,
                  GtkSnapshot           *snapshot,
                  guint                  page,
                  const graphene_rect_t *page_rect)
{
  if (self->matches == NULL)
    return;

  for (guint i = first_match_of_page (self, page); i < self->matches->len; i++)
    {
      const WartaPdfMatch *match = &g_array_index (self->matches, WartaPdfMatch, i);
      graphene_rect_t rect;

      if (match->page != page)
        break;

      /* A little wider than the glyphs, so that the text stays legible. */
      rect = GRAPHENE_RECT_INIT (page_rect->origin.x + match->rect.x1 * self->scale - 1,
                                 page_rect->origin.y + match->rect.y1 * self->scale - 1,
                                 (match->rect.x2 - match->rect.x1) * self->scale + 2,
                                 (match->rect.y2 - match->rect.y1) * self->scale + 2);
      if ((int) i == self->current_match)
        {
          GskRoundedRect outline;

          gsk_rounded_rect_init_from_rect (&outline, &rect, 2);
          gtk_snapshot_append_color (snapshot, &current_color, &rect);
          gtk_snapshot_append_border (snapshot, &outline,
                                      (float[4]) { 1, 1, 1, 1 },
                                      (GdkRGBA[4]) { current_border, current_border, current_border, current_border });
        }
      else
        gtk_snapshot_append_color (snapshot, &match_color, &rect);
    }
}

static void
warta_pdf_pages_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  WartaPdfPages *self = WARTA_PDF_PAGES (widget);
  int scale_factor = gtk_widget_get_scale_factor (widget);
  double x0 = adjustment_value (self->hadjustment);
  double y0 = adjustment_value (self->vadjustment);
  guint first, last;

  if (self->document == NULL || !compute_visible (self, &first, &last))
    return;

  for (guint i = first; i <= last; i++)
    {
      graphene_rect_t rect = GRAPHENE_RECT_INIT (page_x (self, i) - x0, self->page_y[i] - y0,
                                                 self->page_w[i], self->page_h[i]);
      GskRoundedRect outline;
      GdkTexture *texture;
      double texture_scale = 0;

      gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow_color, 0, 1, 0, 3);

      texture = warta_pdf_document_lookup (self->document, i, FALSE, &texture_scale);
      if (texture != NULL)
        {
          int width = gdk_texture_get_width (texture);
          int height = gdk_texture_get_height (texture);

          gtk_snapshot_append_color (snapshot, &paper_color, &rect);
          if (abs (width - self->page_w[i] * scale_factor) <= 1 && abs (height - self->page_h[i] * scale_factor) <= 1)
            {
              /* At its own size, pixel for pixel, so the text is sharp. */
              gtk_snapshot_push_clip (snapshot, &rect);
              gtk_snapshot_append_texture (snapshot, texture,
                                           &GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y,
                                                                (float) width / scale_factor,
                                                                (float) height / scale_factor));
              gtk_snapshot_pop (snapshot);
            }
          else
            gtk_snapshot_append_texture (snapshot, texture, &rect);
        }
      else if (warta_pdf_document_has_page (self->document, i, FALSE, texture_scale) && texture_scale > 0)
        gtk_snapshot_append_color (snapshot, &failed_color, &rect);
      else
        gtk_snapshot_append_color (snapshot, &paper_color, &rect);

      snapshot_matches (self, snapshot, i, &rect);
    }
}

/* Sharper textures for a HiDPI monitor, or smaller ones. */
static void
scale_factor_changed_cb (WartaPdfPages *self)
{
  update_requests (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
page_rendered_cb (WartaPdfDocument *document,
                  guint             page,
                  gboolean          thumbnail,
                  WartaPdfPages    *self)
{
  guint first, last;

  if (!thumbnail && compute_visible (self, &first, &last) && page >= first && page <= last)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The pages after the first had its size until now: laid out again, the
 * top of the view stays where it was. */
static void
sizes_changed_cb (WartaPdfDocument *document,
                  WartaPdfPages    *self)
{
  if (self->laid_out && !self->has_anchor && !self->has_pending_page)
    _warta_pdf_pages_set_anchor (self, 0, 0);
  self->needs_layout = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Asks for the first page now, at the scale the next layout will give
 * it, rather than from that layout, which waits for the next frame (the
 * worker may have drawn it at that scale already, as it opened the
 * document). A wrong guess costs a render: the layout asks again. */
static void
request_first_page (WartaPdfPages *self)
{
  int width, height;
  double scale;

  if (!_warta_pdf_pages_get_coming_size (self, &width, &height))
    return;

  scale = set_scale (self, _warta_pdf_pages_compute_scale (self, width, height));
  warta_pdf_document_set_visible (self->document, FALSE, 0, 0);
  warta_pdf_document_request (self->document, 0, scale * gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                              WARTA_PDF_PRIORITY_VISIBLE);
}

/* GObject */

static void
warta_pdf_pages_dispose (GObject *object)
{
  WartaPdfPages *self = (WartaPdfPages *)object;

  warta_pdf_pages_set_document (self, NULL);
  g_clear_handle_id (&self->notify_zoom_id, g_source_remove);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (warta_pdf_pages_parent_class)->dispose (object);
}

static void
warta_pdf_pages_finalize (GObject *object)
{
  WartaPdfPages *self = (WartaPdfPages *)object;

  g_free (self->page_y);
  g_free (self->page_w);
  g_free (self->page_h);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (warta_pdf_pages_parent_class)->finalize (object);
}

static void
warta_pdf_pages_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WartaPdfPages *self = WARTA_PDF_PAGES (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      g_value_set_uint (value, self->current_page);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, _warta_pdf_pages_get_current_zoom (self));
      break;

    case PROP_ZOOM_MODE:
      g_value_set_enum (value, self->zoom_mode);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_pdf_pages_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WartaPdfPages *self = WARTA_PDF_PAGES (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      warta_pdf_pages_set_current_page (self, g_value_get_uint (value));
      break;

    case PROP_ZOOM:
      warta_pdf_pages_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_ZOOM_MODE:
      warta_pdf_pages_set_zoom_mode (self, g_value_get_enum (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_pdf_pages_class_init (WartaPdfPagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_pdf_pages_dispose;
  object_class->finalize = warta_pdf_pages_finalize;
  object_class->get_property = warta_pdf_pages_get_property;
  object_class->set_property = warta_pdf_pages_set_property;

  widget_class->measure = warta_pdf_pages_measure;
  widget_class->size_allocate = warta_pdf_pages_size_allocate;
  widget_class->snapshot = warta_pdf_pages_snapshot;

  properties[PROP_CURRENT_PAGE] =
    g_param_spec_uint ("current-page", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0, WARTA_PDF_ZOOM_MAX, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM_MODE] =
    g_param_spec_enum ("zoom-mode", NULL, NULL,
                       WARTA_TYPE_PDF_ZOOM_MODE, WARTA_PDF_ZOOM_FIT_WIDTH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  _warta_pdf_pages_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "pdfpages");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
warta_pdf_pages_init (WartaPdfPages *self)
{
  self->zoom_mode = WARTA_PDF_ZOOM_FIT_WIDTH;
  self->free_scale = PX_PER_PT;
  self->scale = PX_PER_PT;
  self->current_match = -1;

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "pdf-pages");
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  _warta_pdf_pages_init_input (self);
}

GtkWidget *
warta_pdf_pages_new (void)
{
  return g_object_new (WARTA_TYPE_PDF_PAGES, NULL);
}

/* Shows a loaded document from its first page, or nothing. */
void
warta_pdf_pages_set_document (WartaPdfPages    *self,
                              WartaPdfDocument *document)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));
  g_return_if_fail (document == NULL || warta_pdf_document_is_loaded (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->rendered_id, self->document);
      g_clear_signal_handler (&self->sizes_id, self->document);
    }
  g_set_object (&self->document, document);

  self->n_pages = document != NULL ? warta_pdf_document_get_n_pages (document) : 0;
  self->page_y = g_renew (int, self->page_y, self->n_pages);
  self->page_w = g_renew (int, self->page_w, self->n_pages);
  self->page_h = g_renew (int, self->page_h, self->n_pages);
  self->laid_out = FALSE;
  self->has_anchor = FALSE;
  self->has_pending_page = TRUE;
  self->current_page = 0;
  g_clear_pointer (&self->matches, g_array_unref);
  self->current_match = -1;

  self->needs_layout = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  if (document != NULL)
    {
      self->rendered_id = g_signal_connect (document, "page-rendered", G_CALLBACK (page_rendered_cb), self);
      self->sizes_id = g_signal_connect (document, "sizes-changed", G_CALLBACK (sizes_changed_cb), self);
      if (self->n_pages > 0)
        request_first_page (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
}

WartaPdfDocument *
warta_pdf_pages_get_document (WartaPdfPages *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), NULL);
  return self->document;
}

guint
warta_pdf_pages_get_current_page (WartaPdfPages *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), 0);
  return self->current_page;
}

/* Scrolls the page's top to the top of the view (as far as the end of the
 * document lets it) and makes it the current page. */
void
warta_pdf_pages_set_current_page (WartaPdfPages *self,
                                  guint          page)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));

  if (self->n_pages == 0)
    return;
  page = MIN (page, self->n_pages - 1);

  self->has_anchor = FALSE;
  if (self->laid_out && !self->needs_layout)
    {
      self->scrolling = TRUE;
      gtk_adjustment_set_value (self->vadjustment, self->page_y[page] - MARGIN);
      self->scrolling = FALSE;
    }
  else
    self->has_pending_page = TRUE;

  if (self->current_page != page)
    {
      self->current_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
    }
}

/* Where a page is drawn, in the widget's coordinates, as last laid out. */
gboolean
warta_pdf_pages_get_page_rect (WartaPdfPages   *self,
                               guint            page,
                               graphene_rect_t *rect)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), FALSE);

  if (!self->laid_out || page >= self->n_pages)
    return FALSE;

  graphene_rect_init (rect,
                      page_x (self, page) - adjustment_value (self->hadjustment),
                      self->page_y[page] - adjustment_value (self->vadjustment),
                      self->page_w[page], self->page_h[page]);
  return TRUE;
}

gboolean
warta_pdf_pages_get_visible_pages (WartaPdfPages *self,
                                   guint         *first,
                                   guint         *last)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), FALSE);
  return compute_visible (self, first, last);
}

/* Whether the page's texture at the zoom shown has come. */
gboolean
warta_pdf_pages_is_page_rendered (WartaPdfPages *self,
                                  guint          page)
{
  g_return_val_if_fail (WARTA_IS_PDF_PAGES (self), FALSE);

  return self->document != NULL && self->laid_out &&
         warta_pdf_document_has_page (self->document, page, FALSE,
                                      self->scale * gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* The matches to highlight (WartaPdfMatch in page order, or NULL), and
 * the index of the one to stand out, or -1. */
void
warta_pdf_pages_set_matches (WartaPdfPages *self,
                             GArray        *matches,
                             int            current)
{
  g_return_if_fail (WARTA_IS_PDF_PAGES (self));

  if (matches != self->matches)
    {
      g_clear_pointer (&self->matches, g_array_unref);
      self->matches = matches != NULL ? g_array_ref (matches) : NULL;
    }
  self->current_match = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Brings the match into view, in the middle unless it shows already, and
 * makes its page the current one. */
void
warta_pdf_pages_scroll_to_match (WartaPdfPages *self,
                                 guint          index)
{
  const WartaPdfMatch *match;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double x, y, top, left;

  g_return_if_fail (WARTA_IS_PDF_PAGES (self));
  g_return_if_fail (self->matches != NULL && index < self->matches->len);

  match = &g_array_index (self->matches, WartaPdfMatch, index);
  if (!self->laid_out || self->needs_layout)
    {
      warta_pdf_pages_set_current_page (self, match->page);
      return;
    }

  x = page_x (self, match->page) + match->rect.x1 * self->scale;
  y = self->page_y[match->page] + match->rect.y1 * self->scale;
  top = adjustment_value (self->vadjustment);
  left = adjustment_value (self->hadjustment);

  self->scrolling = TRUE;
  if (y < top || y + (match->rect.y2 - match->rect.y1) * self->scale > top + height)
    gtk_adjustment_set_value (self->vadjustment, y - height / 2);
  if (x < left || x + (match->rect.x2 - match->rect.x1) * self->scale > left + width)
    gtk_adjustment_set_value (self->hadjustment, x - width / 2);
  self->scrolling = FALSE;

  if (self->current_page != match->page)
    {
      self->current_page = match->page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
    }
}
