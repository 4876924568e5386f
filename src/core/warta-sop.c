/* warta-sop.c: an SOP file's model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-sop-private.h"

G_DEFINE_QUARK (warta-sop-error-quark, warta_sop_error)
G_DEFINE_FINAL_TYPE (WartaSop, warta_sop, G_TYPE_OBJECT)

static const char *action_names[] = {
  [WARTA_SOP_ACTION_COMPOSE] = "compose",
  [WARTA_SOP_ACTION_DISPOSE] = "dispose",
  [WARTA_SOP_ACTION_REVIEW] = "review",
  [WARTA_SOP_ACTION_TASK] = "task",
  [WARTA_SOP_ACTION_PUBLISH] = "publish",
  [WARTA_SOP_ACTION_PRINT] = "print",
  [WARTA_SOP_ACTION_REPORT] = "report",
  [WARTA_SOP_ACTION_MONITOR] = "monitor",
  [WARTA_SOP_ACTION_BACKUP] = "backup",
};

static const char *attachment_kinds[] = {
  "nota-dinas", "dokumen-pendukung", "foto", "video", "lainnya",
};

static void
requirement_free (gpointer data)
{
  WartaSopRequirement *req = data;

  g_free (req->text);
  g_free (req->attachment);
  g_free (req);
}

void
_warta_sop_step_free (gpointer data)
{
  WartaSopStep *step = data;

  g_free (step->id);
  g_free (step->lane);
  g_free (step->text);
  g_clear_pointer (&step->requirements, g_ptr_array_unref);
  g_free (step->output);
  g_free (step->note);
  g_free (step->next);
  g_free (step->yes);
  g_free (step->no);
  g_free (step);
}

void
_warta_sop_lane_free (gpointer data)
{
  WartaSopLane *lane = data;

  g_free (lane->id);
  g_free (lane->name);
  g_free (lane);
}

WartaSopStep *
_warta_sop_step_new (void)
{
  WartaSopStep *step = g_new0 (WartaSopStep, 1);

  step->requirements = g_ptr_array_new_with_free_func (requirement_free);
  step->standard_min = WARTA_SOP_NO_STANDARD;
  step->standard_max = WARTA_SOP_NO_STANDARD;
  return step;
}

void
_warta_sop_step_add_requirement (WartaSopStep *step,
                                 const char   *text,
                                 const char   *attachment,
                                 gboolean      optional)
{
  WartaSopRequirement *req = g_new0 (WartaSopRequirement, 1);

  req->text = g_strdup (text);
  req->attachment = g_strdup (attachment);
  req->optional = optional;
  g_ptr_array_add (step->requirements, req);
}

static void
header_clear (WartaSopHeader *header)
{
  g_free (header->number);
  g_free (header->name);
  g_free (header->office);
  g_free (header->made);
  g_free (header->revised);
  g_free (header->effective);
  g_free (header->revision);
  g_free (header->approved_position);
  g_free (header->approved_name);
  g_free (header->approved_nip);
  g_strfreev (header->legal_basis);
  g_strfreev (header->qualifications);
  g_strfreev (header->related);
  g_strfreev (header->equipment);
  g_strfreev (header->warnings);
  g_strfreev (header->records);
}

static void
warta_sop_finalize (GObject *object)
{
  WartaSop *self = (WartaSop *)object;

  g_free (self->id);
  header_clear (&self->header);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->step_index, g_hash_table_unref);
  g_free (self->source);
  g_free (self->checksum);

  G_OBJECT_CLASS (warta_sop_parent_class)->finalize (object);
}

static void
warta_sop_class_init (WartaSopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = warta_sop_finalize;
}

static void
warta_sop_init (WartaSop *self)
{
  self->lanes = g_ptr_array_new_with_free_func (_warta_sop_lane_free);
  self->steps = g_ptr_array_new_with_free_func (_warta_sop_step_free);
  self->step_index = g_hash_table_new (g_str_hash, g_str_equal);
}

WartaSop *
warta_sop_new_from_file (const char  *path,
                         GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, WARTA_SOP_ERROR, WARTA_SOP_ERROR_IO,
                   /* Translators: %s is an error from the file system */
                   _("%s: cannot read the SOP file: %s"), path, local_error->message);
      return NULL;
    }

  return warta_sop_new_from_data (data, length, path, error);
}

