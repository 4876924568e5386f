/* warta-sites-dialog.c: the office's publishing sites, for administrators
 *
 * A list of the sites and a form to add or change one: its name, address,
 * WordPress user and Application Password. The list is read on the
 * session's database worker, again whenever the session says the sites
 * changed. Saving puts the password in the Secret Service, in a thread of
 * its own (libsecret may wait on D-Bus, or on the keyring's unlock
 * prompt), which hands the site to the database worker: where
 * no Secret Service runs, it says so and nothing is saved. Then, as
 * warta-cli's --credentials-file, the person may choose a file that holds
 * the password, readable by them alone: the site records its path, and
 * publishing reads it at each use. Test Connection
 * runs the client's four checks in a worker and shows each as it came
 * out; closing the dialog cancels whatever runs.
 *
 * The engine refuses anyone but an administrator, whatever this shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-credentials.h"
#include "warta-sites-dialog.h"
#include "warta-wp.h"

struct _WartaSitesDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *sites_group;
  AdwActionRow         *empty_row;
  AdwPreferencesGroup  *edit_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *file_row;
  GtkWidget            *file_button;
  GtkLabel             *password_hint;
  GtkWidget            *test_button;
  GtkWidget            *save_button;
  AdwPreferencesGroup  *test_group;
  GtkSpinner           *test_spinner;

  /* Built in code */
  GPtrArray            *site_rows;
  AdwActionRow         *check_rows[WARTA_WP_N_CHECKS];
  GtkImage             *check_icons[WARTA_WP_N_CHECKS];

  /* Owned */
  WartaSession         *session;
  GSignalGroup         *session_signals;
  GCancellable         *loading;        /* the read of the list under way */
  gint64                show_listed;    /* the site to show once the list is read */
  GPtrArray            *sites;          /* WartaSite */
  WartaSite            *editing;        /* the saved site the form shows, or NULL */
  char                 *chosen_file;    /* a credentials file chosen in the form, checked */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;    /* the save or test under way */
  int                   checks[WARTA_WP_N_CHECKS];
  gboolean              disposed;   /* the callbacks still to come see it */
};

G_DEFINE_FINAL_TYPE (WartaSitesDialog, warta_sites_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void
wipe_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

static void
toast (WartaSitesDialog *self,
       const char       *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
update_buttons (WartaSitesDialog *self)
{
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *url = row_text (self->url_row);
  g_autofree char *user = row_text (self->user_row);
  gboolean has_password = *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';
  gboolean complete = *name != '\0' && *url != '\0' && *user != '\0';
  gboolean idle = self->cancellable == NULL;

  gboolean has_source = has_password || self->chosen_file != NULL || self->editing != NULL;

  /* A saved site keeps its password when none is typed. */
  gtk_widget_set_sensitive (self->save_button, idle && complete && has_source);
  gtk_widget_set_sensitive (self->test_button, idle && complete && has_source);
  gtk_widget_set_sensitive (self->file_button, idle);
}

/* What the form says of the password: a hint, or what went wrong. */
static void
set_note (WartaSitesDialog *self,
          const char       *text,
          gboolean          is_error)
{
  gtk_label_set_label (self->password_hint, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->password_hint), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_hint), "error");
}

static void
set_chosen_file (WartaSitesDialog *self,
                 const char       *path)
{
  g_free (self->chosen_file);
  self->chosen_file = g_strdup (path);
  if (path != NULL)
    adw_action_row_set_subtitle (self->file_row, path);
  else if (self->editing != NULL && self->editing->credentials_file != NULL)
    adw_action_row_set_subtitle (self->file_row, self->editing->credentials_file);
  else
    adw_action_row_set_subtitle (self->file_row,
                                 _("Where no keyring runs: a file that holds the password, "
                                   "readable by you alone (mode 0600)"));
}

