/* warta-cli-publish.c: site add|list|test, publish, verify, withdraw
 *
 * A site's Application Password comes from WARTA_SITE_PASSWORD or the
 * terminal and goes to the Secret Service; where none runs, the site
 * names a credentials file (mode 0600) instead, read at each use.
 *
 * Publishing ends with a screenshot of the live page, which needs a
 * display (WebKitGTK); without one the post stays recorded and running
 * the same command again under a display finishes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <gtk/gtk.h>
#include <glib/gi18n-lib.h>

#include "warta-cli-private.h"
#include "warta-credentials.h"
#include "warta-page-shot.h"
#include "warta-publisher.h"

#define SCREENSHOT_WIDTH 1280

static void
wipe_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

static char *
read_site_password (const char *user)
{
  g_autofree char *prompt = g_strdup_printf (_("Application Password for %s: "), user);

  return _cli_get_password ("WARTA_SITE_PASSWORD", prompt);
}

static int
site_add (Cli   *cli,
          int    argc,
          char **argv)
{
  static char *url, *user, *credentials_file;
  static const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The site's address (https://…; http only on loopback)"), "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The WordPress user that publishes"), "USER" },
    { "credentials-file", 0, 0, G_OPTION_ARG_FILENAME, &credentials_file,
      N_("Read the Application Password from this file (mode 0600) instead of the Secret Service"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *label = NULL;
  char *password = NULL;
  WartaSite site = { 0 };
  gint64 actor, id;
  gboolean stored;

  if (!_cli_parse (cli, "site add NAME --url URL --user USER [--credentials-file FILE] --as LOGIN",
                   _("Add a WordPress site to publish to, or change one. Its Application Password comes from "
                     "WARTA_SITE_PASSWORD or the terminal and is kept in the Secret Service, or is read from "
                     "--credentials-file at each use."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (url == NULL || user == NULL)
    return _cli_usage ("%s", _("site add needs --url and --user"));
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!warta_wp_check_url (url, &error))
    return _cli_fail (error);
  if (credentials_file != NULL)
    {
      absolute = g_canonicalize_filename (credentials_file, NULL);
      if (!warta_credentials_check_file (absolute, &error))
        return _cli_fail (error);
    }
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  /* Refused before the password is asked for or kept anywhere. */
  if (!warta_engine_may_add_site (cli->engine, actor, &error))
    return _cli_fail (error);

  if (absolute == NULL)
    {
      if (!(password = read_site_password (user)))
        {
          g_printerr (_("warta-cli: no Application Password: set WARTA_SITE_PASSWORD, run on a terminal, or give --credentials-file\n"));
          return CLI_EXIT_FAILED;
        }
      label = g_strdup_printf (_("Warta: %s (%s)"), argv[1], user);
      stored = warta_credentials_store (url, user, password, label, NULL, &error);
      wipe_password (password);
      if (!stored)
        return _cli_fail (error);
    }

  site.name = argv[1];
  site.url = url;
  site.user = user;
  site.credentials_file = absolute;
  if (!(id = warta_engine_add_site (cli->engine, actor, &site, &error)))
    return _cli_fail (error);
  g_print (_("site %lld: %s (%s as %s)\n"), (long long)id, argv[1], url, user);
  return CLI_EXIT_OK;
}

