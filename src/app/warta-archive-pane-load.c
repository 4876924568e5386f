/* warta-archive-pane-load.c: the archive pane's reads
 *
 * The register (the finished cases the search finds) and the chosen
 * case's kept copies are read on the session's database worker, as what
 * is on the screen now; a newer read cancels the one before, so the list
 * never shows an older answer over a newer one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-archive-pane-private.h"
#include "warta-timing.h"

struct _WartaArchiveItem
{
  GObject            parent_instance;
  WartaArchiveEntry *entry;
};

G_DEFINE_FINAL_TYPE (WartaArchiveItem, warta_archive_item, G_TYPE_OBJECT)

static void
warta_archive_item_finalize (GObject *object)
{
  g_clear_pointer (&WARTA_ARCHIVE_ITEM (object)->entry, warta_archive_entry_free);
  G_OBJECT_CLASS (warta_archive_item_parent_class)->finalize (object);
}

static void
warta_archive_item_class_init (WartaArchiveItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = warta_archive_item_finalize;
}

static void
warta_archive_item_init (WartaArchiveItem *self)
{
}

const WartaArchiveEntry *
_warta_archive_item_get_entry (WartaArchiveItem *self)
{
  return self->entry;
}

static char *
format_day (gint64 usec)
{
  g_autoptr(GDateTime) at = NULL;

  if (usec == 0)
    return g_strdup ("—");
  at = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return warta_format_date (at);
}

static char *
format_moment (gint64 usec)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return warta_format_date_time (at);
}

static char *
describe_sop (const WartaArchiveEntry *entry)
{
  /* Translators: an SOP's name and its number */
  return g_strdup_printf (_("%s · %s"), entry->sop_name ? entry->sop_name : entry->sop_id,
                          entry->sop_number ? entry->sop_number : "—");
}

static char *
describe_dates (const WartaArchiveEntry *entry)
{
  g_autofree char *started = format_day (entry->created_at);
  g_autofree char *finished = format_day (entry->finished_at);

  /* Translators: the days a case started and finished */
  return g_strdup_printf (_("Started %s, finished %s"), started, finished);
}

/* The list's rows */

void
_warta_archive_pane_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  const char *names[] = { "title", "sop", "dates", "link" };

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), i == 3 ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
      if (i == 0)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_lines (GTK_LABEL (label), 2);
          gtk_widget_add_css_class (label, "heading");
        }
      else
        gtk_widget_add_css_class (label, "caption");
      if (i == 1 || i == 3)
        gtk_widget_add_css_class (label, "dim-label");
      g_object_set_data (G_OBJECT (box), names[i], label);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_item_set_child (list_item, box);
}

void
_warta_archive_pane_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  WartaArchiveItem *item = gtk_list_item_get_item (list_item);
  GObject *box = G_OBJECT (gtk_list_item_get_child (list_item));
  const WartaArchiveEntry *entry = item->entry;
  g_autofree char *sop = describe_sop (entry);
  g_autoptr(GDateTime) finished = g_date_time_new_from_unix_local (entry->finished_at / G_USEC_PER_SEC);
  g_autofree char *day = g_date_time_format (finished, "%d-%m-%Y");
  g_autofree char *line = NULL;

  /* Translators: the day a case finished, and how many times its
   * documents were printed or exported */
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Finished %s · %d print", "Finished %s · %d prints",
                                       (gulong)entry->n_prints),
                          day, (int)entry->n_prints);
  gtk_label_set_label (g_object_get_data (box, "title"), entry->title);
  gtk_label_set_label (g_object_get_data (box, "sop"), sop);
  gtk_label_set_label (g_object_get_data (box, "dates"), line);
  gtk_label_set_label (g_object_get_data (box, "link"), entry->link ? entry->link : _("Not published"));
}

/* The register, on the session's database worker */

typedef struct
{
  gint64  actor;
  char   *text;
  gint64  from;
  gint64  to;
} ListQuery;

static void
list_query_free (ListQuery *query)
{
  g_free (query->text);
  g_free (query);
}

static gpointer
list_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  ListQuery *query = data;
  WartaArchiveQuery archive_query = { .text = query->text, .from = query->from, .to = query->to };

  return warta_engine_list_archive (engine, query->actor, &archive_query, error);
}

