/* publish-fixture.h: a case of seed 002 at its publish step, and a fake
 * site, for the publisher's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fake-wp.h"
#include "test-util.h"

G_BEGIN_DECLS

#define SOP_ID "bbkk-medan-publikasi-website"
#define TITLE "Vaksinasi “Gratis” di Pelabuhan & Bandara"

typedef struct
{
  TestDb  *db;
  FakeWp  *wp;
  gint64   staff, katim, kepala, web;
  gint64   case_id;
  gint64   site_id;
  gint64   photos[2];
  gint64   document;
  GBytes  *png;
} Fixture;

/* A PNG's first bytes: enough for a picture's type. */
#define TINY_PNG_SIZE 33
extern const guint8 tiny_png[TINY_PNG_SIZE];

/* Seed 002 at step 6, with its nota dinas and supporting document from
 * step 2 and two photos the admin website adds; a fake site. */
void fixture_setup    (Fixture       *f,
                       gconstpointer  data);
void fixture_teardown (Fixture       *f,
                       gconstpointer  data);
/* The case's active step is step_id. */
void assert_step      (Fixture       *f,
                       const char    *step_id);

G_END_DECLS
