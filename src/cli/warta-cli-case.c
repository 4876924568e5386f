/* warta-cli-case.c: warta-cli case …
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-cli-private.h"

static int
case_new (Cli   *cli,
          int    argc,
          char **argv)
{
  static char *sop_id, *title;
  static const GOptionEntry entries[] = {
    { "sop", 0, 0, G_OPTION_ARG_STRING, &sop_id, N_("The SOP to run"), "ID" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The case's title"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  gint64 actor, id;

  if (!_cli_parse (cli, "case new --sop ID --title TEXT --as LOGIN", _("Start a case; prints its id."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (sop_id == NULL || title == NULL)
    return _cli_usage ("%s", _("case new needs --sop and --title"));
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (!(id = warta_engine_start_case (cli->engine, actor, sop_id, title, &error)))
    return _cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return CLI_EXIT_OK;
}

static char *
holder_text (Cli                *cli,
             const WartaStepRun *run)
{
  if (run->assignee != 0)
    return _cli_user_login (cli, run->assignee);
  /* Translators: the step is held by everyone in the lane %s */
  return g_strdup_printf (_("lane:%s"), run->lane);
}

#define LIST_PAGE 500

static void
print_case_line (Cli             *cli,
                 const WartaCase *kase,
                 gint64           now)
{
  g_autofree char *holder = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *standard = NULL;

  if (kase->active == NULL)
    {
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t-\t-\t-\t%s\n", kase->id,
               warta_case_state_to_string (kase->state), kase->sop_id, kase->title);
      return;
    }

  holder = holder_text (cli, kase->active);
  elapsed = warta_format_duration (warta_step_run_get_elapsed (kase->active, now));
  standard = _cli_format_standard (kase->active->standard_min, kase->active->standard_max);
  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s / %s (%s)\t%s\n", kase->id,
           warta_case_state_to_string (kase->state), kase->sop_id, kase->active->step_id,
           holder, elapsed, standard,
           warta_timing_to_string (warta_step_run_get_timing (kase->active, now)),
           kase->title);
}

