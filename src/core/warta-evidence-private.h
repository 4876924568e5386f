/* warta-evidence-private.h: what the evidence files share
 *
 * warta-evidence.c gathers a case into a WartaEvidence; the documents
 * (warta-evidence-documents.c) turn it into blocks of a WartaDocument;
 * the layout (warta-evidence-layout.c) measures the blocks with Pango,
 * breaks them into pages (tables with their header again on each page,
 * text and rows only between lines, so nothing is ever clipped) and
 * draws a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>

#include "warta-evidence.h"
#include "warta-sop.h"

G_BEGIN_DECLS

struct _WartaEvidence
{
  char             *office;
  char             *city;            /* where the papers are signed; NULL: not set */
  GStrv             kop_lines;       /* the letterhead's lines; NULL or empty: none */
  cairo_surface_t  *kop_logo;        /* the letterhead's logo, decoded; NULL if none */
  WartaCase        *kase;
  WartaSop         *sop;
  GPtrArray        *runs;            /* WartaStepRun, in order */
  GPtrArray        *dispositions;    /* WartaDisposition */
  GHashTable       *users;           /* id → WartaUser */
  WartaNaskah      *naskah;
  GPtrArray        *attachments;     /* WartaAttachment */
  WartaPublication *publication;     /* the one that proves it; NULL if none */
  char             *site_name;       /* NULL: a manual channel */
  GPtrArray        *published;       /* WartaPublishedMedia of publication */
  GArray           *screenshots;     /* gint64: every publication's screenshot attachment */
  cairo_surface_t  *screenshot;      /* the page's top, decoded; NULL if none */
  GPtrArray        *photos;          /* cairo_surface_t, the images as published: featured first */
  gint64            journal_seq;
  char             *journal_hash;
  GList            *problems;        /* char *: pictures that could not be shown */
  gint64            printed_by;
  gint64            printed_at;
};

/* A pixbuf as a cairo surface; only the top max_aspect × width of it
 * when max_aspect > 0. */
cairo_surface_t *_warta_evidence_surface_from_pixbuf (GdkPixbuf *pixbuf,
                                                      double     max_aspect);

/* The person as the papers name them: "Full Name (login)". */
char *_warta_evidence_person      (const WartaEvidence *evidence,
                                   gint64               id);
/* A time in the office's words, or "—" for 0. */
char *_warta_evidence_time        (gint64               usec);

/* Blocks of a document, in reading order. Markup is Pango markup: what
 * comes from people must be escaped (g_markup_escape_text) first. */
typedef enum
{
  WARTA_TEXT_BODY,
  WARTA_TEXT_SMALL,
  WARTA_TEXT_HEADING,
  WARTA_TEXT_TITLE,
  WARTA_TEXT_SUBTITLE,
} WartaTextStyle;

void  _warta_document_add_text    (WartaDocument       *document,
                                   WartaTextStyle       style,
                                   const char          *markup);
/* A table of n_columns, widths in parts of the whole; header may be NULL
 * (then no header and no shading); each row a NULL-terminated array of
 * markup. The table takes rows. */
void  _warta_document_add_table   (WartaDocument       *document,
                                   guint                n_columns,
                                   const double        *widths,
                                   const char * const  *header,
                                   GPtrArray           *rows);
/* width: of the content width, 0 < width ≤ 1. Scaled down to fit a page
 * with its caption. */
void  _warta_document_add_image   (WartaDocument       *document,
                                   cairo_surface_t     *surface,
                                   double               width,
                                   const char          *caption);
/* The QR code of data, size points square, caption beside it. */
void  _warta_document_add_qr      (WartaDocument       *document,
                                   const char          *data,
                                   double               size,
                                   const char          *caption);
/* The office's letterhead (kop surat) across the page: a block of its
 * own, kept whole (warta-letterhead.c draws it). */
void  _warta_document_add_letterhead (WartaDocument     *document,
                                      const char * const *lines,
                                      cairo_surface_t   *logo);
void  _warta_document_add_space   (WartaDocument       *document,
                                   double               points);
/* The block added last goes on the page of the one after it. */
void  _warta_document_keep_with_next (WartaDocument     *document);
/* The signature block, kept whole on a page: on the right signer_head
 * (place and date, jabatan), room to sign, signer_foot (name, NIP); on
 * the left a paraf box for each label of paraf (NULL-terminated, may be
 * NULL or empty). All markup. */
void  _warta_document_add_signature (WartaDocument      *document,
                                     const char         *signer_head,
                                     const char         *signer_foot,
                                     const char * const *paraf);
/* The signature block of the paper kind: who signs it and who initials
 * it (warta-evidence-signature.c). */
void  _warta_document_add_signature_of (WartaDocument       *document,
                                        const WartaEvidence *evidence,
                                        WartaDocumentKind    kind);
void  _warta_document_set_running (WartaDocument       *document,
                                   const char          *head,
                                   const char          *foot);
void  _warta_document_paginate    (WartaDocument       *document);

/* The three documents. */
void  _warta_document_build_bukti     (WartaDocument       *document,
                                       const WartaEvidence *evidence);
void  _warta_document_build_disposisi (WartaDocument       *document,
                                       const WartaEvidence *evidence);
void  _warta_document_build_artikel   (WartaDocument       *document,
                                       const WartaEvidence *evidence);

G_END_DECLS
