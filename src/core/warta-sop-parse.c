/* warta-sop-parse.c: reading and validating an SOP file
 *
 * json-glib parses; this file checks the shape and the steps' graph and
 * reports every problem as FILE:LINE:COLUMN: message. JsonNode keeps no
 * positions, so the parser's signals record where each object, array and
 * member was read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-json-scan.h"
#include "warta-sha256.h"
#include "warta-sop-private.h"
#include "warta-types.h"

/* An SOP is five deep (steps, a step, its requirements, one of them); the
 * limit leaves room and keeps json-glib's recursion far from the stack's end. */
#define MAX_SOP_DEPTH 64

typedef struct
{
  const char *filename;
  const char *text;
  gsize       length;
  GArray     *line_starts;  /* gsize: byte offset of each line */
  GSList     *open;         /* gsize offsets of the objects and arrays being read */
  GHashTable *positions;    /* pointer or "pointer/member" → offset + 1 */
  GError     *error;
} Loader;

static gsize
loader_offset (Loader *self,
               guint   line,
               guint   pos)
{
  gsize offset;

  if (line == 0 || line > self->line_starts->len)
    return self->length;
  offset = g_array_index (self->line_starts, gsize, line - 1) + pos;
  return MIN (offset, self->length);
}

static void
loader_record (Loader     *self,
               const char *key,
               gsize       offset)
{
  g_hash_table_insert (self->positions, g_strdup (key), GSIZE_TO_POINTER (offset + 1));
}

static void
on_container_start (Loader     *self,
                    JsonParser *parser)
{
  guint line = json_parser_get_current_line (parser);
  guint pos = json_parser_get_current_pos (parser);
  /* The parser stands just past the opening bracket. */
  gsize offset = loader_offset (self, line, pos > 0 ? pos - 1 : 0);

  self->open = g_slist_prepend (self->open, GSIZE_TO_POINTER (offset));
}

static void
on_container_end (Loader   *self,
                  gpointer  container)
{
  g_autofree char *key = g_strdup_printf ("%p", container);

  if (self->open == NULL)
    return;
  loader_record (self, key, GPOINTER_TO_SIZE (self->open->data));
  self->open = g_slist_delete_link (self->open, self->open);
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               Loader     *self)
{
  on_container_end (self, object);
}

static void
on_array_end (JsonParser *parser,
              JsonArray  *array,
              Loader     *self)
{
  on_container_end (self, array);
}

/* The parser signals a member once its value is read: look back from there
 * for the quoted name followed by a colon.
 */
static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *name,
                  Loader     *self)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);
  g_autofree char *key = g_strdup_printf ("%p/%s", object, name);
  gsize end = loader_offset (self,
                             json_parser_get_current_line (parser),
                             json_parser_get_current_pos (parser));
  gsize qlen = strlen (quoted);

  for (gssize i = (gssize)MIN (end, self->length) - (gssize)qlen; i >= 0; i--)
    {
      const char *p;

      if (memcmp (self->text + i, quoted, qlen) != 0 ||
          (i > 0 && self->text[i - 1] == '\\'))
        continue;
      for (p = self->text + i + qlen; g_ascii_isspace (*p); p++)
        ;
      if (*p == ':')
        {
          loader_record (self, key, i);
          return;
        }
    }
}

