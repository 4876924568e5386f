/* test-publisher.c: publishing a case against a fake WordPress that fails
 *
 * Each fault the network can throw at a publish (5xx, timeouts, a
 * connection dropped before or after the site did the work, a slow
 * answer, a cancel, a crash between two requests) ends with the case on
 * the site exactly once: one post, one copy of each file. Refusals (401,
 * 403, a stripped Authorization header) stop with their message and lose
 * nothing: the next attempt reuses what the first one made. Made for the
 * session's worker, as the app makes it, the publisher holds the worker
 * only for short jobs: a save goes through in the middle of an upload,
 * and a file changed between two of its chunks stops it plainly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fake-wp.h"
#include "test-util.h"
#include "warta-evidence.h"
#include "warta-publisher.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define TITLE "Vaksinasi “Gratis” di Pelabuhan & Bandara"

typedef struct
{
  TestDb  *db;
  FakeWp  *wp;
  gint64   staff, katim, kepala, web;
  gint64   case_id;
  gint64   site_id;
  gint64   photos[2];
  gint64   document;
  GBytes  *png;
} Fixture;

static const guint8 tiny_png[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
};

/* Seed 002 at step 6, with its nota dinas and supporting document from
 * step 2 and two photos the admin website adds; a fake site. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  WartaEngine *e;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autofree char *url = NULL;
  WartaSite site = { .name = (char *)"Situs", .user = (char *)FAKE_WP_ADMIN };

  f->db = test_db_new ();
  e = f->db->engine;
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);

  f->case_id = warta_engine_start_case (e, f->staff, SOP_ID, TITLE, &error);
  g_assert_no_error (error);
  naskah = warta_naskah_new (f->case_id);
  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (TITLE);
  naskah->body = g_strdup ("Petugas **BBKK Medan** memberi vaksin di <b>Belawan</b>.\n");
  g_assert_true (warta_engine_save_naskah (e, f->staff, naskah, &error));
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (e, f->kepala, f->case_id, f->katim, "Periksa", &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_no_error (error);
  f->photos[0] = test_db_attach (f->db, f->web, f->case_id, "foto");
  f->photos[1] = test_db_attach (f->db, f->web, f->case_id, "foto");
  attachments = warta_store_list_attachments (f->db->store, f->case_id, &error);
  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);

      if (g_str_equal (attachment->kind, "dokumen-pendukung"))
        f->document = attachment->id;
    }
  g_assert_cmpint (f->document, >, 0);

  f->wp = fake_wp_new ();
  site.url = (char *)fake_wp_get_url (f->wp);
  f->site_id = warta_engine_add_site (e, f->db->admin, &site, &error);
  g_assert_no_error (error);
  f->png = g_bytes_new_static (tiny_png, sizeof tiny_png);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_bytes_unref (f->png);
  fake_wp_free (f->wp);
  test_db_free (f->db);
}

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
assert_step (Fixture    *f,
             const char *step_id)
{
  g_autoptr(WartaStepRun) run = warta_store_get_active_run (f->db->store, f->case_id, NULL);

  g_assert_nonnull (run);
  g_assert_cmpstr (run->step_id, ==, step_id);
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

/* Publishing for the session's worker */

/* Over four chunks of the stream's 4 MiB. */
#define BIG_SIZE (18 * 1024 * 1024)
#define BIG_NAME "foto-besar.png"

typedef enum
{
  TAMPER_NONE,
  TAMPER_REMOVE,   /* the blob goes between two chunks */
  TAMPER_RESIZE,   /* the blob changes size between two chunks */
} Tamper;

typedef struct
{
  Fixture      *f;
  Tamper        tamper;
  WartaEngine  *engine;         /* the worker's, on its own connection */
  WartaWorker  *worker;
  gint64        big;            /* the large photo */
  gint64        other_case;     /* a berkas the staff writes in meanwhile */
  GArray       *changed_cases;  /* gint64: what the worker said changed */

  /* Set on the publisher's thread */
  gint64        big_base;       /* bytes done when the large photo began */
  gboolean      paused;         /* in the middle of the large photo once */
  guint         media_posts_at_tamper;
  gint64        save_wait_us;

  /* The person's save, on the worker's thread */
  GMutex        lock;
  GCond         cond;
  gboolean      saved;
  char         *save_error;
  gboolean      saved_while_paused;

  /* The probe: how long a job waits for the worker while publishing */
  gboolean      stop_probe;     /* atomic */
  gint64        longest_wait_us;
  guint         n_probes;

  /* The publisher's thread's outcome */
  WartaPublication *publication;
  GError           *error;
  gboolean          finished;   /* atomic */
} WorkerRun;

static gint64
fixture_clock (gpointer user_data)
{
  TestDb *db = user_data;

  return db->now;
}

static void
on_worker_changed (WartaWorker *worker,
                   GArray      *changes,
                   gpointer     origin,
                   WorkerRun   *run)
{
  for (guint i = 0; i < changes->len; i++)
    g_array_append_val (run->changed_cases, g_array_index (changes, WartaChange, i).case_id);
}

