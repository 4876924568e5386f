/* warta-page-shot.c: the page screenshot, taken by a helper program
 *
 * Taking the screenshot needs WebKitGTK, and loading WebKitGTK and GTK
 * costs a process most of its start-up: warta-cli, which mostly shows a
 * case or completes a step, paid it at every run. So the WebKit work
 * lives in a program of its own, warta-page-shot (warta-page-shot-helper.c
 * and warta-page-shot-render.c), and the app and warta-cli run it for
 * each screenshot with GSubprocess:
 *
 *   warta-page-shot --width PIXELS --timeout SECONDS < URL
 *
 * The address goes on the helper's standard input, never its command
 * line, which other users of the computer can read. The helper answers on
 * its standard output: the PNG with exit status 0, or the message of the
 * error with WARTA_PAGE_SHOT_EXIT_ERROR + its WartaPageShotError. What it
 * says on standard error goes to the debug log, and names the problem
 * when it stops any other way (a crash).
 *
 * The helper is looked up beside the running program first, which is
 * where the build tree has it (and nothing is installed there), then in
 * libexecdir, where it is installed. No path of the build or source tree
 * is kept in the program.
 *
 * Cancelling a capture kills the helper; so does the capture's time limit,
 * should the helper not keep its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "warta-page-shot.h"

/* How long the helper may take beyond the capture's own time limit, which
 * it keeps itself, to start and to end: past that it is killed. */
#define HELPER_GRACE_SECONDS 15
/* A PNG begins with its signature and the IHDR chunk: size, then type. */
#define PNG_HEADER_SIZE 24

static guint timeout_seconds = WARTA_PAGE_SHOT_DEFAULT_TIMEOUT;

typedef struct
{
  char        *url;
  guint        timeout;
  GSubprocess *process;
  guint        backstop_id;
  gboolean     timed_out;
  int          png_width;
  int          png_height;
} Spawn;

G_DEFINE_QUARK (warta-page-shot-error-quark, warta_page_shot_error)

/**
 * warta_page_shot_set_timeout:
 * @seconds: how long a capture may take, more than 0
 *
 * Sets how long captures started from now on may take, from the start of
 * the load to the snapshot, before they fail with
 * %WARTA_PAGE_SHOT_ERROR_TIMEOUT. The default is
 * %WARTA_PAGE_SHOT_DEFAULT_TIMEOUT; the tests set a shorter one. Main
 * thread only.
 */
void
warta_page_shot_set_timeout (guint seconds)
{
  g_return_if_fail (seconds > 0);

  timeout_seconds = seconds;
}

/**
 * warta_page_shot_get_timeout:
 *
 * Returns: how long, in seconds, captures started now may take
 */
guint
warta_page_shot_get_timeout (void)
{
  return timeout_seconds;
}

/**
 * warta_page_shot_is_web_address:
 * @url: an address
 *
 * Returns: whether @url is a valid http or https address
 */
gboolean
warta_page_shot_is_web_address (const char *url)
{
  const char *scheme = g_uri_peek_scheme (url);

  return (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0) &&
         g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}

static void
spawn_free (gpointer data)
{
  Spawn *spawn = data;

  g_clear_handle_id (&spawn->backstop_id, g_source_remove);
  if (spawn->process != NULL)
    g_subprocess_force_exit (spawn->process);
  g_clear_object (&spawn->process);
  g_free (spawn->url);
  g_free (spawn);
}

static char *
installed_helper (void)
{
  return g_build_filename (LIBEXECDIR, WARTA_PAGE_SHOT_HELPER, NULL);
}

static gboolean
is_program (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) && !g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* Beside the running program (the build tree), else where it is installed. */
static char *
find_helper (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *installed = installed_helper ();

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, WARTA_PAGE_SHOT_HELPER, NULL);

      if (is_program (beside))
        return g_steal_pointer (&beside);
    }
  if (is_program (installed))
    return g_steal_pointer (&installed);
  return NULL;
}

static GError *
timeout_error (Spawn *spawn)
{
  return g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_TIMEOUT,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%s did not finish loading in %u second. Check the network connection and try again.",
                                   "%s did not finish loading in %u seconds. Check the network connection and try again.",
                                   spawn->timeout),
                      spawn->url, spawn->timeout);
}

