/* test-archive.c: a case's archive bundle, exported and checked
 *
 * A case of seed 002 driven to its end (its Bukti Publikasi kept as the
 * archive copy when the publish step completed) is exported; the check
 * then finds exactly what was changed, removed or doctored in the bundle,
 * and refuses a manifest that is no manifest without crashing on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"
#include "warta-archive.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define SOP_NUMBER "OT.02.02/C.IX.4/206/2025"
#define TITLE "Vaksinasi di Pelabuhan"

typedef struct
{
  TestDb *db;
  gint64  staff, katim, kepala, web, other_sop, no_role;
  gint64  case_id;
  char   *bundle;      /* where the tests export to; not made yet */
} Fixture;

/* Seed 002 from the naskah to the last report. */
static void
drive_to_the_end (Fixture *f)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;

  f->case_id = warta_engine_start_case (e, f->staff, SOP_ID, TITLE, &error);
  g_assert_no_error (error);
  test_db_write_naskah (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (e, f->kepala, f->case_id, f->katim, "Periksa", &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_no_error (error);
  test_db_attach (f->db, f->web, f->case_id, "foto");
  test_db_meet_requirements (f->db, f->web, f->case_id);
  g_assert_true (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);
  /* Pranata humas is a lane of seed 003, not of 002 */
  f->other_sop = test_db_add_user (f->db, "humas", "pranata-humas", NULL);
  g_assert_true (warta_engine_add_role (f->db->engine, f->db->admin, "tamu", "Tamu", &error));
  g_assert_no_error (error);
  f->no_role = test_db_add_user (f->db, "tamu", "tamu", NULL);
  drive_to_the_end (f);
  f->bundle = g_build_filename (f->db->dir, "arsip-berkas", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->bundle);
  test_db_free (f->db);
}

static void
export_ok (Fixture    *f,
           const char *path)
{
  g_autoptr(GFile) directory = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_archive_export (f->db->engine, f->web, f->case_id, directory, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The problems of checking the fixture's bundle; asserts the check ran. */
static GPtrArray *
check_bundle (Fixture *f)
{
  g_autoptr(GFile) directory = g_file_new_for_path (f->bundle);
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (warta_archive_check (directory, problems, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *)g_ptr_array_index (problems, i));
  return problems;
}

static JsonNode *
load_manifest (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->bundle, WARTA_ARCHIVE_MANIFEST, NULL);

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static void
write_manifest (Fixture    *f,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->bundle, WARTA_ARCHIVE_MANIFEST, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The path in the manifest of the first file whose "what" starts so. */
static char *
manifest_path_of (Fixture    *f,
                  const char *what_prefix)
{
  g_autoptr(JsonNode) root = load_manifest (f);
  JsonArray *files = json_object_get_array_member (json_node_get_object (root), "files");

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);

      if (g_str_has_prefix (json_object_get_string_member (file, "what"), what_prefix))
        return g_strdup (json_object_get_string_member (file, "path"));
    }
  g_assert_not_reached ();
}

static guint
count_files_in (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_manifest_header (Fixture  *f,
                        JsonNode *root)
{
  JsonObject *manifest = json_node_get_object (root);
  g_autofree char *link = g_strdup_printf ("https://contoh.example.go.id/berita/kasus-%" G_GINT64_FORMAT, f->case_id);

  g_assert_cmpint (json_object_get_int_member (manifest, "format_version"), ==, WARTA_ARCHIVE_FORMAT_VERSION);
  g_assert_cmpint (json_object_get_int_member (manifest, "case_id"), ==, f->case_id);
  g_assert_cmpstr (json_object_get_string_member (manifest, "title"), ==, TITLE);
  g_assert_cmpstr (json_object_get_string_member (manifest, "sop_id"), ==, SOP_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "sop_number"), ==, SOP_NUMBER);
  g_assert_cmpstr (json_object_get_string_member (manifest, "sop_name"), ==, "Publikasi Informasi Kedalam Situs Website");
  g_assert_cmpstr (json_object_get_string_member (manifest, "link"), ==, link);
  g_assert_cmpstr (json_object_get_string_member (manifest, "generated_by"), ==, "web");
  /* The test clock: 2026-01-05 08:00 UTC and the minutes it was moved */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (manifest, "generated_at"), "2026-01-05T"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (manifest, "generated_at"), "Z"));
  g_assert_cmpint (json_object_get_int_member (manifest, "journal_seq"), >, 10);
  g_assert_cmpuint (strlen (json_object_get_string_member (manifest, "journal_hash")), ==, 64);
}

