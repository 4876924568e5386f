/* test-wp.c: the WordPress REST client against the fake site
 *
 * Every call, and every way a call can fail: each error code is checked
 * with its message, which must name the site and never the password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "fake-wp.h"
#include "warta-wp.h"
#include "warta-wp-private.h"

#define HOST "127.0.0.1"
#define UPLOAD_SIZE (G_GINT64_CONSTANT (32) * 1024 * 1024)

static WartaWp *
client_for (FakeWp     *fake,
            const char *user,
            const char *password)
{
  g_autoptr(GError) error = NULL;
  WartaWp *wp = warta_wp_new (fake_wp_get_url (fake), user, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (wp);
  return wp;
}

static WartaWp *
admin_client (FakeWp *fake)
{
  return client_for (fake, FAKE_WP_ADMIN, FAKE_WP_ADMIN_PASSWORD);
}

/* Every message names the site and never carries a password. */
static void
assert_wp_error (const GError *error,
                 WartaWpError  code)
{
  g_assert_error (error, WARTA_WP_ERROR, (int)code);
  g_test_message ("message: %s", error->message);
  if (code != WARTA_WP_ERROR_CANCELLED && code != WARTA_WP_ERROR_INVALID_URL)
    g_assert_nonnull (strstr (error->message, HOST));
  g_assert_null (strstr (error->message, FAKE_WP_ADMIN_PASSWORD));
  g_assert_null (strstr (error->message, "abcdEFGH"));
  g_assert_null (strstr (error->message, "salah-sekali"));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static WartaWpPost *
save (WartaWp    *wp,
      gint64      id,
      const char *title,
      const char *slug,
      const char *status)
{
  g_autoptr(GError) error = NULL;
  WartaWpPostFields fields = { .title = title, .content = "<p>Isi berita.</p>", .status = status, .slug = slug };
  WartaWpPost *post = warta_wp_save_post (wp, id, &fields, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (post);
  return post;
}

/* --- A stream that makes its bytes up: no file, no memory ------------------ */

#define TEST_TYPE_PATTERN_STREAM (test_pattern_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestPatternStream, test_pattern_stream, TEST, PATTERN_STREAM, GInputStream)

struct _TestPatternStream
{
  GInputStream parent_instance;
  gint64       size;
  gint64       offset;
};

G_DEFINE_FINAL_TYPE (TestPatternStream, test_pattern_stream, G_TYPE_INPUT_STREAM)

static guint8
pattern_byte (gint64 i)
{
  return (guint8)((i * 31) ^ (i >> 11));
}

static gssize
test_pattern_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestPatternStream *self = TEST_PATTERN_STREAM (stream);
  gsize n = MIN ((gint64)count, self->size - self->offset);
  guint8 *out = buffer;

  for (gsize i = 0; i < n; i++)
    out[i] = pattern_byte (self->offset + i);
  self->offset += n;
  return n;
}

static void
test_pattern_stream_class_init (TestPatternStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_pattern_stream_read;
}

static void
test_pattern_stream_init (TestPatternStream *self)
{
}

static GInputStream *
pattern_stream_new (gint64 size)
{
  TestPatternStream *self = g_object_new (TEST_TYPE_PATTERN_STREAM, NULL);

  self->size = size;
  return G_INPUT_STREAM (self);
}

static char *
pattern_sha256 (gint64 size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[65536];

  for (gint64 offset = 0; offset < size; offset += sizeof buffer)
    {
      gsize n = MIN ((gint64)sizeof buffer, size - offset);

      for (gsize i = 0; i < n; i++)
        buffer[i] = pattern_byte (offset + i);
      g_checksum_update (checksum, buffer, n);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static WartaWpMedia *
upload_small (WartaWp    *wp,
              const char *filename,
              const char *type,
              GError    **error)
{
  g_autoptr(GInputStream) body = pattern_stream_new (1000);
  WartaWpMediaFields fields = { .filename = filename, .content_type = type, .slug = "gambar-uji",
                                .title = "Gambar uji", .alt_text = "Gambar" };

  return warta_wp_upload_media (wp, body, 1000, &fields, NULL, NULL, NULL, error);
}

/* --- URL rules ------------------------------------------------------------- */

static void
test_url_rules (void)
{
  const char *good[] = {
    "https://diskominfo.example.go.id/", "https://example.go.id/berita/", "http://127.0.0.1:8080/",
    "http://127.5.6.7/", "http://[::1]:8000/", "http://localhost/", "HTTPS://EXAMPLE.GO.ID",
  };
  const char *invalid[] = { "", "example.go.id", "ftp://example.go.id/", "https://", "file:///etc/passwd" };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWp) wp = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (warta_wp_check_url (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (warta_wp_check_url (invalid[i], &error));
      g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INVALID_URL);
      assert_contains (error->message, "https://");
      g_clear_error (&error);
    }

  g_assert_false (warta_wp_check_url ("http://diskominfo.example.go.id/", &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INSECURE);
  assert_contains (error->message, "diskominfo.example.go.id");
  assert_contains (error->message, "https://");
  g_clear_error (&error);

  g_assert_false (warta_wp_check_url ("http://127.0.0.1.example.com/", &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INSECURE);
  g_clear_error (&error);

  /* An address with credentials in it is refused without echoing them. */
  g_assert_false (warta_wp_check_url ("https://admin:rahasia@example.go.id/", &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "rahasia"));
  g_clear_error (&error);

  wp = warta_wp_new ("http://example.go.id/", "admin", "x", &error);
  g_assert_null (wp);
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INSECURE);
  g_clear_error (&error);

  wp = warta_wp_new ("https://example.go.id/sub?x=1", "admin", "x", &error);
  g_assert_no_error (error);
  g_assert_nonnull (wp);
  g_assert_null (warta_wp_get_rest_root (wp));
}

static void
test_transient (void)
{
  const struct { WartaWpError code; gboolean transient; } table[] = {
    { WARTA_WP_ERROR_TIMEOUT, TRUE }, { WARTA_WP_ERROR_REFUSED, TRUE }, { WARTA_WP_ERROR_NETWORK, TRUE },
    { WARTA_WP_ERROR_DNS, TRUE }, { WARTA_WP_ERROR_SERVER, TRUE }, { WARTA_WP_ERROR_AUTH, FALSE },
    { WARTA_WP_ERROR_TLS, FALSE }, { WARTA_WP_ERROR_FORBIDDEN, FALSE }, { WARTA_WP_ERROR_TOO_LARGE, FALSE },
    { WARTA_WP_ERROR_BAD_RESPONSE, FALSE }, { WARTA_WP_ERROR_CANCELLED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (WARTA_WP_ERROR, table[i].code, "x");

      g_assert_cmpint (warta_wp_error_is_transient (error), ==, table[i].transient);
    }
  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");

    g_assert_false (warta_wp_error_is_transient (error));
  }
  g_assert_false (warta_wp_error_is_transient (NULL));
}

/* --- Test connection --------------------------------------------------------- */

static void
test_report_admin (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = warta_wp_test (wp, NULL, &error);
  g_autofree char *root = g_strconcat (fake_wp_get_url (fake), "wp-json/", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    {
      g_assert_cmpint (report->state[i], ==, WARTA_WP_CHECK_PASSED);
      g_assert_nonnull (report->detail[i]);
      g_assert_nonnull (warta_wp_check_describe (i));
    }
  g_assert_cmpstr (report->user_name, ==, "Pengguna admin");
  g_assert_true (report->may_create_terms);
  g_assert_cmpstr (warta_wp_get_rest_root (wp), ==, root);
  assert_contains (report->detail[WARTA_WP_CHECK_CREDENTIALS], "Pengguna admin");
  /* No XML-RPC when nothing failed. */
  g_assert_cmpuint (fake_wp_count_requests (fake, NULL, "site:/xmlrpc.php"), ==, 0);
}

static void
test_report_author (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = NULL;

  fake_wp_add_user (fake, "penulis", "pass word 1", FAKE_WP_AUTHOR);
  wp = client_for (fake, "penulis", "pass word 1");
  report = warta_wp_test (wp, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_PUBLISH], ==, WARTA_WP_CHECK_PASSED);
  g_assert_false (report->may_create_terms);
  assert_contains (report->detail[WARTA_WP_CHECK_PUBLISH], "categor");
}

static void
test_report_contributor (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = NULL;

  fake_wp_add_user (fake, "kontributor", "pass-word-2", FAKE_WP_CONTRIBUTOR);
  wp = client_for (fake, "kontributor", "pass-word-2");
  report = warta_wp_test (wp, NULL, &error);
  assert_wp_error (error, WARTA_WP_ERROR_FORBIDDEN);
  assert_contains (error->message, "publish posts or upload files");
  assert_contains (error->message, "Author or Editor");
  g_assert_nonnull (report);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_URL], ==, WARTA_WP_CHECK_PASSED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_ROUTE], ==, WARTA_WP_CHECK_PASSED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_CREDENTIALS], ==, WARTA_WP_CHECK_PASSED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_PUBLISH], ==, WARTA_WP_CHECK_FAILED);
  g_assert_cmpstr (report->detail[WARTA_WP_CHECK_PUBLISH], ==, error->message);
}

