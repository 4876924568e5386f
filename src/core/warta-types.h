/* warta-types.h: the plain records the store reads and the engine returns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WARTA_CASE_OPEN,
  WARTA_CASE_DONE,
  WARTA_CASE_REJECTED,
} WartaCaseState;

/* How a step run ended. */
typedef enum
{
  WARTA_OUTCOME_NONE,       /* still active */
  WARTA_OUTCOME_COMPLETED,
  WARTA_OUTCOME_YES,
  WARTA_OUTCOME_NO,
  WARTA_OUTCOME_RETURNED,
  WARTA_OUTCOME_DISPOSED,
} WartaOutcome;

typedef struct
{
  gint64   id;
  char    *login;
  char    *full_name;
  char    *nip;
  char    *jabatan;
  gboolean is_admin;
  GStrv    roles;
  char    *pangkat;               /* pangkat/golongan, or NULL */
  gboolean inactive;              /* deactivated: cannot sign in, keeps its history */
  gboolean must_change_password;  /* an administrator set it: the person chooses their own */
} WartaUser;

typedef struct
{
  char *id;
  char *name;
} WartaRole;

typedef struct
{
  char *id;
  int   version;
  char *name;
  char *number;
  int   n_steps;
  gboolean retired;  /* the SOP (every version) starts no new berkas */
} WartaSopInfo;

typedef struct _WartaStepRun WartaStepRun;

/* What a berkas in a person's inbox holds that they have not seen. */
typedef enum
{
  WARTA_CASE_NEWS_NONE,     /* nothing since their last look */
  WARTA_CASE_NEWS_NEW,      /* never opened by them */
  WARTA_CASE_NEWS_CHANGED,  /* someone else changed its naskah or added a file since */
} WartaCaseNews;

typedef struct
{
  gint64          id;
  char           *sop_id;
  int             sop_version;
  char           *title;
  WartaCaseState  state;
  gint64          created_by;
  gint64          created_at;   /* µs since the epoch, as every time here */
  gint64          finished_at;  /* 0 while open */
  WartaStepRun   *active;       /* owned; NULL when finished or not read */
  WartaCaseNews   news;         /* read for an inbox only (WartaCaseQuery.inbox_user) */
} WartaCase;

struct _WartaStepRun
{
  gint64        id;
  gint64        case_id;
  int           seq;
  char         *step_id;
  char         *lane;
  gint64        assignee;      /* 0: anyone holding the lane's role */
  int           standard_min;  /* minutes, or -1 */
  int           standard_max;
  gint64        started_at;
  gint64        completed_at;  /* 0 while active */
  gint64        completed_by;
  WartaOutcome  outcome;
  char         *note;
  char         *action;        /* the step's action when the run began */
};

/* The 5W+1H of a news naskah, in this order. */
typedef enum
{
  WARTA_5W1H_WHO,
  WARTA_5W1H_WHAT,
  WARTA_5W1H_WHEN,
  WARTA_5W1H_WHERE,
  WARTA_5W1H_WHY,
  WARTA_5W1H_HOW,
  WARTA_5W1H_N_FIELDS,
} WartaFiveW;

typedef struct
{
  gint64  case_id;
  char   *title;
  char   *body;                      /* Markdown */
  char   *five_w[WARTA_5W1H_N_FIELDS];
  gint64  updated_at;                /* 0: never saved */
  gint64  updated_by;
} WartaNaskah;

/* The sifat of a disposition, as the Lembar Disposisi prints it. */
typedef enum
{
  WARTA_SIFAT_BIASA,
  WARTA_SIFAT_SEGERA,
  WARTA_SIFAT_SANGAT_SEGERA,
  WARTA_SIFAT_RAHASIA,
  WARTA_N_SIFAT,
} WartaSifat;

/* The standard arahan boxes of a Lembar Disposisi, ticked or not, beside
 * the arahan written out. */
typedef enum
{
  WARTA_ARAHAN_TINDAK_LANJUTI  = 1 << 0,
  WARTA_ARAHAN_PELAJARI        = 1 << 1,
  WARTA_ARAHAN_KOORDINASIKAN   = 1 << 2,
  WARTA_ARAHAN_SIAPKAN_JAWABAN = 1 << 3,
  WARTA_ARAHAN_KETAHUI         = 1 << 4,
  WARTA_ARAHAN_BICARAKAN       = 1 << 5,
  WARTA_ARAHAN_ARSIP           = 1 << 6,
} WartaArahanBoxes;

#define WARTA_N_ARAHAN_BOXES 7
#define WARTA_ARAHAN_ALL ((1u << WARTA_N_ARAHAN_BOXES) - 1)

typedef struct
{
  gint64      id;
  gint64      case_id;
  gint64      run_id;
  gint64      from_user;
  gint64      to_user;
  char       *instruction;
  gint64      created_at;
  WartaSifat  sifat;
  guint       arahan_boxes;  /* WartaArahanBoxes */
} WartaDisposition;

typedef struct
{
  gint64  seq;
  gint64  at;
  gint64  actor;     /* 0: the system (init, migration) */
  gint64  case_id;   /* 0: not about a case */
  char   *kind;
  char   *payload;   /* JSON */
  char   *prev_hash;
  char   *hash;
} WartaJournalEvent;

/* A file kept with a case, its content in the database. */
typedef struct
{
  gint64  id;
  gint64  case_id;
  gint64  run_id;        /* the step run it was added at */
  char   *step_id;
  char   *kind;          /* an SOP attachment kind: nota-dinas, foto, … */
  char   *name;          /* the file's name as it was added */
  char   *content_type;  /* a MIME type, sniffed from the content */
  gint64  size;
  char   *sha256;
  gint64  added_by;
  gint64  added_at;
  int     for_site;      /* 1 or 0 as chosen; -1: by kind (see warta_attachment_goes_to_site) */
  gboolean checked;      /* its content was found to fit its kind when stored */
  gboolean pending;      /* still being written (warta_engine_upload_begin): no list shows it */
} WartaAttachment;

