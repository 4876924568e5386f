/* warta-case-view-print.c: printing and exporting the case's documents
 *
 * Whoever the engine lets print a case (an administrator, or anyone
 * holding a role of its SOP's lanes) may print or export its three
 * documents at any time, from the header's Print button and its menu. At
 * a step whose action is print, the action bar's main button prints the
 * Bukti Publikasi and, once the print is recorded, completes the step:
 * the engine refuses to complete a print step before a print or an export
 * was recorded during it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-view-private.h"
#include "warta-print.h"

void
_warta_case_view_update_print_actions (WartaCaseView *self,
                                       gboolean       print_step)
{
  gboolean idle = self->print == NULL;
  gboolean may = self->may_print && idle;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print", may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print-document", may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.export-pdf", may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.export-document", may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.print-step", print_step && idle);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), self->may_print);
}

static gboolean
parse_kind (GVariant          *parameter,
            WartaDocumentKind *kind)
{
  *kind = WARTA_DOCUMENT_BUKTI;
  return parameter == NULL || warta_document_kind_from_string (g_variant_get_string (parameter, NULL), kind);
}

/* The view may be gone, or show another case, by the time a print ends. */
static gboolean
still_shown (WartaCaseView *self,
             WartaPrint    *print)
{
  return self->session != NULL && self->print == print;
}

static void
print_ended (WartaCaseView *self)
{
  g_clear_object (&self->print);
  _warta_case_view_update_actions (self);
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WartaCaseView) self = user_data;
  WartaPrint *print = WARTA_PRINT (source);
  g_autoptr(GError) error = NULL;

  /* WartaPrint has said how it went; nothing more to do here. */
  warta_print_print_finish (print, result, &error);
  if (still_shown (self, print))
    print_ended (self);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WartaCaseView) self = user_data;
  WartaPrint *print = WARTA_PRINT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = warta_print_export_finish (print, result, &error);

  if (still_shown (self, print))
    print_ended (self);
}

static void
start_print (WartaCaseView       *self,
             WartaDocumentKind    kind,
             GAsyncReadyCallback  callback)
{
  if (self->print != NULL || !self->may_print)
    return;

  self->print = warta_print_new (self->session, self->case_id, kind);
  _warta_case_view_update_actions (self);
  /* Inside the view's toast overlay, where WartaPrint says how it went */
  warta_print_print_async (self->print, GTK_WIDGET (self->stack), NULL, callback, g_object_ref (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  WartaDocumentKind kind;

  if (parse_kind (parameter, &kind))
    start_print (self, kind, on_printed);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);
  WartaDocumentKind kind;

  if (!parse_kind (parameter, &kind) || self->print != NULL || !self->may_print)
    return;

  self->print = warta_print_new (self->session, self->case_id, kind);
  _warta_case_view_update_actions (self);
  warta_print_export_async (self->print, GTK_WIDGET (self->stack), NULL, NULL, on_exported, g_object_ref (self));
}

static void
step_completed (WartaCaseView *self,
                gpointer       value,
                const GError  *error)
{
  if (error != NULL)
    {
      _warta_case_view_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  _warta_case_view_toast (self, _("Printed; the step is completed"));
}

/* The print step: print, and the step is done. */
static void
on_step_printed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WartaCaseView) self = user_data;
  WartaPrint *print = WARTA_PRINT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  gboolean printed = warta_print_print_finish (print, result, &error);

  if (!still_shown (self, print))
    return;
  print_ended (self);
  if (!printed || self->case_id != warta_print_get_case_id (print))
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  _warta_case_view_complete (self, *note ? note : NULL, step_completed);
}

static void
print_step_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WartaCaseView *self = WARTA_CASE_VIEW (widget);

  _warta_case_view_save (self);
  start_print (self, WARTA_DOCUMENT_BUKTI, on_step_printed);
}

/* A print under way holds itself until it ends (its dialog stays the
 * person's to answer); its callback then finds the view gone. */
void
_warta_case_view_dispose_print (WartaCaseView *self)
{
  g_clear_object (&self->print);
}

void
_warta_case_view_class_init_print (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "case.print-document", "s", print_action);
  gtk_widget_class_install_action (widget_class, "case.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "case.export-document", "s", export_action);
  gtk_widget_class_install_action (widget_class, "case.print-step", NULL, print_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "case.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case.export-pdf", NULL);
}
