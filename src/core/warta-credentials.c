/* warta-credentials.c: where a publishing site's Application Password lives
 *
 * The Secret Service is reached through libsecret's SecretService calls
 * rather than its secret_password_*() shortcuts: those cannot tell "no
 * keyring" from other failures, and after a dismissed unlock prompt
 * their lookup returns nothing and their clear silently leaves locked
 * items behind, where Warta must say that the keyring is locked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "warta-credentials.h"

/* An Application Password is 24 characters in six groups; anything this
 * long on the first line is not one, and nothing more is read. */
#define MAX_FILE_READ 4096

G_DEFINE_QUARK (warta-credentials-error-quark, warta_credentials_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "id.warta.Warta.Site", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    /* reserved */
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
build_attributes (const char *url,
                  const char *user)
{
  return secret_attributes_build (get_schema (), "url", url, "user", user, NULL);
}

static void
set_no_service_error (GError **error)
{
  g_set_error_literal (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NO_SERVICE,
                       _("No Secret Service is running (GNOME Keyring or KeePassXC). "
                         "Start one, or give warta-cli --credentials-file FILE (mode 0600)."));
}

/* A Secret Service runs, but has no keyring to keep a password in:
 * GNOME Keyring started by D-Bus with no "login" keyring, and no prompt
 * to make one. For Warta it is as if none ran. */
static void
set_no_keyring_error (GError **error)
{
  g_set_error_literal (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NO_SERVICE,
                       _("The Secret Service has no keyring to keep the password in (GNOME Keyring has "
                         "no login keyring). Make one in the Passwords and Keys application, or give "
                         "warta-cli --credentials-file FILE (mode 0600)."));
}

static gboolean
is_no_keyring_error (const GError *error)
{
  return g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
}

static void
set_locked_error (GError **error)
{
  g_set_error_literal (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_LOCKED,
                       _("The keyring is locked. Unlock it (in GNOME: the Passwords and Keys "
                         "application, or log in again) and try again."));
}

static gboolean
is_no_service_error (const GError *error)
{
  if (error->domain == G_SPAWN_ERROR)
    return TRUE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return TRUE;

  if (error->domain != G_DBUS_ERROR)
    return FALSE;

  switch (error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FORK_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
    case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
    case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
    case G_DBUS_ERROR_SPAWN_FILE_INVALID:
    case G_DBUS_ERROR_SPAWN_NO_MEMORY:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Takes @secret_error, which came from libsecret or D-Bus. Cancellation
 * stays G_IO_ERROR_CANCELLED, as callers expect of any GIO call. */
static void
propagate_secret_error (GError **error,
                        GError  *secret_error)
{
  g_autoptr(GError) owned = secret_error;

  if (g_error_matches (owned, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&owned));
      return;
    }

  g_debug ("Secret Service: %s %d %s", g_quark_to_string (owned->domain), owned->code, owned->message);

  if (is_no_service_error (owned))
    set_no_service_error (error);
  else if (is_no_keyring_error (owned))
    set_no_keyring_error (error);
  else if (g_error_matches (owned, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    set_locked_error (error);
  else
    g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_FAILED,
                 /* Translators: %s is the keyring's own explanation */
                 _("The keyring could not do this (%s); try again, or restart GNOME Keyring"),
                 owned->message);
}

/* Every failure here means there is no usable Secret Service: no session
 * bus, nothing that owns or can be started as org.freedesktop.secrets, or
 * one that will not open a session. libsecret keeps the service once it
 * works, and does not keep one that failed, so a keyring started later is
 * found on the next call. */
static SecretService *
get_service (GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  SecretService *service;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local_error);
  if (service != NULL)
    return service;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_debug ("No Secret Service: %s", local_error->message);
  set_no_service_error (error);
  return NULL;
}

gboolean
warta_credentials_store (const char    *url,
                         const char    *user,
                         const char    *password,
                         const char    *label,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *default_label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  service = get_service (cancellable, error);
  if (service == NULL)
    return FALSE;

  if (label == NULL)
    {
      /* Translators: the keyring's name for a stored password; %s are
       * the user and the site's address */
      default_label = g_strdup_printf (_("Warta: %s at %s"), user, url);
      label = default_label;
    }

  /* libsecret copies the password into memory it wipes when freed. */
  value = secret_value_new (password, -1, "text/plain");
  attributes = build_attributes (url, user);

  /* The default collection, not the session one: the password must
   * outlive this login. libsecret asks to unlock it if it is locked, and
   * replaces an item with the same attributes. */
  if (!secret_service_store_sync (service, get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                                  label, value, cancellable, &local_error))
    {
      propagate_secret_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Unlocks what it finds (the keyring may prompt), and loads the secret of
 * the first unlocked item. */
static GList *
search_items (SecretService      *service,
              const char         *url,
              const char         *user,
              SecretSearchFlags   flags,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GHashTable) attributes = build_attributes (url, user);
  GError *local_error = NULL;
  GList *items;

  items = secret_service_search_sync (service, get_schema (), attributes,
                                      flags | SECRET_SEARCH_UNLOCK,
                                      cancellable, &local_error);
  if (local_error != NULL)
    {
      g_assert (items == NULL);
      propagate_secret_error (error, local_error);
    }

  return items;
}

char *
warta_credentials_lookup (const char    *url,
                          const char    *user,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) local_error = NULL;
  SecretItem *item;
  const char *text;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  service = get_service (cancellable, error);
  if (service == NULL)
    return NULL;

  items = search_items (service, url, user, SECRET_SEARCH_LOAD_SECRETS, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (items == NULL)
    {
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_NOT_FOUND,
                   /* Translators: %s are the user and the site's address */
                   _("No Application Password is stored for %s at %s; enter it in the site's settings"),
                   user, url);
      return NULL;
    }

  /* The search prefers unlocked items, so a locked one here means the
   * unlock prompt was dismissed or failed. */
  item = items->data;
  if (secret_item_get_locked (item))
    {
      set_locked_error (error);
      return NULL;
    }

  value = secret_item_get_secret (item);
  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL)
    {
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_FAILED,
                   /* Translators: %s are the user and the site's address */
                   _("The keyring holds something unreadable for %s at %s; enter the Application Password again"),
                   user, url);
      return NULL;
    }

  /* Plain heap memory, so that any free the caller uses works; the
   * SecretValue wipes its own copy. */
  return g_strdup (text);
}

