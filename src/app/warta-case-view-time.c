/* warta-case-view-time.c: the case's times, live
 *
 * The step timer, the flowchart and the case's total all read one clock,
 * the engine's (so a test or the sample office can set it), and move on
 * while the case is on screen: the total is written again each second,
 * though the label changes only when its minutes do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-view-private.h"
#include "warta-timing.h"

/* A WartaClockFunc over the view's session: the view outlives the timer
 * and the flowchart it gives it to, and its session may change. */
gint64
_warta_case_view_clock (gpointer user_data)
{
  WartaCaseView *self = user_data;

  if (self->session == NULL)
    return g_get_real_time ();
  return warta_session_now (self->session);
}

/* "Case total 1 d 6 h of the SOP's standard 1 d": every run's time,
 * the active one up to now. */
void
_warta_case_view_update_total (WartaCaseView *self)
{
  g_autofree char *total = NULL;
  g_autofree char *sop_total = NULL;
  g_autofree char *text = NULL;
  gint64 now, elapsed = 0;
  int sop_min, sop_max;

  if (self->kase == NULL || self->sop == NULL || self->runs == NULL)
    return;

  now = _warta_case_view_clock (self);
  for (guint i = 0; i < self->runs->len; i++)
    elapsed += warta_step_run_get_elapsed (g_ptr_array_index (self->runs, i), now);
  warta_sop_get_total_standard (self->sop, &sop_min, &sop_max);
  total = warta_format_duration (elapsed);
  if (!(sop_total = warta_format_standard (sop_max, sop_max)))
    sop_total = g_strdup (_("no standard"));
  /* Translators: the case's time so far, then the SOP's total standard */
  text = g_strdup_printf (_("Case total %s of the SOP's standard %s"), total, sop_total);
  if (g_strcmp0 (gtk_label_get_label (self->total_label), text) != 0)
    gtk_label_set_label (self->total_label, text);
}

static gboolean
time_tick_cb (gpointer user_data)
{
  WartaCaseView *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _warta_case_view_update_total (self);
  return G_SOURCE_CONTINUE;
}

/* Ticks while the case shown has an active step. */
void
_warta_case_view_sync_time (WartaCaseView *self)
{
  gboolean wanted = self->kase != NULL && self->kase->active != NULL;

  if (wanted && self->time_source == 0)
    {
      self->time_source = g_timeout_add_seconds (1, time_tick_cb, self);
      g_source_set_name_by_id (self->time_source, "[warta] case total tick");
    }
  else if (!wanted)
    g_clear_handle_id (&self->time_source, g_source_remove);
}