static void
loader_position (Loader *self,
                 gsize   offset,
                 guint  *line,
                 guint  *column)
{
  guint lo = 0;
  guint hi = self->line_starts->len;
  gsize start;

  /* The last line that starts at or before offset. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->line_starts, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }

  start = g_array_index (self->line_starts, gsize, lo);
  *line = lo + 1;
  *column = g_utf8_strlen (self->text + start, offset - start) + 1;
}

static gsize
lookup_offset (Loader     *self,
               const char *key)
{
  gpointer value = g_hash_table_lookup (self->positions, key);

  return value ? GPOINTER_TO_SIZE (value) - 1 : 0;
}

static gsize
container_offset (Loader   *self,
                  gpointer  container)
{
  g_autofree char *key = g_strdup_printf ("%p", container);

  return lookup_offset (self, key);
}

static gsize
member_offset (Loader     *self,
               JsonObject *object,
               const char *name)
{
  g_autofree char *key = g_strdup_printf ("%p/%s", object, name);

  if (!g_hash_table_contains (self->positions, key))
    return container_offset (self, object);
  return lookup_offset (self, key);
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail_at (Loader       *self,
         gsize         offset,
         WartaSopError code,
         const char   *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  if (self->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  loader_position (self, offset, &line, &column);
  g_set_error (&self->error, WARTA_SOP_ERROR, code, "%s:%u:%u: %s",
               self->filename, line, column, message);
  return FALSE;
}

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return _("text");
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _("true or false");
      return _("a number");
    }
}

static gboolean
check_members (Loader             *self,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        return fail_at (self, member_offset (self, object, l->data), WARTA_SOP_ERROR_FIELD,
                        _("%s: unknown field “%s”"), *path ? path : _("the file"), (const char *)l->data);
    }

  return TRUE;
}

static char *
join_path (const char *path,
           const char *name)
{
  return *path ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);
}

/* A member that must be there, of the given node type. */
static JsonNode *
require_member (Loader      *self,
                JsonObject  *object,
                const char  *path,
                const char  *name,
                JsonNodeType type,
                gboolean     required)
{
  g_autofree char *field = join_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  const char *expected;

  if (node == NULL)
    {
      if (required)
        fail_at (self, container_offset (self, object), WARTA_SOP_ERROR_FIELD,
                 _("%s: missing the required field “%s”"), *path ? path : _("the file"), name);
      return NULL;
    }

  if (JSON_NODE_TYPE (node) == type &&
      (type != JSON_NODE_VALUE || json_node_get_value_type (node) == G_TYPE_STRING))
    return node;

  switch (type)
    {
    case JSON_NODE_OBJECT:
      expected = _("an object");
      break;
    case JSON_NODE_ARRAY:
      expected = _("a list");
      break;
    default:
      expected = _("text");
      break;
    }

  fail_at (self, member_offset (self, object, name), WARTA_SOP_ERROR_FIELD,
           _("%s: expected %s, found %s"), field, expected, node_type_name (node));
  return NULL;
}

static gboolean
read_string (Loader      *self,
             JsonObject  *object,
             const char  *path,
             const char  *name,
             gboolean     required,
             char       **out)
{
  JsonNode *node = require_member (self, object, path, name, JSON_NODE_VALUE, required);
  g_autofree char *field = NULL;
  const char *value;

  if (node == NULL)
    return self->error == NULL;

  value = json_node_get_string (node);
  if (required && warta_text_is_blank (value))
    {
      field = join_path (path, name);
      return fail_at (self, member_offset (self, object, name), WARTA_SOP_ERROR_FIELD,
                      _("%s: must not be empty"), field);
    }

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_date (Loader     *self,
           JsonObject *object,
           const char *path,
           const char *name,
           char      **out)
{
  g_autoptr(GDate) date = NULL;
  g_autofree char *field = NULL;
  int y, m, d;
  char tail;

  if (!read_string (self, object, path, name, FALSE, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;

  if (sscanf (*out, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
      strlen (*out) == 10 &&
      g_date_valid_dmy (d, m, y))
    return TRUE;

  field = join_path (path, name);
  return fail_at (self, member_offset (self, object, name), WARTA_SOP_ERROR_FIELD,
                  _("%s: “%s” is not a date written as YYYY-MM-DD"), field, *out);
}

static gboolean
read_string_list (Loader      *self,
                  JsonObject  *object,
                  const char  *path,
                  const char  *name,
                  GStrv       *out)
{
  JsonNode *node = require_member (self, object, path, name, JSON_NODE_ARRAY, FALSE);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL)
    return self->error == NULL;

  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *field = join_path (path, name);

          return fail_at (self, container_offset (self, array), WARTA_SOP_ERROR_FIELD,
                          _("%s[%u]: expected text, found %s"), field, i, node_type_name (item));
        }
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
is_identifier (const char *str,
               gboolean    allow_upper)
{
  if (str == NULL || !g_ascii_isalnum (*str) || (!allow_upper && g_ascii_isupper (*str)))
    return FALSE;

  for (const char *p = str; *p; p++)
    {
      if (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-')
        continue;
      if (allow_upper && (g_ascii_isupper (*p) || *p == '.' || *p == '_'))
        continue;
      return FALSE;
    }

  return TRUE;
}

/* A lane's id, which is the role's that works it: lowercase letters,
 * digits and dashes, starting with a letter or digit. */
gboolean
warta_sop_is_role_id (const char *id)
{
  return is_identifier (id, FALSE);
}

static gboolean
read_header (Loader     *self,
             WartaSop   *sop,
             JsonObject *root)
{
  static const char * const allowed[] = {
    "number", "name", "office", "made", "revised", "effective", "revision",
    "approved_by", "legal_basis", "qualifications", "related", "equipment",
    "warnings", "records", NULL
  };
  static const char * const approved_allowed[] = { "position", "name", "nip", NULL };
  WartaSopHeader *h = &sop->header;
  JsonNode *node;
  JsonObject *object;

  if (!(node = require_member (self, root, "", "header", JSON_NODE_OBJECT, TRUE)))
    return FALSE;
  object = json_node_get_object (node);

  if (!check_members (self, object, "header", allowed) ||
      !read_string (self, object, "header", "name", TRUE, &h->name) ||
      !read_string (self, object, "header", "number", FALSE, &h->number) ||
      !read_string (self, object, "header", "office", FALSE, &h->office) ||
      !read_date (self, object, "header", "made", &h->made) ||
      !read_date (self, object, "header", "revised", &h->revised) ||
      !read_date (self, object, "header", "effective", &h->effective) ||
      !read_string (self, object, "header", "revision", FALSE, &h->revision) ||
      !read_string_list (self, object, "header", "legal_basis", &h->legal_basis) ||
      !read_string_list (self, object, "header", "qualifications", &h->qualifications) ||
      !read_string_list (self, object, "header", "related", &h->related) ||
      !read_string_list (self, object, "header", "equipment", &h->equipment) ||
      !read_string_list (self, object, "header", "warnings", &h->warnings) ||
      !read_string_list (self, object, "header", "records", &h->records))
    return FALSE;

  if ((node = require_member (self, object, "header", "approved_by", JSON_NODE_OBJECT, FALSE)))
    {
      JsonObject *approved = json_node_get_object (node);

      if (!check_members (self, approved, "header.approved_by", approved_allowed) ||
          !read_string (self, approved, "header.approved_by", "position", FALSE, &h->approved_position) ||
          !read_string (self, approved, "header.approved_by", "name", FALSE, &h->approved_name) ||
          !read_string (self, approved, "header.approved_by", "nip", FALSE, &h->approved_nip))
        return FALSE;
    }

  return self->error == NULL;
}

static gboolean
read_lanes (Loader     *self,
            WartaSop   *sop,
            JsonObject *root)
{
  static const char * const allowed[] = { "id", "name", NULL };
  JsonNode *node;
  JsonArray *array;

  if (!(node = require_member (self, root, "", "lanes", JSON_NODE_ARRAY, TRUE)))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return fail_at (self, container_offset (self, array), WARTA_SOP_ERROR_FIELD,
                    _("lanes: an SOP needs at least one lane"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("lanes[%u]", i);
      WartaSopLane *lane;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return fail_at (self, container_offset (self, array), WARTA_SOP_ERROR_FIELD,
                        _("%s: expected an object, found %s"), path, node_type_name (item));
      object = json_node_get_object (item);

      lane = g_new0 (WartaSopLane, 1);
      g_ptr_array_add (sop->lanes, lane);
      if (!check_members (self, object, path, allowed) ||
          !read_string (self, object, path, "id", TRUE, &lane->id) ||
          !read_string (self, object, path, "name", TRUE, &lane->name))
        return FALSE;

      if (!is_identifier (lane->id, FALSE))
        return fail_at (self, member_offset (self, object, "id"), WARTA_SOP_ERROR_FIELD,
                        _("%s.id: “%s” is not a role id: use lowercase letters, digits and dashes"),
                        path, lane->id);

      for (guint j = 0; j + 1 < sop->lanes->len; j++)
        {
          const WartaSopLane *other = g_ptr_array_index (sop->lanes, j);

          if (g_str_equal (other->id, lane->id))
            return fail_at (self, member_offset (self, object, "id"), WARTA_SOP_ERROR_DUPLICATE,
                            _("%s.id: the lane “%s” is already defined"), path, lane->id);
        }
    }

  return TRUE;
}

static gboolean
read_minutes (Loader     *self,
              JsonNode   *node,
              gsize       offset,
              const char *field,
              int        *out)
{
  double value;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return fail_at (self, offset, WARTA_SOP_ERROR_FIELD,
                    _("%s: expected a number of minutes, found %s"), field, node_type_name (node));

  value = json_node_get_double (node);
  if (value < 0)
    return fail_at (self, offset, WARTA_SOP_ERROR_TIME,
                    _("%s: a time cannot be negative"), field);
  if (value != (double)(gint64)value || value > G_MAXINT / 2)
    return fail_at (self, offset, WARTA_SOP_ERROR_TIME,
                    _("%s: expected a whole number of minutes"), field);

  *out = (int)value;
  return TRUE;
}

static gboolean
read_standard (Loader       *self,
               JsonObject   *object,
               const char   *path,
               WartaSopStep *step)
{
  static const char * const allowed[] = { "min", "max", NULL };
  g_autofree char *field = join_path (path, "standard");
  JsonNode *node = json_object_get_member (object, "standard");
  JsonObject *range;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!read_minutes (self, node, member_offset (self, object, "standard"), field, &step->standard_min))
        return FALSE;
      step->standard_max = step->standard_min;
      return TRUE;
    }

  range = json_node_get_object (node);
  if (!check_members (self, range, field, allowed))
    return FALSE;

  for (guint i = 0; allowed[i] != NULL; i++)
    {
      JsonNode *bound = json_object_get_member (range, allowed[i]);
      g_autofree char *bound_field = join_path (field, allowed[i]);

      if (bound == NULL)
        return fail_at (self, container_offset (self, range), WARTA_SOP_ERROR_FIELD,
                        _("%s: missing the required field “%s”"), field, allowed[i]);
      if (!read_minutes (self, bound, member_offset (self, range, allowed[i]), bound_field,
                         i == 0 ? &step->standard_min : &step->standard_max))
        return FALSE;
    }

  if (step->standard_min > step->standard_max)
    return fail_at (self, container_offset (self, range), WARTA_SOP_ERROR_TIME,
                    _("%s: min (%d) is greater than max (%d)"),
                    field, step->standard_min, step->standard_max);

  return TRUE;
}

static gboolean
read_requirements (Loader       *self,
                   JsonObject   *object,
                   const char   *path,
                   WartaSopStep *step)
{
  static const char * const allowed[] = { "text", "attachment", "optional", NULL };
  JsonNode *node = require_member (self, object, path, "requirements", JSON_NODE_ARRAY, FALSE);
  JsonArray *array;

  if (node == NULL)
    return self->error == NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s.requirements[%u]", path, i);
      g_autofree char *text = NULL;
      g_autofree char *kind = NULL;
      gboolean optional = FALSE;
      JsonObject *req;
      JsonNode *flag;

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        {
          _warta_sop_step_add_requirement (step, json_node_get_string (item), NULL, FALSE);
          continue;
        }

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return fail_at (self, container_offset (self, array), WARTA_SOP_ERROR_FIELD,
                        _("%s: expected text or an object, found %s"), item_path, node_type_name (item));

      req = json_node_get_object (item);
      if (!check_members (self, req, item_path, allowed) ||
          !read_string (self, req, item_path, "text", TRUE, &text) ||
          !read_string (self, req, item_path, "attachment", FALSE, &kind))
        return FALSE;

      if (kind != NULL && !warta_sop_attachment_kind_is_valid (kind))
        return fail_at (self, member_offset (self, req, "attachment"), WARTA_SOP_ERROR_FIELD,
                        _("%s.attachment: unknown kind “%s” (use nota-dinas, dokumen-pendukung, foto, video or lainnya)"),
                        item_path, kind);

      if ((flag = json_object_get_member (req, "optional")) != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (flag) || json_node_get_value_type (flag) != G_TYPE_BOOLEAN)
            return fail_at (self, member_offset (self, req, "optional"), WARTA_SOP_ERROR_FIELD,
                            _("%s.optional: expected true or false, found %s"), item_path, node_type_name (flag));
          if (kind == NULL)
            return fail_at (self, member_offset (self, req, "optional"), WARTA_SOP_ERROR_FIELD,
                            _("%s.optional: only an attachment can be optional; a checklist item is ticked or not"),
                            item_path);
          optional = json_node_get_boolean (flag);
        }

      _warta_sop_step_add_requirement (step, text, kind, optional);
    }

  return TRUE;
}

static gboolean
read_step (Loader       *self,
           WartaSop     *sop,
           JsonObject   *object,
           const char   *path,
           WartaSopStep *step)
{
  static const char * const allowed[] = {
    "id", "lane", "text", "action", "requirements", "standard", "output",
    "note", "next", "end", "ya", "tidak", "require_5w1h", NULL
  };
  g_autofree char *action = NULL;
  g_autofree char *end = NULL;
  JsonNode *node;

  if (!check_members (self, object, path, allowed) ||
      !read_string (self, object, path, "id", TRUE, &step->id) ||
      !read_string (self, object, path, "lane", TRUE, &step->lane) ||
      !read_string (self, object, path, "text", TRUE, &step->text) ||
      !read_string (self, object, path, "action", TRUE, &action) ||
      !read_requirements (self, object, path, step) ||
      !read_standard (self, object, path, step) ||
      !read_string (self, object, path, "output", FALSE, &step->output) ||
      !read_string (self, object, path, "note", FALSE, &step->note) ||
      !read_string (self, object, path, "next", FALSE, &step->next) ||
      !read_string (self, object, path, "end", FALSE, &end) ||
      !read_string (self, object, path, "ya", FALSE, &step->yes) ||
      !read_string (self, object, path, "tidak", FALSE, &step->no))
    return FALSE;

  if (!is_identifier (step->id, TRUE))
    return fail_at (self, member_offset (self, object, "id"), WARTA_SOP_ERROR_FIELD,
                    _("%s.id: “%s” is not a step id: use letters, digits, dots and dashes"),
                    path, step->id);

  if (g_hash_table_contains (sop->step_index, step->id))
    return fail_at (self, member_offset (self, object, "id"), WARTA_SOP_ERROR_DUPLICATE,
                    _("%s.id: the step “%s” is already defined"), path, step->id);
  g_hash_table_insert (sop->step_index, step->id, step);

  if (warta_sop_lookup_lane (sop, step->lane) == NULL)
    return fail_at (self, member_offset (self, object, "lane"), WARTA_SOP_ERROR_LANE,
                    _("%s.lane: unknown lane “%s”: it is not one of “lanes”"), path, step->lane);

  if (!warta_sop_action_from_string (action, &step->action))
    return fail_at (self, member_offset (self, object, "action"), WARTA_SOP_ERROR_FIELD,
                    _("%s.action: unknown action “%s” (use compose, dispose, review, task, publish, print, report, monitor or backup)"),
                    path, action);

  if (end != NULL)
    {
      if (g_str_equal (end, "done"))
        step->end = WARTA_SOP_END_DONE;
      else if (g_str_equal (end, "rejected"))
        step->end = WARTA_SOP_END_REJECTED;
      else
        return fail_at (self, member_offset (self, object, "end"), WARTA_SOP_ERROR_FIELD,
                        _("%s.end: expected “done” or “rejected”, found “%s”"), path, end);
    }

  if ((step->yes == NULL) != (step->no == NULL))
    return fail_at (self, member_offset (self, object, step->yes ? "ya" : "tidak"), WARTA_SOP_ERROR_FIELD,
                    _("%s: a decision step needs both “ya” and “tidak”"), path);

  if (step->yes != NULL)
    {
      if (step->action != WARTA_SOP_ACTION_REVIEW)
        return fail_at (self, member_offset (self, object, "ya"), WARTA_SOP_ERROR_FIELD,
                        _("%s: only a review step can decide ya or tidak"), path);
      if (step->next != NULL || step->end != WARTA_SOP_END_NONE)
        return fail_at (self, member_offset (self, object, step->next ? "next" : "end"), WARTA_SOP_ERROR_FIELD,
                        _("%s: a decision step leads on by “ya” and “tidak”, not by “next” or “end”"), path);
    }

  if (step->next != NULL && step->end != WARTA_SOP_END_NONE)
    return fail_at (self, member_offset (self, object, "end"), WARTA_SOP_ERROR_FIELD,
                    _("%s: a step has either “next” or “end”, not both"), path);

  if ((node = json_object_get_member (object, "require_5w1h")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail_at (self, member_offset (self, object, "require_5w1h"), WARTA_SOP_ERROR_FIELD,
                        _("%s.require_5w1h: expected true or false, found %s"), path, node_type_name (node));
      step->require_5w1h = json_node_get_boolean (node);
      if (step->require_5w1h && step->action != WARTA_SOP_ACTION_COMPOSE)
        return fail_at (self, member_offset (self, object, "require_5w1h"), WARTA_SOP_ERROR_FIELD,
                        _("%s.require_5w1h: only a compose step has the 5W+1H checklist"), path);
    }

  return TRUE;
}

static gboolean
check_target (Loader     *self,
              WartaSop   *sop,
              JsonObject *object,
              const char *path,
              const char *member,
              const char *target)
{
  if (target == NULL || warta_sop_lookup_step (sop, target) != NULL)
    return TRUE;

  return fail_at (self, member_offset (self, object, member), WARTA_SOP_ERROR_REFERENCE,
                  _("%s.%s: there is no step “%s”"), path, member, target);
}

static void
mark_forward (WartaSop           *sop,
              const WartaSopStep *step,
              gboolean           *seen)
{
  const char *targets[3] = { step->next, step->yes, step->no };

  if (seen[step->index])
    return;
  seen[step->index] = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (targets[i] != NULL)
      mark_forward (sop, warta_sop_lookup_step (sop, targets[i]), seen);
}

/* Which steps can reach an end: iterate to a fixed point, as the graph is
 * small and may have cycles. */
static void
mark_ending (WartaSop *sop,
             gboolean *ends)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < sop->steps->len; i++)
        {
          const WartaSopStep *step = g_ptr_array_index (sop->steps, i);
          const char *targets[3] = { step->next, step->yes, step->no };

          if (ends[i])
            continue;
          if (step->end != WARTA_SOP_END_NONE)
            ends[i] = TRUE;
          for (guint j = 0; j < G_N_ELEMENTS (targets) && !ends[i]; j++)
            if (targets[j] != NULL && ends[warta_sop_lookup_step (sop, targets[j])->index])
              ends[i] = TRUE;
          changed |= ends[i];
        }
    }
}