static gboolean
heard_case (WorkerRun *run,
            gint64     case_id)
{
  for (guint i = 0; i < run->changed_cases->len; i++)
    if (g_array_index (run->changed_cases, gint64, i) == case_id)
      return TRUE;
  return FALSE;
}

/* A job on the worker: the staff saves the draft of another berkas, as a
 * person typing in another window would. */
static gpointer
save_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  WorkerRun *run = data;
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (run->other_case);
  g_autoptr(GError) local_error = NULL;

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Draf kedua");
  naskah->body = g_strdup ("Ditulis selagi berkas lain diunggah.");
  warta_engine_save_naskah (engine, run->f->staff, naskah, &local_error);

  g_mutex_lock (&run->lock);
  run->saved = TRUE;
  run->save_error = local_error != NULL ? g_strdup (local_error->message) : NULL;
  g_cond_signal (&run->cond);
  g_mutex_unlock (&run->lock);
  return GINT_TO_POINTER (TRUE);
}

/* In the middle of the large photo, on the publisher's thread, the
 * upload waits here: a save queued now must run while it waits, or the
 * worker is held across the network. */
static void
on_worker_progress (WartaPublishStage  stage,
                    const char        *item,
                    gint64             done,
                    gint64             total,
                    gpointer           user_data)
{
  WorkerRun *run = user_data;
  gint64 start, until;

  if (stage != WARTA_PUBLISH_STAGE_MEDIA || g_strcmp0 (item, BIG_NAME) != 0 || run->paused)
    return;
  if (run->big_base < 0)
    {
      run->big_base = done;
      return;
    }
  if (done - run->big_base < 6 * 1024 * 1024)
    return;
  run->paused = TRUE;

  if (run->tamper != TAMPER_NONE)
    {
      g_autofree char *sql = NULL;

      /* Another process, between two chunks. */
      if (run->tamper == TAMPER_REMOVE)
        sql = g_strdup_printf ("DELETE FROM attachment_data WHERE attachment_id = %" G_GINT64_FORMAT, run->big);
      else
        sql = g_strdup_printf ("UPDATE attachment_data SET data = zeroblob(1024) WHERE attachment_id = %"
                               G_GINT64_FORMAT, run->big);
      test_db_exec (run->f->db, sql);
      run->media_posts_at_tamper = fake_wp_count_requests (run->f->wp, "POST", "/wp/v2/media");
      return;
    }

  start = g_get_monotonic_time ();
  until = start + 10 * G_USEC_PER_SEC;
  warta_worker_run_async (run->worker, WARTA_JOB_PRIORITY_URGENT, NULL, save_job, run, NULL, NULL, NULL,
                          NULL, NULL);
  g_mutex_lock (&run->lock);
  while (!run->saved)
    if (!g_cond_wait_until (&run->cond, &run->lock, until))
      break;
  run->saved_while_paused = run->saved;
  g_mutex_unlock (&run->lock);
  run->save_wait_us = g_get_monotonic_time () - start;
}

static gpointer
noop_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gpointer
probe_thread (gpointer data)
{
  WorkerRun *run = data;

  while (!g_atomic_int_get (&run->stop_probe))
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_nonnull (warta_worker_run_sync (run->worker, noop_job, NULL, NULL, NULL));
      run->longest_wait_us = MAX (run->longest_wait_us, g_get_monotonic_time () - start);
      run->n_probes++;
      g_usleep (1000);
    }
  return NULL;
}

