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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-session.h"

#define POLL_INTERVAL_MS 1000

struct _WartaSession
{
  GObject      parent_instance;

  WartaStore  *store;
  WartaEngine *engine;
  WartaWorker *worker;
  WartaEngine *worker_engine;  /* the worker's: only its thread uses the connection */
  WartaUser   *user;
  guint        poll_source;
  GHashTable  *announced;  /* journal seqs this process's own store announced */
};

G_DEFINE_FINAL_TYPE (WartaSession, warta_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
warta_session_dispose (GObject *object)
{
  WartaSession *self = (WartaSession *)object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->worker != NULL)
    g_signal_handlers_disconnect_by_data (self->worker, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->worker_engine);
  g_clear_pointer (&self->announced, g_hash_table_unref);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->user, warta_user_free);

  G_OBJECT_CLASS (warta_session_parent_class)->dispose (object);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_session_class_init (WartaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_session_dispose;
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
}

static void
warta_session_init (WartaSession *self)
{
  self->announced = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static void
emit_changes (WartaSession *self,
              GArray       *changes,
              gpointer      origin)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const WartaChange *change = &g_array_index (changes, WartaChange, i);

      g_signal_emit (self, signals[CHANGED],
                     g_quark_from_static_string (warta_change_kind_to_detail (change->kind)),
                     (guint)change->kind, change->case_id, origin);
    }
}

/* A commit of the main thread's own connection (the few callers not on
 * the worker yet): announced now, and remembered so that the worker's poll,
 * which sees it as another connection's, does not announce it again. */
static void
on_store_changed (WartaSession *self,
                  GArray       *changes,
                  WartaStore   *store)
{
  for (guint i = 0; i < changes->len; i++)
    {
      gint64 seq = g_array_index (changes, WartaChange, i).seq;

      if (seq > 0)
        g_hash_table_add (self->announced, g_memdup2 (&seq, sizeof seq));
    }
  emit_changes (self, changes, NULL);
}

static void
on_worker_changed (WartaSession *self,
                   GArray       *changes,
                   gpointer      origin,
                   WartaWorker  *worker)
{
  g_autoptr(GArray) fresh = warta_changes_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      const WartaChange *change = &g_array_index (changes, WartaChange, i);

      if (change->seq > 0 && g_hash_table_remove (self->announced, &change->seq))
        continue;
      g_array_append_val (fresh, *change);
    }
  emit_changes (self, fresh, origin);
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

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WARTA_TYPE_SESSION, NULL);
  if (!(self->store = warta_store_open (path, error)))
    return NULL;
  self->engine = warta_engine_new (self->store);
  if (!(self->worker_engine = warta_engine_open (path, error)))
    return NULL;
  self->worker = warta_worker_new (self->worker_engine);
  /* The announced set keys on the seqs it owns. */
  g_hash_table_unref (self->announced);
  self->announced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_signal_connect_swapped (self->store, "changed", G_CALLBACK (on_store_changed), self);
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (on_worker_changed), self);
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_store, self);
  return g_steal_pointer (&self);
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
  return warta_engine_now (self->engine);
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

  warta_engine_set_clock (self->engine, func, user_data);
  warta_engine_set_clock (self->worker_engine, func, user_data);
}

WartaStore *
warta_session_get_store (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return self->store;
}

WartaEngine *
warta_session_get_engine (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return self->engine;
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

gboolean
warta_session_sign_in (WartaSession  *self,
                       const char    *login,
                       const char    *password,
                       GError       **error)
{
  gint64 id;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);

  if (!(id = warta_engine_authenticate (self->engine, login, password, error)))
    return FALSE;

  g_clear_pointer (&self->user, warta_user_free);
  if (!(self->user = warta_store_get_user (self->store, id, error)))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
  return TRUE;
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
  return warta_store_get_user (warta_engine_get_store (engine), id, error);
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  WartaUser *user;

  if (!(user = warta_worker_run_finish (WARTA_WORKER (object), result, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, user, (GDestroyNotify)warta_user_free);
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
  warta_worker_run_async (self->worker, WARTA_JOB_PRIORITY_URGENT, self, sign_in_job,
                          sign_in, (GDestroyNotify)sign_in_free, (GDestroyNotify)warta_user_free,
                          cancellable, sign_in_done, g_steal_pointer (&task));
}

gboolean
warta_session_sign_in_finish (WartaSession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  WartaUser *user;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(user = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  g_clear_pointer (&self->user, warta_user_free);
  self->user = user;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
  return TRUE;
}

void
warta_session_sign_out (WartaSession *self)
{
  g_return_if_fail (WARTA_IS_SESSION (self));

  if (self->user == NULL)
    return;
  g_clear_pointer (&self->user, warta_user_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

gboolean
warta_session_has_users (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  return warta_store_count_users (self->store, NULL) > 0;
}

char *
warta_session_dup_office_name (WartaSession *self)
{
  g_return_val_if_fail (WARTA_IS_SESSION (self), NULL);
  return warta_store_get_setting (self->store, "office_name");
}

/* Whether the signed-in user holds a lane that has a step with one of
 * these actions in any SOP: which panes the person sees. */
gboolean
warta_session_user_has_action (WartaSession        *self,
                               const char * const  *actions)
{
  g_autoptr(GPtrArray) sops = NULL;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);

  if (self->user == NULL || !(sops = warta_store_list_sops (self->store, NULL)))
    return FALSE;

  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);
      g_autoptr(WartaSop) sop = warta_engine_get_sop (self->engine, info->id, info->version, NULL);

      for (guint j = 0; sop != NULL && j < warta_sop_get_n_steps (sop); j++)
        {
          const WartaSopStep *step = warta_sop_get_step (sop, j);

          if (warta_user_has_role (self->user, step->lane) &&
              g_strv_contains (actions, warta_sop_action_to_string (step->action)))
            return TRUE;
        }
    }

  return FALSE;
}

/* Whether the signed-in person holds a role of some SOP's lane: they may
 * print that SOP's cases, so the archive has cases for them. */
gboolean
warta_session_user_holds_lane (WartaSession *self)
{
  g_autoptr(GPtrArray) sops = NULL;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);

  if (self->user == NULL || !(sops = warta_store_list_sops (self->store, NULL)))
    return FALSE;

  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);
      g_autoptr(WartaSop) sop = warta_engine_get_sop (self->engine, info->id, info->version, NULL);

      for (guint j = 0; sop != NULL && j < warta_sop_get_n_lanes (sop); j++)
        if (warta_user_has_role (self->user, warta_sop_get_lane (sop, j)->id))
          return TRUE;
    }

  return FALSE;
}
