/* warta-engine-case.c: a case's state machine, permissions and timing
 *
 * Every action takes the store's write lock first, reads the case, checks
 * that the actor may act, writes the step runs, any disposition and the
 * journal event, and commits. The transaction is the action's own
 * (WartaAction.tx): whatever path leaves without committing rolls it back,
 * so nothing of a failed action stays behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-revision.h"

void
_warta_engine_action_clear (WartaAction *action)
{
  g_clear_pointer (&action->actor, warta_user_free);
  g_clear_pointer (&action->kase, warta_case_free);
  g_clear_pointer (&action->run, warta_step_run_free);
  g_clear_object (&action->sop);
  g_clear_pointer (&action->runs, g_ptr_array_unref);
  g_clear_pointer (&action->tx, warta_transaction_end);
}

gboolean
warta_engine_may_act (WartaEngine        *self,
                      const WartaUser    *user,
                      const WartaStepRun *run)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (user != NULL && run != NULL, FALSE);

  if (run->completed_at != 0 || user->inactive)
    return FALSE;
  if (run->assignee != 0)
    return run->assignee == user->id;
  return warta_user_has_role (user, run->lane);
}

static char *
user_label (WartaEngine *self,
            gint64       id)
{
  g_autoptr(WartaUser) user = warta_store_get_user (self->store, id, NULL);

  return user ? g_strdup_printf ("%s (%s)", user->full_name, user->login)
              : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

/* Two people acted on one berkas at one moment: the other's action
 * committed first, and this one's step (step_id; its run run_id when
 * known) is done. Says who did it, from the run that completed it, so
 * that the person knows why and looks at the berkas as it is now.
 * Returns FALSE. */
static gboolean
overtaken (WartaEngine  *self,
           gint64        case_id,
           const char   *step_id,
           gint64        run_id,
           GError      **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  const WartaStepRun *done = NULL;

  if (!(runs = warta_store_list_runs (self->store, case_id, error)))
    return FALSE;
  for (guint i = runs->len; i > 0 && done == NULL; i--)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i - 1);

      if (run->completed_at != 0 && (run_id != 0 ? run->id == run_id : g_strcmp0 (run->step_id, step_id) == 0))
        done = run;
    }

  if (done != NULL && done->completed_by != 0)
    {
      g_autoptr(WartaUser) user = warta_store_get_user (self->store, done->completed_by, NULL);
      g_autofree char *name = user == NULL ? g_strdup_printf ("#%" G_GINT64_FORMAT, done->completed_by)
                              : g_strdup (warta_text_is_blank (user->full_name) ? user->login : user->full_name);

      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_OVERTAKEN,
                   /* Translators: “Step 3 was already completed by Budi Santoso” */
                   _("Step %s was already completed by %s"), step_id, name);
      return FALSE;
    }
  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_OVERTAKEN,
               _("Step %s is no longer the active step of case %lld"), step_id, (long long)case_id);
  return FALSE;
}

gboolean
_warta_engine_action_begin (WartaEngine  *self,
                            gint64        actor,
                            gint64        case_id,
                            WartaAction  *action,
                            GError      **error)
{
  return _warta_engine_action_begin_seen (self, actor, case_id, NULL, action, error);
}

