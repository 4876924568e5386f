/* warta-engine-evidence.c: who may print a case's papers, and the record
 *
 * A case's documents are the office's record of it: an administrator or
 * anyone holding a role of its SOP's lanes may print or export them.
 * Each print or export is a row and a journal event; a print step (the
 * SOP's "mencetak … sebagai arsip") completes only once one was made
 * while it was active. A PDF handed in (the Bukti Publikasi rendered when
 * a publish step completed: warta-evidence-keep.c) is kept as the case's
 * archive copy, so that the sheet as it stood that day can be found and
 * printed again later; the engine draws nothing itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-engine-private.h"
#include "warta-document-kind.h"
#include "warta-journal.h"
#include "warta-sha256.h"

static gboolean
document_is_valid (const char *document,
                   gboolean    bundle_too)
{
  WartaDocumentKind kind;

  return warta_document_kind_from_string (document, &kind) ||
         (bundle_too && g_strcmp0 (document, "bundle") == 0);
}

static gboolean
user_may_print (WartaEngine      *self,
                const WartaUser  *user,
                const WartaCase  *kase,
                GError          **error)
{
  g_autoptr(WartaSop) sop = NULL;

  if (user->is_admin)
    return TRUE;
  if (!(sop = warta_engine_get_sop (self, kase->sop_id, kase->sop_version, error)))
    return FALSE;
  for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
    if (warta_user_has_role (user, warta_sop_get_lane (sop, i)->id))
      return TRUE;

  g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
               _("Only the people of this berkas’s SOP and administrators may print its documents"));
  return FALSE;
}

/* The case, when actor may print it. */
static WartaCase *
printable_case (WartaEngine  *self,
                gint64        actor,
                gint64        case_id,
                GError      **error)
{
  g_autoptr(WartaUser) user = NULL;
  g_autoptr(WartaCase) kase = NULL;

  if (!(user = warta_store_get_user (self->store, actor, NULL)))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("Sign in to print a berkas’s documents"));
      return NULL;
    }
  if (!(kase = warta_store_get_case (self->store, case_id, error)) ||
      !user_may_print (self, user, kase, error))
    return NULL;
  return g_steal_pointer (&kase);
}

gboolean
warta_engine_may_print (WartaEngine  *self,
                        gint64        actor,
                        gint64        case_id,
                        GError      **error)
{
  g_autoptr(WartaCase) kase = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  kase = printable_case (self, actor, case_id, error);
  return kase != NULL;
}

gboolean
warta_engine_record_print (WartaEngine  *self,
                           gint64        actor,
                           gint64        case_id,
                           const char   *document,
                           gboolean      exported,
                           const char   *sha256,
                           GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autofree char *payload = NULL;
  WartaPrintRecord record = { 0 };
  gboolean ok;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), FALSE);

  if (!document_is_valid (document, TRUE))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” is not a document of a berkas: say bukti, disposisi or artikel"), document);
      return FALSE;
    }

  if (!(tx = warta_store_transaction (self->store, error)))
    return FALSE;
  if (!(kase = printable_case (self, actor, case_id, error)))
    return FALSE;

  /* A print made while a print step is active counts toward it. */
  if (kase->active != NULL &&
      (sop = warta_engine_get_sop (self, kase->sop_id, kase->sop_version, NULL)) != NULL)
    {
      const WartaSopStep *step = warta_sop_lookup_step (sop, kase->active->step_id);

      if (step != NULL && step->action == WARTA_SOP_ACTION_PRINT)
        record.run_id = kase->active->id;
    }
  record.case_id = case_id;
  record.document = (char *)document;
  record.how = exported ? "export" : "print";
  record.by = actor;
  record.at = warta_engine_now (self);
  record.sha256 = (char *)sha256;

  payload = _warta_engine_payload_new ("document", document, "how", record.how, "sha256", sha256,
                                       "step", record.run_id != 0 ? kase->active->step_id : NULL, NULL);
  ok = warta_store_insert_print (self->store, &record, error) > 0 &&
       warta_journal_append (self->store, record.at, actor, case_id,
                             exported ? "evidence.export" : "evidence.print", payload, error);
  return ok && warta_transaction_commit (tx, error);
}

GPtrArray *
warta_engine_list_prints (WartaEngine  *self,
                          gint64        case_id,
                          GError      **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  return warta_store_list_prints (self->store, case_id, error);
}

/* For warta_engine_complete: a print step is done once something was
 * printed or exported while it was active. */
gboolean
_warta_engine_require_print (WartaEngine  *self,
                             WartaAction  *action,
                             GError      **error)
{
  gint64 count = warta_store_count_prints_in_run (self->store, action->run->id, error);

  if (count < 0)
    return FALSE;
  if (count == 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE,
                   _("Step %s is done when the archive copy is printed or exported: print it first"),
                   action->step->id);
      return FALSE;
    }
  return TRUE;
}

