/* warta-attachments-panel.c: a case's files, beside its naskah
 *
 * The list of a case's attachments over the preview of the chosen one.
 * The holder of the active step adds files (the chooser, or dropped onto
 * the case) and may take back what they added at this step; everyone
 * reads, exports and opens. The list is read on the session's database
 * worker, again when the session says the berkas shown changed. Adding
 * and exporting stream through that worker too, with progress and a
 * cancel button, so a large video never holds up the window: those jobs
 * are in warta-attachments-panel-jobs.c; here are the list, the kind
 * asked of files being added, and the panel itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-attachment-preview.h"
#include "warta-attachments-panel-private.h"

G_DEFINE_FINAL_TYPE (WartaAttachmentsPanel, warta_attachments_panel, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  ATTACHMENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *id;
  const char *label;
} kinds[] = {
  { "nota-dinas", N_("Nota dinas") },
  { "dokumen-pendukung", N_("Supporting document") },
  { "foto", N_("Photo") },
  { "video", N_("Video") },
  { "lainnya", N_("Other") },
};

const char *
warta_attachment_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].id) == 0)
      return _(kinds[i].label);
  return kind;
}

void
_warta_attachments_panel_toast (WartaAttachmentsPanel *self,
                                const char            *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* Why a file was refused says what is wrong with it and what the person
 * can do, in more words than a toast holds: a dialog, read to the end. */
void
_warta_attachments_panel_show_refusal (WartaAttachmentsPanel *self,
                                       const char            *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    {
      g_message ("%s", message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("File Not Attached"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

const WartaAttachment *
_warta_attachments_panel_find_attachment (WartaAttachmentsPanel *self,
                                          gint64                 id)
{
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      const WartaAttachment *a = g_ptr_array_index (self->attachments, i);

      if (a->id == id)
        return a;
    }
  return NULL;
}

void
_warta_attachments_panel_emit_changed (WartaAttachmentsPanel *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The kind is asked once for all the files chosen or dropped together;
 * it starts on the first kind the step still needs. */
typedef struct
{
  WartaAttachmentsPanel *self;
  GPtrArray             *files;
  GtkDropDown           *kind;
} KindQuestion;

static void
kind_question_free (KindQuestion *question)
{
  g_object_unref (question->self);
  g_ptr_array_unref (question->files);
  g_free (question);
}

static void
on_kind_response (AdwMessageDialog *dialog,
                  const char       *response,
                  KindQuestion     *question)
{
  if (g_str_equal (response, "attach"))
    _warta_attachments_panel_start_attach (question->self, question->files,
                                           kinds[gtk_drop_down_get_selected (question->kind)].id);
  kind_question_free (question);
}

static guint
default_kind (WartaAttachmentsPanel *self,
              GFile                 *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *guess = g_content_type_guess (name, NULL, 0, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (guess);
  const char *kind;

  for (guint i = 0; self->missing_kinds != NULL && self->missing_kinds[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (kinds); j++)
      if (g_str_equal (self->missing_kinds[i], kinds[j].id))
        return j;

  kind = warta_attachment_kind_for_type (mime ? mime : "");
  for (guint j = 0; j < G_N_ELEMENTS (kinds); j++)
    if (g_str_equal (kind, kinds[j].id))
      return j;
  return G_N_ELEMENTS (kinds) - 1;
}

void
warta_attachments_panel_add_files (WartaAttachmentsPanel *self,
                                   GPtrArray             *files,
                                   const char            *kind)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  KindQuestion *question;
  GtkWidget *dialog;

  g_return_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self));
  g_return_if_fail (files != NULL && files->len > 0);

  if (!self->may_change || self->session == NULL)
    {
      _warta_attachments_panel_toast (self, _("Only the holder of the active step can attach files to this case"));
      return;
    }
  if (self->transfer != NULL)
    {
      _warta_attachments_panel_toast (self, _("Wait for the file being attached, or cancel it"));
      return;
    }
  if (kind != NULL)
    {
      _warta_attachments_panel_start_attach (self, files, kind);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (labels, _(kinds[i].label));

  if (files->len == 1)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, 0));

      heading = g_strdup_printf (_("Attach “%s”"), name);
    }
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attach %u File", "Attach %u Files", files->len),
                               files->len);

  question = g_new0 (KindQuestion, 1);
  question->self = g_object_ref (self);
  question->files = g_ptr_array_ref (files);
  question->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_selected (question->kind, default_kind (self, g_ptr_array_index (files, 0)));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("What kind of document is it? The SOP's requirements name these kinds."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (question->kind));
  g_object_set_data (G_OBJECT (dialog), "kind", question->kind);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "attach", _("_Attach"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "attach", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "attach");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_kind_response), question);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_chosen (GtkNativeDialog       *chooser,
               int                    response,
               WartaAttachmentsPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      if (files->len > 0)
        warta_attachments_panel_add_files (self, files, NULL);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_add_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The list */

static GtkWidget *
make_button (const char *icon,
             const char *tooltip,
             const char *action,
             gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
make_row (WartaAttachmentsPanel *self,
          const WartaAttachment *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GIcon) icon = g_content_type_get_symbolic_icon (a->content_type);
  g_autofree char *size = warta_format_bytes (a->size);
  g_autofree char *subtitle = NULL;
  g_autofree char *name = g_markup_escape_text (a->name, -1);
  GtkWidget *image = gtk_image_new_from_gicon (icon);

  /* Translators: an attachment's kind, size and the step it came with */
  subtitle = g_strdup_printf (_("%s · %s · step %s"), warta_attachment_kind_label (a->kind), size, a->step_id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button ("document-save-symbolic", _("Export…"), "attachments.export", a->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             make_button ("document-open-symbolic", _("Open With the System's Application"),
                                          "attachments.open", a->id));
  if (self->may_change && a->run_id == self->active_run)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_button ("user-trash-symbolic", _("Remove"), "attachments.remove", a->id));
  g_object_set_data (G_OBJECT (row), "attachment-id", GSIZE_TO_POINTER ((gsize)a->id));
  g_object_set_data_full (G_OBJECT (row), "attachment-kind", g_strdup (a->kind), g_free);
  return row;
}

static void
on_row_selected (WartaAttachmentsPanel *self,
                 GtkListBoxRow         *row)
{
  const WartaAttachment *attachment;
  gint64 id;

  if (row == NULL)
    return;
  id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "attachment-id"));
  attachment = _warta_attachments_panel_find_attachment (self, id);
  if (attachment == NULL)
    return;

  /* Reselecting what is shown keeps the reader's place in it. */
  if (warta_attachment_preview_get_attachment (self->preview) != NULL &&
      warta_attachment_preview_get_attachment (self->preview)->id == id)
    return;
  self->selected = id;
  warta_attachment_preview_show (self->preview, self->session, attachment);
}