static gboolean
on_backstop (gpointer data)
{
  Spawn *spawn = data;

  spawn->backstop_id = 0;
  spawn->timed_out = TRUE;
  g_debug ("%s: still running %u s after its time limit; killed", WARTA_PAGE_SHOT_HELPER, HELPER_GRACE_SECONDS);
  g_subprocess_force_exit (spawn->process);
  return G_SOURCE_REMOVE;
}

static guint32
read_be32 (const guint8 *bytes)
{
  return (guint32) bytes[0] << 24 | (guint32) bytes[1] << 16 | (guint32) bytes[2] << 8 | bytes[3];
}

/* The size in the PNG's header, when @png is one. */
static gboolean
png_size (GBytes *png,
          int    *width,
          int    *height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (png, &size);
  guint32 w, h;

  if (size < PNG_HEADER_SIZE || memcmp (data, signature, sizeof signature) != 0 ||
      memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  w = read_be32 (data + 16);
  h = read_be32 (data + 20);
  if (w == 0 || h == 0 || w > WARTA_PAGE_SHOT_MAX_WIDTH || h > G_MAXINT)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/* The last line the helper wrote on standard error, if any. */
static char *
last_line (GBytes *bytes)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (size == 0)
    return NULL;
  text = g_utf8_make_valid (data, size);
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  for (guint i = g_strv_length (lines); i > 0; i--)
    if (*g_strstrip (lines[i - 1]) != '\0')
      return g_strdup (lines[i - 1]);
  return NULL;
}

/* The helper stopped without an answer of its own: how, and what it said
 * last, which names the problem when it could not start. */
static GError *
helper_error (Spawn  *spawn,
              GBytes *err)
{
  g_autofree char *said = last_line (err);
  g_autofree char *how = NULL;

  if (g_subprocess_get_if_signaled (spawn->process))
    /* Translators: how the screenshot helper stopped, after “The
     * screenshot helper stopped before taking the screenshot of %s:” */
    how = g_strdup_printf (_("ended by signal %d"), g_subprocess_get_term_sig (spawn->process));
  else
    /* Translators: as above */
    how = g_strdup_printf (_("exit status %d"), g_subprocess_get_exit_status (spawn->process));
  if (said != NULL)
    {
      char *both = g_strdup_printf ("%s; %s", how, said);

      g_free (how);
      how = both;
    }
  return g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HELPER,
                      _("The screenshot helper stopped before taking the screenshot of %s: %s. Try again; if it "
                        "happens again, reinstall Warta."),
                      spawn->url, how);
}

/* Its own error: the code in the exit status, the message on stdout. */
static GError *
answered_error (Spawn  *spawn,
                int     status,
                GBytes *out)
{
  int code = status - WARTA_PAGE_SHOT_EXIT_ERROR;
  g_autofree char *message = NULL;
  gsize size = 0;
  const char *data = out != NULL ? g_bytes_get_data (out, &size) : NULL;

  if (code < 0 || code > WARTA_PAGE_SHOT_ERROR_HELPER || size == 0 || !g_utf8_validate (data, size, NULL))
    return NULL;
  message = g_strndup (data, size);
  return g_error_new_literal (WARTA_PAGE_SHOT_ERROR, code, g_strstrip (message));
}

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Spawn *spawn = g_task_get_task_data (task);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  GError *answer = NULL;
  int status;

  g_clear_handle_id (&spawn->backstop_id, g_source_remove);
  if (!g_subprocess_communicate_finish (spawn->process, result, &out, &err, &error))
    {
      /* Cancelled, or the helper ended before it read the address: it
       * goes with the capture. */
      g_subprocess_force_exit (spawn->process);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HELPER,
                                 _("The screenshot helper stopped before taking the screenshot of %s: %s. Try again; if it "
                                   "happens again, reinstall Warta."),
                                 spawn->url, error->message);
      return;
    }
  if (err != NULL && g_bytes_get_size (err) > 0)
    g_debug ("%s said: %.*s", WARTA_PAGE_SHOT_HELPER, (int) g_bytes_get_size (err),
             (const char *) g_bytes_get_data (err, NULL));

  if (spawn->timed_out)
    {
      g_task_return_error (task, timeout_error (spawn));
      return;
    }
  if (!g_subprocess_get_if_exited (spawn->process))
    {
      g_task_return_error (task, helper_error (spawn, err));
      return;
    }
  status = g_subprocess_get_exit_status (spawn->process);
  if (status == 0 && out != NULL && png_size (out, &spawn->png_width, &spawn->png_height))
    {
      g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (status != 0 && (answer = answered_error (spawn, status, out)) != NULL)
    {
      g_task_return_error (task, answer);
      return;
    }
  g_task_return_error (task, helper_error (spawn, err));
}

