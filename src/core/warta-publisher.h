/* warta-publisher.h: a case onto its site, proven live, never twice
 *
 * A WartaPublisher runs on a thread of its own, never the main one, with
 * one WartaWp; nothing here touches GTK. Its database steps run either
 * as short jobs on the session's database worker
 * (warta_publisher_new_for_worker(), the app) or directly on an engine
 * the calling thread owns (warta_publisher_new(), warta-cli). The page's
 * screenshot is taken by the caller between warta_publisher_verify() and
 * warta_publisher_finish().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"
#include "warta-worker.h"
#include "warta-wp.h"

G_BEGIN_DECLS

typedef enum
{
  WARTA_PUBLISH_STAGE_CONNECT,  /* finding the REST API, checking the account */
  WARTA_PUBLISH_STAGE_MEDIA,    /* uploading attachments */
  WARTA_PUBLISH_STAGE_POST,     /* terms and the post */
  WARTA_PUBLISH_STAGE_VERIFY,   /* the public page */
  WARTA_PUBLISH_STAGE_WAIT,     /* pausing before another try */
  WARTA_PUBLISH_STAGE_SCREENSHOT, /* the page's screenshot: reported by the caller, who takes it */
} WartaPublishStage;

/* done and total are bytes of the whole upload, media and post together;
 * item is the name of the file being uploaded (MEDIA), else NULL. Called
 * on the publisher's thread. */
typedef void (*WartaPublishProgressFunc) (WartaPublishStage  stage,
                                          const char        *item,
                                          gint64             done,
                                          gint64             total,
                                          gpointer           user_data);

/* The time a whole attempt (publish, verify, screenshot, complete) gets
 * before its caller cancels it, in seconds. */
#define WARTA_PUBLISH_DEFAULT_DEADLINE 120

/* "connecting to the site", for "it was stuck %s"; translated. */
const char *warta_publish_stage_describe  (WartaPublishStage  stage);
/* "2 minutes", "90 seconds"; translated. */
char       *warta_publish_format_limit    (guint              seconds);
/* The attempt ran out of its time limit of seconds while at stage:
 * WARTA_WP_ERROR_TIMEOUT, saying what was stuck and that trying again is
 * safe. */
void        warta_publish_set_deadline_error (GError           **error,
                                              WartaPublishStage  stage,
                                              guint              seconds);
/* The person cancelled: WARTA_WP_ERROR_CANCELLED, saying nothing is lost. */
void        warta_publish_set_cancelled_error (GError          **error);

typedef struct
{
  gint64               actor;
  gint64               case_id;
  gint64               site_id;      /* 0: a manual channel */
  const char          *manual_url;   /* with site_id 0: where the admin posted it */
  const char          *password;     /* the site's Application Password */
  WartaPublishOptions  options;
} WartaPublishRequest;

typedef struct _WartaPublisher WartaPublisher;

WartaPublisher   *warta_publisher_new          (WartaEngine        *engine);
WartaPublisher   *warta_publisher_new_for_worker (WartaWorker      *worker);
void              warta_publisher_free         (WartaPublisher     *self);
/* attempts (5) for each step that fails transiently, waiting first_wait_ms
 * (1000) and doubling; timeout (30 s) for each request. */
void              warta_publisher_set_retry    (WartaPublisher     *self,
                                                guint               attempts,
                                                guint               first_wait_ms);
void              warta_publisher_set_timeout  (WartaPublisher     *self,
                                                guint               seconds);
void              warta_publisher_set_progress (WartaPublisher     *self,
                                                WartaPublishProgressFunc func,
                                                gpointer            user_data);

/* Markdown to the post's HTML: cmark, raw HTML escaped as text, unsafe
 * links dropped. */
char             *warta_publisher_render_html  (const char         *markdown);

/* Media first, then the post, each looked up on the site before it is
 * made and recorded the moment it is known. For a manual channel this
 * only records the link. Returns the publication as recorded. */
WartaPublication *warta_publisher_publish      (WartaPublisher            *self,
                                                const WartaPublishRequest *request,
                                                GCancellable              *cancellable,
                                                GError                   **error);
/* GETs the public link: recorded whatever the answer; TRUE when it is 200
 * with the title in the page. A draft, pending or future post is not
 * public yet: that is an error saying so. */
gboolean          warta_publisher_verify       (WartaPublisher     *self,
                                                gint64              actor,
                                                WartaPublication   *publication,
                                                const char         *password,
                                                GCancellable       *cancellable,
                                                GError            **error);
/* Keeps png as the case's screenshot attachment and, when actor holds the
 * case's active publish step, completes it. */
gboolean          warta_publisher_finish       (WartaPublisher     *self,
                                                gint64              actor,
                                                WartaPublication   *publication,
                                                GBytes             *png,
                                                GCancellable       *cancellable,
                                                GError            **error);
/* The part of finish that keeps png as the screenshot of a verified
 * publication, for callers that complete the step themselves. */
gboolean          warta_publisher_keep_screenshot (WartaEngine     *engine,
                                                gint64              actor,
                                                WartaPublication   *publication,
                                                GBytes             *png,
                                                GCancellable       *cancellable,
                                                GError            **error);
/* Sets the post back to draft or moves it to the trash, with a reason. */
gboolean          warta_publisher_withdraw     (WartaPublisher     *self,
                                                gint64              actor,
                                                WartaPublication   *publication,
                                                const char         *password,
                                                gboolean            trash,
                                                const char         *reason,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* Re-checks a verified publication's page without recording over the
 * proof: the check is journaled. *gone: not 200 any more; *changed: the
 * title is not in it or the page's SHA-256 differs. */
gboolean          warta_publisher_recheck      (WartaPublisher     *self,
                                                WartaPublication   *publication,
                                                WartaWpPage       **page,
                                                gboolean           *gone,
                                                gboolean           *changed,
                                                GCancellable       *cancellable,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaPublisher, warta_publisher_free)

G_END_DECLS