static gboolean
read_steps (Loader     *self,
            WartaSop   *sop,
            JsonObject *root)
{
  g_autofree gboolean *reached = NULL;
  g_autofree gboolean *ends = NULL;
  JsonNode *node;
  JsonArray *array;
  guint n;

  if (!(node = require_member (self, root, "", "steps", JSON_NODE_ARRAY, TRUE)))
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return fail_at (self, container_offset (self, array), WARTA_SOP_ERROR_FIELD,
                    _("steps: an SOP needs at least one step"));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("steps[%u]", i);
      WartaSopStep *step;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return fail_at (self, container_offset (self, array), WARTA_SOP_ERROR_FIELD,
                        _("%s: expected an object, found %s"), path, node_type_name (item));

      step = _warta_sop_step_new ();
      step->index = i;
      g_ptr_array_add (sop->steps, step);
      if (!read_step (self, sop, json_node_get_object (item), path, step))
        return FALSE;
    }

  /* References, once every id is known; then the implicit flow. */
  for (guint i = 0; i < n; i++)
    {
      WartaSopStep *step = g_ptr_array_index (sop->steps, i);
      JsonObject *object = json_array_get_object_element (array, i);
      g_autofree char *path = g_strdup_printf ("steps[%u]", i);

      if (!check_target (self, sop, object, path, "next", step->next) ||
          !check_target (self, sop, object, path, "ya", step->yes) ||
          !check_target (self, sop, object, path, "tidak", step->no))
        return FALSE;

      if (step->yes == NULL && step->next == NULL && step->end == WARTA_SOP_END_NONE)
        {
          if (i + 1 < n)
            step->next = g_strdup (((WartaSopStep *)g_ptr_array_index (sop->steps, i + 1))->id);
          else
            step->end = WARTA_SOP_END_DONE;
        }
    }

  reached = g_new0 (gboolean, n);
  mark_forward (sop, g_ptr_array_index (sop->steps, 0), reached);
  for (guint i = 0; i < n; i++)
    if (!reached[i])
      return fail_at (self, container_offset (self, json_array_get_object_element (array, i)),
                      WARTA_SOP_ERROR_UNREACHABLE,
                      _("steps[%u]: the step “%s” cannot be reached from the first step"),
                      i, ((WartaSopStep *)g_ptr_array_index (sop->steps, i))->id);

  ends = g_new0 (gboolean, n);
  mark_ending (sop, ends);
  for (guint i = 0; i < n; i++)
    if (!ends[i])
      return fail_at (self, container_offset (self, json_array_get_object_element (array, i)),
                      WARTA_SOP_ERROR_NO_END,
                      _("steps[%u]: from the step “%s” there is no way to the end of the procedure"),
                      i, ((WartaSopStep *)g_ptr_array_index (sop->steps, i))->id);

  return TRUE;
}

