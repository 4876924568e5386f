/* warta-publish-panel-private.h: the publish panel's fields, shared by its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-publish-panel.h"
#include "warta-publisher.h"

G_BEGIN_DECLS

typedef struct _Job Job;
typedef struct _Progress Progress;

struct _WartaPublishPanel
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *form_group;
  AdwComboRow          *channel_row;
  AdwEntryRow          *manual_url_row;
  AdwComboRow          *status_row;
  AdwEntryRow          *schedule_row;
  AdwEntryRow          *categories_row;
  AdwEntryRow          *tags_row;
  AdwEntryRow          *excerpt_row;
  AdwPreferencesGroup  *files_group;
  GtkRevealer          *progress_revealer;
  GtkLabel             *stage_label;
  GtkProgressBar       *progress_bar;
  GtkBox               *publications_box;
  AdwStatusPage        *empty_page;

  /* Built in code */
  GPtrArray            *file_rows;      /* in files_group */
  GtkStringList        *channels;

  /* Owned */
  WartaSession         *session;
  gint64                case_id;
  char                 *case_title;
  GArray               *site_ids;       /* gint64, in the channel list's order */
  GPtrArray            *sites;          /* WartaSite */
  GPtrArray            *publications;   /* WartaPublication */
  char                 *files_key;      /* what the file rows show, to rebuild only on change */
  GHashTable           *thumbnails;     /* screenshot id → GdkTexture, or NULL while loading */
  GCancellable         *thumbnail_cancellable;
  char                 *error;
  Job                  *job;
  GCancellable         *cancellable;    /* the job's */
  guint                 deadline_seconds; /* a job's time limit, said while it runs */
  guint                 deadline_id;
  guint                 tick_id;        /* the time left, once a second */
  gint64                deadline_at;    /* monotonic µs */
  gboolean              timed_out;
  WartaPublishStage     job_stage;
  char                 *stage_text;
  gboolean              holder;         /* holds the active publish step */
  gboolean              may_change;     /* may update, check or withdraw what was published */
  gboolean              loading;        /* filling the form: not the person's choice */
  gboolean              disposed;
};

typedef enum
{
  JOB_PUBLISH,    /* publish (or publish again), then verify */
  JOB_VERIFY,     /* verify again */
  JOB_WITHDRAW,
} JobKind;

struct _Job
{
  JobKind            kind;
  WartaWorker       *worker;     /* the session's: the publisher's database steps */
  gint64             actor;
  gint64             case_id;
  gint64             site_id;
  gint64             publication_id;
  char              *manual_url;
  char              *status;
  gint64             scheduled_at;
  GStrv              categories;
  GStrv              tags;
  char              *excerpt;
  gboolean           trash;
  char              *reason;
  Progress          *progress;

  /* From the workers */
  WartaPublication  *publication;
  gboolean           take_shot;
  char              *notice;     /* not public yet: said, not an error */
  GBytes            *png;
};

Job      *_warta_publish_panel_job_new        (WartaPublishPanel *self,
                                              JobKind            kind);
void      _warta_publish_panel_job_free       (Job               *job);
/* Starts job, or refuses it (and frees it) while the case has one. */
void      _warta_publish_panel_start_job      (WartaPublishPanel *self,
                                              Job               *job);
void      _warta_publish_panel_cancel         (WartaPublishPanel *self);
void      _warta_publish_panel_stop_clock     (WartaPublishPanel *self);
void      _warta_publish_panel_release_case   (gint64             case_id);
void      _warta_publish_panel_show_error     (WartaPublishPanel *self,
                                              const char        *message);
void      _warta_publish_panel_update_actions (WartaPublishPanel *self);
void      _warta_publish_panel_notify_busy    (WartaPublishPanel *self);

G_END_DECLS
