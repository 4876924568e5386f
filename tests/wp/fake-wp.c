/* fake-wp.c: a fake WordPress 6.1 site for the tests
 *
 * The server runs in its own thread on its own GMainContext; a mutex
 * guards the site's state, which the handlers change and the tests read.
 * Uploads are hashed as they arrive (the request body is not
 * accumulated), so a test can measure the client's memory while it sends
 * a large file to this same process.
 *
 * The answers copy what WordPress 6.1 sends where Warta looks: error codes
 * and statuses, the fields of posts, media, terms and users, slug
 * de-duplication, "slug__trashed", links, entity-escaped term names and
 * texturized titles. The rest is left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fake-wp.h"

#define DEFAULT_HOLD_MS 10000
#define DEFAULT_SLOW_MS 100
#define SLOW_CHUNK 64
#define FIXED_DATE "2026-01-05T08:00:00"

typedef struct
{
  gint64      id;
  char       *login;
  char       *password;   /* without spaces, as WordPress compares them */
  char       *name;
  FakeWpRole  role;
} User;

typedef struct
{
  gint64  id;
  gboolean attachment;
  char   *slug;
  char   *status;
  char   *title;
  char   *content;
  char   *excerpt;
  char   *date_gmt;
  gint64  author;
  gint64  featured_media;
  GArray *categories;
  GArray *tags;
  /* Attachments */
  char   *mime_type;
  char   *filename;
  char   *alt_text;
  gint64  size;
  char   *sha256;
} Item;

typedef struct
{
  gint64    id;
  gboolean  tag;
  char     *name;   /* HTML-escaped, as WordPress stores it */
  char     *slug;
} Term;

typedef struct
{
  char            *method;
  char            *route;
  guint            remaining;
  FakeWpFaultKind  kind;
  guint            status;
  char            *code;
  char            *message;
  guint            delay_ms;
} Fault;

typedef struct
{
  char     *method;
  char     *route;
  gboolean  authorization;
} LogEntry;

/* A request held or answered slowly; lives in the server thread. */
typedef struct
{
  FakeWp            *self;
  SoupServerMessage *msg;
  GSource           *source;
  GBytes            *body;
  gsize              offset;
  guint              delay_ms;
  gulong             finished_id;
} Held;

/* An upload being received. */
typedef struct
{
  GChecksum *checksum;
  gint64     size;
} Upload;

struct _FakeWp
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;
  GTlsCertificate *certificate;
  char            *url;
  GMutex           ready_lock;
  GCond            ready_cond;
  gboolean         ready;
  GList           *held;        /* Held, server thread only */

  /* Guarded by lock */
  GMutex           lock;
  gint64           next_id;
  gint64           next_user;
  GPtrArray       *users;
  GPtrArray       *items;
  GPtrArray       *terms;
  GPtrArray       *faults;
  GPtrArray       *log;
  gboolean         pretty;
  gboolean         strip;
  FakeWpXmlRpc     xmlrpc;
};

typedef struct
{
  FakeWp            *self;
  SoupServerMessage *msg;
  const char        *method;
  const char        *route;
  GHashTable        *query;
  JsonObject        *body;
  User              *user;
} Req;

/* --- Freeing ------------------------------------------------------------ */

static void
user_free (gpointer data)
{
  User *user = data;

  g_free (user->login);
  g_free (user->password);
  g_free (user->name);
  g_free (user);
}

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->slug);
  g_free (item->status);
  g_free (item->title);
  g_free (item->content);
  g_free (item->excerpt);
  g_free (item->date_gmt);
  g_clear_pointer (&item->categories, g_array_unref);
  g_clear_pointer (&item->tags, g_array_unref);
  g_free (item->mime_type);
  g_free (item->filename);
  g_free (item->alt_text);
  g_free (item->sha256);
  g_free (item);
}

static void
term_free (gpointer data)
{
  Term *term = data;

  g_free (term->name);
  g_free (term->slug);
  g_free (term);
}

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->method);
  g_free (fault->route);
  g_free (fault->code);
  g_free (fault->message);
  g_free (fault);
}

static void
log_entry_free (gpointer data)
{
  LogEntry *entry = data;

  g_free (entry->method);
  g_free (entry->route);
  g_free (entry);
}

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  g_checksum_free (upload->checksum);
  g_free (upload);
}

void
fake_wp_post_free (FakeWpPost *post)
{
  if (post == NULL)
    return;

  g_free (post->slug);
  g_free (post->status);
  g_free (post->title);
  g_free (post->content);
  g_free (post->link);
  g_clear_pointer (&post->categories, g_array_unref);
  g_clear_pointer (&post->tags, g_array_unref);
  g_free (post);
}

/* --- Text as WordPress makes it ------------------------------------------- */

static char *
sanitize_title (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (*p == '-' || g_ascii_isspace (*p) || *p == '.' || *p == '/')
        {
          if (slug->len > 0 && slug->str[slug->len - 1] != '-')
            g_string_append_c (slug, '-');
        }
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static char *
escape_html (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

/* A small wptexturize: quotes, dashes, ellipses and ampersands, the way
 * themes print titles. */
static char *
texturize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean opening = p == text || g_ascii_isspace (p[-1]) || p[-1] == '(' || p[-1] == '[';

      if (*p == '&')
        g_string_append (out, "&#038;");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else if (*p == '\'')
        g_string_append (out, opening ? "&#8216;" : "&#8217;");
      else if (*p == '"')
        g_string_append (out, opening ? "&#8220;" : "&#8221;");
      else if (g_str_has_prefix (p, " -- "))
        {
          g_string_append (out, " &#8212; ");
          p += 3;
        }
      else if (g_str_has_prefix (p, " - "))
        {
          g_string_append (out, " &#8211; ");
          p += 2;
        }
      else if (g_str_has_prefix (p, "..."))
        {
          g_string_append (out, "&#8230;");
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* --- State helpers (lock held) ------------------------------------------ */

static void
set_str (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static Item *
find_item (FakeWp *self,
           gint64  id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->id == id)
        return item;
    }
  return NULL;
}

static Term *
find_term (FakeWp   *self,
           gint64    id,
           gboolean  tag)
{
  for (guint i = 0; i < self->terms->len; i++)
    {
      Term *term = g_ptr_array_index (self->terms, i);

      if (term->id == id && term->tag == tag)
        return term;
    }
  return NULL;
}

static const char *
role_name (FakeWpRole role)
{
  switch (role)
    {
    case FAKE_WP_ADMINISTRATOR: return "administrator";
    case FAKE_WP_EDITOR: return "editor";
    case FAKE_WP_AUTHOR: return "author";
    case FAKE_WP_CONTRIBUTOR: return "contributor";
    default: g_assert_not_reached ();
    }
}

static gboolean
user_can (User       *user,
          const char *capability)
{
  if (user == NULL)
    return FALSE;
  if (g_str_equal (capability, "edit_posts") || g_str_equal (capability, "read"))
    return TRUE;
  if (g_str_equal (capability, "publish_posts") || g_str_equal (capability, "upload_files"))
    return user->role != FAKE_WP_CONTRIBUTOR;
  if (g_str_equal (capability, "manage_categories") || g_str_equal (capability, "edit_others_posts"))
    return user->role == FAKE_WP_ADMINISTRATOR || user->role == FAKE_WP_EDITOR;
  if (g_str_equal (capability, "manage_options"))
    return user->role == FAKE_WP_ADMINISTRATOR;
  return FALSE;
}

static gboolean
slug_taken (FakeWp     *self,
            const char *slug,
            gint64      except,
            gboolean    attachment)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      /* Attachments are checked against everything; posts against posts. */
      if (item->id == except || (!attachment && item->attachment))
        continue;
      if (g_strcmp0 (item->slug, slug) == 0)
        return TRUE;
    }
  return FALSE;
}

