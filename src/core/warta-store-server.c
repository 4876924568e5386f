/* warta-store-server.c: an office on a PostgreSQL server, its permissions
 * held by the database
 *
 * The design (docs/office-server.md tells it to an office's IT person):
 *
 * - The tables belong to OFFICE_owner, a role nobody logs in as. Each
 *   person is a login role of the server, a member of OFFICE_person;
 *   signing in to Warta is signing in to PostgreSQL. OFFICE is the
 *   database's name, so that one server can hold several offices.
 * - Row-level security, forced on every table (the owner's rows too),
 *   holds the line the engine checks, for anyone who connects with psql:
 *   a person reads the office, and writes only what their own step lets
 *   them write. A few SECURITY DEFINER functions, their search_path
 *   pinned, answer "who am I" (warta_me), "am I an administrator", and
 *   "may I write to this berkas" (its active step is mine, or I completed
 *   its step in this very transaction: the row's xmin is this
 *   transaction), and do what needs the owner's rights (logins).
 * - A person's login is made, changed and closed only through definer
 *   functions that check the caller is an administrator (or, for a
 *   password, the person themself): nobody holds CREATEROLE but the
 *   owner. Passwords travel as SCRAM verifiers made on the desk
 *   (PQencryptPasswordConn), never in clear, so no server log holds one.
 * - The journal is append-only: no UPDATE or DELETE is granted to anyone,
 *   and a trigger appends under the writers' lock: it checks that the
 *   event extends the chain (seq, previous hash, its own hash computed
 *   again in SQL), that its actor is the session's person, and moves the
 *   journal's head in meta itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <libpq-fe.h>

#include "warta-journal.h"
#include "warta-store-private.h"

#define ADMIN_WRITES(table) \
  "GRANT INSERT, UPDATE, DELETE ON " table " TO \"@person@\";" \
  "CREATE POLICY admin_writes ON " table " FOR ALL TO \"@person@\" " \
  "  USING (warta_is_admin ()) WITH CHECK (warta_is_admin ());"

/* A policy for one command: USING for UPDATE and DELETE, WITH CHECK for
 * INSERT and UPDATE. */
#define HOLDER_WRITES(table, command, condition) \
  "GRANT " #command " ON " table " TO \"@person@\";" \
  "CREATE POLICY holder_" #command " ON " table " FOR " #command " TO \"@person@\" " \
  HOLDER_CLAUSES_##command (condition) ";"
#define HOLDER_CLAUSES_INSERT(condition) "WITH CHECK (" condition ")"
#define HOLDER_CLAUSES_UPDATE(condition) "USING (" condition ") WITH CHECK (" condition ")"
#define HOLDER_CLAUSES_DELETE(condition) "USING (" condition ")"

/* Tables a person reads whole; each has its own write policies below. */
static const char *const tables[] = {
  "meta", "roles", "users", "user_roles", "sops", "retired_sops", "sites", "office_files",
  "cases", "step_runs", "dispositions", "naskah", "naskah_revisions", "run_checks",
  "attachments", "attachment_data", "publications", "publication_media", "archive_copies",
  "prints", "case_looks", "touches", "journal",
};

/* Made as the server's administrator (a superuser, or the database's
 * owner with CREATEROLE): the office's two group roles, and the schema
 * handed to the owner. @owner@, @person@ and @db@ are replaced. */
static const char roles_sql[] =
  "DO $$ BEGIN "
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@owner@') THEN "
  "    CREATE ROLE \"@owner@\" NOLOGIN CREATEROLE; "
  "  END IF; "
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@person@') THEN "
  "    CREATE ROLE \"@person@\" NOLOGIN; "
  "  END IF; "
  "END $$;"
  "GRANT \"@owner@\" TO CURRENT_USER;"
  "REVOKE ALL ON DATABASE \"@db@\" FROM PUBLIC;"
  "GRANT CONNECT, TEMPORARY ON DATABASE \"@db@\" TO \"@person@\";"
  "ALTER SCHEMA public OWNER TO \"@owner@\";"
  "REVOKE ALL ON SCHEMA public FROM PUBLIC;"
  "GRANT USAGE ON SCHEMA public TO \"@person@\";";

