/* warta-session.c: the open database and who is signed in
 *
 * The session owns the database worker of one database: every read and
 * write of the panes runs there (warta_session_run_async()). It hears
 * what each commit changed, from the worker's jobs and, through a poll of
 * the worker's connection each second, from other processes (warta-cli,
 * another window), and emits it as "changed::case", "changed::sops" and so
 * on, on the main loop, so each pane reloads only what it shows.
 * "user-id" changes on sign-in and sign-out.
 *
 * On an office server nothing polls: see warta-session-server.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-evidence.h"
#include "warta-session-private.h"

#define POLL_INTERVAL_MS 1000


G_DEFINE_FINAL_TYPE (WartaSession, warta_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  CHANGED,
  PROFILE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
warta_session_dispose (GObject *object)
{
  WartaSession *self = (WartaSession *)object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  /* Stopped first: its thread must not ask a worker going away */
  g_clear_pointer (&self->listener, warta_store_listener_stop);
  g_mutex_lock (&self->listen_lock);
  g_clear_object (&self->listen_worker);
  g_mutex_unlock (&self->listen_lock);
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->worker_engine);
  g_cancellable_cancel (self->refresh);
  g_clear_object (&self->refresh);
  g_clear_pointer (&self->office_name, g_free);
  g_clear_pointer (&self->user_actions, g_hash_table_unref);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->user, warta_user_free);
  g_clear_pointer (&self->old_workers, g_ptr_array_unref);

  G_OBJECT_CLASS (warta_session_parent_class)->dispose (object);
}

static void
warta_session_finalize (GObject *object)
{
  WartaSession *self = (WartaSession *)object;

  g_free (self->conninfo);
  g_free (self->login);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_mutex_clear (&self->listen_lock);

  G_OBJECT_CLASS (warta_session_parent_class)->finalize (object);
}

static void
warta_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WartaSession *self = WARTA_SESSION (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_int64 (value, warta_session_get_user_id (self));
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, warta_session_get_connected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_session_class_init (WartaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_session_dispose;
  object_class->finalize = warta_session_finalize;
  object_class->get_property = warta_session_get_property;

  /**
   * WartaSession:user-id:
   *
   * The signed-in user's id, or 0.
   */
  properties[PROP_USER_ID] =
    g_param_spec_int64 ("user-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaSession:connected:
   *
   * Whether the office server is within reach: FALSE from the moment the
   * listener lost it until the worker's connection works again. Always
   * TRUE for a sqlite file.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WartaSession::changed:
   * @kind: a #WartaChangeKind, also the signal's detail ("case", "sops",
   *   "people", "sites", "archive", "office")
   * @case_id: for "case" and "archive", the berkas; 0 when unknown (a
   *   draft saved by another process)
   * @origin: (nullable): the origin given to warta_session_run_async() by
   *   the job that made the change, or %NULL: a view skips its own saves
   *
   * Something in the database changed: in this process, in another
   * process on the same file, or (later) at another desk. Emitted once for
   * each thing a commit changed, on the main loop.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_POINTER);

  /**
   * WartaSession::profile-changed:
   *
   * What warta_session_has_users(), warta_session_dup_office_name(),
   * warta_session_user_has_action() and warta_session_user_holds_lane()
   * say changed: read again on the worker after a change of the people,
   * the SOPs or the office.
   */
  signals[PROFILE_CHANGED] =
    g_signal_new ("profile-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
warta_session_init (WartaSession *self)
{
  self->user_actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->connected = TRUE;
  g_mutex_init (&self->listen_lock);
}

/* The profile: what the window asks of the session at every turn, read
 * in one go on the worker (or, once, when the session opens). */

void
_warta_session_profile_free (WartaSessionProfile *profile)
{
  g_clear_pointer (&profile->user, warta_user_free);
  g_free (profile->office_name);
  g_clear_pointer (&profile->actions, g_hash_table_unref);
  g_free (profile);
}

WartaSessionProfile *
_warta_session_profile_read (WartaEngine  *engine,
              gint64        user_id,
              GError      **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaSessionProfile) profile = g_new0 (WartaSessionProfile, 1);
  g_autoptr(GPtrArray) sops = NULL;
  gint64 n_users;

  profile->user_id = user_id;
  profile->actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(snapshot = warta_store_snapshot (store, error)) ||
      (n_users = warta_store_count_users (store, error)) < 0)
    return NULL;
  profile->has_users = n_users > 0;
  profile->office_name = warta_store_get_setting (store, "office_name");
  if (user_id == 0)
    return g_steal_pointer (&profile);

  if (!(profile->user = warta_store_get_user (store, user_id, error)) ||
      !(sops = warta_store_list_sops (store, error)))
    return NULL;
  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);
      g_autoptr(WartaSop) sop = warta_engine_get_sop (engine, info->id, info->version, NULL);

      for (guint j = 0; sop != NULL && j < warta_sop_get_n_lanes (sop); j++)
        profile->holds_lane |= warta_user_has_role (profile->user, warta_sop_get_lane (sop, j)->id);
      if (sop != NULL && !info->retired && warta_sop_get_n_steps (sop) > 0)
        profile->may_start |= warta_user_has_role (profile->user, warta_sop_get_step (sop, 0)->lane);
      for (guint j = 0; sop != NULL && j < warta_sop_get_n_steps (sop); j++)
        {
          const WartaSopStep *step = warta_sop_get_step (sop, j);

          if (warta_user_has_role (profile->user, step->lane))
            g_hash_table_add (profile->actions, g_strdup (warta_sop_action_to_string (step->action)));
        }
    }
  return g_steal_pointer (&profile);
}

