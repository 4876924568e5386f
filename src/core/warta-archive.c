/* warta-archive.c: a case's archive bundle on disk, and its check
 *
 * The bundle is for the office's shelf and its auditors: plain files any
 * computer opens, and a manifest with their SHA-256, so that a year later
 * `warta-cli archive check` can tell whether anything was changed or lost
 * without the database that made it.
 *
 * The manifest is written last: a directory without one is an export that
 * did not finish. A failed export removes what it wrote, so that what is
 * left on disk is either a whole bundle or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-archive.h"
#include "warta-evidence.h"
#include "warta-json-scan.h"
#include "warta-sha256.h"

#define READ_CHUNK (1024 * 1024)
/* Well under the 255 bytes most file systems allow a name, with room for
 * the attachment id in front. */
#define MAX_NAME_BYTES 160
/* A manifest lists files, never holds them: anything bigger is not one. */
#define MAX_MANIFEST_BYTES (16 * 1024 * 1024)
#define MAX_MANIFEST_DEPTH 32

G_DEFINE_QUARK (warta-archive-error-quark, warta_archive_error)

static const char * const document_paths[WARTA_N_DOCUMENTS] = {
  [WARTA_DOCUMENT_BUKTI] = "bukti-publikasi.pdf",
  [WARTA_DOCUMENT_DISPOSISI] = "lembar-disposisi.pdf",
  [WARTA_DOCUMENT_ARTIKEL] = "salinan-artikel.pdf",
};

typedef struct
{
  char   *path;     /* relative to the bundle, '/'-separated */
  gint64  size;
  char   *sha256;
  char   *what;     /* document:bukti, archive-copy:bukti, attachment:foto */
  char   *name;     /* an attachment's own name; NULL for the rest */
} BundleFile;

static void
bundle_file_free (BundleFile *file)
{
  g_free (file->path);
  g_free (file->sha256);
  g_free (file->what);
  g_free (file->name);
  g_free (file);
}

typedef struct
{
  WartaRunFunc       run;           /* how the database is reached */
  gpointer           runner;
  gint64             actor;
  gint64             case_id;
  GFile             *directory;
  WartaProgressFunc  progress;
  gpointer           user_data;
  GCancellable      *cancellable;

  /* Read before anything is written */
  WartaCase         *kase;
  WartaSop          *sop;
  WartaUser         *user;
  WartaEvidence     *evidence;      /* drawn outside the database's thread */
  gint64             generated_at;
  gint64             head_seq;
  char              *head_hash;
  char              *link;
  GBytes            *documents[WARTA_N_DOCUMENTS];
  GPtrArray         *copies;        /* WartaArchiveCopy */
  GPtrArray         *attachments;   /* WartaAttachment */

  /* Written */
  GPtrArray         *files;         /* BundleFile, for the manifest */
  GPtrArray         *made;          /* GFile, in the order made, to remove on failure */
  gint64             done;
  gint64             total;
} Export;

