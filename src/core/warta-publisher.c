/* warta-publisher.c: a case onto its site, proven live, never twice
 *
 * The order follows what can go wrong. Media go first, since the post
 * names its featured image; each file is looked up on the site by its
 * slug before it is sent, and its id recorded the moment the site answers.
 * The post is found by its remembered id, else by the case's slug in any
 * status, and only then made. So a retry, a crash, a dropped answer or a
 * second click finds what the first attempt made and reuses it: the site
 * never holds the case twice.
 *
 * Failures that pass (timeouts, 5xx, dropped or refused connections) are
 * tried again after a pause that doubles; the others stop at once with
 * the client's message, as does a file that changed in the store while
 * it was being sent. The requests and the waits run on the caller's
 * thread, which is never the main one. The database is touched only in
 * the steps of warta-publisher-steps.c and the chunks of the upload
 * stream, each one short job: for the app, on the session's worker
 * between other windows' jobs, so a publish never holds the database
 * while the network is slow; for warta-cli, on its own engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cmark.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "warta-evidence.h"
#include "warta-publisher-private.h"
#include "warta-sha256.h"

#define DEFAULT_ATTEMPTS 5
#define DEFAULT_FIRST_WAIT_MS 1000
#define DEFAULT_TIMEOUT 30

static WartaPublisher *
publisher_new (void)
{
  WartaPublisher *self = g_new0 (WartaPublisher, 1);

  self->attempts = DEFAULT_ATTEMPTS;
  self->first_wait_ms = DEFAULT_FIRST_WAIT_MS;
  self->timeout = DEFAULT_TIMEOUT;
  return self;
}

/**
 * warta_publisher_new:
 * @engine: an engine used only by the caller's thread meanwhile
 *
 * A publisher that does its database steps on @engine, in the thread
 * that calls it (warta-cli).
 */
WartaPublisher *
warta_publisher_new (WartaEngine *engine)
{
  WartaPublisher *self;

  g_return_val_if_fail (WARTA_IS_ENGINE (engine), NULL);

  self = publisher_new ();
  self->engine = g_object_ref (engine);
  /* Finishing a publish step keeps its Bukti Publikasi. */
  warta_evidence_set_keep_bukti (engine, TRUE);
  return self;
}

/**
 * warta_publisher_new_for_worker:
 * @worker: the session's database worker, whose engine keeps the Bukti
 *   Publikasi of a finished publish step (warta_evidence_set_keep_bukti())
 *
 * A publisher that does each database step as one short job on @worker
 * and waits for it (warta_worker_run_sync()), so it must be called from a
 * thread of its own, never the main one; the worker is free for other
 * jobs while the site is asked and the files are sent.
 */
WartaPublisher *
warta_publisher_new_for_worker (WartaWorker *worker)
{
  WartaPublisher *self;

  g_return_val_if_fail (WARTA_IS_WORKER (worker), NULL);

  self = publisher_new ();
  self->worker = g_object_ref (worker);
  return self;
}

void
warta_publisher_free (WartaPublisher *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->engine);
  g_clear_object (&self->worker);
  g_free (self);
}

void
warta_publisher_set_retry (WartaPublisher *self,
                           guint           attempts,
                           guint           first_wait_ms)
{
  self->attempts = MAX (attempts, 1);
  self->first_wait_ms = first_wait_ms;
}

void
warta_publisher_set_timeout (WartaPublisher *self,
                             guint           seconds)
{
  self->timeout = MAX (seconds, 1);
}

void
warta_publisher_set_progress (WartaPublisher           *self,
                              WartaPublishProgressFunc  func,
                              gpointer                  user_data)
{
  self->progress = func;
  self->progress_data = user_data;
}

static void
report (WartaPublisher    *self,
        WartaPublishStage  stage)
{
  self->stage = stage;
  if (self->progress != NULL)
    self->progress (stage, stage == WARTA_PUBLISH_STAGE_MEDIA ? self->item : NULL, self->done, self->total,
                    self->progress_data);
}

/* Markdown */

/* Raw HTML in a naskah is shown as the text it is, never run on the site:
 * each HTML node becomes a text node, which the renderer escapes. */
