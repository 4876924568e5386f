/* bench-save-attach.c: typing in a naskah while a 300 MiB file is attached
 *
 * The office of ui-office.c in a window under Xvfb; the staff member types
 * into a case's naskah in bursts (a word, then a pause long enough for the
 * autosave) while the attachments panel attaches a 300 MiB file in the
 * background. A timeout of the highest priority fires every millisecond on
 * the main loop and keeps the longest gap between two of its calls: the
 * longest stall of the main thread, which the issue wants under 16 ms (one
 * frame). The reference is the same typing in the same window for ten
 * seconds (about as long as the attach) with nothing attaching, measured
 * in the same run, first. Three rounds of both; the medians are compared.
 *
 * Run under Xvfb on a private D-Bus session: `make bench`. GTK draws with
 * cairo here (see main()), unless GSK_RENDERER says otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui-office.h"

#define FILE_MIB       300
#define WORD           "kata "
#define KEY_MS         60     /* between two letters */
#define PAUSE_MS       1000   /* after a word: the autosave comes at 800 */
#define AIM_MS         16.0
#define REFERENCE_S    10.0
#define N_ROUNDS       3      /* the longest stall is noisy: the median of three */

typedef struct
{
  gint64  last;
  gint64  longest;      /* µs */
  guint   n_ticks;
} Stall;

static gboolean
stall_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  stall->n_ticks++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GtkTextBuffer *buffer;
  guint          position;   /* in the word */
  guint          source;
  guint          n_words;
} Typist;

static gboolean
type_key (gpointer user_data)
{
  Typist *typist = user_data;
  char letter[2] = { WORD[typist->position], '\0' };

  gtk_text_buffer_insert_at_cursor (typist->buffer, letter, 1);
  typist->position = (typist->position + 1) % strlen (WORD);
  if (typist->position == 0)
    typist->n_words++;
  typist->source = g_timeout_add (typist->position == 0 ? PAUSE_MS : KEY_MS, type_key, typist);
  return G_SOURCE_REMOVE;
}

/* A file of FILE_MIB MiB that does not compress. */
static char *
write_big_file (Fixture *f)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autofree guint32 *chunk = g_new (guint32, 1024 * 1024 / 4);
  char *path = g_build_filename (f->dir, "rekaman-rapat.bin", NULL);
  FILE *out = fopen (path, "wb");

  g_assert_nonnull (out);
  for (guint i = 0; i < 1024 * 1024 / 4; i++)
    chunk[i] = g_rand_int (rand);
  for (guint i = 0; i < FILE_MIB; i++)
    {
      chunk[0] = i;
      g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, out), ==, 1024 * 1024);
    }
  g_assert_cmpint (fclose (out), ==, 0);
  return path;
}

typedef struct
{
  double   longest_ms;
  double   writing_ms;  /* until the bytes were all written */
  double   during_ms;   /* until the attach was done, its answer shown */
  double   seconds;
  guint    n_words;
  guint    n_ticks;
} Run;

/* Whether the attach is done; notes the longest stall so far when the
 * panel's progress first says every byte is written. */
static gboolean
attach_done (WartaAttachmentsPanel *panel,
             Stall                 *stall,
             Run                   *run)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (gtk_widget_get_template_child (GTK_WIDGET (panel),
                                                                         WARTA_TYPE_ATTACHMENTS_PANEL,
                                                                         "progress_bar"));

  if (run->writing_ms == 0 && gtk_progress_bar_get_fraction (bar) >= 0.999)
    run->writing_ms = stall->longest / 1000.0;
  return !warta_attachments_panel_is_busy (panel);
}

/* Types into @view's naskah for @seconds, or, with @path, until the file
 * is attached; then until the last autosave is done. */
