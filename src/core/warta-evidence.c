/* warta-evidence.c: a case read whole for its papers, and the PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "warta-evidence-private.h"
#include "warta-letterhead.h"
#include "warta-timing.h"

/* Pictures are decoded no larger than this: plenty for 300 dpi on A4. */
#define PHOTO_MAX_PIXELS 2400
/* The bukti shows the top of the page (its title and first picture):
 * at most this many times as tall as it is wide. */
#define SCREENSHOT_MAX_ASPECT 1.3

const char *
warta_document_kind_describe (WartaDocumentKind kind)
{
  switch (kind)
    {
    case WARTA_DOCUMENT_BUKTI:
      return _("Bukti Publikasi");
    case WARTA_DOCUMENT_DISPOSISI:
      return _("Lembar Disposisi");
    case WARTA_DOCUMENT_ARTIKEL:
      return _("Printed Copy of the Article");
    case WARTA_N_DOCUMENTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
warta_document_file_name (WartaDocumentKind kind,
                           gint64            case_id)
{
  static const char * const names[] = { "bukti-publikasi", "lembar-disposisi", "salinan-artikel" };

  g_return_val_if_fail (kind < WARTA_N_DOCUMENTS, NULL);

  return g_strdup_printf ("%s-berkas-%" G_GINT64_FORMAT ".pdf", names[kind], case_id);
}

/* Records */

void
warta_evidence_free (WartaEvidence *self)
{
  if (self == NULL)
    return;
  g_free (self->office);
  g_free (self->city);
  g_strfreev (self->kop_lines);
  g_clear_pointer (&self->kop_logo, cairo_surface_destroy);
  warta_case_free (self->kase);
  g_clear_object (&self->sop);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);
  warta_naskah_free (self->naskah);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  warta_publication_free (self->publication);
  g_free (self->site_name);
  g_clear_pointer (&self->published, g_ptr_array_unref);
  g_clear_pointer (&self->screenshot, cairo_surface_destroy);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_free (self->journal_hash);
  g_list_free_full (self->problems, g_free);
  g_clear_pointer (&self->screenshots, g_array_unref);
  g_free (self);
}

gint64
warta_evidence_get_case_id (const WartaEvidence *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kase->id;
}

const char *
warta_evidence_get_title (const WartaEvidence *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kase->title;
}

const char *
warta_evidence_get_link (const WartaEvidence *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->publication != NULL ? self->publication->link : NULL;
}

char *
_warta_evidence_person (const WartaEvidence *self,
                        gint64               id)
{
  WartaUser *user = g_hash_table_lookup (self->users, &id);

  if (id == 0)
    return g_strdup ("—");
  if (user == NULL)
    return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
  return g_strdup_printf ("%s (%s)", user->full_name, user->login);
}

char *
_warta_evidence_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec == 0)
    return g_strdup ("—");
  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return warta_format_date_time (time);
}

/* Gathering */

static void
add_user (WartaEvidence *self,
          WartaStore    *store,
          gint64         id)
{
  WartaUser *user;

  if (id == 0 || g_hash_table_contains (self->users, &id))
    return;
  if ((user = warta_store_get_user (store, id, NULL)) != NULL)
    g_hash_table_insert (self->users, &user->id, user);
}

/* The publication that proves the case: verified and standing, the
 * latest; else the latest the site answered for. */
static WartaPublication *
choose_publication (GPtrArray *publications)
{
  WartaPublication *best = NULL;

  for (guint i = 0; i < publications->len; i++)
    {
      WartaPublication *p = g_ptr_array_index (publications, i);
      gboolean good = warta_publication_is_verified (p) && p->withdrawn_at == 0;
      gboolean best_good = best != NULL && warta_publication_is_verified (best) && best->withdrawn_at == 0;

      if (p->link == NULL)
        continue;
      if (best == NULL || (good && !best_good) ||
          (good == best_good && p->verified_at >= best->verified_at))
        best = p;
    }
  return best;
}

