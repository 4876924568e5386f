/* warta-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "warta-sha256.h"
#include "warta-types.h"

static const char *state_names[] = { "open", "done", "rejected" };
static const char *outcome_names[] = { "", "completed", "yes", "no", "returned", "disposed" };

void
warta_role_free (WartaRole *role)
{
  if (role == NULL)
    return;
  g_free (role->id);
  g_free (role->name);
  g_free (role);
}

void
warta_sop_info_free (WartaSopInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->name);
  g_free (info->number);
  g_free (info);
}

void
warta_user_free (WartaUser *user)
{
  if (user == NULL)
    return;
  g_free (user->login);
  g_free (user->full_name);
  g_free (user->nip);
  g_free (user->jabatan);
  g_free (user->pangkat);
  g_strfreev (user->roles);
  g_free (user);
}

void
warta_case_free (WartaCase *kase)
{
  if (kase == NULL)
    return;
  g_free (kase->sop_id);
  g_free (kase->title);
  warta_step_run_free (kase->active);
  g_free (kase);
}

void
warta_step_run_free (WartaStepRun *run)
{
  if (run == NULL)
    return;
  g_free (run->step_id);
  g_free (run->lane);
  g_free (run->note);
  g_free (run->action);
  g_free (run);
}

void
warta_disposition_free (WartaDisposition *disposition)
{
  if (disposition == NULL)
    return;
  g_free (disposition->instruction);
  g_free (disposition);
}

void
warta_journal_event_free (WartaJournalEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->payload);
  g_free (event->prev_hash);
  g_free (event->hash);
  g_free (event);
}

/* In binary units, as file managers on GNOME show sizes of files. */
char *
warta_format_bytes (gint64 bytes)
{
  return g_format_size_full (MAX (bytes, 0), G_FORMAT_SIZE_IEC_UNITS);
}

WartaAttachment *
warta_attachment_copy (const WartaAttachment *attachment)
{
  WartaAttachment *copy = g_memdup2 (attachment, sizeof *attachment);

  copy->step_id = g_strdup (attachment->step_id);
  copy->kind = g_strdup (attachment->kind);
  copy->name = g_strdup (attachment->name);
  copy->content_type = g_strdup (attachment->content_type);
  copy->sha256 = g_strdup (attachment->sha256);
  return copy;
}

void
warta_attachment_free (WartaAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->step_id);
  g_free (attachment->kind);
  g_free (attachment->name);
  g_free (attachment->content_type);
  g_free (attachment->sha256);
  g_free (attachment);
}

/* Photos, videos and supporting documents go to the site unless someone
 * said otherwise; the nota dinas and anything else stay in the office. */
gboolean
warta_attachment_goes_to_site (const WartaAttachment *attachment)
{
  g_return_val_if_fail (attachment != NULL, FALSE);

  if (attachment->for_site >= 0)
    return attachment->for_site != 0;
  return g_strcmp0 (attachment->kind, "foto") == 0 ||
         g_strcmp0 (attachment->kind, "video") == 0 ||
         g_strcmp0 (attachment->kind, "dokumen-pendukung") == 0;
}

void
warta_archive_copy_free (WartaArchiveCopy *copy)
{
  if (copy == NULL)
    return;
  g_free (copy->document);
  g_free (copy->sha256);
  g_free (copy);
}

void
warta_print_record_free (WartaPrintRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->document);
  g_free (record->how);
  g_free (record->sha256);
  g_free (record);
}

void
warta_archive_entry_free (WartaArchiveEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->sop_id);
  g_free (entry->sop_name);
  g_free (entry->sop_number);
  g_free (entry->link);
  g_free (entry);
}

void
warta_site_free (WartaSite *site)
{
  if (site == NULL)
    return;
  g_free (site->name);
  g_free (site->url);
  g_free (site->user);
  g_free (site->credentials_file);
  g_free (site);
}

void
warta_publication_free (WartaPublication *publication)
{
  if (publication == NULL)
    return;
  g_free (publication->slug);
  g_free (publication->status);
  g_strfreev (publication->categories);
  g_strfreev (publication->tags);
  g_free (publication->excerpt);
  g_free (publication->link);
  g_free (publication->remote_status);
  g_free (publication->content_sha256);
  g_free (publication->body_sha256);
  g_free (publication->withdraw_reason);
  g_free (publication);
}

/* Live and proven: the page answered 200 with the title in it, and its
 * picture was taken, and nobody has withdrawn it since. */
gboolean
warta_publication_is_verified (const WartaPublication *publication)
{
  g_return_val_if_fail (publication != NULL, FALSE);

  return publication->verified_at > 0 && publication->http_status == 200 && publication->title_found &&
         publication->screenshot_id > 0 && publication->withdrawn_at == 0;
}