void
_warta_archive_pane_update_empty (WartaArchivePane *self)
{
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
                       self->from != NULL || self->to != NULL;
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0;

  if (searching)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Case Matches"));
      adw_status_page_set_description (self->empty_page, _("Try other words or another range of dates."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Finished Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("Cases come here with their documents when their last step is done."));
    }
  /* While the first read is on its way the list stays, rather than say
   * there is nothing. */
  gtk_stack_set_visible_child_name (self->list_stack, empty && !self->list_loading ? "empty" : "list");
}

void
_warta_archive_pane_fill_header (WartaArchivePane *self)
{
  g_autofree char *sop = describe_sop (self->entry);
  g_autofree char *dates = describe_dates (self->entry);

  gtk_label_set_label (self->title_label, self->entry->title);
  gtk_label_set_label (self->sop_label, sop);
  gtk_label_set_label (self->dates_label, dates);
  if (self->entry->link != NULL)
    {
      /* A link: the published page opens in the browser. */
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", self->entry->link,
                                                         self->entry->link);

      gtk_label_set_markup (self->link_label, markup);
    }
  else
    gtk_label_set_text (self->link_label, _("Not published"));
}

/* Selects the shown case where the list has it now, and takes its row's
 * newer numbers, without moving the leaflet. */
static void
warta_archive_pane_restore_selection (WartaArchivePane *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && self->case_id != 0; i++)
    {
      g_autoptr(WartaArchiveItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (item->entry->case_id == self->case_id)
        {
          position = i;
          break;
        }
    }

  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring = FALSE;
}

static void
on_list_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WartaArchivePane) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (!(entries = warta_session_run_finish (WARTA_SESSION (source), result, &error)))
    {
      /* A newer read, or the pane went: nothing of it to show. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->list_loading = FALSE;
      _warta_archive_pane_toast (self, error->message);
      _warta_archive_pane_update_empty (self);
      return;
    }

  items = g_ptr_array_new_full (entries->len, g_object_unref);
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      WartaArchiveItem *item = g_object_new (WARTA_TYPE_ARCHIVE_ITEM, NULL);

      item->entry = g_ptr_array_index (entries, i);
      g_ptr_array_add (items, item);
    }
  self->list_loading = FALSE;
  self->restoring = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  self->restoring = FALSE;
  warta_archive_pane_restore_selection (self);
  _warta_archive_pane_update_empty (self);
}

static gint64
day_start (GDateTime *day,
           int        days_after)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day), 0, 0, 0);
  g_autoptr(GDateTime) shifted = g_date_time_add_days (start, days_after);

  return g_date_time_to_unix (shifted) * G_USEC_PER_SEC;
}

void
_warta_archive_pane_reload (WartaArchivePane *self)
{
  ListQuery *query;
  const char *text;

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->stale = FALSE;

  if (self->session == NULL || warta_session_get_user_id (self->session) == 0)
    {
      self->list_loading = FALSE;
      g_list_store_remove_all (self->store);
      _warta_archive_pane_update_empty (self);
      return;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query = g_new0 (ListQuery, 1);
  query->actor = warta_session_get_user_id (self->session);
  query->text = *text ? g_strstrip (g_strdup (text)) : NULL;
  query->from = self->from ? day_start (self->from, 0) : 0;
  /* "to" is the last day wanted: finished before the next one began */
  query->to = self->to ? day_start (self->to, 1) : 0;

  self->list_loading = TRUE;
  self->list_cancellable = g_cancellable_new ();
  /* On the screen now: before exports and polls */
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, list_job,
                           query, (GDestroyNotify)list_query_free, (GDestroyNotify)g_ptr_array_unref,
                           self->list_cancellable, on_list_loaded, g_object_ref (self));
}

/* A case's kept copies, on the session's database worker */

typedef struct
{
  GPtrArray  *copies;
  GHashTable *names;     /* who made them: id → full name */
} Details;

static void
details_free (Details *details)
{
  g_clear_pointer (&details->copies, g_ptr_array_unref);
  g_clear_pointer (&details->names, g_hash_table_unref);
  g_free (details);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Details, details_free)