static void
test_report_wrong_password (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = client_for (fake, FAKE_WP_ADMIN, "salah-sekali");
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = warta_wp_test (wp, NULL, &error);
  g_autoptr(WartaWpPost) post = NULL;

  assert_wp_error (error, WARTA_WP_ERROR_AUTH);
  assert_contains (error->message, "Application Password");
  assert_contains (error->message, "rest_not_logged_in");
  g_assert_null (strstr (error->message, "confirmed another way"));
  g_assert_cmpint (report->state[WARTA_WP_CHECK_ROUTE], ==, WARTA_WP_CHECK_PASSED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_CREDENTIALS], ==, WARTA_WP_CHECK_FAILED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_PUBLISH], ==, WARTA_WP_CHECK_NOT_RUN);
  g_assert_null (report->user_name);
  g_clear_error (&error);

  /* A write fails the same way; XML-RPC is asked once per client. */
  post = warta_wp_find_post (wp, "apa-saja", NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpint (warta_wp_ensure_term (wp, "categories", "Baru", NULL, &error), ==, 0);
  assert_wp_error (error, WARTA_WP_ERROR_AUTH);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "site:/xmlrpc.php"), ==, 1);
}

static void
test_report_stripped (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = NULL;

  fake_wp_set_strip_authorization (fake, TRUE);
  report = warta_wp_test (wp, NULL, &error);
  assert_wp_error (error, WARTA_WP_ERROR_AUTH_STRIPPED);
  assert_contains (error->message, "Authorization");
  assert_contains (error->message, "SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1");
  assert_contains (error->message, "CGIPassAuth On");
  assert_contains (error->message, "fastcgi_param HTTP_AUTHORIZATION $http_authorization;");
  g_assert_cmpint (report->state[WARTA_WP_CHECK_CREDENTIALS], ==, WARTA_WP_CHECK_FAILED);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "site:/xmlrpc.php"), ==, 1);
}

static void
test_report_stripped_write (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  WartaWpPostFields fields = { .title = "Judul", .content = "Isi", .status = "publish", .slug = "judul" };
  g_autoptr(WartaWpPost) post = NULL;

  fake_wp_set_strip_authorization (fake, TRUE);
  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_AUTH_STRIPPED);
  g_assert_cmpuint (fake_wp_count_posts (fake, NULL), ==, 0);
}

