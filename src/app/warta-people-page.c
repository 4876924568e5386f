/* warta-people-page.c: the office's people and roles, for its administrator
 *
 * The "Office" page of the window, shown to administrators only, in
 * sections: the people (a searchable list; adding and editing a person
 * opens a WartaPersonDialog) and the roles (WartaRolesPage). The people
 * section also lists the steps that a deactivated person still holds, for
 * the administrator to hand over (WartaHandOverDialog). Everything is read
 * by a job on the session's database worker, again when the session says
 * the people changed (here, in another window or in warta-cli), or a
 * berkas did (a step handed over, or taken).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-hand-over-dialog.h"
#include "warta-people-page.h"
#include "warta-person-dialog.h"
#include "warta-roles-page.h"
#include "warta-toast.h"

struct _WartaPeoplePage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *section_stack;
  GtkSearchEntry      *search_entry;
  AdwPreferencesGroup *held_group;
  GtkListBox          *people_list;
  WartaRolesPage      *roles_page;

  /* Owned */
  WartaSession        *session;
  GSignalGroup        *session_signals;
  GCancellable        *loading;
  gboolean             loading_people;  /* the read under way is of everything, not only the held steps */
  GPtrArray           *users;      /* WartaUser, as last read */
  GPtrArray           *roles;      /* WartaRole */
  GPtrArray           *held_rows;  /* the rows in held_group */
  char                *needle;     /* the search, case-folded; NULL for none */
  gboolean             loaded;
};

