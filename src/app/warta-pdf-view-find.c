/* warta-pdf-view-find.c: finding text in the PDF shown
 *
 * The find runs on the document's worker page by page, between renders,
 * and hands each page's matches back as it goes: they are highlighted
 * at once, and the first one from the page being read is shown without
 * waiting for the rest of the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-pdf-view-private.h"

static void
update_match_label (WartaPdfView *self)
{
  g_autofree char *text = NULL;
  guint n_matches = self->matches != NULL ? self->matches->len : 0;
  gboolean none = FALSE;

  if (self->find_text == NULL || *self->find_text == '\0' || self->state != WARTA_PDF_VIEW_READY)
    text = g_strdup ("");
  else if (n_matches > 0 && self->current_match >= 0)
    /* Translators: the match shown and how many there are: "3 of 12" */
    text = g_strdup_printf (_("%d of %u"), self->current_match + 1, n_matches);
  else if (self->finding)
    text = g_strdup (_("Searching…"));
  else
    {
      text = g_strdup (_("No matches"));
      none = TRUE;
    }

  gtk_label_set_label (self->match_label, text);
  if (none)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
}

static void
changed (WartaPdfView *self)
{
  update_match_label (self);
  _warta_pdf_view_notify_matches (self);
}

void
_warta_pdf_view_find_select (WartaPdfView *self,
                             int           index)
{
  g_assert (self->matches != NULL && index >= 0 && (guint) index < self->matches->len);

  self->current_match = index;
  warta_pdf_pages_set_matches (self->pages, self->matches, index);
  warta_pdf_pages_scroll_to_match (self->pages, index);
  changed (self);
}

static void
find_progress_cb (WartaPdfDocument    *document,
                  const WartaPdfMatch *matches,
                  guint                n_matches,
                  gpointer             user_data)
{
  WartaPdfView *self = user_data;
  guint first = self->matches->len;

  g_array_append_vals (self->matches, matches, n_matches);
  if (self->current_match < 0 && n_matches > 0 && matches[0].page >= self->find_from_page)
    _warta_pdf_view_find_select (self, first);
  else
    {
      warta_pdf_pages_set_matches (self->pages, self->matches, self->current_match);
      changed (self);
    }
}

static void
find_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WartaPdfView) self = user_data;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  matches = warta_pdf_document_find_finish (WARTA_PDF_DOCUMENT (object), result, &error);
  /* A newer find, or another document. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not find in the PDF: %s", error->message);

  self->finding = FALSE;
  /* None from the page being read on: the first of the document. */
  if (self->current_match < 0 && self->matches->len > 0)
    _warta_pdf_view_find_select (self, 0);
  else
    changed (self);
}

/* Drops the matches and stops a find under way. */
void
_warta_pdf_view_find_reset (WartaPdfView *self)
{
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->matches, g_array_unref);
  self->current_match = -1;
  self->finding = FALSE;
  warta_pdf_pages_set_matches (self->pages, NULL, -1);
}

/* Finds find_text anew, or only clears the last find when it is empty. */
void
_warta_pdf_view_find_start (WartaPdfView *self)
{
  _warta_pdf_view_find_reset (self);
  self->matches = g_array_new (FALSE, FALSE, sizeof (WartaPdfMatch));

  if (self->state == WARTA_PDF_VIEW_READY && self->find_text != NULL && *self->find_text != '\0')
    {
      self->find_cancellable = g_cancellable_new ();
      self->finding = TRUE;
      self->find_from_page = warta_pdf_view_get_current_page (self);
      warta_pdf_document_find_async (self->document, self->find_text,
                                     find_progress_cb, self,
                                     self->find_cancellable, find_done_cb, g_object_ref (self));
    }
  changed (self);
}

void
_warta_pdf_view_on_search_changed (WartaPdfView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Not the entry emptied for a moment as warta_pdf_view_find() sets it. */
  if (self->setting_search_text)
    return;
  if (g_strcmp0 (text, self->find_text) != 0)
    warta_pdf_view_find (self, text);
}

void
_warta_pdf_view_on_search_activate (WartaPdfView *self)
{
  warta_pdf_view_find_next (self);
}

void
_warta_pdf_view_on_search_next_match (WartaPdfView *self)
{
  warta_pdf_view_find_next (self);
}

void
_warta_pdf_view_on_search_previous_match (WartaPdfView *self)
{
  warta_pdf_view_find_previous (self);
}

/* Closing the search bar ends the find and its highlights. */
void
_warta_pdf_view_on_search_mode_changed (WartaPdfView *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;

  warta_pdf_view_find (self, "");
  if (self->state == WARTA_PDF_VIEW_READY)
    gtk_widget_grab_focus (GTK_WIDGET (self->pages));
}

void
_warta_pdf_view_find_init (WartaPdfView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  /* Shift+Enter goes back, as Enter goes on; before the entry's text
   * takes it as Enter. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                               gtk_named_action_new ("pdf.find-previous"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_SHIFT_MASK),
                               gtk_named_action_new ("pdf.find-previous"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  update_match_label (self);
}

/* Finds @text in every page, case-insensitive, and highlights the
 * matches; the first one from the current page on is shown. An empty
 * @text ends the find. */
void
warta_pdf_view_find (WartaPdfView *self,
                     const char   *text)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, self->find_text) == 0 && (self->finding || self->matches != NULL))
    return;

  g_free (self->find_text);
  self->find_text = g_strdup (text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      self->setting_search_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->setting_search_text = FALSE;
    }
  if (*text != '\0')
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  _warta_pdf_view_find_start (self);
}

/* Whether a find is still going through the pages. */
gboolean
warta_pdf_view_is_finding (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), FALSE);
  return self->finding;
}

/* The matches found so far. */
guint
warta_pdf_view_get_n_matches (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), 0);
  return self->matches != NULL ? self->matches->len : 0;
}

/* The match highlighted as the current one, from 0, or -1. */
int
warta_pdf_view_get_current_match (WartaPdfView *self)
{
  g_return_val_if_fail (WARTA_IS_PDF_VIEW (self), -1);
  return self->current_match;
}

void
warta_pdf_view_find_next (WartaPdfView *self)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));

  if (self->matches == NULL || self->matches->len == 0)
    return;
  _warta_pdf_view_find_select (self, self->current_match < 0 ? 0 :
                                     (int) ((self->current_match + 1) % self->matches->len));
}

void
warta_pdf_view_find_previous (WartaPdfView *self)
{
  g_return_if_fail (WARTA_IS_PDF_VIEW (self));

  if (self->matches == NULL || self->matches->len == 0)
    return;
  _warta_pdf_view_find_select (self, self->current_match <= 0 ? (int) self->matches->len - 1 :
                                     self->current_match - 1);
}