static void
test_report_xmlrpc_unavailable (void)
{
  FakeWpXmlRpc modes[] = { FAKE_WP_XMLRPC_DISABLED, FAKE_WP_XMLRPC_MISSING };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(FakeWp) fake = fake_wp_new ();
      g_autoptr(WartaWp) wp = admin_client (fake);
      g_autoptr(GError) error = NULL;
      g_autoptr(WartaWpReport) report = NULL;

      /* Stripped, but nothing can tell: AUTH, saying so. */
      fake_wp_set_strip_authorization (fake, TRUE);
      fake_wp_set_xmlrpc (fake, modes[i]);
      report = warta_wp_test (wp, NULL, &error);
      assert_wp_error (error, WARTA_WP_ERROR_AUTH);
      assert_contains (error->message, "could not be confirmed another way");
    }
}

static void
test_not_wordpress (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = NULL;
  FakeWpFault html = { .method = "GET", .route = "/", .kind = FAKE_WP_FAULT_STATUS, .status = 404,
                       .code = "not_here" };

  fake_wp_add_fault (fake, &html);
  fake_wp_add_fault (fake, &html);
  report = warta_wp_test (wp, NULL, &error);
  assert_wp_error (error, WARTA_WP_ERROR_NOT_WORDPRESS);
  assert_contains (error->message, "/wp-json/");
  g_assert_cmpint (report->state[WARTA_WP_CHECK_URL], ==, WARTA_WP_CHECK_PASSED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_ROUTE], ==, WARTA_WP_CHECK_FAILED);
  g_assert_null (warta_wp_get_rest_root (wp));
}

/* --- Without pretty permalinks ------------------------------------------------ */

static void
test_plain_permalinks (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  g_autoptr(WartaWpPost) found = NULL;
  g_autoptr(WartaWpMedia) media = NULL;
  g_autofree char *root = NULL;
  g_autofree char *p_link = NULL;
  gint64 category;

  fake_wp_set_pretty_permalinks (fake, FALSE);
  report = warta_wp_test (wp, NULL, &error);
  g_assert_no_error (error);
  root = g_strconcat (fake_wp_get_url (fake), "?rest_route=/", NULL);
  g_assert_cmpstr (warta_wp_get_rest_root (wp), ==, root);

  post = save (wp, 0, "Tanpa permalink", "tanpa-permalink", "publish");
  p_link = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, fake_wp_get_url (fake), post->id);
  g_assert_cmpstr (post->link, ==, p_link);

  /* The query of each route joins the rest_route one with &. */
  found = warta_wp_find_post (wp, "tanpa-permalink", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, post->id);

  category = warta_wp_ensure_term (wp, "categories", "Berita & Pengumuman", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (category, >, 1);

  media = upload_small (wp, "foto.png", "image/png", &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);
  g_assert_cmpstr (media->slug, ==, "gambar-uji");

  g_assert_cmpuint (fake_wp_count_requests (fake, NULL, "site:/wp-json/"), ==, 1);
  g_assert_cmpuint (fake_wp_count_requests (fake, "GET", "/wp/v2/posts"), ==, 1);
}

/* --- Posts ----------------------------------------------------------------------- */

static void
test_posts (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpMedia) media = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  g_autoptr(WartaWpPost) again = NULL;
  g_autoptr(WartaWpPost) found = NULL;
  g_autoptr(WartaWpPost) got = NULL;
  g_autoptr(WartaWpPost) none = NULL;
  g_autoptr(FakeWpPost) stored = NULL;
  g_autofree char *link = NULL;
  gint64 categories[2];
  gint64 tags[1];
  WartaWpPostFields fields = { .title = "Rapat Koordinasi", .content = "<p>Isi</p>", .excerpt = "Ringkas",
                               .status = "publish", .slug = "rapat-koordinasi", .categories = categories,
                               .n_categories = 2, .tags = tags, .n_tags = 1 };

  media = upload_small (wp, "foto.jpg", "image/jpeg", &error);
  g_assert_no_error (error);
  categories[0] = warta_wp_ensure_term (wp, "categories", "Pemerintahan", NULL, &error);
  g_assert_no_error (error);
  categories[1] = warta_wp_ensure_term (wp, "categories", "Kesehatan", NULL, &error);
  g_assert_no_error (error);
  tags[0] = warta_wp_ensure_term (wp, "tags", "rapat", NULL, &error);
  g_assert_no_error (error);
  fields.featured_media = media->id;

  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->id, >, 0);
  g_assert_cmpstr (post->slug, ==, "rapat-koordinasi");
  g_assert_cmpstr (post->status, ==, "publish");
  link = g_strconcat (fake_wp_get_url (fake), "rapat-koordinasi/", NULL);
  g_assert_cmpstr (post->link, ==, link);
  g_assert_cmpint (post->featured_media, ==, media->id);
  g_assert_cmpuint (post->categories->len, ==, 2);
  g_assert_cmpuint (post->tags->len, ==, 1);
  g_assert_cmpstr (post->title_rendered, ==, "Rapat Koordinasi");

  stored = fake_wp_get_post (fake, post->id);
  g_assert_cmpstr (stored->content, ==, "<p>Isi</p>");
  g_assert_cmpint (stored->featured_media, ==, media->id);
  g_assert_cmpint (g_array_index (stored->tags, gint64, 0), ==, tags[0]);

  /* The same slug again: WordPress makes it unique; find keeps to the exact one. */
  again = save (wp, 0, "Rapat Koordinasi", "rapat-koordinasi", "publish");
  g_assert_cmpstr (again->slug, ==, "rapat-koordinasi-2");
  found = warta_wp_find_post (wp, "rapat-koordinasi", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, post->id);

  none = warta_wp_find_post (wp, "tidak-ada", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  got = warta_wp_get_post (wp, post->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, post->id);
  g_assert_cmpint (got->featured_media, ==, media->id);

  /* Update: the same post, new title. */
  g_clear_pointer (&got, warta_wp_post_free);
  fields.title = "Rapat Koordinasi (ralat)";
  got = warta_wp_save_post (wp, post->id, &fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, post->id);
  g_assert_cmpstr (got->slug, ==, "rapat-koordinasi");
  g_assert_cmpuint (fake_wp_count_posts (fake, NULL), ==, 2);
}

