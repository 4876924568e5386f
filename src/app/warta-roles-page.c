/* warta-roles-page.c: the office's roles, the lanes they fill, who holds them
 *
 * A role is an SOP lane's id. Each row says which lanes of the SOPs'
 * latest versions the role fills, with their steps' numbers, and which
 * active people hold it; a role that fills a lane and that nobody holds
 * says so. Adding and renaming a role are jobs on the session's worker;
 * the list is read again when the session says the people (and so the
 * roles) or the SOPs changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-roles-page.h"

struct _WartaRolesPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkWidget     *add_button;
  GtkListBox    *roles_list;

  /* Owned */
  WartaSession  *session;
  GSignalGroup  *session_signals;
  GCancellable  *loading;
  gboolean       loaded;
};

G_DEFINE_FINAL_TYPE (WartaRolesPage, warta_roles_page, GTK_TYPE_WIDGET)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *id;
  char *name;
  char *lanes;     /* "SOP name (steps 1, 3)", one a line; NULL: no lane */
  char *holders;   /* the active people's names; NULL: nobody */
} RoleInfo;

static void
role_info_free (RoleInfo *info)
{
  g_free (info->id);
  g_free (info->name);
  g_free (info->lanes);
  g_free (info->holders);
  g_free (info);
}

/* In the worker: the roles, each with its lanes and its holders. */
static gpointer
list_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) sops = NULL;
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(roles = warta_store_list_roles (store, error)) ||
      !(users = warta_store_list_users (store, NULL, error)) ||
      !(sops = warta_store_list_sops (store, error)))
    return NULL;
  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);
      WartaSop *sop = warta_engine_get_sop (engine, info->id, info->version, NULL);

      if (sop != NULL)
        g_ptr_array_add (parsed, sop);
    }

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify)role_info_free);
  for (guint i = 0; i < roles->len; i++)
    {
      const WartaRole *role = g_ptr_array_index (roles, i);
      RoleInfo *info = g_new0 (RoleInfo, 1);
      g_autoptr(GString) lanes = g_string_new (NULL);
      g_autoptr(GString) holders = g_string_new (NULL);

      info->id = g_strdup (role->id);
      info->name = g_strdup (role->name);
      for (guint j = 0; j < parsed->len; j++)
        {
          WartaSop *sop = g_ptr_array_index (parsed, j);
          g_autoptr(GString) steps = g_string_new (NULL);
          guint n_steps = 0;

          if (warta_sop_lookup_lane (sop, role->id) == NULL)
            continue;
          for (guint k = 0; k < warta_sop_get_n_steps (sop); k++)
            {
              const WartaSopStep *step = warta_sop_get_step (sop, k);

              if (g_strcmp0 (step->lane, role->id) == 0)
                g_string_append_printf (steps, "%s%u", n_steps++ ? ", " : "", step->index + 1);
            }
          if (lanes->len > 0)
            g_string_append_c (lanes, '\n');
          if (steps->len > 0)
            g_string_append_printf (lanes,
                                    /* Translators: an SOP's name, then the numbers of the steps of a lane of it */
                                    g_dngettext (GETTEXT_PACKAGE, "%s: step %s", "%s: steps %s", n_steps),
                                    warta_sop_get_name (sop), steps->str);
          else
            g_string_append (lanes, warta_sop_get_name (sop));
        }
      for (guint j = 0; j < users->len; j++)
        {
          const WartaUser *user = g_ptr_array_index (users, j);

          if (!user->inactive && warta_user_has_role (user, role->id))
            g_string_append_printf (holders, "%s%s", holders->len ? ", " : "", user->full_name);
        }
      info->lanes = lanes->len ? g_strdup (lanes->str) : NULL;
      info->holders = holders->len ? g_strdup (holders->str) : NULL;
      g_ptr_array_add (infos, info);
    }
  return g_steal_pointer (&infos);
}

static void on_rename (GtkButton      *button,
                       WartaRolesPage *self);

/* Fills a row with what a role is now. */
static void
update_row (GtkWidget *row,
            RoleInfo  *info)
{
  g_autoptr(GString) subtitle = g_string_new (info->id);

  g_string_append_c (subtitle, '\n');
  g_string_append (subtitle, info->lanes ? info->lanes : _("Fills no lane of the SOPs"));
  g_string_append_c (subtitle, '\n');
  if (info->holders != NULL)
    /* Translators: the names of the people who hold a role */
    g_string_append_printf (subtitle, _("Held by %s"), info->holders);
  else if (info->lanes != NULL)
    g_string_append (subtitle, _("No active person holds it: nobody can take its steps"));
  else
    g_string_append (subtitle, _("Nobody holds it"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                info->holders == NULL && info->lanes != NULL ? "dialog-warning-symbolic" : NULL);
  g_object_set_data_full (G_OBJECT (row), "role-name", g_strdup (info->name), g_free);
}

static GtkWidget *
make_row (WartaRolesPage *self,
          RoleInfo       *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Rename"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rename"), -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_rename), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data_full (G_OBJECT (row), "role-id", g_strdup (info->id), g_free);
  update_row (row, info);
  return row;
}