/* Run as the owner, once the tables are made. */
static const char functions_sql[] =
  /* Who the session is, as a person of the office: their users.id, or
   * NULL for anyone else (the owner, the server's administrator) */
  "CREATE FUNCTION warta_me () RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS "
  "  $$ SELECT id FROM users WHERE login = session_user AND active = 1 $$;"
  "CREATE FUNCTION warta_is_admin () RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS "
  "  $$ SELECT coalesce ((SELECT is_admin = 1 FROM users WHERE login = session_user AND active = 1), false) $$;"
  /* The berkas's active step is mine: given to me, or to my lane */
  "CREATE FUNCTION warta_holds (c bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS "
  "  $$ SELECT EXISTS (SELECT 1 FROM step_runs r WHERE r.case_id = c AND r.completed_at IS NULL "
  "       AND (r.assignee = warta_me () OR (r.assignee IS NULL AND r.lane IN "
  "            (SELECT role_id FROM user_roles WHERE user_id = warta_me ())))) $$;"
  /* I completed a step of the berkas in this very transaction: what
   * follows from it (the next step, the berkas's state) is mine to write */
  "CREATE FUNCTION warta_just_acted (c bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS "
  "  $$ SELECT EXISTS (SELECT 1 FROM step_runs r WHERE r.case_id = c AND r.completed_by = warta_me () "
  "       AND r.xmin = pg_current_xact_id ()::xid) "
  "     OR EXISTS (SELECT 1 FROM cases k WHERE k.id = c AND k.created_by = warta_me () "
  "       AND k.xmin = pg_current_xact_id ()::xid) $$;"
  "CREATE FUNCTION warta_may_write (c bigint) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS "
  "  $$ SELECT warta_holds (c) OR warta_just_acted (c) $$;"

  /* A person's own fields (must_change_password, password_hash) are
   * theirs to write; the rest of a row is the administrator's */
  "CREATE FUNCTION warta_users_guard () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS $$ "
  "BEGIN "
  "  IF warta_me () IS NOT NULL AND NOT warta_is_admin () AND "
  "     (NEW.id, NEW.login, NEW.full_name, NEW.nip, NEW.jabatan, NEW.is_admin, NEW.pangkat, NEW.active) "
  "       IS DISTINCT FROM "
  "     (OLD.id, OLD.login, OLD.full_name, OLD.nip, OLD.jabatan, OLD.is_admin, OLD.pangkat, OLD.active) THEN "
  "    RAISE insufficient_privilege USING MESSAGE = 'only an administrator changes a person'; "
  "  END IF; "
  "  RETURN NEW; "
  "END $$;"
  "CREATE TRIGGER users_guard BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION warta_users_guard ();"

  /* A berkas moves along its SOP: it begins at the first step, and a
   * step is followed by its successor (its "next", its "ya" or "tidak",
   * or the one after it), or goes back to one before (a return, a
   * disposition). A person cannot skip ahead by writing a run. */
  "CREATE FUNCTION warta_step_runs_guard () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS $$ "
  "DECLARE "
  "  steps jsonb; "
  "  prev_step text; "
  "  prev jsonb; "
  "  prev_index bigint; "
  "  new_index bigint; "
  "BEGIN "
  "  IF warta_me () IS NULL THEN "
  "    RETURN NEW; "
  "  END IF; "
  "  SELECT (s.source::jsonb)->'steps' INTO steps FROM sops s "
  "    JOIN cases c ON c.sop_id = s.id AND c.sop_version = s.version WHERE c.id = NEW.case_id; "
  "  SELECT e.n - 1 INTO new_index FROM jsonb_array_elements (steps) WITH ORDINALITY e (step, n) "
  "    WHERE e.step->>'id' = NEW.step_id; "
  "  IF new_index IS NULL THEN "
  "    RAISE check_violation USING MESSAGE = 'the berkas''s SOP has no such step'; "
  "  END IF; "
  "  SELECT r.step_id INTO prev_step FROM step_runs r "
  "    WHERE r.case_id = NEW.case_id AND r.completed_at IS NOT NULL ORDER BY r.seq DESC LIMIT 1; "
  "  IF prev_step IS NULL THEN "
  "    IF new_index <> 0 THEN "
  "      RAISE check_violation USING MESSAGE = 'a berkas begins at its SOP''s first step'; "
  "    END IF; "
  "    RETURN NEW; "
  "  END IF; "
  "  SELECT e.n - 1, e.step INTO prev_index, prev FROM jsonb_array_elements (steps) WITH ORDINALITY e (step, n) "
  "    WHERE e.step->>'id' = prev_step; "
  "  IF new_index <= prev_index "
  "     OR (prev ? 'ya' AND NEW.step_id IN (prev->>'ya', prev->>'tidak')) "
  "     OR (prev ? 'next' AND NEW.step_id = prev->>'next') "
  "     OR (NOT prev ? 'ya' AND NOT prev ? 'next' AND NOT prev ? 'end' AND new_index = prev_index + 1) THEN "
  "    RETURN NEW; "
  "  END IF; "
  "  RAISE check_violation USING MESSAGE = 'a step must follow from the last one as the SOP says'; "
  "END $$;"
  "CREATE TRIGGER step_runs_guard BEFORE INSERT ON step_runs FOR EACH ROW EXECUTE FUNCTION warta_step_runs_guard ();"

  /* The journal: appended under the writers' lock, the chain checked
   * and its head moved here, the actor the session's person */
  "CREATE FUNCTION warta_journal_append () RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
  "  SET search_path = pg_catalog, public, pg_temp AS $$ "
  "DECLARE "
  "  head_seq bigint; "
  "  head_hash text; "
  "  me bigint := warta_me (); "
  "BEGIN "
  "  PERFORM pg_advisory_xact_lock (2026121701); "
  "  IF me IS NULL AND NOT pg_has_role (session_user, '@owner@', 'USAGE') THEN "
  "    RAISE insufficient_privilege USING MESSAGE = 'only a person of the office writes its journal'; "
  "  END IF; "
  "  IF me IS NOT NULL AND NEW.actor IS DISTINCT FROM me THEN "
  "    RAISE insufficient_privilege USING MESSAGE = 'a journal event''s actor is the person signed in'; "
  "  END IF; "
  "  SELECT seq, hash INTO head_seq, head_hash FROM journal ORDER BY seq DESC LIMIT 1; "
  "  IF NEW.seq IS DISTINCT FROM coalesce (head_seq, 0) + 1 "
  "     OR NEW.prev_hash IS DISTINCT FROM coalesce (head_hash, '@genesis@') THEN "
  "    RAISE check_violation USING MESSAGE = 'a journal event must extend the chain''s head'; "
  "  END IF; "
  "  IF NEW.hash IS DISTINCT FROM encode (sha256 (convert_to (NEW.prev_hash || E'\\n' || NEW.seq || E'\\n' || "
  "       NEW.at || E'\\n' || coalesce (NEW.actor, 0) || E'\\n' || coalesce (NEW.case_id, 0) || E'\\n' || "
  "       NEW.kind || E'\\n' || NEW.payload, 'UTF8')), 'hex') THEN "
  "    RAISE check_violation USING MESSAGE = 'a journal event''s hash must be its own'; "
  "  END IF; "
  "  INSERT INTO meta (key, value) VALUES ('journal_head_seq', NEW.seq::text), ('journal_head_hash', NEW.hash) "
  "    ON CONFLICT (key) DO UPDATE SET value = excluded.value; "
  "  RETURN NEW; "
  "END $$;"
  "CREATE TRIGGER journal_append BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION warta_journal_append ();"

  /* Logins: made, given a password, closed and opened again by an
   * administrator; a person gives their own a new password */
  "CREATE FUNCTION warta_create_login (login text, verifier text) RETURNS void LANGUAGE plpgsql "
  "  SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$ "
  "BEGIN "
  "  IF NOT warta_is_admin () AND warta_me () IS NOT NULL OR "
  "     warta_me () IS NULL AND NOT pg_has_role (session_user, '@owner@', 'USAGE') THEN "
  "    RAISE insufficient_privilege USING MESSAGE = 'only an administrator adds a person'; "
  "  END IF; "
  "  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.login = warta_create_login.login) THEN "
  "    RAISE no_data_found USING MESSAGE = 'the person must be in the office first'; "
  "  END IF; "
  "  EXECUTE format ('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, verifier, '@person@'); "
  "END $$;"
  "CREATE FUNCTION warta_set_login_password (login text, verifier text) RETURNS void LANGUAGE plpgsql "
  "  SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$ "
  "BEGIN "
  "  IF login IS DISTINCT FROM session_user AND NOT warta_is_admin () AND "
  "     NOT pg_has_role (session_user, '@owner@', 'USAGE') THEN "
  "    RAISE insufficient_privilege USING MESSAGE = 'only an administrator sets another person''s password'; "
  "  END IF; "
  "  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.login = warta_set_login_password.login) THEN "
  "    RAISE no_data_found USING MESSAGE = 'no such person in the office'; "
  "  END IF; "
  "  EXECUTE format ('ALTER ROLE %I PASSWORD %L', login, verifier); "
  "END $$;"
  "CREATE FUNCTION warta_set_login_active (login text, active boolean) RETURNS void LANGUAGE plpgsql "
  "  SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$ "
  "BEGIN "
  "  IF NOT warta_is_admin () AND NOT pg_has_role (session_user, '@owner@', 'USAGE') THEN "
  "    RAISE insufficient_privilege USING MESSAGE = 'only an administrator closes or opens a login'; "
  "  END IF; "
  "  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.login = warta_set_login_active.login) THEN "
  "    RAISE no_data_found USING MESSAGE = 'no such person in the office'; "
  "  END IF; "
  "  EXECUTE format ('ALTER ROLE %I %s', login, CASE WHEN active THEN 'LOGIN' ELSE 'NOLOGIN' END); "
  "END $$;"
  "REVOKE ALL ON FUNCTION warta_me (), warta_is_admin (), warta_holds (bigint), warta_just_acted (bigint), "
  "  warta_may_write (bigint), warta_create_login (text, text), warta_set_login_password (text, text), "
  "  warta_set_login_active (text, boolean) FROM PUBLIC;"
  "GRANT EXECUTE ON FUNCTION warta_me (), warta_is_admin (), warta_holds (bigint), warta_just_acted (bigint), "
  "  warta_may_write (bigint), warta_create_login (text, text), warta_set_login_password (text, text), "
  "  warta_set_login_active (text, boolean) TO \"@person@\";";

