/* ui-office.h: an office of seed 002 in a window, and the helpers the
 * window tests (test-ui.c, test-ui-case.c) drive it with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui-util.h"
#include "warta-application.h"
#include "warta-attachments-panel.h"
#include "warta-case-view.h"
#include "warta-cases-pane.h"
#include "warta-window.h"

G_BEGIN_DECLS

#define PASSWORD "rahasia123"
/* What the administrator gives a new person, who replaces it by PASSWORD
 * before signing in (ui_office_add_person). */
#define FIRST_PASSWORD "sementara123"
#define SOP_ID   "bbkk-medan-publikasi-website"
#define OFFICE   "Balai Besar Kekarantinaan Kesehatan Medan"

/* Seed 003 beside 002, and one person who holds each of its lanes, for
 * a decision (ya/tidak) at a review step that edits the naskah. */
#define SOP_003 "bkk-palembang-publikasi-medsos-website"

/* What another process's change may take to show. */
#define LIVE_MS  2000
/* A worker's read, a sign-in's argon2id: generous, for a loaded machine. */
#define WAIT_MS  10000

/* One person a lane of seed 002; the katimker lane has two, so that a
 * disposition to one of them leaves the other out. */
typedef struct
{
  const char *login;
  const char *name;
  const char *jabatan;
  const char *role;
  const char *panes;   /* the panes the person has */
} Person;

enum { STAF, KATIM1, KATIM2, KEPALA, WEBADMIN, N_PEOPLE };

extern const Person people[N_PEOPLE];
extern const char * const all_panes[];

typedef struct
{
  char        *dir;
  char        *path;
  /* A connection of the test's own, as another process would have */
  WartaStore  *store;
  WartaEngine *engine;
  gint64       admin;
  gint64       ids[N_PEOPLE];
  gint64       serba;   /* the person of seed 003, with "seed-003" */
  WartaWindow *window;
  GHashTable  *shots;   /* screenshot names taken, to take each once */
} Fixture;

typedef void (*UiOfficeTest) (Fixture       *f,
                              gconstpointer  data);

void                    ui_office_init               (void);
WartaApplication       *ui_office_get_application    (void);
void                    ui_office_add                (const char         *path,
                                                      UiOfficeTest        test,
                                                      gconstpointer       data);
int                     ui_office_run                (void);

WartaWindow            *open_window                  (const char         *path);
/* Added by the administrator, then their own password (PASSWORD) chosen,
 * as a person does at the first sign-in. */
gint64                  ui_office_add_person         (Fixture            *f,
                                                      const WartaUser    *user);

/* Reading the window */
WartaCasesPane         *get_cases_pane               (WartaWindow        *window,
                                                      const char         *name);
WartaCaseView          *get_case_view                (WartaCasesPane     *pane);
gboolean                model_lists                  (WartaCaseListModel *model,
                                                      gint64              case_id);
gboolean                model_lists_at_step          (WartaCaseListModel *model,
                                                      gint64              case_id,
                                                      const char         *step_id);
WartaCase              *read_case                    (Fixture            *f,
                                                      gint64              case_id);
void                    assert_active_step           (Fixture            *f,
                                                      gint64              case_id,
                                                      const char         *step_id,
                                                      gint64              assignee);
void                    screenshot                   (Fixture            *f,
                                                      GtkWidget          *widget,
                                                      const char         *name);

/* Driving the window */
void                    sign_in_as                   (WartaWindow        *window,
                                                      const char         *login,
                                                      gint64              id);
void                    sign_in                      (Fixture            *f,
                                                      guint               person);
GtkWidget              *show_pane                    (WartaWindow        *window,
                                                      const char         *name);
WartaCaseView          *open_case                    (WartaWindow        *window,
                                                      const char         *pane_name,
                                                      gint64              case_id);
void                    press                        (WartaCaseView      *view,
                                                      GtkButton          *button,
                                                      const char         *label);
AdwMessageDialog       *find_message_dialog          (WartaWindow        *window);
void                    settle                       (WartaWindow        *window);
void                    answer_dialog                (Fixture            *f,
                                                      AdwMessageDialog   *dialog,
                                                      const char         *text,
                                                      const char         *shot);

/* Attachments, and what another process does */
char                   *write_pdf                    (Fixture            *f,
                                                      const char         *name,
                                                      guint               n_pages,
                                                      const char         *word,
                                                      guint               word_page);
char                   *write_photo                  (Fixture            *f);
char                   *write_huge_png               (Fixture            *f);
/* The panel asked for the file, its kind chosen, Attach pressed. */
void                    choose_file                  (Fixture            *f,
                                                      WartaCaseView      *view,
                                                      const char         *path,
                                                      const char         *kind,
                                                      const char         *shot);
void                    attach_through_panel         (Fixture            *f,
                                                      WartaCaseView      *view,
                                                      const char         *path,
                                                      const char         *kind,
                                                      const char         *shot);
void                    attach_refused_through_panel (Fixture            *f,
                                                      WartaCaseView      *view,
                                                      const char         *path,
                                                      const char         *kind,
                                                      const char         *message);
void                    attach_elsewhere             (Fixture            *f,
                                                      gint64              case_id,
                                                      const char         *kind);
WartaAttachmentPreview *preview_attachment           (WartaCaseView      *view,
                                                      const char         *name,
                                                      const char         *state);
void                    compose_elsewhere            (Fixture            *f,
                                                      gint64              case_id);

G_END_DECLS