static void
test_draft_link (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(WartaWpPost) draft = save (wp, 0, "Konsep", "konsep", "draft");
  g_autofree char *link = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, fake_wp_get_url (fake), draft->id);
  g_autoptr(WartaWpPost) future = NULL;
  g_autoptr(GError) error = NULL;
  WartaWpPostFields fields = { .title = "Nanti", .content = "x", .status = "future", .slug = "nanti",
                               .date_gmt = "2030-01-01T01:00:00" };

  g_assert_cmpstr (draft->link, ==, link);
  g_assert_cmpstr (draft->status, ==, "draft");
  future = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (future->status, ==, "future");
  g_assert_cmpuint (fake_wp_count_posts (fake, "future"), ==, 1);
}

static void
test_withdraw (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(WartaWpPost) post = save (wp, 0, "Ditarik", "ditarik", "publish");
  g_autoptr(WartaWpPost) draft = NULL;
  g_autoptr(WartaWpPost) trashed = NULL;
  g_autoptr(WartaWpPost) again = NULL;
  g_autoptr(WartaWpPost) found = NULL;
  g_autoptr(GError) error = NULL;

  draft = warta_wp_withdraw_post (wp, post->id, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->status, ==, "draft");
  g_assert_cmpuint (fake_wp_count_posts (fake, "draft"), ==, 1);

  trashed = warta_wp_withdraw_post (wp, post->id, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trashed->status, ==, "trash");
  g_assert_cmpstr (trashed->slug, ==, "ditarik__trashed");
  g_assert_cmpuint (fake_wp_count_requests (fake, "DELETE", "/wp/v2/posts/*"), ==, 1);

  /* Trashing twice is no error: WordPress's 410 is taken as done. */
  again = warta_wp_withdraw_post (wp, post->id, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->status, ==, "trash");

  /* The renamed slug is still the same post. */
  found = warta_wp_find_post (wp, "ditarik", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, post->id);
  g_assert_cmpstr (found->status, ==, "trash");
}

static void
test_not_found (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(WartaWpPost) post = save (wp, 0, "Hilang", "hilang", "publish");
  g_autoptr(WartaWpPost) got = NULL;
  g_autoptr(WartaWpPost) withdrawn = NULL;
  g_autoptr(GError) error = NULL;

  fake_wp_delete (fake, post->id);
  got = warta_wp_get_post (wp, post->id, NULL, &error);
  g_assert_null (got);
  assert_wp_error (error, WARTA_WP_ERROR_NOT_FOUND);
  assert_contains (error->message, "rest_post_invalid_id");
  g_clear_error (&error);

  withdrawn = warta_wp_withdraw_post (wp, post->id, FALSE, NULL, &error);
  g_assert_null (withdrawn);
  assert_wp_error (error, WARTA_WP_ERROR_NOT_FOUND);
}

static void
test_dropped_ids (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  gint64 category = fake_wp_add_term (fake, "categories", "Ekonomi");
  gint64 gone = fake_wp_add_term (fake, "categories", "Dihapus");
  gint64 categories[] = { category, gone };
  gint64 tags[] = { 424242 };
  WartaWpPostFields fields = { .title = "Gambar hilang", .content = "x", .status = "publish", .slug = "gambar-hilang",
                               .featured_media = 9999 };

  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_BAD_RESPONSE);
  assert_contains (error->message, "featured image");
  assert_contains (error->message, "9999");
  g_clear_error (&error);

  fake_wp_delete (fake, gone);
  fields.featured_media = 0;
  fields.categories = categories;
  fields.n_categories = 2;
  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_BAD_RESPONSE);
  assert_contains (error->message, "category");
  g_clear_error (&error);

  fields.n_categories = 1;
  fields.tags = tags;
  fields.n_tags = 1;
  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_BAD_RESPONSE);
  assert_contains (error->message, "tag");
}

static void
test_contributor (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  g_autoptr(WartaWpMedia) media = NULL;
  WartaWpPostFields fields = { .title = "Usulan", .content = "x", .status = "publish", .slug = "usulan" };

  fake_wp_add_user (fake, "kontributor", "kata-sandi", FAKE_WP_CONTRIBUTOR);
  wp = client_for (fake, "kontributor", "kata-sandi");

  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_FORBIDDEN);
  assert_contains (error->message, "rest_cannot_publish");
  assert_contains (error->message, "pending");
  assert_contains (error->message, "kontributor");
  g_clear_error (&error);

  fields.status = "pending";
  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (post->status, ==, "pending");

  media = upload_small (wp, "foto.png", "image/png", &error);
  g_assert_null (media);
  assert_wp_error (error, WARTA_WP_ERROR_FORBIDDEN);
  assert_contains (error->message, "upload");
  assert_contains (error->message, "rest_cannot_create");
  g_assert_cmpuint (fake_wp_count_media (fake), ==, 0);
}

/* --- Terms ---------------------------------------------------------------------------- */

