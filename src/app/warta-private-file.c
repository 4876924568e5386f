/* warta-private-file.c: a file only this process can read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "warta-private-file.h"

int
warta_private_file_new (const char  *prefix,
                        GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "warta", NULL);
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autofree char *path = g_build_filename (dir, template, NULL);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
      return -1;
    }
  if ((fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot make a temporary file in %s: %s"), dir, g_strerror (saved));
      return -1;
    }
  g_unlink (path);
  return fd;
}