gboolean
_warta_engine_action_begin_seen (WartaEngine  *self,
                                 gint64        actor,
                                 gint64        case_id,
                                 const char   *seen_step,
                                 WartaAction  *action,
                                 GError      **error)
{
  if (!(action->tx = warta_store_transaction (self->store, error)))
    return FALSE;

  if (!(action->actor = warta_store_get_user (self->store, actor, NULL)))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH,
                   _("Sign in first: no user acts here"));
      return FALSE;
    }

  if (action->actor->inactive)
    {
      g_set_error_literal (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE,
                           _("This account was deactivated; ask the office's administrator"));
      return FALSE;
    }

  if (!(action->kase = warta_store_get_case (self->store, case_id, error)))
    return FALSE;

  /* Read under the write lock: whoever came first has committed */
  if (seen_step != NULL &&
      (action->kase->active == NULL || g_strcmp0 (action->kase->active->step_id, seen_step) != 0))
    return overtaken (self, case_id, seen_step, 0, error);

  if (action->kase->state != WARTA_CASE_OPEN || action->kase->active == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_FINISHED,
                   action->kase->state == WARTA_CASE_REJECTED
                   ? _("Case %lld was rejected and is closed: nothing more can be done on it")
                   : _("Case %lld is finished: nothing more can be done on it"),
                   (long long)case_id);
      return FALSE;
    }

  action->run = g_steal_pointer (&action->kase->active);
  if (!(action->sop = warta_engine_get_sop (self, action->kase->sop_id, action->kase->sop_version, error)))
    return FALSE;
  action->step = warta_sop_lookup_step (action->sop, action->run->step_id);
  g_assert (action->step != NULL);

  if (!warta_engine_may_act (self, action->actor, action->run))
    {
      if (action->run->assignee != 0)
        {
          g_autofree char *holder = user_label (self, action->run->assignee);

          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                       _("Step %s of case %lld is held by %s; %s may not act on it"),
                       action->step->id, (long long)case_id, holder, action->actor->login);
        }
      else
        {
          const WartaSopLane *lane = warta_sop_lookup_lane (action->sop, action->step->lane);

          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                       _("Step %s of case %lld belongs to the lane “%s”; %s does not hold that role"),
                       action->step->id, (long long)case_id, lane ? lane->name : action->step->lane,
                       action->actor->login);
        }
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
action_runs (WartaEngine  *self,
             WartaAction  *action,
             GError      **error)
{
  if (action->runs == NULL)
    action->runs = warta_store_list_runs (self->store, action->kase->id, error);
  return action->runs;
}

/* Who holds a step that nobody was disposed to: the person who last acted
 * in its lane on this case, if they still hold the role, so that work comes
 * back to its author; else the whole lane. */
static gint64
continuing_holder (WartaEngine  *self,
                   WartaAction  *action,
                   const char   *lane,
                   const char   *step_id)
{
  GPtrArray *runs = action_runs (self, action, NULL);

  if (runs == NULL)
    return 0;

  /* The one acting now is the last to have worked in their own lane. */
  if (step_id == NULL && g_strcmp0 (action->run->lane, lane) == 0)
    return warta_user_has_role (action->actor, lane) ? action->actor->id : 0;

  for (guint i = runs->len; i > 0; i--)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i - 1);
      g_autoptr(WartaUser) user = NULL;

      if (run->completed_by == 0 || g_strcmp0 (run->lane, lane) != 0)
        continue;
      if (step_id != NULL && g_strcmp0 (run->step_id, step_id) != 0)
        continue;
      if (run->completed_by == action->actor->id)
        return warta_user_has_role (action->actor, lane) ? action->actor->id : 0;

      user = warta_store_get_user (self->store, run->completed_by, NULL);
      return user && !user->inactive && warta_user_has_role (user, lane) ? user->id : 0;
    }

  return 0;
}

static gint64
start_run (WartaEngine         *self,
           gint64               case_id,
           const WartaSopStep  *step,
           gint64               assignee,
           gint64               at,
           GError             **error)
{
  WartaStepRun run = {
    .case_id = case_id,
    .step_id = step->id,
    .lane = step->lane,
    .assignee = assignee,
    .standard_min = step->standard_min,
    .standard_max = step->standard_max,
    .started_at = at,
    .action = (char *)warta_sop_action_to_string (step->action),
  };

  return warta_store_insert_run (self->store, &run, error);
}

/* Ends the active run and moves the case on to next (or ends it when next
 * is NULL), then journals the action and commits. */
