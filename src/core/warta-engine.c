/* warta-engine.c: the engine, signing in, and administration
 *
 * The object with its clock and its cache of parsed SOPs, signing in, and
 * what an administrator does: SOPs, roles, users, setting up an office. Each
 * change is one transaction with its journal event, as every action on a
 * case is. Cases themselves are in warta-engine-case.c, so that the state
 * machine reads on its own and set-up code is not read around it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-password.h"

G_DEFINE_QUARK (warta-engine-error-quark, warta_engine_error)
G_DEFINE_FINAL_TYPE (WartaEngine, warta_engine, G_TYPE_OBJECT)

enum
{
  STEP_COMPLETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
warta_engine_finalize (GObject *object)
{
  WartaEngine *self = (WartaEngine *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->sops, g_hash_table_unref);

  G_OBJECT_CLASS (warta_engine_parent_class)->finalize (object);
}

static void
warta_engine_class_init (WartaEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = warta_engine_finalize;

  /**
   * WartaEngine::step-completed:
   * @actor: who completed it
   * @case_id: the berkas
   * @action: the step's action ("publish", "print", …)
   *
   * A step of a berkas was completed and committed; emitted after its
   * transaction, in the thread that uses the engine. What follows a step
   * and is not the engine's (keeping the Bukti Publikasi after a publish
   * step: see warta_evidence_set_keep_bukti()) connects here.
   */
  signals[STEP_COMPLETED] =
    g_signal_new ("step-completed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);
}

static void
warta_engine_init (WartaEngine *self)
{
  self->sops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
_warta_engine_step_completed (WartaEngine *self,
                              gint64       actor,
                              gint64       case_id,
                              const char  *action)
{
  g_signal_emit (self, signals[STEP_COMPLETED], 0, actor, case_id, action);
}

static const char *
step_action (const char *sop_id,
             int         sop_version,
             const char *step_id,
             gpointer    user_data)
{
  WartaEngine *self = user_data;
  g_autoptr(WartaSop) sop = warta_engine_get_sop (self, sop_id, sop_version, NULL);
  const WartaSopStep *step = sop ? warta_sop_lookup_step (sop, step_id) : NULL;

  return step ? warta_sop_action_to_string (step->action) : NULL;
}

/* The clock engines start with: none (real time) unless a test program
 * set one with warta_engine_set_process_clock. */
G_LOCK_DEFINE_STATIC (process_clock);
static WartaClockFunc process_clock;
static gpointer process_clock_data;

/**
 * warta_engine_set_process_clock:
 * @func: (nullable): the clock, or %NULL for real time
 * @user_data: passed to @func
 *
 * For test programs only (nothing in Warta's own programs calls it): the
 * clock every engine made from now on in this process reads, on any
 * thread, until warta_engine_set_clock gives it another. A window's
 * session and its workers open engines of their own; so the test can set
 * the time they all read, and move it, instead of waiting for real time
 * to pass. @func must be safe to call from any thread.
 */
void
warta_engine_set_process_clock (WartaClockFunc func,
                                gpointer       user_data)
{
  G_LOCK (process_clock);
  process_clock = func;
  process_clock_data = user_data;
  G_UNLOCK (process_clock);
}

/* A connection and an engine of their own, for a worker thread: the
 * engine keeps the store. */
WartaEngine *
warta_engine_open (const char  *path,
                   GError     **error)
{
  g_autoptr(WartaStore) store = warta_store_open (path, error);

  return store != NULL ? warta_engine_new (store) : NULL;
}

/* What the users table keeps of a password: its argon2id hash, or on an
 * office server, whose logins' passwords are the server's, nothing to
 * crack. */
char *
_warta_engine_password_hash (WartaEngine  *self,
                             const char   *password,
                             GError      **error)
{
  if (warta_store_people_are_logins (self->store))
    return g_strdup ("!server");
  return warta_password_hash (password, error);
}

WartaEngine *
warta_engine_open_server (const char  *conninfo,
                          const char  *login,
                          const char  *password,
                          GError     **error)
{
  g_autoptr(WartaStore) store = NULL;
  g_autofree char *as_login = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  as_login = login != NULL ? warta_store_conninfo_with (conninfo, "user", login) : g_strdup (conninfo);
  store = warta_store_open_server (as_login, password, error);
  return store != NULL ? warta_engine_new (store) : NULL;
}

WartaEngine *
warta_engine_new (WartaStore *store)
{
  WartaEngine *self;

  g_return_val_if_fail (WARTA_IS_STORE (store), NULL);

  self = g_object_new (WARTA_TYPE_ENGINE, NULL);
  self->store = g_object_ref (store);
  G_LOCK (process_clock);
  self->clock = process_clock;
  self->clock_data = process_clock_data;
  G_UNLOCK (process_clock);

  if (warta_store_needs_action_backfill (store))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WartaTransaction) tx = NULL;

      if (!(tx = warta_store_transaction (store, &error)) ||
          !warta_store_backfill_actions (store, step_action, self, &error) ||
          !warta_transaction_commit (tx, &error))
        g_warning ("Could not fill in the actions of old step runs: %s", error->message);
    }

  return self;
}

