/* test-publisher.c: publishing a case against a fake WordPress that fails
 *
 * Each fault the network can throw at a publish (5xx, timeouts, a
 * connection dropped before or after the site did the work, a slow
 * answer, a cancel, a crash between two requests) ends with the case on
 * the site exactly once: one post, one copy of each file. Refusals (401,
 * 403, a stripped Authorization header) stop with their message and lose
 * nothing: the next attempt reuses what the first one made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "publish-fixture.h"
#include "warta-publisher.h"

static WartaPublisher *
new_publisher (Fixture *f)
{
  WartaPublisher *publisher = warta_publisher_new (f->db->engine);

  /* Quick pauses and a short timeout, so that faults cost little time. */
  warta_publisher_set_retry (publisher, 5, 10);
  warta_publisher_set_timeout (publisher, 2);
  return publisher;
}

static WartaPublication *
publish (Fixture         *f,
         WartaPublisher  *publisher,
         const char      *status,
         GError         **error)
{
  const char *categories[] = { "Berita", "Kesehatan", NULL };
  const char *tags[] = { "vaksinasi", NULL };
  WartaPublishRequest request = {
    .actor = f->web,
    .case_id = f->case_id,
    .site_id = f->site_id,
    .password = FAKE_WP_ADMIN_PASSWORD,
    .options = { .status = status, .categories = categories, .tags = tags },
  };

  return warta_publisher_publish (publisher, &request, NULL, error);
}

/* Publishes, verifies and finishes; the step must complete. */
static WartaPublication *
publish_all_the_way (Fixture *f)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(GError) error = NULL;
  WartaPublication *publication = publish (f, publisher, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (publication);
  g_assert_true (warta_publisher_verify (publisher, f->web, publication, FAKE_WP_ADMIN_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_publisher_finish (publisher, f->web, publication, f->png, NULL, &error));
  g_assert_no_error (error);
  return publication;
}

static void
assert_once (Fixture *f)
{
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 3);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publication_media"), ==, 3);
}

static void
test_publish_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WartaPublication) publication = publish_all_the_way (f);
  g_autoptr(FakeWpPost) post = NULL;
  g_autoptr(WartaPublication) again = NULL;
  g_autoptr(WartaPublisher) publisher = NULL;
  g_autoptr(GPtrArray) published = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *mime = NULL;
  gint64 featured = 0, size = 0;

  assert_once (f);
  assert_step (f, "7");
  g_assert_true (warta_publication_is_verified (publication));
  g_assert_cmpint (publication->http_status, ==, 200);
  g_assert_cmpuint (strlen (publication->body_sha256), ==, 64);
  g_assert_cmpuint (strlen (publication->content_sha256), ==, 64);
  g_assert_cmpint (publication->screenshot_id, >, 0);

  post = fake_wp_get_post (f->wp, publication->post_id);
  g_assert_nonnull (post);
  g_assert_cmpstr (post->status, ==, "publish");
  g_assert_cmpstr (post->slug, ==, publication->slug);
  g_assert_cmpstr (post->title, ==, TITLE);
  g_assert_cmpuint (post->categories->len, ==, 2);
  g_assert_cmpuint (post->tags->len, ==, 1);
  /* Raw HTML in the naskah reaches the site as text */
  g_assert_nonnull (strstr (post->content, "<strong>BBKK Medan</strong>"));
  g_assert_nonnull (strstr (post->content, "&lt;b&gt;Belawan&lt;/b&gt;"));

  /* The first photo is the featured image; the second and the PDF are in
   * the body; the nota dinas stays in the office. */
  published = warta_store_list_published_media (f->db->store, publication->id, &error);
  g_assert_cmpuint (published->len, ==, 3);
  for (guint i = 0; i < published->len; i++)
    {
      WartaPublishedMedia *media = g_ptr_array_index (published, i);

      if (media->attachment_id == f->photos[0])
        featured = media->media_id;
      else
        g_assert_nonnull (strstr (post->content, media->source_url));
      if (media->attachment_id == f->document)
        {
          g_assert_true (fake_wp_get_media (f->wp, media->media_id, &size, &sha256, &filename, &mime));
          g_assert_cmpstr (mime, ==, "application/pdf");
          g_assert_true (g_str_has_suffix (filename, ".pdf"));
        }
    }
  g_assert_cmpint (post->featured_media, ==, featured);
  g_assert_cmpint (featured, >, 0);
  /* Public pages are fetched without credentials */
  g_assert_false (fake_wp_saw_authorization (f->wp, "site:*"));

  /* An update after the step goes to the same post */
  publisher = new_publisher (f);
  again = publish (f, publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->post_id, ==, publication->post_id);
  assert_once (f);
}

