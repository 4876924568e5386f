/* bench-publish.c: a case with 20 MiB of files onto a real WordPress
 *
 * Starts Debian's WordPress on loopback (tests/wordpress/wp-site.sh) and
 * publishes a case of seed 002 with two 10 MiB documents through the
 * publisher (media looked up, then streamed from the store, then the
 * post), against curl sending the same requests from files on disk in the
 * same run: the REST index, users/me, a lookup and an upload per file, the
 * category lookup, the post lookup and the post. Each side publishes a
 * fresh case per round, so both make everything; the median of three.
 * Also prints how much Warta's peak resident size grew while publishing:
 * it streams, so 20 MiB of files must not show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "warta-publisher.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define FILE_SIZE (10 * 1024 * 1024)
#define ROUNDS 3

typedef struct
{
  char *url, *user, *password;
} Site;

static char *
site_env (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, "site.env", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        char *value = g_strdup (lines[i] + strlen (prefix));

        /* site.env quotes its values for sh */
        if (value[0] == '\'' && strlen (value) >= 2)
          {
            char *unquoted = g_strndup (value + 1, strlen (value) - 2);

            g_free (value);
            value = unquoted;
          }
        return value;
      }
  g_error ("site.env has no %s", name);
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s%s", argv[0], error->message, out ? out : "", err ? err : "");
}

/* A real PDF, as the engine takes only what its content bears out: one
 * empty page, and an object that nothing draws holding FILE_SIZE bytes of
 * noise, so the file is as big as the publish is meant to send. */
