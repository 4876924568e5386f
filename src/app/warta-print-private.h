/* warta-print-private.h: WartaPrint's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <poppler.h>

#include "warta-print.h"

G_BEGIN_DECLS

struct _WartaPrint
{
  GObject            parent_instance;

  /* What to print, and for whom */
  WartaSession      *session;
  gint64             actor;
  gint64             case_id;
  WartaDocumentKind  kind;
  gint64             copy_id;          /* 0: the document, drawn fresh */

  /* Options */
  GtkPrintSettings  *settings;         /* NULL: the process's */
  gboolean           show_dialog;
  char              *export_filename;

  /* One run at a time */
  GTask             *task;
  GtkWidget         *parent;
  GtkPageSetup      *page_setup;
  GtkPrintOperation *operation;
  WartaEvidence     *evidence;
  WartaDocument     *document;
  double             document_width;   /* the area document was laid out for */
  double             document_height;
  PopplerDocument   *pdf;              /* a kept copy */
  char              *copy_document;    /* its kind: bukti, … */
  char              *title;
  gboolean           previewed;
  gboolean           finished;
};

/* The work of a print or an export, and what it hands back: filled by
 * the database worker (evidence or bytes), then by a thread of its own
 * (document or pdf, title; an export's sha256). */
typedef struct
{
  gint64             actor;
  gint64             case_id;
  WartaDocumentKind  kind;
  gint64             copy_id;
  double             width;            /* the printable area, in points */
  double             height;
  double             paper_width;
  double             paper_height;
  double             margin_left;
  double             margin_top;
  GFile             *file;             /* an export's */

  /* Results */
  WartaEvidence     *evidence;
  GBytes            *bytes;            /* a kept copy, as kept */
  WartaDocument     *document;
  PopplerDocument   *pdf;
  char              *copy_document;
  char              *title;
  char              *sha256;           /* of an export's file */
} Job;

Job      *_warta_print_job_new       (WartaPrint   *self,
                                      GtkPageSetup *setup);
void      _warta_print_job_free      (Job          *job);
/* Reads the case (or the copy) on the session's database worker, then
 * runs thread (NULL: lays it out) on a thread of its own; callback gets a
 * GTask of self whose data is job. Takes job. */
void      _warta_print_gather_async  (WartaPrint          *self,
                                      Job                 *job,
                                      GTaskThreadFunc      thread,
                                      GAsyncReadyCallback  callback);
/* Records a print or an export on the database worker; callback calls
 * warta_session_run_finish() (non-NULL: recorded). */
void      _warta_print_record_async  (WartaPrint          *self,
                                      const char          *document,
                                      gboolean             exported,
                                      const char          *sha256,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Ends the run: says how it went (error or done_message, with file for
 * an export), and answers the caller. Takes error. */
void      _warta_print_complete      (WartaPrint   *self,
                                      GError       *error,
                                      const char   *heading,
                                      const char   *done_message,
                                      GFile        *file);

G_END_DECLS
