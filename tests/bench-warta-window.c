/* bench-warta-window.c: Warta's application as src/app/main.c starts it,
 * for bench-startup, with what the shipped binary must not carry: it
 * prints "first-frame-us: T" (CLOCK_MONOTONIC, shared by all processes)
 * when the window has painted once, then quits.
 *
 *   bench-warta-window --db PATH                 the sign-in page
 *   bench-warta-window --db PATH --sign-in L:P   signed in as L before the
 *                                                first frame: the inbox
 *
 * With --sign-in it also prints "rows-us: T" when the inbox's list has
 * counted its cases and read its first row, and waits for that too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "warta-application.h"
#include "warta-case-item.h"
#include "warta-case-list-model.h"
#include "warta-cases-pane.h"
#include "warta-session.h"
#include "warta-window.h"

static char *sign_in;
static gboolean trace;

/* With --trace: when each stage of the start was reached. */
static void
mark (const char *what)
{
  if (trace)
    g_printerr ("mark %s: %" G_GINT64_FORMAT "\n", what, g_get_monotonic_time ());
}
static gboolean painted;
static gboolean rows_read;

static void
maybe_quit (void)
{
  if (painted && (sign_in == NULL || rows_read))
    g_application_quit (g_application_get_default ());
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  mark ("first-frame");
  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  painted = TRUE;
  maybe_quit ();
}

/* Counted, and its first row read (not a placeholder). */
static gboolean
model_has_rows (WartaCaseListModel *model)
{
  g_autoptr(WartaCaseItem) first = NULL;

  if (warta_case_list_model_get_loading (model) ||
      g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  return !warta_case_item_is_placeholder (first);
}

static void
on_model_changed (WartaCaseListModel *model)
{
  static gboolean counted;

  if (!counted && !warta_case_list_model_get_loading (model))
    {
      mark ("counted");
      counted = TRUE;
    }
  if (rows_read || !model_has_rows (model))
    return;
  g_print ("rows-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  rows_read = TRUE;
  maybe_quit ();
}

/* With --trace: when the main loop first had nothing else to do. */
static gboolean
idle_cb (gpointer data)
{
  mark ("idle");
  return G_SOURCE_REMOVE;
}

static void
on_phase (GdkFrameClock *clock,
          const char    *phase)
{
  if (!painted)
    mark (phase);
}

static void
on_map (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  mark ("map");
  if (trace)
    {
      g_signal_connect (clock, "update", G_CALLBACK (on_phase), (gpointer)"update");
      g_signal_connect (clock, "layout", G_CALLBACK (on_phase), (gpointer)"layout");
      g_signal_connect (clock, "paint", G_CALLBACK (on_phase), (gpointer)"paint");
    }
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), window);
}

/* Before the window is realized, its database is open: sign in as a
 * person whose password was typed on the sign-in page would. */
static void
on_show (GtkWidget *window)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  WartaSession *session;
  WartaCaseListModel *model;

  mark ("show");
  if (sign_in == NULL)
    return;
  session = warta_window_get_session (WARTA_WINDOW (window));
  parts = g_strsplit (sign_in, ":", 2);
  if (session == NULL || parts[1] == NULL ||
      !warta_session_sign_in (session, parts[0], parts[1], &error))
    g_error ("cannot sign in as %s: %s", sign_in, error ? error->message : "no session");

  mark ("signed-in");
  if (trace)
    g_idle_add_full (G_PRIORITY_LOW, idle_cb, NULL, NULL);
  model = warta_cases_pane_get_model (WARTA_CASES_PANE (warta_window_get_pane (WARTA_WINDOW (window), "inbox")));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_model_changed), NULL);
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_model_changed), NULL);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  mark ("window-added");
  g_signal_connect (window, "show", G_CALLBACK (on_show), NULL);
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WartaApplication) app = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *localedir;

  /* --sign-in is this program's; the rest goes to the application. */
  for (int i = 0; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--sign-in") == 0 && i + 1 < argc)
        sign_in = argv[++i];
      else if (g_strcmp0 (argv[i], "--trace") == 0)
        trace = TRUE;
      else
        g_ptr_array_add (args, argv[i]);
    }
  g_ptr_array_add (args, NULL);
  mark ("main");

  localedir = g_getenv ("WARTA_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = warta_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_signal_connect_swapped (app, "startup", G_CALLBACK (mark), (gpointer)"startup");
  g_signal_connect_swapped (app, "activate", G_CALLBACK (mark), (gpointer)"activate");

  return g_application_run (G_APPLICATION (app), (int)args->len - 1, (char **)args->pdata);
}
