/* warta-disposition.c: the words of a Lembar Disposisi
 *
 * The labels are the form's own Indonesian words, kept as they are in
 * the source (as "Berkas" and "Arahan" are) and still translatable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-disposition.h"
#include "warta-engine.h"

static const char * const sifat_ids[] = { "biasa", "segera", "sangat-segera", "rahasia" };

G_STATIC_ASSERT (G_N_ELEMENTS (sifat_ids) == WARTA_N_SIFAT);

static const char * const box_ids[] = {
  "tindak-lanjuti", "pelajari", "koordinasikan", "siapkan-jawaban", "ketahui", "bicarakan", "arsip",
};

G_STATIC_ASSERT (G_N_ELEMENTS (box_ids) == WARTA_N_ARAHAN_BOXES);

const char *
warta_sifat_to_string (WartaSifat sifat)
{
  g_return_val_if_fail (sifat < WARTA_N_SIFAT, NULL);

  return sifat_ids[sifat];
}

gboolean
warta_sifat_from_string (const char *str,
                         WartaSifat *sifat)
{
  for (guint i = 0; i < WARTA_N_SIFAT; i++)
    if (g_strcmp0 (str, sifat_ids[i]) == 0)
      {
        if (sifat != NULL)
          *sifat = i;
        return TRUE;
      }
  return FALSE;
}

const char *
warta_sifat_describe (WartaSifat sifat)
{
  switch (sifat)
    {
    case WARTA_SIFAT_BIASA:
      return C_("sifat", "Biasa");
    case WARTA_SIFAT_SEGERA:
      return C_("sifat", "Segera");
    case WARTA_SIFAT_SANGAT_SEGERA:
      return C_("sifat", "Sangat Segera");
    case WARTA_SIFAT_RAHASIA:
      return C_("sifat", "Rahasia");
    case WARTA_N_SIFAT:
    default:
      g_return_val_if_reached (NULL);
    }
}

WartaArahanBoxes
warta_arahan_box_nth (guint i)
{
  g_return_val_if_fail (i < WARTA_N_ARAHAN_BOXES, 0);

  return 1u << i;
}

static guint
box_index (WartaArahanBoxes box)
{
  for (guint i = 0; i < WARTA_N_ARAHAN_BOXES; i++)
    if (box == 1u << i)
      return i;
  return G_MAXUINT;
}

const char *
warta_arahan_box_to_string (WartaArahanBoxes box)
{
  guint i = box_index (box);

  g_return_val_if_fail (i < WARTA_N_ARAHAN_BOXES, NULL);

  return box_ids[i];
}

const char *
warta_arahan_box_describe (WartaArahanBoxes box)
{
  switch (box)
    {
    case WARTA_ARAHAN_TINDAK_LANJUTI:
      return C_("arahan box", "Tindak lanjuti");
    case WARTA_ARAHAN_PELAJARI:
      return C_("arahan box", "Pelajari");
    case WARTA_ARAHAN_KOORDINASIKAN:
      return C_("arahan box", "Koordinasikan");
    case WARTA_ARAHAN_SIAPKAN_JAWABAN:
      return C_("arahan box", "Siapkan jawaban");
    case WARTA_ARAHAN_KETAHUI:
      return C_("arahan box", "Untuk diketahui");
    case WARTA_ARAHAN_BICARAKAN:
      return C_("arahan box", "Bicarakan dengan saya");
    case WARTA_ARAHAN_ARSIP:
      return C_("arahan box", "Arsipkan");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
warta_arahan_boxes_to_string (guint boxes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < WARTA_N_ARAHAN_BOXES; i++)
    if (boxes & (1u << i))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", box_ids[i]);
  return g_string_free (out, FALSE);
}

gboolean
warta_arahan_boxes_from_string (const char  *str,
                                guint       *boxes,
                                GError     **error)
{
  g_auto(GStrv) words = g_strsplit (str != NULL ? str : "", ",", -1);
  guint found = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);
      guint j;

      if (*word == '\0')
        continue;
      for (j = 0; j < WARTA_N_ARAHAN_BOXES && !g_str_equal (word, box_ids[j]); j++)
        ;
      if (j == WARTA_N_ARAHAN_BOXES)
        {
          g_autofree char *known = g_strjoinv (", ", (char **)box_ids);

          g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                       _("“%s” is not an arahan box of the Lembar Disposisi; the boxes are %s"), word, known);
          return FALSE;
        }
      found |= 1u << j;
    }
  if (boxes != NULL)
    *boxes = found;
  return TRUE;
}
