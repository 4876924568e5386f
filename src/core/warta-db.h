/* warta-db.h: one connection to the office's database, sqlite or PostgreSQL
 *
 * The store writes its SQL once, for both: statements take `?` or `?N`
 * parameters, and what the two dialects spell differently is kept out of
 * the store's SQL (see warta-db.c for the few words the PostgreSQL side
 * rewrites, and the migrations' per-dialect parts in warta-store.c). Only
 * the store includes this header.
 *
 * A statement is stepped as sqlite's are: the first step runs it, each
 * step gives the next row. On PostgreSQL the whole result arrives at the
 * first step (text format; bytea decoded when asked for).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WARTA_DB_SQLITE,
  WARTA_DB_POSTGRES,
} WartaDbKind;

typedef enum
{
  WARTA_STMT_ERROR = -1,
  WARTA_STMT_DONE = 0,
  WARTA_STMT_ROW = 1,
} WartaStmtResult;

/* What went wrong last, as the store tells it: see warta_db_error(). */
typedef enum
{
  WARTA_DB_FAILED,
  WARTA_DB_BUSY,         /* locked by another; try again */
  WARTA_DB_EXISTS,       /* a unique or primary key */
  WARTA_DB_CONSTRAINT,   /* another check, a foreign key */
  WARTA_DB_REFUSED,      /* the database's permissions said no */
  WARTA_DB_SERIALIZATION,/* a serialization failure or deadlock: retry the transaction */
  WARTA_DB_CONNECTION,   /* the connection was lost */
  WARTA_DB_NOT_DATABASE, /* the file or server is no database Warta can read */
  WARTA_DB_NOT_FOUND,    /* an attachment's content is missing */
  WARTA_DB_AUTH,         /* the server refused the login or its password */
  WARTA_DB_NO_DATABASE,  /* the server has no database of that name */
  WARTA_DB_CERTIFICATE,  /* the server's certificate could not be verified */
} WartaDbProblem;

/* Errors a function of this header sets carry the problem as their code. */
#define WARTA_DB_ERROR (warta_db_error_quark ())
GQuark          warta_db_error_quark       (void);

typedef struct _WartaDb   WartaDb;
typedef struct _WartaStmt WartaStmt;
typedef struct _WartaDbBlob WartaDbBlob;

/* A sqlite file, opened read-write and created when missing. */
WartaDb        *warta_db_open_sqlite       (const char   *path,
                                            GError      **error);
/* A libpq connection string or URI; password may be NULL (then libpq's
 * own ways: the URI, PGPASSWORD, ~/.pgpass). */
WartaDb        *warta_db_open_postgres     (const char   *conninfo,
                                            const char   *password,
                                            GError      **error);
void            warta_db_close             (WartaDb      *db);
WartaDbKind     warta_db_get_kind          (WartaDb      *db);
/* The backend's own handle: sqlite3 * or PGconn *. */
gpointer        warta_db_get_handle        (WartaDb      *db);

/* One or more statements without parameters or rows. */
gboolean        warta_db_exec              (WartaDb      *db,
                                            const char   *sql,
                                            GError      **error);
gboolean        warta_db_in_transaction    (WartaDb      *db);

/* The last failure of this connection: its kind and the database's own
 * words (untranslated), valid until the next call on db. */
WartaDbProblem  warta_db_get_problem       (WartaDb      *db);
const char     *warta_db_get_message       (WartaDb      *db);

WartaStmt      *warta_db_prepare           (WartaDb      *db,
                                            const char   *sql,
                                            GError      **error);
void            warta_stmt_free            (WartaStmt    *stmt);
/* Ready to run again, bindings kept. */
void            warta_stmt_reset           (WartaStmt    *stmt);
void            warta_stmt_clear_bindings  (WartaStmt    *stmt);

void            warta_stmt_bind_null       (WartaStmt    *stmt,
                                            int           index);
/* NULL where a number goes: PostgreSQL must know it is one when the
 * statement uses it twice (?6 and ?6 * 60). */
void            warta_stmt_bind_null_int   (WartaStmt    *stmt,
                                            int           index);