static void
export_free (Export *ex)
{
  g_clear_object (&ex->directory);
  g_clear_object (&ex->cancellable);
  g_clear_pointer (&ex->kase, warta_case_free);
  g_clear_object (&ex->sop);
  g_clear_pointer (&ex->user, warta_user_free);
  g_clear_pointer (&ex->evidence, warta_evidence_free);
  g_free (ex->head_hash);
  g_free (ex->link);
  for (guint i = 0; i < WARTA_N_DOCUMENTS; i++)
    g_clear_pointer (&ex->documents[i], g_bytes_unref);
  g_clear_pointer (&ex->copies, g_ptr_array_unref);
  g_clear_pointer (&ex->attachments, g_ptr_array_unref);
  g_clear_pointer (&ex->files, g_ptr_array_unref);
  g_clear_pointer (&ex->made, g_ptr_array_unref);
  g_free (ex);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
report_progress (Export *ex,
                 gint64  done_in_file)
{
  if (ex->progress != NULL)
    ex->progress (ex->done + done_in_file, ex->total, ex->user_data);
}

static void
add_file (Export     *ex,
          const char *path,
          gint64      size,
          const char *sha256,
          const char *what,
          const char *name)
{
  BundleFile *file = g_new0 (BundleFile, 1);

  file->path = g_strdup (path);
  file->size = size;
  file->sha256 = g_strdup (sha256);
  file->what = g_strdup (what);
  file->name = g_strdup (name);
  g_ptr_array_add (ex->files, file);
  ex->done += size;
  report_progress (ex, 0);
}

/* An attachment's name as a file name in lampiran/: one component (no
 * '/'), never hidden (no leading dot), no control characters, and short
 * enough for any file system. */
static char *
sanitize_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  GString *clean = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (clean->len + 6 > MAX_NAME_BYTES)
        break;
      if (c == '/' || c == '\\' || g_unichar_iscntrl (c) || (c == '.' && clean->len == 0))
        g_string_append_c (clean, '_');
      else
        g_string_append_unichar (clean, c);
    }
  if (clean->len == 0)
    g_string_append (clean, "lampiran");
  return g_string_free (clean, FALSE);
}

/* The target is new, or an empty directory: an export never mixes its
 * files with others', nor replaces an older bundle's. */
static gboolean
prepare_directory (Export  *ex,
                   GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFileInfo) child = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = g_file_get_parse_name (ex->directory);
  GFileType type = g_file_query_file_type (ex->directory, G_FILE_QUERY_INFO_NONE, ex->cancellable);

  if (type == G_FILE_TYPE_UNKNOWN)
    {
      if (!g_file_make_directory_with_parents (ex->directory, ex->cancellable, error))
        {
          g_prefix_error (error, _("Cannot make the folder for the archive bundle: "));
          return FALSE;
        }
      g_ptr_array_add (ex->made, g_object_ref (ex->directory));
      return TRUE;
    }
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is a file, not a folder: give a new or empty folder for the archive bundle"), shown);
      return FALSE;
    }

  if (!(children = g_file_enumerate_children (ex->directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, ex->cancellable, error)))
    return FALSE;
  child = g_file_enumerator_next_file (children, ex->cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (child != NULL)
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_NOT_EMPTY,
                   _("The folder “%s” is not empty: give a new or empty folder for the archive bundle"), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_subdirectory (Export      *ex,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(GFile) subdirectory = g_file_get_child (ex->directory, name);

  if (!g_file_make_directory (subdirectory, ex->cancellable, error))
    return FALSE;
  g_ptr_array_add (ex->made, g_steal_pointer (&subdirectory));
  return TRUE;
}

/* What the bundle is made of, read in one job before anything is
 * written, so that a case that cannot be read, or by someone who may not
 * print it, leaves no half bundle behind. The journal's head is read now
 * too: the manifest names the journal as it was when the bundle was
 * read. */
static gpointer
read_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Export *ex = data;
  WartaStore *store = warta_engine_get_store (engine);

  if (!warta_engine_may_print (engine, ex->actor, ex->case_id, error) ||
      !(ex->kase = warta_store_get_case (store, ex->case_id, error)) ||
      !(ex->sop = warta_engine_get_sop (engine, ex->kase->sop_id, ex->kase->sop_version, error)) ||
      !(ex->user = warta_store_get_user (store, ex->actor, error)) ||
      !(ex->evidence = warta_evidence_gather (engine, ex->actor, ex->case_id, error)) ||
      !(ex->copies = warta_engine_list_archive_copies (engine, ex->case_id, error)) ||
      !(ex->attachments = warta_store_list_attachments (store, ex->case_id, error)) ||
      !warta_store_get_journal_head (store, &ex->head_seq, &ex->head_hash, error))
    return NULL;
  ex->generated_at = warta_engine_now (engine);
  return GINT_TO_POINTER (TRUE);
}

