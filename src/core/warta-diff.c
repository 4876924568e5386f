/* warta-diff.c: a word-level diff of two texts, made by libgit2
 *
 * Git diffs lines, so each text is cut into tokens (a run of letters and
 * digits, a run of whitespace, or one other character) and each token
 * becomes a line of its own, its newline and backslash escaped so that it
 * stays one line. libgit2's xdiff (git_diff_buffers) then compares the
 * two token lists with a context as long as both, so that every token
 * comes back, kept, removed or added, in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <git2.h>
#include <string.h>

#include "warta-diff.h"

void
warta_diff_segment_free (WartaDiffSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->text);
  g_free (segment);
}

typedef enum
{
  CLASS_WORD,
  CLASS_SPACE,
  CLASS_OTHER,
} CharClass;

static CharClass
char_class (gunichar c)
{
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return CLASS_WORD;
  if (g_unichar_isspace (c))
    return CLASS_SPACE;
  return CLASS_OTHER;
}

/* Appends each token of text as a line of lines; returns how many. */
static guint
tokenize (const char *text,
          GString    *lines)
{
  guint n = 0;
  const char *p = text;

  while (*p != '\0')
    {
      CharClass kind = char_class (g_utf8_get_char (p));
      const char *end = g_utf8_next_char (p);

      if (kind != CLASS_OTHER)
        while (*end != '\0' && char_class (g_utf8_get_char (end)) == kind)
          end = g_utf8_next_char (end);

      for (const char *q = p; q < end; q++)
        {
          if (*q == '\n')
            g_string_append (lines, "\\n");
          else if (*q == '\r')
            g_string_append (lines, "\\r");
          else if (*q == '\\')
            g_string_append (lines, "\\\\");
          else
            g_string_append_c (lines, *q);
        }
      g_string_append_c (lines, '\n');
      n++;
      p = end;
    }
  return n;
}

static void
unescape_into (GString    *out,
               const char *line,
               size_t      len)
{
  for (size_t i = 0; i < len; i++)
    {
      if (line[i] == '\n')
        continue;  /* the token's line end */
      if (line[i] == '\\' && i + 1 < len)
        {
          i++;
          g_string_append_c (out, line[i] == 'n' ? '\n' : line[i] == 'r' ? '\r' : line[i]);
        }
      else
        g_string_append_c (out, line[i]);
    }
}

static void
add_segment (GPtrArray   *segments,
             WartaDiffOp  op,
             const char  *text,
             gsize        len)
{
  WartaDiffSegment *last = segments->len > 0 ? g_ptr_array_index (segments, segments->len - 1) : NULL;
  WartaDiffSegment *segment;

  if (len == 0)
    return;
  if (last != NULL && last->op == op)
    {
      char *joined = g_strconcat (last->text, text, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }
  segment = g_new0 (WartaDiffSegment, 1);
  segment->op = op;
  segment->text = g_strndup (text, len);
  g_ptr_array_add (segments, segment);
}

static int
on_line (const git_diff_delta *delta,
         const git_diff_hunk  *hunk,
         const git_diff_line  *line,
         void                 *payload)
{
  GPtrArray *tokens = payload;
  WartaDiffSegment *token;
  g_autoptr(GString) text = g_string_new (NULL);

  switch (line->origin)
    {
    case GIT_DIFF_LINE_CONTEXT:
    case GIT_DIFF_LINE_ADDITION:
    case GIT_DIFF_LINE_DELETION:
      break;
    default:
      return 0;  /* "no newline at end of file" and the like: every token line ends in one */
    }

  unescape_into (text, line->content, line->content_len);
  token = g_new0 (WartaDiffSegment, 1);
  token->op = line->origin == GIT_DIFF_LINE_ADDITION ? WARTA_DIFF_INSERT
            : line->origin == GIT_DIFF_LINE_DELETION ? WARTA_DIFF_DELETE
            : WARTA_DIFF_EQUAL;
  token->text = g_string_free (g_steal_pointer (&text), FALSE);
  g_ptr_array_add (tokens, token);
  return 0;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Joins the tokens into segments. A change reads as one: the spaces
 * between two changed words go with them ("a b" → "x y" is one deletion
 * and one insertion, not four changes around two kept spaces), and within
 * a change what went comes before what came. */
static GPtrArray *
join_tokens (GPtrArray *tokens)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_diff_segment_free);
  g_autoptr(GString) gone = g_string_new (NULL);
  g_autoptr(GString) came = g_string_new (NULL);
  guint i = 0;

  while (i < tokens->len)
    {
      WartaDiffSegment *token = g_ptr_array_index (tokens, i);

      if (token->op == WARTA_DIFF_EQUAL)
        {
          add_segment (segments, WARTA_DIFF_EQUAL, token->text, strlen (token->text));
          i++;
          continue;
        }

      g_string_truncate (gone, 0);
      g_string_truncate (came, 0);
      while (i < tokens->len)
        {
          token = g_ptr_array_index (tokens, i);
          if (token->op == WARTA_DIFF_EQUAL)
            {
              WartaDiffSegment *next = i + 1 < tokens->len ? g_ptr_array_index (tokens, i + 1) : NULL;

              if (next == NULL || next->op == WARTA_DIFF_EQUAL || !is_blank (token->text) ||
                  strchr (token->text, '\n') != NULL)
                break;
              g_string_append (gone, token->text);
              g_string_append (came, token->text);
            }
          else
            g_string_append (token->op == WARTA_DIFF_DELETE ? gone : came, token->text);
          i++;
        }
      add_segment (segments, WARTA_DIFF_DELETE, gone->str, gone->len);
      add_segment (segments, WARTA_DIFF_INSERT, came->str, came->len);
    }
  return segments;
}