/**
 * warta_page_shot_capture_async:
 * @url: an http or https address
 * @width: the viewport's width in CSS pixels, e.g. 1280
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the screenshot is taken
 * @user_data: data for @callback
 *
 * Has the helper program load @url in a view that is never shown and take
 * a screenshot of the whole page, cut at %WARTA_PAGE_SHOT_MAX_HEIGHT
 * pixels. Several captures may run at once; cancelling one ends its
 * helper. Without a display the capture fails with
 * %WARTA_PAGE_SHOT_ERROR_NO_DISPLAY.
 */
void
warta_page_shot_capture_async (const char          *url,
                               int                  width,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = NULL;
  g_autofree char *width_text = NULL;
  g_autofree char *timeout_text = NULL;
  Spawn *spawn;

  g_return_if_fail (url != NULL);
  g_return_if_fail (width > 0 && width <= WARTA_PAGE_SHOT_MAX_WIDTH);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_page_shot_capture_async);
  spawn = g_new0 (Spawn, 1);
  spawn->url = g_strdup (url);
  spawn->timeout = timeout_seconds;
  g_task_set_task_data (task, spawn, spawn_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!warta_page_shot_is_web_address (url) || strchr (url, '\n') != NULL)
    {
      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_INVALID_URL,
                               _("Cannot take a screenshot of “%s”: only web addresses starting with http:// or https:// can be opened."),
                               url);
      return;
    }
  if ((helper = find_helper ()) == NULL)
    {
      g_autofree char *installed = installed_helper ();

      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HELPER,
                               _("Cannot take the screenshot of %s: the screenshot helper %s is missing. Reinstall Warta, then try again."),
                               url, installed);
      return;
    }

  width_text = g_strdup_printf ("%d", width);
  timeout_text = g_strdup_printf ("%u", spawn->timeout);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  spawn->process = g_subprocess_launcher_spawn (launcher, &error, helper,
                                                "--width", width_text, "--timeout", timeout_text, NULL);
  if (spawn->process == NULL)
    {
      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HELPER,
                               _("Cannot start the screenshot helper %s: %s. Reinstall Warta, then try again."),
                               helper, error->message);
      return;
    }

#ifdef SIGPIPE
  /* A helper that ends before it reads the address must not end this
   * program with it: the write fails instead. GLib does the same for its
   * sockets (GSocket), for which it is often done already. */
  signal (SIGPIPE, SIG_IGN);
#endif
  spawn->backstop_id = g_timeout_add_seconds (spawn->timeout + HELPER_GRACE_SECONDS, on_backstop, spawn);
  input = g_bytes_new_take (g_strconcat (url, "\n", NULL), strlen (url) + 1);
  g_subprocess_communicate_async (spawn->process, input, cancellable, on_communicated, g_object_ref (task));
}

/**
 * warta_page_shot_capture_finish:
 * @result: the result given to the callback
 * @out_width: (out) (optional): the PNG's width in pixels
 * @out_height: (out) (optional): the PNG's height in pixels
 * @error: return location for an error
 *
 * Returns: (transfer full): the PNG, or %NULL with @error set: a
 * %WARTA_PAGE_SHOT_ERROR, or %G_IO_ERROR_CANCELLED
 */
GBytes *
warta_page_shot_capture_finish (GAsyncResult  *result,
                                int           *out_width,
                                int           *out_height,
                                GError       **error)
{
  g_autoptr(GBytes) png = NULL;
  Spawn *spawn;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == warta_page_shot_capture_async, NULL);

  spawn = g_task_get_task_data (G_TASK (result));
  png = g_task_propagate_pointer (G_TASK (result), error);
  if (out_width != NULL)
    *out_width = png != NULL ? spawn->png_width : 0;
  if (out_height != NULL)
    *out_height = png != NULL ? spawn->png_height : 0;
  return g_steal_pointer (&png);
}
