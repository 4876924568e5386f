/* warta-publish-panel.c: a case onto its site, and the proof that it is live
 *
 * The holder of a case's active publish step chooses the channel, status,
 * terms and files here and presses Publish. One worker, on a connection
 * of its own, reads the site's password (its credentials file or the
 * Secret Service), publishes and verifies through a WartaPublisher, with
 * the bytes and stage coming back to the main loop in an idle; the main
 * thread then takes the page's screenshot (WebKit must run there), and a
 * second worker keeps it and completes the step. Nothing of it blocks the
 * window, and a failure leaves the form as it was, with the error's own
 * words above it.
 *
 * Afterwards each publication shows its proof (link, status on the site,
 * verification, screenshot) with Check Again, Update and Withdraw. A case
 * is worked on by one job at a time in the whole application, whatever
 * the number of windows or clicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-attachments-panel.h"
#include "warta-publish-panel-private.h"

#define THUMBNAIL_WIDTH 480
#define THUMBNAIL_HEIGHT 300

G_DEFINE_FINAL_TYPE (WartaPublishPanel, warta_publish_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SHOW_ATTACHMENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The statuses the form offers, in its order. */
static const struct
{
  const char *status;
  const char *label;
} statuses[] = {
  { "publish", N_("Publish now") },
  { "future", N_("Schedule") },
  { "draft", N_("Draft") },
  { "pending", N_("Pending the site's review") },
};

static void fill_publications (WartaPublishPanel *self);

gboolean
warta_sop_has_publish_step (WartaSop *sop)
{
  for (guint i = 0; sop != NULL && i < warta_sop_get_n_steps (sop); i++)
    if (warta_sop_get_step (sop, i)->action == WARTA_SOP_ACTION_PUBLISH)
      return TRUE;
  return FALSE;
}

void
_warta_publish_panel_show_error (WartaPublishPanel *self,
            const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

void
_warta_publish_panel_notify_busy (WartaPublishPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_cancel_clicked (WartaPublishPanel *self)
{
  _warta_publish_panel_cancel (self);
}

static void
on_error_dismissed (WartaPublishPanel *self)
{
  _warta_publish_panel_show_error (self, NULL);
}

/* The form */

static GStrv
split_terms (GtkEditable *editable)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (editable), ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static char *
join_terms (GStrv terms)
{
  return terms != NULL ? g_strjoinv (", ", terms) : g_strdup ("");
}

/* “2026-12-01 09:00”, local time, to µs since the epoch; 0 if unreadable. */
static gint64
parse_schedule (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute;
  char end;

  if (sscanf (text, "%d-%d-%d %d:%d%c", &year, &month, &day, &hour, &minute, &end) != 5 &&
      sscanf (text, "%d-%d-%d %d.%d%c", &year, &month, &day, &hour, &minute, &end) != 5)
    return 0;
  if (!(time = g_date_time_new_local (year, month, day, hour, minute, 0)))
    return 0;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static gboolean
is_manual (WartaPublishPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->channel_row);

  return selected == GTK_INVALID_LIST_POSITION || selected >= self->site_ids->len;
}

static void
on_form_changed (WartaPublishPanel *self)
{
  guint status = adw_combo_row_get_selected (self->status_row);
  gboolean manual = is_manual (self);

  gtk_widget_set_visible (GTK_WIDGET (self->manual_url_row), manual);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), !manual);
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_row), !manual && status < G_N_ELEMENTS (statuses) &&
                                                           g_str_equal (statuses[status].status, "future"));
  gtk_widget_set_visible (GTK_WIDGET (self->categories_row), !manual);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_row), !manual);
  gtk_widget_set_visible (GTK_WIDGET (self->excerpt_row), !manual);
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), !manual && self->file_rows->len > 0);

  if (gtk_widget_get_visible (GTK_WIDGET (self->schedule_row)) &&
      *gtk_editable_get_text (GTK_EDITABLE (self->schedule_row)) == '\0')
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
      g_autofree char *text = g_date_time_format (tomorrow, "%Y-%m-%d 08:00");

      gtk_editable_set_text (GTK_EDITABLE (self->schedule_row), text);
    }
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (widget);
  guint status = adw_combo_row_get_selected (self->status_row);
  Job *job;

  if (self->session == NULL || self->case_id == 0 || !self->holder || self->job != NULL)
    return;

  job = _warta_publish_panel_job_new (self, JOB_PUBLISH);
  if (is_manual (self))
    {
      g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->manual_url_row))));
      g_autoptr(GError) error = NULL;

      if (*url == '\0' || !warta_wp_check_url (url, &error))
        {
          _warta_publish_panel_show_error (self, error ? error->message : _("Give the public link of the post made by hand"));
          gtk_widget_grab_focus (GTK_WIDGET (self->manual_url_row));
          _warta_publish_panel_job_free (job);
          return;
        }
      job->manual_url = g_steal_pointer (&url);
    }
  else
    {
      job->site_id = g_array_index (self->site_ids, gint64, adw_combo_row_get_selected (self->channel_row));
      job->status = g_strdup (statuses[MIN (status, G_N_ELEMENTS (statuses) - 1)].status);
      if (g_str_equal (job->status, "future") &&
          !(job->scheduled_at = parse_schedule (gtk_editable_get_text (GTK_EDITABLE (self->schedule_row)))))
        {
          _warta_publish_panel_show_error (self, _("Write the date and time to publish at as YYYY-MM-DD HH:MM, for example 2026-12-01 09:00"));
          gtk_widget_grab_focus (GTK_WIDGET (self->schedule_row));
          _warta_publish_panel_job_free (job);
          return;
        }
      job->categories = split_terms (GTK_EDITABLE (self->categories_row));
      job->tags = split_terms (GTK_EDITABLE (self->tags_row));
      job->excerpt = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->excerpt_row))));
    }
  _warta_publish_panel_start_job (self, job);
}

