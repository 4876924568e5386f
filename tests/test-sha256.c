/* test-sha256.c: Warta's SHA-256 gives exactly GChecksum's hex
 *
 * Stored attachment and archive hashes and the journal's hash chain were
 * written with GLib's GChecksum: the OpenSSL hasher must give the same
 * lowercase hex on every input, one-shot or fed in pieces, or every
 * existing office would fail its own checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "warta-journal.h"
#include "warta-sha256.h"
#include "warta-types.h"

#define MIB (1024 * 1024)

typedef struct
{
  guint8 *data;
  gsize   length;
} Input;

/* Deterministic bytes, every value among them, NULs included. */
static guint8 *
make_bytes (gsize   length,
            guint32 seed)
{
  guint8 *data = g_malloc (length + 1);
  guint32 x = seed;

  for (gsize i = 0; i < length; i++)
    {
      x = x * 1664525u + 1013904223u;
      data[i] = x >> 24;
    }
  return data;
}

static GArray *
inputs_new (void)
{
  /* Around SHA-256's 64-byte block and its 56-byte padding edge, and past
   * a mebibyte by one. */
  static const gsize lengths[] = { 0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4096, MIB + 1 };
  GArray *inputs = g_array_new (FALSE, FALSE, sizeof (Input));

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      Input input = { make_bytes (lengths[i], i + 1), lengths[i] };

      g_array_append_val (inputs, input);
    }
  return inputs;
}

static void
inputs_free (GArray *inputs)
{
  for (guint i = 0; i < inputs->len; i++)
    g_free (g_array_index (inputs, Input, i).data);
  g_array_unref (inputs);
}

static void
test_known (void)
{
  g_autofree char *empty = warta_sha256_for_data (NULL, 0);
  g_autofree char *abc = warta_sha256_for_string ("abc", -1);

  /* FIPS 180-2's examples. */
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_one_shot (void)
{
  GArray *inputs = inputs_new ();

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = &g_array_index (inputs, Input, i);
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, input->data, input->length);
      g_autofree char *data = warta_sha256_for_data (input->data, input->length);
      g_autoptr(GBytes) bytes = g_bytes_new_static (input->data, input->length);
      g_autofree char *from_bytes = warta_sha256_for_bytes (bytes);
      g_autofree char *string = warta_sha256_for_string ((const char *)input->data, input->length);

      g_test_message ("%" G_GSIZE_FORMAT " bytes", input->length);
      g_assert_cmpstr (data, ==, expected);
      g_assert_cmpstr (from_bytes, ==, expected);
      g_assert_cmpstr (string, ==, expected);
    }
  inputs_free (inputs);
}

static void
test_string (void)
{
  const char *text = "Berita: Kepala BBKK Medan meninjau layanan publik";
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *whole = warta_sha256_for_string (text, -1);
  g_autofree char *part = warta_sha256_for_string (text, 6);
  g_autofree char *expected_part = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, 6);
  g_autoptr(WartaSha256) hasher = warta_sha256_new ();

  g_assert_cmpstr (whole, ==, expected);
  g_assert_cmpstr (part, ==, expected_part);

  /* -1 stops at the NUL, as g_checksum_update() did. */
  warta_sha256_update (hasher, "Berita: ", -1);
  warta_sha256_update (hasher, text + 8, -1);
  g_assert_cmpstr (warta_sha256_get_string (hasher), ==, expected);
}

static void
test_incremental (void)
{
  static const gsize pieces[] = { 1, 7, 63, 64, 65, 4096, 256 * 1024, MIB };
  GArray *inputs = inputs_new ();

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = &g_array_index (inputs, Input, i);
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, input->data, input->length);

      for (guint p = 0; p < G_N_ELEMENTS (pieces); p++)
        {
          g_autoptr(WartaSha256) hasher = warta_sha256_new ();

          /* Byte by byte through a mebibyte is slow under the sanitizers
           * and proves nothing more than 7 bytes at a time. */
          if (pieces[p] == 1 && input->length > 4096)
            continue;
          for (gsize offset = 0; offset < input->length; offset += pieces[p])
            warta_sha256_update (hasher, input->data + offset, MIN (pieces[p], input->length - offset));
          g_test_message ("%" G_GSIZE_FORMAT " bytes in pieces of %" G_GSIZE_FORMAT, input->length, pieces[p]);
          g_assert_cmpstr (warta_sha256_get_string (hasher), ==, expected);
          /* Asked again, the same string. */
          g_assert_cmpstr (warta_sha256_get_string (hasher), ==, expected);
        }
    }
  inputs_free (inputs);
}

/* Hashes stored before the change must still verify: the journal's chain
 * and the naskah's checksum, pinned to what GChecksum gave. */
static void
test_stored_hashes (void)
{
  WartaJournalEvent event = {
    .seq = 7,
    .at = G_GINT64_CONSTANT (1767600000000000),
    .actor = 3,
    .case_id = 2,
    .kind = (char *)"case.complete",
    .payload = (char *)"{\"step\":\"1\"}",
    .prev_hash = (char *)WARTA_JOURNAL_GENESIS,
  };
  g_autofree char *journal = warta_journal_hash (&event);
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (2);
  g_autofree char *naskah_hash = NULL;

  g_assert_cmpstr (journal, ==, "d04285554f0f46d267ce805cd473401ccccd996a69162f5e079a3eadb0da805c");

  g_free (naskah->title);
  naskah->title = g_strdup ("Judul");
  g_free (naskah->body);
  naskah->body = g_strdup ("Isi *berita*");
  naskah->five_w[0] = g_strdup ("Siapa");
  naskah->five_w[2] = g_strdup ("Kapan");
  naskah->five_w[3] = g_strdup ("Di mana");
  naskah->five_w[4] = g_strdup ("Mengapa");
  naskah->five_w[5] = g_strdup ("Bagaimana");
  naskah_hash = warta_naskah_checksum (naskah);
  g_assert_cmpstr (naskah_hash, ==, "d238b8f54a29e364830eec8f9c56aaa84d183c9cd5937d28c7ebbfbfd2cee0eb");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sha256/known", test_known);
  g_test_add_func ("/sha256/one-shot", test_one_shot);
  g_test_add_func ("/sha256/string", test_string);
  g_test_add_func ("/sha256/incremental", test_incremental);
  g_test_add_func ("/sha256/stored-hashes", test_stored_hashes);
  return g_test_run ();
}
