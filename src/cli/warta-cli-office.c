/* warta-cli-office.c: the office kept in the app, from the command line
 *
 * Retiring, restoring and exporting SOPs, and the office's profile with
 * its letterhead: the same engine calls the app's administrator pages
 * make, with the same permission checks and journal events. And the
 * office on a server: made new (init-server), or moved there from its
 * one desk (move).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

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

/* Undoes an office that failed to be made or moved in, and says so. */
static void
undo_server (const char *conninfo)
{
  g_autoptr(GError) error = NULL;

  if (warta_store_uninit_server (conninfo, NULL, &error))
    g_printerr ("%s\n", _("warta-cli: what was made on the server was removed: the database is empty again"));
  else
    g_printerr (_("warta-cli: could not remove what was made on the server (%s); drop the database "
                  "and make it again\n"), error->message);
}

/* An error of init that may have left something made behind: all but a
 * database that was not empty (nothing was touched) or not reached. */
static gboolean
init_may_have_made (const GError *error)
{
  return !g_error_matches (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_EXISTS) &&
         !g_error_matches (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_DISCONNECTED);
}

static gboolean
check_server_uri (const char *to)
{
  if (to == NULL)
    {
      _cli_usage ("%s", _("give the office server's database with --to URI"));
      return FALSE;
    }
  if (!warta_store_is_server (to))
    {
      _cli_usage ("%s", _("--to names a PostgreSQL database: postgresql://HOST/DATABASE or "
                          "'host=HOST dbname=DATABASE'"));
      return FALSE;
    }
  return TRUE;
}

/* The administrator holds every lane of the shipped SOPs, as the welcome
 * page gives them: one person can run the office until others are added. */
static GStrv
admin_roles (void)
{
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sops = g_ptr_array_new_with_free_func (g_object_unref);
  const char *dir_path = warta_sop_get_shipped_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_strv_builder_add (roles, "admin");
  g_hash_table_add (seen, (gpointer)"admin");
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      WartaSop *sop;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (!(sop = warta_sop_new_from_file (path, NULL)))
        continue;
      g_ptr_array_add (sops, sop);
      for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
        {
          const WartaSopLane *lane = warta_sop_get_lane (sop, i);

          if (g_hash_table_add (seen, lane->id))
            g_strv_builder_add (roles, lane->id);
        }
    }
  return g_strv_builder_end (roles);
}