static void
escape_raw_html (cmark_node *document)
{
  cmark_iter *iter = cmark_iter_new (document);
  g_autoptr(GPtrArray) raw = g_ptr_array_new ();
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK))
        g_ptr_array_add (raw, node);
    }
  cmark_iter_free (iter);

  for (guint i = 0; i < raw->len; i++)
    {
      cmark_node *node = g_ptr_array_index (raw, i);
      cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);

      cmark_node_set_literal (text, cmark_node_get_literal (node));
      if (cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK)
        {
          cmark_node *paragraph = cmark_node_new (CMARK_NODE_PARAGRAPH);

          cmark_node_append_child (paragraph, text);
          text = paragraph;
        }
      cmark_node_replace (node, text);
      cmark_node_free (node);
    }
}

char *
warta_publisher_render_html (const char *markdown)
{
  cmark_node *document;
  char *rendered;
  char *html;

  g_return_val_if_fail (markdown != NULL, NULL);

  /* Without CMARK_OPT_UNSAFE the renderer also drops javascript:, vbscript:,
   * file: and non-image data: links. */
  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  escape_raw_html (document);
  rendered = cmark_render_html (document, CMARK_OPT_DEFAULT);
  cmark_node_free (document);

  html = g_strdup (rendered);
  free (rendered);
  return html;
}

/* Retrying */

/* Sleeps ms, waking early when cancelled; FALSE then. */
static gboolean
pause_for (guint         ms,
           GCancellable *cancellable)
{
  gint64 until = g_get_monotonic_time () + (gint64)ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (20000, MAX (0, until - g_get_monotonic_time ())));
    }
  return !g_cancellable_is_cancelled (cancellable);
}

/* Whether a failed attempt is worth another after a pause. failure is
 * the attempt's own local error, never the caller's (which may be NULL,
 * and says nothing about this attempt): when another is worth it,
 * failure is cleared and the wait reported; else it is handed on to
 * error and FALSE returned. */
static gboolean
should_retry (WartaPublisher  *self,
              guint            attempt,
              GError         **failure,
              GError         **error,
              GCancellable    *cancellable)
{
  WartaPublishStage stage = self->stage;

  g_assert (failure != NULL);

  if (*failure != NULL && attempt + 1 < self->attempts &&
      (*failure)->domain == WARTA_WP_ERROR && warta_wp_error_is_transient (*failure))
    {
      g_debug ("Attempt %u failed, trying again: %s", attempt + 1, (*failure)->message);
      report (self, WARTA_PUBLISH_STAGE_WAIT);
      if (pause_for (self->first_wait_ms << MIN (attempt, 10), cancellable))
        {
          g_clear_error (failure);
          report (self, stage);
          return TRUE;
        }
    }

  if (*failure != NULL)
    g_propagate_error (error, g_steal_pointer (failure));
  return FALSE;
}

/* Media */

typedef struct
{
  WartaPublisher *publisher;
  gint64          base;  /* bytes done before this file */
} UploadProgress;

static void
upload_progress (gint64   done,
                 gint64   total,
                 gpointer user_data)
{
  UploadProgress *progress = user_data;

  progress->publisher->done = progress->base + done;
  report (progress->publisher, WARTA_PUBLISH_STAGE_MEDIA);
}

static char *
strip_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
}

/* The site's copy of attachment: found by its slug, else sent. */
static WartaWpMedia *
ensure_media (WartaPublisher          *self,
              WartaWp                 *wp,
              const WartaPublication  *publication,
              const WartaAttachment   *attachment,
              const char              *case_title,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autofree char *slug = g_strdup_printf ("%s-m%" G_GINT64_FORMAT, publication->slug, attachment->id);
  g_autofree char *title = strip_extension (attachment->name);
  gint64 base = self->done;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WartaWpMedia) media = NULL;
      g_autoptr(GInputStream) stream = NULL;
      UploadProgress progress = { self, base };
      WartaWpMediaFields fields = {
        .filename = attachment->name,
        .content_type = attachment->content_type,
        .slug = slug,
        .title = title,
        .alt_text = g_str_has_prefix (attachment->content_type, "image/") ? case_title : NULL,
      };

      self->done = base;
      self->item = attachment->name;
      report (self, WARTA_PUBLISH_STAGE_MEDIA);
      media = warta_wp_find_media (wp, slug, cancellable, &local_error);
      if (media == NULL && local_error == NULL)
        {
          stream = _warta_publisher_open_attachment (self, attachment);
          media = warta_wp_upload_media (wp, stream, attachment->size, &fields, upload_progress, &progress,
                                         cancellable, &local_error);
          g_input_stream_close (stream, NULL, NULL);
          /* The file gone or changed in the store: no use trying again. */
          if (media == NULL && _warta_publisher_stream_take_error (stream, error))
            {
              self->item = NULL;
              return NULL;
            }
        }
      if (media != NULL)
        {
          self->done = base + attachment->size;
          report (self, WARTA_PUBLISH_STAGE_MEDIA);
          self->item = NULL;
          return g_steal_pointer (&media);
        }
      self->item = NULL;
      if (!should_retry (self, attempt, &local_error, error, cancellable))
        return NULL;
    }
}

