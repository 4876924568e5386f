/* warta-timing.h: a step run's time against its standard, and how times
 * and dates are written for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-types.h"

G_BEGIN_DECLS

typedef enum
{
  WARTA_TIMING_NO_STANDARD,
  WARTA_TIMING_WITHIN,
  WARTA_TIMING_NEAR,   /* past 80% of the standard's upper bound */
  WARTA_TIMING_OVER,
} WartaTiming;

#define WARTA_USEC_PER_MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

gint64       warta_step_run_get_elapsed (const WartaStepRun *run,
                                         gint64              now);
WartaTiming  warta_step_run_get_timing  (const WartaStepRun *run,
                                         gint64              now);
gint64       warta_step_run_get_due     (const WartaStepRun *run);
const char  *warta_timing_to_string     (WartaTiming         timing);
const char  *warta_timing_to_id         (WartaTiming         timing);
char        *warta_format_duration      (gint64              usec);

char        *warta_format_standard      (int                 min,
                                         int                 max);
char        *warta_step_run_format_time (const WartaStepRun *run,
                                         gint64              now,
                                         gboolean            compact,
                                         WartaTiming        *timing);
char        *warta_step_run_describe    (const WartaStepRun *run,
                                         gint64              now);
char        *warta_format_date_time     (GDateTime          *datetime);
char        *warta_format_date          (GDateTime          *datetime);
char        *warta_format_iso_date      (const char         *iso);

G_END_DECLS