/* wp_unique_post_slug: drafts and pending posts keep theirs. */
static char *
unique_slug (FakeWp     *self,
             const char *slug,
             gint64      except,
             gboolean    attachment,
             const char *status)
{
  if (*slug == '\0' || g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "pending") == 0)
    return g_strdup (slug);
  if (!slug_taken (self, slug, except, attachment))
    return g_strdup (slug);

  for (guint n = 2;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u", slug, n);

      if (!slug_taken (self, candidate, except, attachment))
        return g_steal_pointer (&candidate);
    }
}

static char *
item_link (FakeWp *self,
           Item   *item)
{
  if (item->attachment)
    return g_strdup_printf ("%s?attachment_id=%" G_GINT64_FORMAT, self->url, item->id);
  if (self->pretty && g_str_equal (item->status, "publish") && *item->slug != '\0')
    return g_strdup_printf ("%s%s/", self->url, item->slug);
  return g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, self->url, item->id);
}

static char *
source_url (FakeWp *self,
            Item   *item)
{
  return g_strdup_printf ("%swp-content/uploads/2026/01/%s", self->url, item->filename);
}

/* --- JSON ---------------------------------------------------------------- */

static void
reply_node (SoupServerMessage *msg,
            guint              status,
            JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *data;
  gsize length;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_TAKE, data, length);
}

static void
reply_object (SoupServerMessage *msg,
              guint              status,
              JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  reply_node (msg, status, node);
}

static const char *
default_message (const char *code,
                 guint       status)
{
  static const struct { const char *code; const char *message; } table[] = {
    { "rest_no_route", "No route was found matching the URL and request method." },
    { "rest_not_logged_in", "You are not currently logged in." },
    { "rest_cannot_create", "Sorry, you are not allowed to create posts as this user." },
    { "rest_cannot_publish", "Sorry, you are not allowed to publish posts in this post type." },
    { "rest_cannot_edit", "Sorry, you are not allowed to edit this post." },
    { "rest_post_invalid_id", "Invalid post ID." },
    { "rest_forbidden", "Sorry, you are not allowed to do that." },
    { "internal_server_error", "There has been a critical error on this website." },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (table); i++)
    {
      if (g_str_equal (code, table[i].code))
        return table[i].message;
    }
  return soup_status_get_phrase (status);
}

static JsonObject *
error_object (guint       status,
              const char *code,
              const char *message)
{
  JsonObject *object = json_object_new ();
  JsonObject *data = json_object_new ();

  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "message", message != NULL ? message : default_message (code, status));
  json_object_set_int_member (data, "status", status);
  json_object_set_object_member (object, "data", data);
  return object;
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  reply_object (msg, status, error_object (status, code, message));
}

static void
reply_html (SoupServerMessage *msg,
            guint              status,
            const char        *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=UTF-8", SOUP_MEMORY_COPY, html, strlen (html));
}

static JsonArray *
ids_array (GArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_array_add_int_element (array, g_array_index (ids, gint64, i));
  return array;
}

static JsonObject *
rendered (const char *raw,
          gboolean    edit,
          gboolean    texturized)
{
  JsonObject *object = json_object_new ();
  g_autofree char *html = texturized ? texturize (raw != NULL ? raw : "") : g_strdup (raw != NULL ? raw : "");

  if (edit)
    json_object_set_string_member (object, "raw", raw != NULL ? raw : "");
  json_object_set_string_member (object, "rendered", html);
  return object;
}

static JsonObject *
item_json (FakeWp   *self,
           Item     *item,
           gboolean  edit)
{
  JsonObject *object = json_object_new ();
  g_autofree char *link = item_link (self, item);
  JsonObject *guid = json_object_new ();

  json_object_set_int_member (object, "id", item->id);
  json_object_set_string_member (object, "date", FIXED_DATE);
  json_object_set_string_member (object, "date_gmt", item->date_gmt != NULL ? item->date_gmt : FIXED_DATE);
  json_object_set_string_member (guid, "rendered", link);
  json_object_set_object_member (object, "guid", guid);
  json_object_set_string_member (object, "modified", FIXED_DATE);
  json_object_set_string_member (object, "slug", item->slug);
  json_object_set_string_member (object, "status", item->status);
  json_object_set_string_member (object, "type", item->attachment ? "attachment" : "post");
  json_object_set_string_member (object, "link", link);
  json_object_set_object_member (object, "title", rendered (item->title, edit, TRUE));
  json_object_set_int_member (object, "author", item->author);

  if (item->attachment)
    {
      g_autofree char *url = source_url (self, item);
      JsonObject *details = json_object_new ();

      json_object_set_string_member (object, "alt_text", item->alt_text != NULL ? item->alt_text : "");
      json_object_set_string_member (object, "media_type",
                                     g_str_has_prefix (item->mime_type, "image/") ? "image" : "file");
      json_object_set_string_member (object, "mime_type", item->mime_type);
      json_object_set_string_member (object, "source_url", url);
      json_object_set_int_member (details, "filesize", item->size);
      json_object_set_object_member (details, "sizes", json_object_new ());
      json_object_set_object_member (object, "media_details", details);
      return object;
    }

  json_object_set_object_member (object, "content", rendered (item->content, edit, FALSE));
  json_object_set_object_member (object, "excerpt", rendered (item->excerpt, edit, FALSE));
  json_object_set_int_member (object, "featured_media", item->featured_media);
  json_object_set_string_member (object, "comment_status", "open");
  json_object_set_string_member (object, "ping_status", "open");
  json_object_set_boolean_member (object, "sticky", FALSE);
  json_object_set_string_member (object, "format", "standard");
  json_object_set_array_member (object, "categories", ids_array (item->categories));
  json_object_set_array_member (object, "tags", ids_array (item->tags));
  return object;
}

static JsonObject *
term_json (FakeWp *self,
           Term   *term)
{
  JsonObject *object = json_object_new ();
  g_autofree char *link = g_strdup_printf ("%s%s/%s/", self->url, term->tag ? "tag" : "category", term->slug);

  json_object_set_int_member (object, "id", term->id);
  json_object_set_int_member (object, "count", 0);
  json_object_set_string_member (object, "description", "");
  json_object_set_string_member (object, "link", link);
  json_object_set_string_member (object, "name", term->name);
  json_object_set_string_member (object, "slug", term->slug);
  json_object_set_string_member (object, "taxonomy", term->tag ? "post_tag" : "category");
  if (!term->tag)
    json_object_set_int_member (object, "parent", 0);
  json_object_set_array_member (object, "meta", json_array_new ());
  return object;
}

/* --- Request parameters ---------------------------------------------------- */

/* A string from the JSON body, else the query. */
static const char *
param (Req        *req,
       const char *name)
{
  if (req->body != NULL && json_object_has_member (req->body, name))
    {
      JsonNode *node = json_object_get_member (req->body, name);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
    }
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

static gboolean
has_param (Req        *req,
           const char *name)
{
  return (req->body != NULL && json_object_has_member (req->body, name)) ||
         (req->query != NULL && g_hash_table_contains (req->query, name));
}

static gint64
int_param (Req        *req,
           const char *name)
{
  const char *text;

  if (req->body != NULL && json_object_has_member (req->body, name))
    {
      JsonNode *node = json_object_get_member (req->body, name);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        return json_node_get_int (node);
    }
  text = param (req, name);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static GArray *
ids_param (Req        *req,
           const char *name)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *text;

  if (req->body != NULL && json_object_has_member (req->body, name) &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (req->body, name)))
    {
      JsonArray *array = json_object_get_array_member (req->body, name);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          gint64 id = json_array_get_int_element (array, i);

          g_array_append_val (ids, id);
        }
      return ids;
    }

  text = param (req, name);
  if (text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

          if (id > 0)
            g_array_append_val (ids, id);
        }
    }
  return ids;
}

