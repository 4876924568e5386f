/* warta-evidence-documents.c: the three papers, block by block
 *
 * Labels are translated (Indonesian under the id locale); what people
 * wrote is escaped into the markup, never read as markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cmark.h>
#include <glib/gi18n-lib.h>

#include "warta-evidence-private.h"
#include "warta-timing.h"

#define E(text) g_markup_escape_text ((text) != NULL ? (text) : "", -1)

static const double key_value_widths[] = { 0.27, 0.73 };

/* A row of a table from plain strings, escaped; n of them. */
static char **
row_of (guint n,
        ...)
{
  char **row = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *text = va_arg (args, const char *);

      row[i] = E (text);
    }
  va_end (args);
  return row;
}

static GPtrArray *
rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
}

static void
add_heading (WartaDocument *document,
             const char    *text)
{
  g_autofree char *markup = E (text);

  _warta_document_add_text (document, WARTA_TEXT_HEADING, markup);
}

static void
add_paragraph (WartaDocument  *document,
               WartaTextStyle  style,
               const char     *text)
{
  g_autofree char *markup = E (text);

  _warta_document_add_text (document, style, markup);
}

static void
add_key_values (WartaDocument *document,
                GPtrArray     *rows)
{
  _warta_document_add_table (document, 2, key_value_widths, NULL, rows);
}

/* The office's letterhead (kop surat) at the top of page 1, when the
 * office set one: its lines (or, with a logo alone, its name) and logo. */
static gboolean
add_letterhead (WartaDocument       *document,
                const WartaEvidence *evidence)
{
  const char *name_only[] = { evidence->office, NULL };
  gboolean has_lines = evidence->kop_lines != NULL && evidence->kop_lines[0] != NULL;

  if (!has_lines && evidence->kop_logo == NULL)
    return FALSE;
  _warta_document_add_letterhead (document,
                                  has_lines ? (const char * const *)evidence->kop_lines : name_only,
                                  evidence->kop_logo);
  _warta_document_add_space (document, 10);
  return TRUE;
}

/* The top of every paper: the office, the paper's name, what it is of. */
static void
add_masthead (WartaDocument       *document,
              const WartaEvidence *evidence,
              const char          *name,
              const char          *subtitle)
{
  g_autofree char *office = E (evidence->office);
  g_autofree char *title = E (name);
  g_autofree char *upper_office = g_utf8_strup (office, -1);
  g_autofree char *upper_title = g_utf8_strup (title, -1);
  g_autofree char *head = NULL;
  g_autofree char *foot = NULL;
  g_autofree char *printer = _warta_evidence_person (evidence, evidence->printed_by);
  g_autofree char *printed = _warta_evidence_time (evidence->printed_at);

  /* Translators: the running head of a printed paper: office, paper, case number */
  head = g_strdup_printf (_("%s · %s · Berkas %lld"), office, title, (long long)evidence->kase->id);
  /* Translators: the foot of a printed paper: who printed it, and when */
  foot = g_strdup_printf (_("Printed by %s on %s with Warta"), printer, printed);
  _warta_document_set_running (document, head, foot);

  /* The office's letterhead when it has one; else its name, as before. */
  if (!add_letterhead (document, evidence))
    _warta_document_add_text (document, WARTA_TEXT_SUBTITLE, upper_office);
  _warta_document_add_text (document, WARTA_TEXT_TITLE, upper_title);
  if (subtitle != NULL)
    add_paragraph (document, WARTA_TEXT_SUBTITLE, subtitle);
  _warta_document_add_space (document, 6);
}

static char *
sop_line (const WartaEvidence *evidence)
{
  /* Translators: an SOP's name and the version of it the case followed */
  return g_strdup_printf (_("%s (version %d)"), warta_sop_get_name (evidence->sop), evidence->kase->sop_version);
}