/* Every file is where the manifest says, of its size and SHA-256, inside
 * the bundle, and none is hidden. */
static void
assert_manifest_files (Fixture  *f,
                       JsonNode *root,
                       guint     n_attachments)
{
  JsonArray *files = json_object_get_array_member (json_node_get_object (root), "files");
  guint n_documents = 0, n_copies = 0, n_lampiran = 0;

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      const char *path = json_object_get_string_member (file, "path");
      const char *what = json_object_get_string_member (file, "what");
      g_autofree char *full = g_build_filename (f->bundle, path, NULL);
      g_autofree char *sha256 = file_sha256 (full);
      g_auto(GStrv) parts = g_strsplit (path, "/", -1);
      GStatBuf st;

      g_assert_cmpint (g_stat (full, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, json_object_get_int_member (file, "size"));
      g_assert_cmpstr (sha256, ==, json_object_get_string_member (file, "sha256"));
      g_assert_false (g_path_is_absolute (path));
      for (guint j = 0; parts[j] != NULL; j++)
        g_assert_false (parts[j][0] == '.');

      if (g_str_has_prefix (what, "document:"))
        {
          g_autofree char *head = NULL;

          g_assert_true (g_file_get_contents (full, &head, NULL, NULL));
          g_assert_true (g_str_has_prefix (head, "%PDF"));
          n_documents++;
        }
      else if (g_str_has_prefix (what, "archive-copy:"))
        {
          g_assert_true (g_str_has_prefix (path, "arsip/"));
          n_copies++;
        }
      else if (g_str_has_prefix (what, "attachment:"))
        {
          g_assert_true (g_str_has_prefix (path, "lampiran/"));
          g_assert_nonnull (json_object_get_string_member (file, "name"));
          n_lampiran++;
        }
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (n_documents, ==, 3);
  /* Kept when the publish step completed */
  g_assert_cmpuint (n_copies, ==, 1);
  g_assert_cmpuint (n_lampiran, ==, n_attachments);
}

static void
test_export_and_check (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = warta_store_list_attachments (f->db->store, f->case_id, &error);
  g_autoptr(GPtrArray) prints = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest_sha = NULL;
  g_autofree char *lampiran = g_build_filename (f->bundle, "lampiran", NULL);
  const WartaPrintRecord *record;
  gint64 events_before = test_db_count (f->db, "SELECT count(*) FROM journal");

  g_assert_no_error (error);
  /* nota dinas, supporting document, photo, screenshot */
  g_assert_cmpuint (attachments->len, ==, 4);

  export_ok (f, f->bundle);
  /* The three documents, the manifest, arsip/ and lampiran/ */
  g_assert_cmpuint (count_files_in (f->bundle), ==, 6);
  g_assert_cmpuint (count_files_in (lampiran), ==, attachments->len);

  root = load_manifest (f);
  assert_manifest_header (f, root);
  assert_manifest_files (f, root, attachments->len);

  problems = check_bundle (f);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Recorded: who, which, and the manifest's SHA-256; and journaled */
  manifest_path = g_build_filename (f->bundle, WARTA_ARCHIVE_MANIFEST, NULL);
  manifest_sha = file_sha256 (manifest_path);
  prints = warta_engine_list_prints (f->db->engine, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prints->len, ==, 1);
  record = g_ptr_array_index (prints, 0);
  g_assert_cmpstr (record->document, ==, "bundle");
  g_assert_cmpstr (record->how, ==, "export");
  g_assert_cmpint (record->by, ==, f->web);
  g_assert_cmpstr (record->sha256, ==, manifest_sha);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, events_before + 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'evidence.export' "
                                         "AND payload LIKE '%bundle%'"), ==, 1);
  g_assert_true (warta_journal_verify (f->db->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_changed_attachment (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *full = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  export_ok (f, f->bundle);
  path = manifest_path_of (f, "attachment:nota-dinas");
  full = g_build_filename (f->bundle, path, NULL);

  /* One byte, same size */
  g_assert_true (g_file_get_contents (full, &contents, &length, &error));
  g_assert_cmpuint (length, >, 5);
  contents[5] ^= 0x01;
  g_assert_true (g_file_set_contents (full, contents, length, &error));
  g_assert_no_error (error);

  problems = check_bundle (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "changed"));
}

static void
test_missing_pdf (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = NULL;
  g_autofree char *full = NULL;

  export_ok (f, f->bundle);
  path = manifest_path_of (f, "document:disposisi");
  full = g_build_filename (f->bundle, path, NULL);
  g_assert_cmpint (g_unlink (full), ==, 0);

  problems = check_bundle (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "missing"));
}