static const WartaPublication *
get_publication (WartaPublishPanel *self,
                 gint64             id)
{
  for (guint i = 0; self->publications != NULL && i < self->publications->len; i++)
    {
      const WartaPublication *publication = g_ptr_array_index (self->publications, i);

      if (publication->id == id)
        return publication;
    }
  return NULL;
}

/* Publishing again: the same post, with the options it was made with. */
static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (widget);
  const WartaPublication *publication = get_publication (self, g_variant_get_int64 (parameter));
  Job *job;

  if (publication == NULL || self->job != NULL)
    return;
  job = _warta_publish_panel_job_new (self, JOB_PUBLISH);
  job->site_id = publication->site_id;
  job->manual_url = publication->site_id > 0 ? NULL : g_strdup (publication->link);
  job->status = publication->site_id > 0 ? g_strdup (publication->status) : NULL;
  job->scheduled_at = publication->scheduled_at;
  job->categories = g_strdupv (publication->categories);
  job->tags = g_strdupv (publication->tags);
  job->excerpt = g_strdup (publication->excerpt);
  /* A scheduled time gone by goes live now. */
  if (g_strcmp0 (job->status, "future") == 0 && job->scheduled_at <= g_get_real_time ())
    {
      g_free (job->status);
      job->status = g_strdup ("publish");
    }
  _warta_publish_panel_start_job (self, job);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (widget);
  const WartaPublication *publication = get_publication (self, g_variant_get_int64 (parameter));
  Job *job;

  if (publication == NULL || self->job != NULL)
    return;
  job = _warta_publish_panel_job_new (self, JOB_VERIFY);
  job->publication_id = publication->id;
  _warta_publish_panel_start_job (self, job);
}

static void
on_reason_changed (GtkEditable      *editable,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "withdraw", !warta_text_is_blank (gtk_editable_get_text (editable)));
}

