/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "warta-window.h"

struct _WartaWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;

  /* Owned */
  GSettings *settings;
  char *database_path;
};

G_DEFINE_FINAL_TYPE (WartaWindow, warta_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
warta_window_update_status (WartaWindow *self)
{
  g_autofree char *display = NULL;
  g_autofree char *description = NULL;

  if (self->database_path == NULL)
    {
      adw_status_page_set_description (self->status_page, NULL);
      return;
    }

  /* The description is markup: the path must not be read as any. */
  display = g_filename_display_name (self->database_path);
  /* Translators: %s is the path of the database file */
  description = g_markup_printf_escaped (_("Database: %s\n\nThe case panes come in the next release."),
                                         display);
  adw_status_page_set_description (self->status_page, description);
}

static void
warta_window_save_state (WartaWindow *self)
{
  gboolean maximized;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* A maximized window keeps the size it had before, to return to. */
  if (!maximized)
    {
      int width;
      int height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static void
warta_window_restore_state (WartaWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
warta_window_close_request (GtkWindow *window)
{
  WartaWindow *self = WARTA_WINDOW (window);

  warta_window_save_state (self);

  return GTK_WINDOW_CLASS (warta_window_parent_class)->close_request (window);
}

static void
warta_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WARTA_TYPE_WINDOW);

  G_OBJECT_CLASS (warta_window_parent_class)->dispose (object);
}

static void
warta_window_finalize (GObject *object)
{
  WartaWindow *self = (WartaWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (warta_window_parent_class)->finalize (object);
}

static void
warta_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WartaWindow *self = WARTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, warta_window_get_database_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WartaWindow *self = WARTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      warta_window_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_window_class_init (WartaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = warta_window_dispose;
  object_class->finalize = warta_window_finalize;
  object_class->get_property = warta_window_get_property;
  object_class->set_property = warta_window_set_property;

  window_class->close_request = warta_window_close_request;

  /**
   * WartaWindow:database-path:
   *
   * The file of the database the window shows.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaWindow, status_page);
}

static void
warta_window_init (WartaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  warta_window_restore_state (self);
}

WartaWindow *
warta_window_new (WartaApplication *application)
{
  g_return_val_if_fail (WARTA_IS_APPLICATION (application), NULL);

  return g_object_new (WARTA_TYPE_WINDOW,
                       "application", application,
                       "database-path", warta_application_get_database_path (application),
                       NULL);
}

/**
 * warta_window_get_database_path:
 * @self: a #WartaWindow
 *
 * Returns: (type filename) (nullable): the path of the database file
 */
const char *
warta_window_get_database_path (WartaWindow *self)
{
  g_return_val_if_fail (WARTA_IS_WINDOW (self), NULL);

  return self->database_path;
}

/**
 * warta_window_set_database_path:
 * @self: a #WartaWindow
 * @database_path: (type filename) (nullable): the database file
 */
void
warta_window_set_database_path (WartaWindow *self,
                                const char  *database_path)
{
  g_return_if_fail (WARTA_IS_WINDOW (self));

  if (g_strcmp0 (database_path, self->database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  warta_window_update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}