static gpointer
details_job (WartaEngine   *engine,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 case_id = *(gint64 *)data;
  g_autoptr(Details) details = g_new0 (Details, 1);

  if (!(details->copies = warta_engine_list_archive_copies (engine, case_id, error)))
    return NULL;

  details->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < details->copies->len; i++)
    {
      const WartaArchiveCopy *copy = g_ptr_array_index (details->copies, i);
      g_autoptr(WartaUser) user = NULL;

      if (g_hash_table_contains (details->names, &copy->made_by) ||
          !(user = warta_store_get_user (warta_engine_get_store (engine), copy->made_by, NULL)))
        continue;
      g_hash_table_insert (details->names, g_memdup2 (&copy->made_by, sizeof copy->made_by),
                           g_strdup (user->full_name));
    }
  return g_steal_pointer (&details);
}

GtkWidget *
_warta_archive_pane_icon_button (const char *icon_name,
             const char *tooltip,
             const char *action_name,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

void
_warta_archive_pane_fill_copies (WartaArchivePane *self,
                                 GHashTable       *names)
{
  for (guint i = 0; i < self->copy_rows->len; i++)
    adw_preferences_group_remove (self->copies_group, g_ptr_array_index (self->copy_rows, i));
  g_ptr_array_set_size (self->copy_rows, 0);

  for (guint i = 0; self->copies != NULL && i < self->copies->len; i++)
    {
      const WartaArchiveCopy *copy = g_ptr_array_index (self->copies, i);
      WartaDocumentKind kind = WARTA_DOCUMENT_BUKTI;
      g_autofree char *when = format_moment (copy->made_at);
      g_autofree char *size = warta_format_bytes (copy->size);
      const char *who = names ? g_hash_table_lookup (names, &copy->made_by) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      warta_document_kind_from_string (copy->document, &kind);
      /* Translators: when a copy was kept, by whom, and its size */
      subtitle = g_strdup_printf (_("Kept %s by %s · %s"), when, who ? who : "?", size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warta_document_kind_describe (kind));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _warta_archive_pane_icon_button ("document-open-symbolic", _("Open in the Preview"),
                                              "archive.open-copy", g_variant_new_int64 (copy->id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 _warta_archive_pane_icon_button ("printer-symbolic", _("Print…"),
                                              "archive.print-copy", g_variant_new_int64 (copy->id)));
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->copy_rows, row);
    }

  if (self->copy_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No archive copy was kept"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Make one now from the case as it is."));
      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->copy_rows, row);
    }
}

static void
on_details_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WartaArchivePane) self = user_data;
  g_autoptr(Details) details = NULL;
  g_autoptr(GError) error = NULL;

  if (!(details = warta_session_run_finish (WARTA_SESSION (source), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->details_loading = FALSE;
      _warta_archive_pane_toast (self, error->message);
      _warta_archive_pane_update_actions (self);
      return;
    }

  self->details_loading = FALSE;
  g_clear_pointer (&self->copies, g_ptr_array_unref);
  self->copies = g_steal_pointer (&details->copies);
  _warta_archive_pane_fill_copies (self, details->names);
  _warta_archive_pane_update_actions (self);
}

void
_warta_archive_pane_load_details (WartaArchivePane *self)
{
  g_cancellable_cancel (self->details_cancellable);
  g_clear_object (&self->details_cancellable);
  self->details_loading = FALSE;
  if (self->session == NULL || self->case_id == 0)
    return;

  self->details_loading = TRUE;
  self->details_cancellable = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, details_job,
                           g_memdup2 (&self->case_id, sizeof self->case_id), g_free,
                           (GDestroyNotify)details_free,
                           self->details_cancellable, on_details_loaded, g_object_ref (self));
}

void
_warta_archive_pane_update_prints (WartaArchivePane *self)
{
  g_autofree char *text = NULL;

  if (self->entry->n_prints == 0)
    text = g_strdup (_("Not printed or exported yet"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printed or exported %d time", "Printed or exported %d times",
                                         (gulong)self->entry->n_prints),
                            (int)self->entry->n_prints);
  gtk_label_set_label (self->prints_label, text);
}