static void
test_terms (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  gint64 existing = fake_wp_add_term (fake, "categories", "Berita Daerah");
  gint64 escaped = fake_wp_add_term (fake, "categories", "Hukum & HAM");
  gint64 id, tag;

  /* Found by name, whatever the case: no create. */
  id = warta_wp_ensure_term (wp, "categories", "berita daerah", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, existing);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "/wp/v2/categories"), ==, 0);

  /* "Hukum &amp; HAM" is not found by its search; term_exists says which. */
  id = warta_wp_ensure_term (wp, "categories", "Hukum & HAM", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, escaped);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "/wp/v2/categories"), ==, 1);

  /* Found by search when the entity decodes to the name. */
  id = warta_wp_ensure_term (wp, "categories", "HAM", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, escaped);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "/wp/v2/categories"), ==, 2);

  /* Created once, found after. */
  id = warta_wp_ensure_term (wp, "categories", "Pendidikan", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warta_wp_ensure_term (wp, "categories", "Pendidikan", NULL, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "/wp/v2/categories"), ==, 3);

  /* A substring is not a match. */
  g_assert_cmpint (warta_wp_ensure_term (wp, "categories", "Berita", NULL, &error), !=, existing);
  g_assert_no_error (error);

  tag = warta_wp_ensure_term (wp, "tags", "Pendidikan", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tag, !=, id);
  g_assert_cmpint (warta_wp_ensure_term (wp, "tags", "PENDIDIKAN", NULL, &error), ==, tag);
  g_assert_no_error (error);
}

static void
test_terms_author (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(GError) error = NULL;
  gint64 existing = fake_wp_add_term (fake, "tags", "Banjir");

  fake_wp_add_user (fake, "penulis", "sandi-penulis", FAKE_WP_AUTHOR);
  wp = client_for (fake, "penulis", "sandi-penulis");

  g_assert_cmpint (warta_wp_ensure_term (wp, "tags", "banjir", NULL, &error), ==, existing);
  g_assert_no_error (error);

  g_assert_cmpint (warta_wp_ensure_term (wp, "categories", "Bencana Alam", NULL, &error), ==, 0);
  assert_wp_error (error, WARTA_WP_ERROR_FORBIDDEN);
  assert_contains (error->message, "category");
  assert_contains (error->message, "Bencana Alam");
  assert_contains (error->message, "editor");
  g_clear_error (&error);

  g_assert_cmpint (warta_wp_ensure_term (wp, "tags", "Longsor", NULL, &error), ==, 0);
  assert_wp_error (error, WARTA_WP_ERROR_FORBIDDEN);
  assert_contains (error->message, "tag");
}

/* --- Media ------------------------------------------------------------------------------ */

typedef struct
{
  guint  calls;
  gint64 last;
  gint64 total;
  gboolean monotonic;
} Progress;

static void
on_progress (gint64   done,
             gint64   total,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (done < progress->last)
    progress->monotonic = FALSE;
  progress->calls++;
  progress->last = done;
  progress->total = total;
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

/* Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later). */
static gboolean
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  return fclose (file) == 0 && ok;
}

static void
test_upload_stream (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = pattern_stream_new (UPLOAD_SIZE);
  g_autoptr(WartaWpMedia) media = NULL;
  g_autoptr(WartaWpMedia) found = NULL;
  g_autoptr(WartaWpReport) report = NULL;
  g_autofree char *expected = pattern_sha256 (UPLOAD_SIZE);
  g_autofree char *sha256 = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *mime_type = NULL;
  Progress progress = { 0, 0, 0, TRUE };
  WartaWpMediaFields fields = { .filename = "Foto Kegiatan Bupati (Ü).jpeg", .content_type = "image/jpeg",
                                .slug = "foto-kegiatan", .title = "Foto kegiatan", .alt_text = "Bupati meresmikan" };
  gint64 size = 0;
  gint64 before, after;
  gboolean measured;

  report = warta_wp_test (wp, NULL, &error);
  g_assert_no_error (error);

  measured = reset_peak_rss ();
  before = peak_rss_kib ();
  media = warta_wp_upload_media (wp, body, UPLOAD_SIZE, &fields, on_progress, &progress, NULL, &error);
  after = peak_rss_kib ();
  g_assert_no_error (error);
  g_assert_nonnull (media);

  g_assert_cmpstr (media->slug, ==, "foto-kegiatan");
  g_assert_cmpstr (media->mime_type, ==, "image/jpeg");
  assert_contains (media->source_url, "Foto-Kegiatan-Bupati-U.jpg");

  g_assert_true (fake_wp_get_media (fake, media->id, &size, &sha256, &filename, &mime_type));
  g_assert_cmpint (size, ==, UPLOAD_SIZE);
  g_assert_cmpstr (sha256, ==, expected);
  g_assert_cmpstr (filename, ==, "Foto-Kegiatan-Bupati-U.jpg");
  g_assert_cmpstr (mime_type, ==, "image/jpeg");

  g_assert_cmpuint (progress.calls, >, 8);
  g_assert_true (progress.monotonic);
  g_assert_cmpint (progress.last, ==, UPLOAD_SIZE);
  g_assert_cmpint (progress.total, ==, UPLOAD_SIZE);

  /* The body streamed: the process did not grow by anything like it. Under
   * AddressSanitizer the resident size says little, so only there it is
   * not measured. */
  g_test_message ("peak RSS %" G_GINT64_FORMAT " KiB → %" G_GINT64_FORMAT " KiB", before, after);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_true (measured);
  g_assert_cmpint (before, >, 0);
  g_assert_cmpint (after - before, <, 12 * 1024);
#else
  (void)measured;
#endif

  found = warta_wp_find_media (wp, "foto-kegiatan", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, media->id);
  g_clear_pointer (&found, warta_wp_media_free);
  found = warta_wp_find_media (wp, "foto", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

static void
test_upload_names (void)
{
  const struct { const char *name; const char *type; const char *sent; } table[] = {
    { "laporan.png", "application/pdf", "laporan.pdf" },
    { "Surat Edaran No. 5:2026.PDF", "application/pdf", "Surat-Edaran-No.-5-2026.pdf" },
    { "ñandú.webp", "image/webp", "nandu.webp" },
    { "gambar", "image/gif", "gambar.gif" },
    { "....png", "image/png", "file.png" },
    { "video klip.mov", "video/mp4; codecs=avc1", "video-klip.mp4" },
  };
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WartaWpMedia) media = upload_small (wp, table[i].name, table[i].type, &error);
      g_autofree char *filename = NULL;

      g_assert_no_error (error);
      g_assert_true (fake_wp_get_media (fake, media->id, NULL, NULL, &filename, NULL));
      g_assert_cmpstr (filename, ==, table[i].sent);
    }
  g_assert_cmpuint (fake_wp_count_media (fake), ==, G_N_ELEMENTS (table));
}