gboolean
warta_credentials_clear (const char    *url,
                         const char    *user,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  service = get_service (cancellable, error);
  if (service == NULL)
    return FALSE;

  items = search_items (service, url, user, SECRET_SEARCH_ALL, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* secret_service_clear_sync() skips locked items and still succeeds;
   * a password left behind must not pass for a cleared one. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      if (secret_item_get_locked (l->data))
        {
          set_locked_error (error);
          return FALSE;
        }
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      GError *delete_error = NULL;

      if (!secret_item_delete_sync (l->data, cancellable, &delete_error))
        {
          propagate_secret_error (error, delete_error);
          return FALSE;
        }
    }

  return TRUE;
}

static void
set_file_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_FILE,
               /* Translators: the first %s is a file name, the second says why,
                * from the operating system */
               _("Could not read the credentials file “%s” (%s); check its name"),
               display, g_strerror (saved_errno));
}

/* The checks are made on the descriptor that is then read, so the file
 * cannot be swapped between them. O_NOFOLLOW refuses a symbolic link as
 * the last part of @path: whoever may change the link could point it at
 * a file of theirs. O_NONBLOCK keeps a FIFO from blocking the open. */
static int
open_checked (const char  *path,
              struct stat *st,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  do
    fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);

  if (fd < 0 && errno == ELOOP)
    {
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_INSECURE,
                   /* Translators: %s is a file name */
                   _("The credentials file “%s” is a symbolic link; give the file it points to, "
                     "with mode 0600 (chmod 600)"),
                   display);
      return -1;
    }

  if (fd < 0)
    {
      set_file_error (error, path, errno);
      return -1;
    }

  if (fstat (fd, st) < 0)
    {
      int saved_errno = errno;

      close (fd);
      set_file_error (error, path, saved_errno);
      return -1;
    }

  if (!S_ISREG (st->st_mode))
    {
      close (fd);
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_INSECURE,
                   /* Translators: %s is a file name */
                   _("“%s” is not a regular file; give a file that holds the Application Password, "
                     "with mode 0600 (chmod 600)"),
                   display);
      return -1;
    }

  if (st->st_uid != geteuid ())
    {
      close (fd);
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_INSECURE,
                   /* Translators: %s is a file name, %04o its permissions, as 0644 */
                   _("The credentials file “%s” (mode %04o) belongs to another user; "
                     "make it yours and private: chown it to yourself, then chmod 600 “%s”"),
                   display, (unsigned) (st->st_mode & 07777), display);
      return -1;
    }

  if ((st->st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      close (fd);
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_INSECURE,
                   /* Translators: %s is a file name, %04o its permissions, as 0644 */
                   _("The credentials file “%s” has mode %04o, so others may read the Application Password; "
                     "run chmod 600 “%s” and try again"),
                   display, (unsigned) (st->st_mode & 07777), display);
      return -1;
    }

  return fd;
}

