/* warta-db-pg.c: the PostgreSQL side of warta-db.h, over libpq
 *
 * A statement is prepared on the server at its first step, under a name
 * of its own, and run again from there; its whole result arrives at that
 * step, in text, and the later steps walk its rows. An attachment's
 * content is rows of chunks in attachment_data (attachment_id, at, data),
 * read with substring() on the server so that only the bytes asked for
 * travel, one chunk at a time.
 *
 * The messages here are the database's own words, untranslated, as
 * warta-db.h says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <libpq-fe.h>
#include <string.h>

#include "warta-db-private.h"

/* The types a parameter is declared with (pg_type.h's OIDs); 0 lets the
 * server infer one from where the parameter stands. */
#define INT8OID  20
#define BYTEAOID 17
#define TEXTOID  25

/* Errors */

static WartaDbProblem
problem_for_state (const char *state)
{
  if (state == NULL)
    return WARTA_DB_FAILED;
  if (strcmp (state, "23505") == 0)
    return WARTA_DB_EXISTS;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0)
    return WARTA_DB_SERIALIZATION;
  if (strcmp (state, "42501") == 0)
    return WARTA_DB_REFUSED;
  if (strcmp (state, "55P03") == 0)
    return WARTA_DB_BUSY;
  if (strcmp (state, "3D000") == 0)
    return WARTA_DB_NO_DATABASE;
  /* admin_shutdown, crash_shutdown, cannot_connect_now: the server is
   * going or coming back, and this connection with it */
  if (strcmp (state, "57P01") == 0 || strcmp (state, "57P02") == 0 || strcmp (state, "57P03") == 0)
    return WARTA_DB_CONNECTION;
  if (g_str_has_prefix (state, "23"))
    return WARTA_DB_CONSTRAINT;
  if (g_str_has_prefix (state, "08"))
    return WARTA_DB_CONNECTION;
  if (g_str_has_prefix (state, "28"))
    return WARTA_DB_AUTH;
  return WARTA_DB_FAILED;
}

/* libpq's own text, without the newline it ends with. */
static char *
conn_message (PGconn *conn)
{
  return g_strstrip (g_strdup (PQerrorMessage (conn)));
}

/* Records the failure res tells (NULL: libpq had none to give, as when
 * the connection is gone) on db; returns FALSE for the caller's return. */
static gboolean
fail_result (WartaDb        *db,
             const PGresult *res)
{
  PGconn *conn = db->handle;
  const char *primary = res ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *detail = res ? PQresultErrorField (res, PG_DIAG_MESSAGE_DETAIL) : NULL;
  WartaDbProblem problem;
  g_autofree char *message = NULL;

  problem = problem_for_state (res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL);
  if (PQstatus (conn) == CONNECTION_BAD)
    problem = WARTA_DB_CONNECTION;

  if (primary != NULL && detail != NULL)
    message = g_strdup_printf ("%s: %s", primary, detail);
  else if (primary != NULL)
    message = g_strdup (primary);
  else if (res != NULL && *PQresultErrorMessage (res) != '\0')
    message = g_strstrip (g_strdup (PQresultErrorMessage (res)));
  else
    message = conn_message (conn);
  _warta_db_set_problem (db, problem, message);
  return FALSE;
}

/* Connecting */

static gboolean
is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

/* Not sent over a network: a unix socket, or this computer's loopback. */
static gboolean
is_local_host (const char *host)
{
  if (host[0] == '\0' || host[0] == '/' || host[0] == '@')
    return TRUE;
  return g_ascii_strcasecmp (host, "localhost") == 0 || is_loopback (host);
}

static const char *
nth (GStrv  list,
     guint  i)
{
  return i < g_strv_length (list) ? g_strstrip (list[i]) : "";
}

/* host and hostaddr may each list several servers, tried in turn: every
 * one must be local. hostaddr is where libpq connects when given, host
 * the name the certificate is checked against: a named host stays
 * remote even at a loopback address, so that its certificate is checked. */