static WartaPublishedMedia *
find_published (GPtrArray *published,
                gint64     attachment_id)
{
  for (guint i = 0; i < published->len; i++)
    {
      WartaPublishedMedia *media = g_ptr_array_index (published, i);

      if (media->attachment_id == attachment_id)
        return media;
    }
  return NULL;
}

/* Every file still to go is checked before the first byte does: an empty
 * file, or one whose content is not of its kind, kept by an older Warta,
 * would otherwise be refused by the site in its own words, after the
 * files before it were sent. All the bad ones are named at once. */
static gboolean
check_media (WartaPublisher  *self,
             GPtrArray       *attachments,
             GPtrArray       *published,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GString) wrong = g_string_new (NULL);

  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autoptr(GError) local_error = NULL;

      if (find_published (published, attachment->id) != NULL ||
          _warta_publisher_check_file (self, attachment->id, cancellable, &local_error))
        continue;
      if (!g_error_matches (local_error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_string_append_printf (wrong, "%s%s", wrong->len > 0 ? "; " : "", local_error->message);
    }

  if (wrong->len == 0)
    return TRUE;
  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT,
               /* Translators: %s names the files and what is wrong with each */
               _("Nothing was sent to the site: %s. Leave the file off the site on the case’s Publication page, "
                 "or attach a good copy in its place, then publish again."),
               wrong->str);
  return FALSE;
}

/* The body: the naskah, then the pictures that are not the featured one,
 * then links to the documents. */
static char *
compose_content (const WartaNaskah *naskah,
                 GPtrArray         *attachments,
                 GPtrArray         *published,
                 gint64             featured)
{
  g_autofree char *body = warta_publisher_render_html (naskah->body);
  g_autoptr(GString) html = g_string_new (body);

  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);
      WartaPublishedMedia *media = find_published (published, attachment->id);
      g_autofree char *item = NULL;
      g_autofree char *title = strip_extension (attachment->name);

      if (media == NULL || media->media_id == featured || media->source_url == NULL)
        continue;
      if (g_str_has_prefix (attachment->content_type, "image/"))
        item = g_markup_printf_escaped ("<figure class=\"wp-block-image\"><img src=\"%s\" alt=\"%s\" "
                                        "class=\"wp-image-%" G_GINT64_FORMAT "\"/></figure>\n",
                                        media->source_url, naskah->title, media->media_id);
      else if (g_str_has_prefix (attachment->content_type, "video/"))
        item = g_markup_printf_escaped ("<figure class=\"wp-block-video\"><video controls src=\"%s\"></video></figure>\n",
                                        media->source_url);
      else
        item = g_markup_printf_escaped ("<p class=\"wp-block-file\"><a href=\"%s\">%s</a></p>\n",
                                        media->source_url, title);
      g_string_append (html, item);
    }
  return g_string_free (g_steal_pointer (&html), FALSE);
}

static GArray *
ensure_terms (WartaPublisher  *self,
              WartaWp         *wp,
              const char      *taxonomy,
              GStrv            names,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    for (guint attempt = 0;; attempt++)
      {
        g_autoptr(GError) local_error = NULL;
        gint64 id = warta_wp_ensure_term (wp, taxonomy, names[i], cancellable, &local_error);

        if (id > 0)
          {
            g_array_append_val (ids, id);
            break;
          }
        if (!should_retry (self, attempt, &local_error, error, cancellable))
          return NULL;
      }
  return g_steal_pointer (&ids);
}

/* The post as the site has it: by the remembered id, else by the slug in
 * any status; NULL with no error when it does not exist. */
