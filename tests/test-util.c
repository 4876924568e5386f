/* test-util.c: a scratch database and engine for the tests
 *
 * Tests reach into the database with raw SQL only to tamper with it or to
 * count rows; the code under test has its SQL in the store alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "test-util.h"
#include "warta-evidence.h"
#include "warta-password.h"
#include "warta-sample.h"

/* Read by LeakSanitizer when a test is built with it. Fontconfig keeps its
 * configuration until exit, and cairo 1.16 loses the pattern of the font
 * it finds for text drawn with its own API (the sample office's documents,
 * the tests' PDFs): one-time allocations inside fontconfig. They cannot be
 * freed with FcFini where poppler still holds cairo faces of the fonts it
 * fell back on, and fontconfig has no frame pointers, so the stack ends
 * in it: only the library can be named.
 *
 * GLib 2.74's shared-mime-info reader (xdgmime, inside gio) loses 104
 * bytes of its first load of the MIME database, once, when any content
 * type call follows g_content_type_get_description(), as the attachment
 * check does to say what a file really is. A ten-line program with no
 * Warta code in it shows the same 104 bytes, and no more however often it
 * repeats. xdgmime is the part of gio that calls malloc itself (the rest
 * allocates through g_malloc, so its stacks start in libglib), and gio has
 * no frame pointers: the stack ends in it, and only the library can be
 * named. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n"
         "leak:libgio-2.0.so\n";
}

/* The core tests run twice: on a sqlite file, and with
 * WARTA_TEST_BACKEND=postgres on a database of their own in the
 * PostgreSQL cluster tests/pg/with-cluster.sh started for them. */
gboolean
test_db_is_postgres (void)
{
  return g_strcmp0 (g_getenv ("WARTA_TEST_BACKEND"), "postgres") == 0;
}

/* A connection as the cluster's superuser to dbname: the tests' way
 * round the store, to make databases and to tamper. */
static PGconn *
pg_connect (const char *dbname)
{
  const char *host = g_getenv ("WARTA_TEST_PG_HOST");
  const char *port = g_getenv ("WARTA_TEST_PG_PORT");
  g_autofree char *conninfo = NULL;
  PGconn *conn;

  if (host == NULL || port == NULL)
    g_error ("WARTA_TEST_BACKEND=postgres needs the cluster of tests/pg/with-cluster.sh");
  conninfo = g_strdup_printf ("host=%s port=%s user=postgres dbname=%s", host, port, dbname);
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s: %s", conninfo, PQerrorMessage (conn));
  return conn;
}

