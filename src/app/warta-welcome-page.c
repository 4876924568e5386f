/* warta-welcome-page.c: the first run on an empty database
 *
 * Setting up an office and filling in the sample both hash passwords
 * (the sample, some twenty-five of them: a few seconds), so both run as
 * a job on the session's database worker, and the page shows a spinner.
 * The application is held meanwhile, and the job is not cancelled with
 * the page, so closing the window does not cut the work short. What the
 * job commits reaches the other pages as the session's change signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-sample.h"
#include "warta-server-form.h"
#include "warta-welcome-page.h"

struct _WartaWelcomePage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkLabel            *sample_label;
  GtkLabel            *start_error_label;
  AdwEntryRow         *office_row;
  AdwEntryRow         *login_row;
  AdwEntryRow         *full_name_row;
  AdwEntryRow         *nip_row;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *confirm_row;
  AdwPreferencesGroup *sop_group;
  GtkLabel            *office_error_label;
  GtkLabel            *sop_problem_label;
  AdwStatusPage       *busy_page;
  GtkSpinner          *spinner;
  WartaServerForm     *server_form;

  /* Owned */
  WartaSession        *session;
  GCancellable        *cancellable;
  GPtrArray           *sop_rows;    /* AdwActionRow, each with its "sop-id" and "check" */
  GApplication        *held;        /* while a worker runs */
  gulong               profile_handler;  /* done, waiting for the session to know it */
  char                *finished_login;
  char                *error;
  char                *sop_problem; /* why a shipped SOP file cannot be read */
};

G_DEFINE_FINAL_TYPE (WartaWelcomePage, warta_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  FINISHED,
  SERVER_CONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char      *sop_dir;
  /* A new office; all NULL for the sample */
  char      *office;
  WartaUser *admin;
  char      *password;
  GStrv      sop_ids;
} Setup;

