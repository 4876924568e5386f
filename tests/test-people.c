/* test-people.c: the office's people and roles, kept by its administrator
 *
 * Each change is refused to anyone but an administrator and leaves its
 * journal event; a deactivated person cannot sign in, act or be given a
 * step; a password an administrator chose is replaced at the first
 * sign-in; a step held by someone who left is handed over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"

#define SOP_002 "bbkk-medan-publikasi-website"

typedef struct
{
  TestDb *db;
  gint64  staff;
  gint64  staff2;
  gint64  katim;
  GArray *changes;   /* WartaChange: what the store announced */
} Fixture;

static void
on_changed (WartaStore *store,
            GArray     *changes,
            Fixture    *f)
{
  g_array_append_vals (f->changes, changes->data, changes->len);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->staff2 = test_db_add_user (f->db, "staf2", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->changes = warta_changes_new ();
  g_signal_connect (f->db->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->db->store, f);
  g_array_unref (f->changes);
  test_db_free (f->db);
}

static gboolean
announced (Fixture         *f,
           WartaChangeKind  kind,
           gint64           case_id)
{
  for (guint i = 0; i < f->changes->len; i++)
    {
      const WartaChange *change = &g_array_index (f->changes, WartaChange, i);

      if (change->kind == kind && change->case_id == case_id)
        return TRUE;
    }
  return FALSE;
}

static gint64
count_events (Fixture    *f,
              const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE kind = '%s'", kind);

  return test_db_count (f->db, sql);
}

/* The payload of the last event of kind, as a JSON text. */
static char *
last_payload (Fixture    *f,
              const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT payload FROM journal WHERE kind = '%s' ORDER BY seq DESC LIMIT 1",
                                          kind);
  char *payload = test_db_text (f->db, sql);

  g_assert_nonnull (payload);
  return payload;
}

static WartaUser *
get_user (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  WartaUser *user = warta_store_get_user (f->db->store, id, &error);

  g_assert_no_error (error);
  return user;
}

#define ASSERT_FAILS(call, domain, code) G_STMT_START {  \
    g_autoptr(GError) error_ = NULL;                   \
    GError **err = &error_;                            \
    gint64 events_ = test_db_count (f->db, "SELECT count(*) FROM journal"); \
    g_assert_false (call);                             \
    g_assert_error (error_, domain, code);             \
    g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, events_); \
  } G_STMT_END
#define ASSERT_REFUSED(call, code) ASSERT_FAILS (call, WARTA_ENGINE_ERROR, code)

