/* fake-wp.h: a fake WordPress 6.1 site for the tests
 *
 * A SoupServer on 127.0.0.1 (a random port), running in its own thread
 * with its own GMainContext, so a test can call the synchronous client on
 * its own thread. It answers the REST routes Warta uses the way a real
 * WordPress 6.1 was measured to (Debian 12's package): JSON shapes,
 * status and error codes, /wp-json/ and ?rest_route= forms, slug
 * de-duplication, trashed slugs, post links and public pages, XML-RPC
 * wp.getProfile, and roles.
 *
 * Every function may be called from any thread.
 *
 * Routes, as used by faults and the request log, are REST routes for
 * REST requests in either form ("/", "/wp/v2/posts", "/wp/v2/posts/12")
 * and "site:" and the URL path for anything else ("site:/xmlrpc.php",
 * "site:/judul-berita/"). They are matched as globs (g_pattern_match_simple):
 * "/wp/v2/posts/ *" without the space matches every single post.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The site's first user, an administrator, made by fake_wp_new. */
#define FAKE_WP_ADMIN "admin"
#define FAKE_WP_ADMIN_PASSWORD "abcd EFGH 1234 ijkl MNOP 6789"

typedef enum
{
  FAKE_WP_ADMINISTRATOR,
  FAKE_WP_EDITOR,
  FAKE_WP_AUTHOR,        /* publishes and uploads; no manage_categories */
  FAKE_WP_CONTRIBUTOR,   /* neither publish_posts nor upload_files */
} FakeWpRole;

typedef enum
{
  FAKE_WP_XMLRPC_ON,        /* wp.getProfile checks the password */
  FAKE_WP_XMLRPC_DISABLED,  /* answers fault 405, as with the xmlrpc_enabled filter */
  FAKE_WP_XMLRPC_MISSING,   /* xmlrpc.php is 404, as when a host blocks it */
} FakeWpXmlRpc;

typedef enum
{
  /* Answer status with a WordPress JSON error {code, message, data.status}. */
  FAKE_WP_FAULT_STATUS,
  /* Hold the request for delay_ms without answering, then close. */
  FAKE_WP_FAULT_TIMEOUT,
  /* Close the connection before doing anything. */
  FAKE_WP_FAULT_DROP_BEFORE,
  /* Do the work (create the post…), then close without an answer. */
  FAKE_WP_FAULT_DROP_AFTER,
  /* Answer normally, in chunks of 64 bytes delay_ms apart. */
  FAKE_WP_FAULT_SLOW_BODY,
} FakeWpFaultKind;

typedef struct
{
  const char      *method;    /* NULL: any */
  const char      *route;     /* a glob; NULL: any */
  guint            nth;       /* 0 or 1: the next matching request; 2: the one after… */
  FakeWpFaultKind  kind;
  guint            status;    /* FAKE_WP_FAULT_STATUS */
  const char      *code;      /* NULL: one that suits the status */
  const char      *message;   /* NULL: one that suits the code */
  guint            delay_ms;  /* TIMEOUT (default 10 s), SLOW_BODY (default 100 ms) */
} FakeWpFault;

typedef struct
{
  gint64  id;
  char   *slug;
  char   *status;
  char   *title;          /* raw */
  char   *content;        /* raw */
  char   *link;
  gint64  featured_media;
  GArray *categories;     /* gint64 */
  GArray *tags;           /* gint64 */
  gint64  author;
} FakeWpPost;

typedef struct _FakeWp FakeWp;

/* Starts the site; it has the user FAKE_WP_ADMIN and the category
 * "Uncategorized" (id 1), pretty permalinks on, XML-RPC on. */
FakeWp      *fake_wp_new                (void);
/* The same over https with this certificate (for TLS tests). */
FakeWp      *fake_wp_new_tls            (GTlsCertificate *certificate);
/* Stops the server thread and frees everything. */
void         fake_wp_free               (FakeWp      *self);
/* "http://127.0.0.1:PORT/" (or https). */
const char  *fake_wp_get_url            (FakeWp      *self);

/* --- Set-up -------------------------------------------------------------- */

/* Adds a user with an Application Password; returns the user id. */
gint64       fake_wp_add_user           (FakeWp      *self,
                                         const char  *login,
                                         const char  *password,
                                         FakeWpRole   role);
void         fake_wp_set_pretty_permalinks (FakeWp   *self,
                                         gboolean     pretty);
/* The REST API sees no Authorization header, as behind Apache with
 * CGI/FPM; XML-RPC still checks the password it gets in the body. */
void         fake_wp_set_strip_authorization (FakeWp *self,
                                         gboolean     strip);
void         fake_wp_set_xmlrpc         (FakeWp      *self,
                                         FakeWpXmlRpc mode);
/* A term, as an editor would add it; name is stored HTML-escaped, as
 * WordPress does. taxonomy: "categories" or "tags". */
gint64       fake_wp_add_term           (FakeWp      *self,
                                         const char  *taxonomy,
                                         const char  *name);
/* A post by the administrator. */
gint64       fake_wp_add_post           (FakeWp      *self,
                                         const char  *slug,
                                         const char  *title,
                                         const char  *status);
/* Deletes an item for good (post, media or term), as an editor might. */
void         fake_wp_delete             (FakeWp      *self,
                                         gint64       id);

/* --- Faults -------------------------------------------------------------- */

/* Queues a one-shot fault; faults are checked in the order added. */
void         fake_wp_add_fault          (FakeWp            *self,
                                         const FakeWpFault *fault);
/* Shorthand for a FAKE_WP_FAULT_STATUS on the next matching request. */
void         fake_wp_fail               (FakeWp      *self,
                                         const char  *method,
                                         const char  *route,
                                         guint        status,
                                         const char  *code);
void         fake_wp_clear_faults       (FakeWp      *self);
/* Faults still waiting for their request. */
guint        fake_wp_count_faults       (FakeWp      *self);

/* --- Inspection ---------------------------------------------------------- */

/* Posts (not media) with this status; NULL: any. */
guint        fake_wp_count_posts        (FakeWp      *self,
                                         const char  *status);
guint        fake_wp_count_media        (FakeWp      *self);
/* NULL when there is no such post; free with fake_wp_post_free. */
FakeWpPost  *fake_wp_get_post           (FakeWp      *self,
                                         gint64       id);
void         fake_wp_post_free          (FakeWpPost  *post);
/* What an upload received: its size, the hex SHA-256 of its bytes, and
 * the file name and type it came with. FALSE when there is no such media. */
gboolean     fake_wp_get_media          (FakeWp      *self,
                                         gint64       id,
                                         gint64      *size,
                                         char       **sha256,
                                         char       **filename,
                                         char       **mime_type);
/* Requests seen whose method (NULL: any) and route match. */
guint        fake_wp_count_requests     (FakeWp      *self,
                                         const char  *method,
                                         const char  *route);
/* Whether any request whose route matches carried an Authorization
 * header: public page fetches must not. */
gboolean     fake_wp_saw_authorization  (FakeWp      *self,
                                         const char  *route);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeWp, fake_wp_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeWpPost, fake_wp_post_free)

G_END_DECLS