static gboolean
read_rows (WartaEvidence  *self,
           WartaEngine    *engine,
           gint64          case_id,
           GError        **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(GPtrArray) publications = NULL;
  WartaPublication *chosen;

  if (!(self->kase = warta_store_get_case (store, case_id, error)) ||
      !(self->sop = warta_engine_get_sop (engine, self->kase->sop_id, self->kase->sop_version, error)) ||
      !(self->runs = warta_store_list_runs (store, case_id, error)) ||
      !(self->dispositions = warta_store_list_dispositions (store, case_id, error)) ||
      !(self->naskah = warta_store_get_naskah (store, case_id, error)) ||
      !(self->attachments = warta_store_list_attachments (store, case_id, error)) ||
      !(publications = warta_store_list_publications (store, case_id, error)) ||
      !warta_store_get_journal_head (store, &self->journal_seq, &self->journal_hash, error))
    return FALSE;

  /* Every page screenshot is the case's proof, not a picture of the
   * article's. */
  self->screenshots = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < publications->len; i++)
    {
      gint64 shot = ((WartaPublication *)g_ptr_array_index (publications, i))->screenshot_id;

      if (shot != 0)
        g_array_append_val (self->screenshots, shot);
    }

  if ((chosen = choose_publication (publications)) != NULL)
    {
      guint index = 0;

      g_ptr_array_find (publications, chosen, &index);
      self->publication = g_ptr_array_steal_index_fast (publications, index);
      if (!(self->published = warta_store_list_published_media (store, chosen->id, error)))
        return FALSE;
      if (chosen->site_id != 0)
        {
          g_autoptr(WartaSite) site = warta_store_get_site (store, chosen->site_id, NULL);

          self->site_name = site != NULL ? g_strdup (site->name) : NULL;
        }
    }

  self->office = warta_store_get_setting (store, "office_name");
  if (warta_text_is_blank (self->office))
    {
      g_free (self->office);
  g_free (self->city);
      self->office = g_strdup (warta_sop_get_header (self->sop)->office);
    }

  /* The letterhead: its lines, and its logo decoded (a logo that no
   * longer decodes is said among the problems, the lines still print). */
  {
    g_autofree char *kop = warta_store_get_setting (store, WARTA_SETTING_OFFICE_KOP);
    g_autoptr(GBytes) logo = NULL;
    g_autoptr(GError) local = NULL;

    if (!warta_text_is_blank (kop))
      self->kop_lines = g_strsplit (kop, "\n", -1);
    logo = warta_store_get_office_file (store, WARTA_OFFICE_FILE_LOGO, NULL, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    if (logo != NULL && !(self->kop_logo = warta_letterhead_decode_logo (logo, &local)))
      self->problems = g_list_append (self->problems, g_strdup (local->message));
  }

  self->city = warta_store_get_setting (store, WARTA_SETTING_OFFICE_CITY);
  if (warta_text_is_blank (self->city))
    g_clear_pointer (&self->city, g_free);

  add_user (self, store, self->kase->created_by);
  add_user (self, store, self->printed_by);
  for (guint i = 0; i < self->runs->len; i++)
    {
      WartaStepRun *run = g_ptr_array_index (self->runs, i);

      add_user (self, store, run->completed_by);
      add_user (self, store, run->assignee);
    }
  for (guint i = 0; i < self->dispositions->len; i++)
    {
      WartaDisposition *d = g_ptr_array_index (self->dispositions, i);

      add_user (self, store, d->from_user);
      add_user (self, store, d->to_user);
    }
  for (guint i = 0; i < self->attachments->len; i++)
    add_user (self, store, ((WartaAttachment *)g_ptr_array_index (self->attachments, i))->added_by);
  if (self->publication != NULL)
    add_user (self, store, self->publication->published_by);
  return TRUE;
}

static void
size_prepared (GdkPixbufLoader *loader,
               int              width,
               int              height,
               gpointer         user_data)
{
  double scale = MIN (1.0, (double)PHOTO_MAX_PIXELS / MAX (width, height));

  gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * scale)), MAX (1, (int)(height * scale)));
}

/* A pixbuf as a cairo surface, premultiplied, rows from the top; only
 * the top max_aspect × width of it when max_aspect > 0. */
cairo_surface_t *
_warta_evidence_surface_from_pixbuf (GdkPixbuf *pixbuf,
                                     double     max_aspect)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface;
  guint8 *data;
  int out_stride;

  if (max_aspect > 0)
    height = MIN (height, (int)(width * max_aspect));
  surface = cairo_image_surface_create (channels == 4 ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *in = pixels + (gsize)y * stride;
      guint32 *out = (guint32 *)(data + (gsize)y * out_stride);

      for (int x = 0; x < width; x++, in += channels)
        {
          guint alpha = channels == 4 ? in[3] : 255;
          guint r = in[0] * alpha / 255, g = in[1] * alpha / 255, b = in[2] * alpha / 255;

          out[x] = (alpha << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* An attachment's picture, read out (its SHA-256 checked) and decoded;
 * NULL with problem set when it cannot be: the papers say so and print
 * without it rather than not at all. */
static cairo_surface_t *
read_picture (WartaEngine  *engine,
              gint64        attachment_id,
              double        max_aspect,
              GError      **problem)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  gboolean closed = FALSE;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared), NULL);
  if (!warta_engine_export_attachment (engine, attachment_id, out, NULL, NULL, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error) ||
      !gdk_pixbuf_loader_write (loader,
                                g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                                &error) ||
      !(closed = TRUE, gdk_pixbuf_loader_close (loader, &error)) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      /* A loader must be closed before it goes, whatever failed first */
      if (!closed)
        gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (problem, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Attachment %lld could not be shown: %s"),
                   (long long)attachment_id, error != NULL ? error->message : _("it is not a picture"));
      return NULL;
    }
  return _warta_evidence_surface_from_pixbuf (pixbuf, max_aspect);
}

