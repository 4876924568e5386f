/* warta-sop-list-pane.c: the office's SOPs, beside the one shown
 *
 * The list is read on the session's database worker and rebuilt only
 * when the session says the SOPs changed ("changed::sops": an import in
 * this or another process), and keeps the SOP shown by its id, so a new
 * version replaces the old one on screen. A retired SOP is marked. What
 * an administrator does here is in warta-sop-list-pane-admin.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-sop-list-pane-private.h"

G_DEFINE_FINAL_TYPE (WartaSopListPane, warta_sop_list_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_warta_sop_list_pane_toast (WartaSopListPane *self,
                            const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkWidget *
make_row (WartaSop *sop,
          gboolean  retired)
{
  const WartaSopHeader *header = warta_sop_get_header (sop);
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *box, *title, *detail;

  if (header->number != NULL && header->office != NULL)
    subtitle = g_strdup_printf ("%s · %s", header->number, header->office);
  else
    subtitle = g_strdup (header->number ? header->number : header->office);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  title = gtk_label_new (warta_sop_get_name (sop));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  detail = gtk_label_new (subtitle);
  gtk_widget_set_visible (detail, subtitle != NULL);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  if (retired)
    {
      /* Translators: the mark of an SOP that starts no new berkas */
      GtkWidget *mark = gtk_label_new (_("Retired"));

      gtk_label_set_xalign (GTK_LABEL (mark), 0);
      gtk_widget_add_css_class (mark, "caption-heading");
      gtk_widget_add_css_class (mark, "warning");
      gtk_box_append (GTK_BOX (box), mark);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "sop", g_object_ref (sop), g_object_unref);
  g_object_set_data (G_OBJECT (row), "retired", GINT_TO_POINTER (retired));
  return row;
}

static void
on_leaflet_notify (WartaSopListPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

static void
on_row_selected (WartaSopListPane *self,
                 GtkListBoxRow    *row,
                 GtkListBox       *list_box)
{
  WartaSop *sop;

  /* The list empties itself as the pane is disposed. */
  if (self->sop_view == NULL)
    return;

  if (row == NULL)
    {
      if (!self->rebuilding)
        {
          g_clear_pointer (&self->sop_id, g_free);
          warta_sop_view_set_sop (self->sop_view, NULL);
          _warta_sop_list_pane_update_admin (self);
        }
      return;
    }

  sop = g_object_get_data (G_OBJECT (row), "sop");
  if (g_strcmp0 (self->sop_id, warta_sop_get_id (sop)) != 0)
    self->version = 0;
  g_free (self->sop_id);
  self->sop_id = g_strdup (warta_sop_get_id (sop));
  if (self->version == 0)
    warta_sop_view_set_sop (self->sop_view, sop);
  _warta_sop_list_pane_load_shown (self, self->version);
  if (!self->rebuilding)
    adw_leaflet_set_visible_child_name (self->leaflet, "sop");
}

static void
on_row_activated (WartaSopListPane *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list_box)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "sop");
}

typedef struct
{
  GPtrArray  *sops;     /* WartaSop, each at its latest version */
  GHashTable *retired;  /* ids */
} Listed;

static void
listed_free (Listed *listed)
{
  g_clear_pointer (&listed->sops, g_ptr_array_unref);
  g_clear_pointer (&listed->retired, g_hash_table_unref);
  g_free (listed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listed, listed_free)

/* In the worker: every SOP of the office, at its latest version. */
static gpointer
list_sops_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(Listed) listed = g_new0 (Listed, 1);

  if (!(infos = warta_store_list_sops (warta_engine_get_store (engine), error)))
    return NULL;

  listed->sops = g_ptr_array_new_with_free_func (g_object_unref);
  listed->retired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < infos->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GError) sop_error = NULL;
      WartaSop *sop;

      if (!(sop = warta_engine_get_sop (engine, info->id, info->version, &sop_error)))
        {
          g_warning ("Could not read SOP %s: %s", info->id, sop_error->message);
          continue;
        }
      g_ptr_array_add (listed->sops, sop);
      if (info->retired)
        g_hash_table_add (listed->retired, g_strdup (info->id));
    }
  return g_steal_pointer (&listed);
}

static void
fill_list (WartaSopListPane *self,
           Listed           *listed)
{
  GPtrArray *sops = listed != NULL ? listed->sops : NULL;
  g_autofree char *keep = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->retired, g_hash_table_unref);
  if (listed != NULL)
    self->retired = g_hash_table_ref (listed->retired);

  self->rebuilding = TRUE;
  keep = g_strdup (self->sop_id);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; sops != NULL && i < sops->len; i++)
    {
      WartaSop *sop = g_ptr_array_index (sops, i);
      GtkWidget *row = make_row (sop, self->retired != NULL &&
                                      g_hash_table_contains (self->retired, warta_sop_get_id (sop)));

      gtk_list_box_append (self->list_box, row);
      if (g_strcmp0 (keep, warta_sop_get_id (sop)) == 0)
        gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
    }

  if (gtk_list_box_get_selected_row (self->list_box) == NULL)
    {
      g_clear_pointer (&self->sop_id, g_free);
      warta_sop_view_set_sop (self->sop_view, NULL);
    }
  self->rebuilding = FALSE;
  _warta_sop_list_pane_update_admin (self);

  gtk_stack_set_visible_child_name (self->list_stack,
                                    gtk_widget_get_first_child (GTK_WIDGET (self->list_box)) ? "list" : "empty");
}

