/* warta-cli-evidence.c: evidence, archive export|check
 *
 * A document goes to a temporary file beside its target and is renamed
 * over it only once whole, so that an interrupted or refused export never
 * leaves half a PDF under the name asked for. Every export is recorded
 * (who, when, which document, its SHA-256) and journaled; a print step
 * of the SOP counts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "warta-archive.h"
#include "warta-cli-private.h"
#include "warta-evidence.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *shown)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), shown, g_strerror (saved_errno));
  return FALSE;
}

/* Writes document as an A4 PDF to a new temporary file beside path, and
 * hashes it. Returns the temporary file's name, or NULL with nothing left. */
static char *
write_temporary (WartaDocument  *document,
                 const char     *path,
                 char          **sha256,
                 GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *hidden = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp = g_build_filename (dir, hidden, NULL);
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok;
  int fd;

  if ((fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666)) < 0)
    {
      set_errno_error (error, errno, path);
      return NULL;
    }

  file = g_file_new_for_path (tmp);
  out = g_unix_output_stream_new (fd, TRUE);
  ok = warta_document_write_pdf (document, out, WARTA_A4_WIDTH_PT, WARTA_A4_HEIGHT_PT,
                                 WARTA_DEFAULT_MARGIN_PT, WARTA_DEFAULT_MARGIN_PT, NULL, error) &&
       g_output_stream_close (out, NULL, error) &&
       (*sha256 = warta_archive_hash_file (file, NULL, NULL, error)) != NULL;
  if (!ok)
    {
      g_prefix_error (error, _("Cannot write “%s”: "), path);
      g_unlink (tmp);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* Renders, records, then renames: the record names exactly the bytes that
 * land under path. */
static gboolean
export_document (Cli                 *cli,
                 gint64               actor,
                 gint64               case_id,
                 WartaDocumentKind    kind,
                 const char          *path,
                 int                 *n_pages,
                 char               **sha256,
                 GError             **error)
{
  g_autoptr(WartaEvidence) evidence = NULL;
  g_autoptr(WartaDocument) document = NULL;
  g_autofree char *tmp = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder: give the name of the PDF file to write"), path);
      return FALSE;
    }
  if (!(evidence = warta_evidence_gather (cli->engine, actor, case_id, error)))
    return FALSE;

  document = warta_document_new (evidence, kind,
                                 WARTA_A4_WIDTH_PT - 2 * WARTA_DEFAULT_MARGIN_PT,
                                 WARTA_A4_HEIGHT_PT - 2 * WARTA_DEFAULT_MARGIN_PT);
  *n_pages = warta_document_get_n_pages (document);
  if (!(tmp = write_temporary (document, path, sha256, error)))
    return FALSE;

  if (!warta_engine_record_print (cli->engine, actor, case_id, warta_document_kind_to_string (kind),
                                  TRUE, *sha256, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path);
    }
  return TRUE;
}

int
_cli_evidence (Cli   *cli,
               int    argc,
               char **argv)
{
  static char *output, *document_name;
  static const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "document", 0, 0, G_OPTION_ARG_STRING, &document_name,
      N_("bukti (Bukti Publikasi, the default), disposisi (Lembar Disposisi) or artikel (the published article)"),
      "NAME" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  WartaDocumentKind kind = WARTA_DOCUMENT_BUKTI;
  gint64 case_id, actor;
  int n_pages = 0;

  if (!_cli_parse (cli, "evidence CASE --output FILE.pdf [--document bukti|disposisi|artikel] --as LOGIN",
                   _("Export one of a case's documents as an A4 PDF: the Bukti Publikasi, the Lembar "
                     "Disposisi or the published article. The export is recorded and journaled."),
                   entries, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (output == NULL)
    return _cli_usage ("%s", _("evidence needs --output FILE.pdf"));
  if (document_name != NULL && !warta_document_kind_from_string (document_name, &kind))
    return _cli_usage (_("“%s” is not a document: say bukti, disposisi or artikel"), document_name);
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  if (!export_document (cli, actor, case_id, kind, output, &n_pages, &sha256, &error))
    return _cli_fail (error);
  g_print (_("%s: %s (pages: %d, SHA-256 %s)\n"), warta_document_kind_describe (kind), output, n_pages, sha256);
  return CLI_EXIT_OK;
}

/* Progress on a terminal: one line rewritten in place. */
static void
print_progress (gint64   done,
                gint64   total,
                gpointer user_data)
{
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;

  if (!isatty (STDERR_FILENO))
    return;
  done_text = warta_format_bytes (done);
  total_text = warta_format_bytes (total);
  g_printerr ("\r\033[K%s %s / %s", _("writing"), done_text, total_text);
}

static int
archive_export (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autofree char *shown = NULL;
  gint64 case_id, actor;
  gboolean ok;

  if (!_cli_parse (cli, "archive export CASE DIR --as LOGIN",
                   _("Write a case's archive bundle into a new or empty folder: its three documents as PDFs, "
                     "the archive copies kept with it, every attachment, and manifest.json with their SHA-256. "
                     "The export is recorded and journaled."),
                   NULL, &argc, &argv, 2, 2))
    return CLI_EXIT_USAGE;
  if (!_cli_parse_id (argv[1], &case_id))
    return _cli_usage (_("“%s” is not a case id"), argv[1]);
  if (cli->as_login == NULL)
    return _cli_usage ("%s", _("this command needs --as LOGIN"));
  if (!_cli_open (cli) || (actor = _cli_authenticate (cli, TRUE)) <= 0)
    return CLI_EXIT_FAILED;

  directory = g_file_new_for_commandline_arg (argv[2]);
  ok = warta_archive_export (cli->engine, actor, case_id, directory, print_progress, NULL, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");
  if (!ok)
    return _cli_fail (error);

  shown = g_file_get_parse_name (directory);
  g_print (_("case %lld: archive bundle written to %s\n"), (long long)case_id, shown);
  return CLI_EXIT_OK;
}

static int
archive_check (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shown = NULL;

  if (!_cli_parse (cli, "archive check DIR",
                   _("Check an archive bundle against its manifest: exit 1 naming each file that is missing "
                     "or changed."),
                   NULL, &argc, &argv, 1, 1))
    return CLI_EXIT_USAGE;

  /* Nothing but the folder: no database is opened. */
  directory = g_file_new_for_commandline_arg (argv[1]);
  shown = g_file_get_parse_name (directory);
  if (!warta_archive_check (directory, problems, NULL, &error))
    return _cli_fail (error);

  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *)g_ptr_array_index (problems, i));
  if (problems->len > 0)
    {
      g_printerr (_("warta-cli: the archive bundle in %s does not match its manifest\n"), shown);
      return CLI_EXIT_FAILED;
    }

  g_print (_("archive ok: every file of %s matches its manifest\n"), shown);
  return CLI_EXIT_OK;
}

int
_cli_archive (Cli   *cli,
              int    argc,
              char **argv)
{
  static const CliSubcommand subcommands[] = {
    { "export", archive_export },
    { "check", archive_check },
  };

  return _cli_dispatch (cli, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                        _("usage: warta-cli archive export CASE DIR --as LOGIN | archive check DIR"));
}
