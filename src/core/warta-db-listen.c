/* warta-db-listen.c: hearing the other desks' commits (PostgreSQL)
 *
 * A connection of its own, in a thread of its own, does nothing but
 * LISTEN: it waits on its socket (and on a pipe that stops it), and tells
 * its caller, from that thread, each notification that came, that the
 * server was lost, or that it is back. It reconnects by itself, waiting
 * longer after each failure (1 s, 2 s, 4 s … up to 30 s). Nothing here
 * runs on the caller's main loop, and nothing polls: the thread sleeps in
 * poll(2) until the server speaks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include <glib-unix.h>
#include <libpq-fe.h>

#include "warta-db.h"

#define BACKOFF_FIRST_MS 1000
#define BACKOFF_LAST_MS  30000

struct _WartaDbListener
{
  char            *conninfo;
  char            *password;
  char            *channel;
  WartaDbHearFunc  func;
  gpointer         user_data;
  GThread         *thread;
  int              stop_pipe[2];
};

/* Waits for the socket to be readable, the stop pipe, or timeout_ms (-1:
 * no timeout). Returns 1 when the socket is, 0 on timeout, -1 to stop. */
static int
wait_for (WartaDbListener *self,
          int              socket,
          int              timeout_ms)
{
  struct pollfd fds[2] = {
    { .fd = self->stop_pipe[0], .events = POLLIN },
    { .fd = socket, .events = POLLIN },
  };
  int n;

  do
    n = poll (fds, socket >= 0 ? 2 : 1, timeout_ms);
  while (n < 0 && errno == EINTR);

  if (n < 0 || (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
    return -1;
  if (n == 0)
    return 0;
  return 1;
}

/* Listens on one connection until it is lost (TRUE) or the listener is
 * stopped (FALSE). */
static gboolean
listen_on (WartaDbListener *self,
           WartaDb         *db)
{
  PGconn *conn = warta_db_get_handle (db);
  int socket = PQsocket (conn);

  for (;;)
    {
      PGnotify *notify;
      int ready = wait_for (self, socket, -1);

      if (ready < 0)
        return FALSE;
      if (!PQconsumeInput (conn) || PQstatus (conn) != CONNECTION_OK)
        return TRUE;
      while ((notify = PQnotifies (conn)) != NULL)
        {
          self->func (WARTA_DB_HEARD_CHANGE, notify->extra, self->user_data);
          PQfreemem (notify);
        }
    }
}

static gpointer
listener_thread (gpointer data)
{
  WartaDbListener *self = data;
  g_autofree char *listen = g_strdup_printf ("LISTEN %s", self->channel);
  int backoff = BACKOFF_FIRST_MS;
  gboolean lost = FALSE;

  for (;;)
    {
      WartaDb *db = warta_db_open_postgres (self->conninfo, self->password, NULL);
      gboolean again;

      if (db != NULL && warta_db_exec (db, listen, NULL))
        {
          backoff = BACKOFF_FIRST_MS;
          /* Whatever was committed while it was away: read it all again;
           * and the first time, what came before it listened */
          if (lost)
            self->func (WARTA_DB_HEARD_BACK, NULL, self->user_data);
          else
            self->func (WARTA_DB_HEARD_CHANGE, NULL, self->user_data);
          lost = FALSE;
          again = listen_on (self, db);
          warta_db_close (db);
          if (!again)
            return NULL;
        }
      else
        warta_db_close (db);

      if (!lost)
        self->func (WARTA_DB_HEARD_LOST, NULL, self->user_data);
      lost = TRUE;
      if (wait_for (self, -1, backoff) < 0)
        return NULL;
      backoff = MIN (backoff * 2, BACKOFF_LAST_MS);
    }
}

/**
 * warta_db_listen:
 * @conninfo: the server, as for warta_db_open_postgres()
 * @password: (nullable): the login's password
 * @channel: an identifier to LISTEN on
 * @func: called in the listener's thread
 *
 * Returns: (transfer full): the listener; warta_db_listener_stop() ends it.
 */
WartaDbListener *
warta_db_listen (const char      *conninfo,
                 const char      *password,
                 const char      *channel,
                 WartaDbHearFunc  func,
                 gpointer         user_data)
{
  WartaDbListener *self = g_new0 (WartaDbListener, 1);

  self->conninfo = g_strdup (conninfo);
  self->password = g_strdup (password);
  self->channel = g_strdup (channel);
  self->func = func;
  self->user_data = user_data;
  if (!g_unix_open_pipe (self->stop_pipe, FD_CLOEXEC, NULL))
    g_error ("warta_db_listen: no pipe: %s", g_strerror (errno));
  self->thread = g_thread_new ("warta-listen", listener_thread, self);
  return self;
}

/* Stops the thread and waits for it: func is not called after this. */
void
warta_db_listener_stop (WartaDbListener *self)
{
  if (self == NULL)
    return;
  if (write (self->stop_pipe[1], "x", 1) < 0)
    g_warning ("warta_db_listener_stop: %s", g_strerror (errno));
  g_thread_join (self->thread);
  close (self->stop_pipe[0]);
  close (self->stop_pipe[1]);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->conninfo);
  g_free (self->channel);
  g_free (self);
}
