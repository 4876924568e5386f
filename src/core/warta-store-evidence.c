/* warta-store-evidence.c: archive copies, prints and the archive register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "warta-store-private.h"

#define COPY_COLUMNS "id, case_id, document, made_by, made_at, size, sha256"
#define PRINT_COLUMNS "id, case_id, coalesce (run_id, 0), document, how, by, at, sha256"

static gpointer
read_copy (WartaStmt *stmt)
{
  WartaArchiveCopy *copy = g_new0 (WartaArchiveCopy, 1);

  copy->id = warta_stmt_column_int64 (stmt, 0);
  copy->case_id = warta_stmt_column_int64 (stmt, 1);
  copy->document = _warta_store_column_text (stmt, 2);
  copy->made_by = warta_stmt_column_int64 (stmt, 3);
  copy->made_at = warta_stmt_column_int64 (stmt, 4);
  copy->size = warta_stmt_column_int64 (stmt, 5);
  copy->sha256 = _warta_store_column_text (stmt, 6);
  return copy;
}

static gpointer
read_print (WartaStmt *stmt)
{
  WartaPrintRecord *record = g_new0 (WartaPrintRecord, 1);

  record->id = warta_stmt_column_int64 (stmt, 0);
  record->case_id = warta_stmt_column_int64 (stmt, 1);
  record->run_id = warta_stmt_column_int64 (stmt, 2);
  record->document = _warta_store_column_text (stmt, 3);
  record->how = _warta_store_column_text (stmt, 4);
  record->by = warta_stmt_column_int64 (stmt, 5);
  record->at = warta_stmt_column_int64 (stmt, 6);
  record->sha256 = _warta_store_column_text (stmt, 7);
  return record;
}

static gpointer
read_entry (WartaStmt *stmt)
{
  WartaArchiveEntry *entry = g_new0 (WartaArchiveEntry, 1);

  entry->case_id = warta_stmt_column_int64 (stmt, 0);
  entry->title = _warta_store_column_text (stmt, 1);
  entry->sop_id = _warta_store_column_text (stmt, 2);
  entry->sop_version = warta_stmt_column_int (stmt, 3);
  entry->sop_name = _warta_store_column_text (stmt, 4);
  entry->sop_number = _warta_store_column_text (stmt, 5);
  entry->created_at = warta_stmt_column_int64 (stmt, 6);
  entry->finished_at = warta_stmt_column_int64 (stmt, 7);
  entry->link = _warta_store_column_text (stmt, 8);
  entry->archive_copy_id = warta_stmt_column_int64 (stmt, 9);
  entry->n_prints = warta_stmt_column_int64 (stmt, 10);
  return entry;
}

gint64
warta_store_insert_archive_copy (WartaStore              *self,
                                 const WartaArchiveCopy  *copy,
                                 GBytes                  *data,
                                 GError                 **error)
{
  WartaStmt *stmt;
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  bytes = g_bytes_get_data (data, &size);
  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO archive_copies (case_id, document, made_by, made_at, size, sha256, data) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  warta_stmt_bind_int64 (stmt, 1, copy->case_id);
  _warta_store_bind_text (stmt, 2, copy->document);
  warta_stmt_bind_int64 (stmt, 3, copy->made_by);
  warta_stmt_bind_int64 (stmt, 4, copy->made_at);
  warta_stmt_bind_int64 (stmt, 5, (gint64)size);
  _warta_store_bind_text (stmt, 6, copy->sha256);
  warta_stmt_bind_blob (stmt, 7, bytes, size);
  return _warta_store_step_id (self, stmt, error);
}

GPtrArray *
warta_store_list_archive_copies (WartaStore  *self,
                                 gint64       case_id,
                                 GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " COPY_COLUMNS " FROM archive_copies WHERE case_id = ? ORDER BY id", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_copy, (GDestroyNotify)warta_archive_copy_free, error);
}

WartaArchiveCopy *
warta_store_get_archive_copy (WartaStore  *self,
                              gint64       id,
                              GBytes     **data,
                              GError     **error)
{
  WartaArchiveCopy *copy;
  WartaStmt *stmt;
  int rc;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " COPY_COLUMNS ", data FROM archive_copies WHERE id = ?", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, id);
  rc = warta_stmt_step (stmt);
  if (rc != WARTA_STMT_ROW)
    {
      warta_stmt_reset (stmt);
      if (rc == WARTA_STMT_DONE)
        g_set_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND,
                     _("There is no archive copy %lld."), (long long)id);
      else
        _warta_store_set_db_error (self, error);
      return NULL;
    }
  copy = read_copy (stmt);
  if (data != NULL)
    {
      gsize size = 0;
      gconstpointer bytes = warta_stmt_column_blob (stmt, 7, &size);

      *data = g_bytes_new (bytes, size);
    }
  warta_stmt_reset (stmt);
  return copy;
}

gint64
warta_store_insert_print (WartaStore              *self,
                          const WartaPrintRecord  *record,
                          GError                 **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO prints (case_id, run_id, document, how, by, at, sha256) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  warta_stmt_bind_int64 (stmt, 1, record->case_id);
  _warta_store_bind_id (stmt, 2, record->run_id);
  _warta_store_bind_text (stmt, 3, record->document);
  _warta_store_bind_text (stmt, 4, record->how);
  warta_stmt_bind_int64 (stmt, 5, record->by);
  warta_stmt_bind_int64 (stmt, 6, record->at);
  _warta_store_bind_text (stmt, 7, record->sha256);
  return _warta_store_step_id (self, stmt, error);
}

GPtrArray *
warta_store_list_prints (WartaStore  *self,
                         gint64       case_id,
                         GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " PRINT_COLUMNS " FROM prints WHERE case_id = ? ORDER BY id", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_print, (GDestroyNotify)warta_print_record_free, error);
}

gint64
warta_store_count_prints_in_run (WartaStore  *self,
                                 gint64       run_id,
                                 GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), -1);

  if (!(stmt = _warta_store_prepare (self, "SELECT count (*) FROM prints WHERE run_id = ?", error)))
    return -1;
  warta_stmt_bind_int64 (stmt, 1, run_id);
  return _warta_store_step_count (self, stmt, error);
}

/* LIKE's wildcards in what the person typed are taken literally. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* The SOP versions as a JSON array of "ID@VERSION", for json_each. */
static char *
sops_json (const char * const *sops)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; sops[i] != NULL; i++)
    json_builder_add_string_value (builder, sops[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* @sops: (nullable): only the cases of these SOP versions ("ID@VERSION"),
 *   for someone who may see only those; NULL for every case */
GPtrArray *
warta_store_list_archive (WartaStore         *self,
                          const char * const *sops,
                          const char         *text,
                          gint64       from,
                          gint64       to,
                          guint        offset,
                          guint        limit,
                          GError     **error)
{
  g_autofree char *pattern = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *only = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  /* The link is the latest publication's still standing; the search looks
   * at every link the case was ever published under. */
  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT c.id, c.title, c.sop_id, c.sop_version, s.name, s.number, c.created_at, c.finished_at, "
                                     "  (SELECT link FROM publications p WHERE p.case_id = c.id AND p.link IS NOT NULL "
                                     "     ORDER BY (p.withdrawn_at IS NULL) DESC, coalesce (p.verified_at, 0) DESC, p.id DESC LIMIT 1), "
                                     "  coalesce ((SELECT max (a.id) FROM archive_copies a WHERE a.case_id = c.id AND a.document = 'bukti'), 0), "
                                     "  (SELECT count (*) FROM prints r WHERE r.case_id = c.id) "
                                     "FROM cases c JOIN sops s ON s.id = c.sop_id AND s.version = c.sop_version "
                                     "WHERE c.state = 'done' "
                                     "  AND (CAST (?1 AS TEXT) IS NULL OR lower (c.title) LIKE ?1 ESCAPE '\\' OR lower (c.sop_id) LIKE ?1 ESCAPE '\\' "
                                     "       OR lower (s.name) LIKE ?1 ESCAPE '\\' OR lower (coalesce (s.number, '')) LIKE ?1 ESCAPE '\\' "
                                     "       OR EXISTS (SELECT 1 FROM publications p WHERE p.case_id = c.id AND lower (p.link) LIKE ?1 ESCAPE '\\')) "
                                     "  AND (?2 = 0 OR c.finished_at >= ?2) AND (?3 = 0 OR c.finished_at < ?3) "
                                     "  AND (CAST (?6 AS TEXT) IS NULL OR c.sop_id || '@' || c.sop_version IN (SELECT value FROM json_each (?6))) "
                                     "ORDER BY c.finished_at DESC, c.id DESC LIMIT ?4 OFFSET ?5", error)))
    return NULL;

  if (text != NULL && !warta_text_is_blank (text))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      /* sqlite's lower() folds ASCII only; the stored text is Latin. */
      folded = g_utf8_strdown (stripped, -1);
      pattern = like_pattern (folded);
    }
  _warta_store_bind_text (stmt, 1, pattern);
  warta_stmt_bind_int64 (stmt, 2, from);
  warta_stmt_bind_int64 (stmt, 3, to);
  warta_stmt_bind_int64 (stmt, 4, limit > 0 ? (gint64)limit : G_MAXINT64);
  warta_stmt_bind_int64 (stmt, 5, offset);
  if (sops != NULL)
    only = sops_json (sops);
  _warta_store_bind_text (stmt, 6, only);
  return _warta_store_collect (self, stmt, read_entry, (GDestroyNotify)warta_archive_entry_free, error);
}
