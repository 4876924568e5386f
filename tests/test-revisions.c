/* test-revisions.c: every save of the naskah is a revision; each
 * person's last look, and what changed since
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-util.h"
#include "warta-revision.h"

#define SOP "bbkk-medan-publikasi-website"

typedef struct
{
  TestDb *db;
  gint64  staff;
  gint64  katim;
  gint64  kepala;
  gint64  web;
  gint64  case_id;
} Office;

static void
office_setup (Office        *o,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  o->db = test_db_new ();
  test_db_install_seeds (o->db);
  o->staff = test_db_add_user (o->db, "staff", "staff-tim-kerja", NULL);
  o->katim = test_db_add_user (o->db, "katim", "katimker-layanan-publik-zi", NULL);
  o->kepala = test_db_add_user (o->db, "kepala", "kepala-satker", NULL);
  o->web = test_db_add_user (o->db, "web", "admin-website", NULL);
  o->case_id = warta_engine_start_case (o->db->engine, o->staff, SOP, "Vaksinasi di Pelabuhan", &error);
  g_assert_no_error (error);
}

static void
office_teardown (Office        *o,
                 gconstpointer  data)
{
  test_db_free (o->db);
}

static void
save (Office     *o,
      gint64      actor,
      const char *title,
      const char *body)
{
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (o->case_id);
  g_autoptr(GError) error = NULL;

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (title);
  naskah->body = g_strdup (body);
  naskah->five_w[WARTA_5W1H_WHO] = g_strdup ("Tim Kerja");
  g_assert_true (warta_engine_save_naskah (o->db->engine, actor, naskah, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (Office *o,
      gint64  actor)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions = warta_engine_list_revisions (o->db->engine, actor, o->case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (revisions);
  return revisions;
}

static const WartaRevision *
nth (GPtrArray *revisions,
     guint      i)
{
  return g_ptr_array_index (revisions, i);
}

static void
complete (Office *o,
          gint64  actor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_engine_complete (o->db->engine, actor, o->case_id, NULL, &error));
  g_assert_no_error (error);
}

/* Up to step 3, the review by katim. */
static void
to_review (Office *o)
{
  complete (o, o->staff);
  test_db_meet_requirements (o->db, o->staff, o->case_id);
  complete (o, o->staff);
}

static void
test_coalesce (Office        *o,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 start = o->db->now;

  save (o, o->staff, "Judul", "Petugas memberikan vaksinasi.");
  test_db_advance (o->db, 5);
  save (o, o->staff, "Judul", "Petugas memberikan vaksinasi kepada awak.");
  test_db_advance (o->db, 9);
  save (o, o->staff, "Judul", "Petugas memberikan vaksinasi kepada awak kapal.");

  /* three saves, each within ten minutes of the last: one revision */
  revisions = list (o, o->staff);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpint (nth (revisions, 0)->n, ==, 1);
  g_assert_cmpint (nth (revisions, 0)->first_at, ==, start);
  g_assert_cmpint (nth (revisions, 0)->saved_at, ==, o->db->now);
  g_assert_cmpstr (nth (revisions, 0)->body, ==, "Petugas memberikan vaksinasi kepada awak kapal.");
  g_assert_cmpstr (nth (revisions, 0)->author, ==, "User staff");
  g_assert_cmpstr (nth (revisions, 0)->five_w, ==,
                   "{\"who\":\"Tim Kerja\",\"what\":\"\",\"when\":\"\",\"where\":\"\",\"why\":\"\",\"how\":\"\"}");
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* a pause of more than ten minutes starts the next */
  test_db_advance (o->db, 11);
  save (o, o->staff, "Judul", "Petugas memberikan vaksinasi kepada seluruh awak kapal.");
  revisions = list (o, o->staff);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (nth (revisions, 0)->n, ==, 2);
  g_assert_cmpint (nth (revisions, 0)->first_at, ==, o->db->now);
  g_assert_cmpint (nth (revisions, 1)->n, ==, 1);
  g_assert_cmpstr (nth (revisions, 1)->body, ==, "Petugas memberikan vaksinasi kepada awak kapal.");
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* a save that changes nothing makes none, however late */
  test_db_advance (o->db, 30);
  save (o, o->staff, "Judul", "Petugas memberikan vaksinasi kepada seluruh awak kapal.");
  g_assert_cmpint (test_db_count (o->db, "SELECT count(*) FROM naskah_revisions"), ==, 2);
  revisions = list (o, o->staff);
  g_assert_cmpint (nth (revisions, 0)->saved_at, ==, o->db->now - 30 * 60 * G_USEC_PER_SEC);
}