/* The papers drawn from what was read, in the export's thread. */
static gboolean
export_read (Export  *ex,
             GError **error)
{
  if (!ex->run (ex->runner, read_job, ex, ex->cancellable, error))
    return FALSE;

  ex->link = g_strdup (warta_evidence_get_link (ex->evidence));
  for (guint kind = 0; kind < WARTA_N_DOCUMENTS; kind++)
    {
      if (!(ex->documents[kind] = warta_evidence_render_pdf (ex->evidence, kind, error)))
        return FALSE;
      ex->total += g_bytes_get_size (ex->documents[kind]);
    }
  for (guint i = 0; i < ex->copies->len; i++)
    ex->total += ((WartaArchiveCopy *)g_ptr_array_index (ex->copies, i))->size;
  for (guint i = 0; i < ex->attachments->len; i++)
    ex->total += ((WartaAttachment *)g_ptr_array_index (ex->attachments, i))->size;
  return TRUE;
}

static gboolean
write_bytes (Export      *ex,
             const char  *path,
             GBytes      *data,
             const char  *what,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (ex->directory, path);
  g_autofree char *sha256 = warta_sha256_for_bytes (data);
  gsize size;
  const void *bytes = g_bytes_get_data (data, &size);

  /* Listed before it is written: a failure half way removes it too. */
  g_ptr_array_add (ex->made, g_object_ref (file));
  if (!g_file_replace_contents (file, bytes, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                ex->cancellable, error))
    return FALSE;
  add_file (ex, path, size, sha256, what, NULL);
  return TRUE;
}

static gboolean
write_documents (Export  *ex,
                 GError **error)
{
  for (guint kind = 0; kind < WARTA_N_DOCUMENTS; kind++)
    {
      g_autofree char *what = g_strconcat ("document:", warta_document_kind_to_string (kind), NULL);

      if (!write_bytes (ex, document_paths[kind], ex->documents[kind], what, error))
        return FALSE;
    }
  return TRUE;
}

static char *
copy_path (const WartaArchiveCopy *copy)
{
  g_autoptr(GDateTime) made = g_date_time_new_from_unix_utc (copy->made_at / G_USEC_PER_SEC);
  g_autofree char *stamp = made ? g_date_time_format (made, "%Y%m%d-%H%M%S") : g_strdup ("0");
  g_autofree char *document = sanitize_name (copy->document);

  return g_strdup_printf ("arsip/%" G_GINT64_FORMAT "-%s-%s.pdf", copy->id, document, stamp);
}

typedef struct
{
  gint64 actor;
  gint64 copy_id;
} CopyRead;

static gpointer
read_copy_job (WartaEngine   *engine,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  CopyRead *read = data;

  return warta_engine_read_archive_copy (engine, read->actor, read->copy_id, NULL, error);
}

static gboolean
write_copies (Export  *ex,
              GError **error)
{
  if (ex->copies->len > 0 && !make_subdirectory (ex, "arsip", error))
    return FALSE;

  for (guint i = 0; i < ex->copies->len; i++)
    {
      const WartaArchiveCopy *copy = g_ptr_array_index (ex->copies, i);
      CopyRead read = { ex->actor, copy->id };
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *path = copy_path (copy);
      g_autofree char *what = g_strconcat ("archive-copy:", copy->document, NULL);

      if (g_cancellable_set_error_if_cancelled (ex->cancellable, error) ||
          !(pdf = ex->run (ex->runner, read_copy_job, &read, ex->cancellable, error)) ||
          !write_bytes (ex, path, pdf, what, error))
        return FALSE;
    }
  return TRUE;
}

static void
attachment_progress (gint64   done,
                     gint64   total,
                     gpointer user_data)
{
  report_progress (user_data, done);
}

