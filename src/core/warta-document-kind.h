/* warta-document-kind.h: the papers of a berkas, by name
 *
 * The engine records prints, exports and archive copies of these by their
 * journal word; warta-evidence.h draws them. Kept apart so the engine
 * needs nothing of the drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WARTA_DOCUMENT_BUKTI,      /* Bukti Publikasi / Lembar Penyelesaian Pekerjaan */
  WARTA_DOCUMENT_DISPOSISI,  /* Lembar Disposisi */
  WARTA_DOCUMENT_ARTIKEL,    /* the published article as printed copy */
  WARTA_N_DOCUMENTS,
} WartaDocumentKind;

/* "bukti", "disposisi", "artikel": the CLI's and the journal's words. */
const char  *warta_document_kind_to_string   (WartaDocumentKind  kind);
gboolean     warta_document_kind_from_string (const char        *str,
                                              WartaDocumentKind *kind);

G_END_DECLS