/* What a person may write, table by table. Reading is open to every
 * person (the office works in the open), but for the password hashes. */
static const char policies_sql[] =
  "GRANT SELECT (id, login, full_name, nip, jabatan, is_admin, pangkat, active, must_change_password) "
  "  ON users TO \"@person@\";"
  "GRANT INSERT, UPDATE ON users TO \"@person@\";"
  "CREATE POLICY admin_adds ON users FOR INSERT TO \"@person@\" WITH CHECK (warta_is_admin ());"
  "CREATE POLICY own_or_admin ON users FOR UPDATE TO \"@person@\" "
  "  USING (warta_is_admin () OR login = session_user) WITH CHECK (warta_is_admin () OR login = session_user);"

  /* The office's set-up: its administrator's */
  ADMIN_WRITES ("roles")
  ADMIN_WRITES ("user_roles")
  ADMIN_WRITES ("sops")
  ADMIN_WRITES ("retired_sops")
  ADMIN_WRITES ("sites")
  ADMIN_WRITES ("office_files")
  ADMIN_WRITES ("meta")

  /* A berkas: started by anyone (the engine checks the lane), written by
   * the holder of its step */
  "GRANT INSERT, UPDATE ON cases TO \"@person@\";"
  "CREATE POLICY own_start ON cases FOR INSERT TO \"@person@\" WITH CHECK (created_by = warta_me ());"
  "CREATE POLICY holder ON cases FOR UPDATE TO \"@person@\" "
  "  USING (warta_may_write (id)) WITH CHECK (warta_may_write (id));"
  "GRANT INSERT, UPDATE ON step_runs TO \"@person@\";"
  "CREATE POLICY next_step ON step_runs FOR INSERT TO \"@person@\" WITH CHECK (warta_just_acted (case_id));"
  /* the holder completes their step; an administrator hands a step over */
  "CREATE POLICY holder ON step_runs FOR UPDATE TO \"@person@\" "
  "  USING (completed_at IS NULL AND (assignee = warta_me () OR (assignee IS NULL AND lane IN "
  "         (SELECT role_id FROM user_roles WHERE user_id = warta_me ())) OR warta_is_admin ())) "
  "  WITH CHECK (completed_at IS NULL AND warta_is_admin () OR completed_by = warta_me ());"
  HOLDER_WRITES ("dispositions", INSERT, "from_user = warta_me () AND warta_may_write (case_id)")
  HOLDER_WRITES ("naskah", INSERT, "warta_may_write (case_id)")
  HOLDER_WRITES ("naskah", UPDATE, "warta_may_write (case_id)")
  HOLDER_WRITES ("naskah_revisions", INSERT, "saved_by = warta_me () AND warta_may_write (case_id)")
  HOLDER_WRITES ("naskah_revisions", UPDATE, "saved_by = warta_me () AND warta_may_write (case_id)")
  HOLDER_WRITES ("run_checks", INSERT,
                 "EXISTS (SELECT 1 FROM step_runs r WHERE r.id = run_id AND warta_may_write (r.case_id))")
  HOLDER_WRITES ("run_checks", DELETE,
                 "EXISTS (SELECT 1 FROM step_runs r WHERE r.id = run_id AND warta_may_write (r.case_id))")
  /* A file: added by the holder at their step, settled by whoever added
   * it; removed by the holder, or swept by anyone a day after its writer
   * stopped */
  HOLDER_WRITES ("attachments", INSERT, "added_by = warta_me () AND warta_may_write (case_id)")
  HOLDER_WRITES ("attachments", UPDATE, "added_by = warta_me () OR warta_may_write (case_id)")
  HOLDER_WRITES ("attachments", DELETE,
                 "warta_may_write (case_id) OR (pending = 1 AND (added_by = warta_me () OR "
                 "added_at < (extract (epoch FROM now ()) - 86400) * 1000000))")
  HOLDER_WRITES ("attachment_data", INSERT,
                 "EXISTS (SELECT 1 FROM attachments a WHERE a.id = attachment_id AND a.added_by = warta_me ())")
  HOLDER_WRITES ("attachment_data", DELETE,
                 "EXISTS (SELECT 1 FROM attachments a WHERE a.id = attachment_id AND (warta_may_write (a.case_id) "
                 "OR (a.pending = 1 AND (a.added_by = warta_me () OR "
                 "a.added_at < (extract (epoch FROM now ()) - 86400) * 1000000))))")
  /* Publishing: by the holder of the publish step (the engine also lets
   * an administrator withdraw) */
  HOLDER_WRITES ("publications", INSERT, "warta_may_write (case_id) OR warta_is_admin ()")
  HOLDER_WRITES ("publications", UPDATE, "warta_may_write (case_id) OR warta_is_admin ()")
  HOLDER_WRITES ("publication_media", INSERT,
                 "EXISTS (SELECT 1 FROM publications p WHERE p.id = publication_id AND "
                 "(warta_may_write (p.case_id) OR warta_is_admin ()))")
  HOLDER_WRITES ("publication_media", UPDATE,
                 "EXISTS (SELECT 1 FROM publications p WHERE p.id = publication_id AND "
                 "(warta_may_write (p.case_id) OR warta_is_admin ()))")
  /* Papers: anyone prints, as themself */
  HOLDER_WRITES ("archive_copies", INSERT, "made_by = warta_me ()")
  HOLDER_WRITES ("prints", INSERT, "by = warta_me ()")
  HOLDER_WRITES ("case_looks", INSERT, "user_id = warta_me ()")
  HOLDER_WRITES ("case_looks", UPDATE, "user_id = warta_me ()")
  /* What only says "something changed here" */
  HOLDER_WRITES ("touches", INSERT, "true")
  HOLDER_WRITES ("touches", UPDATE, "true")
  /* The journal: appended, never changed (no UPDATE or DELETE granted) */
  "GRANT INSERT ON journal TO \"@person@\";"
  "CREATE POLICY append ON journal FOR INSERT TO \"@person@\" WITH CHECK (true);";