static void
add_case_table (WartaDocument       *document,
                const WartaEvidence *evidence)
{
  const WartaSopHeader *header = warta_sop_get_header (evidence->sop);
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autofree char *sop = sop_line (evidence);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, evidence->kase->id);
  g_autofree char *created = _warta_evidence_time (evidence->kase->created_at);
  g_autofree char *finished = _warta_evidence_time (evidence->kase->finished_at);
  g_autofree char *author = _warta_evidence_person (evidence, evidence->kase->created_by);
  g_autofree char *kind = NULL;

  if (evidence->publication == NULL)
    kind = g_strdup (_("Publication (not yet published)"));
  else if (evidence->site_name != NULL)
    /* Translators: the kind of a case: published on the named WordPress site */
    kind = g_strdup_printf (_("Website publication (WordPress: %s)"), evidence->site_name);
  else
    kind = g_strdup (_("Website publication (posted by hand)"));

  g_ptr_array_add (rows, row_of (2, _("SOP number"), header->number != NULL ? header->number : "—"));
  g_ptr_array_add (rows, row_of (2, _("SOP"), sop));
  g_ptr_array_add (rows, row_of (2, _("Berkas"), number));
  g_ptr_array_add (rows, row_of (2, _("Title"), evidence->kase->title));
  g_ptr_array_add (rows, row_of (2, _("Kind"), kind));
  g_ptr_array_add (rows, row_of (2, _("Started by"), author));
  g_ptr_array_add (rows, row_of (2, _("Started"), created));
  if (evidence->kase->finished_at == 0)
    {
      const WartaStepRun *last = evidence->runs->len > 0 ? g_ptr_array_index (evidence->runs, evidence->runs->len - 1) : NULL;

      g_free (finished);
      /* Translators: a case's end on its papers while it still runs, at the named step */
      finished = last != NULL && last->completed_at == 0 ? g_strdup_printf (_("Not yet: at step %s"), last->step_id)
                                                         : g_strdup (warta_case_state_describe (evidence->kase->state));
    }
  g_ptr_array_add (rows, row_of (2, _("Finished"), finished));
  add_key_values (document, g_steal_pointer (&rows));
}

static void
add_publication (WartaDocument       *document,
                 const WartaEvidence *evidence)
{
  const WartaPublication *p = evidence->publication;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *published = NULL;
  g_autofree char *publisher = NULL;
  g_autofree char *verified = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *link = NULL;

  add_heading (document, _("Publication"));
  if (p == NULL)
    {
      add_paragraph (document, WARTA_TEXT_BODY, _("This berkas has not been published yet."));
      return;
    }

  link = E (p->link);
  /* Translators: beside the QR code of the published page's address */
  caption = g_strdup_printf (_("<b>Address</b>\n%s\n\n<small>Scan the code to open the published page.</small>"), link);
  _warta_document_add_qr (document, p->link, 86, caption);

  rows = rows_new ();
  published = _warta_evidence_time (p->published_at);
  publisher = _warta_evidence_person (evidence, p->published_by);
  verified = _warta_evidence_time (p->verified_at);
  if (p->verified_at != 0)
    /* Translators: the answer of the published page: HTTP status, time, title found or not */
    answer = g_strdup_printf (_("HTTP %d in %lld ms; title %s"), p->http_status, (long long)p->response_ms,
                              p->title_found ? _("found on the page") : _("not found"));
  g_ptr_array_add (rows, row_of (2, _("Published"), published));
  g_ptr_array_add (rows, row_of (2, _("Published by"), publisher));
  g_ptr_array_add (rows, row_of (2, _("Status on the site"), warta_post_status_describe (p->remote_status != NULL ? p->remote_status : p->status)));
  g_ptr_array_add (rows, row_of (2, _("Verified live"), verified));
  if (answer != NULL)
    g_ptr_array_add (rows, row_of (2, _("The page answered"), answer));
  if (p->withdrawn_at != 0)
    {
      g_autofree char *withdrawn = _warta_evidence_time (p->withdrawn_at);
      g_autofree char *text = g_strdup_printf ("%s — %s", withdrawn, p->withdraw_reason);

      g_ptr_array_add (rows, row_of (2, _("Withdrawn"), text));
    }
  g_ptr_array_add (rows, row_of (2, _("SHA-256 of the content sent"), p->content_sha256 ? p->content_sha256 : "—"));
  g_ptr_array_add (rows, row_of (2, _("SHA-256 of the page verified"), p->body_sha256 ? p->body_sha256 : "—"));
  add_key_values (document, g_steal_pointer (&rows));
}

