/* warta-wp.c: the WordPress REST client's session, URL rules, discovery
 * of the REST root, error mapping and connection test
 *
 * One SoupSession per WartaWp, used synchronously from the thread that
 * made it. Every REST request carries the Application Password as HTTP
 * Basic credentials set by hand, so libsoup never has to be asked for
 * them and nothing ever logs them.
 *
 * Errors say which site, what went wrong and what a person can do. A 401
 * is ambiguous on many hosts: Apache with CGI or PHP-FPM can drop the
 * Authorization header before PHP sees it, and WordPress then answers as
 * if the password were wrong. XML-RPC takes the password in the body, so
 * asking it once tells the two apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "warta-wp-private.h"

#define MAX_XMLRPC_ANSWER (1024 * 1024)
#define READ_CHUNK (64 * 1024)

G_DEFINE_QUARK (warta-wp-error-quark, warta_wp_error)

gboolean
warta_wp_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != WARTA_WP_ERROR)
    return FALSE;

  switch ((WartaWpError)error->code)
    {
    case WARTA_WP_ERROR_TIMEOUT:
    case WARTA_WP_ERROR_REFUSED:
    case WARTA_WP_ERROR_NETWORK:
    case WARTA_WP_ERROR_DNS:
    case WARTA_WP_ERROR_SERVER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* --- URL rules --------------------------------------------------------- */

char *
_warta_wp_host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  return g_strdup (g_uri_get_host (uri));
}

/* The rules are warta-url.c's; the WordPress client says them in its own
 * error domain. */
gboolean
warta_wp_check_url (const char  *url,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (warta_url_check_site (url, &local_error))
    return TRUE;
  g_set_error_literal (error, WARTA_WP_ERROR,
                       g_error_matches (local_error, WARTA_URL_ERROR, WARTA_URL_ERROR_INSECURE)
                       ? WARTA_WP_ERROR_INSECURE : WARTA_WP_ERROR_INVALID_URL,
                       local_error->message);
  return FALSE;
}

/* --- The client -------------------------------------------------------- */

SoupSession *
_warta_wp_session_new (guint timeout)
{
  g_autoptr(GProxyResolver) resolver = _warta_wp_proxy_resolver_new ();

  return soup_session_new_with_options ("timeout", timeout,
                                        "idle-timeout", timeout,
                                        "user-agent", "Warta/" PACKAGE_VERSION " ",
                                        "proxy-resolver", resolver,
                                        NULL);
}

static void
wipe_string (char *s)
{
  if (s != NULL)
    {
      volatile char *p = s;

      while (*p)
        *p++ = '\0';
    }
  g_free (s);
}

WartaWp *
warta_wp_new (const char  *base_url,
              const char  *user,
              const char  *password,
              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  WartaWp *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!warta_wp_check_url (base_url, error))
    return NULL;

  /* The base is a folder: drop any query or fragment, end in '/'. */
  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  g_assert (uri != NULL);
  if (g_str_has_suffix (g_uri_get_path (uri), "/"))
    path = g_strdup (g_uri_get_path (uri));
  else
    path = g_strconcat (g_uri_get_path (uri), "/", NULL);
  base = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                      g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);

  self = g_new0 (WartaWp, 1);
  self->owner = g_thread_self ();
  self->timeout = WARTA_WP_DEFAULT_TIMEOUT;
  self->session = _warta_wp_session_new (self->timeout);
  self->base_url = g_uri_to_string (base);
  self->host = g_strdup (g_uri_get_host (uri));
  self->user = g_strdup (user);
  self->password = g_strdup (password);

  pair = g_strconcat (user, ":", password, NULL);
  encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (pair, 0, strlen (pair));
  memset (encoded, 0, strlen (encoded));

  return self;
}

void
warta_wp_free (WartaWp *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->host);
  g_free (self->user);
  wipe_string (self->password);
  wipe_string (self->authorization);
  g_free (self->rest_root);
  g_free (self);
}

void
warta_wp_set_timeout (WartaWp *self,
                      guint    seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, "idle-timeout", seconds, NULL);
}

const char *
warta_wp_get_rest_root (WartaWp *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->rest_root;
}

