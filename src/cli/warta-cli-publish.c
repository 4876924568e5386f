/* warta-cli-publish.c: site add|list|test, publish, verify, withdraw
 *
 * A site's Application Password comes from WARTA_SITE_PASSWORD or the
 * terminal and goes to the Secret Service; where none runs, the site
 * names a credentials file (mode 0600) instead, read at each use.
 *
 * Publishing ends with a screenshot of the live page, which the helper
 * program warta-page-shot takes (WebKitGTK, loaded there only) and which
 * needs a display; without one the post stays recorded and running the
 * same command again under a display finishes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
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

/* Publishing under a time limit and Ctrl+C
 *
 * The network work runs on a worker thread while the main loop keeps the
 * time limit (a timeout source) and SIGINT (g_unix_signal_add), both of
 * which cancel the one GCancellable every request and pause takes. The
 * publisher's progress crosses to the main loop in one idle at a time and
 * is printed there: on a terminal one line rewritten in place with the
 * stage, the bytes and the time left; otherwise one line a stage. */

typedef struct
{
  WartaPublishStage  stage;
  char              *item;
} StageLine;

static void
stage_line_free (gpointer data)
{
  StageLine *line = data;

  g_free (line->item);
  g_free (line);
}

typedef struct _Run Run;
typedef gboolean (*RunPhase) (Run           *run,
                              GCancellable  *cancellable,
                              GError       **error);

struct _Run
{
  /* Main thread */
  GMainLoop          *loop;
  GCancellable       *cancellable;
  guint               seconds;        /* the time limit */
  gint64              deadline;       /* monotonic µs */
  gboolean            tty;
  gboolean            line_shown;     /* a progress line to clear (terminal) */
  gboolean            timed_out;
  gboolean            interrupted;
  guint               deadline_id;
  guint               sigint_id;
  guint               tick_id;
  gboolean            running;        /* a phase is on the worker */
  gboolean            phase_ok;
  GError             *phase_error;
  GBytes             *png;
  int                 shot_width;
  int                 shot_height;

  /* For the phases */
  Cli                *cli;
  WartaPublisher     *publisher;
  WartaPublishRequest *request;
  WartaPublication   *publication;
  RunPhase            phase;

  /* Progress, from the worker, under mutex */
  GMutex              mutex;
  WartaPublishStage   stage;
  char               *item;
  gint64              done;
  gint64              total;
  GPtrArray          *lines;          /* StageLine: stages not printed yet */
  gboolean            queued;
};