static const WartaAttachment *
find_attachment (const WartaEvidence *evidence,
                 gint64               id)
{
  for (guint i = 0; i < evidence->attachments->len; i++)
    {
      const WartaAttachment *attachment = g_ptr_array_index (evidence->attachments, i);

      if (attachment->id == id)
        return attachment;
    }
  return NULL;
}

static void
add_screenshot (WartaDocument       *document,
                const WartaEvidence *evidence)
{
  const WartaAttachment *shot;
  g_autofree char *caption = NULL;
  g_autofree char *name = NULL;

  if (evidence->screenshot == NULL)
    return;
  shot = find_attachment (evidence, evidence->publication->screenshot_id);
  name = E (shot != NULL ? shot->name : "");
  add_heading (document, _("Screenshot of the published page"));
  /* Translators: under the top of the page's screenshot on the evidence sheet */
  caption = g_strdup_printf (_("The top of the page as it was verified. The whole screenshot is attachment "
                               "%lld (%s), SHA-256 %s."),
                             (long long)evidence->publication->screenshot_id, name, shot != NULL ? shot->sha256 : "—");
  _warta_document_add_image (document, evidence->screenshot, 0.62, caption);
}

/* One hand-off of the case: a disposition, a decision, a return, or a
 * step passed on, in the order they happened. */
typedef struct
{
  gint64  at;
  char   *what;
  char   *from;
  char   *to;
  char   *note;
  char   *step;
} HandOff;

static void
hand_off_free (HandOff *h)
{
  g_free (h->what);
  g_free (h->from);
  g_free (h->to);
  g_free (h->note);
  g_free (h->step);
  g_free (h);
}

static int
hand_off_compare (gconstpointer a,
                  gconstpointer b)
{
  const HandOff *x = *(HandOff **)a, *y = *(HandOff **)b;

  return (x->at > y->at) - (x->at < y->at);
}

static const WartaStepRun *
next_run (const WartaEvidence *evidence,
          guint                i)
{
  return i + 1 < evidence->runs->len ? g_ptr_array_index (evidence->runs, i + 1) : NULL;
}

static char *
lane_name (const WartaEvidence *evidence,
           const char          *lane)
{
  const WartaSopLane *found = warta_sop_lookup_lane (evidence->sop, lane);

  return g_strdup (found != NULL ? found->name : lane);
}

/* Who a run went to: its assignee, else whoever holds the lane. */
static char *
run_receiver (const WartaEvidence *evidence,
              const WartaStepRun  *run)
{
  if (run == NULL)
    return g_strdup (_("(finished)"));
  if (run->assignee != 0)
    return _warta_evidence_person (evidence, run->assignee);
  return lane_name (evidence, run->lane);
}

/* Dispositions and decisions; with passes, also each time the case went
 * on to another desk (the disposition sheet's hand-offs). */