static char *
write_document (const char *dir,
                const char *name,
                guint       seed)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) pdf = g_string_sized_new (FILE_SIZE + 1024);
  gsize offsets[6];

  g_string_append (pdf, "%PDF-1.4\n");
  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>> endobj\n");
  offsets[4] = pdf->len;
  g_string_append (pdf, "4 0 obj <</Length 0>> stream\n\nendstream endobj\n");
  offsets[5] = pdf->len;
  g_string_append_printf (pdf, "5 0 obj <</Length %u>> stream\n", FILE_SIZE);
  for (gsize i = 0; i < FILE_SIZE / 4; i++)
    {
      guint32 word = g_rand_int (rand);

      g_string_append_len (pdf, (const char *)&word, sizeof word);
    }
  g_string_append (pdf, "\nendstream endobj\n");
  {
    gsize xref = pdf->len;

    g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
    for (guint i = 1; i <= 5; i++)
      g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
    g_string_append_printf (pdf, "trailer <</Size 6 /Root 1 0 R>>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  }
  g_assert_true (g_file_set_contents (path, pdf->str, pdf->len, NULL));
  return g_steal_pointer (&path);
}

/* Seed 002 at step 6 with the two documents for the site. */
static gint64
case_at_publish_step (TestDb     *db,
                      const char *doc1,
                      const char *doc2,
                      guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Laporan kegiatan putaran %u", round);
  gint64 staff = test_db_add_user (db, g_strdup_printf ("staf%u", round), "staff-tim-kerja", NULL);
  gint64 katim = test_db_add_user (db, g_strdup_printf ("katim%u", round), "katimker-layanan-publik-zi", NULL);
  gint64 kepala = test_db_add_user (db, g_strdup_printf ("kepala%u", round), "kepala-satker", NULL);
  gint64 id = warta_engine_start_case (db->engine, staff, SOP_ID, title, &error);
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (id);
  g_autoptr(GFile) file1 = g_file_new_for_path (doc1);
  g_autoptr(GFile) file2 = g_file_new_for_path (doc2);

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (title);
  naskah->body = g_strdup ("Laporan kegiatan **lengkap** dengan lampiran.");
  g_assert_true (warta_engine_save_naskah (db->engine, staff, naskah, &error));
  g_assert_true (warta_engine_complete (db->engine, staff, id, NULL, &error));
  test_db_attach (db, staff, id, "nota-dinas");
  g_assert_cmpint (warta_engine_attach (db->engine, staff, id, file1, "dokumen-pendukung", NULL, NULL, NULL, &error), >, 0);
  g_assert_cmpint (warta_engine_attach (db->engine, staff, id, file2, "dokumen-pendukung", NULL, NULL, NULL, &error), >, 0);
  g_assert_true (warta_engine_complete (db->engine, staff, id, NULL, &error));
  g_assert_true (warta_engine_complete (db->engine, katim, id, NULL, &error));
  g_assert_true (warta_engine_dispose (db->engine, kepala, id, katim, "Periksa", &error));
  g_assert_true (warta_engine_complete (db->engine, katim, id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
read_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

static double
publish_warta (TestDb     *db,
               const Site *site,
               gint64      site_id,
               gint64      case_id,
               gint64      web,
               gint64     *rss_growth_kib)
{
  g_autoptr(WartaPublisher) publisher = warta_publisher_new (db->engine);
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GError) error = NULL;
  const char *categories[] = { "Berita", NULL };
  WartaPublishRequest request = {
    .actor = web, .case_id = case_id, .site_id = site_id, .password = site->password,
    .options = { .categories = categories },
  };
  FILE *clear = fopen ("/proc/self/clear_refs", "w");
  gint64 start, base;

  /* The peak since this point: VmHWM is reset through clear_refs. */
  g_assert_nonnull (clear);
  g_assert_cmpint (fputs ("5", clear), >=, 0);
  g_assert_cmpint (fclose (clear), ==, 0);
  base = read_kib ("VmRSS:");
  start = g_get_monotonic_time ();
  publication = warta_publisher_publish (publisher, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (publication->post_id, >, 0);
  *rss_growth_kib = read_kib ("VmHWM:") - base;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* curl URL with the site's credentials and the NULL-terminated arguments. */
static void
curl (const Site *site,
      const char *url,
      ...)
{
  g_autofree char *auth = g_strdup_printf ("%s:%s", site->user, site->password);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  /* No "Expect: 100-continue": php -S never answers it, and curl would
   * wait a second before each upload for nothing. */
  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (argv, (char *)((const char *[]){ "curl", "-sS", "--fail", "-o", "/dev/null",
                                                      "-H", "Expect:", "-u" })[i]);
  g_ptr_array_add (argv, auth);
  g_ptr_array_add (argv, (char *)url);
  va_start (args, url);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run ((const char * const *)argv->pdata);
}

/* The requests Warta makes, one curl each, from the files on disk. */
static double
publish_curl (const Site *site,
              const char *doc1,
              const char *doc2,
              guint       round)
{
  g_autofree char *api = g_strconcat (site->url, "wp-json/wp/v2/", NULL);
  g_autofree char *index = g_strconcat (site->url, "wp-json/", NULL);
  g_autofree char *me = g_strconcat (api, "users/me?context=edit", NULL);
  g_autofree char *categories = g_strconcat (api, "categories?search=Berita&per_page=100", NULL);
  g_autofree char *slug = g_strdup_printf ("referensi-putaran-%u-%d", round, g_random_int_range (0, 1 << 20));
  g_autofree char *posts_lookup = g_strdup_printf ("%sposts?slug=%s&status=publish,future,draft,pending,private,trash"
                                                   "&context=edit", api, slug);
  g_autofree char *post_url = g_strconcat (api, "posts", NULL);
  g_autofree char *body = g_strdup_printf ("{\"title\":\"Referensi %u\",\"content\":\"<p>Laporan kegiatan "
                                           "<strong>lengkap</strong> dengan lampiran.</p>\",\"status\":\"publish\","
                                           "\"slug\":\"%s\",\"categories\":[1]}", round, slug);
  const char *docs[] = { doc1, doc2 };
  gint64 start = g_get_monotonic_time ();

  curl (site, index, NULL);
  curl (site, me, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autofree char *lookup = g_strdup_printf ("%smedia?slug=%s-m%u&context=edit", api, slug, i);
      g_autofree char *upload = g_strdup_printf ("%smedia?slug=%s-m%u&title=dokumen-%u", api, slug, i, i);
      g_autofree char *data = g_strconcat ("@", docs[i], NULL);

      curl (site, lookup, NULL);
      curl (site, upload, "-H", "Content-Type: application/pdf",
            "-H", "Content-Disposition: attachment; filename=\"dokumen.pdf\"", "--data-binary", data, NULL);
    }
  curl (site, categories, NULL);
  curl (site, posts_lookup, NULL);
  curl (site, post_url, "-H", "Content-Type: application/json", "--data-binary", body, NULL);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("warta-bench-publish-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "wordpress", "wp-site.sh", NULL);
  g_autofree char *doc1 = NULL;
  g_autofree char *doc2 = NULL;
  g_autoptr(GError) error = NULL;
  TestDb *db;
  Site site;
  WartaSite row = { .name = (char *)"Situs" };
  gint64 site_id, web, growth = 0, max_growth = 0;
  double warta[ROUNDS], reference[ROUNDS];

  g_test_init (&argc, &argv, NULL);
  run ((const char *[]){ "sh", script, "start", dir, NULL });
  site.url = site_env (dir, "WP_URL");
  if (!g_str_has_suffix (site.url, "/"))
    {
      char *slashed = g_strconcat (site.url, "/", NULL);

      g_free (site.url);
      site.url = slashed;
    }
  site.user = site_env (dir, "WP_ADMIN_USER");
  site.password = site_env (dir, "WP_ADMIN_APP_PASSWORD");

  doc1 = write_document (dir, "laporan-1.pdf", 1);
  doc2 = write_document (dir, "laporan-2.pdf", 2);
  db = test_db_new ();
  test_db_install_seeds (db);
  web = test_db_add_user (db, "web", "admin-website", NULL);
  row.url = site.url;
  row.user = site.user;
  site_id = warta_engine_add_site (db->engine, db->admin, &row, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      gint64 case_id = case_at_publish_step (db, doc1, doc2, round);

      reference[round] = publish_curl (&site, doc1, doc2, round);
      warta[round] = publish_warta (db, &site, site_id, case_id, web, &growth);
      max_growth = MAX (max_growth, growth);
      g_printerr ("round %u: warta %.0f ms, curl %.0f ms, peak RSS growth %" G_GINT64_FORMAT " KiB\n",
                  round, warta[round], reference[round], growth);
    }

  qsort (warta, ROUNDS, sizeof (double), compare);
  qsort (reference, ROUNDS, sizeof (double), compare);
  printf ("bench: publish-20mib: warta=%.0f ms reference=%.0f ms ratio=%.2f peak-rss-growth=%.1f MiB\n",
          warta[ROUNDS / 2], reference[ROUNDS / 2], warta[ROUNDS / 2] / reference[ROUNDS / 2],
          max_growth / 1024.0);

  test_db_free (db);
  run ((const char *[]){ "sh", script, "stop", dir, NULL });
  return 0;
}
