/* warta-url.c: the rules a site's address must follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "warta-url.h"

G_DEFINE_QUARK (warta-url-error-quark, warta_url_error)

gboolean
warta_url_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* GUri gives IPv6 hosts without brackets; be lenient if one slips in. */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
warta_url_check_site (const char  *url,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INVALID,
                           _("Enter the site's address, such as https://diskominfo.example.go.id/"));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    {
      g_set_error (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INVALID,
                   _("“%s” is not a complete web address; enter the site's address starting with https://, "
                     "such as https://diskominfo.example.go.id/"), url);
      return FALSE;
    }

  /* Never echo an address that carries credentials. */
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_set_error_literal (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INVALID,
                           _("Enter the site's address without a user name or password in it; "
                             "the account is entered separately"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INVALID,
                   _("“%s” is not a web address; enter the site's address starting with https://"), url);
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INVALID,
                   _("“%s” has no host name; enter the site's address, such as https://diskominfo.example.go.id/"),
                   url);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !warta_url_host_is_loopback (host))
    {
      g_set_error (error, WARTA_URL_ERROR, WARTA_URL_ERROR_INSECURE,
                   _("The address of %s starts with http://, which would send the Application Password "
                     "unencrypted; use https:// instead (plain http is allowed only for this computer itself)"),
                   host);
      return FALSE;
    }

  return TRUE;
}