static GPtrArray *
collect_hand_offs (const WartaEvidence *evidence,
                   gboolean             passes)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)hand_off_free);

  for (guint i = 0; i < evidence->dispositions->len; i++)
    {
      const WartaDisposition *d = g_ptr_array_index (evidence->dispositions, i);
      HandOff *h = g_new0 (HandOff, 1);

      h->at = d->created_at;
      h->what = g_strdup (C_("hand-off", "Disposition"));
      h->from = _warta_evidence_person (evidence, d->from_user);
      h->to = _warta_evidence_person (evidence, d->to_user);
      h->note = g_strdup (d->instruction);
      for (guint j = 0; j < evidence->runs->len; j++)
        if (((WartaStepRun *)g_ptr_array_index (evidence->runs, j))->id == d->run_id)
          h->step = g_strdup (((WartaStepRun *)g_ptr_array_index (evidence->runs, j))->step_id);
      g_ptr_array_add (list, h);
    }

  for (guint i = 0; i < evidence->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (evidence->runs, i);
      HandOff *h;

      if (run->completed_at == 0 || run->outcome == WARTA_OUTCOME_DISPOSED)
        continue;
      if (run->outcome == WARTA_OUTCOME_COMPLETED &&
          (!passes || (next_run (evidence, i) != NULL && g_strcmp0 (next_run (evidence, i)->lane, run->lane) == 0)))
        continue;  /* the same desk carrying on is no hand-off */
      h = g_new0 (HandOff, 1);
      h->at = run->completed_at;
      h->what = g_strdup (run->outcome == WARTA_OUTCOME_COMPLETED ? C_("hand-off", "Passed on")
                                                                  : warta_outcome_describe (run->outcome));
      h->from = _warta_evidence_person (evidence, run->completed_by);
      h->to = run_receiver (evidence, next_run (evidence, i));
      h->note = g_strdup (run->note != NULL ? run->note : "");
      h->step = g_strdup (run->step_id);
      g_ptr_array_add (list, h);
    }
  g_ptr_array_sort (list, hand_off_compare);
  return list;
}

