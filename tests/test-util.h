/* test-util.h: a scratch database and engine for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "warta-engine.h"
#include "warta-journal.h"

G_BEGIN_DECLS

#define TEST_PASSWORD "rahasia123"
/* What an administrator gives a new person, who must replace it. */
#define TEST_FIRST_PASSWORD "sementara123"

typedef struct
{
  char        *dir;
  char        *path;
  WartaStore  *store;
  WartaEngine *engine;
  gint64       now;     /* the engine's clock, µs; tests move it */
  gint64       admin;   /* the first user, made by test_db_new */
  char        *pg_database; /* on PostgreSQL, the test's own database */
} TestDb;

gboolean  test_db_is_postgres    (void);
const char *test_db_sql          (const char *sqlite,
                                  const char *postgres);
/* The one text value a query gives (NULL for SQL NULL or no row). */
char     *test_db_text           (TestDb     *db,
                                  const char *sql);

void      test_remove_tree       (const char *path);

TestDb   *test_db_new            (void);
void      test_db_free           (TestDb     *db);
void      test_db_reopen         (TestDb     *db);
void      test_db_install_seeds  (TestDb     *db);
char     *test_db_seed_path      (const char *name);
gint64    test_db_add_user       (TestDb     *db,
                                  const char *login,
                                  const char *first_role,
                                  ...) G_GNUC_NULL_TERMINATED;
void      test_db_advance        (TestDb     *db,
                                  int         minutes);
void      test_db_exec           (TestDb     *db,
                                  const char *sql);
gint64    test_db_count          (TestDb     *db,
                                  const char *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDb, test_db_free)

G_END_DECLS

G_BEGIN_DECLS
void      test_db_write_naskah   (TestDb     *db,
                                  gint64      actor,
                                  gint64      case_id);
/* Real documents, as the engine takes only what its content bears out:
 * a one-page PDF with line on it, and a minimal Word (OOXML) document. */
GBytes   *test_pdf_bytes         (const char *line);
GBytes   *test_docx_bytes        (void);
char     *test_db_write_file     (TestDb     *db,
                                  const char *name,
                                  const char *kind);
gint64    test_db_attach         (TestDb     *db,
                                  gint64      actor,
                                  gint64      case_id,
                                  const char *kind);
/* content stored under kind at the active step, as an older Warta kept
 * files: without looking at them. */
gint64    test_db_store_old_file (TestDb     *db,
                                  gint64      actor,
                                  gint64      case_id,
                                  const char *name,
                                  const char *kind,
                                  GBytes     *content);
/* What the active step needs to complete: its attachments, and at a
 * publish step a publication proven live (warta_sample_prove_publication). */
void      test_db_meet_requirements (TestDb    *db,
                                  gint64      actor,
                                  gint64      case_id);
/* Seed 002 from start to end by its four lanes, returned at step 3
 * rounds times first ("alasan-NN …"), step 3 taking 70 of its 60 min. */
gint64    test_db_drive_002      (TestDb     *db,
                                  gint64      staff,
                                  gint64      katim,
                                  gint64      kepala,
                                  gint64      web,
                                  const char *title,
                                  guint       rounds);
/* The same, the disposition of step 4 given sifat and arahan boxes. */
gint64    test_db_drive_002_full (TestDb     *db,
                                  gint64      staff,
                                  gint64      katim,
                                  gint64      kepala,
                                  gint64      web,
                                  const char *title,
                                  guint       rounds,
                                  WartaSifat  sifat,
                                  guint       arahan_boxes);
G_END_DECLS
