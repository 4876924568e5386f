/* warta-case-view-jobs.c: the case view's reads and writes, on the
 * session's database worker
 *
 * A load reads everything the view shows of one berkas in one snapshot
 * (the case, its SOP, runs, naskah, ticks, dispositions, and the names of
 * the people in them) and hands it back as plain data; a newer load
 * cancels an older one, so a stale result is never shown. A save and the
 * step's actions run at urgent priority, in the order made; the save
 * names the view's save tag as its origin, so the view does not reload
 * the text it has just saved, while an action's change (origin: the view)
 * reloads it like anyone else's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-view-private.h"

void
_warta_case_data_free (WartaCaseData *data)
{
  g_clear_pointer (&data->kase, warta_case_free);
  g_clear_object (&data->sop);
  g_clear_pointer (&data->runs, g_ptr_array_unref);
  g_clear_pointer (&data->naskah, warta_naskah_free);
  g_clear_pointer (&data->checks, g_array_unref);
  g_clear_pointer (&data->dispositions, g_ptr_array_unref);
  g_clear_pointer (&data->names, g_hash_table_unref);
  g_clear_pointer (&data->publish, warta_publish_data_free);
  g_free (data);
}

typedef struct
{
  gint64 case_id;
  gint64 actor;
} LoadJob;

static void
add_name (WartaStore *store,
          GHashTable *names,
          gint64      id)
{
  g_autoptr(WartaUser) user = NULL;

  if (id == 0 || g_hash_table_contains (names, &id))
    return;
  if ((user = warta_store_get_user (store, id, NULL)))
    g_hash_table_insert (names, g_memdup2 (&id, sizeof id), g_strdup (user->full_name));
}

static gpointer
load_job (WartaEngine   *engine,
          gpointer       job_data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = job_data;
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaUser) user = NULL;
  WartaCaseData *data = g_new0 (WartaCaseData, 1);

  if (!(snapshot = warta_store_snapshot (store, error)) ||
      !(user = warta_store_get_user (store, job->actor, error)) ||
      !(data->kase = warta_store_get_case (store, job->case_id, error)) ||
      !(data->sop = warta_engine_get_sop (engine, data->kase->sop_id, data->kase->sop_version, error)) ||
      !(data->runs = warta_store_list_runs (store, job->case_id, error)) ||
      !(data->naskah = warta_store_get_naskah (store, job->case_id, error)) ||
      !(data->dispositions = warta_store_list_dispositions (store, job->case_id, error)))
    {
      _warta_case_data_free (data);
      return NULL;
    }

  if (data->kase->active != NULL)
    {
      data->checks = warta_store_get_checks (store, data->kase->active->id, NULL);
      data->holder = warta_engine_may_act (engine, user, data->kase->active);
      data->may_edit = warta_engine_may_edit_naskah (engine, user, data->kase->active);
    }
  data->may_print = warta_engine_may_print (engine, user->id, job->case_id, NULL);
  if (warta_sop_has_publish_step (data->sop) &&
      !(data->publish = warta_publish_data_read (engine, user->id, job->case_id, error)))
    {
      _warta_case_data_free (data);
      return NULL;
    }

  /* The chain and the labels name everyone in the case. */
  data->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < data->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (data->runs, i);

      add_name (store, data->names, run->completed_by);
      add_name (store, data->names, run->assignee);
    }
  for (guint i = 0; i < data->dispositions->len; i++)
    add_name (store, data->names, ((const WartaDisposition *)g_ptr_array_index (data->dispositions, i))->to_user);
  add_name (store, data->names, data->naskah->updated_by);
  return data;
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WartaCaseView) self = user_data;
  g_autoptr(GError) error = NULL;
  WartaCaseData *data = warta_session_run_finish (WARTA_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_cancellable);
  if (data == NULL)
    {
      g_warning ("Cannot show case %" G_GINT64_FORMAT ": %s", self->case_id, error->message);
      _warta_case_view_show (self, NULL);
      return;
    }
  _warta_case_view_show (self, data);
}

/* Reads the case again; what the view shows stays until the new read
 * arrives. */
void
_warta_case_view_load (WartaCaseView *self)
{
  LoadJob *job;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->session == NULL || self->case_id == 0 || warta_session_get_user (self->session) == NULL)
    {
      _warta_case_view_show (self, NULL);
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->case_id = self->case_id;
  job->actor = warta_session_get_user_id (self->session);
  self->load_cancellable = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, load_job, job, g_free,
                           (GDestroyNotify)_warta_case_data_free, self->load_cancellable,
                           load_done, g_object_ref (self));
}