/* --- Errors ------------------------------------------------------------ */

void
_warta_wp_set_cancelled (GError **error)
{
  g_set_error_literal (error, WARTA_WP_ERROR, WARTA_WP_ERROR_CANCELLED, _("Cancelled"));
}

gboolean
_warta_wp_check_cancelled (GCancellable  *cancellable,
                           GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  _warta_wp_set_cancelled (error);
  return TRUE;
}

static char *
describe_certificate_flags (GTlsCertificateFlags flags,
                            const char          *host)
{
  g_autoptr(GString) reasons = g_string_new (NULL);
  const struct {
    GTlsCertificateFlags flag;
    const char *reason;
  } table[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA,
      N_("it is not signed by a known certificate authority (it is self-signed, or the server does not send "
         "its intermediate certificates)") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was issued for another host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet (check this computer's date and time)") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if ((flags & table[i].flag) == 0)
        continue;
      if (reasons->len > 0)
        g_string_append (reasons, "; ");
      g_string_append (reasons, _(table[i].reason));
    }

  if (reasons->len == 0)
    g_string_append (reasons, _("it is not valid"));

  return g_strdup_printf (_("The security certificate of %s cannot be trusted: %s. Warta does not connect to a "
                            "site whose certificate is not valid; ask the site's administrator to fix it"),
                          host, reasons->str);
}

void
_warta_wp_transport_error (const char   *host,
                           SoupMessage  *msg,
                           GError       *source,
                           GError      **error)
{
  GTlsCertificateFlags flags = msg != NULL ? soup_message_get_tls_peer_certificate_errors (msg) : 0;

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _warta_wp_set_cancelled (error);
      return;
    }

  if (source->domain == G_TLS_ERROR || flags != 0)
    {
      if (flags != 0 || g_error_matches (source, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *message = describe_certificate_flags (flags, host);

          g_set_error_literal (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TLS, message);
          return;
        }
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TLS,
                   _("A secure connection to %s could not be made (%s); check that the address uses the right "
                     "port, or ask the site's administrator to check its TLS set-up"),
                   host, source->message);
      return;
    }

  if (source->domain == G_RESOLVER_ERROR || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_DNS,
                   _("The host name %s could not be found; check the address for typing mistakes, and that this "
                     "computer is connected to the network"),
                   host);
      return;
    }

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_REFUSED,
                   _("%s refused the connection: no web server answers there. Check the address and port, or try "
                     "again later"),
                   host);
      return;
    }

  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TIMEOUT,
                   _("%s did not answer in time; the site or the network may be slow. Try again later"), host);
      return;
    }

  g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_NETWORK,
               _("The connection to %s was lost (%s); check the network and try again"),
               host, source->message);
}

GBytes *
_warta_wp_read_capped (GInputStream  *stream,
                       gsize          max,
                       gboolean      *too_large,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];

  *too_large = FALSE;
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize)n > max)
        {
          *too_large = TRUE;
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

void
_warta_wp_answer_clear (WartaWpAnswer *answer)
{
  g_clear_pointer (&answer->root, json_node_unref);
  answer->status = 0;
}

const char *
_warta_wp_answer_code (WartaWpAnswer *answer)
{
  JsonObject *object;

  if (answer->root == NULL || !JSON_NODE_HOLDS_OBJECT (answer->root))
    return NULL;
  object = json_node_get_object (answer->root);
  if (!json_object_has_member (object, "code"))
    return NULL;
  return json_node_get_string (json_object_get_member (object, "code"));
}

const char *
_warta_wp_answer_message (WartaWpAnswer *answer)
{
  JsonObject *object;

  if (answer->root == NULL || !JSON_NODE_HOLDS_OBJECT (answer->root))
    return NULL;
  object = json_node_get_object (answer->root);
  if (!json_object_has_member (object, "message"))
    return NULL;
  return json_node_get_string (json_object_get_member (object, "message"));
}

void
_warta_wp_bad_response (WartaWp  *self,
                        GError  **error)
{
  g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_BAD_RESPONSE,
               _("The answer from %s is not what the WordPress REST API sends; a plugin or the server may have "
                 "changed it. Ask the site's administrator to check the site"),
               self->host);
}

