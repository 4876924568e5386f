/* print-ui-util.h: the cases, window and readers the print tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <poppler.h>

#include "test-util.h"
#include "ui-util.h"
#include "warta-application.h"
#include "warta-window.h"

G_BEGIN_DECLS

/* poppler-glib 22 defines no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define SEED_002 "bbkk-medan-publikasi-website"
#define SEED_003 "bkk-palembang-publikasi-medsos-website"
#define WAIT_MS  10000
#define PRINT_MS 60000
#define LONG_ROUNDS 12
/* The title of the fixture's case_id */
#define CASE_TITLE "Vaksinasi Internasional di Pelabuhan Belawan"

/* Two cases of seed 002 driven to their end, each with a publication
 * proven live: one plain, one returned LONG_ROUNDS times at its review
 * step; and a window on the database. */
typedef struct
{
  TestDb      *db;
  gint64       staff, katim, kepala, web;
  gint64       case_id;     /* seed 002, finished */
  gint64       long_id;     /* seed 002, finished after LONG_ROUNDS returns */
  WartaWindow *window;
} Fixture;

extern WartaApplication *print_ui_app;

void       print_ui_init            (int          *argc,
                                     char       ***argv);
int        print_ui_run             (void);
void       print_ui_set_up          (Fixture      *f,
                                     gconstpointer data);
void       print_ui_tear_down       (Fixture      *f,
                                     gconstpointer data);
gint64     print_ui_drive_case      (Fixture      *f,
                                     const char   *title,
                                     guint         rounds);
void       print_ui_sign_in         (Fixture      *f,
                                     const char   *login,
                                     gint64        id);
void       print_ui_save_root_window (const char  *name);
void       print_ui_save_screen     (Fixture      *f,
                                     const char   *name);
/* Each page's text; print_ui_read_pdf waits for the file to be whole. */
GPtrArray *print_ui_page_texts      (PopplerDocument *document);
GPtrArray *print_ui_read_pdf        (const char   *path);
/* The prints or exports of document by by, with sha256 if not NULL */
guint      print_ui_count_prints    (Fixture      *f,
                                     gint64        by,
                                     gint64        case_id,
                                     const char   *document,
                                     const char   *how,
                                     const char   *sha256);

G_END_DECLS
