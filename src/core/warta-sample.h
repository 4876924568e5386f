/* warta-sample.h: a sample office to try Warta with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"

G_BEGIN_DECLS

/* Every sample user's password; the welcome page shows it. */
#define WARTA_SAMPLE_PASSWORD "warta-demo"

/* The office setting that marks a database filled by warta_sample_populate(). */
#define WARTA_SAMPLE_SETTING "sample"

gboolean warta_sample_populate (WartaEngine  *engine,
                                const char   *sop_dir,
                                GError      **error);

gboolean warta_sample_prove_publication (WartaEngine  *engine,
                                         gint64        actor,
                                         gint64        case_id,
                                         GBytes       *screenshot,
                                         GError      **error);

G_END_DECLS