/* --- Requests ---------------------------------------------------------- */

char *
_warta_wp_route_url (WartaWp            *self,
                     const char         *route,
                     const char * const *query)
{
  GString *url;
  gboolean in_query;

  g_assert (self->rest_root != NULL);

  url = g_string_new (self->rest_root);
  in_query = self->rest_route_form;
  g_string_append_uri_escaped (url, route, "/", FALSE);

  for (guint i = 0; query != NULL && query[i] != NULL; i += 2)
    {
      g_assert (query[i + 1] != NULL);
      g_string_append_c (url, in_query ? '&' : '?');
      in_query = TRUE;
      g_string_append_uri_escaped (url, query[i], NULL, FALSE);
      g_string_append_c (url, '=');
      g_string_append_uri_escaped (url, query[i + 1], NULL, FALSE);
    }

  return g_string_free (url, FALSE);
}

SoupMessage *
_warta_wp_message_new (WartaWp            *self,
                       const char         *method,
                       const char         *route,
                       const char * const *query)
{
  g_autofree char *url = _warta_wp_route_url (self, route, query);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert (msg != NULL);
  /* A redirect could carry the credentials elsewhere, or turn a POST into
   * a GET; the root was found following redirects already. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", self->authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  return msg;
}

/* Sends msg and reads a capped JSON answer, whatever the status. */
static gboolean
send_for_json (const char    *host,
               SoupSession   *session,
               SoupMessage   *msg,
               WartaWpAnswer *answer,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gboolean too_large = FALSE;
  gsize size;
  const char *data;

  if (_warta_wp_check_cancelled (cancellable, error) ||
      !_warta_wp_check_clear_route (session, msg, error))
    return FALSE;

  stream = soup_session_send (session, msg, cancellable, &local);
  if (stream == NULL)
    {
      _warta_wp_transport_error (host, msg, local, error);
      return FALSE;
    }

  bytes = _warta_wp_read_capped (stream, WARTA_WP_MAX_JSON, &too_large, cancellable, &local);
  g_input_stream_close (stream, NULL, NULL);
  if (too_large)
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_BAD_RESPONSE,
                   _("The answer from %s is larger than WordPress ever sends (over 8 MiB); a plugin or the server "
                     "may have changed it. Ask the site's administrator to check the site"),
                   host);
      return FALSE;
    }
  if (bytes == NULL)
    {
      _warta_wp_transport_error (host, msg, local, error);
      return FALSE;
    }

  answer->status = soup_message_get_status (msg);
  data = g_bytes_get_data (bytes, &size);
  parser = json_parser_new_immutable ();
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    answer->root = json_parser_steal_root (parser);

  return TRUE;
}

gboolean
_warta_wp_send (WartaWp       *self,
                SoupMessage   *msg,
                WartaWpAnswer *answer,
                GCancellable  *cancellable,
                GError       **error)
{
  g_return_val_if_fail (self->owner == g_thread_self (), FALSE);

  return send_for_json (self->host, self->session, msg, answer, cancellable, error);
}

static gboolean
namespaces_have_wp_v2 (JsonNode *root)
{
  JsonObject *object;
  JsonArray *namespaces;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "namespaces") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "namespaces")))
    return FALSE;

  namespaces = json_object_get_array_member (object, "namespaces");
  for (guint i = 0; i < json_array_get_length (namespaces); i++)
    {
      JsonNode *node = json_array_get_element (namespaces, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), "wp/v2") == 0)
        return TRUE;
    }
  return FALSE;
}

/* One candidate root. TRUE with *found when WordPress answers there;
 * FALSE only when there is no answer at all. */