static gboolean
is_local (const char *hosts,
          const char *hostaddrs)
{
  g_auto(GStrv) host = g_strsplit (hosts ? hosts : "", ",", -1);
  g_auto(GStrv) addr = g_strsplit (hostaddrs ? hostaddrs : "", ",", -1);
  guint n = MAX (g_strv_length (host), g_strv_length (addr));

  for (guint i = 0; i < MAX (n, 1); i++)
    {
      const char *a = nth (addr, i);

      if (!is_local_host (nth (host, i)) || (a[0] != '\0' && !is_loopback (a)))
        return FALSE;
    }
  return TRUE;
}

/* The value a keyword of opts has, NULL for none or empty. */
static const char *
option (PQconninfoOption *opts,
        const char       *keyword)
{
  for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++)
    if (strcmp (o->keyword, keyword) == 0)
      return o->val != NULL && o->val[0] != '\0' ? o->val : NULL;
  return NULL;
}

/* Where the connection goes: the conninfo's host, else the environment's
 * (PGHOST, or PGSERVICE's, which PQconndefaults() reads). A service named
 * in the conninfo may hold a host this cannot see: then it counts as
 * remote. */
static gboolean
goes_local (PQconninfoOption *opts)
{
  PQconninfoOption *defaults;
  const char *host = option (opts, "host");
  const char *hostaddr = option (opts, "hostaddr");
  gboolean local;

  if (host == NULL && hostaddr == NULL && option (opts, "service") != NULL)
    return FALSE;
  if (host != NULL || hostaddr != NULL)
    return is_local (host, hostaddr);

  defaults = PQconndefaults ();
  local = defaults != NULL && is_local (option (defaults, "host"), option (defaults, "hostaddr"));
  PQconninfoFree (defaults);
  return local;
}

static void
add_option (GPtrArray  *keywords,
            GPtrArray  *values,
            const char *keyword,
            const char *value)
{
  g_ptr_array_add (keywords, (gpointer)keyword);
  g_ptr_array_add (values, (gpointer)value);
}

/* Checks the TLS rule and adds what Warta sets unless told otherwise:
 * over a network, sslmode=verify-full and nothing weaker, so that neither
 * the password nor the office's data ever travels in plain text or to a
 * server that only claims the name. */
static gboolean
complete_options (PQconninfoOption  *opts,
                  const char        *password,
                  GPtrArray         *keywords,
                  GPtrArray         *values,
                  char             **message)
{
  const char *sslmode = option (opts, "sslmode");

  for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
    if (o->val != NULL && !(password != NULL && strcmp (o->keyword, "password") == 0))
      add_option (keywords, values, o->keyword, o->val);

  if (password != NULL)
    add_option (keywords, values, "password", password);
  if (option (opts, "application_name") == NULL)
    add_option (keywords, values, "application_name", "warta");
  if (option (opts, "connect_timeout") == NULL)
    add_option (keywords, values, "connect_timeout", "10");

  if (!goes_local (opts))
    {
      if (sslmode != NULL && strcmp (sslmode, "verify-full") != 0)
        {
          *message = g_strdup_printf ("sslmode=%s is refused for a server on another computer: "
                                      "Warta connects to one only with sslmode=verify-full",
                                      sslmode);
          return FALSE;
        }
      /* this also outweighs a weaker sslmode of PGSSLMODE or a service */
      if (sslmode == NULL)
        add_option (keywords, values, "sslmode", "verify-full");
    }

  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);
  return TRUE;
}

/* A failed connection's problem. libpq gives no SQLSTATE for it, so what
 * it knows (a password asked for) goes first, then its words and the
 * server's (in English, as Debian's server and libpq speak by default). */