const char *
warta_sop_get_id (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  return self->id;
}

const char *
warta_sop_get_name (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  return self->header.name;
}

int
warta_sop_get_version (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), 0);
  return self->version;
}

void
warta_sop_set_version (WartaSop *self,
                       int       version)
{
  g_return_if_fail (WARTA_IS_SOP (self));
  self->version = version;
}

const WartaSopHeader *
warta_sop_get_header (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  return &self->header;
}

const char *
warta_sop_get_source (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  return self->source;
}

const char *
warta_sop_get_checksum (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  return self->checksum;
}

guint
warta_sop_get_n_lanes (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), 0);
  return self->lanes->len;
}

const WartaSopLane *
warta_sop_get_lane (WartaSop *self,
                    guint     index)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  g_return_val_if_fail (index < self->lanes->len, NULL);
  return g_ptr_array_index (self->lanes, index);
}

const WartaSopLane *
warta_sop_lookup_lane (WartaSop   *self,
                       const char *id)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);

  for (guint i = 0; i < self->lanes->len; i++)
    {
      const WartaSopLane *lane = g_ptr_array_index (self->lanes, i);

      if (g_strcmp0 (lane->id, id) == 0)
        return lane;
    }

  return NULL;
}

guint
warta_sop_get_n_steps (WartaSop *self)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), 0);
  return self->steps->len;
}

const WartaSopStep *
warta_sop_get_step (WartaSop *self,
                    guint     index)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return g_ptr_array_index (self->steps, index);
}

const WartaSopStep *
warta_sop_lookup_step (WartaSop   *self,
                       const char *id)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->step_index, id);
}

/* The step that follows a step that is not a decision, or NULL when
 * completing it ends the procedure.
 */
const WartaSopStep *
warta_sop_get_next_step (WartaSop           *self,
                         const WartaSopStep *step)
{
  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);
  g_return_val_if_fail (step != NULL, NULL);

  return warta_sop_lookup_step (self, step->next);
}

/* The sum of the steps' standards, in minutes; steps without one add nothing. */
void
warta_sop_get_total_standard (WartaSop *self,
                              int      *min,
                              int      *max)
{
  int total_min = 0;
  int total_max = 0;

  g_return_if_fail (WARTA_IS_SOP (self));

  for (guint i = 0; i < self->steps->len; i++)
    {
      const WartaSopStep *step = g_ptr_array_index (self->steps, i);

      if (step->standard_min == WARTA_SOP_NO_STANDARD)
        continue;
      total_min += step->standard_min;
      total_max += step->standard_max;
    }

  if (min != NULL)
    *min = total_min;
  if (max != NULL)
    *max = total_max;
}

gboolean
warta_sop_step_is_decision (const WartaSopStep *step)
{
  g_return_val_if_fail (step != NULL, FALSE);
  return step->yes != NULL;
}

const char *
warta_sop_action_to_string (WartaSopAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (action_names), NULL);
  return action_names[action];
}