static void
on_form_changed (WartaSitesDialog *self)
{
  /* A password typed goes to the keyring, not to the file chosen. */
  if (self->chosen_file != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0')
    set_chosen_file (self, NULL);
  update_buttons (self);
}

static void
show_site (WartaSitesDialog *self,
           const WartaSite  *site)
{
  g_autofree char *hint = NULL;

  g_clear_pointer (&self->editing, warta_site_free);
  if (site != NULL)
    {
      self->editing = g_new0 (WartaSite, 1);
      self->editing->id = site->id;
      self->editing->name = g_strdup (site->name);
      self->editing->url = g_strdup (site->url);
      self->editing->user = g_strdup (site->user);
      self->editing->credentials_file = g_strdup (site->credentials_file);
    }

  adw_preferences_group_set_title (self->edit_group, site ? site->name : _("New Site"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), site ? site->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), site ? site->url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), site ? site->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (site != NULL && site->credentials_file != NULL)
    hint = g_strdup_printf (_("The password is read from %s. Typing one here keeps it in the keyring instead."),
                            site->credentials_file);
  else if (site != NULL)
    hint = g_strdup (_("The password is in the keyring: leave it empty to keep it."));
  else
    hint = g_strdup (_("Make an Application Password in WordPress under Users → Profile → Application Passwords."));
  set_note (self, hint, FALSE);
  set_chosen_file (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->test_group), FALSE);
  update_buttons (self);
}

static void
on_site_activated (AdwActionRow     *row,
                   WartaSitesDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "site-id"));

  for (guint i = 0; self->sites != NULL && i < self->sites->len; i++)
    if (((WartaSite *)g_ptr_array_index (self->sites, i))->id == id)
      show_site (self, g_ptr_array_index (self->sites, i));
}

static void
on_new_clicked (WartaSitesDialog *self)
{
  show_site (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static gpointer
list_sites_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return warta_store_list_sites (warta_engine_get_store (engine), error);
}

static void
fill_sites (WartaSitesDialog *self,
            GPtrArray        *sites)
{
  for (guint i = 0; i < self->site_rows->len; i++)
    adw_preferences_group_remove (self->sites_group, g_ptr_array_index (self->site_rows, i));
  g_ptr_array_set_size (self->site_rows, 0);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  self->sites = g_ptr_array_ref (sites);

  for (guint i = 0; i < self->sites->len; i++)
    {
      const WartaSite *site = g_ptr_array_index (self->sites, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a site's address and the WordPress user that publishes */
      g_autofree char *subtitle = g_strdup_printf (_("%s · as %s"), site->url, site->user);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), site->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "site-id", GSIZE_TO_POINTER ((gsize)site->id));
      g_signal_connect (row, "activated", G_CALLBACK (on_site_activated), self);
      adw_preferences_group_add (self->sites_group, row);
      g_ptr_array_add (self->site_rows, row);

      /* The site just saved, as it is now stored */
      if (site->id == self->show_listed)
        show_site (self, site);
    }
  self->show_listed = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), self->sites->len == 0);
}

static void
sites_listed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaSitesDialog) self = user_data;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  sites = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (sites == NULL)
    toast (self, error->message);
  else
    fill_sites (self, sites);
}

static void
reload_sites (WartaSitesDialog *self)
{
  /* A newer read replaces one still queued. */
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self,
                           list_sites_job, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                           self->loading, sites_listed, g_object_ref (self));
}

static void
on_sites_changed (WartaSitesDialog *self,
                  guint             kind,
                  gint64            case_id,
                  gpointer          origin,
                  WartaSession     *session)
{
  reload_sites (self);
}

/* Workers */

typedef struct
{
  WartaWorker *worker;      /* the session's, for the database's part of a save */
  gint64     actor;
  WartaSite  site;
  char      *password;      /* NULL: keep the stored one */
  gboolean   existed;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->worker);
  g_free (work->site.name);
  g_free (work->site.url);
  g_free (work->site.user);
  g_free (work->site.credentials_file);
  wipe_password (work->password);
  g_free (work);
}

static Work *
work_new (WartaSitesDialog *self)
{
  Work *work = g_new0 (Work, 1);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  work->worker = g_object_ref (warta_session_get_worker (self->session));
  work->actor = warta_session_get_user_id (self->session);
  work->site.name = row_text (self->name_row);
  work->site.url = row_text (self->url_row);
  work->site.user = row_text (self->user_row);
  work->password = *password != '\0' ? g_strdup (password) : NULL;
  if (self->chosen_file != NULL)
    work->site.credentials_file = g_strdup (self->chosen_file);
  else if (self->editing != NULL)
    work->site.credentials_file = g_strdup (self->editing->credentials_file);
  return work;
}

