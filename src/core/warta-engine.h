/* warta-engine.h: a case's state machine, permissions and timing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "warta-disposition.h"
#include "warta-sop.h"
#include "warta-store.h"

G_BEGIN_DECLS

#define WARTA_ENGINE_ERROR (warta_engine_error_quark ())

typedef enum
{
  WARTA_ENGINE_ERROR_DENIED,        /* the actor may not do this */
  WARTA_ENGINE_ERROR_AUTH,          /* wrong login or password */
  WARTA_ENGINE_ERROR_INVALID,       /* a missing reason, instruction, title… */
  WARTA_ENGINE_ERROR_WRONG_ACTION,  /* the active step calls for another action */
  WARTA_ENGINE_ERROR_FINISHED,      /* the case is done or rejected */
  WARTA_ENGINE_ERROR_INCOMPLETE,    /* the step's work is not finished: naskah, 5W+1H, attachments */
  WARTA_ENGINE_ERROR_TOO_LARGE,     /* a file over the attachment size limit */
  WARTA_ENGINE_ERROR_CORRUPT,       /* stored content that no longer matches its hash */
  WARTA_ENGINE_ERROR_CONTENT,       /* a file that is empty, or not of the type its kind needs */
  WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD, /* right password, set by an administrator: choose one's own first */
  WARTA_ENGINE_ERROR_INACTIVE,      /* a deactivated person, or a retired SOP */
  WARTA_ENGINE_ERROR_OVERTAKEN,     /* another completed the step the person saw first */
} WartaEngineError;

/* µs since the epoch; tests and sample data set their own clock. */
typedef gint64 (*WartaClockFunc) (gpointer user_data);

/* Bytes done of total, for long reads and writes. */
typedef void (*WartaProgressFunc) (gint64   done,
                                   gint64   total,
                                   gpointer user_data);

#define WARTA_TYPE_ENGINE (warta_engine_get_type ())

G_DECLARE_FINAL_TYPE (WartaEngine, warta_engine, WARTA, ENGINE, GObject)

/* Work done with an engine, in the thread that owns it: returns non-NULL
 * on success, or NULL with @error set. */
typedef gpointer (*WartaEngineFunc) (WartaEngine   *engine,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* Runs @func with an engine and returns what it returned: in this thread
 * with @runner, an engine (warta_engine_run), or on a session's database
 * worker (warta_worker_run_in). Code that reads files or talks to a site
 * between its database steps takes one of these, not an engine. */
typedef gpointer (*WartaRunFunc)    (gpointer         runner,
                                     WartaEngineFunc  func,
                                     gpointer         data,
                                     GCancellable    *cancellable,
                                     GError         **error);

GQuark       warta_engine_error_quark   (void);

WartaEngine *warta_engine_new           (WartaStore         *store);
/* An office server, signed in to as login: its password is checked by
 * the server, and warta_engine_authenticate() then asks only whether the
 * person may work (active, own password chosen). */
WartaEngine *warta_engine_open_server   (const char         *conninfo,
                                         const char         *login,
                                         const char         *password,
                                         GError            **error);
WartaEngine *warta_engine_open          (const char         *path,
                                         GError            **error);
WartaStore  *warta_engine_get_store     (WartaEngine        *self);
void         warta_engine_set_clock     (WartaEngine        *self,
                                         WartaClockFunc      func,
                                         gpointer            user_data);
gint64       warta_engine_now           (WartaEngine        *self);
/* Tests only: see warta-engine.c */
void         warta_engine_set_process_clock (WartaClockFunc  func,
                                             gpointer        user_data);

WartaSop    *warta_engine_get_sop       (WartaEngine        *self,
                                         const char         *sop_id,
                                         int                 version,
                                         GError            **error);

gint64       warta_engine_authenticate  (WartaEngine        *self,
                                         const char         *login,
                                         const char         *password,
                                         GError            **error);

/* Administration: once a database has users, only an administrator may
 * do these. The first user added becomes the administrator. */
gboolean     warta_engine_install_sops  (WartaEngine        *self,
                                         const char         *directory,
                                         GPtrArray          *imported,
                                         GError            **error);
gboolean     warta_engine_import_sop    (WartaEngine        *self,
                                         gint64              actor,
                                         WartaSop           *sop,
                                         int                *version,
                                         GError            **error);
gboolean     warta_engine_add_role      (WartaEngine        *self,
                                         gint64              actor,
                                         const char         *id,
                                         const char         *name,
                                         GError            **error);
gint64       warta_engine_add_user      (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaUser    *user,
                                         const char         *password,
                                         GError            **error);

/* The office's people (issue 16; warta-engine-people.c). Each change is
 * an administrator's, one transaction with its journal event. People are
 * never deleted: the journal and the papers name them. */

/* An NIP: 18 digits, a real birth date (YYYYMMDD), the month of
 * appointment (YYYYMM), sex 1 or 2, a number. NULL or "" is no NIP. */
gboolean     warta_nip_check            (const char         *nip,
                                         GError            **error);
/* user->id names the person; login, full_name, nip, jabatan, pangkat,
 * is_admin and roles are set as given. The last active administrator
 * keeps is_admin. */
gboolean     warta_engine_edit_user     (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaUser    *user,
                                         GError            **error);
/* Deactivated people cannot sign in and are offered to nobody; their
 * history stays. Not oneself, not the last active administrator. */
gboolean     warta_engine_set_user_active (WartaEngine      *self,
                                         gint64              actor,
                                         gint64              user_id,
                                         gboolean            active,
                                         GError            **error);
/* An administrator sets (or resets) someone's password: that person must
 * choose their own at the next sign-in. */
gboolean     warta_engine_set_password  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              user_id,
                                         const char         *password,
                                         GError            **error);