static gboolean
try_root (WartaWp       *self,
          const char    *candidate,
          gboolean       rest_route_form,
          gboolean      *found,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, candidate);
  g_auto(WartaWpAnswer) answer = { 0 };
  g_autoptr(GUri) final = NULL;
  g_autofree char *root = NULL;
  const char *code;

  *found = FALSE;
  g_assert (msg != NULL);
  /* Anonymous, following redirects (http to https, a www. host): the
   * index is public, and where the redirects end is the root used. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (!_warta_wp_send (self, msg, &answer, cancellable, error))
    return FALSE;

  code = _warta_wp_answer_code (&answer);
  if (!(SOUP_STATUS_IS_SUCCESSFUL (answer.status) && namespaces_have_wp_v2 (answer.root)) &&
      /* A plugin that closes the REST API to visitors still answers as WordPress. */
      !((answer.status == 401 || answer.status == 403) && code != NULL && g_str_has_prefix (code, "rest_")))
    return TRUE;

  final = g_uri_ref (soup_message_get_uri (msg));
  if (rest_route_form)
    {
      g_autoptr(GUri) bare = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (final), NULL,
                                          g_uri_get_host (final), g_uri_get_port (final),
                                          g_uri_get_path (final), NULL, NULL);
      g_autofree char *bare_string = g_uri_to_string (bare);

      root = g_strconcat (bare_string, "?rest_route=/", NULL);
    }
  else
    {
      g_autoptr(GUri) bare = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (final), NULL,
                                          g_uri_get_host (final), g_uri_get_port (final),
                                          g_uri_get_path (final), NULL, NULL);

      root = g_uri_to_string (bare);
      if (!g_str_has_suffix (root, "/"))
        {
          char *with_slash = g_strconcat (root, "/", NULL);

          g_free (root);
          root = with_slash;
        }
    }

  /* A redirect may not lead the credentials to plain http. */
  if (!warta_wp_check_url (root, error))
    return FALSE;

  g_free (self->rest_root);
  self->rest_root = g_steal_pointer (&root);
  self->rest_route_form = rest_route_form;
  *found = TRUE;
  return TRUE;
}

gboolean
_warta_wp_ensure_root (WartaWp       *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *pretty = NULL;
  g_autofree char *plain = NULL;
  gboolean found = FALSE;

  if (self->rest_root != NULL)
    return TRUE;

  pretty = g_strconcat (self->base_url, "wp-json/", NULL);
  if (!try_root (self, pretty, FALSE, &found, cancellable, error))
    return FALSE;
  if (found)
    return TRUE;

  /* Sites without pretty permalinks have no /wp-json/. */
  plain = g_strconcat (self->base_url, "?rest_route=/", NULL);
  if (!try_root (self, plain, TRUE, &found, cancellable, error))
    return FALSE;
  if (found)
    return TRUE;

  g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_NOT_WORDPRESS,
               _("%s does not answer as WordPress: neither /wp-json/ nor ?rest_route=/ gives its REST API. Check "
                 "the address, and that no security plugin turns the REST API off"),
               self->host);
  return FALSE;
}

/* --- Telling a wrong password from a stripped header -------------------- */

typedef struct
{
  GSList   *stack;          /* element names, innermost first; not owned */
  gboolean  response;
  gboolean  params;
  gboolean  fault;
  char     *last_name;
  gint64    fault_code;
} XmlRpcParse;

static void
xmlrpc_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  XmlRpcParse *parse = user_data;

  if (g_str_equal (element, "methodResponse"))
    parse->response = TRUE;
  else if (g_str_equal (element, "params") && parse->response)
    parse->params = TRUE;
  else if (g_str_equal (element, "fault") && parse->response)
    parse->fault = TRUE;
  parse->stack = g_slist_prepend (parse->stack, (gpointer)g_intern_string (element));
}

static void
xmlrpc_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  XmlRpcParse *parse = user_data;

  parse->stack = g_slist_delete_link (parse->stack, parse->stack);
}

static void
xmlrpc_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  XmlRpcParse *parse = user_data;
  const char *element = parse->stack != NULL ? parse->stack->data : NULL;

  if (element == NULL)
    return;
  if (g_str_equal (element, "name"))
    {
      g_free (parse->last_name);
      parse->last_name = g_strstrip (g_strndup (text, length));
    }
  else if ((g_str_equal (element, "int") || g_str_equal (element, "i4")) && parse->fault &&
           g_strcmp0 (parse->last_name, "faultCode") == 0)
    {
      g_autofree char *number = g_strstrip (g_strndup (text, length));

      parse->fault_code = g_ascii_strtoll (number, NULL, 10);
    }
}