WartaStore *
warta_engine_get_store (WartaEngine *self)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);
  return self->store;
}

void
warta_engine_set_clock (WartaEngine    *self,
                        WartaClockFunc  func,
                        gpointer        user_data)
{
  g_return_if_fail (WARTA_IS_ENGINE (self));

  self->clock = func;
  self->clock_data = user_data;
}

gint64
warta_engine_now (WartaEngine *self)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);

  return self->clock ? self->clock (self->clock_data) : g_get_real_time ();
}

/* Versions never change once stored, so parsed SOPs are kept. */
WartaSop *
warta_engine_get_sop (WartaEngine  *self,
                      const char   *sop_id,
                      int           version,
                      GError      **error)
{
  g_autofree char *source = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  WartaSop *sop;
  int found = 0;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  /* The latest version's number alone, not its source, to find it kept. */
  if (version == 0 && (found = warta_store_get_latest_sop (self->store, sop_id, NULL, NULL)) > 0)
    version = found;
  if (version > 0)
    {
      key = g_strdup_printf ("%s@%d", sop_id, version);
      if ((sop = g_hash_table_lookup (self->sops, key)))
        return g_object_ref (sop);
    }

  if (!(source = warta_store_get_sop_source (self->store, sop_id, version, &found, error)))
    return NULL;

  g_free (key);
  key = g_strdup_printf ("%s@%d", sop_id, found);
  if ((sop = g_hash_table_lookup (self->sops, key)))
    return g_object_ref (sop);

  name = g_strdup_printf ("%s (version %d)", sop_id, found);
  if (!(sop = warta_sop_new_from_data (source, -1, name, error)))
    return NULL;
  warta_sop_set_version (sop, found);
  g_hash_table_insert (self->sops, g_steal_pointer (&key), g_object_ref (sop));
  return sop;
}

/* Journal payloads: a flat JSON object, from name/value string pairs. */
char *
_warta_engine_payload_new (const char *first_name,
                           ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gint64
warta_engine_authenticate (WartaEngine  *self,
                           const char   *login,
                           const char   *password,
                           GError      **error)
{
  g_autoptr(WartaUser) user = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);

  if (login != NULL && (password != NULL || warta_store_get_login (self->store) != NULL))
    user = warta_store_find_user (self->store, login, &hash, NULL);

  /* On an office server the server checked the password as the
   * connection signed in: the person is the connection's login, and
   * nobody else */
  if (warta_store_get_login (self->store) != NULL)
    {
      if (user != NULL && g_strcmp0 (user->login, warta_store_get_login (self->store)) != 0)
        g_clear_pointer (&user, warta_user_free);
    }
  /* The same answer for an unknown login and a wrong password. */
  else if (user != NULL && !warta_password_verify (hash, password))
    g_clear_pointer (&user, warta_user_free);
  if (user == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH,
                   _("Wrong login or password for “%s”"), login ? login : "");
      return 0;
    }
  /* Only the right password learns that the account is closed or that
   * its password must be changed. */
  if (user->inactive)
    {
      g_set_error_literal (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE,
                           _("This account was deactivated; ask the office's administrator"));
      return 0;
    }
  if (user->must_change_password)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD,
                   _("An administrator set the password of “%s”: choose your own password before signing in"),
                   user->login);
      return 0;
    }

  return user->id;
}

