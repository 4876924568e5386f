/* warta-step-timer.h: a live timer for one step run against its standard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "warta-engine.h"
#include "warta-timing.h"

G_BEGIN_DECLS

#define WARTA_TYPE_STEP_TIMER (warta_step_timer_get_type ())

G_DECLARE_FINAL_TYPE (WartaStepTimer, warta_step_timer, WARTA, STEP_TIMER, GtkWidget)

GtkWidget   *warta_step_timer_new         (void);
void         warta_step_timer_set_run     (WartaStepTimer     *self,
                                           const WartaStepRun *run);
void         warta_step_timer_set_clock   (WartaStepTimer     *self,
                                           WartaClockFunc      func,
                                           gpointer            user_data);
gboolean     warta_step_timer_get_compact (WartaStepTimer     *self);
void         warta_step_timer_set_compact (WartaStepTimer     *self,
                                           gboolean            compact);
WartaTiming  warta_step_timer_get_state   (WartaStepTimer     *self);
const char  *warta_step_timer_get_text    (WartaStepTimer     *self);

G_END_DECLS
