/* publish-fixture.c: a case of seed 002 at its publish step, and a fake
 * site, for the publisher's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "publish-fixture.h"

const guint8 tiny_png[TINY_PNG_SIZE] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
};

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  WartaEngine *e;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autofree char *url = NULL;
  WartaSite site = { .name = (char *)"Situs", .user = (char *)FAKE_WP_ADMIN };

  f->db = test_db_new ();
  e = f->db->engine;
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);

  f->case_id = warta_engine_start_case (e, f->staff, SOP_ID, TITLE, &error);
  g_assert_no_error (error);
  naskah = warta_naskah_new (f->case_id);
  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (TITLE);
  naskah->body = g_strdup ("Petugas **BBKK Medan** memberi vaksin di <b>Belawan</b>.\n");
  g_assert_true (warta_engine_save_naskah (e, f->staff, naskah, &error));
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (e, f->kepala, f->case_id, f->katim, "Periksa", &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_no_error (error);
  f->photos[0] = test_db_attach (f->db, f->web, f->case_id, "foto");
  f->photos[1] = test_db_attach (f->db, f->web, f->case_id, "foto");
  attachments = warta_store_list_attachments (f->db->store, f->case_id, &error);
  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);

      if (g_str_equal (attachment->kind, "dokumen-pendukung"))
        f->document = attachment->id;
    }
  g_assert_cmpint (f->document, >, 0);

  f->wp = fake_wp_new ();
  site.url = (char *)fake_wp_get_url (f->wp);
  f->site_id = warta_engine_add_site (e, f->db->admin, &site, &error);
  g_assert_no_error (error);
  f->png = g_bytes_new_static (tiny_png, TINY_PNG_SIZE);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_bytes_unref (f->png);
  fake_wp_free (f->wp);
  test_db_free (f->db);
}

void
assert_step (Fixture    *f,
             const char *step_id)
{
  g_autoptr(WartaStepRun) run = warta_store_get_active_run (f->db->store, f->case_id, NULL);

  g_assert_nonnull (run);
  g_assert_cmpstr (run->step_id, ==, step_id);
}