static Run
measure (WartaCaseView *view,
         const char    *path,
         double         seconds)
{
  Stall stall = { 0 };
  Typist typist = { 0 };
  WartaAttachmentsPanel *panel = ui_case_child (view, "attachments_panel");
  guint before = warta_attachments_panel_get_n_attachments (panel);
  gint64 start;
  guint tick;
  Run run = { 0 };

  typist.buffer = gtk_text_view_get_buffer (ui_case_body (view));
  ui_iterate (200);

  start = g_get_monotonic_time ();
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick, &stall, NULL);
  typist.source = g_timeout_add (KEY_MS, type_key, &typist);

  if (path != NULL)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (files, g_file_new_for_path (path));
      warta_attachments_panel_add_files (panel, files, "lainnya");
      g_assert_true (warta_attachments_panel_is_busy (panel));
      UI_WAIT_UNTIL (attach_done (panel, &stall, &run), 300 * 1000);
      run.during_ms = stall.longest / 1000.0;
      if (run.writing_ms == 0)
        run.writing_ms = run.during_ms;
      UI_WAIT_UNTIL (warta_attachments_panel_get_n_attachments (panel) == before + 1, 60 * 1000);
    }
  else
    UI_WAIT_UNTIL (g_get_monotonic_time () - start >= seconds * G_USEC_PER_SEC, 300 * 1000);

  g_clear_handle_id (&typist.source, g_source_remove);
  run.seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  /* The last word's save */
  UI_WAIT_UNTIL (!warta_case_view_has_unsaved_changes (view), 60 * 1000);
  g_source_remove (tick);

  run.longest_ms = stall.longest / 1000.0;
  run.n_words = typist.n_words;
  run.n_ticks = stall.n_ticks;
  return run;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, N_ROUNDS, sizeof (double), compare_doubles);
  return values[N_ROUNDS / 2];
}

static void
bench_save_while_attaching (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  WartaCaseView *view;
  gint64 case_id;
  double warta_ms[N_ROUNDS], during_ms[N_ROUNDS], writing_ms[N_ROUNDS], reference_ms[N_ROUNDS];

  path = write_big_file (f);
  case_id = warta_engine_start_case (f->engine, f->ids[STAF], SOP_ID, "Rapat koordinasi", &error);
  g_assert_no_error (error);
  sign_in (f, STAF);
  view = open_case (f->window, "inbox", case_id);
  gtk_widget_grab_focus (GTK_WIDGET (ui_case_body (view)));

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      Run warta, reference;

      /* The reference first, so that it does not meet the large write's
       * journal left behind. */
      reference = measure (view, NULL, REFERENCE_S);
      warta = measure (view, path, 0);
      g_print ("bench: save-while-attaching: round %u: attaching %d MiB took %.1f s, %u words typed, "
               "longest stall %.1f ms (%.1f ms while its bytes were written, %.1f ms until it was kept); "
               "reference: %u words in %.1f s, longest stall %.1f ms\n",
               i + 1, FILE_MIB, warta.seconds, warta.n_words, warta.longest_ms, warta.writing_ms, warta.during_ms,
               reference.n_words, reference.seconds, reference.longest_ms);
      warta_ms[i] = warta.longest_ms;
      during_ms[i] = warta.during_ms;
      writing_ms[i] = warta.writing_ms;
      reference_ms[i] = reference.longest_ms;
    }

  {
    double w = median (warta_ms), d = median (during_ms), b = median (writing_ms), r = median (reference_ms);

    g_print ("bench: save-while-attaching: medians: %.1f ms while the bytes were written, %.1f ms until the "
             "file was kept, %.1f ms with the views' reload after it\n", b, d, w);
    g_print ("bench: save-while-attaching: warta=%.1fms reference=%.1fms ratio=%.2f "
             "(median of %d; aim: under %.0f ms)\n", w, r, w / MAX (r, 0.001), N_ROUNDS, AIM_MS);
  }
  screenshot (f, GTK_WIDGET (f->window), "bench-save-while-attaching");
}

int
main (int   argc,
      char *argv[])
{
  /* Xvfb has no GPU: GTK's GL renderer on llvmpipe takes a few hundred
   * milliseconds a frame on a loaded machine, the same in both runs,
   * and would hide the stalls measured here. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_test_init (&argc, &argv, NULL);
  ui_office_init ();

  ui_office_add ("/bench/save-while-attaching", bench_save_while_attaching, NULL);

  return ui_office_run ();
}
