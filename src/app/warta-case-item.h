/* warta-case-item.h: one row of a case list: a case, its active step and
 * what the list shows of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "warta-types.h"

G_BEGIN_DECLS

#define WARTA_TYPE_CASE_ITEM (warta_case_item_get_type ())

G_DECLARE_FINAL_TYPE (WartaCaseItem, warta_case_item, WARTA, CASE_ITEM, GObject)

WartaCaseItem      *warta_case_item_new             (WartaCase      *kase,
                                                     const char     *sop_name,
                                                     const char     *step_label,
                                                     const char     *holder);
WartaCaseItem      *warta_case_item_new_placeholder (void);
gboolean            warta_case_item_is_placeholder  (WartaCaseItem  *self);
gint64              warta_case_item_get_id          (WartaCaseItem  *self);
const WartaCase    *warta_case_item_get_case        (WartaCaseItem  *self);
const WartaStepRun *warta_case_item_get_run         (WartaCaseItem  *self);
const char         *warta_case_item_get_title       (WartaCaseItem  *self);
const char         *warta_case_item_get_sop_name    (WartaCaseItem  *self);
const char         *warta_case_item_get_step_label  (WartaCaseItem  *self);
const char         *warta_case_item_get_holder      (WartaCaseItem  *self);
WartaCaseNews       warta_case_item_get_news        (WartaCaseItem  *self);
gboolean            warta_case_item_equal           (WartaCaseItem  *self,
                                                     WartaCaseItem  *other);

G_END_DECLS
