/* warta-archive.h: a case's archive bundle on disk, and its check
 *
 * A bundle is a directory: the three documents as PDFs, the kept archive
 * copies, every attachment, and manifest.json naming each file with its
 * size and SHA-256. warta_archive_check() needs nothing but the directory.
 *
 *   manifest.json            written last: a bundle without it is unfinished
 *   bukti-publikasi.pdf      the three documents, rendered at the export
 *   lembar-disposisi.pdf
 *   salinan-artikel.pdf
 *   arsip/ID-DOCUMENT-YYYYMMDD-HHMMSS.pdf   each kept archive copy, as kept
 *   lampiran/ID-NAME          each attachment; NAME without '/' or a leading dot
 *
 * The manifest holds its format version, the case, its SOP, the public
 * link, when and by whom it was made, the journal head then, and for each
 * file its path (relative, '/'-separated), size, SHA-256 and what it is.
 * The manifest's own SHA-256 is in the database, with the export's record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"

G_BEGIN_DECLS

#define WARTA_ARCHIVE_MANIFEST "manifest.json"
#define WARTA_ARCHIVE_FORMAT_VERSION 1

#define WARTA_ARCHIVE_ERROR (warta_archive_error_quark ())

typedef enum
{
  WARTA_ARCHIVE_ERROR_NOT_EMPTY,     /* the target directory holds files already */
  WARTA_ARCHIVE_ERROR_NO_MANIFEST,   /* the directory has no manifest.json */
  WARTA_ARCHIVE_ERROR_BAD_MANIFEST,  /* not JSON, or not a manifest of this format */
} WartaArchiveError;

GQuark   warta_archive_error_quark (void);

/* Writes the bundle of case_id into directory (made if missing; refused
 * if it holds files already), and records the export (document
 * "bundle"). actor must be allowed to print the case. On failure what
 * was written is removed again. */
gboolean warta_archive_export_with (WartaRunFunc       run,
                                    gpointer           runner,
                                    gint64             actor,
                                    gint64             case_id,
                                    GFile             *directory,
                                    WartaProgressFunc  progress,
                                    gpointer           user_data,
                                    GCancellable      *cancellable,
                                    GError           **error);
gboolean warta_archive_export (WartaEngine       *engine,
                               gint64             actor,
                               gint64             case_id,
                               GFile             *directory,
                               WartaProgressFunc  progress,
                               gpointer           user_data,
                               GCancellable      *cancellable,
                               GError           **error);

/* Hashes every file the manifest names, 64 KiB at a time. Returns FALSE
 * with error when the manifest is missing, not JSON or not a manifest of
 * this format; else TRUE, with problems (if not NULL; its strings are
 * added for g_free) given one translated line for each file missing or
 * changed, each entry of the manifest that is malformed, and each path
 * that would lead out of directory; a line about a file starts with its
 * path. */
gboolean warta_archive_check  (GFile             *directory,
                               GPtrArray         *problems,
                               GCancellable      *cancellable,
                               GError           **error);

/* A file's SHA-256 (hex), read 64 KiB at a time; its size in size. */
char    *warta_archive_hash_file (GFile          *file,
                                  gint64         *size,
                                  GCancellable   *cancellable,
                                  GError        **error);

G_END_DECLS
