/* warta-pdf-view.c: a PDF attachment, shown page by page
 *
 * The view opens the file on its document's worker and shows, as it
 * goes, a spinner, a password prompt, an error page with what went
 * wrong, or the pages: scrolled continuously (warta-pdf-pages.c), with
 * thumbnails (warta-pdf-view-thumbnails.c) and find
 * (warta-pdf-view-find.c). Every command is a widget action with its
 * shortcut, so the keys work wherever the view is embedded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "warta-pdf-view-private.h"

/* How long a document may take to open before a spinner shows. */
#define SPINNER_DELAY_MS 300

G_DEFINE_FINAL_TYPE (WartaPdfView, warta_pdf_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (WartaPdfViewState, warta_pdf_view_state,
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_VIEW_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_VIEW_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_VIEW_NEEDS_PASSWORD, "needs-password"),
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_VIEW_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (WARTA_PDF_VIEW_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_PAGES,
  PROP_CURRENT_PAGE,
  PROP_N_MATCHES,
  PROP_ZOOM,
  PROP_ZOOM_MODE,
  PROP_SHOW_THUMBNAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_warta_pdf_view_update_actions (WartaPdfView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->state == WARTA_PDF_VIEW_READY;
  guint n_pages = warta_pdf_view_get_n_pages (self);
  guint page = warta_pdf_view_get_current_page (self);
  double zoom = warta_pdf_pages_get_zoom (self->pages);
  gboolean has_matches = self->matches != NULL && self->matches->len > 0;

  gtk_widget_action_set_enabled (widget, "pdf.zoom-in", ready && zoom < WARTA_PDF_ZOOM_MAX - 1e-3);
  gtk_widget_action_set_enabled (widget, "pdf.zoom-out", ready && zoom > WARTA_PDF_ZOOM_MIN + 1e-3);
  gtk_widget_action_set_enabled (widget, "pdf.fit-width", ready);
  gtk_widget_action_set_enabled (widget, "pdf.fit-page", ready);
  gtk_widget_action_set_enabled (widget, "pdf.set-zoom", ready);
  gtk_widget_action_set_enabled (widget, "pdf.find", ready);
  gtk_widget_action_set_enabled (widget, "pdf.find-next", ready && has_matches);
  gtk_widget_action_set_enabled (widget, "pdf.find-previous", ready && has_matches);
  gtk_widget_action_set_enabled (widget, "pdf.next-page", ready && page + 1 < n_pages);
  gtk_widget_action_set_enabled (widget, "pdf.previous-page", ready && page > 0);
  gtk_widget_action_set_enabled (widget, "pdf.go-to-page", ready);
  gtk_widget_action_set_enabled (widget, "pdf.show-thumbnails", ready);
  gtk_widget_action_set_enabled (widget, "pdf.unlock",
                                 self->state == WARTA_PDF_VIEW_NEEDS_PASSWORD && !self->unlocking);
}

void
_warta_pdf_view_notify_matches (WartaPdfView *self)
{
  _warta_pdf_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  WartaPdfView *self = user_data;

  self->spinner_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_set_spinning (self->spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
set_state (WartaPdfView      *self,
           WartaPdfViewState  state)
{
  static const char *pages[] = { "empty", "loading", "password", "document", "error" };
  gboolean changed = self->state != state;

  self->state = state;
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  /* Most documents open before a spinner could be seen: it shows only
   * when one takes a while. Until then the view shows nothing, and has
   * no frames to draw that would take the processor from the worker
   * opening the document. */
  if (state == WARTA_PDF_VIEW_LOADING)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, pages[state]);
  /* Even in the same state: an unlock may have ended. */
  _warta_pdf_view_update_actions (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Takes the error. */
static void
show_error (WartaPdfView *self,
            GError       *error)
{
  g_clear_error (&self->error);
  self->error = error;
  /* A file that is not what it should be, or one that could not be read. */
  adw_status_page_set_icon_name (self->error_page,
                                 g_error_matches (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_FAILED) ?
                                 "dialog-warning-symbolic" : "x-office-document-symbolic");
  adw_status_page_set_description (self->error_page, error->message);
  set_state (self, WARTA_PDF_VIEW_ERROR);
}

static void
show_password (WartaPdfView *self,
               gboolean      wrong)
{
  g_autofree char *description = NULL;
  GtkEditable *entry = GTK_EDITABLE (self->password_entry);

  if (self->display_name != NULL && *self->display_name != '\0')
    /* Translators: a file name */
    description = g_strdup_printf (_("Enter the password of “%s” to open it."), self->display_name);
  else
    description = g_strdup (_("Enter the document’s password to open it."));
  adw_status_page_set_description (self->password_page, description);

  gtk_widget_set_visible (GTK_WIDGET (self->password_error_label), wrong);
  if (wrong)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_entry), "error");
      gtk_editable_select_region (entry, 0, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->password_entry), "error");
      gtk_editable_set_text (entry, "");
    }
  gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), TRUE);
  set_state (self, WARTA_PDF_VIEW_NEEDS_PASSWORD);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
