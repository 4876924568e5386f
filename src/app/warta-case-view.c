/* warta-case-view.c: one case: its header and timer, the naskah, the
 * step's checklist, the disposition chain and the flowchart
 *
 * The view re-reads its case (on the session's worker: see
 * warta-case-view-jobs.c) when the session says that berkas, or the
 * people, changed, so a step taken elsewhere (another window, warta-cli)
 * shows at once. The naskah is saved as the holder types, a moment after
 * the last keystroke; a reload never overwrites text that has not been
 * saved yet, nor text whose save is still on its way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-view-private.h"
#include "warta-chain-view.h"
#include "warta-flowchart-view.h"
#include "warta-scroll.h"
#include "warta-step-timer.h"
#include "warta-timing.h"
#include "warta-toast.h"

#define AUTOSAVE_DELAY_MS 800

G_DEFINE_FINAL_TYPE (WartaCaseView, warta_case_view, GTK_TYPE_WIDGET)

enum
{
  LOOKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ensure_widgets (WartaCaseView *self);
static void on_naskah_edited (WartaCaseView *self);

void
_warta_case_view_toast (WartaCaseView *self,
                        const char    *message)
{
  warta_toast_show (GTK_WIDGET (self), self->toast_overlay, message);
}

const WartaSopStep *
_warta_case_view_active_step (WartaCaseView *self)
{
  if (self->kase == NULL || self->kase->active == NULL || self->sop == NULL)
    return NULL;
  return warta_sop_lookup_step (self->sop, self->kase->active->step_id);
}

gboolean
_warta_case_view_is_holder (WartaCaseView *self)
{
  return self->session != NULL && self->kase != NULL && self->kase->active != NULL && self->holder;
}

static gboolean
may_edit (WartaCaseView *self)
{
  return self->session != NULL && self->kase != NULL && self->kase->active != NULL && self->may_edit;
}

static char *
user_name (WartaCaseView *self,
           gint64         id)
{
  const char *name;

  if (id == 0 || self->names == NULL || !(name = g_hash_table_lookup (self->names, &id)))
    return NULL;
  return g_strdup (name);
}

/* Naskah editing */

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

WartaNaskah *
_warta_case_view_naskah_from_editor (WartaCaseView *self)
{
  WartaNaskah *naskah = warta_naskah_new (self->case_id);

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->naskah_title_row)));
  naskah->body = buffer_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    naskah->five_w[i] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->five_w_rows[i])));
  return naskah;
}

/* A save's answer from the worker. */
void
_warta_case_view_saved (WartaCaseView *self,
                        gboolean       ok,
                        const GError  *error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *saved = NULL;

  g_assert (self->saves_in_flight > 0);
  self->saves_in_flight--;
  if (self->save_label == NULL)
    return;

  if (!ok)
    {
      /* The text stays in the editor, to be saved again: nothing typed is lost. */
      self->dirty = TRUE;
      gtk_label_set_label (self->save_label, _("Not saved"));
      /* With the office server away the window's banner says why, and
       * the save is made again when it is back */
      if (error != NULL && (self->session == NULL || warta_session_get_connected (self->session)))
        _warta_case_view_toast (self, error->message);
      return;
    }

  if (self->dirty)
    return;  /* typed again meanwhile: "Editing…" stays */
  now = g_date_time_new_now_local ();
  time_text = g_date_time_format (now, "%H.%M");
  /* Translators: %s is a time of day */
  saved = g_strdup_printf (_("Saved at %s"), time_text);
  gtk_label_set_label (self->save_label, saved);
}

static gboolean
autosave_cb (gpointer user_data)
{
  WartaCaseView *self = user_data;

  self->autosave_source = 0;
  _warta_case_view_save (self);
  return G_SOURCE_REMOVE;
}

