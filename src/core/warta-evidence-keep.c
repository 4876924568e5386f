/* warta-evidence-keep.c: the Bukti Publikasi kept when a publish step completes
 *
 * The engine records and decides; it draws nothing. When it says a
 * publish step completed ("step-completed"), the sheet is rendered as it
 * stands and handed back to it to keep as the case's archive copy, so
 * that the berkas as it was that day can be found and printed again.
 * Evidence depends on the engine, never the reverse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "warta-evidence.h"

#define KEEPER_KEY "warta-evidence-keeper"

gint64
warta_evidence_make_archive_copy (WartaEngine  *engine,
                                  gint64        actor,
                                  gint64        case_id,
                                  GError      **error)
{
  g_autoptr(WartaEvidence) evidence = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (WARTA_IS_ENGINE (engine), 0);

  if (!(evidence = warta_evidence_gather (engine, actor, case_id, error)) ||
      !(pdf = warta_evidence_render_pdf (evidence, WARTA_DOCUMENT_BUKTI, error)))
    return 0;
  return warta_engine_keep_archive_copy (engine, actor, case_id,
                                         warta_document_kind_to_string (WARTA_DOCUMENT_BUKTI), pdf, error);
}

/* The step is done whatever happens here; a copy that could not be made
 * is said, and can be made again from the archive. */
static void
on_step_completed (WartaEngine *engine,
                   gint64       actor,
                   gint64       case_id,
                   const char  *action,
                   gpointer     user_data)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (action, "publish") != 0)
    return;
  if (warta_evidence_make_archive_copy (engine, actor, case_id, &error) == 0)
    g_warning ("The archive copy of berkas %" G_GINT64_FORMAT " was not kept: %s", case_id, error->message);
}

void
warta_evidence_set_keep_bukti (WartaEngine *engine,
                               gboolean     keep)
{
  gulong handler;

  g_return_if_fail (WARTA_IS_ENGINE (engine));

  handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (engine), KEEPER_KEY));
  if (keep && handler == 0)
    handler = g_signal_connect (engine, "step-completed", G_CALLBACK (on_step_completed), NULL);
  else if (!keep && handler != 0)
    {
      g_signal_handler_disconnect (engine, handler);
      handler = 0;
    }
  g_object_set_data (G_OBJECT (engine), KEEPER_KEY, GSIZE_TO_POINTER (handler));
}