static WartaWpPost *
find_post (WartaWp                 *wp,
           const WartaPublication  *publication,
           GCancellable            *cancellable,
           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  WartaWpPost *post;

  if (publication->post_id > 0)
    {
      post = warta_wp_get_post (wp, publication->post_id, cancellable, &local_error);
      if (post != NULL)
        return post;
      if (!g_error_matches (local_error, WARTA_WP_ERROR, WARTA_WP_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return warta_wp_find_post (wp, publication->slug, cancellable, error);
}

static char *
format_gmt (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S") : NULL;
}

static WartaWp *
connect_site (WartaPublisher  *self,
              gint64           site_id,
              const char      *password,
              GError         **error)
{
  g_autoptr(WartaSite) site = NULL;
  WartaWp *wp;

  if (!(site = _warta_publisher_get_site (self, site_id, error)))
    return NULL;
  if (password == NULL || *password == '\0')
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_AUTH,
                   _("There is no Application Password for %s on “%s”"), site->user, site->name);
      return NULL;
    }
  if (!(wp = warta_wp_new (site->url, site->user, password, error)))
    return NULL;
  warta_wp_set_timeout (wp, self->timeout);
  return wp;
}

static gboolean
check_account (WartaPublisher  *self,
               WartaWp         *wp,
               const char      *status,
               GCancellable    *cancellable,
               GError         **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WartaWpReport) checks = warta_wp_test (wp, cancellable, &local_error);

      if (local_error == NULL)
        return TRUE;
      /* A contributor may still hand a post in for the site's review. */
      if (checks != NULL && checks->state[WARTA_WP_CHECK_PUBLISH] == WARTA_WP_CHECK_FAILED &&
          (g_strcmp0 (status, "pending") == 0 || g_strcmp0 (status, "draft") == 0))
        return TRUE;
      if (!should_retry (self, attempt, &local_error, error, cancellable))
        return FALSE;
    }
}

static gboolean
publish_to_site (WartaPublisher            *self,
                 const WartaPublishRequest *request,
                 WartaPublication          *publication,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) published = NULL;
  g_autoptr(GArray) categories = NULL;
  g_autoptr(GArray) tags = NULL;
  g_autofree char *content = NULL;
  g_autofree char *date_gmt = NULL;
  gint64 featured = 0;

  if (!_warta_publisher_load (self, publication, &naskah, &attachments, &published, cancellable, error) ||
      !check_media (self, attachments, published, cancellable, error))
    return FALSE;

  report (self, WARTA_PUBLISH_STAGE_CONNECT);
  if (!(wp = connect_site (self, publication->site_id, request->password, error)) ||
      !check_account (self, wp, publication->status, cancellable, error))
    return FALSE;

  self->done = 0;
  self->total = strlen (naskah->body) + strlen (naskah->title);
  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);

      if (find_published (published, attachment->id) == NULL)
        self->total += attachment->size;
    }

  report (self, WARTA_PUBLISH_STAGE_MEDIA);
  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autoptr(WartaWpMedia) media = NULL;
      WartaPublishedMedia *recorded;

      if (find_published (published, attachment->id) != NULL)
        continue;
      if (!(media = ensure_media (self, wp, publication, attachment, naskah->title, cancellable, error)) ||
          !_warta_publisher_record_media (self, request->actor, publication, attachment->id, media->id,
                                          media->source_url, error))
        return FALSE;
      recorded = g_new0 (WartaPublishedMedia, 1);
      recorded->attachment_id = attachment->id;
      recorded->media_id = media->id;
      recorded->source_url = g_strdup (media->source_url);
      g_ptr_array_add (published, recorded);
    }

  for (guint i = 0; i < attachments->len && featured == 0; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);
      WartaPublishedMedia *media = find_published (published, attachment->id);

      if (media != NULL && g_str_has_prefix (attachment->content_type, "image/"))
        featured = media->media_id;
    }

  report (self, WARTA_PUBLISH_STAGE_POST);
  if (!(categories = ensure_terms (self, wp, "categories", publication->categories, cancellable, error)) ||
      !(tags = ensure_terms (self, wp, "tags", publication->tags, cancellable, error)))
    return FALSE;

  content = compose_content (naskah, attachments, published, featured);
  if (g_strcmp0 (publication->status, "future") == 0)
    date_gmt = format_gmt (publication->scheduled_at);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WartaWpPost) existing = NULL;
      g_autoptr(WartaWpPost) post = NULL;
      WartaWpPostFields fields = {
        .title = naskah->title,
        .content = content,
        .excerpt = publication->excerpt,
        .status = publication->status,
        .date_gmt = date_gmt,
        .slug = publication->slug,
        .categories = (const gint64 *)(gpointer)categories->data,
        .n_categories = categories->len,
        .tags = (const gint64 *)(gpointer)tags->data,
        .n_tags = tags->len,
        .featured_media = featured,
      };

      existing = find_post (wp, publication, cancellable, &local_error);
      if (local_error == NULL)
        post = warta_wp_save_post (wp, existing != NULL ? existing->id : 0, &fields, cancellable, &local_error);
      if (post != NULL)
        {
          publication->post_id = post->id;
          g_free (publication->link);
          publication->link = g_strdup (post->link);
          g_free (publication->remote_status);
          publication->remote_status = g_strdup (post->status);
          g_free (publication->content_sha256);
          publication->content_sha256 = warta_sha256_for_string (content, -1);
          /* A new post is not verified until its page says so. */
          publication->verified_at = 0;
          publication->http_status = 0;
          publication->title_found = FALSE;
          break;
        }
      if (!should_retry (self, attempt, &local_error, error, cancellable))
        return FALSE;
    }

  self->done = self->total;
  report (self, WARTA_PUBLISH_STAGE_POST);
  return _warta_publisher_record (self, request->actor, publication, WARTA_PUBLICATION_POSTED, error);
}

