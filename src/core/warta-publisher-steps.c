/* warta-publisher-steps.c: the publisher's database steps
 *
 * Each step is one short job that reads or records what belongs
 * together (a publication and its journal event in one transaction, as
 * the engine records them), run through _warta_publisher_run(): on the
 * session's worker thread, queued as urgent between other windows' work,
 * or directly on the CLI's engine. The jobs' data live on the
 * publisher's stack, which waits for them; they touch nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-publisher-private.h"

gpointer
_warta_publisher_run (WartaPublisher  *self,
                      WartaJobFunc     func,
                      gpointer         data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  if (self->worker != NULL)
    return warta_worker_run_in (self->worker, func, data, cancellable, error);
  return warta_engine_run (self->engine, func, data, cancellable, error);
}

/* Preparing */

static gpointer
prepare_job (WartaEngine   *engine,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const WartaPublishRequest *request = data;

  return warta_engine_prepare_publication (engine, request->actor, request->case_id, request->site_id,
                                           request->manual_url, &request->options, error);
}

WartaPublication *
_warta_publisher_prepare (WartaPublisher            *self,
                          const WartaPublishRequest *request,
                          GError                   **error)
{
  return _warta_publisher_run (self, prepare_job, (gpointer)request, NULL, error);
}

/* What to send */

typedef struct
{
  gint64       case_id;
  gint64       publication_id;
  WartaNaskah *naskah;
  GPtrArray   *attachments;
  GPtrArray   *published;
} Load;

/* Which of the case's files go to the site: those marked for it, never a
 * page's own screenshot. */
static GPtrArray *
list_media (WartaStore  *store,
            gint64       case_id,
            GError     **error)
{
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  GPtrArray *chosen;

  if (!(attachments = warta_store_list_attachments (store, case_id, error)) ||
      !(publications = warta_store_list_publications (store, case_id, error)))
    return NULL;

  chosen = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_attachment_free);
  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);
      gboolean screenshot = FALSE;

      for (guint j = 0; j < publications->len; j++)
        screenshot = screenshot ||
                     ((WartaPublication *)g_ptr_array_index (publications, j))->screenshot_id == attachment->id;
      if (!screenshot && warta_attachment_goes_to_site (attachment))
        g_ptr_array_add (chosen, warta_attachment_copy (attachment));
    }
  return chosen;
}

/* The naskah, the files and what is on the site already, as of one
 * moment. */
static gpointer
load_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Load *load = data;
  WartaStore *store = warta_engine_get_store (engine);
  g_autoptr(WartaTransaction) snapshot = NULL;

  if (!(snapshot = warta_store_snapshot (store, error)) ||
      !(load->naskah = warta_store_get_naskah (store, load->case_id, error)) ||
      !(load->attachments = list_media (store, load->case_id, error)) ||
      !(load->published = warta_store_list_published_media (store, load->publication_id, error)))
    return NULL;
  return WARTA_PUBLISHER_DONE;
}

typedef struct
{
  gint64 attachment_id;
} Check;

static gpointer
check_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Check *check = data;

  return warta_engine_check_attachment (engine, check->attachment_id, cancellable, error)
         ? WARTA_PUBLISHER_DONE : NULL;
}

gboolean
_warta_publisher_check_file (WartaPublisher  *self,
                             gint64           attachment_id,
                             GCancellable    *cancellable,
                             GError         **error)
{
  Check check = { attachment_id };

  return _warta_publisher_run (self, check_job, &check, cancellable, error) != NULL;
}

gboolean
_warta_publisher_load (WartaPublisher    *self,
                       WartaPublication  *publication,
                       WartaNaskah      **naskah,
                       GPtrArray        **attachments,
                       GPtrArray        **published,
                       GCancellable      *cancellable,
                       GError           **error)
{
  Load load = { publication->case_id, publication->id };
  gboolean ok;

  ok = _warta_publisher_run (self, load_job, &load, cancellable, error) != NULL;
  if (ok)
    {
      *naskah = g_steal_pointer (&load.naskah);
      *attachments = g_steal_pointer (&load.attachments);
      *published = g_steal_pointer (&load.published);
    }
  g_clear_pointer (&load.naskah, warta_naskah_free);
  g_clear_pointer (&load.attachments, g_ptr_array_unref);
  g_clear_pointer (&load.published, g_ptr_array_unref);
  return ok;
}

/* Single reads */

typedef struct
{
  gint64 id;
  gint64 actor;
} Lookup;

static gpointer
naskah_title_job (WartaEngine   *engine,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Lookup *lookup = data;
  g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (warta_engine_get_store (engine), lookup->id, error);

  return naskah != NULL ? g_strdup (naskah->title) : NULL;
}

char *
_warta_publisher_naskah_title (WartaPublisher  *self,
                               gint64           case_id,
                               GError         **error)
{
  Lookup lookup = { case_id };

  return _warta_publisher_run (self, naskah_title_job, &lookup, NULL, error);
}

static gpointer
get_site_job (WartaEngine   *engine,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Lookup *lookup = data;

  return warta_store_get_site (warta_engine_get_store (engine), lookup->id, error);
}

