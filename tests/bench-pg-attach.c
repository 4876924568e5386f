/* bench-pg-attach.c: a 200 MiB file into a PostgreSQL store and out again
 *
 * pg-attach-200mib: the engine attaches the file (warta_engine_attach, a
 * 4 MiB chunk a transaction, hashed and its kind checked) to a berkas in
 * a PostgreSQL store and exports it back to a file
 * (warta_engine_export_attachment_to_file, which checks the hash on the
 * way). The reference is libpq called directly with the same bytes in
 * the same run: the file sent with COPY FROM STDIN (binary, through
 * PQputCopyData) as 4 MiB rows of a chunk table shaped like Warta's
 * attachment_data, then read back in single-row mode, a chunk at a time,
 * into a file; no hashing, no checks, one transaction. Both the time and
 * the growth of the peak resident size (VmHWM after writing "5" to
 * /proc/self/clear_refs) are measured; the aim is under 32 MiB either way.
 *
 * Run by tests/pg/with-cluster.sh, which starts the cluster it uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "test-util.h"
#include "warta-sha256.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define FILE_SIZE (G_GINT64_CONSTANT (200) * 1024 * 1024)
#define CHUNK (1024 * 1024)
/* As the engine stores a file: rows of 4 MiB */
#define ROW_SIZE (4 * 1024 * 1024)
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

/* Sets the peak resident size back to the current one, so that what
 * came before is not counted; returns the resident size then. */
static gint64
reset_peak (void)
{
  FILE *clear = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (clear);
  g_assert_cmpint (fputs ("5", clear), >=, 0);
  g_assert_cmpint (fclose (clear), ==, 0);
  return status_kib ("VmRSS");
}

/* An MP4's ftyp box, then a pattern that differs per 4 KiB, so that the
 * hash sees every byte and nothing compresses it away. */
static char *
write_big_file (const char *dir,
                char      **sha256)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
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
        memset (chunk + i, (int)((done / CHUNK * 7 + i / 4096) & 0xff), 4096);
      if (done == 0)
        memcpy (chunk, "\0\0\0\x18" "ftypmp42\0\0\0\0" "mp42isom", 24);
      g_checksum_update (checksum, chunk, CHUNK);
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), chunk, CHUNK, NULL, NULL, &error));
    }
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  *sha256 = g_strdup (g_checksum_get_string (checksum));
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

/* What hashing the file alone takes, as the engine hashes it on the way
 * in and out (the reference hashes nothing): read from the page cache. */
static double
hash_ms (const char *path)
{
  g_autoptr(WartaSha256) sha256 = warta_sha256_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autofree guint8 *chunk = g_malloc (CHUNK);
  gint64 start = g_get_monotonic_time ();
  gssize n;

  g_assert_nonnull (in);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), chunk, CHUNK, NULL, NULL)) > 0)
    warta_sha256_update (sha256, chunk, n);
  g_assert_cmpint (n, ==, 0);
  g_assert_nonnull (warta_sha256_get_string (sha256));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
pg_run (PGconn     *conn,
        const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
}