static char *
with_names (const char *sql,
            const char *db)
{
  g_autofree char *owner = g_strdup_printf ("%s_owner", db);
  g_autofree char *person = g_strdup_printf ("%s_person", db);
  g_autoptr(GString) out = g_string_new (sql);

  g_string_replace (out, "@owner@", owner, 0);
  g_string_replace (out, "@person@", person, 0);
  g_string_replace (out, "@db@", db, 0);
  g_string_replace (out, "@genesis@", WARTA_JOURNAL_GENESIS, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * warta_store_conninfo_with:
 *
 * Returns: @conninfo (a URI or key=value words) with @keyword set to
 * @value: libpq takes the last of a keyword given twice, and a URI takes
 * it as a parameter.
 */
char *
warta_store_conninfo_with (const char *conninfo,
                           const char *keyword,
                           const char *value)
{
  g_return_val_if_fail (conninfo != NULL && keyword != NULL && value != NULL, NULL);

  if (g_str_has_prefix (conninfo, "postgresql://") || g_str_has_prefix (conninfo, "postgres://"))
    {
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      return g_strdup_printf ("%s%s%s=%s", conninfo, strchr (conninfo, '?') ? "&" : "?", keyword, escaped);
    }
  else
    {
      g_autoptr(GString) quoted = g_string_new (value);

      g_string_replace (quoted, "\\", "\\\\", 0);
      g_string_replace (quoted, "'", "\\'", 0);
      return g_strdup_printf ("%s %s='%s'", conninfo, keyword, quoted->str);
    }
}

gboolean
warta_store_people_are_logins (WartaStore *self)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);
  return self->people_are_logins;
}