/* Actions: a save of the naskah first if it was edited, then the step's
 * action, in one job. */

typedef enum
{
  ACT_SAVE,
  ACT_CHECK,
  ACT_COMPLETE,
  ACT_DECIDE,
  ACT_RETURN,
  ACT_DISPOSE,
  ACT_LIST_USERS,
} ActKind;

struct _WartaCaseAct
{
  ActKind      kind;
  gint64       actor;
  gint64       case_id;
  WartaNaskah *naskah;      /* to save first, or NULL */
  char        *note;        /* note, reason or instruction */
  gboolean     yes;         /* decide: ya; check: ticked */
  guint        item;        /* check: the requirement */
  char        *step_id;     /* return: where to */
  char        *seen_step;   /* the active step the view showed */
  char        *lane;        /* list-users */
  gint64       to_user;     /* dispose */
  WartaSifat   sifat;
  guint        arahan_boxes;
  gboolean    *saved_ok;    /* the caller's: whether the naskah was saved */
};

static void
act_free (WartaCaseAct *act)
{
  g_clear_pointer (&act->naskah, warta_naskah_free);
  g_free (act->note);
  g_free (act->step_id);
  g_free (act->seen_step);
  g_free (act->lane);
  g_free (act);
}

static void
act_free_detached (WartaCaseAct *act)
{
  g_free (act->saved_ok);
  act_free (act);
}

static gpointer
act_job (WartaEngine   *engine,
         gpointer       job_data,
         GCancellable  *cancellable,
         GError       **error)
{
  WartaCaseAct *act = job_data;
  gboolean ok = TRUE;

  if (act->naskah != NULL)
    {
      if (!warta_engine_save_naskah (engine, act->actor, act->naskah, error))
        return NULL;
      *act->saved_ok = TRUE;
    }

  switch (act->kind)
    {
    case ACT_SAVE:
      break;
    case ACT_CHECK:
      ok = warta_engine_check_requirement (engine, act->actor, act->case_id, act->item, act->yes, error);
      break;
    case ACT_COMPLETE:
      ok = warta_engine_complete_step (engine, act->actor, act->case_id, act->seen_step, act->note, error);
      break;
    case ACT_DECIDE:
      ok = warta_engine_decide_step (engine, act->actor, act->case_id, act->seen_step, act->yes, act->note, error);
      break;
    case ACT_RETURN:
      ok = warta_engine_return (engine, act->actor, act->case_id, act->step_id, act->note, error);
      break;
    case ACT_DISPOSE:
      ok = warta_engine_dispose_step (engine, act->actor, act->case_id, act->seen_step, act->to_user, act->note,
                                      act->sifat, act->arahan_boxes, error);
      break;
    case ACT_LIST_USERS:
      return warta_engine_list_lane_people (engine, act->lane, error);
    default:
      g_assert_not_reached ();
    }

  return ok ? g_strdup ("") : NULL;
}

typedef struct
{
  WartaCaseView          *self;
  ActKind                 kind;
  WartaCaseActDoneFunc    done;
  gboolean                saved;     /* the job carried the editor's text */
  gboolean                saved_ok;  /* set by the job before it returns */
} ActCall;

static void
act_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ActCall *call = user_data;
  g_autoptr(WartaCaseView) self = call->self;
  g_autoptr(GError) error = NULL;
  gpointer value = warta_session_run_finish (WARTA_SESSION (object), result, &error);

  if (call->saved)
    _warta_case_view_saved (self, call->saved_ok, call->saved_ok ? NULL : error);
  if (call->kind != ACT_SAVE && call->kind != ACT_CHECK && call->kind != ACT_LIST_USERS)
    {
      self->acting = FALSE;
      _warta_case_view_update_actions (self);
    }
  /* A save that failed said so; its action was not tried. */
  if (call->done != NULL && (!call->saved || call->saved_ok))
    call->done (self, value, error);
  /* Someone else came first: show the berkas as they left it now, not
   * when their change is heard */
  if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_OVERTAKEN))
    _warta_case_view_load (self);
  if (call->kind == ACT_LIST_USERS)
    g_clear_pointer ((GPtrArray **)&value, g_ptr_array_unref);
  else
    g_free (value);
  g_free (call);
}

static WartaCaseAct *
act_new (WartaCaseView *self,
         ActKind        kind)
{
  WartaCaseAct *act = g_new0 (WartaCaseAct, 1);

  act->kind = kind;
  act->actor = warta_session_get_user_id (self->session);
  act->case_id = self->case_id;
  /* Another desk may complete it first: then the action is refused,
   * naming who, rather than landing on the step after */
  if (self->kase != NULL && self->kase->active != NULL)
    act->seen_step = g_strdup (self->kase->active->step_id);
  return act;
}

