/* warta-engine-publish.c: who may publish a case, and what is remembered
 *
 * The network is not here (see warta-publisher.c); this is the part that
 * decides and records. A case is published by the holder of its active
 * publish step. Once it has been on a site, the people of that step's
 * lane and the administrators may update, re-check or withdraw it.
 *
 * Every remote id is recorded in its own short transaction the moment it
 * is known, and journaled, so that a retry after any failure finds it.
 * The publish step completes only when a publication made during it was
 * verified live and its screenshot kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-journal.h"
#include "warta-url.h"

#define SLUG_MAX_WORDS_LENGTH 48

static gboolean
status_is_valid (const char *status)
{
  return g_strcmp0 (status, "publish") == 0 || g_strcmp0 (status, "future") == 0 ||
         g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "pending") == 0;
}

gboolean
warta_engine_may_add_site (WartaEngine  *self,
                           gint64        actor,
                           GError      **error)
{
  g_autoptr(WartaUser) user = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  user = warta_store_get_user (self->store, actor, NULL);
  if (user == NULL || !user->is_admin)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("Only an administrator may add or change a publishing site"));
      return FALSE;
    }
  return TRUE;
}

gint64
warta_engine_add_site (WartaEngine      *self,
                       gint64            actor,
                       const WartaSite  *site,
                       GError          **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaSite) existing = NULL;
  g_autofree char *payload = NULL;
  WartaSite row;
  gint64 id;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (site != NULL, 0);

  if (warta_text_is_blank (site->name) || warta_text_is_blank (site->user))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("A site needs a name, an address and a user"));
      return 0;
    }
  if (!warta_url_check_site (site->url, error))
    return 0;

  if (!(tx = warta_store_transaction (self->store, error)))
    return 0;
  if (!warta_engine_may_add_site (self, actor, error))
    return 0;

  row = *site;
  row.added_by = actor;
  row.added_at = warta_engine_now (self);
  existing = warta_store_find_site (self->store, site->name, NULL);
  if (existing != NULL)
    {
      row.id = existing->id;
      id = warta_store_update_site (self->store, &row, error) ? existing->id : 0;
    }
  else
    id = warta_store_insert_site (self->store, &row, error);

  payload = _warta_engine_payload_new ("site", site->name, "url", site->url, "user", site->user,
                                       "credentials", site->credentials_file ? "file" : "secret-service", NULL);
  if (id <= 0 ||
      !warta_journal_append (self->store, row.added_at, actor, 0,
                             existing ? "site.change" : "site.add", payload, error) ||
      !warta_transaction_commit (tx, error))
    return 0;
  return id;
}

/* Whether user may lay hands on case's publication: the holder of its
 * active publish step, or, once it has been published, the people of a
 * publish lane of its SOP and the administrators. */
static gboolean
may_publish (WartaEngine      *self,
             const WartaUser  *user,
             const WartaCase  *kase,
             GError          **error)
{
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GPtrArray) publications = NULL;

  if (!(sop = warta_engine_get_sop (self, kase->sop_id, kase->sop_version, error)))
    return FALSE;

  if (kase->state == WARTA_CASE_OPEN && kase->active != NULL)
    {
      const WartaSopStep *step = warta_sop_lookup_step (sop, kase->active->step_id);

      if (step != NULL && step->action == WARTA_SOP_ACTION_PUBLISH &&
          warta_engine_may_act (self, user, kase->active))
        return TRUE;
    }

  if (!(publications = warta_store_list_publications (self->store, kase->id, error)))
    return FALSE;
  for (guint i = 0; publications->len > 0 && i < warta_sop_get_n_steps (sop); i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);

      if (user->is_admin || (step->action == WARTA_SOP_ACTION_PUBLISH && warta_user_has_role (user, step->lane)))
        return TRUE;
    }

  if (publications->len == 0)
    g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                 _("Case %lld is not at a publish step that %s holds"), (long long)kase->id, user->login);
  else
    g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                 _("Only the website team of case %lld or an administrator may change what it published; %s may not"),
                 (long long)kase->id, user->login);
  return FALSE;
}

/* Begins a transaction and reads the actor and case; NULL (rolled back)
 * when the actor may not publish it. */
