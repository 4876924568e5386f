/* warta-cli-people.c: warta-cli user edit|deactivate|activate|password,
 * role rename|list and case hand-over
 *
 * Passwords never come on the command line: from WARTA_PASSWORD and
 * WARTA_NEW_PASSWORD, or asked on the terminal without echo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-cli-private.h"

static WartaUser *
find_user (Cli         *cli,
           const char  *login)
{
  g_autoptr(GError) error = NULL;
  WartaUser *user = warta_store_find_user (cli->store, login, NULL, &error);

  if (user == NULL)
    _cli_fail (error);
  return user;
}

/* A new password from WARTA_NEW_PASSWORD, else typed twice on the
 * terminal. */
static char *
get_new_password (const char *login)
{
  g_autofree char *prompt = g_strdup_printf (_("New password for %s: "), login);
  g_autofree char *password = NULL;
  g_autofree char *again = NULL;

  if (!(password = _cli_get_password ("WARTA_NEW_PASSWORD", prompt)))
    {
      g_printerr (_("warta-cli: no new password for %s: set WARTA_NEW_PASSWORD or run on a terminal\n"), login);
      return NULL;
    }
  if (g_getenv ("WARTA_NEW_PASSWORD") == NULL)
    {
      again = _cli_read_secret (_("Repeat the password: "));
      if (g_strcmp0 (again, password) != 0)
        {
          g_printerr (_("warta-cli: the passwords differ\n"));
          return NULL;
        }
    }
  return g_steal_pointer (&password);
}

