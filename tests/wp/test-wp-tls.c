/* test-wp-tls.c: the WordPress client against a site whose certificate
 * cannot be trusted
 *
 * Apart from test-wp because glib-networking's TLS backend makes
 * LeakSanitizer itself crash at exit, so this cannot run in the core
 * suite, which runs under AddressSanitizer with leak detection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fake-wp.h"
#include "warta-wp.h"

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* A self-signed certificate for 127.0.0.1 made now, with openssl. */
static GTlsCertificate *
make_certificate (const char *dir)
{
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                         "-days", "2", "-subj", "/CN=warta-uji.example", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  int status = 0;
  GTlsCertificate *certificate;

  if (openssl == NULL)
    g_error ("openssl is needed for the TLS test: install the openssl package");
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_unlink (key);
  g_unlink (cert);
  return certificate;
}

static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("warta-tls-XXXXXX", &error);
  g_autoptr(GTlsCertificate) certificate = make_certificate (dir);
  g_autoptr(FakeWp) fake = fake_wp_new_tls (certificate);
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(WartaWpReport) report = NULL;
  g_autoptr(WartaWpPage) page = NULL;
  g_autofree char *post_url = NULL;

  g_rmdir (dir);
  g_assert_true (g_str_has_prefix (fake_wp_get_url (fake), "https://"));
  wp = warta_wp_new (fake_wp_get_url (fake), FAKE_WP_ADMIN, FAKE_WP_ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  report = warta_wp_test (wp, NULL, &error);
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TLS);
  g_test_message ("message: %s", error->message);
  assert_contains (error->message, "127.0.0.1");
  g_assert_null (strstr (error->message, FAKE_WP_ADMIN_PASSWORD));
  assert_contains (error->message, "certificate authority");
  assert_contains (error->message, "another host name");
  g_assert_false (warta_wp_error_is_transient (error));
  g_assert_cmpint (report->state[WARTA_WP_CHECK_URL], ==, WARTA_WP_CHECK_FAILED);
  /* Never bypassed: nothing reached the site. */
  g_assert_cmpuint (fake_wp_count_requests (fake, NULL, NULL), ==, 0);
  g_clear_error (&error);

  page = warta_wp_fetch_page (fake_wp_get_url (fake), "x", 5, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TLS);
  assert_contains (error->message, "certificate authority");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp/net/tls", test_tls);

  return g_test_run ();
}