/* Not a manifest: an error, whatever is in the file. */
static void
assert_bad_manifest (Fixture    *f,
                     const char *text,
                     gssize      length,
                     int         code)
{
  g_autoptr(GFile) directory = g_file_new_for_path (f->bundle);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->bundle, WARTA_ARCHIVE_MANIFEST, NULL);

  g_assert_true (g_file_set_contents (path, text, length, &error));
  g_assert_false (warta_archive_check (directory, problems, NULL, &error));
  g_assert_error (error, WARTA_ARCHIVE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->bundle));
}

static void
test_bad_manifest (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *path = NULL;
  static const char garbage[] = { 0x7b, 0x00, (char)0xff, (char)0xfe, 0x22, 0x0a };

  export_ok (f, f->bundle);
  directory = g_file_new_for_path (f->bundle);
  path = g_build_filename (f->bundle, WARTA_ARCHIVE_MANIFEST, NULL);

  assert_bad_manifest (f, "{\"format_version\": 1, \"files\": [", -1, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  assert_bad_manifest (f, garbage, sizeof garbage, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  assert_bad_manifest (f, "", 0, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  assert_bad_manifest (f, "[]", -1, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  assert_bad_manifest (f, "{\"format_version\": \"1\", \"files\": []}", -1, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  assert_bad_manifest (f, "{\"format_version\": 1, \"files\": {}}", -1, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  assert_bad_manifest (f, "{\"format_version\": 2, \"files\": []}", -1, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  /* Nested deep enough to overflow a recursive parser's stack */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  assert_bad_manifest (f, deep->str, deep->len, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  /* The same, behind an escape json-glib reads past the next quote */
  g_string_prepend (deep, "{\"format_version\": 1, \"files\": [\"\\u12\"\",");
  assert_bad_manifest (f, deep->str, deep->len, WARTA_ARCHIVE_ERROR_BAD_MANIFEST);
  /* A member written twice: json-glib would keep the last one unsaid */
  assert_bad_manifest (f, "{\"format_version\": 1, \"files\": [], \"files\": []}", -1,
                       WARTA_ARCHIVE_ERROR_BAD_MANIFEST);

  /* Entries of the wrong shape are problems, one each, not a crash */
  write_manifest (f, "{\"format_version\": 1, \"files\": [1, null, [], {\"path\": 5}, "
                     "{\"path\": \"a.pdf\", \"size\": \"3\", \"sha256\": \"" WARTA_JOURNAL_GENESIS "\"}, "
                     "{\"path\": \"a.pdf\", \"size\": 3, \"sha256\": \"tidak\"}, "
                     "{\"path\": \"a.pdf\", \"size\": 3.5, \"sha256\": \"" WARTA_JOURNAL_GENESIS "\"}]}");
  problems = check_bundle (f);
  g_assert_cmpuint (problems->len, ==, 7);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* And no manifest at all */
  g_assert_cmpint (g_unlink (path), ==, 0);
  problems = g_ptr_array_new_with_free_func (g_free);
  g_assert_false (warta_archive_check (directory, problems, NULL, &error));
  g_assert_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_NO_MANIFEST);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_object (&directory);

  /* Nor a folder */
  directory = g_file_new_for_path (f->db->path);
  g_assert_false (warta_archive_check (directory, problems, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A manifest path that leads out of the bundle is a problem, and what it
 * names is not read. */
static void
test_escaping_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = g_build_filename (f->db->dir, "x", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *manifest = NULL;

  g_assert_true (g_file_set_contents (outside, "luar", 4, &error));
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "luar", 4);
  export_ok (f, f->bundle);
  manifest = g_strdup_printf ("{\"format_version\": 1, \"files\": ["
                              "{\"path\": \"../x\", \"size\": 4, \"sha256\": \"%s\"}, "
                              "{\"path\": \"lampiran/../../x\", \"size\": 4, \"sha256\": \"%s\"}, "
                              "{\"path\": \"%s\", \"size\": 4, \"sha256\": \"%s\"}]}",
                              sha, sha, outside, sha);
  write_manifest (f, manifest);

  problems = check_bundle (f);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "../x: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "lampiran/../../x: "));
  for (guint i = 0; i < problems->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (problems, i), "outside the bundle"));
}

static void
test_not_empty (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) directory = g_file_new_for_path (f->bundle);
  g_autoptr(GFile) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = g_build_filename (f->bundle, "catatan.txt", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir (f->bundle, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine, "punya saya", -1, &error));

  g_assert_false (warta_archive_export (f->db->engine, f->web, f->case_id, directory, NULL, NULL, NULL, &error));
  g_assert_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_NOT_EMPTY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->bundle));
  g_clear_error (&error);
  g_assert_cmpuint (count_files_in (f->bundle), ==, 1);
  g_assert_true (g_file_get_contents (mine, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "punya saya");

  /* A file where the folder should be */
  plain = g_file_new_for_path (mine);
  g_assert_false (warta_archive_export (f->db->engine, f->web, f->case_id, plain, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  /* An empty folder is fine */
  g_assert_cmpint (g_unlink (mine), ==, 0);
  export_ok (f, f->bundle);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM prints"), ==, 1);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) directory = g_file_new_for_path (f->bundle);
  gint64 refused[] = { f->other_sop, f->no_role, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (warta_archive_export (f->db->engine, refused[i], f->case_id, directory, NULL, NULL, NULL,
                                            &error));
      g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
      g_test_message ("%s", error->message);
    }
  g_assert_false (g_file_test (f->bundle, G_FILE_TEST_EXISTS));
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM prints"), ==, 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'evidence.export'"), ==, 0);

  /* The people of the SOP and administrators may */
  export_ok (f, f->bundle);
}

/* An attachment whose stored content no longer matches its hash stops the
 * export, and what was written is gone again: no half bundle, no record. */
static void
test_failed_export_leaves_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GFile) directory = g_file_new_for_path (f->bundle);
  g_autoptr(GError) error = NULL;

  test_db_exec (f->db, test_db_sql ("UPDATE attachment_data SET data = zeroblob (length (data)) WHERE attachment_id = "
                                    "(SELECT id FROM attachments WHERE kind = 'dokumen-pendukung')",
                                    "UPDATE attachment_data SET data = decode (repeat ('00', length (data)), 'hex') "
                                    "WHERE attachment_id = (SELECT id FROM attachments WHERE kind = 'dokumen-pendukung')"));
  g_assert_false (warta_archive_export (f->db->engine, f->web, f->case_id, directory, NULL, NULL, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (f->bundle, G_FILE_TEST_EXISTS));
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM prints"), ==, 0);
}

/* A name as stored is no path: the bundle's files stay in lampiran/,
 * unhidden, and the check agrees with the export. */
static void
test_attachment_names (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;

  test_db_exec (f->db, "UPDATE attachments SET name = '../../etc/passwd' WHERE kind = 'nota-dinas'");
  test_db_exec (f->db, "UPDATE attachments SET name = '.tersembunyi' WHERE kind = 'foto'");
  export_ok (f, f->bundle);

  path = manifest_path_of (f, "attachment:nota-dinas");
  g_test_message ("%s", path);
  g_assert_true (g_str_has_prefix (path, "lampiran/"));
  g_assert_null (strchr (path + strlen ("lampiran/"), '/'));
  root = load_manifest (f);
  assert_manifest_files (f, root, 4);
  problems = check_bundle (f);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/archive/export-and-check", test_export_and_check);
  ADD ("/archive/changed-attachment", test_changed_attachment);
  ADD ("/archive/missing-pdf", test_missing_pdf);
  ADD ("/archive/bad-manifest", test_bad_manifest);
  ADD ("/archive/escaping-path", test_escaping_path);
  ADD ("/archive/not-empty", test_not_empty);
  ADD ("/archive/denied", test_denied);
  ADD ("/archive/failed-export-leaves-nothing", test_failed_export_leaves_nothing);
  ADD ("/archive/attachment-names", test_attachment_names);
#undef ADD

  return g_test_run ();
}
