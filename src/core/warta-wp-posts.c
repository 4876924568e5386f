/* warta-wp-posts.c: posts, categories and tags, and media on a WordPress
 * site through its REST API
 *
 * WordPress takes some things quietly that it then does not do: an unknown
 * featured_media or term id is dropped and the post saved all the same.
 * What comes back is compared with what was sent, so a post never goes out
 * without the image or categories the case gave it.
 *
 * Media are streamed from their GInputStream straight into the request;
 * the file is never held whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "warta-wp-private.h"

#define TRASHED_SUFFIX "__trashed"
#define FIND_STATUSES "publish,future,draft,pending,private,trash"
#define MAX_FILENAME 100

void
warta_wp_post_free (WartaWpPost *post)
{
  if (post == NULL)
    return;

  g_free (post->slug);
  g_free (post->status);
  g_free (post->link);
  g_free (post->title_rendered);
  g_clear_pointer (&post->categories, g_array_unref);
  g_clear_pointer (&post->tags, g_array_unref);
  g_free (post);
}

void
warta_wp_media_free (WartaWpMedia *media)
{
  if (media == NULL)
    return;

  g_free (media->slug);
  g_free (media->source_url);
  g_free (media->mime_type);
  g_free (media);
}

/* --- Reading answers ---------------------------------------------------- */

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    return 0;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* title.rendered, or a plain string where a plugin flattens it. */
static char *
member_rendered (JsonObject *object,
                 const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return member_string (json_node_get_object (node), "rendered");
  return member_string (object, name);
}

static GArray *
member_ids (JsonObject *object,
            const char *name)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;

  if (!json_object_has_member (object, name) || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, name)))
    return ids;

  array = json_object_get_array_member (object, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        continue;
      id = json_node_get_int (node);
      g_array_append_val (ids, id);
    }
  return ids;
}

static WartaWpPost *
post_from_json (WartaWp   *self,
                JsonNode  *node,
                GError   **error)
{
  g_autoptr(WartaWpPost) post = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _warta_wp_bad_response (self, error);
      return NULL;
    }

  object = json_node_get_object (node);
  post = g_new0 (WartaWpPost, 1);
  post->id = member_int (object, "id");
  post->slug = member_string (object, "slug");
  post->status = member_string (object, "status");
  post->link = member_string (object, "link");
  post->title_rendered = member_rendered (object, "title");
  post->featured_media = member_int (object, "featured_media");
  post->categories = member_ids (object, "categories");
  post->tags = member_ids (object, "tags");

  if (post->id <= 0 || post->status == NULL)
    {
      _warta_wp_bad_response (self, error);
      return NULL;
    }
  if (post->slug == NULL)
    post->slug = g_strdup ("");
  return g_steal_pointer (&post);
}

static WartaWpMedia *
media_from_json (WartaWp   *self,
                 JsonNode  *node,
                 GError   **error)
{
  g_autoptr(WartaWpMedia) media = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _warta_wp_bad_response (self, error);
      return NULL;
    }

  object = json_node_get_object (node);
  media = g_new0 (WartaWpMedia, 1);
  media->id = member_int (object, "id");
  media->slug = member_string (object, "slug");
  media->source_url = member_string (object, "source_url");
  media->mime_type = member_string (object, "mime_type");

  if (media->id <= 0 || media->source_url == NULL)
    {
      _warta_wp_bad_response (self, error);
      return NULL;
    }
  if (media->slug == NULL)
    media->slug = g_strdup ("");
  return g_steal_pointer (&media);
}

/* Anonymous visitors may not ask for drafts: WordPress answers 400
 * rest_invalid_param, not 401, when it did not take the credentials.
 * Asking who we are tells a wrong password from a real refusal. */
static gboolean
confirm_credentials (WartaWp       *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(JsonNode) me = _warta_wp_call (self, SOUP_METHOD_GET, "wp/v2/users/me",
                                           (const char * const[]) { "context", "edit", NULL },
                                           NULL, WARTA_WP_OP_READ, NULL, cancellable, error);

  return me != NULL;
}

/* GET a list; an invalid parameter that comes from not being signed in is
 * reported as the credentials' problem. */