WartaPublication *
warta_publisher_publish (WartaPublisher            *self,
                         const WartaPublishRequest *request,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(WartaPublication) publication = NULL;

  g_return_val_if_fail (self != NULL && request != NULL, NULL);

  if (!(publication = _warta_publisher_prepare (self, request, error)))
    return NULL;

  if (publication->site_id == 0)
    {
      g_free (publication->remote_status);
      publication->remote_status = g_strdup ("publish");
      publication->verified_at = 0;
      if (!_warta_publisher_record (self, request->actor, publication, WARTA_PUBLICATION_POSTED, error))
        return NULL;
      return g_steal_pointer (&publication);
    }

  if (!publish_to_site (self, request, publication, cancellable, error))
    return NULL;
  return g_steal_pointer (&publication);
}

static WartaWpPage *
fetch_page (WartaPublisher  *self,
            const char      *url,
            const char      *title,
            GCancellable    *cancellable,
            GError         **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      WartaWpPage *page = warta_wp_fetch_page (url, title, self->timeout, cancellable, &local_error);

      if (page != NULL)
        return page;
      if (!should_retry (self, attempt, &local_error, error, cancellable))
        return NULL;
    }
}

gboolean
warta_publisher_verify (WartaPublisher    *self,
                        gint64             actor,
                        WartaPublication  *publication,
                        const char        *password,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(WartaWpPage) page = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (self != NULL && publication != NULL, FALSE);

  report (self, WARTA_PUBLISH_STAGE_VERIFY);
  if (!(title = _warta_publisher_naskah_title (self, publication->case_id, error)))
    return FALSE;

  /* The site says where the post is now, and whether it is public yet: a
   * scheduled post moves to its pretty link when its time comes. */
  if (publication->site_id > 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WartaWp) wp = NULL;
      g_autoptr(WartaWpPost) post = NULL;

      if (!(wp = connect_site (self, publication->site_id, password, error)))
        return FALSE;
      for (guint attempt = 0; post == NULL; attempt++)
        if (!(post = warta_wp_get_post (wp, publication->post_id, cancellable, &local_error)) &&
            !should_retry (self, attempt, &local_error, error, cancellable))
          return FALSE;
      g_free (publication->link);
      publication->link = g_strdup (post->link);
      g_free (publication->remote_status);
      publication->remote_status = g_strdup (post->status);
      if (g_strcmp0 (post->status, "publish") != 0)
        {
          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                       g_strcmp0 (post->status, "future") == 0
                       ? _("The post is scheduled and not public yet; verify it once its time has come")
                       : _("The post is not public yet: the site has it as “%s”. Verify it once the site's editor publishes it"),
                       post->status);
          return FALSE;
        }
    }

  if (!(page = fetch_page (self, publication->link, title, cancellable, error)))
    return FALSE;

  publication->http_status = page->status;
  publication->response_ms = page->elapsed_us / 1000;
  g_free (publication->body_sha256);
  publication->body_sha256 = g_strdup (page->sha256);
  publication->title_found = page->title_found;
  if (!_warta_publisher_record (self, actor, publication, WARTA_PUBLICATION_VERIFIED, error))
    return FALSE;

  if (page->status != 200)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("The page %s answered HTTP %u, not 200: it is not live"), publication->link, page->status);
      return FALSE;
    }
  if (!page->title_found)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("The page %s answers, but the title “%s” is not in it: check that it is the right page"),
                   publication->link, title);
      return FALSE;
    }
  return TRUE;
}