static void
act_submit (WartaCaseView        *self,
            WartaCaseAct         *act,
            WartaCaseActDoneFunc  done)
{
  ActCall *call = g_new0 (ActCall, 1);
  /* A save or a tick changes nothing else the view shows; an action
   * changes the step, and the view reloads on its change like on anyone's. */
  gpointer origin = act->kind == ACT_SAVE || act->kind == ACT_CHECK ? (gpointer)&self->save_tag : self;

  /* Typed text goes with the job, ahead of its action. */
  if (self->dirty && act->kind != ACT_LIST_USERS)
    {
      act->naskah = _warta_case_view_naskah_from_editor (self);
      act->saved_ok = &call->saved_ok;
      self->dirty = FALSE;
      self->saves_in_flight++;
      call->saved = TRUE;
      g_clear_handle_id (&self->autosave_source, g_source_remove);
    }
  if (act->kind != ACT_SAVE && act->kind != ACT_CHECK && act->kind != ACT_LIST_USERS)
    {
      self->acting = TRUE;
      _warta_case_view_update_actions (self);
    }

  call->self = g_object_ref (self);
  call->kind = act->kind;
  call->done = done;
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, origin, act_job, act,
                           (GDestroyNotify)act_free,
                           act->kind == ACT_LIST_USERS ? (GDestroyNotify)g_ptr_array_unref : g_free,
                           NULL, act_done, call);
}

/* Saves what was typed, if anything; the result comes to
 * _warta_case_view_saved(). */
void
_warta_case_view_save (WartaCaseView *self)
{
  if (!self->dirty || self->session == NULL)
    return;
  act_submit (self, act_new (self, ACT_SAVE), NULL);
}

void
_warta_case_view_check (WartaCaseView        *self,
                        guint                 item,
                        gboolean              checked,
                        WartaCaseActDoneFunc  done)
{
  WartaCaseAct *act = act_new (self, ACT_CHECK);

  act->item = item;
  act->yes = checked;
  act_submit (self, act, done);
}

void
_warta_case_view_complete (WartaCaseView        *self,
                           const char           *note,
                           WartaCaseActDoneFunc  done)
{
  WartaCaseAct *act = act_new (self, ACT_COMPLETE);

  act->note = g_strdup (note);
  act_submit (self, act, done);
}

void
_warta_case_view_decide (WartaCaseView        *self,
                         gboolean              yes,
                         const char           *note,
                         WartaCaseActDoneFunc  done)
{
  WartaCaseAct *act = act_new (self, ACT_DECIDE);

  act->yes = yes;
  act->note = g_strdup (note);
  act_submit (self, act, done);
}

void
_warta_case_view_return (WartaCaseView        *self,
                         const char           *step_id,
                         const char           *reason,
                         WartaCaseActDoneFunc  done)
{
  WartaCaseAct *act = act_new (self, ACT_RETURN);

  act->step_id = g_strdup (step_id);
  act->note = g_strdup (reason);
  act_submit (self, act, done);
}

void
_warta_case_view_dispose_to (WartaCaseView        *self,
                             gint64                to_user,
                             const char           *instruction,
                             WartaSifat            sifat,
                             guint                 arahan_boxes,
                             WartaCaseActDoneFunc  done)
{
  WartaCaseAct *act = act_new (self, ACT_DISPOSE);

  act->to_user = to_user;
  act->note = g_strdup (instruction);
  act->sifat = sifat;
  act->arahan_boxes = arahan_boxes;
  act_submit (self, act, done);
}

/* The people of a lane, for the disposition: @done gets a GPtrArray of
 * WartaUser, which it must not keep (ref it). */
void
_warta_case_view_list_users (WartaCaseView        *self,
                             const char           *lane,
                             WartaCaseActDoneFunc  done)
{
  WartaCaseAct *act = act_new (self, ACT_LIST_USERS);

  act->lane = g_strdup (lane);
  act_submit (self, act, done);
}

/* The view is going away: its last text is saved with no one to answer. */
void
_warta_case_view_save_detached (WartaCaseView *self)
{
  WartaCaseAct *act;

  if (!self->dirty || self->session == NULL || self->body_view == NULL)
    return;
  act = act_new (self, ACT_SAVE);
  act->naskah = _warta_case_view_naskah_from_editor (self);
  act->saved_ok = g_new0 (gboolean, 1);
  self->dirty = FALSE;
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, &self->save_tag, act_job, act,
                           (GDestroyNotify)act_free_detached, g_free, NULL, NULL, NULL);
}