gint64
warta_engine_keep_archive_copy (WartaEngine  *self,
                                gint64        actor,
                                gint64        case_id,
                                const char   *document,
                                GBytes       *pdf,
                                GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(WartaCase) kase = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *size = NULL;
  g_autofree char *payload = NULL;
  WartaArchiveCopy copy = { 0 };
  gint64 id;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), 0);
  g_return_val_if_fail (pdf != NULL, 0);

  if (!document_is_valid (document, FALSE))
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   _("“%s” is not a document of a berkas: say bukti, disposisi or artikel"), document);
      return 0;
    }

  if (!(tx = warta_store_transaction (self->store, error)))
    return 0;
  if (!warta_engine_may_print (self, actor, case_id, error))
    return 0;

  sha256 = warta_sha256_for_bytes (pdf);
  size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (pdf));
  copy.case_id = case_id;
  copy.document = (char *)document;
  copy.made_by = actor;
  copy.made_at = warta_engine_now (self);
  copy.sha256 = sha256;
  id = warta_store_insert_archive_copy (self->store, &copy, pdf, error);
  payload = _warta_engine_payload_new ("document", document, "sha256", sha256, "size", size, NULL);
  if (id <= 0 ||
      !warta_journal_append (self->store, copy.made_at, actor, case_id, "evidence.archive", payload, error) ||
      !warta_transaction_commit (tx, error))
    return 0;
  return id;
}

GPtrArray *
warta_engine_list_archive_copies (WartaEngine  *self,
                                  gint64        case_id,
                                  GError      **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  return warta_store_list_archive_copies (self->store, case_id, error);
}

GBytes *
warta_engine_read_archive_copy (WartaEngine        *self,
                                gint64              actor,
                                gint64              copy_id,
                                WartaArchiveCopy  **copy_out,
                                GError            **error)
{
  g_autoptr(WartaArchiveCopy) copy = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  if (!(copy = warta_store_get_archive_copy (self->store, copy_id, &data, error)) ||
      !warta_engine_may_print (self, actor, copy->case_id, error))
    return NULL;

  sha256 = warta_sha256_for_bytes (data);
  if (g_strcmp0 (sha256, copy->sha256) != 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT,
                   _("The archive copy of berkas %lld has changed since it was kept "
                     "(SHA-256 %.12s…, kept as %.12s…): restore the database from a backup"),
                   (long long)copy->case_id, sha256, copy->sha256);
      return NULL;
    }
  if (copy_out != NULL)
    *copy_out = g_steal_pointer (&copy);
  return g_steal_pointer (&data);
}

/* The SOP versions ("ID@VERSION") of whose lanes @user holds a role:
 * the cases they may print, so the register they may see. */
static GStrv
printable_sops (WartaEngine      *self,
                const WartaUser  *user,
                GError          **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GStrvBuilder) sops = g_strv_builder_new ();

  if (!(versions = warta_store_list_sop_versions (self->store, error)))
    return NULL;

  for (guint i = 0; i < versions->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (versions, i);
      g_autoptr(WartaSop) sop = NULL;

      if (!(sop = warta_engine_get_sop (self, info->id, info->version, error)))
        return NULL;
      for (guint j = 0; j < warta_sop_get_n_lanes (sop); j++)
        if (warta_user_has_role (user, warta_sop_get_lane (sop, j)->id))
          {
            g_autofree char *key = g_strdup_printf ("%s@%d", info->id, info->version);

            g_strv_builder_add (sops, key);
            break;
          }
    }
  return g_strv_builder_end (sops);
}

/**
 * warta_engine_list_archive:
 *
 * The archive register as @actor may see it: every finished case for an
 * administrator, else the cases of the SOPs whose lanes they hold a role
 * of, the ones whose papers they may print again.
 */
GPtrArray *
warta_engine_list_archive (WartaEngine              *self,
                           gint64                    actor,
                           const WartaArchiveQuery  *query,
                           GError                  **error)
{
  g_autoptr(WartaUser) user = NULL;
  g_auto(GStrv) sops = NULL;
  WartaArchiveQuery all = { 0 };

  g_return_val_if_fail (WARTA_IS_ENGINE (self), NULL);

  user = warta_store_get_user (self->store, actor, NULL);
  if (user == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("Sign in to open the archive register"));
      return NULL;
    }
  if (!user->is_admin && !(sops = printable_sops (self, user, error)))
    return NULL;
  if (query == NULL)
    query = &all;
  return warta_store_list_archive (self->store, (const char * const *)sops, query->text,
                                   query->from, query->to, query->offset, query->limit, error);
}
