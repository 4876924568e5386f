/* warta-case-view.c: one case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-view.h"

struct _WartaCaseView
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkLabel     *title_label;

  /* Owned */
  WartaSession *session;
  gint64        case_id;
};

G_DEFINE_FINAL_TYPE (WartaCaseView, warta_case_view, GTK_TYPE_WIDGET)

static void
warta_case_view_reload (WartaCaseView *self)
{
  g_autoptr(WartaCase) kase = NULL;

  if (self->session == NULL || self->case_id == 0 ||
      !(kase = warta_store_get_case (warta_session_get_store (self->session), self->case_id, NULL)))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_label (self->title_label, kase->title);
  gtk_stack_set_visible_child_name (self->stack, "case");
}

static void
warta_case_view_dispose (GObject *object)
{
  WartaCaseView *self = (WartaCaseView *)object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_CASE_VIEW);

  G_OBJECT_CLASS (warta_case_view_parent_class)->dispose (object);
}

static void
warta_case_view_class_init (WartaCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_case_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaCaseView, title_label);
}

static void
warta_case_view_init (WartaCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "changed", G_CALLBACK (warta_case_view_reload), self);
  warta_case_view_reload (self);
}

gint64
warta_case_view_get_case_id (WartaCaseView *self)
{
  g_return_val_if_fail (WARTA_IS_CASE_VIEW (self), 0);
  return self->case_id;
}

void
warta_case_view_set_case_id (WartaCaseView *self,
                             gint64         case_id)
{
  g_return_if_fail (WARTA_IS_CASE_VIEW (self));

  self->case_id = case_id;
  warta_case_view_reload (self);
}