static const GMarkupParser xmlrpc_parser = {
  .start_element = xmlrpc_start,
  .end_element = xmlrpc_end,
  .text = xmlrpc_text,
};

static void
wipe_free (gpointer data)
{
  wipe_string (data);
}

/* XML-RPC takes the password in the body, where no server strips it. */
static WartaWpProbe
probe_xmlrpc (WartaWp       *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *url = g_strconcat (self->base_url, "xmlrpc.php", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  XmlRpcParse parse = { 0 };
  gboolean too_large = FALSE;
  gboolean parsed;
  char *body;
  gsize size;
  const char *data;

  g_assert (msg != NULL);
  body = g_markup_printf_escaped ("<?xml version=\"1.0\"?>\n"
                                  "<methodCall><methodName>wp.getProfile</methodName><params>"
                                  "<param><value><int>1</int></value></param>"
                                  "<param><value><string>%s</string></value></param>"
                                  "<param><value><string>%s</string></value></param>"
                                  "</params></methodCall>\n",
                                  self->user, self->password);
  request = g_bytes_new_with_free_func (body, strlen (body), wipe_free, body);
  soup_message_set_request_body_from_bytes (msg, "text/xml", request);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (!_warta_wp_check_clear_route (self->session, msg, error))
    return WARTA_WP_PROBE_NOT_RUN;

  stream = soup_session_send (self->session, msg, cancellable, &local);
  if (stream != NULL)
    {
      bytes = _warta_wp_read_capped (stream, MAX_XMLRPC_ANSWER, &too_large, cancellable, &local);
      g_input_stream_close (stream, NULL, NULL);
    }
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _warta_wp_set_cancelled (error);
      return WARTA_WP_PROBE_NOT_RUN;
    }
  if (bytes == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    return WARTA_WP_PROBE_UNAVAILABLE;

  data = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&xmlrpc_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &parse, NULL);
  parsed = g_markup_parse_context_parse (context, data, size, NULL) &&
           g_markup_parse_context_end_parse (context, NULL);
  g_slist_free (parse.stack);
  g_free (parse.last_name);

  if (!parsed || !parse.response)
    return WARTA_WP_PROBE_UNAVAILABLE;
  if (parse.fault)
    /* 403: incorrect user name or password; 405: XML-RPC is turned off. */
    return parse.fault_code == 403 ? WARTA_WP_PROBE_REFUSED : WARTA_WP_PROBE_UNAVAILABLE;
  return parse.params ? WARTA_WP_PROBE_ACCEPTED : WARTA_WP_PROBE_UNAVAILABLE;
}

static void
auth_error (WartaWp       *self,
            WartaWpAnswer *answer,
            GCancellable  *cancellable,
            GError       **error)
{
  const char *code = _warta_wp_answer_code (answer);

  if (self->probe == WARTA_WP_PROBE_NOT_RUN)
    {
      g_autoptr(GError) local = NULL;

      self->probe = probe_xmlrpc (self, cancellable, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return;
        }
    }

  switch (self->probe)
    {
    case WARTA_WP_PROBE_ACCEPTED:
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_AUTH_STRIPPED,
                   _("The web server of %s removes the Authorization header before WordPress sees it, so WordPress "
                     "treats Warta as not signed in although the Application Password is right. An administrator "
                     "of the site must pass the header on: on Apache, add "
                     "SetEnvIf Authorization \"(.*)\" HTTP_AUTHORIZATION=$1 to .htaccess, or CGIPassAuth On; on "
                     "nginx with PHP-FPM, add fastcgi_param HTTP_AUTHORIZATION $http_authorization;"),
                   self->host);
      break;

    case WARTA_WP_PROBE_UNAVAILABLE:
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_AUTH,
                   _("WordPress at %s did not accept the user “%s” with this Application Password (%s). Check the "
                     "user name, and create a new Application Password in the user's profile on the site. The "
                     "password could not be confirmed another way, as XML-RPC is not available there"),
                   self->host, self->user, code != NULL ? code : "HTTP 401");
      break;

    case WARTA_WP_PROBE_REFUSED:
    case WARTA_WP_PROBE_NOT_RUN:
    default:
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_AUTH,
                   _("WordPress at %s did not accept the user “%s” with this Application Password (%s). Check the "
                     "user name, and create a new Application Password in the user's profile on the site"),
                   self->host, self->user, code != NULL ? code : "HTTP 401");
      break;
    }
}

