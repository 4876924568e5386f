/* warta-wp.h: a WordPress REST API v2 client over libsoup 3, without GTK
 *
 * Synchronous by design: a WartaWp belongs to the one worker thread that
 * made it (its SoupSession is used from that thread only), and the app
 * runs every call there, never on the main thread. Every call takes a
 * GCancellable and gives up at once when it is cancelled.
 *
 * Calls make one attempt each: the publisher decides what to retry, since
 * only it knows which creates are safe to repeat (it looks up by slug
 * first). warta_wp_error_is_transient() says which errors are worth it.
 *
 * Authentication is HTTP Basic with an Application Password; https is
 * required, plain http is accepted only for loopback hosts. TLS errors
 * are never bypassed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WARTA_WP_ERROR (warta_wp_error_quark ())

typedef enum
{
  WARTA_WP_ERROR_INVALID_URL,    /* not an absolute http(s) URL with a host */
  WARTA_WP_ERROR_INSECURE,       /* plain http to a host that is not loopback */
  WARTA_WP_ERROR_TLS,            /* the certificate's problem, named */
  WARTA_WP_ERROR_DNS,            /* the host name does not resolve */
  WARTA_WP_ERROR_REFUSED,        /* nothing listens there */
  WARTA_WP_ERROR_TIMEOUT,        /* no answer in time */
  WARTA_WP_ERROR_NETWORK,        /* the connection dropped, other I/O */
  WARTA_WP_ERROR_NOT_WORDPRESS,  /* neither /wp-json/ nor ?rest_route= answers as WordPress */
  WARTA_WP_ERROR_NO_ROUTE,       /* 404 rest_no_route */
  WARTA_WP_ERROR_AUTH,           /* 401: the user or Application Password is wrong */
  WARTA_WP_ERROR_AUTH_STRIPPED,  /* 401, yet XML-RPC accepts the same password: the server drops the header */
  WARTA_WP_ERROR_FORBIDDEN,      /* 403: rest_cannot_create, rest_cannot_publish, upload_files… */
  WARTA_WP_ERROR_TOO_LARGE,      /* 413 */
  WARTA_WP_ERROR_SERVER,         /* 5xx */
  WARTA_WP_ERROR_NOT_FOUND,      /* 404 on an item (rest_post_invalid_id…) */
  WARTA_WP_ERROR_REJECTED,       /* another 4xx; the message carries the site's own */
  WARTA_WP_ERROR_BAD_RESPONSE,   /* an answer that is not what the API promises */
  WARTA_WP_ERROR_CANCELLED,
} WartaWpError;

GQuark    warta_wp_error_quark        (void);
/* Timeouts, refused or dropped connections, DNS failure and 5xx: worth
 * another try after a pause. */
gboolean  warta_wp_error_is_transient (const GError *error);
/* NULL when url is acceptable: absolute, http(s), and https unless the
 * host is a loopback address (127.0.0.0/8, ::1, localhost). */
gboolean  warta_wp_check_url          (const char   *url,
                                       GError      **error);

typedef void (*WartaWpProgressFunc) (gint64   done,
                                     gint64   total,
                                     gpointer user_data);

typedef struct _WartaWp WartaWp;

/* base_url is the site's address (https://example.go.id/ or a sub-folder).
 * Fails only on a URL warta_wp_check_url refuses. */
WartaWp  *warta_wp_new                (const char   *base_url,
                                       const char   *user,
                                       const char   *password,
                                       GError      **error);
void      warta_wp_free               (WartaWp      *self);
/* Seconds without progress before a request fails with TIMEOUT (30). */
void      warta_wp_set_timeout        (WartaWp      *self,
                                       guint         seconds);
/* The REST root in use once found: ".../wp-json/" or ".../?rest_route=/". */
const char *warta_wp_get_rest_root    (WartaWp      *self);

/* --- Test connection --------------------------------------------------- */

typedef enum
{
  WARTA_WP_CHECK_URL,          /* the address answers at all, over acceptable transport */
  WARTA_WP_CHECK_ROUTE,        /* the REST API, at /wp-json/ or ?rest_route= */
  WARTA_WP_CHECK_CREDENTIALS,  /* GET /wp/v2/users/me?context=edit */
  WARTA_WP_CHECK_PUBLISH,      /* that user may publish_posts and upload_files */
  WARTA_WP_N_CHECKS,
} WartaWpCheck;

typedef enum
{
  WARTA_WP_CHECK_NOT_RUN,      /* an earlier check failed */
  WARTA_WP_CHECK_PASSED,
  WARTA_WP_CHECK_FAILED,
} WartaWpCheckState;

typedef struct
{
  WartaWpCheckState  state[WARTA_WP_N_CHECKS];
  char              *detail[WARTA_WP_N_CHECKS];  /* what was found, or why it failed; translated */
  char              *user_name;                   /* the account's display name, once known */
  gboolean           may_create_terms;            /* manage_categories */
} WartaWpReport;

void        warta_wp_report_free      (WartaWpReport *report);
const char *warta_wp_check_describe   (WartaWpCheck   check);   /* translated label */

