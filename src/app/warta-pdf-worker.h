/* warta-pdf-worker.h: the one thread that calls poppler for a document
 *
 * Internal to WartaPdfDocument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "warta-pdf-document.h"

G_BEGIN_DECLS

/* The worker's queue, in this order: opening before any page, closing
 * after everything. */
typedef enum
{
  WARTA_PDF_JOB_PRIORITY_OPEN,
  WARTA_PDF_JOB_PRIORITY_VISIBLE,
  WARTA_PDF_JOB_PRIORITY_SIZES,
  WARTA_PDF_JOB_PRIORITY_THUMBNAIL,
  WARTA_PDF_JOB_PRIORITY_FIND,
  WARTA_PDF_JOB_PRIORITY_PRELOAD,
  WARTA_PDF_JOB_PRIORITY_CLOSE,
} WartaPdfJobPriority;

typedef enum
{
  WARTA_PDF_JOB_OPEN,
  WARTA_PDF_JOB_RENDER,
  WARTA_PDF_JOB_FIND,
  WARTA_PDF_JOB_SIZES,
  WARTA_PDF_JOB_CLOSE,
} WartaPdfJobKind;

typedef struct _WartaPdfWorker WartaPdfWorker;

/* What opening hands back: a GTask's result. Only the first page's size
 * is read: a sizes job reads the others once the document is shown. */
typedef struct
{
  guint       n_pages;
  double      width;   /* of the first page, in points */
  double      height;
  char       *title;
  GdkTexture *texture; /* the first page at scale, when the job had a fit */
  double      scale;
} WartaPdfOpenInfo;

typedef struct
{
  gatomicrefcount      ref;
  WartaPdfJobKind      kind;
  WartaPdfJobPriority  priority;
  guint                serial;
  WartaPdfWorker      *worker;
  GMainContext        *context;
  GCancellable        *cancellable;
  int                  started;       /* atomic: the worker has taken it */

  /* Open and find: the caller's task, handed back to the main thread to
   * return, so that its last reference (and the document's) never drops
   * on the worker. */
  GTask               *task;

  /* Open */
  int                  fd;
  GBytes              *bytes;         /* instead of fd */
  char                *password;
  gboolean             has_fit;
  WartaPdfFit          fit;

  /* Open and render: the cache's budget, which bounds a texture */
  gsize                budget;

  /* Render and sizes: done runs on the main thread with the job once it
   * is rendered (or could not be), or has every size; not when it is
   * cancelled before. */
  GSourceFunc          done;
  gpointer             owner;         /* alive as long as the job is not cancelled */
  guint                page;          /* render; find and sizes: the next one */
  gboolean             thumbnail;
  double               scale;         /* as asked */
  guint                generation;
  GdkTexture          *texture;

  /* Sizes: width, height of every page from 0, in points */
  double              *sizes;

  /* Find and sizes */
  guint                n_pages;

  /* Find */
  char                *text;
  GArray              *matches;       /* WartaPdfMatch, worker thread only */
  WartaPdfFindFunc     progress;
  gpointer             progress_data;
} WartaPdfJob;

WartaPdfWorker *_warta_pdf_worker_new     (void);
void            _warta_pdf_worker_close   (WartaPdfWorker       *worker);
void            _warta_pdf_worker_push    (WartaPdfWorker       *worker,
                                           WartaPdfJob          *job);

WartaPdfJob    *_warta_pdf_job_new        (WartaPdfWorker       *worker,
                                           WartaPdfJobKind       kind,
                                           WartaPdfJobPriority   priority,
                                           GMainContext         *context);
WartaPdfJob    *_warta_pdf_job_ref        (WartaPdfJob          *job);
void            _warta_pdf_job_unref      (WartaPdfJob          *job);

void            _warta_pdf_open_info_free (gpointer              info);

G_END_DECLS
