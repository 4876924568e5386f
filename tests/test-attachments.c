/* test-attachments.c: files kept with a case, in and out of the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "test-util.h"

#define SOP_ID "bbkk-medan-publikasi-website"

typedef struct
{
  TestDb *db;
  gint64  staff;
  gint64  katim;
  gint64  case_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->case_id = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Rilis vaksinasi", &error);
  g_assert_no_error (error);
  test_db_write_naskah (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_db_free (f->db);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const void *content,
            gsize       length)
{
  g_autofree char *path = g_build_filename (f->db->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, length, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gint64
count_rows (Fixture *f)
{
  /* A content is one row on sqlite, rows of chunks on PostgreSQL */
  return test_db_count (f->db, "SELECT count(*) FROM attachments") +
         test_db_count (f->db, "SELECT count(DISTINCT attachment_id) FROM attachment_data");
}

static GFile *
write_bytes (Fixture    *f,
             const char *name,
             GBytes     *bytes)
{
  return write_file (f, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A ZIP of the given entries, name then content, stored uncompressed as
 * OpenDocument wants its mimetype entry. */
static GBytes *
zip_bytes (const char *first_path,
           ...)
{
  struct archive *zip = archive_write_new ();
  gsize size = 64 * 1024;
  g_autofree guint8 *buffer = g_malloc (size);
  size_t used = 0;
  const char *path = first_path;
  va_list args;

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_set_option (zip, "zip", "compression", "store"), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (zip, buffer, size, &used), ==, ARCHIVE_OK);
  va_start (args, first_path);
  for (; path != NULL; path = va_arg (args, const char *))
    {
      const char *text = va_arg (args, const char *);
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, path);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, strlen (text));
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (zip, text, strlen (text)), ==, strlen (text));
      archive_entry_free (entry);
    }
  va_end (args);
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
  return g_bytes_new (buffer, used);
}

static void
test_attach_and_export (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_pdf_bytes ("Nota dinas nomor 12");
  gsize pdf_length = 0;
  const char *pdf = g_bytes_get_data (bytes, &pdf_length);
  g_autoptr(GFile) file = write_bytes (f, "nota.pdf", bytes);
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *want_sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *)pdf, pdf_length);
  g_autofree char *out_path = g_build_filename (f->db->dir, "out.pdf", NULL);
  g_autofree char *content = NULL;
  gsize length;
  gint64 events, id;

  events = test_db_count (f->db, "SELECT count(*) FROM journal");
  f->db->now += 1000;
  id = warta_engine_attach (f->db->engine, f->staff, f->case_id, file, "nota-dinas", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  attachment = warta_store_get_attachment (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attachment->case_id, ==, f->case_id);
  g_assert_cmpstr (attachment->step_id, ==, "2");
  g_assert_cmpstr (attachment->kind, ==, "nota-dinas");
  g_assert_cmpstr (attachment->name, ==, "nota.pdf");
  g_assert_cmpstr (attachment->content_type, ==, "application/pdf");
  g_assert_cmpint (attachment->size, ==, pdf_length);
  g_assert_cmpstr (attachment->sha256, ==, want_sum);
  g_assert_cmpint (attachment->added_by, ==, f->staff);
  g_assert_cmpint (attachment->added_at, ==, f->db->now);

  /* Journaled, with the hash */
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, events + 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'attachment.add' "
                                         "AND payload LIKE '%" "\"sha256\":\"%'"), ==, 1);

  out_file = g_file_new_for_path (out_path);
  g_assert_true (warta_engine_export_attachment_to_file (f->db->engine, id, out_file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &content, &length, NULL));
  g_assert_cmpmem (content, length, pdf, pdf_length);
}

/* The type comes from the bytes: a photo named .pdf is a photo, bytes
 * that say nothing are octet-stream, and the default kind follows. */