static int
site_list (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;

  if (!_cli_parse (cli, "site list", _("List the sites Warta publishes to."), NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  if (!(sites = warta_store_list_sites (cli->store, &error)))
    return _cli_fail (error);

  for (guint i = 0; i < sites->len; i++)
    {
      WartaSite *site = g_ptr_array_index (sites, i);

      g_print ("%s\t%s\t%s\t%s\n", site->name, site->url, site->user,
               site->credentials_file ? site->credentials_file : _("Secret Service"));
    }
  return CLI_EXIT_OK;
}

static int
site_test (Cli   *cli,
           int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSite) site = NULL;
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(WartaWpReport) checks = NULL;
  char *password = NULL;

  if (!_cli_parse (cli, "site test NAME",
                   _("Check a site: its address, its REST API, the credentials, and whether the user may publish."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  if (!(site = warta_store_find_site (cli->store, argv[1], &error)) ||
      !(password = warta_credentials_for_site (site, NULL, &error)))
    return _cli_fail (error);

  wp = warta_wp_new (site->url, site->user, password, &error);
  wipe_password (password);
  if (wp == NULL)
    return _cli_fail (error);

  checks = warta_wp_test (wp, NULL, &error);
  for (guint i = 0; checks != NULL && i < WARTA_WP_N_CHECKS; i++)
    {
      const char *mark = checks->state[i] == WARTA_WP_CHECK_PASSED ? "ok"
                         : checks->state[i] == WARTA_WP_CHECK_FAILED ? "GAGAL/FAILED" : "-";

      g_print ("%-12s %s: %s\n", mark, warta_wp_check_describe (i),
               checks->detail[i] ? checks->detail[i] : "");
    }
  if (error != NULL)
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

/* Progress on a terminal: one line rewritten in place. */
static void
print_progress (WartaPublishStage stage,
                gint64            done,
                gint64            total,
                gpointer          user_data)
{
  static const char *stages[] = {
    [WARTA_PUBLISH_STAGE_CONNECT] = N_("connecting"),
    [WARTA_PUBLISH_STAGE_MEDIA] = N_("uploading"),
    [WARTA_PUBLISH_STAGE_POST] = N_("posting"),
    [WARTA_PUBLISH_STAGE_VERIFY] = N_("verifying"),
    [WARTA_PUBLISH_STAGE_WAIT] = N_("waiting to try again"),
  };
  g_autofree char *done_text = warta_format_bytes (done);
  g_autofree char *total_text = warta_format_bytes (total);

  if (!isatty (STDERR_FILENO))
    return;
  g_printerr ("\r\033[K%s %s / %s", _(stages[stage]), done_text, total_text);
}

typedef struct
{
  GMainLoop *loop;
  GBytes    *png;
  GError    *error;
  int        width, height;
} Shot;

static void
shot_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Shot *shot = user_data;

  shot->png = warta_page_shot_capture_finish (result, &shot->width, &shot->height, &shot->error);
  g_main_loop_quit (shot->loop);
}

static GBytes *
take_screenshot (const char  *url,
                 GError     **error)
{
  Shot shot = { 0 };

  if (!gtk_init_check ())
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("The page is live, but its screenshot needs a display: run the same command again "
                     "in a desktop session or under xvfb-run to finish the step"));
      return NULL;
    }
  shot.loop = g_main_loop_new (NULL, FALSE);
  warta_page_shot_capture_async (url, SCREENSHOT_WIDTH, NULL, shot_done, &shot);
  g_main_loop_run (shot.loop);
  g_main_loop_unref (shot.loop);
  if (shot.png == NULL)
    {
      g_propagate_error (error, shot.error);
      return NULL;
    }
  g_print (_("screenshot: %d × %d px\n"), shot.width, shot.height);
  return shot.png;
}

static void
print_publication (const WartaPublication *publication)
{
  g_print (_("publication %lld: %s (%s)\n"), (long long)publication->id,
           publication->link ? publication->link : "", publication->remote_status ? publication->remote_status : "");
  if (publication->post_id > 0)
    g_print (_("post %lld, slug %s\n"), (long long)publication->post_id, publication->slug);
  if (publication->verified_at > 0)
    g_print (_("verified: HTTP %d in %lld ms, title %s, SHA-256 %s\n"), publication->http_status,
             (long long)publication->response_ms, publication->title_found ? _("found") : _("missing"),
             publication->body_sha256 ? publication->body_sha256 : "");
}

static gboolean
parse_date (const char  *text,
            gint64      *usec)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, local);

  if (time == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (time) * G_USEC_PER_SEC;
  return TRUE;
}

int
_cli_publish (Cli   *cli,
              int    argc,
              char **argv)
{
  static char *site_name, *manual_url, *status, *date, *excerpt;
  static char **categories, **tags;
  static const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name, N_("The site to publish to"), "NAME" },
    { "manual-url", 0, 0, G_OPTION_ARG_STRING, &manual_url,
      N_("Posted by hand (social media): verify this public link instead"), "URL" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("publish (default), future, draft or pending"), "STATUS" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When a future post goes live (ISO 8601)"), "ISO8601" },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &categories, N_("A category by name; repeat for several"), "NAME" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag by name; repeat for several"), "NAME" },
    { "excerpt", 0, 0, G_OPTION_ARG_STRING, &excerpt, N_("The post's excerpt"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSite) site = NULL;
  g_autoptr(WartaPublisher) publisher = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GBytes) png = NULL;
  char *password = NULL;
  WartaPublishRequest request = { 0 };
  gint64 case_id, actor;
  gboolean ok;

  if (!_cli_parse (cli, "publish CASE (--site NAME | --manual-url URL) --as LOGIN [--status STATUS] [--date ISO8601] "
                        "[--category NAME…] [--tag NAME…] [--excerpt TEXT]",
                   _("Publish a case's naskah and its files to a site, verify the page is live, keep its "
                     "screenshot and complete the publish step. Run again, it resumes: the site never gets "
                     "a second post."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if ((site_name == NULL) == (manual_url == NULL))
    return _cli_usage ("%s", _("publish needs either --site NAME or --manual-url URL"));
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (date != NULL && !parse_date (date, &request.options.scheduled_at))
    return _cli_usage (_("“%s” is not an ISO 8601 date and time"), date);
  if (g_strcmp0 (status, "future") == 0 && date == NULL)
    return _cli_usage ("%s", _("--status future needs --date"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (site_name != NULL &&
      (!(site = warta_store_find_site (cli->store, site_name, &error)) ||
       !(password = warta_credentials_for_site (site, NULL, &error))))
    return _cli_fail (error);

  request.actor = actor;
  request.case_id = case_id;
  request.site_id = site ? site->id : 0;
  request.manual_url = manual_url;
  request.password = password;
  request.options.status = status;
  request.options.categories = (const char * const *)categories;
  request.options.tags = (const char * const *)tags;
  request.options.excerpt = excerpt;

  publisher = warta_publisher_new (cli->engine);
  warta_publisher_set_progress (publisher, print_progress, NULL);
  publication = warta_publisher_publish (publisher, &request, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");
  if (publication == NULL)
    {
      wipe_password (password);
      return _cli_fail (error);
    }
  print_publication (publication);

  ok = warta_publisher_verify (publisher, actor, publication, password, NULL, &error);
  wipe_password (password);
  print_publication (publication);
  if (!ok)
    return _cli_fail (error);

  if (!(png = take_screenshot (publication->link, &error)) ||
      !warta_publisher_finish (publisher, actor, publication, png, NULL, &error))
    return _cli_fail (error);
  g_print (_("case %lld: published, verified and its screenshot kept (attachment %lld)\n"),
           (long long)case_id, (long long)publication->screenshot_id);
  return CLI_EXIT_OK;
}

int
_cli_verify (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(WartaPublisher) publisher = NULL;
  gint64 case_id;
  guint checked = 0;
  int status = CLI_EXIT_OK;

  if (!_cli_parse (cli, "verify CASE",
                   _("Check a case's published pages again: exit 1 when one is gone or changed."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  if (!(publications = warta_store_list_publications (cli->store, case_id, &error)))
    return _cli_fail (error);

  publisher = warta_publisher_new (cli->engine);
  warta_publisher_set_retry (publisher, 2, 1000);
  for (guint i = 0; i < publications->len; i++)
    {
      WartaPublication *publication = g_ptr_array_index (publications, i);
      g_autoptr(WartaWpPage) page = NULL;
      gboolean gone = FALSE, changed = FALSE;

      /* Pages that were proven live; not the attempts that failed. */
      if (publication->verified_at == 0 || publication->http_status != 200 || !publication->title_found)
        continue;
      checked++;
      if (!warta_publisher_recheck (publisher, publication, &page, &gone, &changed, NULL, &error))
        {
          g_printerr ("warta-cli: %s: %s\n", publication->link, error->message);
          g_clear_error (&error);
          status = CLI_EXIT_FAILED;
          continue;
        }
      if (gone)
        g_print (_("GONE %s: HTTP %u\n"), publication->link, page->status);
      else if (changed)
        g_print (_("CHANGED %s: %s\n"), publication->link,
                 page->title_found ? _("the page's SHA-256 differs from the one verified")
                                   : _("the title is no longer in the page"));
      else
        g_print (_("ok %s: HTTP %u in %lld ms, unchanged\n"), publication->link, page->status,
                 (long long)(page->elapsed_us / 1000));
      if (gone || changed)
        status = CLI_EXIT_FAILED;
    }

  if (checked == 0)
    {
      g_printerr (_("warta-cli: case %lld has no verified publication\n"), (long long)case_id);
      return CLI_EXIT_FAILED;
    }
  return status;
}

int
_cli_withdraw (Cli   *cli,
               int    argc,
               char **argv)
{
  static char *site_name, *manual_url, *reason;
  static gboolean trash;
  static const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name, N_("The site it was published to"), "NAME" },
    { "manual-url", 0, 0, G_OPTION_ARG_STRING, &manual_url, N_("A link that was posted by hand"), "URL" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it is withdrawn (required)"), "TEXT" },
    { "trash", 0, 0, G_OPTION_ARG_NONE, &trash, N_("Move the post to the trash instead of back to draft"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSite) site = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(WartaPublisher) publisher = NULL;
  char *password = NULL;
  gint64 case_id, actor;
  gboolean ok;

  if (!_cli_parse (cli, "withdraw CASE (--site NAME | --manual-url URL) --reason TEXT [--trash] --as LOGIN",
                   _("Take a published post back to draft, or to the trash, with a reason; journaled."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if ((site_name == NULL) == (manual_url == NULL))
    return _cli_usage ("%s", _("withdraw needs either --site NAME or --manual-url URL"));
  if (reason == NULL)
    return _cli_usage ("%s", _("withdraw needs --reason"));
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (site_name != NULL && !(site = warta_store_find_site (cli->store, site_name, &error)))
    return _cli_fail (error);
  publication = warta_store_find_publication (cli->store, case_id, site ? site->id : 0, manual_url, &error);
  if (publication == NULL)
    {
      if (error != NULL)
        return _cli_fail (error);
      g_printerr (_("warta-cli: case %lld was not published there\n"), (long long)case_id);
      return CLI_EXIT_FAILED;
    }
  if (site != NULL && !(password = warta_credentials_for_site (site, NULL, &error)))
    return _cli_fail (error);

  publisher = warta_publisher_new (cli->engine);
  ok = warta_publisher_withdraw (publisher, actor, publication, password, trash, reason, NULL, &error);
  wipe_password (password);
  if (!ok)
    return _cli_fail (error);
  g_print (_("withdrawn: %s is now %s\n"), publication->link ? publication->link : "", publication->remote_status);
  return CLI_EXIT_OK;
}

int
_cli_site (Cli   *cli,
           int    argc,
           char **argv)
{
  static const CliSubcommand subcommands[] = {
    { "add", site_add },
    { "list", site_list },
    { "test", site_test },
  };

  return _cli_dispatch (cli, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                        _("usage: warta-cli site add|list|test …"));
}
