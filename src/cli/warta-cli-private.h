/* warta-cli-private.h: what the CLI's command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"
#include "warta-journal.h"
#include "warta-timing.h"

G_BEGIN_DECLS

enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_FAILED = 1,   /* refused or failed; the reason is on stderr */
  CLI_EXIT_USAGE = 2,
};

typedef struct
{
  char        *db_path;
  char        *as_login;
  char        *password;  /* --as's, once asked: on a server it signed in */
  WartaStore  *store;
  WartaEngine *engine;
} Cli;

typedef int (*CliCommand) (Cli   *cli,
                           int    argc,
                           char **argv);

typedef struct
{
  const char *name;
  CliCommand  func;
} CliSubcommand;

/* Parses argv with the command's entries and the global --db/--as. */
gboolean  _cli_parse          (Cli                *cli,
                               const char         *usage,
                               const char         *summary,
                               const GOptionEntry *entries,
                               int                *argc,
                               char             ***argv,
                               int                 min_args,
                               int                 max_args);
gboolean  _cli_open           (Cli                *cli);
gint64    _cli_authenticate   (Cli                *cli,
                               gboolean            required);
int       _cli_fail           (const GError       *error);
/* Runs the subcommand named by the first word of argv that is neither an
 * option nor --db/--as's value, without that word; usage otherwise. */
int       _cli_dispatch       (Cli                 *cli,
                               int                  argc,
                               char               **argv,
                               const CliSubcommand *subcommands,
                               guint                n_subcommands,
                               const char          *usage);
/* A line from the terminal with echo off; NULL when not on one. */
char     *_cli_read_secret    (const char         *prompt);
/* From variable, else the terminal with echo off; NULL when neither. */
char     *_cli_get_password   (const char         *variable,
                               const char         *prompt);
/* A new password for login: WARTA_NEW_PASSWORD, else asked twice on the
 * terminal; NULL (and said why on stderr) when neither gives one. */
char     *_cli_get_new_password (const char       *login);
int       _cli_usage          (const char         *format,
                               ...) G_GNUC_PRINTF (1, 2);
gboolean  _cli_parse_id       (const char         *text,
                               gint64             *id);
char     *_cli_format_time    (gint64              usec);
char     *_cli_format_standard(int                 min,
                               int                 max);
char     *_cli_user_login     (Cli                *cli,
                               gint64              id);

int       _cli_case           (Cli                *cli,
                               int                 argc,
                               char              **argv);

int       _cli_attach         (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_attachment     (Cli                *cli,
                               int                 argc,
                               char              **argv);

int       _cli_site           (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_publish        (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_verify         (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_withdraw       (Cli                *cli,
                               int                 argc,
                               char              **argv);

/* warta-cli-people.c */
int       _cli_user_edit      (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_user_deactivate (Cli               *cli,
                               int                 argc,
                               char              **argv);
int       _cli_user_activate  (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_user_password  (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_role_rename    (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_role_list      (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_case_hand_over (Cli                *cli,
                               int                 argc,
                               char              **argv);

int       _cli_evidence       (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_archive        (Cli                *cli,
                               int                 argc,
                               char              **argv);

/* warta-cli-office.c */
int       _cli_sop_retire     (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_sop_restore    (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_sop_export     (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_office_set     (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_office_show    (Cli                *cli,
                               int                 argc,
                               char              **argv);
int       _cli_office_init_server (Cli            *cli,
                               int                 argc,
                               char              **argv);
int       _cli_office_move    (Cli                *cli,
                               int                 argc,
                               char              **argv);

G_END_DECLS