static void
on_preview_open (WartaAttachmentsPanel *self,
                 gint64                 id)
{
  _warta_attachments_panel_open_attachment (self, id);
}

static gint64
row_id (GtkWidget *row)
{
  return (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "attachment-id"));
}

/* The rows of the files shown. With @keep, a row stays for each file
 * that stays under the same kind (the list is in the files' order): a
 * file just attached adds its row, and the others are not built and laid
 * out again in the frame that shows it. */
static void
fill_list (WartaAttachmentsPanel *self,
           gboolean               keep)
{
  GtkWidget *child;
  GtkWidget *next;
  GtkListBoxRow *select = NULL;
  g_autofree char *count = NULL;
  guint n = self->attachments ? self->attachments->len : 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL; child = next)
    {
      const WartaAttachment *a = _warta_attachments_panel_find_attachment (self, row_id (child));

      next = gtk_widget_get_next_sibling (child);
      if (!keep || a == NULL || g_strcmp0 (a->kind, g_object_get_data (G_OBJECT (child), "attachment-kind")) != 0)
        gtk_list_box_remove (self->list, child);
    }

  for (guint i = 0; i < n; i++)
    {
      const WartaAttachment *a = g_ptr_array_index (self->attachments, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int)i);

      if (row == NULL || row_id (GTK_WIDGET (row)) != a->id)
        {
          row = GTK_LIST_BOX_ROW (make_row (self, a));
          gtk_list_box_insert (self->list, GTK_WIDGET (row), (int)i);
        }
      /* What was chosen stays chosen; else the first, the nota dinas as a
       * rule, which is what a reader opens first. */
      if (a->id == self->selected ||
          (i == 0 && _warta_attachments_panel_find_attachment (self, self->selected) == NULL))
        select = row;
    }

  count = n == 0 ? g_strdup (_("None yet")) : g_strdup_printf ("%u", n);
  gtk_label_set_label (self->count_label, count);

  if (select != NULL)
    gtk_list_box_select_row (self->list, select);
  else
    warta_attachment_preview_show (self->preview, NULL, NULL);
}