static void
on_naskah_edited (WartaCaseView *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  gtk_label_set_label (self->save_label, _("Editing…"));
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

/* GTK 4.8's text view aborts in its cursor's blink (gtktextview.c,
 * blink_cb: "assertion failed: cursor_visible") when its cursor is hidden
 * while a blink is still pending: completing a step or deciding right
 * after typing did just that, wherever the focus had gone. So the cursor
 * is never hidden; a read-only body keeps a caret when it has the focus,
 * for selecting and copying with the keyboard, and takes no typing. */
static void
set_body_editable (WartaCaseView *self,
                   gboolean       editable)
{
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), editable);
}

static void
fill_editor (WartaCaseView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  g_autofree char *body = buffer_text (buffer);
  gboolean editable = may_edit (self);
  const WartaSopStep *step = _warta_case_view_active_step (self);
  gboolean show_5w1h = FALSE;

  /* Text typed here and not yet saved, or saved but not yet back from
   * the worker, wins over what the database said. */
  if (!self->dirty && self->saves_in_flight == 0)
    {
      self->loading = TRUE;
      set_editable_text (GTK_EDITABLE (self->naskah_title_row), self->naskah->title);
      if (g_strcmp0 (body, self->naskah->body) != 0)
        gtk_text_buffer_set_text (buffer, self->naskah->body, -1);
      for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
        set_editable_text (GTK_EDITABLE (self->five_w_rows[i]), self->naskah->five_w[i]);
      self->loading = FALSE;
    }

  /* An entry row that cannot be edited still shows its pencil: make it
   * plainly insensitive instead. */
  gtk_editable_set_editable (GTK_EDITABLE (self->naskah_title_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->naskah_title_row), editable);
  set_body_editable (self, editable);
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    {
      gtk_editable_set_editable (GTK_EDITABLE (self->five_w_rows[i]), editable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->five_w_rows[i]), editable);
      show_5w1h |= self->naskah->five_w[i] != NULL && *self->naskah->five_w[i] != '\0';
    }
  if (step != NULL && step->require_5w1h)
    show_5w1h = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->five_w_group), show_5w1h);

  if (editable)
    gtk_widget_set_visible (GTK_WIDGET (self->readonly_label), FALSE);
  else
    {
      g_autofree char *holder = NULL;
      g_autofree char *text = NULL;

      if (self->kase->active == NULL)
        text = g_strdup (_("The case is finished; the naskah is shown as it was."));
      /* Not to the holder themselves, at a step that writes no naskah. */
      else if (self->kase->active->assignee != 0 && !_warta_case_view_is_holder (self) &&
               (holder = user_name (self, self->kase->active->assignee)))
        /* Translators: %s is a person's name */
        text = g_strdup_printf (_("Read only: %s holds this step."), holder);
      else
        text = g_strdup (_("Read only: the naskah is written at writing and review steps, by whoever holds them."));
      gtk_label_set_label (self->readonly_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->readonly_label), TRUE);
    }

  if (self->saves_in_flight > 0)
    ;  /* "Saved at" comes with the save's answer */
  else if (self->naskah->updated_at != 0 && !self->dirty)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (self->naskah->updated_at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (at, "%d-%m-%Y %H.%M");
      g_autofree char *who = user_name (self, self->naskah->updated_by);
      /* Translators: last saved <date> by <name> */
      g_autofree char *text = g_strdup_printf (_("Last saved %s by %s"), when, who ? who : "?");

      gtk_label_set_label (self->save_label, text);
    }
  else if (!self->dirty)
    gtk_label_set_label (self->save_label, "");
}

/* The active step's requirements, as a checklist its holder ticks. */

static void
requirement_checked (WartaCaseView *self,
                     gpointer       value,
                     const GError  *error)
{
  if (error == NULL)
    return;
  _warta_case_view_toast (self, error->message);
  _warta_case_view_load (self);  /* the box as the database has it */
}

static void
on_requirement_toggled (GtkCheckButton *check,
                        WartaCaseView  *self)
{
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "item"));

  if (self->loading)
    return;
  _warta_case_view_check (self, item, gtk_check_button_get_active (check), requirement_checked);
}