static WartaTransaction *
publish_begin (WartaEngine  *self,
               gint64        actor,
               gint64        case_id,
               WartaUser   **user,
               WartaCase   **kase,
               GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;

  if (!(tx = warta_store_transaction (self->store, error)))
    return NULL;
  if (!(*user = warta_store_get_user (self->store, actor, NULL)))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_AUTH, _("Sign in first: no user acts here"));
      return NULL;
    }
  if (!(*kase = warta_store_get_case (self->store, case_id, error)) ||
      !may_publish (self, *user, *kase, error))
    return NULL;
  return g_steal_pointer (&tx);
}

gboolean
warta_engine_may_publish (WartaEngine  *self,
                          gint64        actor,
                          gint64        case_id,
                          GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  /* It only reads: the transaction rolls back. */
  tx = publish_begin (self, actor, case_id, &user, &kase, error);
  return tx != NULL;
}

gboolean
warta_engine_set_attachment_for_site (WartaEngine  *self,
                                      gint64        actor,
                                      gint64        attachment_id,
                                      gboolean      for_site,
                                      GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autofree char *payload = NULL;
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(attachment = warta_store_get_attachment (self->store, attachment_id, error)))
    return FALSE;
  if (!(tx = publish_begin (self, actor, attachment->case_id, &user, &kase, error)))
    return FALSE;

  payload = _warta_engine_payload_new ("attachment", attachment->name, "sha256", attachment->sha256,
                                       "for_site", for_site ? "yes" : "no", NULL);
  ok = warta_store_set_attachment_for_site (self->store, attachment_id, for_site, error) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, kase->id,
                             "attachment.for-site", payload, error);
  return ok && warta_transaction_commit (tx, error);
}

/* The case's name on the site: its title's words, its number, and a few
 * random letters, so that no other post on the site ever has it. Made
 * once and kept: a later title change does not move the post. */
static char *
make_slug (const char *title,
           gint64      case_id)
{
  g_autofree char *ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  g_autoptr(GString) slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < SLUG_MAX_WORDS_LENGTH; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  if (slug->len > 0 && slug->str[slug->len - 1] != '-')
    g_string_append_c (slug, '-');
  g_string_append_printf (slug, "w%" G_GINT64_FORMAT "-%04x", case_id, g_random_int_range (0, 0x10000));
  return g_string_free (g_steal_pointer (&slug), FALSE);
}

static void
set_names (GStrv              *names,
           const char * const *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (values[i]));

      if (*name != '\0' && strchr (name, '\n') == NULL)
        g_strv_builder_add (builder, name);
    }
  g_strfreev (*names);
  *names = g_strv_builder_end (builder);
}

WartaPublication *
warta_engine_prepare_publication (WartaEngine                *self,
                                  gint64                      actor,
                                  gint64                      case_id,
                                  gint64                      site_id,
                                  const char                 *manual_url,
                                  const WartaPublishOptions  *options,
                                  GError                    **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(WartaSite) site = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *status = options != NULL && options->status != NULL ? options->status : "publish";
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);
  g_return_val_if_fail ((site_id > 0) != (manual_url != NULL), NULL);

  if (site_id > 0 && !status_is_valid (status))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” is not a publishing status (use publish, future, draft or pending)"), status);
      return NULL;
    }
  if (site_id > 0 && g_str_equal (status, "future") &&
      (options->scheduled_at <= warta_engine_now (self)))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("Scheduled publishing needs a date and time in the future"));
      return NULL;
    }
  if (manual_url != NULL && !warta_url_check_site (manual_url, error))
    return NULL;

  if (!(tx = publish_begin (self, actor, case_id, &user, &kase, error)))
    return NULL;
  if ((site_id > 0 && !(site = warta_store_get_site (self->store, site_id, error))) ||
      !(naskah = warta_store_get_naskah (self->store, case_id, error)))
    return NULL;
  if (warta_naskah_is_empty (naskah))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("Case %lld has no naskah to publish: it needs a title and a body"), (long long)case_id);
      return NULL;
    }

  publication = warta_store_find_publication (self->store, case_id, site_id, manual_url, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (publication == NULL)
    {
      publication = g_new0 (WartaPublication, 1);
      publication->case_id = case_id;
      publication->site_id = site_id;
      publication->slug = site_id > 0 ? make_slug (naskah->title, case_id) : NULL;
      publication->link = g_strdup (manual_url);
    }
  g_free (publication->status);
  publication->status = g_strdup (manual_url != NULL ? "manual" : status);
  if (options != NULL)
    {
      publication->scheduled_at = g_str_equal (status, "future") ? options->scheduled_at : 0;
      set_names (&publication->categories, options->categories);
      set_names (&publication->tags, options->tags);
      g_free (publication->excerpt);
      publication->excerpt = warta_text_is_blank (options->excerpt) ? NULL : g_strdup (options->excerpt);
    }
  /* Publishing again is what takes a withdrawn post back. */
  publication->withdrawn_at = 0;
  g_clear_pointer (&publication->withdraw_reason, g_free);

  if (publication->id == 0)
    {
      publication->id = warta_store_insert_publication (self->store, publication, error);
      ok = publication->id > 0;
    }
  else
    ok = warta_store_update_publication (self->store, publication, error);

  payload = _warta_engine_payload_new ("site", site ? site->name : "manual", "slug", publication->slug,
                                       "link", manual_url, "status", publication->status, NULL);
  ok = ok && warta_journal_append (self->store, warta_engine_now (self), actor, case_id,
                                   "publication.prepare", payload, error);
  if (!(ok && warta_transaction_commit (tx, error)))
    return NULL;
  return g_steal_pointer (&publication);
}