typedef struct
{
  const char      *name;
  const char      *method;
  const char      *route;
  FakeWpFaultKind  kind;
  guint            status;
  guint            delay_ms;
  guint            nth;
} Fault;

static const Fault transient_faults[] = {
  { "500-on-media", "POST", "/wp/v2/media", FAKE_WP_FAULT_STATUS, 500 },
  { "502-on-post", "POST", "/wp/v2/posts", FAKE_WP_FAULT_STATUS, 502 },
  { "503-on-lookup", "GET", "/wp/v2/posts", FAKE_WP_FAULT_STATUS, 503 },
  { "dropped-after-post-created", "POST", "/wp/v2/posts", FAKE_WP_FAULT_DROP_AFTER },
  { "dropped-after-media-stored", "POST", "/wp/v2/media", FAKE_WP_FAULT_DROP_AFTER, 0, 0, 2 },
  { "dropped-before-media", "POST", "/wp/v2/media", FAKE_WP_FAULT_DROP_BEFORE },
  { "timeout-on-post", "POST", "/wp/v2/posts", FAKE_WP_FAULT_TIMEOUT, 0, 4000 },
  { "slow-body", "GET", "/wp/v2/users/me", FAKE_WP_FAULT_SLOW_BODY, 0, 20 },
  { "slow-page", "GET", "site:*", FAKE_WP_FAULT_SLOW_BODY, 0, 5 },
  { "500-on-page", "GET", "site:*", FAKE_WP_FAULT_STATUS, 500 },
};

static void
test_transient (Fixture       *f,
                gconstpointer  data)
{
  const Fault *fault = data;
  g_autoptr(WartaPublication) publication = NULL;
  FakeWpFault spec = {
    .method = fault->method,
    .route = fault->route,
    .nth = fault->nth,
    .kind = fault->kind,
    .status = fault->status,
    .delay_ms = fault->delay_ms,
  };

  fake_wp_add_fault (f->wp, &spec);
  publication = publish_all_the_way (f);
  g_assert_cmpuint (fake_wp_count_faults (f->wp), ==, 0);
  assert_once (f);
  assert_step (f, "7");
}

/* A caller that asks for no error (NULL) gets the same publisher: each
 * attempt looks at its own error, so a refused account stops it before
 * any file is sent, and a passing fault is still tried again. */
static void
test_no_error_asked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(WartaPublication) publication = NULL;
  WartaPublishRequest request = {
    .actor = f->web, .case_id = f->case_id, .site_id = f->site_id, .password = "salah salah salah",
  };
  FakeWpFault fault = { .method = "POST", .route = "/wp/v2/media", .kind = FAKE_WP_FAULT_STATUS, .status = 500 };

  g_assert_null (warta_publisher_publish (publisher, &request, NULL, NULL));
  g_assert_cmpuint (fake_wp_count_requests (f->wp, "POST", "/wp/v2/media"), ==, 0);
  g_assert_cmpuint (fake_wp_count_requests (f->wp, "POST", "/wp/v2/posts"), ==, 0);

  request.password = FAKE_WP_ADMIN_PASSWORD;
  fake_wp_add_fault (f->wp, &fault);
  publication = warta_publisher_publish (publisher, &request, NULL, NULL);
  g_assert_nonnull (publication);
  g_assert_cmpuint (fake_wp_count_faults (f->wp), ==, 0);
  assert_once (f);
}