static gboolean
read_sop (Loader     *self,
          WartaSop   *sop,
          JsonNode   *root_node)
{
  static const char * const allowed[] = { "format", "id", "header", "lanes", "steps", NULL };
  JsonObject *root;
  JsonNode *format;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return fail_at (self, 0, WARTA_SOP_ERROR_FIELD,
                    _("an SOP file holds one object, found %s"), node_type_name (root_node));
  root = json_node_get_object (root_node);

  if (!check_members (self, root, "", allowed))
    return FALSE;

  format = json_object_get_member (root, "format");
  if (format == NULL)
    return fail_at (self, container_offset (self, root), WARTA_SOP_ERROR_FIELD,
                    _("%s: missing the required field “%s”"), _("the file"), "format");
  if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_INT64 ||
      json_node_get_int (format) != 1)
    return fail_at (self, member_offset (self, root, "format"), WARTA_SOP_ERROR_FIELD,
                    _("format: this version of Warta reads SOP files of format 1"));

  if (!read_string (self, root, "", "id", TRUE, &sop->id))
    return FALSE;
  if (!is_identifier (sop->id, FALSE))
    return fail_at (self, member_offset (self, root, "id"), WARTA_SOP_ERROR_FIELD,
                    _("id: “%s” is not an SOP id: use lowercase letters, digits and dashes"), sop->id);

  return read_header (self, sop, root) &&
         read_lanes (self, sop, root) &&
         read_steps (self, sop, root);
}