static void
pg_run (PGconn     *conn,
        const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

static char *
pg_new_database (void)
{
  static guint counter;
  char *name = g_strdup_printf ("warta_test_%d_%u", (int)getpid (), ++counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *conn = pg_connect ("postgres");

  pg_run (conn, create);
  PQfinish (conn);
  return name;
}

static void
pg_drop_database (const char *name)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  PGconn *conn = pg_connect ("postgres");

  pg_run (conn, drop);
  PQfinish (conn);
}

/* The SQL a test tampers with, in the words of the backend it runs on. */
const char *
test_db_sql (const char *sqlite,
             const char *postgres)
{
  return test_db_is_postgres () ? postgres : sqlite;
}

static gint64
test_clock (gpointer user_data)
{
  TestDb *db = user_data;

  return db->now;
}

static void
open_engine (TestDb *db)
{
  g_autoptr(GError) error = NULL;

  db->store = warta_store_open (db->path, &error);
  g_assert_no_error (error);
  db->engine = warta_engine_new (db->store);
  warta_engine_set_clock (db->engine, test_clock, db);
  warta_evidence_set_keep_bukti (db->engine, TRUE);
}

TestDb *
test_db_new (void)
{
  g_autoptr(GError) error = NULL;
  TestDb *db = g_new0 (TestDb, 1);
  WartaUser admin = { 0 };
  const char *roles[] = { "admin", NULL };

  /* Cheap hashes for the test's people: tests/test-password.c checks
   * the real cost. */
  warta_password_use_test_cost ();
  db->dir = g_dir_make_tmp ("warta-test-XXXXXX", &error);
  g_assert_no_error (error);
  if (test_db_is_postgres ())
    {
      db->pg_database = pg_new_database ();
      db->path = g_strdup_printf ("host=%s port=%s user=postgres dbname=%s", g_getenv ("WARTA_TEST_PG_HOST"),
                                  g_getenv ("WARTA_TEST_PG_PORT"), db->pg_database);
    }
  else
    db->path = g_build_filename (db->dir, "warta.db", NULL);
  /* 2026-01-05 08:00 UTC, a Monday */
  db->now = G_GINT64_CONSTANT (1767600000) * G_USEC_PER_SEC;
  open_engine (db);

  g_assert_true (warta_engine_add_role (db->engine, 0, "admin", "Administrator", &error));
  g_assert_no_error (error);
  admin.login = (char *)"admin";
  admin.full_name = (char *)"Administrator";
  admin.roles = (GStrv)roles;
  db->admin = warta_engine_add_user (db->engine, 0, &admin, TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (db->admin, >, 0);
  return db;
}

void
test_db_reopen (TestDb *db)
{
  g_clear_object (&db->engine);
  g_clear_object (&db->store);
  open_engine (db);
}

/* Removes @path and everything under it. */
void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
test_db_free (TestDb *db)
{
  g_clear_object (&db->engine);
  g_clear_object (&db->store);
  if (db->pg_database != NULL)
    pg_drop_database (db->pg_database);
  g_free (db->pg_database);
  test_remove_tree (db->dir);
  g_free (db->dir);
  g_free (db->path);
  g_free (db);
}

char *
test_db_seed_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sop", name, NULL);
}

void
test_db_install_seeds (TestDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", NULL);

  g_assert_true (warta_engine_install_sops (db->engine, dir, NULL, &error));
  g_assert_no_error (error);
}

gint64
test_db_add_user (TestDb     *db,
                  const char *login,
                  const char *first_role,
                  ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) roles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("User %s", login);
  WartaUser user = { 0 };
  va_list args;
  gint64 id;

  va_start (args, first_role);
  for (const char *role = first_role; role != NULL; role = va_arg (args, const char *))
    g_strv_builder_add (builder, role);
  va_end (args);
  roles = g_strv_builder_end (builder);

  user.login = (char *)login;
  user.full_name = name;
  user.roles = roles;
  /* As in the office: the administrator gives a first password, the
   * person chooses their own (TEST_PASSWORD) before signing in. */
  id = warta_engine_add_user (db->engine, db->admin, &user, TEST_FIRST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (warta_engine_change_password (db->engine, login, TEST_FIRST_PASSWORD, TEST_PASSWORD, &error),
                   ==, id);
  g_assert_no_error (error);
  return id;
}

void
test_db_advance (TestDb *db,
                 int     minutes)
{
  db->now += (gint64)minutes * 60 * G_USEC_PER_SEC;
}

void
test_db_exec (TestDb     *db,
              const char *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  if (db->pg_database != NULL)
    {
      PGconn *conn = pg_connect (db->pg_database);

      pg_run (conn, sql);
      PQfinish (conn);
      return;
    }

  g_assert_cmpint (sqlite3_open (db->path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (raw);
}

gint64
test_db_count (TestDb     *db,
               const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (db->pg_database != NULL)
    {
      PGconn *conn = pg_connect (db->pg_database);
      PGresult *result = PQexec (conn, sql);

      if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) < 1)
        g_error ("%s: %s", sql, PQerrorMessage (conn));
      value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);
      return value;
    }

  g_assert_cmpint (sqlite3_open (db->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return value;
}

/* A complete naskah, 5W+1H included, saved as the holder would. */
void
test_db_write_naskah (TestDb *db,
                      gint64  actor,
                      gint64  case_id)
{
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (case_id);
  g_autoptr(GError) error = NULL;
  const char *answers[] = { "Tim Kerja", "Vaksinasi massal", "Senin, 5 Januari 2026",
                            "Pelabuhan Belawan", "Mencegah wabah", "Pos layanan keliling" };

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Vaksinasi di Pelabuhan");
  naskah->body = g_strdup ("Petugas memberikan **vaksinasi** kepada awak kapal.");
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    naskah->five_w[i] = g_strdup (answers[i]);

  g_assert_true (warta_engine_save_naskah (db->engine, actor, naskah, &error));
  g_assert_no_error (error);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
test_pdf_bytes (const char *line)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);

  /* The same bytes every run, whatever the day. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2025-01-15T08:00:00");
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 60, 90);
  cairo_show_text (cr, line);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (pdf);
}

GBytes *
test_docx_bytes (void)
{
  static const struct
  {
    const char *path;
    const char *text;
  } parts[] = {
    { "[Content_Types].xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "</Types>" },
    { "_rels/.rels",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"word/document.xml\"/></Relationships>" },
    { "word/document.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>Kerangka acuan kegiatan vaksinasi</w:t></w:r></w:p></w:body></w:document>" },
  };
  struct archive *zip = archive_write_new ();
  gsize size = 64 * 1024;
  g_autofree guint8 *buffer = g_malloc (size);
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (zip, buffer, size, &used), ==, ARCHIVE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, parts[i].path);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, strlen (parts[i].text));
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (zip, parts[i].text, strlen (parts[i].text)), ==, strlen (parts[i].text));
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
  return g_bytes_new (buffer, used);
}

/* A small file of the kind's usual type, in the database's folder: the
 * engine reads the content, so each is a real one. */
char *
test_db_write_file (TestDb     *db,
                    const char *name,
                    const char *kind)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  /* The start of an MP4: its ftyp box. */
  static const guint8 mp4[] = {
    0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0,
    'm', 'p', '4', '2', 'i', 's', 'o', 'm', 0, 0, 0, 8, 'f', 'r', 'e', 'e',
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  char *path = g_build_filename (db->dir, name, NULL);

  if (g_strcmp0 (kind, "foto") == 0)
    content = g_bytes_new_static (png, sizeof png);
  else if (g_strcmp0 (kind, "video") == 0)
    content = g_bytes_new_static (mp4, sizeof mp4);
  else if (g_strcmp0 (kind, "lainnya") == 0)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s\n", kind, name);

      content = g_bytes_new (text, strlen (text));
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", kind, name);

      content = test_pdf_bytes (line);
    }
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (content, NULL), g_bytes_get_size (content), &error));
  g_assert_no_error (error);
  return path;
}

