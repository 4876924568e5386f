/* test-office.c: the office kept in the app, through the engine
 *
 * Retiring and restoring SOPs, versions kept by running berkas, an SOP
 * exported byte for byte, lanes no active person can work, and the
 * office's profile with its letterhead's logo: each an administrator's,
 * each journaled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "test-util.h"
#include "warta-sha256.h"
#include "warta-sop.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define SOP_FILE "002-bbkk-medan-publikasi-website.json"

typedef struct
{
  TestDb *db;
  gint64  staff;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_db_free (f->db);
}

static gint64
count_events (Fixture    *f,
              const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM journal WHERE kind = '%s'", kind);

  return test_db_count (f->db, sql);
}

static const WartaSopInfo *
find_info (GPtrArray  *infos,
           const char *id,
           int         version)
{
  for (guint i = 0; i < infos->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (infos, i);

      if (g_strcmp0 (info->id, id) == 0 && (version == 0 || info->version == version))
        return info;
    }
  return NULL;
}

static char *
seed_source (gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", SOP_FILE, NULL);
  g_autoptr(GError) error = NULL;
  char *source = NULL;

  g_assert_true (g_file_get_contents (path, &source, length, &error));
  g_assert_no_error (error);
  return source;
}

/* The seed with one step's text changed: a second version of it. */
static WartaSop *
second_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = seed_source (NULL);
  g_autoptr(GString) changed = g_string_new (source);
  WartaSop *sop;

  g_assert_cmpuint (g_string_replace (changed, "Mempersiapkan konsep", "Menyiapkan konsep", 1), ==, 1);
  sop = warta_sop_new_from_data (changed->str, changed->len, "v2.json", &error);
  g_assert_no_error (error);
  return sop;
}