static const char *
attachment_label (const char *kind)
{
  if (g_strcmp0 (kind, "nota-dinas") == 0)
    return _("Attach: nota dinas");
  if (g_strcmp0 (kind, "dokumen-pendukung") == 0)
    return _("Attach: supporting document");
  if (g_strcmp0 (kind, "foto") == 0)
    return _("Attach: photo");
  if (g_strcmp0 (kind, "video") == 0)
    return _("Attach: video");
  if (kind != NULL)
    return _("Attach: other document");
  return NULL;
}

/* A requirement that names a kind of attachment is met by a file of that
 * kind, not by a tick: its box follows the attachments panel, ticked and
 * naming the files while there are any, and the person cannot toggle it. */
static void
update_attachment_requirements (WartaCaseView *self)
{
  GPtrArray *attachments = warta_attachments_panel_get_attachments (self->attachments_panel);

  for (guint i = 0; i < self->requirement_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->requirement_rows, i);
      const char *kind = g_object_get_data (G_OBJECT (row), "attachment-kind");
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      if (kind == NULL)
        continue;
      for (guint j = 0; attachments != NULL && j < attachments->len; j++)
        {
          const WartaAttachment *a = g_ptr_array_index (attachments, j);

          if (g_strcmp0 (a->kind, kind) == 0)
            g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", a->name);
        }

      if (names->len > 0)
        /* Translators: %s is the names of the files attached for a requirement */
        text = g_strdup_printf (_("Attached: %s"), names->str);
      else
        text = g_strdup (attachment_label (kind));
      gtk_check_button_set_active (check, names->len > 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_widget_set_tooltip_text (row, names->len > 0
                                   ? text
                                   : _("Met once a file of this kind is attached beside the naskah"));
    }
}

/* The boxes the person ticks, as the database has them. */
static void
update_manual_requirements (WartaCaseView *self,
                            GArray        *checked)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->requirement_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->requirement_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "item"));
      gboolean active = FALSE;

      if (g_object_get_data (G_OBJECT (row), "attachment-kind") != NULL)
        continue;
      for (guint j = 0; checked != NULL && j < checked->len; j++)
        active |= g_array_index (checked, guint, j) == item;
      gtk_check_button_set_active (check, active);
    }
  self->loading = FALSE;
}

static void
on_attachments_listed (WartaCaseView *self)
{
  update_attachment_requirements (self);
}

static void
fill_requirements (WartaCaseView *self)
{
  const WartaSopStep *step = _warta_case_view_active_step (self);
  GArray *checked = self->checks;
  gboolean holder = _warta_case_view_is_holder (self);
  gint64 run = step != NULL ? self->kase->active->id : 0;

  /* The same step run for the same person: the rows stay, so a box the
   * pointer is on is never pulled from under it; only the ticks change. */
  if (run != 0 && run == self->requirements_run && holder == self->requirements_holder)
    {
      update_manual_requirements (self, checked);
      update_attachment_requirements (self);
      return;
    }
  self->requirements_run = run;
  self->requirements_holder = holder;

  for (guint i = 0; i < self->requirement_rows->len; i++)
    adw_preferences_group_remove (self->requirements_group, g_ptr_array_index (self->requirement_rows, i));
  g_ptr_array_set_size (self->requirement_rows, 0);

  if (step == NULL || step->requirements->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->requirements_group), FALSE);
      return;
    }

  self->loading = TRUE;
  for (guint i = 0; i < step->requirements->len; i++)
    {
      const WartaSopRequirement *req = g_ptr_array_index (step->requirements, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = FALSE;

      for (guint j = 0; checked != NULL && j < checked->len; j++)
        active |= g_array_index (checked, guint, j) == i;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), req->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      if (req->attachment != NULL)
        {
          g_object_set_data_full (G_OBJECT (row), "attachment-kind", g_strdup (req->attachment), g_free);
          gtk_widget_set_sensitive (check, FALSE);
        }
      else
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
          gtk_widget_set_sensitive (check, holder);
          g_object_set_data (G_OBJECT (check), "item", GUINT_TO_POINTER (i));
          g_signal_connect (check, "toggled", G_CALLBACK (on_requirement_toggled), self);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        }
      adw_preferences_group_add (self->requirements_group, row);
      g_ptr_array_add (self->requirement_rows, row);
    }
  self->loading = FALSE;
  update_attachment_requirements (self);
  gtk_widget_set_visible (GTK_WIDGET (self->requirements_group), TRUE);
}

