/* warta-case-list-model.h: a signed-in user's cases, read page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "warta-case-item.h"
#include "warta-session.h"

G_BEGIN_DECLS

#define WARTA_CASE_LIST_MODEL_PAGE_SIZE 100

#define WARTA_TYPE_CASE_LIST_MODEL (warta_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WartaCaseListModel, warta_case_list_model, WARTA, CASE_LIST_MODEL, GObject)

WartaCaseListModel *warta_case_list_model_new         (WartaSession        *session,
                                                       const char * const  *actions);
WartaSession       *warta_case_list_model_get_session (WartaCaseListModel  *self);
const char * const *warta_case_list_model_get_actions (WartaCaseListModel  *self);
gboolean            warta_case_list_model_get_loading (WartaCaseListModel  *self);
void                warta_case_list_model_reload      (WartaCaseListModel  *self);
guint               warta_case_list_model_find        (WartaCaseListModel  *self,
                                                       gint64               case_id);
guint               warta_case_list_model_get_n_loaded_pages (WartaCaseListModel *self);

G_END_DECLS