static gboolean
write_attachments (Export  *ex,
                   GError **error)
{
  if (ex->attachments->len > 0 && !make_subdirectory (ex, "lampiran", error))
    return FALSE;

  for (guint i = 0; i < ex->attachments->len; i++)
    {
      const WartaAttachment *attachment = g_ptr_array_index (ex->attachments, i);
      g_autofree char *name = sanitize_name (attachment->name);
      g_autofree char *path = g_strdup_printf ("lampiran/%" G_GINT64_FORMAT "-%s", attachment->id, name);
      g_autofree char *what = g_strconcat ("attachment:", attachment->kind, NULL);
      g_autoptr(GFile) file = g_file_resolve_relative_path (ex->directory, path);

      g_ptr_array_add (ex->made, g_object_ref (file));
      /* Streamed out of the store and checked against its SHA-256 on the
       * way, so the stored hash is the file's. */
      if (!warta_download_file (ex->run, ex->runner, attachment->id, file, attachment_progress, ex,
                                ex->cancellable, error))
        return FALSE;
      add_file (ex, path, attachment->size, attachment->sha256, what, attachment->name);
    }
  return TRUE;
}

static void
add_string_member (JsonBuilder *builder,
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
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
build_files (Export      *ex,
             JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ex->files->len; i++)
    {
      const BundleFile *file = g_ptr_array_index (ex->files, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "path", file->path);
      add_int_member (builder, "size", file->size);
      add_string_member (builder, "sha256", file->sha256);
      add_string_member (builder, "what", file->what);
      if (file->name != NULL)
        add_string_member (builder, "name", file->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
format_iso8601 (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return time ? g_date_time_format_iso8601 (time) : NULL;
}

/* The journal head is the one before this export's own record, which
 * can only be written once the manifest's SHA-256 is known. */
static GBytes *
build_manifest (Export  *ex,
                GError **error)
{
  const WartaSopHeader *header = warta_sop_get_header (ex->sop);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *generated_at = format_iso8601 (ex->generated_at);
  gsize length;
  char *text;

  json_builder_begin_object (builder);
  add_int_member (builder, "format_version", WARTA_ARCHIVE_FORMAT_VERSION);
  add_int_member (builder, "case_id", ex->case_id);
  add_string_member (builder, "title", ex->kase->title);
  add_string_member (builder, "sop_id", ex->kase->sop_id);
  add_int_member (builder, "sop_version", ex->kase->sop_version);
  add_string_member (builder, "sop_number", header->number);
  add_string_member (builder, "sop_name", header->name);
  add_string_member (builder, "link", ex->link);
  add_string_member (builder, "generated_at", generated_at);
  add_string_member (builder, "generated_by", ex->user->login);
  add_int_member (builder, "journal_seq", ex->head_seq);
  add_string_member (builder, "journal_hash", ex->head_hash);
  build_files (ex, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

typedef struct
{
  Export     *ex;
  const char *sha256;
} Record;

static gpointer
record_job (WartaEngine   *engine,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Record *record = data;

  return warta_engine_record_print (engine, record->ex->actor, record->ex->case_id, "bundle", TRUE,
                                    record->sha256, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static gboolean
write_manifest_and_record (Export  *ex,
                           GError **error)
{
  g_autoptr(GBytes) manifest = build_manifest (ex, error);
  g_autoptr(GFile) file = NULL;
  g_autofree char *sha256 = NULL;
  gsize size;
  const void *bytes;

  if (manifest == NULL)
    return FALSE;
  file = g_file_get_child (ex->directory, WARTA_ARCHIVE_MANIFEST);
  sha256 = warta_sha256_for_bytes (manifest);
  bytes = g_bytes_get_data (manifest, &size);
  g_ptr_array_add (ex->made, g_object_ref (file));
  if (!g_file_replace_contents (file, bytes, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                ex->cancellable, error))
    return FALSE;
  /* Recorded whatever the cancellable says: the bundle is whole now. */
  {
    Record record = { ex, sha256 };

    return ex->run (ex->runner, record_job, &record, NULL, error) != NULL;
  }
}

/* Removes what this export made, newest first, so directories are empty
 * when their turn comes. A file another hand put in meanwhile keeps its
 * directory: that is a failed delete, and only said in the debug log. */
static void
remove_made (Export *ex)
{
  for (guint i = ex->made->len; i > 0; i--)
    {
      GFile *file = g_ptr_array_index (ex->made, i - 1);
      g_autoptr(GError) error = NULL;

      if (!g_file_delete (file, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("archive export: leaving %s: %s", g_file_peek_path (file), error->message);
    }
}

/**
 * warta_archive_export_with:
 * @run: how to reach the database: warta_engine_run() with an engine as
 *   @runner, or warta_worker_run_in() with a session's worker
 *
 * Writes the case's archive bundle into @directory (new or empty) in the
 * calling thread, reaching the database in short jobs: the case read in
 * one, each archive copy in one, each attachment a chunk per job, the
 * export recorded in one. Refused before the directory is touched for an
 * actor who may not print the case; on any failure what was written is
 * removed.
 */
gboolean
warta_archive_export_with (WartaRunFunc       run,
                           gpointer           runner,
                           gint64             actor,
                           gint64             case_id,
                           GFile             *directory,
                           WartaProgressFunc  progress,
                           gpointer           user_data,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(Export) ex = NULL;
  gboolean ok;

  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (directory), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ex = g_new0 (Export, 1);
  ex->run = run;
  ex->runner = runner;
  ex->actor = actor;
  ex->case_id = case_id;
  ex->directory = g_object_ref (directory);
  ex->progress = progress;
  ex->user_data = user_data;
  ex->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  ex->files = g_ptr_array_new_with_free_func ((GDestroyNotify)bundle_file_free);
  ex->made = g_ptr_array_new_with_free_func (g_object_unref);

  /* Read (and refused) before the directory is touched. */
  if (!export_read (ex, error) || !prepare_directory (ex, error))
    return FALSE;
  ok = write_documents (ex, error) &&
       write_copies (ex, error) &&
       write_attachments (ex, error) &&
       write_manifest_and_record (ex, error);
  if (!ok)
    remove_made (ex);
  return ok;
}

gboolean
warta_archive_export (WartaEngine       *engine,
                      gint64             actor,
                      gint64             case_id,
                      GFile             *directory,
                      WartaProgressFunc  progress,
                      gpointer           user_data,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_return_val_if_fail (WARTA_IS_ENGINE (engine), FALSE);

  return warta_archive_export_with (warta_engine_run, engine, actor, case_id, directory, progress, user_data,
                                    cancellable, error);
}

/* Check */

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  if (problems == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The manifest's JSON; root is NULL for an empty file. */
static gboolean
read_manifest (GFile         *directory,
               JsonNode     **root,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) file = g_file_get_child (directory, WARTA_ARCHIVE_MANIFEST);
  g_autofree char *shown = g_file_get_parse_name (directory);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gsize readable;

  if (g_file_query_file_type (directory, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is not a folder: give the folder of an archive bundle"), shown);
      return FALSE;
    }
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_NO_MANIFEST,
                   _("“%s” has no manifest.json: it is not an archive bundle, or its export did not finish"),
                   shown);
      return FALSE;
    }
  if (info == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || g_file_info_get_size (info) > MAX_MANIFEST_BYTES)
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_BAD_MANIFEST,
                   _("The manifest.json of “%s” is not a manifest of an archive bundle"), shown);
      return FALSE;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return FALSE;
  /* A manifest is three deep; json-glib would recurse into any depth. */
  if (_warta_json_scan (contents, length, MAX_MANIFEST_DEPTH, NULL, NULL, &readable) != WARTA_JSON_SCAN_OK)
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_BAD_MANIFEST,
                   _("The manifest.json of “%s” is not a manifest of an archive bundle"), shown);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, contents, (gssize) readable, &local_error))
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_BAD_MANIFEST,
                   _("The manifest.json of “%s” is not valid JSON: %s"), shown, local_error->message);
      return FALSE;
    }
  *root = json_parser_steal_root (parser);
  return TRUE;
}

/* The manifest's list of files, once it is one this build can read. */
static JsonArray *
manifest_files (JsonNode    *root,
                GFile       *directory,
                GError     **error)
{
  g_autofree char *shown = g_file_get_parse_name (directory);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *version = object ? json_object_get_member (object, "format_version") : NULL;
  JsonNode *files = object ? json_object_get_member (object, "files") : NULL;

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      files == NULL || !JSON_NODE_HOLDS_ARRAY (files))
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_BAD_MANIFEST,
                   _("The manifest.json of “%s” is not a manifest of an archive bundle"), shown);
      return NULL;
    }
  if (json_node_get_int (version) != WARTA_ARCHIVE_FORMAT_VERSION)
    {
      g_set_error (error, WARTA_ARCHIVE_ERROR, WARTA_ARCHIVE_ERROR_BAD_MANIFEST,
                   _("The manifest.json of “%s” is of format %lld, which this version of Warta cannot read"),
                   shown, (long long)json_node_get_int (version));
      return NULL;
    }
  return json_node_get_array (files);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* A manifest's path names a file inside the bundle: relative, with no
 * ".." anywhere, so that a doctored manifest cannot make the check read
 * (and so say something about) files elsewhere. */