static void
test_authors_and_steps (Office        *o,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(WartaRevision) first = NULL;
  g_autoptr(GError) error = NULL;

  save (o, o->staff, "Judul", "Petugas memberikan vaksinasi.");
  to_review (o);

  /* the reviewer corrects, a minute later: another person, another revision */
  test_db_advance (o->db, 1);
  save (o, o->katim, "Judul", "Petugas memberikan imunisasi.");
  complete (o, o->katim);
  g_assert_true (warta_engine_dispose (o->db->engine, o->kepala, o->case_id, o->katim, "Terbitkan", &error));
  g_assert_no_error (error);

  /* the same reviewer at the next review step, within ten minutes: a new
   * step run, so a new revision */
  test_db_advance (o->db, 2);
  save (o, o->katim, "Judul", "Petugas memberikan imunisasi lengkap.");

  revisions = list (o, o->kepala);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpint (nth (revisions, 0)->n, ==, 3);
  g_assert_cmpstr (nth (revisions, 0)->author, ==, "User katim");
  g_assert_cmpint (nth (revisions, 1)->n, ==, 2);
  g_assert_cmpstr (nth (revisions, 1)->author, ==, "User katim");
  g_assert_cmpint (nth (revisions, 2)->n, ==, 1);
  g_assert_cmpstr (nth (revisions, 2)->author, ==, "User staff");
  g_assert_cmpint (nth (revisions, 1)->run_id, !=, nth (revisions, 0)->run_id);

  first = warta_engine_get_revision (o->db->engine, o->web, o->case_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->body, ==, "Petugas memberikan vaksinasi.");
  g_assert_null (warta_engine_get_revision (o->db->engine, o->web, o->case_id, 9, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND);
}

/* A revision someone else has seen stays as they saw it: the writer's
 * next save, even a minute later, is a new one. */
static void
test_seen_is_kept (Office        *o,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;

  save (o, o->staff, "Judul", "satu");
  /* the writer's own look seals nothing */
  g_assert_true (warta_engine_note_look (o->db->engine, o->staff, o->case_id, &error));
  test_db_advance (o->db, 1);
  save (o, o->staff, "Judul", "satu dua");
  g_assert_cmpint (test_db_count (o->db, "SELECT count(*) FROM naskah_revisions"), ==, 1);

  g_assert_true (warta_engine_note_look (o->db->engine, o->katim, o->case_id, &error));
  g_assert_no_error (error);
  test_db_advance (o->db, 1);
  save (o, o->staff, "Judul", "satu dua tiga");
  revisions = list (o, o->katim);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (nth (revisions, 1)->body, ==, "satu dua");
}

static void
test_looks (Office        *o,
            gconstpointer  data)
{
  g_autoptr(WartaLook) never = NULL;
  g_autoptr(WartaLook) katim = NULL;
  g_autoptr(WartaLook) staff = NULL;
  g_autoptr(WartaLookChanges) changes = NULL;
  g_autoptr(WartaLookChanges) first_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  gint64 first, second;

  never = warta_engine_get_look (o->db->engine, o->katim, o->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (never->looked_at, ==, 0);

  save (o, o->staff, "Vaksinasi", "Petugas memberikan vaksinasi kepada awak kapal.");
  /* someone who never looked has nothing "changed since" */
  first_time = warta_engine_changes_since_look (o->db->engine, o->katim, o->case_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (warta_look_changes_any (first_time));

  g_assert_true (warta_engine_note_look (o->db->engine, o->katim, o->case_id, &error));
  g_assert_no_error (error);
  katim = warta_engine_get_look (o->db->engine, o->katim, o->case_id, &error);
  g_assert_cmpint (katim->revision, ==, 1);
  g_assert_cmpstr (katim->attachments, ==, "");
  g_assert_cmpint (katim->looked_at, ==, o->db->now);

  /* the writer changes a word, later, and adds the step's files */
  test_db_advance (o->db, 20);
  save (o, o->staff, "Vaksinasi", "Petugas memberikan imunisasi kepada awak kapal.");
  complete (o, o->staff);
  first = test_db_attach (o->db, o->staff, o->case_id, "nota-dinas");
  second = test_db_attach (o->db, o->staff, o->case_id, "dokumen-pendukung");

  changes = warta_engine_changes_since_look (o->db->engine, o->katim, o->case_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_look_changes_any (changes));
  g_assert_cmpint (changes->seen->n, ==, 1);
  g_assert_cmpint (changes->latest->n, ==, 2);
  g_assert_cmpstr (changes->seen->body, ==, "Petugas memberikan vaksinasi kepada awak kapal.");
  g_assert_cmpstr (changes->latest->body, ==, "Petugas memberikan imunisasi kepada awak kapal.");
  g_assert_cmpuint (g_strv_length (changes->authors), ==, 1);
  g_assert_cmpstr (changes->authors[0], ==, "User staff");
  g_assert_cmpuint (g_strv_length (changes->added), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *)changes->added, "nota-dinas-1.bin"));
  g_assert_cmpuint (g_strv_length (changes->removed), ==, 0);
  g_clear_pointer (&changes, warta_look_changes_free);

  /* each person's look is their own */
  g_assert_true (warta_engine_note_look (o->db->engine, o->staff, o->case_id, &error));
  staff = warta_engine_get_look (o->db->engine, o->staff, o->case_id, &error);
  ids = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, MIN (first, second), MAX (first, second));
  g_assert_cmpstr (staff->attachments, ==, ids);
  g_assert_cmpint (staff->revision, ==, 2);
  g_clear_pointer (&katim, warta_look_free);
  katim = warta_engine_get_look (o->db->engine, o->katim, o->case_id, &error);
  g_assert_cmpint (katim->revision, ==, 1);

  /* a file removed since a look is named */
  test_db_advance (o->db, 1);
  g_assert_true (warta_engine_remove_attachment (o->db->engine, o->staff, first, &error));
  g_assert_no_error (error);
  changes = warta_engine_changes_since_look (o->db->engine, o->staff, o->case_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_look_changes_any (changes));
  g_assert_cmpint (changes->seen->n, ==, changes->latest->n);
  g_assert_cmpuint (g_strv_length (changes->added), ==, 0);
  g_assert_cmpuint (g_strv_length (changes->removed), ==, 1);
  g_assert_cmpstr (changes->removed[0], ==, "nota-dinas-1.bin");
  /* what one did oneself is not news to anyone but the others */
  g_assert_cmpuint (g_strv_length (changes->authors), ==, 0);
  g_clear_pointer (&changes, warta_look_changes_free);

  /* and looking again, nothing is new */
  g_assert_true (warta_engine_note_look (o->db->engine, o->staff, o->case_id, &error));
  changes = warta_engine_changes_since_look (o->db->engine, o->staff, o->case_id, NULL, &error);
  g_assert_false (warta_look_changes_any (changes));
}