gint64
test_db_attach (TestDb     *db,
                gint64      actor,
                gint64      case_id,
                const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".bin", kind, case_id);
  g_autofree char *path = test_db_write_file (db, name, kind);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 id = warta_engine_attach (db->engine, actor, case_id, file, kind, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_unlink (path);
  return id;
}

/* Puts content under kind at the active step, as an older Warta did:
 * straight into the store, asking nothing about it. */
gint64
test_db_store_old_file (TestDb     *db,
                        gint64      actor,
                        gint64      case_id,
                        const char *name,
                        const char *kind,
                        GBytes     *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaCase) kase = warta_store_get_case (db->store, case_id, &error);
  g_autoptr(WartaStoreBlob) blob = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  WartaAttachment attachment = {
    .case_id = case_id,
    .kind = (char *)kind,
    .name = (char *)name,
    .content_type = (char *)"application/pdf",
    .size = g_bytes_get_size (content),
    .sha256 = sha256,
    .added_by = actor,
    .added_at = db->now,
  };
  gint64 id;

  g_assert_no_error (error);
  g_assert_nonnull (kase->active);
  attachment.run_id = kase->active->id;
  attachment.step_id = kase->active->step_id;
  tx = warta_store_transaction (db->store, &error);
  g_assert_nonnull (tx);
  id = warta_store_insert_attachment (db->store, &attachment, &error);
  g_assert_no_error (error);
  if (attachment.size > 0)
    {
      blob = warta_store_blob_open (db->store, id, TRUE, &error);
      g_assert_no_error (error);
      g_assert_true (warta_store_blob_write (blob, g_bytes_get_data (content, NULL), attachment.size, 0, &error));
      g_clear_pointer (&blob, warta_store_blob_close);
    }
  g_assert_true (warta_transaction_commit (tx, &error));
  g_assert_no_error (error);
  return id;
}

/* Attaches one file of each kind the active step asks for, so that drives
 * through an SOP can complete it. */