static gboolean
path_is_inside (const char *path,
                GFile      *directory,
                GFile     **file)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '\0' || g_path_is_absolute (path) || path[0] == '~')
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;

  *file = g_file_resolve_relative_path (directory, path);
  if (!g_file_has_prefix (*file, directory))
    {
      g_clear_object (file);
      return FALSE;
    }
  return TRUE;
}

char *
warta_archive_hash_file (GFile         *file,
                         gint64        *size,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(WartaSha256) checksum = warta_sha256_new ();
  g_autofree guint8 *buffer = NULL;
  gssize n;

  if (in == NULL)
    return NULL;
  buffer = g_malloc (READ_CHUNK);
  if (size != NULL)
    *size = 0;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, READ_CHUNK, cancellable, error)) > 0)
    {
      warta_sha256_update (checksum, buffer, n);
      if (size != NULL)
        *size += n;
    }
  if (n < 0)
    return NULL;
  return g_strdup (warta_sha256_get_string (checksum));
}

/* One entry of the manifest against the disk. FALSE only when cancelled:
 * everything else wrong with the entry or its file is a problem. */
static gboolean
check_entry (GFile         *directory,
             guint          index,
             JsonNode      *node,
             GPtrArray     *problems,
             GCancellable  *cancellable,
             GError       **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *actual = NULL;
  const char *path = object ? member_string (object, "path") : NULL;
  const char *expected = object ? member_string (object, "sha256") : NULL;
  gint64 size = 0, actual_size = 0;

  if (path == NULL || !is_sha256 (expected) || !member_int (object, "size", &size))
    {
      add_problem (problems, _("Entry %u of the manifest is malformed: it needs a path, a size and a SHA-256"),
                   index + 1);
      return TRUE;
    }
  if (!path_is_inside (path, directory, &file))
    {
      add_problem (problems, _("%s: the manifest names a file outside the bundle"), path);
      return TRUE;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            cancellable, &local_error);
  if (info == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    add_problem (problems, _("%s: missing"), path);
  else if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    add_problem (problems, _("%s: not a regular file"), path);
  else if (info == NULL || !(actual = warta_archive_hash_file (file, &actual_size, cancellable, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      add_problem (problems, _("%s: cannot be read: %s"), path, local_error->message);
    }
  else if (actual_size != size || g_ascii_strcasecmp (actual, expected) != 0)
    add_problem (problems, _("%s: changed (SHA-256 %.12s…, the manifest says %.12s…)"), path, actual, expected);
  return TRUE;
}

gboolean
warta_archive_check (GFile         *directory,
                     GPtrArray     *problems,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *files;

  g_return_val_if_fail (G_IS_FILE (directory), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_manifest (directory, &root, cancellable, error) ||
      !(files = manifest_files (root, directory, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (files); i++)
    if (!check_entry (directory, i, json_array_get_element (files, i), problems, cancellable, error))
      return FALSE;
  return TRUE;
}
