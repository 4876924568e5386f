/* warta-store-connect.c: why an office server could not be opened, told to a person
 *
 * libpq's words say what went wrong to someone who knows PostgreSQL; the
 * person at the desk needs to know what to check: the password, the
 * database's name, the certificate, the address. Each problem the
 * database layer tells apart gets its own message; libpq's text follows
 * only where it says more than the message does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "warta-store-private.h"

/* host:port as the person wrote it (the name, not the address it
 * resolved to), or the socket's folder. */
static char *
server_name (const char *conninfo)
{
  g_autofree char *host = warta_db_conninfo_value (conninfo, "host");
  g_autofree char *port = warta_db_conninfo_value (conninfo, "port");

  if (host == NULL)
    host = warta_db_conninfo_value (conninfo, "hostaddr");
  if (host == NULL)
    host = g_strdup ("localhost");
  return g_strdup_printf ("%s:%s", host, port ? port : "5432");
}

/* libpq's reason without where it tried, which the message says already:
 * "connection to server at "…", port 5432 failed: SSL error: …" gives
 * "SSL error: …"; only its first line. */
static char *
reason_of (const char *message)
{
  const char *failed = strstr (message, "failed: ");
  const char *start = failed != NULL ? failed + strlen ("failed: ") : message;

  return g_strndup (start, strcspn (start, "\n"));
}

void
_warta_store_set_connect_error (const char    *conninfo,
                                const char    *shown,
                                const GError  *db_error,
                                GError       **error)
{
  g_autofree char *server = server_name (conninfo);
  g_autofree char *reason = reason_of (db_error->message);

  switch ((WartaDbProblem)db_error->code)
    {
    case WARTA_DB_AUTH:
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_REFUSED,
                   _("Wrong login or password for the office server %s"), server);
      return;
    case WARTA_DB_NO_DATABASE:
      {
        g_autofree char *dbname = warta_db_conninfo_value (conninfo, "dbname");

        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                     _("The office server has no database “%s”"), dbname ? dbname : "");
        return;
      }
    case WARTA_DB_CERTIFICATE:
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_REFUSED,
                   /* Translators: %s is libpq's own description of the problem */
                   _("The office server's certificate could not be verified: %s"), reason);
      return;
    case WARTA_DB_NOT_DATABASE:
      /* Translators: %s is a host:port */
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("%s is not a PostgreSQL server"), server);
      return;
    case WARTA_DB_CONNECTION:
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED,
                   _("Cannot reach the office server %s: %s"), server, reason);
      return;
    default:
      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Cannot connect to the office server %s: %s"), shown, db_error->message);
      return;
    }
}