static WartaDbProblem
connect_problem (PGconn     *conn,
                 const char *message)
{
  static const char *const alien[] = {
    "invalid response to SSL negotiation", "invalid response to GSSAPI negotiation",
    "expected authentication request from server", "unexpected message from server",
    "received invalid protocol negotiation message",
  };
  static const char *const auth[] = {
    "password authentication failed", "authentication failed", "no pg_hba.conf entry",
  };
  static const char *const certificate[] = {
    "certificate verify failed", "does not match host name", "root certificate file",
    "certificate has expired", "self-signed certificate", "self signed certificate",
  };

  if (PQconnectionNeedsPassword (conn))
    return WARTA_DB_AUTH;
  for (guint i = 0; i < G_N_ELEMENTS (alien); i++)
    if (strstr (message, alien[i]) != NULL)
      return WARTA_DB_NOT_DATABASE;
  for (guint i = 0; i < G_N_ELEMENTS (certificate); i++)
    if (strstr (message, certificate[i]) != NULL)
      return WARTA_DB_CERTIFICATE;
  for (guint i = 0; i < G_N_ELEMENTS (auth); i++)
    if (strstr (message, auth[i]) != NULL)
      return WARTA_DB_AUTH;
  if (strstr (message, "database \"") != NULL && strstr (message, "does not exist") != NULL)
    return WARTA_DB_NO_DATABASE;
  /* a role that does not exist is a refused login too (28000) */
  if (strstr (message, "role \"") != NULL && strstr (message, "does not exist") != NULL)
    return WARTA_DB_AUTH;
  /* the server answered, and said no to something else: a database that
   * does not exist, too many connections */
  if (strstr (message, "FATAL:") != NULL)
    return WARTA_DB_FAILED;
  /* a password went, and the server said no in words not known here */
  if (PQconnectionUsedPassword (conn))
    return WARTA_DB_AUTH;
  return WARTA_DB_CONNECTION;
}