static void
fill_header (WartaCaseView *self)
{
  const WartaSopStep *step = _warta_case_view_active_step (self);
  g_autofree char *sop_text = NULL;
  g_autofree char *step_text = NULL;
  g_autofree char *holder_text = NULL;

  gtk_label_set_label (self->title_label, self->kase->title);
  /* Translators: SOP name, its number, and its version */
  sop_text = g_strdup_printf (_("%s · %s · version %d"), warta_sop_get_name (self->sop),
                              warta_sop_get_header (self->sop)->number ? warta_sop_get_header (self->sop)->number : "—",
                              self->kase->sop_version);
  gtk_label_set_label (self->sop_label, sop_text);

  if (step != NULL)
    {
      const WartaSopLane *lane = warta_sop_lookup_lane (self->sop, step->lane);
      g_autofree char *holder = user_name (self, self->kase->active->assignee);

      /* Translators: step number and its text */
      step_text = g_strdup_printf (_("Step %s: %s"), step->id, step->text);
      if (holder != NULL)
        /* Translators: a person's name, then the lane */
        holder_text = g_strdup_printf (_("Held by %s (%s)"), holder, lane->name);
      else
        /* Translators: %s is a lane (role) */
        holder_text = g_strdup_printf (_("Held by anyone in %s"), lane->name);
    }
  else
    {
      step_text = g_strdup (self->kase->state == WARTA_CASE_REJECTED ? _("Rejected: not published")
                                                                     : _("Finished"));
      holder_text = g_strdup ("");
    }
  gtk_label_set_label (self->step_label, step_text);
  gtk_label_set_label (self->holder_label, holder_text);

  _warta_case_view_update_total (self);

  warta_step_timer_set_run (WARTA_STEP_TIMER (self->timer), self->kase->active);
  gtk_widget_set_visible (self->timer, self->kase->active != NULL);

  gtk_label_set_label (self->output_label, step && step->output ? step->output : "");
  gtk_widget_set_visible (GTK_WIDGET (self->output_group), step != NULL && step->output != NULL);
}

/* The chain needs every actor's name; a case has a handful. */
static void
fill_chain (WartaCaseView *self)
{
  warta_chain_view_set_data (WARTA_CHAIN_VIEW (self->chain), self->sop, self->runs, self->dispositions,
                             self->names, _warta_case_view_clock (self));
}

static void
clear_case (WartaCaseView *self)
{
  g_clear_pointer (&self->kase, warta_case_free);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->naskah, warta_naskah_free);
  g_clear_pointer (&self->checks, g_array_unref);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_object (&self->sop);
  self->holder = self->may_edit = self->may_print = FALSE;
}

