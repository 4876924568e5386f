/* warta-chain-view.h: the disposition chain of a case: every hand-off and
 * decision as a timeline, with who, when and the time against the standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-sop.h"
#include "warta-timing.h"

G_BEGIN_DECLS

/* One row of the chain, as plain text: built without a display, so the
 * tests can read it. */
typedef struct
{
  const WartaStepRun *run;        /* borrowed from the runs given */
  int                 seq;
  char               *step_id;
  char               *step_text;  /* the SOP's Kegiatan, or NULL for a step it lacks */
  char               *lane_name;
  WartaOutcome        outcome;    /* NONE: the active run */
  char               *actor;      /* who completed it; for the active run, who holds it */
  char               *when;       /* when it was completed; for the active run, when it began */
  char               *title;      /* "Completed", "Decided: tidak", "Disposed to Budi", "In progress" */
  char               *detail;     /* the note, the reason or the “arahan”; NULL when none */
  char               *time_text;  /* "1 h 05 min of 60 min" */
  WartaTiming         timing;
} WartaChainRow;

void       warta_chain_row_free            (WartaChainRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaChainRow, warta_chain_row_free)

GPtrArray *warta_chain_view_build_rows     (WartaSop      *sop,
                                            GPtrArray     *runs,
                                            GPtrArray     *dispositions,
                                            GHashTable    *user_names,
                                            gint64         now,
                                            GTimeZone     *tz);

#define WARTA_TYPE_CHAIN_VIEW (warta_chain_view_get_type ())

G_DECLARE_FINAL_TYPE (WartaChainView, warta_chain_view, WARTA, CHAIN_VIEW, GtkWidget)

GtkWidget *warta_chain_view_new            (void);
void       warta_chain_view_set_data       (WartaChainView *self,
                                            WartaSop       *sop,
                                            GPtrArray      *runs,
                                            GPtrArray      *dispositions,
                                            GHashTable     *user_names,
                                            gint64          now);

G_END_DECLS