/* One's own password, with the old one: also the way through
 * WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD. Returns the person's id. */
gint64       warta_engine_change_password (WartaEngine      *self,
                                         const char         *login,
                                         const char         *old_password,
                                         const char         *new_password,
                                         GError            **error);
/* The people who may take a step of this lane now: active, holding the
 * role. */
GPtrArray   *warta_engine_list_lane_people (WartaEngine     *self,
                                         const char         *lane,
                                         GError            **error);
/* Open berkas whose active step is held by a deactivated person: WartaCase
 * with ->active filled. An administrator's. */
GPtrArray   *warta_engine_list_held_by_inactive (WartaEngine *self,
                                         gint64              actor,
                                         GError            **error);
/* An administrator hands the active step of a berkas to another person of
 * its lane (active), with a reason: journaled "case.hand-over". */
gboolean     warta_engine_hand_over     (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         gint64              to_user,
                                         const char         *reason,
                                         GError            **error);

/* Roles (= SOP lane ids): renaming keeps the id. */
gboolean     warta_engine_rename_role   (WartaEngine        *self,
                                         gint64              actor,
                                         const char         *id,
                                         const char         *name,
                                         GError            **error);
/* The lanes of an SOP version that no active person can work: lane ids. */
GStrv        warta_engine_list_unstaffed_lanes (WartaEngine *self,
                                         const char         *sop_id,
                                         int                 version,
                                         GError            **error);

/* SOPs: a retired SOP starts no new berkas (running ones finish on their
 * version); importing a new version brings it back. */
gboolean     warta_engine_set_sop_retired (WartaEngine      *self,
                                         gint64              actor,
                                         const char         *sop_id,
                                         gboolean            retired,
                                         GError            **error);
/* The SOP file exactly as it was imported (version 0: the latest). */
GBytes      *warta_engine_export_sop    (WartaEngine        *self,
                                         const char         *sop_id,
                                         int                 version,
                                         GError            **error);

/* The office: name, address, the lines of its letterhead (kop surat)
 * and the letterhead's logo, drawn on every evidence paper. */
typedef struct
{
  char   *name;
  char   *address;
  GStrv   kop_lines;
  GBytes *logo;          /* PNG or JPEG bytes, or NULL */
  char   *logo_type;     /* its content type */
} WartaOffice;