void
test_db_meet_requirements (TestDb *db,
                         gint64  actor,
                         gint64  case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = warta_store_get_case (db->store, case_id, &error);
  g_autoptr(WartaSop) sop = NULL;
  const WartaSopStep *step;

  g_assert_no_error (error);
  g_assert_nonnull (kase->active);
  sop = warta_engine_get_sop (db->engine, kase->sop_id, kase->sop_version, &error);
  g_assert_no_error (error);
  step = warta_sop_lookup_step (sop, kase->active->step_id);
  for (guint i = 0; i < step->requirements->len; i++)
    {
      const WartaSopRequirement *req = g_ptr_array_index (step->requirements, i);

      if (req->attachment != NULL && !req->optional)
        test_db_attach (db, actor, case_id, req->attachment);
    }
  if (step->action == WARTA_SOP_ACTION_PUBLISH)
    {
      g_assert_true (warta_sample_prove_publication (db->engine, actor, case_id, NULL, &error));
      g_assert_no_error (error);
    }
  if (step->action == WARTA_SOP_ACTION_PRINT)
    {
      g_assert_true (warta_engine_record_print (db->engine, actor, case_id, "bukti", FALSE, NULL, &error));
      g_assert_no_error (error);
    }
}

gint64
test_db_drive_002 (TestDb     *db,
                   gint64      staff,
                   gint64      katim,
                   gint64      kepala,
                   gint64      web,
                   const char *title,
                   guint       rounds)
{
  return test_db_drive_002_full (db, staff, katim, kepala, web, title, rounds, WARTA_SIFAT_BIASA, 0);
}

gint64
test_db_drive_002_full (TestDb     *db,
                        gint64      staff,
                        gint64      katim,
                        gint64      kepala,
                        gint64      web,
                        const char *title,
                        guint       rounds,
                        WartaSifat  sifat,
                        guint       arahan_boxes)
{
  WartaEngine *e = db->engine;
  g_autoptr(GError) error = NULL;
  gint64 id = warta_engine_start_case (e, staff, "bbkk-medan-publikasi-website", title, &error);

  g_assert_no_error (error);
  test_db_write_naskah (db, staff, id);
  test_db_advance (db, 50);
  g_assert_true (warta_engine_complete (e, staff, id, "konsep", &error));
  test_db_meet_requirements (db, staff, id);
  test_db_advance (db, 20);
  g_assert_true (warta_engine_complete (e, staff, id, NULL, &error));
  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *reason = g_strdup_printf ("alasan-%02u perbaiki lampiran dan paragraf kedua", i);

      test_db_advance (db, 30);
      g_assert_true (warta_engine_return (e, katim, id, "2", reason, &error));
      g_assert_no_error (error);
      test_db_advance (db, 10);
      g_assert_true (warta_engine_complete (e, staff, id, NULL, &error));
      g_assert_no_error (error);
    }
  test_db_advance (db, 70);  /* over its 60 minutes */
  g_assert_true (warta_engine_complete (e, katim, id, "sudah dikoreksi", &error));
  test_db_advance (db, 5);
  g_assert_true (warta_engine_dispose_full (e, kepala, id, katim, "Segera terbitkan di website", sifat, arahan_boxes,
                                            &error));
  test_db_advance (db, 40);
  g_assert_true (warta_engine_complete (e, katim, id, NULL, &error));
  test_db_advance (db, 25);
  test_db_meet_requirements (db, web, id);
  g_assert_true (warta_engine_complete (e, web, id, NULL, &error));
  test_db_advance (db, 10);
  g_assert_true (warta_engine_complete (e, web, id, NULL, &error));
  test_db_advance (db, 10);
  g_assert_true (warta_engine_complete (e, staff, id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

char *
test_db_text (TestDb     *db,
              const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (db->pg_database != NULL)
    {
      PGconn *conn = pg_connect (db->pg_database);
      PGresult *result = PQexec (conn, sql);

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("%s: %s", sql, PQerrorMessage (conn));
      if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
        text = g_strdup (PQgetvalue (result, 0, 0));
      PQclear (result);
      PQfinish (conn);
      return text;
    }

  g_assert_cmpint (sqlite3_open (db->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return text;
}
