/* warta-pdf-view-thumbnails.c: the sidebar of page thumbnails
 *
 * A GtkListView, so only the rows on screen exist. A row asks for its
 * thumbnail when it is bound, at the worker's thumbnail priority: after
 * the pages on screen, before the ones rendered ahead. The list has no
 * model until the sidebar is first shown, so a view without it renders
 * no thumbnail at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "warta-pdf-view-private.h"

#define THUMBNAIL_SIZE 120

/* The scale that makes the page THUMBNAIL_SIZE wide, or that tall when
 * it is taller than wide. */
static double
thumbnail_scale (WartaPdfView *self,
                 guint         page,
                 int          *width,
                 int          *height)
{
  double page_width, page_height, scale;

  warta_pdf_document_get_page_size (self->document, page, &page_width, &page_height);
  page_width = MAX (page_width, 1);
  page_height = MAX (page_height, 1);
  scale = THUMBNAIL_SIZE / page_width;
  if (page_height * scale > THUMBNAIL_SIZE * 1.5)
    scale = THUMBNAIL_SIZE * 1.5 / page_height;

  *width = MAX (1, (int) round (page_width * scale));
  *height = MAX (1, (int) round (page_height * scale));
  return scale;
}

static void
show_thumbnail (WartaPdfView *self,
                guint         page,
                GtkPicture   *picture)
{
  GdkTexture *texture = warta_pdf_document_lookup (self->document, page, TRUE, NULL);
  int width, height;
  double scale = thumbnail_scale (self, page, &width, &height) *
                 gtk_widget_get_scale_factor (GTK_WIDGET (picture));

  gtk_picture_set_paintable (picture, texture != NULL ? GDK_PAINTABLE (texture) : NULL);
  if (!warta_pdf_document_has_page (self->document, page, TRUE, scale))
    warta_pdf_document_request (self->document, page, scale, WARTA_PDF_PRIORITY_THUMBNAIL);
}

/* The bound rows are the ones on screen and a few more: the cache keeps
 * those, and drops queued thumbnails for the others. */
static void
sync_visible (WartaPdfView *self)
{
  GHashTableIter iter;
  gpointer key;
  guint first = G_MAXUINT, last = 0;

  if (self->document == NULL || g_hash_table_size (self->thumbnails) == 0)
    return;

  g_hash_table_iter_init (&iter, self->thumbnails);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      first = MIN (first, GPOINTER_TO_UINT (key));
      last = MAX (last, GPOINTER_TO_UINT (key));
    }
  warta_pdf_document_set_visible (self->document, TRUE, first, last);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          WartaPdfView             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "pdf-thumbnail");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         WartaPdfView             *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  guint page = gtk_list_item_get_position (item);
  g_autofree char *number = g_strdup_printf ("%u", page + 1);
  g_autofree char *description = NULL;
  int width, height;

  if (self->document == NULL)
    return;

  thumbnail_scale (self, page, &width, &height);
  gtk_widget_set_size_request (picture, width, height);
  gtk_label_set_label (GTK_LABEL (label), number);
  /* Translators: a page's number, for screen readers */
  description = g_strdup_printf (_("Page %u"), page + 1);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), description);

  g_object_set_data (G_OBJECT (picture), "warta-pdf-page", GUINT_TO_POINTER (page + 1));
  g_hash_table_insert (self->thumbnails, GUINT_TO_POINTER (page), picture);
  show_thumbnail (self, page, GTK_PICTURE (picture));
  sync_visible (self);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           WartaPdfView             *self)
{
  GtkWidget *picture = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint page_1 = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (picture), "warta-pdf-page"));

  gtk_picture_set_paintable (GTK_PICTURE (picture), NULL);
  if (page_1 > 0 && g_hash_table_lookup (self->thumbnails, GUINT_TO_POINTER (page_1 - 1)) == picture)
    g_hash_table_remove (self->thumbnails, GUINT_TO_POINTER (page_1 - 1));
  g_object_set_data (G_OBJECT (picture), "warta-pdf-page", NULL);
  sync_visible (self);
}

void
_warta_pdf_view_thumbnails_init (WartaPdfView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->thumbnails = g_hash_table_new (NULL, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->thumbnails_list, factory);
  g_object_unref (factory);
}

/* Shows the sidebar or not, as asked, with a model for the document the
 * first time it shows. */
void
_warta_pdf_view_thumbnails_sync (WartaPdfView *self)
{
  gboolean visible = self->show_thumbnails && self->state == WARTA_PDF_VIEW_READY;

  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails_window), visible);
  if (visible && gtk_list_view_get_model (self->thumbnails_list) == NULL)
    {
      guint n_pages = warta_pdf_document_get_n_pages (self->document);
      g_autoptr(GtkStringList) pages = gtk_string_list_new (NULL);
      g_autoptr(GtkSingleSelection) selection = NULL;

      for (guint i = 0; i < n_pages; i++)
        {
          char number[16];

          g_snprintf (number, sizeof number, "%u", i + 1);
          gtk_string_list_append (pages, number);
        }
      selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&pages)));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_list_view_set_model (self->thumbnails_list, GTK_SELECTION_MODEL (selection));
    }
  _warta_pdf_view_thumbnails_follow (self);
}

void
_warta_pdf_view_thumbnails_clear (WartaPdfView *self)
{
  gtk_list_view_set_model (self->thumbnails_list, NULL);
  g_hash_table_remove_all (self->thumbnails);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails_window), FALSE);
}

void
_warta_pdf_view_thumbnails_rendered (WartaPdfView *self,
                                     guint         page)
{
  GtkPicture *picture = g_hash_table_lookup (self->thumbnails, GUINT_TO_POINTER (page));

  if (picture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (warta_pdf_document_lookup (self->document, page, TRUE, NULL)));
}

/* The current page's thumbnail is selected and in sight. */
void
_warta_pdf_view_thumbnails_follow (WartaPdfView *self)
{
  GtkSelectionModel *model = gtk_list_view_get_model (self->thumbnails_list);
  guint page = warta_pdf_view_get_current_page (self);

  if (model == NULL || page >= g_list_model_get_n_items (G_LIST_MODEL (model)))
    return;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), page);
  if (gtk_widget_get_visible (GTK_WIDGET (self->thumbnails_window)))
    gtk_widget_activate_action (GTK_WIDGET (self->thumbnails_list), "list.scroll-to-item", "u", page);
}

void
_warta_pdf_view_on_thumbnail_activate (WartaPdfView *self,
                                       guint         position)
{
  warta_pdf_view_set_page (self, position);
}
