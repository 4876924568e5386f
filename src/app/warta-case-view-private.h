/* warta-case-view-private.h: the case view's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "warta-attachments-panel.h"
#include "warta-case-view.h"
#include "warta-print.h"
#include "warta-publish-panel.h"
#include "warta-revisions-view.h"

G_BEGIN_DECLS

/* What one load read of a berkas, handed from the worker to the view. */
typedef struct
{
  WartaCase   *kase;
  WartaSop    *sop;
  GPtrArray   *runs;
  WartaNaskah *naskah;
  GArray      *checks;        /* the active run's ticked requirements */
  GPtrArray   *dispositions;
  GHashTable  *names;         /* user id → full name, of everyone in the case */
  gboolean     holder;        /* the person may act at the active step */
  gboolean     may_edit;      /* … and write the naskah there */
  gboolean     may_print;
  WartaPublishData *publish;  /* for the Publication page; NULL if the SOP publishes nothing */
} WartaCaseData;

typedef struct _WartaCaseAct WartaCaseAct;

/* An action's answer: @value is the job's result (for a list of people, a
 * GPtrArray), NULL with @error set on a refusal. */
typedef void (*WartaCaseActDoneFunc) (WartaCaseView *self,
                                      gpointer       value,
                                      const GError  *error);

struct _WartaCaseView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkLabel             *title_label;
  AdwSplitButton       *print_button;
  GtkLabel             *sop_label;
  GtkLabel             *step_label;
  GtkLabel             *holder_label;
  GtkBox               *timer_box;
  GtkLabel             *total_label;
  AdwViewStack         *view_stack;
  WartaRevisionsView   *revisions_view;
  GtkLabel             *readonly_label;
  AdwEntryRow          *naskah_title_row;
  GtkScrolledWindow    *body_scroller;
  GtkLabel             *save_label;
  AdwPreferencesGroup  *five_w_group;
  AdwPreferencesGroup  *requirements_group;
  AdwPreferencesGroup  *output_group;
  GtkLabel             *output_label;
  GtkPaned             *naskah_paned;
  guint                 paned_idle;   /* keeps the divider where it was first put */
  WartaAttachmentsPanel *attachments_panel;
  AdwViewStackPage     *publish_page;
  WartaPublishPanel    *publish_panel;
  GtkScrolledWindow    *chain_scroller;
  GtkScrolledWindow    *flowchart_scroller;
  GtkActionBar         *action_bar;
  GtkButton            *return_button;
  GtkButton            *complete_button;
  GtkButton            *dispose_button;
  GtkButton            *approve_button;
  GtkButton            *reject_button;
  GtkEntry             *note_entry;

  /* Built in code, when the first case is shown: they are costly to make
   * (the Markdown language loads its XML) and start-up needs none of them. */
  GtkSourceView        *body_view;
  AdwEntryRow          *five_w_rows[WARTA_5W1H_N_FIELDS];
  GPtrArray            *requirement_rows;
  GtkWidget            *timer;
  GtkWidget            *chain;
  GtkWidget            *flowchart;

  /* Owned */
  WartaSession         *session;
  gint64                case_id;
  WartaCase            *kase;
  WartaSop             *sop;
  GPtrArray            *runs;
  WartaNaskah          *naskah;
  GArray               *checks;
  GPtrArray            *dispositions;
  GHashTable           *names;
  GSignalGroup         *session_signals;
  GCancellable         *load_cancellable;
  guint                 saves_in_flight;  /* sent to the worker, not answered yet */
  char                  save_tag;         /* its address: the origin of the view's own saves */
  guint                 autosave_source;
  guint                 time_source;   /* the case total's tick */
  WartaPrint           *print;         /* a print or export under way */
  guint                 may_print : 1; /* the engine lets the person print the case */
  guint                 holder : 1;    /* the person may act at the active step */
  guint                 may_edit : 1;  /* … and write the naskah */
  guint                 acting : 1;    /* an action is on its way to the worker */
  guint                 loading : 1;   /* filling the editor: not an edit */
  guint                 dirty : 1;
  guint                 show_publish : 1;  /* a case just chosen: its publisher starts on its page */
  guint                 requirements_holder : 1;  /* the checklist's rows were made for the holder */
  gint64                requirements_run;  /* the step run the checklist's rows were made for */
};

void      _warta_case_view_class_init_actions (GtkWidgetClass *widget_class);
void      _warta_case_view_update_actions     (WartaCaseView  *self);
void      _warta_case_view_update_zoom_action (WartaCaseView  *self);
void      _warta_case_view_save               (WartaCaseView  *self);
void      _warta_case_view_save_detached      (WartaCaseView  *self);
void      _warta_case_view_saved              (WartaCaseView  *self,
                                               gboolean        ok,
                                               const GError   *error);
WartaNaskah *_warta_case_view_naskah_from_editor (WartaCaseView *self);
void      _warta_case_view_load               (WartaCaseView  *self);
void      _warta_case_view_show               (WartaCaseView  *self,
                                               WartaCaseData  *data);
void      _warta_case_data_free               (WartaCaseData  *data);
void      _warta_case_view_check              (WartaCaseView  *self,
                                               guint           item,
                                               gboolean        checked,
                                               WartaCaseActDoneFunc done);
void      _warta_case_view_complete           (WartaCaseView  *self,
                                               const char     *note,
                                               WartaCaseActDoneFunc done);
void      _warta_case_view_decide             (WartaCaseView  *self,
                                               gboolean        yes,
                                               const char     *note,
                                               WartaCaseActDoneFunc done);
void      _warta_case_view_return             (WartaCaseView  *self,
                                               const char     *step_id,
                                               const char     *reason,
                                               WartaCaseActDoneFunc done);
void      _warta_case_view_dispose_to         (WartaCaseView  *self,
                                               gint64          to_user,
                                               const char     *instruction,
                                               WartaSifat      sifat,
                                               guint           arahan_boxes,
                                               WartaCaseActDoneFunc done);
void      _warta_case_view_list_users         (WartaCaseView  *self,
                                               const char     *lane,
                                               WartaCaseActDoneFunc done);
void      _warta_case_view_toast              (WartaCaseView  *self,
                                               const char     *message);
const WartaSopStep *_warta_case_view_active_step (WartaCaseView *self);
gboolean  _warta_case_view_is_holder          (WartaCaseView  *self);

gint64    _warta_case_view_clock              (gpointer        user_data);
void      _warta_case_view_update_total       (WartaCaseView  *self);
void      _warta_case_view_sync_time          (WartaCaseView  *self);

void      _warta_case_view_class_init_print   (GtkWidgetClass *widget_class);
void      _warta_case_view_update_print_actions (WartaCaseView *self,
                                               gboolean        print_step);
void      _warta_case_view_dispose_print      (WartaCaseView  *self);

G_END_DECLS
