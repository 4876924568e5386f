/* warta-archive-pane.c: the archive register
 *
 * For whoever may print a case's papers again: the administrator sees
 * every finished case, anyone else those of the SOPs they hold a lane
 * of (the engine's rule). Every such case, newest first, searched by text (title, link, SOP)
 * and by the days it finished in; beside it, the chosen case's kept
 * archive copy and its three documents, each to open in the PDF view,
 * print again or export, and its bundle to export. A year later the admin
 * finds the case here and holds its sheet again.
 *
 * The register and a case's copies are read on the session's database
 * worker (warta-archive-pane-load.c); the pane reads again when the
 * session says a berkas or the archive changed (a finished berkas enters
 * the register, a print or a kept copy changes its row), in this window,
 * another one or warta-cli, or when it is next shown if it was hidden
 * then; other changes (sites, people, …) leave it be. Opening, printing
 * and exporting are in warta-archive-pane-jobs.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-archive-pane-private.h"
#include "warta-timing.h"

G_DEFINE_FINAL_TYPE (WartaArchivePane, warta_archive_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_warta_archive_pane_toast (WartaArchivePane *self,
                           const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_selection_changed (WartaArchivePane *self)
{
  WartaArchiveItem *item = gtk_single_selection_get_selected_item (self->selection);
  const WartaArchiveEntry *entry;
  gboolean same;

  if (item == NULL)
    return;

  entry = _warta_archive_item_get_entry (item);
  same = entry->case_id == self->case_id;
  /* The store lets its items go at the next read; the pane holds on to
   * the row it shows. */
  g_set_object (&self->item, G_OBJECT (item));
  self->entry = entry;
  self->case_id = entry->case_id;
  _warta_archive_pane_fill_header (self);
  _warta_archive_pane_update_prints (self);
  gtk_stack_set_visible_child_name (self->details_stack, "case");

  if (same && self->restoring)
    {
      _warta_archive_pane_update_actions (self);
      return;
    }

  /* Another case: what the last one had open goes. */
  if (!same)
    {
      g_cancellable_cancel (self->preview_cancellable);
      g_clear_object (&self->preview_cancellable);
      self->preview_loading = FALSE;
      warta_pdf_view_clear (self->pdf_view);
      gtk_stack_set_visible_child_name (self->preview_stack, "none");
      g_clear_pointer (&self->copies, g_ptr_array_unref);
      _warta_archive_pane_fill_copies (self, NULL);
    }
  _warta_archive_pane_load_details (self);
  _warta_archive_pane_update_actions (self);
  if (!self->restoring)
    adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

static void
on_search_changed (WartaArchivePane *self)
{
  _warta_archive_pane_reload (self);
}

static void
warta_archive_pane_update_range_labels (WartaArchivePane *self)
{
  /* Short, so that two fit side by side over the list */
  g_autofree char *from = self->from ? g_date_time_format (self->from, "%d-%m-%Y") : NULL;
  g_autofree char *to = self->to ? g_date_time_format (self->to, "%d-%m-%Y") : NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  /* Translators: the first day of the range searched, or “any” */
  from_text = g_strdup_printf (_("From %s"), from ? from : C_("date", "any"));
  /* Translators: the last day of the range searched, or “any” */
  to_text = g_strdup_printf (_("To %s"), to ? to : C_("date", "any"));
  gtk_menu_button_set_label (self->from_button, from_text);
  gtk_menu_button_set_label (self->to_button, to_text);
}

void
warta_archive_pane_set_range (WartaArchivePane *self,
                              GDateTime        *from,
                              GDateTime        *to)
{
  g_return_if_fail (WARTA_IS_ARCHIVE_PANE (self));

  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  self->from = from ? g_date_time_ref (from) : NULL;
  self->to = to ? g_date_time_ref (to) : NULL;
  warta_archive_pane_update_range_labels (self);
  _warta_archive_pane_reload (self);
}

static void
on_from_selected (WartaArchivePane *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->from_calendar);

  warta_archive_pane_set_range (self, day, self->to);
  gtk_menu_button_popdown (self->from_button);
}

static void
on_to_selected (WartaArchivePane *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->to_calendar);

  warta_archive_pane_set_range (self, self->from, day);
  gtk_menu_button_popdown (self->to_button);
}