void         warta_office_free          (WartaOffice        *office);
WartaOffice *warta_engine_get_office    (WartaEngine        *self,
                                         GError            **error);
/* Sets name, address and kop_lines; the logo too when set_logo (NULL
 * logo: none). A logo must be a PNG or JPEG image of at most 1 MiB. */
gboolean     warta_engine_set_office    (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaOffice  *office,
                                         gboolean            set_logo,
                                         GError            **error);

/* A case's life. Each call is one transaction: its step runs, disposition
 * and journal event are written together or not at all. */
gint64       warta_engine_start_case    (WartaEngine        *self,
                                         gint64              actor,
                                         const char         *sop_id,
                                         const char         *title,
                                         GError            **error);
gboolean     warta_engine_complete      (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *note,
                                         GError            **error);
gboolean     warta_engine_decide        (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         gboolean            yes,
                                         const char         *note,
                                         GError            **error);
gboolean     warta_engine_return        (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *step_id,
                                         const char         *reason,
                                         GError            **error);
/* A disposition of sifat biasa with no arahan box ticked. */
gboolean     warta_engine_dispose       (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         gint64              to_user,
                                         const char         *instruction,
                                         GError            **error);
/* sifat and the ticked arahan boxes (WartaArahanBoxes) go on the Lembar
 * Disposisi with the instruction written out. */
gboolean     warta_engine_dispose_full  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         gint64              to_user,
                                         const char         *instruction,
                                         WartaSifat          sifat,
                                         guint               arahan_boxes,
                                         GError            **error);
/* The same, on the step the person saw active (seen_step, NULL for
 * whichever is): when another completed it first (two people on one
 * berkas at one moment), nothing is done and the error
 * (WARTA_ENGINE_ERROR_OVERTAKEN) names who did, rather than the person's
 * action landing on the step after it. */
gboolean     warta_engine_complete_step (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *seen_step,
                                         const char         *note,
                                         GError            **error);
gboolean     warta_engine_decide_step   (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *seen_step,
                                         gboolean            yes,
                                         const char         *note,
                                         GError            **error);
gboolean     warta_engine_dispose_step  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *seen_step,
                                         gint64              to_user,
                                         const char         *instruction,
                                         WartaSifat          sifat,
                                         guint               arahan_boxes,
                                         GError            **error);
gboolean     warta_engine_save_naskah   (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaNaskah  *naskah,
                                         GError            **error);
gboolean     warta_engine_check_requirement (WartaEngine    *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         guint               item,
                                         gboolean            checked,
                                         GError            **error);
gboolean     warta_engine_may_edit_naskah (WartaEngine      *self,
                                         const WartaUser    *user,
                                         const WartaStepRun *run);
/* Attachments. Adding and removing are the active step's holder's; a file
 * added at a step can be removed only until that step completes. */
gint64       warta_engine_get_attachment_limit (WartaEngine *self);
gboolean     warta_engine_set_attachment_limit (WartaEngine *self,
                                         gint64              actor,
                                         gint64              bytes,
                                         GError            **error);
/* kind NULL: foto, video or dokumen-pendukung from the content, else lainnya. */
gint64       warta_engine_attach        (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         GFile              *file,
                                         const char         *kind,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* The same in steps, each its own transaction (see warta-engine-upload.c);
 * warta_upload_stream() and warta_upload_file() drive them. */
typedef struct _WartaUpload WartaUpload;
WartaUpload *warta_engine_upload_begin  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *name,
                                         gint64              size,
                                         const char         *kind,
                                         const guint8       *head,
                                         gsize               head_length,
                                         GError            **error);
gboolean     warta_engine_upload_write  (WartaEngine        *self,
                                         WartaUpload        *upload,
                                         const guint8       *data,
                                         gsize               length,
                                         GError            **error);
gint64       warta_engine_upload_end    (WartaEngine        *self,
                                         WartaUpload        *upload,
                                         GCancellable       *cancellable,
                                         GError            **error);
gint64       warta_engine_upload_whole  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *name,
                                         const char         *kind,
                                         GBytes             *content,
                                         GCancellable       *cancellable,
                                         GError            **error);