/* The screenshot's name, which says what it is. */
static char *
screenshot_name (const WartaPublication *publication)
{
  if (publication->slug != NULL)
    return g_strdup_printf ("tangkapan-layar-%s.png", publication->slug);
  return g_strdup_printf ("tangkapan-layar-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ".png",
                          publication->case_id, publication->id);
}

gboolean
warta_publisher_keep_screenshot (WartaEngine       *engine,
                                 gint64             actor,
                                 WartaPublication  *publication,
                                 GBytes            *png,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autofree char *name = NULL;
  gint64 attachment_id;

  g_return_val_if_fail (WARTA_IS_ENGINE (engine), FALSE);
  g_return_val_if_fail (publication != NULL && png != NULL, FALSE);

  if (publication->verified_at == 0 || publication->http_status != 200 || !publication->title_found ||
      publication->withdrawn_at != 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("The publication has not been verified live yet"));
      return FALSE;
    }

  /* From memory: a file written only to be read back cost more than the
   * rest of the step. */
  name = screenshot_name (publication);
  if (!(attachment_id = warta_engine_attach_bytes (engine, actor, publication->case_id, name, png, "foto",
                                                   cancellable, error)))
    return FALSE;

  publication->screenshot_id = attachment_id;
  return warta_engine_record_publication (engine, actor, publication, WARTA_PUBLICATION_CAPTURED, error);
}

gboolean
warta_publisher_finish (WartaPublisher    *self,
                        gint64             actor,
                        WartaPublication  *publication,
                        GBytes            *png,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_return_val_if_fail (self != NULL && publication != NULL && png != NULL, FALSE);

  return _warta_publisher_complete (self, actor, publication, png, cancellable, error);
}

gboolean
warta_publisher_withdraw (WartaPublisher    *self,
                          gint64             actor,
                          WartaPublication  *publication,
                          const char        *password,
                          gboolean           trash,
                          const char        *reason,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_return_val_if_fail (self != NULL && publication != NULL, FALSE);

  if (warta_text_is_blank (reason))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("Withdrawing a publication needs a reason"));
      return FALSE;
    }
  /* Asked before the site is touched, so a refusal changes nothing there. */
  if (!_warta_publisher_may_publish (self, actor, publication->case_id, error))
    return FALSE;

  if (publication->site_id > 0 && publication->post_id > 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WartaWp) wp = NULL;
      g_autoptr(WartaWpPost) post = NULL;

      if (!(wp = connect_site (self, publication->site_id, password, error)))
        return FALSE;
      for (guint attempt = 0; post == NULL; attempt++)
        if (!(post = warta_wp_withdraw_post (wp, publication->post_id, trash, cancellable, &local_error)) &&
            !should_retry (self, attempt, &local_error, error, cancellable))
          return FALSE;
      g_free (publication->remote_status);
      publication->remote_status = g_strdup (post->status);
    }
  else
    {
      g_free (publication->remote_status);
      publication->remote_status = g_strdup (trash ? "trash" : "draft");
    }

  g_free (publication->withdraw_reason);
  publication->withdraw_reason = g_strdup (reason);
  return _warta_publisher_record (self, actor, publication, WARTA_PUBLICATION_WITHDRAWN, error);
}

gboolean
warta_publisher_recheck (WartaPublisher    *self,
                         WartaPublication  *publication,
                         WartaWpPage      **page_out,
                         gboolean          *gone,
                         gboolean          *changed,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(WartaWpPage) page = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (self != NULL && publication != NULL, FALSE);

  if (publication->link == NULL || publication->verified_at == 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("Case %lld has no verified publication to check"), (long long)publication->case_id);
      return FALSE;
    }
  if (!(title = _warta_publisher_naskah_title (self, publication->case_id, error)) ||
      !(page = fetch_page (self, publication->link, title, cancellable, error)))
    return FALSE;

  *gone = page->status != 200;
  *changed = !*gone && (!page->title_found || g_strcmp0 (page->sha256, publication->body_sha256) != 0);
  if (!_warta_publisher_record_check (self, publication, page->status, page->sha256, page->title_found,
                                      *gone, *changed, error))
    return FALSE;
  if (page_out != NULL)
    *page_out = g_steal_pointer (&page);
  return TRUE;
}
