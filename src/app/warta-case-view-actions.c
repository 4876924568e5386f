/* warta-case-view-actions.c: what the holder of the active step can do
 *
 * Each button is a widget action; update_actions() enables and shows just
 * what the active step's action allows, for its holder only. Every engine
 * call is one job on the session's worker, with the naskah's unsaved text
 * saved first (warta-case-view-jobs.c); while it runs the buttons rest; a
 * refusal is shown as a toast and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-view-private.h"

static char *
take_note (WartaCaseView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  g_autofree char *note = g_strstrip (g_strdup (text));

  return *note ? g_steal_pointer (&note) : NULL;
}

static void
after_action (WartaCaseView *self,
              const GError  *error,
              const char    *done_message)
{
  if (error != NULL)
    {
      _warta_case_view_toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  _warta_case_view_toast (self, done_message);
}

static void
completed (WartaCaseView *self,
           gpointer       value,
           const GError  *error)
{
  after_action (self, error, _("Step completed"));
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  g_autofree char *note = take_note (self);

  _warta_case_view_complete (self, note, completed);
}

static void
approved (WartaCaseView *self,
          gpointer       value,
          const GError  *error)
{
  after_action (self, error, _("Approved (ya)"));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  g_autofree char *note = take_note (self);

  _warta_case_view_decide (self, TRUE, note, approved);
}

/* A dialog with an entry that must not be blank before its response. */

static void
on_required_changed (GtkEditable      *editable,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *text != '\0');
}

static AdwMessageDialog *
reason_dialog (WartaCaseView *self,
               const char    *heading,
               const char    *body,
               const char    *ok_label,
               GtkWidget     *extra,
               GtkEditable   *required)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "ok", FALSE);

  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (required));
  g_signal_connect (required, "changed", G_CALLBACK (on_required_changed), dialog);
  adw_message_dialog_set_extra_child (dialog, box);
  return dialog;
}

static GtkWidget *
required_entry (const char *placeholder,
                const char *initial)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder,
                                  -1);
  if (initial != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), initial);
  return entry;
}

static void
rejected (WartaCaseView *self,
          gpointer       value,
          const GError  *error)
{
  after_action (self, error, _("Rejected (tidak)"));
}

static void
on_reject_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WartaCaseView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "ok") != 0 || *reason == '\0')
    return;

  _warta_case_view_decide (self, FALSE, reason, rejected);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  g_autofree char *note = take_note (self);
  const WartaSopStep *step = _warta_case_view_active_step (self);
  const WartaSopStep *target;
  g_autofree char *body = NULL;
  GtkWidget *entry = required_entry (_("Reason"), note);
  AdwMessageDialog *dialog;

  if (step == NULL)
    return;
  _warta_case_view_save (self);

  target = warta_sop_lookup_step (self->sop, step->no);
  /* Translators: where the case goes on “tidak”: step number and text */
  body = g_strdup_printf (_("The case goes to step %s: %s"), target->id, target->text);
  dialog = reason_dialog (self, _("Reject with a Reason"), body, _("_Reject"), NULL, GTK_EDITABLE (entry));
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_DESTRUCTIVE);
  on_required_changed (GTK_EDITABLE (entry), dialog);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reject_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Return: to a step the case has already been through. */

static GtkStringList *
visited_steps (WartaCaseView *self,
               GPtrArray     *ids)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (self->runs, i);
      const WartaSopStep *step = warta_sop_lookup_step (self->sop, run->step_id);
      g_autofree char *label = NULL;
      gboolean seen = FALSE;

      if (run->completed_at == 0 || step == NULL)
        continue;
      for (guint j = 0; j < ids->len; j++)
        seen |= g_str_equal (g_ptr_array_index (ids, j), run->step_id);
      if (seen)
        continue;

      /* Translators: step number and text in a list */
      label = g_strdup_printf (_("Step %s: %s"), step->id, step->text);
      gtk_string_list_append (list, label);
      g_ptr_array_add (ids, g_strdup (run->step_id));
    }

  return list;
}

static void
returned (WartaCaseView *self,
          gpointer       value,
          const GError  *error)
{
  after_action (self, error, _("Returned to an earlier step"));
}

