/* warta-disposition.h: the words of a Lembar Disposisi
 *
 * A disposition carries, besides the arahan written out, its sifat
 * (biasa, segera, sangat segera, rahasia) and the standard arahan boxes
 * of the form, ticked or not. Each has an id, the store's, the journal's
 * and the CLI's word, and a label for the papers and the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-types.h"

G_BEGIN_DECLS

/* "biasa", "segera", "sangat-segera", "rahasia". */
const char  *warta_sifat_to_string        (WartaSifat         sifat);
gboolean     warta_sifat_from_string      (const char        *str,
                                           WartaSifat        *sifat);
/* Translated: "Biasa", "Segera", … */
const char  *warta_sifat_describe         (WartaSifat         sifat);

/* The single box of index i (0 ≤ i < WARTA_N_ARAHAN_BOXES), in the
 * form's order. */
WartaArahanBoxes warta_arahan_box_nth     (guint              i);
/* "tindak-lanjuti", "pelajari", … for a single box. */
const char  *warta_arahan_box_to_string   (WartaArahanBoxes   box);
/* Translated: "Tindak lanjuti", … for a single box. */
const char  *warta_arahan_box_describe    (WartaArahanBoxes   box);

/* A set of boxes as their ids joined with commas, "" for none. */
char        *warta_arahan_boxes_to_string (guint              boxes);
/* Parses ids separated by commas (spaces around them allowed, an empty
 * string is none); FALSE with a message naming the unknown word and the
 * known ones. */
gboolean     warta_arahan_boxes_from_string (const char      *str,
                                             guint           *boxes,
                                             GError         **error);

G_END_DECLS