static void
on_withdraw_response (AdwMessageDialog  *dialog,
                      const char        *response,
                      WartaPublishPanel *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkCheckButton *trash = g_object_get_data (G_OBJECT (dialog), "trash");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "publication-id"));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  Job *job;

  if (g_strcmp0 (response, "withdraw") != 0 || *reason == '\0' || self->disposed ||
      get_publication (self, id) == NULL)
    return;

  job = _warta_publish_panel_job_new (self, JOB_WITHDRAW);
  job->publication_id = id;
  job->reason = g_steal_pointer (&reason);
  job->trash = gtk_check_button_get_active (trash);
  _warta_publish_panel_start_job (self, job);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (widget);
  const WartaPublication *publication = get_publication (self, g_variant_get_int64 (parameter));
  AdwMessageDialog *dialog;
  GtkWidget *box, *entry, *draft, *trash;

  if (publication == NULL || self->job != NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Withdraw the Publication?"),
                                                       _("The post goes back to draft, or to the site's trash, and is no longer public. "
                                                         "The reason is kept in the case's journal.")));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  draft = gtk_check_button_new_with_mnemonic (_("Back to _draft"));
  trash = gtk_check_button_new_with_mnemonic (_("To the site's _trash"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (trash), GTK_CHECK_BUTTON (draft));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (draft), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), draft);
  gtk_box_append (GTK_BOX (box), trash);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "withdraw", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_object_set_data (G_OBJECT (dialog), "trash", trash);
  g_object_set_data (G_OBJECT (dialog), "publication-id", GSIZE_TO_POINTER ((gsize)publication->id));
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_screenshot_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_ATTACHMENT], 0, g_variant_get_int64 (parameter));
}

void
_warta_publish_panel_update_actions (WartaPublishPanel *self)
{
  gboolean idle = self->job == NULL && !warta_publish_panel_case_is_busy (self->case_id);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.run", self->holder && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.verify", self->may_change && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.update", self->may_change && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.withdraw", self->may_change && idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), self->job == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->files_group), self->job == NULL);
}

/* Thumbnails: the screenshot's top, read and scaled in a worker */

/* The thumbnail's bytes are read and scaled by the session's worker at
 * low priority: a small PNG, decoded where it is read. */
static gpointer
thumbnail_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 id = *(gint64 *)data;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GdkPixbuf) top = NULL;

  if (!warta_engine_export_attachment (engine, id, out, NULL, NULL, cancellable, error) ||
      !g_output_stream_close (out, cancellable, error))
    return NULL;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  in = g_memory_input_stream_new_from_bytes (bytes);
  if (!(scaled = gdk_pixbuf_new_from_stream_at_scale (in, THUMBNAIL_WIDTH, -1, TRUE, cancellable, error)))
    return NULL;
  top = gdk_pixbuf_new_subpixbuf (scaled, 0, 0, gdk_pixbuf_get_width (scaled),
                                  MIN (gdk_pixbuf_get_height (scaled), THUMBNAIL_HEIGHT));
  return gdk_texture_new_for_pixbuf (top);
}

typedef struct
{
  WartaPublishPanel *self;
  gint64             id;
} ThumbnailCall;

static void
on_thumbnail_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbnailCall *call = user_data;
  g_autoptr(WartaPublishPanel) self = call->self;
  gint64 id = call->id;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = warta_session_run_finish (WARTA_SESSION (source), result, &error);

  g_free (call);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot show screenshot %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }
  if (self->disposed)
    {
      g_object_unref (texture);
      return;
    }
  g_hash_table_replace (self->thumbnails, g_memdup2 (&id, sizeof id), texture);
  fill_publications (self);
}