G_DEFINE_FINAL_TYPE (WartaPeoplePage, warta_people_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOADED,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A step held by a deactivated person, as the page shows it. */
typedef struct
{
  gint64  case_id;
  char   *title;
  char   *step;     /* "Step 4: …" */
  char   *lane;
  char   *holder;   /* the deactivated person's name */
} Held;

static void
held_free (Held *held)
{
  g_free (held->title);
  g_free (held->step);
  g_free (held->lane);
  g_free (held->holder);
  g_free (held);
}

typedef struct
{
  GPtrArray *users;   /* WartaUser */
  GPtrArray *roles;   /* WartaRole */
  GPtrArray *held;    /* Held */
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->users, g_ptr_array_unref);
  g_clear_pointer (&listing->roles, g_ptr_array_unref);
  g_clear_pointer (&listing->held, g_ptr_array_unref);
  g_free (listing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

static const WartaUser *
find_user (GPtrArray *users,
           gint64     id)
{
  for (guint i = 0; users != NULL && i < users->len; i++)
    if (((WartaUser *)g_ptr_array_index (users, i))->id == id)
      return g_ptr_array_index (users, i);
  return NULL;
}

typedef struct
{
  gint64   actor;
  gboolean people;   /* FALSE: only the held steps, after a berkas changed */
} ListRequest;

/* In the worker: the people, the roles, and the steps that deactivated
 * people hold, each with its step's words from its SOP. The people are
 * read for the holders' names in any case; the roles only with them. */
static gpointer
list_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  ListRequest *request = data;
  g_autoptr(Listing) listing = g_new0 (Listing, 1);
  g_autoptr(GPtrArray) cases = NULL;

  if (!(listing->users = warta_store_list_users (store, NULL, error)) ||
      (request->people && !(listing->roles = warta_store_list_roles (store, error))) ||
      !(cases = warta_engine_list_held_by_inactive (engine, request->actor, error)))
    return NULL;

  listing->held = g_ptr_array_new_with_free_func ((GDestroyNotify)held_free);
  for (guint i = 0; i < cases->len; i++)
    {
      const WartaCase *kase = g_ptr_array_index (cases, i);
      g_autoptr(WartaSop) sop = NULL;
      const WartaSopStep *step = NULL;
      const WartaUser *holder;
      Held *held;

      if (kase->active == NULL)
        continue;
      sop = warta_engine_get_sop (engine, kase->sop_id, kase->sop_version, NULL);
      step = sop ? warta_sop_lookup_step (sop, kase->active->step_id) : NULL;
      holder = find_user (listing->users, kase->active->assignee);

      held = g_new0 (Held, 1);
      held->case_id = kase->id;
      held->title = g_strdup (kase->title);
      held->lane = g_strdup (kase->active->lane);
      if (step != NULL)
        /* Translators: a step of an SOP: its number, then its words */
        held->step = g_strdup_printf (_("Step %u: %s"), step->index + 1, step->text);
      else
        held->step = g_strdup (kase->active->step_id);
      held->holder = g_strdup (holder ? holder->full_name : "?");
      g_ptr_array_add (listing->held, held);
    }
  return g_steal_pointer (&listing);
}

static const char *
role_name (WartaPeoplePage *self,
           const char      *id)
{
  for (guint i = 0; self->roles != NULL && i < self->roles->len; i++)
    {
      const WartaRole *role = g_ptr_array_index (self->roles, i);

      if (g_strcmp0 (role->id, id) == 0)
        return role->name;
    }
  return id;
}

static GtkWidget *
make_tag (const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "person-tag");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_person_row (WartaPeoplePage *self,
                 const WartaUser *user)
{
  g_autoptr(GString) subtitle = g_string_new (user->login);
  g_autoptr(GString) search = g_string_new (NULL);
  g_autofree char *search_folded = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (user->jabatan != NULL && user->jabatan[0] != '\0')
    g_string_append_printf (subtitle, " · %s", user->jabatan);
  if (user->pangkat != NULL && user->pangkat[0] != '\0')
    g_string_append_printf (subtitle, " · %s", user->pangkat);
  for (guint i = 0; user->roles != NULL && user->roles[i] != NULL; i++)
    g_string_append_printf (subtitle, "%s%s", i == 0 ? "\n" : ", ", role_name (self, user->roles[i]));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->full_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (user->is_admin)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_tag (_("Administrator"), "accent"));
  if (user->inactive)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_tag (_("Deactivated"), "error"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (user->inactive)
    gtk_widget_add_css_class (row, "inactive-person");

  g_string_append_printf (search, "%s\n%s\n%s\n%s\n%s", user->full_name, user->login,
                          user->nip ? user->nip : "", user->jabatan ? user->jabatan : "",
                          user->pangkat ? user->pangkat : "");
  search_folded = g_utf8_casefold (search->str, -1);
  g_object_set_data_full (G_OBJECT (row), "search", g_steal_pointer (&search_folded), g_free);
  g_object_set_data_full (G_OBJECT (row), "login", g_strdup (user->login), g_free);
  g_object_set_data_full (G_OBJECT (row), "user-id", g_memdup2 (&user->id, sizeof user->id), g_free);
  return row;
}

static gboolean
filter_person (GtkListBoxRow *row,
               gpointer       user_data)
{
  WartaPeoplePage *self = user_data;

  return self->needle == NULL || strstr (g_object_get_data (G_OBJECT (row), "search"), self->needle) != NULL;
}

/* In the window's overlay; gone with the page (the administrator signed
 * out), so that the next person at the desk does not read what was done. */
static void
warta_people_page_toast (WartaPeoplePage *self,
                         const char      *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    warta_toast_show (GTK_WIDGET (self), ADW_TOAST_OVERLAY (overlay), message);
}

static void
on_dialog_done (WartaPeoplePage *self,
                const char      *message)
{
  warta_people_page_toast (self, message);
}

static void
on_hand_over (GtkButton       *button,
              WartaPeoplePage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  const Held *held = g_object_get_data (G_OBJECT (row), "held");
  WartaHandOverDialog *dialog;

  if (self->session == NULL || held == NULL)
    return;
  dialog = warta_hand_over_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                       held->case_id, held->title, held->lane);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Whether the rows show these steps already: a reload that changed
 * nothing of them keeps them, and the button under the pointer. */
static gboolean
same_held (WartaPeoplePage *self,
           GPtrArray       *held)
{
  if (held->len != self->held_rows->len)
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      const Held *a = g_ptr_array_index (held, i);
      const Held *b = g_object_get_data (g_ptr_array_index (self->held_rows, i), "held");

      if (a->case_id != b->case_id || g_strcmp0 (a->title, b->title) != 0 ||
          g_strcmp0 (a->step, b->step) != 0 || g_strcmp0 (a->holder, b->holder) != 0 ||
          g_strcmp0 (a->lane, b->lane) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
fill_held (WartaPeoplePage *self,
           GPtrArray       *held)
{
  if (same_held (self, held))
    return;
  for (guint i = 0; i < self->held_rows->len; i++)
    adw_preferences_group_remove (self->held_group, g_ptr_array_index (self->held_rows, i));
  g_ptr_array_set_size (self->held_rows, 0);

  for (guint i = 0; i < held->len; i++)
    {
      Held *item = g_ptr_array_index (held, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Hand Over…"));
      g_autofree char *subtitle = NULL;

      /* Translators: a step of a berkas, then the deactivated person who holds it */
      subtitle = g_strdup_printf (_("%s\nHeld by %s, deactivated"), item->step, item->holder);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_hand_over), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data_full (G_OBJECT (row), "held", g_ptr_array_steal_index (held, i--), (GDestroyNotify)held_free);
      adw_preferences_group_add (self->held_group, row);
      g_ptr_array_add (self->held_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->held_group), self->held_rows->len > 0);
}

static void
fill_list (WartaPeoplePage *self,
           Listing         *listing)
{
  GtkListBoxRow *row;

  fill_held (self, listing->held);
  /* A berkas changed: the people are as they were. */
  if (listing->roles == NULL)
    return;

  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  self->users = g_steal_pointer (&listing->users);
  self->roles = g_steal_pointer (&listing->roles);

  /* The rows only: the list's placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (self->people_list, 0)) != NULL)
    gtk_list_box_remove (self->people_list, GTK_WIDGET (row));
  for (guint i = 0; i < self->users->len; i++)
    gtk_list_box_append (self->people_list, make_person_row (self, g_ptr_array_index (self->users, i)));
}

static void
warta_people_page_update_actions (WartaPeoplePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.add", self->session != NULL && self->loaded);
}

static void
listed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WartaPeoplePage) self = user_data;
  g_autoptr(Listing) listing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean people;

  listing = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (listing == NULL)
    {
      g_warning ("Could not list the office’s people: %s", error->message);
      return;
    }
  people = listing->roles != NULL;
  fill_list (self, listing);
  if (!people)
    return;
  self->loaded = TRUE;
  warta_people_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* Reads the held steps again and, with @people, the people and roles. */
static void
warta_people_page_reload (WartaPeoplePage *self,
                          gboolean         people)
{
  ListRequest *request;

  /* A read of everything under way covers the held steps. */
  if (self->loading != NULL && self->loading_people && !people)
    return;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session == NULL)
    return;

  request = g_new0 (ListRequest, 1);
  request->actor = warta_session_get_user_id (self->session);
  request->people = people;
  self->loading = g_cancellable_new ();
  self->loading_people = people;
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self, list_job, request, g_free,
                           (GDestroyNotify)listing_free, self->loading, listed, g_object_ref (self));
}

static void
on_people_changed (WartaPeoplePage *self)
{
  warta_people_page_reload (self, TRUE);
}

static void
on_case_changed (WartaPeoplePage *self)
{
  warta_people_page_reload (self, FALSE);
}

static void
on_search_changed (WartaPeoplePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->needle);
  self->needle = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  gtk_list_box_invalidate_filter (self->people_list);
}

static void
warta_people_page_open_dialog (WartaPeoplePage *self,
                               const WartaUser *user)
{
  WartaPersonDialog *dialog;

  dialog = warta_person_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                    self->roles, user);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_dialog_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_person_activated (WartaPeoplePage *self,
                     GtkListBoxRow   *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "user-id");
  const WartaUser *user = id ? find_user (self->users, *id) : NULL;

  if (user != NULL && self->session != NULL)
    warta_people_page_open_dialog (self, user);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WartaPeoplePage *self = WARTA_PEOPLE_PAGE (widget);

  if (self->session == NULL || !self->loaded)
    return;
  gtk_stack_set_visible_child_name (self->section_stack, "people");
  warta_people_page_open_dialog (self, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaPeoplePage *self = WARTA_PEOPLE_PAGE (widget);

  gtk_stack_set_visible_child_name (self->section_stack, "people");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
warta_people_page_grab_focus (GtkWidget *widget)
{
  WartaPeoplePage *self = WARTA_PEOPLE_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "people") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return gtk_widget_child_focus (GTK_WIDGET (self->section_stack), GTK_DIR_TAB_FORWARD);
}

static void
warta_people_page_dispose (GObject *object)
{
  WartaPeoplePage *self = (WartaPeoplePage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_PEOPLE_PAGE);
  /* The template's root is not bound: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (warta_people_page_parent_class)->dispose (object);
}

static void
warta_people_page_finalize (GObject *object)
{
  WartaPeoplePage *self = (WartaPeoplePage *)object;

  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->held_rows, g_ptr_array_unref);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (warta_people_page_parent_class)->finalize (object);
}

static void
warta_people_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WartaPeoplePage *self = WARTA_PEOPLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, FALSE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_people_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WartaPeoplePage *self = WARTA_PEOPLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      warta_people_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_people_page_class_init (WartaPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_people_page_dispose;
  object_class->finalize = warta_people_page_finalize;
  object_class->get_property = warta_people_page_get_property;
  object_class->set_property = warta_people_page_set_property;

  widget_class->grab_focus = warta_people_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         WARTA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaPeoplePage:loaded:
   *
   * Whether the list of people has been read once.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * WartaPeoplePage:can-go-back:
   *
   * As every pane of the window has: the page has no deeper view.
   */
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "people.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "people.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "people.search", NULL);

  g_type_ensure (WARTA_TYPE_ROLES_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaPeoplePage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WartaPeoplePage, held_group);
  gtk_widget_class_bind_template_child (widget_class, WartaPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, WartaPeoplePage, roles_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_dialog_done);
}

