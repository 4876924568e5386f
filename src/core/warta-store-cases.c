/* warta-store-cases.c: the rows of cases at work
 *
 * Cases, their step runs and dispositions, the queries behind the panes, the
 * naskah and requirement checklists: what changes with every action on a
 * case, and what the panes read most. Kept apart from the store's object so
 * that the SQL a pane depends on is found in one place; it shares the
 * connection and the statement cache through warta-store-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-disposition.h"
#include "warta-store-private.h"

static void
bind_minutes (WartaStmt *stmt,
              int           index,
              int           minutes)
{
  if (minutes < 0)
    warta_stmt_bind_null_int (stmt, index);
  else
    warta_stmt_bind_int (stmt, index, minutes);
}

static int
column_minutes (WartaStmt *stmt,
                int           index)
{
  return warta_stmt_column_is_null (stmt, index) ? -1 : warta_stmt_column_int (stmt, index);
}

/* Cases */

gint64
warta_store_insert_case (WartaStore  *self,
                         const char  *sop_id,
                         int          sop_version,
                         const char  *title,
                         gint64       created_by,
                         gint64       at,
                         GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO cases (sop_id, sop_version, title, created_by, created_at) "
                                     "VALUES (?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  _warta_store_bind_text (stmt, 1, sop_id);
  warta_stmt_bind_int (stmt, 2, sop_version);
  _warta_store_bind_text (stmt, 3, title);
  warta_stmt_bind_int64 (stmt, 4, created_by);
  warta_stmt_bind_int64 (stmt, 5, at);
  return _warta_store_step_id (self, stmt, error);
}

#define RUN_COLUMNS \
  "r.id, r.case_id, r.seq, r.step_id, r.lane, r.assignee, r.standard_min, r.standard_max, " \
  "r.started_at, r.completed_at, r.completed_by, r.outcome, r.note, r.action"
#define N_RUN_COLUMNS 14

static WartaStepRun *
read_run (WartaStmt *stmt,
          int           first)
{
  WartaStepRun *run = g_new0 (WartaStepRun, 1);

  run->id = warta_stmt_column_int64 (stmt, first + 0);
  run->case_id = warta_stmt_column_int64 (stmt, first + 1);
  run->seq = warta_stmt_column_int (stmt, first + 2);
  run->step_id = _warta_store_column_text (stmt, first + 3);
  run->lane = _warta_store_column_text (stmt, first + 4);
  run->assignee = warta_stmt_column_int64 (stmt, first + 5);
  run->standard_min = column_minutes (stmt, first + 6);
  run->standard_max = column_minutes (stmt, first + 7);
  run->started_at = warta_stmt_column_int64 (stmt, first + 8);
  run->completed_at = warta_stmt_column_int64 (stmt, first + 9);
  run->completed_by = warta_stmt_column_int64 (stmt, first + 10);
  run->outcome = warta_outcome_from_string (warta_stmt_column_text (stmt, first + 11));
  run->note = _warta_store_column_text (stmt, first + 12);
  run->action = _warta_store_column_text (stmt, first + 13);
  return run;
}

#define CASE_COLUMNS "c.id, c.sop_id, c.sop_version, c.title, c.state, c.created_by, c.created_at, c.finished_at"
#define N_CASE_COLUMNS 8

static gpointer
read_case (WartaStmt *stmt)
{
  WartaCase *kase = g_new0 (WartaCase, 1);

  kase->id = warta_stmt_column_int64 (stmt, 0);
  kase->sop_id = _warta_store_column_text (stmt, 1);
  kase->sop_version = warta_stmt_column_int (stmt, 2);
  kase->title = _warta_store_column_text (stmt, 3);
  warta_case_state_from_string (warta_stmt_column_text (stmt, 4), &kase->state);
  kase->created_by = warta_stmt_column_int64 (stmt, 5);
  kase->created_at = warta_stmt_column_int64 (stmt, 6);
  kase->finished_at = warta_stmt_column_int64 (stmt, 7);
  if (!warta_stmt_column_is_null (stmt, N_CASE_COLUMNS))
    kase->active = read_run (stmt, N_CASE_COLUMNS);
  /* An inbox's page says what is news to its person. */
  if (warta_stmt_column_count (stmt) > N_CASE_COLUMNS + N_RUN_COLUMNS)
    kase->news = warta_stmt_column_int (stmt, N_CASE_COLUMNS + N_RUN_COLUMNS);
  return kase;
}