static gboolean
edit_context (Req *req)
{
  return g_strcmp0 (param (req, "context"), "edit") == 0;
}

/* WordPress drops unknown term ids; with no category it files the post
 * under the default one. */
static GArray *
existing_terms (FakeWp *self,
                GArray *ids,
                gboolean tag)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (find_term (self, id, tag) != NULL)
        g_array_append_val (kept, id);
    }
  if (!tag && kept->len == 0)
    {
      gint64 uncategorized = 1;

      g_array_append_val (kept, uncategorized);
    }
  return kept;
}

/* --- REST: users, index --------------------------------------------------- */

static void
rest_index (Req *req)
{
  JsonObject *object = json_object_new ();
  JsonArray *namespaces = json_array_new ();
  JsonObject *authentication = json_object_new ();

  json_object_set_string_member (object, "name", "Situs Uji");
  json_object_set_string_member (object, "description", "Just another WordPress site");
  json_object_set_string_member (object, "url", req->self->url);
  json_object_set_string_member (object, "home", req->self->url);
  json_object_set_int_member (object, "gmt_offset", 7);
  json_object_set_string_member (object, "timezone_string", "Asia/Jakarta");
  json_array_add_string_element (namespaces, "oembed/1.0");
  json_array_add_string_element (namespaces, "wp/v2");
  json_array_add_string_element (namespaces, "wp-site-health/v1");
  json_object_set_array_member (object, "namespaces", namespaces);
  json_object_set_object_member (authentication, "application-passwords", json_object_new ());
  json_object_set_object_member (object, "authentication", authentication);
  json_object_set_object_member (object, "routes", json_object_new ());
  reply_object (req->msg, 200, object);
}

static void
rest_users_me (Req *req)
{
  static const char *const caps[] = {
    "read", "edit_posts", "publish_posts", "upload_files", "manage_categories", "edit_others_posts",
    "manage_options",
  };
  JsonObject *object;
  JsonObject *capabilities;
  JsonObject *extra;
  JsonArray *roles;

  if (!g_str_equal (req->method, "GET"))
    {
      reply_error (req->msg, 404, "rest_no_route", NULL);
      return;
    }
  if (req->user == NULL)
    {
      reply_error (req->msg, 401, "rest_not_logged_in", NULL);
      return;
    }

  object = json_object_new ();
  json_object_set_int_member (object, "id", req->user->id);
  json_object_set_string_member (object, "name", req->user->name);
  json_object_set_string_member (object, "slug", req->user->login);
  if (edit_context (req))
    {
      capabilities = json_object_new ();
      extra = json_object_new ();
      roles = json_array_new ();
      json_object_set_string_member (object, "username", req->user->login);
      json_array_add_string_element (roles, role_name (req->user->role));
      json_object_set_array_member (object, "roles", roles);
      for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
        {
          if (user_can (req->user, caps[i]))
            json_object_set_boolean_member (capabilities, caps[i], TRUE);
        }
      json_object_set_boolean_member (capabilities, role_name (req->user->role), TRUE);
      json_object_set_boolean_member (extra, role_name (req->user->role), TRUE);
      json_object_set_object_member (object, "capabilities", capabilities);
      json_object_set_object_member (object, "extra_capabilities", extra);
    }
  reply_object (req->msg, 200, object);
}

/* --- REST: posts and media -------------------------------------------------- */

static gboolean
in_list (const char *list,
         const char *value)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  return g_strv_contains ((const char * const *)parts, value);
}

static void
rest_list (Req      *req,
           gboolean  attachment)
{
  FakeWp *self = req->self;
  const char *slugs = param (req, "slug");
  const char *statuses = param (req, "status");
  const char *search = param (req, "search");
  JsonArray *array;
  g_autoptr(JsonNode) node = NULL;

  if (statuses == NULL)
    statuses = attachment ? "inherit" : "publish";

  if (req->user == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (statuses, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (!g_str_equal (parts[i], "publish") && !g_str_equal (parts[i], "inherit"))
            {
              JsonObject *error = error_object (400, "rest_invalid_param", "Invalid parameter(s): status");
              JsonObject *data = json_object_get_object_member (error, "data");
              JsonObject *params = json_object_new ();

              json_object_set_string_member (params, "status", "Status is forbidden.");
              json_object_set_object_member (data, "params", params);
              reply_object (req->msg, 400, error);
              return;
            }
        }
      if (edit_context (req))
        {
          reply_error (req->msg, 401, "rest_forbidden_context",
                       "Sorry, you are not allowed to edit posts in this post type.");
          return;
        }
    }

  array = json_array_new ();
  for (guint i = self->items->len; i > 0; i--)
    {
      Item *item = g_ptr_array_index (self->items, i - 1);

      if (item->attachment != attachment)
        continue;
      if (!attachment && !in_list (statuses, item->status))
        continue;
      if (slugs != NULL && !in_list (slugs, item->slug))
        continue;
      if (search != NULL && strstr (item->title, search) == NULL)
        continue;
      json_array_add_object_element (array, item_json (self, item, edit_context (req)));
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "X-WP-TotalPages", "1");
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  reply_node (req->msg, 200, node);
}

static gboolean
valid_status (const char *status)
{
  static const char *const statuses[] = { "publish", "future", "draft", "pending", "private", NULL };

  return g_strv_contains (statuses, status);
}

static gboolean
publishing (const char *status)
{
  return g_strcmp0 (status, "publish") == 0 || g_strcmp0 (status, "future") == 0 ||
         g_strcmp0 (status, "private") == 0;
}

/* Sets the fields a create or an update carries. */
static void
apply_post_fields (Req  *req,
                   Item *item)
{
  FakeWp *self = req->self;
  const char *slug = param (req, "slug");
  g_autofree char *wanted = NULL;

  if (param (req, "title") != NULL)
    set_str (&item->title, param (req, "title"));
  if (param (req, "content") != NULL)
    set_str (&item->content, param (req, "content"));
  if (param (req, "excerpt") != NULL)
    set_str (&item->excerpt, param (req, "excerpt"));
  if (param (req, "status") != NULL)
    set_str (&item->status, param (req, "status"));
  if (param (req, "date_gmt") != NULL)
    set_str (&item->date_gmt, param (req, "date_gmt"));

  if (has_param (req, "featured_media"))
    {
      gint64 id = int_param (req, "featured_media");
      Item *media = find_item (self, id);

      item->featured_media = media != NULL && media->attachment ? id : 0;
    }
  if (has_param (req, "categories"))
    {
      g_autoptr(GArray) ids = ids_param (req, "categories");

      g_clear_pointer (&item->categories, g_array_unref);
      item->categories = existing_terms (self, ids, FALSE);
    }
  if (has_param (req, "tags"))
    {
      g_autoptr(GArray) ids = ids_param (req, "tags");

      g_clear_pointer (&item->tags, g_array_unref);
      item->tags = existing_terms (self, ids, TRUE);
    }

  /* WordPress gives a draft no slug until asked or published. */
  if (slug != NULL)
    wanted = sanitize_title (slug);
  else if (*item->slug == '\0' && !g_str_equal (item->status, "draft") && !g_str_equal (item->status, "pending"))
    wanted = sanitize_title (item->title);
  else
    wanted = g_strdup (item->slug);
  g_free (item->slug);
  item->slug = unique_slug (self, wanted, item->id, FALSE, item->status);
}

