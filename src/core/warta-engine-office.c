/* warta-engine-office.c: the office kept in the app
 *
 * What an administrator does to the office itself rather than to a
 * berkas: retiring and restoring SOPs, exporting one as its file, seeing
 * which lanes no one can work, and the office's profile with its
 * letterhead (kop surat). Each change is one transaction with its journal
 * event; the logo goes in the journal by its SHA-256, never its bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-sha256.h"

#define LOGO_MAX_BYTES (1024 * 1024)
#define LOGO_CHECK_PIXELS 256   /* a JPEG is decoded this small: it proves the file, not its looks */
#define LOGO_MAX_PIXELS 4096
#define NAME_MAX_CHARS 200
#define ADDRESS_MAX_CHARS 500
#define KOP_MAX_LINES 8
#define KOP_LINE_MAX_CHARS 150

/* SOPs */

gboolean
_warta_engine_check_sop_active (WartaEngine  *self,
                                WartaSop     *sop,
                                GError      **error)
{
  int retired = warta_store_is_sop_retired (self->store, warta_sop_get_id (sop), error);

  if (retired < 0)
    return FALSE;
  if (retired > 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE,
                   _("The SOP “%s” is retired: it starts no new berkas. An administrator can restore it "
                     "or import a new version of it; berkas already running finish as before"),
                   warta_sop_get_name (sop));
      return FALSE;
    }
  return TRUE;
}

gboolean
_warta_engine_restore_imported_sop (WartaEngine  *self,
                                    gint64        actor,
                                    const char   *sop_id,
                                    int           version,
                                    GError      **error)
{
  g_autofree char *payload = NULL;
  g_autofree char *version_str = NULL;
  int retired = warta_store_is_sop_retired (self->store, sop_id, error);

  if (retired <= 0)
    return retired == 0;

  version_str = g_strdup_printf ("%d", version);
  payload = _warta_engine_payload_new ("sop", sop_id, "version", version_str, "by", "import", NULL);
  return warta_store_set_sop_retired (self->store, sop_id, FALSE, 0, 0, error) &&
         warta_journal_append (self->store, warta_engine_now (self), actor, 0, "sop.restore", payload, error);
}

gboolean
warta_engine_set_sop_retired (WartaEngine  *self,
                              gint64        actor,
                              const char   *sop_id,
                              gboolean      retired,
                              GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autofree char *payload = NULL;
  gint64 now;
  int latest, was;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (sop_id != NULL, FALSE);

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !_warta_engine_check_admin (self, actor, error) ||
      (latest = warta_store_get_latest_sop (self->store, sop_id, NULL, error)) < 0)
    return FALSE;
  if (latest == 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("There is no SOP “%s”: see the list of SOPs for its id"), sop_id);
      return FALSE;
    }
  if ((was = warta_store_is_sop_retired (self->store, sop_id, error)) < 0)
    return FALSE;
  /* Already so: nothing changes, nothing to journal. */
  if ((was != 0) == (retired != FALSE))
    return TRUE;

  now = warta_engine_now (self);
  payload = _warta_engine_payload_new ("sop", sop_id, NULL);
  return warta_store_set_sop_retired (self->store, sop_id, retired, now, actor, error) &&
         warta_journal_append (self->store, now, actor, 0, retired ? "sop.retire" : "sop.restore", payload, error) &&
         warta_transaction_commit (tx, error);
}

GBytes *
warta_engine_export_sop (WartaEngine  *self,
                         const char   *sop_id,
                         int           version,
                         GError      **error)
{
  char *source;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);
  g_return_val_if_fail (sop_id != NULL, NULL);

  if (!(source = warta_store_get_sop_source (self->store, sop_id, MAX (version, 0), NULL, error)))
    return NULL;
  return g_bytes_new_take (source, strlen (source));
}