/* Administration is open while the database has no users (its set-up);
 * after that it needs an administrator. */
static gboolean
check_admin (WartaEngine  *self,
             gint64        actor,
             GError      **error)
{
  g_autoptr(WartaUser) user = NULL;
  gint64 n_users = warta_store_count_users (self->store, error);

  if (n_users < 0)
    return FALSE;
  if (n_users == 0)
    return TRUE;

  if (actor != 0)
    user = warta_store_get_user (self->store, actor, NULL);
  if (user == NULL || !user->is_admin || user->inactive)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("Only an administrator may do this; sign in as one (--as LOGIN)"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_warta_engine_check_admin (WartaEngine  *self,
                           gint64        actor,
                           GError      **error)
{
  return check_admin (self, actor, error);
}

/* Inside a transaction: make the lanes' roles, store the SOP as a new
 * version unless the latest already has the same content. */
static gboolean
store_sop (WartaEngine  *self,
           gint64        actor,
           WartaSop     *sop,
           int          *version,
           GError      **error)
{
  g_autofree char *latest_checksum = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *version_str = NULL;
  const WartaSopHeader *header = warta_sop_get_header (sop);
  gint64 now = warta_engine_now (self);
  int latest;

  for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
    {
      const WartaSopLane *lane = warta_sop_get_lane (sop, i);

      if (!warta_store_has_role (self->store, lane->id))
        {
          g_autofree char *role_payload = _warta_engine_payload_new ("role", lane->id, "name", lane->name, NULL);

          if (!warta_store_insert_role (self->store, lane->id, lane->name, error) ||
              !warta_journal_append (self->store, now, actor, 0, "role.add", role_payload, error))
            return FALSE;
        }
    }

  latest = warta_store_get_latest_sop (self->store, warta_sop_get_id (sop), &latest_checksum, error);
  if (latest < 0)
    return FALSE;
  if (latest > 0 && g_strcmp0 (latest_checksum, warta_sop_get_checksum (sop)) == 0)
    {
      *version = latest;
      return TRUE;
    }

  *version = latest + 1;
  version_str = g_strdup_printf ("%d", *version);
  payload = _warta_engine_payload_new ("sop", warta_sop_get_id (sop), "version", version_str,
                                       "checksum", warta_sop_get_checksum (sop), NULL);
  return warta_store_insert_sop (self->store, warta_sop_get_id (sop), *version,
                                 header->name, header->number,
                                 warta_sop_get_n_steps (sop),
                                 warta_sop_get_source (sop),
                                 warta_sop_get_checksum (sop), now, error) &&
         warta_journal_append (self->store, now, actor, 0, "sop.import", payload, error) &&
         /* A new version of a retired SOP is the office taking it up again. */
         _warta_engine_restore_imported_sop (self, actor, warta_sop_get_id (sop), *version, error);
}

gboolean
warta_engine_import_sop (WartaEngine  *self,
                         gint64        actor,
                         WartaSop     *sop,
                         int          *version,
                         GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  int stored = 0;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (WARTA_IS_SOP (sop), FALSE);

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  ok = check_admin (self, actor, error) && store_sop (self, actor, sop, &stored, error);
  if (!(ok && warta_transaction_commit (tx, error)))
    return FALSE;

  if (version != NULL)
    *version = stored;
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Every SOP file of a folder, read and checked, in file-name order; NULL at
 * the first bad file. Only the SOPs whose id is in only (when given). */
static GPtrArray *
load_sop_dir (const char          *directory,
              const char * const  *only,
              GError             **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sops = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!(dir = g_dir_open (directory, 0, error)))
    return NULL;
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (directory, name, NULL));
  g_ptr_array_sort (paths, compare_paths);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(WartaSop) sop = warta_sop_new_from_file (g_ptr_array_index (paths, i), error);

      if (sop == NULL)
        return NULL;
      if (only == NULL || g_strv_contains (only, warta_sop_get_id (sop)))
        g_ptr_array_add (sops, g_steal_pointer (&sop));
    }

  return g_steal_pointer (&sops);
}