static GtkWidget *
make_thumbnail (WartaPublishPanel *self,
                gint64             id)
{
  GdkTexture *texture = g_hash_table_lookup (self->thumbnails, &id);
  GtkWidget *button;
  GtkWidget *picture;

  if (texture == NULL && !g_hash_table_contains (self->thumbnails, &id))
    {
      ThumbnailCall *call = g_new0 (ThumbnailCall, 1);

      g_hash_table_insert (self->thumbnails, g_memdup2 (&id, sizeof id), NULL);
      call->self = g_object_ref (self);
      call->id = id;
      warta_session_run_async (self->session, WARTA_JOB_PRIORITY_LOW, self, thumbnail_job,
                               g_memdup2 (&id, sizeof id), g_free, g_object_unref,
                               self->thumbnail_cancellable, on_thumbnail_loaded, call);
    }

  if (texture != NULL)
    picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  else
    {
      picture = gtk_spinner_new ();
      gtk_spinner_start (GTK_SPINNER (picture));
    }
  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH / 2, THUMBNAIL_HEIGHT / 2);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "publish-screenshot");
  gtk_widget_set_tooltip_text (button, _("Show the screenshot with the attachments"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Screenshot of the published page"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "publish.show-screenshot");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

/* Publications */

static void
unref_texture (gpointer texture)
{
  if (texture != NULL)
    g_object_unref (texture);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return g_date_time_format (time, "%d-%m-%Y %H.%M");
}

static const char *
site_name (WartaPublishPanel *self,
           gint64             site_id)
{
  for (guint i = 0; self->sites != NULL && i < self->sites->len; i++)
    {
      const WartaSite *site = g_ptr_array_index (self->sites, i);

      if (site->id == site_id)
        return site->name;
    }
  return site_id == 0 ? _("Manual (social media)") : "?";
}

static GtkWidget *
add_fact (AdwPreferencesGroup *group,
          const char          *title,
          const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
make_button (const char *label,
             const char *action,
             gint64      id,
             gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  gtk_widget_set_sensitive (button, sensitive);
  return button;
}

static GtkWidget *
make_publication (WartaPublishPanel      *self,
                  const WartaPublication *p)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *title = g_strdup_printf (_("Published on %s"), site_name (self, p->site_id));
  g_autofree char *verified = NULL;
  gboolean withdrawn = p->withdrawn_at != 0;
  gboolean public = p->site_id == 0 || g_strcmp0 (p->remote_status, "publish") == 0;
  gboolean on_site = p->site_id == 0 || p->post_id > 0;
  GtkWidget *buttons;
  GtkWidget *row;

  adw_preferences_group_set_title (group, title);
  if (withdrawn)
    {
      g_autofree char *when = format_time (p->withdrawn_at);
      g_autofree char *text = g_strdup_printf (_("Withdrawn on %s: %s"), when, p->withdraw_reason ? p->withdraw_reason : "");

      adw_preferences_group_set_description (group, text);
    }
  else if (warta_publication_is_verified (p))
    adw_preferences_group_set_description (group, _("Verified live, with its screenshot kept."));
  else if (!public && on_site)
    adw_preferences_group_set_description (group, _("The post is not public yet. Check Again verifies it once it is, "
                                                    "and keeps its screenshot."));
  else
    adw_preferences_group_set_description (group, _("Not verified yet: Check Again looks at the page."));

  if (p->link != NULL)
    {
      GtkWidget *link = gtk_link_button_new_with_label (p->link, p->link);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (link));

      if (GTK_IS_LABEL (label))
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (link, TRUE);
      gtk_widget_set_halign (link, GTK_ALIGN_END);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Link"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
      adw_preferences_group_add (group, row);
    }
  add_fact (group, _("Status on the site"), warta_post_status_describe (p->site_id == 0 ? "manual" : p->remote_status));
  if (p->verified_at > 0)
    {
      g_autofree char *when = format_time (p->verified_at);
      /* Translators: HTTP status code and the response time in milliseconds */
      g_autofree char *http = g_strdup_printf (_("HTTP %d in %lld ms"), p->http_status, (long long)p->response_ms);

      verified = g_strdup_printf (_("%s, title %s"), when, p->title_found ? _("found") : _("missing"));
      add_fact (group, _("Verified"), verified);
      add_fact (group, _("Answer"), http);
      if (p->body_sha256 != NULL)
        gtk_widget_add_css_class (add_fact (group, _("SHA-256 of the page"), p->body_sha256), "monospace");
    }
  else
    add_fact (group, _("Verified"), _("Not yet"));

  if (p->screenshot_id > 0)
    {
      GtkWidget *thumbnail = make_thumbnail (self, p->screenshot_id);

      gtk_widget_set_margin_top (thumbnail, 12);
      adw_preferences_group_add (group, thumbnail);
    }

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), make_button (_("_Withdraw…"), "publish.withdraw", p->id, on_site && !withdrawn));
  gtk_box_append (GTK_BOX (buttons), make_button (_("_Update"), "publish.update", p->id, p->site_id > 0));
  gtk_box_append (GTK_BOX (buttons), make_button (_("Check _Again"), "publish.verify", p->id, on_site && !withdrawn));
  gtk_widget_set_visible (buttons, self->may_change);
  adw_preferences_group_add (group, buttons);
  return GTK_WIDGET (group);
}