static void
add_chain (WartaDocument       *document,
           const WartaEvidence *evidence)
{
  static const double widths[] = { 0.05, 0.15, 0.12, 0.2, 0.2, 0.28 };
  const char *header[] = { _("No."), _("When"), _("What"), _("From"), _("To"), _("Arahan or reason"), NULL };
  g_autoptr(GPtrArray) hand_offs = collect_hand_offs (evidence, FALSE);
  g_autoptr(GPtrArray) rows = rows_new ();

  add_heading (document, _("Dispositions and decisions"));
  for (guint i = 0; i < hand_offs->len; i++)
    {
      HandOff *h = g_ptr_array_index (hand_offs, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *when = _warta_evidence_time (h->at);
      g_autofree char *what = h->step != NULL ? g_strdup_printf ("%s (%s)", h->what, h->step) : g_strdup (h->what);

      g_ptr_array_add (rows, row_of (6, number, when, what, h->from, h->to, h->note));
    }
  if (rows->len == 0)
    add_paragraph (document, WARTA_TEXT_BODY, _("No disposition or decision has been recorded."));
  else
    _warta_document_add_table (document, 6, widths, header, g_steal_pointer (&rows));
}

static void
add_steps (WartaDocument       *document,
           const WartaEvidence *evidence)
{
  static const double widths[] = { 0.1, 0.26, 0.18, 0.15, 0.1, 0.1, 0.11 };
  const char *header[] = { _("Step"), _("Activity"), _("Done by"), _("Finished"), _("Standard"),
                           _("Actual"), _("Against the standard"), NULL };
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autofree char *total_standard = NULL;
  g_autofree char *total_actual = NULL;
  gint64 standard = 0, actual = 0;
  gboolean every_standard = TRUE;

  add_heading (document, _("Steps and times"));
  for (guint i = 0; i < evidence->runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (evidence->runs, i);
      const WartaSopStep *step = warta_sop_lookup_step (evidence->sop, run->step_id);
      gint64 now = run->completed_at != 0 ? run->completed_at : evidence->printed_at;
      g_autofree char *who = run->completed_at != 0 ? _warta_evidence_person (evidence, run->completed_by)
                                                    : run_receiver (evidence, run);
      g_autofree char *when = run->completed_at != 0 ? _warta_evidence_time (run->completed_at)
                                                     : g_strdup (warta_outcome_describe (run->outcome));
      g_autofree char *std = warta_format_standard (run->standard_min, run->standard_max);
      g_autofree char *elapsed = warta_format_duration (warta_step_run_get_elapsed (run, now));
      const char *timing = warta_timing_to_string (warta_step_run_get_timing (run, now));

      g_ptr_array_add (rows, row_of (7, run->step_id, step != NULL ? step->text : "", who, when,
                                     std != NULL ? std : "—", elapsed, timing));
      actual += warta_step_run_get_elapsed (run, now);
      if (run->standard_max >= 0)
        standard += (gint64)run->standard_max * WARTA_USEC_PER_MINUTE;
      else
        every_standard = FALSE;
    }

  total_standard = warta_format_duration (standard);
  total_actual = warta_format_duration (actual);
  {
    g_autofree char *bold_total = g_strdup_printf ("<b>%s</b>", _("Total"));
    g_autofree char *std = every_standard ? g_strdup (total_standard)
                                          /* Translators: a total of standards some steps lack */
                                          : g_strdup_printf (_("%s (some steps have none)"), total_standard);
    char **row = row_of (7, "", "", "", "", std, total_actual,
                         actual <= standard ? _("within the standard") : _("over the standard"));

    g_free (row[1]);
    row[1] = g_steal_pointer (&bold_total);
    g_ptr_array_add (rows, row);
  }
  _warta_document_add_table (document, 7, widths, header, g_steal_pointer (&rows));
}

static void
add_attachments (WartaDocument       *document,
                 const WartaEvidence *evidence)
{
  static const double widths[] = { 0.06, 0.3, 0.14, 0.1, 0.4 };
  const char *header[] = { _("No."), _("File"), _("Kind"), _("Size"), _("SHA-256"), NULL };
  g_autoptr(GPtrArray) rows = rows_new ();

  add_heading (document, _("Attachments and their SHA-256"));
  for (guint i = 0; i < evidence->attachments->len; i++)
    {
      const WartaAttachment *attachment = g_ptr_array_index (evidence->attachments, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, attachment->id);
      g_autofree char *size = warta_format_bytes (attachment->size);
      char **row = row_of (5, number, attachment->name, attachment->kind, size, "");

      g_free (row[4]);
      row[4] = g_strdup_printf ("<tt>%s</tt>", attachment->sha256);
      g_ptr_array_add (rows, row);
    }
  if (rows->len == 0)
    add_paragraph (document, WARTA_TEXT_BODY, _("The berkas has no attachments."));
  else
    _warta_document_add_table (document, 5, widths, header, g_steal_pointer (&rows));
}

/* What could not be printed is said on the paper, not left out quietly. */
static void
add_problems (WartaDocument       *document,
              const WartaEvidence *evidence)
{
  for (GList *l = evidence->problems; l != NULL; l = l->next)
    add_paragraph (document, WARTA_TEXT_SMALL, l->data);
}

static void
add_journal (WartaDocument       *document,
             const WartaEvidence *evidence)
{
  g_autofree char *hash = E (evidence->journal_hash);
  g_autofree char *printed = _warta_evidence_time (evidence->printed_at);
  g_autofree char *printer = _warta_evidence_person (evidence, evidence->printed_by);
  g_autofree char *printer_markup = E (printer);
  g_autofree char *markup = NULL;

  add_heading (document, _("Journal"));
  /* Translators: the journal's last event and its hash; the check is "warta-cli journal verify" */
  markup = g_strdup_printf (_("When this sheet was made the journal ended at event %lld"
                              " with SHA-256 <tt>%s</tt>. "
                              "“warta-cli journal verify” shows whether any event up to it was changed since."),
                            (long long)evidence->journal_seq, hash);
  _warta_document_add_text (document, WARTA_TEXT_BODY, markup);
  g_free (markup);
  /* Translators: the last line of a printed paper */
  markup = g_strdup_printf (_("Printed by <b>%s</b> on %s."), printer_markup, printed);
  _warta_document_keep_with_next (document);
  _warta_document_add_space (document, 8);
  _warta_document_add_text (document, WARTA_TEXT_BODY, markup);
  /* The paper's last words go with its signature. */
  _warta_document_keep_with_next (document);
}

void
_warta_document_build_bukti (WartaDocument       *document,
                             const WartaEvidence *evidence)
{
  add_masthead (document, evidence, _("Bukti Publikasi"), _("Lembar Penyelesaian Pekerjaan"));
  add_case_table (document, evidence);
  add_publication (document, evidence);
  add_screenshot (document, evidence);
  add_chain (document, evidence);
  add_steps (document, evidence);
  add_attachments (document, evidence);
  add_problems (document, evidence);
  add_journal (document, evidence);
  _warta_document_add_signature_of (document, evidence, WARTA_DOCUMENT_BUKTI);
}

/* A choice of the form: its box ticked or not, the label kept with it. */
static void
append_box (GString    *out,
            gboolean    ticked,
            const char *label)
{
  g_autofree char *escaped = E (label);
  g_auto(GStrv) words = g_strsplit (escaped, " ", -1);
  g_autofree char *kept = g_strjoinv ("\u00a0", words);

  g_string_append_printf (out, "%s%s\u00a0%s", out->len > 0 ? "     " : "", ticked ? "☑" : "☐", kept);
}

static char *
person_with_jabatan (const WartaEvidence *evidence,
                     gint64               id)
{
  g_autofree char *person = _warta_evidence_person (evidence, id);
  const WartaUser *user = g_hash_table_lookup (evidence->users, &id);

  if (user == NULL || warta_text_is_blank (user->jabatan))
    return g_steal_pointer (&person);
  return g_strdup_printf ("%s — %s", person, user->jabatan);
}

/* A disposition as the form has it: from whom, diteruskan kepada whom,
 * its sifat and arahan boxes ticked, and the arahan written out. */
static void
add_disposition_form (WartaDocument       *document,
                      const WartaEvidence *evidence,
                      guint                i)
{
  const WartaDisposition *d = g_ptr_array_index (evidence->dispositions, i);
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autoptr(GString) sifat = g_string_new (NULL);
  g_autoptr(GString) boxes = g_string_new (NULL);
  g_autofree char *from = person_with_jabatan (evidence, d->from_user);
  g_autofree char *to = person_with_jabatan (evidence, d->to_user);
  g_autofree char *when = _warta_evidence_time (d->created_at);
  g_autofree char *heading = NULL;
  char **row;

  for (guint s = 0; s < WARTA_N_SIFAT; s++)
    append_box (sifat, d->sifat == s, warta_sifat_describe (s));
  for (guint b = 0; b < WARTA_N_ARAHAN_BOXES; b++)
    append_box (boxes, (d->arahan_boxes & warta_arahan_box_nth (b)) != 0,
                warta_arahan_box_describe (warta_arahan_box_nth (b)));

  /* Translators: the heading of one disposition on the Lembar Disposisi, numbered */
  heading = evidence->dispositions->len > 1 ? g_strdup_printf (_("Disposition %u"), i + 1) : g_strdup (_("Disposition"));
  add_heading (document, heading);
  g_ptr_array_add (rows, row_of (2, _("Date"), when));
  g_ptr_array_add (rows, row_of (2, _("From"), from));
  /* Translators: the Lembar Disposisi's field for the person it goes to */
  g_ptr_array_add (rows, row_of (2, C_("lembar disposisi", "Diteruskan kepada"), to));
  row = row_of (2, C_("lembar disposisi", "Sifat"), "");
  g_free (row[1]);
  row[1] = g_string_free (g_steal_pointer (&sifat), FALSE);
  g_ptr_array_add (rows, row);
  row = row_of (2, _("Arahan"), "");
  g_free (row[1]);
  row[1] = g_string_free (g_steal_pointer (&boxes), FALSE);
  g_ptr_array_add (rows, row);
  g_ptr_array_add (rows, row_of (2, C_("lembar disposisi", "Catatan"), d->instruction));
  add_key_values (document, g_steal_pointer (&rows));
}

void
_warta_document_build_disposisi (WartaDocument       *document,
                                 const WartaEvidence *evidence)
{
  static const double widths[] = { 0.05, 0.16, 0.2, 0.2, 0.29, 0.1 };  /* the step column fits "Langkah" */
  const char *header[] = { _("No."), _("Date"), _("From"), _("To"), _("Arahan"), _("Step"), NULL };
  g_autoptr(GPtrArray) hand_offs = collect_hand_offs (evidence, TRUE);
  g_autoptr(GPtrArray) rows = rows_new ();

  add_masthead (document, evidence, _("Lembar Disposisi"), NULL);
  add_case_table (document, evidence);
  for (guint i = 0; i < evidence->dispositions->len; i++)
    add_disposition_form (document, evidence, i);
  add_heading (document, _("Hand-offs"));
  for (guint i = 0; i < hand_offs->len; i++)
    {
      HandOff *h = g_ptr_array_index (hand_offs, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *when = _warta_evidence_time (h->at);
      g_autofree char *note = warta_text_is_blank (h->note) ? g_strdup (h->what)
                                                            : g_strdup_printf ("%s: %s", h->what, h->note);

      g_ptr_array_add (rows, row_of (6, number, when, h->from, h->to, note, h->step != NULL ? h->step : ""));
    }
  if (rows->len == 0)
    add_paragraph (document, WARTA_TEXT_BODY, _("No disposition or decision has been recorded."));
  else
    _warta_document_add_table (document, 6, widths, header, g_steal_pointer (&rows));
  add_journal (document, evidence);
  _warta_document_add_signature_of (document, evidence, WARTA_DOCUMENT_DISPOSISI);
}

/* The article: the naskah's Markdown as the site shows it, in Pango
 * markup. Raw HTML was sent as escaped text, and is printed so. */

/* Whether a link's text is its address already, as an autolink's is. */
static gboolean
link_text_is_url (cmark_node *link,
                  const char *url)
{
  cmark_node *child = cmark_node_first_child (link);
  const char *text;

  if (child == NULL || cmark_node_next (child) != NULL || cmark_node_get_type (child) != CMARK_NODE_TEXT)
    return FALSE;
  text = cmark_node_get_literal (child);
  return g_strcmp0 (text, url) == 0 ||
         (g_str_has_prefix (url, "mailto:") && g_strcmp0 (text, url + strlen ("mailto:")) == 0);
}

static void
inline_markup (cmark_node *node,
               GString    *out)
{
  for (cmark_node *child = cmark_node_first_child (node); child != NULL; child = cmark_node_next (child))
    {
      g_autofree char *literal = E (cmark_node_get_literal (child));

      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
          g_string_append (out, literal);
          break;
        case CMARK_NODE_CODE:
          g_string_append_printf (out, "<tt>%s</tt>", literal);
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_EMPH:
          g_string_append (out, "<i>");
          inline_markup (child, out);
          g_string_append (out, "</i>");
          break;
        case CMARK_NODE_STRONG:
          g_string_append (out, "<b>");
          inline_markup (child, out);
          g_string_append (out, "</b>");
          break;
        case CMARK_NODE_LINK:
          {
            const char *url = cmark_node_get_url (child);
            g_autofree char *escaped = E (url);

            /* On paper a link cannot be followed: its address is printed
             * after it, unless the text already is the address. */
            g_string_append (out, "<u>");
            inline_markup (child, out);
            g_string_append (out, "</u>");
            if (url != NULL && *url != '\0' && !link_text_is_url (child, url))
              g_string_append_printf (out, " (%s)", escaped);
          }
          break;
        default:
          inline_markup (child, out);
          break;
        }
    }
}

static void
article_blocks (WartaDocument *document,
                cmark_node    *parent,
                const char    *prefix)
{
  guint item = 0;

  for (cmark_node *node = cmark_node_first_child (parent); node != NULL; node = cmark_node_next (node))
    {
      g_autoptr(GString) markup = g_string_new (prefix);
      g_autofree char *literal = E (cmark_node_get_literal (node));

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_HEADING:
          g_string_append (markup, "<b><span size=\"larger\">");
          inline_markup (node, markup);
          g_string_append (markup, "</span></b>");
          _warta_document_add_text (document, WARTA_TEXT_HEADING, markup->str);
          break;
        case CMARK_NODE_PARAGRAPH:
          inline_markup (node, markup);
          _warta_document_add_text (document, WARTA_TEXT_BODY, markup->str);
          break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
          g_string_append_printf (markup, "<tt>%s</tt>", literal);
          _warta_document_add_text (document, WARTA_TEXT_BODY, markup->str);
          break;
        case CMARK_NODE_LIST:
          article_blocks (document, node, prefix);
          break;
        case CMARK_NODE_ITEM:
          {
            g_autofree char *bullet = NULL;

            item++;
            bullet = cmark_node_get_list_type (parent) == CMARK_ORDERED_LIST
                     ? g_strdup_printf ("%s%u. ", prefix, cmark_node_get_list_start (parent) + item - 1)
                     : g_strdup_printf ("%s• ", prefix);
            article_blocks (document, node, bullet);
          }
          break;
        case CMARK_NODE_BLOCK_QUOTE:
          {
            g_autofree char *quote = g_strdup_printf ("%s│ ", prefix);

            article_blocks (document, node, quote);
          }
          break;
        default:
          break;
        }
    }
}