static void
test_type_sniffed (Fixture       *f,
                   gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0 };
  static const guint8 noise[] = { 0x00, 0x13, 0x37, 0xfe, 0x01, 0x99, 0x42, 0x00, 0x07, 0xee, 0x10, 0x20 };
  const struct
  {
    const char   *name;
    const guint8 *content;
    gsize         length;
    const char   *type;
    const char   *kind;
  } cases[] = {
    { "foto.pdf", png, sizeof png, "image/png", "foto" },
    { "gambar.txt", jpeg, sizeof jpeg, "image/jpeg", "foto" },
    { "laporan.pdf", noise, sizeof noise, "application/octet-stream", "lainnya" },
    /* A PDF header on a file that is no PDF is no supporting document. */
    { "rusak.pdf", (const guint8 *)"%PDF-1.7\n1 0 obj", 16, "application/pdf", "lainnya" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_file (f, cases[i].name, cases[i].content, cases[i].length);
      g_autoptr(WartaAttachment) attachment = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = warta_engine_attach (f->db->engine, f->staff, f->case_id, file, NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      attachment = warta_store_get_attachment (f->db->store, id, &error);
      g_assert_cmpstr (attachment->content_type, ==, cases[i].type);
      g_assert_cmpstr (attachment->kind, ==, cases[i].kind);
      g_assert_cmpint (attachment->size, ==, cases[i].length);
    }
}

static void
test_over_limit_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *content = g_malloc0 (4096);
  g_autoptr(GFile) file = write_file (f, "besar.pdf", content, 4096);
  g_autoptr(GError) error = NULL;
  gint64 events = test_db_count (f->db, "SELECT count(*) FROM journal");

  g_assert_cmpint (warta_engine_get_attachment_limit (f->db->engine), ==, 512 * 1024 * 1024);

  /* Only an administrator sets the limit, and only within sqlite's own. */
  g_assert_false (warta_engine_set_attachment_limit (f->db->engine, f->staff, 1024, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (warta_engine_set_attachment_limit (f->db->engine, f->db->admin, WARTA_STORE_MAX_BLOB_SIZE + 1, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (warta_engine_set_attachment_limit (f->db->engine, f->db->admin, 4095, &error));
  g_assert_no_error (error);
  events++;

  g_assert_cmpint (warta_engine_attach (f->db->engine, f->staff, f->case_id, file, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "besar.pdf"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f), ==, 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, events);

  /* At the limit exactly, it goes in. */
  g_assert_true (warta_engine_set_attachment_limit (f->db->engine, f->db->admin, 4096, &error));
  g_assert_cmpint (warta_engine_attach (f->db->engine, f->staff, f->case_id, file, NULL, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_refusals_leave_nothing (Fixture       *f,
                             gconstpointer  data)
{
  static const char text[] = "isi";
  g_autoptr(GFile) file = write_file (f, "a.txt", text, 3);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/warta/file.pdf");
  g_autoptr(GFile) folder = g_file_new_for_path (f->db->dir);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  WartaEngine *e = f->db->engine;

  g_assert_cmpint (warta_engine_attach (e, f->katim, f->case_id, file, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_attach (e, f->staff, f->case_id, file, "surat", NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_attach (e, f->staff, f->case_id, missing, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_attach (e, f->staff, f->case_id, folder, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_attach (e, f->staff, 9999, file, NULL, NULL, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_cancellable_cancel (cancelled);
  g_assert_cmpint (warta_engine_attach (e, f->staff, f->case_id, file, NULL, NULL, NULL, cancelled, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (f), ==, 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind LIKE 'attachment.%'"), ==, 0);
}

/* Step 2 names a nota dinas and supporting documents: it completes only
 * with both; a file can be taken back until then, not after. */
static void
test_required_and_removal (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaAttachment) kept = NULL;
  WartaEngine *e = f->db->engine;
  gint64 nota, extra;

  g_assert_false (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "Nota dinas"));
  g_clear_error (&error);

  nota = test_db_attach (f->db, f->staff, f->case_id, "nota-dinas");
  extra = test_db_attach (f->db, f->staff, f->case_id, "foto");
  g_assert_false (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_assert_null (strstr (error->message, "Nota dinas"));
  g_clear_error (&error);

  /* Only the holder removes, and the removal is journaled. */
  g_assert_false (warta_engine_remove_attachment (e, f->katim, extra, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (warta_engine_remove_attachment (e, f->staff, extra, &error));
  g_assert_no_error (error);
  g_assert_null (warta_store_get_attachment (f->db->store, extra, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(DISTINCT attachment_id) FROM attachment_data"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'attachment.remove'"), ==, 1);

  test_db_attach (f->db, f->staff, f->case_id, "dokumen-pendukung");
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_no_error (error);

  /* Step 3 is katim's: the nota dinas was handed on and stays. */
  g_assert_false (warta_engine_remove_attachment (e, f->katim, nota, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  kept = warta_store_get_attachment (f->db->store, nota, NULL);
  g_assert_nonnull (kept);

  g_assert_true (warta_journal_verify (f->db->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Content changed behind Warta's back is caught on the way out, and a
 * failed export leaves no file behind. */
static void
test_export_checks_hash (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->db->dir, "keluar.pdf", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent/warta/keluar.pdf");
  gint64 id = test_db_attach (f->db, f->staff, f->case_id, "nota-dinas");
  /* On PostgreSQL the content is chunks: the first one replaced, the rest gone */
  g_autofree char *sql = test_db_is_postgres ()
    ? g_strdup_printf ("DELETE FROM attachment_data WHERE attachment_id = %1$" G_GINT64_FORMAT " AND at > 0;"
                       "UPDATE attachment_data SET data = convert_to ('%%PDF-1.4 palsu', 'UTF8') "
                       "WHERE attachment_id = %1$" G_GINT64_FORMAT, id)
    : g_strdup_printf ("UPDATE attachment_data SET data = CAST ('%%PDF-1.4 palsu' AS BLOB) "
                       "WHERE attachment_id = %" G_GINT64_FORMAT, id);

  g_assert_false (warta_engine_export_attachment_to_file (f->db->engine, id, nowhere, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  test_db_exec (f->db, sql);
  g_assert_false (warta_engine_export_attachment_to_file (f->db->engine, id, out, NULL, NULL, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_false (warta_engine_export_attachment_to_file (f->db->engine, 9999, out, NULL, NULL, NULL, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  gint64 calls;
  gint64 last_done;
  gint64 total;
} Progress;

static void
on_progress (gint64   done,
             gint64   total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (done, >=, progress->last_done);
  g_assert_cmpint (done, <=, total);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
}

/* Several chunks (a transaction each, 4 MiB), each reported, and the
 * bytes come back the same. */
static void
test_chunks_and_progress (Fixture       *f,
                          gconstpointer  data)
{
  gsize length = 12 * 1024 * 1024 + 17;
  g_autofree guint8 *content = g_malloc (length);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMemoryOutputStream) out = NULL;
  g_autofree char *want = NULL;
  g_autoptr(WartaAttachment) stored = NULL;
  Progress in = { 0 }, back = { 0 };
  gint64 id;

  for (gsize i = 0; i < length; i++)
    content[i] = (guint8)(i * 31 + (i >> 11));
  /* An MP4's ftyp box first, so that it is a video by its content. */
  memcpy (content, "\0\0\0\x18" "ftypmp42\0\0\0\0" "mp42isom", 24);
  file = write_file (f, "video.mp4", content, length);
  want = g_compute_checksum_for_data (G_CHECKSUM_SHA256, content, length);

  id = warta_engine_attach (f->db->engine, f->staff, f->case_id, file, "video", on_progress, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (in.calls, >=, 4);
  g_assert_cmpint (in.last_done, ==, length);

  out = G_MEMORY_OUTPUT_STREAM (g_memory_output_stream_new_resizable ());
  g_assert_true (warta_engine_export_attachment (f->db->engine, id, G_OUTPUT_STREAM (out), on_progress, &back,
                                                 NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back.calls, >=, 4);
  g_assert_cmpmem (g_memory_output_stream_get_data (out), g_memory_output_stream_get_data_size (out),
                   content, length);
  stored = warta_store_get_attachment (f->db->store, id, NULL);
  g_assert_cmpstr (stored->sha256, ==, want);
}

/* A kind holds what its content bears out, whatever the name says: a ZIP
 * named .pdf is no nota dinas, an empty file is nothing at all, and the
 * message says what is wrong with which file. Nothing of a refused file
 * stays, nor any journal event. */
static void
test_content_refused (Fixture       *f,
                      gconstpointer  data)
{
  static const guint8 ole_head[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  g_autofree guint8 *ole_content = g_malloc0 (1536);
  g_autoptr(GBytes) zip = zip_bytes ("foto.jpg", "bukan foto", NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) broken = g_bytes_new_static ("%PDF-1.4\n1 0 obj << /Type /Catalog", 34);
  g_autoptr(GBytes) text = g_bytes_new_static ("Ini teks biasa, bukan foto.\n", 28);
  g_autoptr(GBytes) ole = NULL;
  gint64 events = test_db_count (f->db, "SELECT count(*) FROM journal");
  struct
  {
    const char *name;
    GBytes     *content;
    const char *kind;
    const char *message;
  } cases[] = {
    { "nota-dinas.pdf", zip, "nota-dinas",
      "“nota-dinas.pdf” is not a PDF document: its content is Zip archive. "
      "A nota dinas or supporting document must be a PDF, an office document" },
    { "data-dukung.docx", zip, "dokumen-pendukung",
      "“data-dukung.docx” is not a Word 2007 document: its content is Zip archive. " },
    { "arsip", zip, "nota-dinas", "“arsip” is not a document: its content is Zip archive. " },
    { "bukti.pdf", empty, "dokumen-pendukung", "“bukti.pdf” is empty (0 bytes). A nota dinas or supporting" },
    { "catatan.txt", empty, "lainnya", "“catatan.txt” is empty (0 bytes). An attachment cannot be empty" },
    { "kosong.pdf", empty, NULL, "“kosong.pdf” is empty (0 bytes). " },
    { "rusak.pdf", broken, "nota-dinas", "“rusak.pdf” is a damaged or incomplete PDF. " },
    { "foto.jpg", text, "foto", "“foto.jpg” is not a JPEG image: its content is plain text document. A photo" },
    { "video.mp4", text, "video", "“video.mp4” is not a MPEG-4 video: its content is plain text document. " },
    { "pemasang.msi", NULL, "dokumen-pendukung", "“pemasang.msi” is not a Windows Installer package: " },
  };

  /* An OLE2 compound file that is not Office's: an installer. */
  memcpy (ole_content, ole_head, sizeof ole_head);
  ole = g_bytes_new (ole_content, 1536);
  cases[G_N_ELEMENTS (cases) - 1].content = ole;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_bytes (f, cases[i].name, cases[i].content);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s as %s", cases[i].name, cases[i].kind);
      g_assert_cmpint (warta_engine_attach (f->db->engine, f->staff, f->case_id, file, cases[i].kind,
                                            NULL, NULL, NULL, &error), ==, 0);
      g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].message);
    }

  g_assert_cmpint (count_rows (f), ==, 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, events);
}

/* Documents in every form an office keeps them: a PDF, Word (OOXML and
 * before 2007), OpenDocument, a scan as an image; the type kept is the one
 * the content showed. */
static void
test_documents_accepted (Fixture       *f,
                         gconstpointer  data)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  static const guint8 ole_head[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  g_autofree guint8 *ole_content = g_malloc0 (1536);
  g_autoptr(GBytes) pdf = test_pdf_bytes ("Nota dinas");
  g_autoptr(GBytes) docx = test_docx_bytes ();
  g_autoptr(GBytes) odt = zip_bytes ("mimetype", "application/vnd.oasis.opendocument.text",
                                     "content.xml", "<office:document-content/>",
                                     "META-INF/manifest.xml", "<manifest:manifest/>", NULL);
  g_autoptr(GBytes) scan = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) doc = NULL;
  struct
  {
    const char *name;
    GBytes     *content;
    const char *kind;
    const char *type;
  } cases[] = {
    { "nota-dinas.pdf", pdf, "nota-dinas", "application/pdf" },
    { "kerangka-acuan.docx", docx, "dokumen-pendukung",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    /* The name says nothing: the package says Word. */
    { "lampiran", docx, "dokumen-pendukung",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { "laporan.odt", odt, "dokumen-pendukung", "application/vnd.oasis.opendocument.text" },
    { "nota-dinas-pindai.png", scan, "nota-dinas", "image/png" },
    { "surat-lama.doc", NULL, "nota-dinas", "application/msword" },
    { "foto.png", scan, "foto", "image/png" },
  };

  memcpy (ole_content, ole_head, sizeof ole_head);
  doc = g_bytes_new (ole_content, 1536);
  cases[5].content = doc;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_bytes (f, cases[i].name, cases[i].content);
      g_autoptr(WartaAttachment) attachment = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id;

      g_test_message ("%s as %s", cases[i].name, cases[i].kind);
      id = warta_engine_attach (f->db->engine, f->staff, f->case_id, file, cases[i].kind, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      attachment = warta_store_get_attachment (f->db->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (attachment->kind, ==, cases[i].kind);
      g_assert_cmpstr (attachment->content_type, ==, cases[i].type);
      g_assert_true (warta_engine_check_attachment (f->db->engine, id, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, NULL));
}

/* A database of an older Warta already holds a ZIP as the nota dinas and
 * an empty supporting document: step 2 of seed 002 does not complete on
 * them, says which files are wrong, and completes once real ones are
 * attached. */
static void
test_old_bad_files_block_step (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) zip = zip_bytes ("isi.txt", "arsip", NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  gint64 nota, bukti;

  nota = test_db_store_old_file (f->db, f->staff, f->case_id, "nota-dinas.pdf", "nota-dinas", zip);
  bukti = test_db_store_old_file (f->db, f->staff, f->case_id, "bukti.pdf", "dokumen-pendukung", empty);

  g_assert_false (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==,
                   "Step 2 needs its attachments first: "
                   "Nota dinas (“nota-dinas.pdf” is not a PDF document: its content is Zip archive); "
                   "Dokumen dan data dukung yang akan dipublikasikan (“bukti.pdf” is empty (0 bytes))");
  g_clear_error (&error);
  g_assert_false (warta_engine_check_attachment (f->db->engine, nota, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT);
  g_clear_error (&error);
  g_assert_false (warta_engine_check_attachment (f->db->engine, bukti, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT);
  g_clear_error (&error);

  /* One good file of each kind is enough; the bad ones can go. */
  test_db_attach (f->db, f->staff, f->case_id, "nota-dinas");
  g_assert_false (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_assert_null (strstr (error->message, "nota-dinas.pdf"));
  g_assert_nonnull (strstr (error->message, "bukti.pdf"));
  g_clear_error (&error);
  g_assert_true (warta_engine_remove_attachment (f->db->engine, f->staff, bukti, &error));
  test_db_attach (f->db, f->staff, f->case_id, "dokumen-pendukung");
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, &error));
  g_assert_no_error (error);
}


static gint64
count_events (Fixture    *f,
              const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE kind = '%s'", kind);

  return test_db_count (f->db, sql);
}

static WartaUpload *
begin_upload (Fixture      *f,
              const char   *name,
              GBytes       *content,
              GError      **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (content, &length);

  return warta_engine_upload_begin (f->db->engine, f->staff, f->case_id, name, length, NULL, data,
                                    MIN (length, 4096), error);
}

/* A file written in steps is nobody's to see until its last step: not
 * listed, not found, not journaled, on this connection or another; then
 * it is one attachment with one event and the hash of all its bytes. */
static void
test_upload_pending_unseen (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) pdf = test_pdf_bytes ("Nota dinas dalam tiga potong");
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (pdf, &length);
  g_autoptr(WartaUpload) upload = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(WartaStore) other = NULL;
  g_autoptr(WartaAttachment) stored = NULL;
  g_autofree char *want = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  gsize third = length / 3;
  gint64 id;

  upload = begin_upload (f, "nota.pdf", pdf, &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_upload_write (f->db->engine, upload, bytes, third, &error));
  g_assert_no_error (error);

  listed = warta_store_list_attachments (f->db->store, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);
  other = warta_store_open (f->db->path, &error);
  g_assert_no_error (error);
  listed = warta_store_list_attachments (other, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);
  g_assert_null (warta_store_get_attachment (other, 1, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_events (f, "attachment.add"), ==, 0);

  g_assert_true (warta_engine_upload_write (f->db->engine, upload, bytes + third, third, &error));
  g_assert_true (warta_engine_upload_write (f->db->engine, upload, bytes + 2 * third, length - 2 * third, &error));
  g_assert_no_error (error);
  id = warta_engine_upload_end (f->db->engine, upload, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  listed = warta_store_list_attachments (other, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  stored = warta_store_get_attachment (other, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->sha256, ==, want);
  g_assert_cmpstr (stored->kind, ==, "dokumen-pendukung");
  g_assert_true (stored->checked);
  g_assert_cmpint (count_events (f, "attachment.add"), ==, 1);
}

/* A file that grew or shrank between measuring and reading, an upload
 * given up, and one whose step moved on meanwhile: nothing stays of any. */
static void
test_upload_failures_leave_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GBytes) pdf = test_pdf_bytes ("Nota dinas yang gagal");
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (pdf, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUpload) grew = NULL;
  g_autoptr(WartaUpload) shrank = NULL;
  g_autoptr(WartaUpload) given_up = NULL;
  g_autoptr(WartaUpload) moved = NULL;
  gint64 before = count_rows (f);

  grew = begin_upload (f, "tumbuh.pdf", pdf, &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_upload_write (f->db->engine, grew, bytes, length, &error));
  g_assert_false (warta_engine_upload_write (f->db->engine, grew, bytes, 1, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "tumbuh.pdf"));
  g_clear_error (&error);
  warta_engine_upload_abort (f->db->engine, grew);

  shrank = begin_upload (f, "susut.pdf", pdf, &error);
  g_assert_true (warta_engine_upload_write (f->db->engine, shrank, bytes, length - 10, &error));
  g_assert_cmpint (warta_engine_upload_end (f->db->engine, shrank, NULL, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "susut.pdf"));
  g_clear_error (&error);

  given_up = begin_upload (f, "batal.pdf", pdf, &error);
  g_assert_true (warta_engine_upload_write (f->db->engine, given_up, bytes, 100, &error));
  g_assert_no_error (error);
  warta_engine_upload_abort (f->db->engine, given_up);
  g_assert_cmpint (count_rows (f), ==, before);

  /* The staff member completes the step in another window meanwhile. */
  moved = begin_upload (f, "terlambat.pdf", pdf, &error);
  g_assert_true (warta_engine_upload_write (f->db->engine, moved, bytes, length, &error));
  g_assert_no_error (error);
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, &error));
  g_assert_no_error (error);
  before = count_rows (f) - 2;  /* this pending file's row and content */
  g_assert_cmpint (warta_engine_upload_end (f->db->engine, moved, NULL, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "terlambat.pdf"));
  g_assert_cmpint (count_rows (f), ==, before);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM attachments WHERE pending IS NOT NULL"), ==, 0);
}

/* An upload whose writer stopped (the app was killed) is swept when a
 * day later someone begins another; a fresh one of another desk is not. */
static void
test_upload_abandoned_swept (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) pdf = test_pdf_bytes ("Nota dinas yang ditinggal");
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (pdf, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUpload) left = NULL;
  g_autoptr(WartaUpload) fresh = NULL;
  g_autoptr(WartaUpload) later = NULL;
  gint64 before = count_rows (f);

  left = begin_upload (f, "ditinggal.pdf", pdf, &error);
  g_assert_true (warta_engine_upload_write (f->db->engine, left, bytes, 100, &error));
  g_assert_no_error (error);
  f->db->now += G_GINT64_CONSTANT (23) * 60 * 60 * G_USEC_PER_SEC;
  fresh = begin_upload (f, "baru.pdf", pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f), ==, before + 4);

  f->db->now += G_GINT64_CONSTANT (2) * 60 * 60 * G_USEC_PER_SEC;
  later = begin_upload (f, "nanti.pdf", pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f), ==, before + 4);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM attachments WHERE name = 'ditinggal.pdf'"), ==, 0);
}

/* A stream longer or shorter than the size measured before reading it
 * (a file written to meanwhile) is refused, small or in chunks, and
 * leaves nothing. */
static void
test_upload_stream_size_changed (Fixture       *f,
                                 gconstpointer  data)
{
  gsize lengths[] = { 64 * 1024, 9 * 1024 * 1024 };
  gint64 before = count_rows (f);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    for (int delta = -1; delta <= 1; delta += 2)
      {
        g_autoptr(GBytes) content = g_bytes_new_take (g_malloc0 (lengths[i]), lengths[i]);
        g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (content);
        g_autoptr(GError) error = NULL;
        gint64 id;

        memset ((guint8 *)g_bytes_get_data (content, NULL), 'x', lengths[i]);
        id = warta_upload_stream (warta_engine_run, f->db->engine, f->staff, f->case_id, "berubah.txt", stream,
                                  (gint64)lengths[i] + delta, "lainnya", NULL, NULL, NULL, &error);
        g_assert_cmpint (id, ==, 0);
        g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, delta < 0 ? "grew" : "shorter"));
        g_assert_cmpint (count_rows (f), ==, before);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/attachments/attach-and-export", test_attach_and_export);
  ADD ("/attachments/type-sniffed", test_type_sniffed);
  ADD ("/attachments/over-limit-refused", test_over_limit_refused);
  ADD ("/attachments/refusals-leave-nothing", test_refusals_leave_nothing);
  ADD ("/attachments/required-and-removal", test_required_and_removal);
  ADD ("/attachments/export-checks-hash", test_export_checks_hash);
  ADD ("/attachments/chunks-and-progress", test_chunks_and_progress);
  ADD ("/attachments/content-refused", test_content_refused);
  ADD ("/attachments/documents-accepted", test_documents_accepted);
  ADD ("/attachments/old-bad-files-block-step", test_old_bad_files_block_step);
  ADD ("/attachments/upload-pending-unseen", test_upload_pending_unseen);
  ADD ("/attachments/upload-failures-leave-nothing", test_upload_failures_leave_nothing);
  ADD ("/attachments/upload-abandoned-swept", test_upload_abandoned_swept);
  ADD ("/attachments/upload-stream-size-changed", test_upload_stream_size_changed);
#undef ADD

  return g_test_run ();
}