/* What a load read (its data taken), or NULL: no case. */
void
_warta_case_view_show (WartaCaseView *self,
                       WartaCaseData *data)
{
  clear_case (self);
  if (data == NULL)
    goto empty;

  self->kase = g_steal_pointer (&data->kase);
  self->sop = g_steal_pointer (&data->sop);
  self->runs = g_steal_pointer (&data->runs);
  self->naskah = g_steal_pointer (&data->naskah);
  self->checks = g_steal_pointer (&data->checks);
  self->dispositions = g_steal_pointer (&data->dispositions);
  self->names = g_steal_pointer (&data->names);
  self->holder = data->holder;
  self->may_edit = data->may_edit;
  self->may_print = data->may_print;

  ensure_widgets (self);
  fill_header (self);
  fill_editor (self);
  fill_requirements (self);
  fill_chain (self);
  warta_attachments_panel_set_case (self->attachments_panel, self->session, self->kase,
                                    _warta_case_view_active_step (self), _warta_case_view_is_holder (self));
  warta_publish_panel_set_case (self->publish_panel, self->session, self->kase, self->sop, data->publish);
  adw_view_stack_page_set_visible (self->publish_page, warta_sop_has_publish_step (self->sop));
  warta_flowchart_view_set_sop (WARTA_FLOWCHART_VIEW (self->flowchart), self->sop);
  warta_flowchart_view_set_runs (WARTA_FLOWCHART_VIEW (self->flowchart), self->runs,
                                 _warta_case_view_clock (self));
  _warta_case_view_sync_time (self);
  gtk_stack_set_visible_child_name (self->stack, "case");
  /* The one who publishes a case opens it on its Publication page. */
  if (self->show_publish && warta_publish_panel_get_may_publish (self->publish_panel))
    adw_view_stack_set_visible_child_name (self->view_stack, "publish");
  self->show_publish = FALSE;
  _warta_case_view_update_actions (self);
  _warta_case_data_free (data);
  return;

empty:
  _warta_case_view_sync_time (self);
  warta_attachments_panel_set_case (self->attachments_panel, NULL, NULL, NULL, FALSE);
  warta_publish_panel_set_case (self->publish_panel, NULL, NULL, NULL, NULL);
  adw_view_stack_page_set_visible (self->publish_page, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  _warta_case_view_update_actions (self);
}

/* This berkas (or one the session cannot name) changed: read it again,
 * unless it was this view's own save of what it already shows. */
static void
on_case_changed (WartaCaseView *self,
                 guint          kind,
                 gint64         case_id,
                 gpointer       origin)
{
  if (self->case_id == 0 || (case_id != 0 && case_id != self->case_id))
    return;
  if (origin == &self->save_tag)
    return;
  _warta_case_view_load (self);
}

/* Names and roles (who holds the step) may have changed. */
static void
on_people_changed (WartaCaseView *self)
{
  if (self->case_id != 0)
    _warta_case_view_load (self);
}

/* Back from a lost office server: a naskah whose save failed meanwhile
 * is still in the editor, and is saved now. */
static void
on_connected_changed (WartaCaseView *self,
                      GParamSpec    *pspec,
                      WartaSession  *session)
{
  if (warta_session_get_connected (session) && self->dirty && self->autosave_source == 0)
    _warta_case_view_save (self);
}

static void
on_user_changed (WartaCaseView *self)
{
  _warta_case_view_load (self);
}

/* A publication's screenshot, with the case's files. */
static void
on_show_attachment (WartaCaseView *self,
                    gint64         id)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "naskah");
  warta_attachments_panel_select (self->attachments_panel, id);
}

static void
warta_case_view_dispose (GObject *object)
{
  WartaCaseView *self = (WartaCaseView *)object;

  /* Typed text is saved before the view goes away. */
  if (self->dirty && self->session != NULL)
    _warta_case_view_save_detached (self);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->time_source, g_source_remove);
  g_clear_handle_id (&self->paned_idle, g_source_remove);
  _warta_case_view_dispose_print (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  clear_case (self);
  g_clear_pointer (&self->requirement_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_CASE_VIEW);

  G_OBJECT_CLASS (warta_case_view_parent_class)->dispose (object);
}

static void
on_looked (WartaCaseView *self,
           gint64         case_id)
{
  g_signal_emit (self, signals[LOOKED], 0, case_id);
}

