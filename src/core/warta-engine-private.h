/* warta-engine-private.h: the engine's fields and helpers, shared by its parts
 *
 * The engine is split by concern over warta-engine.c (the object and
 * administration) and warta-engine-case.c (a case's state machine); both
 * write journal payloads and end their transactions alike, so those helpers
 * live here, for those two files only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"
#include "warta-sop.h"

G_BEGIN_DECLS

struct _WartaEngine
{
  GObject         parent_instance;

  WartaStore     *store;
  GHashTable     *sops;        /* "id@version" → WartaSop */
  WartaClockFunc  clock;
  gpointer        clock_data;
};

char     *_warta_engine_password_hash      (WartaEngine  *self,
                                            const char   *password,
                                            GError      **error);
char     *_warta_engine_payload_new        (const char   *first_name,
                                            ...) G_GNUC_NULL_TERMINATED;
/* Administration is open while the database has no users (its set-up);
 * after that it needs an active administrator. */
gboolean  _warta_engine_check_admin        (WartaEngine  *self,
                                            gint64        actor,
                                            GError      **error);

/* The state one action on a case works on, read inside its transaction. */
typedef struct
{
  WartaUser          *actor;
  WartaCase          *kase;
  WartaStepRun       *run;     /* the active step run */
  WartaSop           *sop;
  const WartaSopStep *step;
  GPtrArray          *runs;    /* every run of the case, read on demand */
  WartaTransaction   *tx;      /* rolled back on clear unless committed */
} WartaAction;

void      _warta_engine_action_clear       (WartaAction  *action);
/* Begins the action's transaction (action->tx, ended when the action is
 * cleared) and reads what an action on the case needs; refuses an actor
 * who does not hold the active step. */
gboolean  _warta_engine_action_begin       (WartaEngine  *self,
                                            gint64        actor,
                                            gint64        case_id,
                                            WartaAction  *action,
                                            GError      **error);
/* The same, refusing (WARTA_ENGINE_ERROR_OVERTAKEN) when the active step
 * is no longer seen_step, the one the person saw; NULL: any. */
gboolean  _warta_engine_action_begin_seen  (WartaEngine  *self,
                                            gint64        actor,
                                            gint64        case_id,
                                            const char   *seen_step,
                                            WartaAction  *action,
                                            GError      **error);
/* Hands on reason, if any, as the error; returns FALSE. The caller's
 * scoped transaction rolls back as it leaves. */
gboolean  _warta_engine_fail               (GError      **error,
                                            GError       *reason);


/* Administration needs an administrator once the database has users. */
gboolean  _warta_engine_check_admin        (WartaEngine  *self,
                                            gint64        actor,
                                            GError      **error);
/* warta-engine-office.c: inside the import's transaction, a new version
 * of a retired SOP brings it back (journaled "sop.restore"). */
gboolean  _warta_engine_restore_imported_sop (WartaEngine *self,
                                            gint64        actor,
                                            const char   *sop_id,
                                            int           version,
                                            GError      **error);
/* warta-engine-office.c: refuses a retired SOP a new berkas. */
gboolean  _warta_engine_check_sop_active   (WartaEngine  *self,
                                            WartaSop     *sop,
                                            GError      **error);

/* warta-engine-publish.c's rule for completing a publish step. */
gboolean  _warta_engine_require_publication (WartaEngine *self,
                                            WartaAction  *action,
                                            GError      **error);

/* warta-engine-evidence.c's rule for completing a print step. */
gboolean  _warta_engine_require_print      (WartaEngine  *self,
                                            WartaAction  *action,
                                            GError      **error);
/* Emits "step-completed": after the step's transaction committed. */
void      _warta_engine_step_completed     (WartaEngine  *self,
                                            gint64        actor,
                                            gint64        case_id,
                                            const char   *action);

/* warta-attachment-check.c: whether content fits its kind, read in the
 * caller's transaction; the error names the file and what is wrong, and
 * the kind's rule says what it must be. */
gboolean  _warta_engine_check_stored       (WartaEngine            *self,
                                            const WartaAttachment  *attachment,
                                            GCancellable           *cancellable,
                                            GError                **error);
gboolean  _warta_engine_check_blob         (WartaStoreBlob  *blob,
                                            const char      *kind,
                                            const char      *name,
                                            char           **content_type,
                                            GCancellable    *cancellable,
                                            GError         **error);
const char *_warta_attachment_kind_rule    (const char      *kind);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WartaAction, _warta_engine_action_clear)

G_END_DECLS