static void
fill_publications (WartaPublishPanel *self)
{
  GtkWidget *child;
  guint n = self->publications ? self->publications->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->publications_box))) != NULL)
    gtk_box_remove (self->publications_box, child);
  for (guint i = 0; i < n; i++)
    gtk_box_append (self->publications_box, make_publication (self, g_ptr_array_index (self->publications, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->publications_box), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), n == 0 && !self->holder);
}

/* The files that go to the site */

typedef struct
{
  gint64   actor;
  gint64   attachment_id;
  gboolean for_site;
} ForSite;

static gpointer
for_site_job (WartaEngine   *engine,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ForSite *change = data;

  if (!warta_engine_set_attachment_for_site (engine, change->actor, change->attachment_id, change->for_site, error))
    return NULL;
  return g_strdup ("");
}

static void
on_for_site_set (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkSwitch) toggle = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = warta_session_run_finish (WARTA_SESSION (source), result, &error);
  WartaPublishPanel *self;

  if (done != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Refused: the switch goes back, if the panel still shows it. */
  self = WARTA_PUBLISH_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (toggle), WARTA_TYPE_PUBLISH_PANEL));
  if (self == NULL || self->disposed)
    return;
  _warta_publish_panel_show_error (self, error->message);
  self->loading = TRUE;
  gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
  self->loading = FALSE;
}

static void
on_file_switched (GtkSwitch         *toggle,
                  GParamSpec        *pspec,
                  WartaPublishPanel *self)
{
  ForSite *change;

  if (self->loading || self->session == NULL)
    return;
  change = g_new0 (ForSite, 1);
  change->actor = warta_session_get_user_id (self->session);
  change->attachment_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "attachment-id"));
  change->for_site = gtk_switch_get_active (toggle);
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self, for_site_job, change, g_free,
                           g_free, NULL, on_for_site_set, g_object_ref (toggle));
}

static gboolean
is_screenshot (WartaPublishPanel *self,
               gint64             attachment_id)
{
  for (guint i = 0; self->publications != NULL && i < self->publications->len; i++)
    if (((WartaPublication *)g_ptr_array_index (self->publications, i))->screenshot_id == attachment_id)
      return TRUE;
  return FALSE;
}

static void
fill_files (WartaPublishPanel *self,
            GPtrArray         *attachments)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const WartaAttachment *a = g_ptr_array_index (attachments, i);

      if (!is_screenshot (self, a->id))
        g_string_append_printf (key, "%" G_GINT64_FORMAT ":%d,", a->id, warta_attachment_goes_to_site (a));
    }
  if (g_strcmp0 (key->str, self->files_key) == 0)
    return;
  g_free (self->files_key);
  self->files_key = g_strdup (key->str);

  for (guint i = 0; i < self->file_rows->len; i++)
    adw_preferences_group_remove (self->files_group, g_ptr_array_index (self->file_rows, i));
  g_ptr_array_set_size (self->file_rows, 0);

  self->loading = TRUE;
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const WartaAttachment *a = g_ptr_array_index (attachments, i);
      g_autofree char *size = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *toggle;

      if (is_screenshot (self, a->id))
        continue;
      size = warta_format_bytes (a->size);
      /* Translators: an attachment's kind and size */
      subtitle = g_strdup_printf (_("%s · %s"), warta_attachment_kind_label (a->kind), size);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), warta_attachment_goes_to_site (a));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Send to the site"), -1);
      g_object_set_data (G_OBJECT (toggle), "attachment-id", GSIZE_TO_POINTER ((gsize)a->id));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_file_switched), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (self->file_rows, row);
    }
  self->loading = FALSE;
}