WartaSite *
_warta_publisher_get_site (WartaPublisher  *self,
                           gint64           site_id,
                           GError         **error)
{
  Lookup lookup = { site_id };

  return _warta_publisher_run (self, get_site_job, &lookup, NULL, error);
}

static gpointer
may_publish_job (WartaEngine   *engine,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Lookup *lookup = data;

  return warta_engine_may_publish (engine, lookup->actor, lookup->id, error) ? WARTA_PUBLISHER_DONE : NULL;
}

gboolean
_warta_publisher_may_publish (WartaPublisher  *self,
                              gint64           actor,
                              gint64           case_id,
                              GError         **error)
{
  Lookup lookup = { case_id, actor };

  return _warta_publisher_run (self, may_publish_job, &lookup, NULL, error) != NULL;
}

/* Records. They take no cancellable: what reached the site is recorded
 * even when the person cancels right after, so the next attempt uses it. */

typedef struct
{
  gint64                  actor;
  const WartaPublication *publication;
  gint64                  attachment_id;
  gint64                  media_id;
  const char             *source_url;
} MediaRecord;

static gpointer
record_media_job (WartaEngine   *engine,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  MediaRecord *record = data;

  return warta_engine_record_media (engine, record->actor, record->publication, record->attachment_id,
                                    record->media_id, record->source_url, error)
         ? WARTA_PUBLISHER_DONE : NULL;
}

gboolean
_warta_publisher_record_media (WartaPublisher          *self,
                               gint64                   actor,
                               const WartaPublication  *publication,
                               gint64                   attachment_id,
                               gint64                   media_id,
                               const char              *source_url,
                               GError                 **error)
{
  MediaRecord record = { actor, publication, attachment_id, media_id, source_url };

  return _warta_publisher_run (self, record_media_job, &record, NULL, error) != NULL;
}

typedef struct
{
  gint64                 actor;
  WartaPublication      *publication;
  WartaPublicationEvent  event;
} Record;

static gpointer
record_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Record *record = data;
  WartaPublication *publication = record->publication;
  gint64 now = warta_engine_now (engine);

  /* The engine's clock, which a test may set, says when. */
  switch (record->event)
    {
    case WARTA_PUBLICATION_POSTED:
      publication->published_at = now;
      publication->published_by = record->actor;
      break;
    case WARTA_PUBLICATION_VERIFIED:
      publication->verified_at = now;
      break;
    case WARTA_PUBLICATION_WITHDRAWN:
      publication->withdrawn_at = now;
      break;
    case WARTA_PUBLICATION_CAPTURED:
    default:
      break;
    }
  return warta_engine_record_publication (engine, record->actor, publication, record->event, error)
         ? WARTA_PUBLISHER_DONE : NULL;
}

gboolean
_warta_publisher_record (WartaPublisher         *self,
                         gint64                  actor,
                         WartaPublication       *publication,
                         WartaPublicationEvent   event,
                         GError                **error)
{
  Record record = { actor, publication, event };

  return _warta_publisher_run (self, record_job, &record, NULL, error) != NULL;
}

typedef struct
{
  const WartaPublication *publication;
  guint                   http_status;
  const char             *body_sha256;
  gboolean                title_found;
  gboolean                gone;
  gboolean                changed;
} CheckRecord;

static gpointer
record_check_job (WartaEngine   *engine,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CheckRecord *record = data;

  return warta_engine_record_check (engine, record->publication, record->http_status, record->body_sha256,
                                    record->title_found, record->gone, record->changed, error)
         ? WARTA_PUBLISHER_DONE : NULL;
}

gboolean
_warta_publisher_record_check (WartaPublisher          *self,
                               const WartaPublication  *publication,
                               guint                    http_status,
                               const char              *body_sha256,
                               gboolean                 title_found,
                               gboolean                 gone,
                               gboolean                 changed,
                               GError                 **error)
{
  CheckRecord record = { publication, http_status, body_sha256, title_found, gone, changed };

  return _warta_publisher_run (self, record_check_job, &record, NULL, error) != NULL;
}

/* Completing */

typedef struct
{
  gint64            actor;
  WartaPublication *publication;
  GBytes           *png;
} Complete;

static gpointer
complete_job (WartaEngine   *engine,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Complete *complete = data;
  WartaPublication *publication = complete->publication;
  g_autofree char *note = NULL;

  /* After the step, an update's new picture has nowhere to go: the case's
   * record keeps the one taken when it was published. */
  if (!warta_engine_holds_publish_step (engine, complete->actor, publication->case_id))
    return WARTA_PUBLISHER_DONE;

  if (!warta_publisher_keep_screenshot (engine, complete->actor, publication, complete->png, cancellable, error))
    return NULL;
  note = g_strdup_printf (_("Published and verified live: %s"), publication->link);
  return warta_engine_complete (engine, complete->actor, publication->case_id, note, error)
         ? WARTA_PUBLISHER_DONE : NULL;
}

gboolean
_warta_publisher_complete (WartaPublisher    *self,
                           gint64             actor,
                           WartaPublication  *publication,
                           GBytes            *png,
                           GCancellable      *cancellable,
                           GError           **error)
{
  Complete complete = { actor, publication, png };

  return _warta_publisher_run (self, complete_job, &complete, cancellable, error) != NULL;
}
