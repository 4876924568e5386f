/* warta-cli-attach.c: attach, attachment list|export|remove|limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-cli-private.h"

int
_cli_attach (Cli   *cli,
             int    argc,
             char **argv)
{
  static char *kind;
  static const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("nota-dinas, dokumen-pendukung, foto, video or lainnya (default: from the content)"), "KIND" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(WartaAttachment) attachment = NULL;
  g_autofree char *size = NULL;
  gint64 case_id, actor, id;

  if (!_cli_parse (cli, "attach CASE FILE --as LOGIN [--kind KIND]",
                   _("Attach a file to a case, at its active step."),
                   entries, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!(id = warta_engine_attach (cli->engine, actor, case_id, file, kind, NULL, NULL, NULL, &error)) ||
      !(attachment = warta_store_get_attachment (cli->store, id, &error)))
    return _cli_fail (error);

  size = warta_format_bytes (attachment->size);
  g_print (_("attachment %lld: %s (%s, %s, %s)\n"), (long long)id, attachment->name,
           attachment->kind, attachment->content_type, size);
  return CLI_EXIT_OK;
}

static int
attachment_list (Cli   *cli,
                 int    argc,
                 char **argv)
{
  static gboolean json;
  static const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(WartaCase) kase = NULL;
  gint64 case_id;

  if (!_cli_parse (cli, "attachment list CASE [--json]",
                   _("List a case's attachments: id, kind, type, size, SHA-256, step, who added it and when."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (!(kase = warta_store_get_case (cli->store, case_id, &error)) ||
      !(attachments = warta_store_list_attachments (cli->store, case_id, &error)))
    return _cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < attachments->len; i++)
        {
          const WartaAttachment *a = g_ptr_array_index (attachments, i);
          g_autofree char *by = _cli_user_login (cli, a->added_by);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, a->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, a->name);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, a->kind);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, a->content_type);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, a->size);
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, a->sha256);
          json_builder_set_member_name (builder, "step");
          json_builder_add_string_value (builder, a->step_id);
          json_builder_set_member_name (builder, "added_by");
          json_builder_add_string_value (builder, by);
          json_builder_set_member_name (builder, "added_at");
          json_builder_add_int_value (builder, a->added_at / G_USEC_PER_SEC);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return CLI_EXIT_OK;
    }

  if (attachments->len == 0)
    {
      g_print (_("Case %lld has no attachments.\n"), (long long)case_id);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      const WartaAttachment *a = g_ptr_array_index (attachments, i);
      g_autofree char *size = warta_format_bytes (a->size);
      g_autofree char *by = _cli_user_login (cli, a->added_by);
      g_autofree char *at = _cli_format_time (a->added_at);

      g_print ("%-5lld %-18s %s\n", (long long)a->id, a->kind, a->name);
      g_print (_("      %s, %s, step %s, by %s, %s\n"), a->content_type, size, a->step_id, by, at);
      g_print ("      sha256 %s\n", a->sha256);
    }
  return CLI_EXIT_OK;
}

static int
attachment_export (Cli   *cli,
                   int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = NULL;
  gint64 id;

  if (!_cli_parse (cli, "attachment export ID FILE",
                   _("Write an attachment's content to a file, checking its SHA-256."),
                   NULL, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &id))
    return _cli_usage (_("“%s” is not an attachment id"), argv[1]);
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  destination = g_file_new_for_commandline_arg (argv[2]);
  if (!warta_engine_export_attachment_to_file (cli->engine, id, destination, NULL, NULL, NULL, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

static int
attachment_remove (Cli   *cli,
                   int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id, actor;

  if (!_cli_parse (cli, "attachment remove ID --as LOGIN",
                   _("Remove an attachment added at the active step, before that step completes."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &id))
    return _cli_usage (_("“%s” is not an attachment id"), argv[1]);
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (!warta_engine_remove_attachment (cli->engine, actor, id, &error))
    return _cli_fail (error);
  return CLI_EXIT_OK;
}

/* "512M", "1G", "300000": bytes, with an optional binary suffix. */
static gboolean
parse_size (const char *text,
            gint64     *bytes)
{
  g_autofree char *digits = g_strdup (text);
  gsize len = strlen (digits);
  gint64 unit = 1;
  guint64 value;

  if (len > 0)
    switch (g_ascii_toupper (digits[len - 1]))
      {
      case 'K': unit = 1024; break;
      case 'M': unit = 1024 * 1024; break;
      case 'G': unit = 1024 * 1024 * 1024; break;
      default: break;
      }
  if (unit != 1)
    digits[len - 1] = '\0';
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64 / unit, &value, NULL))
    return FALSE;
  *bytes = (gint64)value * unit;
  return TRUE;
}

static int
attachment_limit (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  gint64 bytes = 0, actor;

  if (!_cli_parse (cli, "attachment limit [SIZE --as LOGIN]",
                   _("Show the size limit for one attachment, or set it (an administrator's); SIZE in bytes or with K, M or G."),
                   NULL, &argc, &argv, 0, 1))
    return CLI_EXIT_USAGE;
  if (argc > 1 && !parse_size (argv[1], &bytes))
    return _cli_usage (_("“%s” is not a size"), argv[1]);
  if (argc > 1 && cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli))
    return CLI_EXIT_FAILED;

  if (argc > 1)
    {
      if ((actor = _cli_authenticate (cli, TRUE)) <= 0)
        return CLI_EXIT_FAILED;
      if (!warta_engine_set_attachment_limit (cli->engine, actor, bytes, &error))
        return _cli_fail (error);
    }

  bytes = warta_engine_get_attachment_limit (cli->engine);
  shown = g_format_size_full (bytes, G_FORMAT_SIZE_LONG_FORMAT | G_FORMAT_SIZE_IEC_UNITS);
  g_print ("%s\n", shown);
  return CLI_EXIT_OK;
}

int
_cli_attachment (Cli   *cli,
                 int    argc,
                 char **argv)
{
  static const CliSubcommand subcommands[] = {
    { "list", attachment_list },
    { "export", attachment_export },
    { "remove", attachment_remove },
    { "limit", attachment_limit },
  };

  return _cli_dispatch (cli, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                        _("usage: warta-cli attachment list|export|remove|limit …"));
}