static JsonNode *
get_list (WartaWp            *self,
          const char         *route,
          const char * const *query,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_auto(WartaWpAnswer) answer = { 0 };

  if (!_warta_wp_ensure_root (self, cancellable, error))
    return NULL;

  msg = _warta_wp_message_new (self, SOUP_METHOD_GET, route, query);
  if (!_warta_wp_send (self, msg, &answer, cancellable, error))
    return NULL;

  if (!SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      const char *code = _warta_wp_answer_code (&answer);

      if ((answer.status == 400 && g_strcmp0 (code, "rest_invalid_param") == 0) ||
          g_strcmp0 (code, "rest_forbidden_context") == 0)
        {
          if (!confirm_credentials (self, cancellable, error))
            return NULL;
        }
      _warta_wp_answer_error (self, &answer, WARTA_WP_OP_READ, NULL, cancellable, error);
      return NULL;
    }

  if (answer.root == NULL || !JSON_NODE_HOLDS_ARRAY (answer.root))
    {
      _warta_wp_bad_response (self, error);
      return NULL;
    }
  return g_steal_pointer (&answer.root);
}

/* --- Posts ------------------------------------------------------------- */

WartaWpPost *
warta_wp_find_post (WartaWp       *self,
                    const char    *slug,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *trashed = NULL;
  g_autofree char *slugs = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(WartaWpPost) in_trash = NULL;
  JsonArray *array;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (slug != NULL && *slug != '\0', NULL);

  /* WordPress renames a trashed post's slug to slug__trashed. */
  trashed = g_strconcat (slug, TRASHED_SUFFIX, NULL);
  slugs = g_strconcat (slug, ",", trashed, NULL);
  list = get_list (self, "wp/v2/posts",
                   (const char * const[]) { "slug", slugs, "status", FIND_STATUSES, "context", "edit",
                                            "per_page", "100", NULL },
                   cancellable, error);
  if (list == NULL)
    return NULL;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(WartaWpPost) post = post_from_json (self, json_array_get_element (array, i), error);

      if (post == NULL)
        return NULL;
      if (g_str_equal (post->slug, slug))
        return g_steal_pointer (&post);
      if (g_str_equal (post->slug, trashed) && in_trash == NULL)
        in_trash = g_steal_pointer (&post);
    }

  return g_steal_pointer (&in_trash);
}

WartaWpPost *
warta_wp_get_post (WartaWp       *self,
                   gint64         id,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *route = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id > 0, NULL);

  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);
  node = _warta_wp_call (self, SOUP_METHOD_GET, route, (const char * const[]) { "context", "edit", NULL },
                         NULL, WARTA_WP_OP_POST, NULL, cancellable, error);
  if (node == NULL)
    return NULL;
  return post_from_json (self, node, error);
}

static JsonNode *
ids_node (const gint64 *ids,
          guint         n)
{
  JsonArray *array = json_array_sized_new (n);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    json_array_add_int_element (array, ids[i]);
  json_node_take_array (node, array);
  return node;
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }
  return FALSE;
}

/* The first id sent that did not come back, or 0. */
static gint64
first_dropped (const gint64 *sent,
               guint         n_sent,
               GArray       *got)
{
  for (guint i = 0; i < n_sent; i++)
    {
      if (!ids_contain (got, sent[i]))
        return sent[i];
    }
  return 0;
}

