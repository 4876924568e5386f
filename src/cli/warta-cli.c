/* warta-cli.c: Warta's engine for scripts, cron and tests
 *
 * Exit status: 0 on success, 1 when the action is refused or fails (the
 * reason on stderr), 2 on a usage error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "warta-cli-private.h"
#include "warta-evidence.h"

static char *opt_db;
static char *opt_as;

static const GOptionEntry global_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db,
    N_("The database: a file (default: in the user's data folder), or an office server's postgresql:// URI"),
    "PATH|URI" },
  { "as", 0, 0, G_OPTION_ARG_STRING, &opt_as, N_("Act as this user; the password comes from WARTA_PASSWORD or the terminal"), "LOGIN" },
  { NULL }
};

int
_cli_fail (const GError *error)
{
  g_printerr ("warta-cli: %s\n", error->message);
  return CLI_EXIT_FAILED;
}

int
_cli_dispatch (Cli                 *cli,
               int                  argc,
               char               **argv,
               const CliSubcommand *subcommands,
               guint                n_subcommands,
               const char          *usage)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "--as"))
        {
          i++;
          continue;
        }
      if (argv[i][0] == '-')
        continue;
      for (guint j = 0; j < n_subcommands; j++)
        if (g_str_equal (argv[i], subcommands[j].name))
          {
            memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
            return subcommands[j].func (cli, argc - 1, argv);
          }
      break;
    }

  return _cli_usage ("%s", usage);
}

int
_cli_usage (const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("warta-cli: %s\n", message);
  g_printerr (_("Run “warta-cli --help” for the commands.\n"));
  return CLI_EXIT_USAGE;
}

gboolean
_cli_parse (Cli                *cli,
            const char         *usage,
            const char         *summary,
            const GOptionEntry *entries,
            int                *argc,
            char             ***argv,
            int                 min_args,
            int                 max_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;
  int n_args;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _cli_usage ("%s", error->message);
      return FALSE;
    }

  /* argv[0] is the command itself */
  n_args = *argc - 1;
  if (n_args < min_args || (max_args >= 0 && n_args > max_args))
    {
      _cli_usage (_("usage: warta-cli %s"), usage);
      return FALSE;
    }

  if (opt_db != NULL)
    {
      g_free (cli->db_path);
      cli->db_path = g_strdup (opt_db);
    }
  if (opt_as != NULL)
    {
      g_free (cli->as_login);
      cli->as_login = g_strdup (opt_as);
    }

  return TRUE;
}

gboolean
_cli_open (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->db_path == NULL)
    cli->db_path = warta_store_default_path ();

  /* On an office server a person signs in to the server itself, with
   * their own login: the password is asked before the connection */
  if (warta_store_is_server (cli->db_path) && cli->as_login != NULL)
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), cli->as_login);

      if (!(cli->password = _cli_get_password ("WARTA_PASSWORD", prompt)))
        {
          g_printerr (_("warta-cli: no password for %s: set WARTA_PASSWORD or run on a terminal\n"), cli->as_login);
          return FALSE;
        }
      if (!(cli->engine = warta_engine_open_server (cli->db_path, cli->as_login, cli->password, &error)))
        {
          _cli_fail (error);
          return FALSE;
        }
      cli->store = g_object_ref (warta_engine_get_store (cli->engine));
      warta_evidence_set_keep_bukti (cli->engine, TRUE);
      return TRUE;
    }

  if (!(cli->store = warta_store_open (cli->db_path, &error)))
    {
      _cli_fail (error);
      return FALSE;
    }
  /* That others could read the database, and what was done about it */
  if (warta_store_get_warning (cli->store) != NULL)
    g_printerr ("warta-cli: %s\n", warta_store_get_warning (cli->store));

  cli->engine = warta_engine_new (cli->store);
  warta_evidence_set_keep_bukti (cli->engine, TRUE);
  return TRUE;
}