static void
setup_free (Setup *setup)
{
  g_free (setup->sop_dir);
  g_free (setup->office);
  g_clear_pointer (&setup->admin, warta_user_free);
  if (setup->password != NULL)
    memset (setup->password, 0, strlen (setup->password));
  g_free (setup->password);
  g_strfreev (setup->sop_ids);
  g_free (setup);
}

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
warta_welcome_page_set_error (WartaWelcomePage *self,
                              GtkLabel         *label,
                              const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
warta_welcome_page_update_actions (WartaWelcomePage *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.new-office", !busy && self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.sample", !busy && self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.create", !busy && self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.back", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.server", !busy);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* The shipped SOPs, read from their files: the office chooses among them
 * before any is in the database. */
static void
warta_welcome_page_fill_sops (WartaWelcomePage *self)
{
  const char *sop_dir = warta_sop_get_shipped_dir ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (self->sop_rows->len > 0)
    return;

  if (!(dir = g_dir_open (sop_dir, 0, &error)))
    {
      adw_preferences_group_set_description (self->sop_group, error->message);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (sop_dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(WartaSop) sop = NULL;
      g_autoptr(GError) sop_error = NULL;
      const WartaSopHeader *header;
      g_autofree char *subtitle = NULL;
      g_autoptr(GStrvBuilder) lanes = g_strv_builder_new ();
      GtkWidget *row, *check;

      /* Setting up reads every file of the folder, and stops at a bad
       * one: say which, and where, before the form is filled in. */
      if (!(sop = warta_sop_new_from_file (path, &sop_error)))
        {
          g_free (self->sop_problem);
          /* Translators: the first %s is a folder, the second says what is wrong and where */
          self->sop_problem = g_strdup_printf (_("An SOP file in %s cannot be read, so the office cannot be "
                                                 "set up until it is mended or taken out of the folder: %s"),
                                               sop_dir, sop_error->message);
          continue;
        }
      header = warta_sop_get_header (sop);
      if (header->number != NULL && header->office != NULL)
        subtitle = g_strdup_printf ("%s · %s", header->number, header->office);
      else
        subtitle = g_strdup (header->number ? header->number : header->office);

      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warta_sop_get_name (sop));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "sop-id", g_strdup (warta_sop_get_id (sop)), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      for (guint j = 0; j < warta_sop_get_n_lanes (sop); j++)
        g_strv_builder_add (lanes, warta_sop_get_lane (sop, j)->id);
      g_object_set_data_full (G_OBJECT (row), "lanes", g_strv_builder_end (lanes), (GDestroyNotify)g_strfreev);
      adw_preferences_group_add (self->sop_group, row);
      g_ptr_array_add (self->sop_rows, row);
    }
}

static void
on_form_changed (WartaWelcomePage *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->office_row), GTK_WIDGET (self->login_row), GTK_WIDGET (self->full_name_row),
    GTK_WIDGET (self->password_row), GTK_WIDGET (self->confirm_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  warta_welcome_page_set_error (self, self->office_error_label, NULL);
}

static void
on_confirm_activated (WartaWelcomePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "welcome.create", NULL);
}

/* In the worker, with the session's connection. */
static gpointer
setup_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Setup *setup = data;
  gboolean ok;

  if (setup->office != NULL)
    ok = warta_engine_setup_office (engine, setup->office, setup->admin, setup->password,
                                    setup->sop_dir, (const char * const *)setup->sop_ids, error);
  else
    ok = warta_sample_populate (engine, setup->sop_dir, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

/* What the page needs of the setup once it is done: the job's own data
 * is freed in the worker. */
typedef struct
{
  WartaWelcomePage *self;
  GCancellable     *cancellable;
  gboolean          office;
  char             *login;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->cancellable);
  g_free (pending->login);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

/* The office is made and the session knows it has people: the window
 * may move on to the sign-in page. */
static void
finish (WartaWelcomePage *self,
        const char       *login)
{
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  warta_welcome_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[FINISHED], 0, login);
}

static void
on_profile_changed (WartaWelcomePage *self)
{
  g_autofree char *login = g_steal_pointer (&self->finished_login);

  g_clear_signal_handler (&self->profile_handler, self->session);
  finish (self, login);
}

static void
setup_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  WartaWelcomePage *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = warta_session_run_finish (WARTA_SESSION (object), result, &error) != NULL;
  if (self->held != NULL)
    g_application_release (self->held);
  g_clear_object (&self->held);
  /* The page went away, or was reset: the work was done all the same. */
  if (g_cancellable_is_cancelled (pending->cancellable) || self->cancellable != pending->cancellable)
    return;

  if (ok)
    {
      /* The session reads who is in the office again once it heard of
       * the commits, which came before this answer: wait for that read. */
      if (warta_session_has_users (self->session))
        finish (self, pending->login);
      else
        {
          self->finished_login = g_strdup (pending->login);
          self->profile_handler = g_signal_connect_swapped (self->session, "profile-changed",
                                                            G_CALLBACK (on_profile_changed), self);
        }
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  warta_welcome_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (pending->office)
    {
      gtk_stack_set_visible_child_name (self->stack, "office");
      warta_welcome_page_set_error (self, self->office_error_label, error->message);
    }
  else
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("The sample office could not be made: %s"), error->message);
      gtk_stack_set_visible_child_name (self->stack, "start");
      warta_welcome_page_set_error (self, self->start_error_label, message);
    }
}

static void
warta_welcome_page_run (WartaWelcomePage *self,
                        Setup            *setup)
{
  Pending *pending;

  setup->sop_dir = g_strdup (warta_sop_get_shipped_dir ());

  if (setup->office != NULL)
    {
      adw_status_page_set_title (self->busy_page, _("Setting Up the Office"));
      adw_status_page_set_description (self->busy_page, _("Installing the SOPs and the administrator’s account…"));
    }
  else
    {
      adw_status_page_set_title (self->busy_page, _("Making the Sample Office"));
      adw_status_page_set_description (self->busy_page,
                                       _("Adding its people and taking a dozen cases through their SOPs. "
                                         "This takes a few seconds."));
    }
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_spinner_start (self->spinner);

  self->cancellable = g_cancellable_new ();
  if ((self->held = g_application_get_default ()) != NULL)
    {
      g_object_ref (self->held);
      g_application_hold (self->held);
    }

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->cancellable = g_object_ref (self->cancellable);
  pending->office = setup->office != NULL;
  pending->login = setup->admin ? g_strdup (setup->admin->login) : NULL;
  /* What a person just asked for; not cancelled with the page. */
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_URGENT, self,
                           setup_job, setup, (GDestroyNotify)setup_free, NULL,
                           NULL, setup_done, pending);

  warta_welcome_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
new_office_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WartaWelcomePage *self = WARTA_WELCOME_PAGE (widget);

  warta_welcome_page_fill_sops (self);
  warta_welcome_page_set_error (self, self->sop_problem_label, self->sop_problem);
  gtk_stack_set_visible_child_name (self->stack, "office");
  gtk_widget_grab_focus (GTK_WIDGET (self->office_row));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  warta_welcome_page_reset (WARTA_WELCOME_PAGE (widget));
}

