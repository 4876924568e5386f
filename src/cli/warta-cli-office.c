/* warta-cli-office.c: the office kept in the app, from the command line
 *
 * Retiring, restoring and exporting SOPs, and the office's profile with
 * its letterhead: the same engine calls the app's administrator pages
 * make, with the same permission checks and journal events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-cli-private.h"
#include "warta-sha256.h"

static int
set_retired (Cli        *cli,
             int         argc,
             char      **argv,
             gboolean    retired)
{
  g_autoptr(GError) error = NULL;
  gint64 actor;

  if (!_cli_parse (cli, retired ? "sop retire ID --as LOGIN" : "sop restore ID --as LOGIN",
                   retired ? _("Retire an SOP: it starts no new berkas; running ones finish on their version.")
                           : _("Bring a retired SOP back: new berkas may start on it again."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  if (!warta_engine_set_sop_retired (cli->engine, actor, argv[1], retired, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

int
_cli_sop_retire (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return set_retired (cli, argc, argv, TRUE);
}

int
_cli_sop_restore (Cli   *cli,
                  int    argc,
                  char **argv)
{
  return set_retired (cli, argc, argv, FALSE);
}

/* The SOP file as it was imported, byte for byte. */
int
_cli_sop_export (Cli   *cli,
                 int    argc,
                 char **argv)
{
  static int version = 0;
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("This version instead of the latest"), "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GFile) file = NULL;

  if (!_cli_parse (cli, "sop export ID [--version N] FILE",
                   _("Write an SOP's file exactly as it was imported."), entries, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  if (!(source = warta_engine_export_sop (cli->engine, argv[1], version, &error)))
    return _cli_fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!g_file_replace_contents (file, g_bytes_get_data (source, NULL), g_bytes_get_size (source), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

/* Sets what is given, keeps the rest. */
int
_cli_office_set (Cli   *cli,
                 int    argc,
                 char **argv)
{
  static char *name = NULL;
  static char *address = NULL;
  static char **kop_lines = NULL;
  static gboolean no_kop = FALSE;
  static char *logo_path = NULL;
  static gboolean no_logo = FALSE;
  static const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The office's name"), "TEXT" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The office's address"), "TEXT" },
    { "kop-line", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kop_lines, N_("A line of the letterhead; repeat for each, in order"), "TEXT" },
    { "no-kop", 0, 0, G_OPTION_ARG_NONE, &no_kop, N_("No letterhead lines"), NULL },
    { "logo", 0, 0, G_OPTION_ARG_FILENAME, &logo_path, N_("The letterhead's logo: a PNG or JPEG of at most 1 MiB"), "FILE" },
    { "no-logo", 0, 0, G_OPTION_ARG_NONE, &no_logo, N_("No logo on the letterhead"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaOffice) office = NULL;
  g_autoptr(GBytes) logo = NULL;
  gint64 actor;

  if (!_cli_parse (cli, "office set [--name TEXT] [--address TEXT] [--kop-line TEXT…] [--logo FILE | --no-logo] --as LOGIN",
                   _("Set the office's name, address and letterhead (kop surat); what is not given stays."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (logo_path != NULL && no_logo)
    return _cli_usage ("%s", _("Give either --logo or --no-logo, not both"));
  if (kop_lines != NULL && no_kop)
    return _cli_usage ("%s", _("Give either --kop-line or --no-kop, not both"));

  if (logo_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (logo_path);

      if (!(logo = g_file_load_bytes (file, NULL, NULL, &error)))
        return _cli_fail (error);
    }

  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;
  if (!(office = warta_engine_get_office (cli->engine, &error)))
    return _cli_fail (error);

  if (name != NULL)
    {
      g_free (office->name);
      office->name = g_strdup (name);
    }
  if (address != NULL)
    {
      g_free (office->address);
      office->address = g_strdup (address);
    }
  if (kop_lines != NULL || no_kop)
    {
      g_strfreev (office->kop_lines);
      office->kop_lines = no_kop ? g_new0 (char *, 1) : g_strdupv (kop_lines);
    }
  g_clear_pointer (&office->logo, g_bytes_unref);
  office->logo = logo != NULL ? g_bytes_ref (logo) : NULL;

  if (!warta_engine_set_office (cli->engine, actor, office, logo != NULL || no_logo, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

int
_cli_office_show (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaOffice) office = NULL;
  g_autofree char *city = NULL;

  if (!_cli_parse (cli, "office show", _("Show the office's name, address, city and letterhead."),
                   NULL, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;
  if (!(office = warta_engine_get_office (cli->engine, &error)))
    return _cli_fail (error);

  city = warta_store_get_setting (cli->store, WARTA_SETTING_OFFICE_CITY);
  g_print ("%s: %s\n", _("Name"), !warta_text_is_blank (office->name) ? office->name : "-");
  g_print ("%s: %s\n", _("Address"), !warta_text_is_blank (office->address) ? office->address : "-");
  g_print ("%s: %s\n", _("City"), !warta_text_is_blank (city) ? city : "-");
  g_print ("%s:\n", _("Letterhead"));
  for (guint i = 0; office->kop_lines[i] != NULL; i++)
    g_print ("  %s\n", office->kop_lines[i]);
  if (office->logo != NULL)
    {
      g_autofree char *sum = warta_sha256_for_bytes (office->logo);

      /* Translators: the logo's type, size in bytes and SHA-256 */
      g_print (_("Logo: %s, %zu bytes, SHA-256 %s\n"), office->logo_type, g_bytes_get_size (office->logo), sum);
    }
  else
    g_print ("%s: -\n", _("Logo"));
  return CLI_EXIT_OK;
}