/* Runs the checks in order and stops at the first that fails. Returns the
 * report, and sets error to that failure's error (NULL report only when
 * cancelled). Finds the REST root as a side effect. */
WartaWpReport *warta_wp_test          (WartaWp      *self,
                                       GCancellable *cancellable,
                                       GError      **error);

/* --- Posts ------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *slug;
  char   *status;          /* publish, future, draft, pending, private, trash */
  char   *link;
  char   *title_rendered;  /* title.rendered: HTML as the theme prints it */
  gint64  featured_media;  /* 0: none */
  GArray *categories;      /* gint64 */
  GArray *tags;            /* gint64 */
} WartaWpPost;

void         warta_wp_post_free       (WartaWpPost  *post);

typedef struct
{
  const char   *title;
  const char   *content;        /* HTML */
  const char   *excerpt;        /* NULL: let WordPress make one */
  const char   *status;         /* publish, future, draft or pending */
  const char   *date_gmt;       /* ISO 8601 without zone, for future; NULL otherwise */
  const char   *slug;
  const gint64 *categories;     /* term ids */
  guint         n_categories;
  const gint64 *tags;
  guint         n_tags;
  gint64        featured_media; /* 0: none */
} WartaWpPostFields;

/* GET /wp/v2/posts?slug=…&status=publish,future,draft,pending,private,trash
 * &context=edit: the post with exactly that slug, or NULL with no error
 * when there is none. */
WartaWpPost *warta_wp_find_post       (WartaWp      *self,
                                       const char   *slug,
                                       GCancellable *cancellable,
                                       GError      **error);
/* NOT_FOUND when the post no longer exists (deleted for good). */
WartaWpPost *warta_wp_get_post        (WartaWp      *self,
                                       gint64        id,
                                       GCancellable *cancellable,
                                       GError      **error);
/* POST /wp/v2/posts (id 0) or /wp/v2/posts/ID. Checks what came back:
 * a featured_media or category WordPress dropped is BAD_RESPONSE. */
WartaWpPost *warta_wp_save_post       (WartaWp      *self,
                                       gint64        id,
                                       const WartaWpPostFields *fields,
                                       GCancellable *cancellable,
                                       GError      **error);
/* Sets the status to draft (trash FALSE) or moves it to the trash. */
WartaWpPost *warta_wp_withdraw_post   (WartaWp      *self,
                                       gint64        id,
                                       gboolean      trash,
                                       GCancellable *cancellable,
                                       GError      **error);

/* --- Terms ------------------------------------------------------------- */

/* taxonomy: "categories" or "tags". Looks the name up (case-insensitive,
 * exact), creates it when missing; a 400 term_exists gives its term_id.
 * FORBIDDEN when it is missing and the user may not create it. */
gint64       warta_wp_ensure_term     (WartaWp      *self,
                                       const char   *taxonomy,
                                       const char   *name,
                                       GCancellable *cancellable,
                                       GError      **error);

/* --- Media ------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *slug;
  char   *source_url;
  char   *mime_type;
} WartaWpMedia;

void          warta_wp_media_free     (WartaWpMedia *media);

/* GET /wp/v2/media?slug=…&context=edit; NULL with no error when none. */
WartaWpMedia *warta_wp_find_media     (WartaWp      *self,
                                       const char   *slug,
                                       GCancellable *cancellable,
                                       GError      **error);

typedef struct
{
  const char *filename;      /* any UTF-8; sent as an ASCII-safe name with the right extension */
  const char *content_type;
  const char *slug;
  const char *title;
  const char *alt_text;      /* NULL: none */
} WartaWpMediaFields;

/* POST /wp/v2/media with the raw body read from body (exactly size bytes,
 * streamed, never held whole), slug, title and alt text in the query.
 * progress is called on this thread as bytes go out. */
WartaWpMedia *warta_wp_upload_media   (WartaWp      *self,
                                       GInputStream *body,
                                       gint64        size,
                                       const WartaWpMediaFields *fields,
                                       WartaWpProgressFunc progress,
                                       gpointer      user_data,
                                       GCancellable *cancellable,
                                       GError      **error);

/* --- The public page --------------------------------------------------- */

typedef struct
{
  guint   status;          /* HTTP status of the final answer */
  char   *final_url;       /* after redirects */
  gint64  elapsed_us;      /* request sent to body read */
  gint64  size;
  char   *sha256;          /* of the body, hex */
  gboolean title_found;
} WartaWpPage;

void          warta_wp_page_free      (WartaWpPage  *page);

/* GET url anonymously (no credentials, whatever site it is on), following
 * redirects, hashing the body (at most 64 MiB) and looking for title in
 * its text: entities decoded, WordPress's curly quotes and dashes folded,
 * whitespace collapsed, case ignored. The same URL rules as the site.
 * A page that answers at all is returned, whatever its status; errors are
 * for no answer. */
WartaWpPage  *warta_wp_fetch_page     (const char   *url,
                                       const char   *title,
                                       guint         timeout_seconds,
                                       GCancellable *cancellable,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaWp, warta_wp_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaWpReport, warta_wp_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaWpPost, warta_wp_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaWpMedia, warta_wp_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaWpPage, warta_wp_page_free)

G_END_DECLS