/* Takes what a profile read says; TRUE if the user changed with it. */
gboolean
_warta_session_take_profile (WartaSession *self,
              WartaSessionProfile      *profile)
{
  gboolean user_changed = (self->user ? self->user->id : 0) != profile->user_id;

  self->has_users = profile->has_users;
  g_free (self->office_name);
  self->office_name = g_steal_pointer (&profile->office_name);
  g_hash_table_unref (self->user_actions);
  self->user_actions = g_steal_pointer (&profile->actions);
  self->holds_lane = profile->holds_lane;
  self->may_start = profile->may_start;
  g_clear_pointer (&self->user, warta_user_free);
  self->user = g_steal_pointer (&profile->user);
  return user_changed;
}

static gpointer
profile_job (WartaEngine   *engine,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return _warta_session_profile_read (engine, *(gint64 *)data, error);
}

static void
profile_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSessionProfile) profile = warta_worker_run_finish (WARTA_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->refresh);
  if (profile == NULL)
    {
      g_warning ("Cannot read the office's people and SOPs: %s", error->message);
      return;
    }
  /* Signed out or in as another meanwhile: a newer read is coming. */
  if (profile->user_id != (self->user ? self->user->id : 0))
    return;
  _warta_session_take_profile (self, profile);
  g_signal_emit (self, signals[PROFILE_CHANGED], 0);
}

static void
refresh_profile (WartaSession *self)
{
  gint64 *user_id = g_new (gint64, 1);

  *user_id = self->user ? self->user->id : 0;
  g_cancellable_cancel (self->refresh);
  g_clear_object (&self->refresh);
  self->refresh = g_cancellable_new ();
  warta_worker_run_async (self->worker, WARTA_JOB_PRIORITY_HIGH, NULL, profile_job, user_id, g_free,
                          (GDestroyNotify)_warta_session_profile_free, self->refresh, profile_done, g_object_ref (self));
}

void
_warta_session_emit_changes (WartaSession *self,
              GArray       *changes,
              gpointer      origin)
{
  for (guint i = 0; i < changes->len; i++)
    if (g_array_index (changes, WartaChange, i).kind & (WARTA_CHANGE_PEOPLE | WARTA_CHANGE_SOPS | WARTA_CHANGE_OFFICE))
      {
        refresh_profile (self);
        break;
      }

  for (guint i = 0; i < changes->len; i++)
    {
      const WartaChange *change = &g_array_index (changes, WartaChange, i);

      g_signal_emit (self, signals[CHANGED],
                     g_quark_from_static_string (warta_change_kind_to_detail (change->kind)),
                     (guint)change->kind, change->case_id, origin);
    }
}

