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
 * On an office server (warta_session_open_server_async()) nothing polls:
 * a listener thread hears every desk's commits and asks the worker to
 * read them, and "connected" follows the server. When the server comes
 * back the worker's connection is tried, opened anew if it went with the
 * server, and every kind of change is emitted once, so that each pane
 * reads again what it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-evidence.h"
#include "warta-session.h"

#define POLL_INTERVAL_MS 1000

struct _WartaSession
{
  GObject      parent_instance;

  WartaWorker *worker;
  WartaEngine *worker_engine;  /* the worker's: only its thread uses the connection */
  WartaUser   *user;
  guint        poll_source;
  char        *warning;   /* what the store found of the file's mode, or NULL */
  WartaClockFunc clock;
  gpointer     clock_data;

  /* What the panes ask of the session, read on the worker: the profile */
  gboolean      has_users;
  char         *office_name;
  GHashTable   *user_actions;  /* the actions of the user's lanes' steps, in every SOP */
  gboolean      holds_lane;
  gboolean      may_start;     /* the user's lanes begin some SOP */
  GCancellable *refresh;       /* a profile read under way */

  /* On an office server */
  char               *conninfo;   /* NULL: a sqlite file */
  char               *login;
  char               *password;
  WartaStoreListener *listener;
  GMutex              listen_lock;  /* the worker, as the listener's thread sees it */
  WartaWorker        *listen_worker;
  gboolean            connected;
  gboolean            reconnecting;
  GPtrArray          *old_workers;  /* replaced after a lost connection, kept until the end */
};

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
typedef struct
{
  gint64      user_id;
  WartaUser  *user;       /* NULL: nobody signed in */
  gboolean    has_users;
  char       *office_name;
  GHashTable *actions;
  gboolean    holds_lane;
  gboolean    may_start;
} Profile;

static void
profile_free (Profile *profile)
{
  g_clear_pointer (&profile->user, warta_user_free);
  g_free (profile->office_name);
  g_clear_pointer (&profile->actions, g_hash_table_unref);
  g_free (profile);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Profile, profile_free)

static Profile *
profile_read (WartaEngine  *engine,
              gint64        user_id,
              GError      **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(Profile) profile = g_new0 (Profile, 1);
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
static gboolean
take_profile (WartaSession *self,
              Profile      *profile)
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
  return profile_read (engine, *(gint64 *)data, error);
}

static void
profile_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Profile) profile = warta_worker_run_finish (WARTA_WORKER (object), result, &error);

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
  take_profile (self, profile);
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
                          (GDestroyNotify)profile_free, self->refresh, profile_done, g_object_ref (self));
}

static void
emit_changes (WartaSession *self,
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

static void
on_worker_changed (WartaSession *self,
                   GArray       *changes,
                   gpointer      origin,
                   WartaWorker  *worker)
{
  emit_changes (self, changes, origin);
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
  g_autoptr(Profile) profile = NULL;

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
  if (!(profile = profile_read (self->worker_engine, 0, error)))
    return NULL;
  take_profile (self, profile);
  self->worker = warta_worker_new (self->worker_engine);
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (on_worker_changed), self);
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_store, self);
  return g_steal_pointer (&self);
}

/* On an office server */

static void on_worker_changed (WartaSession *self,
                               GArray       *changes,
                               gpointer      origin,
                               WartaWorker  *worker);

typedef struct
{
  char        *conninfo;
  char        *login;
  char        *password;
  gint64       user_id;
  WartaEngine *engine;
  Profile     *profile;
} Opening;

static void
opening_free (Opening *opening)
{
  g_free (opening->conninfo);
  g_free (opening->login);
  if (opening->password != NULL)
    memset (opening->password, 0, strlen (opening->password));
  g_free (opening->password);
  g_clear_object (&opening->engine);
  g_clear_pointer (&opening->profile, profile_free);
  g_free (opening);
}

/* A connection to a server takes as long as the network says: never on
 * the main thread. */