static void
on_return_response (AdwMessageDialog *dialog,
                    const char       *response,
                    WartaCaseView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkDropDown *steps = g_object_get_data (G_OBJECT (dialog), "steps");
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  guint selected = gtk_drop_down_get_selected (steps);

  if (g_strcmp0 (response, "ok") != 0 || *reason == '\0' || selected >= ids->len)
    return;

  _warta_case_view_return (self, g_ptr_array_index (ids, selected), reason, returned);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = take_note (self);
  GtkStringList *steps;
  GtkWidget *drop_down;
  GtkWidget *entry = required_entry (_("Reason"), note);
  AdwMessageDialog *dialog;

  _warta_case_view_save (self);
  steps = visited_steps (self, ids);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (steps), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Step to return to"),
                                  -1);
  dialog = reason_dialog (self, _("Return to an Earlier Step"),
                          _("The case goes back to the chosen step, to the person who did it."),
                          _("_Return"), drop_down, GTK_EDITABLE (entry));
  on_required_changed (GTK_EDITABLE (entry), dialog);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_object_set_data (G_OBJECT (dialog), "steps", drop_down);
  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids), (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_return_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Dispose: to a named person of the next step's lane, with arahan. */

static void
disposed (WartaCaseView *self,
          gpointer       value,
          const GError  *error)
{
  after_action (self, error, _("Disposed"));
}

static void
on_dispose_response (AdwMessageDialog *dialog,
                     const char       *response,
                     WartaCaseView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkDropDown *people = g_object_get_data (G_OBJECT (dialog), "people");
  GtkDropDown *sifat = g_object_get_data (G_OBJECT (dialog), "sifat");
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "arahan-boxes");
  GPtrArray *users = g_object_get_data (G_OBJECT (dialog), "users");
  g_autofree char *instruction = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  guint selected = gtk_drop_down_get_selected (people);
  guint sifat_selected = gtk_drop_down_get_selected (sifat);
  const WartaUser *target;
  guint boxes = 0;

  if (g_strcmp0 (response, "ok") != 0 || *instruction == '\0' || selected >= users->len)
    return;

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      boxes |= warta_arahan_box_nth (i);
  target = g_ptr_array_index (users, selected);
  _warta_case_view_dispose_to (self, target->id, instruction,
                               sifat_selected < WARTA_N_SIFAT ? sifat_selected : WARTA_SIFAT_BIASA, boxes,
                               disposed);
}

/* The Lembar Disposisi's choices: its sifat, biasa unless changed, and
 * its arahan boxes, none ticked, two to a row. */
