/* test-publish.c: who may publish, what is remembered, when the step is done
 *
 * The engine's side of publishing, without a network: sites, the
 * publication's stable slug, recording remote ids, the rule that a publish
 * step completes only when proven live, withdrawal, and the Markdown that
 * goes to the site.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "warta-publisher.h"
#include "warta-sample.h"
#include "warta-url.h"

#define SOP_ID "bbkk-medan-publikasi-website"

typedef struct
{
  TestDb *db;
  gint64  staff, katim, kepala, web, web2, outsider;
  gint64  case_id;
} Fixture;

/* Seed 002 up to step 6, the admin website's upload. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  WartaEngine *e;
  g_autoptr(GError) error = NULL;

  f->db = test_db_new ();
  e = f->db->engine;
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);
  f->web2 = test_db_add_user (f->db, "web2", "admin-website", NULL);
  f->outsider = test_db_add_user (f->db, "luar", "staff-tim-kerja", NULL);

  f->case_id = warta_engine_start_case (e, f->staff, SOP_ID, "Vaksinasi di Pelabuhan", &error);
  g_assert_no_error (error);
  test_db_write_naskah (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (e, f->staff, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_true (warta_engine_dispose (e, f->kepala, f->case_id, f->katim, "Periksa", &error));
  g_assert_true (warta_engine_complete (e, f->katim, f->case_id, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_db_free (f->db);
}

static gint64
add_site (Fixture    *f,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  WartaSite site = { .name = (char *)name, .url = (char *)"https://situs.example.go.id/", .user = (char *)"redaksi" };
  gint64 id = warta_engine_add_site (f->db->engine, f->db->admin, &site, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_sites (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSite) found = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  WartaSite site = { .name = (char *)"Situs", .url = (char *)"https://bbkk.example.go.id/", .user = (char *)"redaksi" };
  WartaSite plain = { .name = (char *)"Polos", .url = (char *)"http://bbkk.example.go.id/", .user = (char *)"redaksi" };
  WartaSite loopback = { .name = (char *)"Lokal", .url = (char *)"http://127.0.0.1:8080/", .user = (char *)"redaksi" };
  WartaSite nameless = { .name = (char *)" ", .url = (char *)"https://bbkk.example.go.id/", .user = (char *)"redaksi" };
  gint64 id, again;

  /* An administrator's, and only with an address Warta will send a password to */
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->web, &site, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->db->admin, &plain, &error), ==, 0);
  g_assert_error (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INSECURE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->db->admin, &nameless, &error), ==, 0);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM sites"), ==, 0);

  id = warta_engine_add_site (f->db->engine, f->db->admin, &site, &error);
  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_add_site (f->db->engine, f->db->admin, &loopback, &error), >, 0);
  g_assert_no_error (error);

  /* The same name again changes that site */
  site.user = (char *)"humas";
  again = warta_engine_add_site (f->db->engine, f->db->admin, &site, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  found = warta_store_find_site (f->db->store, "Situs", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->user, ==, "humas");
  g_assert_null (found->credentials_file);

  sites = warta_store_list_sites (f->db->store, &error);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind IN ('site.add', 'site.change')"), ==, 3);
  /* The password is never in the database */
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE payload LIKE '%password%'"), ==, 0);
}

