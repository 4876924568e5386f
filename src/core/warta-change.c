/* warta-change.c: what a committed transaction changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-change.h"

/* The detail of the session's "changed" signal: "changed::case" and so on. */
const char *
warta_change_kind_to_detail (WartaChangeKind kind)
{
  switch (kind)
    {
    case WARTA_CHANGE_CASE:    return "case";
    case WARTA_CHANGE_SOPS:    return "sops";
    case WARTA_CHANGE_PEOPLE:  return "people";
    case WARTA_CHANGE_SITES:   return "sites";
    case WARTA_CHANGE_ARCHIVE: return "archive";
    case WARTA_CHANGE_OFFICE:  return "office";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Every journal event kind is "subject.verb"; the subject says what
 * changed. Unknown subjects (a newer build's events) count as a berkas
 * change when they name a berkas, else as the office's. */
WartaChangeKind
warta_change_kind_for_event (const char *event_kind)
{
  static const struct { const char *prefix; WartaChangeKind kind; } subjects[] = {
    { "case.",        WARTA_CHANGE_CASE },
    { "attachment.",  WARTA_CHANGE_CASE },
    { "publication.", WARTA_CHANGE_CASE },
    { "evidence.",    WARTA_CHANGE_ARCHIVE },
    { "sop.",         WARTA_CHANGE_SOPS },
    { "user.",        WARTA_CHANGE_PEOPLE },
    { "role.",        WARTA_CHANGE_PEOPLE },
    { "site.",        WARTA_CHANGE_SITES },
    { "office.",      WARTA_CHANGE_OFFICE },
    { "setting.",     WARTA_CHANGE_OFFICE },
  };

  g_return_val_if_fail (event_kind != NULL, WARTA_CHANGE_OFFICE);

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    if (g_str_has_prefix (event_kind, subjects[i].prefix))
      return subjects[i].kind;
  return WARTA_CHANGE_OFFICE;
}

GArray *
warta_changes_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (WartaChange));
}

/* Adds a change once: a transaction that touches one berkas five times
 * announces it once (with its last journal seq). */
void
warta_changes_add (GArray          *changes,
                   WartaChangeKind  kind,
                   gint64           case_id,
                   gint64           seq)
{
  WartaChange change = { kind, case_id, seq };

  g_return_if_fail (changes != NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      WartaChange *known = &g_array_index (changes, WartaChange, i);

      if (known->kind == kind && known->case_id == case_id)
        {
          known->seq = MAX (known->seq, seq);
          return;
        }
    }
  g_array_append_val (changes, change);
}
