/* warta-store.h: the office's database, sqlite or PostgreSQL; the only place with SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "warta-change.h"
#include "warta-types.h"

G_BEGIN_DECLS

#define WARTA_STORE_ERROR (warta_store_error_quark ())

typedef enum
{
  WARTA_STORE_ERROR_FAILED,
  WARTA_STORE_ERROR_NOT_FOUND,
  WARTA_STORE_ERROR_EXISTS,
  WARTA_STORE_ERROR_BUSY,
  WARTA_STORE_ERROR_NEWER,
  WARTA_STORE_ERROR_REFUSED,      /* the server's permissions or login said no */
  WARTA_STORE_ERROR_DISCONNECTED, /* the office server cannot be reached */
  WARTA_STORE_ERROR_CONFLICT,     /* a serialization failure or deadlock: the whole action may run again */
} WartaStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define WARTA_STORE_SCHEMA_VERSION 10

/* Where a page of cases starts: the sort key of a row, as
 * warta_store_case_key() gives it. An inbox sorts by due time (overdue
 * first, steps without a standard last), then case id; every other list
 * by case id, the newest first. */
typedef struct
{
  gint64 due;      /* the inbox only */
  gint64 case_id;
} WartaCaseKey;

/* A page is asked for by the key of the row before it (keyset pages): an
 * index range, so the last page of a big office costs what the first
 * does. */
typedef struct
{
  gint64          inbox_user;  /* 0: every case; else the cases whose active step is theirs */
  gboolean        any_state;
  WartaCaseState  state;
  const char * const *actions; /* NULL: every action; else only active steps with these */
  gint64          now;         /* unused: the due-time order puts the overdue first */
  guint           limit;       /* 0: no limit */
  const WartaCaseKey *after;   /* NULL: from the first row; else the rows after this key */
  gboolean        backward;    /* the last rows before @after (or of all, when NULL),
                                * still given in the list's order */
  guint           skip;        /* rows passed over first, for a jump far from any
                                * known key: walked in the index, never read */
} WartaCaseQuery;

/* The action of a step of an SOP version, for filling in old runs. */
typedef const char *(*WartaActionFunc) (const char *sop_id,
                                        int         sop_version,
                                        const char *step_id,
                                        gpointer    user_data);

typedef gboolean (*WartaEventFunc) (const WartaJournalEvent *event,
                                    gpointer                 user_data,
                                    GError                 **error);

/* sqlite keeps no value longer than this (SQLITE_MAX_LENGTH): the ceiling
 * of the attachment size limit. */
#define WARTA_STORE_MAX_BLOB_SIZE G_GINT64_CONSTANT (1000000000)

/* A transaction that rolls back unless committed: see warta_store_transaction(). */
typedef struct _WartaTransaction WartaTransaction;

/* Incremental reading or writing of one attachment's content. */
typedef struct _WartaStoreBlob WartaStoreBlob;

#define WARTA_TYPE_STORE (warta_store_get_type ())

G_DECLARE_FINAL_TYPE (WartaStore, warta_store, WARTA, STORE, GObject)

GQuark             warta_store_error_quark       (void);

WartaStore        *warta_store_open              (const char           *path,
                                                  GError              **error);
WartaStore        *warta_store_open_server       (const char           *conninfo,
                                                  const char           *password,
                                                  GError              **error);
gboolean           warta_store_is_server         (const char           *location);

/* An office whose people are the server's logins (warta-store-server.c) */
WartaStore        *warta_store_init_server       (const char           *conninfo,
                                                  const char           *password,
                                                  GError              **error);
gboolean           warta_store_people_are_logins (WartaStore           *self);
char              *warta_store_conninfo_with     (const char           *conninfo,
                                                  const char           *keyword,
                                                  const char           *value);
gboolean           warta_store_server_create_login (WartaStore         *self,
                                                  const char           *login,
                                                  const char           *password,
                                                  GError              **error);
gboolean           warta_store_server_set_password (WartaStore         *self,
                                                  const char           *login,
                                                  const char           *password,
                                                  GError              **error);