static Item *
new_item (FakeWp  *self,
          gboolean attachment,
          gint64   author)
{
  Item *item = g_new0 (Item, 1);

  item->id = self->next_id++;
  item->attachment = attachment;
  item->slug = g_strdup ("");
  item->status = g_strdup (attachment ? "inherit" : "draft");
  item->title = g_strdup ("");
  item->content = g_strdup ("");
  item->excerpt = g_strdup ("");
  item->author = author;
  item->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  item->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!attachment)
    {
      gint64 uncategorized = 1;

      g_array_append_val (item->categories, uncategorized);
    }
  return item;
}

static void
rest_create_post (Req *req)
{
  FakeWp *self = req->self;
  const char *status = param (req, "status");
  Item *item;

  if (req->user == NULL)
    {
      reply_error (req->msg, 401, "rest_cannot_create", NULL);
      return;
    }
  if (status != NULL && !valid_status (status))
    {
      reply_error (req->msg, 400, "rest_invalid_param", "Invalid parameter(s): status");
      return;
    }
  if (publishing (status) && !user_can (req->user, "publish_posts"))
    {
      reply_error (req->msg, 403, "rest_cannot_publish", NULL);
      return;
    }

  item = new_item (self, FALSE, req->user->id);
  apply_post_fields (req, item);
  g_ptr_array_add (self->items, item);
  {
    g_autofree char *location = g_strdup_printf ("%swp-json/wp/v2/posts/%" G_GINT64_FORMAT, self->url, item->id);

    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location", location);
  }
  reply_object (req->msg, 201, item_json (self, item, TRUE));
}

static void
rest_post_item (Req    *req,
                gint64  id)
{
  FakeWp *self = req->self;
  Item *item = find_item (self, id);

  if (item == NULL || item->attachment)
    {
      reply_error (req->msg, 404, "rest_post_invalid_id", NULL);
      return;
    }

  if (g_str_equal (req->method, "GET"))
    {
      if (req->user == NULL && edit_context (req))
        reply_error (req->msg, 401, "rest_forbidden_context",
                     "Sorry, you are not allowed to edit this post.");
      else if (req->user == NULL && !g_str_equal (item->status, "publish"))
        reply_error (req->msg, 401, "rest_forbidden", NULL);
      else
        reply_object (req->msg, 200, item_json (self, item, edit_context (req)));
      return;
    }

  if (g_str_equal (req->method, "POST") || g_str_equal (req->method, "PUT") || g_str_equal (req->method, "PATCH"))
    {
      const char *status = param (req, "status");

      if (req->user == NULL)
        {
          reply_error (req->msg, 401, "rest_cannot_edit", NULL);
          return;
        }
      if (item->author != req->user->id && !user_can (req->user, "edit_others_posts"))
        {
          reply_error (req->msg, 403, "rest_cannot_edit", NULL);
          return;
        }
      if (status != NULL && !valid_status (status))
        {
          reply_error (req->msg, 400, "rest_invalid_param", "Invalid parameter(s): status");
          return;
        }
      if (publishing (status) && !user_can (req->user, "publish_posts"))
        {
          reply_error (req->msg, 403, "rest_cannot_publish", NULL);
          return;
        }
      apply_post_fields (req, item);
      reply_object (req->msg, 200, item_json (self, item, TRUE));
      return;
    }

  if (g_str_equal (req->method, "DELETE"))
    {
      if (req->user == NULL)
        {
          reply_error (req->msg, 401, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
          return;
        }
      if (item->author != req->user->id && !user_can (req->user, "edit_others_posts"))
        {
          reply_error (req->msg, 403, "rest_cannot_delete", "Sorry, you are not allowed to delete this post.");
          return;
        }
      if (g_strcmp0 (param (req, "force"), "true") == 0)
        {
          JsonObject *object = json_object_new ();

          json_object_set_boolean_member (object, "deleted", TRUE);
          json_object_set_object_member (object, "previous", item_json (self, item, TRUE));
          g_ptr_array_remove (self->items, item);
          reply_object (req->msg, 200, object);
          return;
        }
      if (g_str_equal (item->status, "trash"))
        {
          reply_error (req->msg, 410, "rest_already_trashed", "The post has already been deleted.");
          return;
        }
      set_str (&item->status, "trash");
      if (*item->slug != '\0')
        {
          char *trashed = g_strconcat (item->slug, "__trashed", NULL);

          g_free (item->slug);
          item->slug = trashed;
        }
      reply_object (req->msg, 200, item_json (self, item, TRUE));
      return;
    }

  reply_error (req->msg, 404, "rest_no_route", NULL);
}

/* What WordPress's default mime list allows, by extension. */
static const char *
mime_for_extension (const char *extension)
{
  static const struct { const char *extensions; const char *type; } table[] = {
    { "jpg,jpeg,jpe", "image/jpeg" }, { "png", "image/png" }, { "gif", "image/gif" }, { "webp", "image/webp" },
    { "pdf", "application/pdf" }, { "mp4,m4v", "video/mp4" }, { "mp3,m4a", "audio/mpeg" },
    { "txt", "text/plain" }, { "csv", "text/csv" }, { "zip", "application/zip" },
    { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { "odt", "application/vnd.oasis.opendocument.text" }, { "bin", "application/octet-stream" },
  };
  g_autofree char *lower = g_ascii_strdown (extension, -1);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (in_list (table[i].extensions, lower))
        return table[i].type;
    }
  return NULL;
}

static char *
disposition_filename (const char *disposition)
{
  const char *start = strstr (disposition, "filename=");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("filename=");
  if (*start == '"')
    {
      start++;
      end = strchr (start, '"');
    }
  else
    end = start + strcspn (start, "; ");
  if (end == NULL || end == start)
    return NULL;
  return g_strndup (start, end - start);
}

static void
rest_create_media (Req *req)
{
  FakeWp *self = req->self;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *disposition = soup_message_headers_get_one (headers, "Content-Disposition");
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  Upload *upload = g_object_get_data (G_OBJECT (req->msg), "fake-wp-upload");
  g_autofree char *filename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *wanted = NULL;
  const char *dot;
  const char *allowed;
  Item *item;

  if (req->user == NULL)
    {
      reply_error (req->msg, 401, "rest_cannot_create", NULL);
      return;
    }
  if (!user_can (req->user, "upload_files"))
    {
      reply_error (req->msg, 403, "rest_cannot_create", "Sorry, you are not allowed to upload media on this site.");
      return;
    }
  if (disposition == NULL)
    {
      reply_error (req->msg, 400, "rest_upload_no_content_disposition", "Missing Content-Disposition header.");
      return;
    }
  filename = disposition_filename (disposition);
  if (strstr (disposition, "filename*=") != NULL || filename == NULL)
    {
      reply_error (req->msg, 400, "rest_upload_invalid_disposition",
                   "Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as "
                   "`attachment; filename=\"image.png\"` or similar.");
      return;
    }
  if (content_type == NULL)
    {
      reply_error (req->msg, 400, "rest_upload_no_content_type", "No Content-Type supplied.");
      return;
    }
  if (upload == NULL || upload->size == 0)
    {
      reply_error (req->msg, 400, "rest_upload_no_data", "No data supplied.");
      return;
    }
  dot = strrchr (filename, '.');
  allowed = dot != NULL ? mime_for_extension (dot + 1) : NULL;
  if (allowed == NULL || g_ascii_strcasecmp (allowed, content_type) != 0)
    {
      reply_error (req->msg, 500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.");
      return;
    }

  item = new_item (self, TRUE, req->user->id);
  stem = g_strndup (filename, dot - filename);
  set_str (&item->title, param (req, "title") != NULL ? param (req, "title") : stem);
  wanted = sanitize_title (param (req, "slug") != NULL ? param (req, "slug") : item->title);
  g_free (item->slug);
  item->slug = unique_slug (self, wanted, item->id, TRUE, item->status);
  item->alt_text = g_strdup (param (req, "alt_text"));
  item->mime_type = g_strdup (content_type);
  item->filename = g_strdup (filename);
  item->size = upload->size;
  item->sha256 = g_strdup (g_checksum_get_string (upload->checksum));
  g_ptr_array_add (self->items, item);

  {
    g_autofree char *location = g_strdup_printf ("%swp-json/wp/v2/media/%" G_GINT64_FORMAT, self->url, item->id);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item->id);
    SoupMessageHeaders *response = soup_server_message_get_response_headers (req->msg);

    soup_message_headers_replace (response, "Location", location);
    soup_message_headers_replace (response, "X-WP-Upload-Attachment-ID", id);
  }
  reply_object (req->msg, 201, item_json (self, item, TRUE));
}

/* --- REST: terms ------------------------------------------------------------ */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

static void
rest_terms (Req      *req,
            gboolean  tag)
{
  FakeWp *self = req->self;

  if (g_str_equal (req->method, "GET"))
    {
      const char *search = param (req, "search");
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < self->terms->len; i++)
        {
          Term *term = g_ptr_array_index (self->terms, i);

          if (term->tag != tag)
            continue;
          /* A LIKE on the stored, escaped name and on the slug. */
          if (search != NULL && !contains_casefold (term->name, search) && !contains_casefold (term->slug, search))
            continue;
          json_array_add_object_element (array, term_json (self, term));
        }
      json_node_take_array (node, array);
      reply_node (req->msg, 200, node);
      return;
    }

  if (g_str_equal (req->method, "POST"))
    {
      const char *name = param (req, "name");
      g_autofree char *escaped = NULL;
      g_autofree char *slug = NULL;
      Term *term;

      if (req->user == NULL)
        {
          reply_error (req->msg, 401, "rest_cannot_create", "Sorry, you are not allowed to create terms in this taxonomy.");
          return;
        }
      if (!user_can (req->user, "manage_categories"))
        {
          reply_error (req->msg, 403, "rest_cannot_create", "Sorry, you are not allowed to create terms in this taxonomy.");
          return;
        }
      if (name == NULL || *name == '\0')
        {
          reply_error (req->msg, 400, "rest_missing_callback_param", "Missing parameter(s): name");
          return;
        }

      escaped = escape_html (name);
      slug = sanitize_title (name);
      for (guint i = 0; i < self->terms->len; i++)
        {
          Term *existing = g_ptr_array_index (self->terms, i);

          if (existing->tag == tag &&
              (g_ascii_strcasecmp (existing->name, escaped) == 0 || g_str_equal (existing->slug, slug)))
            {
              JsonObject *error = error_object (400, "term_exists",
                                                "A term with the name provided already exists in this taxonomy.");

              json_object_set_int_member (json_object_get_object_member (error, "data"), "term_id", existing->id);
              reply_object (req->msg, 400, error);
              return;
            }
        }

      term = g_new0 (Term, 1);
      term->id = self->next_id++;
      term->tag = tag;
      term->name = g_steal_pointer (&escaped);
      term->slug = g_steal_pointer (&slug);
      g_ptr_array_add (self->terms, term);
      reply_object (req->msg, 201, term_json (self, term));
      return;
    }

  reply_error (req->msg, 404, "rest_no_route", NULL);
}