static gboolean
action_finish (WartaEngine         *self,
               WartaAction              *action,
               WartaOutcome         outcome,
               const char          *note,
               const WartaSopStep  *next,
               gint64               next_holder,
               const char          *kind,
               const char          *payload,
               GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 now = warta_engine_now (self);
  gboolean ok;

  /* The run was read under the write lock, so another's finish cannot
   * come between; should one (a writer that took no lock), say whose */
  if (!warta_store_finish_run (self->store, action->run->id, now, action->actor->id, outcome, note, &local_error))
    {
      if (g_error_matches (local_error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND))
        return overtaken (self, action->kase->id, action->step->id, action->run->id, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (next != NULL)
    ok = start_run (self, action->kase->id, next, next_holder, now, error) != 0;
  else
    ok = warta_store_finish_case (self->store, action->kase->id,
                                  action->step->end == WARTA_SOP_END_REJECTED ? WARTA_CASE_REJECTED : WARTA_CASE_DONE,
                                  now, error);

  ok = ok && warta_journal_append (self->store, now, action->actor->id, action->kase->id, kind, payload, error);
  return ok && warta_transaction_commit (action->tx, error);
}

gboolean
_warta_engine_fail (GError **error,
                    GError  *reason)
{
  if (reason != NULL)
    g_propagate_error (error, reason);
  return FALSE;
}

gint64
warta_engine_start_case (WartaEngine  *self,
                         gint64        actor,
                         const char   *sop_id,
                         const char   *title,
                         GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *version = NULL;
  const WartaSopStep *first;
  gint64 now = warta_engine_now (self);
  gint64 case_id = 0;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);

  if (warta_text_is_blank (title))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A case needs a title"));
      return 0;
    }

  if (!(tx = warta_store_transaction (self->store, error)))
    return 0;

  if (!(user = warta_store_get_user (self->store, actor, NULL)))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH, _("Sign in first: no user acts here"));
      return 0;
    }

  if (!(sop = warta_engine_get_sop (self, sop_id, 0, error)) ||
      !_warta_engine_check_sop_active (self, sop, error))
    return 0;

  first = warta_sop_get_step (sop, 0);
  if (!warta_user_has_role (user, first->lane))
    {
      const WartaSopLane *lane = warta_sop_lookup_lane (sop, first->lane);

      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("A case of “%s” starts in the lane “%s”; %s does not hold that role"),
                   warta_sop_get_name (sop), lane->name, user->login);
      return 0;
    }

  version = g_strdup_printf ("%d", warta_sop_get_version (sop));
  payload = _warta_engine_payload_new ("sop", sop_id, "version", version, "title", title, "step", first->id, NULL);
  ok = (case_id = warta_store_insert_case (self->store, sop_id, warta_sop_get_version (sop), title, actor, now, error)) != 0 &&
       start_run (self, case_id, first, actor, now, error) != 0 &&
       warta_journal_append (self->store, now, actor, case_id, "case.start", payload, error);
  if (!(ok && warta_transaction_commit (tx, error)))
    return 0;
  return case_id;
}

/* A step that names kinds of attachment hands them on: it cannot finish
 * without at least one of each kind that is not optional, whose content
 * fits the kind. A file kept by an older Warta that never asked (a ZIP
 * named .pdf, an empty one) does not count, and the message names it. */
static gboolean
require_attachments (WartaEngine  *self,
                     WartaAction  *action,
                     GError      **error)
{
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GString) list = g_string_new (NULL);

  if (!(attachments = warta_store_list_attachments (self->store, action->kase->id, error)))
    return FALSE;

  for (guint i = 0; i < action->step->requirements->len; i++)
    {
      const WartaSopRequirement *req = g_ptr_array_index (action->step->requirements, i);
      g_autoptr(GString) wrong = g_string_new (NULL);
      gboolean met = FALSE;

      if (req->attachment == NULL || req->optional)
        continue;
      for (guint j = 0; j < attachments->len && !met; j++)
        {
          const WartaAttachment *attachment = g_ptr_array_index (attachments, j);
          g_autoptr(GError) local_error = NULL;

          if (!g_str_equal (attachment->kind, req->attachment))
            continue;
          /* Checked as it was stored, it is not read again. */
          met = attachment->checked || _warta_engine_check_stored (self, attachment, NULL, &local_error);
          if (!met && !g_error_matches (local_error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (!met)
            g_string_append_printf (wrong, "%s%s", wrong->len > 0 ? "; " : "", local_error->message);
        }
      if (met)
        continue;

      if (list->len > 0)
        g_string_append (list, "; ");
      if (wrong->len > 0)
        g_string_append_printf (list, "%s (%s)", req->text, wrong->str);
      else
        g_string_append (list, req->text);
    }

  if (list->len == 0)
    return TRUE;
  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
               _("Step %s needs its attachments first: %s"), action->step->id, list->str);
  return FALSE;
}

