/* warta-engine-revisions.c: the naskah's revisions and each person's
 * last look at a berkas (see warta-revision.h for the rules)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-engine-private.h"
#include "warta-revision.h"

void
warta_revision_free (WartaRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->title);
  g_free (revision->body);
  g_free (revision->five_w);
  g_free (revision->author);
  g_free (revision);
}

WartaRevision *
warta_revision_copy (const WartaRevision *revision)
{
  WartaRevision *copy;

  g_return_val_if_fail (revision != NULL, NULL);

  copy = g_memdup2 (revision, sizeof *revision);
  copy->title = g_strdup (revision->title);
  copy->body = g_strdup (revision->body);
  copy->five_w = g_strdup (revision->five_w);
  copy->author = g_strdup (revision->author);
  return copy;
}

void
warta_look_free (WartaLook *look)
{
  if (look == NULL)
    return;
  g_free (look->attachments);
  g_free (look);
}

WartaLook *
warta_look_copy (const WartaLook *look)
{
  WartaLook *copy;

  g_return_val_if_fail (look != NULL, NULL);

  copy = g_memdup2 (look, sizeof *look);
  copy->attachments = g_strdup (look->attachments);
  return copy;
}

void
warta_look_changes_free (WartaLookChanges *changes)
{
  if (changes == NULL)
    return;
  warta_look_free (changes->since);
  warta_revision_free (changes->seen);
  warta_revision_free (changes->latest);
  g_strfreev (changes->authors);
  g_strfreev (changes->added);
  g_strfreev (changes->removed);
  g_free (changes);
}

gboolean
warta_look_changes_any (const WartaLookChanges *changes)
{
  g_return_val_if_fail (changes != NULL, FALSE);

  if (changes->since == NULL || changes->since->looked_at == 0)
    return FALSE;
  return (changes->latest != NULL && (changes->seen == NULL || changes->latest->n != changes->seen->n)) ||
         g_strv_length (changes->added) > 0 || g_strv_length (changes->removed) > 0;
}

char *
warta_naskah_five_w_json (const WartaNaskah *naskah)
{
  static const char *const names[WARTA_5W1H_N_FIELDS] = { "who", "what", "when", "where", "why", "how" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (naskah != NULL, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, naskah->five_w[i] ? naskah->five_w[i] : "");
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* A naskah from before schema 9, with no revision rows, reads as revision
 * 1 by its last writer. NULL when there is none either. */
static WartaRevision *
legacy_revision (WartaEngine  *self,
                 gint64        case_id,
                 GError      **error)
{
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(WartaUser) author = NULL;
  WartaRevision *revision;

  if (!(naskah = warta_store_get_naskah (self->store, case_id, error)) || naskah->updated_at == 0)
    return NULL;

  revision = g_new0 (WartaRevision, 1);
  revision->case_id = case_id;
  revision->n = 1;
  revision->title = g_strdup (naskah->title ? naskah->title : "");
  revision->body = g_strdup (naskah->body ? naskah->body : "");
  revision->five_w = warta_naskah_five_w_json (naskah);
  revision->first_at = revision->saved_at = naskah->updated_at;
  revision->saved_by = naskah->updated_by;
  if (revision->saved_by == 0)
    {
      g_autoptr(WartaCase) kase = warta_store_get_case (self->store, case_id, NULL);

      revision->saved_by = kase ? kase->created_by : 0;
    }
  if ((author = warta_store_get_user (self->store, revision->saved_by, NULL)))
    revision->author = g_strdup (author->full_name);
  return revision;
}

/* The latest revision, a legacy one included; NULL without an error when
 * the naskah was never saved. */
