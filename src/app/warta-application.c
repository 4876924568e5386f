/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "warta-application.h"
#include "warta-office-server.h"
#include "warta-window.h"

struct _WartaApplication
{
  AdwApplication parent_instance;

  /* Owned */
  char *database_path;
};

G_DEFINE_FINAL_TYPE (WartaApplication, warta_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    /* Translators: PATH is the placeholder that follows */
    N_("Use the database at PATH, or the office server at a postgresql:// address"),
    /* Translators: the placeholder for --db in --help, in capitals */
    N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static char *
warta_application_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "warta.db", NULL);
}

static WartaWindow *
warta_application_find_window (WartaApplication *self)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL;
       l = l->next)
    {
      if (WARTA_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
warta_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  WartaApplication *self = user_data;
  GList *windows;

  /* Close rather than quit, so every window saves its state and may later
   * refuse to close over unsaved work. The application ends with its last
   * window. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
warta_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  WartaApplication *self = user_data;
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", warta_application_find_window (self),
                        "modal", TRUE,
                        "application-name", "Warta",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Warta developers"),
                        "comments", _("Warta runs your office’s website publication SOP: "
                                      "the naskah and its documents, dispositions and "
                                      "instructions, review and approval, publishing, "
                                      "proof of publication for the archive, and the "
                                      "time of every step against its standard."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

/* A notification's click: the berkas, in the window that told of it. */
static void
warta_application_open_case_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  WartaApplication *self = user_data;
  WartaWindow *window = warta_application_find_window (self);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  warta_window_open_case (window, g_variant_get_int64 (parameter));
}

static const GActionEntry app_entries[] = {
  { "quit", warta_application_quit_action },
  { "about", warta_application_about_action },
  { "open-case", warta_application_open_case_action, "x" },
};

static void
warta_application_activate (GApplication *app)
{
  WartaApplication *self = WARTA_APPLICATION (app);
  WartaWindow *window;

  window = warta_application_find_window (self);
  if (window == NULL)
    window = warta_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static int
warta_application_command_line (GApplication            *app,
                                GApplicationCommandLine *cmdline)
{
  WartaApplication *self = WARTA_APPLICATION (app);
  GVariantDict *options;
  g_autofree char *db = NULL;

  options = g_application_command_line_get_options_dict (cmdline);

  if (g_variant_dict_lookup (options, "db", "^ay", &db) && warta_store_is_server (db))
    {
      /* An office server: postgresql://HOST/DB or libpq's keywords */
      if (warta_application_find_window (self) != NULL &&
          g_strcmp0 (db, self->database_path) != 0)
        {
          g_application_command_line_printerr (cmdline, "%s\n",
                                               _("Warta is already running with another database. Close its window first to open another database."));
          return EXIT_FAILURE;
        }
      warta_application_set_database_path (self, db);
    }
  else if (db != NULL)
    {
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;

      if (db[0] == '\0')
        {
          g_application_command_line_printerr (cmdline, "%s\n",
                                               _("The --db option needs the path of a database file."));
          return EXIT_FAILURE;
        }

      /* Relative to the directory the command was run in, which for a
       * second invocation is not ours. */
      file = g_application_command_line_create_file_for_arg (cmdline, db);
      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_autofree char *display = g_filename_display_name (db);

          /* Translators: %s is what was given to --db */
          g_application_command_line_printerr (cmdline,
                                               _("“%s” is not a local file path. Give the path of a database file on this computer.\n"),
                                               display);
          return EXIT_FAILURE;
        }

      /* One instance has one database open; switching it under an open
       * window is for a later release. */
      if (warta_application_find_window (self) != NULL &&
          g_strcmp0 (path, self->database_path) != 0)
        {
          g_autofree char *display = g_filename_display_name (self->database_path);

          /* Translators: %s is the path of the database file */
          g_application_command_line_printerr (cmdline,
                                               _("Warta is already running with the database %s. Close its window first to open another database.\n"),
                                               display);
          return EXIT_FAILURE;
        }

      warta_application_set_database_path (self, path);
    }
  else if (warta_application_find_window (self) == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      /* The office server this desk connected to last, unless the person
       * chose another office since */
      if (g_settings_get_boolean (settings, "use-office-server"))
        {
          g_autoptr(WartaOfficeServer) server = warta_office_server_load (settings);
          g_autofree char *conninfo = NULL;

          if (server->host[0] != '\0' && server->database[0] != '\0')
            {
              conninfo = warta_office_server_dup_conninfo (server);
              warta_application_set_database_path (self, conninfo);
            }
        }
    }

  g_application_activate (app);

  return EXIT_SUCCESS;
}

static int
warta_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return G_APPLICATION_CLASS (warta_application_parent_class)->handle_local_options (app, options);
}

static void
warta_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  /* What GtkApplication sets for gtk/help-overlay.ui, which Warta's is not */
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (warta_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app),
                                   app_entries,
                                   G_N_ELEMENTS (app_entries),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_overlay_accels);
}

static void
warta_application_finalize (GObject *object)
{
  WartaApplication *self = (WartaApplication *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (warta_application_parent_class)->finalize (object);
}

static void
warta_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WartaApplication *self = WARTA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, warta_application_get_database_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_application_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WartaApplication *self = WARTA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      warta_application_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_application_class_init (WartaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = warta_application_finalize;
  object_class->get_property = warta_application_get_property;
  object_class->set_property = warta_application_set_property;

  app_class->activate = warta_application_activate;
  app_class->command_line = warta_application_command_line;
  app_class->handle_local_options = warta_application_handle_local_options;
  app_class->startup = warta_application_startup;

  /**
   * WartaApplication:database-path:
   *
   * The file of the database the application works on. Setting %NULL
   * restores the default, `warta/warta.db` in the user data directory.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
warta_application_init (WartaApplication *self)
{
  self->database_path = warta_application_default_database_path ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run your office’s website publication SOPs"));
}

WartaApplication *
warta_application_new (void)
{
  return g_object_new (WARTA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

/**
 * warta_application_get_database_path:
 * @self: a #WartaApplication
 *
 * Returns: (type filename): the path of the database file
 */
const char *
warta_application_get_database_path (WartaApplication *self)
{
  g_return_val_if_fail (WARTA_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * warta_application_set_database_path:
 * @self: a #WartaApplication
 * @database_path: (type filename) (nullable): the database file, or %NULL
 *   for the default
 */
void
warta_application_set_database_path (WartaApplication *self,
                                     const char       *database_path)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WARTA_IS_APPLICATION (self));

  if (database_path != NULL)
    path = g_strdup (database_path);
  else
    path = warta_application_default_database_path ();

  if (g_strcmp0 (path, self->database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_steal_pointer (&path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}