/* --- REST dispatch -------------------------------------------------------- */

static gboolean
route_id (const char *route,
          const char *prefix,
          gint64     *id)
{
  const char *rest;
  guint64 value;

  if (!g_str_has_prefix (route, prefix))
    return FALSE;
  rest = route + strlen (prefix);
  if (!g_ascii_string_to_unsigned (rest, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

static void
rest_dispatch (Req *req)
{
  gint64 id;

  if (g_str_equal (req->route, "/") && g_str_equal (req->method, "GET"))
    rest_index (req);
  else if (g_str_equal (req->route, "/wp/v2/users/me"))
    rest_users_me (req);
  else if (g_str_equal (req->route, "/wp/v2/posts") && g_str_equal (req->method, "GET"))
    rest_list (req, FALSE);
  else if (g_str_equal (req->route, "/wp/v2/posts") && g_str_equal (req->method, "POST"))
    rest_create_post (req);
  else if (route_id (req->route, "/wp/v2/posts/", &id))
    rest_post_item (req, id);
  else if (g_str_equal (req->route, "/wp/v2/media") && g_str_equal (req->method, "GET"))
    rest_list (req, TRUE);
  else if (g_str_equal (req->route, "/wp/v2/media") && g_str_equal (req->method, "POST"))
    rest_create_media (req);
  else if (route_id (req->route, "/wp/v2/media/", &id) && g_str_equal (req->method, "GET") &&
           find_item (req->self, id) != NULL && find_item (req->self, id)->attachment)
    reply_object (req->msg, 200, item_json (req->self, find_item (req->self, id), edit_context (req)));
  else if (route_id (req->route, "/wp/v2/media/", &id))
    reply_error (req->msg, 404, "rest_post_invalid_id", NULL);
  else if (g_str_equal (req->route, "/wp/v2/categories"))
    rest_terms (req, FALSE);
  else if (g_str_equal (req->route, "/wp/v2/tags"))
    rest_terms (req, TRUE);
  else
    reply_error (req->msg, 404, "rest_no_route", NULL);
}

/* --- The public site -------------------------------------------------------- */

static void
page_for (Req  *req,
          Item *item)
{
  g_autofree char *title = texturize (item->title);
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"UTF-8\">\n"
                                           "<title>%s &#8211; Situs Uji</title></head>\n<body class=\"single\">\n"
                                           "<main><h1 class=\"wp-block-post-title\">%s</h1>\n"
                                           "<div class=\"entry-content\">%s</div></main>\n</body></html>\n",
                                           title, title, item->content);

  reply_html (req->msg, 200, html);
}

static void
not_found_page (Req *req)
{
  reply_html (req->msg, 404, "<!DOCTYPE html>\n<html><head><title>Page not found &#8211; Situs Uji</title></head>"
                             "<body><h1>Page not found</h1></body></html>\n");
}

/* The XML-RPC strings of a methodCall, in order. */
typedef struct
{
  GPtrArray *strings;
  char      *method;
  const char *element;
} XmlCall;

static void
xml_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  XmlCall *call = user_data;

  call->element = g_intern_string (element);
}

static void
xml_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  XmlCall *call = user_data;

  call->element = NULL;
}

static void
xml_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  XmlCall *call = user_data;

  if (g_strcmp0 (call->element, "methodName") == 0)
    call->method = g_strndup (text, length);
  else if (g_strcmp0 (call->element, "string") == 0)
    g_ptr_array_add (call->strings, g_strndup (text, length));
}

static const GMarkupParser xml_call_parser = {
  .start_element = xml_start,
  .end_element = xml_end,
  .text = xml_text,
};

