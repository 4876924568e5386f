/* warta-cases-pane.c: a list of cases beside the case it shows
 *
 * The list is a WartaCaseListModel, which reads only the rows in view. The
 * pane keeps the case it shows by id: when the list changes under it (the
 * case moved on, another came first), the case stays on screen and the
 * list selects it again where it is now, if it is still there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-case-row.h"
#include "warta-case-view.h"
#include "warta-cases-pane.h"

struct _WartaCasesPane
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  AdwBin             *case_bin;

  /* Made when the first case is shown: start-up needs none. */
  WartaCaseView      *case_view;

  /* Owned */
  WartaSession       *session;
  GSignalGroup       *session_signals;
  GStrv               actions;
  WartaCaseListModel *model;
  GtkSliceListModel  *slice;        /* the model's first rows, then all */
  GtkSingleSelection *selection;
  guint               grow_id;      /* the list's tick until it shows all */
  guint               ticks;

  gint64              case_id;      /* the case shown, 0 for none */
  guint               restoring : 1;
};

G_DEFINE_FINAL_TYPE (WartaCasesPane, warta_cases_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ACTIONS,
  PROP_CAN_GO_BACK,
  PROP_N_ITEMS,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows' timers read the session's clock, as the case view's do. */
static gint64
pane_clock (gpointer user_data)
{
  WartaCasesPane *self = user_data;

  if (self->session == NULL)
    return g_get_real_time ();
  return warta_session_now (self->session);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *row = warta_case_row_new ();

  warta_case_row_set_clock (WARTA_CASE_ROW (row), pane_clock, user_data);
  gtk_list_item_set_child (list_item, row);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  WartaCaseItem *item = gtk_list_item_get_item (list_item);

  warta_case_row_set_item (WARTA_CASE_ROW (gtk_list_item_get_child (list_item)), item);
  gtk_list_item_set_selectable (list_item, item && !warta_case_item_is_placeholder (item));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  warta_case_row_set_item (WARTA_CASE_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
on_leaflet_notify (WartaCasesPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

/* GtkListView (GTK 4.8) makes 200 rows once the list holds that many:
 * on the first frame that shows rows, the list holds the few a window
 * shows, and all of them from the frame after. */
#define FIRST_FRAME_ROWS 24

static void
warta_cases_pane_show_all_rows (WartaCasesPane *self)
{
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_id);
  self->grow_id = 0;
  if (self->slice != NULL)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static gboolean
grow_tick_cb (GtkWidget     *list_view,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  WartaCasesPane *self = user_data;

  /* The first tick comes before the frame with the first rows is drawn. */
  if (++self->ticks < 2)
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* The first rows are in: after the frame that draws them, the rest. An
 * emptied list (another person signed in) starts small again. */
static void
on_slice_items_changed (WartaCasesPane *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->slice)) == 0)
    {
      if (self->grow_id == 0)
        gtk_slice_list_model_set_size (self->slice, FIRST_FRAME_ROWS);
      return;
    }
  if (self->grow_id != 0 || gtk_slice_list_model_get_size (self->slice) == G_MAXUINT)
    return;
  self->ticks = 0;
  self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), grow_tick_cb, self, NULL);
}

static void
warta_cases_pane_update_empty (WartaCasesPane *self)
{
  gboolean empty = self->model == NULL ||
                   (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
                    !warta_case_list_model_get_loading (self->model));

  /* While the first count is on its way the list stays, empty, rather
   * than say there is nothing to do. */
  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

/* Selects the shown case where the list has it now, without moving the
 * leaflet or the case view. */
static void
warta_cases_pane_restore_selection (WartaCasesPane *self)
{
  WartaCaseItem *selected;
  guint position;

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL && warta_case_item_get_id (selected) == self->case_id)
    return;

  position = warta_case_list_model_find (self->model, self->case_id);
  if (position != GTK_INVALID_LIST_POSITION && position >= gtk_slice_list_model_get_size (self->slice))
    warta_cases_pane_show_all_rows (self);
  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring = FALSE;
}

