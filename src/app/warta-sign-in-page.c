/* warta-sign-in-page.c: choose who you are and give your password
 *
 * Checking a password hashes it with argon2id, a tenth of a second or
 * more on purpose, so it runs on the session's database worker, as does
 * reading the list of people: the window keeps drawing. The list is read
 * again when the session says the people changed ("changed::people"),
 * here, in warta-cli or in another window. A wrong password says so
 * beside the password and changes nothing else. Deactivated people are
 * not in the list; someone whose password an administrator set chooses
 * their own in a WartaNewPasswordForm shown in place, then is signed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "warta-new-password-form.h"
#include "warta-sample.h"
#include "warta-sign-in-page-private.h"

/* The list of people shows five or so at a time, so that the password
 * stays in view below it. */
#define MAX_LIST_HEIGHT 200

struct _WartaSignInPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwStatusPage       *status_page;
  GtkStack            *form_stack;
  WartaNewPasswordForm *new_password_form;
  GtkSearchEntry      *search_entry;
  GtkScrolledWindow   *user_scroller;
  GtkListBox          *user_list;
  GtkWidget           *password_box;
  AdwPasswordEntryRow *password_row;
  GtkLabel            *error_label;
  GtkWidget           *sign_in_button;
  GtkSpinner          *spinner;
  GtkLabel            *sign_in_label;
  GtkLabel            *sample_label;

  /* Owned */
  WartaSession        *session;
  GCancellable        *cancellable;
  AdwAnimation        *shake;
  GSignalGroup        *session_signals;
  GCancellable        *loading;     /* the read of the list under way */
  GCancellable        *loading_office;  /* the read of the office's name */
  char                *login;       /* the selected user's */
  char                *wanted;      /* a login to select once the list is read */
  gboolean             activate_pending;  /* Enter came before the list */
  char                *error;
  char                *needle;      /* the search, case-folded; NULL for none */
};

G_DEFINE_FINAL_TYPE (WartaSignInPage, warta_sign_in_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
warta_sign_in_page_show_error (WartaSignInPage *self,
                               const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

static void
warta_sign_in_page_update_actions (WartaSignInPage *self)
{
  gboolean busy = self->cancellable != NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* A focused entry made insensitive never hears that it lost the focus
   * (GTK warns, and its cursor blinks on): let go of it first. A wrong
   * password gives it back to the password. */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);

  /* The button stays lit while the password is checked, so that its
   * spinner is seen turning; a second press does nothing meanwhile. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit",
                                 self->session != NULL && self->login != NULL);
  gtk_label_set_label (self->sign_in_label, busy ? _("Checking Password…") : _("_Sign In"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_list), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
shake_cb (double   value,
          gpointer user_data)
{
  WartaSignInPage *self = user_data;
  /* Three swings left and right, dying away: a triangle wave. */
  double phase = value * 6.0 - (int)(value * 6.0);
  double wave = phase < 0.5 ? 4.0 * phase - 1.0 : 3.0 - 4.0 * phase;
  int offset = (int)(12.0 * wave * (1.0 - value));

  gtk_widget_set_margin_start (self->password_box, MAX (0, offset));
  gtk_widget_set_margin_end (self->password_box, MAX (0, -offset));
}

static void
warta_sign_in_page_shake (WartaSignInPage *self)
{
  if (self->shake == NULL)
    {
      AdwAnimationTarget *target = adw_callback_animation_target_new (shake_cb, self, NULL);

      self->shake = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 1.0, 400, target);
    }
  adw_animation_reset (self->shake);
  adw_animation_play (self->shake);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  WartaSignInPage *self = user_data;

  return _warta_sign_in_row_rank (row, self->needle) >= 0;
}

