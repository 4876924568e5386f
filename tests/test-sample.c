/* test-sample.c: the sample office, made through the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "warta-engine.h"
#include "warta-journal.h"
#include "warta-sample.h"
#include "warta-timing.h"

/* 2026-03-02 09:00 UTC, a Monday */
#define NOW (G_GINT64_CONSTANT (1772442000) * G_USEC_PER_SEC)

typedef struct
{
  char        *dir;
  char        *path;
  char        *sop_dir;
  WartaStore  *store;
  WartaEngine *engine;
} Fixture;

static gint64
fixed_clock (gpointer user_data)
{
  return NOW;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("warta-sample-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "warta.db", NULL);
  f->sop_dir = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", NULL);
  f->store = warta_store_open (f->path, &error);
  g_assert_no_error (error);
  f->engine = warta_engine_new (f->store);
  warta_engine_set_clock (f->engine, fixed_clock, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->sop_dir);
}

static void
populate (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (warta_sample_populate (f->engine, f->sop_dir, &error));
  g_assert_no_error (error);
}

static void
test_users (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) sops = NULL;
  g_autoptr(GPtrArray) admins = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *office = NULL;
  g_autofree char *sample = NULL;
  guint n_lanes = 0;

  populate (f);

  office = warta_store_get_setting (f->store, "office_name");
  g_assert_nonnull (office);
  g_assert_cmpstr (office, !=, "");
  sample = warta_store_get_setting (f->store, WARTA_SAMPLE_SETTING);
  g_assert_cmpstr (sample, ==, "1");

  sops = warta_store_list_sops (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sops->len, ==, 5);

  /* Someone holds every lane of every SOP, and signs in with the demo
   * password. */
  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);
      g_autoptr(WartaSop) sop = warta_engine_get_sop (f->engine, info->id, info->version, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < warta_sop_get_n_lanes (sop); j++)
        {
          const WartaSopLane *lane = warta_sop_get_lane (sop, j);
          g_autoptr(GPtrArray) users = warta_store_list_users (f->store, lane->id, &error);
          const WartaUser *user;

          g_assert_no_error (error);
          g_assert_cmpuint (users->len, >=, 1);
          user = g_ptr_array_index (users, 0);
          g_assert_nonnull (user->nip);
          g_assert_cmpuint (strlen (user->nip), ==, 18);
          g_assert_nonnull (user->jabatan);
          g_assert_cmpint (warta_engine_authenticate (f->engine, user->login, WARTA_SAMPLE_PASSWORD, &error),
                           ==, user->id);
          g_assert_no_error (error);
          n_lanes++;
        }
    }
  g_assert_cmpuint (n_lanes, >=, 20);

  admins = warta_store_list_users (f->store, "admin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (admins->len, ==, 1);
  g_assert_cmpstr (((WartaUser *)g_ptr_array_index (admins, 0))->login, ==, "admin");
  g_assert_true (((WartaUser *)g_ptr_array_index (admins, 0))->is_admin);
  g_assert_cmpint (warta_engine_authenticate (f->engine, "admin", WARTA_SAMPLE_PASSWORD, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_authenticate (f->engine, "admin", "wrong-password", &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
}

static void
test_cases (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) sops = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  WartaCaseQuery query = { .any_state = TRUE };
  guint n_over = 0, n_within = 0, n_finished = 0, n_naskah = 0;
  gint64 n_events = 0;

  populate (f);

  /* The sample's clock is its own: the caller's engine keeps its time. */
  g_assert_cmpint (warta_engine_now (f->engine), ==, NOW);

  all = warta_store_list_cases (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 12);

  for (guint i = 0; i < all->len; i++)
    {
      const WartaCase *kase = g_ptr_array_index (all, i);
      g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (f->store, kase->id, &error);

      g_assert_no_error (error);
      g_hash_table_add (sops, kase->sop_id);
      g_assert_cmpint (kase->created_at, <, NOW);
      if (!warta_naskah_is_empty (naskah))
        n_naskah++;

      if (kase->state != WARTA_CASE_OPEN)
        {
          g_assert_cmpint (kase->finished_at, <=, NOW);
          n_finished++;
          continue;
        }

      g_assert_nonnull (kase->active);
      g_assert_cmpint (kase->active->started_at, <=, NOW);
      switch (warta_step_run_get_timing (kase->active, NOW))
        {
        case WARTA_TIMING_OVER:
          n_over++;
          break;
        case WARTA_TIMING_WITHIN:
        case WARTA_TIMING_NEAR:
          n_within++;
          break;
        case WARTA_TIMING_NO_STANDARD:
        default:
          break;
        }
    }

  g_assert_cmpuint (g_hash_table_size (sops), >=, 4);
  g_assert_cmpuint (n_over, >=, 2);
  g_assert_cmpuint (n_within, >=, 2);
  g_assert_cmpuint (n_finished, >=, 2);
  g_assert_cmpuint (n_naskah, >=, 4);

  /* Somebody has work waiting: the inbox of a lane user is not empty. */
  {
    g_autoptr(WartaUser) ppid = NULL;
    g_autoptr(GPtrArray) users = warta_store_list_users (f->store, "tim-ppid", &error);
    WartaCaseQuery inbox = { 0 };

    g_assert_no_error (error);
    ppid = warta_store_get_user (f->store, ((WartaUser *)g_ptr_array_index (users, 0))->id, &error);
    inbox.inbox_user = ppid->id;
    g_assert_cmpint (warta_store_count_cases (f->store, &inbox, &error), >=, 1);
    g_assert_no_error (error);
  }

  g_assert_true (warta_journal_verify (f->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, >, 100);
}

static void
test_refused_with_users (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  WartaCaseQuery query = { .any_state = TRUE };
  WartaUser user = { 0 };
  const char *roles[] = { "admin", NULL };

  user.login = (char *)"kepala";
  user.full_name = (char *)"Kepala Kantor";
  user.roles = (GStrv)roles;
  g_assert_true (warta_engine_add_role (f->engine, 0, "admin", "Administrator", &error));
  g_assert_cmpint (warta_engine_add_user (f->engine, 0, &user, "rahasia123", &error), >, 0);
  g_assert_no_error (error);
  before = warta_store_list_users (f->store, NULL, &error);

  g_assert_false (warta_sample_populate (f->engine, f->sop_dir, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);

  after = warta_store_list_users (f->store, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpint (warta_store_count_cases (f->store, &query, &error), ==, 0);
  g_assert_null (warta_store_get_setting (f->store, "office_name"));

  /* And a second run over a sample database too. */
  fixture_tear_down (f, NULL);
  fixture_set_up (f, NULL);
  populate (f);
  g_assert_false (warta_sample_populate (f->engine, f->sop_dir, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sample/users", Fixture, NULL, fixture_set_up, test_users, fixture_tear_down);
  g_test_add ("/sample/cases", Fixture, NULL, fixture_set_up, test_cases, fixture_tear_down);
  g_test_add ("/sample/refused-with-users", Fixture, NULL, fixture_set_up, test_refused_with_users,
              fixture_tear_down);

  return g_test_run ();
}