static void
on_items_changed (WartaCasesPane *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  warta_cases_pane_update_empty (self);
  warta_cases_pane_restore_selection (self);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Opened, a berkas the list tagged as news is news no more: the list
 * reads it again. One it did not tag costs nothing. */
static void
on_looked (WartaCasesPane *self,
           gint64          case_id)
{
  g_autoptr(WartaCaseItem) item = NULL;
  guint position;

  if (self->model == NULL ||
      (position = warta_case_list_model_find (self->model, case_id)) == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (warta_case_item_get_news (item) != WARTA_CASE_NEWS_NONE)
    warta_case_list_model_reload (self->model);
}

static WartaCaseView *
ensure_case_view (WartaCasesPane *self)
{
  if (self->case_view == NULL)
    {
      self->case_view = WARTA_CASE_VIEW (warta_case_view_new ());
      g_signal_connect_object (self->case_view, "looked", G_CALLBACK (on_looked), self, G_CONNECT_SWAPPED);
      warta_case_view_set_session (self->case_view, self->session);
      adw_bin_set_child (self->case_bin, GTK_WIDGET (self->case_view));
    }

  return self->case_view;
}

static void
on_selection_changed (WartaCasesPane     *self,
                      guint               position,
                      guint               n_items,
                      GtkSelectionModel  *selection)
{
  WartaCaseItem *item;

  if (self->restoring)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || warta_case_item_is_placeholder (item))
    return;

  if (warta_case_item_get_id (item) != self->case_id)
    {
      self->case_id = warta_case_item_get_id (item);
      warta_case_view_set_case_id (ensure_case_view (self), self->case_id);
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

static void
on_list_activate (WartaCasesPane *self,
                  guint           position,
                  GtkListView    *list_view)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
  gtk_widget_grab_focus (GTK_WIDGET (ensure_case_view (self)));
}

static void
warta_cases_pane_rebuild_model (WartaCasesPane *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_list_view_set_model (self->list_view, NULL);
  warta_cases_pane_show_all_rows (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);

  if (self->session != NULL)
    {
      self->model = warta_case_list_model_new (self->session, (const char * const *)self->actions);
      self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0, FIRST_FRAME_ROWS);
      g_signal_connect_object (self->slice, "items-changed",
                               G_CALLBACK (on_slice_items_changed), self, G_CONNECT_SWAPPED);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (self->selection, "items-changed",
                               G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->selection, "selection-changed",
                               G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::loading",
                               G_CALLBACK (warta_cases_pane_update_empty), self, G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }

  warta_cases_pane_update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_user_changed (WartaCasesPane *self)
{
  /* Another person sees their own cases, none of the last one's. */
  self->case_id = 0;
  if (self->case_view != NULL)
    warta_case_view_set_case_id (self->case_view, 0);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  warta_cases_pane_go_back (WARTA_CASES_PANE (widget));
}

static gboolean
warta_cases_pane_grab_focus (GtkWidget *widget)
{
  WartaCasesPane *self = WARTA_CASES_PANE (widget);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "case") == 0 &&
      adw_leaflet_get_folded (self->leaflet) && self->case_view != NULL)
    return gtk_widget_child_focus (GTK_WIDGET (self->case_view), GTK_DIR_TAB_FORWARD);
  /* An empty list shows its status page instead, with nothing to focus. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
warta_cases_pane_dispose (GObject *object)
{
  WartaCasesPane *self = (WartaCasesPane *)object;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  if (self->list_view != NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      warta_cases_pane_show_all_rows (self);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_CASES_PANE);

  G_OBJECT_CLASS (warta_cases_pane_parent_class)->dispose (object);
}

static void
warta_cases_pane_finalize (GObject *object)
{
  WartaCasesPane *self = (WartaCasesPane *)object;

  g_clear_pointer (&self->actions, g_strfreev);

  G_OBJECT_CLASS (warta_cases_pane_parent_class)->finalize (object);
}

static void
warta_cases_pane_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WartaCasesPane *self = WARTA_CASES_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ACTIONS:
      g_value_set_boxed (value, self->actions);
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, warta_cases_pane_get_can_go_back (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0);
      break;

    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_page));
      break;

    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;

    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_page));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_cases_pane_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WartaCasesPane *self = WARTA_CASES_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      warta_cases_pane_set_session (self, g_value_get_object (value));
      break;

    case PROP_ACTIONS:
      warta_cases_pane_set_actions (self, g_value_get_boxed (value));
      break;

    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (self->empty_page, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_cases_pane_class_init (WartaCasesPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_cases_pane_dispose;
  object_class->finalize = warta_cases_pane_finalize;
  object_class->get_property = warta_cases_pane_get_property;
  object_class->set_property = warta_cases_pane_set_property;

  widget_class->grab_focus = warta_cases_pane_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         WARTA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaCasesPane:actions:
   *
   * Only the cases whose active step has one of these actions, or %NULL
   * for every case the user holds.
   */
  properties[PROP_ACTIONS] =
    g_param_spec_boxed ("actions", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaCasesPane:can-go-back:
   *
   * Whether the pane is folded and shows the case rather than the list.
   */
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pane.go-back", NULL, go_back_action);

  g_type_ensure (WARTA_TYPE_CASE_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-cases-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaCasesPane, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WartaCasesPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaCasesPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, WartaCasesPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WartaCasesPane, case_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify);
}

static void
warta_cases_pane_init (WartaCasesPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_list_activate), self, G_CONNECT_SWAPPED);
  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  warta_cases_pane_update_empty (self);
}