/* The SOP files that ship with Warta, at set-up: all are read and checked
 * before any is stored, so one bad file leaves the database untouched.
 * imported gets a "ID\tVERSION" line per SOP. */
gboolean
warta_engine_install_sops (WartaEngine  *self,
                           const char   *directory,
                           GPtrArray    *imported,
                           GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GPtrArray) sops = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(sops = load_sop_dir (directory, NULL, error)))
    return FALSE;

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  for (guint i = 0; ok && i < sops->len; i++)
    {
      WartaSop *sop = g_ptr_array_index (sops, i);
      int version = 0;

      ok = store_sop (self, 0, sop, &version, error);
      if (ok && imported != NULL)
        g_ptr_array_add (imported, g_strdup_printf ("%s\t%d", warta_sop_get_id (sop), version));
    }

  return ok && warta_transaction_commit (tx, error);
}

gboolean
warta_engine_add_role (WartaEngine  *self,
                       gint64        actor,
                       const char   *id,
                       const char   *name,
                       GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autofree char *payload = NULL;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (warta_text_is_blank (id) || warta_text_is_blank (name))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A role needs an id and a name"));
      return FALSE;
    }
  /* The id is the one an SOP's lane names: a role of another shape would
   * fill no lane. */
  if (!warta_sop_is_role_id (id))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” is not a role id: use lowercase letters, digits and dashes, as the SOP's lanes do "
                     "(kepala-balai)"), id);
      return FALSE;
    }

  payload = _warta_engine_payload_new ("role", id, "name", name, NULL);
  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  ok = check_admin (self, actor, error) &&
       warta_store_insert_role (self->store, id, name, error) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, 0, "role.add", payload, error);
  return ok && warta_transaction_commit (tx, error);
}

gint64
warta_engine_add_user (WartaEngine      *self,
                       gint64            actor,
                       const WartaUser  *user,
                       const char       *password,
                       GError          **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *roles = NULL;
  WartaUser copy;
  gint64 n_users;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (user != NULL, 0);

  if (warta_text_is_blank (user->login) || warta_text_is_blank (user->full_name))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A user needs a login and a full name"));
      return 0;
    }
  if (password == NULL || g_utf8_strlen (password, -1) < 8)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("The password must have at least 8 characters"));
      return 0;
    }
  if (!warta_nip_check (user->nip, error))
    return 0;
  if (!(hash = _warta_engine_password_hash (self, password, error)))
    return 0;

  copy = *user;
  roles = user->roles ? g_strjoinv (",", user->roles) : g_strdup ("");
  payload = _warta_engine_payload_new ("login", user->login, "name", user->full_name, "roles", roles, NULL);

  if (!(tx = warta_store_transaction (self->store, error)))
    return 0;
  n_users = warta_store_count_users (self->store, error);
  copy.is_admin = user->is_admin || n_users == 0;
  /* A password an administrator chose for someone else is theirs to
   * replace at the first sign-in; the office's first person chose their own. */
  copy.must_change_password = n_users > 0;
  ok = n_users >= 0 &&
       check_admin (self, actor, error) &&
       (id = warta_store_insert_user (self->store, &copy, hash, error)) != 0 &&
       (!warta_store_people_are_logins (self->store) ||
        warta_store_server_create_login (self->store, copy.login, password, error)) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, 0, "user.add", payload, error);
  if (!(ok && warta_transaction_commit (tx, error)))
    return 0;
  return id;
}

