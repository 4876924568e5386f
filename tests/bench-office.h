/* bench-office.h: the office and the drive the drive benchmarks share
 *
 * bench-drive.c (sqlite) and bench-pg-drive.c (PostgreSQL) drive the same
 * 1000 berkas through seed 002, action for action, with the engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-util.h"

G_BEGIN_DECLS

#define BENCH_SOP_ID "bbkk-medan-publikasi-website"
#define BENCH_BLOB_SIZE 4096

/* Stands for the page's screenshot at step 6: typed by its PNG signature. */
extern const char bench_shot_content[BENCH_BLOB_SIZE];

typedef struct
{
  gint64 staff, katim, kepala, admin;
} BenchUsers;

/* A new office with seed 002 installed and a person of each lane. */
TestDb *bench_office_new   (BenchUsers       *users);
/* count berkas from the start to the end; returns the milliseconds.
 * pdf is the nota dinas and the supporting document. */
double  bench_drive_warta  (TestDb           *db,
                            const BenchUsers *users,
                            GBytes           *pdf,
                            guint             count);

G_END_DECLS