/* Server notices go to the debug log rather than stderr. */
static void
log_notice (void       *data,
            const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

/* What every connection runs first, and again after PQreset(). A lock
 * held elsewhere fails a statement after 10 s (BUSY) rather than stopping
 * the app for good. */
static const char session_sql[] = "SET client_min_messages = warning; SET lock_timeout = '10s'";

static gboolean
start_session (WartaDb *db)
{
  PGresult *res = PQexec (db->handle, session_sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK || fail_result (db, res);

  PQclear (res);
  return ok;
}

static WartaDb *
open_failed (WartaDb  *db,
             GError  **error)
{
  g_set_error_literal (error, WARTA_DB_ERROR, db->problem, db->message);
  warta_db_close (db);
  return NULL;
}

WartaDb *
_warta_db_pg_open (const char  *conninfo,
                   const char  *password,
                   GError     **error)
{
  WartaDb *db = g_new0 (WartaDb, 1);
  PQconninfoOption *opts;
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autofree char *message = NULL;
  char *parse_error = NULL;
  PGconn *conn;

  db->kind = WARTA_DB_POSTGRES;

  /* Parsed here rather than by PQconnectdbParams's expand_dbname, so that
   * the TLS rule sees the host and sslmode before anything is sent. */
  if (!(opts = PQconninfoParse (conninfo, &parse_error)))
    {
      message = g_strstrip (g_strdup (parse_error ? parse_error : "out of memory"));
      PQfreemem (parse_error);
      _warta_db_set_problem (db, WARTA_DB_FAILED, message);
      return open_failed (db, error);
    }
  if (!complete_options (opts, password, keywords, values, &message))
    {
      PQconninfoFree (opts);
      _warta_db_set_problem (db, WARTA_DB_FAILED, message);
      return open_failed (db, error);
    }

  conn = PQconnectdbParams ((const char *const *)keywords->pdata, (const char *const *)values->pdata, 0);
  PQconninfoFree (opts);
  db->handle = conn;
  if (conn == NULL)
    {
      _warta_db_set_problem (db, WARTA_DB_FAILED, "out of memory");
      return open_failed (db, error);
    }
  if (PQstatus (conn) != CONNECTION_OK)
    {
      message = conn_message (conn);
      _warta_db_set_problem (db, connect_problem (conn, message), message);
      return open_failed (db, error);
    }

  PQsetNoticeProcessor (conn, log_notice, NULL);
  db->server_version = PQserverVersion (conn);
  if (!start_session (db))
    return open_failed (db, error);
  return db;
}

char *
warta_db_conninfo_value (const char *conninfo,
                         const char *keyword)
{
  PQconninfoOption *opts = PQconninfoParse (conninfo, NULL);
  PQconninfoOption *defaults = PQconndefaults ();
  const char *value = NULL;
  char *copy;

  if (opts != NULL)
    value = option (opts, keyword);
  if (value == NULL && defaults != NULL)
    value = option (defaults, keyword);
  /* libpq's database is the user's name unless told */
  if (value == NULL && strcmp (keyword, "dbname") == 0)
    {
      copy = warta_db_conninfo_value (conninfo, "user");
      PQconninfoFree (opts);
      PQconninfoFree (defaults);
      return copy;
    }
  copy = g_strdup (value);
  PQconninfoFree (opts);
  PQconninfoFree (defaults);
  return copy;
}

/* Losing the server
 *
 * A server restarted, or a network gone for a moment, leaves the PGconn
 * bad (or a statement failed with 08xxx, 57P01). When the statement began
 * outside a transaction nothing of it stays on the server: the connection
 * is made again with the same parameters (PQreset), its session set up
 * again, and a statement that only reads (or begins) runs once more. A
 * write alone is its own transaction, whose end is as unknown as a
 * COMMIT's: it is never run twice. Inside a transaction the server rolled
 * everything back when the connection went, so the rest of it must not
 * run on a new connection: it fails until the store's ROLLBACK, and the
 * next BEGIN connects again. */

/* Whether sql's first word is word. */
static gboolean
first_word_is (const char *sql,
               const char *word)
{
  gsize len = strlen (word);

  while (g_ascii_isspace (*sql) || *sql == '(')
    sql++;
  return g_ascii_strncasecmp (sql, word, len) == 0 && !g_ascii_isalnum (sql[len]) && sql[len] != '_';
}

/* Statements that change nothing when run twice. */
static gboolean
may_run_again (const char *sql)
{
  static const char *const words[] = { "SELECT", "BEGIN", "SET", "SHOW", "VALUES" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (first_word_is (sql, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
reconnect (WartaDb *db)
{
  PGconn *conn = db->handle;

  PQreset (conn);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = conn_message (conn);

      _warta_db_set_problem (db, WARTA_DB_CONNECTION, message);
      return FALSE;
    }
  /* the server-side prepared statements went with the old connection */
  db->generation++;
  db->lost_transaction = FALSE;
  g_debug ("PostgreSQL: connected again (connection %u)", db->generation);
  return start_session (db);
}

/* Before a statement: FALSE while a lost transaction is not ended, or
 * when a lost connection cannot be made again. */
static gboolean
ready (WartaDb *db)
{
  if (db->lost_transaction)
    {
      _warta_db_set_problem (db, WARTA_DB_CONNECTION,
                             "the connection to the server was lost inside a transaction, "
                             "which the server rolled back");
      return FALSE;
    }
  if (PQstatus (db->handle) == CONNECTION_BAD)
    return reconnect (db);
  return TRUE;
}

static gboolean
outside_transaction (WartaDb *db)
{
  return PQtransactionStatus (db->handle) == PQTRANS_IDLE;
}

/* After a failed statement that began outside (or not) a transaction:
 * whether to run it again. */
static gboolean
recover (WartaDb    *db,
         gboolean    outside,
         const char *sql,
         gboolean    again)
{
  g_autofree char *message = NULL;

  if (db->problem != WARTA_DB_CONNECTION && PQstatus (db->handle) != CONNECTION_BAD)
    return FALSE;
  if (!outside)
    {
      db->lost_transaction = TRUE;
      if (first_word_is (sql, "COMMIT") || first_word_is (sql, "END"))
        {
          message = g_strdup_printf ("the connection to the server was lost during COMMIT, "
                                     "so whether the transaction was committed is unknown (%s)", db->message);
          _warta_db_set_problem (db, WARTA_DB_CONNECTION, message);
        }
      return FALSE;
    }

  message = g_strdup (db->message);
  if (!reconnect (db))
    return FALSE;
  if (again && may_run_again (sql))
    return TRUE;
  /* connected again, but this statement stays failed */
  _warta_db_set_problem (db, WARTA_DB_CONNECTION, message);
  return FALSE;
}

void
_warta_db_pg_close (WartaDb *db)
{
  g_clear_pointer (&db->handle, PQfinish);
}

gboolean
_warta_db_pg_exec (WartaDb    *db,
                   const char *sql)
{
  /* The end of a transaction the lost connection took: the server rolled
   * it back already. A BEGIN starts afresh, connecting again. */
  if (db->lost_transaction && (first_word_is (sql, "ROLLBACK") || first_word_is (sql, "BEGIN")))
    {
      db->lost_transaction = FALSE;
      if (first_word_is (sql, "ROLLBACK") && PQstatus (db->handle) == CONNECTION_BAD)
        return TRUE;
    }

  for (int attempt = 0;; attempt++)
    {
      PGresult *res;
      ExecStatusType status;
      gboolean outside, ok;

      if (!ready (db))
        return FALSE;
      outside = outside_transaction (db);
      res = PQexec (db->handle, sql);
      status = PQresultStatus (res);
      ok = res != NULL && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY);
      if (!ok)
        fail_result (db, res);
      PQclear (res);
      if (ok)
        return TRUE;
      if (!recover (db, outside, sql, attempt == 0))
        return FALSE;
    }
}

/* A lost connection has no transaction, unless this side has yet to end
 * the one it lost. */
gboolean
_warta_db_pg_in_transaction (WartaDb *db)
{
  PGTransactionStatusType status = PQtransactionStatus (db->handle);

  if (db->lost_transaction)
    return TRUE;
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

/* Statements */

/* The highest $N of the SQL: as many parameters as the server expects.
 * Quoted text is skipped, as warta_db_sql_for_postgres() left it. */
static int
count_params (const char *sql)
{
  char quote = 0;
  int n = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        quote = *p == quote ? 0 : quote;
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '$' && g_ascii_isdigit (p[1]))
        n = MAX (n, (int)g_ascii_strtoll (p + 1, NULL, 10));
    }
  return n;
}

gboolean
_warta_db_pg_prepare (WartaStmt *stmt)
{
  stmt->n_params = count_params (stmt->sql);
  return TRUE;
}

static WartaParam *
param (WartaStmt *stmt,
       int        i)
{
  return (guint)i < stmt->params->len ? &g_array_index (stmt->params, WartaParam, i) : NULL;
}

/* Prepares the statement on the server, its parameters typed as the
 * first run binds them: an int as int8 and a blob as bytea, which the
 * server could not tell from the text; text and NULL as what the SQL
 * around them says. */
/* Whether sql says $n (and not $n0…). */
static gboolean
mentions_param (const char *sql,
                int         n)
{
  g_autofree char *token = g_strdup_printf ("$%d", n);
  gsize len = strlen (token);

  for (const char *p = strstr (sql, token); p != NULL; p = strstr (p + 1, token))
    if (!g_ascii_isdigit (p[len]))
      return TRUE;
  return FALSE;
}

static gboolean
server_prepare (WartaStmt *stmt)
{
  WartaDb *db = stmt->db;
  g_autofree Oid *types = g_new0 (Oid, MAX (stmt->n_params, 1));
  g_autofree char *name = g_strdup_printf ("warta_%u", db->next_name++);
  PGresult *res;
  gboolean ok;

  for (int i = 0; i < stmt->n_params; i++)
    {
      WartaParam *p = param (stmt, i);

      if (p != NULL && (p->kind == WARTA_PARAM_INT || p->kind == WARTA_PARAM_NULL_INT))
        types[i] = INT8OID;
      else if (p != NULL && p->kind == WARTA_PARAM_BLOB)
        types[i] = BYTEAOID;
      /* sqlite lets a statement skip a number (?5 and ?7, no ?6: one
       * list of bindings for several statements); PostgreSQL must be
       * told a type for what it never meets */
      else if (!mentions_param (stmt->sql, i + 1))
        types[i] = TEXTOID;
    }

  res = PQprepare (db->handle, name, stmt->sql, stmt->n_params, types);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK || fail_result (db, res);
  PQclear (res);
  if (ok)
    {
      stmt->name = g_steal_pointer (&name);
      stmt->generation = db->generation;
    }
  return ok;
}

/* The rows a command changed; a SELECT changes none, as on sqlite, where
 * the count stays the last write's. */
static void
record_changes (WartaStmt *stmt,
                PGresult  *res)
{
  const char *tuples = PQcmdTuples (res);

  if (tuples[0] != '\0' && !g_str_has_prefix (PQcmdStatus (res), "SELECT"))
    stmt->changes = g_ascii_strtoll (tuples, NULL, 10);
}

/* Runs the statement with its bindings, text but for the blobs, which go
 * as they are (binary) rather than escaped. A parameter never bound is
 * NULL, as on sqlite. */
static PGresult *
run (WartaStmt *stmt)
{
  int n = stmt->n_params;
  g_autofree const char **values = g_new0 (const char *, MAX (n, 1));
  g_autofree int *lengths = g_new0 (int, MAX (n, 1));
  g_autofree int *formats = g_new0 (int, MAX (n, 1));

  for (int i = 0; i < n; i++)
    {
      WartaParam *p = param (stmt, i);

      if (p == NULL || p->kind == WARTA_PARAM_NULL || p->kind == WARTA_PARAM_NULL_INT)
        continue;
      if (p->kind == WARTA_PARAM_BLOB)
        {
          g_return_val_if_fail (p->size <= G_MAXINT, NULL);
          values[i] = p->blob;
          lengths[i] = (int)p->size;
          formats[i] = 1;
        }
      else
        values[i] = p->text;
    }
  return PQexecPrepared (stmt->db->handle, stmt->name, n, values, lengths, formats, 0);
}

static void
clear_decoded (WartaStmt *stmt)
{
  if (stmt->decoded != NULL)
    g_ptr_array_set_size (stmt->decoded, 0);
}

WartaStmtResult
_warta_db_pg_step (WartaStmt *stmt)
{
  PGresult *res;

  clear_decoded (stmt);

  /* a later step: the next row of the result the first one brought */
  if (stmt->result != NULL)
    {
      if (stmt->row < PQntuples (stmt->result))
        stmt->row++;
      return stmt->row < PQntuples (stmt->result) ? WARTA_STMT_ROW : WARTA_STMT_DONE;
    }

  for (int attempt = 0;; attempt++)
    {
      WartaDb *db = stmt->db;
      gboolean outside;

      if (!ready (db))
        return WARTA_STMT_ERROR;
      outside = outside_transaction (db);
      /* prepared on a connection since lost */
      if (stmt->name != NULL && stmt->generation != db->generation)
        g_clear_pointer (&stmt->name, g_free);

      if (stmt->name != NULL || server_prepare (stmt))
        {
          res = run (stmt);
          switch (PQresultStatus (res))
            {
            case PGRES_TUPLES_OK:
            case PGRES_COMMAND_OK:
              record_changes (stmt, res);
              stmt->result = res;
              stmt->row = 0;
              return PQntuples (res) > 0 ? WARTA_STMT_ROW : WARTA_STMT_DONE;
            default:
              fail_result (db, res);
              PQclear (res);
              break;
            }
        }
      if (!recover (db, outside, stmt->sql, attempt == 0))
        return WARTA_STMT_ERROR;
    }
}

/* The current row's, or NULL between rows. */
static PGresult *
row_result (WartaStmt *stmt,
            int        column)
{
  PGresult *res = stmt->result;

  if (res == NULL || stmt->row < 0 || stmt->row >= PQntuples (res) || column < 0 || column >= PQnfields (res))
    return NULL;
  return res;
}

int
_warta_db_pg_column_count (WartaStmt *stmt)
{
  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

gboolean
_warta_db_pg_column_is_null (WartaStmt *stmt,
                             int        column)
{
  PGresult *res = row_result (stmt, column);

  return res == NULL || PQgetisnull (res, stmt->row, column);
}

const char *
_warta_db_pg_column_text (WartaStmt *stmt,
                          int        column)
{
  if (_warta_db_pg_column_is_null (stmt, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

/* bytea arrives as hex text (\x…), decoded once per row and column; any
 * other column gives its text's bytes, as sqlite does. */
gconstpointer
_warta_db_pg_column_blob (WartaStmt *stmt,
                          int        column,
                          gsize     *size)
{
  GBytes *bytes;

  *size = 0;
  if (_warta_db_pg_column_is_null (stmt, column))
    return NULL;

  if (stmt->decoded == NULL)
    stmt->decoded = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  if (stmt->decoded->len < (guint)PQnfields (stmt->result))
    g_ptr_array_set_size (stmt->decoded, PQnfields (stmt->result));

  if (!(bytes = g_ptr_array_index (stmt->decoded, column)))
    {
      const char *text = PQgetvalue (stmt->result, stmt->row, column);

      if (PQftype (stmt->result, column) == BYTEAOID)
        {
          size_t length = 0;
          unsigned char *data = PQunescapeBytea ((const unsigned char *)text, &length);

          if (data == NULL)
            return NULL;
          bytes = g_bytes_new_with_free_func (data, length, PQfreemem, data);
        }
      else
        bytes = g_bytes_new_static (text, strlen (text));
      g_ptr_array_index (stmt->decoded, column) = bytes;
    }
  return g_bytes_get_data (bytes, size);
}

void
_warta_db_pg_stmt_clear (WartaStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
  clear_decoded (stmt);
}

/* Attachments' content */

gboolean
_warta_db_pg_blob_create (WartaDb *db,
                          gint64   attachment_id,
                          gint64   size)
{
  /* Nothing to make room for: the chunks are rows the writes insert.
   * An empty row at the content's end stands for it until then, as
   * sqlite's zero-filled blob does: a file begun and never written is
   * still one content row, and a sweep or a count finds it. Reads never
   * meet it (it overlaps no range). */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, attachment_id);
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  const char *values[2] = { id, at };
  const Oid types[2] = { INT8OID, INT8OID };
  PGresult *res;
  gboolean ok;

  if (!ready (db))
    return FALSE;
  res = PQexecParams (db->handle,
                      "INSERT INTO attachment_data (attachment_id, at, data) VALUES ($1, $2, ''::bytea)",
                      2, types, values, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK || fail_result (db, res);
  PQclear (res);
  return ok;
}

/* One statement with int8 parameters, binary results when binary. */
static PGresult *
exec_ints (WartaDb      *db,
           const char   *sql,
           const gint64 *numbers,
           int           n,
           int           binary)
{
  char text[3][G_ASCII_DTOSTR_BUF_SIZE];
  const char *values[3];
  Oid types[3] = { INT8OID, INT8OID, INT8OID };

  g_assert (n <= 3);
  for (int i = 0; i < n; i++)
    {
      g_snprintf (text[i], sizeof text[i], "%" G_GINT64_FORMAT, numbers[i]);
      values[i] = text[i];
    }
  return PQexecParams (db->handle, sql, n, types, values, NULL, NULL, binary);
}

WartaDbBlob *
_warta_db_pg_blob_open (WartaDb  *db,
                        gint64    attachment_id,
                        gboolean  writable)
{
  PGresult *res;
  WartaDbBlob *blob = NULL;

  if (!ready (db))
    return NULL;
  res = exec_ints (db, "SELECT size FROM attachments WHERE id = $1", &attachment_id, 1, 0);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    fail_result (db, res);
  else if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    _warta_db_set_problem (db, WARTA_DB_NOT_FOUND, "no such attachment");
  else
    {
      blob = g_new0 (WartaDbBlob, 1);
      blob->db = db;
      blob->attachment_id = attachment_id;
      blob->size = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      blob->writable = writable;
    }
  PQclear (res);
  return blob;
}

gint64
_warta_db_pg_blob_get_size (WartaDbBlob *blob)
{
  return blob->size;
}

/* One chunk per write, at the offset it starts: the reads find a piece
 * by where it starts, through the primary key. */
gboolean
_warta_db_pg_blob_write (WartaDbBlob   *blob,
                         gconstpointer  buffer,
                         gsize          length,
                         gint64         offset)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, blob->attachment_id);
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  const char *values[3] = { id, at, length > 0 ? buffer : "" };
  const int lengths[3] = { 0, 0, (int)length };
  const int formats[3] = { 0, 0, 1 };
  const Oid types[3] = { INT8OID, INT8OID, BYTEAOID };
  PGresult *res;
  gboolean ok;

  if (length == 0)
    return TRUE;
  res = PQexecParams (blob->db->handle,
                      "INSERT INTO attachment_data (attachment_id, at, data) VALUES ($1, $2, $3)",
                      3, types, values, lengths, formats, 0);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK || fail_result (blob->db, res);
  PQclear (res);
  return ok;
}

/* The parts of the chunks that overlap [$2, $2 + $3): from the last chunk
 * starting at or before $2 (found through the primary key) to the last
 * starting before the end, each cut to the range on the server (to
 * nothing when a chunk ends before $2: a gap copy_part() sees). */
static const char read_sql[] =
  "SELECT at, substring (data FROM CAST (GREATEST ($2 - at, 0) + 1 AS integer) "
  "                           FOR CAST (GREATEST (LEAST (at + length (data), $2 + $3) - GREATEST (at, $2), 0) AS integer)) "
  "FROM attachment_data "
  "WHERE attachment_id = $1 AND at < $2 + $3 "
  "  AND at >= COALESCE ((SELECT max (at) FROM attachment_data WHERE attachment_id = $1 AND at <= $2), 0) "
  "ORDER BY at";

/* Copies one row's part into buffer at its place; FALSE when it does not
 * start where the previous one ended (a chunk is missing). */
static gboolean
copy_part (PGresult *res,
           guint8   *buffer,
           gint64    offset,
           gint64   *done)
{
  guint64 at_be;
  gint64 start;
  int length = PQgetlength (res, 0, 1);

  memcpy (&at_be, PQgetvalue (res, 0, 0), sizeof at_be);
  start = MAX ((gint64)GUINT64_FROM_BE (at_be), offset);
  if (start != offset + *done)
    return FALSE;
  memcpy (buffer + *done, PQgetvalue (res, 0, 1), length);
  *done += length;
  return TRUE;
}

/* In single-row mode, so that one chunk's part at a time is in memory
 * besides buffer; binary, so that it is the bytes rather than their hex. */
gboolean
_warta_db_pg_blob_read (WartaDbBlob *blob,
                        gpointer     buffer,
                        gsize        length,
                        gint64       offset)
{
  PGconn *conn = blob->db->handle;
  char text[3][G_ASCII_DTOSTR_BUF_SIZE];
  const char *values[3] = { text[0], text[1], text[2] };
  const Oid types[3] = { INT8OID, INT8OID, INT8OID };
  gboolean ok = TRUE, missing = FALSE;
  gint64 done = 0;
  PGresult *res;

  if (length == 0)
    return TRUE;
  g_snprintf (text[0], sizeof text[0], "%" G_GINT64_FORMAT, blob->attachment_id);
  g_snprintf (text[1], sizeof text[1], "%" G_GINT64_FORMAT, offset);
  g_snprintf (text[2], sizeof text[2], "%" G_GSIZE_FORMAT, length);
  if (!PQsendQueryParams (conn, read_sql, 3, types, values, NULL, NULL, 1))
    return fail_result (blob->db, NULL);
  PQsetSingleRowMode (conn);

  /* every result is read, to the NULL that ends them, even past a failure */
  while ((res = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (res);

      if (status == PGRES_SINGLE_TUPLE && ok && !missing)
        missing = !copy_part (res, buffer, offset, &done);
      else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && ok)
        ok = fail_result (blob->db, res);
      PQclear (res);
    }
  if (ok && (missing || done != (gint64)length))
    {
      _warta_db_set_problem (blob->db, WARTA_DB_NOT_FOUND, "part of the content is missing");
      ok = FALSE;
    }
  return ok;
}

void
_warta_db_pg_blob_close (WartaDbBlob *blob)
{
}