static const char *
term_kind (WartaWpOp op)
{
  return op == WARTA_WP_OP_TAG ? _("tag") : _("category");
}

void
_warta_wp_answer_error (WartaWp       *self,
                        WartaWpAnswer *answer,
                        WartaWpOp      op,
                        const char    *subject,
                        GCancellable  *cancellable,
                        GError       **error)
{
  const char *code = _warta_wp_answer_code (answer);
  const char *message = _warta_wp_answer_message (answer);
  guint status = answer->status;
  g_autofree char *reason = NULL;

  g_assert (!SOUP_STATUS_IS_SUCCESSFUL (status));

  /* "message (code)" when WordPress said something, else the HTTP status. */
  if (message != NULL && code != NULL)
    reason = g_strdup_printf ("%s (%s)", message, code);
  else if (code != NULL)
    reason = g_strdup (code);
  else
    reason = g_strdup_printf ("HTTP %u %s", status, soup_status_get_phrase (status));

  if (status == 401)
    {
      auth_error (self, answer, cancellable, error);
      return;
    }

  if (status == 403)
    {
      if (g_strcmp0 (code, "rest_cannot_publish") == 0)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                     _("The account “%s” may not publish posts on %s (rest_cannot_publish). Ask an administrator "
                       "of the site to give it the Author or Editor role, or send the post for review with the "
                       "status “pending”"),
                     self->user, self->host);
      else if (op == WARTA_WP_OP_MEDIA)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                     _("The account “%s” may not upload files to %s (%s). Ask an administrator of the site to give "
                       "it the Author or Editor role"),
                     self->user, self->host, code != NULL ? code : "HTTP 403");
      else if (op == WARTA_WP_OP_CATEGORY || op == WARTA_WP_OP_TAG)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                     /* Translators: the second %s is "category" or "tag" */
                     _("The account “%s” may not create the %s “%s” on %s (%s); ask an editor of the site to add "
                       "it, then publish again"),
                     self->user, term_kind (op), subject != NULL ? subject : "", self->host,
                     code != NULL ? code : "HTTP 403");
      else if (g_strcmp0 (code, "rest_cannot_create") == 0)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                     _("The account “%s” may not create posts on %s (rest_cannot_create). Ask an administrator "
                       "of the site for a role that may write posts, such as Author"),
                     self->user, self->host);
      else if (g_strcmp0 (code, "rest_cannot_edit") == 0)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                     _("The account “%s” may not edit this post on %s (rest_cannot_edit); it may belong to "
                       "someone else. Ask an editor of the site"),
                     self->user, self->host);
      else
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                     _("%s refused the request: %s. The account “%s” may lack a permission, or a security "
                       "plugin or firewall blocked it; ask the site's administrator"),
                     self->host, reason, self->user);
      return;
    }

  if (status == 404)
    {
      if (code == NULL || g_strcmp0 (code, "rest_no_route") == 0)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_NO_ROUTE,
                     _("WordPress at %s does not offer this part of the REST API (%s); a plugin may limit the API, "
                       "or the site's WordPress is too old. Ask the site's administrator"),
                     self->host, code != NULL ? code : "HTTP 404");
      else if (op == WARTA_WP_OP_POST)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_NOT_FOUND,
                     _("The post no longer exists on %s (%s); it may have been deleted for good"),
                     self->host, code);
      else
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_NOT_FOUND,
                     _("The item no longer exists on %s: %s"), self->host, reason);
      return;
    }

  if (status == 413)
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_TOO_LARGE,
                   _("The upload is larger than the web server of %s accepts (HTTP 413). An administrator of the "
                     "site can raise the limit: upload_max_filesize and post_max_size in PHP, or "
                     "client_max_body_size in nginx"),
                   self->host);
      return;
    }

  /* WordPress answers 500 to a file type it will not take: retrying is no use. */
  if (g_strcmp0 (code, "rest_upload_sideload_error") == 0 || g_strcmp0 (code, "rest_upload_unknown_error") == 0)
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_REJECTED,
                   _("WordPress at %s refused the file: %s. The site may not allow this type of file"),
                   self->host, reason);
      return;
    }

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      if (code != NULL)
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_SERVER,
                     _("WordPress at %s failed with an internal error (HTTP %u): %s. Try again later; if it keeps "
                       "failing, ask the site's administrator to check its error log"),
                     self->host, status, reason);
      else
        g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_SERVER,
                     _("The web server of %s failed with an internal error (HTTP %u %s). Try again later; if it "
                       "keeps failing, ask the site's administrator to check its error log"),
                     self->host, status, soup_status_get_phrase (status));
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_BAD_RESPONSE,
                   _("%s sent the request elsewhere (HTTP %u) instead of answering it; check that the site's "
                     "address is the one WordPress itself uses"),
                   self->host, status);
      return;
    }

  if (SOUP_STATUS_IS_CLIENT_ERROR (status))
    {
      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_REJECTED,
                   _("WordPress at %s refused the request: %s"), self->host, reason);
      return;
    }

  _warta_wp_bad_response (self, error);
}

