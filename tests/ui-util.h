/* ui-util.h: the application of the tests' windows, waiting for a live
 * GTK window, finding its widgets and saving what it shows, for the
 * tests that run under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "warta-application.h"

G_BEGIN_DECLS

typedef struct _UiWait UiWait;

UiWait    *ui_wait_begin          (guint        timeout_ms);
void       ui_wait_step           (UiWait      *wait,
                                   const char  *what,
                                   const char  *file,
                                   int          line,
                                   const char  *func);
gboolean   ui_wait_more           (UiWait      *wait);
void       ui_wait_end            (UiWait      *wait);

/* Runs the main loop until @cond holds; fails the test, saying what it
 * waited for, after @timeout_ms. @cond is evaluated on every iteration. */
#define UI_WAIT_UNTIL(cond, timeout_ms)                                  \
  G_STMT_START {                                                         \
    UiWait *ui_wait_ = ui_wait_begin (timeout_ms);                       \
    while (!(cond))                                                      \
      ui_wait_step (ui_wait_, #cond, __FILE__, __LINE__, G_STRFUNC);     \
    ui_wait_end (ui_wait_);                                              \
  } G_STMT_END

/* The same, without failing: @ok says whether @cond came to hold. */
#define UI_TRY_UNTIL(cond, timeout_ms, ok)                               \
  G_STMT_START {                                                         \
    UiWait *ui_wait_ = ui_wait_begin (timeout_ms);                       \
    while (!((ok) = (cond)) && ui_wait_more (ui_wait_))                  \
      ;                                                                  \
    ui_wait_end (ui_wait_);                                              \
  } G_STMT_END

WartaApplication *ui_application_new (void);

void       ui_iterate             (guint        ms);
void       ui_wait_for_frames     (GtkWidget   *widget,
                                   guint        n_frames);
typedef gboolean (*UiWidgetMatch) (GtkWidget     *widget,
                                   gconstpointer  data);

gpointer   ui_child               (gpointer     widget,
                                   GType        type,
                                   const char  *id);
GtkWidget *ui_scrolled_child      (GtkWidget   *scroller);
gpointer   ui_case_child          (gpointer     view,
                                   const char  *id);
GtkTextView *ui_case_body         (gpointer     view);
GtkWidget *ui_case_chain          (gpointer     view);
GtkWidget *ui_case_flowchart      (gpointer     view);
GtkWidget *ui_find_widget         (GtkWidget   *root,
                                   UiWidgetMatch match,
                                   gconstpointer data);
GtkWidget *ui_find_label          (GtkWidget   *root,
                                   const char  *text,
                                   gboolean     mapped);
GtkWidget *ui_find_descendant     (GtkWidget   *root,
                                   GType        type);
GtkWidget *ui_find_button         (GtkWidget   *root,
                                   const char  *label);
GtkWidget *ui_find_button_by_icon (GtkWidget  *root,
                                   const char  *icon_name);
GPtrArray *ui_find_labels         (GtkWidget   *root,
                                   const char  *css_class);
GtkWindow *ui_find_toplevel       (GType        type,
                                   GtkWindow   *except);
char      *ui_save_screenshot     (GtkWidget   *widget,
                                   const char  *name);
void       ui_assert_screenshot   (const char  *path);
char      *ui_text_tagged         (GtkTextBuffer *buffer,
                                   const char  *tag_name);
void       ui_screenshot          (GtkWidget   *widget,
                                   const char  *name);
void       ui_destroy_window      (gpointer     window_location,
                                   guint        timeout_ms);

G_END_DECLS