static WartaRevision *
latest_revision (WartaEngine  *self,
                 gint64        case_id,
                 gboolean     *legacy,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  WartaRevision *revision = warta_store_get_revision (self->store, case_id, 0, &local_error);

  if (legacy != NULL)
    *legacy = FALSE;
  if (revision != NULL)
    return revision;
  if (!g_error_matches (local_error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  revision = legacy_revision (self, case_id, error);
  if (legacy != NULL)
    *legacy = revision != NULL;
  return revision;
}

gboolean
_warta_engine_note_revision (WartaEngine        *self,
                             gint64              actor,
                             gint64              run_id,
                             const WartaNaskah  *naskah,
                             gint64              now,
                             GError            **error)
{
  g_autoptr(WartaRevision) latest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *five_w = warta_naskah_five_w_json (naskah);
  const char *title = naskah->title ? naskah->title : "";
  const char *body = naskah->body ? naskah->body : "";
  gboolean legacy = FALSE;
  WartaRevision next = { 0 };

  if (!(latest = latest_revision (self, naskah->case_id, &legacy, &local_error)) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (latest == NULL)
    {
      WartaNaskah empty = { .case_id = naskah->case_id };
      g_autofree char *none = warta_naskah_five_w_json (&empty);

      /* Nothing written yet, and still nothing: no revision. */
      if (*title == '\0' && *body == '\0' && g_str_equal (five_w, none))
        return TRUE;
    }
  else
    {
      if (g_str_equal (latest->title, title) && g_str_equal (latest->body, body) &&
          g_strcmp0 (latest->five_w, five_w) == 0)
        return TRUE;
      /* The naskah's text as an older Warta left it becomes revision 1. */
      if (legacy && !warta_store_insert_revision (self->store, latest, error))
        return FALSE;
    }

  next.case_id = naskah->case_id;
  next.run_id = run_id;
  next.title = (char *)title;
  next.body = (char *)body;
  next.five_w = five_w;
  next.saved_at = now;
  next.saved_by = actor;

  if (latest != NULL && !legacy &&
      latest->saved_by == actor && latest->run_id == run_id && run_id != 0 &&
      now - latest->saved_at <= WARTA_REVISION_AMEND_WINDOW &&
      !warta_store_revision_seen_by_others (self->store, naskah->case_id, latest->n, actor))
    {
      next.n = latest->n;
      next.first_at = latest->first_at;
      return warta_store_amend_revision (self->store, &next, error);
    }

  next.n = latest ? latest->n + 1 : 1;
  next.first_at = now;
  return warta_store_insert_revision (self->store, &next, error);
}

/* Reading a berkas's revisions and looks: a signed-in, active person, as
 * the case view reads a berkas, and a berkas that exists. */
static gboolean
may_read (WartaEngine  *self,
          gint64        actor,
          gint64        case_id,
          GError      **error)
{
  g_autoptr(WartaUser) user = warta_store_get_user (self->store, actor, NULL);
  g_autoptr(WartaCase) kase = NULL;

  if (user == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH,
                   _("Sign in first to see a berkas and its revisions"));
      return FALSE;
    }
  if (user->inactive)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INACTIVE,
                   _("%s is deactivated and may no longer see berkas; ask an administrator"), user->login);
      return FALSE;
    }
  return (kase = warta_store_get_case (self->store, case_id, error)) != NULL;
}

GPtrArray *
warta_engine_list_revisions (WartaEngine  *self,
                             gint64        actor,
                             gint64        case_id,
                             GError      **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) local_error = NULL;
  WartaRevision *legacy;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(snapshot = warta_store_snapshot (self->store, error)) ||
      !may_read (self, actor, case_id, error) ||
      !(revisions = warta_store_list_revisions (self->store, case_id, error)))
    return NULL;
  if (revisions->len > 0)
    return g_steal_pointer (&revisions);

  if ((legacy = legacy_revision (self, case_id, &local_error)))
    g_ptr_array_add (revisions, legacy);
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&revisions);
}

WartaRevision *
warta_engine_get_revision (WartaEngine  *self,
                           gint64        actor,
                           gint64        case_id,
                           int           n,
                           GError      **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaRevision) revision = NULL;
  g_autoptr(WartaRevision) any = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(snapshot = warta_store_snapshot (self->store, error)) ||
      !may_read (self, actor, case_id, error))
    return NULL;
  if ((revision = warta_store_get_revision (self->store, case_id, n, &local_error)))
    return g_steal_pointer (&revision);
  /* No rows at all: the naskah an older Warta saved is revision 1. */
  if (g_error_matches (local_error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND) && n <= 1 &&
      (any = warta_store_get_revision (self->store, case_id, 0, NULL)) == NULL &&
      (revision = legacy_revision (self, case_id, NULL)))
    return g_steal_pointer (&revision);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The ids of the berkas's attachments, sorted, comma-joined. */
static char *
attachment_ids (WartaEngine  *self,
                gint64        case_id,
                GError      **error)
{
  g_autoptr(GPtrArray) attachments = warta_store_list_attachments (self->store, case_id, error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (attachments == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), attachments->len);
  for (guint i = 0; i < attachments->len; i++)
    g_array_append_val (ids, ((const WartaAttachment *)g_ptr_array_index (attachments, i))->id);
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
warta_engine_note_look (WartaEngine  *self,
                        gint64        actor,
                        gint64        case_id,
                        GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaRevision) latest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *ids = NULL;
  WartaLook look = { 0 };

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(tx = warta_store_transaction (self->store, error)) ||
      !may_read (self, actor, case_id, error))
    return FALSE;
  if (!(latest = latest_revision (self, case_id, NULL, &local_error)) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!(ids = attachment_ids (self, case_id, error)))
    return FALSE;

  look.case_id = case_id;
  look.user_id = actor;
  look.revision = latest ? latest->n : 0;
  look.attachments = ids;
  look.looked_at = warta_engine_now (self);
  /* Nobody else shows a look: no journal event, nothing to reload. */
  return warta_store_set_look (self->store, &look, error) &&
         warta_store_note_silent_write (self->store, error) &&
         warta_transaction_commit (tx, error);
}