gboolean
warta_engine_complete (WartaEngine  *self,
                       gint64        actor,
                       gint64        case_id,
                       const char   *note,
                       GError      **error)
{
  return warta_engine_complete_step (self, actor, case_id, NULL, note, error);
}

gboolean
warta_engine_complete_step (WartaEngine  *self,
                            gint64        actor,
                            gint64        case_id,
                            const char   *seen_step,
                            const char   *note,
                            GError      **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autofree char *payload = NULL;
  g_autofree char *naskah_sum = NULL;
  const WartaSopStep *next;
  const char *done;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!_warta_engine_action_begin_seen (self, actor, case_id, seen_step, &action, error))
    return FALSE;

  if (warta_sop_step_is_decision (action.step))
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_WRONG_ACTION,
                                            _("Step %s is a decision: answer ya or tidak"), action.step->id));
  if (action.step->action == WARTA_SOP_ACTION_DISPOSE)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_WRONG_ACTION,
                                            _("Step %s is a disposition: choose who receives it and write an instruction"),
                                            action.step->id));

  if (action.step->action == WARTA_SOP_ACTION_COMPOSE)
    {
      g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (self->store, case_id, error);

      if (naskah == NULL)
        return FALSE;
      if (warta_naskah_is_empty (naskah))
        return _warta_engine_fail (error,
                                   g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                                                _("Step %s needs the naskah: write its title and body first"),
                                                action.step->id));
      if (action.step->require_5w1h && !warta_naskah_has_5w1h (naskah))
        return _warta_engine_fail (error,
                                   g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                                                _("Step %s needs the 5W+1H: answer who, what, when, where, why and how"),
                                                action.step->id));
      naskah_sum = warta_naskah_checksum (naskah);
    }

  if (!require_attachments (self, &action, error))
    return FALSE;
  if (action.step->action == WARTA_SOP_ACTION_PUBLISH && !_warta_engine_require_publication (self, &action, error))
    return FALSE;
  if (action.step->action == WARTA_SOP_ACTION_PRINT && !_warta_engine_require_print (self, &action, error))
    return FALSE;

  done = warta_sop_action_to_string (action.step->action);
  next = warta_sop_get_next_step (action.sop, action.step);
  payload = _warta_engine_payload_new ("step", action.step->id, "note", note, "next", next ? next->id : NULL,
                                       "naskah", naskah_sum, NULL);
  if (!action_finish (self, &action, WARTA_OUTCOME_COMPLETED, note, next,
                      next ? continuing_holder (self, &action, next->lane, NULL) : 0,
                      "case.complete", payload, error))
    return FALSE;
  _warta_engine_step_completed (self, actor, case_id, done);
  return TRUE;
}

gboolean
warta_engine_decide (WartaEngine  *self,
                     gint64        actor,
                     gint64        case_id,
                     gboolean      yes,
                     const char   *note,
                     GError      **error)
{
  return warta_engine_decide_step (self, actor, case_id, NULL, yes, note, error);
}

