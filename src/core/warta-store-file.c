/* warta-store-file.c: the database file is its user's alone
 *
 * The database holds every password hash and every attachment, so it is
 * made 0600 before sqlite opens it; sqlite gives the -wal, -shm and
 * -journal files it makes the database file's own mode.
 *
 * An existing database that others may read or write is made private
 * too, once sqlite has read it as a database, and Warta says it did (warta-cli on stderr, the window in a toast),
 * rather than leave it open or change it without a word. sqlite serves
 * one desk and one account; an office of many desks shares a PostgreSQL
 * server, not a file, so no one is meant to reach the file through its
 * group. A file of another account's cannot be changed: then Warta says
 * so, with the command its owner can run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "warta-store-private.h"

/* Returns: (nullable): what to tell the person about @path */
static char *
tighten (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  struct stat st;
  unsigned mode;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || (st.st_mode & (S_IRWXG | S_IRWXO)) == 0)
    return NULL;

  mode = st.st_mode & 07777;
  if (st.st_uid == geteuid () && g_chmod (path, mode & ~(S_IRWXG | S_IRWXO)) == 0)
    return g_strdup_printf (/* Translators: %s is a file, %04o its permissions, as 0644 */
                            _("The database file %s could be read by other users of this computer (mode %04o), "
                              "password hashes and attachments included; Warta has made it private to you "
                              "(mode %04o)"),
                            display, mode, mode & ~(S_IRWXG | S_IRWXO));

  return g_strdup_printf (/* Translators: %s is a file, %04o its permissions, as 0644 */
                          _("The database file %s can be read by other users of this computer (mode %04o), "
                            "password hashes and attachments included, and Warta cannot change that: "
                            "its owner should run chmod 600 “%s”"),
                          display, mode, display);
}

/* Before sqlite opens @path: a new database is made private. The file is
 * only ever opened here when it does not exist yet: closing a descriptor
 * of a file drops every POSIX lock this process holds on it, sqlite's
 * included. */
gboolean
_warta_store_create_private (const char  *path,
                             GError     **error)
{
  int fd;

  do
    fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
  while (fd < 0 && errno == EINTR);

  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("Cannot create the database %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* Once sqlite has the file as a database: an existing one, with its -wal,
 * -shm and -journal files, that others may read is made private when it
 * is the user's. sqlite has just made -wal and -shm with the database's
 * mode, so the first file found open to others is the one named.
 * Returns: (nullable): what was found and done. */
char *
_warta_store_tighten (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  char *said = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      char *message = tighten (file);

      if (said == NULL)
        said = message;
      else
        g_free (message);
    }

  return said;
}
