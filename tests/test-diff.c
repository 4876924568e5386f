/* test-diff.c: the word-level diff (warta-diff.c, over libgit2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "warta-diff.h"

/* The segments written out: [-gone-] and {+came+}, the rest as is. */
static char *
render (GPtrArray *segments)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      const WartaDiffSegment *segment = g_ptr_array_index (segments, i);

      switch (segment->op)
        {
        case WARTA_DIFF_EQUAL:
          g_string_append (out, segment->text);
          break;
        case WARTA_DIFF_DELETE:
          g_string_append_printf (out, "[-%s-]", segment->text);
          break;
        case WARTA_DIFF_INSERT:
          g_string_append_printf (out, "{+%s+}", segment->text);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* The EQUAL and DELETE segments give back the old text, EQUAL and INSERT
 * the new one: whatever the diff chose, it loses nothing. */
static void
assert_rebuilds (GPtrArray  *segments,
                 const char *old_text,
                 const char *new_text)
{
  g_autoptr(GString) old_side = g_string_new (NULL);
  g_autoptr(GString) new_side = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      const WartaDiffSegment *segment = g_ptr_array_index (segments, i);

      g_assert_cmpuint (strlen (segment->text), >, 0);
      g_assert_true (g_utf8_validate (segment->text, -1, NULL));
      if (i > 0)
        g_assert_cmpint (segment->op, !=, ((const WartaDiffSegment *)g_ptr_array_index (segments, i - 1))->op);
      if (segment->op != WARTA_DIFF_INSERT)
        g_string_append (old_side, segment->text);
      if (segment->op != WARTA_DIFF_DELETE)
        g_string_append (new_side, segment->text);
    }
  g_assert_cmpstr (old_side->str, ==, old_text ? old_text : "");
  g_assert_cmpstr (new_side->str, ==, new_text ? new_text : "");
}

static void
check (const char *old_text,
       const char *new_text,
       const char *expected)
{
  g_autoptr(GPtrArray) segments = warta_diff_words (old_text, new_text);
  g_autofree char *shown = render (segments);

  assert_rebuilds (segments, old_text, new_text);
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_identical (void)
{
  g_autoptr(GPtrArray) segments = warta_diff_words ("Petugas memberikan vaksinasi.", "Petugas memberikan vaksinasi.");

  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpuint (warta_diff_count_changes (segments), ==, 0);
  check ("sama", "sama", "sama");
}

static void
test_one_word (void)
{
  check ("Petugas memberikan vaksinasi kepada awak kapal.",
         "Petugas memberikan imunisasi kepada awak kapal.",
         "Petugas memberikan [-vaksinasi-]{+imunisasi+} kepada awak kapal.");
}

static void
test_start_and_end (void)
{
  check ("awak kapal", "Seluruh awak kapal", "{+Seluruh +}awak kapal");
  check ("awak kapal", "awak kapal asing", "awak kapal{+ asing+}");
  check ("Seluruh awak kapal", "awak kapal", "[-Seluruh -]awak kapal");
}

static void
test_indonesian (void)
{
  const char *old_text = "Tim Kerja BBKK Medan melaksanakan vaksinasi di Pelabuhan Belawan, Senin (5/1).\n\n"
                         "Kegiatan ini diikuti 120 awak kapal.";
  const char *new_text = "Tim Kerja BBKK Medan melaksanakan vaksinasi massal di Pelabuhan Belawan, Selasa (6/1).\n\n"
                         "Kegiatan ini diikuti 150 awak kapal; tidak ada kejadian ikutan.";

  check (old_text, new_text,
         "Tim Kerja BBKK Medan melaksanakan vaksinasi {+massal +}di Pelabuhan Belawan, [-Senin-]{+Selasa+} "
         "([-5-]{+6+}/1).\n\nKegiatan ini diikuti [-120-]{+150+} awak kapal{+; tidak ada kejadian ikutan+}.");
  /* a line break added is a change of its own, kept as a newline */
  check ("satu dua", "satu\ndua", "satu[- -]{+\n+}dua");
  /* a backslash and the letter n are not a newline */
  check ("a\\nb", "a\nb", "a[-\\nb-]{+\nb+}");
  /* lines ended the Windows way */
  check ("satu\r\ndua\r\n", "satu\r\ntiga\r\n", "satu\r\n[-dua-]{+tiga+}\r\n");
}

static void
test_empty (void)
{
  check ("", "", "");
  check ("", "Judul baru", "{+Judul baru+}");
  check ("Judul lama", "", "[-Judul lama-]");
  check (NULL, "x", "{+x+}");
}

static void
test_utf8 (void)
{
  check ("Kopi ☕ di café Medan — enak", "Teh 🍵 di café Médan — enak",
         "[-Kopi ☕-]{+Teh 🍵+} di café [-Medan-]{+Médan+} — enak");
}

/* A naskah of 50 KB with a word changed in every paragraph. */
static void
test_large (void)
{
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  g_autoptr(GPtrArray) segments = NULL;
  gint64 start, took;
  guint paragraph = 0;

  while (old_text->len < 50 * 1024)
    {
      g_string_append_printf (old_text, "Paragraf %u: petugas kesehatan pelabuhan memeriksa dokumen "
                              "kesehatan kapal dan awak sebelum sandar di dermaga.\n\n", paragraph);
      g_string_append_printf (new_text, "Paragraf %u: petugas kesehatan pelabuhan memeriksa sertifikat "
                              "kesehatan kapal dan awak sebelum sandar di dermaga.\n\n", paragraph);
      paragraph++;
    }

  start = g_get_monotonic_time ();
  segments = warta_diff_words (old_text->str, new_text->str);
  took = g_get_monotonic_time () - start;
  g_test_message ("diff of %zu bytes, %u paragraphs: %.1f ms", old_text->len, paragraph, took / 1000.0);
  g_printerr ("# 50 KB diff: %zu bytes, %.1f ms\n", old_text->len, took / 1000.0);

  assert_rebuilds (segments, old_text->str, new_text->str);
  g_assert_cmpuint (warta_diff_count_changes (segments), ==, 2 * paragraph);
  /* well under what a person notices when opening the changes */
  g_assert_cmpint (took, <, 500 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/identical", test_identical);
  g_test_add_func ("/diff/one-word", test_one_word);
  g_test_add_func ("/diff/start-and-end", test_start_and_end);
  g_test_add_func ("/diff/indonesian", test_indonesian);
  g_test_add_func ("/diff/empty", test_empty);
  g_test_add_func ("/diff/utf8", test_utf8);
  g_test_add_func ("/diff/large", test_large);
  return g_test_run ();
}
