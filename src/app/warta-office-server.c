/* warta-office-server.c: the office server this desk connects to
 *
 * Where it is (host, port, database), who signs in there and the
 * certificate authority its certificate is checked against are remembered
 * in GSettings; the password, when the person asks for it, only in the
 * Secret Service, through warta-credentials.c, under the connection
 * string and the login (never in the settings, a file or the database).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>

#include "warta-credentials.h"
#include "warta-office-server.h"

WartaOfficeServer *
warta_office_server_new (void)
{
  WartaOfficeServer *server = g_new0 (WartaOfficeServer, 1);

  server->port = 5432;
  return server;
}

void
warta_office_server_free (WartaOfficeServer *server)
{
  if (server == NULL)
    return;
  g_free (server->host);
  g_free (server->database);
  g_free (server->login);
  g_free (server->ca_file);
  g_free (server);
}

WartaOfficeServer *
warta_office_server_load (GSettings *settings)
{
  WartaOfficeServer *server = warta_office_server_new ();

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  server->host = g_settings_get_string (settings, "office-server-host");
  server->port = g_settings_get_int (settings, "office-server-port");
  server->database = g_settings_get_string (settings, "office-server-database");
  server->login = g_settings_get_string (settings, "office-server-login");
  server->ca_file = g_settings_get_string (settings, "office-server-ca-file");
  server->remember_password = g_settings_get_boolean (settings, "office-server-remember-password");
  return server;
}

void
warta_office_server_save (GSettings               *settings,
                          const WartaOfficeServer *server)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (server != NULL);

  g_settings_set_string (settings, "office-server-host", server->host ? server->host : "");
  g_settings_set_int (settings, "office-server-port", server->port);
  g_settings_set_string (settings, "office-server-database", server->database ? server->database : "");
  g_settings_set_string (settings, "office-server-login", server->login ? server->login : "");
  g_settings_set_string (settings, "office-server-ca-file", server->ca_file ? server->ca_file : "");
  g_settings_set_boolean (settings, "office-server-remember-password", server->remember_password);
}

/* A value in libpq's keyword form: quoted, its quotes and backslashes
 * escaped, so that a space or a quote in a name cannot add a keyword. */
static void
append_option (GString    *conninfo,
               const char *keyword,
               const char *value)
{
  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append_printf (conninfo, "%s='", keyword);
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *c);
    }
  g_string_append_c (conninfo, '\'');
}

/* host=H port=P dbname=D sslrootcert=CA connect_timeout=15: the core adds
 * sslmode=verify-full for a server that is not this computer. */
char *
warta_office_server_dup_conninfo (const WartaOfficeServer *server)
{
  GString *conninfo = g_string_new (NULL);
  g_autofree char *port = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  port = g_strdup_printf ("%d", server->port);
  append_option (conninfo, "host", server->host ? server->host : "");
  append_option (conninfo, "port", port);
  append_option (conninfo, "dbname", server->database ? server->database : "");
  if (server->ca_file != NULL && server->ca_file[0] != '\0')
    append_option (conninfo, "sslrootcert", server->ca_file);
  /* A server that takes the connection and never answers is given up
   * on, as one that does not take it */
  append_option (conninfo, "connect_timeout", "15");
  return g_string_free (conninfo, FALSE);
}

char *
warta_office_server_login_from_conninfo (const char *conninfo)
{
  const char *at;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (g_str_has_prefix (conninfo, "postgresql://") || g_str_has_prefix (conninfo, "postgres://"))
    {
      g_autoptr(GUri) uri = g_uri_parse (conninfo, G_URI_FLAGS_HAS_PASSWORD, NULL);
      g_autoptr(GHashTable) params = NULL;
      const char *query;

      if (uri == NULL)
        return NULL;
      if ((query = g_uri_get_query (uri)) != NULL &&
          (params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL)) != NULL &&
          g_hash_table_contains (params, "user"))
        return g_strdup (g_hash_table_lookup (params, "user"));
      return g_strdup (g_uri_get_user (uri));
    }

  /* The keyword form: user=LOGIN, the last one counts as for libpq */
  for (const char *p = conninfo; (at = strstr (p, "user=")) != NULL; p = at + 5)
    if (at == conninfo || g_ascii_isspace (at[-1]))
      {
        const char *start = at + 5;
        const char *end;

        if (*start == '\'')
          {
            start++;
            end = strchr (start, '\'');
          }
        else
          for (end = start; *end != '\0' && !g_ascii_isspace (*end); end++)
            ;
        if (end != NULL)
          {
            char *login = g_strndup (start, end - start);

            if (strstr (end, "user=") == NULL)
              return login;
            g_free (login);
          }
      }
  return NULL;
}

static char *
label_for (const char *conninfo,
           const char *login)
{
  /* What the keyring application shows */
  return g_strdup_printf ("Warta: %s (%s)", login, conninfo);
}

typedef struct
{
  char *conninfo;
  char *login;
  char *password;
} Keep;

static void
keep_free (Keep *keep)
{
  g_free (keep->conninfo);
  g_free (keep->login);
  secret_password_free (keep->password);
  g_free (keep);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Keep *keep = task_data;
  GError *error = NULL;
  char *password = warta_credentials_lookup (keep->conninfo, keep->login, cancellable, &error);

  if (password == NULL && !g_error_matches (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  g_task_return_pointer (task, password, (GDestroyNotify)secret_password_free);
}

void
warta_office_server_lookup_password_async (const char          *conninfo,
                                           const char          *login,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Keep *keep = g_new0 (Keep, 1);

  keep->conninfo = g_strdup (conninfo);
  keep->login = g_strdup (login);
  g_task_set_source_tag (task, warta_office_server_lookup_password_async);
  g_task_set_task_data (task, keep, (GDestroyNotify)keep_free);
  g_task_run_in_thread (task, lookup_thread);
}

/* Returns: (nullable): the password (free with secret_password_free()),
 *   or NULL when none is kept */
char *
warta_office_server_lookup_password_finish (GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
keep_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Keep *keep = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = label_for (keep->conninfo, keep->login);
  gboolean done;

  if (keep->password != NULL)
    done = warta_credentials_store (keep->conninfo, keep->login, keep->password, label, cancellable, &error);
  else
    done = warta_credentials_clear (keep->conninfo, keep->login, cancellable, &error);
  /* Not fatal: the person types the password next time, as without
   * "Remember my password" */
  if (!done)
    g_message ("Cannot keep the office server's password in the keyring: %s", error->message);
  g_task_return_boolean (task, done);
}

void
warta_office_server_keep_password (const char *conninfo,
                                   const char *login,
                                   const char *password)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  Keep *keep = g_new0 (Keep, 1);

  keep->conninfo = g_strdup (conninfo);
  keep->login = g_strdup (login);
  if (password != NULL)
    keep->password = g_strdup (password);
  g_task_set_source_tag (task, warta_office_server_keep_password);
  g_task_set_task_data (task, keep, (GDestroyNotify)keep_free);
  g_task_run_in_thread (task, keep_thread);
}