update_page_entry (WartaPdfView *self)
{
  g_autofree char *text = g_strdup_printf ("%u", warta_pdf_view_get_current_page (self) + 1);

  gtk_editable_set_text (GTK_EDITABLE (self->page_entry), text);
}

static void
page_rendered_cb (WartaPdfDocument *document,
                  guint             page,
                  gboolean          thumbnail,
                  WartaPdfView     *self)
{
  if (thumbnail)
    _warta_pdf_view_thumbnails_rendered (self, page);
}

static void
show_document (WartaPdfView *self)
{
  g_autofree char *n_pages = g_strdup_printf ("/ %u", warta_pdf_document_get_n_pages (self->document));

  gtk_label_set_label (self->n_pages_label, n_pages);
  /* The password did its work; it need not stay in memory. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  g_signal_connect_object (self->document, "page-rendered", G_CALLBACK (page_rendered_cb), self, 0);
  warta_pdf_pages_set_document (self->pages, self->document);
  update_page_entry (self);
  set_state (self, WARTA_PDF_VIEW_READY);
  _warta_pdf_view_thumbnails_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);

  /* A find asked for while it was opening. */
  if (self->find_text != NULL && *self->find_text != '\0')
    _warta_pdf_view_find_start (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WartaPdfView) self = user_data;
  WartaPdfDocument *document = WARTA_PDF_DOCUMENT (object);
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = warta_pdf_document_load_finish (document, result, &error);
  /* Another file was opened since. */
  if (document != self->document || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->unlocking = FALSE;
  if (loaded)
    show_document (self);
  else if (g_error_matches (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_NEEDS_PASSWORD))
    show_password (self, FALSE);
  else if (g_error_matches (error, WARTA_PDF_ERROR, WARTA_PDF_ERROR_BAD_PASSWORD))
    show_password (self, TRUE);
  else
    show_error (self, g_steal_pointer (&error));
}

/* Drops the document shown and whatever is under way for it. */
static void
reset (WartaPdfView *self)
{
  /* Ends the find as well. */
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _warta_pdf_view_find_reset (self);
  _warta_pdf_view_thumbnails_clear (self);
  warta_pdf_pages_set_document (self->pages, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_error (&self->error);
  self->unlocking = FALSE;
}

static void
on_password_activate (WartaPdfView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pdf.unlock", NULL);
}

static void
on_password_changed (WartaPdfView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_entry), "error");
}

static void
on_page_entry_activate (WartaPdfView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->page_entry))));
  guint64 page = 0;

  /* Out of range or not a number: the entry goes back to the page shown. */
  if (g_ascii_string_to_unsigned (text, 10, 1, MAX (warta_pdf_view_get_n_pages (self), 1), &page, NULL))
    {
      warta_pdf_view_set_page (self, (guint) page - 1);
      gtk_widget_grab_focus (GTK_WIDGET (self->pages));
    }
  update_page_entry (self);
}

static void
on_current_page_changed (WartaPdfView *self)
{
  update_page_entry (self);
  _warta_pdf_view_thumbnails_follow (self);
  _warta_pdf_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
}

static void
on_zoom_changed (WartaPdfView *self,
                 GParamSpec   *pspec)
{
  g_autofree char *label = g_strdup_printf ("%.0f%%", warta_pdf_pages_get_zoom (self->pages) * 100);

  gtk_menu_button_set_label (self->zoom_button, label);
  _warta_pdf_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self),
                            g_str_equal (pspec->name, "zoom") ? properties[PROP_ZOOM] : properties[PROP_ZOOM_MODE]);
}