/* Whether two lists hold the same files under the same kinds. */
static gboolean
same_attachments (GPtrArray *a,
                  GPtrArray *b)
{
  guint n = a != NULL ? a->len : 0;

  if (n != (b != NULL ? b->len : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const WartaAttachment *x = g_ptr_array_index (a, i);
      const WartaAttachment *y = g_ptr_array_index (b, i);

      if (x->id != y->id || g_strcmp0 (x->kind, y->kind) != 0)
        return FALSE;
    }
  return TRUE;
}

/* In the worker: the berkas's files. */
static gpointer
list_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return warta_store_list_attachments (warta_engine_get_store (engine), *(gint64 *)data, error);
}

/* The kinds the active step needs that no file has yet. */
static void
update_missing (WartaAttachmentsPanel *self)
{
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();

  for (guint i = 0; self->needed_kinds != NULL && self->needed_kinds[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; self->attachments != NULL && j < self->attachments->len && !found; j++)
        found = g_strcmp0 (((WartaAttachment *)g_ptr_array_index (self->attachments, j))->kind,
                           self->needed_kinds[i]) == 0;
      if (!found)
        g_strv_builder_add (missing, self->needed_kinds[i]);
    }
  g_strfreev (self->missing_kinds);
  self->missing_kinds = g_strv_builder_end (missing);
}

/* Shows @attachments, and says so when they are not the ones shown. */
static void
show_attachments (WartaAttachmentsPanel *self,
                  GPtrArray             *attachments,
                  gboolean               refill)
{
  g_autoptr(GPtrArray) before = g_steal_pointer (&self->attachments);
  gboolean same;

  self->attachments = attachments ? g_ptr_array_ref (attachments) : NULL;
  same = same_attachments (before, self->attachments);
  update_missing (self);
  if (refill || !same)
    fill_list (self, !refill);
  if (!same)
    g_signal_emit (self, signals[ATTACHMENTS_CHANGED], 0);
}

static void
attachments_listed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WartaAttachmentsPanel) self = user_data;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;

  attachments = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (attachments == NULL)
    {
      g_warning ("Cannot list the attachments of case %" G_GINT64_FORMAT ": %s", self->case_id, error->message);
      return;
    }
  show_attachments (self, attachments, FALSE);
}

/* Reads the list of the berkas shown again, on the worker. */
void
_warta_attachments_panel_reload (WartaAttachmentsPanel *self)
{
  /* A newer read replaces one still queued. */
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session == NULL || self->case_id == 0)
    return;

  self->loading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self,
                           list_job, g_memdup2 (&self->case_id, sizeof self->case_id), g_free,
                           (GDestroyNotify)g_ptr_array_unref, self->loading, attachments_listed,
                           g_object_ref (self));
}

static void
on_case_changed (WartaAttachmentsPanel *self,
                 guint                  kind,
                 gint64                 case_id,
                 gpointer               origin,
                 WartaSession          *session)
{
  /* The panel reads its list after its own attach or removal. */
  if (origin == self || self->case_id == 0 || (case_id != 0 && case_id != self->case_id))
    return;
  _warta_attachments_panel_reload (self);
}

/**
 * warta_attachments_panel_set_case:
 * @self: the panel
 * @session: (nullable): the session
 * @kase: (nullable): the case, with its active run if it has one
 * @step: (nullable): the active step
 * @may_change: whether the signed-in user holds the active step
 *
 * Shows the case's attachments, read on the session's worker; called
 * again for the same case, it keeps the attachment being read open. The
 * panel follows the case's changes by itself as well.
 */