WartaCase *
warta_store_get_case (WartaStore  *self,
                      gint64       id,
                      GError     **error)
{
  WartaStmt *stmt;
  WartaCase *kase = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " CASE_COLUMNS ", " RUN_COLUMNS " FROM cases c "
                                     "LEFT JOIN step_runs r ON r.case_id = c.id AND r.completed_at IS NULL "
                                     "WHERE c.id = ?", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, id);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    kase = read_case (stmt);
  warta_stmt_reset (stmt);

  if (kase == NULL)
    g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                 _("There is no case %lld"), (long long)id);
  return kase;
}

gboolean
warta_store_finish_case (WartaStore     *self,
                         gint64          id,
                         WartaCaseState  state,
                         gint64          at,
                         GError        **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "UPDATE cases SET state = ?, finished_at = ? WHERE id = ?", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, warta_case_state_to_string (state));
  warta_stmt_bind_int64 (stmt, 2, at);
  warta_stmt_bind_int64 (stmt, 3, id);
  return _warta_store_step_done (self, stmt, error);
}

/* The actions as a JSON array, for json_each() to give to an IN: the
 * action ids are the SOP's, quoted here whatever they hold. */
static char *
actions_filter (const WartaCaseQuery *query)
{
  g_autoptr(GString) filter = NULL;

  if (query->actions == NULL)
    return NULL;

  filter = g_string_new ("[");
  for (guint i = 0; query->actions[i] != NULL; i++)
    {
      g_string_append (filter, i > 0 ? ",\"" : "\"");
      for (const char *p = query->actions[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\' || (guchar)*p < 0x20)
            g_string_append_printf (filter, "\\u%04x", (guchar)*p);
          else
            g_string_append_c (filter, *p);
        }
      g_string_append_c (filter, '"');
    }
  g_string_append_c (filter, ']');
  return g_string_free (g_steal_pointer (&filter), FALSE);
}

/* An inbox is ordered by due time, which puts overdue work first: an
 * overdue step's due time is already past; steps with no standard sort
 * last. step_runs.due holds it (set with the run), and step_runs_inbox
 * covers every column the inbox filters on, so a page is a range of that
 * index whatever its depth, and only its own rows are read from the
 * tables. */
#define NO_DUE "9223372036854775807"
#define WHOSE \
  "r.completed_at IS NULL AND (r.assignee = ?1 OR (r.assignee IS NULL AND " \
  "  r.lane IN (SELECT role_id FROM user_roles WHERE user_id = ?1))) "
#define ACTION_FILTER "(CAST (?6 AS TEXT) IS NULL OR r.action IN (SELECT value FROM json_each (?6))) "
/* What the person has not seen of each berkas of the page (WartaCaseNews):
 * never opened; or since their last look, a revision of the naskah or a
 * file by someone else. Each a look-up of an index, for the page's rows
 * only. */
#define NEWS \
  "CASE WHEN l.looked_at IS NULL THEN 1 " \
  "     WHEN EXISTS (SELECT 1 FROM naskah_revisions v " \
  "                  WHERE v.case_id = c.id AND v.n > l.revision AND v.saved_by <> ?1) THEN 2 " \
  "     WHEN EXISTS (SELECT 1 FROM attachments a WHERE a.case_id = c.id AND a.pending IS NULL " \
  "                  AND a.added_at > l.looked_at AND a.added_by <> ?1) THEN 2 " \
  "     ELSE 0 END"
#define INBOX_PAGE(range, order) \
  "SELECT " CASE_COLUMNS ", " RUN_COLUMNS ", " NEWS " FROM " \
  "  (SELECT r.id AS page_id FROM step_runs r WHERE " WHOSE "AND " ACTION_FILTER \
  "   AND (r.due, r.case_id) " range " (?7, ?8) ORDER BY " order " LIMIT ?2 OFFSET ?3) page " \
  "JOIN step_runs r ON r.id = page.page_id JOIN cases c ON c.id = r.case_id " \
  "LEFT JOIN case_looks l ON l.case_id = c.id AND l.user_id = ?1 " \
  "ORDER BY r.due, r.case_id"
/* Every case, the newest first: a range of the rowid, or of cases_by_state
 * (state, rowid) for one state. */
#define ALL_PAGE(state, range, order) \
  "SELECT " CASE_COLUMNS ", " RUN_COLUMNS " FROM " \
  "  (SELECT c.id AS page_id FROM cases c " \
  "   LEFT JOIN step_runs r ON r.case_id = c.id AND r.completed_at IS NULL " \
  "   WHERE " state " c.id " range " ?7 AND (CAST (?6 AS TEXT) IS NULL OR r.action IN (SELECT value FROM json_each (?6))) " \
  "   ORDER BY " order " LIMIT ?2 OFFSET ?3) page " \
  "JOIN cases c ON c.id = page.page_id " \
  "LEFT JOIN step_runs r ON r.case_id = c.id AND r.completed_at IS NULL " \
  "ORDER BY c.id DESC"
#define ONE_STATE "c.state = ?5 AND"

/* Every query numbers its parameters alike; sqlite ignores the ones a
 * statement does not use. */
static void
bind_query (WartaStmt         *stmt,
            const WartaCaseQuery *query,
            const char           *filter)
{
  gboolean inbox = query->inbox_user != 0;
  gint64 due, id;

  if (query->after != NULL)
    {
      due = query->after->due;
      id = query->after->case_id;
    }
  else if (inbox)
    /* Before the first row, or past the last. */
    due = id = query->backward ? G_MAXINT64 : G_MININT64;
  else
    {
      /* The newest case first. */
      due = 0;
      id = query->backward ? G_MININT64 : G_MAXINT64;
    }

  warta_stmt_bind_int64 (stmt, 1, query->inbox_user);
  warta_stmt_bind_int64 (stmt, 2, query->limit ? (gint64)query->limit : G_MAXINT64);
  warta_stmt_bind_int64 (stmt, 3, query->skip);
  _warta_store_bind_text (stmt, 5, warta_case_state_to_string (query->state));
  _warta_store_bind_text (stmt, 6, filter);
  warta_stmt_bind_int64 (stmt, 7, inbox ? due : id);
  warta_stmt_bind_int64 (stmt, 8, id);
}

/**
 * warta_store_case_key:
 * @query: the query that listed @kase
 * @kase: a case it listed
 * @key: (out): where @kase sorts in that list
 *
 * The key to ask for the page after @kase (or before it) with.
 */
void
warta_store_case_key (const WartaCaseQuery *query,
                      const WartaCase      *kase,
                      WartaCaseKey         *key)
{
  const WartaStepRun *run = kase->active;

  key->case_id = kase->id;
  key->due = 0;
  /* Kept in step with the due column insert_run() writes. */
  if (query->inbox_user != 0 && run != NULL)
    key->due = run->standard_max < 0 ? G_MAXINT64 : run->started_at + (gint64)run->standard_max * 60000000;
}

static WartaStmt *
prepare_page (WartaStore            *self,
              const WartaCaseQuery  *query,
              GError               **error)
{
  if (query->inbox_user != 0)
    {
      if (query->backward)
        return _warta_store_prepare (self, INBOX_PAGE ("<", "r.due DESC, r.case_id DESC"), error);
      return _warta_store_prepare (self, INBOX_PAGE (">", "r.due, r.case_id"), error);
    }

  if (query->any_state)
    {
      if (query->backward)
        return _warta_store_prepare (self, ALL_PAGE ("", ">", "c.id"), error);
      return _warta_store_prepare (self, ALL_PAGE ("", "<", "c.id DESC"), error);
    }
  if (query->backward)
    return _warta_store_prepare (self, ALL_PAGE (ONE_STATE, ">", "c.id"), error);
  return _warta_store_prepare (self, ALL_PAGE (ONE_STATE, "<", "c.id DESC"), error);
}

/* A page of cases: query->limit rows (all with 0) after query->after,
 * passing query->skip rows first; see #WartaCaseQuery. */
GPtrArray *
warta_store_list_cases (WartaStore            *self,
                        const WartaCaseQuery  *query,
                        GError               **error)
{
  g_autofree char *filter = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  filter = actions_filter (query);
  if (!(stmt = prepare_page (self, query, error)))
    return NULL;
  bind_query (stmt, query, filter);

  return _warta_store_collect (self, stmt, read_case, (GDestroyNotify)warta_case_free, error);
}

/* How many rows warta_store_list_cases() would give from the first, without
 * limit. An inbox is counted in two index ranges, the steps held by the
 * person and those waiting in their lanes; one state in cases_by_state. */
gint64
warta_store_count_cases (WartaStore            *self,
                         const WartaCaseQuery  *query,
                         GError               **error)
{
  g_autofree char *filter = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  filter = actions_filter (query);
  if (query->inbox_user != 0 && filter == NULL)
    stmt = _warta_store_prepare (self,
                                 "SELECT (SELECT count(*) FROM step_runs r "
                                 "        WHERE r.completed_at IS NULL AND r.assignee = ?1) + "
                                 "       (SELECT count(*) FROM step_runs r "
                                 "        WHERE r.completed_at IS NULL AND r.assignee IS NULL "
                                 "          AND r.lane IN (SELECT role_id FROM user_roles WHERE user_id = ?1))",
                                 error);
  else if (query->inbox_user != 0)
    stmt = _warta_store_prepare (self,
                                 "SELECT (SELECT count(*) FROM step_runs r "
                                 "        WHERE r.completed_at IS NULL AND r.assignee = ?1 "
                                 "          AND r.action IN (SELECT value FROM json_each (?6))) + "
                                 "       (SELECT count(*) FROM step_runs r "
                                 "        WHERE r.completed_at IS NULL AND r.assignee IS NULL "
                                 "          AND r.lane IN (SELECT role_id FROM user_roles WHERE user_id = ?1) "
                                 "          AND r.action IN (SELECT value FROM json_each (?6)))",
                                 error);
  else if (filter != NULL)
    /* Only a case at work has an active step to filter on. */
    stmt = _warta_store_prepare (self,
                                 "SELECT count(*) FROM step_runs r JOIN cases c ON c.id = r.case_id "
                                 "WHERE r.completed_at IS NULL AND r.action IN (SELECT value FROM json_each (?6)) "
                                 "  AND (?4 <> 0 OR c.state = ?5)",
                                 error);
  else if (query->any_state)
    /* sqlite keeps no count of rows: this one walks the smallest index. */
    stmt = _warta_store_prepare (self, "SELECT count(*) FROM cases", error);
  else
    stmt = _warta_store_prepare (self, "SELECT count(*) FROM cases c WHERE c.state = ?5", error);
  if (stmt == NULL)
    return -1;
  bind_query (stmt, query, filter);
  warta_stmt_bind_int (stmt, 4, query->any_state);
  return _warta_store_step_count (self, stmt, error);
}

gint64
warta_store_insert_run (WartaStore          *self,
                        const WartaStepRun  *run,
                        GError             **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO step_runs (case_id, seq, step_id, lane, assignee, standard_min, "
                                     "  standard_max, started_at, action, due) "
                                     "VALUES (?1, (SELECT coalesce (max (seq), 0) + 1 FROM step_runs WHERE case_id = ?1), "
                                     "  ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce (?7 + ?6 * 60000000, " NO_DUE ")) RETURNING id", error)))
    return 0;
  warta_stmt_bind_int64 (stmt, 1, run->case_id);
  _warta_store_bind_text (stmt, 2, run->step_id);
  _warta_store_bind_text (stmt, 3, run->lane);
  _warta_store_bind_id (stmt, 4, run->assignee);
  bind_minutes (stmt, 5, run->standard_min);
  bind_minutes (stmt, 6, run->standard_max);
  warta_stmt_bind_int64 (stmt, 7, run->started_at);
  _warta_store_bind_text (stmt, 8, run->action);
  return _warta_store_step_id (self, stmt, error);
}

