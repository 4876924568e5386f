/* warta-json-scan.c: a look over JSON text before json-glib parses it
 *
 * json-glib 1.6 parses recursively, so a file nested a hundred thousand
 * deep overflows the stack; it also keeps the last of two members of the
 * same name without a word, and reads on after the top-level value as
 * JavaScript ("var x = …"). This scan finds those before the parse. It is
 * a scan, not a parser: it follows strings, brackets and commas, and leaves
 * every other syntax error to json-glib, which says where it is.
 *
 * The two must agree on where strings end, or brackets one of them takes
 * for text would be counted by the other. json-glib also reads 'single
 * quotes', # and C comments, and reads a short \u escape by swallowing the
 * character after it, quote or not. JSON has none of these, so the scan
 * refuses them; at any other character JSON has not, json-glib stops with
 * an error, and so does the scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "warta-json-scan.h"

static gboolean
is_token_char (char c)
{
  /* Numbers, true, false and null, and what json-glib reads as a word or
   * a number: it names a wrong one itself. */
  return g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.' || c == '_' || c == '$';
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
hex4 (const char *p,
      const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* The name a quoted key stands for, so that "id" and "\u0069d" are one;
 * skip_string() has checked its escapes. */
static char *
unescape (const char *p,
          const char *end)
{
  GString *name = g_string_sized_new (end - p);

  while (p < end)
    {
      int unit, low;

      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (name, *p++);
          continue;
        }
      switch (p[1])
        {
        case 'b': g_string_append_c (name, '\b'); p += 2; break;
        case 'f': g_string_append_c (name, '\f'); p += 2; break;
        case 'n': g_string_append_c (name, '\n'); p += 2; break;
        case 'r': g_string_append_c (name, '\r'); p += 2; break;
        case 't': g_string_append_c (name, '\t'); p += 2; break;
        case 'u':
          if ((unit = hex4 (p + 2, end)) < 0)
            {
              g_string_append_len (name, p, 2);
              p += 2;
              break;
            }
          p += 6;
          if (unit >= 0xd800 && unit < 0xdc00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
              (low = hex4 (p + 2, end)) >= 0xdc00 && low < 0xe000)
            {
              unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          g_string_append_unichar (name, unit);
          break;
        default:
          g_string_append_c (name, p[1]);
          p += 2;
          break;
        }
    }
  return g_string_free (name, FALSE);
}

typedef enum
{
  STRING_OK,
  STRING_UNTERMINATED,
  STRING_BAD_ESCAPE,
} StringEnd;

/* From the opening quote at *@i to the closing one, left in *@i. Escapes
 * are held to JSON's: json-glib 1.6 reads a short or unpaired \u by
 * swallowing the characters after it, quotes and all, so it would no
 * longer agree with this scan on where strings end. */
static StringEnd
skip_string (const char *text,
             gsize       length,
             gsize      *i,
             gsize      *bad)
{
  for (gsize j = *i + 1; j < length; j++)
    {
      int unit, low;

      if (text[j] == '"')
        {
          *i = j;
          return STRING_OK;
        }
      if (text[j] != '\\')
        continue;

      *bad = j;
      if (j + 1 >= length)
        return STRING_UNTERMINATED;
      if (strchr ("\"\\/bfnrt", text[j + 1]) != NULL && text[j + 1] != '\0')
        {
          j++;
          continue;
        }
      if (text[j + 1] != 'u' || (unit = hex4 (text + j + 2, text + length)) < 0)
        return STRING_BAD_ESCAPE;
      j += 5;
      if (unit >= 0xdc00 && unit < 0xe000)
        return STRING_BAD_ESCAPE;
      if (unit >= 0xd800 && unit < 0xdc00)
        {
          if (j + 6 >= length || text[j + 1] != '\\' || text[j + 2] != 'u' ||
              (low = hex4 (text + j + 3, text + length)) < 0xdc00 || low >= 0xe000)
            return STRING_BAD_ESCAPE;
          j += 6;
        }
    }
  return STRING_UNTERMINATED;
}

/* The escape at @offset as written, to show: \u and what follows it. */
static char *
escape_at (const char *text,
           gsize       length,
           gsize       offset)
{
  gsize end = offset + 1;

  if (end < length && text[end] == 'u')
    while (end + 1 < length && end - offset < 5 && g_ascii_isxdigit (text[end + 1]))
      end++;
  if (end < length && (guchar) text[end] < 0x80)
    return g_strndup (text + offset, end - offset + 1);
  return g_strdup ("\\");
}

static void
names_free (gpointer names)
{
  if (names != NULL)
    g_hash_table_unref (names);
}

static char *
character_at (const char *text,
              gsize       length,
              gsize       offset)
{
  gunichar c = g_utf8_get_char_validated (text + offset, length - offset);

  if (c == (gunichar) -1 || c == (gunichar) -2 || c < 0x20)
    return g_strdup_printf ("\\x%02x", (guchar) text[offset]);
  return g_strndup (text + offset, g_utf8_next_char (text + offset) - (text + offset));
}

/* Looks over @text for the problems above. A level too deep, or a
 * character json-glib would read other than JSON does, is returned as soon
 * as it is met: json-glib must not read such a text, and *@readable is 0.
 * A duplicate key or text after the value is returned only when neither of
 * those is anywhere in the text, so the caller may let json-glib name a
 * syntax error that stands before it; json-glib may read the first
 * *@readable bytes. That ends before any text after the first value, which
 * json-glib 1.6 would read on as JavaScript ("var x = […]"), and at a
 * character json-glib refuses, where the scan stops. @offset is the byte
 * where the problem stands; @detail, to free, is the key or the character.
 * The scan keeps at most @max_depth sets of names. */
WartaJsonScanProblem
_warta_json_scan (const char  *text,
                  gsize        length,
                  guint        max_depth,
                  gsize       *offset,
                  char       **detail,
                  gsize       *readable)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (names_free);
  g_autofree char *found_detail = NULL;
  WartaJsonScanProblem found = WARTA_JSON_SCAN_OK;
  gsize found_at = 0;
  gboolean expect_key = FALSE;
  gboolean top_done = FALSE;
  gsize trailing_at = length;
  gsize stop = length;

  g_return_val_if_fail (text != NULL || length == 0, WARTA_JSON_SCAN_OK);

#define FOUND(problem, at, what) \
  G_STMT_START { \
    if (found == WARTA_JSON_SCAN_OK || (problem) == WARTA_JSON_SCAN_TOO_DEEP || \
        (problem) == WARTA_JSON_SCAN_UNEXPECTED || (problem) == WARTA_JSON_SCAN_BAD_ESCAPE) \
      { \
        found = (problem); \
        found_at = (at); \
        g_free (found_detail); \
        found_detail = (what); \
      } \
  } G_STMT_END

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (is_space (c))
        continue;
      if (top_done && trailing_at == length)
        {
          trailing_at = i;
          FOUND (WARTA_JSON_SCAN_TRAILING, i, NULL);
        }

      switch (c)
        {
        case '"':
          {
            gsize start = i;
            gsize bad;

            switch (skip_string (text, length, &i, &bad))
              {
              case STRING_UNTERMINATED:
                goto out;  /* json-glib says so */
              case STRING_BAD_ESCAPE:
                FOUND (WARTA_JSON_SCAN_BAD_ESCAPE, bad, escape_at (text, length, bad));
                goto out;
              case STRING_OK:
              default:
                break;
              }

            if (expect_key)
              {
                /* Arrays hold NULL in @open, objects the names read so far. */
                GHashTable *names = g_ptr_array_index (open, open->len - 1);
                char *name = unescape (text + start + 1, text + i);

                if (!g_hash_table_contains (names, name))
                  g_hash_table_add (names, name);
                else if (found == WARTA_JSON_SCAN_OK)
                  FOUND (WARTA_JSON_SCAN_DUPLICATE_KEY, start, name);
                else
                  g_free (name);
              }
            expect_key = FALSE;
            top_done = open->len == 0;
          }
          break;

        case '[':
        case '{':
          if (open->len >= max_depth)
            {
              FOUND (WARTA_JSON_SCAN_TOO_DEEP, i, NULL);
              goto out;
            }
          g_ptr_array_add (open, c == '{' ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) : NULL);
          expect_key = c == '{';
          break;

        case ']':
        case '}':
          if (open->len == 0)
            {
              stop = i + 1;  /* a stray bracket: json-glib says so */
              goto out;
            }
          g_ptr_array_set_size (open, open->len - 1);
          expect_key = FALSE;
          top_done = open->len == 0;
          break;

        case ',':
          expect_key = open->len > 0 && g_ptr_array_index (open, open->len - 1) != NULL;
          break;

        case ':':
          expect_key = FALSE;
          break;

        case '\'':
        case '#':
        case '/':
          FOUND (WARTA_JSON_SCAN_UNEXPECTED, i, character_at (text, length, i));
          goto out;

        default:
          if ((guchar) c < 0x20 || c == 0x7f)
            {
              FOUND (WARTA_JSON_SCAN_UNEXPECTED, i, character_at (text, length, i));
              goto out;
            }
          /* json-glib stops at any other character: so can the scan, as
           * the two read the same strings and brackets up to here. */
          if (!is_token_char (c))
            {
              stop = i + 1;
              goto out;
            }
          while (i + 1 < length && is_token_char (text[i + 1]))
            i++;
          expect_key = FALSE;
          top_done = open->len == 0;
          break;
        }
    }

out:
#undef FOUND
  if (offset != NULL)
    *offset = found_at;
  if (readable != NULL)
    *readable = found == WARTA_JSON_SCAN_OK || found == WARTA_JSON_SCAN_DUPLICATE_KEY ||
                found == WARTA_JSON_SCAN_TRAILING ? MIN (stop, trailing_at) : 0;
  if (detail != NULL)
    *detail = g_steal_pointer (&found_detail);
  return found;
}
