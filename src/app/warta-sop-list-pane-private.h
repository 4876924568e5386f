/* warta-sop-list-pane-private.h: the SOP pane's fields, shared by its parts
 *
 * warta-sop-list-pane.c shows the list and the SOP chosen;
 * warta-sop-list-pane-admin.c is what an administrator does there:
 * importing a file, retiring, restoring and exporting an SOP; and what
 * every reader sees of it: its versions and the lanes no one can work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-sop-list-pane.h"
#include "warta-sop-view.h"

G_BEGIN_DECLS

struct _WartaSopListPane
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkStack        *list_stack;
  GtkListBox      *list_box;
  GtkWidget       *import_button;
  WartaSopView    *sop_view;
  GtkWidget       *sop_bar;
  GtkLabel        *version_label;
  GtkDropDown     *version_dropdown;
  GtkButton       *retire_button;
  GtkWidget       *export_button;
  GtkWidget       *retired_banner;
  GtkWidget       *unstaffed_banner;
  GtkLabel        *unstaffed_label;

  /* Owned */
  WartaSession    *session;
  GSignalGroup    *session_signals;
  GCancellable    *loading;     /* the read of the list under way */
  char            *sop_id;      /* the SOP shown */
  GHashTable      *retired;     /* ids of the retired SOPs, as listed */
  GCancellable    *shown_loading; /* the read of the shown SOP's version and lanes */
  GPtrArray       *versions;    /* WartaSopInfo: the shown SOP's versions, oldest first */
  int              version;     /* the version shown; 0: the latest */
  GCancellable    *cancellable; /* imports, exports, retirements; cancelled in dispose */
  GtkFileChooserNative *chooser;
  guint            rebuilding : 1;
  guint            updating_versions : 1;
};

/* The SOP shown, or the one chosen in the list. */
void     _warta_sop_list_pane_reload        (WartaSopListPane *self);
void     _warta_sop_list_pane_toast         (WartaSopListPane *self,
                                             const char       *message);

/* warta-sop-list-pane-admin.c */
void     _warta_sop_list_pane_class_init_admin (GtkWidgetClass *widget_class);
void     _warta_sop_list_pane_update_admin  (WartaSopListPane *self);
/* Reads the shown SOP's versions, the version asked for and its lanes
 * no one can work; version 0: the latest. */
void     _warta_sop_list_pane_load_shown    (WartaSopListPane *self,
                                             int               version);
void     _warta_sop_list_pane_dispose_admin (WartaSopListPane *self);

G_END_DECLS