WartaLook *
warta_engine_get_look (WartaEngine  *self,
                       gint64        actor,
                       gint64        case_id,
                       GError      **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(snapshot = warta_store_snapshot (self->store, error)) ||
      !may_read (self, actor, case_id, error))
    return NULL;
  return warta_store_get_look (self->store, case_id, actor, error);
}

static void
add_author (GPtrArray   *authors,
            const char  *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint i = 0; i < authors->len; i++)
    if (g_str_equal (g_ptr_array_index (authors, i), name))
      return;
  g_ptr_array_add (authors, g_strdup (name));
}

static void
add_author_id (WartaEngine *self,
               GPtrArray   *authors,
               gint64       id)
{
  g_autoptr(WartaUser) user = id != 0 ? warta_store_get_user (self->store, id, NULL) : NULL;

  if (user != NULL)
    add_author (authors, user->full_name);
}

static GStrv
strv_from (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv)g_ptr_array_free (array, FALSE);
}

WartaLookChanges *
warta_engine_changes_since_look (WartaEngine      *self,
                                 gint64            actor,
                                 gint64            case_id,
                                 const WartaLook  *since,
                                 GError          **error)
{
  g_autoptr(WartaTransaction) snapshot = NULL;
  g_autoptr(WartaLookChanges) changes = g_new0 (WartaLookChanges, 1);
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) seen_ids = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean legacy = FALSE;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(snapshot = warta_store_snapshot (self->store, error)) ||
      !may_read (self, actor, case_id, error))
    return NULL;
  changes->since = since ? warta_look_copy (since) : warta_store_get_look (self->store, case_id, actor, error);
  if (changes->since == NULL)
    return NULL;

  if (!(changes->latest = latest_revision (self, case_id, &legacy, &local_error)) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (changes->since->revision > 0 && changes->latest != NULL)
    {
      if (legacy || changes->latest->n == changes->since->revision)
        changes->seen = warta_revision_copy (changes->latest);
      else if (!(changes->seen = warta_store_get_revision (self->store, case_id, changes->since->revision,
                                                           &local_error)) &&
               !g_error_matches (local_error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* A look at a revision that is not there (a database put back from
       * a copy): everything is new. */
      g_clear_error (&local_error);
    }

  /* Who wrote what came after, the earliest first. */
  if (changes->since->looked_at != 0 && changes->latest != NULL && !legacy)
    {
      if (!(revisions = warta_store_list_revisions (self->store, case_id, error)))
        return NULL;
      for (guint i = revisions->len; i > 0; i--)
        {
          const WartaRevision *revision = g_ptr_array_index (revisions, i - 1);

          if (revision->n > changes->since->revision && revision->saved_by != actor)
            add_author (authors, revision->author);
        }
    }

  /* The attachments then and now; never having looked, nothing is new. */
  seen_ids = g_strsplit (changes->since->attachments ? changes->since->attachments : "", ",", -1);
  for (guint i = 0; seen_ids[i] != NULL; i++)
    if (*seen_ids[i] != '\0')
      {
        gint64 id = g_ascii_strtoll (seen_ids[i], NULL, 10);

        g_hash_table_add (before, g_memdup2 (&id, sizeof id));
      }
  if (!(attachments = warta_store_list_attachments (self->store, case_id, error)))
    return NULL;
  for (guint i = 0; i < attachments->len; i++)
    {
      const WartaAttachment *attachment = g_ptr_array_index (attachments, i);

      if (g_hash_table_remove (before, &attachment->id) || changes->since->looked_at == 0)
        continue;
      g_ptr_array_add (added, g_strdup (attachment->name));
      if (attachment->added_by != actor)
        add_author_id (self, authors, attachment->added_by);
    }
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *)key;
      gint64 by = 0;
      char *name = warta_store_removed_attachment_name (self->store, case_id, id, &by);

      g_ptr_array_add (removed, name ? name : g_strdup_printf ("#%" G_GINT64_FORMAT, id));
      if (by != actor)
        add_author_id (self, authors, by);
    }

  changes->authors = strv_from (g_steal_pointer (&authors));
  changes->added = strv_from (g_steal_pointer (&added));
  changes->removed = strv_from (g_steal_pointer (&removed));
  return g_steal_pointer (&changes);
}
