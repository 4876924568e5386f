/* warta-page-shot-helper.c: the program that takes a page's screenshot
 *
 *   warta-page-shot [--width PIXELS] [--timeout SECONDS] < URL
 *
 * The only program of Warta that loads WebKitGTK (warta-page-shot.c says
 * why). It reads the address from its standard input, takes the screenshot
 * with warta-page-shot-render.c and writes the PNG on its standard output,
 * exit status 0; on an error it writes the error's message there instead,
 * translated, and exits with WARTA_PAGE_SHOT_EXIT_ERROR plus the
 * WartaPageShotError. Whatever the libraries print goes to standard error,
 * so nothing but the answer reaches standard output. It ends when the
 * program that started it ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "warta-page-shot-render.h"

/* An address longer than this is no post's. */
#define MAX_URL_BYTES 8192

typedef struct
{
  GMainLoop *loop;
  GBytes    *png;
  GError    *error;
} Shot;

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         size)
{
  while (size > 0)
    {
      gssize written = write (fd, data, size);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      size -= (gsize) written;
    }
  return TRUE;
}

/* The error's message on the answer's descriptor; the code in the status. */
static int
answer_error (int           out,
              const GError *error)
{
  int code = WARTA_PAGE_SHOT_ERROR_HELPER;

  if (error->domain == WARTA_PAGE_SHOT_ERROR)
    code = error->code;
  write_all (out, (const guint8 *) error->message, strlen (error->message));
  write_all (out, (const guint8 *) "\n", 1);
  return WARTA_PAGE_SHOT_EXIT_ERROR + code;
}

static char *
read_url (GError **error)
{
  char buffer[MAX_URL_BYTES + 2];
  gsize length;

  length = fread (buffer, 1, sizeof buffer - 1, stdin);
  buffer[length] = '\0';
  if (length > MAX_URL_BYTES || memchr (buffer, '\0', length) != NULL || !g_utf8_validate (buffer, -1, NULL))
    {
      g_set_error_literal (error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_INVALID_URL,
                           _("The address of the page to take a screenshot of is not one a web page can have."));
      return NULL;
    }
  return g_strdup (g_strstrip (buffer));
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Shot *shot = user_data;

  shot->png = warta_page_shot_render_finish (result, NULL, NULL, &shot->error);
  g_main_loop_quit (shot->loop);
}

int
main (int    argc,
      char **argv)
{
  static int width = 1280;
  static int timeout = WARTA_PAGE_SHOT_DEFAULT_TIMEOUT;
  static const GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "The viewport's width in CSS pixels", "PIXELS" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "How long the load and the snapshot may take", "SECONDS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *localedir = g_getenv ("WARTA_LOCALEDIR");
  Shot shot = { 0 };
  int out;

  setlocale (LC_ALL, "");
  g_set_prgname (WARTA_PAGE_SHOT_HELPER);
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
#ifdef __linux__
  /* Nobody waits for the screenshot once the program that asked is gone. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return WARTA_PAGE_SHOT_EXIT_ERROR + WARTA_PAGE_SHOT_ERROR_HELPER;
#endif

  /* The answer gets standard output to itself: whatever a library prints
   * there goes to standard error instead. */
  out = dup (STDOUT_FILENO);
  if (out < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    return WARTA_PAGE_SHOT_EXIT_ERROR + WARTA_PAGE_SHOT_ERROR_HELPER;

  context = g_option_context_new ("< URL");
  g_option_context_set_summary (context, "Takes the screenshot of the web page whose address is on standard input "
                                         "and writes it as a PNG on standard output. Warta runs it; it is no "
                                         "program for people.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1 ||
      width <= 0 || width > WARTA_PAGE_SHOT_MAX_WIDTH || timeout <= 0)
    {
      g_printerr ("%s: %s\n", WARTA_PAGE_SHOT_HELPER, error != NULL ? error->message : "bad arguments");
      return 2;
    }

  if (!(url = read_url (&error)))
    return answer_error (out, error);
  if (!gtk_init_check ())
    {
      g_set_error (&error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_NO_DISPLAY,
                   _("The screenshot of %s needs a display, and there is none. Take it in a desktop session."),
                   url);
      return answer_error (out, error);
    }

  warta_page_shot_set_timeout ((guint) timeout);
  shot.loop = g_main_loop_new (NULL, FALSE);
  warta_page_shot_render_async (url, width, NULL, on_rendered, &shot);
  g_main_loop_run (shot.loop);
  g_main_loop_unref (shot.loop);
  /* The view goes, and its web process with it, from an idle. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;

  if (shot.png == NULL)
    {
      int status = answer_error (out, shot.error);

      g_error_free (shot.error);
      return status;
    }
  if (!write_all (out, g_bytes_get_data (shot.png, NULL), g_bytes_get_size (shot.png)))
    {
      g_printerr ("%s: cannot write the PNG: %s\n", WARTA_PAGE_SHOT_HELPER, g_strerror (errno));
      g_bytes_unref (shot.png);
      return WARTA_PAGE_SHOT_EXIT_ERROR + WARTA_PAGE_SHOT_ERROR_HELPER;
    }
  g_bytes_unref (shot.png);
  close (out);
  return 0;
}