static void
test_upload_refused_type (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpMedia) media = upload_small (wp, "program.exe", "application/x-msdownload", &error);

  g_assert_null (media);
  assert_wp_error (error, WARTA_WP_ERROR_REJECTED);
  assert_contains (error->message, "rest_upload_sideload_error");
  g_assert_false (warta_wp_error_is_transient (error));
}

/* --- Faults -------------------------------------------------------------------------------- */

typedef struct
{
  guint         status;
  const char   *code;
  WartaWpError  expected;
  const char   *says;
} StatusCase;

static void
test_status_faults (void)
{
  const StatusCase cases[] = {
    { 500, NULL, WARTA_WP_ERROR_SERVER, "internal_server_error" },
    { 502, "bad_gateway", WARTA_WP_ERROR_SERVER, "502" },
    { 503, "maintenance", WARTA_WP_ERROR_SERVER, "maintenance" },
    { 403, "rest_cannot_publish", WARTA_WP_ERROR_FORBIDDEN, "Author or Editor" },
    { 403, "rest_cannot_create", WARTA_WP_ERROR_FORBIDDEN, "may not create posts" },
    { 403, "waf_block", WARTA_WP_ERROR_FORBIDDEN, "waf_block" },
    { 413, "too_big", WARTA_WP_ERROR_TOO_LARGE, "upload_max_filesize" },
    { 404, "rest_no_route", WARTA_WP_ERROR_NO_ROUTE, "rest_no_route" },
    { 400, "rest_invalid_param", WARTA_WP_ERROR_REJECTED, "Invalid parameter" },
    { 409, "conflict", WARTA_WP_ERROR_REJECTED, "conflict" },
    /* The password is right, so a 401 means the header went missing. */
    { 401, "rest_cannot_create", WARTA_WP_ERROR_AUTH_STRIPPED, "HTTP_AUTHORIZATION" },
  };
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WartaWpPost) post = NULL;
      WartaWpPostFields fields = { .title = "Gangguan", .content = "x", .status = "publish", .slug = "gangguan" };
      FakeWpFault fault = { .method = "POST", .route = "/wp/v2/posts", .kind = FAKE_WP_FAULT_STATUS,
                            .status = cases[i].status, .code = cases[i].code,
                            .message = cases[i].status == 400 ? "Invalid parameter(s): status" : NULL };

      fake_wp_add_fault (fake, &fault);
      post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
      g_assert_null (post);
      assert_wp_error (error, cases[i].expected);
      assert_contains (error->message, cases[i].says);
      g_assert_cmpint (warta_wp_error_is_transient (error), ==, cases[i].status >= 500);
    }
  g_assert_cmpuint (fake_wp_count_posts (fake, NULL), ==, 0);
  g_assert_cmpuint (fake_wp_count_faults (fake), ==, 0);
}

static void
test_nth_fault (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) first = NULL;
  g_autoptr(WartaWpPost) second = NULL;
  FakeWpFault fault = { .method = "GET", .route = "/wp/v2/posts/*", .nth = 2, .kind = FAKE_WP_FAULT_STATUS,
                        .status = 503 };
  g_autoptr(WartaWpPost) post = save (wp, 0, "N", "n", "publish");

  fake_wp_add_fault (fake, &fault);
  first = warta_wp_get_post (wp, post->id, NULL, &error);
  g_assert_no_error (error);
  second = warta_wp_get_post (wp, post->id, NULL, &error);
  g_assert_null (second);
  assert_wp_error (error, WARTA_WP_ERROR_SERVER);
}