static void
on_from_cleared (WartaArchivePane *self)
{
  warta_archive_pane_set_range (self, NULL, self->to);
  gtk_menu_button_popdown (self->from_button);
}

static void
on_to_cleared (WartaArchivePane *self)
{
  warta_archive_pane_set_range (self, self->from, NULL);
  gtk_menu_button_popdown (self->to_button);
}

static gboolean
read_changes_cb (gpointer user_data)
{
  WartaArchivePane *self = user_data;

  self->changed_source = 0;
  _warta_archive_pane_reload (self);
  if (self->changed_details)
    _warta_archive_pane_load_details (self);
  self->changed_details = FALSE;
  return G_SOURCE_REMOVE;
}

/* A berkas changed (it may have just finished), or the archive did (a
 * print, an export, a kept copy): the register reads again, and the
 * shown case's copies when the change may be its own. A commit's changes
 * come together (a case finished and its copy kept): one read for all. */
static void
on_case_or_archive_changed (WartaArchivePane *self,
                            guint             kind,
                            gint64            case_id,
                            gpointer          origin)
{
  /* A hidden pane reads again when it is next shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->case_id != 0 && (case_id == 0 || case_id == self->case_id))
    self->changed_details = TRUE;
  if (self->changed_source == 0)
    self->changed_source = g_idle_add (read_changes_cb, self);
  /* What the list says now is about to change. */
  self->list_loading = TRUE;
}

static void
on_user_changed (WartaArchivePane *self)
{
  self->case_id = 0;
  self->entry = NULL;
  g_clear_object (&self->item);
  gtk_stack_set_visible_child_name (self->details_stack, "none");
  /* The last person's reads are not this one's. */
  _warta_archive_pane_load_details (self);
  _warta_archive_pane_reload (self);
}

static void
warta_archive_pane_map (GtkWidget *widget)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (widget);

  GTK_WIDGET_CLASS (warta_archive_pane_parent_class)->map (widget);
  if (self->stale)
    {
      _warta_archive_pane_reload (self);
      _warta_archive_pane_load_details (self);
    }
}

static gboolean
notify_can_go_back_cb (gpointer user_data)
{
  WartaArchivePane *self = user_data;

  self->notify_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated; the window then shows
 * or hides its back button, which must wait for the frame's allocation to
 * be over. */
static void
on_leaflet_notify (WartaArchivePane *self)
{
  if (self->notify_source == 0)
    self->notify_source = g_idle_add (notify_can_go_back_cb, self);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  warta_archive_pane_go_back (WARTA_ARCHIVE_PANE (widget));
}

static gboolean
warta_archive_pane_grab_focus (GtkWidget *widget)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
warta_archive_pane_dispose (GObject *object)
{
  WartaArchivePane *self = (WartaArchivePane *)object;

  g_clear_handle_id (&self->notify_source, g_source_remove);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_cancellable_cancel (self->details_cancellable);
  g_clear_object (&self->details_cancellable);
  _warta_archive_pane_cancel_jobs (self);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_ARCHIVE_PANE);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->copy_rows, g_ptr_array_unref);
  g_clear_pointer (&self->copies, g_ptr_array_unref);
  self->entry = NULL;
  g_clear_object (&self->item);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);

  G_OBJECT_CLASS (warta_archive_pane_parent_class)->dispose (object);
}

static void
warta_archive_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, warta_archive_pane_get_can_go_back (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_archive_pane_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WartaArchivePane *self = WARTA_ARCHIVE_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      warta_archive_pane_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_archive_pane_class_init (WartaArchivePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_archive_pane_dispose;
  object_class->get_property = warta_archive_pane_get_property;
  object_class->set_property = warta_archive_pane_set_property;

  widget_class->map = warta_archive_pane_map;
  widget_class->grab_focus = warta_archive_pane_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         WARTA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaArchivePane:can-go-back:
   *
   * Whether the pane is folded and shows a case rather than the list.
   */
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pane.go-back", NULL, go_back_action);
  _warta_archive_pane_class_init_jobs (widget_class);

  g_type_ensure (WARTA_TYPE_PDF_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-archive-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, from_button);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, to_button);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, list_view);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, details_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, title_label);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, sop_label);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, dates_label);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, link_label);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, prints_label);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, copies_group);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, documents_group);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, make_copy_button);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, progress_label);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, loading_page);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, preview_error_page);
  gtk_widget_class_bind_template_child (widget_class, WartaArchivePane, pdf_view);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_from_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_to_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_from_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_to_cleared);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_factory_setup",
                                                G_CALLBACK (_warta_archive_pane_factory_setup));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_factory_bind",
                                                G_CALLBACK (_warta_archive_pane_factory_bind));
}