void         warta_engine_upload_abort  (WartaEngine        *self,
                                         WartaUpload        *upload);
void         warta_upload_free          (WartaUpload        *upload);
gint64       warta_upload_stream        (WartaRunFunc        run,
                                         gpointer            runner,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *name,
                                         GInputStream       *stream,
                                         gint64              size,
                                         const char         *kind,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
gint64       warta_upload_file          (WartaRunFunc        run,
                                         gpointer            runner,
                                         gint64              actor,
                                         gint64              case_id,
                                         GFile              *file,
                                         const char         *kind,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     warta_download_stream      (WartaRunFunc        run,
                                         gpointer            runner,
                                         gint64              attachment_id,
                                         GOutputStream      *out,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     warta_download_file        (WartaRunFunc        run,
                                         gpointer            runner,
                                         gint64              attachment_id,
                                         GFile              *destination,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
gpointer     warta_engine_run           (gpointer            engine,
                                         WartaEngineFunc     func,
                                         gpointer            data,
                                         GCancellable       *cancellable,
                                         GError            **error);
gint64       warta_engine_attach_bytes  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *name,
                                         GBytes             *content,
                                         const char         *kind,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     warta_engine_remove_attachment (WartaEngine    *self,
                                         gint64              actor,
                                         gint64              attachment_id,
                                         GError            **error);
/* Streams the content out, checking its SHA-256 on the way. */
gboolean     warta_engine_export_attachment (WartaEngine    *self,
                                         gint64              attachment_id,
                                         GOutputStream      *out,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     warta_engine_export_attachment_to_file (WartaEngine *self,
                                         gint64              attachment_id,
                                         GFile              *destination,
                                         WartaProgressFunc   progress,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* Whether a stored file is non-empty and of the type its kind needs: a
 * document (PDF, office document or image) for nota-dinas and
 * dokumen-pendukung, an image for foto, a video for video. */
gboolean     warta_engine_check_attachment (WartaEngine     *self,
                                         gint64              attachment_id,
                                         GCancellable       *cancellable,
                                         GError            **error);
const char  *warta_attachment_kind_for_type (const char     *content_type);
GPtrArray   *warta_attachments_missing  (const WartaSopStep *step,
                                         GPtrArray          *attachments);

/* Publishing. Sites are an administrator's. A case is published by the
 * holder of its active publish step; once published, the people of its
 * publish lane and administrators may update, re-check or withdraw it.
 * The network part is WartaPublisher's; these decide and record. */
typedef struct
{
  const char         *status;        /* publish (NULL), future, draft or pending */
  gint64              scheduled_at;  /* µs since the epoch, for future */
  const char * const *categories;    /* names; NULL: none */
  const char * const *tags;
  const char         *excerpt;       /* NULL: the site makes one */
} WartaPublishOptions;

typedef enum
{
  WARTA_PUBLICATION_POSTED,     /* post_id, link, remote_status, content_sha256, published_at/by */
  WARTA_PUBLICATION_VERIFIED,   /* verified_at, http_status, response_ms, body_sha256, title_found */
  WARTA_PUBLICATION_CAPTURED,   /* screenshot_id */
  WARTA_PUBLICATION_WITHDRAWN,  /* withdrawn_at, withdraw_reason, remote_status */
} WartaPublicationEvent;

gboolean     warta_engine_may_add_site  (WartaEngine        *self,
                                         gint64              actor,
                                         GError            **error);
gint64       warta_engine_add_site      (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaSite    *site,
                                         GError            **error);
gboolean     warta_engine_may_publish   (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         GError            **error);
gboolean     warta_engine_set_attachment_for_site (WartaEngine *self,
                                         gint64              actor,
                                         gint64              attachment_id,
                                         gboolean            for_site,
                                         GError            **error);
/* The case's publication on site_id, or at manual_url (site_id 0): made
 * with its stable slug the first time, its options updated after. */
WartaPublication *warta_engine_prepare_publication (WartaEngine *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         gint64              site_id,
                                         const char         *manual_url,
                                         const WartaPublishOptions *options,
                                         GError            **error);
gboolean     warta_engine_record_media  (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaPublication *publication,
                                         gint64              attachment_id,
                                         gint64              media_id,
                                         const char         *source_url,
                                         GError            **error);
/* Writes publication's changing fields as they are, journaling event. */
gboolean     warta_engine_record_publication (WartaEngine   *self,
                                         gint64              actor,
                                         const WartaPublication *publication,
                                         WartaPublicationEvent event,
                                         GError            **error);
gboolean     warta_engine_holds_publish_step (WartaEngine   *self,
                                         gint64              actor,
                                         gint64              case_id);
gboolean     warta_engine_record_check  (WartaEngine        *self,
                                         const WartaPublication *publication,
                                         guint               http_status,
                                         const char         *body_sha256,
                                         gboolean            title_found,
                                         gboolean            gone,
                                         gboolean            changed,
                                         GError            **error);

/* Evidence and the archive. A case's documents may be printed or
 * exported by an administrator or anyone holding a role of its SOP's
 * lanes; each print or export is recorded and journaled, and a print step
 * completes only after one was recorded while it was active. When a
 * publish step completes, the Bukti Publikasi is rendered and kept with
 * the case as its archive copy (warta-evidence.c). */
typedef struct
{
  const char *text;     /* in the title, link, SOP id, name or number; NULL: any */
  gint64      from;     /* finished at or after (µs); 0: any */
  gint64      to;       /* finished before (µs); 0: any */
  guint       offset;
  guint       limit;    /* 0: all */
} WartaArchiveQuery;

gboolean     warta_engine_may_print     (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         GError            **error);
/* document: bukti, disposisi, artikel or bundle; sha256 of what was
 * exported, NULL for a print. */
gboolean     warta_engine_record_print  (WartaEngine        *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *document,
                                         gboolean            exported,
                                         const char         *sha256,
                                         GError            **error);
GPtrArray   *warta_engine_list_prints   (WartaEngine        *self,
                                         gint64              case_id,
                                         GError            **error);
/* Keeps pdf as the case's archive copy of document; journaled. */
gint64       warta_engine_keep_archive_copy (WartaEngine    *self,
                                         gint64              actor,
                                         gint64              case_id,
                                         const char         *document,
                                         GBytes             *pdf,
                                         GError            **error);
GPtrArray   *warta_engine_list_archive_copies (WartaEngine  *self,
                                         gint64              case_id,
                                         GError            **error);
/* The copy's bytes, checked against its SHA-256 (CORRUPT otherwise). */
GBytes      *warta_engine_read_archive_copy (WartaEngine    *self,
                                         gint64              actor,
                                         gint64              copy_id,
                                         WartaArchiveCopy  **copy,
                                         GError            **error);
/* The archive register: finished cases, newest first; all of them for an
 * administrator, else those of the SOPs the actor holds a role of. */
GPtrArray   *warta_engine_list_archive  (WartaEngine        *self,
                                         gint64              actor,
                                         const WartaArchiveQuery *query,
                                         GError            **error);

gboolean     warta_engine_setup_office  (WartaEngine        *self,
                                         const char         *office_name,
                                         const WartaUser    *admin,
                                         const char         *password,
                                         const char         *sop_directory,
                                         const char * const *sop_ids,
                                         GError            **error);

/* The longest city name the papers take on their signature line. */
#define WARTA_OFFICE_CITY_MAX 64

/* The office's city, where its papers are signed ("Medan, 7 Desember
 * 2026"); an administrator's. A blank city clears it: the papers then
 * leave the place blank to be written in by hand. */
gboolean     warta_engine_set_office_city (WartaEngine      *self,
                                         gint64              actor,
                                         const char         *city,
                                         GError            **error);
gboolean     warta_engine_may_act       (WartaEngine        *self,
                                         const WartaUser    *user,
                                         const WartaStepRun *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaUpload, warta_upload_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaOffice, warta_office_free)

G_END_DECLS