static void
open_server_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Opening *opening = task_data;
  GError *error = NULL;

  if (!(opening->engine = warta_engine_open_server (opening->conninfo, opening->login,
                                                    opening->password, &error)) ||
      !(opening->profile = profile_read (opening->engine, opening->user_id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static GTask *
open_server_task (gpointer             source_object,
                  const char          *conninfo,
                  const char          *login,
                  const char          *password,
                  gint64               user_id,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);
  Opening *opening = g_new0 (Opening, 1);

  opening->conninfo = g_strdup (conninfo);
  opening->login = g_strdup (login);
  opening->password = g_strdup (password);
  opening->user_id = user_id;
  g_task_set_task_data (task, opening, (GDestroyNotify)opening_free);
  /* A server that does not answer holds the thread, not the person */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, open_server_thread);
  return task;
}

typedef struct
{
  WartaSession    *session;
  WartaStoreHeard  what;
} Heard;

static void
set_connected (WartaSession *self,
               gboolean      connected)
{
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

/* Everything may have changed while the server was away: each pane reads
 * again what it shows. */
static void
emit_everything (WartaSession *self)
{
  g_autoptr(GArray) changes = warta_changes_new ();

  for (guint i = 0; i < WARTA_CHANGE_N_KINDS; i++)
    warta_changes_add (changes, 1 << i, 0, 0);
  emit_changes (self, changes, NULL);
}

static void reconnect (WartaSession *self);

static gboolean
retry_reconnect (gpointer user_data)
{
  WartaSession *self = user_data;

  if (self->worker != NULL && !self->connected)
    reconnect (self);
  return G_SOURCE_REMOVE;
}

static void
reopened (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WartaSession) self = WARTA_SESSION (object);
  Opening *opening = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->reconnecting = FALSE;
  if (self->worker == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Gone again, or not yet taking connections: try once more soon */
      g_debug ("Cannot connect to the office server again: %s", error->message);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 2, retry_reconnect,
                                  g_object_ref (self), g_object_unref);
      return;
    }

  /* The old worker's connection went with the server: a worker on the
   * new one takes the session's jobs from now on. The old one is kept
   * until the end, for the jobs still queued on it. */
  g_signal_handlers_disconnect_by_data (self->worker, self);
  if (self->old_workers == NULL)
    self->old_workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->old_workers, g_steal_pointer (&self->worker));
  g_set_object (&self->worker_engine, opening->engine);
  warta_evidence_set_keep_bukti (self->worker_engine, TRUE);
  if (self->clock != NULL)
    warta_engine_set_clock (self->worker_engine, self->clock, self->clock_data);
  self->worker = warta_worker_new (self->worker_engine);
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (on_worker_changed), self);
  g_mutex_lock (&self->listen_lock);
  g_set_object (&self->listen_worker, self->worker);
  g_mutex_unlock (&self->listen_lock);

  set_connected (self, TRUE);
  emit_everything (self);
}

static gpointer
probe_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 n = warta_store_count_users (warta_engine_get_store (engine), error);

  return n < 0 ? NULL : GINT_TO_POINTER (1);
}

static void
probed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WartaSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->worker == NULL || WARTA_WORKER (object) != self->worker)
    {
      self->reconnecting = FALSE;
      return;
    }
  if (warta_worker_run_finish (WARTA_WORKER (object), result, &error) != NULL)
    {
      /* The connection lived through it (a store that reconnects by
       * itself) */
      self->reconnecting = FALSE;
      set_connected (self, TRUE);
      emit_everything (self);
      return;
    }
  g_debug ("The worker's connection did not survive the server: %s", error->message);
  g_object_unref (open_server_task (self, self->conninfo, self->login, self->password,
                                    self->user ? self->user->id : 0,
                                    NULL, reopened, g_object_ref (self)));
}

/* The listener is back: is the worker's connection? */
static void
reconnect (WartaSession *self)
{
  if (self->reconnecting)
    return;
  self->reconnecting = TRUE;
  warta_worker_run_async (self->worker, WARTA_JOB_PRIORITY_URGENT, NULL, probe_job, NULL, NULL, NULL,
                          NULL, probed, g_object_ref (self));
}

static gboolean
heard_on_main (gpointer user_data)
{
  Heard *heard = user_data;
  WartaSession *self = heard->session;

  if (self->worker == NULL)
    return G_SOURCE_REMOVE;
  if (heard->what == WARTA_STORE_HEARD_LOST)
    set_connected (self, FALSE);
  else if (heard->what == WARTA_STORE_HEARD_BACK)
    reconnect (self);
  return G_SOURCE_REMOVE;
}