/* 401: nothing on the site, the message names the credentials. */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(GError) error = NULL;
  WartaPublishRequest request = {
    .actor = f->web, .case_id = f->case_id, .site_id = f->site_id, .password = "salah salah salah",
  };

  g_assert_null (warta_publisher_publish (publisher, &request, NULL, &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_AUTH);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "salah salah"));
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 0);
  g_clear_error (&error);

  /* The Authorization header stripped by the server: the same password
   * works through XML-RPC, and the message says what to fix. */
  fake_wp_set_strip_authorization (f->wp, TRUE);
  request.password = FAKE_WP_ADMIN_PASSWORD;
  g_assert_null (warta_publisher_publish (publisher, &request, NULL, &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_AUTH_STRIPPED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Authorization"));
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
}

/* 403 on the post after the media went up; once allowed, the same media
 * are reused. */
static void
test_forbidden_then_allowed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  fake_wp_fail (f->wp, "POST", "/wp/v2/posts", 403, "rest_cannot_publish");
  g_assert_null (publish (f, publisher, NULL, &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 3);
  g_clear_error (&error);
  assert_step (f, "6");

  publication = publish_all_the_way (f);
  assert_once (f);
  assert_step (f, "7");
}

/* A server error on every try is a clear failure after the retries. */
static void
test_server_down (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    fake_wp_fail (f->wp, "POST", "/wp/v2/posts", 500, "internal_server_error");
  g_assert_null (publish (f, publisher, NULL, &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_SERVER);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications WHERE post_id IS NULL"), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  gint64        cancel_after;
} Canceller;

static void
cancel_midway (WartaPublishStage stage,
               const char       *item,
               gint64            done,
               gint64            total,
               gpointer          user_data)
{
  Canceller *canceller = user_data;

  if (stage == WARTA_PUBLISH_STAGE_MEDIA && done >= canceller->cancel_after)
    g_cancellable_cancel (canceller->cancellable);
}

/* Cancelled after the first file, then the process goes away: the next
 * one, on a fresh connection, finishes without sending a file twice. */
static void
test_cancel_and_resume (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  Canceller canceller = { cancellable, 1 };
  WartaPublishRequest request = {
    .actor = f->web, .case_id = f->case_id, .site_id = f->site_id, .password = FAKE_WP_ADMIN_PASSWORD,
  };

  warta_publisher_set_progress (publisher, cancel_midway, &canceller);
  g_assert_null (warta_publisher_publish (publisher, &request, cancellable, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);
  g_assert_cmpuint (fake_wp_count_media (f->wp), <, 3);
  g_clear_pointer (&publisher, warta_publisher_free);

  test_db_reopen (f->db);
  publication = publish_all_the_way (f);
  assert_once (f);
}

/* A crash after the site made the post and before Warta wrote its id
 * down: the post is there under the case's slug, and is reused. */
static void
test_crash_after_create (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPublication) prepared = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  gint64 orphan;

  prepared = warta_engine_prepare_publication (f->db->engine, f->web, f->case_id, f->site_id, NULL, NULL, &error);
  g_assert_no_error (error);
  orphan = fake_wp_add_post (f->wp, prepared->slug, TITLE, "draft");

  publication = publish_all_the_way (f);
  g_assert_cmpint (publication->post_id, ==, orphan);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, "publish"), ==, 1);

  /* Deleted for good on the site: the next update makes it again, once. */
  fake_wp_delete (f->wp, orphan);
  {
    g_autoptr(WartaPublisher) publisher = new_publisher (f);
    g_autoptr(WartaPublication) again = publish (f, publisher, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (again->post_id, !=, orphan);
    g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  }
}

/* Pending for the site's own review: not public, so not verified, and
 * the step waits. */
static void
test_pending_waits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GError) error = NULL;

  publication = publish (f, publisher, "pending", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (publication->remote_status, ==, "pending");
  g_assert_false (warta_publisher_verify (publisher, f->web, publication, FAKE_WP_ADMIN_PASSWORD, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (warta_engine_complete (f->db->engine, f->web, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  assert_step (f, "6");
}

/* Posted by hand: Warta verifies the link and keeps the screenshot. */
static void
test_manual (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(WartaPublication) wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *other_url = NULL;
  WartaPublishRequest request = { .actor = f->web, .case_id = f->case_id };

  fake_wp_add_post (f->wp, "vaksinasi-manual", TITLE, "publish");
  fake_wp_add_post (f->wp, "berita-lain", "Berita lain sama sekali", "publish");
  url = g_strconcat (fake_wp_get_url (f->wp), "vaksinasi-manual/", NULL);
  other_url = g_strconcat (fake_wp_get_url (f->wp), "berita-lain/", NULL);

  /* A page without the title is not the proof */
  request.manual_url = other_url;
  wrong = warta_publisher_publish (publisher, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (warta_publisher_verify (publisher, f->web, wrong, NULL, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (warta_publisher_finish (publisher, f->web, wrong, f->png, NULL, &error));
  g_clear_error (&error);
  assert_step (f, "6");

  request.manual_url = url;
  publication = warta_publisher_publish (publisher, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_publisher_verify (publisher, f->web, publication, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_publisher_finish (publisher, f->web, publication, f->png, NULL, &error));
  g_assert_no_error (error);
  assert_step (f, "7");
}

/* Files kept by an older Warta that never looked at them, an empty PDF
 * and a ZIP named as a photo, are named before anything reaches the
 * site: no upload, no post. Left off the site, the rest goes. */
static void
test_bad_files_not_sent (Fixture       *f,
                         gconstpointer  data)
{
  static const guint8 zip_head[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0 };
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) zip = g_bytes_new_static (zip_head, sizeof zip_head);
  g_autoptr(GError) error = NULL;
  gint64 report, banner;

  report = test_db_store_old_file (f->db, f->web, f->case_id, "laporan.pdf", "dokumen-pendukung", empty);
  banner = test_db_store_old_file (f->db, f->web, f->case_id, "spanduk.png", "foto", zip);

  g_assert_null (publish (f, publisher, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CONTENT);
  g_assert_cmpstr (error->message, ==,
                   "Nothing was sent to the site: “laporan.pdf” is empty (0 bytes); "
                   "“spanduk.png” is not a PNG image: its content is Zip archive. "
                   "Leave the file off the site on the case’s Publication page, "
                   "or attach a good copy in its place, then publish again.");
  g_clear_error (&error);
  g_assert_cmpuint (fake_wp_count_requests (f->wp, NULL, NULL), ==, 0);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 0);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);

  g_assert_true (warta_engine_set_attachment_for_site (f->db->engine, f->web, report, FALSE, &error));
  g_assert_true (warta_engine_set_attachment_for_site (f->db->engine, f->web, banner, FALSE, &error));
  g_assert_no_error (error);
  publication = publish (f, publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (publication);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 3);
}

/* verify CASE later: same, gone, changed. */
static void
test_recheck (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WartaPublication) publication = publish_all_the_way (f);
  g_autoptr(WartaPublisher) publisher = new_publisher (f);
  g_autoptr(WartaWpPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean gone = TRUE, changed = TRUE;

  g_assert_true (warta_publisher_recheck (publisher, publication, &page, &gone, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gone);
  g_assert_false (changed);
  g_clear_pointer (&page, warta_wp_page_free);

  fake_wp_delete (f->wp, publication->post_id);
  g_assert_true (warta_publisher_recheck (publisher, publication, &page, &gone, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gone);
  g_assert_cmpuint (page->status, ==, 404);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'publication.check'"), ==, 2);
  /* The proof taken when it was published stays as it was */
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications WHERE http_status = 200"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/publisher/publish-once", test_publish_once, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (transient_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/publisher/transient/%s", transient_faults[i].name);

      ADD (path, test_transient, &transient_faults[i]);
    }
  ADD ("/publisher/wrong-password", test_wrong_password, NULL);
  ADD ("/publisher/no-error-asked", test_no_error_asked, NULL);
  ADD ("/publisher/forbidden-then-allowed", test_forbidden_then_allowed, NULL);
  ADD ("/publisher/server-down", test_server_down, NULL);
  ADD ("/publisher/cancel-and-resume", test_cancel_and_resume, NULL);
  ADD ("/publisher/crash-after-create", test_crash_after_create, NULL);
  ADD ("/publisher/pending-waits", test_pending_waits, NULL);
  ADD ("/publisher/manual", test_manual, NULL);
  ADD ("/publisher/recheck", test_recheck, NULL);
  ADD ("/publisher/bad-files-not-sent", test_bad_files_not_sent, NULL);
#undef ADD

  return g_test_run ();
}