static void
reply_xml_fault (Req        *req,
                 int         code,
                 const char *message)
{
  g_autofree char *xml = g_markup_printf_escaped (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><fault><value><struct>"
    "<member><name>faultCode</name><value><int>%d</int></value></member>"
    "<member><name>faultString</name><value><string>%s</string></value></member>"
    "</struct></value></fault></methodResponse>\n", code, message);

  soup_server_message_set_status (req->msg, 200, NULL);
  soup_server_message_set_response (req->msg, "text/xml; charset=UTF-8", SOUP_MEMORY_COPY, xml, strlen (xml));
}

static User *
check_password (FakeWp     *self,
                const char *login,
                const char *password)
{
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = password; p != NULL && *p != '\0'; p++)
    {
      if (*p != ' ')
        g_string_append_c (bare, *p);
    }

  for (guint i = 0; i < self->users->len; i++)
    {
      User *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->login, login) == 0 && g_str_equal (user->password, bare->str))
        return user;
    }
  return NULL;
}

static void
site_xmlrpc (Req *req)
{
  FakeWp *self = req->self;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  XmlCall call = { strings, NULL, NULL };
  gsize size;
  const char *data;
  User *user;

  if (self->xmlrpc == FAKE_WP_XMLRPC_MISSING)
    {
      not_found_page (req);
      return;
    }
  if (!g_str_equal (req->method, "POST"))
    {
      reply_html (req->msg, 405, "XML-RPC server accepts POST requests only.");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  data = g_bytes_get_data (body, &size);
  context = g_markup_parse_context_new (&xml_call_parser, 0, &call, NULL);
  if (!g_markup_parse_context_parse (context, data, size, NULL))
    {
      g_free (call.method);
      reply_xml_fault (req, -32700, "parse error. not well formed");
      return;
    }

  if (g_strcmp0 (call.method, "wp.getProfile") != 0)
    {
      reply_xml_fault (req, -32601, "server error. requested method does not exist.");
    }
  else if (self->xmlrpc == FAKE_WP_XMLRPC_DISABLED)
    {
      reply_xml_fault (req, 405, "XML-RPC services are disabled on this site.");
    }
  else if (strings->len < 2 ||
           (user = check_password (self, g_ptr_array_index (strings, 0), g_ptr_array_index (strings, 1))) == NULL)
    {
      reply_xml_fault (req, 403, "Incorrect username or password.");
    }
  else
    {
      g_autofree char *xml = g_markup_printf_escaped (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><params><param><value><struct>"
        "<member><name>user_id</name><value><string>%" G_GINT64_FORMAT "</string></value></member>"
        "<member><name>username</name><value><string>%s</string></value></member>"
        "<member><name>display_name</name><value><string>%s</string></value></member>"
        "</struct></value></param></params></methodResponse>\n", user->id, user->login, user->name);

      soup_server_message_set_status (req->msg, 200, NULL);
      soup_server_message_set_response (req->msg, "text/xml; charset=UTF-8", SOUP_MEMORY_COPY, xml, strlen (xml));
    }
  g_free (call.method);
}

static void
site_dispatch (Req        *req,
               const char *path)
{
  FakeWp *self = req->self;
  const char *p = req->query != NULL ? g_hash_table_lookup (req->query, "p") : NULL;

  if (g_str_equal (path, "/xmlrpc.php"))
    {
      site_xmlrpc (req);
      return;
    }

  if (g_str_equal (path, "/") && p != NULL)
    {
      Item *item = find_item (self, g_ascii_strtoll (p, NULL, 10));

      if (item == NULL || item->attachment || !g_str_equal (item->status, "publish"))
        not_found_page (req);
      else if (self->pretty)
        {
          g_autofree char *link = item_link (self, item);

          soup_server_message_set_redirect (req->msg, 301, link);
        }
      else
        page_for (req, item);
      return;
    }

  if (g_str_equal (path, "/"))
    {
      g_autoptr(GString) html = g_string_new ("<!DOCTYPE html>\n<html><head><title>Situs Uji</title></head><body>\n");

      for (guint i = 0; i < self->items->len; i++)
        {
          Item *item = g_ptr_array_index (self->items, i);
          g_autofree char *link = NULL;
          g_autofree char *title = NULL;

          if (item->attachment || !g_str_equal (item->status, "publish"))
            continue;
          link = item_link (self, item);
          title = texturize (item->title);
          g_string_append_printf (html, "<h2><a href=\"%s\">%s</a></h2>\n", link, title);
        }
      g_string_append (html, "</body></html>\n");
      reply_html (req->msg, 200, html->str);
      return;
    }

  if (self->pretty && g_str_has_suffix (path, "/") && strlen (path) > 2)
    {
      g_autofree char *slug = g_strndup (path + 1, strlen (path) - 2);

      for (guint i = 0; i < self->items->len; i++)
        {
          Item *item = g_ptr_array_index (self->items, i);

          if (!item->attachment && g_str_equal (item->status, "publish") && g_str_equal (item->slug, slug))
            {
              page_for (req, item);
              return;
            }
        }
    }

  not_found_page (req);
}

/* --- Routing, faults, the log ------------------------------------------------ */

/* The REST route of a request, or "site:PATH"; *rest says which. */
static char *
route_of (FakeWp      *self,
          const char  *path,
          GHashTable  *query,
          gboolean    *rest)
{
  const char *rest_route = query != NULL ? g_hash_table_lookup (query, "rest_route") : NULL;

  *rest = TRUE;
  if (rest_route != NULL)
    return g_strdup (*rest_route == '\0' ? "/" : rest_route);

  if (self->pretty && (g_str_equal (path, "/wp-json") || g_str_has_prefix (path, "/wp-json/")))
    {
      const char *tail = path + strlen ("/wp-json");
      g_autofree char *trimmed = NULL;

      if (*tail == '\0' || g_str_equal (tail, "/"))
        return g_strdup ("/");
      trimmed = g_strdup (tail);
      if (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
      return g_steal_pointer (&trimmed);
    }

  *rest = FALSE;
  return g_strconcat ("site:", path, NULL);
}

static gboolean
matches (const char *pattern,
         const char *value)
{
  return pattern == NULL || g_pattern_match_simple (pattern, value);
}

/* The fault this request triggers, taken off the queue; lock held. */
static Fault *
take_fault (FakeWp     *self,
            const char *method,
            const char *route)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if ((fault->method != NULL && !g_str_equal (fault->method, method)) || !matches (fault->route, route))
        continue;
      if (fault->remaining > 1)
        {
          fault->remaining--;
          continue;
        }
      return g_ptr_array_steal_index (self->faults, i);
    }
  return NULL;
}