WartaStepRun *
warta_store_get_active_run (WartaStore  *self,
                            gint64       case_id,
                            GError     **error)
{
  WartaStmt *stmt;
  WartaStepRun *run = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " RUN_COLUMNS " FROM step_runs r "
                                     "WHERE r.case_id = ? AND r.completed_at IS NULL", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    run = read_run (stmt, 0);
  warta_stmt_reset (stmt);
  return run;
}

gboolean
warta_store_finish_run (WartaStore    *self,
                        gint64         run_id,
                        gint64         at,
                        gint64         by,
                        WartaOutcome   outcome,
                        const char    *note,
                        GError       **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE step_runs SET completed_at = ?, completed_by = ?, outcome = ?, note = ? "
                                     "WHERE id = ? AND completed_at IS NULL", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, at);
  warta_stmt_bind_int64 (stmt, 2, by);
  _warta_store_bind_text (stmt, 3, warta_outcome_to_string (outcome));
  _warta_store_bind_text (stmt, 4, note);
  warta_stmt_bind_int64 (stmt, 5, run_id);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

  if (warta_stmt_changes (stmt) != 1)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                   _("The step was already completed by someone else"));
      return FALSE;
    }

  return TRUE;
}

static gpointer
read_listed_run (WartaStmt *stmt)
{
  return read_run (stmt, 0);
}