/* Reads at most MAX_FILE_READ bytes from @fd into @buf. */
static gssize
read_head (int   fd,
           char *buf)
{
  gsize length = 0;

  while (length < MAX_FILE_READ)
    {
      gssize n = read (fd, buf + length, MAX_FILE_READ - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      length += n;
    }

  return length;
}

static char *
first_line (const char         *path,
            const char         *buf,
            gsize               length,
            const struct stat  *st,
            GError            **error)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *start = buf;
  const char *end = memchr (buf, '\n', length);

  if (end == NULL)
    {
      /* The whole head is one line: too long if the file goes on. */
      if (length == MAX_FILE_READ && st->st_size > MAX_FILE_READ)
        {
          g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_FILE,
                       /* Translators: %s is a file name */
                       _("The first line of the credentials file “%s” is longer than 4 KiB, "
                         "so it is not an Application Password; put the password alone on the first line"),
                       display);
          return NULL;
        }
      end = buf + length;
    }

  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (start == end)
    {
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_FILE,
                   /* Translators: %s is a file name */
                   _("The credentials file “%s” is empty; put the Application Password on its first line"),
                   display);
      return NULL;
    }

  if (memchr (start, '\0', end - start) != NULL || !g_utf8_validate (start, end - start, NULL))
    {
      g_set_error (error, WARTA_CREDENTIALS_ERROR, WARTA_CREDENTIALS_ERROR_FILE,
                   /* Translators: %s is a file name */
                   _("The first line of the credentials file “%s” is not text; "
                     "put the Application Password alone on the first line"),
                   display);
      return NULL;
    }

  return g_strndup (start, end - start);
}

char *
warta_credentials_for_site (const WartaSite  *site,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_return_val_if_fail (site != NULL, NULL);

  if (site->credentials_file != NULL)
    return warta_credentials_read_file (site->credentials_file, error);
  return warta_credentials_lookup (site->url, site->user, cancellable, error);
}

char *
warta_credentials_read_file (const char  *path,
                             GError     **error)
{
  char buf[MAX_FILE_READ];
  struct stat st;
  char *password;
  gssize length;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open_checked (path, &st, error);
  if (fd < 0)
    return NULL;

  length = read_head (fd, buf);
  if (length < 0)
    {
      int saved_errno = errno;

      close (fd);
      set_file_error (error, path, saved_errno);
      return NULL;
    }
  close (fd);

  password = first_line (path, buf, length, &st, error);
  explicit_bzero (buf, sizeof buf);

  return password;
}

gboolean
warta_credentials_check_file (const char  *path,
                              GError     **error)
{
  char *password;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  password = warta_credentials_read_file (path, error);
  if (password == NULL)
    return FALSE;

  secret_password_free (password);
  return TRUE;
}
