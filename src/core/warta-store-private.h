/* warta-store-private.h: the store's fields and helpers, shared by its parts
 *
 * The store is split by concern over warta-store.c and warta-store-cases.c;
 * all use one connection and one statement cache, so the struct and the
 * helpers that wrap the database layer live here, for the store's files
 * only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-change.h"
#include "warta-db.h"
#include "warta-store.h"

G_BEGIN_DECLS

struct _WartaStore
{
  GObject     parent_instance;

  char       *path;        /* a file, or a server's conninfo without its password */
  WartaDb    *db;
  GHashTable *statements;  /* SQL → WartaStmt */
  int         schema_version;
  gint64      data_version;  /* what PRAGMA data_version said last */
  gint64      seen_seq;      /* the last journal event announced as a change */
  GArray     *pending;       /* WartaChange: what the open transaction changed */
  GArray     *own_seqs;      /* gint64: events this connection wrote that poll() may meet */
  gint64      seen_touch;    /* the last touch poll() met (see _warta_store_touch) */
  GArray     *pending_touches; /* gint64: touches of the open transaction */
  GArray     *own_touches;   /* gint64: touches this connection wrote that poll() may meet */
  char       *warning;       /* what the file's mode was when opened, or NULL */
  char       *conninfo;      /* PostgreSQL: as given, for the listener */
  char       *password;      /* PostgreSQL: the login's, when not in conninfo; wiped at the end */
  char       *login;         /* PostgreSQL: session_user */
  gboolean    people_are_logins; /* PostgreSQL: an office made by init-server */
  GMutex      heard_lock;
  GPtrArray  *heard;         /* PostgreSQL: notifications' payloads the listener heard, not yet polled */
};

gboolean      _warta_store_create_private   (const char    *path,
                                             GError       **error);
char         *_warta_store_tighten          (const char    *path);

/* Why warta_db_open_postgres() failed (db_error), in a person's words
 * (warta-store-server.c); shown is the conninfo without its password. */
void          _warta_store_set_connect_error (const char   *conninfo,
                                             const char    *shown,
                                             const GError  *db_error,
                                             GError       **error);
/* The database's last failure as a store error; returns FALSE. */
gboolean      _warta_store_set_db_error     (WartaStore    *self,
                                             GError       **error);
/* sql must be a string literal: the statement cache keys on its address. */
WartaStmt    *_warta_store_prepare          (WartaStore    *self,
                                             const char    *sql,
                                             GError       **error);
gboolean      _warta_store_step_done        (WartaStore    *self,
                                             WartaStmt     *stmt,
                                             GError       **error);
gboolean      _warta_store_exec             (WartaStore    *self,
                                             const char    *sql,
                                             GError       **error);
void          _warta_store_bind_text        (WartaStmt     *stmt,
                                             int            index,
                                             const char    *text);
void          _warta_store_bind_id          (WartaStmt     *stmt,
                                             int            index,
                                             gint64         id);
/* Reads one row of a statement into a new record. */
typedef gpointer (*WartaRowFunc) (WartaStmt *stmt);

GPtrArray    *_warta_store_collect          (WartaStore    *self,
                                             WartaStmt     *stmt,
                                             WartaRowFunc   read_row,
                                             GDestroyNotify free_row,
                                             GError       **error);
char         *_warta_store_column_text      (WartaStmt     *stmt,
                                             int            index);
/* The id an INSERT … RETURNING id gives, or 0 with error. */
gint64        _warta_store_step_id          (WartaStore    *self,
                                             WartaStmt     *stmt,
                                             GError       **error);
/* The one number a bound "SELECT count (*)" gives, or -1 with error. */
gint64        _warta_store_step_count       (WartaStore    *self,
                                             WartaStmt     *stmt,
                                             GError       **error);
/* A person's roles replaced by roles, each of which must exist. */
gboolean      _warta_store_set_user_roles   (WartaStore    *self,
                                             gint64         user_id,
                                             GStrv          roles,
                                             GError       **error);
/* A write the journal does not record (a draft, a chunk of a file being
 * attached), written down so that another connection's poll() knows what
 * it was: case_id's berkas, or with case_id -1 nothing anyone shows. */
gboolean      _warta_store_touch            (WartaStore    *self,
                                             gint64         case_id,
                                             GError       **error);
void          _warta_store_note_change      (WartaStore    *self,
                                             WartaChangeKind kind,
                                             gint64         case_id);

/* The bare transaction statements, for the store's own parts only:
 * everything else uses warta_store_transaction() or
 * warta_store_snapshot(), which cannot be left open. */
gboolean      warta_store_begin             (WartaStore    *self,
                                             GError       **error);
gboolean      warta_store_begin_read        (WartaStore    *self,
                                             GError       **error);
gboolean      warta_store_commit            (WartaStore    *self,
                                             GError       **error);
void          warta_store_rollback          (WartaStore    *self);

G_END_DECLS