void            warta_stmt_bind_int64      (WartaStmt    *stmt,
                                            int           index,
                                            gint64        value);
void            warta_stmt_bind_int        (WartaStmt    *stmt,
                                            int           index,
                                            int           value);
/* text NULL binds NULL; the text is copied. */
void            warta_stmt_bind_text       (WartaStmt    *stmt,
                                            int           index,
                                            const char   *text);
/* The bytes are not copied: they must outlive the statement's next step. */
void            warta_stmt_bind_blob       (WartaStmt    *stmt,
                                            int           index,
                                            gconstpointer data,
                                            gsize         size);

WartaStmtResult warta_stmt_step            (WartaStmt    *stmt);
int             warta_stmt_column_count    (WartaStmt    *stmt);
gboolean        warta_stmt_column_is_null  (WartaStmt    *stmt,
                                            int           column);
gint64          warta_stmt_column_int64    (WartaStmt    *stmt,
                                            int           column);
int             warta_stmt_column_int      (WartaStmt    *stmt,
                                            int           column);
/* NULL for NULL; valid until the next step or reset. */
const char     *warta_stmt_column_text     (WartaStmt    *stmt,
                                            int           column);
gconstpointer   warta_stmt_column_blob     (WartaStmt    *stmt,
                                            int           column,
                                            gsize        *size);
/* Rows the last INSERT, UPDATE or DELETE of this statement changed. */
gint64          warta_stmt_changes         (WartaStmt    *stmt);

/* An attachment's content, read and written a chunk at a time: on sqlite
 * the blob of attachment_data, on PostgreSQL the rows of its chunks. */
/* Makes room for an attachment's content of size bytes, before its first
 * write (sqlite's incremental I/O can write into a blob but never grow it). */
gboolean        warta_db_blob_create       (WartaDb      *db,
                                            gint64        attachment_id,
                                            gint64        size,
                                            GError      **error);
WartaDbBlob    *warta_db_blob_open         (WartaDb      *db,
                                            gint64        attachment_id,
                                            gboolean      writable,
                                            GError      **error);
gint64          warta_db_blob_get_size     (WartaDbBlob  *blob);
gboolean        warta_db_blob_read         (WartaDbBlob  *blob,
                                            gpointer      buffer,
                                            gsize         length,
                                            gint64        offset);
gboolean        warta_db_blob_write        (WartaDbBlob  *blob,
                                            gconstpointer buffer,
                                            gsize         length,
                                            gint64        offset);
void            warta_db_blob_close        (WartaDbBlob  *blob);

/* Another desk's commits, heard on a connection of a thread's own
 * (warta-db-listen.c). */
typedef enum
{
  WARTA_DB_HEARD_CHANGE,  /* a notification came */
  WARTA_DB_HEARD_LOST,    /* the server is gone: reconnecting */
  WARTA_DB_HEARD_BACK,    /* connected again: what was shown may be stale */
} WartaDbHeard;

/* payload: the notification's, for WARTA_DB_HEARD_CHANGE (NULL for the
 * first, which says the listener is listening: look at what came
 * before); else NULL */
typedef void (*WartaDbHearFunc) (WartaDbHeard  what,
                                 const char   *payload,
                                 gpointer      user_data);
typedef struct _WartaDbListener WartaDbListener;

WartaDbListener *warta_db_listen           (const char      *conninfo,
                                            const char      *password,
                                            const char      *channel,
                                            WartaDbHearFunc  func,
                                            gpointer         user_data);
void            warta_db_listener_stop     (WartaDbListener *listener);

/* What libpq makes of a keyword of a conninfo: its value there, else
 * libpq's default (the environment's, then its own); NULL when it has
 * none. For the messages of a failed open: the database, the host. */
char           *warta_db_conninfo_value    (const char   *conninfo,
                                            const char   *keyword);

/* The SQL the PostgreSQL side runs for the store's: `?N` and `?` as
 * `$N`, and the few words that differ. Exposed for the tests. */
char           *warta_db_sql_for_postgres  (const char   *sql);

G_END_DECLS