static void
warta_people_page_init (WartaPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->held_rows = g_ptr_array_new ();
  gtk_list_box_set_filter_func (self->people_list, filter_person, self, NULL);
  warta_people_page_update_actions (self);

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::people",
                                 G_CALLBACK (on_people_changed), self, G_CONNECT_SWAPPED);
  /* A step handed over, taken or finished: the held list changes. */
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
}

WartaSession *
warta_people_page_get_session (WartaPeoplePage *self)
{
  g_return_val_if_fail (WARTA_IS_PEOPLE_PAGE (self), NULL);
  return self->session;
}

/* A page without a session reads nothing: the window gives it one for
 * an administrator only. */
void
warta_people_page_set_session (WartaPeoplePage *self,
                               WartaSession    *session)
{
  g_return_if_fail (WARTA_IS_PEOPLE_PAGE (self));
  g_return_if_fail (session == NULL || WARTA_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  warta_roles_page_set_session (self->roles_page, session);
  self->loaded = FALSE;
  warta_people_page_reload (self, TRUE);
  warta_people_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
warta_people_page_get_loaded (WartaPeoplePage *self)
{
  g_return_val_if_fail (WARTA_IS_PEOPLE_PAGE (self), FALSE);
  return self->loaded;
}

/* Returns: (transfer none) (nullable): the row of the person with that
 * login, shown or filtered out */
GtkWidget *
warta_people_page_find_row (WartaPeoplePage *self,
                            const char      *login)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WARTA_IS_PEOPLE_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->people_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "login"), login) == 0)
      return GTK_WIDGET (row);
  return NULL;
}