static void
read_pictures (WartaEvidence *self,
               WartaEngine   *engine)
{
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify)cairo_surface_destroy);
  if (self->publication == NULL)
    return;
  if (self->publication->screenshot_id != 0)
    {
      g_autoptr(GError) problem = NULL;

      self->screenshot = read_picture (engine, self->publication->screenshot_id, SCREENSHOT_MAX_ASPECT, &problem);
      if (problem != NULL)
        self->problems = g_list_append (self->problems, g_strdup (problem->message));
    }

  /* As the post shows them: the featured picture (the first sent) first. */
  for (guint i = 0; i < self->attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (self->attachments, i);
      gboolean sent = self->publication->site_id == 0 && warta_attachment_goes_to_site (attachment);
      cairo_surface_t *surface;

      for (guint j = 0; j < self->published->len && !sent; j++)
        sent = ((WartaPublishedMedia *)g_ptr_array_index (self->published, j))->attachment_id == attachment->id;
      for (guint j = 0; j < self->screenshots->len && sent; j++)
        sent = g_array_index (self->screenshots, gint64, j) != attachment->id;
      if (!sent || !g_str_has_prefix (attachment->content_type, "image/"))
        continue;
      {
        g_autoptr(GError) problem = NULL;

        if ((surface = read_picture (engine, attachment->id, 0, &problem)) != NULL)
          g_ptr_array_add (self->photos, surface);
        else
          self->problems = g_list_append (self->problems, g_strdup (problem->message));
      }
    }
}

WartaEvidence *
warta_evidence_gather (WartaEngine  *engine,
                       gint64        actor,
                       gint64        case_id,
                       GError      **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaEvidence) self = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (engine), NULL);

  self = g_new0 (WartaEvidence, 1);
  self->users = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)warta_user_free);
  self->printed_by = actor;
  self->printed_at = warta_engine_now (engine);

  /* The rows in one read transaction, so the papers hold one moment;
   * the pictures after, each read checks its own SHA-256. A snapshot:
   * it ends with a rollback and announces nothing. */
  if (!(snapshot = warta_store_snapshot (warta_engine_get_store (engine), error)) ||
      !warta_engine_may_print (engine, actor, case_id, error) ||
      !read_rows (self, engine, case_id, error))
    return NULL;
  g_clear_pointer (&snapshot, warta_transaction_end);

  read_pictures (self, engine);
  return g_steal_pointer (&self);
}

/* Output */

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  gpointer *state = closure;  /* { stream, cancellable, GError ** } */
  GError **error = state[2];

  if (*error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (state[0], data, length, NULL, state[1], error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
warta_document_write_pdf (WartaDocument  *document,
                          GOutputStream  *out,
                          double          paper_width,
                          double          paper_height,
                          double          margin_left,
                          double          margin_top,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer state[3] = { out, cancellable, &local_error };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, state, paper_width, paper_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Warta");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  warta_document_kind_describe (warta_document_get_kind (document)));
  cr = cairo_create (surface);
  for (int i = 0; i < warta_document_get_n_pages (document) && local_error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      cairo_save (cr);
      cairo_translate (cr, margin_left, margin_top);
      warta_document_draw_page (document, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

GBytes *
warta_evidence_render_pdf (const WartaEvidence  *evidence,
                           WartaDocumentKind     kind,
                           GError              **error)
{
  g_autoptr(WartaDocument) document = NULL;
  g_autoptr(GOutputStream) out = NULL;

  g_return_val_if_fail (evidence != NULL, NULL);

  document = warta_document_new (evidence, kind,
                                 WARTA_A4_WIDTH_PT - 2 * WARTA_DEFAULT_MARGIN_PT,
                                 WARTA_A4_HEIGHT_PT - 2 * WARTA_DEFAULT_MARGIN_PT);
  out = g_memory_output_stream_new_resizable ();
  if (!warta_document_write_pdf (document, out, WARTA_A4_WIDTH_PT, WARTA_A4_HEIGHT_PT,
                                 WARTA_DEFAULT_MARGIN_PT, WARTA_DEFAULT_MARGIN_PT, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}