/* The channels: the sites, then the manual one; the choice survives a
 * reload (KEEP_CHANNEL), and starts on the site the case was published
 * to (its id, 0 for the manual one), or the first (-1). */
#define KEEP_CHANNEL G_MININT64

static void
fill_channels (WartaPublishPanel *self,
               GPtrArray         *listed_sites,
               gint64             prefer_site)
{
  g_autoptr(GPtrArray) sites = listed_sites ? g_ptr_array_ref (listed_sites) : NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) old_names = g_string_new (NULL);
  guint selected = adw_combo_row_get_selected (self->channel_row);
  gint64 current = selected < self->site_ids->len ? g_array_index (self->site_ids, gint64, selected) : 0;
  guint position;

  if (sites == NULL)
    sites = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_site_free);
  for (guint i = 0; i < sites->len; i++)
    g_string_append_printf (names, "%" G_GINT64_FORMAT "=%s\n", ((WartaSite *)g_ptr_array_index (sites, i))->id,
                            ((WartaSite *)g_ptr_array_index (sites, i))->name);
  for (guint i = 0; self->sites != NULL && i < self->sites->len; i++)
    g_string_append_printf (old_names, "%" G_GINT64_FORMAT "=%s\n", ((WartaSite *)g_ptr_array_index (self->sites, i))->id,
                            ((WartaSite *)g_ptr_array_index (self->sites, i))->name);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  self->sites = g_steal_pointer (&sites);
  if (prefer_site != KEEP_CHANNEL)
    current = prefer_site;
  else if (g_str_equal (names->str, old_names->str) && self->channels != NULL)
    return;

  self->loading = TRUE;
  g_array_set_size (self->site_ids, 0);
  g_clear_object (&self->channels);
  self->channels = gtk_string_list_new (NULL);
  position = 0;
  for (guint i = 0; i < self->sites->len; i++)
    {
      const WartaSite *site = g_ptr_array_index (self->sites, i);

      g_array_append_val (self->site_ids, site->id);
      gtk_string_list_append (self->channels, site->name);
      if (site->id == current)
        position = i;
    }
  gtk_string_list_append (self->channels, _("Manual (social media)"));
  if (current == 0 && prefer_site == 0 && self->sites->len > 0)
    position = self->sites->len;
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (self->channels));
  adw_combo_row_set_selected (self->channel_row, position);
  self->loading = FALSE;
}

/* A new case: the form starts from what the case last published with. */
static void
reset_form (WartaPublishPanel *self,
            GPtrArray         *sites)
{
  const WartaPublication *last = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *tags = NULL;
  guint status = 0;

  if (self->publications != NULL && self->publications->len > 0)
    last = g_ptr_array_index (self->publications, self->publications->len - 1);

  fill_channels (self, sites, last ? last->site_id : (gint64)-1);
  for (guint i = 0; last != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (last->status, statuses[i].status) == 0)
      status = i;
  adw_combo_row_set_selected (self->status_row, status);
  gtk_editable_set_text (GTK_EDITABLE (self->manual_url_row), last && last->site_id == 0 && last->link ? last->link : "");
  gtk_editable_set_text (GTK_EDITABLE (self->schedule_row), "");
  categories = join_terms (last ? last->categories : NULL);
  tags = join_terms (last ? last->tags : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->categories_row), categories);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  gtk_editable_set_text (GTK_EDITABLE (self->excerpt_row), last && last->excerpt ? last->excerpt : "");
  g_clear_pointer (&self->files_key, g_free);
  _warta_publish_panel_show_error (self, NULL);
}

