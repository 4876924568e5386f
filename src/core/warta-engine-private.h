/* warta-engine-private.h: the engine's fields and helpers, shared by its parts
 *
 * The engine is split by concern over warta-engine.c (the object and
 * administration) and warta-engine-case.c (a case's state machine); both
 * write journal payloads and end their transactions alike, so those helpers
 * live here, for those two files only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"

G_BEGIN_DECLS

struct _WartaEngine
{
  GObject         parent_instance;

  WartaStore     *store;
  GHashTable     *sops;        /* "id@version" → WartaSop */
  WartaClockFunc  clock;
  gpointer        clock_data;
};

char     *_warta_engine_payload_new        (const char   *first_name,
                                            ...) G_GNUC_NULL_TERMINATED;
gboolean  _warta_engine_commit_or_rollback (WartaEngine  *self,
                                            gboolean      ok,
                                            GError      **error);

G_END_DECLS