static int
case_list (Cli   *cli,
           int    argc,
           char **argv)
{
  static char *inbox, *state;
  static const GOptionEntry entries[] = {
    { "inbox", 0, 0, G_OPTION_ARG_STRING, &inbox, N_("Only the cases whose active step is this user's, overdue first"), "LOGIN" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("open, done or rejected"), "STATE" },
    { NULL }
  };
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  WartaCaseQuery query = { .any_state = TRUE };
  WartaCaseKey after;
  gint64 now;

  if (!_cli_parse (cli, "case list [--inbox LOGIN] [--state open|done|rejected]",
                   _("List cases: ID, state, SOP, active step, holder, time against the standard, title."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (state != NULL)
    {
      if (!warta_case_state_from_string (state, &query.state))
        return _cli_usage ("%s", _("--state takes open, done or rejected"));
      query.any_state = FALSE;
    }
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  now = warta_engine_now (cli->engine);
  query.now = now;
  if (inbox != NULL)
    {
      g_autoptr(WartaUser) user = warta_store_find_user (cli->store, inbox, NULL, &error);

      if (user == NULL)
        return _cli_fail (error);
      query.inbox_user = user->id;
    }

  /* A page at a time, each after the last row of the one before: an
   * office's every case is never held at once. */
  do
    {
      g_clear_pointer (&cases, g_ptr_array_unref);
      query.limit = LIST_PAGE;
      if (!(cases = warta_store_list_cases (cli->store, &query, &error)))
        return _cli_fail (error);

      for (guint i = 0; i < cases->len; i++)
        {
          const WartaCase *kase = g_ptr_array_index (cases, i);

          if (query.any_state || kase->state == query.state)
            print_case_line (cli, kase, now);
        }
      if (cases->len > 0)
        warta_store_case_key (&query, g_ptr_array_index (cases, cases->len - 1), &after);
      query.after = &after;
    }
  while (cases->len == LIST_PAGE);

  return CLI_EXIT_OK;
}

static void
add_member_string (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_member_int (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_member_time (JsonBuilder *builder,
                 const char  *name,
                 gint64       usec)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (usec != 0 && (dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC)))
    text = g_date_time_format_iso8601 (dt);
  add_member_string (builder, name, text);
}

static void
add_member_standard (JsonBuilder *builder,
                     int          min,
                     int          max)
{
  json_builder_set_member_name (builder, "standard");
  if (min < 0)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_member_int (builder, "min", min);
  add_member_int (builder, "max", max);
  json_builder_end_object (builder);
}

static int
print_case_json (Cli         *cli,
                 WartaCase   *kase,
                 WartaSop    *sop,
                 WartaNaskah *naskah,
                 GPtrArray   *runs,
                 GPtrArray   *dispositions,
                 gint64       now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created_by = _cli_user_login (cli, kase->created_by);
  gint64 total = 0;
  int sop_min, sop_max;

  json_builder_begin_object (builder);
  add_member_int (builder, "id", kase->id);
  add_member_string (builder, "title", kase->title);
  add_member_string (builder, "sop", kase->sop_id);
  add_member_int (builder, "sop_version", kase->sop_version);
  add_member_string (builder, "state", warta_case_state_to_string (kase->state));
  add_member_string (builder, "created_by", created_by);
  add_member_time (builder, "created_at", kase->created_at);
  add_member_time (builder, "finished_at", kase->finished_at);

  json_builder_set_member_name (builder, "active");
  if (kase->active != NULL)
    {
      const WartaSopStep *step = warta_sop_lookup_step (sop, kase->active->step_id);
      g_autofree char *assignee = kase->active->assignee ? _cli_user_login (cli, kase->active->assignee) : NULL;

      json_builder_begin_object (builder);
      add_member_string (builder, "step", kase->active->step_id);
      add_member_string (builder, "lane", kase->active->lane);
      add_member_string (builder, "action", warta_sop_action_to_string (step->action));
      add_member_string (builder, "text", step->text);
      add_member_string (builder, "assignee", assignee);
      add_member_time (builder, "started_at", kase->active->started_at);
      add_member_int (builder, "elapsed_seconds", warta_step_run_get_elapsed (kase->active, now) / G_USEC_PER_SEC);
      add_member_standard (builder, kase->active->standard_min, kase->active->standard_max);
      add_member_string (builder, "timing", warta_timing_to_id (warta_step_run_get_timing (kase->active, now)));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "naskah");
  json_builder_begin_object (builder);
  add_member_string (builder, "title", naskah->title);
  add_member_string (builder, "body", naskah->body);
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    {
      static const char *names[] = { "who", "what", "when", "where", "why", "how" };

      add_member_string (builder, names[i], naskah->five_w[i]);
    }
  add_member_time (builder, "updated_at", naskah->updated_at);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);
      g_autofree char *by = run->completed_by ? _cli_user_login (cli, run->completed_by) : NULL;
      gint64 elapsed = warta_step_run_get_elapsed (run, now);

      total += elapsed;
      json_builder_begin_object (builder);
      add_member_int (builder, "seq", run->seq);
      add_member_string (builder, "step", run->step_id);
      add_member_string (builder, "lane", run->lane);
      add_member_time (builder, "started_at", run->started_at);
      add_member_time (builder, "completed_at", run->completed_at);
      add_member_string (builder, "completed_by", by);
      add_member_string (builder, "outcome", run->completed_at ? warta_outcome_to_string (run->outcome) : NULL);
      add_member_string (builder, "note", run->note);
      add_member_int (builder, "elapsed_seconds", elapsed / G_USEC_PER_SEC);
      add_member_standard (builder, run->standard_min, run->standard_max);
      add_member_string (builder, "timing", warta_timing_to_id (warta_step_run_get_timing (run, now)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "dispositions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dispositions->len; i++)
    {
      const WartaDisposition *d = g_ptr_array_index (dispositions, i);
      g_autofree char *from = _cli_user_login (cli, d->from_user);
      g_autofree char *to = _cli_user_login (cli, d->to_user);
      g_autofree char *boxes = warta_arahan_boxes_to_string (d->arahan_boxes);

      json_builder_begin_object (builder);
      add_member_string (builder, "from", from);
      add_member_string (builder, "to", to);
      add_member_string (builder, "instruction", d->instruction);
      add_member_string (builder, "sifat", warta_sifat_to_string (d->sifat));
      add_member_string (builder, "arahan_boxes", boxes);
      add_member_time (builder, "at", d->created_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  warta_sop_get_total_standard (sop, &sop_min, &sop_max);
  add_member_int (builder, "total_seconds", total / G_USEC_PER_SEC);
  add_member_int (builder, "sop_total_minutes", sop_max);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  return CLI_EXIT_OK;
}

static int
print_case (Cli         *cli,
            WartaCase   *kase,
            WartaSop    *sop,
            WartaNaskah *naskah,
            GPtrArray   *runs,
            GPtrArray   *dispositions,
            gint64       now)
{
  g_autofree char *total_text = NULL;
  g_autofree char *sop_total = NULL;
  gint64 total = 0;
  int sop_min, sop_max;

  g_print (_("Case %lld: %s\n"), (long long)kase->id, kase->title);
  g_print (_("SOP: %s (version %d) %s\n"), kase->sop_id, kase->sop_version, warta_sop_get_name (sop));
  g_print (_("State: %s\n"), warta_case_state_describe (kase->state));

  if (kase->active != NULL)
    {
      const WartaSopStep *step = warta_sop_lookup_step (sop, kase->active->step_id);
      g_autofree char *holder = holder_text (cli, kase->active);
      g_autofree char *elapsed = warta_format_duration (warta_step_run_get_elapsed (kase->active, now));
      g_autofree char *standard = _cli_format_standard (kase->active->standard_min, kase->active->standard_max);

      g_print (_("Active step: %s (lane %s): %s\n"), step->id, step->lane,
               warta_sop_action_describe (step->action));
      g_print ("  %s\n", step->text);
      g_print (_("  Held by: %s\n"), holder);
      g_print (_("  Elapsed: %s of %s (%s)\n"), elapsed, standard,
               warta_timing_to_string (warta_step_run_get_timing (kase->active, now)));
    }

  if (!warta_naskah_is_empty (naskah) || naskah->updated_at != 0)
    {
      g_print (_("Naskah: %s\n"), naskah->title);
      for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
        if (naskah->five_w[i] != NULL)
          g_print ("  %s: %s\n", warta_5w1h_label (i), naskah->five_w[i]);
    }

  g_print (_("History:\n"));
  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);
      g_autofree char *started = _cli_format_time (run->started_at);
      g_autofree char *completed = _cli_format_time (run->completed_at);
      g_autofree char *by = _cli_user_login (cli, run->completed_by);
      g_autofree char *elapsed = NULL;
      g_autofree char *standard = _cli_format_standard (run->standard_min, run->standard_max);
      gint64 took = warta_step_run_get_elapsed (run, now);

      total += took;
      elapsed = warta_format_duration (took);
      g_print ("  %d\t%s\t%s\t%s → %s\t%s\t%s / %s\t%s%s%s\n", run->seq, run->step_id, run->lane,
               started, completed, by, elapsed, standard,
               warta_outcome_describe (run->outcome),
               run->note ? "\t" : "", run->note ? run->note : "");
    }

  if (dispositions->len > 0)
    g_print (_("Dispositions:\n"));
  for (guint i = 0; i < dispositions->len; i++)
    {
      const WartaDisposition *d = g_ptr_array_index (dispositions, i);
      g_autofree char *from = _cli_user_login (cli, d->from_user);
      g_autofree char *to = _cli_user_login (cli, d->to_user);
      g_autofree char *at = _cli_format_time (d->created_at);
      g_autofree char *boxes = warta_arahan_boxes_to_string (d->arahan_boxes);

      g_print ("  %s\t%s → %s\t%s\t%s%s%s\n", at, from, to, d->instruction, warta_sifat_to_string (d->sifat),
               *boxes != '\0' ? "\t" : "", boxes);
    }

  warta_sop_get_total_standard (sop, &sop_min, &sop_max);
  total_text = warta_format_duration (total);
  sop_total = _cli_format_standard (sop_min, sop_max);
  g_print (_("Total: %s of the SOP's %s\n"), total_text, sop_total);
  return CLI_EXIT_OK;
}

static int
case_show (Cli   *cli,
           int    argc,
           char **argv)
{
  static gboolean json;
  static const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(WartaCase) kase = NULL;
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) dispositions = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, now;

  if (!_cli_parse (cli, "case show ID [--json]",
                   _("Show a case: state, active step, history with times, dispositions."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!(kase = warta_store_get_case (cli->store, id, &error)) ||
      !(sop = warta_engine_get_sop (cli->engine, kase->sop_id, kase->sop_version, &error)) ||
      !(runs = warta_store_list_runs (cli->store, id, &error)) ||
      !(dispositions = warta_store_list_dispositions (cli->store, id, &error)) ||
      !(naskah = warta_store_get_naskah (cli->store, id, &error)))
    return _cli_fail (error);

  now = warta_engine_now (cli->engine);
  if (json)
    return print_case_json (cli, kase, sop, naskah, runs, dispositions, now);
  return print_case (cli, kase, sop, naskah, runs, dispositions, now);
}

typedef enum
{
  ACT_COMPLETE,
  ACT_DECIDE,
  ACT_RETURN,
  ACT_DISPOSE,
} Act;

static int
case_act (Cli   *cli,
          Act    act,
          int    argc,
          char **argv)
{
  static char *note, *to, *reason, *instruction, *sifat_word, *boxes_words, *seen;
  static gboolean yes, no;
  static const GOptionEntry complete_entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note on the work done"), "TEXT" },
    { "step", 0, 0, G_OPTION_ARG_STRING, &seen, N_("The step seen active: refused if another completed it first"), "STEP" },
    { NULL }
  };
  static const GOptionEntry decide_entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Ya: approve"), NULL },
    { "no", 0, 0, G_OPTION_ARG_NONE, &no, N_("Tidak: reject"), NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The reason or a note"), "TEXT" },
    { "step", 0, 0, G_OPTION_ARG_STRING, &seen, N_("The step seen active: refused if another completed it first"), "STEP" },
    { NULL }
  };
  static const GOptionEntry return_entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The earlier step to return to"), "STEP" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it goes back"), "TEXT" },
    { NULL }
  };
  static const GOptionEntry dispose_entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The person who receives the next step"), "LOGIN" },
    { "instruction", 0, 0, G_OPTION_ARG_STRING, &instruction, N_("The instruction (arahan)"), "TEXT" },
    { "sifat", 0, 0, G_OPTION_ARG_STRING, &sifat_word, N_("biasa (the default), segera, sangat-segera or rahasia"), "SIFAT" },
    { "arahan-box", 0, 0, G_OPTION_ARG_STRING, &boxes_words,
      N_("The arahan boxes ticked, separated by commas: tindak-lanjuti, pelajari, koordinasikan, "
         "siapkan-jawaban, ketahui, bicarakan, arsip"), "BOX,…" },
    { "step", 0, 0, G_OPTION_ARG_STRING, &seen, N_("The step seen active: refused if another completed it first"), "STEP" },
    { NULL }
  };
  static const struct
  {
    const char         *usage;
    const char         *summary;
    const GOptionEntry *entries;
  } acts[] = {
    [ACT_COMPLETE] = { "case complete ID --as LOGIN [--note TEXT] [--step STEP]", N_("Complete the active step."), complete_entries },
    [ACT_DECIDE] = { "case decide ID --as LOGIN (--yes|--no) [--note TEXT] [--step STEP]", N_("Decide ya or tidak at a decision step."), decide_entries },
    [ACT_RETURN] = { "case return ID --as LOGIN --to STEP --reason TEXT", N_("Return the case to an earlier step."), return_entries },
    [ACT_DISPOSE] = { "case dispose ID --as LOGIN --to LOGIN --instruction TEXT [--sifat SIFAT] [--arahan-box BOX,…] [--step STEP]", N_("Dispose the next step to a person with an instruction."), dispose_entries },
  };
  g_autoptr(GError) error = NULL;
  WartaSifat sifat = WARTA_SIFAT_BIASA;
  guint boxes = 0;
  gint64 id, actor;
  gboolean ok = FALSE;

  if (!_cli_parse (cli, acts[act].usage, _(acts[act].summary), acts[act].entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (act == ACT_DECIDE && yes == no)
    return _cli_usage ("%s", _("case decide needs exactly one of --yes and --no"));
  if (act == ACT_RETURN && to == NULL)
    return _cli_usage ("%s", _("case return needs --to STEP"));
  if (act == ACT_RETURN && reason == NULL)
    return _cli_usage ("%s", _("case return needs --reason"));
  if (act == ACT_DISPOSE && to == NULL)
    return _cli_usage ("%s", _("case dispose needs --to LOGIN"));
  if (act == ACT_DISPOSE && instruction == NULL)
    return _cli_usage ("%s", _("case dispose needs --instruction"));
  if (act == ACT_DISPOSE && sifat_word != NULL && !warta_sifat_from_string (sifat_word, &sifat))
    return _cli_usage (_("“%s” is not a sifat: say biasa, segera, sangat-segera or rahasia"), sifat_word);
  if (act == ACT_DISPOSE && !warta_arahan_boxes_from_string (boxes_words, &boxes, &error))
    return _cli_usage ("%s", error->message);
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));

  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  switch (act)
    {
    case ACT_COMPLETE:
      ok = warta_engine_complete_step (cli->engine, actor, id, seen, note, &error);
      break;
    case ACT_DECIDE:
      ok = warta_engine_decide_step (cli->engine, actor, id, seen, yes, note, &error);
      break;
    case ACT_RETURN:
      ok = warta_engine_return (cli->engine, actor, id, to, reason, &error);
      break;
    case ACT_DISPOSE:
      {
        g_autoptr(WartaUser) target = warta_store_find_user (cli->store, to, NULL, &error);

        ok = target != NULL &&
             warta_engine_dispose_step (cli->engine, actor, id, seen, target->id, instruction, sifat, boxes, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  return ok ? CLI_EXIT_OK : _cli_fail (error);
}

/* g_set_str() is GLib 2.76, newer than Debian 12's. */
static void
replace_text (char       **field,
              const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

static int
case_naskah (Cli   *cli,
             int    argc,
             char **argv)
{
  static char *title, *body, *body_file;
  static char *answers[WARTA_5W1H_N_FIELDS];
  static const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The naskah's title"), "TEXT" },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("The body, in Markdown"), "TEXT" },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Read the body from this file"), "FILE" },
    { "who", 0, 0, G_OPTION_ARG_STRING, &answers[WARTA_5W1H_WHO], N_("5W+1H: who"), "TEXT" },
    { "what", 0, 0, G_OPTION_ARG_STRING, &answers[WARTA_5W1H_WHAT], N_("5W+1H: what"), "TEXT" },
    { "when", 0, 0, G_OPTION_ARG_STRING, &answers[WARTA_5W1H_WHEN], N_("5W+1H: when"), "TEXT" },
    { "where", 0, 0, G_OPTION_ARG_STRING, &answers[WARTA_5W1H_WHERE], N_("5W+1H: where"), "TEXT" },
    { "why", 0, 0, G_OPTION_ARG_STRING, &answers[WARTA_5W1H_WHY], N_("5W+1H: why"), "TEXT" },
    { "how", 0, 0, G_OPTION_ARG_STRING, &answers[WARTA_5W1H_HOW], N_("5W+1H: how"), "TEXT" },
    { NULL }
  };
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_body = NULL;
  gint64 id, actor;

  if (!_cli_parse (cli, "case naskah ID --as LOGIN [--title TEXT] [--body TEXT|--body-file FILE] [--who … --how TEXT]",
                   _("Write the naskah of a case; fields not given keep their text."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (body != NULL && body_file != NULL)
    return _cli_usage ("%s", _("give --body or --body-file, not both"));
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (body_file != NULL && !g_file_get_contents (body_file, &file_body, NULL, &error))
    return _cli_fail (error);
  if (file_body != NULL && !g_utf8_validate (file_body, -1, NULL))
    {
      g_printerr (_("warta-cli: %s is not UTF-8 text\n"), body_file);
      return CLI_EXIT_FAILED;
    }

  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (!(naskah = warta_store_get_naskah (cli->store, id, &error)))
    return _cli_fail (error);
  if (title != NULL)
    replace_text (&naskah->title, title);
  if (body != NULL || file_body != NULL)
    replace_text (&naskah->body, body ? body : file_body);
  for (guint i = 0; i < WARTA_5W1H_N_FIELDS; i++)
    if (answers[i] != NULL)
      replace_text (&naskah->five_w[i], answers[i]);

  if (!warta_engine_save_naskah (cli->engine, actor, naskah, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

int
_cli_case (Cli   *cli,
           int    argc,
           char **argv)
{
  static const char *names[] = { "complete", "decide", "return", "dispose" };
  int at = -1;

  /* The subcommand is the first word that is not an option or its value. */
  for (int i = 1; i < argc && at < 0; i++)
    {
      if (g_str_has_prefix (argv[i], "--") && strchr (argv[i], '=') == NULL &&
          !g_str_equal (argv[i], "--json") && !g_str_equal (argv[i], "--yes") &&
          !g_str_equal (argv[i], "--no"))
        i++;
      else if (argv[i][0] != '-')
        at = i;
    }

  if (at < 0)
    return _cli_usage ("%s", _("usage: warta-cli case new|list|show|naskah|complete|decide|return|dispose|hand-over …"));

  {
    const char *word = argv[at];

    memmove (&argv[at], &argv[at + 1], (argc - at) * sizeof (char *));
    argc--;

    if (g_str_equal (word, "new"))
      return case_new (cli, argc, argv);
    if (g_str_equal (word, "list"))
      return case_list (cli, argc, argv);
    if (g_str_equal (word, "show"))
      return case_show (cli, argc, argv);
    if (g_str_equal (word, "naskah"))
      return case_naskah (cli, argc, argv);
    if (g_str_equal (word, "hand-over"))
      return _cli_case_hand_over (cli, argc, argv);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (word, names[i]))
        return case_act (cli, (Act)i, argc, argv);

    return _cli_usage (_("unknown command “case %s”"), word);
  }
}