static gboolean
user_may_change (WartaPublishPanel *self,
                 WartaSop          *sop)
{
  const WartaUser *user = warta_session_get_user (self->session);

  if (user == NULL)
    return FALSE;
  if (self->holder || user->is_admin)
    return TRUE;
  for (guint i = 0; i < warta_sop_get_n_steps (sop); i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);

      if (step->action == WARTA_SOP_ACTION_PUBLISH && warta_user_has_role (user, step->lane))
        return TRUE;
    }
  return FALSE;
}

void
warta_publish_data_free (WartaPublishData *data)
{
  g_clear_pointer (&data->publications, g_ptr_array_unref);
  g_clear_pointer (&data->attachments, g_ptr_array_unref);
  g_clear_pointer (&data->sites, g_ptr_array_unref);
  g_free (data);
}

/**
 * warta_publish_data_read:
 *
 * In the session's worker, with the case view's read: what the panel
 * shows of a case for @actor.
 *
 * Returns: (transfer full): the data, or %NULL with @error set
 */
WartaPublishData *
warta_publish_data_read (WartaEngine  *engine,
                         gint64        actor,
                         gint64        case_id,
                         GError      **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaPublishData) data = g_new0 (WartaPublishData, 1);

  if (!(data->publications = warta_store_list_publications (store, case_id, error)) ||
      !(data->sites = warta_store_list_sites (store, error)))
    return NULL;
  data->holder = warta_engine_holds_publish_step (engine, actor, case_id);
  if (data->holder && !(data->attachments = warta_store_list_attachments (store, case_id, error)))
    return NULL;
  return g_steal_pointer (&data);
}

/**
 * warta_publish_panel_set_case:
 * @self: the panel
 * @session: (nullable): the session
 * @kase: (nullable): the case
 * @sop: (nullable): its SOP
 * @data: (nullable): what warta_publish_data_read() read of it with the case
 *
 * Shows the case's publishing; called again whenever the case is read
 * again, it keeps what was typed into the form and the job under way.
 */
void
warta_publish_panel_set_case (WartaPublishPanel      *self,
                              WartaSession           *session,
                              const WartaCase        *kase,
                              WartaSop               *sop,
                              const WartaPublishData *data)
{
  gboolean new_case;
  const char *text = NULL;

  g_return_if_fail (WARTA_IS_PUBLISH_PANEL (self));

  new_case = kase == NULL || kase->id != self->case_id || session != self->session;
  g_set_object (&self->session, session);
  if (new_case)
    {
      /* The job goes on and is remembered by the application; its end
       * is no business of the form that is about to change. */
      g_cancellable_cancel (self->thumbnail_cancellable);
      g_clear_object (&self->thumbnail_cancellable);
      self->thumbnail_cancellable = g_cancellable_new ();
      g_hash_table_remove_all (self->thumbnails);
    }
  self->case_id = kase ? kase->id : 0;
  g_free (self->case_title);
  self->case_title = kase ? g_strdup (kase->title) : NULL;
  g_clear_pointer (&self->publications, g_ptr_array_unref);

  if (session == NULL || kase == NULL || sop == NULL || data == NULL || warta_session_get_user (session) == NULL)
    {
      self->holder = self->may_change = FALSE;
      fill_publications (self);
      _warta_publish_panel_update_actions (self);
      return;
    }

  self->publications = g_ptr_array_ref (data->publications);
  self->holder = data->holder;
  self->may_change = user_may_change (self, sop);

  if (new_case)
    reset_form (self, data->sites);
  else
    fill_channels (self, data->sites, KEEP_CHANNEL);

  fill_files (self, data->attachments);
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), self->holder);
  on_form_changed (self);
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), self->holder && gtk_widget_get_visible (GTK_WIDGET (self->files_group)));

  if (self->holder && self->sites != NULL && self->sites->len == 0)
    text = _("No publishing site is set up yet: an administrator adds one under Main Menu → Publishing Sites. "
             "Until then, a post made by hand can be given as a manual channel.");
  else if (!self->holder && kase->state == WARTA_CASE_OPEN && self->publications != NULL && self->publications->len == 0)
    text = _("The case is published at its publish step, by whoever holds it.");
  gtk_label_set_label (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);

  fill_publications (self);
  _warta_publish_panel_update_actions (self);
}