static GtkWidget *
disposition_form (GtkWidget **sifat_out,
                  GPtrArray  *checks)
{
  const char *sifat_names[WARTA_N_SIFAT + 1] = { NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (C_("lembar disposisi", "Sifat"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *sifat;

  for (guint i = 0; i < WARTA_N_SIFAT; i++)
    sifat_names[i] = warta_sifat_describe (i);
  sifat = gtk_drop_down_new_from_strings (sifat_names);
  gtk_widget_set_hexpand (sifat, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (sifat), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), sifat);
  gtk_box_append (GTK_BOX (box), row);

  label = gtk_label_new (_("Arahan"));
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < WARTA_N_ARAHAN_BOXES; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (warta_arahan_box_describe (warta_arahan_box_nth (i)));

      gtk_grid_attach (GTK_GRID (grid), check, i % 2, i / 2, 1, 1);
      g_ptr_array_add (checks, check);
    }
  gtk_box_append (GTK_BOX (box), grid);
  *sifat_out = sifat;
  return box;
}

/* The lane's people arrived from the worker: the dialog. */
static void
dispose_to_people (WartaCaseView *self,
                   gpointer       value,
                   const GError  *error)
{
  GPtrArray *listed = value;
  const WartaSopStep *step = _warta_case_view_active_step (self);
  const WartaSopStep *next;
  const WartaSopLane *lane;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *note = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  GtkStringList *names;
  GtkWidget *drop_down;
  GtkWidget *sifat;
  GtkWidget *fields;
  GtkWidget *entry;
  AdwMessageDialog *dialog;

  if (error != NULL)
    {
      _warta_case_view_toast (self, error->message);
      return;
    }
  /* The case moved on meanwhile. */
  if (step == NULL || !(next = warta_sop_get_next_step (self->sop, step)) || !_warta_case_view_is_holder (self))
    return;

  lane = warta_sop_lookup_lane (self->sop, next->lane);
  users = g_ptr_array_ref (listed);
  if (users->len == 0)
    {
      /* Said in a dialog: a toast would cut the command short. */
      g_autofree char *text = NULL;
      AdwMessageDialog *nobody;

      /* Translators: %s are the role's name, then its id for the command */
      text = g_strdup_printf (_("Nobody active holds the role “%s” yet. An administrator gives it "
                                "to someone on the Office page (Add Person, or edit a person's roles), "
                                "or with the command line:\n\n"
                                "warta-cli user add LOGIN --name NAME --role %s"),
                              lane->name, lane->id);
      nobody = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                           _("Nobody to Pass It To"), text));
      adw_message_dialog_add_response (nobody, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (nobody));
      return;
    }

  note = take_note (self);
  entry = required_entry (_("Instruction (arahan)"), note);
  checks = g_ptr_array_new ();
  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < users->len; i++)
    {
      const WartaUser *user = g_ptr_array_index (users, i);
      g_autofree char *label = user->jabatan ? g_strdup_printf ("%s — %s", user->full_name, user->jabatan)
                                             : g_strdup (user->full_name);

      gtk_string_list_append (names, label);
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Person who receives the next step"),
                                  -1);

  /* Translators: the next step's number, text and lane */
  body = g_strdup_printf (_("Step %s, “%s”, goes to one person of %s."), next->id, next->text, lane->name);
  fields = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (fields), drop_down);
  gtk_box_append (GTK_BOX (fields), disposition_form (&sifat, checks));
  dialog = reason_dialog (self, _("Dispose"), body, _("_Dispose"), fields, GTK_EDITABLE (entry));
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  on_required_changed (GTK_EDITABLE (entry), dialog);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_object_set_data (G_OBJECT (dialog), "people", drop_down);
  g_object_set_data (G_OBJECT (dialog), "sifat", sifat);
  g_object_set_data_full (G_OBJECT (dialog), "arahan-boxes", g_steal_pointer (&checks), (GDestroyNotify)g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "users", g_steal_pointer (&users), (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dispose_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dispose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  const WartaSopStep *step = _warta_case_view_active_step (self);
  const WartaSopStep *next;

  if (step == NULL || !(next = warta_sop_get_next_step (self->sop, step)))
    return;
  _warta_case_view_save (self);
  _warta_case_view_list_users (self, next->lane, dispose_to_people);
}

/* Every revision of the naskah, with its author (warta-revisions-view.c). */
static void
revisions_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  warta_revisions_view_show_revisions (WARTA_CASE_VIEW (widget)->revisions_view);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _warta_case_view_save (WARTA_CASE_VIEW (widget));
}

static void
export_flowchart_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);

  if (self->flowchart == NULL)
    return;
  gtk_widget_activate_action (self->flowchart,
                              g_str_has_suffix (action_name, "pdf") ? "flowchart.export-pdf"
                                                                    : "flowchart.export-png",
                              NULL);
}

/* The flowchart's zoom, from its buttons and keys: "in", "out" or "fit". */
static void
flowchart_zoom_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  const char *how = g_variant_get_string (parameter, NULL);

  if (self->flowchart == NULL)
    return;
  gtk_widget_activate_action (self->flowchart,
                              g_str_equal (how, "in") ? "flowchart.zoom-in" :
                              g_str_equal (how, "out") ? "flowchart.zoom-out" : "flowchart.zoom-fit",
                              NULL);
}

/* The zoom keys belong to the flowchart while it is shown, and to the
 * editor (or nothing) otherwise. */
void
_warta_case_view_update_zoom_action (WartaCaseView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.flowchart-zoom",
                                 self->flowchart != NULL && self->view_stack != NULL &&
                                 g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                            "flowchart") == 0);
}

