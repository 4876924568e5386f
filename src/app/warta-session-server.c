/* warta-session-server.c: a session on an office server
 *
 * Made only once connected (warta_session_open_server_async()): before
 * that there is nothing to read. Nothing polls: a listener thread hears
 * every desk's commits and asks the worker to read them, and "connected"
 * follows the server. When the server comes back the worker's connection
 * is tried, replaced by a new worker on a new connection if it went with
 * the server, and every kind of change is emitted once, so that each
 * pane reads again what it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "warta-evidence.h"
#include "warta-session-private.h"

typedef struct
{
  char        *conninfo;
  char        *login;
  char        *password;
  gint64       user_id;
  WartaEngine *engine;
  WartaSessionProfile     *profile;
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
  g_clear_pointer (&opening->profile, _warta_session_profile_free);
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
      !(opening->profile = _warta_session_profile_read (opening->engine, opening->user_id, &error)))
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


/* Everything may have changed while the server was away: each pane reads
 * again what it shows. */
static void
emit_everything (WartaSession *self)
{
  g_autoptr(GArray) changes = warta_changes_new ();

  for (guint i = 0; i < WARTA_CHANGE_N_KINDS; i++)
    warta_changes_add (changes, 1 << i, 0, 0);
  _warta_session_emit_changes (self, changes, NULL);
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
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (_warta_session_on_worker_changed), self);
  g_mutex_lock (&self->listen_lock);
  g_set_object (&self->listen_worker, self->worker);
  g_mutex_unlock (&self->listen_lock);

  _warta_session_set_connected (self, TRUE);
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
      _warta_session_set_connected (self, TRUE);
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
    _warta_session_set_connected (self, FALSE);
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
  _warta_session_take_profile (self, opening->profile);
  self->conninfo = g_strdup (opening->conninfo);
  self->login = g_strdup (opening->login);
  self->password = g_strdup (opening->password);
  self->worker = warta_worker_new (self->worker_engine);
  g_signal_connect_swapped (self->worker, "changed", G_CALLBACK (_warta_session_on_worker_changed), self);
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