void
_warta_session_on_worker_changed (WartaSession *self,
                   GArray       *changes,
                   gpointer      origin,
                   WartaWorker  *worker)
{
  _warta_session_emit_changes (self, changes, origin);
}

static gboolean
poll_store (gpointer user_data)
{
  WartaSession *self = user_data;

  /* A cheap pragma, on the worker; it reports other connections'
   * commits as changes. */
  warta_worker_poll (self->worker);
  return G_SOURCE_CONTINUE;
}

WartaSession *
warta_session_open (const char  *path,
                    GError     **error)
{
  g_autoptr(WartaSession) self = NULL;
  g_autoptr(WartaSessionProfile) profile = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* Opening is the one database work done by the caller's thread, once,
   * before the worker runs: whether the file is a database, its
   * migrations, and the profile the first page depends on. From then on
   * only the worker's thread uses the connection. */
  self = g_object_new (WARTA_TYPE_SESSION, NULL);
  if (!(self->worker_engine = warta_engine_open (path, error)))
    return NULL;
  warta_evidence_set_keep_bukti (self->worker_engine, TRUE);
  self->warning = g_strdup (warta_store_get_warning (warta_engine_get_store (self->worker_engine)));
  if (!(profile = _warta_session_profile_read (self->worker_engine, 0, error)))
    return NULL;
  _warta_session_take_profile (self, profile);
  self->worker = warta_worker_new (self->worker_engine);
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (_warta_session_on_worker_changed), self);
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_store, self);
  return g_steal_pointer (&self);
}

void
_warta_session_set_connected (WartaSession *self,
               gboolean      connected)
{
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

WartaWorker *
warta_session_get_worker (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return self->worker;
}

typedef struct
{
  GTask          *task;
  GDestroyNotify  result_free;
} Run;

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;
  gpointer value = warta_worker_run_finish (WARTA_WORKER (object), result, &error);

  if (value == NULL)
    g_task_return_error (run->task, error);
  else
    g_task_return_pointer (run->task, value, run->result_free);
  g_object_unref (run->task);
  g_free (run);
}

/**
 * warta_session_run_async:
 * @origin: (nullable): told back with the changes the job commits
 *   (WartaSession::changed), so the view that saved can skip reloading
 *
 * Runs @func on the session's database worker: see warta_worker_run_async().
 * The callback's source object is the session.
 */
void
warta_session_run_async (WartaSession        *self,
                         WartaJobPriority     priority,
                         gpointer             origin,
                         WartaJobFunc         func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Run *run;

  g_return_if_fail (WARTA_IS_SESSION (self));

  run = g_new0 (Run, 1);
  run->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, warta_session_run_async);
  run->result_free = result_free;
  warta_worker_run_async (self->worker, priority, origin, func, data, data_free, result_free,
                          cancellable, run_done, run);
}

gpointer
warta_session_run_finish (WartaSession  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The session's clock: the real time, or what a test set, for the views'
 * timers and the engine's records alike. */
gint64
warta_session_now (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), 0);
  return self->clock ? self->clock (self->clock_data) : g_get_real_time ();
}

/**
 * warta_session_set_clock:
 * @func: (nullable): the clock, called on the main thread and in the
 *   worker's thread, so it must be thread-safe; %NULL: the real time
 *
 * For tests: time that moves when they say.
 */
void
warta_session_set_clock (WartaSession   *self,
                         WartaClockFunc  func,
                         gpointer        user_data)
{
  g_return_if_fail (WARTA_IS_SESSION (self));

  self->clock = func;
  self->clock_data = user_data;
  warta_engine_set_clock (self->worker_engine, func, user_data);
}

/* What the store found of the database file when it opened it (that
 * others could read it), or NULL. */
const char *
warta_session_get_warning (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return self->warning;
}

const WartaUser *
warta_session_get_user (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return self->user;
}

gint64
warta_session_get_user_id (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), 0);
  return self->user ? self->user->id : 0;
}

