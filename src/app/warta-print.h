/* warta-print.h: printing or exporting one document of one case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-evidence.h"
#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_TYPE_PRINT (warta_print_get_type ())

G_DECLARE_FINAL_TYPE (WartaPrint, warta_print, WARTA, PRINT, GObject)

/* One document of a case, drawn fresh from the database. */
WartaPrint       *warta_print_new                 (WartaSession        *session,
                                                   gint64               case_id,
                                                   WartaDocumentKind    kind);
/* A kept archive copy, printed exactly as it was kept. */
WartaPrint       *warta_print_new_for_copy        (WartaSession        *session,
                                                   gint64               case_id,
                                                   gint64               copy_id);

gint64            warta_print_get_case_id         (WartaPrint          *self);
WartaDocumentKind warta_print_get_kind            (WartaPrint          *self);

/* For scripts and tests: print with these settings, without the dialog;
 * or, with an export file name, to that PDF through GTK's own export. */
void              warta_print_set_print_settings  (WartaPrint          *self,
                                                   GtkPrintSettings    *settings);
void              warta_print_set_show_dialog     (WartaPrint          *self,
                                                   gboolean             show_dialog);
void              warta_print_set_export_filename (WartaPrint          *self,
                                                   const char          *filename);

/* Gathers on a worker, then runs the print dialog. Records the print when
 * the person printed (not for a preview); G_IO_ERROR_CANCELLED when they
 * cancelled. Says how it went itself: a toast on the nearest
 * AdwToastOverlay above parent (so parent is a widget inside one), an
 * error in a dialog on parent's window. */
void              warta_print_print_async         (WartaPrint          *self,
                                                   GtkWidget           *parent,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean          warta_print_print_finish        (WartaPrint          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Asks where (file NULL) or writes to file: the document as a PDF on the
 * page setup's paper, written and recorded (with its SHA-256) on a worker. */
void              warta_print_export_async        (WartaPrint          *self,
                                                   GtkWidget           *parent,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Returns: (transfer full): the file written, or NULL */
GFile            *warta_print_export_finish       (WartaPrint          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The page setup documents are printed and exported on: the page-setup
 * setting, or A4 portrait with 15 mm margins when it is empty. */
GtkPageSetup     *warta_print_load_page_setup     (void);
void              warta_print_save_page_setup     (GtkPageSetup        *setup);
/* The printer and its options as last chosen, for this process. */
GtkPrintSettings *warta_print_get_settings        (void);

G_END_DECLS