GStrv
warta_engine_list_unstaffed_lanes (WartaEngine  *self,
                                   const char   *sop_id,
                                   int           version,
                                   GError      **error)
{
  g_autoptr(GStrvBuilder) lanes = g_strv_builder_new ();
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaSop) sop = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);
  g_return_val_if_fail (sop_id != NULL, NULL);

  if (!(sop = warta_engine_get_sop (self, sop_id, MAX (version, 0), error)) ||
      !(tx = warta_store_snapshot (self->store, error)))
    return NULL;

  for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
    {
      const WartaSopLane *lane = warta_sop_get_lane (sop, i);
      gint64 n = warta_store_count_active_holders (self->store, lane->id, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        g_strv_builder_add (lanes, lane->id);
    }
  return g_strv_builder_end (lanes);
}

/* The office */

void
warta_office_free (WartaOffice *office)
{
  if (office == NULL)
    return;
  g_free (office->name);
  g_free (office->address);
  g_strfreev (office->kop_lines);
  g_clear_pointer (&office->logo, g_bytes_unref);
  g_free (office->logo_type);
  g_free (office);
}

WartaOffice *
warta_engine_get_office (WartaEngine  *self,
                         GError      **error)
{
  g_autoptr(WartaOffice) office = g_new0 (WartaOffice, 1);
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *kop = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(tx = warta_store_snapshot (self->store, error)))
    return NULL;
  office->name = warta_store_get_setting (self->store, WARTA_SETTING_OFFICE_NAME);
  office->address = warta_store_get_setting (self->store, WARTA_SETTING_OFFICE_ADDRESS);
  kop = warta_store_get_setting (self->store, WARTA_SETTING_OFFICE_KOP);
  office->kop_lines = warta_text_is_blank (kop) ? g_new0 (char *, 1) : g_strsplit (kop, "\n", -1);
  office->logo = warta_store_get_office_file (self->store, WARTA_OFFICE_FILE_LOGO, &office->logo_type, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (office->name == NULL)
    office->name = g_strdup ("");
  if (office->address == NULL)
    office->address = g_strdup ("");
  return g_steal_pointer (&office);
}

/* PNG or JPEG, by the bytes they begin with; NULL for anything else. */
static const char *
sniff_logo (GBytes *logo)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (logo, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  return NULL;
}

static void
logo_size_prepared (GdkPixbufLoader *loader,
                    int              width,
                    int              height,
                    gpointer         user_data)
{
  double scale = MIN (1.0, (double)LOGO_CHECK_PIXELS / MAX (1, MAX (width, height)));

  gdk_pixbuf_loader_set_size (loader, MAX (1, (int)(width * scale)), MAX (1, (int)(height * scale)));
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->size - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG decoded whole by cairo, as the papers draw it: a cut or damaged
 * file fails. Its size is read from its header first, so that a small
 * file cannot ask for a huge picture. */
static gboolean
check_png (GBytes  *logo,
           GError **error)
{
  PngReader reader = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  guint32 width, height;

  reader.data = g_bytes_get_data (logo, &reader.size);
  if (reader.size < 24 || memcmp (reader.data + 12, "IHDR", 4) != 0)
    status = CAIRO_STATUS_READ_ERROR;
  else
    {
      width = GUINT32_FROM_BE (*(const guint32 *)(reader.data + 16));
      height = GUINT32_FROM_BE (*(const guint32 *)(reader.data + 20));
      if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS)
        {
          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_TOO_LARGE,
                       _("The logo is %u × %u pixels; a logo may be at most %d pixels on each side. "
                         "Save it smaller and choose it again"),
                       width, height, LOGO_MAX_PIXELS);
          return FALSE;
        }
      surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
               _("The logo could not be read as a picture (%s): it may be damaged. Open it in an image "
                 "viewer, save it again as PNG or JPEG, and choose it again"),
               cairo_status_to_string (status));
  return FALSE;
}

/* A logo the papers can draw: a PNG or JPEG of at most 1 MiB that
 * decodes whole. */