/* json-glib says "<data>:LINE:COL: Parse error: …": keep its position. */
static void
set_syntax_error (Loader       *self,
                  const GError *parse_error)
{
  const char *message = parse_error->message;
  guint line = 0, column = 0;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    message += consumed;
  if (g_str_has_prefix (message, "Parse error: "))
    message += strlen ("Parse error: ");

  /* json-glib counts columns in bytes; people count characters. */
  if (line > 0 && column > 0)
    loader_position (self, loader_offset (self, line, column - 1), &line, &column);

  g_set_error (&self->error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
               /* Translators: the last %s is json-glib's description of the syntax error */
               _("%s:%u:%u: not valid JSON: %s"),
               self->filename, MAX (line, 1), MAX (column, 1), message);
}

/* What the scan before the parse found, where it stands. */
static void
set_scan_error (Loader               *self,
                WartaJsonScanProblem  problem,
                gsize                 offset,
                const char           *detail)
{
  guint line, column;

  loader_position (self, offset, &line, &column);
  switch (problem)
    {
    case WARTA_JSON_SCAN_TOO_DEEP:
      g_set_error (&self->error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
                   /* Translators: %u after the colons is a number of levels, as 64 */
                   _("%s:%u:%u: lists and objects are nested more than %u deep here; "
                     "an SOP needs far fewer levels: check the file’s brackets"),
                   self->filename, line, column, MAX_SOP_DEPTH);
      break;
    case WARTA_JSON_SCAN_DUPLICATE_KEY:
      g_set_error (&self->error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_DUPLICATE,
                   _("%s:%u:%u: the field “%s” is written twice in the same object; keep one of them"),
                   self->filename, line, column, detail);
      break;
    case WARTA_JSON_SCAN_TRAILING:
      g_set_error (&self->error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
                   _("%s:%u:%u: text after the end of the SOP; an SOP file holds one object and nothing after it"),
                   self->filename, line, column);
      break;
    case WARTA_JSON_SCAN_UNEXPECTED:
      g_set_error (&self->error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
                   _("%s:%u:%u: not valid JSON: unexpected “%s” (JSON writes text in double quotes "
                     "and has no comments)"),
                   self->filename, line, column, detail);
      break;
    case WARTA_JSON_SCAN_BAD_ESCAPE:
      g_set_error (&self->error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
                   _("%s:%u:%u: not valid JSON: “%s” is not a JSON escape; after a \\ write \", \\, /, b, f, n, "
                     "r, t, or u and four hex digits (a pair of them past U+FFFF)"),
                   self->filename, line, column, detail);
      break;
    case WARTA_JSON_SCAN_OK:
    default:
      g_assert_not_reached ();
    }
}