GPtrArray *
warta_store_list_runs (WartaStore  *self,
                       gint64       case_id,
                       GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " RUN_COLUMNS " FROM step_runs r WHERE r.case_id = ? ORDER BY r.seq", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_listed_run, (GDestroyNotify)warta_step_run_free, error);
}

gint64
warta_store_insert_disposition (WartaStore              *self,
                                const WartaDisposition  *disposition,
                                GError                 **error)
{
  g_autofree char *boxes = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO dispositions (case_id, run_id, from_user, to_user, instruction, created_at, "
                                     "sifat, arahan_boxes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  boxes = warta_arahan_boxes_to_string (disposition->arahan_boxes);
  warta_stmt_bind_int64 (stmt, 1, disposition->case_id);
  warta_stmt_bind_int64 (stmt, 2, disposition->run_id);
  warta_stmt_bind_int64 (stmt, 3, disposition->from_user);
  warta_stmt_bind_int64 (stmt, 4, disposition->to_user);
  _warta_store_bind_text (stmt, 5, disposition->instruction);
  warta_stmt_bind_int64 (stmt, 6, disposition->created_at);
  _warta_store_bind_text (stmt, 7, warta_sifat_to_string (disposition->sifat));
  _warta_store_bind_text (stmt, 8, boxes);
  return _warta_store_step_id (self, stmt, error);
}

static gpointer
read_disposition (WartaStmt *stmt)
{
  WartaDisposition *d = g_new0 (WartaDisposition, 1);

  d->id = warta_stmt_column_int64 (stmt, 0);
  d->case_id = warta_stmt_column_int64 (stmt, 1);
  d->run_id = warta_stmt_column_int64 (stmt, 2);
  d->from_user = warta_stmt_column_int64 (stmt, 3);
  d->to_user = warta_stmt_column_int64 (stmt, 4);
  d->instruction = _warta_store_column_text (stmt, 5);
  d->created_at = warta_stmt_column_int64 (stmt, 6);
  /* What this Warta does not know reads as the form's default, not as
   * an error that would keep the berkas from its papers. */
  if (!warta_sifat_from_string (warta_stmt_column_text (stmt, 7), &d->sifat))
    d->sifat = WARTA_SIFAT_BIASA;
  if (!warta_arahan_boxes_from_string (warta_stmt_column_text (stmt, 8), &d->arahan_boxes, NULL))
    d->arahan_boxes = 0;
  return d;
}

GPtrArray *
warta_store_list_dispositions (WartaStore  *self,
                               gint64       case_id,
                               GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT id, case_id, run_id, from_user, to_user, instruction, created_at, sifat, "
                                     "arahan_boxes FROM dispositions WHERE case_id = ? ORDER BY id", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_disposition, (GDestroyNotify)warta_disposition_free, error);
}

