/* warta-store-publish.c: sites, publications and the media sent to them
 *
 * A publication is written as soon as anything about it is known, one
 * fact at a time: its slug before the first request, each media id the
 * moment the site answers, the post id the same. Whatever happens next,
 * a crash included, the next attempt starts from what the site already
 * has instead of making it again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "warta-store-private.h"

#define SITE_COLUMNS "id, name, url, \"user\", credentials_file, added_by, added_at"

#define PUBLICATION_COLUMNS \
  "id, case_id, coalesce (site_id, 0), slug, status, coalesce (scheduled_at, 0), categories, tags, excerpt, " \
  "coalesce (post_id, 0), link, remote_status, content_sha256, coalesce (published_at, 0), " \
  "coalesce (published_by, 0), coalesce (verified_at, 0), coalesce (http_status, 0), coalesce (response_ms, 0), " \
  "body_sha256, coalesce (title_found, 0), coalesce (screenshot_id, 0), coalesce (withdrawn_at, 0), withdraw_reason"

static gpointer
read_site (WartaStmt *stmt)
{
  WartaSite *site = g_new0 (WartaSite, 1);

  site->id = warta_stmt_column_int64 (stmt, 0);
  site->name = _warta_store_column_text (stmt, 1);
  site->url = _warta_store_column_text (stmt, 2);
  site->user = _warta_store_column_text (stmt, 3);
  site->credentials_file = _warta_store_column_text (stmt, 4);
  site->added_by = warta_stmt_column_int64 (stmt, 5);
  site->added_at = warta_stmt_column_int64 (stmt, 6);
  return site;
}

/* Names are kept one per line: a category may hold a comma. */
static GStrv
split_names (WartaStmt *stmt,
             int           index)
{
  const char *text = warta_stmt_column_text (stmt, index);

  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

static char *
join_names (char **names)
{
  return names != NULL ? g_strjoinv ("\n", names) : g_strdup ("");
}

static gpointer
read_publication (WartaStmt *stmt)
{
  WartaPublication *publication = g_new0 (WartaPublication, 1);

  publication->id = warta_stmt_column_int64 (stmt, 0);
  publication->case_id = warta_stmt_column_int64 (stmt, 1);
  publication->site_id = warta_stmt_column_int64 (stmt, 2);
  publication->slug = _warta_store_column_text (stmt, 3);
  publication->status = _warta_store_column_text (stmt, 4);
  publication->scheduled_at = warta_stmt_column_int64 (stmt, 5);
  publication->categories = split_names (stmt, 6);
  publication->tags = split_names (stmt, 7);
  publication->excerpt = _warta_store_column_text (stmt, 8);
  publication->post_id = warta_stmt_column_int64 (stmt, 9);
  publication->link = _warta_store_column_text (stmt, 10);
  publication->remote_status = _warta_store_column_text (stmt, 11);
  publication->content_sha256 = _warta_store_column_text (stmt, 12);
  publication->published_at = warta_stmt_column_int64 (stmt, 13);
  publication->published_by = warta_stmt_column_int64 (stmt, 14);
  publication->verified_at = warta_stmt_column_int64 (stmt, 15);
  publication->http_status = warta_stmt_column_int (stmt, 16);
  publication->response_ms = warta_stmt_column_int64 (stmt, 17);
  publication->body_sha256 = _warta_store_column_text (stmt, 18);
  publication->title_found = warta_stmt_column_int (stmt, 19) != 0;
  publication->screenshot_id = warta_stmt_column_int64 (stmt, 20);
  publication->withdrawn_at = warta_stmt_column_int64 (stmt, 21);
  publication->withdraw_reason = _warta_store_column_text (stmt, 22);
  return publication;
}

static gpointer
read_published_media (WartaStmt *stmt)
{
  WartaPublishedMedia *media = g_new0 (WartaPublishedMedia, 1);

  media->attachment_id = warta_stmt_column_int64 (stmt, 0);
  media->media_id = warta_stmt_column_int64 (stmt, 1);
  media->source_url = _warta_store_column_text (stmt, 2);
  return media;
}

void
warta_published_media_free (WartaPublishedMedia *media)
{
  if (media == NULL)
    return;
  g_free (media->source_url);
  g_free (media);
}

/* One row or NULL; NOT_FOUND carries message when there is none. */
static gpointer
collect_one (WartaStore     *self,
             WartaStmt   *stmt,
             WartaRowFunc    read_row,
             GDestroyNotify  free_row,
             const char     *message,
             GError        **error)
{
  g_autoptr(GPtrArray) rows = _warta_store_collect (self, stmt, read_row, free_row, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      if (message != NULL)
        g_set_error_literal (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_NOT_FOUND, message);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* Sites */

gint64
warta_store_insert_site (WartaStore       *self,
                         const WartaSite  *site,
                         GError          **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO sites (name, url, \"user\", credentials_file, added_by, added_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  _warta_store_bind_text (stmt, 1, site->name);
  _warta_store_bind_text (stmt, 2, site->url);
  _warta_store_bind_text (stmt, 3, site->user);
  _warta_store_bind_text (stmt, 4, site->credentials_file);
  warta_stmt_bind_int64 (stmt, 5, site->added_by);
  warta_stmt_bind_int64 (stmt, 6, site->added_at);
  return _warta_store_step_id (self, stmt, error);
}

gboolean
warta_store_update_site (WartaStore       *self,
                         const WartaSite  *site,
                         GError          **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE sites SET url = ?, \"user\" = ?, credentials_file = ? WHERE id = ?", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, site->url);
  _warta_store_bind_text (stmt, 2, site->user);
  _warta_store_bind_text (stmt, 3, site->credentials_file);
  warta_stmt_bind_int64 (stmt, 4, site->id);
  return _warta_store_step_done (self, stmt, error);
}

GPtrArray *
warta_store_list_sites (WartaStore  *self,
                        GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " SITE_COLUMNS " FROM sites ORDER BY name", error)))
    return NULL;
  return _warta_store_collect (self, stmt, read_site, (GDestroyNotify)warta_site_free, error);
}

WartaSite *
warta_store_get_site (WartaStore  *self,
                      gint64       id,
                      GError     **error)
{
  g_autofree char *message = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " SITE_COLUMNS " FROM sites WHERE id = ?", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, id);
  message = g_strdup_printf (_("There is no site %lld"), (long long)id);
  return collect_one (self, stmt, read_site, (GDestroyNotify)warta_site_free, message, error);
}

WartaSite *
warta_store_find_site (WartaStore  *self,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *message = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " SITE_COLUMNS " FROM sites WHERE name = ?", error)))
    return NULL;
  _warta_store_bind_text (stmt, 1, name);
  message = g_strdup_printf (_("There is no site named “%s”"), name);
  return collect_one (self, stmt, read_site, (GDestroyNotify)warta_site_free, message, error);
}

gboolean
warta_store_set_attachment_for_site (WartaStore  *self,
                                     gint64       attachment_id,
                                     gboolean     for_site,
                                     GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self, "UPDATE attachments SET for_site = ? WHERE id = ?", error)))
    return FALSE;
  warta_stmt_bind_int (stmt, 1, for_site ? 1 : 0);
  warta_stmt_bind_int64 (stmt, 2, attachment_id);
  return _warta_store_step_done (self, stmt, error);
}