WartaSop *
warta_sop_new_from_data (const char  *data,
                         gssize       length,
                         const char  *filename,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GError) parse_error = NULL;
  Loader loader = { 0 };
  const char *invalid = NULL;
  g_autofree char *scan_detail = NULL;
  WartaJsonScanProblem scan_problem;
  gsize scan_offset;
  gsize readable;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (filename == NULL)
    filename = "<sop>";

  loader.filename = filename;
  loader.text = data;
  loader.length = length;
  loader.positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (loader.line_starts, (gsize) { 0 });
  for (gsize i = 0; i < (gsize)length; i++)
    if (data[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (loader.line_starts, next);
      }

  if (!g_utf8_validate (data, length, &invalid))
    {
      guint line, column;

      loader_position (&loader, invalid - data, &line, &column);
      g_set_error (error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
                   _("%s:%u:%u: the file is not UTF-8 text"), filename, line, column);
      goto out;
    }

  /* Before json-glib, which would recurse into any depth and overflow.
   * A duplicate or trailing text waits for the parse, which may find a
   * syntax error before it. */
  scan_problem = _warta_json_scan (data, length, MAX_SOP_DEPTH, &scan_offset, &scan_detail, &readable);
  if (scan_problem != WARTA_JSON_SCAN_OK &&
      scan_problem != WARTA_JSON_SCAN_DUPLICATE_KEY && scan_problem != WARTA_JSON_SCAN_TRAILING)
    {
      set_scan_error (&loader, scan_problem, scan_offset, scan_detail);
      g_propagate_error (error, g_steal_pointer (&loader.error));
      goto out;
    }

  parser = json_parser_new_immutable ();
  g_signal_connect_swapped (parser, "object-start", G_CALLBACK (on_container_start), &loader);
  g_signal_connect_swapped (parser, "array-start", G_CALLBACK (on_container_start), &loader);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &loader);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end), &loader);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &loader);

  /* Never past what the scan saw; so text after the value is named as such */
  if (!json_parser_load_from_data (parser, data, (gssize) readable, &parse_error))
    {
      set_syntax_error (&loader, parse_error);
      g_propagate_error (error, g_steal_pointer (&loader.error));
      goto out;
    }

  if (scan_problem != WARTA_JSON_SCAN_OK)
    {
      set_scan_error (&loader, scan_problem, scan_offset, scan_detail);
      g_propagate_error (error, g_steal_pointer (&loader.error));
      goto out;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_SYNTAX,
                   _("%s:1:1: the file is empty"), filename);
      goto out;
    }

  sop = g_object_new (WARTA_TYPE_SOP, NULL);
  if (!read_sop (&loader, sop, json_parser_get_root (parser)))
    {
      g_propagate_error (error, g_steal_pointer (&loader.error));
      g_clear_object (&sop);
      goto out;
    }

  sop->source = g_strndup (data, length);
  sop->checksum = warta_sha256_for_data (data, length);

out:
  g_clear_error (&loader.error);
  g_slist_free (loader.open);
  g_hash_table_unref (loader.positions);
  g_array_unref (loader.line_starts);
  return g_steal_pointer (&sop);
}