/* One statement with text parameters, for what the store does once. */
static gboolean
run (WartaStore  *self,
     const char  *sql,
     GError     **error,
     ...)
{
  WartaStmt *stmt;
  WartaStmtResult rc;
  const char *value;
  va_list args;
  int i = 1;

  if (!(stmt = warta_db_prepare (self->db, sql, NULL)))
    return _warta_store_set_db_error (self, error);
  va_start (args, error);
  while ((value = va_arg (args, const char *)) != NULL)
    warta_stmt_bind_text (stmt, i++, value);
  va_end (args);
  rc = warta_stmt_step (stmt);
  warta_stmt_free (stmt);
  return rc != WARTA_STMT_ERROR || _warta_store_set_db_error (self, error);
}

/* The server stores what the desk made of the password (a SCRAM
 * verifier): the password itself never goes over the wire in a
 * statement, nor into the server's log. */
static char *
verifier (WartaStore  *self,
          const char  *login,
          const char  *password,
          GError     **error)
{
  char *made = PQencryptPasswordConn (warta_db_get_handle (self->db), password, login, "scram-sha-256");
  char *copy;

  if (made == NULL)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Database error: %s"), PQerrorMessage (warta_db_get_handle (self->db)));
      return NULL;
    }
  copy = g_strdup (made);
  PQfreemem (made);
  return copy;
}