/* A line from the terminal with echo off. */
static char *
read_secret (const char *prompt)
{
  struct termios saved, quiet;
  char buffer[1024];
  gboolean restored = FALSE;
  char *line;

  if (!isatty (STDIN_FILENO))
    return NULL;

  g_printerr ("%s", prompt);
  if (tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      restored = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }

  line = fgets (buffer, sizeof buffer, stdin);
  if (restored)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");

  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  return g_strdup (buffer);
}

char *
_cli_read_secret (const char *prompt)
{
  return read_secret (prompt);
}

char *
_cli_get_password (const char *variable,
                   const char *prompt)
{
  const char *value = g_getenv (variable);

  if (value != NULL)
    return g_strdup (value);
  return read_secret (prompt);
}

char *
_cli_get_new_password (const char *login)
{
  g_autofree char *prompt = g_strdup_printf (_("New password for %s: "), login);
  g_autofree char *password = NULL;

  if (!(password = _cli_get_password ("WARTA_NEW_PASSWORD", prompt)))
    {
      g_printerr (_("warta-cli: no password for the new user: set WARTA_NEW_PASSWORD or run on a terminal\n"));
      return NULL;
    }
  if (g_getenv ("WARTA_NEW_PASSWORD") == NULL)
    {
      g_autofree char *again = read_secret (_("Repeat the password: "));

      if (g_strcmp0 (again, password) != 0)
        {
          g_printerr (_("warta-cli: the passwords differ\n"));
          return NULL;
        }
    }
  return g_steal_pointer (&password);
}

gint64
_cli_authenticate (Cli      *cli,
                   gboolean  required)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *prompt = NULL;
  gint64 id;

  if (cli->as_login == NULL)
    {
      if (required)
        _cli_usage ("%s", _("this command needs --as LOGIN"));
      return 0;
    }

  /* On an office server the server checked it as --as connected */
  if (warta_store_get_login (cli->store) != NULL)
    {
      if (!(id = warta_engine_authenticate (cli->engine, cli->as_login, NULL, &error)))
        {
          _cli_fail (error);
          return -1;
        }
      return id;
    }

  prompt = g_strdup_printf (_("Password for %s: "), cli->as_login);
  if (cli->password != NULL)
    password = g_strdup (cli->password);
  else if (!(password = _cli_get_password ("WARTA_PASSWORD", prompt)))
    {
      g_printerr (_("warta-cli: no password for %s: set WARTA_PASSWORD or run on a terminal\n"), cli->as_login);
      return -1;
    }

  if (!(id = warta_engine_authenticate (cli->engine, cli->as_login, password, &error)))
    {
      _cli_fail (error);
      if (g_error_matches (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_MUST_CHANGE_PASSWORD))
        g_printerr (_("warta-cli: choose it with “warta-cli user password %s” (the current password from "
                      "WARTA_PASSWORD, the new one from WARTA_NEW_PASSWORD or the terminal)\n"), cli->as_login);
      return -1;
    }

  return id;
}

gboolean
_cli_parse_id (const char *text,
               gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64)value;
  return TRUE;
}

char *
_cli_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return g_strdup ("-");
  dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

char *
_cli_format_standard (int min,
                      int max)
{
  char *text = warta_format_standard (min, max);

  return text ? text : g_strdup (_("none"));
}

