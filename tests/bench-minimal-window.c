/* bench-minimal-window.c: the reference for bench-startup: a plain GTK 4
 * window that reports its first frame the way Warta does.
 *
 * Built a second time with WITH_ADWAITA (bench-minimal-adw-window): the
 * same window as a libadwaita application, to tell libadwaita's share of
 * Warta's start (its stylesheet) from Warta's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifdef WITH_ADWAITA
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif

/* With --trace, as bench-warta-window: when each stage was reached. */
static gboolean trace;

static void
mark (const char *what)
{
  if (trace)
    g_printerr ("mark %s: %" G_GINT64_FORMAT "\n", what, g_get_monotonic_time ());
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  mark ("first-frame");
  g_print ("first-frame-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  gtk_window_destroy (window);
}

static void
on_map (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  mark ("map");
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), window);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window;

  mark ("activate");
#ifdef WITH_ADWAITA
  window = adw_application_window_new (app);
#else
  window = gtk_application_window_new (app);
#endif

  gtk_window_set_title (GTK_WINDOW (window), "Reference");
  /* Warta's default size (data/id.warta.Warta.gschema.xml) */
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 820);
#ifdef WITH_ADWAITA
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Reference"));
#else
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Reference"));
#endif
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  trace = argc > 1 && g_str_equal (argv[1], "--trace");
  mark ("main");
#ifdef WITH_ADWAITA
  app = GTK_APPLICATION (adw_application_new ("id.warta.BenchAdwReference", G_APPLICATION_NON_UNIQUE));
#else
  app = gtk_application_new ("id.warta.BenchReference", G_APPLICATION_NON_UNIQUE);
#endif
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