int
_cli_office_init_server (Cli   *cli,
                         int    argc,
                         char **argv)
{
  static char *to = NULL;
  static char *name = NULL;
  static char *admin = NULL;
  static char *full_name = NULL;
  static const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The empty database on the office server, reached as its administrator"), "URI" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The office's name (default: the database's)"), "NAME" },
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin, N_("The first administrator's login"), "LOGIN" },
    { "full-name", 0, 0, G_OPTION_ARG_STRING, &full_name, N_("The first administrator's full name"), "NAME" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) owner = NULL;
  g_autoptr(WartaEngine) engine = NULL;
  g_autoptr(GPtrArray) sops = NULL;
  g_autofree char *password = NULL;
  g_autofree char *database = NULL;
  g_auto(GStrv) roles = NULL;
  WartaUser user = { 0 };
  gint64 n_tables = 0;

  if (!_cli_parse (cli, "office init-server --to URI [--name NAME] --admin LOGIN [--full-name NAME]",
                   _("Make a new office in an empty PostgreSQL database, and its first administrator. The server "
                     "administrator's password comes from the URI, PGPASSWORD or ~/.pgpass; the new "
                     "administrator's from WARTA_NEW_PASSWORD or the terminal."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!check_server_uri (to))
    return CLI_EXIT_USAGE;
  if (admin == NULL)
    return _cli_usage ("%s", _("office init-server needs --admin LOGIN"));
  if (!(password = _cli_get_new_password (admin)))
    return CLI_EXIT_FAILED;

  if (!(owner = warta_store_init_server (to, NULL, &error)))
    {
      _cli_fail (error);
      if (init_may_have_made (error))
        undo_server (to);
      return CLI_EXIT_FAILED;
    }
  if (!warta_store_server_describe (owner, &database, &n_tables, &error))
    {
      g_clear_object (&owner);
      _cli_fail (error);
      undo_server (to);
      return CLI_EXIT_FAILED;
    }

  roles = admin_roles ();
  user.login = admin;
  user.full_name = full_name != NULL ? full_name : admin;
  user.jabatan = (char *)_("Administrator");
  user.is_admin = TRUE;
  user.roles = roles;
  engine = warta_engine_new (owner);
  if (!warta_engine_setup_office (engine, name != NULL ? name : database, &user, password,
                                  warta_sop_get_shipped_dir (), NULL, &error))
    {
      g_clear_object (&engine);
      g_clear_object (&owner);
      _cli_fail (error);
      undo_server (to);
      return CLI_EXIT_FAILED;
    }
  sops = warta_store_list_sops (owner, NULL);

  g_print (_("Office “%s” made in the database %s\n"), name != NULL ? name : database, database);
  g_print (_("  role %s_owner: owns the tables; nobody signs in as it\n"), database);
  g_print (_("  role %s_person: every person's login is one of its members\n"), database);
  g_print (_("  %lld tables, each under row security\n"), (long long)n_tables);
  g_print (_("  %u SOPs\n"), sops != NULL ? sops->len : 0);
  g_print (_("Administrator: %s, a login of the server; sign in with --db URI --as %s\n"), admin, admin);
  return CLI_EXIT_OK;
}

typedef struct
{
  int         fd;
  const char *path;
} PasswordsFile;

/* Every person's login and temporary password, written to the file the
 * administrator named (mode 0600, made new), never to the terminal. */
static gboolean
write_passwords (GArray    *logins,
                 gpointer   user_data,
                 GError   **error)
{
  PasswordsFile *file = user_data;
  g_autoptr(GString) text = g_string_new (NULL);
  gsize done = 0;
  gboolean ok = TRUE;

  g_string_append_printf (text, "# %s\n",
                          _("Warta: each person's login on the office server and the password for their first "
                            "sign-in, when Warta asks them to choose their own. Give each their own line; then "
                            "destroy this file."));
  for (guint i = 0; i < logins->len; i++)
    {
      const WartaMoveLogin *login = &g_array_index (logins, WartaMoveLogin, i);

      g_string_append_printf (text, "%s\t%s\n", login->login, login->password);
    }
  while (ok && done < text->len)
    {
      gssize n = write (file->fd, text->str + done, text->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        ok = FALSE;
      else
        done += n;
    }
  ok = ok && fsync (file->fd) == 0;
  if (!ok)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the passwords to %s: %s"), file->path, g_strerror (saved));
    }
  sodium_memzero (text->str, text->len);
  return ok;
}

int
_cli_office_move (Cli   *cli,
                  int    argc,
                  char **argv)
{
  static char *to = NULL;
  static char *passwords_path = NULL;
  static const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The empty database on the office server, reached as its administrator"), "URI" },
    { "passwords", 0, 0, G_OPTION_ARG_FILENAME, &passwords_path, N_("A new file for each person's login and temporary password"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaStore) from = NULL;
  g_autoptr(WartaStore) owner = NULL;
  g_autoptr(WartaMoveReport) report = NULL;
  g_autofree char *database = NULL;
  PasswordsFile file = { -1, NULL };
  gint64 started, n_tables = 0, n_users;

  if (!_cli_parse (cli, "office move --to URI --passwords FILE [--db PATH]",
                   _("Move this one-desk office (--db) into an empty PostgreSQL database: every row with its id, "
                     "each person given a login of the server with a temporary password, written to FILE. "
                     "The server administrator's password comes from the URI, PGPASSWORD or ~/.pgpass."),
                   entries, &argc, &argv, 0, 0))
    return CLI_EXIT_USAGE;
  if (!check_server_uri (to))
    return CLI_EXIT_USAGE;
  if (passwords_path == NULL)
    return _cli_usage ("%s", _("office move needs --passwords FILE, a new file for the temporary passwords"));
  if (cli->db_path == NULL)
    cli->db_path = warta_store_default_path ();
  if (warta_store_is_server (cli->db_path))
    return _cli_usage ("%s", _("office move moves a one-desk office: --db names its file"));
  if (!g_file_test (cli->db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("warta-cli: there is no office at %s\n"), cli->db_path);
      return CLI_EXIT_FAILED;
    }

  /* Made new, private from its first byte: never a file someone else
   * made ready to read */
  file.path = passwords_path;
  if ((file.fd = g_open (passwords_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_printerr (_("warta-cli: %s exists already; give a new file for the passwords (one is never "
                      "overwritten)\n"), passwords_path);
      else
        g_printerr (_("warta-cli: cannot make %s: %s\n"), passwords_path, g_strerror (saved));
      return CLI_EXIT_FAILED;
    }

  started = g_get_monotonic_time ();
  if (!(from = warta_store_open (cli->db_path, &error)) ||
      (n_users = warta_store_count_users (from, &error)) < 0)
    goto failed;
  if (n_users == 0)
    {
      g_set_error (&error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED,
                   _("%s has no office to move: nobody is in it"), cli->db_path);
      goto failed;
    }
  if (!(owner = warta_store_init_server (to, NULL, &error)))
    {
      _cli_fail (error);
      if (init_may_have_made (error))
        undo_server (to);
      g_clear_error (&error);
      goto failed;
    }
  if (!warta_store_server_describe (owner, &database, &n_tables, &error) ||
      !warta_store_move_to (from, owner, write_passwords, &file, &report, &error))
    {
      /* the owner's connection goes before its office is dropped */
      g_clear_object (&owner);
      _cli_fail (error);
      undo_server (to);
      g_clear_error (&error);
      goto failed;
    }
  close (file.fd);

  g_print (_("Moved the office from %s into the database %s:\n"), cli->db_path, database);
  for (guint i = 0; i < report->counts->len; i++)
    {
      const WartaMoveCount *count = &g_array_index (report->counts, WartaMoveCount, i);

      g_print ("  %-18s %8lld\n", count->table, (long long)count->rows);
    }
  g_print (_("Attachments: %lld files, %lld bytes, each read back from the server and its SHA-256 checked\n"),
           (long long)report->n_attachments, (long long)report->attachment_bytes);
  g_print (_("Journal: %lld events, the chain verified on the server\n"), (long long)report->journal_events);
  g_print (_("Logins: %u people, each with a temporary password in %s; Warta asks each to choose their own "
             "at their first sign-in\n"), report->logins->len, passwords_path);
  g_print (_("Done in %.1f s\n"), (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC);
  return CLI_EXIT_OK;

failed:
  if (error != NULL)
    _cli_fail (error);
  close (file.fd);
  g_unlink (passwords_path);
  return CLI_EXIT_FAILED;
}