static gpointer
init_libgit2 (gpointer data)
{
  git_libgit2_init ();
  return NULL;
}

static GPtrArray *
whole_change (const char *old_text,
              const char *new_text)
{
  GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_diff_segment_free);

  add_segment (segments, WARTA_DIFF_DELETE, old_text, strlen (old_text));
  add_segment (segments, WARTA_DIFF_INSERT, new_text, strlen (new_text));
  return segments;
}

GPtrArray *
warta_diff_words (const char *old_text,
                  const char *new_text)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GString) old_lines = g_string_new (NULL);
  g_autoptr(GString) new_lines = g_string_new (NULL);
  g_autoptr(GPtrArray) tokens = NULL;
  git_diff_options options;
  guint n;
  int rc;

  if (old_text == NULL)
    old_text = "";
  if (new_text == NULL)
    new_text = "";

  if (g_str_equal (old_text, new_text))
    {
      GPtrArray *segments = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_diff_segment_free);

      add_segment (segments, WARTA_DIFF_EQUAL, old_text, strlen (old_text));
      return segments;
    }
  if (*old_text == '\0' || *new_text == '\0')
    return whole_change (old_text, new_text);

  g_once (&once, init_libgit2, NULL);
  n = tokenize (old_text, old_lines) + tokenize (new_text, new_lines);

  git_diff_options_init (&options, GIT_DIFF_OPTIONS_VERSION);
  options.flags = GIT_DIFF_FORCE_TEXT;
  options.context_lines = n;
  options.interhunk_lines = n;

  tokens = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_diff_segment_free);
  rc = git_diff_buffers (old_lines->str, old_lines->len, NULL, new_lines->str, new_lines->len, NULL,
                         &options, NULL, NULL, NULL, on_line, tokens);
  if (rc != 0)
    {
      const git_error *e = git_error_last ();

      /* Still true, only coarse: all of the old went, all of the new came. */
      g_warning ("libgit2 could not compare the texts: %s", e && e->message ? e->message : "unknown error");
      return whole_change (old_text, new_text);
    }
  return join_tokens (tokens);
}

guint
warta_diff_count_changes (GPtrArray *segments)
{
  guint n = 0;

  g_return_val_if_fail (segments != NULL, 0);

  for (guint i = 0; i < segments->len; i++)
    n += ((WartaDiffSegment *)g_ptr_array_index (segments, i))->op != WARTA_DIFF_EQUAL;
  return n;
}