/* Actions */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WartaPdfView *self = WARTA_PDF_VIEW (widget);

  if (g_str_equal (action_name, "pdf.zoom-in"))
    warta_pdf_view_zoom_in (self);
  else if (g_str_equal (action_name, "pdf.zoom-out"))
    warta_pdf_view_zoom_out (self);
  else if (g_str_equal (action_name, "pdf.fit-width"))
    warta_pdf_view_set_zoom_mode (self, WARTA_PDF_ZOOM_FIT_WIDTH);
  else if (g_str_equal (action_name, "pdf.fit-page"))
    warta_pdf_view_set_zoom_mode (self, WARTA_PDF_ZOOM_FIT_PAGE);
  else if (g_str_equal (action_name, "pdf.set-zoom"))
    warta_pdf_view_set_zoom (self, g_variant_get_double (parameter));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WartaPdfView *self = WARTA_PDF_VIEW (widget);
  guint page = warta_pdf_view_get_current_page (self);

  if (g_str_equal (action_name, "pdf.next-page"))
    warta_pdf_view_set_page (self, page + 1);
  else if (g_str_equal (action_name, "pdf.previous-page") && page > 0)
    warta_pdf_view_set_page (self, page - 1);
  else if (g_str_equal (action_name, "pdf.go-to-page"))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->page_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->page_entry), 0, -1);
    }
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WartaPdfView *self = WARTA_PDF_VIEW (widget);

  if (g_str_equal (action_name, "pdf.find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
    }
  else if (g_str_equal (action_name, "pdf.find-next"))
    warta_pdf_view_find_next (self);
  else if (g_str_equal (action_name, "pdf.find-previous"))
    warta_pdf_view_find_previous (self);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WartaPdfView *self = WARTA_PDF_VIEW (widget);

  warta_pdf_view_unlock (self, gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
}

/* GObject */

static void
warta_pdf_view_dispose (GObject *object)
{
  WartaPdfView *self = (WartaPdfView *)object;

  reset (self);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_PDF_VIEW);

  G_OBJECT_CLASS (warta_pdf_view_parent_class)->dispose (object);
}

static void
warta_pdf_view_finalize (GObject *object)
{
  WartaPdfView *self = (WartaPdfView *)object;

  g_free (self->display_name);
  g_clear_error (&self->error);
  g_clear_pointer (&self->matches, g_array_unref);
  g_free (self->find_text);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);

  G_OBJECT_CLASS (warta_pdf_view_parent_class)->finalize (object);
}

static void
warta_pdf_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WartaPdfView *self = WARTA_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_N_PAGES:
      g_value_set_uint (value, warta_pdf_view_get_n_pages (self));
      break;

    case PROP_CURRENT_PAGE:
      g_value_set_uint (value, warta_pdf_view_get_current_page (self));
      break;

    case PROP_N_MATCHES:
      g_value_set_uint (value, warta_pdf_view_get_n_matches (self));
      break;

    case PROP_ZOOM:
      g_value_set_double (value, warta_pdf_view_get_zoom (self));
      break;

    case PROP_ZOOM_MODE:
      g_value_set_enum (value, warta_pdf_view_get_zoom_mode (self));
      break;

    case PROP_SHOW_THUMBNAILS:
      g_value_set_boolean (value, self->show_thumbnails);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_pdf_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WartaPdfView *self = WARTA_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PAGE:
      warta_pdf_view_set_page (self, g_value_get_uint (value));
      break;

    case PROP_ZOOM:
      warta_pdf_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_ZOOM_MODE:
      warta_pdf_view_set_zoom_mode (self, g_value_get_enum (value));
      break;

    case PROP_SHOW_THUMBNAILS:
      warta_pdf_view_set_show_thumbnails (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_shortcut (GtkWidgetClass  *widget_class,
              guint            keyval,
              GdkModifierType  modifiers,
              const char      *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action_name, NULL);
}