static gboolean
check_logo (GBytes       *logo,
            const char  **type,
            GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local = NULL;
  gsize size = g_bytes_get_size (logo);

  if (size > LOGO_MAX_BYTES)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_TOO_LARGE,
                   _("The logo is %.1f MiB; a logo may be at most 1 MiB. Save it smaller (a few hundred "
                     "pixels wide is plenty for a letterhead) and choose it again"),
                   size / (1024.0 * 1024.0));
      return FALSE;
    }
  if ((*type = sniff_logo (logo)) == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
                   _("The logo is not a PNG or JPEG picture: save it as PNG or JPEG and choose it again"));
      return FALSE;
    }

  if (g_str_equal (*type, "image/png"))
    return check_png (logo, error);

  if (!(loader = gdk_pixbuf_loader_new_with_mime_type (*type, &local)))
    goto broken;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (logo_size_prepared), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, logo, &local))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      goto broken;
    }
  if (!gdk_pixbuf_loader_close (loader, &local))
    goto broken;
  if (gdk_pixbuf_loader_get_pixbuf (loader) != NULL)
    return TRUE;

broken:
  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
               _("The logo could not be read as a picture (%s): it may be damaged. Open it in an image "
                 "viewer, save it again as PNG or JPEG, and choose it again"),
               local != NULL ? local->message : _("no picture in it"));
  return FALSE;
}

static gboolean
check_one_line (const char  *text,
                int          max_chars,
                const char  *what,
                GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max_chars ||
      strpbrk (text, "\n\r\t") != NULL)
    {
      /* Translators: %s is what is wrong, e.g. "The office's name" */
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("%s is printed on one line: give at most %d characters, with no line breaks or tabs"),
                   what, max_chars);
      return FALSE;
    }
  return TRUE;
}

gboolean
warta_engine_set_office (WartaEngine        *self,
                         gint64              actor,
                         const WartaOffice  *office,
                         gboolean            set_logo,
                         GError            **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *kop = NULL;
  g_autofree char *logo_sum = NULL;
  g_autofree char *payload = NULL;
  const char *logo_type = NULL;
  gint64 now;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);

  name = g_strstrip (g_strdup (office->name != NULL ? office->name : ""));
  address = g_strstrip (g_strdup (office->address != NULL ? office->address : ""));
  if (warta_text_is_blank (name))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID, _("The office needs a name"));
      return FALSE;
    }
  if (!check_one_line (name, NAME_MAX_CHARS, _("The office's name"), error))
    return FALSE;
  if (!g_utf8_validate (address, -1, NULL) || g_utf8_strlen (address, -1) > ADDRESS_MAX_CHARS)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("The office's address may have at most %d characters: shorten it"), ADDRESS_MAX_CHARS);
      return FALSE;
    }

  /* Blank lines are left out: the letterhead has no gaps. */
  for (guint i = 0; office->kop_lines != NULL && office->kop_lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (office->kop_lines[i]));

      if (*line == '\0')
        continue;
      if (!check_one_line (line, KOP_LINE_MAX_CHARS, _("Each line of the letterhead"), error))
        return FALSE;
      g_ptr_array_add (lines, g_steal_pointer (&line));
    }
  if (lines->len > KOP_MAX_LINES)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("The letterhead has %u lines; it may have at most %d: join or leave out some"),
                   lines->len, KOP_MAX_LINES);
      return FALSE;
    }
  g_ptr_array_add (lines, NULL);
  kop = g_strjoinv ("\n", (char **)lines->pdata);

  if (set_logo && office->logo != NULL)
    {
      if (!check_logo (office->logo, &logo_type, error))
        return FALSE;
      logo_sum = warta_sha256_for_bytes (office->logo);
    }

  payload = _warta_engine_payload_new ("name", name, "address", address, "kop", kop,
                                       "logo", set_logo ? (logo_sum != NULL ? logo_sum : "none") : NULL,
                                       "logo_type", logo_type, NULL);
  now = warta_engine_now (self);
  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  return _warta_engine_check_admin (self, actor, error) &&
         warta_store_set_setting (self->store, WARTA_SETTING_OFFICE_NAME, name, error) &&
         warta_store_set_setting (self->store, WARTA_SETTING_OFFICE_ADDRESS, address, error) &&
         warta_store_set_setting (self->store, WARTA_SETTING_OFFICE_KOP, kop, error) &&
         (!set_logo ||
          warta_store_set_office_file (self->store, WARTA_OFFICE_FILE_LOGO, logo_type,
                                       logo_sum != NULL ? office->logo : NULL, error)) &&
         warta_journal_append (self->store, now, actor, 0, "office.set", payload, error) &&
         warta_transaction_commit (tx, error);
}
