/* warta-journal.h: hash-chained events, and their verification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-store.h"

G_BEGIN_DECLS

#define WARTA_JOURNAL_ERROR (warta_journal_error_quark ())

typedef enum
{
  WARTA_JOURNAL_ERROR_BROKEN,
} WartaJournalError;

#define WARTA_JOURNAL_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

GQuark    warta_journal_error_quark (void);
char     *warta_journal_hash        (const WartaJournalEvent  *event);
gboolean  warta_journal_append      (WartaStore               *store,
                                     gint64                    at,
                                     gint64                    actor,
                                     gint64                    case_id,
                                     const char               *kind,
                                     const char               *payload,
                                     GError                  **error);
gboolean  warta_journal_verify      (WartaStore               *store,
                                     gint64                   *n_events,
                                     gint64                   *bad_seq,
                                     GError                  **error);

G_END_DECLS