/* A publishing target: a WordPress site. Its password is never here. */
typedef struct
{
  gint64  id;
  char   *name;
  char   *url;
  char   *user;
  char   *credentials_file;  /* NULL: the Secret Service */
  gint64  added_by;
  gint64  added_at;
} WartaSite;

/* A case's publication on one site, or a manual channel (site_id 0: the
 * admin posted it by hand and gave its link). */
typedef struct
{
  gint64  id;
  gint64  case_id;
  gint64  site_id;
  char   *slug;             /* stable; the post's and the media's names on the site */
  char   *status;           /* publish, future, draft, pending; manual */
  gint64  scheduled_at;     /* for future */
  GStrv   categories;       /* names */
  GStrv   tags;
  char   *excerpt;
  gint64  post_id;          /* 0 until the site has answered */
  char   *link;
  char   *remote_status;
  char   *content_sha256;   /* of the HTML sent */
  gint64  published_at;
  gint64  published_by;
  gint64  verified_at;      /* 0: never verified */
  int     http_status;
  gint64  response_ms;
  char   *body_sha256;
  gboolean title_found;
  gint64  screenshot_id;    /* the attachment holding the page's PNG */
  gint64  withdrawn_at;
  char   *withdraw_reason;
} WartaPublication;

/* An attachment as the site knows it. */
typedef struct
{
  gint64  attachment_id;
  gint64  media_id;
  char   *source_url;
} WartaPublishedMedia;

/* A document kept with a case as its archive copy (a PDF). */
typedef struct
{
  gint64  id;
  gint64  case_id;
  char   *document;   /* bukti, disposisi, artikel */
  gint64  made_by;
  gint64  made_at;
  gint64  size;
  char   *sha256;
} WartaArchiveCopy;

/* One print or export of a case's document. */
typedef struct
{
  gint64  id;
  gint64  case_id;
  gint64  run_id;     /* the print step run active then; 0: none */
  char   *document;   /* bukti, disposisi, artikel, bundle */
  char   *how;        /* print, export */
  gint64  by;
  gint64  at;
  char   *sha256;     /* of the file exported; NULL for a print */
} WartaPrintRecord;

/* A finished case as the archive register lists it. */
typedef struct
{
  gint64  case_id;
  char   *title;
  char   *sop_id;
  int     sop_version;
  char   *sop_name;
  char   *sop_number;
  gint64  created_at;
  gint64  finished_at;
  char   *link;             /* the latest publication's link, or NULL */
  gint64  archive_copy_id;  /* the latest kept Bukti Publikasi; 0: none */
  gint64  n_prints;
} WartaArchiveEntry;

void         warta_role_free              (WartaRole         *role);
void         warta_sop_info_free          (WartaSopInfo      *info);
void         warta_user_free              (WartaUser         *user);
void         warta_case_free              (WartaCase         *kase);
void         warta_step_run_free          (WartaStepRun      *run);
void         warta_disposition_free       (WartaDisposition  *disposition);
void         warta_journal_event_free     (WartaJournalEvent *event);
WartaAttachment *warta_attachment_copy    (const WartaAttachment *attachment);
void         warta_attachment_free        (WartaAttachment   *attachment);
gboolean     warta_attachment_goes_to_site (const WartaAttachment *attachment);
void         warta_site_free              (WartaSite         *site);
void         warta_publication_free       (WartaPublication  *publication);
gboolean     warta_publication_is_verified (const WartaPublication *publication);
void         warta_published_media_free   (WartaPublishedMedia *media);
void         warta_archive_copy_free      (WartaArchiveCopy  *copy);
void         warta_print_record_free      (WartaPrintRecord  *record);
void         warta_archive_entry_free     (WartaArchiveEntry *entry);
char        *warta_format_bytes           (gint64             bytes);
WartaNaskah *warta_naskah_new             (gint64             case_id);
void         warta_naskah_free            (WartaNaskah       *naskah);
gboolean     warta_naskah_is_empty        (const WartaNaskah *naskah);
gboolean     warta_naskah_has_5w1h        (const WartaNaskah *naskah);
char        *warta_naskah_checksum        (const WartaNaskah *naskah);
char        *warta_name_without_titles    (const char        *full_name);
const char  *warta_post_status_describe   (const char        *status);
const char  *warta_5w1h_label             (WartaFiveW         field);
const char  *warta_5w1h_question          (WartaFiveW         field);

const char  *warta_case_state_to_string   (WartaCaseState     state);
gboolean     warta_case_state_from_string (const char        *str,
                                           WartaCaseState    *state);
const char  *warta_case_state_describe    (WartaCaseState     state);
const char  *warta_outcome_to_string      (WartaOutcome       outcome);
const char  *warta_outcome_describe       (WartaOutcome       outcome);
WartaOutcome warta_outcome_from_string    (const char        *str);

gboolean     warta_text_is_blank          (const char        *text);
gboolean     warta_user_has_role          (const WartaUser   *user,
                                           const char        *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaRole, warta_role_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaSopInfo, warta_sop_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaUser, warta_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaCase, warta_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaStepRun, warta_step_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaDisposition, warta_disposition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaJournalEvent, warta_journal_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaNaskah, warta_naskah_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaAttachment, warta_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaSite, warta_site_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaPublication, warta_publication_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaPublishedMedia, warta_published_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaArchiveCopy, warta_archive_copy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaPrintRecord, warta_print_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaArchiveEntry, warta_archive_entry_free)

G_END_DECLS
