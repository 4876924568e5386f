/* warta-publisher-private.h: what the publisher's parts share
 *
 * The publisher's database steps (warta-publisher-steps.c) and the
 * stream its uploads read (warta-publisher-stream.c) each run as one
 * short job through _warta_publisher_run(): on the session's worker
 * thread when the publisher was made for a worker, else directly on the
 * caller's engine. The network waits happen in between, on the
 * publisher's own thread, never inside a job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-publisher.h"
#include "warta-worker.h"

G_BEGIN_DECLS

struct _WartaPublisher
{
  /* One of the two: where the database steps run */
  WartaEngine              *engine;   /* the caller's, used on its thread */
  WartaWorker              *worker;   /* the session's one database thread */

  guint                     attempts;
  guint                     first_wait_ms;
  guint                     timeout;
  WartaPublishProgressFunc  progress;
  gpointer                  progress_data;

  /* bytes of this run's upload */
  gint64                    done;
  gint64                    total;
  WartaPublishStage         stage;
  const char               *item;   /* the file being uploaded; not owned */
};

/* A job's result when it has nothing more to say than that it worked. */
#define WARTA_PUBLISHER_DONE GINT_TO_POINTER (TRUE)

/* Runs func (engine, data) as one database step and waits for it: data
 * is borrowed, never freed. Returns func's result, or NULL with error. */
gpointer      _warta_publisher_run             (WartaPublisher         *self,
                                                WartaJobFunc            func,
                                                gpointer                data,
                                                GCancellable           *cancellable,
                                                GError                **error);

/* Database steps (warta-publisher-steps.c) */

WartaPublication *_warta_publisher_prepare     (WartaPublisher            *self,
                                                const WartaPublishRequest *request,
                                                GError                   **error);
/* What a publish sends, as of one moment: the naskah, the case's files
 * for the site (never a page's screenshot), and those publication
 * already has there (WartaPublishedMedia). */
gboolean      _warta_publisher_load            (WartaPublisher         *self,
                                                WartaPublication       *publication,
                                                WartaNaskah           **naskah,
                                                GPtrArray             **attachments,
                                                GPtrArray             **published,
                                                GCancellable           *cancellable,
                                                GError                **error);
/* Whether a stored file is non-empty and of its kind's type. */
gboolean      _warta_publisher_check_file      (WartaPublisher         *self,
                                                gint64                  attachment_id,
                                                GCancellable           *cancellable,
                                                GError                **error);
char         *_warta_publisher_naskah_title    (WartaPublisher         *self,
                                                gint64                  case_id,
                                                GError                **error);
WartaSite    *_warta_publisher_get_site        (WartaPublisher         *self,
                                                gint64                  site_id,
                                                GError                **error);
gboolean      _warta_publisher_may_publish     (WartaPublisher         *self,
                                                gint64                  actor,
                                                gint64                  case_id,
                                                GError                **error);
gboolean      _warta_publisher_record_media    (WartaPublisher         *self,
                                                gint64                  actor,
                                                const WartaPublication *publication,
                                                gint64                  attachment_id,
                                                gint64                  media_id,
                                                const char             *source_url,
                                                GError                **error);
/* Records event with its journal entry in one transaction; the time of
 * a POSTED, VERIFIED or WITHDRAWN event is the engine's clock as it is
 * recorded. */
gboolean      _warta_publisher_record          (WartaPublisher         *self,
                                                gint64                  actor,
                                                WartaPublication       *publication,
                                                WartaPublicationEvent   event,
                                                GError                **error);
gboolean      _warta_publisher_record_check    (WartaPublisher         *self,
                                                const WartaPublication *publication,
                                                guint                   http_status,
                                                const char             *body_sha256,
                                                gboolean                title_found,
                                                gboolean                gone,
                                                gboolean                changed,
                                                GError                **error);
/* When actor holds the case's publish step: keeps png as its screenshot
 * and completes the step. */
gboolean      _warta_publisher_complete        (WartaPublisher         *self,
                                                gint64                  actor,
                                                WartaPublication       *publication,
                                                GBytes                 *png,
                                                GCancellable           *cancellable,
                                                GError                **error);

/* The upload stream (warta-publisher-stream.c) */

/* attachment's content, read a chunk at a time, each chunk one job, and
 * checked against its SHA-256 before the last byte is handed out. The
 * stream borrows self and attachment: close it before freeing them. */
GInputStream *_warta_publisher_open_attachment (WartaPublisher         *self,
                                                const WartaAttachment  *attachment);
gboolean      _warta_publisher_stream_take_error (GInputStream         *stream,
                                                GError                **error);

G_END_DECLS
