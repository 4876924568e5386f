/* warta-wp-proxy.c: the proxy rule of every WordPress client session
 *
 * libsoup asks the system's GProxyResolver where to connect, and that one
 * follows http_proxy, all_proxy or the desktop's settings. Over plain
 * http a proxy reads everything, the Application Password in the
 * Authorization header included; Warta speaks plain http only to this
 * computer itself, where no proxy belongs. So this resolver answers
 * direct:// for every http address and every loopback host, and hands
 * only the rest (https elsewhere, tunnelled with CONNECT, end-to-end
 * encrypted) to the system's resolver.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-wp-private.h"

struct _WartaWpProxyResolver
{
  GObject parent_instance;
};

static void warta_wp_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WartaWpProxyResolver, warta_wp_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER, warta_wp_proxy_resolver_iface_init))

gboolean
_warta_wp_uri_goes_direct (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (uri == NULL || !(parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL)))
    return FALSE;
  return g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0 ||
         warta_url_host_is_loopback (g_uri_get_host (parsed));
}

static char **
direct (void)
{
  char **proxies = g_new0 (char *, 2);

  proxies[0] = g_strdup ("direct://");
  return proxies;
}

static gboolean
warta_wp_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
warta_wp_proxy_resolver_lookup (GProxyResolver  *resolver,
                                const char      *uri,
                                GCancellable    *cancellable,
                                GError         **error)
{
  if (_warta_wp_uri_goes_direct (uri))
    return direct ();
  return g_proxy_resolver_lookup (g_proxy_resolver_get_default (), uri, cancellable, error);
}

static void
on_default_lookup (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char **proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);

  if (proxies == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify)g_strfreev);
}

static void
warta_wp_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                      const char          *uri,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_set_source_tag (task, warta_wp_proxy_resolver_lookup_async);
  if (_warta_wp_uri_goes_direct (uri))
    {
      g_task_return_pointer (task, direct (), (GDestroyNotify)g_strfreev);
      return;
    }
  g_proxy_resolver_lookup_async (g_proxy_resolver_get_default (), uri, cancellable, on_default_lookup,
                                 g_steal_pointer (&task));
}

static char **
warta_wp_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
warta_wp_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = warta_wp_proxy_resolver_is_supported;
  iface->lookup = warta_wp_proxy_resolver_lookup;
  iface->lookup_async = warta_wp_proxy_resolver_lookup_async;
  iface->lookup_finish = warta_wp_proxy_resolver_lookup_finish;
}

static void
warta_wp_proxy_resolver_class_init (WartaWpProxyResolverClass *klass)
{
}

static void
warta_wp_proxy_resolver_init (WartaWpProxyResolver *self)
{
}

GProxyResolver *
_warta_wp_proxy_resolver_new (void)
{
  return g_object_new (WARTA_TYPE_WP_PROXY_RESOLVER, NULL);
}

gboolean
_warta_wp_check_clear_route (SoupSession  *session,
                             SoupMessage  *msg,
                             GError      **error)
{
  g_autoptr(GProxyResolver) resolver = NULL;
  g_auto(GStrv) proxies = NULL;
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));
  const char *host = g_uri_get_host (soup_message_get_uri (msg));

  if (g_ascii_strcasecmp (g_uri_get_scheme (soup_message_get_uri (msg)), "https") == 0)
    return TRUE;

  /* Plain http: the credentials may only go straight to this computer. */
  g_object_get (session, "proxy-resolver", &resolver, NULL);
  if (warta_url_host_is_loopback (host) && resolver != NULL)
    proxies = g_proxy_resolver_lookup (resolver, uri, NULL, NULL);
  if (proxies != NULL && proxies[0] != NULL && proxies[1] == NULL && g_str_equal (proxies[0], "direct://"))
    return TRUE;

  g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_INSECURE,
               _("Warta did not send the Application Password to %s: over plain http it would pass unencrypted "
                 "through a proxy or another computer. Use the site's https:// address"),
               host);
  return FALSE;
}
