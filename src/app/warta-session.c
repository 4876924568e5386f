/* warta-session.c: the open database and who is signed in
 *
 * The session owns the store and the engine for one database, polls it for
 * other processes' changes (so a change from warta-cli or another window
 * shows within a second), and re-emits every change as "changed" for the
 * panes. "user" changes on sign-in and sign-out.
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
  WartaUser   *user;
  guint        poll_source;
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
   *
   * Something in the database changed, here or in another process.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
warta_session_init (WartaSession *self)
{
}

static void
on_store_changed (WartaSession *self,
                  WartaStore   *store)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
poll_store (gpointer user_data)
{
  WartaSession *self = user_data;

  /* A cheap pragma; emits WartaStore::changed when another connection
   * committed since the last look. */
  warta_store_poll (self->store);
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
  g_signal_connect_swapped (self->store, "changed", G_CALLBACK (on_store_changed), self);
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_store, self);
  return g_steal_pointer (&self);
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
  char *path;
  char *login;
  char *password;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->path);
  g_free (sign_in->login);
  if (sign_in->password != NULL)
    memset (sign_in->password, 0, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

/* argon2id takes a tenth of a second and 64 MiB: a worker does it, on a
 * connection of its own, and hands back the user's id. */
static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignIn *sign_in = task_data;
  g_autoptr(WartaEngine) engine = NULL;
  GError *error = NULL;
  gint64 id;

  if (!(engine = warta_engine_open (sign_in->path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!(id = warta_engine_authenticate (engine, sign_in->login, sign_in->password, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_int (task, id);
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
  sign_in->path = g_strdup (warta_store_get_path (self->store));
  sign_in->login = g_strdup (login);
  sign_in->password = g_strdup (password);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_session_sign_in_async);
  g_task_set_task_data (task, sign_in, (GDestroyNotify)sign_in_free);
  g_task_run_in_thread (task, sign_in_thread);
}

gboolean
warta_session_sign_in_finish (WartaSession  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  WartaUser *user;
  gint64 id;

  g_return_val_if_fail (WARTA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* -1, not 0, with the error set: a wrong password */
  if ((id = g_task_propagate_int (G_TASK (result), error)) <= 0)
    return FALSE;
  if (!(user = warta_store_get_user (self->store, id, error)))
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