JsonNode *
_warta_wp_call (WartaWp            *self,
                const char         *method,
                const char         *route,
                const char * const *query,
                JsonNode           *body,
                WartaWpOp           op,
                const char         *subject,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_auto(WartaWpAnswer) answer = { 0 };

  if (!_warta_wp_ensure_root (self, cancellable, error))
    return NULL;

  msg = _warta_wp_message_new (self, method, route, query);
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      gsize length;
      GBytes *bytes;

      json_generator_set_root (generator, body);
      text = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (g_steal_pointer (&text), length);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      g_bytes_unref (bytes);
    }

  if (!_warta_wp_send (self, msg, &answer, cancellable, error))
    return NULL;

  if (!SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      _warta_wp_answer_error (self, &answer, op, subject, cancellable, error);
      return NULL;
    }

  if (answer.root == NULL)
    {
      _warta_wp_bad_response (self, error);
      return NULL;
    }

  return g_steal_pointer (&answer.root);
}

/* --- Test connection --------------------------------------------------- */

void
warta_wp_report_free (WartaWpReport *report)
{
  if (report == NULL)
    return;

  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    g_free (report->detail[i]);
  g_free (report->user_name);
  g_free (report);
}

const char *
warta_wp_check_describe (WartaWpCheck check)
{
  switch (check)
    {
    case WARTA_WP_CHECK_URL:
      return _("The site answers");
    case WARTA_WP_CHECK_ROUTE:
      return _("WordPress REST API");
    case WARTA_WP_CHECK_CREDENTIALS:
      return _("User name and Application Password");
    case WARTA_WP_CHECK_PUBLISH:
      return _("Permission to publish and upload");
    case WARTA_WP_N_CHECKS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Anything at all over an acceptable transport; the body is not read. */
static gboolean
check_answers (WartaWp       *self,
               char         **detail,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, self->base_url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *final = NULL;

  if (_warta_wp_check_cancelled (cancellable, error))
    return FALSE;

  stream = soup_session_send (self->session, msg, cancellable, &local);
  if (stream == NULL)
    {
      _warta_wp_transport_error (self->host, msg, local, error);
      return FALSE;
    }
  g_input_stream_close (stream, NULL, NULL);

  final = g_uri_to_string (soup_message_get_uri (msg));
  if (!warta_wp_check_url (final, error))
    return FALSE;

  *detail = g_strdup_printf (_("%s answers (HTTP %u %s)"), self->host,
                             soup_message_get_status (msg), soup_message_get_reason_phrase (msg));
  return TRUE;
}

static gboolean
capability (JsonObject *user,
            const char *name)
{
  JsonObject *caps;

  if (!json_object_has_member (user, "capabilities") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (user, "capabilities")))
    return FALSE;
  caps = json_object_get_object_member (user, "capabilities");
  return json_object_has_member (caps, name) &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (caps, name)) &&
         json_object_get_boolean_member (caps, name);
}