static int
sort_rows (GtkListBoxRow *row1,
           GtkListBoxRow *row2,
           gpointer       user_data)
{
  WartaSignInPage *self = user_data;
  int rank1 = _warta_sign_in_row_rank (row1, self->needle);
  int rank2 = _warta_sign_in_row_rank (row2, self->needle);
  guint position1 = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row1), "position"));
  guint position2 = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row2), "position"));

  if (rank1 != rank2)
    return rank1 < rank2 ? -1 : 1;
  return position1 < position2 ? -1 : position1 > position2;
}

/* The status page around the list gives it its minimum height, not its
 * natural one: ask for the rows' height, up to the maximum. Measuring
 * computes the rows' style and text, so it waits for the page to be
 * mapped, which fits the list again. */
static void
warta_sign_in_page_fit_list (WartaSignInPage *self)
{
  int natural = 0;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  gtk_widget_measure (GTK_WIDGET (self->user_list), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &natural, NULL, NULL);
  gtk_scrolled_window_set_min_content_height (self->user_scroller, MIN (natural, MAX_LIST_HEIGHT));
}

/* The keyboard goes where the person is expected to type next. Taking
 * it again in the search would select what was typed there already. */
static gboolean
warta_sign_in_page_grab_focus (GtkWidget *widget)
{
  WartaSignInPage *self = WARTA_SIGN_IN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->form_stack), "new-password") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->new_password_form));
  if (self->login != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))
    return TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The keyboard is taken as soon as the page is mapped, not once the
 * window gets to it: what the person types before the first frame goes
 * into the search, not nowhere. */
static void
warta_sign_in_page_map (GtkWidget *widget)
{
  WartaSignInPage *self = WARTA_SIGN_IN_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (warta_sign_in_page_parent_class)->map (widget);

  root = gtk_widget_get_root (widget);
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (self->cancellable == NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, widget)))
    warta_sign_in_page_grab_focus (widget);
  warta_sign_in_page_fit_list (self);
}

typedef struct
{
  GPtrArray *users;     /* WartaUser */
  char      *office;
  gboolean   sample;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->users, g_ptr_array_unref);
  g_free (listing->office);
  g_free (listing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

/* In the worker: the office's name and, unless @data is NULL, the people
 * who may sign in. */
static gpointer
list_users_job (WartaEngine   *engine,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(Listing) listing = g_new0 (Listing, 1);
  g_autofree char *sample = NULL;

  if (data != NULL && !(listing->users = warta_store_list_users (store, NULL, error)))
    return NULL;
  listing->office = warta_store_get_setting (store, "office_name");
  sample = warta_store_get_setting (store, WARTA_SAMPLE_SETTING);
  listing->sample = sample != NULL;
  return g_steal_pointer (&listing);
}

static void on_search_activate (WartaSignInPage *self);

static void
fill_list (WartaSignInPage *self,
           Listing         *listing)
{
  g_autofree char *keep = NULL;
  g_autofree char *error = NULL;
  GtkWidget *child;

  adw_status_page_set_title (self->status_page,
                             listing->office && listing->office[0] ? listing->office : "Warta");
  if (listing->sample)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the sample users' password, shown in bold */
      text = g_strdup_printf (_("This is the sample office: every person’s password is <b>%s</b>."),
                              "<span allow_breaks=\"false\">" WARTA_SAMPLE_PASSWORD "</span>");
      gtk_label_set_markup (self->sample_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sample_label), listing->sample);
  if (listing->users == NULL)
    return;

  keep = g_strdup (self->wanted ? self->wanted : self->login);
  /* What the last attempt was told stays said: the list is read again
   * when someone is deactivated, who must see why they could not sign in. */
  error = g_strdup (self->error);
  g_clear_pointer (&self->wanted, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->user_list))))
    gtk_list_box_remove (self->user_list, child);
  g_clear_pointer (&self->login, g_free);

  /* Deactivated people cannot sign in: they are not offered. */
  for (guint i = 0; i < listing->users->len; i++)
    if (!((WartaUser *)g_ptr_array_index (listing->users, i))->inactive)
      gtk_list_box_append (self->user_list, _warta_sign_in_make_row (g_ptr_array_index (listing->users, i), i));

  if (keep != NULL)
    warta_sign_in_page_select_login (self, keep);
  if (error != NULL)
    warta_sign_in_page_show_error (self, error);
  warta_sign_in_page_fit_list (self);
  warta_sign_in_page_update_actions (self);

  /* Enter typed in the search before the list was read picks now. */
  if (self->activate_pending)
    {
      self->activate_pending = FALSE;
      on_search_activate (self);
    }
}

