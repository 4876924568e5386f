/* warta-archive-pane-private.h: the archive pane's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-archive-pane.h"
#include "warta-evidence.h"
#include "warta-pdf-view.h"
#include "warta-print.h"

G_BEGIN_DECLS

typedef struct _ArchiveProgress ArchiveProgress;

/* One row of the register, as the list model holds it */
#define WARTA_TYPE_ARCHIVE_ITEM (warta_archive_item_get_type ())
G_DECLARE_FINAL_TYPE (WartaArchiveItem, warta_archive_item, WARTA, ARCHIVE_ITEM, GObject)

const WartaArchiveEntry *_warta_archive_item_get_entry (WartaArchiveItem *self);

struct _WartaArchivePane
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *from_button;
  GtkMenuButton       *to_button;
  GtkCalendar         *from_calendar;
  GtkCalendar         *to_calendar;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
  GtkStack            *details_stack;
  GtkLabel            *title_label;
  GtkLabel            *sop_label;
  GtkLabel            *dates_label;
  GtkLabel            *link_label;
  GtkLabel            *prints_label;
  AdwPreferencesGroup *copies_group;
  AdwPreferencesGroup *documents_group;
  GtkButton           *make_copy_button;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *preview_stack;
  AdwStatusPage       *loading_page;
  AdwStatusPage       *preview_error_page;
  WartaPdfView        *pdf_view;

  /* Built in code */
  GPtrArray           *copy_rows;            /* in copies_group */

  /* Owned */
  WartaSession        *session;
  GSignalGroup        *session_signals;      /* of session */
  GListStore          *store;                /* of the finished cases listed */
  GtkSingleSelection  *selection;
  GCancellable        *list_cancellable;
  GDateTime           *from;                 /* local days; NULL: any */
  GDateTime           *to;
  gint64               case_id;              /* the case shown, 0 for none */
  GObject             *item;                 /* the row shown, as the list read it */
  const WartaArchiveEntry *entry;            /* item's */
  GPtrArray           *copies;               /* WartaArchiveCopy of case_id */
  GCancellable        *details_cancellable;
  GCancellable        *preview_cancellable;
  GCancellable        *job_cancellable;      /* a bundle or a copy being made */
  ArchiveProgress     *progress;
  WartaPrint          *print;                /* a print or export under way */
  guint                notify_source;        /* can-go-back, after allocation */
  guint                changed_source;       /* one read for the changes of a commit */
  guint                changed_details : 1;  /* they may touch the shown case */
  guint                list_loading : 1;
  guint                details_loading : 1;
  guint                preview_loading : 1;
  guint                stale : 1;            /* the database changed while hidden */
  guint                restoring : 1;        /* selecting again after a reload */
};

/* warta-archive-pane-load.c */
void      _warta_archive_pane_reload         (WartaArchivePane *self);
void      _warta_archive_pane_load_details   (WartaArchivePane *self);
void      _warta_archive_pane_update_empty   (WartaArchivePane *self);
void      _warta_archive_pane_fill_header    (WartaArchivePane *self);
void      _warta_archive_pane_update_prints  (WartaArchivePane *self);
void      _warta_archive_pane_fill_copies    (WartaArchivePane *self,
                                              GHashTable       *names);
GtkWidget *_warta_archive_pane_icon_button   (const char       *icon_name,
                                              const char       *tooltip,
                                              const char       *action_name,
                                              GVariant         *target);
void      _warta_archive_pane_factory_setup  (GtkSignalListItemFactory *factory,
                                              GtkListItem      *list_item,
                                              gpointer          user_data);
void      _warta_archive_pane_factory_bind   (GtkSignalListItemFactory *factory,
                                              GtkListItem      *list_item,
                                              gpointer          user_data);

/* warta-archive-pane.c and warta-archive-pane-jobs.c */
void      _warta_archive_pane_update_actions (WartaArchivePane *self);
void      _warta_archive_pane_toast          (WartaArchivePane *self,
                                              const char       *message);
void      _warta_archive_pane_cancel_jobs    (WartaArchivePane *self);
void      _warta_archive_pane_class_init_jobs (GtkWidgetClass  *widget_class);

G_END_DECLS