WartaWpPost *
warta_wp_save_post (WartaWp                 *self,
                    gint64                   id,
                    const WartaWpPostFields *fields,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(WartaWpPost) post = NULL;
  g_autofree char *route = NULL;
  g_autofree char *post_id = NULL;
  gint64 dropped;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id >= 0, NULL);
  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->n_categories == 0 || fields->categories != NULL, NULL);
  g_return_val_if_fail (fields->n_tags == 0 || fields->tags != NULL, NULL);

  if (fields->title != NULL)
    json_object_set_string_member (object, "title", fields->title);
  if (fields->content != NULL)
    json_object_set_string_member (object, "content", fields->content);
  if (fields->excerpt != NULL)
    json_object_set_string_member (object, "excerpt", fields->excerpt);
  if (fields->status != NULL)
    json_object_set_string_member (object, "status", fields->status);
  if (fields->date_gmt != NULL)
    json_object_set_string_member (object, "date_gmt", fields->date_gmt);
  if (fields->slug != NULL)
    json_object_set_string_member (object, "slug", fields->slug);
  json_object_set_member (object, "categories", ids_node (fields->categories, fields->n_categories));
  json_object_set_member (object, "tags", ids_node (fields->tags, fields->n_tags));
  json_object_set_int_member (object, "featured_media", fields->featured_media);
  json_node_set_object (body, object);

  if (id > 0)
    route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);
  else
    route = g_strdup ("wp/v2/posts");

  node = _warta_wp_call (self, SOUP_METHOD_POST, route, NULL, body, WARTA_WP_OP_POST, NULL, cancellable, error);
  if (node == NULL)
    return NULL;
  post = post_from_json (self, node, error);
  if (post == NULL)
    return NULL;

  /* Ids go in as strings: xgettext cannot read G_GINT64_FORMAT in a msgid. */
  post_id = g_strdup_printf ("%" G_GINT64_FORMAT, post->id);
  if (fields->featured_media != 0 && post->featured_media != fields->featured_media)
    {
      g_autofree char *media_id = g_strdup_printf ("%" G_GINT64_FORMAT, fields->featured_media);

      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_BAD_RESPONSE,
                   _("WordPress at %s saved the post (id %s) without its featured image: media %s is not in the "
                     "site's media library, perhaps deleted. Upload the image again, then publish again"),
                   self->host, post_id, media_id);
      return NULL;
    }

  dropped = first_dropped (fields->categories, fields->n_categories, post->categories);
  if (dropped != 0)
    {
      g_autofree char *term_id = g_strdup_printf ("%" G_GINT64_FORMAT, dropped);

      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_BAD_RESPONSE,
                   _("WordPress at %s saved the post (id %s) without category %s, which the site does not have, "
                     "perhaps deleted. Publish again so that the category is looked up anew"),
                   self->host, post_id, term_id);
      return NULL;
    }

  dropped = first_dropped (fields->tags, fields->n_tags, post->tags);
  if (dropped != 0)
    {
      g_autofree char *term_id = g_strdup_printf ("%" G_GINT64_FORMAT, dropped);

      g_set_error (error, WARTA_WP_ERROR, WARTA_WP_ERROR_BAD_RESPONSE,
                   _("WordPress at %s saved the post (id %s) without tag %s, which the site does not have, "
                     "perhaps deleted. Publish again so that the tag is looked up anew"),
                   self->host, post_id, term_id);
      return NULL;
    }

  return g_steal_pointer (&post);
}

WartaWpPost *
warta_wp_withdraw_post (WartaWp       *self,
                        gint64         id,
                        gboolean       trash,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *route = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_auto(WartaWpAnswer) answer = { 0 };
  JsonObject *object;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id > 0, NULL);

  route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);

  if (!trash)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) node = NULL;

      json_object_set_string_member (fields, "status", "draft");
      json_node_set_object (body, fields);
      node = _warta_wp_call (self, SOUP_METHOD_POST, route, NULL, body, WARTA_WP_OP_POST, NULL, cancellable, error);
      return node != NULL ? post_from_json (self, node, error) : NULL;
    }

  /* Without force=true: to the trash, where an editor can still restore it. */
  if (!_warta_wp_ensure_root (self, cancellable, error))
    return NULL;
  msg = _warta_wp_message_new (self, SOUP_METHOD_DELETE, route, NULL);
  if (!_warta_wp_send (self, msg, &answer, cancellable, error))
    return NULL;

  if (answer.status == 410 && g_strcmp0 (_warta_wp_answer_code (&answer), "rest_already_trashed") == 0)
    return warta_wp_get_post (self, id, cancellable, error);

  if (!SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      _warta_wp_answer_error (self, &answer, WARTA_WP_OP_POST, NULL, cancellable, error);
      return NULL;
    }

  /* A forced delete answers {deleted, previous}; trashing, the post. */
  if (answer.root != NULL && JSON_NODE_HOLDS_OBJECT (answer.root))
    {
      object = json_node_get_object (answer.root);
      if (json_object_has_member (object, "previous"))
        return post_from_json (self, json_object_get_member (object, "previous"), error);
    }
  return post_from_json (self, answer.root, error);
}

/* --- Terms ------------------------------------------------------------- */

/* WordPress returns term names HTML-escaped ("A &amp; B"). */
static char *
comparable_name (const char *name)
{
  g_autofree char *text = _warta_wp_normalize_text (name, -1);

  return g_utf8_casefold (text, -1);
}