static void
users_listed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaSignInPage) self = user_data;
  g_autoptr(Listing) listing = NULL;
  g_autoptr(GError) error = NULL;

  listing = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (listing == NULL || listing->users == NULL)
    g_clear_object (&self->loading_office);
  if (listing == NULL || listing->users != NULL)
    g_clear_object (&self->loading);
  if (listing == NULL)
    {
      g_warning ("Could not list the people: %s", error->message);
      self->activate_pending = FALSE;
      return;
    }
  fill_list (self, listing);
}

/* Reads the office's name again and, with @users, the list of people. */
static void
warta_sign_in_page_reload (WartaSignInPage *self,
                           gboolean         users)
{
  GCancellable **loading = users ? &self->loading : &self->loading_office;

  /* A newer read replaces one still queued. */
  g_cancellable_cancel (*loading);
  g_clear_object (loading);
  if (self->session == NULL)
    return;

  *loading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_HIGH, self,
                           list_users_job, users ? GINT_TO_POINTER (TRUE) : NULL, NULL,
                           (GDestroyNotify)listing_free, *loading, users_listed, g_object_ref (self));
}

static void
on_people_changed (WartaSignInPage *self,
                   guint            kind,
                   gint64           case_id,
                   gpointer         origin,
                   WartaSession    *session)
{
  warta_sign_in_page_reload (self, TRUE);
}

static void
on_office_changed (WartaSignInPage *self,
                   guint            kind,
                   gint64           case_id,
                   gpointer         origin,
                   WartaSession    *session)
{
  warta_sign_in_page_reload (self, FALSE);
}

static void
on_row_selected (WartaSignInPage *self,
                 GtkListBoxRow   *row,
                 GtkListBox      *list_box)
{
  const char *login = row ? g_object_get_data (G_OBJECT (row), "login") : NULL;

  /* The list empties itself as the page is disposed. */
  if (self->user_list == NULL)
    return;

  if (g_strcmp0 (login, self->login) != 0)
    {
      g_free (self->login);
      self->login = g_strdup (login);
      warta_sign_in_page_show_error (self, NULL);
    }
  warta_sign_in_page_update_actions (self);
}

static void
on_row_activated (WartaSignInPage *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list_box)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* The list follows the search when the entry says it changed, a moment
 * after the last key, or at once when Enter comes sooner. */
static void
warta_sign_in_page_apply_search (WartaSignInPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  gtk_list_box_invalidate_filter (self->user_list);
  gtk_list_box_invalidate_sort (self->user_list);
  warta_sign_in_page_fit_list (self);
}

static void
on_search_changed (WartaSignInPage *self)
{
  warta_sign_in_page_apply_search (self);
}

/* Enter in the search picks the first person it shows; with nothing
 * searched it picks nobody, as the first row is only the first. */
static void
on_search_activate (WartaSignInPage *self)
{
  GtkListBoxRow *row;

  warta_sign_in_page_apply_search (self);
  if (self->needle == NULL)
    return;
  if (self->loading != NULL && gtk_list_box_get_row_at_index (self->user_list, 0) == NULL)
    {
      self->activate_pending = TRUE;
      return;
    }

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->user_list, i)) != NULL; i++)
    {
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        {
          gtk_list_box_select_row (self->user_list, row);
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
          return;
        }
    }
}

static void
on_password_activated (WartaSignInPage *self)
{
  warta_sign_in_page_submit (self);
}

