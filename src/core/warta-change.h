/* warta-change.h: what a committed transaction changed
 *
 * Every write names what it touched (a berkas, the SOPs, the people, the
 * sites, the archive, the office), so the session can tell each view only
 * about what it shows. The same record describes a commit of this process,
 * one noticed in another process's journal events, and (later) one
 * announced by another desk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  WARTA_CHANGE_CASE    = 1 << 0,  /* a berkas: its steps, naskah, attachments, publication */
  WARTA_CHANGE_SOPS    = 1 << 1,  /* SOPs imported */
  WARTA_CHANGE_PEOPLE  = 1 << 2,  /* users and roles */
  WARTA_CHANGE_SITES   = 1 << 3,  /* publishing sites */
  WARTA_CHANGE_ARCHIVE = 1 << 4,  /* prints, exports and archive copies */
  WARTA_CHANGE_OFFICE  = 1 << 5,  /* the office's name, city and settings */
} WartaChangeKind;

#define WARTA_CHANGE_N_KINDS 6

typedef struct
{
  WartaChangeKind kind;
  gint64          case_id;  /* for CASE and ARCHIVE: the berkas; 0: some berkas, unknown which */
  gint64          seq;      /* the journal event that recorded it; 0: not journaled (a draft) */
} WartaChange;

const char      *warta_change_kind_to_detail (WartaChangeKind  kind);
WartaChangeKind  warta_change_kind_for_event (const char      *event_kind);
void             warta_changes_add           (GArray          *changes,
                                              WartaChangeKind  kind,
                                              gint64           case_id,
                                              gint64           seq);
GArray          *warta_changes_new           (void);

G_END_DECLS