gboolean
warta_engine_decide_step (WartaEngine  *self,
                          gint64        actor,
                          gint64        case_id,
                          const char   *seen_step,
                          gboolean      yes,
                          const char   *note,
                          GError      **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autofree char *payload = NULL;
  const WartaSopStep *next;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!_warta_engine_action_begin_seen (self, actor, case_id, seen_step, &action, error))
    return FALSE;

  if (!warta_sop_step_is_decision (action.step))
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_WRONG_ACTION,
                                            _("Step %s is not a decision step: there is no ya or tidak to choose"),
                                            action.step->id));

  next = warta_sop_lookup_step (action.sop, yes ? action.step->yes : action.step->no);
  payload = _warta_engine_payload_new ("step", action.step->id, "decision", yes ? "ya" : "tidak",
                                       "note", note, "next", next->id, NULL);
  return action_finish (self, &action, yes ? WARTA_OUTCOME_YES : WARTA_OUTCOME_NO, note, next,
                        continuing_holder (self, &action, next->lane, NULL),
                        "case.decide", payload, error);
}

gboolean
warta_engine_return (WartaEngine  *self,
                     gint64        actor,
                     gint64        case_id,
                     const char   *step_id,
                     const char   *reason,
                     GError      **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autofree char *payload = NULL;
  const WartaSopStep *target;
  gboolean visited = FALSE;
  GPtrArray *runs;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (warta_text_is_blank (reason))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("Returning a case needs a reason"));
      return FALSE;
    }

  if (!_warta_engine_action_begin (self, actor, case_id, &action, error))
    return FALSE;

  if (!(runs = action_runs (self, &action, error)))
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);

      visited |= run->completed_at != 0 && g_strcmp0 (run->step_id, step_id) == 0;
    }

  target = warta_sop_lookup_step (action.sop, step_id);
  if (target == NULL || !visited)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                                            _("Case %lld can only return to a step it has already been through; "
                                              "“%s” is not one"), (long long)case_id, step_id ? step_id : ""));

  payload = _warta_engine_payload_new ("step", action.step->id, "to", target->id, "reason", reason, NULL);
  return action_finish (self, &action, WARTA_OUTCOME_RETURNED, reason, target,
                        continuing_holder (self, &action, target->lane, target->id),
                        "case.return", payload, error);
}

gboolean
warta_engine_dispose (WartaEngine  *self,
                      gint64        actor,
                      gint64        case_id,
                      gint64        to_user,
                      const char   *instruction,
                      GError      **error)
{
  return warta_engine_dispose_full (self, actor, case_id, to_user, instruction, WARTA_SIFAT_BIASA, 0, error);
}

gboolean
warta_engine_dispose_full (WartaEngine  *self,
                           gint64        actor,
                           gint64        case_id,
                           gint64        to_user,
                           const char   *instruction,
                           WartaSifat    sifat,
                           guint         arahan_boxes,
                           GError      **error)
{
  return warta_engine_dispose_step (self, actor, case_id, NULL, to_user, instruction, sifat, arahan_boxes, error);
}