static void
warta_archive_pane_init (WartaArchivePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_or_archive_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "changed::archive",
                                 G_CALLBACK (on_case_or_archive_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);

  self->copy_rows = g_ptr_array_new ();
  self->store = g_list_store_new (WARTA_TYPE_ARCHIVE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* The three documents, drawn from the case as it is now */
  for (WartaDocumentKind kind = 0; kind < WARTA_N_DOCUMENTS; kind++)
    {
      const char *id = warta_document_kind_to_string (kind);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warta_document_kind_describe (kind));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _warta_archive_pane_icon_button ("document-open-symbolic", _("Open in the Preview"),
                                              "archive.open-document", g_variant_new_string (id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _warta_archive_pane_icon_button ("printer-symbolic", _("Print…"),
                                              "archive.print-document", g_variant_new_string (id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _warta_archive_pane_icon_button ("document-save-symbolic", _("Export as PDF…"),
                                              "archive.export-document", g_variant_new_string (id)));
      adw_preferences_group_add (self->documents_group, row);
    }

  warta_archive_pane_update_range_labels (self);
  _warta_archive_pane_update_empty (self);
  _warta_archive_pane_update_actions (self);
}

GtkWidget *
warta_archive_pane_new (void)
{
  return g_object_new (WARTA_TYPE_ARCHIVE_PANE, NULL);
}

WartaSession *
warta_archive_pane_get_session (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), NULL);
  return self->session;
}

void
warta_archive_pane_set_session (WartaArchivePane *self,
                                WartaSession     *session)
{
  g_return_if_fail (WARTA_IS_ARCHIVE_PANE (self));

  if (self->session == session)
    return;
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  on_user_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
warta_archive_pane_get_can_go_back (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), FALSE);
  return adw_leaflet_get_folded (self->leaflet) &&
         g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "case") == 0;
}

void
warta_archive_pane_go_back (WartaArchivePane *self)
{
  g_return_if_fail (WARTA_IS_ARCHIVE_PANE (self));
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

void
warta_archive_pane_set_search (WartaArchivePane *self,
                               const char       *text)
{
  g_return_if_fail (WARTA_IS_ARCHIVE_PANE (self));

  /* At once, not after search-changed's pause: the person who asks for
   * it by code (a test, a link) wants it now. */
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
  _warta_archive_pane_reload (self);
}

gboolean
warta_archive_pane_is_loading (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), FALSE);
  return self->list_loading;
}

guint
warta_archive_pane_get_n_cases (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

gint64
warta_archive_pane_get_case_at (WartaArchivePane *self,
                                guint             position)
{
  g_autoptr(WartaArchiveItem) item = NULL;

  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  return item ? _warta_archive_item_get_entry (item)->case_id : 0;
}

gboolean
warta_archive_pane_show_case (WartaArchivePane *self,
                              gint64            case_id)
{
  guint n;

  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    if (warta_archive_pane_get_case_at (self, i) == case_id)
      {
        gtk_single_selection_set_selected (self->selection, i);
        return TRUE;
      }
  return FALSE;
}

gint64
warta_archive_pane_get_case_id (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), 0);
  return self->case_id;
}

guint
warta_archive_pane_get_n_copies (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), 0);
  return self->copies ? self->copies->len : 0;
}

GtkWidget *
warta_archive_pane_get_pdf_view (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), NULL);
  return GTK_WIDGET (self->pdf_view);
}

gboolean
warta_archive_pane_is_busy (WartaArchivePane *self)
{
  g_return_val_if_fail (WARTA_IS_ARCHIVE_PANE (self), FALSE);
  return self->details_loading || self->preview_loading || self->job_cancellable != NULL ||
         self->print != NULL;
}