int
_cli_user_edit (Cli   *cli,
                int    argc,
                char **argv)
{
  static char *login, *name, *nip, *jabatan, *pangkat;
  static char **roles;
  static gboolean admin, no_admin;
  static const GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, N_("A new login"), "LOGIN" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "nip", 0, 0, G_OPTION_ARG_STRING, &nip, N_("NIP (18 digits; \"\" for none)"), "NIP" },
    { "jabatan", 0, 0, G_OPTION_ARG_STRING, &jabatan, N_("Position (jabatan)"), "TEXT" },
    { "pangkat", 0, 0, G_OPTION_ARG_STRING, &pangkat, N_("Rank and grade (pangkat/golongan)"), "TEXT" },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, N_("A role, replacing the person's roles; repeat for several"), "ROLE" },
    { "admin", 0, 0, G_OPTION_ARG_NONE, &admin, N_("Make the person an administrator"), NULL },
    { "no-admin", 0, 0, G_OPTION_ARG_NONE, &no_admin, N_("The person is no longer an administrator"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) user = NULL;
  WartaUser edited;
  gint64 actor;

  if (!_cli_parse (cli, "user edit LOGIN [--login NEW] [--name NAME] [--nip NIP] [--jabatan TEXT] [--pangkat TEXT] "
                   "[--role ROLE…] [--admin|--no-admin] --as LOGIN",
                   _("Change a person's details; what is not given stays as it is."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (admin && no_admin)
    return _cli_usage ("%s", _("user edit takes --admin or --no-admin, not both"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  if (!(user = find_user (cli, argv[1])))
    return CLI_EXIT_FAILED;

  edited = *user;
  if (login != NULL)
    edited.login = login;
  if (name != NULL)
    edited.full_name = name;
  if (nip != NULL)
    edited.nip = nip[0] != '\0' ? nip : NULL;
  if (jabatan != NULL)
    edited.jabatan = jabatan[0] != '\0' ? jabatan : NULL;
  if (pangkat != NULL)
    edited.pangkat = pangkat[0] != '\0' ? pangkat : NULL;
  if (roles != NULL)
    edited.roles = roles;
  if (admin || no_admin)
    edited.is_admin = admin;

  if (!warta_engine_edit_user (cli->engine, actor, &edited, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

static int
set_active (Cli       *cli,
            int        argc,
            char     **argv,
            gboolean   active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) user = NULL;
  gint64 actor;

  if (!_cli_parse (cli, active ? "user activate LOGIN --as LOGIN" : "user deactivate LOGIN --as LOGIN",
                   active ? _("Let a deactivated person sign in again.")
                          : _("Deactivate a person: they can no longer sign in; their history stays."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  if (!(user = find_user (cli, argv[1])))
    return CLI_EXIT_FAILED;

  if (!warta_engine_set_user_active (cli->engine, actor, user->id, active, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

int
_cli_user_deactivate (Cli   *cli,
                      int    argc,
                      char **argv)
{
  return set_active (cli, argc, argv, FALSE);
}

int
_cli_user_activate (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return set_active (cli, argc, argv, TRUE);
}

/* An administrator (--as someone else) sets another person's password,
 * which they must replace at their next sign-in; without --as, or as
 * oneself, a person changes their own with the old one. */
int
_cli_user_password (Cli   *cli,
                    int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_password = NULL;
  g_autofree char *new_password = NULL;
  g_autofree char *prompt = NULL;
  const char *login;

  if (!_cli_parse (cli, "user password LOGIN [--as ADMIN]",
                   _("Change one's own password (the current one from WARTA_PASSWORD or the terminal), or, as an "
                     "administrator, set another person's, who then chooses their own at the next sign-in. The new "
                     "password comes from WARTA_NEW_PASSWORD or the terminal."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  login = argv[1];

  if (cli->as_login != NULL && !g_str_equal (cli->as_login, login))
    {
      g_autoptr(WartaUser) user = NULL;
      gint64 actor;

      if ((actor = _cli_authenticate (cli, TRUE)) <= 0)
        return CLI_EXIT_FAILED;
      if (!(user = find_user (cli, login)) || !(new_password = get_new_password (login)))
        return CLI_EXIT_FAILED;
      if (!warta_engine_set_password (cli->engine, actor, user->id, new_password, &error))
        return _cli_fail (error);
      g_print (_("%s must choose their own password at the next sign-in\n"), login);
      return CLI_EXIT_OK;
    }

  prompt = g_strdup_printf (_("Current password for %s: "), login);
  if (!(old_password = _cli_get_password ("WARTA_PASSWORD", prompt)))
    {
      g_printerr (_("warta-cli: no current password for %s: set WARTA_PASSWORD or run on a terminal\n"), login);
      return CLI_EXIT_FAILED;
    }
  if (!(new_password = get_new_password (login)))
    return CLI_EXIT_FAILED;
  if (!warta_engine_change_password (cli->engine, login, old_password, new_password, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

int
_cli_role_rename (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 actor;

  if (!_cli_parse (cli, "role rename ID NAME --as LOGIN",
                   _("Rename a role; its id, which SOP lanes use, stays."), NULL, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (!warta_engine_rename_role (cli->engine, actor, argv[1], argv[2], &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

int
_cli_role_list (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  if (!_cli_parse (cli, "role list", _("List the roles: id, name, the people who hold it (“(inactive)” after "
                                        "a deactivated one)."),
                   NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  if (!(roles = warta_store_list_roles (cli->store, &error)))
    return _cli_fail (error);

  for (guint i = 0; i < roles->len; i++)
    {
      const WartaRole *role = g_ptr_array_index (roles, i);
      g_autoptr(GPtrArray) users = NULL;
      g_autoptr(GString) holders = g_string_new (NULL);

      if (!(users = warta_store_list_users (cli->store, role->id, &error)))
        return _cli_fail (error);
      for (guint j = 0; j < users->len; j++)
        {
          const WartaUser *user = g_ptr_array_index (users, j);

          g_string_append_printf (holders, "%s%s%s", j > 0 ? "," : "", user->login,
                                  user->inactive ? " (inactive)" : "");
        }
      g_print ("%s\t%s\t%s\n", role->id, role->name, holders->len > 0 ? holders->str : "-");
    }

  return CLI_EXIT_OK;
}

/* An administrator gives the active step of a berkas to another person
 * of its lane: one who left, or cannot do it. */
int
_cli_case_hand_over (Cli   *cli,
                     int    argc,
                     char **argv)
{
  static char *to, *reason;
  static const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The person who takes the step"), "LOGIN" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the step changes hands"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) target = NULL;
  gint64 id, actor;

  if (!_cli_parse (cli, "case hand-over ID --to LOGIN --reason TEXT --as LOGIN",
                   _("Hand the active step of a case to another person of its lane."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (to == NULL)
    return _cli_usage ("%s", _("case hand-over needs --to LOGIN"));
  if (reason == NULL)
    return _cli_usage ("%s", _("case hand-over needs --reason TEXT"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  if (!(target = find_user (cli, to)))
    return CLI_EXIT_FAILED;

  if (!warta_engine_hand_over (cli->engine, actor, id, target->id, reason, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}