/* The naskah */

WartaNaskah *
warta_store_get_naskah (WartaStore  *self,
                        gint64       case_id,
                        GError     **error)
{
  WartaStmt *stmt;
  WartaNaskah *naskah;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT title, body, who, what, happened, place, why, how, updated_at, updated_by "
                                     "FROM naskah WHERE case_id = ?", error)))
    return NULL;

  naskah = warta_naskah_new (case_id);
  warta_stmt_bind_int64 (stmt, 1, case_id);
  if (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      g_free (naskah->title);
      g_free (naskah->body);
      naskah->title = _warta_store_column_text (stmt, 0);
      naskah->body = _warta_store_column_text (stmt, 1);
      for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
        naskah->five_w[i] = _warta_store_column_text (stmt, 2 + i);
      naskah->updated_at = warta_stmt_column_int64 (stmt, 8);
      naskah->updated_by = warta_stmt_column_int64 (stmt, 9);
    }
  warta_stmt_reset (stmt);
  return naskah;
}

gboolean
warta_store_save_naskah (WartaStore         *self,
                         const WartaNaskah  *naskah,
                         GError            **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);
  g_return_val_if_fail (naskah != NULL, FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO naskah (case_id, title, body, who, what, happened, place, why, how, "
                                     "  updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                     "ON CONFLICT (case_id) DO UPDATE SET title = excluded.title, body = excluded.body, "
                                     "  who = excluded.who, what = excluded.what, happened = excluded.happened, "
                                     "  place = excluded.place, why = excluded.why, how = excluded.how, "
                                     "  updated_at = excluded.updated_at, updated_by = excluded.updated_by", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, naskah->case_id);
  _warta_store_bind_text (stmt, 2, naskah->title ? naskah->title : "");
  _warta_store_bind_text (stmt, 3, naskah->body ? naskah->body : "");
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    _warta_store_bind_text (stmt, 4 + i, naskah->five_w[i]);
  warta_stmt_bind_int64 (stmt, 10, naskah->updated_at);
  _warta_store_bind_id (stmt, 11, naskah->updated_by);
  if (!_warta_store_step_done (self, stmt, error))
    return FALSE;

  /* Drafts are not journaled: the touch says which berkas, here and to
   * other connections. */
  return _warta_store_touch (self, naskah->case_id, error);
}