static void
on_password_changed (WartaSignInPage *self)
{
  if (self->error != NULL)
    warta_sign_in_page_show_error (self, NULL);
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  WartaSignInPage *self;

  /* Checked by a worker; the session signs the user in when it is right. */
  if (!warta_session_sign_in_finish (WARTA_SESSION (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled, so the page is still there. */
  self = WARTA_SIGN_IN_PAGE (user_data);
  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD))
        {
          /* The right password, set by an administrator: the person
           * chooses their own, here, before going on. */
          warta_new_password_form_start (self->new_password_form, self->session, self->login,
                                         gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
          gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
          warta_sign_in_page_update_actions (self);
          gtk_stack_set_visible_child_name (self->form_stack, "new-password");
          adw_status_page_set_description (self->status_page, NULL);
          gtk_widget_grab_focus (GTK_WIDGET (self->new_password_form));
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
          return;
        }
      if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH))
        message = g_strdup (_("Wrong password. Try again; the password is case-sensitive."));
      else if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE))
        message = g_strdup (_("This account is deactivated. Ask the office’s administrator to reactivate it."));
      else
        message = g_strdup (error->message);
      warta_sign_in_page_update_actions (self);
      warta_sign_in_page_show_error (self, message);
      warta_sign_in_page_shake (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      gtk_editable_select_region (GTK_EDITABLE (self->password_row), 0, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  warta_sign_in_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
warta_sign_in_page_show_sign_in (WartaSignInPage *self)
{
  gtk_stack_set_visible_child_name (self->form_stack, "sign-in");
  adw_status_page_set_description (self->status_page, _("Choose your name and enter your password."));
}

/* The new password is in: sign in with it, as with any. */
static void
on_new_password_changed (WartaSignInPage *self,
                         const char      *password)
{
  warta_new_password_form_stop (self->new_password_form);
  warta_sign_in_page_show_sign_in (self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  warta_sign_in_page_submit (self);
}

static void
on_new_password_back (WartaSignInPage *self)
{
  warta_sign_in_page_show_sign_in (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  warta_sign_in_page_submit (WARTA_SIGN_IN_PAGE (widget));
}

static void
warta_sign_in_page_dispose (GObject *object)
{
  WartaSignInPage *self = (WartaSignInPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->loading_office);
  g_clear_object (&self->loading_office);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->shake);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (warta_sign_in_page_parent_class)->dispose (object);
}

static void
warta_sign_in_page_finalize (GObject *object)
{
  WartaSignInPage *self = (WartaSignInPage *)object;

  g_clear_pointer (&self->wanted, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (warta_sign_in_page_parent_class)->finalize (object);
}

static void
warta_sign_in_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WartaSignInPage *self = WARTA_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, warta_sign_in_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_sign_in_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WartaSignInPage *self = WARTA_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      warta_sign_in_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_sign_in_page_class_init (WartaSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_sign_in_page_dispose;
  object_class->finalize = warta_sign_in_page_finalize;
  object_class->get_property = warta_sign_in_page_get_property;
  object_class->set_property = warta_sign_in_page_set_property;

  widget_class->grab_focus = warta_sign_in_page_grab_focus;
  widget_class->map = warta_sign_in_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         WARTA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * WartaSignInPage:busy:
   *
   * Whether a password is being checked.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WartaSignInPage::signed-in:
   *
   * The session has a user now.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);

  g_type_ensure (WARTA_TYPE_NEW_PASSWORD_FORM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, form_stack);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, new_password_form);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, user_scroller);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, user_list);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, password_box);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, sign_in_label);
  gtk_widget_class_bind_template_child (widget_class, WartaSignInPage, sample_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_password_back);
}

