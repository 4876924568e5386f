/* warta-chain-view.c: the disposition chain of a case as a timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-chain-view.h"
#include "warta-step-timer.h"

struct _WartaChainView
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (WartaChainView, warta_chain_view, GTK_TYPE_WIDGET)

void
warta_chain_row_free (WartaChainRow *row)
{
  if (row == NULL)
    return;

  g_free (row->step_id);
  g_free (row->step_text);
  g_free (row->lane_name);
  g_free (row->actor);
  g_free (row->when);
  g_free (row->title);
  g_free (row->detail);
  g_free (row->time_text);
  g_free (row);
}

static char *
lookup_name (GHashTable *user_names,
             gint64      id)
{
  const char *name = NULL;

  if (id == 0)
    return NULL;
  if (user_names != NULL)
    name = g_hash_table_lookup (user_names, &id);
  /* Translators: a person the database no longer names */
  return name ? g_strdup (name) : g_strdup_printf (C_("disposition chain", "User #%lld"), (long long)id);
}

static char *
format_when (gint64     usec,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = tz ? g_date_time_to_timezone (utc, tz) : g_date_time_to_local (utc);
  return warta_format_date_time (local);
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const WartaStepRun *run_a = *(const WartaStepRun * const *)a;
  const WartaStepRun *run_b = *(const WartaStepRun * const *)b;

  return (run_a->seq > run_b->seq) - (run_a->seq < run_b->seq);
}

static const WartaDisposition *
find_disposition (GPtrArray *dispositions,
                  gint64     run_id)
{
  for (guint i = 0; dispositions != NULL && i < dispositions->len; i++)
    {
      const WartaDisposition *disposition = g_ptr_array_index (dispositions, i);

      if (disposition->run_id == run_id)
        return disposition;
    }

  return NULL;
}

/* The chain of a case as rows of text, in the order of the runs, with the
 * disposition of each disposed run matched by its run id. @user_names maps
 * gint64 user ids to full names; @tz is where the times are written, NULL
 * for the local zone. Returns a GPtrArray of WartaChainRow. */
GPtrArray *
warta_chain_view_build_rows (WartaSop   *sop,
                             GPtrArray  *runs,
                             GPtrArray  *dispositions,
                             GHashTable *user_names,
                             gint64      now,
                             GTimeZone  *tz)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (sop == NULL || WARTA_IS_SOP (sop), NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_chain_row_free);
  if (runs == NULL)
    return rows;

  /* A shallow copy keeps the runs' free function: drop it, they are
   * borrowed. */
  sorted = g_ptr_array_copy (runs, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_runs);

  for (guint i = 0; i < sorted->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (sorted, i);
      const WartaStepRun *following = i + 1 < sorted->len ? g_ptr_array_index (sorted, i + 1) : NULL;
      const WartaSopStep *step = sop ? warta_sop_lookup_step (sop, run->step_id) : NULL;
      const WartaSopLane *lane = sop ? warta_sop_lookup_lane (sop, run->lane) : NULL;
      const char *note = warta_text_is_blank (run->note) ? NULL : run->note;
      WartaChainRow *row = g_new0 (WartaChainRow, 1);

      row->run = run;
      row->seq = run->seq;
      row->step_id = g_strdup (run->step_id);
      row->step_text = step ? g_strdup (step->text) : NULL;
      row->lane_name = g_strdup (lane ? lane->name : run->lane);
      row->outcome = run->completed_at ? run->outcome : WARTA_OUTCOME_NONE;
      row->time_text = warta_step_run_format_time (run, now, FALSE, &row->timing);

      if (row->outcome == WARTA_OUTCOME_NONE)
        {
          /* Anyone of the lane holds it until someone is named. */
          row->actor = run->assignee ? lookup_name (user_names, run->assignee) : g_strdup (row->lane_name);
          row->when = format_when (run->started_at, tz);
        }
      else
        {
          row->actor = lookup_name (user_names, run->completed_by);
          row->when = format_when (run->completed_at, tz);
        }

      switch (row->outcome)
        {
        case WARTA_OUTCOME_NONE:
          row->title = g_strdup (C_("disposition chain", "In progress"));
          break;

        case WARTA_OUTCOME_COMPLETED:
          row->title = g_strdup (C_("disposition chain", "Completed"));
          row->detail = g_strdup (note);
          break;

        case WARTA_OUTCOME_YES:
        case WARTA_OUTCOME_NO:
          row->title = g_strdup (row->outcome == WARTA_OUTCOME_YES
                                 ? C_("disposition chain", "Decided: ya")
                                 : C_("disposition chain", "Decided: tidak"));
          if (note != NULL)
            /* Translators: why a step was decided or returned */
            row->detail = g_strdup_printf (C_("disposition chain", "Reason: %s"), note);
          break;

        case WARTA_OUTCOME_RETURNED:
          if (following != NULL)
            row->title = g_strdup_printf (C_("disposition chain", "Returned to step %s"), following->step_id);
          else
            row->title = g_strdup (C_("disposition chain", "Returned"));
          if (note != NULL)
            row->detail = g_strdup_printf (C_("disposition chain", "Reason: %s"), note);
          break;

        case WARTA_OUTCOME_DISPOSED:
          {
            const WartaDisposition *disposition = find_disposition (dispositions, run->id);
            const char *instruction = disposition ? disposition->instruction : note;

            if (disposition != NULL)
              {
                g_autofree char *to = lookup_name (user_names, disposition->to_user);

                /* Translators: the person who received a disposition */
                row->title = g_strdup_printf (C_("disposition chain", "Disposed to %s"), to);
              }
            else
              row->title = g_strdup (C_("disposition chain", "Disposed"));
            if (!warta_text_is_blank (instruction))
              row->detail = g_strdup_printf ("“%s”", instruction);
          }
          break;

        default:
          g_assert_not_reached ();
        }

      g_ptr_array_add (rows, row);
    }

  return rows;
}

