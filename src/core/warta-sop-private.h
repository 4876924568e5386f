/* warta-sop-private.h: the SOP's fields, shared by the model and its loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-sop.h"

G_BEGIN_DECLS

struct _WartaSop
{
  GObject         parent_instance;

  char           *id;
  int             version;
  WartaSopHeader  header;
  GPtrArray      *lanes;       /* WartaSopLane */
  GPtrArray      *steps;       /* WartaSopStep */
  GHashTable     *step_index;  /* id → WartaSopStep, borrowed */
  char           *source;
  char           *checksum;
};

WartaSopStep *_warta_sop_step_new             (void);
void          _warta_sop_step_free            (gpointer      data);
void          _warta_sop_lane_free            (gpointer      data);
void          _warta_sop_step_add_requirement (WartaSopStep *step,
                                               const char   *text,
                                               const char   *attachment,
                                               gboolean      optional);

G_END_DECLS