const char *
warta_case_state_to_string (WartaCaseState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

gboolean
warta_case_state_from_string (const char     *str,
                              WartaCaseState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (str, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }

  return FALSE;
}

/* The state in words, for people. */
const char *
warta_case_state_describe (WartaCaseState state)
{
  switch (state)
    {
    case WARTA_CASE_OPEN:
      return C_("case state", "open");
    case WARTA_CASE_DONE:
      return C_("case state", "done");
    case WARTA_CASE_REJECTED:
      return C_("case state", "rejected");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
warta_outcome_describe (WartaOutcome outcome)
{
  switch (outcome)
    {
    case WARTA_OUTCOME_NONE:
      return C_("step outcome", "active");
    case WARTA_OUTCOME_COMPLETED:
      return C_("step outcome", "completed");
    case WARTA_OUTCOME_YES:
      return C_("step outcome", "ya");
    case WARTA_OUTCOME_NO:
      return C_("step outcome", "tidak");
    case WARTA_OUTCOME_RETURNED:
      return C_("step outcome", "returned");
    case WARTA_OUTCOME_DISPOSED:
      return C_("step outcome", "disposed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
warta_outcome_to_string (WartaOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcome_names), NULL);
  return outcome_names[outcome];
}

WartaOutcome
warta_outcome_from_string (const char *str)
{
  for (guint i = 1; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (str, outcome_names[i]) == 0)
      return i;

  return WARTA_OUTCOME_NONE;
}

gboolean
warta_user_has_role (const WartaUser *user,
                     const char      *role)
{
  g_return_val_if_fail (user != NULL, FALSE);
  return user->roles != NULL && g_strv_contains ((const char * const *)user->roles, role);
}

WartaNaskah *
warta_naskah_new (gint64 case_id)
{
  WartaNaskah *naskah = g_new0 (WartaNaskah, 1);

  naskah->case_id = case_id;
  naskah->title = g_strdup ("");
  naskah->body = g_strdup ("");
  return naskah;
}

void
warta_naskah_free (WartaNaskah *naskah)
{
  if (naskah == NULL)
    return;
  g_free (naskah->title);
  g_free (naskah->body);
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    g_free (naskah->five_w[i]);
  g_free (naskah);
}

/* NULL, empty, or only white space: what a required text must not be. */
gboolean
warta_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
warta_naskah_is_empty (const WartaNaskah *naskah)
{
  return naskah == NULL || warta_text_is_blank (naskah->title) || warta_text_is_blank (naskah->body);
}

gboolean
warta_naskah_has_5w1h (const WartaNaskah *naskah)
{
  if (naskah == NULL)
    return FALSE;
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    if (warta_text_is_blank (naskah->five_w[i]))
      return FALSE;
  return TRUE;
}

/* SHA-256 over the title, the body and the 5W+1H, each ended by a NUL so
 * that no text can slide into the next field. */
char *
warta_naskah_checksum (const WartaNaskah *naskah)
{
  g_autoptr(WartaSha256) checksum = warta_sha256_new ();
  const char *parts[2 + WARTA_5W1H_N_FIELDS];

  g_return_val_if_fail (naskah != NULL, NULL);

  parts[0] = naskah->title;
  parts[1] = naskah->body;
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    parts[2 + i] = naskah->five_w[i];

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = parts[i] ? parts[i] : "";

      warta_sha256_update (checksum, part, strlen (part) + 1);
    }

  return g_strdup (warta_sha256_get_string (checksum));
}

const char *
warta_5w1h_label (WartaFiveW field)
{
  switch (field)
    {
    case WARTA_5W1H_WHO:
      return _("Who");
    case WARTA_5W1H_WHAT:
      return _("What");
    case WARTA_5W1H_WHEN:
      return _("When");
    case WARTA_5W1H_WHERE:
      return _("Where");
    case WARTA_5W1H_WHY:
      return _("Why");
    case WARTA_5W1H_HOW:
      return _("How");
    case WARTA_5W1H_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
warta_5w1h_question (WartaFiveW field)
{
  switch (field)
    {
    case WARTA_5W1H_WHO:
      return _("Who took part, who is it about?");
    case WARTA_5W1H_WHAT:
      return _("What happened?");
    case WARTA_5W1H_WHEN:
      return _("When did it happen?");
    case WARTA_5W1H_WHERE:
      return _("Where did it happen?");
    case WARTA_5W1H_WHY:
      return _("Why does it matter?");
    case WARTA_5W1H_HOW:
      return _("How did it happen?");
    case WARTA_5W1H_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Indonesian names carry academic and honorific titles before them
 * (Dr., dr., Ir., H., Hj., Prof.) and degrees after them, mostly after a
 * comma (", S.Kom., M.T."). Initials and a short form of the name come
 * from the name alone: "Andi Wijaya, S.Kom." is AW, not AS. */
static gboolean
is_title_word (const char *word)
{
  static const char * const titles[] = {
    "dr", "drg", "drh", "drs", "dra", "ir", "h", "hj", "prof", "ns", "apt", "kh", "st", NULL,
  };
  g_autofree char *bare = NULL;
  gsize length = strlen (word);

  if (length < 2 || word[length - 1] != '.')
    return FALSE;
  /* A degree with a dot inside it: S.Kom. M.Kes. S.H. */
  if (memchr (word, '.', length - 1) != NULL)
    return TRUE;
  bare = g_ascii_strdown (word, length - 1);
  return g_strv_contains (titles, bare);
}

char *
warta_name_without_titles (const char *full_name)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  char *comma;

  g_return_val_if_fail (full_name != NULL, NULL);

  name = g_strdup (full_name);
  if ((comma = strchr (name, ',')) != NULL)
    *comma = '\0';
  words = g_strsplit_set (name, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0' || is_title_word (words[i]))
        continue;
      if (kept->len > 0)
        g_string_append_c (kept, ' ');
      g_string_append (kept, words[i]);
    }
  if (kept->len == 0)
    return g_strstrip (g_strdup (full_name));
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* What a post's status on its site (WordPress's words, or "manual" for
 * a post made by hand) means to a person: the same words on screen and on
 * the papers. */
const char *
warta_post_status_describe (const char *status)
{
  if (status == NULL)
    return _("Not on the site yet");
  if (g_str_equal (status, "publish"))
    return _("Public");
  if (g_str_equal (status, "future"))
    return _("Scheduled: not public yet");
  if (g_str_equal (status, "draft"))
    return _("Draft: not public yet");
  if (g_str_equal (status, "pending"))
    return _("Pending the site's review: not public yet");
  if (g_str_equal (status, "private"))
    return _("Private: not public");
  if (g_str_equal (status, "trash"))
    return _("In the site's trash");
  if (g_str_equal (status, "manual"))
    return _("Posted by hand");
  return status;
}