static User *
authenticate (FakeWp            *self,
              SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree guchar *decoded = NULL;
  g_autofree char *pair = NULL;
  gsize length;
  char *colon;

  if (self->strip || header == NULL || g_ascii_strncasecmp (header, "Basic ", 6) != 0)
    return NULL;

  decoded = g_base64_decode (header + 6, &length);
  pair = g_strndup ((const char *)decoded, length);
  colon = strchr (pair, ':');
  if (colon == NULL)
    return NULL;
  *colon = '\0';
  /* WordPress 6.1 treats a wrong Application Password as no login. */
  return check_password (self, pair, colon + 1);
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
held_free (Held *held)
{
  if (held->source != NULL)
    {
      g_source_destroy (held->source);
      g_source_unref (held->source);
    }
  if (held->finished_id != 0)
    g_signal_handler_disconnect (held->msg, held->finished_id);
  g_clear_pointer (&held->body, g_bytes_unref);
  g_object_unref (held->msg);
  g_free (held);
}

static void
held_done (Held *held)
{
  held->self->held = g_list_remove (held->self->held, held);
  held_free (held);
}

static void
on_held_finished (SoupServerMessage *msg,
                  gpointer           user_data)
{
  held_done (user_data);
}

static gboolean
on_hold_over (gpointer user_data)
{
  Held *held = user_data;

  g_clear_pointer (&held->source, g_source_unref);
  g_signal_handler_disconnect (held->msg, held->finished_id);
  held->finished_id = 0;
  drop_connection (held->msg);
  held_done (held);
  return G_SOURCE_REMOVE;
}

static gboolean
on_slow_chunk (gpointer user_data)
{
  Held *held = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (held->msg);
  gsize size;
  const char *data = g_bytes_get_data (held->body, &size);
  gsize n = MIN (SLOW_CHUNK, size - held->offset);

  soup_message_body_append (body, SOUP_MEMORY_COPY, data + held->offset, n);
  held->offset += n;
  if (held->offset >= size)
    {
      SoupServerMessage *msg = held->msg;

      /* The message finishes on its own now, and "finished" frees held. */
      g_clear_pointer (&held->source, g_source_unref);
      soup_message_body_complete (body);
      soup_server_message_unpause (msg);
      return G_SOURCE_REMOVE;
    }
  /* libsoup pauses a chunked answer by itself when it runs out of chunks. */
  soup_server_message_unpause (held->msg);
  return G_SOURCE_CONTINUE;
}

static Held *
hold (FakeWp            *self,
      SoupServerMessage *msg,
      guint              delay_ms,
      GSourceFunc        callback)
{
  Held *held = g_new0 (Held, 1);

  held->self = self;
  held->msg = g_object_ref (msg);
  held->delay_ms = delay_ms;
  held->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (held->source, callback, held, NULL);
  g_source_attach (held->source, self->context);
  held->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_held_finished), held);
  self->held = g_list_prepend (self->held, held);
  soup_server_message_pause (msg);
  return held;
}

/* Turns a complete answer into a chunked one that trickles out. */
static void
slow_down (FakeWp            *self,
           SoupServerMessage *msg,
           guint              delay_ms)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  Held *held;

  soup_message_body_truncate (body);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  held = hold (self, msg, delay_ms, on_slow_chunk);
  held->body = g_steal_pointer (&bytes);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  FakeWp *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *route = NULL;
  g_autoptr(JsonParser) parser = NULL;
  Fault *fault;
  LogEntry *entry;
  gboolean rest;
  Req req = { self, msg, method, NULL, query, NULL, NULL };

  g_mutex_lock (&self->lock);

  route = route_of (self, path, query, &rest);
  req.route = route;
  entry = g_new0 (LogEntry, 1);
  entry->method = g_strdup (method);
  entry->route = g_strdup (route);
  entry->authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                       "Authorization") != NULL;
  g_ptr_array_add (self->log, entry);
  fault = take_fault (self, method, route);

  if (fault != NULL && fault->kind == FAKE_WP_FAULT_STATUS)
    {
      const char *code = fault->code;

      if (code == NULL)
        code = fault->status == 404 ? "rest_no_route"
               : fault->status == 401 ? "rest_not_logged_in"
               : fault->status == 403 ? "rest_forbidden"
               : fault->status >= 500 ? "internal_server_error" : "rest_invalid_param";
      reply_error (msg, fault->status, code, fault->message);
      goto out;
    }
  if (fault != NULL && fault->kind == FAKE_WP_FAULT_DROP_BEFORE)
    {
      drop_connection (msg);
      goto out;
    }
  if (fault != NULL && fault->kind == FAKE_WP_FAULT_TIMEOUT)
    {
      hold (self, msg, fault->delay_ms != 0 ? fault->delay_ms : DEFAULT_HOLD_MS, on_hold_over);
      goto out;
    }

  if (rest)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      req.user = authenticate (self, msg);
      if (body->length > 0 && !g_str_equal (route, "/wp/v2/media"))
        {
          g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);

          parser = json_parser_new ();
          if (!json_parser_load_from_data (parser, data, size, NULL))
            {
              reply_error (msg, 400, "rest_invalid_json", "Invalid JSON body passed.");
              goto out;
            }
          if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
            req.body = json_node_get_object (json_parser_get_root (parser));
        }
      rest_dispatch (&req);
    }
  else
    site_dispatch (&req, path);

  if (fault != NULL && fault->kind == FAKE_WP_FAULT_DROP_AFTER)
    drop_connection (msg);
  else if (fault != NULL && fault->kind == FAKE_WP_FAULT_SLOW_BODY)
    slow_down (self, msg, fault->delay_ms != 0 ? fault->delay_ms : DEFAULT_SLOW_MS);

out:
  g_mutex_unlock (&self->lock);
  if (fault != NULL)
    fault_free (fault);
}

/* Uploads are hashed as they come, never accumulated. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Upload *upload = g_object_get_data (G_OBJECT (msg), "fake-wp-upload");
  gsize size;
  const guchar *data = g_bytes_get_data (chunk, &size);

  if (upload == NULL)
    return;
  g_checksum_update (upload->checksum, data, size);
  upload->size += size;
}

static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  FakeWp *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) query = NULL;
  g_autofree char *route = NULL;
  gboolean rest;
  Upload *upload;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    return;
  if (g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));

  g_mutex_lock (&self->lock);
  route = route_of (self, g_uri_get_path (uri), query, &rest);
  g_mutex_unlock (&self->lock);
  if (!rest || !g_str_equal (route, "/wp/v2/media"))
    return;

  upload = g_new0 (Upload, 1);
  upload->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_object_set_data_full (G_OBJECT (msg), "fake-wp-upload", upload, upload_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), NULL);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), user_data);
}

/* --- The server thread -------------------------------------------------------- */

static gpointer
server_thread (gpointer data)
{
  FakeWp *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "Apache/2.4.57 (Debian)",
                                  "tls-certificate", self->certificate,
                                  NULL);
  soup_server_add_handler (self->server, NULL, handle, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), self);
  if (!soup_server_listen_local (self->server, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY | (self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                 &error))
    g_error ("fake-wp: cannot listen: %s", error->message);

  uris = soup_server_get_uris (self->server);
  uri = uris->data;
  self->url = g_strdup_printf ("%s://127.0.0.1:%d/", self->certificate != NULL ? "https" : "http",
                               g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_mutex_lock (&self->ready_lock);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->ready_lock);

  g_main_loop_run (self->loop);

  while (self->held != NULL)
    held_done (self->held->data);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static FakeWp *
start (GTlsCertificate *certificate)
{
  FakeWp *self = g_new0 (FakeWp, 1);
  Term *uncategorized;

  g_mutex_init (&self->lock);
  g_mutex_init (&self->ready_lock);
  g_cond_init (&self->ready_cond);
  self->next_id = 2;
  self->users = g_ptr_array_new_with_free_func (user_free);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->terms = g_ptr_array_new_with_free_func (term_free);
  self->faults = g_ptr_array_new_with_free_func (fault_free);
  self->log = g_ptr_array_new_with_free_func (log_entry_free);
  self->pretty = TRUE;
  self->xmlrpc = FAKE_WP_XMLRPC_ON;
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;

  uncategorized = g_new0 (Term, 1);
  uncategorized->id = 1;
  uncategorized->name = g_strdup ("Uncategorized");
  uncategorized->slug = g_strdup ("uncategorized");
  g_ptr_array_add (self->terms, uncategorized);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fake-wp", server_thread, self);

  g_mutex_lock (&self->ready_lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->ready_lock);
  g_mutex_unlock (&self->ready_lock);

  fake_wp_add_user (self, FAKE_WP_ADMIN, FAKE_WP_ADMIN_PASSWORD, FAKE_WP_ADMINISTRATOR);
  return self;
}

FakeWp *
fake_wp_new (void)
{
  return start (NULL);
}

FakeWp *
fake_wp_new_tls (GTlsCertificate *certificate)
{
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  return start (certificate);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
fake_wp_free (FakeWp *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_clear_object (&self->certificate);
  g_ptr_array_unref (self->users);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->terms);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->log);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->ready_lock);
  g_cond_clear (&self->ready_cond);
  g_free (self);
}

