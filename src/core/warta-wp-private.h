/* warta-wp-private.h: what the parts of the WordPress client share
 *
 * warta-wp.c holds the session, the URL rules, discovery, the error
 * mapping and the test; warta-wp-posts.c the posts, terms and media;
 * warta-wp-page.c the anonymous fetch of a public page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "warta-url.h"
#include "warta-wp.h"

G_BEGIN_DECLS

/* JSON answers are the only thing read whole; nothing WordPress sends
 * for one post, term or user comes near this. */
#define WARTA_WP_MAX_JSON (8 * 1024 * 1024)
#define WARTA_WP_DEFAULT_TIMEOUT 30

typedef enum
{
  WARTA_WP_PROBE_NOT_RUN,
  WARTA_WP_PROBE_ACCEPTED,     /* XML-RPC took the password: the header is stripped */
  WARTA_WP_PROBE_REFUSED,      /* XML-RPC refused it too: the password is wrong */
  WARTA_WP_PROBE_UNAVAILABLE,  /* no XML-RPC to ask */
} WartaWpProbe;

/* What a request was for: it decides the wording of a refusal. */
typedef enum
{
  WARTA_WP_OP_READ,
  WARTA_WP_OP_POST,
  WARTA_WP_OP_MEDIA,
  WARTA_WP_OP_CATEGORY,
  WARTA_WP_OP_TAG,
} WartaWpOp;

struct _WartaWp
{
  GThread      *owner;
  SoupSession  *session;
  guint         timeout;

  char         *base_url;       /* ends in '/', no query */
  char         *host;           /* for messages */
  char         *user;
  char         *password;
  char         *authorization;  /* "Basic …" */

  char         *rest_root;      /* NULL until found */
  gboolean      rest_route_form;
  WartaWpProbe  probe;
};

typedef struct
{
  guint     status;
  JsonNode *root;   /* NULL when the body is not JSON */
} WartaWpAnswer;

void        _warta_wp_answer_clear        (WartaWpAnswer *answer);

char       *_warta_wp_host_of             (const char    *url);
void        _warta_wp_set_cancelled       (GError       **error);
gboolean    _warta_wp_check_cancelled     (GCancellable  *cancellable,
                                           GError       **error);
/* Maps an error from libsoup or a stream to WARTA_WP_ERROR. */
void        _warta_wp_transport_error     (const char    *host,
                                           SoupMessage   *msg,
                                           GError        *source,
                                           GError       **error);
/* A session whose proxy resolver sends plain http and loopback hosts
 * direct, whatever http_proxy says: see warta-wp-proxy.c. */
SoupSession *_warta_wp_session_new        (guint          timeout);

#define WARTA_TYPE_WP_PROXY_RESOLVER (warta_wp_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (WartaWpProxyResolver, warta_wp_proxy_resolver, WARTA, WP_PROXY_RESOLVER, GObject)

GProxyResolver *_warta_wp_proxy_resolver_new (void);
/* Whether uri is reached without any proxy: plain http, or a loopback host. */
gboolean    _warta_wp_uri_goes_direct     (const char    *uri);
/* Refuses (INSECURE) a plain http message unless it goes straight to a
 * loopback host through session; https may pass a proxy (CONNECT). */
gboolean    _warta_wp_check_clear_route   (SoupSession   *session,
                                           SoupMessage   *msg,
                                           GError       **error);
/* Reads the whole stream, failing past max bytes. */
GBytes     *_warta_wp_read_capped         (GInputStream  *stream,
                                           gsize          max,
                                           gboolean      *too_large,
                                           GCancellable  *cancellable,
                                           GError       **error);

gboolean    _warta_wp_ensure_root         (WartaWp       *self,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* route is "wp/v2/posts"; query holds key, value pairs and a NULL. */
char       *_warta_wp_route_url           (WartaWp            *self,
                                           const char         *route,
                                           const char * const *query);
SoupMessage *_warta_wp_message_new        (WartaWp            *self,
                                           const char         *method,
                                           const char         *route,
                                           const char * const *query);
/* Sends an authenticated message and reads its JSON answer. FALSE only
 * when there is no usable answer at all. */
gboolean    _warta_wp_send                (WartaWp       *self,
                                           SoupMessage   *msg,
                                           WartaWpAnswer *answer,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* Sets error for an answer that is not a success; subject names the item
 * (a term's name) for the messages that need it. */
void        _warta_wp_answer_error        (WartaWp       *self,
                                           WartaWpAnswer *answer,
                                           WartaWpOp      op,
                                           const char    *subject,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* The whole exchange: the JSON of a 2xx answer, or NULL and error. */
JsonNode   *_warta_wp_call                (WartaWp            *self,
                                           const char         *method,
                                           const char         *route,
                                           const char * const *query,
                                           JsonNode           *body,
                                           WartaWpOp           op,
                                           const char         *subject,
                                           GCancellable       *cancellable,
                                           GError            **error);
void        _warta_wp_bad_response        (WartaWp       *self,
                                           GError       **error);

/* The WordPress error code and message of an answer, when it has them. */
const char *_warta_wp_answer_code         (WartaWpAnswer *answer);
const char *_warta_wp_answer_message      (WartaWpAnswer *answer);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WartaWpAnswer, _warta_wp_answer_clear)

/* warta-wp-page.c: HTML text made comparable to a title. */
char       *_warta_wp_normalize_text      (const char    *html,
                                           gssize         length);

G_END_DECLS