/* Requirement checklists: the indices of a run's requirements that are
 * ticked. */

GArray *
warta_store_get_checks (WartaStore  *self,
                        gint64       run_id,
                        GError     **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT item FROM run_checks WHERE run_id = ? ORDER BY item", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, run_id);
  while (warta_stmt_step (stmt) == WARTA_STMT_ROW)
    {
      guint item = warta_stmt_column_int (stmt, 0);

      g_array_append_val (items, item);
    }
  warta_stmt_reset (stmt);
  return g_steal_pointer (&items);
}

gboolean
warta_store_set_check (WartaStore  *self,
                       gint64       run_id,
                       guint        item,
                       gboolean     checked,
                       GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (checked)
    stmt = _warta_store_prepare (self, "INSERT INTO run_checks (run_id, item) VALUES (?, ?) ON CONFLICT DO NOTHING", error);
  else
    stmt = _warta_store_prepare (self, "DELETE FROM run_checks WHERE run_id = ? AND item = ?", error);
  if (stmt == NULL)
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, run_id);
  warta_stmt_bind_int (stmt, 2, item);
  return _warta_store_step_done (self, stmt, error);
}

/* Runs from before schema 2 have no action: the engine fills them in once. */

gboolean
warta_store_needs_action_backfill (WartaStore *self)
{
  WartaStmt *stmt;
  gboolean needed;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "SELECT 1 FROM meta WHERE key = 'backfill_actions'", NULL)))
    return FALSE;
  needed = warta_stmt_step (stmt) == WARTA_STMT_ROW;
  warta_stmt_reset (stmt);
  return needed;
}

gboolean
warta_store_backfill_actions (WartaStore       *self,
                              WartaActionFunc   func,
                              gpointer          user_data,
                              GError          **error)
{
  WartaStmt *select = NULL;
  WartaStmt *update;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(select = warta_db_prepare (self->db,
                                   "SELECT r.id, c.sop_id, c.sop_version, r.step_id FROM step_runs r "
                                   "JOIN cases c ON c.id = r.case_id WHERE r.action IS NULL", NULL)))
    return _warta_store_set_db_error (self, error);

  while ((rc = warta_stmt_step (select)) == WARTA_STMT_ROW)
    {
      const char *action = func (warta_stmt_column_text (select, 1),
                                 warta_stmt_column_int (select, 2),
                                 warta_stmt_column_text (select, 3),
                                 user_data);

      if (!(update = _warta_store_prepare (self, "UPDATE step_runs SET action = ? WHERE id = ?", error)))
        break;
      _warta_store_bind_text (update, 1, action);
      warta_stmt_bind_int64 (update, 2, warta_stmt_column_int64 (select, 0));
      if (!_warta_store_step_done (self, update, error))
        break;
    }
  warta_stmt_free (select);
  if (rc != WARTA_STMT_DONE)
    return rc == WARTA_STMT_ROW ? FALSE : _warta_store_set_db_error (self, error);

  return _warta_store_exec (self, "DELETE FROM meta WHERE key = 'backfill_actions'", error);
}