char *
_cli_user_login (Cli    *cli,
                 gint64  id)
{
  g_autoptr(WartaUser) user = NULL;

  if (id == 0)
    return g_strdup ("-");
  user = warta_store_get_user (cli->store, id, NULL);
  return user ? g_strdup (user->login) : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

static int
cmd_init (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (!_cli_parse (cli, "init", _("Create or migrate the database and import the shipped SOPs."),
                   NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!warta_engine_install_sops (cli->engine, warta_sop_get_shipped_dir (), imported, &error))
    return _cli_fail (error);

  g_print (_("Database %s (schema %d)\n"), warta_store_get_path (cli->store),
           warta_store_get_schema_version (cli->store));
  for (guint i = 0; i < imported->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (imported, i), "\t", 2);

      g_print (_("SOP %s: version %s\n"), parts[0], parts[1]);
    }

  return CLI_EXIT_OK;
}

static int
cmd_sop_list (Cli   *cli,
              int    argc,
              char **argv)
{
  static gboolean versions = FALSE;
  static const GOptionEntry entries[] = {
    { "versions", 0, 0, G_OPTION_ARG_NONE, &versions, N_("Every version: ID, version, steps, name"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) sops = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cli_parse (cli, "sop list [--versions]",
                   _("List the SOPs: ID, steps, name, and “retired” after a retired one."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!(sops = versions ? warta_store_list_sop_versions (cli->store, &error) : warta_store_list_sops (cli->store, &error)))
    return _cli_fail (error);

  /* Scripts read the columns: "retired" is a word of its own, untranslated. */
  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);

      if (versions)
        g_print ("%s\t%d\t%d\t%s%s\n", info->id, info->version, info->n_steps, info->name,
                 info->retired ? "\tretired" : "");
      else
        g_print ("%s\t%d\t%s%s\n", info->id, info->n_steps, info->name, info->retired ? "\tretired" : "");
    }

  return CLI_EXIT_OK;
}

static void
print_list (const char *title,
            GStrv       items)
{
  if (items == NULL || items[0] == NULL)
    return;

  g_print ("%s:\n", title);
  for (guint i = 0; items[i] != NULL; i++)
    g_print ("  %u. %s\n", i + 1, items[i]);
}

static void
print_field (const char *title,
             const char *value)
{
  if (value != NULL)
    g_print ("%s: %s\n", title, value);
}

static void
print_sop (WartaSop *sop)
{
  const WartaSopHeader *h = warta_sop_get_header (sop);
  g_autofree char *approved = NULL;
  g_autofree char *total = NULL;
  int total_min, total_max;

  print_field (_("SOP"), h->name);
  g_print ("%s: %s (%s %d)\n", _("ID"), warta_sop_get_id (sop), _("version"), warta_sop_get_version (sop));
  print_field (_("Number"), h->number);
  print_field (_("Office"), h->office);
  print_field (_("Made"), h->made);
  print_field (_("Revised"), h->revised);
  print_field (_("Revision"), h->revision);
  print_field (_("Effective"), h->effective);
  if (h->approved_name || h->approved_position)
    {
      approved = g_strjoin (", ",
                            h->approved_position ? h->approved_position : h->approved_name,
                            h->approved_position ? h->approved_name : NULL,
                            NULL);
      print_field (_("Approved by"), approved);
      if (h->approved_nip)
        print_field (_("NIP"), h->approved_nip);
    }
  print_list (_("Legal basis"), h->legal_basis);
  print_list (_("Qualifications"), h->qualifications);
  print_list (_("Related SOPs"), h->related);
  print_list (_("Equipment"), h->equipment);
  print_list (_("Warnings"), h->warnings);
  print_list (_("Records"), h->records);

  g_print ("%s:\n", _("Lanes"));
  for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
    {
      const WartaSopLane *lane = warta_sop_get_lane (sop, i);

      g_print ("  %s\t%s\n", lane->id, lane->name);
    }

  g_print ("%s:\n", _("Steps"));
  for (guint i = 0; i < warta_sop_get_n_steps (sop); i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);
      g_autofree char *standard = _cli_format_standard (step->standard_min, step->standard_max);

      g_print ("  %s\t[%s]\t%s\t%s: %s\n", step->id, warta_sop_action_to_string (step->action),
               step->lane, _("standard"), standard);
      g_print ("\t%s\n", step->text);
      for (guint j = 0; j < step->requirements->len; j++)
        {
          const WartaSopRequirement *req = g_ptr_array_index (step->requirements, j);

          if (req->attachment)
            g_print ("\t%s: %s [%s]\n", _("requirement"), req->text, req->attachment);
          else
            g_print ("\t%s: %s\n", _("requirement"), req->text);
        }
      if (step->output)
        g_print ("\t%s: %s\n", _("output"), step->output);
      if (warta_sop_step_is_decision (step))
        g_print ("\tya → %s, tidak → %s\n", step->yes, step->no);
      else if (step->next)
        g_print ("\t%s → %s\n", _("next"), step->next);
      else
        g_print ("\t%s: %s\n", _("end"),
                 warta_case_state_describe (step->end == WARTA_SOP_END_REJECTED ? WARTA_CASE_REJECTED : WARTA_CASE_DONE));
    }

  warta_sop_get_total_standard (sop, &total_min, &total_max);
  total = _cli_format_standard (total_min, total_max);
  g_print ("%s: %s\n", _("Total standard"), total);
}

static int
cmd_sop_show (Cli   *cli,
              int    argc,
              char **argv)
{
  static gboolean json = FALSE;
  static int version = 0;
  static const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("This version instead of the latest"), "N" },
    { NULL }
  };
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cli_parse (cli, "sop show ID [--json]", _("Show an SOP: header, lanes, steps."), entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!(sop = warta_engine_get_sop (cli->engine, argv[1], version, &error)))
    return _cli_fail (error);

  if (json)
    {
      g_autofree char *text = warta_sop_to_json (sop);

      g_print ("%s\n", text);
    }
  else
    print_sop (sop);

  return CLI_EXIT_OK;
}