gboolean           warta_store_server_set_active (WartaStore           *self,
                                                  const char           *login,
                                                  gboolean              active,
                                                  GError              **error);

/* A one-desk office moved onto a new office server (warta-store-move.c) */
typedef struct
{
  char   *table;
  gint64  rows;           /* for attachment_data: the contents moved */
} WartaMoveCount;

typedef struct
{
  char   *login;
  char   *password;       /* for the first sign-in; the server asks for their own */
} WartaMoveLogin;

typedef struct
{
  GArray *counts;             /* WartaMoveCount, table by table in the order moved */
  GArray *logins;             /* WartaMoveLogin, each person's */
  gint64  n_attachments;      /* contents moved and their SHA-256 checked on the server */
  gint64  attachment_bytes;
  gint64  journal_events;     /* verified on the server */
} WartaMoveReport;

/* logins: WartaMoveLogin; written where the administrator keeps them */
typedef gboolean (*WartaMoveLoginsFunc) (GArray    *logins,
                                         gpointer   user_data,
                                         GError   **error);

gboolean           warta_store_move_to           (WartaStore           *from,
                                                  WartaStore           *to,
                                                  WartaMoveLoginsFunc   keep_logins,
                                                  gpointer              user_data,
                                                  WartaMoveReport     **report,
                                                  GError              **error);
void               warta_move_report_free        (WartaMoveReport      *report);
gboolean           warta_store_uninit_server     (const char           *conninfo,
                                                  const char           *password,
                                                  GError              **error);
gboolean           warta_store_server_describe   (WartaStore           *self,
                                                  char                **database,
                                                  gint64               *n_tables,
                                                  GError              **error);

/* What another desk did, heard from the office server: see
 * warta_store_listen(). */
typedef enum
{
  WARTA_STORE_HEARD_CHANGE,  /* a commit: warta_store_poll() reads what it was */
  WARTA_STORE_HEARD_LOST,    /* the server is gone; reconnecting */
  WARTA_STORE_HEARD_BACK,    /* connected again: read again what is shown */
} WartaStoreHeard;

typedef void (*WartaStoreHearFunc) (WartaStoreHeard what,
                                    gpointer        user_data);
typedef struct _WartaStoreListener WartaStoreListener;

WartaStoreListener *warta_store_listen           (WartaStore          *self,
                                                  WartaStoreHearFunc   func,
                                                  gpointer             user_data);
void               warta_store_listener_stop     (WartaStoreListener  *listener);
const char        *warta_store_get_path          (WartaStore           *self);
/* On an office server whose people are the server's login roles
 * (warta-cli office init-server), the login the connection signed in as
 * (its session_user); NULL for a sqlite file, or a database on a server
 * whose people sign in by Warta's own password hashes (the tests'). */
const char        *warta_store_get_login         (WartaStore           *self);
int                warta_store_get_schema_version(WartaStore           *self);
const char        *warta_store_get_warning       (WartaStore           *self);
char              *warta_store_default_path      (void);

gboolean           warta_store_note_silent_write (WartaStore          *self,
                                                  GError              **error);
gboolean           warta_store_poll              (WartaStore           *self);
WartaTransaction  *warta_store_transaction       (WartaStore           *self,
                                                  GError              **error);
WartaTransaction  *warta_store_snapshot          (WartaStore           *self,
                                                  GError              **error);
gboolean           warta_transaction_commit      (WartaTransaction     *tx,
                                                  GError              **error);
void               warta_transaction_end         (WartaTransaction     *tx);

/* Roles and users */
gboolean           warta_store_insert_role       (WartaStore           *self,
                                                  const char           *id,
                                                  const char           *name,
                                                  GError              **error);
gboolean           warta_store_has_role          (WartaStore           *self,
                                                  const char           *id);
GPtrArray         *warta_store_list_roles        (WartaStore           *self,
                                                  GError              **error);
gint64             warta_store_count_users       (WartaStore           *self,
                                                  GError              **error);