gint64
warta_wp_ensure_term (WartaWp       *self,
                      const char    *taxonomy,
                      const char    *name,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *route = NULL;
  g_autofree char *wanted = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_auto(WartaWpAnswer) answer = { 0 };
  WartaWpOp op;
  JsonArray *array;
  char *text;
  gsize length;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (g_strcmp0 (taxonomy, "categories") == 0 || g_strcmp0 (taxonomy, "tags") == 0, 0);
  g_return_val_if_fail (name != NULL && *name != '\0', 0);

  op = g_str_equal (taxonomy, "tags") ? WARTA_WP_OP_TAG : WARTA_WP_OP_CATEGORY;
  route = g_strconcat ("wp/v2/", taxonomy, NULL);
  wanted = comparable_name (name);

  list = get_list (self, route,
                   (const char * const[]) { "search", name, "per_page", "100", NULL },
                   cancellable, error);
  if (list == NULL)
    return 0;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *term_name = NULL;
      g_autofree char *found = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      term_name = member_string (json_node_get_object (element), "name");
      if (term_name == NULL)
        continue;
      found = comparable_name (term_name);
      if (g_str_equal (found, wanted) && member_int (json_node_get_object (element), "id") > 0)
        return member_int (json_node_get_object (element), "id");
    }

  json_object_set_string_member (fields, "name", name);
  json_node_set_object (body, fields);
  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);

  msg = _warta_wp_message_new (self, SOUP_METHOD_POST, route, NULL);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  if (!_warta_wp_send (self, msg, &answer, cancellable, error))
    return 0;

  if (answer.status == 400 && g_strcmp0 (_warta_wp_answer_code (&answer), "term_exists") == 0)
    {
      /* The search missed it (names are stored escaped); WordPress says which. */
      JsonObject *object = json_node_get_object (answer.root);
      JsonNode *data = json_object_has_member (object, "data") ? json_object_get_member (object, "data") : NULL;
      gint64 id = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? member_int (json_node_get_object (data), "term_id")
                                                                   : 0;

      if (id <= 0)
        {
          _warta_wp_bad_response (self, error);
          return 0;
        }
      return id;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      _warta_wp_answer_error (self, &answer, op, name, cancellable, error);
      return 0;
    }

  if (answer.root == NULL || !JSON_NODE_HOLDS_OBJECT (answer.root) ||
      member_int (json_node_get_object (answer.root), "id") <= 0)
    {
      _warta_wp_bad_response (self, error);
      return 0;
    }
  return member_int (json_node_get_object (answer.root), "id");
}

/* --- Media ------------------------------------------------------------- */

WartaWpMedia *
warta_wp_find_media (WartaWp       *self,
                     const char    *slug,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (slug != NULL && *slug != '\0', NULL);

  list = get_list (self, "wp/v2/media",
                   (const char * const[]) { "slug", slug, "context", "edit", NULL },
                   cancellable, error);
  if (list == NULL)
    return NULL;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(WartaWpMedia) media = media_from_json (self, json_array_get_element (array, i), error);

      if (media == NULL)
        return NULL;
      if (g_str_equal (media->slug, slug))
        return g_steal_pointer (&media);
    }
  return NULL;
}