static void
fail_check (WartaWpReport *report,
            WartaWpCheck   check,
            GError        *local,
            GError       **error)
{
  report->state[check] = WARTA_WP_CHECK_FAILED;
  report->detail[check] = g_strdup (local->message);
  g_propagate_error (error, local);
}

WartaWpReport *
warta_wp_test (WartaWp       *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(WartaWpReport) report = g_new0 (WartaWpReport, 1);
  g_autoptr(JsonNode) me = NULL;
  GError *local = NULL;
  JsonObject *user;
  gboolean may_publish, may_upload;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->owner == g_thread_self (), NULL);

  for (guint i = 0; i < WARTA_WP_N_CHECKS; i++)
    report->state[i] = WARTA_WP_CHECK_NOT_RUN;

  if (!check_answers (self, &report->detail[WARTA_WP_CHECK_URL], cancellable, &local))
    goto failed_url;
  report->state[WARTA_WP_CHECK_URL] = WARTA_WP_CHECK_PASSED;

  if (!_warta_wp_ensure_root (self, cancellable, &local))
    goto failed_route;
  report->state[WARTA_WP_CHECK_ROUTE] = WARTA_WP_CHECK_PASSED;
  report->detail[WARTA_WP_CHECK_ROUTE] = g_strdup_printf (_("The REST API answers at %s"), self->rest_root);

  me = _warta_wp_call (self, SOUP_METHOD_GET, "wp/v2/users/me",
                       (const char * const[]) { "context", "edit", NULL },
                       NULL, WARTA_WP_OP_READ, NULL, cancellable, &local);
  if (me == NULL)
    goto failed_credentials;
  if (!JSON_NODE_HOLDS_OBJECT (me))
    {
      _warta_wp_bad_response (self, &local);
      goto failed_credentials;
    }
  user = json_node_get_object (me);
  report->user_name = g_strdup (json_object_get_string_member_with_default (user, "name", self->user));
  report->state[WARTA_WP_CHECK_CREDENTIALS] = WARTA_WP_CHECK_PASSED;
  report->detail[WARTA_WP_CHECK_CREDENTIALS] = g_strdup_printf (_("Signed in as %s"), report->user_name);

  report->may_create_terms = capability (user, "manage_categories");
  may_publish = capability (user, "publish_posts");
  may_upload = capability (user, "upload_files");
  if (!may_publish || !may_upload)
    {
      const char *what = !may_publish && !may_upload ? _("publish posts or upload files")
                         : !may_publish ? _("publish posts") : _("upload files");

      local = g_error_new (WARTA_WP_ERROR, WARTA_WP_ERROR_FORBIDDEN,
                           /* Translators: the second %s is "publish posts", "upload files" or both */
                           _("The account “%s” may not %s on %s. Ask an administrator of the site to give it the "
                             "Author or Editor role"),
                           self->user, what, self->host);
      fail_check (report, WARTA_WP_CHECK_PUBLISH, local, error);
      return g_steal_pointer (&report);
    }
  report->state[WARTA_WP_CHECK_PUBLISH] = WARTA_WP_CHECK_PASSED;
  report->detail[WARTA_WP_CHECK_PUBLISH] =
    g_strdup (report->may_create_terms
              ? _("May publish posts, upload files, and create categories and tags")
              : _("May publish posts and upload files, but not create categories or tags: an editor of the site "
                  "must add new ones"));
  return g_steal_pointer (&report);

failed_url:
  if (g_error_matches (local, WARTA_WP_ERROR, WARTA_WP_ERROR_CANCELLED))
    goto cancelled;
  fail_check (report, WARTA_WP_CHECK_URL, local, error);
  return g_steal_pointer (&report);

failed_route:
  if (g_error_matches (local, WARTA_WP_ERROR, WARTA_WP_ERROR_CANCELLED))
    goto cancelled;
  fail_check (report, WARTA_WP_CHECK_ROUTE, local, error);
  return g_steal_pointer (&report);

failed_credentials:
  if (g_error_matches (local, WARTA_WP_ERROR, WARTA_WP_ERROR_CANCELLED))
    goto cancelled;
  fail_check (report, WARTA_WP_CHECK_CREDENTIALS, local, error);
  return g_steal_pointer (&report);

cancelled:
  g_propagate_error (error, local);
  return NULL;
}