static char *
stage_text (WartaPublishStage  stage,
            const char        *item)
{
  switch (stage)
    {
    case WARTA_PUBLISH_STAGE_CONNECT:
      return g_strdup (_("Connecting to the site…"));
    case WARTA_PUBLISH_STAGE_MEDIA:
      /* Translators: %s is a file name */
      return item != NULL ? g_strdup_printf (_("Uploading %s"), item) : g_strdup (_("Uploading the files…"));
    case WARTA_PUBLISH_STAGE_POST:
      return g_strdup (_("Sending the post…"));
    case WARTA_PUBLISH_STAGE_VERIFY:
      return g_strdup (_("Checking the public page…"));
    case WARTA_PUBLISH_STAGE_WAIT:
      return g_strdup (_("The site did not answer; trying again shortly…"));
    case WARTA_PUBLISH_STAGE_SCREENSHOT:
      return g_strdup (_("Taking the page's screenshot…"));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static void
clear_line (Run *run)
{
  if (run->tty && run->line_shown)
    g_printerr ("\r\033[K");
  run->line_shown = FALSE;
}

/* The terminal's line: stage, bytes when there are any, time left. */
static void
draw_line (Run *run)
{
  g_autoptr(GString) line = NULL;
  g_autofree char *text = NULL;
  WartaPublishStage stage;
  gint64 done, total, left;

  g_mutex_lock (&run->mutex);
  stage = run->stage;
  text = stage_text (stage, run->item);
  done = run->done;
  total = run->total;
  g_mutex_unlock (&run->mutex);

  line = g_string_new (text);
  if (total > 0 && (stage == WARTA_PUBLISH_STAGE_MEDIA || stage == WARTA_PUBLISH_STAGE_POST))
    {
      g_autofree char *done_text = warta_format_bytes (done);
      g_autofree char *total_text = warta_format_bytes (total);

      g_string_append (line, g_str_has_suffix (text, "…") ? " " : ": ");
      /* Translators: bytes so far of the whole, as “1.2 MiB of 300.0 MiB” */
      g_string_append_printf (line, _("%s of %s"), done_text, total_text);
    }
  left = MAX (0, (run->deadline - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  g_string_append (line, " (");
  /* Translators: the time left of the limit, minutes:seconds */
  g_string_append_printf (line, _("%d:%02d left"), (int)(left / 60), (int)(left % 60));
  g_string_append (line, ")");
  g_printerr ("\r\033[K%s", line->str);
  run->line_shown = TRUE;
}

static gboolean
progress_idle (gpointer user_data)
{
  Run *run = user_data;
  g_autoptr(GPtrArray) lines = NULL;

  g_mutex_lock (&run->mutex);
  run->queued = FALSE;
  lines = g_steal_pointer (&run->lines);
  run->lines = g_ptr_array_new_with_free_func (stage_line_free);
  g_mutex_unlock (&run->mutex);

  if (run->tty)
    {
      draw_line (run);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      StageLine *line = g_ptr_array_index (lines, i);
      g_autofree char *text = stage_text (line->stage, line->item);

      g_printerr ("%s\n", text);
    }
  return G_SOURCE_REMOVE;
}

/* Any thread: keeps the numbers, notes a new stage, and asks the main
 * loop for one idle at a time however fast they come. */
static void
note_progress (Run               *run,
               WartaPublishStage  stage,
               const char        *item,
               gint64             done,
               gint64             total)
{
  gboolean queue;

  g_mutex_lock (&run->mutex);
  if (stage != run->stage || g_strcmp0 (item, run->item) != 0 || run->lines == NULL)
    {
      StageLine *line = g_new0 (StageLine, 1);

      line->stage = stage;
      line->item = g_strdup (item);
      if (run->lines == NULL)
        run->lines = g_ptr_array_new_with_free_func (stage_line_free);
      g_ptr_array_add (run->lines, line);
    }
  run->stage = stage;
  g_free (run->item);
  run->item = g_strdup (item);
  run->done = done;
  run->total = total;
  queue = !run->queued;
  run->queued = TRUE;
  g_mutex_unlock (&run->mutex);

  if (queue)
    g_main_context_invoke (NULL, progress_idle, run);
}

static void
on_progress (WartaPublishStage  stage,
             const char        *item,
             gint64             done,
             gint64             total,
             gpointer           user_data)
{
  note_progress (user_data, stage, item, done, total);
}

static gboolean
on_deadline (gpointer user_data)
{
  Run *run = user_data;

  run->deadline_id = 0;
  if (!run->interrupted)
    run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_sigint (gpointer user_data)
{
  Run *run = user_data;

  /* A second Ctrl+C does what Ctrl+C always does. */
  if (run->interrupted)
    {
      signal (SIGINT, SIG_DFL);
      raise (SIGINT);
      return G_SOURCE_CONTINUE;
    }
  if (!run->timed_out)
    run->interrupted = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_tick (gpointer user_data)
{
  Run *run = user_data;

  if (run->line_shown)
    draw_line (run);
  return G_SOURCE_CONTINUE;
}

static void
run_init (Run   *run,
          Cli   *cli,
          guint  seconds)
{
  run->cli = cli;
  run->seconds = seconds;
  run->tty = isatty (STDERR_FILENO);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  g_mutex_init (&run->mutex);
  run->stage = WARTA_PUBLISH_STAGE_CONNECT;
  run->deadline = g_get_monotonic_time () + (gint64)seconds * G_USEC_PER_SEC;
  run->deadline_id = g_timeout_add ((guint)MIN ((guint64)seconds * 1000, G_MAXUINT), on_deadline, run);
  run->sigint_id = g_unix_signal_add (SIGINT, on_sigint, run);
  if (run->tty)
    run->tick_id = g_timeout_add_seconds (1, on_tick, run);
}

static void
run_clear (Run *run)
{
  clear_line (run);
  g_clear_handle_id (&run->deadline_id, g_source_remove);
  g_clear_handle_id (&run->sigint_id, g_source_remove);
  g_clear_handle_id (&run->tick_id, g_source_remove);
  /* Progress idles still queued hold run: let them go first. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->cancellable);
  g_clear_error (&run->phase_error);
  g_clear_pointer (&run->png, g_bytes_unref);
  g_clear_pointer (&run->lines, g_ptr_array_unref);
  g_clear_pointer (&run->item, g_free);
  g_clear_pointer (&run->publisher, warta_publisher_free);
  g_clear_pointer (&run->publication, warta_publication_free);
  g_mutex_clear (&run->mutex);
}

/* The error to show: the limit or the cancel, when either stopped it. */
static int
run_fail (Run    *run,
          GError *error)
{
  g_autoptr(GError) shown = NULL;

  clear_line (run);
  if (run->timed_out)
    {
      WartaPublishStage stage;

      g_mutex_lock (&run->mutex);
      stage = run->stage;
      g_mutex_unlock (&run->mutex);
      g_debug ("Stopped by the time limit: %s", error != NULL ? error->message : "");
      warta_publish_set_deadline_error (&shown, stage, run->seconds);
      return _cli_fail (shown);
    }
  if (run->interrupted)
    {
      g_debug ("Stopped by Ctrl+C: %s", error != NULL ? error->message : "");
      warta_publish_set_cancelled_error (&shown);
      return _cli_fail (shown);
    }
  return _cli_fail (error);
}

static void
phase_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;

  if (run->phase (run, run->cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
phase_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  /* Not g_task_propagate_boolean's own cancel check: the phase's own
   * error says what it was doing. */
  run->phase_ok = g_task_propagate_boolean (G_TASK (result), &run->phase_error);
  run->running = FALSE;
  g_main_loop_quit (run->loop);
}

/* Runs phase on a worker while the main loop keeps the limit and Ctrl+C. */
static gboolean
run_phase (Run       *run,
           RunPhase   phase,
           GError   **error)
{
  g_autoptr(GTask) task = NULL;

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  run->phase = phase;
  run->running = TRUE;
  g_clear_error (&run->phase_error);
  task = g_task_new (NULL, NULL, phase_done, run);
  g_task_set_source_tag (task, run_phase);
  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, phase_thread);
  g_clear_object (&task);
  while (run->running)
    g_main_loop_run (run->loop);
  if (!run->phase_ok)
    {
      g_propagate_error (error, g_steal_pointer (&run->phase_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
publish_phase (Run           *run,
               GCancellable  *cancellable,
               GError       **error)
{
  run->publication = warta_publisher_publish (run->publisher, run->request, cancellable, error);
  return run->publication != NULL;
}

static gboolean
verify_phase (Run           *run,
              GCancellable  *cancellable,
              GError       **error)
{
  return warta_publisher_verify (run->publisher, run->request->actor, run->publication, run->request->password,
                                 cancellable, error);
}

static gboolean
finish_phase (Run           *run,
              GCancellable  *cancellable,
              GError       **error)
{
  return warta_publisher_finish (run->publisher, run->request->actor, run->publication, run->png, cancellable,
                                 error);
}

static void
shot_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  run->png = warta_page_shot_capture_finish (result, &run->shot_width, &run->shot_height, &run->phase_error);
  run->running = FALSE;
  g_main_loop_quit (run->loop);
}

/* By the helper program, under the same limit and Ctrl+C. */
static gboolean
take_screenshot (Run     *run,
                 GError **error)
{
  note_progress (run, WARTA_PUBLISH_STAGE_SCREENSHOT, NULL, 0, 0);
  g_clear_error (&run->phase_error);
  run->running = TRUE;
  warta_page_shot_capture_async (run->publication->link, SCREENSHOT_WIDTH, run->cancellable, shot_done, run);
  while (run->running)
    g_main_loop_run (run->loop);
  if (g_error_matches (run->phase_error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_NO_DISPLAY))
    {
      g_debug ("%s", run->phase_error->message);
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("The page is live, but its screenshot needs a display: run the same command again "
                     "in a desktop session or under xvfb-run to finish the step"));
      return FALSE;
    }
  if (run->png == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->phase_error));
      return FALSE;
    }
  clear_line (run);
  g_print (_("screenshot: %d × %d px\n"), run->shot_width, run->shot_height);
  return TRUE;
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
  static int timeout;
  static const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name, N_("The site to publish to"), "NAME" },
    { "manual-url", 0, 0, G_OPTION_ARG_STRING, &manual_url,
      N_("Posted by hand (social media): verify this public link instead"), "URL" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("publish (default), future, draft or pending"), "STATUS" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When a future post goes live (ISO 8601)"), "ISO8601" },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &categories, N_("A category by name; repeat for several"), "NAME" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag by name; repeat for several"), "NAME" },
    { "excerpt", 0, 0, G_OPTION_ARG_STRING, &excerpt, N_("The post's excerpt"), "TEXT" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up after this many seconds in all (default 120); trying again is safe"), "SECONDS" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSite) site = NULL;
  g_autofree char *limit = NULL;
  char *password = NULL;
  WartaPublishRequest request = { 0 };
  Run run = { 0 };
  gint64 case_id, actor;
  gboolean ok;
  int exit_status = CLI_EXIT_OK;

  timeout = -1;
  if (!_cli_parse (cli, "publish CASE (--site NAME | --manual-url URL) --as LOGIN [--status STATUS] [--date ISO8601] "
                        "[--category NAME…] [--tag NAME…] [--excerpt TEXT] [--timeout SECONDS]",
                   _("Publish a case's naskah and its files to a site, verify the page is live, keep its "
                     "screenshot and complete the publish step, within a time limit; Ctrl+C stops it. Run "
                     "again, it resumes: the site never gets a second post."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (timeout == 0 || timeout < -1)
    return _cli_usage ("%s", _("--timeout needs a number of seconds above 0"));
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

  run_init (&run, cli, timeout > 0 ? (guint)timeout : WARTA_PUBLISH_DEFAULT_DEADLINE);
  limit = warta_publish_format_limit (run.seconds);
  g_printerr (_("Publishing case %lld to %s; time limit %s (--timeout SECONDS changes it, Ctrl+C stops)\n"),
              (long long)case_id, site != NULL ? site->name : manual_url, limit);
  run.request = &request;
  run.publisher = warta_publisher_new (cli->engine);
  warta_publisher_set_progress (run.publisher, on_progress, &run);

  ok = run_phase (&run, publish_phase, &error);
  if (ok)
    {
      clear_line (&run);
      print_publication (run.publication);
      ok = run_phase (&run, verify_phase, &error);
      clear_line (&run);
      print_publication (run.publication);
    }
  wipe_password (password);
  request.password = NULL;
  if (!ok || !take_screenshot (&run, &error) || !run_phase (&run, finish_phase, &error))
    exit_status = run_fail (&run, error);
  else
    g_print (_("case %lld: published, verified and its screenshot kept (attachment %lld)\n"),
             (long long)case_id, (long long)run.publication->screenshot_id);
  run_clear (&run);
  return exit_status;
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