gboolean
warta_engine_record_media (WartaEngine             *self,
                           gint64                   actor,
                           const WartaPublication  *publication,
                           gint64                   attachment_id,
                           gint64                   media_id,
                           const char              *source_url,
                           GError                 **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *media = g_strdup_printf ("%" G_GINT64_FORMAT, media_id);
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(tx = publish_begin (self, actor, publication->case_id, &user, &kase, error)))
    return FALSE;
  if (!(attachment = warta_store_get_attachment (self->store, attachment_id, error)) ||
      attachment->case_id != publication->case_id)
    return _warta_engine_fail (error,
                               attachment ? g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                                                         _("Attachment %lld is not a file of case %lld"),
                                                         (long long)attachment_id, (long long)publication->case_id)
                                          : NULL);

  payload = _warta_engine_payload_new ("attachment", attachment->name, "sha256", attachment->sha256,
                                       "media", media, "url", source_url, NULL);
  ok = warta_store_set_published_media (self->store, publication->id, attachment_id, media_id, source_url, error) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, publication->case_id,
                             "publication.media", payload, error);
  return ok && warta_transaction_commit (tx, error);
}

static const char *
event_kind (WartaPublicationEvent event)
{
  switch (event)
    {
    case WARTA_PUBLICATION_POSTED:
      return "publication.post";
    case WARTA_PUBLICATION_VERIFIED:
      return "publication.verify";
    case WARTA_PUBLICATION_CAPTURED:
      return "publication.screenshot";
    case WARTA_PUBLICATION_WITHDRAWN:
      return "publication.withdraw";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
warta_engine_record_publication (WartaEngine             *self,
                                 gint64                   actor,
                                 const WartaPublication  *publication,
                                 WartaPublicationEvent    event,
                                 GError                 **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaPublication) stored = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *post = g_strdup_printf ("%" G_GINT64_FORMAT, publication->post_id);
  g_autofree char *http = g_strdup_printf ("%d", publication->http_status);
  g_autofree char *ms = g_strdup_printf ("%" G_GINT64_FORMAT, publication->response_ms);
  g_autofree char *shot = g_strdup_printf ("%" G_GINT64_FORMAT, publication->screenshot_id);
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (publication != NULL && publication->id > 0, FALSE);

  if (event == WARTA_PUBLICATION_WITHDRAWN && warta_text_is_blank (publication->withdraw_reason))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("Withdrawing a publication needs a reason"));
      return FALSE;
    }

  if (!(tx = publish_begin (self, actor, publication->case_id, &user, &kase, error)))
    return FALSE;
  /* Only what may change changes: the case, site and slug are the row's. */
  if (!(stored = warta_store_get_publication (self->store, publication->id, error)) ||
      stored->case_id != publication->case_id || stored->site_id != publication->site_id)
    return _warta_engine_fail (error,
                               stored ? g_error_new (WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                                                     _("Publication %lld belongs to another case or site"),
                                                     (long long)publication->id)
                                      : NULL);

  switch (event)
    {
    case WARTA_PUBLICATION_POSTED:
      payload = _warta_engine_payload_new ("post", post, "link", publication->link,
                                           "status", publication->remote_status,
                                           "content_sha256", publication->content_sha256, NULL);
      break;
    case WARTA_PUBLICATION_VERIFIED:
      payload = _warta_engine_payload_new ("link", publication->link, "http_status", http, "response_ms", ms,
                                           "body_sha256", publication->body_sha256,
                                           "title_found", publication->title_found ? "yes" : "no", NULL);
      break;
    case WARTA_PUBLICATION_CAPTURED:
      payload = _warta_engine_payload_new ("link", publication->link, "screenshot", shot, NULL);
      break;
    case WARTA_PUBLICATION_WITHDRAWN:
      payload = _warta_engine_payload_new ("post", post, "link", publication->link,
                                           "status", publication->remote_status,
                                           "reason", publication->withdraw_reason, NULL);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  ok = warta_store_update_publication (self->store, publication, error) &&
       warta_journal_append (self->store, warta_engine_now (self), actor, publication->case_id,
                             event_kind (event), payload, error);
  return ok && warta_transaction_commit (tx, error);
}