void
warta_attachments_panel_set_case (WartaAttachmentsPanel *self,
                                  WartaSession          *session,
                                  const WartaCase       *kase,
                                  const WartaSopStep    *step,
                                  gboolean               may_change)
{
  g_autoptr(GStrvBuilder) needed = g_strv_builder_new ();
  gint64 case_id = session != NULL && kase != NULL ? kase->id : 0;
  gint64 active_run = kase && kase->active ? kase->active->id : 0;
  gboolean other_case = case_id != self->case_id || session != self->session;
  gboolean refill;

  g_return_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self));

  if (other_case)
    {
      self->selected = 0;
      g_cancellable_cancel (self->transfer);
    }
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  refill = other_case || self->active_run != active_run || self->may_change != may_change;
  self->case_id = case_id;
  self->active_run = active_run;
  self->may_change = may_change;

  for (guint i = 0; step != NULL && i < step->requirements->len; i++)
    {
      const WartaSopRequirement *req = g_ptr_array_index (step->requirements, i);

      if (req->attachment != NULL && !req->optional)
        g_strv_builder_add (needed, req->attachment);
    }
  g_strfreev (self->needed_kinds);
  self->needed_kinds = g_strv_builder_end (needed);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.add", may_change && self->transfer == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), may_change);
  /* Another berkas's files are not shown while this one's are read. */
  show_attachments (self, other_case ? NULL : self->attachments, refill);
  _warta_attachments_panel_reload (self);
}

void
warta_attachments_panel_select (WartaAttachmentsPanel *self,
                                gint64                 id)
{
  g_return_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self));

  self->selected = id;
  fill_list (self, TRUE);
}

WartaAttachmentPreview *
warta_attachments_panel_get_preview (WartaAttachmentsPanel *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self), NULL);

  return self->preview;
}

/**
 * warta_attachments_panel_get_attachments:
 *
 * Returns: (transfer none) (element-type WartaAttachment) (nullable): the
 *   case's files as the panel lists them
 */
GPtrArray *
warta_attachments_panel_get_attachments (WartaAttachmentsPanel *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self), NULL);

  return self->attachments;
}

guint
warta_attachments_panel_get_n_attachments (WartaAttachmentsPanel *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self), 0);

  return self->attachments ? self->attachments->len : 0;
}

gboolean
warta_attachments_panel_get_may_change (WartaAttachmentsPanel *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self), FALSE);

  return self->may_change;
}

gboolean
warta_attachments_panel_is_busy (WartaAttachmentsPanel *self)
{
  g_return_val_if_fail (WARTA_IS_ATTACHMENTS_PANEL (self), FALSE);

  return self->transfer != NULL;
}

static void
warta_attachments_panel_dispose (GObject *object)
{
  WartaAttachmentsPanel *self = WARTA_ATTACHMENTS_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->transfer);
  g_clear_object (&self->transfer);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->progress, g_atomic_rc_box_release);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_ATTACHMENTS_PANEL);
  /* The template's outer box has no id, so the call above leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->missing_kinds, g_strfreev);
  g_clear_pointer (&self->needed_kinds, g_strfreev);

  G_OBJECT_CLASS (warta_attachments_panel_parent_class)->dispose (object);
}

static void
warta_attachments_panel_class_init (WartaAttachmentsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_attachments_panel_dispose;

  /**
   * WartaAttachmentsPanel::changed:
   *
   * Attachments were added or removed here: the step's requirements and
   * actions may have changed with them.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WartaAttachmentsPanel::attachments-changed:
   *
   * The list of the case's files is not what it was: a file came or went,
   * here or elsewhere. What follows the files (the step's checklist) reads
   * warta_attachments_panel_get_attachments() again.
   */
  signals[ATTACHMENTS_CHANGED] = g_signal_new ("attachments-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (WARTA_TYPE_ATTACHMENT_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-attachments-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WartaAttachmentsPanel, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_open);

  gtk_widget_class_install_action (widget_class, "attachments.add", NULL, add_action);
  _warta_attachments_panel_class_init_jobs (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
warta_attachments_panel_init (WartaAttachmentsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.add", FALSE);

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
warta_attachments_panel_new (void)
{
  return g_object_new (WARTA_TYPE_ATTACHMENTS_PANEL, NULL);
}
