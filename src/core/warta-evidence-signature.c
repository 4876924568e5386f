/* warta-evidence-signature.c: the signature block of a paper
 *
 * As Indonesian office papers close: on the right the place and date,
 * the signer's jabatan, room for the signature, the name and the NIP; on
 * the left a paraf box for each person of the chain, labelled with their
 * jabatan and name. The block is measured once and goes on one page whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-evidence-layout-private.h"
#include "warta-timing.h"

#define SIGN_ROOM 56.0    /* the blank above the name, for the signature */
#define PARAF_WIDTH 80.0  /* a paraf box and its label */
#define PARAF_HEIGHT 28.0
#define PARAF_GAP 8.0

/* Where the signer's column starts, as a part of the width. */
#define SIGNER_X 0.56

static double
paraf_row_height (Block *block,
                  guint  first,
                  guint  per_row)
{
  double label = 0;

  for (guint i = first; i < MIN (first + per_row, block->paraf->len); i++)
    label = MAX (label, ((Text *)g_ptr_array_index (block->paraf, i))->height);
  return PARAF_HEIGHT + 3 + label + PARAF_GAP;
}

static guint
paraf_per_row (double width)
{
  double left = width * SIGNER_X - 2 * PARAF_GAP;

  return MAX (1, (guint)((left + PARAF_GAP) / (PARAF_WIDTH + PARAF_GAP)));
}

void
_warta_signature_measure (WartaDocument *self,
                          Block         *block)
{
  double right = block->text->height + SIGN_ROOM + block->caption->height;
  double left = 0;
  guint per_row = paraf_per_row (block->draw_width);

  if (block->paraf->len > 0)
    {
      left = block->paraf_title->height + 4;
      for (guint i = 0; i < block->paraf->len; i += per_row)
        left += paraf_row_height (block, i, per_row);
    }
  block->draw_height = MAX (left, right);
}

void
_warta_signature_draw (cairo_t *cr,
                       Block   *block,
                       double   y)
{
  double x = block->draw_width * SIGNER_X;
  guint per_row = paraf_per_row (block->draw_width);
  double row_y;

  cairo_set_source_rgb (cr, 0, 0, 0);
  _warta_text_draw (block->text, cr, x, y, 0, block->text->height);
  _warta_text_draw (block->caption, cr, x, y + block->text->height + SIGN_ROOM, 0, block->caption->height);

  if (block->paraf->len == 0)
    return;
  _warta_text_draw (block->paraf_title, cr, 0, y, 0, block->paraf_title->height);
  row_y = y + block->paraf_title->height + 4;
  for (guint i = 0; i < block->paraf->len; i += per_row)
    {
      for (guint j = i; j < MIN (i + per_row, block->paraf->len); j++)
        {
          Text *label = g_ptr_array_index (block->paraf, j);
          double box_x = (j - i) * (PARAF_WIDTH + PARAF_GAP);

          cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
          cairo_set_line_width (cr, 0.6);
          cairo_rectangle (cr, box_x, row_y, PARAF_WIDTH, PARAF_HEIGHT);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          _warta_text_draw (label, cr, box_x, row_y + PARAF_HEIGHT + 3, 0, label->height);
        }
      row_y += paraf_row_height (block, i, per_row);
    }
}

void
_warta_document_add_signature (WartaDocument      *self,
                               const char         *signer_head,
                               const char         *signer_foot,
                               const char * const *paraf)
{
  Block *block = _warta_block_add (self, BLOCK_SIGNATURE, 18);
  double width = self->width;
  double column = width * (1 - SIGNER_X);

  block->draw_width = width;
  block->text = _warta_text_new (self, signer_head, _warta_style_font (WARTA_TEXT_BODY), column, PANGO_ALIGN_LEFT);
  block->caption = _warta_text_new (self, signer_foot, _warta_style_font (WARTA_TEXT_BODY), column, PANGO_ALIGN_LEFT);
  block->paraf = g_ptr_array_new_with_free_func ((GDestroyNotify)_warta_text_free);
  /* Translators: above the row of boxes each person of the chain initials */
  block->paraf_title = _warta_text_new (self, _("<b>Paraf</b>"), _warta_style_font (WARTA_TEXT_SMALL), width * SIGNER_X,
                                        PANGO_ALIGN_LEFT);
  for (guint i = 0; paraf != NULL && paraf[i] != NULL; i++)
    g_ptr_array_add (block->paraf, _warta_text_new (self, paraf[i], _warta_style_font (WARTA_TEXT_SMALL), PARAF_WIDTH,
                                                    PANGO_ALIGN_LEFT));
  _warta_signature_measure (self, block);
}

/* Who signs */

static const WartaUser *
user_of (const WartaEvidence *evidence,
         gint64               id)
{
  return id != 0 ? g_hash_table_lookup (evidence->users, &id) : NULL;
}