static void
warta_pdf_view_class_init (WartaPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_pdf_view_dispose;
  object_class->finalize = warta_pdf_view_finalize;
  object_class->get_property = warta_pdf_view_get_property;
  object_class->set_property = warta_pdf_view_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       WARTA_TYPE_PDF_VIEW_STATE, WARTA_PDF_VIEW_EMPTY,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT_PAGE] =
    g_param_spec_uint ("current-page", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0, WARTA_PDF_ZOOM_MAX, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM_MODE] =
    g_param_spec_enum ("zoom-mode", NULL, NULL,
                       WARTA_TYPE_PDF_ZOOM_MODE, WARTA_PDF_ZOOM_FIT_WIDTH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_THUMBNAILS] =
    g_param_spec_boolean ("show-thumbnails", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.fit-page", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.set-zoom", "d", zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-previous", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "pdf.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "pdf.go-to-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "pdf.unlock", NULL, unlock_action);
  gtk_widget_class_install_property_action (widget_class, "pdf.show-thumbnails", "show-thumbnails");

  add_shortcut (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in");
  add_shortcut (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in");
  add_shortcut (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "pdf.zoom-in");
  add_shortcut (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out");
  add_shortcut (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "pdf.zoom-out");
  add_shortcut (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "pdf.fit-width");
  add_shortcut (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "pdf.fit-width");
  add_shortcut (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "pdf.find");
  add_shortcut (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "pdf.find-next");
  add_shortcut (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pdf.find-previous");
  add_shortcut (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pdf.find-previous");
  add_shortcut (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "pdf.go-to-page");
  add_shortcut (widget_class, GDK_KEY_n, 0, "pdf.next-page");
  add_shortcut (widget_class, GDK_KEY_p, 0, "pdf.previous-page");
  add_shortcut (widget_class, GDK_KEY_F9, 0, "pdf.show-thumbnails");

  gtk_widget_class_set_css_name (widget_class, "pdfview");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-pdf-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, spinner);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, password_page);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, password_entry);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, error_page);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, page_entry);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, match_label);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, thumbnails_window);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, thumbnails_list);
  gtk_widget_class_bind_template_child (widget_class, WartaPdfView, pages);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_current_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_changed);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_changed",
                                                G_CALLBACK (_warta_pdf_view_on_search_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_activate",
                                                G_CALLBACK (_warta_pdf_view_on_search_activate));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_next_match",
                                                G_CALLBACK (_warta_pdf_view_on_search_next_match));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_previous_match",
                                                G_CALLBACK (_warta_pdf_view_on_search_previous_match));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_mode_changed",
                                                G_CALLBACK (_warta_pdf_view_on_search_mode_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_thumbnail_activate",
                                                G_CALLBACK (_warta_pdf_view_on_thumbnail_activate));
}

static void
warta_pdf_view_init (WartaPdfView *self)
{
  g_type_ensure (WARTA_TYPE_PDF_PAGES);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cache_budget = WARTA_PDF_DOCUMENT_DEFAULT_BUDGET;
  self->current_match = -1;
  _warta_pdf_view_find_init (self);
  _warta_pdf_view_thumbnails_init (self);
  on_zoom_changed (self, properties[PROP_ZOOM]);
  _warta_pdf_view_update_actions (self);
}

GtkWidget *
warta_pdf_view_new (void)
{
  return g_object_new (WARTA_TYPE_PDF_VIEW, NULL);
}

/* A new document, to be loaded: the first page drawn at the fit the
 * view has now as soon as it opens. */
static void
begin_load (WartaPdfView *self,
            const char   *display_name)
{
  WartaPdfFit fit;

  reset (self);
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);

  self->document = warta_pdf_document_new ();
  warta_pdf_document_set_cache_budget (self->document, self->cache_budget);
  if (warta_pdf_pages_get_fit (self->pages, &fit))
    warta_pdf_document_set_first_page_fit (self->document, &fit);
  self->cancellable = g_cancellable_new ();
  set_state (self, WARTA_PDF_VIEW_LOADING);
}

/* Opens the PDF read from @fd, which the view takes (and keeps, to open
 * it again with a password); @display_name names it to the person. */
void
warta_pdf_view_load_fd (WartaPdfView *self,
                        int           fd,
                        const char   *display_name)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  g_return_if_fail (fd >= 0);

  begin_load (self, display_name);
  warta_pdf_document_load_async (self->document, fd, NULL, self->cancellable, load_cb, g_object_ref (self));
}

/* Opens the PDF in @bytes, which must not change while the view has
 * them: bytes read from a database, or a file mapped that no one else
 * can write (a mapped file cut short would crash the reader). */
void
warta_pdf_view_load_bytes (WartaPdfView *self,
                           GBytes       *bytes,
                           const char   *display_name)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  g_return_if_fail (bytes != NULL);

  begin_load (self, display_name);
  warta_pdf_document_load_bytes_async (self->document, bytes, NULL, self->cancellable, load_cb,
                                       g_object_ref (self));
}

/* Opens a local file; a file elsewhere shows as an error. */
void
warta_pdf_view_load_file (WartaPdfView *self,
                          GFile        *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  int fd;

  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      reset (self);
      g_free (self->display_name);
      self->display_name = g_steal_pointer (&name);
      show_error (self, g_error_new_literal (WARTA_PDF_ERROR, WARTA_PDF_ERROR_FAILED,
                                             _("Only files on this computer can be shown; save the file to a folder here first")));
      return;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      reset (self);
      g_free (self->display_name);
      self->display_name = g_steal_pointer (&name);
      show_error (self, g_error_new (WARTA_PDF_ERROR, WARTA_PDF_ERROR_FAILED,
                                     /* Translators: %s says why, from the operating system */
                                     _("Could not read this file (%s); check that it is still there"),
                                     g_strerror (saved_errno)));
      return;
    }

  warta_pdf_view_load_fd (self, fd, name);
}