static int
cmd_sop_validate (Cli   *cli,
                  int    argc,
                  char **argv)
{
  int status = CLI_EXIT_OK;

  if (!_cli_parse (cli, "sop validate FILE…", _("Check SOP files; print FILE:LINE:COLUMN: message for each problem."),
                   NULL, &argc, &argv, 1, -1))
    return CLI_EXIT_USAGE;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WartaSop) sop = warta_sop_new_from_file (argv[i], &error);

      if (sop == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = CLI_EXIT_FAILED;
        }
    }

  return status;
}

static int
cmd_sop_import (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(WartaSop) sop = NULL;
  g_autoptr(GError) error = NULL;
  gint64 actor;
  int version = 0;

  if (!_cli_parse (cli, "sop import FILE [--as LOGIN]",
                   _("Add an SOP, or a new version of one. Once the database has users, this needs an administrator."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  if (!(sop = warta_sop_new_from_file (argv[1], &error)))
    {
      g_printerr ("%s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, FALSE)) < 0)
    return CLI_EXIT_FAILED;

  if (!warta_engine_import_sop (cli->engine, actor, sop, &version, &error))
    return _cli_fail (error);

  g_print (_("SOP %s: version %d\n"), warta_sop_get_id (sop), version);
  return CLI_EXIT_OK;
}

static int
cmd_role_add (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 actor;

  if (!_cli_parse (cli, "role add ID NAME [--as LOGIN]", _("Add a role."), NULL, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, FALSE)) < 0)
    return CLI_EXIT_FAILED;

  if (!warta_engine_add_role (cli->engine, actor, argv[1], argv[2], &error))
    return _cli_fail (error);

  return CLI_EXIT_OK;
}

/* The office's city, where its papers are signed: shown, or set by an
 * administrator. */
static int
cmd_office_city (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  gint64 actor;

  if (!_cli_parse (cli, "office city [CITY --as LOGIN]",
                   _("Show or set the office's city, where its papers are signed (\"Medan, 7 Desember 2026\")."),
                   NULL, &argc, &argv, 0, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (argc < 2)
    {
      city = warta_store_get_setting (cli->store, WARTA_SETTING_OFFICE_CITY);
      g_print ("%s\n", !warta_text_is_blank (city) ? city : "-");
      return CLI_EXIT_OK;
    }
  if ((actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  if (!warta_engine_set_office_city (cli->engine, actor, argv[1], &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

static int
cmd_user_add (Cli   *cli,
              int    argc,
              char **argv)
{
  static char *name, *nip, *jabatan, *pangkat;
  static char **roles;
  static const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "nip", 0, 0, G_OPTION_ARG_STRING, &nip, N_("NIP"), "NIP" },
    { "jabatan", 0, 0, G_OPTION_ARG_STRING, &jabatan, N_("Position (jabatan)"), "TEXT" },
    { "pangkat", 0, 0, G_OPTION_ARG_STRING, &pangkat, N_("Rank and grade (pangkat/golongan)"), "TEXT" },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, N_("A role; repeat for several"), "ROLE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  WartaUser user = { 0 };
  gint64 actor, id;

  if (!_cli_parse (cli, "user add LOGIN --name NAME [--nip NIP] [--jabatan TEXT] [--pangkat TEXT] --role ROLE [--role ROLE…] [--as LOGIN]",
                   _("Add a user. The password comes from WARTA_NEW_PASSWORD or the terminal."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (name == NULL)
    return _cli_usage ("%s", _("user add needs --name"));
  if (roles == NULL || roles[0] == NULL)
    return _cli_usage ("%s", _("user add needs at least one --role"));

  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, FALSE)) < 0)
    return CLI_EXIT_FAILED;

  if (!(password = _cli_get_new_password (argv[1])))
    return CLI_EXIT_FAILED;

  user.login = argv[1];
  user.full_name = name;
  user.nip = nip;
  user.jabatan = jabatan;
  user.pangkat = pangkat;
  user.roles = roles;
  if (!(id = warta_engine_add_user (cli->engine, actor, &user, password, &error)))
    return _cli_fail (error);

  return CLI_EXIT_OK;
}

static int
cmd_user_list (Cli   *cli,
               int    argc,
               char **argv)
{
  static char *role;
  static const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Only users with this role"), "ROLE" },
    { NULL }
  };
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cli_parse (cli, "user list [--role ROLE]",
                   _("List users: login, name, NIP, jabatan, pangkat, roles (“(admin)” after an administrator, "
                     "“(inactive)” after a deactivated person)."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!(users = warta_store_list_users (cli->store, role, &error)))
    return _cli_fail (error);

  for (guint i = 0; i < users->len; i++)
    {
      const WartaUser *user = g_ptr_array_index (users, i);
      g_autofree char *roles_text = g_strjoinv (",", user->roles);

      g_print ("%s\t%s\t%s\t%s\t%s\t%s%s%s\n", user->login, user->full_name,
               user->nip ? user->nip : "-", user->jabatan ? user->jabatan : "-",
               user->pangkat ? user->pangkat : "-",
               roles_text, user->is_admin ? " (admin)" : "", user->inactive ? " (inactive)" : "");
    }

  return CLI_EXIT_OK;
}

static int
cmd_journal_verify (Cli   *cli,
                    int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 n_events = 0;

  if (!_cli_parse (cli, "journal verify", _("Check the journal's hash chain."), NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!warta_journal_verify (cli->store, &n_events, NULL, &error))
    return _cli_fail (error);

  g_print (_("journal ok: %lld events\n"), (long long)n_events);
  return CLI_EXIT_OK;
}

static const struct
{
  const char *group;
  const char *name;
  CliCommand  func;
  const char *usage;
} commands[] = {
  { "init", NULL, cmd_init, "init" },
  { "sop", "list", cmd_sop_list, "sop list [--versions]" },
  { "sop", "show", cmd_sop_show, "sop show ID [--json]" },
  { "sop", "validate", cmd_sop_validate, "sop validate FILE…" },
  { "sop", "import", cmd_sop_import, "sop import FILE [--as LOGIN]" },
  { "sop", "retire", _cli_sop_retire, "sop retire ID --as LOGIN" },
  { "sop", "restore", _cli_sop_restore, "sop restore ID --as LOGIN" },
  { "sop", "export", _cli_sop_export, "sop export ID [--version N] FILE" },
  { "role", "add", cmd_role_add, "role add ID NAME [--as LOGIN]" },
  { "role", "rename", _cli_role_rename, "role rename ID NAME --as LOGIN" },
  { "role", "list", _cli_role_list, "role list" },
  { "office", "city", cmd_office_city, "office city [CITY --as LOGIN]" },
  { "office", "set", _cli_office_set, "office set [--name TEXT] [--address TEXT] [--kop-line TEXT…] [--logo FILE | --no-logo] --as LOGIN" },
  { "office", "show", _cli_office_show, "office show" },
  { "office", "init-server", _cli_office_init_server, "office init-server --to URI [--name NAME] --admin LOGIN [--full-name NAME]" },
  { "office", "move", _cli_office_move, "office move --to URI --passwords FILE [--db PATH]" },
  { "user", "add", cmd_user_add, "user add LOGIN --name NAME [--nip NIP] [--jabatan TEXT] [--pangkat TEXT] --role ROLE… [--as LOGIN]" },
  { "user", "list", cmd_user_list, "user list [--role ROLE]" },
  { "user", "edit", _cli_user_edit, "user edit LOGIN [--login NEW] [--name NAME] [--nip NIP] [--jabatan TEXT] [--pangkat TEXT] [--role ROLE…] [--admin|--no-admin] --as LOGIN" },
  { "user", "deactivate", _cli_user_deactivate, "user deactivate LOGIN --as LOGIN" },
  { "user", "activate", _cli_user_activate, "user activate LOGIN --as LOGIN" },
  { "user", "password", _cli_user_password, "user password LOGIN [--as ADMIN]" },
  { "case", NULL, _cli_case, "case new|list|show|naskah|complete|decide|return|dispose|hand-over …" },
  { "attach", NULL, _cli_attach, "attach CASE FILE --as LOGIN [--kind KIND]" },
  { "attachment", NULL, _cli_attachment, "attachment list CASE [--json] | export ID FILE | remove ID --as LOGIN | limit [SIZE --as LOGIN]" },
  { "site", NULL, _cli_site, "site add NAME --url URL --user USER [--credentials-file FILE] --as LOGIN | list | test NAME" },
  { "publish", NULL, _cli_publish, "publish CASE (--site NAME | --manual-url URL) --as LOGIN [--status STATUS] [--date ISO8601] [--timeout SECONDS]" },
  { "verify", NULL, _cli_verify, "verify CASE" },
  { "withdraw", NULL, _cli_withdraw, "withdraw CASE (--site NAME | --manual-url URL) --reason TEXT [--trash] --as LOGIN" },
  { "evidence", NULL, _cli_evidence, "evidence CASE --output FILE.pdf [--document bukti|disposisi|artikel] --as LOGIN" },
  { "archive", NULL, _cli_archive, "archive export CASE DIR --as LOGIN | check DIR" },
  { "journal", "verify", cmd_journal_verify, "journal verify" },
};

static int
print_help (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: warta-cli [--db PATH] [--as LOGIN] COMMAND …"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  warta-cli %s\n", commands[i].usage);
  fprintf (stream, "\n%s\n", _("Exit status: 0 done, 1 refused or failed, 2 usage error."));
  return stream == stdout ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

/* The first argument that is neither an option nor an option's value. */
static int
find_word (int    argc,
           char **argv,
           int    from)
{
  for (int i = from; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "--as"))
        i++;
      else if (argv[i][0] != '-')
        return i;
    }

  return -1;
}

int
main (int    argc,
      char **argv)
{
  Cli cli = { 0 };
  const char *localedir = g_getenv ("WARTA_LOCALEDIR");
  int group_at, name_at, status;

  setlocale (LC_ALL, "");
  g_set_prgname ("warta-cli");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  group_at = find_word (argc, argv, 1);
  if (group_at < 0)
    {
      for (int i = 1; i < argc; i++)
        if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
          return print_help (stdout);
      return print_help (stderr);
    }

  name_at = find_word (argc, argv, group_at + 1);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[group_at], commands[i].group))
        continue;
      if (commands[i].name != NULL &&
          (name_at < 0 || !g_str_equal (argv[name_at], commands[i].name)))
        continue;

      /* The command sees argv without its words, the first word as argv[0]. */
      if (commands[i].name != NULL)
        {
          memmove (&argv[name_at], &argv[name_at + 1], (argc - name_at) * sizeof (char *));
          argc--;
        }
      argv[0] = argv[group_at];
      memmove (&argv[group_at], &argv[group_at + 1], (argc - group_at) * sizeof (char *));
      argc--;
      argv[0] = (char *)commands[i].usage;

      status = commands[i].func (&cli, argc, argv);
      g_clear_object (&cli.engine);
      g_clear_object (&cli.store);
      g_free (cli.db_path);
      g_free (cli.as_login);
      g_free (cli.password);
      return status;
    }

  return _cli_usage (_("unknown command “%s”"), argv[group_at]);
}
