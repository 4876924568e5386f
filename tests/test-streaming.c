/* test-streaming.c: a 300 MiB attachment in and out with flat memory
 *
 * Attaching and exporting stream a chunk at a time, so the process's peak
 * resident size may grow by less than 32 MiB whatever the file's size.
 * Its own suite, not the core one: AddressSanitizer's allocator keeps
 * freed memory in quarantine and would measure itself, not Warta.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define FILE_SIZE (G_GINT64_CONSTANT (300) * 1024 * 1024)
#define CHUNK (1024 * 1024)
#define BUDGET_KIB (32 * 1024)

/* A field of /proc/self/status, in KiB. */
static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_ascii_strtoll (lines[i] + strlen (field) + 1, NULL, 10);
  g_assert_not_reached ();
}

/* Written a chunk at a time with a pattern that differs per chunk, so the
 * hash sees every byte. */
static char *
write_big_file (const char *dir,
                GChecksum  *checksum)
{
  char *path = g_build_filename (dir, "video-liputan.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *chunk = g_malloc (CHUNK);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  for (gint64 done = 0; done < FILE_SIZE; done += CHUNK)
    {
      for (guint i = 0; i < CHUNK; i += 4096)
        memset (chunk + i, (int)((done / CHUNK + i / 4096) & 0xff), 4096);
      /* An MP4's ftyp box first: the engine takes only a video as one. */
      if (done == 0)
        memcpy (chunk, "\0\0\0\x18" "ftypmp42\0\0\0\0" "mp42isom", 24);
      g_checksum_update (checksum, chunk, CHUNK);
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), chunk, CHUNK, NULL, NULL, &error));
    }
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  return path;
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autofree guint8 *chunk = g_malloc (CHUNK);
  gssize n;

  g_assert_nonnull (in);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), chunk, CHUNK, NULL, NULL)) > 0)
    g_checksum_update (checksum, chunk, n);
  g_assert_cmpint (n, ==, 0);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Sets the peak resident size back to the current one, so that what the
 * set-up took (argon2id alone takes 64 MiB) is not counted. */
static void
reset_peak (void)
{
  FILE *clear = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (clear);
  g_assert_cmpint (fputs ("5", clear), >=, 0);
  g_assert_cmpint (fclose (clear), ==, 0);
}

static void
test_300_mib (void)
{
  g_autoptr(TestDb) db = test_db_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *exported_sum = NULL;
  gint64 staff, case_id, id, rss_before, peak_after_attach, peak_after_export;

  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  case_id = warta_engine_start_case (db->engine, staff, SOP_ID, "Video liputan", &error);
  g_assert_no_error (error);
  path = write_big_file (db->dir, checksum);
  file = g_file_new_for_path (path);

  reset_peak ();
  rss_before = status_kib ("VmRSS");
  g_assert_cmpint (status_kib ("VmHWM") - rss_before, <, 1024);
  id = warta_engine_attach (db->engine, staff, case_id, file, "video", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  peak_after_attach = status_kib ("VmHWM");
  g_unlink (path);

  attachment = warta_store_get_attachment (db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attachment->size, ==, FILE_SIZE);
  g_assert_cmpstr (attachment->sha256, ==, g_checksum_get_string (checksum));

  out_path = g_build_filename (db->dir, "keluar.mp4", NULL);
  out = g_file_new_for_path (out_path);
  g_assert_true (warta_engine_export_attachment_to_file (db->engine, id, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  peak_after_export = status_kib ("VmHWM");
  exported_sum = file_sha256 (out_path);
  g_assert_cmpstr (exported_sum, ==, g_checksum_get_string (checksum));
  g_unlink (out_path);

  g_test_message ("rss before %" G_GINT64_FORMAT " KiB; peak growth: attach %" G_GINT64_FORMAT
                  " KiB, export %" G_GINT64_FORMAT " KiB (budget %d KiB)",
                  rss_before, peak_after_attach - rss_before, peak_after_export - rss_before, BUDGET_KIB);
  g_print ("# streaming: 300 MiB attach+export, peak RSS growth %" G_GINT64_FORMAT " KiB (limit %d KiB)\n",
           peak_after_export - rss_before, BUDGET_KIB);
  g_assert_cmpint (peak_after_attach - rss_before, <, BUDGET_KIB);
  g_assert_cmpint (peak_after_export - rss_before, <, BUDGET_KIB);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/streaming/300-mib", test_300_mib);
  return g_test_run ();
}