static void
server_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaWelcomePage *self = WARTA_WELCOME_PAGE (widget);

  warta_server_form_set_server (self->server_form, NULL);
  warta_server_form_reset (self->server_form);
  gtk_stack_set_visible_child_name (self->stack, "server");
  gtk_widget_grab_focus (GTK_WIDGET (self->server_form));
}

static void
on_server_connected (WartaWelcomePage *self,
                     WartaSession     *session)
{
  g_signal_emit (self, signals[SERVER_CONNECTED], 0, session);
}

static void
on_server_back (WartaWelcomePage *self)
{
  warta_welcome_page_reset (self);
}

static void
sample_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaWelcomePage *self = WARTA_WELCOME_PAGE (widget);

  if (self->cancellable != NULL || self->session == NULL)
    return;
  warta_welcome_page_set_error (self, self->start_error_label, NULL);
  warta_welcome_page_run (self, g_new0 (Setup, 1));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaWelcomePage *self = WARTA_WELCOME_PAGE (widget);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *office = dup_stripped (self->office_row);
  g_autofree char *login = dup_stripped (self->login_row);
  g_autofree char *full_name = dup_stripped (self->full_name_row);
  g_autofree char *nip = dup_stripped (self->nip_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *message = NULL;
  GtkWidget *focus = NULL;
  Setup *setup;
  guint n_chosen = 0;

  if (self->cancellable != NULL || self->session == NULL)
    return;

  /* The administrator holds every lane of the chosen SOPs, so that one
   * person can run the office until others are added. */
  g_strv_builder_add (roles, "admin");
  g_hash_table_add (seen, g_strdup ("admin"));
  for (guint i = 0; i < self->sop_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->sop_rows, i);
      const char * const *lanes = g_object_get_data (row, "lanes");

      if (!gtk_check_button_get_active (g_object_get_data (row, "check")))
        continue;
      g_strv_builder_add (ids, g_object_get_data (row, "sop-id"));
      for (guint j = 0; lanes[j] != NULL; j++)
        if (g_hash_table_add (seen, g_strdup (lanes[j])))
          g_strv_builder_add (roles, lanes[j]);
      n_chosen++;
    }

  if (office[0] == '\0')
    {
      message = _("Give the office its name.");
      focus = GTK_WIDGET (self->office_row);
    }
  else if (login[0] == '\0' || strpbrk (login, " \t") != NULL)
    {
      message = _("Give the administrator a login, one word without spaces.");
      focus = GTK_WIDGET (self->login_row);
    }
  else if (full_name[0] == '\0')
    {
      message = _("Give the administrator’s full name.");
      focus = GTK_WIDGET (self->full_name_row);
    }
  else if (g_utf8_strlen (password, -1) < 8)
    {
      message = _("The password must have at least 8 characters.");
      focus = GTK_WIDGET (self->password_row);
    }
  else if (g_strcmp0 (password, confirm) != 0)
    {
      message = _("The two passwords differ. Type the same password twice.");
      focus = GTK_WIDGET (self->confirm_row);
    }
  else if (n_chosen == 0)
    message = _("Choose at least one SOP for the office to work by.");

  if (message != NULL)
    {
      warta_welcome_page_set_error (self, self->office_error_label, message);
      if (focus != NULL)
        {
          /* The message is at the foot of the form; the row says where. */
          gtk_widget_add_css_class (focus, "error");
          gtk_widget_grab_focus (focus);
        }
      return;
    }

  setup = g_new0 (Setup, 1);
  setup->office = g_steal_pointer (&office);
  setup->password = g_strdup (password);
  setup->sop_ids = g_strv_builder_end (ids);

  setup->admin = g_new0 (WartaUser, 1);
  setup->admin->login = g_steal_pointer (&login);
  setup->admin->full_name = g_steal_pointer (&full_name);
  setup->admin->nip = nip[0] ? g_steal_pointer (&nip) : NULL;
  setup->admin->jabatan = g_strdup (_("Administrator"));
  setup->admin->is_admin = TRUE;
  setup->admin->roles = g_strv_builder_end (roles);

  warta_welcome_page_run (self, setup);
}