gint64             warta_store_insert_user       (WartaStore           *self,
                                                  const WartaUser      *user,
                                                  const char           *password_hash,
                                                  GError              **error);
WartaUser         *warta_store_get_user          (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
WartaUser         *warta_store_find_user         (WartaStore           *self,
                                                  const char           *login,
                                                  char                **password_hash,
                                                  GError              **error);
GPtrArray         *warta_store_list_users        (WartaStore           *self,
                                                  const char           *role,
                                                  GError              **error);

/* The office's people, changed (warta-store-people.c) */
gboolean           warta_store_update_user       (WartaStore           *self,
                                                  const WartaUser      *user,
                                                  GError              **error);
gboolean           warta_store_set_user_active   (WartaStore           *self,
                                                  gint64                user_id,
                                                  gboolean              active,
                                                  GError              **error);
gboolean           warta_store_set_user_password (WartaStore           *self,
                                                  gint64                user_id,
                                                  const char           *password_hash,
                                                  gboolean              must_change,
                                                  GError              **error);
gint64             warta_store_count_active_admins (WartaStore         *self,
                                                  GError              **error);
gboolean           warta_store_rename_role       (WartaStore           *self,
                                                  const char           *id,
                                                  const char           *name,
                                                  GError              **error);
gboolean           warta_store_set_run_assignee  (WartaStore           *self,
                                                  gint64                run_id,
                                                  gint64                assignee,
                                                  GError              **error);
GArray            *warta_store_list_held_by_inactive (WartaStore       *self,
                                                  GError              **error);

/* SOPs, by version */
int                warta_store_get_latest_sop    (WartaStore           *self,
                                                  const char           *sop_id,
                                                  char                **checksum,
                                                  GError              **error);
gboolean           warta_store_insert_sop        (WartaStore           *self,
                                                  const char           *sop_id,
                                                  int                   version,
                                                  const char           *name,
                                                  const char           *number,
                                                  int                   n_steps,
                                                  const char           *source,
                                                  const char           *checksum,
                                                  gint64                at,
                                                  GError              **error);
char              *warta_store_get_sop_source    (WartaStore           *self,
                                                  const char           *sop_id,
                                                  int                   version,
                                                  int                  *found_version,
                                                  GError              **error);
GPtrArray         *warta_store_list_sops         (WartaStore           *self,
                                                  GError              **error);
GPtrArray         *warta_store_list_sop_versions (WartaStore           *self,
                                                  GError              **error);

/* Cases and their step runs */
gint64             warta_store_insert_case       (WartaStore           *self,
                                                  const char           *sop_id,
                                                  int                   sop_version,
                                                  const char           *title,
                                                  gint64                created_by,
                                                  gint64                at,
                                                  GError              **error);
WartaCase         *warta_store_get_case          (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
gboolean           warta_store_finish_case       (WartaStore           *self,
                                                  gint64                id,
                                                  WartaCaseState        state,
                                                  gint64                at,
                                                  GError              **error);
GPtrArray         *warta_store_list_cases        (WartaStore           *self,
                                                  const WartaCaseQuery *query,
                                                  GError              **error);
gint64             warta_store_count_cases       (WartaStore           *self,
                                                  const WartaCaseQuery *query,
                                                  GError              **error);
void               warta_store_case_key          (const WartaCaseQuery *query,
                                                  const WartaCase      *kase,
                                                  WartaCaseKey         *key);
gint64             warta_store_insert_run        (WartaStore           *self,
                                                  const WartaStepRun   *run,
                                                  GError              **error);
WartaStepRun      *warta_store_get_active_run    (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);
gboolean           warta_store_finish_run        (WartaStore           *self,
                                                  gint64                run_id,
                                                  gint64                at,
                                                  gint64                by,
                                                  WartaOutcome          outcome,
                                                  const char           *note,
                                                  GError              **error);
GPtrArray         *warta_store_list_runs         (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);
gint64             warta_store_insert_disposition(WartaStore           *self,
                                                  const WartaDisposition *disposition,
                                                  GError              **error);
GPtrArray         *warta_store_list_dispositions (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);

/* The naskah and the requirement checklists */
WartaNaskah       *warta_store_get_naskah        (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);
gboolean           warta_store_save_naskah       (WartaStore           *self,
                                                  const WartaNaskah    *naskah,
                                                  GError              **error);
GArray            *warta_store_get_checks        (WartaStore           *self,
                                                  gint64                run_id,
                                                  GError              **error);
gboolean           warta_store_set_check         (WartaStore           *self,
                                                  gint64                run_id,
                                                  guint                 item,
                                                  gboolean              checked,
                                                  GError              **error);

/* Attachments: the row, then the content through a blob handle */
gint64             warta_store_insert_attachment (WartaStore           *self,
                                                  const WartaAttachment *attachment,
                                                  GError              **error);
/* A pending attachment (written in several transactions) becomes one the
 * lists show, with what its content was found to be. */
gboolean           warta_store_settle_attachment (WartaStore           *self,
                                                  gint64                id,
                                                  const char           *kind,
                                                  const char           *content_type,
                                                  const char           *sha256,
                                                  GError              **error);
/* Pending attachments added before @before: left by a writer that stopped. */
gboolean           warta_store_sweep_uploads     (WartaStore           *self,
                                                  gint64                before,
                                                  GError              **error);
WartaAttachment   *warta_store_get_attachment    (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
/* As warta_store_get_attachment(), a pending one too. */
WartaAttachment   *warta_store_get_upload        (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
GPtrArray         *warta_store_list_attachments  (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);
gboolean           warta_store_delete_attachment (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
gboolean           warta_store_set_attachment_for_site (WartaStore     *self,
                                                  gint64                attachment_id,
                                                  gboolean              for_site,
                                                  GError              **error);

/* Sites and publications */
gint64             warta_store_insert_site       (WartaStore           *self,
                                                  const WartaSite      *site,
                                                  GError              **error);
gboolean           warta_store_update_site       (WartaStore           *self,
                                                  const WartaSite      *site,
                                                  GError              **error);
GPtrArray         *warta_store_list_sites        (WartaStore           *self,
                                                  GError              **error);
WartaSite         *warta_store_get_site          (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
WartaSite         *warta_store_find_site         (WartaStore           *self,
                                                  const char           *name,
                                                  GError              **error);
gint64             warta_store_insert_publication (WartaStore          *self,
                                                  const WartaPublication *publication,
                                                  GError              **error);
gboolean           warta_store_update_publication (WartaStore          *self,
                                                  const WartaPublication *publication,
                                                  GError              **error);
WartaPublication  *warta_store_get_publication   (WartaStore           *self,
                                                  gint64                id,
                                                  GError              **error);
WartaPublication  *warta_store_find_publication  (WartaStore           *self,
                                                  gint64                case_id,
                                                  gint64                site_id,
                                                  const char           *manual_link,
                                                  GError              **error);
GPtrArray         *warta_store_list_publications (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);
gboolean           warta_store_set_published_media (WartaStore         *self,
                                                  gint64                publication_id,
                                                  gint64                attachment_id,
                                                  gint64                media_id,
                                                  const char           *source_url,
                                                  GError              **error);
GPtrArray         *warta_store_list_published_media (WartaStore        *self,
                                                  gint64                publication_id,
                                                  GError              **error);
gboolean           warta_store_attachment_is_published (WartaStore     *self,
                                                  gint64                attachment_id);

/* Evidence: archive copies, prints, and the archive register */
gint64             warta_store_insert_archive_copy (WartaStore         *self,
                                                  const WartaArchiveCopy *copy,
                                                  GBytes               *data,
                                                  GError              **error);
GPtrArray         *warta_store_list_archive_copies (WartaStore         *self,
                                                  gint64                case_id,
                                                  GError              **error);
/* The row and its bytes. */
WartaArchiveCopy  *warta_store_get_archive_copy  (WartaStore           *self,
                                                  gint64                id,
                                                  GBytes              **data,
                                                  GError              **error);
gint64             warta_store_insert_print      (WartaStore           *self,
                                                  const WartaPrintRecord *record,
                                                  GError              **error);
GPtrArray         *warta_store_list_prints       (WartaStore           *self,
                                                  gint64                case_id,
                                                  GError              **error);
gint64             warta_store_count_prints_in_run (WartaStore         *self,
                                                  gint64                run_id,
                                                  GError              **error);
GPtrArray         *warta_store_list_archive      (WartaStore           *self,
                                                  const char * const   *sops,
                                                  const char           *text,
                                                  gint64                from,
                                                  gint64                to,
                                                  guint                 offset,
                                                  guint                 limit,
                                                  GError              **error);

WartaStoreBlob    *warta_store_blob_open         (WartaStore           *self,
                                                  gint64                attachment_id,
                                                  gboolean              writable,
                                                  GError              **error);
gint64             warta_store_blob_get_size     (WartaStoreBlob       *blob);
gboolean           warta_store_blob_read         (WartaStoreBlob       *blob,
                                                  gpointer              buffer,
                                                  gsize                 length,
                                                  gint64                offset,
                                                  GError              **error);
gboolean           warta_store_blob_write        (WartaStoreBlob       *blob,
                                                  gconstpointer         buffer,
                                                  gsize                 length,
                                                  gint64                offset,
                                                  GError              **error);
void               warta_store_blob_close        (WartaStoreBlob       *blob);

/* Office settings kept with the data */
#define WARTA_SETTING_OFFICE_CITY "office_city"  /* where its papers are signed */
#define WARTA_SETTING_OFFICE_NAME "office_name"
#define WARTA_SETTING_OFFICE_ADDRESS "office_address"
#define WARTA_SETTING_OFFICE_KOP "office_kop"    /* the letterhead's lines, one a line */
#define WARTA_OFFICE_FILE_LOGO "logo"            /* the letterhead's logo in office_files */
char              *warta_store_get_setting       (WartaStore           *self,
                                                  const char           *key);
gboolean           warta_store_set_setting       (WartaStore           *self,
                                                  const char           *key,
                                                  const char           *value,
                                                  GError              **error);

/* The office kept in the app (warta-store-office.c): retired SOPs, who
 * can work a lane, and the office's files (the letterhead's logo). */
int                warta_store_is_sop_retired    (WartaStore           *self,
                                                  const char           *sop_id,
                                                  GError              **error);
gboolean           warta_store_set_sop_retired   (WartaStore           *self,
                                                  const char           *sop_id,
                                                  gboolean              retired,
                                                  gint64                at,
                                                  gint64                by,
                                                  GError              **error);
gint64             warta_store_count_active_holders (WartaStore        *self,
                                                  const char           *role,
                                                  GError              **error);
/* NULL without error when there is no such file. */
GBytes            *warta_store_get_office_file   (WartaStore           *self,
                                                  const char           *name,
                                                  char                **content_type,
                                                  GError              **error);
/* data NULL: the file is removed. */
gboolean           warta_store_set_office_file   (WartaStore           *self,
                                                  const char           *name,
                                                  const char           *content_type,
                                                  GBytes               *data,
                                                  GError              **error);

gboolean           warta_store_needs_action_backfill (WartaStore       *self);
gboolean           warta_store_backfill_actions  (WartaStore           *self,
                                                  WartaActionFunc       func,
                                                  gpointer              user_data,
                                                  GError              **error);

/* The journal's rows; warta-journal.c computes and checks the hashes */
gboolean           warta_store_get_journal_head  (WartaStore           *self,
                                                  gint64               *seq,
                                                  char                **hash,
                                                  GError              **error);
gboolean           warta_store_insert_event      (WartaStore           *self,
                                                  const WartaJournalEvent *event,
                                                  GError              **error);
gboolean           warta_store_foreach_event     (WartaStore           *self,
                                                  WartaEventFunc        func,
                                                  gpointer              user_data,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaStoreBlob, warta_store_blob_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaMoveReport, warta_move_report_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaTransaction, warta_transaction_end)

G_END_DECLS