static void
listed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WartaRolesPage) self = user_data;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  infos = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (infos == NULL)
    {
      g_warning ("Could not list the office’s roles: %s", error->message);
      return;
    }

  /* Rows are kept and filled again, in the list's order (by id): a
   * reload moves neither the focus nor a row someone is about to click.
   * The rows only: the list's placeholder is a child too. */
  for (guint i = 0; i < infos->len; i++)
    {
      RoleInfo *info = g_ptr_array_index (infos, i);
      GtkWidget *kept;

      while ((row = gtk_list_box_get_row_at_index (self->roles_list, i)) != NULL &&
             g_strcmp0 (g_object_get_data (G_OBJECT (row), "role-id"), info->id) < 0)
        gtk_list_box_remove (self->roles_list, GTK_WIDGET (row));
      kept = row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "role-id"), info->id) == 0
             ? GTK_WIDGET (row) : NULL;
      if (kept != NULL)
        update_row (kept, info);
      else
        gtk_list_box_insert (self->roles_list, make_row (self, info), i);
    }
  while ((row = gtk_list_box_get_row_at_index (self->roles_list, infos->len)) != NULL)
    gtk_list_box_remove (self->roles_list, GTK_WIDGET (row));
  self->loaded = TRUE;
}

static void
warta_roles_page_reload (WartaRolesPage *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session == NULL)
    return;

  self->loading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_NORMAL, self, list_job, NULL, NULL,
                           (GDestroyNotify)g_ptr_array_unref, self->loading, listed, g_object_ref (self));
}

static void
on_changed (WartaRolesPage *self)
{
  warta_roles_page_reload (self);
}

/* The small form that adds a role (its id and name) or renames one. */
typedef struct
{
  WartaRolesPage *self;
  GtkWindow      *window;
  AdwEntryRow    *id_row;    /* NULL: a rename */
  AdwEntryRow    *name_row;
  GtkLabel       *error_label;
  GSimpleAction  *submit;    /* the window's */
  char           *role_id;   /* the renamed role's */
  GCancellable   *busy;
} RoleForm;

static void
role_form_free (RoleForm *form)
{
  g_clear_object (&form->self);
  g_clear_object (&form->busy);
  g_free (form->role_id);
  g_free (form);
}

typedef struct
{
  gint64  actor;
  char   *id;
  char   *name;
  gboolean add;
} RoleWrite;

static void
role_write_free (RoleWrite *write)
{
  g_free (write->id);
  g_free (write->name);
  g_free (write);
}

static gpointer
role_write_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  RoleWrite *write = data;
  gboolean ok;

  if (write->add)
    ok = warta_engine_add_role (engine, write->actor, write->id, write->name, error);
  else
    ok = warta_engine_rename_role (engine, write->actor, write->id, write->name, error);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
role_written (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  RoleForm *form = g_object_get_data (G_OBJECT (window), "role-form");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = warta_session_run_finish (WARTA_SESSION (object), result, &error) != NULL;
  if (form == NULL || g_cancellable_is_cancelled (form->busy))
    return;
  g_clear_object (&form->busy);
  g_simple_action_set_enabled (form->submit, TRUE);
  if (!ok)
    {
      gtk_label_set_label (form->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
      return;
    }
  g_signal_emit (form->self, signals[DONE], 0, form->id_row ? _("Role added") : _("Role renamed"));
  gtk_window_destroy (window);
}

static void
submit_role (GtkWidget *widget)
{
  RoleForm *form = g_object_get_data (G_OBJECT (widget), "role-form");
  RoleWrite *write;

  if (form->busy != NULL || form->self->session == NULL)
    return;
  write = g_new0 (RoleWrite, 1);
  write->actor = warta_session_get_user_id (form->self->session);
  write->add = form->id_row != NULL;
  write->id = form->id_row ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->id_row))))
                           : g_strdup (form->role_id);
  write->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->name_row))));
  if (write->id[0] == '\0' || write->name[0] == '\0')
    {
      gtk_label_set_label (form->error_label, write->add ? _("Give the role an id (as the SOPs’ lanes name it) "
                                                             "and a name.")
                                                         : _("Give the role a name."));
      gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
      role_write_free (write);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  form->busy = g_cancellable_new ();
  g_simple_action_set_enabled (form->submit, FALSE);
  warta_session_run_async (form->self->session, WARTA_JOB_PRIORITY_URGENT, form->self, role_write_job, write,
                           (GDestroyNotify)role_write_free, NULL, NULL, role_written, g_object_ref (widget));
}