static void
assert_journal_good (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0, bad = 0;

  g_assert_true (warta_journal_verify (f->db->store, &n, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
}

/* A retired SOP starts no berkas, and says why; running ones go on;
 * restoring it lets new ones start. Only an administrator does either. */
static void
test_retire_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sops = NULL;
  g_autoptr(WartaStepRun) run = NULL;
  gint64 running, refused, later;

  running = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Sebelum pensiun", &error);
  g_assert_no_error (error);

  /* Not by the staff. */
  g_assert_false (warta_engine_set_sop_retired (f->db->engine, f->staff, SOP_ID, TRUE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count_events (f, "sop.retire"), ==, 0);

  g_assert_true (warta_engine_set_sop_retired (f->db->engine, f->db->admin, SOP_ID, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, "sop.retire"), ==, 1);
  /* Twice is once. */
  g_assert_true (warta_engine_set_sop_retired (f->db->engine, f->db->admin, SOP_ID, TRUE, &error));
  g_assert_cmpint (count_events (f, "sop.retire"), ==, 1);

  sops = warta_store_list_sops (f->db->store, &error);
  g_assert_no_error (error);
  g_assert_true (find_info (sops, SOP_ID, 0)->retired);
  g_assert_false (find_info (sops, "bkk-palembang-publikasi-medsos-website", 0)->retired);

  refused = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Sesudah pensiun", &error);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE);
  g_assert_nonnull (strstr (error->message, "retired"));
  g_assert_cmpint (refused, ==, 0);
  g_clear_error (&error);

  /* The running berkas goes on. */
  test_db_write_naskah (f->db, f->staff, running);
  test_db_meet_requirements (f->db, f->staff, running);
  run = warta_store_get_active_run (f->db->store, running, &error);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, running, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (warta_engine_set_sop_retired (f->db->engine, f->staff, SOP_ID, FALSE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (warta_engine_set_sop_retired (f->db->engine, f->db->admin, SOP_ID, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, "sop.restore"), ==, 1);
  later = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Aktif lagi", &error);
  g_assert_no_error (error);
  g_assert_cmpint (later, >, 0);

  g_assert_false (warta_engine_set_sop_retired (f->db->engine, f->db->admin, "tidak-ada", TRUE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  assert_journal_good (f);
}

/* A berkas started on version 1 stays on it after version 2 comes; new
 * ones start on 2; both versions are listed; importing the new version
 * brings a retired SOP back. */
static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) v2 = second_version ();
  g_autoptr(WartaCase) old_case = NULL;
  g_autoptr(WartaCase) new_case = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) sops = NULL;
  gint64 old_id, new_id;
  int version = 0;

  old_id = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Versi satu", &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_set_sop_retired (f->db->engine, f->db->admin, SOP_ID, TRUE, &error));

  g_assert_true (warta_engine_import_sop (f->db->engine, f->db->admin, v2, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  g_assert_cmpint (count_events (f, "sop.restore"), ==, 1);

  new_id = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Versi dua", &error);
  g_assert_no_error (error);
  old_case = warta_store_get_case (f->db->store, old_id, &error);
  new_case = warta_store_get_case (f->db->store, new_id, &error);
  g_assert_cmpint (old_case->sop_version, ==, 1);
  g_assert_cmpint (new_case->sop_version, ==, 2);

  /* The old berkas still runs on version 1's steps. */
  test_db_write_naskah (f->db, f->staff, old_id);
  test_db_meet_requirements (f->db, f->staff, old_id);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, old_id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&old_case, warta_case_free);
  old_case = warta_store_get_case (f->db->store, old_id, &error);
  g_assert_cmpint (old_case->sop_version, ==, 1);

  versions = warta_store_list_sop_versions (f->db->store, &error);
  g_assert_nonnull (find_info (versions, SOP_ID, 1));
  g_assert_nonnull (find_info (versions, SOP_ID, 2));
  sops = warta_store_list_sops (f->db->store, &error);
  g_assert_cmpint (find_info (sops, SOP_ID, 0)->version, ==, 2);
  g_assert_false (find_info (sops, SOP_ID, 0)->retired);
  assert_journal_good (f);
}

/* The file comes out as it went in, byte for byte, each version. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) v2 = second_version ();
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(GBytes) latest = NULL;
  g_autoptr(GBytes) none = NULL;
  gsize length;
  g_autofree char *source = seed_source (&length);

  g_assert_true (warta_engine_import_sop (f->db->engine, f->db->admin, v2, NULL, &error));
  one = warta_engine_export_sop (f->db->engine, SOP_ID, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (one, NULL), g_bytes_get_size (one), source, length);

  two = warta_engine_export_sop (f->db->engine, SOP_ID, 2, &error);
  latest = warta_engine_export_sop (f->db->engine, SOP_ID, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (two, NULL), g_bytes_get_size (two),
                   warta_sop_get_source (v2), strlen (warta_sop_get_source (v2)));
  g_assert_true (g_bytes_equal (two, latest));

  none = warta_engine_export_sop (f->db->engine, SOP_ID, 3, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
}

static gboolean
has (GStrv       lanes,
     const char *lane)
{
  return g_strv_contains ((const char * const *)lanes, lane);
}

/* A lane is unstaffed while no ACTIVE person holds its role. */
static void
test_unstaffed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) staffed = NULL;
  g_auto(GStrv) gone = NULL;
  gint64 web;

  before = warta_engine_list_unstaffed_lanes (f->db->engine, SOP_ID, 0, &error);
  g_assert_no_error (error);
  g_assert_false (has (before, "staff-tim-kerja"));
  g_assert_true (has (before, "admin-website"));
  g_assert_true (has (before, "kepala-satker"));
  g_assert_cmpuint (g_strv_length (before), ==, 3);

  web = test_db_add_user (f->db, "web", "admin-website", NULL);
  staffed = warta_engine_list_unstaffed_lanes (f->db->engine, SOP_ID, 1, &error);
  g_assert_false (has (staffed, "admin-website"));

  /* Deactivated, the person no longer staffs it. */
  test_db_exec (f->db, "UPDATE users SET active = 0 WHERE login = 'web'");
  gone = warta_engine_list_unstaffed_lanes (f->db->engine, SOP_ID, 1, &error);
  g_assert_true (has (gone, "admin-website"));
  g_assert_cmpint (web, >, 0);

  g_assert_null (warta_engine_list_unstaffed_lanes (f->db->engine, "tidak-ada", 0, &error));
  g_assert_nonnull (error);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
logo_png (int size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  GByteArray *png = g_byte_array_new ();
  guint32 *pixels = (guint32 *)cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;

  /* Noise, so that a big one does not compress small. */
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      pixels[y * stride + x] = g_random_int () & 0xffffff;
  cairo_surface_mark_dirty (surface);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static const char * const kop[] = {
  "KEMENTERIAN KESEHATAN REPUBLIK INDONESIA",
  "BALAI BESAR KEKARANTINAAN KESEHATAN MEDAN",
  "  ",
  "Jalan Pelabuhan I No. 1, Belawan",
  NULL
};

static void
assert_office_is_first (Fixture *f,
                        GBytes  *logo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaOffice) got = warta_engine_get_office (f->db->engine, &error);
  const char * const kept[] = { kop[0], kop[1], kop[3], NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "BBKK Medan");
  g_assert_cmpstr (got->address, ==, "Jalan Pelabuhan I No. 1");
  g_assert_cmpstrv (got->kop_lines, kept);
  g_assert_true (g_bytes_equal (got->logo, logo));
  g_assert_cmpstr (got->logo_type, ==, "image/png");
}

/* The profile and its logo: set, read back, journaled by the logo's hash;
 * a broken, foreign or too big logo refused with nothing changed; only
 * an administrator's. */
static void
test_office (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = logo_png (64);
  g_autoptr(GBytes) big = logo_png (900);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(WartaOffice) empty = NULL;
  g_autoptr(WartaOffice) after = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sql = NULL;
  GBytes *bad[3];
  WartaOffice office = { 0 };
  gsize size;
  const guint8 *bytes = g_bytes_get_data (logo, &size);

  /* A PNG cut in half: its signature, not its picture. */
  broken = g_bytes_new (bytes, size / 2);
  bad[0] = broken;
  bad[1] = big;
  bad[2] = text;
  g_assert_cmpuint (g_bytes_get_size (big), >, 1024 * 1024);

  empty = warta_engine_get_office (f->db->engine, &error);
  g_assert_no_error (error);
  g_assert_nonnull (empty->kop_lines);
  g_assert_null (empty->kop_lines[0]);
  g_assert_null (empty->logo);

  office.name = (char *)" BBKK Medan ";
  office.address = (char *)"Jalan Pelabuhan I No. 1";
  office.kop_lines = (GStrv)kop;
  office.logo = logo;

  g_assert_false (warta_engine_set_office (f->db->engine, f->staff, &office, TRUE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count_events (f, "office.set"), ==, 0);

  g_assert_true (warta_engine_set_office (f->db->engine, f->db->admin, &office, TRUE, &error));
  g_assert_no_error (error);
  assert_office_is_first (f, logo);

  /* The journal names the logo by its hash and holds none of its bytes. */
  sum = warta_sha256_for_bytes (logo);
  sql = g_strdup_printf ("SELECT count (*) FROM journal WHERE kind = 'office.set' AND payload LIKE '%%%s%%' "
                         "AND length (payload) < 1000", sum);
  g_assert_cmpint (test_db_count (f->db, sql), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      WartaOffice other = office;
      int code;

      other.name = (char *)"Another";
      other.logo = bad[i];
      g_assert_false (warta_engine_set_office (f->db->engine, f->db->admin, &other, TRUE, &error));
      code = i == 1 ? WARTA_ENGINE_ERROR_TOO_LARGE : WARTA_ENGINE_ERROR_CONTENT;
      g_assert_error (error, WARTA_ENGINE_ERROR, code);
      g_test_message ("refused: %s", error->message);
      g_assert_true (strstr (error->message, "PNG") != NULL || strstr (error->message, "1 MiB") != NULL);
      g_clear_error (&error);
      assert_office_is_first (f, logo);
    }
  g_assert_cmpint (count_events (f, "office.set"), ==, 1);

  /* Lines without the logo leave the logo; set_logo with none removes it. */
  office.kop_lines = NULL;
  office.logo = NULL;
  g_assert_true (warta_engine_set_office (f->db->engine, f->db->admin, &office, FALSE, &error));
  after = warta_engine_get_office (f->db->engine, &error);
  g_assert_nonnull (after->logo);
  g_assert_null (after->kop_lines[0]);
  g_clear_pointer (&after, warta_office_free);
  g_assert_true (warta_engine_set_office (f->db->engine, f->db->admin, &office, TRUE, &error));
  after = warta_engine_get_office (f->db->engine, &error);
  g_assert_null (after->logo);
  g_assert_cmpint (test_db_count (f->db, "SELECT count (*) FROM office_files"), ==, 0);

  /* A blank name, a line break in a line. */
  office.name = (char *)"  ";
  g_assert_false (warta_engine_set_office (f->db->engine, f->db->admin, &office, FALSE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  assert_journal_good (f);
}

/* A JPEG logo is taken; one cut short is refused. */
static void
test_jpeg_logo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 80);
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) cut = NULL;
  g_autoptr(WartaOffice) got = NULL;
  g_autofree char *buffer = NULL;
  WartaOffice office = { 0 };
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x2080c0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  jpeg = g_bytes_new (buffer, size);
  cut = g_bytes_new (buffer, size / 3);

  office.name = (char *)"BBKK Medan";
  office.logo = cut;
  g_assert_false (warta_engine_set_office (f->db->engine, f->db->admin, &office, TRUE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  office.logo = jpeg;
  g_assert_true (warta_engine_set_office (f->db->engine, f->db->admin, &office, TRUE, &error));
  g_assert_no_error (error);
  got = warta_engine_get_office (f->db->engine, &error);
  g_assert_cmpstr (got->logo_type, ==, "image/jpeg");
  g_assert_true (g_bytes_equal (got->logo, jpeg));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/office/retire-restore", test_retire_restore);
  ADD ("/office/versions", test_versions);
  ADD ("/office/export", test_export);
  ADD ("/office/unstaffed", test_unstaffed);
  ADD ("/office/profile", test_office);
  ADD ("/office/jpeg-logo", test_jpeg_logo);
#undef ADD

  return g_test_run ();
}
