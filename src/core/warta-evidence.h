/* warta-evidence.h: the papers a case ends with, drawn with cairo
 *
 * Three documents: the Bukti Publikasi (Lembar Penyelesaian Pekerjaan),
 * the Lembar Disposisi and the printed copy of the published article.
 * Each is built from a WartaEvidence (everything read from the store in
 * one read transaction) into a WartaDocument laid out for one printable
 * area; a page is then drawn onto any cairo context whose user units are
 * points with the origin at the printable area's top-left, so the same
 * code prints (GtkPrintOperation) and exports (a cairo PDF surface).
 *
 * Nothing here touches GTK; text goes through Pango at 72 dpi with
 * hinting off, so a print and an export of the same area break into the
 * same pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "warta-document-kind.h"
#include "warta-engine.h"

G_BEGIN_DECLS

/* Translated: "Bukti Publikasi", … */
const char  *warta_document_kind_describe    (WartaDocumentKind  kind);
/* A file name for it: "bukti-publikasi-berkas-12.pdf". */
char        *warta_document_file_name        (WartaDocumentKind  kind,
                                              gint64             case_id);

/* A4 portrait, in points, and the default margins (15 mm). */
#define WARTA_A4_WIDTH_PT   595.2756
#define WARTA_A4_HEIGHT_PT  841.8898
#define WARTA_DEFAULT_MARGIN_PT 42.5197

typedef struct _WartaEvidence WartaEvidence;

/* Reads the case, its SOP, runs, dispositions, people, naskah,
 * attachments, publication and screenshot, and the journal head, in one
 * read transaction. actor must be allowed to print the case
 * (warta_engine_may_print); the documents say they were printed by actor
 * at the engine's now. Slow (decodes the screenshot and photos): call it
 * from a worker with an engine on its own connection. */
WartaEvidence *warta_evidence_gather   (WartaEngine       *engine,
                                        gint64             actor,
                                        gint64             case_id,
                                        GError           **error);
void           warta_evidence_free     (WartaEvidence     *evidence);
gint64         warta_evidence_get_case_id (const WartaEvidence *evidence);
const char    *warta_evidence_get_title   (const WartaEvidence *evidence);
/* The public link of the case's publication, or NULL. */
const char    *warta_evidence_get_link    (const WartaEvidence *evidence);

typedef struct _WartaDocument WartaDocument;

/* Lays kind out for a printable area of width × height points. The
 * document keeps a reference to nothing of evidence's: evidence may be
 * freed after. Thread-safe against other documents. */
WartaDocument *warta_document_new      (const WartaEvidence *evidence,
                                        WartaDocumentKind  kind,
                                        double             width,
                                        double             height);
void           warta_document_free     (WartaDocument     *document);
WartaDocumentKind warta_document_get_kind (WartaDocument  *document);
int            warta_document_get_n_pages (WartaDocument  *document);
/* Draws page (from 0) with the printable area's top-left at cr's origin,
 * one user unit a point. */
void           warta_document_draw_page (WartaDocument    *document,
                                         cairo_t          *cr,
                                         int               page);
/* All pages onto a PDF of paper_width × paper_height points with the
 * document's area placed at (margin_left, margin_top). */
gboolean       warta_document_write_pdf (WartaDocument    *document,
                                         GOutputStream    *out,
                                         double            paper_width,
                                         double            paper_height,
                                         double            margin_left,
                                         double            margin_top,
                                         GCancellable     *cancellable,
                                         GError          **error);

/* kind as an A4 PDF with the default margins, in memory. */
GBytes        *warta_evidence_render_pdf (const WartaEvidence *evidence,
                                          WartaDocumentKind  kind,
                                          GError           **error);

/* warta-evidence-keep.c: renders the Bukti Publikasi now and has the
 * engine keep it as the case's archive copy (what completing a publish
 * step does, for a case whose copy is missing); the copy's id, 0 on error. */
gint64         warta_evidence_make_archive_copy (WartaEngine  *engine,
                                                 gint64        actor,
                                                 gint64        case_id,
                                                 GError      **error);
/* Whether completing a publish step on engine keeps the Bukti Publikasi
 * as the case's archive copy. Whoever makes an engine that completes
 * steps turns it on; off again for a test or a benchmark. */
void           warta_evidence_set_keep_bukti    (WartaEngine  *engine,
                                                 gboolean      keep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaEvidence, warta_evidence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaDocument, warta_document_free)

G_END_DECLS