static void
put_copy (PGconn        *conn,
          gconstpointer  data,
          gsize          length)
{
  if (PQputCopyData (conn, data, (int)length) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
}

static void
put_be16 (PGconn *conn,
          gint16  value)
{
  guint16 be = GUINT16_TO_BE ((guint16)value);

  put_copy (conn, &be, sizeof be);
}

static void
put_be32 (PGconn *conn,
          gint32  value)
{
  guint32 be = GUINT32_TO_BE ((guint32)value);

  put_copy (conn, &be, sizeof be);
}

static void
put_be64_field (PGconn *conn,
                gint64  value)
{
  guint64 be = GUINT64_TO_BE ((guint64)value);

  put_be32 (conn, sizeof be);
  put_copy (conn, &be, sizeof be);
}

/* The file into ref_data as rows of ROW_SIZE, by binary COPY, read and
 * sent CHUNK at a time. */
static void
reference_import (PGconn     *conn,
                  const char *path)
{
  static const char header[] = "PGCOPY\n\377\r\n\0";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autofree guint8 *chunk = g_malloc (CHUNK);
  PGresult *res;

  g_assert_nonnull (in);
  pg_run (conn, "BEGIN");
  res = PQexec (conn, "COPY ref_data (attachment_id, at, data) FROM STDIN (FORMAT binary)");
  if (PQresultStatus (res) != PGRES_COPY_IN)
    g_error ("COPY: %s", PQerrorMessage (conn));
  PQclear (res);
  put_copy (conn, header, 11);
  put_be32 (conn, 0);   /* flags */
  put_be32 (conn, 0);   /* no header extension */
  for (gint64 at = 0; at < FILE_SIZE; at += ROW_SIZE)
    {
      gint64 row = MIN ((gint64)ROW_SIZE, FILE_SIZE - at);

      put_be16 (conn, 3);
      put_be64_field (conn, 1);
      put_be64_field (conn, at);
      put_be32 (conn, (gint32)row);
      for (gint64 done = 0; done < row; )
        {
          gsize n = 0;

          g_assert_true (g_input_stream_read_all (G_INPUT_STREAM (in), chunk, MIN ((gint64)CHUNK, row - done), &n,
                                                  NULL, NULL));
          g_assert_cmpuint (n, >, 0);
          put_copy (conn, chunk, n);
          done += n;
        }
    }
  put_be16 (conn, -1);
  if (PQputCopyEnd (conn, NULL) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  while ((res = PQgetResult (conn)) != NULL)
    {
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        g_error ("COPY: %s", PQerrorMessage (conn));
      PQclear (res);
    }
  pg_run (conn, "COMMIT");
}

/* ref_data back into a file, a row at a time (single-row mode, binary). */
static void
reference_export (PGconn     *conn,
                  const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  PGresult *res;
  gint64 total = 0;

  g_assert_nonnull (out);
  if (!PQsendQueryParams (conn, "SELECT data FROM ref_data WHERE attachment_id = 1 ORDER BY at",
                          0, NULL, NULL, NULL, NULL, 1))
    g_error ("SELECT: %s", PQerrorMessage (conn));
  PQsetSingleRowMode (conn);
  while ((res = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (res);

      if (status == PGRES_SINGLE_TUPLE)
        {
          g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), PQgetvalue (res, 0, 0),
                                                    PQgetlength (res, 0, 0), NULL, NULL, NULL));
          total += PQgetlength (res, 0, 0);
        }
      else if (status != PGRES_TUPLES_OK)
        g_error ("SELECT: %s", PQerrorMessage (conn));
      PQclear (res);
    }
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
  g_assert_cmpint (total, ==, FILE_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TestDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *ref_path = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *ref_exported = NULL;
  gint64 staff, case_id, id, rss;
  gint64 attach_kib, export_kib, ref_import_kib, ref_export_kib;
  double attach_ms, export_ms, ref_import_ms, ref_export_ms, sha256_ms;
  gint64 start;
  PGconn *conn;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("WARTA_TEST_PG_HOST") == NULL)
    g_error ("pg-attach-200mib runs in the cluster of tests/pg/with-cluster.sh");
  g_setenv ("WARTA_TEST_BACKEND", "postgres", TRUE);

  db = test_db_new ();
  test_db_install_seeds (db);
  staff = test_db_add_user (db, "staf", "staff-tim-kerja", NULL);
  case_id = warta_engine_start_case (db->engine, staff, SOP_ID, "Video liputan", &error);
  g_assert_no_error (error);
  path = write_big_file (db->dir, &sha256);
  file = g_file_new_for_path (path);
  out_path = g_build_filename (db->dir, "ekspor.mp4", NULL);
  out = g_file_new_for_path (out_path);
  ref_path = g_build_filename (db->dir, "ekspor-rujukan.mp4", NULL);

  /* The reference's table beside Warta's, in the same database, stored
   * as Warta stores its chunks. */
  conn = PQconnectdb (db->path);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", db->path, PQerrorMessage (conn));
  pg_run (conn, "CREATE TABLE ref_data (attachment_id BIGINT NOT NULL, at BIGINT NOT NULL, data BYTEA NOT NULL, "
                "PRIMARY KEY (attachment_id, at));"
                "ALTER TABLE ref_data ALTER data SET STORAGE EXTERNAL");

  /* The engine's, then the reference's, each with the peak reset before. */
  rss = reset_peak ();
  start = g_get_monotonic_time ();
  id = warta_engine_attach (db->engine, staff, case_id, file, "video", NULL, NULL, NULL, &error);
  attach_ms = (g_get_monotonic_time () - start) / 1000.0;
  attach_kib = status_kib ("VmHWM") - rss;
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  rss = reset_peak ();
  start = g_get_monotonic_time ();
  g_assert_true (warta_engine_export_attachment_to_file (db->engine, id, out, NULL, NULL, NULL, &error));
  export_ms = (g_get_monotonic_time () - start) / 1000.0;
  export_kib = status_kib ("VmHWM") - rss;
  g_assert_no_error (error);

  rss = reset_peak ();
  start = g_get_monotonic_time ();
  reference_import (conn, path);
  ref_import_ms = (g_get_monotonic_time () - start) / 1000.0;
  ref_import_kib = status_kib ("VmHWM") - rss;

  rss = reset_peak ();
  start = g_get_monotonic_time ();
  reference_export (conn, ref_path);
  ref_export_ms = (g_get_monotonic_time () - start) / 1000.0;
  ref_export_kib = status_kib ("VmHWM") - rss;
  PQfinish (conn);

  sha256_ms = hash_ms (path);
  exported = file_sha256 (out_path);
  ref_exported = file_sha256 (ref_path);
  if (g_strcmp0 (exported, sha256) != 0 || g_strcmp0 (ref_exported, sha256) != 0)
    g_error ("SHA-256: original %s, exported by Warta %s, by the reference %s", sha256, exported, ref_exported);
  g_unlink (path);
  g_unlink (out_path);
  g_unlink (ref_path);

  g_print ("bench: pg-attach-200mib: warta=%.0fms reference=%.0fms ratio=%.2f (attach; reference COPY FROM STDIN)\n",
           attach_ms, ref_import_ms, attach_ms / ref_import_ms);
  g_print ("bench: pg-export-200mib: warta=%.0fms reference=%.0fms ratio=%.2f (export to a file; reference "
           "single-row SELECT)\n", export_ms, ref_export_ms, export_ms / ref_export_ms);
  g_print ("bench: pg-attach-200mib-peak-rss: warta=%.1fMiB reference=%.1fMiB (aim < %d MiB)%s\n",
           attach_kib / 1024.0, ref_import_kib / 1024.0, BUDGET_KIB / 1024,
           attach_kib < BUDGET_KIB ? "" : " MISSED");
  g_print ("bench: pg-export-200mib-peak-rss: warta=%.1fMiB reference=%.1fMiB (aim < %d MiB)%s\n",
           export_kib / 1024.0, ref_export_kib / 1024.0, BUDGET_KIB / 1024,
           export_kib < BUDGET_KIB ? "" : " MISSED");
  g_print ("note: pg-attach-200mib: the engine hashes the file on the way in and again out; hashing it alone "
           "takes %.0fms\n", sha256_ms);
  g_print ("note: pg-attach-200mib: SHA-256 of the exported file equals the original's (%s)\n", sha256);
  return 0;
}
