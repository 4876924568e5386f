/* warta-wp-page.c: fetching a published post's public page, as a visitor
 * would, to confirm it is there and carries its title
 *
 * The body is hashed as it streams in. Its text is kept, up to a bound,
 * for the title search: WordPress prints titles through wptexturize, so
 * "Rapat 'Koordinasi' - 2026" comes out as "Rapat &#8216;Koordinasi&#8217;
 * &#8211; 2026". Both sides are brought to the same plain form before
 * they are compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "warta-sha256.h"
#include "warta-wp-private.h"

#define MAX_PAGE_TEXT (G_GINT64_CONSTANT (64) * 1024 * 1024)
#define READ_CHUNK (64 * 1024)
#define MAX_ENTITY 12

void
warta_wp_page_free (WartaWpPage *page)
{
  if (page == NULL)
    return;

  g_free (page->final_url);
  g_free (page->sha256);
  g_free (page);
}

/* --- Title matching ---------------------------------------------------- */

static gunichar
named_entity (const char *name,
              gsize       length)
{
  static const struct {
    const char *name;
    gunichar    c;
  } table[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "minus", 0x2212 },
    { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201A },
    { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "bdquo", 0x201E },
    { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "prime", 0x2032 }, { "Prime", 0x2033 },
    { "hellip", 0x2026 }, { "copy", 0x00A9 }, { "reg", 0x00AE }, { "trade", 0x2122 },
    { "deg", 0x00B0 }, { "middot", 0x00B7 }, { "bull", 0x2022 }, { "times", 0x00D7 },
    { "shy", 0x00AD }, { "thinsp", 0x2009 }, { "ensp", 0x2002 }, { "emsp", 0x2003 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (strlen (table[i].name) == length && strncmp (table[i].name, name, length) == 0)
        return table[i].c;
    }
  return 0;
}

/* The character an entity at p ("&...;") stands for, and its length;
 * 0 when it is not one. */
static gunichar
decode_entity (const char *p,
               const char *end,
               gsize      *length)
{
  const char *semicolon = NULL;
  gunichar c = 0;

  for (const char *q = p + 1; q < end && q - p <= MAX_ENTITY; q++)
    {
      if (*q == ';')
        {
          semicolon = q;
          break;
        }
    }
  if (semicolon == NULL || semicolon == p + 1)
    return 0;

  if (p[1] == '#')
    {
      g_autofree char *digits = NULL;
      gboolean hex = semicolon - p > 2 && (p[2] == 'x' || p[2] == 'X');
      guint64 value;

      digits = g_strndup (p + (hex ? 3 : 2), semicolon - p - (hex ? 3 : 2));
      if (!g_ascii_string_to_unsigned (digits, hex ? 16 : 10, 1, 0x10FFFF, &value, NULL))
        return 0;
      c = (gunichar)value;
      if (!g_unichar_validate (c))
        return 0;
    }
  else
    {
      c = named_entity (p + 1, semicolon - p - 1);
    }

  if (c != 0)
    *length = semicolon - p + 1;
  return c;
}

/* Curly quotes, dashes and odd spaces to their plain ASCII forms. */
static const char *
fold (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return "-";
    case 0x2026:
      return "...";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0xFEFF:
      return "";
    default:
      return NULL;
    }
}

static void
append_char (GString  *out,
             gunichar  c)
{
  const char *folded = fold (c);

  if (folded == NULL && (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR))
    folded = " ";

  if (folded != NULL && g_str_equal (folded, " "))
    {
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      return;
    }
  if (folded != NULL)
    g_string_append (out, folded);
  else
    g_string_append_unichar (out, c);
}

/* Tags out, entities decoded, typography folded, whitespace collapsed and
 * case folded: what a person reads, in a form that compares. */
char *
_warta_wp_normalize_text (const char *html,
                          gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (html, length);
  g_autoptr(GString) out = g_string_sized_new (strlen (valid));
  const char *end = valid + strlen (valid);
  const char *p = valid;
  g_autofree char *composed = NULL;

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);

          if (close == NULL)
            break;
          p = close + 1;
          continue;
        }

      if (*p == '&')
        {
          gsize entity_length = 0;
          gunichar c = decode_entity (p, end, &entity_length);

          if (c != 0)
            {
              append_char (out, c);
              p += entity_length;
              continue;
            }
        }

      append_char (out, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len > 0 && out->str[0] == ' ')
    g_string_erase (out, 0, 1);

  composed = g_utf8_normalize (out->str, out->len, G_NORMALIZE_DEFAULT_COMPOSE);
  return g_utf8_casefold (composed != NULL ? composed : out->str, -1);
}

/* --- Fetching ---------------------------------------------------------- */

WartaWpPage *
warta_wp_fetch_page (const char    *url,
                     const char    *title,
                     guint          timeout_seconds,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(WartaSha256) checksum = warta_sha256_new ();
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(WartaWpPage) page = NULL;
  g_autofree char *host = NULL;
  g_autofree guint8 *buffer = NULL;
  gint64 started;

  g_return_val_if_fail (url != NULL, NULL);

  if (!warta_wp_check_url (url, error))
    return NULL;
  if (_warta_wp_check_cancelled (cancellable, error))
    return NULL;

  host = _warta_wp_host_of (url);
  session = _warta_wp_session_new (timeout_seconds > 0 ? timeout_seconds : WARTA_WP_DEFAULT_TIMEOUT);
  msg = soup_message_new (SOUP_METHOD_GET, url);
  if (msg == NULL)
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INVALID_URL,
                   _("“%s” is not a complete web address"), url);
      return NULL;
    }

  page = g_new0 (WartaWpPage, 1);
  started = g_get_monotonic_time ();
  stream = soup_session_send (session, msg, cancellable, &local);
  if (stream == NULL)
    {
      _warta_wp_transport_error (host, msg, local, error);
      return NULL;
    }

  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, READ_CHUNK, cancellable, &local);

      if (n < 0)
        {
          g_input_stream_close (stream, NULL, NULL);
          _warta_wp_transport_error (host, msg, local, error);
          return NULL;
        }
      if (n == 0)
        break;
      warta_sha256_update (checksum, buffer, n);
      page->size += n;
      if ((gint64)text->len < MAX_PAGE_TEXT)
        g_byte_array_append (text, buffer, MIN ((gint64)n, MAX_PAGE_TEXT - (gint64)text->len));
    }
  g_input_stream_close (stream, NULL, NULL);

  page->elapsed_us = g_get_monotonic_time () - started;
  page->status = soup_message_get_status (msg);
  page->final_url = g_uri_to_string (soup_message_get_uri (msg));
  page->sha256 = g_strdup (warta_sha256_get_string (checksum));

  if (title != NULL)
    {
      g_autofree char *wanted = _warta_wp_normalize_text (title, -1);
      g_autofree char *body = _warta_wp_normalize_text (text->len > 0 ? (const char *)text->data : "",
                                                            text->len);

      page->title_found = *wanted != '\0' && strstr (body, wanted) != NULL;
    }

  return g_steal_pointer (&page);
}