gboolean
warta_sop_action_from_string (const char     *str,
                              WartaSopAction *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    {
      if (g_strcmp0 (str, action_names[i]) == 0)
        {
          *action = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* What a person does at a step of that action, for lists and the CLI. */
const char *
warta_sop_action_describe (WartaSopAction action)
{
  switch (action)
    {
    case WARTA_SOP_ACTION_COMPOSE:
      return _("Write the naskah");
    case WARTA_SOP_ACTION_DISPOSE:
      return _("Dispose to a person with an instruction");
    case WARTA_SOP_ACTION_REVIEW:
      return _("Review");
    case WARTA_SOP_ACTION_TASK:
      return _("Task");
    case WARTA_SOP_ACTION_PUBLISH:
      return _("Publish");
    case WARTA_SOP_ACTION_PRINT:
      return _("Print the archive copy");
    case WARTA_SOP_ACTION_REPORT:
      return _("Report");
    case WARTA_SOP_ACTION_MONITOR:
      return _("Monitor the site");
    case WARTA_SOP_ACTION_BACKUP:
      return _("Back up the site");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Where Warta's own SOP files are: WARTA_SOPDIR if set (the tests and
 * `make run` point it at the source tree's data/sop), else the installed
 * folder. */
const char *
warta_sop_get_shipped_dir (void)
{
  const char *dir = g_getenv ("WARTA_SOPDIR");

  if (dir != NULL && dir[0] != '\0')
    return dir;
  return SOPDIR;
}

gboolean
warta_sop_attachment_kind_is_valid (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (attachment_kinds); i++)
    if (g_strcmp0 (kind, attachment_kinds[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
add_string_list (JsonBuilder  *builder,
                 const char   *name,
                 GStrv         list)
{
  if (list == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; list[i] != NULL; i++)
    json_builder_add_string_value (builder, list[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The SOP as read, normalized: every step's flow made explicit. */
char *
warta_sop_to_json (WartaSop *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const WartaSopHeader *h;

  g_return_val_if_fail (WARTA_IS_SOP (self), NULL);

  h = &self->header;
  json_builder_begin_object (builder);
  add_string (builder, "id", self->id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, self->version);

  json_builder_set_member_name (builder, "header");
  json_builder_begin_object (builder);
  add_string (builder, "number", h->number);
  add_string (builder, "name", h->name);
  add_string (builder, "office", h->office);
  add_string (builder, "made", h->made);
  add_string (builder, "revised", h->revised);
  add_string (builder, "revision", h->revision);
  add_string (builder, "effective", h->effective);
  if (h->approved_position || h->approved_name || h->approved_nip)
    {
      json_builder_set_member_name (builder, "approved_by");
      json_builder_begin_object (builder);
      add_string (builder, "position", h->approved_position);
      add_string (builder, "name", h->approved_name);
      add_string (builder, "nip", h->approved_nip);
      json_builder_end_object (builder);
    }
  add_string_list (builder, "legal_basis", h->legal_basis);
  add_string_list (builder, "qualifications", h->qualifications);
  add_string_list (builder, "related", h->related);
  add_string_list (builder, "equipment", h->equipment);
  add_string_list (builder, "warnings", h->warnings);
  add_string_list (builder, "records", h->records);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "lanes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      const WartaSopLane *lane = g_ptr_array_index (self->lanes, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", lane->id);
      add_string (builder, "name", lane->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const WartaSopStep *step = g_ptr_array_index (self->steps, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", step->id);
      add_string (builder, "lane", step->lane);
      add_string (builder, "text", step->text);
      add_string (builder, "action", warta_sop_action_to_string (step->action));
      json_builder_set_member_name (builder, "requirements");
      json_builder_begin_array (builder);
      for (guint j = 0; j < step->requirements->len; j++)
        {
          const WartaSopRequirement *req = g_ptr_array_index (step->requirements, j);

          json_builder_begin_object (builder);
          add_string (builder, "text", req->text);
          add_string (builder, "attachment", req->attachment);
          if (req->optional)
            {
              json_builder_set_member_name (builder, "optional");
              json_builder_add_boolean_value (builder, TRUE);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (step->standard_min != WARTA_SOP_NO_STANDARD)
        {
          json_builder_set_member_name (builder, "standard");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "min");
          json_builder_add_int_value (builder, step->standard_min);
          json_builder_set_member_name (builder, "max");
          json_builder_add_int_value (builder, step->standard_max);
          json_builder_end_object (builder);
        }
      add_string (builder, "output", step->output);
      add_string (builder, "note", step->note);
      add_string (builder, "next", step->next);
      add_string (builder, "ya", step->yes);
      add_string (builder, "tidak", step->no);
      if (step->end != WARTA_SOP_END_NONE)
        add_string (builder, "end", step->end == WARTA_SOP_END_DONE ? "done" : "rejected");
      if (step->require_5w1h)
        {
          json_builder_set_member_name (builder, "require_5w1h");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
