/* warta-revision.h: the naskah's revisions, and each person's last look
 * at a berkas
 *
 * Every save of the naskah is a revision, with who saved it and when. The
 * editor saves a draft 800 ms after typing stops, so saves coalesce: a
 * save by the same person at the same step run, within
 * WARTA_REVISION_AMEND_WINDOW of that revision's last save, amends it
 * (saved_at moves, first_at stays), unless someone else has already
 * looked at it (a revision another person has seen never changes, so
 * what they saw can always be shown again). Anything else starts the next
 * revision; a save that changes nothing makes none.
 *
 * A naskah saved by a Warta older than schema 9 has no revision rows: it
 * reads as revision 1, by its last writer at its last save, wherever
 * revisions are read (nothing is written by a read), and that revision is
 * written for real on the naskah's next save, before the save's own.
 *
 * A look is what a person last saw of a berkas: the latest revision and
 * the ids of its attachments. It is a silent write (not journaled, and no
 * other connection reloads for it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"
#include "warta-store.h"

G_BEGIN_DECLS

/* How long after a revision's last save the same person's next save, at
 * the same step, still amends it: µs. */
#define WARTA_REVISION_AMEND_WINDOW (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)

typedef struct
{
  gint64  case_id;
  int     n;           /* 1, 2, …: the order of the revisions of a berkas */
  gint64  run_id;      /* the step run it was saved at; 0: unknown (older Warta) */
  char   *title;
  char   *body;
  char   *five_w;      /* JSON object: who, what, when, where, why, how */
  gint64  first_at;    /* µs: its first save */
  gint64  saved_at;    /* µs: its last save */
  gint64  saved_by;
  char   *author;      /* the full name of saved_by, when read */
} WartaRevision;

typedef struct
{
  gint64  case_id;
  gint64  user_id;
  int     revision;     /* the latest revision then; 0: there was none */
  char   *attachments;  /* the attachment ids then, sorted, comma-joined */
  gint64  looked_at;    /* µs; 0: never looked */
} WartaLook;

/* What changed of a berkas since a look. */
typedef struct
{
  WartaLook     *since;
  WartaRevision *seen;     /* the revision then; NULL when there was none */
  WartaRevision *latest;   /* NULL when there is none */
  GStrv          authors;  /* full names of the others who saved a revision, or added or
                            * removed a file, since: empty when only the person did */
  GStrv          added;    /* names of the attachments added since */
  GStrv          removed;  /* names of those removed since */
} WartaLookChanges;

void           warta_revision_free            (WartaRevision       *revision);
WartaRevision *warta_revision_copy            (const WartaRevision *revision);
void           warta_look_free                (WartaLook           *look);
WartaLook     *warta_look_copy                (const WartaLook     *look);
void           warta_look_changes_free        (WartaLookChanges    *changes);
/* Whether there is anything to show: the person looked before, and the
 * naskah or its attachments changed since. */
gboolean       warta_look_changes_any         (const WartaLookChanges *changes);
/* The JSON of the 5W+1H answers, as revisions keep them. */
char          *warta_naskah_five_w_json       (const WartaNaskah   *naskah);

/* The store (warta-store-revisions.c); reads see the rows only. */
GPtrArray     *warta_store_list_revisions     (WartaStore          *store,
                                               gint64               case_id,
                                               GError             **error);
/* NULL with WARTA_STORE_ERROR_NOT_FOUND when there is no such revision;
 * n 0 is the latest. */
WartaRevision *warta_store_get_revision       (WartaStore          *store,
                                               gint64               case_id,
                                               int                  n,
                                               GError             **error);
gboolean       warta_store_insert_revision    (WartaStore          *store,
                                               const WartaRevision *revision,
                                               GError             **error);
gboolean       warta_store_amend_revision     (WartaStore          *store,
                                               const WartaRevision *revision,
                                               GError             **error);
/* Whether anyone but user_id has looked at revision n. */
gboolean       warta_store_revision_seen_by_others (WartaStore     *store,
                                               gint64               case_id,
                                               int                  n,
                                               gint64               user_id);
/* Never NULL without an error: looked_at 0 when the person never looked. */
WartaLook     *warta_store_get_look           (WartaStore          *store,
                                               gint64               case_id,
                                               gint64               user_id,
                                               GError             **error);
gboolean       warta_store_set_look           (WartaStore          *store,
                                               const WartaLook     *look,
                                               GError             **error);
/* The name an attachment had when it was removed (its journal event);
 * NULL when none says. */
char          *warta_store_removed_attachment_name (WartaStore     *store,
                                               gint64               case_id,
                                               gint64               attachment_id,
                                               gint64              *removed_by);

/* The engine (warta-engine-revisions.c). Reading is for whoever may see
 * the berkas: a signed-in, active person. Revisions newest first, each
 * with its author's full name. */
GPtrArray     *warta_engine_list_revisions    (WartaEngine         *self,
                                               gint64               actor,
                                               gint64               case_id,
                                               GError             **error);
/* n 0: the latest. */
WartaRevision *warta_engine_get_revision      (WartaEngine         *self,
                                               gint64               actor,
                                               gint64               case_id,
                                               int                  n,
                                               GError             **error);
/* Records what actor sees of the berkas now. */
gboolean       warta_engine_note_look         (WartaEngine         *self,
                                               gint64               actor,
                                               gint64               case_id,
                                               GError             **error);
WartaLook     *warta_engine_get_look          (WartaEngine         *self,
                                               gint64               actor,
                                               gint64               case_id,
                                               GError             **error);
/* What changed since the look since (NULL: actor's stored look). */
WartaLookChanges *warta_engine_changes_since_look (WartaEngine     *self,
                                               gint64               actor,
                                               gint64               case_id,
                                               const WartaLook     *since,
                                               GError             **error);

/* The hook of warta_engine_save_naskah, inside its transaction and before
 * the naskah row is written: the revision this save makes or amends. */
gboolean       _warta_engine_note_revision    (WartaEngine         *self,
                                               gint64               actor,
                                               gint64               run_id,
                                               const WartaNaskah   *naskah,
                                               gint64               now,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaRevision, warta_revision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaLook, warta_look_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaLookChanges, warta_look_changes_free)

G_END_DECLS