static void
warta_case_view_class_init (WartaCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_case_view_dispose;

  /**
   * WartaCaseView::looked:
   * @case_id: the berkas
   *
   * The person's look at the berkas shown is recorded: it is news to
   * them no more (see #WartaCaseNews).
   */
  signals[LOOKED] =
    g_signal_new ("looked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (WARTA_TYPE_ATTACHMENTS_PANEL);
  g_type_ensure (WARTA_TYPE_PUBLISH_PANEL);
  g_type_ensure (WARTA_TYPE_REVISIONS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, title_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, print_button);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, sop_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, step_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, holder_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, timer_box);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, total_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, revisions_view);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, readonly_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, naskah_title_row);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, body_scroller);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, save_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, five_w_group);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, requirements_group);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, output_group);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, output_label);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, naskah_paned);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, attachments_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_attachments_listed);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, publish_page);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, publish_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_show_attachment);
  gtk_widget_class_bind_template_callback (widget_class, _warta_case_view_update_actions);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, chain_scroller);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, flowchart_scroller);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, return_button);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, complete_button);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, dispose_button);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, approve_button);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, reject_button);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, note_entry);

  _warta_case_view_class_init_actions (widget_class);
  _warta_case_view_class_init_print (widget_class);
}

/* The editor follows the light or dark style of the desktop; GtkSourceView
 * alone keeps its white "classic" scheme. */
static void
update_style_scheme (WartaCaseView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, id));
}

/* Until it is told where, the paned puts its divider by its children's
 * natural widths at every allocation: an attachment with a longer name
 * moved it a pixel or two, and every line of the naskah was laid out
 * again in that frame (20-40 ms of a long naskah, in the middle of
 * typing). Once it has found a place it keeps it; a resized window still
 * shares its width out between the two. */
static gboolean
keep_paned_position (gpointer user_data)
{
  WartaCaseView *self = user_data;

  self->paned_idle = 0;
  gtk_paned_set_position (self->naskah_paned, gtk_paned_get_position (self->naskah_paned));
  return G_SOURCE_REMOVE;
}

static void
on_paned_position (WartaCaseView *self)
{
  gboolean set = FALSE;

  g_object_get (self->naskah_paned, "position-set", &set, NULL);
  if (set || self->paned_idle != 0 || gtk_widget_get_width (GTK_WIDGET (self->naskah_paned)) == 0)
    return;
  self->paned_idle = g_idle_add (keep_paned_position, self);
}

static void
ensure_widgets (WartaCaseView *self)
{
  GtkSourceLanguageManager *languages;
  GtkSourceBuffer *buffer;

  if (self->body_view != NULL)
    return;

  languages = gtk_source_language_manager_get_default ();
  self->body_view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->body_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->body_view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->body_view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->body_view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->body_view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body of the naskah, in Markdown"),
                                  -1);
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)));
  gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_naskah_edited), self);
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (self->body_scroller, GTK_WIDGET (self->body_view));
  g_signal_connect_swapped (self->naskah_paned, "notify::position", G_CALLBACK (on_paned_position), self);
  /* Read-only, or at its end: the wheel over the body scrolls the page. */
  warta_scroll_pass_to_page (self->body_scroller);

  self->chain = warta_chain_view_new ();
  gtk_scrolled_window_set_child (self->chain_scroller, self->chain);
  self->flowchart = warta_flowchart_view_new ();
  warta_flowchart_view_set_clock (WARTA_FLOWCHART_VIEW (self->flowchart), _warta_case_view_clock, self);
  gtk_scrolled_window_set_child (self->flowchart_scroller, self->flowchart);
  _warta_case_view_update_zoom_action (self);
}