/* For warta_engine_complete: a publish step is done when a publication
 * verified since the step began stands, its screenshot kept. */
gboolean
_warta_engine_require_publication (WartaEngine  *self,
                                   WartaAction  *action,
                                   GError      **error)
{
  g_autoptr(GPtrArray) publications = NULL;
  gboolean any = FALSE;

  if (!(publications = warta_store_list_publications (self->store, action->kase->id, error)))
    return FALSE;
  for (guint i = 0; i < publications->len; i++)
    {
      const WartaPublication *publication = g_ptr_array_index (publications, i);

      any = any || publication->post_id > 0 || publication->site_id == 0;
      if (warta_publication_is_verified (publication) && publication->verified_at >= action->run->started_at)
        return TRUE;
    }

  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
               any ? _("Step %s needs the publication verified live, with its screenshot, before it is done")
                   : _("Step %s is done when the naskah is published and verified live: publish it first"),
               action->step->id);
  return FALSE;
}

/* Whether actor holds case_id's active step and it is a publish step:
 * then a screenshot can be kept with it and the step completed. */
gboolean
warta_engine_holds_publish_step (WartaEngine *self,
                                 gint64       actor,
                                 gint64       case_id)
{
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaSop) sop = NULL;
  const WartaSopStep *step;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(user = warta_store_get_user (self->store, actor, NULL)) ||
      !(kase = warta_store_get_case (self->store, case_id, NULL)) ||
      kase->state != WARTA_CASE_OPEN || kase->active == NULL ||
      !(sop = warta_engine_get_sop (self, kase->sop_id, kase->sop_version, NULL)))
    return FALSE;
  step = warta_sop_lookup_step (sop, kase->active->step_id);
  return step != NULL && step->action == WARTA_SOP_ACTION_PUBLISH && warta_engine_may_act (self, user, kase->active);
}

/* A later look at a published page, journaled by the system: it does not
 * replace the proof taken when it was published. */
gboolean
warta_engine_record_check (WartaEngine             *self,
                           const WartaPublication  *publication,
                           guint                    http_status,
                           const char              *body_sha256,
                           gboolean                 title_found,
                           gboolean                 gone,
                           gboolean                 changed,
                           GError                 **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *http = g_strdup_printf ("%u", http_status);
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  payload = _warta_engine_payload_new ("link", publication->link, "http_status", http, "body_sha256", body_sha256,
                                       "title_found", title_found ? "yes" : "no",
                                       "result", gone ? "gone" : changed ? "changed" : "same", NULL);
  ok = warta_journal_append (self->store, warta_engine_now (self), 0, publication->case_id,
                             "publication.check", payload, error);
  return ok && warta_transaction_commit (tx, error);
}