/**
 * warta_store_server_create_login:
 *
 * On an office whose people are the server's logins: gives the person
 * already added as @login a login role of the server, with @password.
 * In the caller's transaction.
 */
gboolean
warta_store_server_create_login (WartaStore  *self,
                                 const char  *login,
                                 const char  *password,
                                 GError     **error)
{
  g_autofree char *made = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  return (made = verifier (self, login, password, error)) != NULL &&
         run (self, "SELECT warta_create_login (?, ?)", error, login, made, NULL);
}

gboolean
warta_store_server_set_password (WartaStore  *self,
                                 const char  *login,
                                 const char  *password,
                                 GError     **error)
{
  g_autofree char *made = NULL;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  return (made = verifier (self, login, password, error)) != NULL &&
         run (self, "SELECT warta_set_login_password (?, ?)", error, login, made, NULL);
}

gboolean
warta_store_server_set_active (WartaStore  *self,
                               const char  *login,
                               gboolean     active,
                               GError     **error)
{
  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  return run (self, "SELECT warta_set_login_active (?, CAST (? AS boolean))", error,
              login, active ? "true" : "false", NULL);
}

/* Row security on every table, forced: the owner's own sessions (an
 * office moved in, an upgrade) pass by a policy of their own. */
static gboolean
secure_tables (WartaStore  *self,
               const char  *db,
               GError     **error)
{
  g_autofree char *owner = g_strdup_printf ("%s_owner", db);
  g_autofree char *person = g_strdup_printf ("%s_person", db);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* users: every column but the password hash, granted with its
       * policies */
      g_autofree char *grant = g_str_equal (tables[i], "users")
        ? g_strdup ("") : g_strdup_printf ("GRANT SELECT ON %s TO \"%s\";", tables[i], person);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %1$s ENABLE ROW LEVEL SECURITY;"
                                              "ALTER TABLE %1$s FORCE ROW LEVEL SECURITY;"
                                              "CREATE POLICY owner_all ON %1$s TO \"%2$s\" USING (true) WITH CHECK (true);"
                                              "CREATE POLICY person_reads ON %1$s FOR SELECT TO \"%3$s\" USING (true);"
                                              "%4$s",
                                              tables[i], owner, person, grant);

      if (!_warta_store_exec (self, sql, error))
        return FALSE;
    }
  {
    g_autofree char *sequences = g_strdup_printf ("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \"%s\";", person);

    return _warta_store_exec (self, sequences, error);
  }
}