static const char *
outcome_class (WartaOutcome outcome)
{
  static const char *classes[] = { "active", "completed", "yes", "no", "returned", "disposed" };

  g_assert (outcome < G_N_ELEMENTS (classes));
  return classes[outcome];
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
warta_chain_view_create_row (const WartaChainRow *row,
                             gboolean             last)
{
  g_autofree char *heading = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *time = NULL;
  g_autofree char *description = NULL;
  GtkWidget *list_row, *box, *rail, *dot, *line, *content, *label, *timer;

  list_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_widget_add_css_class (list_row, "chain-row");
  gtk_widget_add_css_class (list_row, outcome_class (row->outcome));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);

  /* The timeline: a dot for the step, a line down to the next one. */
  rail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (rail, "chain-rail");
  dot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_halign (dot, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dot, "chain-dot");
  line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_halign (line, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (line, TRUE);
  gtk_widget_add_css_class (line, "chain-line");
  gtk_widget_set_visible (line, !last);
  gtk_box_append (GTK_BOX (rail), dot);
  gtk_box_append (GTK_BOX (rail), line);
  gtk_box_append (GTK_BOX (box), rail);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_widget_add_css_class (content, "chain-content");
  gtk_box_append (GTK_BOX (box), content);

  /* Translators: a step's number and its text in the disposition chain */
  heading = g_strdup_printf (C_("disposition chain", "Step %s · %s"),
                             row->step_id, row->step_text ? row->step_text : row->lane_name);
  label = new_label (heading, "chain-step");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_widget_set_tooltip_text (label, row->step_text);
  gtk_box_append (GTK_BOX (content), label);

  if (row->outcome == WARTA_OUTCOME_NONE && row->run->assignee == 0)
    /* Translators: the lane whose members may take the active step, and since when */
    byline = g_strdup_printf (C_("disposition chain", "Held by anyone in %s · since %s"),
                              row->actor, row->when);
  else if (row->outcome == WARTA_OUTCOME_NONE)
    /* Translators: who holds the active step, and since when */
    byline = g_strdup_printf (C_("disposition chain", "Held by %s · since %s"), row->actor, row->when);
  else
    byline = g_strdup_printf ("%s · %s", row->actor ? row->actor : row->lane_name, row->when);
  label = new_label (byline, "chain-byline");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (content), label);

  gtk_box_append (GTK_BOX (content), new_label (row->title, "chain-outcome"));
  if (row->detail != NULL)
    gtk_box_append (GTK_BOX (content), new_label (row->detail, "chain-detail"));

  timer = warta_step_timer_new ();
  gtk_widget_set_halign (timer, GTK_ALIGN_START);
  warta_step_timer_set_run (WARTA_STEP_TIMER (timer), row->run);
  gtk_box_append (GTK_BOX (content), timer);

  /* The row read out whole, as one sentence per part. */
  time = g_strdup_printf (C_("step time and state", "%s, %s"),
                          row->time_text, warta_timing_to_string (row->timing));
  description = g_strjoin (". ", heading, row->title, row->detail ? row->detail : byline,
                           row->detail ? byline : time, row->detail ? time : NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);

  return list_row;
}

static void
warta_chain_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WARTA_TYPE_CHAIN_VIEW);

  G_OBJECT_CLASS (warta_chain_view_parent_class)->dispose (object);
}

static void
warta_chain_view_class_init (WartaChainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_chain_view_dispose;

  g_type_ensure (WARTA_TYPE_STEP_TIMER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-chain-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaChainView, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaChainView, list);
}

static void
warta_chain_view_init (WartaChainView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
warta_chain_view_new (void)
{
  return g_object_new (WARTA_TYPE_CHAIN_VIEW, NULL);
}

/* Shows the chain of one case: @runs (WartaStepRun) and @dispositions
 * (WartaDisposition) as the store lists them, @user_names from gint64 user
 * ids to full names. The widget keeps what it needs: the arrays may be
 * freed after the call. A NULL @sop or no runs shows the empty state. */
void
warta_chain_view_set_data (WartaChainView *self,
                           WartaSop       *sop,
                           GPtrArray      *runs,
                           GPtrArray      *dispositions,
                           GHashTable     *user_names,
                           gint64          now)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;

  g_return_if_fail (WARTA_IS_CHAIN_VIEW (self));
  g_return_if_fail (sop == NULL || WARTA_IS_SOP (sop));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (sop == NULL || runs == NULL || runs->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  rows = warta_chain_view_build_rows (sop, runs, dispositions, user_names, now, NULL);
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->list, warta_chain_view_create_row (g_ptr_array_index (rows, i), i + 1 == rows->len));
  gtk_stack_set_visible_child_name (self->stack, "chain");
}
