/* warta-diff.h: a word-level diff of two texts, made by libgit2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WARTA_DIFF_EQUAL,
  WARTA_DIFF_INSERT,
  WARTA_DIFF_DELETE,
} WartaDiffOp;

typedef struct
{
  WartaDiffOp  op;
  char        *text;
} WartaDiffSegment;

void       warta_diff_segment_free (WartaDiffSegment *segment);
/* old_text and new_text may be NULL (empty). Returns the segments that
 * turn old_text into new_text, in order: the EQUAL and DELETE ones join
 * into old_text, the EQUAL and INSERT ones into new_text. Within a
 * change, what went comes before what came. */
GPtrArray *warta_diff_words        (const char *old_text,
                                    const char *new_text);
/* How many segments are INSERT or DELETE. */
guint      warta_diff_count_changes (GPtrArray *segments);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WartaDiffSegment, warta_diff_segment_free)

G_END_DECLS