/* A new office: its name, its first administrator, and the shipped SOPs it
 * chose (all when sop_ids is NULL). Only on a database without users. */
gboolean
warta_engine_setup_office (WartaEngine         *self,
                           const char          *office_name,
                           const WartaUser     *admin,
                           const char          *password,
                           const char          *sop_directory,
                           const char * const  *sop_ids,
                           GError             **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *payload = NULL;
  WartaUser copy;
  gint64 now = warta_engine_now (self);
  gint64 n_users, id = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (admin != NULL, FALSE);

  if (warta_text_is_blank (office_name))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID, _("The office needs a name"));
      return FALSE;
    }
  if (warta_text_is_blank (admin->login) || warta_text_is_blank (admin->full_name))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A user needs a login and a full name"));
      return FALSE;
    }
  if (password == NULL || g_utf8_strlen (password, -1) < 8)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("The password must have at least 8 characters"));
      return FALSE;
    }

  if (!warta_nip_check (admin->nip, error))
    return FALSE;

  if (!(all = load_sop_dir (sop_directory, sop_ids, error)))
    return FALSE;

  if (!(hash = _warta_engine_password_hash (self, password, error)))
    return FALSE;

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;

  n_users = warta_store_count_users (self->store, error);
  if (n_users != 0)
    {
      if (n_users > 0)
        g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                     _("This database already has an office and its users"));
      return FALSE;
    }

  for (guint i = 0; ok && i < all->len; i++)
    {
      int version;

      ok = store_sop (self, 0, g_ptr_array_index (all, i), &version, error);
    }

  /* The administrator gets the roles the caller gives (the welcome page
   * gives every lane of the chosen SOPs, so one person can run the office
   * until others are added), or just "admin". */
  if (ok && !warta_store_has_role (self->store, "admin"))
    ok = warta_store_insert_role (self->store, "admin", _("Administrator"), error);

  copy = *admin;
  copy.is_admin = TRUE;
  if (admin->roles == NULL)
    {
      const char *roles[] = { "admin", NULL };

      copy.roles = (GStrv)roles;
      ok = ok && (id = warta_store_insert_user (self->store, &copy, hash, error)) != 0;
    }
  else
    ok = ok && (id = warta_store_insert_user (self->store, &copy, hash, error)) != 0;
  ok = ok && (!warta_store_people_are_logins (self->store) ||
              warta_store_server_create_login (self->store, copy.login, password, error));

  payload = _warta_engine_payload_new ("office", office_name, "login", admin->login, NULL);
  ok = ok &&
       warta_store_set_setting (self->store, "office_name", office_name, error) &&
       warta_journal_append (self->store, now, id, 0, "office.setup", payload, error);
  return ok && warta_transaction_commit (tx, error);
}

gboolean
warta_engine_set_office_city (WartaEngine  *self,
                              gint64        actor,
                              const char   *city,
                              GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autofree char *value = g_strstrip (g_strdup (city != NULL ? city : ""));
  g_autofree char *payload = NULL;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  /* It is printed on one line of the signature block. */
  if (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > WARTA_OFFICE_CITY_MAX ||
      strpbrk (value, "\n\r\t") != NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("The office's city is printed on one line of its papers: give a name of at most %d "
                     "characters, with no line breaks or tabs"), WARTA_OFFICE_CITY_MAX);
      return FALSE;
    }

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  payload = _warta_engine_payload_new ("city", value, NULL);
  ok = check_admin (self, actor, error) &&
       warta_store_set_setting (self->store, WARTA_SETTING_OFFICE_CITY, value, error) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, 0, "office.city", payload, error);
  return ok && warta_transaction_commit (tx, error);
}