static void
test_timeout (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  FakeWpFault fault = { .method = "GET", .route = "/wp/v2/posts", .kind = FAKE_WP_FAULT_TIMEOUT, .delay_ms = 4000 };
  gint64 started;

  warta_wp_set_timeout (wp, 1);
  fake_wp_add_fault (fake, &fault);
  started = g_get_monotonic_time ();
  post = warta_wp_find_post (wp, "lambat", NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  g_assert_true (warta_wp_error_is_transient (error));
}

static void
test_drop_after (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  g_autoptr(WartaWpPost) found = NULL;
  FakeWpFault fault = { .method = "POST", .route = "/wp/v2/posts", .kind = FAKE_WP_FAULT_DROP_AFTER };
  WartaWpPostFields fields = { .title = "Terputus", .content = "x", .status = "publish", .slug = "terputus" };

  fake_wp_add_fault (fake, &fault);
  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_NETWORK);
  g_assert_true (warta_wp_error_is_transient (error));
  g_clear_error (&error);

  /* The post was made, once: the publisher finds it by slug before retrying. */
  g_assert_cmpuint (fake_wp_count_posts (fake, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_requests (fake, "POST", "/wp/v2/posts"), ==, 1);
  found = warta_wp_find_post (wp, "terputus", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
}

static void
test_drop_before (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  FakeWpFault fault = { .method = "POST", .route = "/wp/v2/posts", .kind = FAKE_WP_FAULT_DROP_BEFORE };
  WartaWpPostFields fields = { .title = "Terputus", .content = "x", .status = "publish", .slug = "terputus" };

  fake_wp_add_fault (fake, &fault);
  post = warta_wp_save_post (wp, 0, &fields, NULL, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_NETWORK);
  g_assert_cmpuint (fake_wp_count_posts (fake, NULL), ==, 0);
}

static void
test_slow_body (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpPost) post = save (wp, 0, "Pelan", "pelan", "publish");
  g_autoptr(WartaWpPost) got = NULL;
  FakeWpFault fault = { .method = "GET", .route = "/wp/v2/posts/*", .kind = FAKE_WP_FAULT_SLOW_BODY, .delay_ms = 250 };
  gint64 started;

  /* Each chunk comes well within the timeout; the whole takes longer. */
  warta_wp_set_timeout (wp, 1);
  fake_wp_add_fault (fake, &fault);
  started = g_get_monotonic_time ();
  got = warta_wp_get_post (wp, post->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpint (got->id, ==, post->id);
  g_assert_cmpint (g_get_monotonic_time () - started, >, 3 * G_USEC_PER_SEC / 2);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WartaWpPost) post = NULL;
  g_autoptr(WartaWpReport) report = NULL;
  FakeWpFault fault = { .method = "GET", .route = "/wp/v2/users/me", .kind = FAKE_WP_FAULT_TIMEOUT,
                        .delay_ms = 5000 };
  GThread *thread;
  gint64 started;
  guint before;

  fake_wp_add_fault (fake, &fault);
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  started = g_get_monotonic_time ();
  report = warta_wp_test (wp, cancellable, &error);
  g_thread_join (thread);
  g_assert_null (report);
  assert_wp_error (error, WARTA_WP_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Already cancelled: nothing is sent. */
  before = fake_wp_count_requests (fake, NULL, NULL);
  post = warta_wp_find_post (wp, "x", cancellable, &error);
  g_assert_null (post);
  assert_wp_error (error, WARTA_WP_ERROR_CANCELLED);
  g_assert_cmpuint (fake_wp_count_requests (fake, NULL, NULL), ==, before);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_refused (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", closed_port ());
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWp) wp = warta_wp_new (url, "admin", "x", &error);
  g_autoptr(WartaWpReport) report = NULL;
  g_autoptr(WartaWpPage) page = NULL;

  g_assert_no_error (error);
  report = warta_wp_test (wp, NULL, &error);
  assert_wp_error (error, WARTA_WP_ERROR_REFUSED);
  g_assert_true (warta_wp_error_is_transient (error));
  g_assert_cmpint (report->state[WARTA_WP_CHECK_URL], ==, WARTA_WP_CHECK_FAILED);
  g_assert_cmpint (report->state[WARTA_WP_CHECK_ROUTE], ==, WARTA_WP_CHECK_NOT_RUN);
  g_clear_error (&error);

  page = warta_wp_fetch_page (url, "x", 5, NULL, &error);
  g_assert_null (page);
  assert_wp_error (error, WARTA_WP_ERROR_REFUSED);
}

static void
test_dns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWp) wp = warta_wp_new ("https://situs-warta-uji.invalid/", "admin", "x", &error);
  g_autoptr(WartaWpReport) report = NULL;

  g_assert_no_error (error);
  warta_wp_set_timeout (wp, 10);
  report = warta_wp_test (wp, NULL, &error);
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_DNS);
  assert_contains (error->message, "situs-warta-uji.invalid");
  g_assert_cmpint (report->state[WARTA_WP_CHECK_URL], ==, WARTA_WP_CHECK_FAILED);
}

/* --- The public page ------------------------------------------------------------------------ */