gboolean
warta_engine_dispose_step (WartaEngine  *self,
                           gint64        actor,
                           gint64        case_id,
                           const char   *seen_step,
                           gint64        to_user,
                           const char   *instruction,
                           WartaSifat    sifat,
                           guint         arahan_boxes,
                           GError      **error)
{
  g_auto(WartaAction) action = { 0 };
  g_autoptr(WartaUser) target = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *boxes = NULL;
  const WartaSopStep *next;
  WartaDisposition disposition = { 0 };

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (warta_text_is_blank (instruction))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A disposition needs an instruction (arahan)"));
      return FALSE;
    }
  if (sifat >= WARTA_N_SIFAT || (arahan_boxes & ~WARTA_ARAHAN_ALL) != 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A disposition's sifat must be biasa, segera, sangat segera or rahasia, "
                     "and its arahan boxes those of the Lembar Disposisi"));
      return FALSE;
    }

  if (!_warta_engine_action_begin_seen (self, actor, case_id, seen_step, &action, error))
    return FALSE;

  if (warta_sop_step_is_decision (action.step))
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_WRONG_ACTION,
                                            _("Step %s is a decision: answer ya or tidak"), action.step->id));

  next = warta_sop_get_next_step (action.sop, action.step);
  if (next == NULL)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_WRONG_ACTION,
                                            _("Step %s is the last one: there is nobody to dispose to"), action.step->id));

  if (!require_attachments (self, &action, error))
    return FALSE;

  target = warta_store_get_user (self->store, to_user, NULL);
  if (target != NULL && target->inactive)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE,
                                            _("%s was deactivated; choose another person"), target->login));
  if (target == NULL || !warta_user_has_role (target, next->lane))
    {
      const WartaSopLane *lane = warta_sop_lookup_lane (action.sop, next->lane);
      g_autofree char *label = target ? g_strdup (target->login) : g_strdup_printf ("#%" G_GINT64_FORMAT, to_user);

      return _warta_engine_fail (error,
                                 g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                                              _("The next step (%s) belongs to the lane “%s”; %s does not hold that role"),
                                              next->id, lane->name, label));
    }

  disposition.case_id = case_id;
  disposition.run_id = action.run->id;
  disposition.from_user = action.actor->id;
  disposition.to_user = target->id;
  disposition.instruction = (char *)instruction;
  disposition.created_at = warta_engine_now (self);
  disposition.sifat = sifat;
  disposition.arahan_boxes = arahan_boxes;
  if (!warta_store_insert_disposition (self->store, &disposition, error))
    return FALSE;

  boxes = warta_arahan_boxes_to_string (arahan_boxes);
  payload = _warta_engine_payload_new ("step", action.step->id, "to", target->login, "instruction", instruction,
                                       "next", next->id, "sifat", warta_sifat_to_string (sifat),
                                       "arahan_boxes", boxes, NULL);
  return action_finish (self, &action, WARTA_OUTCOME_DISPOSED, instruction, next, target->id,
                        "case.dispose", payload, error);
}

/* The naskah is written by whoever holds a compose or review step of the
 * case (the reviewer corrects); everyone else reads it. */
gboolean
warta_engine_may_edit_naskah (WartaEngine        *self,
                              const WartaUser    *user,
                              const WartaStepRun *run)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (user == NULL || run == NULL || !warta_engine_may_act (self, user, run))
    return FALSE;
  return g_strcmp0 (run->action, "compose") == 0 || g_strcmp0 (run->action, "review") == 0;
}

/* Drafts are saved as often as the editor likes; they are not journaled
 * one by one, but each is a revision (warta-revision.h). The naskah's SHA-256 goes into the journal when its compose
 * step completes. */
gboolean
warta_engine_save_naskah (WartaEngine        *self,
                          gint64              actor,
                          const WartaNaskah  *naskah,
                          GError            **error)
{
  g_auto(WartaAction) action = { 0 };
  WartaNaskah copy;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (naskah != NULL, FALSE);

  if (!_warta_engine_action_begin (self, actor, naskah->case_id, &action, error))
    return FALSE;

  if (!warta_engine_may_edit_naskah (self, action.actor, action.run))
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                                            _("The naskah can only be changed at a writing or review step")));

  copy = *naskah;
  copy.updated_at = warta_engine_now (self);
  copy.updated_by = action.actor->id;
  return _warta_engine_note_revision (self, action.actor->id, action.run->id, &copy, copy.updated_at, error) &&
         warta_store_save_naskah (self->store, &copy, error) && warta_transaction_commit (action.tx, error);
}

gboolean
warta_engine_check_requirement (WartaEngine  *self,
                                gint64        actor,
                                gint64        case_id,
                                guint         item,
                                gboolean      checked,
                                GError      **error)
{
  g_auto(WartaAction) action = { 0 };

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!_warta_engine_action_begin (self, actor, case_id, &action, error))
    return FALSE;

  if (item >= action.step->requirements->len)
    return _warta_engine_fail (error,
                               g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                                            _("Step %s has no requirement %u"), action.step->id, item + 1));

  return warta_store_set_check (self->store, action.run->id, item, checked, error) &&
         warta_transaction_commit (action.tx, error);
}
