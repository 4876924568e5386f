/* warta-db-private.h: the two backends of warta-db.h
 *
 * warta-db.c holds what both share (bindings, errors, the dispatch) and
 * the sqlite backend; warta-db-pg.c the PostgreSQL one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-db.h"

G_BEGIN_DECLS

typedef enum
{
  WARTA_PARAM_NULL,
  WARTA_PARAM_NULL_INT,  /* a NULL where a number goes: typed as one */
  WARTA_PARAM_INT,
  WARTA_PARAM_TEXT,
  WARTA_PARAM_BLOB,
} WartaParamKind;

/* A bound value, kept by the statement until it runs (PostgreSQL sends
 * them all at once). */
typedef struct
{
  WartaParamKind kind;
  gint64         number;
  char          *text;      /* owned; the decimal of number for an int */
  gconstpointer  blob;      /* not owned */
  gsize          size;
} WartaParam;

struct _WartaDb
{
  WartaDbKind    kind;
  gpointer       handle;     /* sqlite3 * or PGconn * */
  WartaDbProblem problem;
  char          *message;
  guint          next_name;  /* PostgreSQL: the next prepared statement's name */
  int            server_version;
  /* PostgreSQL: counts the connections PQreset() made, so that a statement
   * prepared on an earlier one is prepared again */
  guint          generation;
  /* PostgreSQL: the connection was lost inside a transaction; until its
   * ROLLBACK (or the next BEGIN) every statement fails rather than run
   * outside it on a new connection */
  gboolean       lost_transaction;
};

struct _WartaStmt
{
  WartaDb   *db;
  char      *sql;          /* PostgreSQL: as sent, with $N */
  gpointer   lite;         /* sqlite3_stmt * */
  /* PostgreSQL */
  char      *name;         /* prepared on the server under this name, or NULL */
  guint      generation;   /* of the connection it was prepared on */
  int        n_params;
  GArray    *params;       /* WartaParam, index 0 is ?1 */
  gpointer   result;       /* PGresult * of the last run */
  int        row;          /* the row the last step gave, -1 before */
  gint64     changes;
  GPtrArray *decoded;      /* bytea columns of the current row, decoded */
};

struct _WartaDbBlob
{
  WartaDb  *db;
  gpointer  lite;          /* sqlite3_blob * */
  gint64    attachment_id;
  gint64    size;
  gboolean  writable;
};

void     _warta_db_set_problem       (WartaDb        *db,
                                      WartaDbProblem  problem,
                                      const char     *message);

/* PostgreSQL (warta-db-pg.c) */
WartaDb        *_warta_db_pg_open              (const char   *conninfo,
                                                const char   *password,
                                                GError      **error);
void            _warta_db_pg_close             (WartaDb      *db);
gboolean        _warta_db_pg_exec              (WartaDb      *db,
                                                const char   *sql);
gboolean        _warta_db_pg_in_transaction    (WartaDb      *db);
gboolean        _warta_db_pg_prepare           (WartaStmt    *stmt);
void            _warta_db_pg_stmt_clear        (WartaStmt    *stmt);
WartaStmtResult _warta_db_pg_step              (WartaStmt    *stmt);
int             _warta_db_pg_column_count      (WartaStmt    *stmt);
gboolean        _warta_db_pg_column_is_null    (WartaStmt    *stmt,
                                                int           column);
const char     *_warta_db_pg_column_text       (WartaStmt    *stmt,
                                                int           column);
gconstpointer   _warta_db_pg_column_blob       (WartaStmt    *stmt,
                                                int           column,
                                                gsize        *size);
gboolean        _warta_db_pg_blob_create       (WartaDb      *db,
                                                gint64        attachment_id,
                                                gint64        size);
WartaDbBlob    *_warta_db_pg_blob_open         (WartaDb      *db,
                                                gint64        attachment_id,
                                                gboolean      writable);
gint64          _warta_db_pg_blob_get_size     (WartaDbBlob  *blob);
gboolean        _warta_db_pg_blob_read         (WartaDbBlob  *blob,
                                                gpointer      buffer,
                                                gsize         length,
                                                gint64        offset);
gboolean        _warta_db_pg_blob_write        (WartaDbBlob  *blob,
                                                gconstpointer buffer,
                                                gsize         length,
                                                gint64        offset);
void            _warta_db_pg_blob_close        (WartaDbBlob  *blob);

G_END_DECLS