/* Opens the locked document again with @password; a wrong one says so
 * on the password prompt. */
void
warta_pdf_view_unlock (WartaPdfView *self,
                       const char   *password)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  g_return_if_fail (password != NULL);

  if (self->state != WARTA_PDF_VIEW_NEEDS_PASSWORD || self->unlocking)
    return;

  self->unlocking = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->password_error_label), FALSE);
  /* Not insensitive: it has the focus, which would go nowhere. */
  gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), FALSE);
  _warta_pdf_view_update_actions (self);
  warta_pdf_document_unlock_async (self->document, password, self->cancellable, load_cb, g_object_ref (self));
}

/* Shows nothing, and lets the document go. */
void
warta_pdf_view_clear (WartaPdfView *self)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));

  reset (self);
  g_clear_pointer (&self->display_name, g_free);
  set_state (self, WARTA_PDF_VIEW_EMPTY);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

WartaPdfViewState
warta_pdf_view_get_state (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), WARTA_PDF_VIEW_EMPTY);
  return self->state;
}

/* Why the error page shows, WARTA_PDF_ERROR, or NULL. */
const GError *
warta_pdf_view_get_error (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), NULL);
  return self->error;
}

/* What the error page says, or NULL. */
const char *
warta_pdf_view_get_error_message (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), NULL);
  return self->error != NULL ? self->error->message : NULL;
}

const char *
warta_pdf_view_get_display_name (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), NULL);
  return self->display_name;
}

/* The document shown, once ready; for its title and its cache. */
WartaPdfDocument *
warta_pdf_view_get_document (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), NULL);
  return self->state == WARTA_PDF_VIEW_READY ? self->document : NULL;
}

guint
warta_pdf_view_get_n_pages (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), 0);
  return self->state == WARTA_PDF_VIEW_READY && self->document != NULL ?
         warta_pdf_document_get_n_pages (self->document) : 0;
}

/* The page that takes most of the view, from 0. */
guint
warta_pdf_view_get_current_page (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), 0);
  return warta_pdf_pages_get_current_page (self->pages);
}

/* Scrolls to @page, from 0. */
void
warta_pdf_view_set_page (WartaPdfView *self,
                         guint         page)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));

  if (self->state == WARTA_PDF_VIEW_READY)
    warta_pdf_pages_set_current_page (self->pages, page);
}

/* Whether @page's texture at the zoom shown has come from the worker. */
gboolean
warta_pdf_view_is_page_rendered (WartaPdfView *self,
                                 guint         page)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), FALSE);
  return warta_pdf_pages_is_page_rendered (self->pages, page);
}

WartaPdfZoomMode
warta_pdf_view_get_zoom_mode (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), WARTA_PDF_ZOOM_FIT_WIDTH);
  return warta_pdf_pages_get_zoom_mode (self->pages);
}

void
warta_pdf_view_set_zoom_mode (WartaPdfView     *self,
                              WartaPdfZoomMode  mode)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  warta_pdf_pages_set_zoom_mode (self->pages, mode);
}

/* 1.0 is 96 pixels per inch. */
double
warta_pdf_view_get_zoom (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), 1);
  return warta_pdf_pages_get_zoom (self->pages);
}

void
warta_pdf_view_set_zoom (WartaPdfView *self,
                         double        zoom)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  warta_pdf_pages_set_zoom (self->pages, zoom);
}

void
warta_pdf_view_zoom_in (WartaPdfView *self)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  warta_pdf_pages_zoom_in (self->pages);
}

void
warta_pdf_view_zoom_out (WartaPdfView *self)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  warta_pdf_pages_zoom_out (self->pages);
}

gboolean
warta_pdf_view_get_show_thumbnails (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), FALSE);
  return self->show_thumbnails;
}

void
warta_pdf_view_set_show_thumbnails (WartaPdfView *self,
                                    gboolean      show)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));

  show = !!show;
  if (self->show_thumbnails == show)
    return;

  self->show_thumbnails = show;
  _warta_pdf_view_thumbnails_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_THUMBNAILS]);
}

/* The most the rendered pages may take, for this document and the next. */
void
warta_pdf_view_set_cache_budget (WartaPdfView *self,
                                 gsize         bytes)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));
  g_return_if_fail (bytes > 0);

  self->cache_budget = bytes;
  if (self->document != NULL)
    warta_pdf_document_set_cache_budget (self->document, bytes);
}