const char *
fake_wp_get_url (FakeWp *self)
{
  return self->url;
}

/* --- Set-up ------------------------------------------------------------------ */

gint64
fake_wp_add_user (FakeWp     *self,
                  const char *login,
                  const char *password,
                  FakeWpRole  role)
{
  User *user = g_new0 (User, 1);
  GString *bare = g_string_new (NULL);
  gint64 id;

  for (const char *p = password; *p != '\0'; p++)
    {
      if (*p != ' ')
        g_string_append_c (bare, *p);
    }

  g_mutex_lock (&self->lock);
  user->id = ++self->next_user;
  user->login = g_strdup (login);
  user->password = g_string_free (bare, FALSE);
  user->name = g_strdup_printf ("Pengguna %s", login);
  user->role = role;
  g_ptr_array_add (self->users, user);
  id = user->id;
  g_mutex_unlock (&self->lock);
  return id;
}

void
fake_wp_set_pretty_permalinks (FakeWp   *self,
                               gboolean  pretty)
{
  g_mutex_lock (&self->lock);
  self->pretty = pretty;
  g_mutex_unlock (&self->lock);
}

void
fake_wp_set_strip_authorization (FakeWp   *self,
                                 gboolean  strip)
{
  g_mutex_lock (&self->lock);
  self->strip = strip;
  g_mutex_unlock (&self->lock);
}

void
fake_wp_set_xmlrpc (FakeWp       *self,
                    FakeWpXmlRpc  mode)
{
  g_mutex_lock (&self->lock);
  self->xmlrpc = mode;
  g_mutex_unlock (&self->lock);
}

gint64
fake_wp_add_term (FakeWp     *self,
                  const char *taxonomy,
                  const char *name)
{
  Term *term = g_new0 (Term, 1);
  gint64 id;

  g_return_val_if_fail (g_strcmp0 (taxonomy, "categories") == 0 || g_strcmp0 (taxonomy, "tags") == 0, 0);

  g_mutex_lock (&self->lock);
  term->id = self->next_id++;
  term->tag = g_str_equal (taxonomy, "tags");
  term->name = escape_html (name);
  term->slug = sanitize_title (name);
  g_ptr_array_add (self->terms, term);
  id = term->id;
  g_mutex_unlock (&self->lock);
  return id;
}

gint64
fake_wp_add_post (FakeWp     *self,
                  const char *slug,
                  const char *title,
                  const char *status)
{
  Item *item;
  gint64 id;

  g_mutex_lock (&self->lock);
  item = new_item (self, FALSE, 1);
  set_str (&item->title, title);
  set_str (&item->status, status);
  g_free (item->slug);
  item->slug = unique_slug (self, slug, item->id, FALSE, status);
  if (g_str_equal (status, "trash"))
    {
      char *trashed = g_strconcat (item->slug, "__trashed", NULL);

      g_free (item->slug);
      item->slug = trashed;
    }
  g_ptr_array_add (self->items, item);
  id = item->id;
  g_mutex_unlock (&self->lock);
  return id;
}

void
fake_wp_delete (FakeWp *self,
                gint64  id)
{
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->items->len; i++)
    {
      if (((Item *)g_ptr_array_index (self->items, i))->id == id)
        g_ptr_array_remove_index (self->items, i--);
    }
  for (guint i = 0; i < self->terms->len; i++)
    {
      if (((Term *)g_ptr_array_index (self->terms, i))->id == id)
        g_ptr_array_remove_index (self->terms, i--);
    }
  g_mutex_unlock (&self->lock);
}

/* --- Faults ------------------------------------------------------------------- */

void
fake_wp_add_fault (FakeWp            *self,
                   const FakeWpFault *fault)
{
  Fault *copy = g_new0 (Fault, 1);

  copy->method = g_strdup (fault->method);
  copy->route = g_strdup (fault->route);
  copy->remaining = MAX (fault->nth, 1);
  copy->kind = fault->kind;
  copy->status = fault->status;
  copy->code = g_strdup (fault->code);
  copy->message = g_strdup (fault->message);
  copy->delay_ms = fault->delay_ms;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->faults, copy);
  g_mutex_unlock (&self->lock);
}

void
fake_wp_fail (FakeWp     *self,
              const char *method,
              const char *route,
              guint       status,
              const char *code)
{
  FakeWpFault fault = { .method = method, .route = route, .kind = FAKE_WP_FAULT_STATUS,
                        .status = status, .code = code };

  fake_wp_add_fault (self, &fault);
}

void
fake_wp_clear_faults (FakeWp *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->lock);
}

guint
fake_wp_count_faults (FakeWp *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->faults->len;
  g_mutex_unlock (&self->lock);
  return n;
}

/* --- Inspection ------------------------------------------------------------------ */

guint
fake_wp_count_posts (FakeWp     *self,
                     const char *status)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (!item->attachment && (status == NULL || g_str_equal (item->status, status)))
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

guint
fake_wp_count_media (FakeWp *self)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->items->len; i++)
    {
      if (((Item *)g_ptr_array_index (self->items, i))->attachment)
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

FakeWpPost *
fake_wp_get_post (FakeWp *self,
                  gint64  id)
{
  FakeWpPost *post = NULL;
  Item *item;

  g_mutex_lock (&self->lock);
  item = find_item (self, id);
  if (item != NULL && !item->attachment)
    {
      post = g_new0 (FakeWpPost, 1);
      post->id = item->id;
      post->slug = g_strdup (item->slug);
      post->status = g_strdup (item->status);
      post->title = g_strdup (item->title);
      post->content = g_strdup (item->content);
      post->link = item_link (self, item);
      post->featured_media = item->featured_media;
      post->categories = g_array_copy (item->categories);
      post->tags = g_array_copy (item->tags);
      post->author = item->author;
    }
  g_mutex_unlock (&self->lock);
  return post;
}

gboolean
fake_wp_get_media (FakeWp  *self,
                   gint64   id,
                   gint64  *size,
                   char   **sha256,
                   char   **filename,
                   char   **mime_type)
{
  Item *item;
  gboolean found = FALSE;

  g_mutex_lock (&self->lock);
  item = find_item (self, id);
  if (item != NULL && item->attachment)
    {
      found = TRUE;
      if (size != NULL)
        *size = item->size;
      if (sha256 != NULL)
        *sha256 = g_strdup (item->sha256);
      if (filename != NULL)
        *filename = g_strdup (item->filename);
      if (mime_type != NULL)
        *mime_type = g_strdup (item->mime_type);
    }
  g_mutex_unlock (&self->lock);
  return found;
}

guint
fake_wp_count_requests (FakeWp     *self,
                        const char *method,
                        const char *route)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->log->len; i++)
    {
      LogEntry *entry = g_ptr_array_index (self->log, i);

      if ((method == NULL || g_str_equal (method, entry->method)) && matches (route, entry->route))
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

gboolean
fake_wp_saw_authorization (FakeWp     *self,
                           const char *route)
{
  gboolean saw = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->log->len; i++)
    {
      LogEntry *entry = g_ptr_array_index (self->log, i);

      if (matches (route, entry->route) && entry->authorization)
        saw = TRUE;
    }
  g_mutex_unlock (&self->lock);
  return saw;
}