static void
assert_nip_error (const char *nip,
                  const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (warta_nip_check (nip, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("NIP %s: “%s” does not say “%s”", nip, error->message, message);
}

static void
test_nip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *future = g_strdup_printf ("%04d0101%04d011001", g_date_time_get_year (now) + 1,
                                             g_date_time_get_year (now) + 1);

  /* Those of the sample office and the tests */
  g_assert_true (warta_nip_check ("198107142006041002", &error));
  g_assert_true (warta_nip_check ("199001012020121001", &error));
  g_assert_true (warta_nip_check ("198501012010011001", &error));
  g_assert_true (warta_nip_check ("197002021995031002", &error));
  g_assert_true (warta_nip_check ("196002292000032001", &error));   /* born on a 29 February */
  g_assert_true (warta_nip_check (NULL, &error));
  g_assert_true (warta_nip_check ("", &error));
  g_assert_no_error (error);

  assert_nip_error ("19810714200604100", "NIP must have 18 digits; it has 17");
  assert_nip_error ("1981071420060410021", "NIP must have 18 digits; it has 19");
  assert_nip_error ("19810714 200604 1 002", "digits only");
  assert_nip_error ("19810714200604100X", "digits only");
  assert_nip_error ("198102302006041002", "19810230 is not a real date");
  assert_nip_error ("196102292000032001", "19610229 is not a real date");
  assert_nip_error ("198113142006041002", "19811314 is not a real date");
  assert_nip_error ("198107002006041002", "19810700 is not a real date");
  assert_nip_error ("193912312006041002", "the year 1939 is not between 1940");
  assert_nip_error (future, "is not between 1940");
  assert_nip_error ("198107142006131002", "13 is not a month");
  assert_nip_error ("198107142006001002", "00 is not a month");
  assert_nip_error ("198107141975041002", "the year 1975 is not between the birth year 1981");
  assert_nip_error ("198107142006043002", "1 for a man or 2 for a woman; it is 3");
  assert_nip_error ("198107142006040002", "1 for a man or 2 for a woman; it is 0");
}

/* add_user and edit_user check the NIP; nothing is written when it is wrong. */
static void
test_nip_on_people (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) staff = get_user (f, f->staff);
  const char *roles[] = { "staff-tim-kerja", NULL };
  WartaUser newcomer = { .login = (char *)"baru", .full_name = (char *)"Orang Baru",
                         .nip = (char *)"19900101202012100", .roles = (GStrv)roles };
  gint64 users = test_db_count (f->db, "SELECT count(*) FROM users");

  ASSERT_REFUSED (warta_engine_add_user (f->db->engine, f->db->admin, &newcomer, TEST_PASSWORD, err),
                  WARTA_ENGINE_ERROR_INVALID);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM users"), ==, users);

  staff->nip = (char *)"199013012020121001";
  ASSERT_REFUSED (warta_engine_edit_user (f->db->engine, f->db->admin, staff, err), WARTA_ENGINE_ERROR_INVALID);
  staff->nip = NULL;
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM users WHERE nip IS NOT NULL"), ==, 0);

  newcomer.nip = (char *)"199001012020121001";
  g_assert_cmpint (warta_engine_add_user (f->db->engine, f->db->admin, &newcomer, TEST_PASSWORD, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) staff = get_user (f, f->staff);
  g_autoptr(WartaUser) after = NULL;
  g_autoptr(WartaUser) admin = get_user (f, f->db->admin);
  g_autofree char *payload = NULL;
  const char *roles[] = { "admin-website", "staff-tim-kerja", NULL };   /* as read: sorted */
  const char *unknown_roles[] = { "tidak-ada", NULL };
  WartaUser edited;

  edited = *staff;
  edited.login = (char *)"staf-baru";
  edited.full_name = (char *)"Rahmat Siregar, S.Sos.";
  edited.nip = (char *)"199001012020121001";
  edited.jabatan = (char *)"Pranata Humas Ahli Pertama";
  edited.pangkat = (char *)"Penata Muda / III-a";
  edited.roles = (GStrv)roles;

  ASSERT_REFUSED (warta_engine_edit_user (f->db->engine, f->staff, &edited, err), WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (warta_engine_edit_user (f->db->engine, 0, &edited, err), WARTA_ENGINE_ERROR_DENIED);

  g_assert_true (warta_engine_edit_user (f->db->engine, f->db->admin, &edited, &error));
  g_assert_no_error (error);
  after = get_user (f, f->staff);
  g_assert_cmpstr (after->login, ==, "staf-baru");
  g_assert_cmpstr (after->full_name, ==, "Rahmat Siregar, S.Sos.");
  g_assert_cmpstr (after->nip, ==, "199001012020121001");
  g_assert_cmpstr (after->jabatan, ==, "Pranata Humas Ahli Pertama");
  g_assert_cmpstr (after->pangkat, ==, "Penata Muda / III-a");
  g_assert_cmpstrv (after->roles, roles);
  g_assert_false (after->is_admin);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "staf-baru", TEST_PASSWORD, &error), ==, f->staff);
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, "user.edit"), ==, 1);
  payload = last_payload (f, "user.edit");
  g_assert_nonnull (strstr (payload, "\"user\":\"staf\""));
  g_assert_nonnull (strstr (payload, "\"login\":\"staf-baru\""));
  g_assert_nonnull (strstr (payload, "\"pangkat\":\"Penata Muda / III-a\""));
  g_assert_true (announced (f, WARTA_CHANGE_PEOPLE, 0));

  /* A login in use, an unknown role, no name: refused, nothing written */
  edited = *after;
  edited.login = (char *)"katim";
  ASSERT_FAILS (warta_engine_edit_user (f->db->engine, f->db->admin, &edited, err),
                WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS);
  edited = *after;
  edited.roles = (GStrv)unknown_roles;
  ASSERT_FAILS (warta_engine_edit_user (f->db->engine, f->db->admin, &edited, err),
                WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND);
  edited = *after;
  edited.full_name = (char *)" ";
  ASSERT_REFUSED (warta_engine_edit_user (f->db->engine, f->db->admin, &edited, err), WARTA_ENGINE_ERROR_INVALID);
  g_clear_pointer (&after, warta_user_free);
  after = get_user (f, f->staff);
  g_assert_cmpstrv (after->roles, roles);
  g_assert_cmpstr (after->login, ==, "staf-baru");

  /* The last administrator stays one; with a second, the first may go. */
  edited = *admin;
  edited.is_admin = FALSE;
  ASSERT_REFUSED (warta_engine_edit_user (f->db->engine, f->db->admin, &edited, err), WARTA_ENGINE_ERROR_DENIED);
  {
    WartaUser promoted = *after;

    promoted.is_admin = TRUE;
    g_assert_true (warta_engine_edit_user (f->db->engine, f->db->admin, &promoted, &error));
    g_assert_no_error (error);
  }
  g_assert_true (warta_engine_edit_user (f->db->engine, f->db->admin, &edited, &error));
  g_assert_no_error (error);
  g_clear_pointer (&admin, warta_user_free);
  admin = get_user (f, f->db->admin);
  g_assert_false (admin->is_admin);
  ASSERT_REFUSED (warta_engine_add_role (f->db->engine, f->db->admin, "tamu", "Tamu", err),
                  WARTA_ENGINE_ERROR_DENIED);
  /* A role id of another shape than a lane's fills no lane: refused. */
  ASSERT_REFUSED (warta_engine_add_role (f->db->engine, after->id, "Kepala Balai", "Kepala", err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (warta_engine_add_role (f->db->engine, after->id, "-humas", "Humas", err),
                  WARTA_ENGINE_ERROR_INVALID);

  /* The new administrator is the last one now */
  edited = *after;
  edited.is_admin = FALSE;
  ASSERT_REFUSED (warta_engine_edit_user (f->db->engine, f->staff, &edited, err), WARTA_ENGINE_ERROR_DENIED);
  g_assert_cmpint (count_events (f, "user.edit"), ==, 3);
}

static void
test_deactivate (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autoptr(WartaUser) staff = NULL;
  g_autoptr(GPtrArray) lane = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 case_id;

  /* staf holds step 1 of a berkas; katim disposes nothing yet */
  case_id = warta_engine_start_case (f->db->engine, f->staff, SOP_002, "Rilis", &error);
  g_assert_no_error (error);

  ASSERT_REFUSED (warta_engine_set_user_active (f->db->engine, f->staff2, f->staff, FALSE, err),
                  WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (warta_engine_set_user_active (f->db->engine, f->db->admin, f->db->admin, FALSE, err),
                  WARTA_ENGINE_ERROR_DENIED);
  g_assert_true (warta_engine_set_user_active (f->db->engine, f->db->admin, f->staff, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, "user.deactivate"), ==, 1);
  g_assert_true (announced (f, WARTA_CHANGE_PEOPLE, 0));
  staff = get_user (f, f->staff);
  g_assert_true (staff->inactive);

  /* The right password learns the account is closed; a wrong one is
   * told what an unknown login is told. */
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "staf", TEST_PASSWORD, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE);
  g_assert_cmpstr (error->message, ==, "This account was deactivated; ask the office's administrator");
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "staf", "salah-sandi", &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "tidak-ada", "salah-sandi", &unknown), ==, 0);
  g_assert_error (unknown, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_assert_cmpint (strlen (error->message) - strlen ("staf"), ==, strlen (unknown->message) - strlen ("tidak-ada"));
  g_clear_error (&error);

  /* Not offered, may not act, not a disposition's recipient */
  lane = warta_engine_list_lane_people (f->db->engine, "staff-tim-kerja", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lane->len, ==, 1);
  g_assert_cmpint (((WartaUser *)g_ptr_array_index (lane, 0))->id, ==, f->staff2);
  kase = warta_store_get_case (f->db->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_false (warta_engine_may_act (f->db->engine, staff, kase->active));
  ASSERT_REFUSED (warta_engine_complete (f->db->engine, f->staff, case_id, NULL, err), WARTA_ENGINE_ERROR_INACTIVE);

  /* Its history stays */
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM users WHERE login = 'staf'"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM cases "
                                         "WHERE created_by = (SELECT id FROM users WHERE login = 'staf')"), ==, 1);

  /* Back again */
  g_assert_true (warta_engine_set_user_active (f->db->engine, f->db->admin, f->staff, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, "user.activate"), ==, 1);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "staf", TEST_PASSWORD, &error), ==, f->staff);
  g_assert_no_error (error);
  g_clear_pointer (&lane, g_ptr_array_unref);
  lane = warta_engine_list_lane_people (f->db->engine, "staff-tim-kerja", &error);
  g_assert_cmpuint (lane->len, ==, 2);
}