/* The person's jabatan; else the lane of the SOP they acted in. */
static const char *
jabatan_of (const WartaEvidence *evidence,
            gint64               id)
{
  const WartaUser *user = user_of (evidence, id);

  if (user != NULL && !warta_text_is_blank (user->jabatan))
    return user->jabatan;
  for (guint i = 0; i < evidence->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (evidence->runs, i);
      const WartaSopLane *lane;

      if ((run->completed_by == id || run->assignee == id) &&
          (lane = warta_sop_lookup_lane (evidence->sop, run->lane)) != NULL)
        return lane->name;
    }
  return NULL;
}

/* The paper's signer, as an Indonesian office would have it:
 * - the Bukti Publikasi / Lembar Penyelesaian Pekerjaan reports the work
 *   done, so the admin website who published the berkas signs it (while
 *   it is unpublished, whoever prints it);
 * - the Lembar Disposisi is the pimpinan's: whoever gave the first
 *   disposition (the Kepala in seed 002) signs it, else whoever prints it.
 * The printed copy of the article is a copy, not a letter: no signature. */
static gint64
signer_of (const WartaEvidence *evidence,
           WartaDocumentKind    kind)
{
  if (kind == WARTA_DOCUMENT_BUKTI && evidence->publication != NULL && evidence->publication->published_by != 0)
    return evidence->publication->published_by;
  if (kind == WARTA_DOCUMENT_DISPOSISI && evidence->dispositions->len > 0)
    return ((WartaDisposition *)g_ptr_array_index (evidence->dispositions, 0))->from_user;
  return evidence->printed_by;
}

static void
add_person (GArray *people,
            gint64  id,
            gint64  signer)
{
  if (id == 0 || id == signer)
    return;
  for (guint i = 0; i < people->len; i++)
    if (g_array_index (people, gint64, i) == id)
      return;
  g_array_append_val (people, id);
}

/* The chain that initials the paper, in the order it acted: whoever
 * disposed and received a disposition, and (on the Bukti) whoever
 * decided ya, tidak or sent it back; the signer signs instead. */
static GArray *
chain_of (const WartaEvidence *evidence,
          WartaDocumentKind    kind,
          gint64               signer)
{
  GArray *people = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < evidence->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (evidence->runs, i);

      if (run->outcome == WARTA_OUTCOME_DISPOSED)
        for (guint j = 0; j < evidence->dispositions->len; j++)
          {
            const WartaDisposition *d = g_ptr_array_index (evidence->dispositions, j);

            if (d->run_id == run->id)
              {
                add_person (people, d->from_user, signer);
                add_person (people, d->to_user, signer);
              }
          }
      else if (kind == WARTA_DOCUMENT_BUKTI &&
               (run->outcome == WARTA_OUTCOME_YES || run->outcome == WARTA_OUTCOME_NO ||
                run->outcome == WARTA_OUTCOME_RETURNED))
        add_person (people, run->completed_by, signer);
    }
  return people;
}

void
_warta_document_add_signature_of (WartaDocument       *document,
                                  const WartaEvidence *evidence,
                                  WartaDocumentKind    kind)
{
  gint64 signer = signer_of (evidence, kind);
  const WartaUser *user = user_of (evidence, signer);
  g_autoptr(GDateTime) printed = g_date_time_new_from_unix_local ((evidence->printed_at != 0 ? evidence->printed_at
                                                                                             : g_get_real_time ())
                                                                  / G_USEC_PER_SEC);
  g_autofree char *date = warta_format_date (printed);
  g_autofree char *place = g_markup_escape_text (evidence->city != NULL ? evidence->city : "……………………", -1);
  g_autofree char *jabatan = g_markup_escape_text (jabatan_of (evidence, signer) ? jabatan_of (evidence, signer) : "", -1);
  g_autofree char *name = g_markup_escape_text (user != NULL ? user->full_name : "……………………………", -1);
  g_autofree char *nip = g_markup_escape_text (user != NULL && !warta_text_is_blank (user->nip) ? user->nip : "—", -1);
  g_autofree char *head = NULL;
  g_autofree char *foot = NULL;
  g_autoptr(GArray) chain = chain_of (evidence, kind, signer);
  g_autoptr(GPtrArray) paraf = g_ptr_array_new_with_free_func (g_free);

  /* Translators: above a signature: the office's city, the date, and on
   * the next line the signer's jabatan, as in “Medan, 7 Desember 2026” */
  head = g_strdup_printf (_("%s, %s\n%s,"), place, date, jabatan);
  /* Translators: under a signature: the signer's name, and their NIP */
  foot = g_strdup_printf (_("<b><u>%s</u></b>\nNIP %s"), name, nip);
  for (guint i = 0; i < chain->len; i++)
    {
      gint64 id = g_array_index (chain, gint64, i);
      const WartaUser *person = user_of (evidence, id);
      const char *their_jabatan = jabatan_of (evidence, id);
      g_autofree char *label_jabatan = g_markup_escape_text (their_jabatan != NULL ? their_jabatan : "", -1);
      g_autofree char *label_name = g_markup_escape_text (person != NULL ? person->full_name : "", -1);

      g_ptr_array_add (paraf, g_strdup_printf ("<b>%s</b>\n%s", label_jabatan, label_name));
    }
  g_ptr_array_add (paraf, NULL);
  _warta_document_add_signature (document, head, foot, (const char * const *)paraf->pdata);
}