static void
warta_sign_in_page_init (WartaSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->user_list, filter_row, self, NULL);
  gtk_list_box_set_sort_func (self->user_list, sort_rows, self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->user_list));
  warta_sign_in_page_update_actions (self);

  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::people",
                                 G_CALLBACK (on_people_changed), self, G_CONNECT_SWAPPED);
  /* The office's name is on the page too. */
  g_signal_group_connect_object (self->session_signals, "changed::office",
                                 G_CALLBACK (on_office_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
warta_sign_in_page_new (void)
{
  return g_object_new (WARTA_TYPE_SIGN_IN_PAGE, NULL);
}

WartaSession *
warta_sign_in_page_get_session (WartaSignInPage *self)
{
  g_return_val_if_fail (WARTA_IS_SIGN_IN_PAGE (self), NULL);
  return self->session;
}

void
warta_sign_in_page_set_session (WartaSignInPage *self,
                                WartaSession    *session)
{
  g_return_if_fail (WARTA_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (session == NULL || WARTA_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  warta_sign_in_page_reload (self, TRUE);
  warta_sign_in_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* Returns: whether the list has that person; while the list is being
 * read, the person is chosen once it is, if they are in it. */
gboolean
warta_sign_in_page_select_login (WartaSignInPage *self,
                                 const char      *login)
{
  g_return_val_if_fail (WARTA_IS_SIGN_IN_PAGE (self), FALSE);

  if (self->loading != NULL)
    {
      g_free (self->wanted);
      self->wanted = g_strdup (login);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->user_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "login"), login) == 0)
        {
          gtk_list_box_select_row (self->user_list, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }

  return FALSE;
}

const char *
warta_sign_in_page_get_login (WartaSignInPage *self)
{
  g_return_val_if_fail (WARTA_IS_SIGN_IN_PAGE (self), NULL);
  return self->login;
}

void
warta_sign_in_page_set_password (WartaSignInPage *self,
                                 const char      *password)
{
  g_return_if_fail (WARTA_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

/**
 * warta_sign_in_page_submit:
 * @self: a #WartaSignInPage
 *
 * Checks the password of the chosen person in a worker; on success signs
 * them in to the session and emits #WartaSignInPage::signed-in, else shows
 * why not. #WartaSignInPage:busy is %TRUE meanwhile.
 */
void
warta_sign_in_page_submit (WartaSignInPage *self)
{
  const char *password;

  g_return_if_fail (WARTA_IS_SIGN_IN_PAGE (self));

  if (self->cancellable != NULL || self->session == NULL)
    return;

  if (self->login == NULL)
    {
      warta_sign_in_page_show_error (self, _("Choose your name in the list first."));
      return;
    }

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (password[0] == '\0')
    {
      warta_sign_in_page_show_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  warta_sign_in_page_show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  warta_session_sign_in_async (self->session, self->login, password, self->cancellable, sign_in_done, self);

  warta_sign_in_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
warta_sign_in_page_get_busy (WartaSignInPage *self)
{
  g_return_val_if_fail (WARTA_IS_SIGN_IN_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

/* Returns: (nullable): the error the page shows */
const char *
warta_sign_in_page_get_error (WartaSignInPage *self)
{
  g_return_val_if_fail (WARTA_IS_SIGN_IN_PAGE (self), NULL);
  return self->error;
}

/* Forgets who was chosen, the password and any error, for the next person. */
void
warta_sign_in_page_reset (WartaSignInPage *self)
{
  g_return_if_fail (WARTA_IS_SIGN_IN_PAGE (self));

  g_clear_pointer (&self->wanted, g_free);
  warta_new_password_form_stop (self->new_password_form);
  warta_sign_in_page_show_sign_in (self);
  gtk_list_box_unselect_all (self->user_list);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  warta_sign_in_page_show_error (self, NULL);
}

/* Returns: (transfer full): the logins of the people the list shows, in
 * the order it shows them */
char **
warta_sign_in_page_dup_shown_logins (WartaSignInPage *self)
{
  g_autoptr(GStrvBuilder) logins = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (WARTA_IS_SIGN_IN_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->user_list, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      g_strv_builder_add (logins, g_object_get_data (G_OBJECT (row), "login"));
  return g_strv_builder_end (logins);
}