static void
sign_in_sync_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/**
 * warta_session_sign_in:
 *
 * For tests and tools without a window: signs in on the worker and turns
 * the default main context until it is done. A window uses
 * warta_session_sign_in_async().
 */
gboolean
warta_session_sign_in (WartaSession  *self,
                       const char    *login,
                       const char    *password,
                       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);

  warta_session_sign_in_async (self, login, password, NULL, sign_in_sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return warta_session_sign_in_finish (self, result, error);
}

void
_warta_session_wipe_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

typedef struct
{
  char *login;
  char *password;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->login);
  if (sign_in->password != NULL)
    memset (sign_in->password, 0, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

/* argon2id takes a tenth of a second and 64 MiB: the worker does it and
 * hands back the user. */
static gpointer
sign_in_job (WartaEngine   *engine,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SignIn *sign_in = data;
  gint64 id;

  if (!(id = warta_engine_authenticate (engine, sign_in->login, sign_in->password, error)))
    return NULL;
  return _warta_session_profile_read (engine, id, error);
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  WartaSessionProfile *profile;

  if (!(profile = warta_worker_run_finish (WARTA_WORKER (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, (GDestroyNotify)_warta_session_profile_free);
}

void
warta_session_sign_in_async (WartaSession        *self,
                             const char          *login,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;

  g_return_if_fail (WARTA_IS_SESSION (self));

  sign_in = g_new0 (SignIn, 1);
  sign_in->login = g_strdup (login);
  sign_in->password = g_strdup (password);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_session_sign_in_async);
  /* On a server, the password signed in with is the one to connect with
   * again: a new one chosen at sign-in replaces the one connected with */
  if (self->conninfo != NULL && password != NULL)
    g_task_set_task_data (task, g_strdup (password), _warta_session_wipe_free);
  warta_worker_run_async (self->worker, WARTA_JOB_PRIORITY_URGENT, self, sign_in_job,
                          sign_in, (GDestroyNotify)sign_in_free, (GDestroyNotify)_warta_session_profile_free,
                          cancellable, sign_in_done, g_steal_pointer (&task));
}

gboolean
warta_session_sign_in_finish (WartaSession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(WartaSessionProfile) profile = NULL;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(profile = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (g_task_get_task_data (G_TASK (result)) != NULL)
    {
      _warta_session_wipe_free (self->password);
      self->password = g_strdup (g_task_get_task_data (G_TASK (result)));
    }

  /* A profile read for the one signed in before is stale now. */
  g_cancellable_cancel (self->refresh);
  g_clear_object (&self->refresh);
  _warta_session_take_profile (self, profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
  g_signal_emit (self, signals[PROFILE_CHANGED], 0);
  return TRUE;
}

void
warta_session_sign_out (WartaSession *self)
{
  g_return_if_fail (WARTA_IS_SESSION (self));

  if (self->user == NULL)
    return;
  g_cancellable_cancel (self->refresh);
  g_clear_object (&self->refresh);
  g_clear_pointer (&self->user, warta_user_free);
  g_hash_table_remove_all (self->user_actions);
  self->holds_lane = self->may_start = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
  g_signal_emit (self, signals[PROFILE_CHANGED], 0);
}

gboolean
warta_session_has_users (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  return self->has_users;
}

char *
warta_session_dup_office_name (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return g_strdup (self->office_name);
}

/* Whether the signed-in user holds a lane that has a step with one of
 * these actions in any SOP: which panes the person sees. */
gboolean
warta_session_user_has_action (WartaSession        *self,
                               const char * const  *actions)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);

  for (guint i = 0; self->user != NULL && actions != NULL && actions[i] != NULL; i++)
    if (g_hash_table_contains (self->user_actions, actions[i]))
      return TRUE;
  return FALSE;
}

/* Whether the signed-in person holds a role of some SOP's lane: they may
 * print that SOP's cases, so the archive has cases for them. */
gboolean
warta_session_user_holds_lane (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  return self->user != NULL && self->holds_lane;
}

/* Whether the signed-in person may start a case of some SOP: a lane of
 * theirs does its first step. */
gboolean
warta_session_user_may_start (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  return self->user != NULL && self->may_start;
}