void
_warta_document_build_artikel (WartaDocument       *document,
                               const WartaEvidence *evidence)
{
  const WartaPublication *p = evidence->publication;
  const char *title = !warta_text_is_blank (evidence->naskah->title) ? evidence->naskah->title : evidence->kase->title;
  const char *body = evidence->naskah->body != NULL ? evidence->naskah->body : "";
  g_autofree char *office = E (evidence->office);
  g_autofree char *head = NULL;
  g_autofree char *foot = NULL;
  g_autofree char *printer = _warta_evidence_person (evidence, evidence->printed_by);
  g_autofree char *printed = _warta_evidence_time (evidence->printed_at);
  g_autofree char *heading = E (title);
  g_autofree char *line = NULL;
  cmark_node *root;

  /* Translators: the running head of the article's printed copy: office, case number */
  head = g_strdup_printf (_("%s · Printed copy of the article · Berkas %lld"), office, (long long)evidence->kase->id);
  foot = g_strdup_printf (_("Printed by %s on %s with Warta"), printer, printed);
  _warta_document_set_running (document, head, foot);

  add_letterhead (document, evidence);
  _warta_document_add_text (document, WARTA_TEXT_TITLE, heading);
  if (p != NULL)
    {
      g_autofree char *when = _warta_evidence_time (p->published_at);
      g_autofree char *link = E (p->link);

      /* Translators: under the article's title: when it was published, and where */
      line = g_strdup_printf (_("Published %s\n%s"), when, link);
    }
  else
    line = g_strdup (_("Not published yet: this is the naskah as it stands."));
  _warta_document_add_text (document, WARTA_TEXT_SUBTITLE, line);
  _warta_document_add_space (document, 6);

  if (evidence->photos->len > 0)
    _warta_document_add_image (document, g_ptr_array_index (evidence->photos, 0), 1.0, NULL);

  root = cmark_parse_document (body, strlen (body), CMARK_OPT_DEFAULT);
  article_blocks (document, root, "");
  cmark_node_free (root);

  for (guint i = 1; i < evidence->photos->len; i++)
    _warta_document_add_image (document, g_ptr_array_index (evidence->photos, i), 1.0, NULL);

  /* The documents the post linked to. */
  for (guint i = 0; evidence->published != NULL && i < evidence->published->len; i++)
    {
      const WartaPublishedMedia *media = g_ptr_array_index (evidence->published, i);
      const WartaAttachment *attachment = find_attachment (evidence, media->attachment_id);
      g_autofree char *text = NULL;

      if (attachment == NULL || g_str_has_prefix (attachment->content_type, "image/") || media->source_url == NULL)
        continue;
      text = g_strdup_printf ("%s — %s", attachment->name, media->source_url);
      add_paragraph (document, WARTA_TEXT_SMALL, text);
    }
  add_problems (document, evidence);
}
