/* warta-sign-in-rows.c: the sign-in page's rows of people, and how well
 * each matches what is typed in its search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "warta-sign-in-page-private.h"

GtkWidget *
_warta_sign_in_make_row (const WartaUser *user,
                         guint            position)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *initials_from = warta_name_without_titles (user->full_name);
  GtkWidget *row, *avatar;

  if (user->jabatan != NULL && user->jabatan[0] != '\0')
    subtitle = g_strdup_printf ("%s · %s", user->jabatan, user->login);
  else
    subtitle = g_strdup (user->login);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->full_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  avatar = adw_avatar_new (32, initials_from, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);

  g_object_set_data_full (G_OBJECT (row), "login", g_strdup (user->login), g_free);
  g_object_set_data_full (G_OBJECT (row), "search-login", g_utf8_casefold (user->login, -1), g_free);
  g_object_set_data_full (G_OBJECT (row), "search-name", g_utf8_casefold (user->full_name, -1), g_free);
  g_object_set_data_full (G_OBJECT (row), "search-more", g_utf8_casefold (subtitle, -1), g_free);
  g_object_set_data (G_OBJECT (row), "position", GUINT_TO_POINTER (position));
  return row;
}

/* Whether a word of @text (after a space or a mark such as "Dr.")
 * starts with @needle. */
static gboolean
has_word_prefix (const char *text,
                 const char *needle)
{
  gboolean word_start = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean alnum = g_unichar_isalnum (g_utf8_get_char (p));

      if (alnum && word_start && g_str_has_prefix (p, needle))
        return TRUE;
      word_start = !alnum;
    }
  return FALSE;
}

/* How well a row matches the search, best first: the exact login, the
 * start of the login, the start of a word of the name, anywhere in the
 * name, jabatan or login; -1 when it does not match. Typing someone's
 * login must find them first, whoever else's name holds it. */
int
_warta_sign_in_row_rank (GtkListBoxRow *row,
                         const char    *needle)
{
  const char *login = g_object_get_data (G_OBJECT (row), "search-login");
  const char *name = g_object_get_data (G_OBJECT (row), "search-name");

  if (needle == NULL)
    return 0;
  if (g_str_equal (login, needle))
    return 0;
  if (g_str_has_prefix (login, needle))
    return 1;
  if (has_word_prefix (name, needle))
    return 2;
  if (strstr (name, needle) != NULL ||
      strstr (g_object_get_data (G_OBJECT (row), "search-more"), needle) != NULL)
    return 3;
  return -1;
}
