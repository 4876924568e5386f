/* warta-pdf-view-private.h: what the parts of WartaPdfView share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-pdf-view.h"

G_BEGIN_DECLS

struct _WartaPdfView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkSpinner        *spinner;
  AdwStatusPage     *password_page;
  GtkPasswordEntry  *password_entry;
  GtkLabel          *password_error_label;
  GtkButton         *unlock_button;
  AdwStatusPage     *error_page;
  GtkEntry          *page_entry;
  GtkLabel          *n_pages_label;
  GtkMenuButton     *zoom_button;
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkLabel          *match_label;
  GtkScrolledWindow *thumbnails_window;
  GtkListView       *thumbnails_list;
  WartaPdfPages     *pages;

  /* Owned */
  WartaPdfDocument  *document;
  GCancellable      *cancellable;       /* the load and the unlocks */
  char              *display_name;
  GError            *error;             /* what the error page shows */
  WartaPdfViewState  state;
  guint              spinner_id;        /* shows the spinner, if loading takes a while */
  gsize              cache_budget;
  gboolean           unlocking;

  /* Find */
  GCancellable      *find_cancellable;
  char              *find_text;
  GArray            *matches;           /* WartaPdfMatch, in page order */
  int                current_match;
  guint              find_from_page;    /* the first match from here is shown first */
  gboolean           finding;
  gboolean           setting_search_text;

  /* Thumbnails */
  gboolean           show_thumbnails;
  GHashTable        *thumbnails;        /* page → GtkPicture, those bound */
};

void _warta_pdf_view_update_actions       (WartaPdfView *self);
void _warta_pdf_view_notify_matches       (WartaPdfView *self);

/* warta-pdf-view-find.c */
void _warta_pdf_view_find_init            (WartaPdfView *self);
void _warta_pdf_view_find_reset           (WartaPdfView *self);
void _warta_pdf_view_find_start           (WartaPdfView *self);
void _warta_pdf_view_find_select          (WartaPdfView *self,
                                           int           index);
void _warta_pdf_view_on_search_changed    (WartaPdfView *self);
void _warta_pdf_view_on_search_activate   (WartaPdfView *self);
void _warta_pdf_view_on_search_next_match (WartaPdfView *self);
void _warta_pdf_view_on_search_previous_match (WartaPdfView *self);
void _warta_pdf_view_on_search_mode_changed (WartaPdfView *self);

/* warta-pdf-view-thumbnails.c */
void _warta_pdf_view_thumbnails_init      (WartaPdfView *self);
void _warta_pdf_view_thumbnails_sync      (WartaPdfView *self);
void _warta_pdf_view_thumbnails_clear     (WartaPdfView *self);
void _warta_pdf_view_thumbnails_rendered  (WartaPdfView *self,
                                           guint         page);
void _warta_pdf_view_thumbnails_follow    (WartaPdfView *self);
void _warta_pdf_view_on_thumbnail_activate (WartaPdfView *self,
                                            guint         position);

G_END_DECLS