/* Seed 002 at step 4, where the kepala disposes step 5 to a katimker. */
static gint64
case_at_disposition (Fixture *f)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  gint64 id = warta_engine_start_case (e, f->staff, SOP_002, "Rilis", &error);

  g_assert_no_error (error);
  test_db_write_naskah (f->db, f->staff, id);
  g_assert_true (warta_engine_complete (e, f->staff, id, NULL, &error));
  test_db_meet_requirements (f->db, f->staff, id);
  g_assert_true (warta_engine_complete (e, f->staff, id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->katim, id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

/* A deactivated person is nobody's recipient; the disposition picker's
 * list (warta_engine_list_lane_people) leaves them out. */
static void
test_dispose_to_inactive (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  gint64 katim2 = test_db_add_user (f->db, "katim2", "katimker-layanan-publik-zi", NULL);
  gint64 case_id = case_at_disposition (f);

  g_assert_true (warta_engine_set_user_active (f->db->engine, f->db->admin, f->katim, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GError) refused = NULL;

    g_assert_false (warta_engine_dispose (f->db->engine, kepala, case_id, f->katim, "Terbitkan", &refused));
    g_assert_error (refused, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE);
    g_assert_cmpstr (refused->message, ==, "katim was deactivated; choose another person");
  }
  g_assert_true (warta_engine_dispose (f->db->engine, kepala, case_id, katim2, "Terbitkan", &error));
  g_assert_no_error (error);
  kase = warta_store_get_case (f->db->store, case_id, &error);
  g_assert_cmpstr (kase->active->step_id, ==, "5");
  g_assert_cmpint (kase->active->assignee, ==, katim2);
}

/* Work returned to a step whose last holder left goes to the step's
 * lane, not back to them. */
static void
test_return_to_inactive (Fixture       *f,
                         gconstpointer  data)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 id = warta_engine_start_case (e, f->staff, SOP_002, "Rilis", &error);

  g_assert_no_error (error);
  test_db_write_naskah (f->db, f->staff, id);
  g_assert_true (warta_engine_complete (e, f->staff, id, NULL, &error));
  test_db_meet_requirements (f->db, f->staff, id);
  g_assert_true (warta_engine_complete (e, f->staff, id, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (warta_engine_set_user_active (e, f->db->admin, f->staff, FALSE, &error));
  g_assert_true (warta_engine_return (e, f->katim, id, "2", "Perbaiki lampiran", &error));
  g_assert_no_error (error);
  kase = warta_store_get_case (f->db->store, id, &error);
  g_assert_cmpstr (kase->active->step_id, ==, "2");
  g_assert_cmpint (kase->active->assignee, ==, 0);
  g_assert_true (warta_engine_complete (e, f->staff2, id, NULL, &error));
  g_assert_no_error (error);
}

static void
test_passwords (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autofree char *payload = NULL;
  const char *roles[] = { "staff-tim-kerja", NULL };
  WartaUser newcomer = { .login = (char *)"baru", .full_name = (char *)"Orang Baru", .roles = (GStrv)roles };
  gint64 id;

  /* The office's first administrator chose their own */
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "admin", TEST_PASSWORD, &error), ==, f->db->admin);
  g_assert_no_error (error);

  /* One an administrator gave: right, it must be replaced; wrong, the
   * usual answer. */
  id = warta_engine_add_user (f->db->engine, f->db->admin, &newcomer, TEST_FIRST_PASSWORD, &error);
  g_assert_no_error (error);
  user = get_user (f, id);
  g_assert_true (user->must_change_password);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "baru", TEST_FIRST_PASSWORD, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "baru", "salah-sandi", &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_clear_error (&error);

  /* Changing it needs the old one, a new one of 8 and a different one */
  ASSERT_REFUSED (warta_engine_change_password (f->db->engine, "baru", "salah-sandi", TEST_PASSWORD, err),
                  WARTA_ENGINE_ERROR_AUTH);
  ASSERT_REFUSED (warta_engine_change_password (f->db->engine, "tidak-ada", TEST_FIRST_PASSWORD, TEST_PASSWORD, err),
                  WARTA_ENGINE_ERROR_AUTH);
  ASSERT_REFUSED (warta_engine_change_password (f->db->engine, "baru", TEST_FIRST_PASSWORD, "pendek1", err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (warta_engine_change_password (f->db->engine, "baru", TEST_FIRST_PASSWORD, TEST_FIRST_PASSWORD, err),
                  WARTA_ENGINE_ERROR_INVALID);
  g_assert_cmpint (warta_engine_change_password (f->db->engine, "baru", TEST_FIRST_PASSWORD, TEST_PASSWORD, &error),
                   ==, id);
  g_assert_no_error (error);
  g_clear_pointer (&user, warta_user_free);
  user = get_user (f, id);
  g_assert_false (user->must_change_password);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "baru", TEST_PASSWORD, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "baru", TEST_FIRST_PASSWORD, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH);
  g_clear_error (&error);

  /* An administrator resets it: to be replaced again. Not a non-admin's. */
  ASSERT_REFUSED (warta_engine_set_password (f->db->engine, f->staff, id, "sandi-orang-lain", err),
                  WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (warta_engine_set_password (f->db->engine, f->db->admin, id, "pendek1", err),
                  WARTA_ENGINE_ERROR_INVALID);
  g_assert_true (warta_engine_set_password (f->db->engine, f->db->admin, id, "sandi-dari-admin", &error));
  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "baru", "sandi-dari-admin", &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD);
  g_clear_error (&error);
  payload = last_payload (f, "user.password");
  g_assert_nonnull (strstr (payload, "\"must_change\":\"yes\""));

  /* An administrator's own, set so: not to be replaced */
  g_assert_true (warta_engine_set_password (f->db->engine, f->db->admin, f->db->admin, "sandi-admin-baru", &error));
  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_authenticate (f->db->engine, "admin", "sandi-admin-baru", &error), ==, f->db->admin);
  g_assert_no_error (error);

  /* No password, no hash in the journal */
  g_assert_cmpint (count_events (f, "user.password"), >=, 3);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE payload LIKE '%sandi%' "
                                          "OR payload LIKE '%" TEST_PASSWORD "%' OR payload LIKE '%" TEST_FIRST_PASSWORD "%' "
                                          "OR payload LIKE '%argon2%'"), ==, 0);
  g_assert_true (announced (f, WARTA_CHANGE_PEOPLE, 0));
}