/* Returns: (transfer none) (nullable): the row of a berkas whose step a
 * deactivated person holds */
GtkWidget *
warta_people_page_find_held_row (WartaPeoplePage *self,
                                 gint64           case_id)
{
  g_return_val_if_fail (WARTA_IS_PEOPLE_PAGE (self), NULL);

  for (guint i = 0; i < self->held_rows->len; i++)
    {
      const Held *held = g_object_get_data (g_ptr_array_index (self->held_rows, i), "held");

      if (held->case_id == case_id)
        return g_ptr_array_index (self->held_rows, i);
    }
  return NULL;
}

/* Returns: (transfer full): the logins of the people the search shows */
char **
warta_people_page_dup_shown_logins (WartaPeoplePage *self)
{
  g_autoptr(GStrvBuilder) logins = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (WARTA_IS_PEOPLE_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->people_list, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      g_strv_builder_add (logins, g_object_get_data (G_OBJECT (row), "login"));
  return g_strv_builder_end (logins);
}

/**
 * warta_people_page_show_section:
 * @name: "people" or "roles"
 */
void
warta_people_page_show_section (WartaPeoplePage *self,
                                const char      *name)
{
  g_return_if_fail (WARTA_IS_PEOPLE_PAGE (self));
  gtk_stack_set_visible_child_name (self->section_stack, name);
}