/* WordPress refuses a file whose extension does not match its type. */
static const char *
extension_for_type (const char *content_type)
{
  static const struct {
    const char *type;
    const char *extension;
  } table[] = {
    { "image/jpeg", "jpg" },
    { "image/jpg", "jpg" },
    { "image/png", "png" },
    { "image/webp", "webp" },
    { "image/gif", "gif" },
    { "image/avif", "avif" },
    { "image/heic", "heic" },
    { "image/bmp", "bmp" },
    { "image/tiff", "tif" },
    { "application/pdf", "pdf" },
    { "video/mp4", "mp4" },
    { "video/webm", "webm" },
    { "video/quicktime", "mov" },
    { "video/mpeg", "mpeg" },
    { "audio/mpeg", "mp3" },
    { "audio/ogg", "ogg" },
    { "audio/wav", "wav" },
    { "audio/x-wav", "wav" },
    { "text/plain", "txt" },
    { "text/csv", "csv" },
    { "application/zip", "zip" },
    { "application/msword", "doc" },
    { "application/vnd.ms-excel", "xls" },
    { "application/vnd.ms-powerpoint", "ppt" },
    { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
    { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
    { "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx" },
    { "application/vnd.oasis.opendocument.text", "odt" },
    { "application/vnd.oasis.opendocument.spreadsheet", "ods" },
    { "application/vnd.oasis.opendocument.presentation", "odp" },
  };
  g_autofree char *bare = g_strstrip (g_ascii_strdown (content_type, strcspn (content_type, ";")));

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (g_str_equal (bare, table[i].type))
        return table[i].extension;
    }
  return NULL;
}

/* An ASCII name with only [A-Za-z0-9._-] and the type's extension: a
 * filename*= parameter is refused by WordPress outright. */
static char *
safe_filename (const char *filename,
               const char *content_type)
{
  g_autofree char *base = g_path_get_basename (filename != NULL && *filename != '\0' ? filename : "file");
  g_autofree char *ascii = g_str_to_ascii (base, "C");
  g_autoptr(GString) stem = g_string_new (NULL);
  g_autofree char *old_extension = NULL;
  const char *extension = extension_for_type (content_type);
  char *dot;

  dot = strrchr (ascii, '.');
  if (dot != NULL && dot != ascii)
    {
      old_extension = g_ascii_strdown (dot + 1, -1);
      *dot = '\0';
    }

  for (const char *p = ascii; *p != '\0' && stem->len < MAX_FILENAME; p++)
    {
      char c = *p;

      if (!g_ascii_isalnum (c) && c != '.' && c != '_' && c != '-')
        c = '-';
      /* No leading dots or dashes, no runs of dashes. */
      if ((c == '-' || c == '.') && (stem->len == 0 || stem->str[stem->len - 1] == '-'))
        continue;
      g_string_append_c (stem, c);
    }
  while (stem->len > 0 && (stem->str[stem->len - 1] == '-' || stem->str[stem->len - 1] == '.'))
    g_string_truncate (stem, stem->len - 1);
  if (stem->len == 0)
    g_string_append (stem, "file");

  if (extension == NULL && old_extension != NULL)
    {
      g_autoptr(GString) clean = g_string_new (NULL);

      for (const char *p = old_extension; *p != '\0' && clean->len < 10; p++)
        {
          if (g_ascii_isalnum (*p))
            g_string_append_c (clean, *p);
        }
      if (clean->len > 0)
        return g_strdup_printf ("%s.%s", stem->str, clean->str);
      return g_string_free (g_steal_pointer (&stem), FALSE);
    }
  if (extension == NULL)
    return g_string_free (g_steal_pointer (&stem), FALSE);
  return g_strdup_printf ("%s.%s", stem->str, extension);
}

typedef struct
{
  gint64              done;
  gint64              total;
  WartaWpProgressFunc progress;
  gpointer            user_data;
} UploadProgress;

static void
on_wrote_body_data (SoupMessage *msg,
                    guint        chunk_size,
                    gpointer     user_data)
{
  UploadProgress *progress = user_data;

  progress->done += chunk_size;
  if (progress->progress != NULL)
    progress->progress (MIN (progress->done, progress->total), progress->total, progress->user_data);
}

WartaWpMedia *
warta_wp_upload_media (WartaWp                  *self,
                       GInputStream             *body,
                       gint64                    size,
                       const WartaWpMediaFields *fields,
                       WartaWpProgressFunc       progress,
                       gpointer                  user_data,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_autoptr(GPtrArray) query = g_ptr_array_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_auto(WartaWpAnswer) answer = { 0 };
  g_autofree char *filename = NULL;
  g_autofree char *disposition = NULL;
  UploadProgress state = { 0, size, progress, user_data };
  gulong handler;
  gboolean sent;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (body), NULL);
  g_return_val_if_fail (size >= 0, NULL);
  g_return_val_if_fail (fields != NULL && fields->content_type != NULL, NULL);

  if (!_warta_wp_ensure_root (self, cancellable, error))
    return NULL;

  if (fields->slug != NULL)
    {
      g_ptr_array_add (query, (gpointer)"slug");
      g_ptr_array_add (query, (gpointer)fields->slug);
    }
  if (fields->title != NULL)
    {
      g_ptr_array_add (query, (gpointer)"title");
      g_ptr_array_add (query, (gpointer)fields->title);
    }
  if (fields->alt_text != NULL)
    {
      g_ptr_array_add (query, (gpointer)"alt_text");
      g_ptr_array_add (query, (gpointer)fields->alt_text);
    }
  g_ptr_array_add (query, NULL);

  msg = _warta_wp_message_new (self, SOUP_METHOD_POST, "wp/v2/media", (const char * const *)query->pdata);
  filename = safe_filename (fields->filename, fields->content_type);
  disposition = g_strdup_printf ("attachment; filename=\"%s\"", filename);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Disposition", disposition);
  soup_message_set_request_body (msg, fields->content_type, body, size);

  handler = g_signal_connect (msg, "wrote-body-data", G_CALLBACK (on_wrote_body_data), &state);
  sent = _warta_wp_send (self, msg, &answer, cancellable, error);
  g_signal_handler_disconnect (msg, handler);
  if (!sent)
    return NULL;

  if (!SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      _warta_wp_answer_error (self, &answer, WARTA_WP_OP_MEDIA, NULL, cancellable, error);
      return NULL;
    }
  return media_from_json (self, answer.root, error);
}