static void
sops_listed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WartaSopListPane) self = user_data;
  g_autoptr(Listed) listed = NULL;
  g_autoptr(GError) error = NULL;

  listed = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (listed == NULL)
    {
      g_warning ("Could not list the SOPs: %s", error->message);
      return;
    }
  fill_list (self, listed);
}

void
_warta_sop_list_pane_reload (WartaSopListPane *self)
{
  /* A newer read replaces one still queued. */
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  if (self->session == NULL)
    {
      fill_list (self, NULL);
      return;
    }

  self->loading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self,
                           list_sops_job, NULL, NULL, (GDestroyNotify)listed_free,
                           self->loading, sops_listed, g_object_ref (self));
}

static void
on_sops_changed (WartaSopListPane *self,
                 guint             kind,
                 gint64            case_id,
                 gpointer          origin,
                 WartaSession     *session)
{
  _warta_sop_list_pane_reload (self);
}

/* Someone given or losing a role: which lanes no one can work. */
static void
on_people_changed (WartaSopListPane *self,
                   guint             kind,
                   gint64            case_id,
                   gpointer          origin,
                   WartaSession     *session)
{
  if (self->sop_id != NULL)
    _warta_sop_list_pane_load_shown (self, self->version);
}

static void
on_user_changed (WartaSopListPane *self)
{
  _warta_sop_list_pane_update_admin (self);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  warta_sop_list_pane_go_back (WARTA_SOP_LIST_PANE (widget));
}

static gboolean
warta_sop_list_pane_grab_focus (GtkWidget *widget)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (row == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
warta_sop_list_pane_dispose (GObject *object)
{
  WartaSopListPane *self = (WartaSopListPane *)object;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  _warta_sop_list_pane_dispose_admin (self);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_SOP_LIST_PANE);

  G_OBJECT_CLASS (warta_sop_list_pane_parent_class)->dispose (object);
}

static void
warta_sop_list_pane_finalize (GObject *object)
{
  WartaSopListPane *self = (WartaSopListPane *)object;

  g_clear_pointer (&self->sop_id, g_free);
  g_clear_pointer (&self->retired, g_hash_table_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);

  G_OBJECT_CLASS (warta_sop_list_pane_parent_class)->finalize (object);
}

static void
warta_sop_list_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, warta_sop_list_pane_get_can_go_back (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_sop_list_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WartaSopListPane *self = WARTA_SOP_LIST_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      warta_sop_list_pane_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_sop_list_pane_class_init (WartaSopListPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_sop_list_pane_dispose;
  object_class->finalize = warta_sop_list_pane_finalize;
  object_class->get_property = warta_sop_list_pane_get_property;
  object_class->set_property = warta_sop_list_pane_set_property;

  widget_class->grab_focus = warta_sop_list_pane_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         WARTA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaSopListPane:can-go-back:
   *
   * Whether the pane is folded and shows the SOP rather than the list.
   */
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pane.go-back", NULL, go_back_action);

  g_type_ensure (WARTA_TYPE_SOP_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-sop-list-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, list_box);
  gtk_widget_class_bind_template_child (widget_class, WartaSopListPane, sop_view);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  _warta_sop_list_pane_class_init_admin (widget_class);
}

static void
warta_sop_list_pane_init (WartaSopListPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->list_stack, "empty");

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::sops",
                                 G_CALLBACK (on_sops_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "changed::people",
                                 G_CALLBACK (on_people_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  _warta_sop_list_pane_update_admin (self);
}

GtkWidget *
warta_sop_list_pane_new (void)
{
  return g_object_new (WARTA_TYPE_SOP_LIST_PANE, NULL);
}

WartaSession *
warta_sop_list_pane_get_session (WartaSopListPane *self)
{
  g_return_val_if_fail (WARTA_IS_SOP_LIST_PANE (self), NULL);
  return self->session;
}

void
warta_sop_list_pane_set_session (WartaSopListPane *self,
                                 WartaSession     *session)
{
  g_return_if_fail (WARTA_IS_SOP_LIST_PANE (self));
  g_return_if_fail (session == NULL || WARTA_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  _warta_sop_list_pane_reload (self);
  _warta_sop_list_pane_update_admin (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
warta_sop_list_pane_get_sop_id (WartaSopListPane *self)
{
  g_return_val_if_fail (WARTA_IS_SOP_LIST_PANE (self), NULL);
  return self->sop_id;
}

/* Returns: whether the list has that SOP */
gboolean
warta_sop_list_pane_select_sop (WartaSopListPane *self,
                                const char       *sop_id)
{
  g_return_val_if_fail (WARTA_IS_SOP_LIST_PANE (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      WartaSop *sop = g_object_get_data (G_OBJECT (child), "sop");

      if (sop != NULL && g_strcmp0 (warta_sop_get_id (sop), sop_id) == 0)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
warta_sop_list_pane_get_can_go_back (WartaSopListPane *self)
{
  g_return_val_if_fail (WARTA_IS_SOP_LIST_PANE (self), FALSE);

  return self->leaflet != NULL &&
         adw_leaflet_get_folded (self->leaflet) &&
         g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") != 0;
}

void
warta_sop_list_pane_go_back (WartaSopListPane *self)
{
  g_return_if_fail (WARTA_IS_SOP_LIST_PANE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self));
}