static gboolean
has_visited_step (WartaCaseView *self)
{
  for (guint i = 0; self->runs != NULL && i < self->runs->len; i++)
    if (((WartaStepRun *)g_ptr_array_index (self->runs, i))->completed_at != 0)
      return TRUE;
  return FALSE;
}

void
_warta_case_view_update_actions (WartaCaseView *self)
{
  const WartaSopStep *step = _warta_case_view_active_step (self);
  /* While an action is on its way, nothing else can be asked. */
  gboolean holder = step != NULL && _warta_case_view_is_holder (self) && !self->acting;
  gboolean decision = holder && warta_sop_step_is_decision (step);
  gboolean dispose = holder && !decision && step->action == WARTA_SOP_ACTION_DISPOSE &&
                     warta_sop_get_next_step (self->sop, step) != NULL;
  gboolean complete = holder && !decision && step->action != WARTA_SOP_ACTION_DISPOSE;
  gboolean back = holder && has_visited_step (self);
  gboolean publish = complete && step->action == WARTA_SOP_ACTION_PUBLISH;
  gboolean print_step = complete && step->action == WARTA_SOP_ACTION_PRINT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.complete", complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.approve", decision);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.reject", decision);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.dispose", dispose);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.return", back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.save", holder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.attach", holder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.revisions", self->kase != NULL);

  /* Only what the step offers is shown; nothing for anyone else. */
  gtk_widget_set_visible (GTK_WIDGET (self->complete_button), complete);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), decision);
  gtk_widget_set_visible (GTK_WIDGET (self->reject_button), decision);
  gtk_widget_set_visible (GTK_WIDGET (self->dispose_button), dispose);
  gtk_widget_set_visible (GTK_WIDGET (self->return_button), back);
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), holder);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.publish",
                                 publish && !warta_publish_panel_is_busy (self->publish_panel) &&
                                 !warta_publish_panel_case_is_busy (self->case_id));

  _warta_case_view_update_print_actions (self, print_step);

  /* A publish step is done by publishing: the site's answer, the page
   * verified and its screenshot complete it (the Publication page). A
   * print step by printing: the print recorded completes it. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->complete_button),
                                  publish ? "case.publish" : print_step ? "case.print-step" : "case.complete");
  if (publish)
    gtk_button_set_label (self->complete_button, _("_Publish"));
  else if (print_step)
    gtk_button_set_label (self->complete_button, _("_Print…"));
  else if (complete && step->action == WARTA_SOP_ACTION_REPORT)
    gtk_button_set_label (self->complete_button, _("_Mark Reported"));
  else
    gtk_button_set_label (self->complete_button, _("_Complete Step"));
}

/* Publish (Ctrl+Shift+P) from anywhere in the case: the Publication page
 * shows the form it publishes with, and the progress. */
static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "publish");
  gtk_widget_activate_action (GTK_WIDGET (self->publish_panel), "publish.run", NULL);
}

/* The panel's own action, reached from anywhere in the case. */
static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "naskah");
  gtk_widget_activate_action (GTK_WIDGET (self->attachments_panel), "attachments.add", NULL);
}

void
_warta_case_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.complete", NULL, complete_action);
  gtk_widget_class_install_action (widget_class, "case.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "case.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "case.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "case.dispose", NULL, dispose_action);
  gtk_widget_class_install_action (widget_class, "case.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "case.revisions", NULL, revisions_action);
  gtk_widget_class_install_action (widget_class, "case.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "case.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "case.export-flowchart-png", NULL, export_flowchart_action);
  gtk_widget_class_install_action (widget_class, "case.export-flowchart-pdf", NULL, export_flowchart_action);
  gtk_widget_class_install_action (widget_class, "case.flowchart-zoom", "s", flowchart_zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "case.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_H, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "case.revisions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "case.complete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "case.attach", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "case.publish", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "case.flowchart-zoom", "s", "in");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "case.flowchart-zoom", "s", "in");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "case.flowchart-zoom", "s", "in");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "case.flowchart-zoom", "s", "out");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "case.flowchart-zoom", "s", "out");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "case.flowchart-zoom", "s", "fit");
}