/* Publications */

gint64
warta_store_insert_publication (WartaStore              *self,
                                const WartaPublication  *publication,
                                GError                 **error)
{
  g_autofree char *categories = join_names (publication->categories);
  g_autofree char *tags = join_names (publication->tags);
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), 0);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO publications (case_id, site_id, slug, status, scheduled_at, "
                                     "categories, tags, excerpt, link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error)))
    return 0;
  warta_stmt_bind_int64 (stmt, 1, publication->case_id);
  _warta_store_bind_id (stmt, 2, publication->site_id);
  _warta_store_bind_text (stmt, 3, publication->slug);
  _warta_store_bind_text (stmt, 4, publication->status);
  _warta_store_bind_id (stmt, 5, publication->scheduled_at);
  _warta_store_bind_text (stmt, 6, categories);
  _warta_store_bind_text (stmt, 7, tags);
  _warta_store_bind_text (stmt, 8, publication->excerpt);
  _warta_store_bind_text (stmt, 9, publication->link);
  return _warta_store_step_id (self, stmt, error);
}

/* Everything but the case, the site and the slug, which never change. */
gboolean
warta_store_update_publication (WartaStore              *self,
                                const WartaPublication  *publication,
                                GError                 **error)
{
  g_autofree char *categories = join_names (publication->categories);
  g_autofree char *tags = join_names (publication->tags);
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "UPDATE publications SET status = ?, scheduled_at = ?, categories = ?, tags = ?, "
                                     "excerpt = ?, post_id = ?, link = ?, remote_status = ?, content_sha256 = ?, "
                                     "published_at = ?, published_by = ?, verified_at = ?, http_status = ?, "
                                     "response_ms = ?, body_sha256 = ?, title_found = ?, screenshot_id = ?, "
                                     "withdrawn_at = ?, withdraw_reason = ? WHERE id = ?", error)))
    return FALSE;
  _warta_store_bind_text (stmt, 1, publication->status);
  _warta_store_bind_id (stmt, 2, publication->scheduled_at);
  _warta_store_bind_text (stmt, 3, categories);
  _warta_store_bind_text (stmt, 4, tags);
  _warta_store_bind_text (stmt, 5, publication->excerpt);
  _warta_store_bind_id (stmt, 6, publication->post_id);
  _warta_store_bind_text (stmt, 7, publication->link);
  _warta_store_bind_text (stmt, 8, publication->remote_status);
  _warta_store_bind_text (stmt, 9, publication->content_sha256);
  _warta_store_bind_id (stmt, 10, publication->published_at);
  _warta_store_bind_id (stmt, 11, publication->published_by);
  _warta_store_bind_id (stmt, 12, publication->verified_at);
  _warta_store_bind_id (stmt, 13, publication->http_status);
  warta_stmt_bind_int64 (stmt, 14, publication->response_ms);
  _warta_store_bind_text (stmt, 15, publication->body_sha256);
  warta_stmt_bind_int (stmt, 16, publication->title_found ? 1 : 0);
  _warta_store_bind_id (stmt, 17, publication->screenshot_id);
  _warta_store_bind_id (stmt, 18, publication->withdrawn_at);
  _warta_store_bind_text (stmt, 19, publication->withdraw_reason);
  warta_stmt_bind_int64 (stmt, 20, publication->id);
  return _warta_store_step_done (self, stmt, error);
}