/* Files dropped anywhere on the case are attached to it. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WartaCaseView *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *list = g_value_get_boxed (value);

  if (self->kase == NULL || !_warta_case_view_is_holder (self))
    {
      _warta_case_view_toast (self, _("Only the holder of the active step can attach files to this case"));
      return FALSE;
    }
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, "naskah");
  warta_attachments_panel_add_files (self->attachments_panel, files, NULL);
  return TRUE;
}

static void
warta_case_view_init (WartaCaseView *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  self->requirement_rows = g_ptr_array_new ();

  self->timer = warta_step_timer_new ();
  warta_step_timer_set_clock (WARTA_STEP_TIMER (self->timer), _warta_case_view_clock, self);
  gtk_box_append (self->timer_box, self->timer);
  g_signal_connect_swapped (self->naskah_title_row, "changed", G_CALLBACK (on_naskah_edited), self);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (_warta_case_view_update_zoom_action), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s — %s", warta_5w1h_label (i), warta_5w1h_question (i));

      self->five_w_rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->five_w_rows[i]), title);
      g_signal_connect_swapped (self->five_w_rows[i], "changed", G_CALLBACK (on_naskah_edited), self);
      adw_preferences_group_add (self->five_w_group, GTK_WIDGET (self->five_w_rows[i]));
    }

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "changed::people",
                                 G_CALLBACK (on_people_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::connected",
                                 G_CALLBACK (on_connected_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->revisions_view, "looked", G_CALLBACK (on_looked), self, G_CONNECT_SWAPPED);

  _warta_case_view_update_actions (self);
  _warta_case_view_update_zoom_action (self);
}

GtkWidget *
warta_case_view_new (void)
{
  return g_object_new (WARTA_TYPE_CASE_VIEW, NULL);
}

void
warta_case_view_set_session (WartaCaseView *self,
                             WartaSession  *session)
{
  g_return_if_fail (WARTA_IS_CASE_VIEW (self));

  if (self->session == session)
    return;
  if (self->dirty && self->session != NULL)
    _warta_case_view_save (self);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  warta_revisions_view_set_session (self->revisions_view, session);
  _warta_case_view_load (self);
}

/* Whether a read, a save or an action of the view is still on the
 * session's worker: what it shows may be about to change. */
gboolean
warta_case_view_is_busy (WartaCaseView *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_VIEW (self), FALSE);
  return self->load_cancellable != NULL || self->saves_in_flight > 0 || self->acting;
}

gint64
warta_case_view_get_case_id (WartaCaseView *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_VIEW (self), 0);
  return self->case_id;
}

/**
 * warta_case_view_get_case:
 * @self: a #WartaCaseView
 *
 * The case as the view shows it: its last read. Each read replaces it,
 * so the same pointer later means the view has not read the case again.
 *
 * Returns: (transfer none) (nullable): the case shown, or %NULL while
 *   none is (none chosen, still reading the first, or it could not be read)
 */
const WartaCase *
warta_case_view_get_case (WartaCaseView *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_VIEW (self), NULL);
  return self->kase;
}

/**
 * warta_case_view_has_unsaved_changes:
 * @self: a #WartaCaseView
 *
 * Whether something typed in the naskah is not in the database yet:
 * waiting for the autosave, or sent to the worker and not answered.
 *
 * Returns: %TRUE while an edit is unsaved
 */
gboolean
warta_case_view_has_unsaved_changes (WartaCaseView *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_VIEW (self), FALSE);
  return self->dirty || self->saves_in_flight > 0;
}

void
warta_case_view_set_case_id (WartaCaseView *self,
                             gint64         case_id)
{
  g_return_if_fail (WARTA_IS_CASE_VIEW (self));

  if (self->case_id == case_id)
    return;

  /* What was typed in the case being left is kept: the save carries
   * its case id. */
  if (self->dirty && self->session != NULL)
    _warta_case_view_save (self);
  self->dirty = FALSE;
  self->case_id = case_id;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  adw_view_stack_set_visible_child_name (self->view_stack, "naskah");
  self->show_publish = TRUE;
  /* Opening a berkas is a look at it: the banner keeps the one before. */
  warta_revisions_view_set_case_id (self->revisions_view, case_id);
  _warta_case_view_load (self);
}
