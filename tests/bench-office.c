/* bench-office.c: the office and the drive the drive benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-office.h"
#include "warta-evidence.h"
#include "warta-sample.h"

const char bench_shot_content[BENCH_BLOB_SIZE] = "\211PNG\r\n\032\n\0\0\0\rIHDR";

TestDb *
bench_office_new (BenchUsers *users)
{
  TestDb *db = test_db_new ();

  test_db_install_seeds (db);
  users->staff = test_db_add_user (db, "staff", "staff-tim-kerja", NULL);
  users->katim = test_db_add_user (db, "katim", "katimker-layanan-publik-zi", NULL);
  users->kepala = test_db_add_user (db, "kepala", "kepala-satker", NULL);
  users->admin = test_db_add_user (db, "webadmin", "admin-website", NULL);
  return db;
}

double
bench_drive_warta (TestDb           *db,
                   const BenchUsers *users,
                   GBytes           *pdf,
                   guint             count)
{
  g_autoptr(GError) error = NULL;
  gint64 staff = users->staff, katim = users->katim, kepala = users->kepala, admin = users->admin;
  g_autofree char *nota_path = test_db_write_file (db, "nota-dinas.pdf", "nota-dinas");
  g_autofree char *data_path = test_db_write_file (db, "data-dukung.pdf", "dokumen-pendukung");
  g_autoptr(GFile) nota = g_file_new_for_path (nota_path);
  g_autoptr(GFile) data = g_file_new_for_path (data_path);
  g_autoptr(GBytes) shot = g_bytes_new_static (bench_shot_content, sizeof bench_shot_content);
  gint64 start;

  g_assert_true (g_file_set_contents (nota_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  g_assert_true (g_file_set_contents (data_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  /* The state machine's cost against plain SQL: the Bukti Publikasi each
   * finished publish step renders (tens of ms of Pango and cairo) is not
   * engine work and has no SQL to set against it; test-evidence covers it. */
  warta_evidence_set_keep_bukti (db->engine, FALSE);
  start = g_get_monotonic_time ();

  for (guint i = 0; i < count; i++)
    {
      gint64 id = warta_engine_start_case (db->engine, staff, BENCH_SOP_ID, "Rilis kegiatan", &error);
      gboolean ok;

      if (id > 0)
        {
          g_autoptr(WartaNaskah) naskah = warta_naskah_new (id);

          g_free (naskah->title);
          g_free (naskah->body);
          naskah->title = g_strdup ("Rilis kegiatan");
          naskah->body = g_strdup ("Isi rilis kegiatan.");
          ok = warta_engine_save_naskah (db->engine, staff, naskah, &error);
        }
      else
        ok = FALSE;

      ok = ok &&
           warta_engine_complete (db->engine, staff, id, "konsep", &error) &&
           warta_engine_attach (db->engine, staff, id, nota, "nota-dinas", NULL, NULL, NULL, &error) &&
           warta_engine_attach (db->engine, staff, id, data, "dokumen-pendukung", NULL, NULL, NULL, &error) &&
           warta_engine_complete (db->engine, staff, id, NULL, &error) &&
           warta_engine_complete (db->engine, katim, id, NULL, &error) &&
           warta_engine_dispose (db->engine, kepala, id, katim, "Periksa", &error) &&
           warta_engine_complete (db->engine, katim, id, NULL, &error) &&
           warta_sample_prove_publication (db->engine, admin, id, shot, &error) &&
           warta_engine_complete (db->engine, admin, id, NULL, &error) &&
           warta_engine_complete (db->engine, admin, id, NULL, &error) &&
           warta_engine_complete (db->engine, staff, id, NULL, &error);
      if (!ok)
        g_error ("case %u: %s", i, error ? error->message : "?");
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}