static void
heard_free (gpointer data)
{
  Heard *heard = data;

  g_object_unref (heard->session);
  g_free (heard);
}

/* In the listener's thread; the session outlives it (dispose stops it
 * first). */
static void
on_heard (WartaStoreHeard what,
          gpointer        user_data)
{
  WartaSession *self = user_data;
  Heard *heard;

  if (what == WARTA_STORE_HEARD_CHANGE)
    {
      /* Thread-safe; the worker reads what it was and the changes reach
       * the main loop as its own do */
      g_mutex_lock (&self->listen_lock);
      if (self->listen_worker != NULL)
        warta_worker_poll (self->listen_worker);
      g_mutex_unlock (&self->listen_lock);
      return;
    }

  heard = g_new0 (Heard, 1);
  heard->session = g_object_ref (self);
  heard->what = what;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, heard_on_main, heard, heard_free);
}

/**
 * warta_session_open_server_async:
 * @conninfo: the office server, as libpq takes it, without the login
 * @login: the person, a login role of the server
 * @password: (nullable): their password on the server
 *
 * Connects to an office server as @login, in a thread, and reads what the
 * first page needs; nobody is signed in yet: sign in with
 * warta_session_sign_in_async() (which asks only whether the person may
 * work, the server having checked the password). Cancelling returns at
 * once; a connection already under way ends in its thread.
 */
void
warta_session_open_server_async (const char          *conninfo,
                                 const char          *login,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (conninfo != NULL);
  g_return_if_fail (login != NULL);

  task = open_server_task (NULL, conninfo, login, password, 0, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_session_open_server_async);
}

/**
 * warta_session_open_server_finish:
 *
 * Returns: (transfer full): the session, listening to the server's
 *   commits, or %NULL with @error set by the store (refused, unreachable,
 *   not a Warta database …) or %G_IO_ERROR_CANCELLED
 */
WartaSession *
warta_session_open_server_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(WartaSession) self = NULL;
  Opening *opening;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  opening = g_task_get_task_data (G_TASK (result));

  self = g_object_new (WARTA_TYPE_SESSION, NULL);
  self->worker_engine = g_steal_pointer (&opening->engine);
  warta_evidence_set_keep_bukti (self->worker_engine, TRUE);
  take_profile (self, opening->profile);
  self->conninfo = g_strdup (opening->conninfo);
  self->login = g_strdup (opening->login);
  self->password = g_strdup (opening->password);
  self->worker = warta_worker_new (self->worker_engine);
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (on_worker_changed), self);
  self->listen_worker = g_object_ref (self->worker);
  self->listener = warta_store_listen (warta_engine_get_store (self->worker_engine), on_heard, self);
  return g_steal_pointer (&self);
}

/* Whether the session is on an office server rather than a sqlite file. */
gboolean
warta_session_is_server (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  return self->conninfo != NULL;
}

gboolean
warta_session_get_connected (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  return self->connected;
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

static void
wipe_free (gpointer data)
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
  return profile_read (engine, id, error);
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Profile *profile;

  if (!(profile = warta_worker_run_finish (WARTA_WORKER (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, (GDestroyNotify)profile_free);
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
    g_task_set_task_data (task, g_strdup (password), wipe_free);
  warta_worker_run_async (self->worker, WARTA_JOB_PRIORITY_URGENT, self, sign_in_job,
                          sign_in, (GDestroyNotify)sign_in_free, (GDestroyNotify)profile_free,
                          cancellable, sign_in_done, g_steal_pointer (&task));
}

gboolean
warta_session_sign_in_finish (WartaSession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(Profile) profile = NULL;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(profile = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (g_task_get_task_data (G_TASK (result)) != NULL)
    {
      wipe_free (self->password);
      self->password = g_strdup (g_task_get_task_data (G_TASK (result)));
    }

  /* A profile read for the one signed in before is stale now. */
  g_cancellable_cancel (self->refresh);
  g_clear_object (&self->refresh);
  take_profile (self, profile);
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
