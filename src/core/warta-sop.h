/* warta-sop.h: an SOP file's model: header, lanes and the steps' graph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WARTA_SOP_ERROR (warta_sop_error_quark ())

typedef enum
{
  WARTA_SOP_ERROR_IO,
  WARTA_SOP_ERROR_SYNTAX,
  WARTA_SOP_ERROR_FIELD,
  WARTA_SOP_ERROR_LANE,
  WARTA_SOP_ERROR_REFERENCE,
  WARTA_SOP_ERROR_DUPLICATE,
  WARTA_SOP_ERROR_UNREACHABLE,
  WARTA_SOP_ERROR_NO_END,
  WARTA_SOP_ERROR_TIME,
} WartaSopError;

typedef enum
{
  WARTA_SOP_ACTION_COMPOSE,
  WARTA_SOP_ACTION_DISPOSE,
  WARTA_SOP_ACTION_REVIEW,
  WARTA_SOP_ACTION_TASK,
  WARTA_SOP_ACTION_PUBLISH,
  WARTA_SOP_ACTION_PRINT,
  WARTA_SOP_ACTION_REPORT,
  WARTA_SOP_ACTION_MONITOR,
  WARTA_SOP_ACTION_BACKUP,
} WartaSopAction;

typedef enum
{
  WARTA_SOP_END_NONE,
  WARTA_SOP_END_DONE,
  WARTA_SOP_END_REJECTED,
} WartaSopEnd;

/* The standard time of a step, in minutes; a plain figure has min == max.
 * Steps whose source gives no time have min == max == -1.
 */
#define WARTA_SOP_NO_STANDARD (-1)

typedef struct
{
  char *text;
  char *attachment;            /* an attachment kind, or NULL */
  gboolean optional;           /* an attachment that may be left out */
} WartaSopRequirement;

typedef struct
{
  char *id;
  char *name;
} WartaSopLane;

typedef struct
{
  guint              index;
  char              *id;
  char              *lane;
  char              *text;
  WartaSopAction     action;
  GPtrArray         *requirements;  /* WartaSopRequirement */
  int                standard_min;
  int                standard_max;
  char              *output;
  char              *note;
  /* Flow: a decision step has yes and no; any other step has next, or
   * end when completing it ends the procedure. */
  char              *next;
  char              *yes;
  char              *no;
  WartaSopEnd        end;
  gboolean           require_5w1h;
} WartaSopStep;

typedef struct
{
  char  *number;
  char  *name;
  char  *office;
  char  *made;
  char  *revised;
  char  *effective;
  char  *revision;
  char  *approved_position;
  char  *approved_name;
  char  *approved_nip;
  GStrv  legal_basis;
  GStrv  qualifications;
  GStrv  related;
  GStrv  equipment;
  GStrv  warnings;
  GStrv  records;
} WartaSopHeader;

#define WARTA_TYPE_SOP (warta_sop_get_type ())

G_DECLARE_FINAL_TYPE (WartaSop, warta_sop, WARTA, SOP, GObject)

GQuark                 warta_sop_error_quark        (void);

WartaSop              *warta_sop_new_from_file      (const char          *path,
                                                     GError             **error);
WartaSop              *warta_sop_new_from_data      (const char          *data,
                                                     gssize               length,
                                                     const char          *filename,
                                                     GError             **error);

const char            *warta_sop_get_id             (WartaSop            *self);
const char            *warta_sop_get_name           (WartaSop            *self);
int                    warta_sop_get_version        (WartaSop            *self);
void                   warta_sop_set_version        (WartaSop            *self,
                                                     int                  version);
const WartaSopHeader  *warta_sop_get_header         (WartaSop            *self);
const char            *warta_sop_get_source         (WartaSop            *self);
const char            *warta_sop_get_checksum       (WartaSop            *self);

guint                  warta_sop_get_n_lanes        (WartaSop            *self);
const WartaSopLane    *warta_sop_get_lane           (WartaSop            *self,
                                                     guint                index);
const WartaSopLane    *warta_sop_lookup_lane        (WartaSop            *self,
                                                     const char          *id);

guint                  warta_sop_get_n_steps        (WartaSop            *self);
const WartaSopStep    *warta_sop_get_step           (WartaSop            *self,
                                                     guint                index);
const WartaSopStep    *warta_sop_lookup_step        (WartaSop            *self,
                                                     const char          *id);
const WartaSopStep    *warta_sop_get_next_step      (WartaSop            *self,
                                                     const WartaSopStep  *step);
void                   warta_sop_get_total_standard (WartaSop            *self,
                                                     int                 *min,
                                                     int                 *max);
char                  *warta_sop_to_json            (WartaSop            *self);

gboolean               warta_sop_step_is_decision   (const WartaSopStep  *step);
const char            *warta_sop_action_to_string   (WartaSopAction       action);
gboolean               warta_sop_action_from_string (const char          *str,
                                                     WartaSopAction      *action);
const char            *warta_sop_action_describe    (WartaSopAction       action);
gboolean               warta_sop_attachment_kind_is_valid (const char    *kind);
gboolean               warta_sop_is_role_id         (const char          *id);
const char            *warta_sop_get_shipped_dir    (void);

G_END_DECLS