/* The step of someone who left, found and handed over with a reason. */
static void
test_hand_over (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autofree char *payload = NULL;
  gint64 case_id, other;

  case_id = warta_engine_start_case (f->db->engine, f->staff, SOP_002, "Rilis", &error);
  other = warta_engine_start_case (f->db->engine, f->staff2, SOP_002, "Rilis lain", &error);
  g_assert_no_error (error);

  held = warta_engine_list_held_by_inactive (f->db->engine, f->db->admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 0);
  g_clear_pointer (&held, g_ptr_array_unref);

  g_assert_true (warta_engine_set_user_active (f->db->engine, f->db->admin, f->staff, FALSE, &error));
  g_assert_no_error (error);
  held = warta_engine_list_held_by_inactive (f->db->engine, f->db->admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (held, 0))->id, ==, case_id);
  g_assert_nonnull (((WartaCase *)g_ptr_array_index (held, 0))->active);
  g_assert_cmpint (((WartaCase *)g_ptr_array_index (held, 0))->active->assignee, ==, f->staff);
  g_assert_null (warta_engine_list_held_by_inactive (f->db->engine, f->staff2, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);

  ASSERT_REFUSED (warta_engine_hand_over (f->db->engine, f->staff2, case_id, f->staff2, "Pindah tugas", err),
                  WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (warta_engine_hand_over (f->db->engine, f->db->admin, case_id, f->staff2, " ", err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (warta_engine_hand_over (f->db->engine, f->db->admin, case_id, f->katim, "Pindah tugas", err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (warta_engine_hand_over (f->db->engine, f->db->admin, case_id, f->staff, "Pindah tugas", err),
                  WARTA_ENGINE_ERROR_INACTIVE);

  g_array_set_size (f->changes, 0);
  g_assert_true (warta_engine_hand_over (f->db->engine, f->db->admin, case_id, f->staff2, "Pindah tugas", &error));
  g_assert_no_error (error);
  kase = warta_store_get_case (f->db->store, case_id, &error);
  g_assert_cmpint (kase->active->assignee, ==, f->staff2);
  g_assert_cmpstr (kase->active->step_id, ==, "1");
  g_assert_cmpint (count_events (f, "case.hand-over"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT case_id FROM journal WHERE kind = 'case.hand-over'"), ==, case_id);
  payload = last_payload (f, "case.hand-over");
  g_assert_nonnull (strstr (payload, "\"from\":\"staf\""));
  g_assert_nonnull (strstr (payload, "\"to\":\"staf2\""));
  g_assert_nonnull (strstr (payload, "\"reason\":\"Pindah tugas\""));
  /* The berkas's viewers hear of it, the other berkas's do not */
  g_assert_true (announced (f, WARTA_CHANGE_CASE, case_id));
  g_assert_false (announced (f, WARTA_CHANGE_CASE, other));

  /* Now staf2's to do; the list is empty again */
  g_clear_pointer (&held, g_ptr_array_unref);
  held = warta_engine_list_held_by_inactive (f->db->engine, f->db->admin, &error);
  g_assert_cmpuint (held->len, ==, 0);
  ASSERT_REFUSED (warta_engine_hand_over (f->db->engine, f->db->admin, case_id, f->staff2, "Lagi", err),
                  WARTA_ENGINE_ERROR_INVALID);
  test_db_write_naskah (f->db, f->staff2, case_id);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff2, case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_journal_verify (f->db->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_rename_role (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(WartaUser) staff = NULL;
  g_autofree char *payload = NULL;
  gboolean found = FALSE;

  ASSERT_REFUSED (warta_engine_rename_role (f->db->engine, f->staff, "staff-tim-kerja", "Staf", err),
                  WARTA_ENGINE_ERROR_DENIED);
  ASSERT_REFUSED (warta_engine_rename_role (f->db->engine, f->db->admin, "tidak-ada", "Tidak Ada", err),
                  WARTA_ENGINE_ERROR_INVALID);
  ASSERT_REFUSED (warta_engine_rename_role (f->db->engine, f->db->admin, "staff-tim-kerja", " ", err),
                  WARTA_ENGINE_ERROR_INVALID);

  g_assert_true (warta_engine_rename_role (f->db->engine, f->db->admin, "staff-tim-kerja", " Staf Humas ", &error));
  g_assert_no_error (error);
  roles = warta_store_list_roles (f->db->store, &error);
  for (guint i = 0; i < roles->len; i++)
    {
      const WartaRole *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->id, "staff-tim-kerja"))
        {
          g_assert_cmpstr (role->name, ==, "Staf Humas");
          found = TRUE;
        }
    }
  g_assert_true (found);
  /* The id stays: its holders and the SOP's lane still meet. */
  staff = get_user (f, f->staff);
  g_assert_true (warta_user_has_role (staff, "staff-tim-kerja"));
  g_assert_cmpint (warta_engine_start_case (f->db->engine, f->staff, SOP_002, "Rilis", &error), >, 0);
  g_assert_no_error (error);
  payload = last_payload (f, "role.rename");
  g_assert_nonnull (strstr (payload, "\"role\":\"staff-tim-kerja\""));
  g_assert_nonnull (strstr (payload, "\"name\":\"Staf Humas\""));
  g_assert_true (announced (f, WARTA_CHANGE_PEOPLE, 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/people/nip", test_nip);
  g_test_add ("/people/nip-on-people", Fixture, NULL, fixture_set_up, test_nip_on_people, fixture_tear_down);
  g_test_add ("/people/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/people/deactivate", Fixture, NULL, fixture_set_up, test_deactivate, fixture_tear_down);
  g_test_add ("/people/dispose-to-inactive", Fixture, NULL, fixture_set_up, test_dispose_to_inactive,
              fixture_tear_down);
  g_test_add ("/people/return-to-inactive", Fixture, NULL, fixture_set_up, test_return_to_inactive,
              fixture_tear_down);
  g_test_add ("/people/passwords", Fixture, NULL, fixture_set_up, test_passwords, fixture_tear_down);
  g_test_add ("/people/hand-over", Fixture, NULL, fixture_set_up, test_hand_over, fixture_tear_down);
  g_test_add ("/people/rename-role", Fixture, NULL, fixture_set_up, test_rename_role, fixture_tear_down);

  return g_test_run ();
}
