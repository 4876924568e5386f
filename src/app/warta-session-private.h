/* warta-session-private.h: the session's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-session.h"

G_BEGIN_DECLS

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

/* What the window asks of the session at every turn, read in one go on
 * the worker (or, once, when the session opens). */
typedef struct
{
  gint64      user_id;
  WartaUser  *user;       /* NULL: nobody signed in */
  gboolean    has_users;
  char       *office_name;
  GHashTable *actions;
  gboolean    holds_lane;
  gboolean    may_start;
} WartaSessionProfile;

/* warta-session.c */
void                 _warta_session_profile_free      (WartaSessionProfile *profile);
WartaSessionProfile *_warta_session_profile_read      (WartaEngine         *engine,
                                                       gint64               user_id,
                                                       GError             **error);
gboolean             _warta_session_take_profile      (WartaSession        *self,
                                                       WartaSessionProfile *profile);
void                 _warta_session_emit_changes      (WartaSession        *self,
                                                       GArray              *changes,
                                                       gpointer             origin);
void                 _warta_session_on_worker_changed (WartaSession        *self,
                                                       GArray              *changes,
                                                       gpointer             origin,
                                                       WartaWorker         *worker);
void                 _warta_session_set_connected     (WartaSession        *self,
                                                       gboolean             connected);
void                 _warta_session_wipe_free         (gpointer             secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaSessionProfile, _warta_session_profile_free)

G_END_DECLS
