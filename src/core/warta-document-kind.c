/* warta-document-kind.c: the papers of a berkas, by name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-document-kind.h"

static const char * const kind_ids[] = { "bukti", "disposisi", "artikel" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_ids) == WARTA_N_DOCUMENTS);

const char *
warta_document_kind_to_string (WartaDocumentKind kind)
{
  g_return_val_if_fail (kind < WARTA_N_DOCUMENTS, NULL);

  return kind_ids[kind];
}

gboolean
warta_document_kind_from_string (const char        *str,
                                 WartaDocumentKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (str, kind_ids[i]) == 0)
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }
  return FALSE;
}