/* The database's name, as the server says it. */
static char *
database_name (WartaDb *db)
{
  WartaStmt *stmt = warta_db_prepare (db, "SELECT current_database ()", NULL);
  char *name = NULL;

  if (stmt != NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
    name = g_strdup (warta_stmt_column_text (stmt, 0));
  warta_stmt_free (stmt);
  return name;
}

static gint64
count_tables (WartaDb *db)
{
  WartaStmt *stmt = warta_db_prepare (db, "SELECT count (*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'",
                                      NULL);
  gint64 n = -1;

  if (stmt != NULL && warta_stmt_step (stmt) == WARTA_STMT_ROW)
    n = warta_stmt_column_int64 (stmt, 0);
  warta_stmt_free (stmt);
  return n;
}

/**
 * warta_store_init_server:
 * @conninfo: an empty database, reached as the server's administrator
 *   (a superuser, or the database's owner with CREATEROLE)
 *
 * Makes the office in an empty database: its owner and person roles, its
 * tables (owned by the owner), row security on each, the functions and
 * triggers that hold the office's permissions. The office has no people
 * yet: add the first administrator with the engine on the store this
 * returns (actor 0), and each person added gets a login of the server.
 *
 * Returns: (transfer full): the office, opened as its owner
 */
WartaStore *
warta_store_init_server (const char  *conninfo,
                         const char  *password,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WartaStore) self = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *as_owner = NULL;
  g_autofree char *options = NULL;
  WartaDb *db;
  gint64 n_tables;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (!(db = warta_db_open_postgres (conninfo, password, &local_error)))
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED,
                   _("Cannot connect to the office server: %s"), local_error->message);
      return NULL;
    }
  db_name = database_name (db);
  n_tables = count_tables (db);
  if (db_name == NULL || n_tables != 0)
    {
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS,
                   _("The database “%s” is not empty: an office is set up only in an empty database"),
                   db_name ? db_name : "");
      warta_db_close (db);
      return NULL;
    }
  {
    g_autofree char *sql = with_names (roles_sql, db_name);

    if (!warta_db_exec (db, sql, &local_error))
      {
        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_REFUSED,
                     _("Cannot make the office's roles (the server's administrator must do it): %s"),
                     local_error->message);
        warta_db_close (db);
        return NULL;
      }
  }
  warta_db_close (db);

  /* The tables are made as the owner, so that they are the owner's */
  owner = g_strdup_printf ("%s_owner", db_name);
  options = g_strdup_printf ("-c role=%s", owner);
  as_owner = warta_store_conninfo_with (conninfo, "options", options);
  if (!(self = warta_store_open_server (as_owner, password, error)))
    return NULL;

  {
    g_autofree char *functions = with_names (functions_sql, db_name);
    g_autofree char *policies = with_names (policies_sql, db_name);
    g_autoptr(WartaTransaction) tx = warta_store_transaction (self, error);

    if (tx == NULL ||
        !secure_tables (self, db_name, error) ||
        !_warta_store_exec (self, functions, error) ||
        !_warta_store_exec (self, policies, error) ||
        !_warta_store_exec (self, "INSERT INTO meta (key, value) VALUES ('people_are_logins', '1')", error) ||
        !warta_transaction_commit (tx, error))
      return NULL;
  }
  self->people_are_logins = TRUE;
  return g_steal_pointer (&self);
}