static void
warta_welcome_page_dispose (GObject *object)
{
  WartaWelcomePage *self = (WartaWelcomePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->profile_handler, self->session);
  g_clear_pointer (&self->finished_login, g_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->sop_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (warta_welcome_page_parent_class)->dispose (object);
}

static void
warta_welcome_page_finalize (GObject *object)
{
  WartaWelcomePage *self = (WartaWelcomePage *)object;

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->sop_problem, g_free);

  G_OBJECT_CLASS (warta_welcome_page_parent_class)->finalize (object);
}

static void
warta_welcome_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WartaWelcomePage *self = WARTA_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, warta_welcome_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_welcome_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WartaWelcomePage *self = WARTA_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      warta_welcome_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_welcome_page_class_init (WartaWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_welcome_page_dispose;
  object_class->finalize = warta_welcome_page_finalize;
  object_class->get_property = warta_welcome_page_get_property;
  object_class->set_property = warta_welcome_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         WARTA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaWelcomePage:busy:
   *
   * Whether the office or the sample is being made.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WartaWelcomePage::finished:
   * @self: the page
   * @login: (nullable): the new administrator's login, or %NULL for the sample
   *
   * The database has its office and people now.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * WartaWelcomePage::server-connected:
   * @self: the page
   * @session: the session on the office server, its person signed in
   *
   * The person connected to their office's server: the window works on
   * it from now on.
   */
  signals[SERVER_CONNECTED] =
    g_signal_new ("server-connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WARTA_TYPE_SESSION);

  gtk_widget_class_install_action (widget_class, "welcome.new-office", NULL, new_office_action);
  gtk_widget_class_install_action (widget_class, "welcome.server", NULL, server_action);
  gtk_widget_class_install_action (widget_class, "welcome.sample", NULL, sample_action);
  gtk_widget_class_install_action (widget_class, "welcome.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "welcome.back", NULL, back_action);

  g_type_ensure (WARTA_TYPE_SERVER_FORM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, sample_label);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, start_error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, office_row);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, login_row);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, nip_row);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, password_row);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, sop_group);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, office_error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, sop_problem_label);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, busy_page);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WartaWelcomePage, server_form);
  gtk_widget_class_bind_template_callback (widget_class, on_server_connected);
  gtk_widget_class_bind_template_callback (widget_class, on_server_back);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated);
}

static void
warta_welcome_page_init (WartaWelcomePage *self)
{
  g_autofree char *hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sop_rows = g_ptr_array_new ();

  /* Translators: %s is the sample users' password, shown in bold */
  hint = g_strdup_printf (_("The sample office has a person for every lane of the five SOPs, "
                            "and cases at every stage. Each person’s password is <b>%s</b>."),
                          "<span allow_breaks=\"false\">" WARTA_SAMPLE_PASSWORD "</span>");
  gtk_label_set_markup (self->sample_label, hint);
  warta_welcome_page_update_actions (self);
}

GtkWidget *
warta_welcome_page_new (void)
{
  return g_object_new (WARTA_TYPE_WELCOME_PAGE, NULL);
}

WartaSession *
warta_welcome_page_get_session (WartaWelcomePage *self)
{
  g_return_val_if_fail (WARTA_IS_WELCOME_PAGE (self), NULL);
  return self->session;
}

void
warta_welcome_page_set_session (WartaWelcomePage *self,
                                WartaSession     *session)
{
  g_return_if_fail (WARTA_IS_WELCOME_PAGE (self));
  g_return_if_fail (session == NULL || WARTA_IS_SESSION (session));

  /* Waiting on the session that goes: the office was made all the same. */
  if (self->profile_handler != 0 && self->session != session)
    on_profile_changed (self);
  if (g_set_object (&self->session, session))
    {
      warta_welcome_page_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
    }
}

gboolean
warta_welcome_page_get_busy (WartaWelcomePage *self)
{
  g_return_val_if_fail (WARTA_IS_WELCOME_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

/* Returns: (nullable): the error the page shows */
const char *
warta_welcome_page_get_error (WartaWelcomePage *self)
{
  g_return_val_if_fail (WARTA_IS_WELCOME_PAGE (self), NULL);
  return self->error;
}

/* Back to the three choices, the forms' passwords forgotten. */
void
warta_welcome_page_reset (WartaWelcomePage *self)
{
  g_return_if_fail (WARTA_IS_WELCOME_PAGE (self));

  if (self->cancellable != NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  warta_welcome_page_set_error (self, self->office_error_label, NULL);
  warta_welcome_page_set_error (self, self->start_error_label, NULL);
  warta_server_form_reset (self->server_form);
  gtk_stack_set_visible_child_name (self->stack, "start");
}