static gpointer
publish_thread (gpointer data)
{
  WorkerRun *run = data;
  g_autoptr(WartaPublisher) publisher = warta_publisher_new_for_worker (run->worker);
  const char *categories[] = { "Berita", NULL };
  WartaPublishRequest request = {
    .actor = run->f->web,
    .case_id = run->f->case_id,
    .site_id = run->f->site_id,
    .password = FAKE_WP_ADMIN_PASSWORD,
    .options = { .categories = categories },
  };

  warta_publisher_set_retry (publisher, 5, 10);
  warta_publisher_set_timeout (publisher, 30);
  warta_publisher_set_progress (publisher, on_worker_progress, run);
  if ((run->publication = warta_publisher_publish (publisher, &request, NULL, &run->error)) &&
      warta_publisher_verify (publisher, run->f->web, run->publication, FAKE_WP_ADMIN_PASSWORD, NULL, &run->error))
    warta_publisher_finish (publisher, run->f->web, run->publication, run->f->png, NULL, &run->error);
  g_atomic_int_set (&run->finished, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* The publisher's thread against the worker, the probe beside them; the
 * main loop turns meanwhile, as the app's does, for the worker's changes. */
static void
run_worker_publish (WorkerRun *run,
                    Fixture   *f,
                    Tamper     tamper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autofree guint8 *content = g_malloc (BIG_SIZE);
  GThread *publishing, *probing;
  guint32 x = 2463534242u;

  run->f = f;
  run->tamper = tamper;
  run->big_base = -1;
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  run->changed_cases = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A large photo: a PNG's head, then noise the database cannot shrink. */
  memcpy (content, tiny_png, sizeof tiny_png);
  for (gsize i = sizeof tiny_png; i < BIG_SIZE; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      content[i] = x;
    }
  big = g_bytes_new_take (g_steal_pointer (&content), BIG_SIZE);
  run->big = warta_engine_attach_bytes (f->db->engine, f->web, f->case_id, BIG_NAME, big, "foto", NULL, &error);
  g_assert_no_error (error);
  run->other_case = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Berkas kedua", &error);
  g_assert_no_error (error);

  /* The session's worker, as the app makes it. */
  run->engine = warta_engine_open (f->db->path, &error);
  g_assert_no_error (error);
  warta_engine_set_clock (run->engine, fixture_clock, f->db);
  warta_evidence_set_keep_bukti (run->engine, TRUE);
  run->worker = warta_worker_new (run->engine);
  g_signal_connect (run->worker, "changed", G_CALLBACK (on_worker_changed), run);

  probing = g_thread_new ("probe", probe_thread, run);
  publishing = g_thread_new ("publisher", publish_thread, run);
  while (!g_atomic_int_get (&run->finished))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (publishing);
  g_atomic_int_set (&run->stop_probe, TRUE);
  g_thread_join (probing);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
worker_run_clear (WorkerRun *run)
{
  g_clear_object (&run->worker);
  g_clear_object (&run->engine);
  g_clear_pointer (&run->changed_cases, g_array_unref);
  g_clear_pointer (&run->publication, warta_publication_free);
  g_clear_error (&run->error);
  g_free (run->save_error);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

/* The app's publish: every database step a short job on the session's
 * one worker, the upload read a chunk a job. A person's save in the
 * middle of an 18 MiB upload goes through at once; the site gets every
 * byte; the step completes; the worker tells the views what changed. */
static void
test_worker_save_during_upload (Fixture       *f,
                                gconstpointer  data)
{
  WorkerRun run = { 0 };
  g_autofree char *sha256 = NULL;
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaAttachment) big = NULL;
  gint64 size = 0;
  gint64 media_id = 0;

  run_worker_publish (&run, f, TAMPER_NONE);
  g_assert_no_error (run.error);
  g_assert_true (run.paused);

  /* The save ran while the upload waited in its middle. */
  g_assert_true (run.saved_while_paused);
  g_assert_null (run.save_error);
  g_assert_cmpint (run.save_wait_us, <, 5 * G_USEC_PER_SEC);
  g_test_message ("a save in the middle of the upload waited %.1f ms; the longest wait of %u probe jobs "
                  "while publishing was %.1f ms",
                  run.save_wait_us / 1000.0, run.n_probes, run.longest_wait_us / 1000.0);
  g_assert_cmpint (run.longest_wait_us, <, 2 * G_USEC_PER_SEC);

  /* Every byte of the large photo reached the site. */
  big = warta_store_get_attachment (f->db->store, run.big, &error);
  g_assert_no_error (error);
  media = warta_store_list_published_media (f->db->store, run.publication->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < media->len; i++)
    if (((WartaPublishedMedia *)g_ptr_array_index (media, i))->attachment_id == run.big)
      media_id = ((WartaPublishedMedia *)g_ptr_array_index (media, i))->media_id;
  g_assert_true (fake_wp_get_media (f->wp, media_id, &size, &sha256, NULL, NULL));
  g_assert_cmpint (size, ==, BIG_SIZE);
  g_assert_cmpstr (sha256, ==, big->sha256);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 4);

  /* Verified, its screenshot kept, the step complete; the other berkas
   * saved; and the worker said both changed, with no poll. */
  assert_step (f, "7");
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM naskah WHERE title = 'Draf kedua'"), ==, 1);
  g_assert_true (heard_case (&run, f->case_id));
  g_assert_true (heard_case (&run, run.other_case));

  worker_run_clear (&run);
}

/* A file that goes or changes size between two chunks stops the upload
 * with the store's own words, and is not sent again as if the network
 * had dropped it. */
static void
test_worker_file_changes (Fixture       *f,
                          gconstpointer  data)
{
  WorkerRun run = { 0 };

  run_worker_publish (&run, f, GPOINTER_TO_INT (data));
  g_assert_true (run.paused);
  g_assert_error (run.error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT);
  g_test_message ("%s", run.error->message);
  g_assert_nonnull (strstr (run.error->message, BIG_NAME));
  g_assert_cmpuint (fake_wp_count_requests (f->wp, "POST", "/wp/v2/media"), ==, run.media_posts_at_tamper);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);

  worker_run_clear (&run);
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
  ADD ("/publisher/worker/save-during-upload", test_worker_save_during_upload, NULL);
  ADD ("/publisher/worker/file-removed", test_worker_file_changes, GINT_TO_POINTER (TAMPER_REMOVE));
  ADD ("/publisher/worker/file-resized", test_worker_file_changes, GINT_TO_POINTER (TAMPER_RESIZE));
#undef ADD

  return g_test_run ();
}