static void
test_prepare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPublication) first = NULL;
  g_autoptr(WartaPublication) second = NULL;
  g_autoptr(WartaPublication) refused = NULL;
  const char *categories[] = { "Berita", " Kesehatan ", "", NULL };
  WartaPublishOptions options = { .status = "publish", .categories = categories };
  WartaPublishOptions bad = { .status = "terbit" };
  WartaPublishOptions past = { .status = "future", .scheduled_at = 1 };
  gint64 site = add_site (f, "Situs");

  /* Only the holder of the active publish step */
  refused = warta_engine_prepare_publication (f->db->engine, f->staff, f->case_id, site, NULL, &options, &error);
  g_assert_null (refused);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (warta_engine_prepare_publication (f->db->engine, f->web, f->case_id, site, NULL, &bad, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (warta_engine_prepare_publication (f->db->engine, f->web, f->case_id, site, NULL, &past, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications"), ==, 0);

  first = warta_engine_prepare_publication (f->db->engine, f->web, f->case_id, site, NULL, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first->slug, "vaksinasi-di-pelabuhan-w"));
  g_assert_cmpuint (g_strv_length (first->categories), ==, 2);
  g_assert_cmpstr (first->categories[1], ==, "Kesehatan");

  /* Either of the lane may carry on; the slug never changes */
  second = warta_engine_prepare_publication (f->db->engine, f->web2, f->case_id, site, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->id, ==, first->id);
  g_assert_cmpstr (second->slug, ==, first->slug);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications"), ==, 1);
}

static void
test_complete_needs_proof (Fixture       *f,
                           gconstpointer  data)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  gint64 site = add_site (f, "Situs");

  g_assert_false (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  publication = warta_engine_prepare_publication (e, f->web, f->case_id, site, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Posted but not seen live */
  publication->post_id = 41;
  publication->link = g_strdup ("https://situs.example.go.id/vaksinasi/");
  publication->remote_status = g_strdup ("publish");
  g_assert_true (warta_engine_record_publication (e, f->web, publication, WARTA_PUBLICATION_POSTED, &error));
  g_assert_false (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
  g_clear_error (&error);

  /* Seen, but the page did not show the title */
  publication->verified_at = f->db->now;
  publication->http_status = 200;
  publication->title_found = FALSE;
  g_assert_true (warta_engine_record_publication (e, f->web, publication, WARTA_PUBLICATION_VERIFIED, &error));
  g_assert_false (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_clear_error (&error);

  /* Seen with its title, but without its screenshot */
  publication->title_found = TRUE;
  g_assert_true (warta_engine_record_publication (e, f->web, publication, WARTA_PUBLICATION_VERIFIED, &error));
  g_assert_false (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_clear_error (&error);

  /* Someone else of another lane may record nothing */
  g_assert_false (warta_engine_record_publication (e, f->staff, publication, WARTA_PUBLICATION_VERIFIED, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_true (warta_sample_prove_publication (e, f->web, f->case_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_assert_no_error (error);

  publications = warta_store_list_publications (f->db->store, f->case_id, &error);
  g_assert_cmpuint (publications->len, ==, 2);
  g_assert_true (warta_publication_is_verified (g_ptr_array_index (publications, 1)));
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'publication.verify'"), ==, 3);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'publication.screenshot'"), ==, 1);
}

/* After the step the website team and administrators may still withdraw;
 * nobody else, and never without a reason. */
static void
test_withdraw (Fixture       *f,
               gconstpointer  data)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPublisher) publisher = warta_publisher_new (e);
  g_autoptr(GPtrArray) publications = NULL;
  WartaPublication *publication;

  g_assert_true (warta_sample_prove_publication (e, f->web, f->case_id, NULL, &error));
  g_assert_true (warta_engine_complete (e, f->web, f->case_id, NULL, &error));
  g_assert_no_error (error);
  publications = warta_store_list_publications (f->db->store, f->case_id, &error);
  publication = g_ptr_array_index (publications, 0);

  g_assert_false (warta_publisher_withdraw (publisher, f->web2, publication, NULL, FALSE, "  ", NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (warta_publisher_withdraw (publisher, f->outsider, publication, NULL, FALSE, "Salah data", NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'publication.withdraw'"), ==, 0);

  g_assert_true (warta_publisher_withdraw (publisher, f->web2, publication, NULL, FALSE, "Salah data", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (warta_publication_is_verified (publication));
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'publication.withdraw' "
                                         "AND payload LIKE '%Salah data%'"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM publications WHERE withdrawn_at IS NOT NULL"), ==, 1);

  /* An administrator may too */
  g_assert_true (warta_publisher_withdraw (publisher, f->db->admin, publication, NULL, TRUE, "Ditarik", NULL, &error));
  g_assert_no_error (error);
}

/* A file that went to a site, or is a page's screenshot, stays. */
static void
test_published_files_stay (Fixture       *f,
                           gconstpointer  data)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  gint64 site = add_site (f, "Situs");
  gint64 photo = test_db_attach (f->db, f->web, f->case_id, "foto");
  gint64 memo = test_db_attach (f->db, f->web, f->case_id, "nota-dinas");

  /* By kind until someone says otherwise */
  attachment = warta_store_get_attachment (f->db->store, memo, &error);
  g_assert_false (warta_attachment_goes_to_site (attachment));
  g_clear_pointer (&attachment, warta_attachment_free);
  g_assert_false (warta_engine_set_attachment_for_site (e, f->staff, memo, TRUE, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (warta_engine_set_attachment_for_site (e, f->web, memo, TRUE, &error));
  attachment = warta_store_get_attachment (f->db->store, memo, &error);
  g_assert_true (warta_attachment_goes_to_site (attachment));
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'attachment.for-site'"), ==, 1);

  publication = warta_engine_prepare_publication (e, f->web, f->case_id, site, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (warta_engine_record_media (e, f->web, publication, photo, 7, "https://situs/foto.png", &error));
  g_assert_no_error (error);

  g_assert_false (warta_engine_remove_attachment (e, f->web, photo, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_true (warta_engine_remove_attachment (e, f->web, memo, &error));
  g_assert_no_error (error);
}

static void
test_markdown (void)
{
  g_autofree char *html = warta_publisher_render_html ("# Judul\n\nVaksinasi **gratis** di <b>Belawan</b>.\n\n"
                                                       "<script>alert(1)</script>\n\n"
                                                       "[tautan](javascript:alert(1)) dan [resmi](https://kemkes.go.id/)\n");

  g_test_message ("%s", html);
  g_assert_nonnull (strstr (html, "<h1>Judul</h1>"));
  g_assert_nonnull (strstr (html, "<strong>gratis</strong>"));
  /* Raw HTML is kept as text, escaped, never run */
  g_assert_nonnull (strstr (html, "&lt;b&gt;Belawan&lt;/b&gt;"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  /* A javascript: link loses its target; a real one keeps it */
  g_assert_null (strstr (html, "href=\"javascript"));
  g_assert_nonnull (strstr (html, "href=\"https://kemkes.go.id/\""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/publish/sites", test_sites);
  ADD ("/publish/prepare", test_prepare);
  ADD ("/publish/complete-needs-proof", test_complete_needs_proof);
  ADD ("/publish/withdraw", test_withdraw);
  ADD ("/publish/published-files-stay", test_published_files_stay);
#undef ADD
  g_test_add_func ("/publish/markdown", test_markdown);

  return g_test_run ();
}