GtkWidget *
warta_cases_pane_new (void)
{
  return g_object_new (WARTA_TYPE_CASES_PANE, NULL);
}

WartaSession *
warta_cases_pane_get_session (WartaCasesPane *self)
{
  g_return_val_if_fail (WARTA_IS_CASES_PANE (self), NULL);
  return self->session;
}

void
warta_cases_pane_set_session (WartaCasesPane *self,
                              WartaSession   *session)
{
  g_return_if_fail (WARTA_IS_CASES_PANE (self));
  g_return_if_fail (session == NULL || WARTA_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);

  on_user_changed (self);
  if (self->case_view != NULL)
    warta_case_view_set_session (self->case_view, session);
  warta_cases_pane_rebuild_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char * const *
warta_cases_pane_get_actions (WartaCasesPane *self)
{
  g_return_val_if_fail (WARTA_IS_CASES_PANE (self), NULL);
  return (const char * const *)self->actions;
}

void
warta_cases_pane_set_actions (WartaCasesPane     *self,
                              const char * const *actions)
{
  g_return_if_fail (WARTA_IS_CASES_PANE (self));

  if (self->actions == NULL && actions == NULL)
    return;
  if (self->actions != NULL && actions != NULL &&
      g_strv_equal ((const char * const *)self->actions, actions))
    return;

  g_strfreev (self->actions);
  self->actions = g_strdupv ((char **)actions);
  warta_cases_pane_rebuild_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIONS]);
}

/**
 * warta_cases_pane_get_model:
 * @self: a #WartaCasesPane
 *
 * Returns: (transfer none) (nullable): the list's model, once there is a session
 */
WartaCaseListModel *
warta_cases_pane_get_model (WartaCasesPane *self)
{
  g_return_val_if_fail (WARTA_IS_CASES_PANE (self), NULL);
  return self->model;
}

gint64
warta_cases_pane_get_case_id (WartaCasesPane *self)
{
  g_return_val_if_fail (WARTA_IS_CASES_PANE (self), 0);
  return self->case_id;
}

/**
 * warta_cases_pane_show_case:
 * @self: a #WartaCasesPane
 * @case_id: a case, or 0 for none
 *
 * Shows the case, and selects it in the list once the list has read the
 * rows around it.
 */
void
warta_cases_pane_show_case (WartaCasesPane *self,
                            gint64          case_id)
{
  g_return_if_fail (WARTA_IS_CASES_PANE (self));

  self->case_id = case_id;
  if (case_id != 0 || self->case_view != NULL)
    warta_case_view_set_case_id (ensure_case_view (self), case_id);
  /* The list may not have the case yet: it selects it when it reads it. */
  if (self->selection != NULL)
    warta_cases_pane_restore_selection (self);
  adw_leaflet_set_visible_child_name (self->leaflet, case_id ? "case" : "list");
}

gboolean
warta_cases_pane_get_can_go_back (WartaCasesPane *self)
{
  g_return_val_if_fail (WARTA_IS_CASES_PANE (self), FALSE);

  return self->leaflet != NULL &&
         adw_leaflet_get_folded (self->leaflet) &&
         g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") != 0;
}

void
warta_cases_pane_go_back (WartaCasesPane *self)
{
  g_return_if_fail (WARTA_IS_CASES_PANE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  warta_cases_pane_focus_list (self);
}

void
warta_cases_pane_focus_list (WartaCasesPane *self)
{
  g_return_if_fail (WARTA_IS_CASES_PANE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