/* A look is a silent write: another connection hears of nothing. */
static void
test_look_is_silent (Office        *o,
                     gconstpointer  data)
{
  g_autoptr(WartaEngine) other = NULL;
  g_autoptr(GError) error = NULL;

  save (o, o->staff, "Judul", "isi");
  other = warta_engine_open (o->db->path, &error);
  g_assert_no_error (error);
  warta_store_poll (warta_engine_get_store (other));

  g_assert_true (warta_engine_note_look (o->db->engine, o->katim, o->case_id, &error));
  g_assert_no_error (error);
  g_assert_false (warta_store_poll (warta_engine_get_store (other)));
  g_assert_cmpint (test_db_count (o->db, "SELECT count(*) FROM journal WHERE kind LIKE '%look%'"), ==, 0);

  /* while a save is heard */
  save (o, o->staff, "Judul", "isi baru");
  g_assert_true (warta_store_poll (warta_engine_get_store (other)));
}

/* A naskah saved before schema 9 has no revision rows: it reads as
 * revision 1 by its writer, and becomes that row at its next save. */
static void
test_legacy (Office        *o,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(WartaRevision) one = NULL;
  g_autoptr(WartaLook) look = NULL;
  g_autoptr(GError) error = NULL;
  gint64 saved_at = o->db->now;

  save (o, o->staff, "Judul lama", "Teks lama.");
  test_db_exec (o->db, "DELETE FROM naskah_revisions");

  revisions = list (o, o->katim);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpint (nth (revisions, 0)->n, ==, 1);
  g_assert_cmpstr (nth (revisions, 0)->author, ==, "User staff");
  g_assert_cmpint (nth (revisions, 0)->saved_at, ==, saved_at);
  g_assert_cmpstr (nth (revisions, 0)->body, ==, "Teks lama.");
  one = warta_engine_get_revision (o->db->engine, o->katim, o->case_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (one->n, ==, 1);
  /* reading wrote nothing */
  g_assert_cmpint (test_db_count (o->db, "SELECT count(*) FROM naskah_revisions"), ==, 0);

  g_assert_true (warta_engine_note_look (o->db->engine, o->katim, o->case_id, &error));
  look = warta_engine_get_look (o->db->engine, o->katim, o->case_id, &error);
  g_assert_cmpint (look->revision, ==, 1);

  /* the next save, by the same writer a minute later, keeps the old text
   * as revision 1 */
  test_db_advance (o->db, 1);
  save (o, o->staff, "Judul lama", "Teks baru.");
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = list (o, o->katim);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (nth (revisions, 1)->body, ==, "Teks lama.");
  g_assert_cmpint (nth (revisions, 1)->saved_by, ==, o->staff);
  g_assert_cmpint (nth (revisions, 1)->saved_at, ==, saved_at);
  g_assert_cmpint (nth (revisions, 1)->run_id, ==, 0);
  g_assert_cmpstr (nth (revisions, 0)->body, ==, "Teks baru.");
}

static void
test_permissions (Office        *o,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *revisions;

  save (o, o->staff, "Judul", "isi");

  /* someone at no step of it may read it, as they may open it */
  revisions = warta_engine_list_revisions (o->db->engine, o->web, o->case_id, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (revisions);

  g_assert_null (warta_engine_list_revisions (o->db->engine, 0, o->case_id, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_false (warta_engine_note_look (o->db->engine, 9999, o->case_id, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_null (warta_engine_list_revisions (o->db->engine, o->staff, o->case_id + 100, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a deactivated person sees nothing more */
  test_db_exec (o->db, "UPDATE users SET active = 0 WHERE login = 'web'");
  g_assert_null (warta_engine_get_revision (o->db->engine, o->web, o->case_id, 1, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE);
  g_clear_error (&error);
  g_assert_false (warta_engine_note_look (o->db->engine, o->web, o->case_id, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE);
  g_clear_error (&error);

  /* and reading never writes a revision for someone who may not write */
  g_assert_cmpint (test_db_count (o->db, "SELECT count(*) FROM naskah_revisions"), ==, 1);
}

/* A person's inbox says which berkas are news to them: never opened, or
 * changed by someone else (a revision of its naskah, a file) since their
 * last look; what they did themselves is not news. */
static WartaCaseNews
inbox_news (Office *o,
            gint64  user)
{
  WartaCaseQuery query = { .inbox_user = user };
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = warta_store_list_cases (o->db->store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      const WartaCase *kase = g_ptr_array_index (cases, i);

      if (kase->id == o->case_id)
        return kase->news;
    }
  g_error ("berkas %" G_GINT64_FORMAT " is not in the inbox", o->case_id);
}

static void
look (Office *o,
      gint64  user)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_engine_note_look (o->db->engine, user, o->case_id, &error));
  g_assert_no_error (error);
}

static void
hand_to (Office *o,
         gint64  user)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_engine_hand_over (o->db->engine, o->db->admin, o->case_id, user, "Cuti", &error));
  g_assert_no_error (error);
}

static void
test_inbox_news (Office        *o,
                 gconstpointer  data)
{
  gint64 colleague = test_db_add_user (o->db, "rekan", "staff-tim-kerja", NULL);

  g_assert_cmpint (inbox_news (o, o->staff), ==, WARTA_CASE_NEWS_NEW);
  look (o, o->staff);
  g_assert_cmpint (inbox_news (o, o->staff), ==, WARTA_CASE_NEWS_NONE);
  /* one's own writing is no news to oneself */
  save (o, o->staff, "Vaksinasi", "Petugas memberikan vaksinasi.");
  g_assert_cmpint (inbox_news (o, o->staff), ==, WARTA_CASE_NEWS_NONE);

  /* handed to a colleague: new to them, until they open it */
  hand_to (o, colleague);
  g_assert_cmpint (inbox_news (o, colleague), ==, WARTA_CASE_NEWS_NEW);
  look (o, colleague);
  g_assert_cmpint (inbox_news (o, colleague), ==, WARTA_CASE_NEWS_NONE);

  /* the writer changes a word: changed, to the colleague */
  hand_to (o, o->staff);
  test_db_advance (o->db, 20);
  save (o, o->staff, "Vaksinasi", "Petugas memberikan imunisasi.");
  hand_to (o, colleague);
  g_assert_cmpint (inbox_news (o, colleague), ==, WARTA_CASE_NEWS_CHANGED);
  look (o, colleague);
  g_assert_cmpint (inbox_news (o, colleague), ==, WARTA_CASE_NEWS_NONE);

  /* and adds a file */
  hand_to (o, o->staff);
  test_db_advance (o->db, 1);
  test_db_attach (o->db, o->staff, o->case_id, "nota-dinas");
  hand_to (o, colleague);
  g_assert_cmpint (inbox_news (o, colleague), ==, WARTA_CASE_NEWS_CHANGED);
  look (o, colleague);
  g_assert_cmpint (inbox_news (o, colleague), ==, WARTA_CASE_NEWS_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/revisions/coalesce", test_coalesce);
  ADD ("/revisions/authors-and-steps", test_authors_and_steps);
  ADD ("/revisions/seen-is-kept", test_seen_is_kept);
  ADD ("/revisions/looks", test_looks);
  ADD ("/revisions/look-is-silent", test_look_is_silent);
  ADD ("/revisions/legacy", test_legacy);
  ADD ("/revisions/permissions", test_permissions);
  ADD ("/revisions/inbox-news", test_inbox_news);
#undef ADD
  return g_test_run ();
}