static void
begin_work (WartaSitesDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  update_buttons (self);
}

static void
end_work (WartaSitesDialog *self)
{
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  gtk_spinner_stop (self->test_spinner);
  update_buttons (self);
}

/* On the database worker, while the save's thread waits: whether the
 * person may save sites, and whether this one is new. */
static gpointer
check_site_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Work *work = data;
  g_autoptr(WartaSite) existing = NULL;

  if (!warta_engine_may_add_site (engine, work->actor, error))
    return NULL;
  existing = warta_store_find_site (warta_engine_get_store (engine), work->site.name, NULL);
  work->existed = existing != NULL;
  return GINT_TO_POINTER (TRUE);
}

static gpointer
add_site_job (WartaEngine   *engine,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Work *work = data;

  if (!(work->site.id = warta_engine_add_site (engine, work->actor, &work->site, error)))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* In a thread of its own: the keyring may take its time. */
static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean stored = FALSE;

  if (!warta_worker_run_sync (work->worker, check_site_job, work, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (work->password != NULL)
    {
      label = g_strdup_printf (_("Warta: %s (%s)"), work->site.name, work->site.user);
      if (!warta_credentials_store (work->site.url, work->site.user, work->password, label, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      stored = TRUE;
      /* The keyring from now on, not the file. */
      g_clear_pointer (&work->site.credentials_file, g_free);
    }
  else if (work->site.credentials_file != NULL &&
           !warta_credentials_check_file (work->site.credentials_file, &error))
    {
      /* It may have changed since it was chosen. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Not cancelled now: the password is in the keyring already. */
  if (!warta_worker_run_sync (work->worker, add_site_job, work, NULL, &error))
    {
      /* No password left behind for a site that was never made. */
      if (stored && !work->existed)
        warta_credentials_clear (work->site.url, work->site.user, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WartaSitesDialog *self = WARTA_SITES_DIALOG (source);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NO_SERVICE))
        {
          /* What the person can do here, not the keyring's own words
           * (nor warta-cli's options). */
          set_note (self, _("No keyring can keep the password on this computer: no Secret Service "
                            "(GNOME Keyring) runs, or it has no login keyring. Choose a credentials "
                            "file instead, a file that holds the password and that only you may read "
                            "(mode 0600). Nothing was saved."), TRUE);
          gtk_widget_grab_focus (self->file_button);
          return;
        }
      if (error->domain == WARTA_CREDENTIALS_ERROR)
        {
          g_autofree char *message = g_strdup_printf (_("%s Nothing was saved."), error->message);

          set_note (self, message, TRUE);
          return;
        }
      toast (self, error->message);
      return;
    }

  if (self->disposed)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_hint), "error");
  toast (self, work->existed ? _("Site changed") : _("Site added"));
  /* The session tells the case views; the form shows the site as stored. */
  self->show_listed = work->site.id;
  reload_sites (self);
}

gboolean
warta_sites_dialog_save (WartaSitesDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Work *work;

  g_return_val_if_fail (WARTA_IS_SITES_DIALOG (self), FALSE);

  if (!gtk_widget_get_sensitive (self->save_button))
    return FALSE;
  work = work_new (self);
  if (!warta_wp_check_url (work->site.url, &error))
    {
      toast (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      work_free (work);
      return FALSE;
    }

  begin_work (self);
  task = g_task_new (self, self->cancellable, on_saved, NULL);
  g_task_set_source_tag (task, warta_sites_dialog_save);
  g_task_set_task_data (task, work, (GDestroyNotify)work_free);
  g_task_run_in_thread (task, save_thread);
  return TRUE;
}

static void
on_save_clicked (WartaSitesDialog *self)
{
  warta_sites_dialog_save (self);
}

/* Choosing a credentials file: it is read in a worker, to refuse at once
 * one that others may read, or that holds no password. */

static void
check_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (!warta_credentials_check_file (task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_file_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WartaSitesDialog *self = WARTA_SITES_DIALOG (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_chosen_file (self, NULL);
      set_note (self, error->message, TRUE);
      update_buttons (self);
      return;
    }
  if (self->disposed)
    return;

  /* The file, not a password half typed, is what Save keeps. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_chosen_file (self, path);
  /* Translators: %s is the path of a credentials file */
  note = g_strdup_printf (_("The password will be read from %s at each use; it goes neither to the "
                            "keyring nor to Warta’s database. Save to keep the site."), path);
  set_note (self, note, FALSE);
  update_buttons (self);
}

/**
 * warta_sites_dialog_use_credentials_file:
 * @self: a #WartaSitesDialog
 * @path: an absolute path
 *
 * What choosing a file in the chooser does: checks it in a worker, then
 * shows it as the site's credentials source, or says why it cannot be.
 */
void
warta_sites_dialog_use_credentials_file (WartaSitesDialog *self,
                                         const char       *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WARTA_IS_SITES_DIALOG (self));
  g_return_if_fail (path != NULL);

  begin_work (self);
  task = g_task_new (self, self->cancellable, on_file_checked, NULL);
  g_task_set_source_tag (task, warta_sites_dialog_use_credentials_file);
  g_task_set_task_data (task, g_canonicalize_filename (path, NULL), g_free);
  g_task_run_in_thread (task, check_file_thread);
}

static void
on_chooser_response (GtkNativeDialog  *chooser,
                     int               response,
                     WartaSitesDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if ((path = g_file_get_path (file)) != NULL)
        warta_sites_dialog_use_credentials_file (self, path);
      else
        set_note (self, _("Choose a file on this computer: the password is read from it at each use."), TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
on_file_clicked (WartaSitesDialog *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Credentials File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Returns: the note below the password: a hint, or what went wrong */
const char *
warta_sites_dialog_get_note (WartaSitesDialog *self)
{
  g_return_val_if_fail (WARTA_IS_SITES_DIALOG (self), NULL);
  return gtk_label_get_label (self->password_hint);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(WartaWp) wp = NULL;
  g_autoptr(GError) error = NULL;
  WartaWpReport *report;
  char *password = work->password;

  if (password == NULL)
    password = warta_credentials_for_site (&work->site, cancellable, &error);
  if (password == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  wp = warta_wp_new (work->site.url, work->site.user, password, &error);
  if (password != work->password)
    wipe_password (password);
  if (wp == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The report comes back with its failure: both are shown. */
  report = warta_wp_test (wp, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "error", g_steal_pointer (&error), (GDestroyNotify)g_error_free);
  g_task_return_pointer (task, report, (GDestroyNotify)warta_wp_report_free);
}

static void
show_checks (WartaSitesDialog    *self,
             const WartaWpReport *report)
{
  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    {
      WartaWpCheckState state = report ? report->state[i] : WARTA_WP_CHECK_NOT_RUN;
      const char *icon = state == WARTA_WP_CHECK_PASSED ? "emblem-ok-symbolic"
                         : state == WARTA_WP_CHECK_FAILED ? "dialog-error-symbolic"
                         : report != NULL ? "list-remove-symbolic" : "content-loading-symbolic";
      /* Translators: a check's outcome, said beside its icon for screen readers */
      const char *said = state == WARTA_WP_CHECK_PASSED ? _("Passed")
                         : state == WARTA_WP_CHECK_FAILED ? _("Failed") : _("Not run");
      const char *detail = report && report->detail[i] ? report->detail[i] : (report ? "—" : _("Checking…"));

      self->checks[i] = report ? (int)state : -1;
      gtk_image_set_from_icon_name (self->check_icons[i], icon);
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_icons[i]), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_icons[i]), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_icons[i]), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->check_icons[i]),
                                state == WARTA_WP_CHECK_PASSED ? "success"
                                : state == WARTA_WP_CHECK_FAILED ? "error" : "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_icons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, said, -1);
      adw_action_row_set_subtitle (self->check_rows[i], detail);
    }
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WartaSitesDialog *self = WARTA_SITES_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaWpReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  GError *failure = g_object_get_data (G_OBJECT (result), "error");

  end_work (self);
  if (self->disposed)
    return;
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_checks (self, NULL);
      for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
        {
          self->checks[i] = WARTA_WP_CHECK_NOT_RUN;
          gtk_image_set_from_icon_name (self->check_icons[i], "list-remove-symbolic");
          adw_action_row_set_subtitle (self->check_rows[i], "—");
        }
      toast (self, error->message);
      return;
    }
  show_checks (self, report);
  if (failure != NULL)
    toast (self, failure->message);
  else
    toast (self, _("The site is ready to publish to"));
}

gboolean
warta_sites_dialog_test (WartaSitesDialog *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (WARTA_IS_SITES_DIALOG (self), FALSE);

  if (!gtk_widget_get_sensitive (self->test_button))
    return FALSE;
  begin_work (self);
  gtk_widget_set_visible (GTK_WIDGET (self->test_group), TRUE);
  gtk_spinner_start (self->test_spinner);
  show_checks (self, NULL);

  task = g_task_new (self, self->cancellable, on_tested, NULL);
  g_task_set_source_tag (task, warta_sites_dialog_test);
  g_task_set_task_data (task, work_new (self), (GDestroyNotify)work_free);
  g_task_run_in_thread (task, test_thread);
  return TRUE;
}

static void
on_test_clicked (WartaSitesDialog *self)
{
  warta_sites_dialog_test (self);
}

void
warta_sites_dialog_set_site (WartaSitesDialog *self,
                             const char       *name,
                             const char       *url,
                             const char       *user,
                             const char       *password)
{
  g_return_if_fail (WARTA_IS_SITES_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

gboolean
warta_sites_dialog_is_busy (WartaSitesDialog *self)
{
  g_return_val_if_fail (WARTA_IS_SITES_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

int
warta_sites_dialog_get_check (WartaSitesDialog *self,
                              guint             check)
{
  g_return_val_if_fail (WARTA_IS_SITES_DIALOG (self), -1);
  g_return_val_if_fail (check < WARTA_WP_N_CHECKS, -1);
  return self->checks[check];
}

static gboolean
warta_sites_dialog_close_request (GtkWindow *window)
{
  WartaSitesDialog *self = WARTA_SITES_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (warta_sites_dialog_parent_class)->close_request (window);
}

static void
warta_sites_dialog_dispose (GObject *object)
{
  WartaSitesDialog *self = WARTA_SITES_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_SITES_DIALOG);
  g_clear_object (&self->session);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->site_rows, g_ptr_array_unref);
  g_clear_pointer (&self->editing, warta_site_free);
  g_clear_pointer (&self->chosen_file, g_free);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  G_OBJECT_CLASS (warta_sites_dialog_parent_class)->dispose (object);
}

static void
warta_sites_dialog_class_init (WartaSitesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = warta_sites_dialog_dispose;
  window_class->close_request = warta_sites_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-sites-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, sites_group);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, empty_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, edit_group);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, file_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, password_hint);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, test_group);
  gtk_widget_class_bind_template_child (widget_class, WartaSitesDialog, test_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_file_clicked);
}

static void
warta_sites_dialog_init (WartaSitesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->site_rows = g_ptr_array_new ();
  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    {
      self->checks[i] = -1;
      self->check_rows[i] = ADW_ACTION_ROW (adw_action_row_new ());
      self->check_icons[i] = GTK_IMAGE (gtk_image_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_rows[i]), warta_wp_check_describe (i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->check_rows[i]), FALSE);
      adw_action_row_add_prefix (self->check_rows[i], GTK_WIDGET (self->check_icons[i]));
      adw_preferences_group_add (self->test_group, GTK_WIDGET (self->check_rows[i]));
    }

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::sites",
                                 G_CALLBACK (on_sites_changed), self, G_CONNECT_SWAPPED);
}

WartaSitesDialog *
warta_sites_dialog_new (GtkWindow    *parent,
                        WartaSession *session)
{
  WartaSitesDialog *self;

  g_return_val_if_fail (WARTA_IS_SESSION (session), NULL);

  self = g_object_new (WARTA_TYPE_SITES_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  g_signal_group_set_target (self->session_signals, session);
  reload_sites (self);
  show_site (self, NULL);
  return self;
}
