/* warta-journal.c: hash-chained events, and their verification
 *
 * Each event's SHA-256 covers its fields and the previous event's hash, so
 * editing, deleting, inserting or reordering an event breaks the chain at
 * that event. The store keeps the head in the same transaction as the last
 * event, which catches events cut off the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-journal.h"
#include "warta-sha256.h"

G_DEFINE_QUARK (warta-journal-error-quark, warta_journal_error)

char *
warta_journal_hash (const WartaJournalEvent *event)
{
  g_autoptr(WartaSha256) checksum = warta_sha256_new ();
  g_autofree char *fields = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  fields = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT
                            "\n%" G_GINT64_FORMAT "\n%s\n",
                            event->prev_hash, event->seq, event->at, event->actor,
                            event->case_id, event->kind);
  warta_sha256_update (checksum, fields, -1);
  warta_sha256_update (checksum, event->payload, -1);
  return g_strdup (warta_sha256_get_string (checksum));
}

/* Must run inside the action's transaction. */
gboolean
warta_journal_append (WartaStore  *store,
                      gint64       at,
                      gint64       actor,
                      gint64       case_id,
                      const char  *kind,
                      const char  *payload,
                      GError     **error)
{
  g_autofree char *head_hash = NULL;
  g_autofree char *hash = NULL;
  WartaJournalEvent event = { 0 };
  gint64 head_seq;

  g_return_val_if_fail (WARTA_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (!warta_store_get_journal_head (store, &head_seq, &head_hash, error))
    return FALSE;

  event.seq = head_seq + 1;
  event.at = at;
  event.actor = actor;
  event.case_id = case_id;
  event.kind = (char *)kind;
  event.payload = (char *)(payload ? payload : "{}");
  event.prev_hash = head_hash ? head_hash : (char *)WARTA_JOURNAL_GENESIS;
  event.hash = hash = warta_journal_hash (&event);

  return warta_store_insert_event (store, &event, error);
}

typedef struct
{
  gint64  expected_seq;
  char   *prev_hash;
  gint64  bad_seq;
} Verify;

static gboolean
verify_event (const WartaJournalEvent  *event,
              gpointer                  user_data,
              GError                  **error)
{
  Verify *v = user_data;
  g_autofree char *hash = NULL;

  if (event->seq != v->expected_seq)
    {
      v->bad_seq = event->seq;
      g_set_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN,
                   _("journal broken at event %lld (%s): expected event %lld"
                     " here; events were deleted, inserted or reordered"),
                   (long long)event->seq, event->kind, (long long)v->expected_seq);
      return FALSE;
    }

  if (g_strcmp0 (event->prev_hash, v->prev_hash) != 0)
    {
      v->bad_seq = event->seq;
      g_set_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN,
                   _("journal broken at event %lld (%s): it does not follow the event before it; "
                     "events were deleted, inserted or reordered"),
                   (long long)event->seq, event->kind);
      return FALSE;
    }

  hash = warta_journal_hash (event);
  if (g_strcmp0 (hash, event->hash) != 0)
    {
      v->bad_seq = event->seq;
      g_set_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN,
                   _("journal broken at event %lld (%s): its content was changed after it was written"),
                   (long long)event->seq, event->kind);
      return FALSE;
    }

  g_free (v->prev_hash);
  v->prev_hash = g_strdup (event->hash);
  v->expected_seq++;
  return TRUE;
}

gboolean
warta_journal_verify (WartaStore  *store,
                      gint64      *n_events,
                      gint64      *bad_seq,
                      GError     **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autofree char *head_hash = NULL;
  Verify v = { .expected_seq = 1 };
  gboolean ok;
  gint64 head_seq;

  g_return_val_if_fail (WARTA_IS_STORE (store), FALSE);

  v.prev_hash = g_strdup (WARTA_JOURNAL_GENESIS);
  /* One view of the journal and its head: on an office server other desks
   * append meanwhile */
  snapshot = warta_store_snapshot (store, error);
  ok = snapshot != NULL && warta_store_foreach_event (store, verify_event, &v, error);

  if (ok && warta_store_get_journal_head (store, &head_seq, &head_hash, error))
    {
      gint64 last = v.expected_seq - 1;

      if (head_seq < last)
        {
          v.bad_seq = head_seq + 1;
          g_set_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN,
                       _("journal broken at event %lld: it was added after the journal's head (event %lld)"),
                       (long long)v.bad_seq, (long long)head_seq);
          ok = FALSE;
        }
      else if (head_seq > last)
        {
          v.bad_seq = last + 1;
          g_set_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN,
                       _("journal broken at event %lld: it is missing; the journal's head is event %lld, "
                         "so events were removed from its end"),
                       (long long)v.bad_seq, (long long)head_seq);
          ok = FALSE;
        }
      else if (head_seq > 0 && g_strcmp0 (head_hash, v.prev_hash) != 0)
        {
          v.bad_seq = head_seq;
          g_set_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN,
                       _("journal broken at event %lld: it is not the event the journal's head recorded; "
                         "the journal was rewritten"),
                       (long long)v.bad_seq);
          ok = FALSE;
        }
    }
  else
    ok = FALSE;

  if (n_events != NULL)
    *n_events = v.expected_seq - 1;
  if (bad_seq != NULL)
    *bad_seq = ok ? 0 : v.bad_seq;
  g_free (v.prev_hash);
  return ok;
}