WartaPublication *
warta_store_get_publication (WartaStore  *self,
                             gint64       id,
                             GError     **error)
{
  g_autofree char *message = NULL;
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self, "SELECT " PUBLICATION_COLUMNS " FROM publications WHERE id = ?", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, id);
  message = g_strdup_printf (_("There is no publication %lld"), (long long)id);
  return collect_one (self, stmt, read_publication, (GDestroyNotify)warta_publication_free, message, error);
}

/* The case's publication on a site (site_id > 0) or at a manual link;
 * NULL with no error when there is none yet. */
WartaPublication *
warta_store_find_publication (WartaStore  *self,
                              gint64       case_id,
                              gint64       site_id,
                              const char  *manual_link,
                              GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);
  g_return_val_if_fail ((site_id > 0) != (manual_link != NULL), NULL);

  if (site_id > 0)
    {
      if (!(stmt = _warta_store_prepare (self,
                                         "SELECT " PUBLICATION_COLUMNS " FROM publications "
                                         "WHERE case_id = ? AND site_id = ?", error)))
        return NULL;
      warta_stmt_bind_int64 (stmt, 2, site_id);
    }
  else
    {
      if (!(stmt = _warta_store_prepare (self,
                                         "SELECT " PUBLICATION_COLUMNS " FROM publications "
                                         "WHERE case_id = ? AND site_id IS NULL AND link = ?", error)))
        return NULL;
      _warta_store_bind_text (stmt, 2, manual_link);
    }
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return collect_one (self, stmt, read_publication, (GDestroyNotify)warta_publication_free, NULL, error);
}

GPtrArray *
warta_store_list_publications (WartaStore  *self,
                               gint64       case_id,
                               GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT " PUBLICATION_COLUMNS " FROM publications WHERE case_id = ? ORDER BY id",
                                     error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, case_id);
  return _warta_store_collect (self, stmt, read_publication, (GDestroyNotify)warta_publication_free, error);
}

gboolean
warta_store_set_published_media (WartaStore  *self,
                                 gint64       publication_id,
                                 gint64       attachment_id,
                                 gint64       media_id,
                                 const char  *source_url,
                                 GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "INSERT INTO publication_media (publication_id, attachment_id, media_id, source_url) "
                                     "VALUES (?, ?, ?, ?) ON CONFLICT (publication_id, attachment_id) DO UPDATE SET "
                                     "  media_id = excluded.media_id, source_url = excluded.source_url", error)))
    return FALSE;
  warta_stmt_bind_int64 (stmt, 1, publication_id);
  warta_stmt_bind_int64 (stmt, 2, attachment_id);
  warta_stmt_bind_int64 (stmt, 3, media_id);
  _warta_store_bind_text (stmt, 4, source_url);
  return _warta_store_step_done (self, stmt, error);
}

GPtrArray *
warta_store_list_published_media (WartaStore  *self,
                                  gint64       publication_id,
                                  GError     **error)
{
  WartaStmt *stmt;

  g_return_val_if_fail (WARTA_IS_STORE (self), NULL);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT attachment_id, media_id, source_url FROM publication_media "
                                     "WHERE publication_id = ? ORDER BY attachment_id", error)))
    return NULL;
  warta_stmt_bind_int64 (stmt, 1, publication_id);
  return _warta_store_collect (self, stmt, read_published_media, (GDestroyNotify)warta_published_media_free, error);
}

/* Whether a file has gone to any site: then it stays with the case. */
gboolean
warta_store_attachment_is_published (WartaStore  *self,
                                     gint64       attachment_id)
{
  WartaStmt *stmt;
  gboolean found;

  g_return_val_if_fail (WARTA_IS_STORE (self), FALSE);

  if (!(stmt = _warta_store_prepare (self,
                                     "SELECT 1 FROM publication_media WHERE attachment_id = ?1 "
                                     "UNION ALL SELECT 1 FROM publications WHERE screenshot_id = ?1 LIMIT 1", NULL)))
    return TRUE;
  warta_stmt_bind_int64 (stmt, 1, attachment_id);
  found = warta_stmt_step (stmt) == WARTA_STMT_ROW;
  warta_stmt_reset (stmt);
  return found;
}