static void
on_role_form_destroy (GtkWidget *window)
{
  RoleForm *form = g_object_get_data (G_OBJECT (window), "role-form");

  if (form != NULL)
    g_cancellable_cancel (form->busy);
}

static void
on_row_activated (GtkWidget *window)
{
  gtk_widget_activate_action (window, "role.submit", NULL);
}

static void
warta_roles_page_open_form (WartaRolesPage *self,
                            const char     *role_id,
                            const char     *role_name)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box, *header, *cancel, *submit, *content, *list, *clamp;
  GtkEventController *keys;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  RoleForm *form = g_new0 (RoleForm, 1);
  static const GActionEntry entries[] = { { "submit", NULL, NULL, NULL, NULL } };
  GAction *action;

  form->self = g_object_ref (self);
  form->window = GTK_WINDOW (window);
  form->role_id = g_strdup (role_id);
  g_object_set_data_full (G_OBJECT (window), "role-form", form, (GDestroyNotify)role_form_free);

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
  gtk_window_set_title (GTK_WINDOW (window), role_id ? _("Rename Role") : _("Add Role"));

  /* The window's own action: its button and Enter in a row. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (group), "submit");
  form->submit = G_SIMPLE_ACTION (action);
  g_signal_connect_swapped (action, "activate", G_CALLBACK (submit_role), window);
  gtk_widget_insert_action_group (window, "role", G_ACTION_GROUP (group));

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  submit = gtk_button_new_with_mnemonic (role_id ? _("_Rename") : _("_Add"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (submit), "role.submit");
  gtk_widget_add_css_class (submit, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), submit);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  form->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error_label, TRUE);
  gtk_label_set_xalign (form->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (form->error_label));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (role_id == NULL)
    {
      form->id_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->id_row), _("Id, as the SOPs’ lanes name it"));
      g_signal_connect_swapped (form->id_row, "entry-activated", G_CALLBACK (on_row_activated), window);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->id_row));
    }
  form->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->name_row), _("Name"));
  if (role_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (form->name_row), role_name);
  g_signal_connect_swapped (form->name_row, "entry-activated", G_CALLBACK (on_row_activated), window);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->name_row));
  gtk_box_append (GTK_BOX (content), list);

  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect (window, "destroy", G_CALLBACK (on_role_form_destroy), NULL);

  /* Escape closes it, as a dialog. */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (form->id_row ? form->id_row : form->name_row));
}

static void
on_rename (GtkButton      *button,
           WartaRolesPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  if (self->session != NULL)
    warta_roles_page_open_form (self, g_object_get_data (G_OBJECT (row), "role-id"),
                                g_object_get_data (G_OBJECT (row), "role-name"));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WartaRolesPage *self = WARTA_ROLES_PAGE (widget);

  if (self->session != NULL)
    warta_roles_page_open_form (self, NULL, NULL);
}

static void
warta_roles_page_dispose (GObject *object)
{
  WartaRolesPage *self = (WartaRolesPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_ROLES_PAGE);
  /* The template's root is not bound: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (warta_roles_page_parent_class)->dispose (object);
}

static void
warta_roles_page_class_init (WartaRolesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_roles_page_dispose;

  /**
   * WartaRolesPage::done:
   * @message: what was done, for a toast
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "roles.add", NULL, add_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-roles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaRolesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, WartaRolesPage, roles_list);
}

static void
warta_roles_page_init (WartaRolesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::people",
                                 G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "changed::sops",
                                 G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}

void
warta_roles_page_set_session (WartaRolesPage *self,
                              WartaSession   *session)
{
  g_return_if_fail (WARTA_IS_ROLES_PAGE (self));

  if (self->session == session)
    return;
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  self->loaded = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roles.add", session != NULL);
  warta_roles_page_reload (self);
}

gboolean
warta_roles_page_get_loaded (WartaRolesPage *self)
{
  g_return_val_if_fail (WARTA_IS_ROLES_PAGE (self), FALSE);
  return self->loaded;
}

/* Returns: (transfer none) (nullable): the row of that role */
GtkWidget *
warta_roles_page_find_row (WartaRolesPage *self,
                           const char     *role_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WARTA_IS_ROLES_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->roles_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "role-id"), role_id) == 0)
      return GTK_WIDGET (row);
  return NULL;
}