gboolean
warta_publish_panel_is_busy (WartaPublishPanel *self)
{
  g_return_val_if_fail (WARTA_IS_PUBLISH_PANEL (self), FALSE);
  return self->job != NULL;
}

gboolean
warta_publish_panel_get_may_publish (WartaPublishPanel *self)
{
  g_return_val_if_fail (WARTA_IS_PUBLISH_PANEL (self), FALSE);
  return self->holder;
}

guint
warta_publish_panel_get_n_publications (WartaPublishPanel *self)
{
  g_return_val_if_fail (WARTA_IS_PUBLISH_PANEL (self), 0);
  return self->publications ? self->publications->len : 0;
}

const char *
warta_publish_panel_get_error (WartaPublishPanel *self)
{
  g_return_val_if_fail (WARTA_IS_PUBLISH_PANEL (self), NULL);
  return self->error;
}

static void
warta_publish_panel_dispose (GObject *object)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (object);
  GtkWidget *child;

  /* The callbacks still to come hold a reference and see this flag. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->thumbnail_cancellable);
  _warta_publish_panel_stop_clock (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_PUBLISH_PANEL);
  /* The template's scrolled window is no bound child: the call above leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->channels);

  G_OBJECT_CLASS (warta_publish_panel_parent_class)->dispose (object);
}

static void
warta_publish_panel_finalize (GObject *object)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (object);

  if (self->job != NULL)
    _warta_publish_panel_release_case (self->job->case_id);
  g_clear_pointer (&self->job, _warta_publish_panel_job_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->publications, g_ptr_array_unref);
  g_free (self->files_key);
  g_free (self->case_title);
  g_free (self->error);
  g_free (self->stage_text);

  G_OBJECT_CLASS (warta_publish_panel_parent_class)->finalize (object);
}

static void
warta_publish_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WartaPublishPanel *self = WARTA_PUBLISH_PANEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->job != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_publish_panel_class_init (WartaPublishPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_publish_panel_dispose;
  object_class->finalize = warta_publish_panel_finalize;
  object_class->get_property = warta_publish_panel_get_property;

  /**
   * WartaPublishPanel:busy:
   *
   * Whether a publishing, update, check or withdrawal runs from here.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WartaPublishPanel::show-attachment:
   * @id: the attachment
   *
   * The person asked to see an attachment (a publication's screenshot)
   * with the case's files.
   */
  signals[SHOW_ATTACHMENT] = g_signal_new ("show-attachment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-publish-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, form_group);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, channel_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, manual_url_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, status_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, categories_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, tags_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, excerpt_row);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, files_group);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, stage_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, publications_box);
  gtk_widget_class_bind_template_child (widget_class, WartaPublishPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismissed);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_install_action (widget_class, "publish.run", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "publish.verify", "x", verify_action);
  gtk_widget_class_install_action (widget_class, "publish.update", "x", update_action);
  gtk_widget_class_install_action (widget_class, "publish.withdraw", "x", withdraw_action);
  gtk_widget_class_install_action (widget_class, "publish.show-screenshot", "x", show_screenshot_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
warta_publish_panel_init (WartaPublishPanel *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->file_rows = g_ptr_array_new ();
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->thumbnails = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_texture);
  self->thumbnail_cancellable = g_cancellable_new ();
  self->deadline_seconds = WARTA_PUBLISH_DEFAULT_DEADLINE;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_string_list_append (labels, _(statuses[i].label));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (labels));
  _warta_publish_panel_update_actions (self);
}

GtkWidget *
warta_publish_panel_new (void)
{
  return g_object_new (WARTA_TYPE_PUBLISH_PANEL, NULL);
}