static void
test_normalize (void)
{
  const struct { const char *a; const char *b; } same[] = {
    { "Rapat &#8220;Koordinasi&#8221; &#038; Evaluasi &#8211; Tahap&nbsp;II&#8230;",
      "rapat \"koordinasi\" & evaluasi - tahap ii..." },
    { "Bupati&#8217;s   <em>visit</em>\n", "Bupati's visit" },
    { "&#x2018;A&#x2019; &mdash; &lt;b&gt;", "\xe2\x80\x98" "a" "\xe2\x80\x99 - &lt;B&gt;" },
    { "Caf\xc3\xa9 &amp;amp;", "CAFE\xcc\x81 &#38;amp;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = _warta_wp_normalize_text (same[i].a, -1);
      g_autofree char *b = _warta_wp_normalize_text (same[i].b, -1);

      g_assert_cmpstr (a, ==, b);
    }
  {
    g_autofree char *broken = _warta_wp_normalize_text ("a &bogus; b &#99999999; <unclosed", -1);

    g_assert_cmpstr (broken, ==, "a &bogus; b &#99999999;");
  }
}

static void
test_fetch_page (void)
{
  g_autoptr(FakeWp) fake = fake_wp_new ();
  g_autoptr(WartaWp) wp = admin_client (fake);
  const char *title = "Rapat \"Koordinasi\" & Evaluasi - Bupati's Kunjungan...";
  g_autoptr(WartaWpPost) post = save (wp, 0, title, "rapat-evaluasi", "publish");
  g_autoptr(WartaWpPage) page = NULL;
  g_autoptr(WartaWpPage) other = NULL;
  g_autoptr(WartaWpPage) redirected = NULL;
  g_autoptr(WartaWpPage) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by_id = NULL;

  /* The theme prints the texturized title; both forms are found. */
  assert_contains (post->title_rendered, "&#8220;Koordinasi&#8221;");
  page = warta_wp_fetch_page (post->link, title, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (page->title_found);
  g_assert_cmpstr (page->final_url, ==, post->link);
  g_assert_cmpint (page->size, >, 100);
  g_assert_cmpuint (strlen (page->sha256), ==, 64);
  g_assert_cmpint (page->elapsed_us, >, 0);

  other = warta_wp_fetch_page (post->link, "RAPAT “KOORDINASI” & EVALUASI – BUPATI’S KUNJUNGAN…", 5, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_true (other->title_found);
  g_assert_cmpstr (other->sha256, ==, page->sha256);
  g_clear_pointer (&other, warta_wp_page_free);

  other = warta_wp_fetch_page (post->link, "Rapat Lain", 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (other->title_found);

  by_id = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, fake_wp_get_url (fake), post->id);
  redirected = warta_wp_fetch_page (by_id, title, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (redirected->status, ==, 200);
  g_assert_cmpstr (redirected->final_url, ==, post->link);
  g_assert_true (redirected->title_found);

  missing = warta_wp_fetch_page (post->link, title, 5, NULL, &error);
  g_clear_pointer (&missing, warta_wp_page_free);
  fake_wp_delete (fake, post->id);
  missing = warta_wp_fetch_page (post->link, title, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_false (missing->title_found);

  /* Anonymous, always. */
  g_assert_false (fake_wp_saw_authorization (fake, "site:*"));
  g_assert_true (fake_wp_saw_authorization (fake, "/wp/v2/posts"));

  g_assert_null (warta_wp_fetch_page ("http://example.go.id/x/", title, 5, NULL, &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INSECURE);
}

/* The proxy rule itself: whatever a session's resolver says, credentials
 * over plain http go only straight to a loopback host; https may pass a
 * proxy. The client's own resolver sends http and loopback direct. */
static void
test_proxy_rule (void)
{
  g_autoptr(SoupSession) session = _warta_wp_session_new (5);
  g_autoptr(GProxyResolver) via_proxy = g_simple_proxy_resolver_new ("http://127.0.0.3:3128", NULL);
  g_autoptr(SoupSession) proxied = soup_session_new_with_options ("proxy-resolver", via_proxy, NULL);
  g_autoptr(SoupMessage) loopback = soup_message_new (SOUP_METHOD_GET, "http://127.0.0.2:8111/wp-json/");
  g_autoptr(SoupMessage) secure = soup_message_new (SOUP_METHOD_GET, "https://diskominfo.example.go.id/wp-json/");
  g_autoptr(GError) error = NULL;

  g_assert_true (_warta_wp_uri_goes_direct ("http://127.0.0.2:8111/"));
  g_assert_true (_warta_wp_uri_goes_direct ("http://example.go.id/"));
  g_assert_true (_warta_wp_uri_goes_direct ("https://localhost/"));
  g_assert_true (_warta_wp_uri_goes_direct ("https://[::1]:8443/"));
  g_assert_false (_warta_wp_uri_goes_direct ("https://diskominfo.example.go.id/"));

  g_assert_true (_warta_wp_check_clear_route (session, loopback, &error));
  g_assert_no_error (error);
  g_assert_true (_warta_wp_check_clear_route (proxied, secure, &error));
  g_assert_no_error (error);
  g_assert_false (_warta_wp_check_clear_route (proxied, loopback, &error));
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INSECURE);
  g_test_message ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp/url/rules", test_url_rules);
  g_test_add_func ("/wp/url/proxy-rule", test_proxy_rule);
  g_test_add_func ("/wp/error/transient", test_transient);
  g_test_add_func ("/wp/test/admin", test_report_admin);
  g_test_add_func ("/wp/test/author", test_report_author);
  g_test_add_func ("/wp/test/contributor", test_report_contributor);
  g_test_add_func ("/wp/test/wrong-password", test_report_wrong_password);
  g_test_add_func ("/wp/test/stripped", test_report_stripped);
  g_test_add_func ("/wp/test/stripped-write", test_report_stripped_write);
  g_test_add_func ("/wp/test/xmlrpc-unavailable", test_report_xmlrpc_unavailable);
  g_test_add_func ("/wp/test/not-wordpress", test_not_wordpress);
  g_test_add_func ("/wp/route/plain-permalinks", test_plain_permalinks);
  g_test_add_func ("/wp/posts/save-find-get", test_posts);
  g_test_add_func ("/wp/posts/draft-future", test_draft_link);
  g_test_add_func ("/wp/posts/withdraw", test_withdraw);
  g_test_add_func ("/wp/posts/not-found", test_not_found);
  g_test_add_func ("/wp/posts/dropped-ids", test_dropped_ids);
  g_test_add_func ("/wp/posts/contributor", test_contributor);
  g_test_add_func ("/wp/terms/ensure", test_terms);
  g_test_add_func ("/wp/terms/author", test_terms_author);
  g_test_add_func ("/wp/media/stream-32mib", test_upload_stream);
  g_test_add_func ("/wp/media/file-names", test_upload_names);
  g_test_add_func ("/wp/media/refused-type", test_upload_refused_type);
  g_test_add_func ("/wp/fault/status", test_status_faults);
  g_test_add_func ("/wp/fault/nth", test_nth_fault);
  g_test_add_func ("/wp/fault/timeout", test_timeout);
  g_test_add_func ("/wp/fault/drop-after", test_drop_after);
  g_test_add_func ("/wp/fault/drop-before", test_drop_before);
  g_test_add_func ("/wp/fault/slow-body", test_slow_body);
  g_test_add_func ("/wp/fault/cancel", test_cancel);
  g_test_add_func ("/wp/net/refused", test_refused);
  g_test_add_func ("/wp/net/dns", test_dns);
  g_test_add_func ("/wp/page/normalize", test_normalize);
  g_test_add_func ("/wp/page/fetch", test_fetch_page);

  return g_test_run ();
}
