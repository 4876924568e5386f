/* test-flowchart.c: the SOP flowchart's layout, drawing and export
 *
 * The layout is checked against what makes a chart readable, for every
 * seed and for a made-up SOP with many crossing arrows: symbols apart and
 * in their lanes' columns, every arrow orthogonal, from its source's border
 * to its target's, through no symbol and no label; decisions with one Ya
 * and one Tidak. Drawing and export need no display: cairo image and PDF
 * surfaces, and cairo's own text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "warta-flowchart.h"
#include "warta-timing.h"

/* poppler-glib 22.02 has no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static const char *seed_files[] = {
  "000-bbtklpp-jakarta-pengelolaan-website.json",
  "001-dinkes-kaltim-website-informasi-publik.json",
  "002-bbkk-medan-publikasi-website.json",
  "003-bkk-palembang-publikasi-medsos-website.json",
  "004-balkesbang-pengelolaan-website.json",
};

#define T0 (G_GINT64_CONSTANT (1735700000) * G_USEC_PER_SEC)

/* Three lanes and arrows every which way: back within a lane and across
 * lanes both ways, forward skips within a lane and across, a back arrow
 * from a step that is not a decision, both kinds of end. */
static const char crossing_sop[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"uji-silang\",\n"
  "  \"header\": { \"name\": \"Uji Panah Bersilang\" },\n"
  "  \"lanes\": [\n"
  "    { \"id\": \"staf\", \"name\": \"Staf\" },\n"
  "    { \"id\": \"katimker\", \"name\": \"Ketua Tim Kerja Layanan Publik dan Zona Integritas\" },\n"
  "    { \"id\": \"kepala\", \"name\": \"Kepala\" }\n"
  "  ],\n"
  "  \"steps\": [\n"
  "    { \"id\": \"1\", \"lane\": \"staf\", \"text\": \"Menulis naskah\", \"action\": \"compose\" },\n"
  "    { \"id\": \"2\", \"lane\": \"katimker\", \"text\": \"Memeriksa\", \"action\": \"review\",\n"
  "      \"ya\": \"3\", \"tidak\": \"1\" },\n"
  "    { \"id\": \"3\", \"lane\": \"kepala\", \"text\": \"Menyetujui\", \"action\": \"review\",\n"
  "      \"ya\": \"4\", \"tidak\": \"1\" },\n"
  "    { \"id\": \"4\", \"lane\": \"staf\", \"text\": \"Memeriksa ulang\", \"action\": \"review\",\n"
  "      \"ya\": \"5\", \"tidak\": \"2\" },\n"
  "    { \"id\": \"5\", \"lane\": \"staf\", \"text\": \"Memilih saluran\", \"action\": \"review\",\n"
  "      \"ya\": \"7\", \"tidak\": \"6\" },\n"
  "    { \"id\": \"6\", \"lane\": \"katimker\", \"text\": \"Memberitahukan penolakan\", \"action\": \"report\",\n"
  "      \"end\": \"rejected\" },\n"
  "    { \"id\": \"7\", \"lane\": \"staf\", \"text\": \"Menyiapkan unggahan\", \"action\": \"task\",\n"
  "      \"next\": \"9\" },\n"
  "    { \"id\": \"8\", \"lane\": \"katimker\", \"text\": \"Memperbaiki\", \"action\": \"task\", \"next\": \"2\" },\n"
  "    { \"id\": \"9\", \"lane\": \"kepala\", \"text\": \"Memeriksa unggahan\", \"action\": \"review\",\n"
  "      \"ya\": \"10\", \"tidak\": \"8\" },\n"
  "    { \"id\": \"10\", \"lane\": \"kepala\", \"text\": \"Mengumumkan\", \"action\": \"publish\" }\n"
  "  ]\n"
  "}\n";

static WartaSop *
load_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sop", name, NULL);
  g_autoptr(GError) error = NULL;
  WartaSop *sop = warta_sop_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sop);
  return sop;
}

/* How far a point is inside the symbol: > 0 inside, < 0 outside, 0 on
 * its border; the distance to the border near it. */
static double
depth (const WartaFlowchartNode *node,
       double                    x,
       double                    y)
{
  const WartaFlowchartRect *r = &node->rect;
  double a = r->width / 2, b = r->height / 2;
  double dx = fabs (x - (r->x + a)), dy = fabs (y - (r->y + b));

  switch (node->kind)
    {
    case WARTA_FLOWCHART_NODE_DECISION:
      return (1 - dx / a - dy / b) * a * b / hypot (a, b);
    case WARTA_FLOWCHART_NODE_TERMINATOR:
      return b - hypot (MAX (0, dx - (a - b)), dy);
    case WARTA_FLOWCHART_NODE_PROCESS:
    default:
      return MIN (a - dx, b - dy);
    }
}

static gboolean
rects_overlap (const WartaFlowchartRect *a,
               const WartaFlowchartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
point_in_rect (const WartaFlowchartRect *r,
               double                    x,
               double                    y,
               double                    inset)
{
  return x > r->x + inset && x < r->x + r->width - inset &&
         y > r->y + inset && y < r->y + r->height - inset;
}

static guint
node_of_step (WartaFlowchartLayout *layout,
              WartaSop             *sop,
              const char           *id)
{
  const WartaSopStep *step = warta_sop_lookup_step (sop, id);

  g_assert_nonnull (step);
  return warta_flowchart_layout_get_step_node (layout, step->index);
}

static guint
terminator_of_end (WartaFlowchartLayout *layout,
                   WartaSopEnd           end)
{
  for (guint i = 0; i < warta_flowchart_layout_get_n_nodes (layout); i++)
    {
      const WartaFlowchartNode *node = warta_flowchart_layout_get_node (layout, i);

      if (node->kind == WARTA_FLOWCHART_NODE_TERMINATOR && node->end == end)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

/* The one edge from source with this label. */
static const WartaFlowchartEdge *
find_edge (WartaFlowchartLayout *layout,
           guint                 source,
           WartaFlowchartLabel   label)
{
  const WartaFlowchartEdge *found = NULL;

  for (guint i = 0; i < warta_flowchart_layout_get_n_edges (layout); i++)
    {
      const WartaFlowchartEdge *edge = warta_flowchart_layout_get_edge (layout, i);

      if (edge->source == source && edge->label == label)
        {
          g_assert_null (found);
          found = edge;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static void
check_nodes (WartaFlowchartLayout *layout,
             WartaSop             *sop)
{
  const WartaFlowchartRect *body = warta_flowchart_layout_get_body (layout);
  guint n_nodes = warta_flowchart_layout_get_n_nodes (layout);
  guint n_steps = warta_sop_get_n_steps (sop);
  guint n_start = 0, n_end = 0, n_end_kinds = 0;
  gboolean has_end[3] = { FALSE, FALSE, FALSE };

  g_assert_cmpuint (warta_flowchart_layout_get_n_columns (layout), ==, warta_sop_get_n_lanes (sop));

  for (guint i = 0; i < n_steps; i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);
      const WartaFlowchartNode *node = warta_flowchart_layout_get_node (layout,
                                                                        warta_flowchart_layout_get_step_node (layout, i));
      const WartaSopLane *lane = warta_sop_get_lane (sop, node->lane);

      g_assert_cmpint (node->step, ==, (int) i);
      g_assert_cmpstr (lane->id, ==, step->lane);
      g_assert_cmpint (node->kind, ==, warta_sop_step_is_decision (step) ?
                       WARTA_FLOWCHART_NODE_DECISION : WARTA_FLOWCHART_NODE_PROCESS);
      if (!warta_sop_step_is_decision (step) && step->end != WARTA_SOP_END_NONE && !has_end[step->end])
        {
          has_end[step->end] = TRUE;
          n_end_kinds++;
        }
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      const WartaFlowchartNode *node = warta_flowchart_layout_get_node (layout, i);
      const WartaFlowchartRect *column = warta_flowchart_layout_get_column (layout, node->lane);
      const WartaFlowchartRect *r = &node->rect;

      g_assert_cmpfloat (r->width, >, 0);
      g_assert_cmpfloat (r->height, >, 0);
      /* In its lane's column, in the body of the table. */
      g_assert_cmpfloat (r->x, >=, column->x);
      g_assert_cmpfloat (r->x + r->width, <=, column->x + column->width);
      g_assert_cmpfloat (r->y, >=, body->y);
      g_assert_cmpfloat (r->y + r->height, <=, body->y + body->height);

      /* Apart from every other, and in list order down the page. */
      for (guint j = i + 1; j < n_nodes; j++)
        {
          const WartaFlowchartRect *s = &warta_flowchart_layout_get_node (layout, j)->rect;

          g_assert_false (rects_overlap (r, s));
          g_assert_cmpfloat (r->y + r->height, <, s->y);
        }

      if (node->kind == WARTA_FLOWCHART_NODE_TERMINATOR)
        {
          g_assert_cmpint (node->step, ==, -1);
          if (node->end == WARTA_SOP_END_NONE)
            {
              g_assert_cmpuint (i, ==, 0);
              n_start++;
            }
          else
            n_end++;
        }

      /* The middle of a symbol finds it; the tooltip relies on it. */
      g_assert_cmpint (warta_flowchart_layout_node_at (layout, r->x + r->width / 2, r->y + r->height / 2), ==, i);
    }

  g_assert_cmpuint (n_start, ==, 1);
  g_assert_cmpuint (n_end, ==, n_end_kinds);
  g_assert_cmpuint (n_nodes, ==, 1 + n_steps + n_end_kinds);
}

static void
check_columns (WartaFlowchartLayout *layout)
{
  const WartaFlowchartRect *header = warta_flowchart_layout_get_header (layout);
  const WartaFlowchartRect *body = warta_flowchart_layout_get_body (layout);
  double width, height, x = header->x;

  warta_flowchart_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (header->y + header->height, <=, body->y);
  g_assert_cmpfloat (body->x + body->width, <=, width);
  g_assert_cmpfloat (body->y + body->height, <=, height);

  /* Side by side, together as wide as the table. */
  for (guint i = 0; i < warta_flowchart_layout_get_n_columns (layout); i++)
    {
      const WartaFlowchartRect *column = warta_flowchart_layout_get_column (layout, i);

      g_assert_cmpfloat (fabs (column->x - x), <, 1e-6);
      g_assert_cmpfloat (column->y, ==, header->y);
      g_assert_cmpfloat (fabs (column->y + column->height - (body->y + body->height)), <, 1e-6);
      x += column->width;
    }
  g_assert_cmpfloat (fabs (x - (body->x + body->width)), <, 1e-6);
}

static void
check_edge_geometry (WartaFlowchartLayout     *layout,
                     const WartaFlowchartEdge *edge)
{
  const WartaFlowchartNode *source = warta_flowchart_layout_get_node (layout, edge->source);
  const WartaFlowchartNode *target = warta_flowchart_layout_get_node (layout, edge->target);
  const WartaFlowchartPoint *first = &edge->points[0];
  const WartaFlowchartPoint *last = &edge->points[edge->n_points - 1];
  const WartaFlowchartRect *body = warta_flowchart_layout_get_body (layout);

  g_assert_cmpuint (edge->n_points, >=, 2);
  g_assert_cmpfloat (fabs (depth (source, first->x, first->y)), <, 0.01);
  g_assert_cmpfloat (fabs (depth (target, last->x, last->y)), <, 0.01);
  g_assert_true (edge->back == (edge->target <= edge->source));
  if (!edge->routed)
    g_assert_cmpuint (edge->target, ==, edge->source + 1);

  for (guint i = 0; i + 1 < edge->n_points; i++)
    {
      const WartaFlowchartPoint *a = &edge->points[i], *b = &edge->points[i + 1];
      double length = hypot (b->x - a->x, b->y - a->y);
      guint n_samples = (guint) ceil (length * 2);

      /* Orthogonal, in the table's body. */
      g_assert_true (a->x == b->x || a->y == b->y);
      g_assert_true (point_in_rect (body, a->x, a->y, 0));
      g_assert_true (point_in_rect (body, b->x, b->y, 0));

      /* Through no symbol, its own included, and no label. */
      for (guint s = 0; s <= n_samples; s++)
        {
          double t = n_samples ? (double) s / n_samples : 0;
          double x = a->x + (b->x - a->x) * t, y = a->y + (b->y - a->y) * t;

          for (guint n = 0; n < warta_flowchart_layout_get_n_nodes (layout); n++)
            g_assert_cmpfloat (depth (warta_flowchart_layout_get_node (layout, n), x, y), <, 0.5);
          for (guint e = 0; e < warta_flowchart_layout_get_n_edges (layout); e++)
            {
              const WartaFlowchartEdge *other = warta_flowchart_layout_get_edge (layout, e);

              if (other->label != WARTA_FLOWCHART_LABEL_NONE)
                g_assert_false (point_in_rect (&other->label_rect, x, y, 0.5));
            }
        }
    }

  /* A routed arrow's vertical run is beside every symbol, not over one. */
  if (edge->routed)
    for (guint n = 0; n < warta_flowchart_layout_get_n_nodes (layout); n++)
      {
        const WartaFlowchartRect *r = &warta_flowchart_layout_get_node (layout, n)->rect;

        g_assert_true (edge->points[1].x < r->x || edge->points[1].x > r->x + r->width);
      }

  if (edge->label != WARTA_FLOWCHART_LABEL_NONE)
    {
      const WartaFlowchartRect *l = &edge->label_rect;
      double corners[5][2] = {
        { l->x + 0.5, l->y + 0.5 }, { l->x + l->width - 0.5, l->y + 0.5 },
        { l->x + 0.5, l->y + l->height - 0.5 }, { l->x + l->width - 0.5, l->y + l->height - 0.5 },
        { l->x + l->width / 2, l->y + l->height / 2 },
      };

      g_assert_true (point_in_rect (body, l->x, l->y, 0));
      g_assert_true (point_in_rect (body, l->x + l->width, l->y + l->height, 0));
      for (guint n = 0; n < warta_flowchart_layout_get_n_nodes (layout); n++)
        for (guint c = 0; c < G_N_ELEMENTS (corners); c++)
          g_assert_cmpfloat (depth (warta_flowchart_layout_get_node (layout, n), corners[c][0], corners[c][1]), <, 0);
    }
}

/* No two arrows share a stretch of line, or come so near end to end on
 * one that they would read as one. */
static void
check_no_shared_runs (WartaFlowchartLayout *layout)
{
  guint n_edges = warta_flowchart_layout_get_n_edges (layout);
  double apart = warta_flowchart_layout_get_style (layout)->track_spacing;

  for (guint i = 0; i < n_edges; i++)
    for (guint j = i + 1; j < n_edges; j++)
      {
        const WartaFlowchartEdge *e = warta_flowchart_layout_get_edge (layout, i);
        const WartaFlowchartEdge *f = warta_flowchart_layout_get_edge (layout, j);

        for (guint a = 0; a + 1 < e->n_points; a++)
          for (guint b = 0; b + 1 < f->n_points; b++)
            {
              const WartaFlowchartPoint *p0 = &e->points[a], *p1 = &e->points[a + 1];
              const WartaFlowchartPoint *q0 = &f->points[b], *q1 = &f->points[b + 1];

              if (p0->x == p1->x && q0->x == q1->x && fabs (p0->x - q0->x) < 1)
                g_assert_false (MIN (p0->y, p1->y) < MAX (q0->y, q1->y) + apart &&
                                MIN (q0->y, q1->y) < MAX (p0->y, p1->y) + apart);
              if (p0->y == p1->y && q0->y == q1->y && fabs (p0->y - q0->y) < 1)
                g_assert_false (MIN (p0->x, p1->x) < MAX (q0->x, q1->x) + apart &&
                                MIN (q0->x, q1->x) < MAX (p0->x, p1->x) + apart);
            }
      }
}

/* The arrows are the SOP's flow, no more, no less. */
static void
check_flow (WartaFlowchartLayout *layout,
            WartaSop             *sop)
{
  guint n_steps = warta_sop_get_n_steps (sop);
  g_autofree guint *n_in = g_new0 (guint, warta_flowchart_layout_get_n_nodes (layout));
  guint n_flow = 1;

  g_assert_cmpuint (find_edge (layout, 0, WARTA_FLOWCHART_LABEL_NONE)->target, ==, 1);

  for (guint i = 0; i < n_steps; i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);
      guint node = warta_flowchart_layout_get_step_node (layout, i);
      guint n_out = 0;

      for (guint e = 0; e < warta_flowchart_layout_get_n_edges (layout); e++)
        n_out += warta_flowchart_layout_get_edge (layout, e)->source == node;

      if (warta_sop_step_is_decision (step))
        {
          g_assert_cmpuint (n_out, ==, 2);
          g_assert_cmpuint (find_edge (layout, node, WARTA_FLOWCHART_LABEL_YES)->target, ==,
                            node_of_step (layout, sop, step->yes));
          g_assert_cmpuint (find_edge (layout, node, WARTA_FLOWCHART_LABEL_NO)->target, ==,
                            node_of_step (layout, sop, step->no));
          n_flow += 2;
        }
      else
        {
          const WartaFlowchartEdge *edge = find_edge (layout, node, WARTA_FLOWCHART_LABEL_NONE);

          g_assert_cmpuint (n_out, ==, 1);
          if (step->next != NULL)
            g_assert_cmpuint (edge->target, ==, node_of_step (layout, sop, step->next));
          else
            g_assert_cmpuint (edge->target, ==, terminator_of_end (layout, step->end));
          n_flow++;
        }
    }
  g_assert_cmpuint (warta_flowchart_layout_get_n_edges (layout), ==, n_flow);

  /* Every symbol but Mulai is reached by some arrow. */
  for (guint e = 0; e < warta_flowchart_layout_get_n_edges (layout); e++)
    n_in[warta_flowchart_layout_get_edge (layout, e)->target]++;
  g_assert_cmpuint (n_in[0], ==, 0);
  for (guint n = 1; n < warta_flowchart_layout_get_n_nodes (layout); n++)
    g_assert_cmpuint (n_in[n], >, 0);
}

static void
check_layout (WartaFlowchartLayout *layout,
              WartaSop             *sop)
{
  double width, height;

  warta_flowchart_layout_get_size (layout, &width, &height);
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);

  check_columns (layout);
  check_nodes (layout, sop);
  check_flow (layout, sop);
  for (guint i = 0; i < warta_flowchart_layout_get_n_edges (layout); i++)
    check_edge_geometry (layout, warta_flowchart_layout_get_edge (layout, i));
  check_no_shared_runs (layout);
}

static void
test_seeds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      g_autoptr(WartaSop) sop = load_seed (seed_files[i]);
      g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);

      g_test_message ("%s", seed_files[i]);
      check_layout (layout, sop);
    }
}

static void
test_crossing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) sop = warta_sop_new_from_data (crossing_sop, -1, "silang.json", &error);
  g_autoptr(WartaFlowchartLayout) layout = NULL;
  const WartaFlowchartEdge *edge;

  g_assert_no_error (error);
  layout = warta_flowchart_layout_new (sop, NULL);
  check_layout (layout, sop);

  /* 8 → 2 goes back up from a step that is not a decision. */
  edge = find_edge (layout, node_of_step (layout, sop, "8"), WARTA_FLOWCHART_LABEL_NONE);
  g_assert_true (edge->back);
  g_assert_true (edge->routed);
  /* 7 → 9 skips 8, to another lane. */
  edge = find_edge (layout, node_of_step (layout, sop, "7"), WARTA_FLOWCHART_LABEL_NONE);
  g_assert_false (edge->back);
  g_assert_true (edge->routed);
  g_assert_cmpuint (edge->target, ==, node_of_step (layout, sop, "9"));
}

static void
test_seed_003_decisions (void)
{
  g_autoptr(WartaSop) sop = load_seed (seed_files[3]);
  g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
  struct { const char *step, *yes, *no; } decisions[] = { { "4", "5", "3" }, { "5", "6", "4" } };

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      guint node = node_of_step (layout, sop, decisions[i].step);
      const WartaFlowchartEdge *yes = find_edge (layout, node, WARTA_FLOWCHART_LABEL_YES);
      const WartaFlowchartEdge *no = find_edge (layout, node, WARTA_FLOWCHART_LABEL_NO);

      g_assert_cmpint (warta_flowchart_layout_get_node (layout, node)->kind, ==, WARTA_FLOWCHART_NODE_DECISION);

      /* Ya straight down to the next row. */
      g_assert_cmpuint (yes->target, ==, node_of_step (layout, sop, decisions[i].yes));
      g_assert_false (yes->back);
      g_assert_false (yes->routed);
      g_assert_cmpfloat (yes->points[1].y, >, yes->points[0].y);

      /* Tidak back up, round the side. */
      g_assert_cmpuint (no->target, ==, node_of_step (layout, sop, decisions[i].no));
      g_assert_true (no->back);
      g_assert_true (no->routed);
      g_assert_cmpfloat (no->points[no->n_points - 1].y, <, no->points[0].y);
    }
}

static void
test_seed_001_filtering (void)
{
  g_autoptr(WartaSop) sop = load_seed (seed_files[1]);
  g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
  guint b4 = node_of_step (layout, sop, "b4");
  const WartaFlowchartEdge *yes = find_edge (layout, b4, WARTA_FLOWCHART_LABEL_YES);
  const WartaFlowchartEdge *no = find_edge (layout, b4, WARTA_FLOWCHART_LABEL_NO);
  const WartaFlowchartEdge *skip;

  g_assert_cmpuint (yes->target, ==, node_of_step (layout, sop, "b5"));
  g_assert_false (yes->routed);

  /* Tidak goes down past b5 to b6, which ends rejected. */
  g_assert_cmpuint (no->target, ==, node_of_step (layout, sop, "b6"));
  g_assert_false (no->back);
  g_assert_true (no->routed);
  g_assert_cmpfloat (no->points[no->n_points - 1].y, >, no->points[0].y);
  g_assert_cmpuint (find_edge (layout, no->target, WARTA_FLOWCHART_LABEL_NONE)->target, ==,
                    terminator_of_end (layout, WARTA_SOP_END_REJECTED));

  /* b5 skips b6 on the way to b7, in the same lane: round it. */
  skip = find_edge (layout, node_of_step (layout, sop, "b5"), WARTA_FLOWCHART_LABEL_NONE);
  g_assert_cmpuint (skip->target, ==, node_of_step (layout, sop, "b7"));
  g_assert_true (skip->routed);
  g_assert_cmpuint (find_edge (layout, skip->target, WARTA_FLOWCHART_LABEL_NONE)->target, ==,
                    terminator_of_end (layout, WARTA_SOP_END_DONE));
}

static void
test_deterministic (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      g_autoptr(WartaSop) sop = load_seed (seed_files[i]);
      g_autoptr(WartaFlowchartLayout) a = warta_flowchart_layout_new (sop, NULL);
      g_autoptr(WartaFlowchartLayout) b = warta_flowchart_layout_new (sop, NULL);
      double wa, ha, wb, hb;

      warta_flowchart_layout_get_size (a, &wa, &ha);
      warta_flowchart_layout_get_size (b, &wb, &hb);
      g_assert_cmpfloat (wa, ==, wb);
      g_assert_cmpfloat (ha, ==, hb);
      g_assert_cmpuint (warta_flowchart_layout_get_n_edges (a), ==, warta_flowchart_layout_get_n_edges (b));
      for (guint e = 0; e < warta_flowchart_layout_get_n_edges (a); e++)
        {
          const WartaFlowchartEdge *ea = warta_flowchart_layout_get_edge (a, e);
          const WartaFlowchartEdge *eb = warta_flowchart_layout_get_edge (b, e);

          g_assert_cmpuint (ea->n_points, ==, eb->n_points);
          g_assert_cmpmem (ea->points, ea->n_points * sizeof (WartaFlowchartPoint),
                           eb->points, eb->n_points * sizeof (WartaFlowchartPoint));
        }
    }
}

static void
test_node_at (void)
{
  g_autoptr(WartaSop) sop = load_seed (seed_files[3]);
  g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
  const WartaFlowchartRect *header = warta_flowchart_layout_get_header (layout);
  const WartaFlowchartNode *node = warta_flowchart_layout_get_node (layout, 2);

  g_assert_cmpint (warta_flowchart_layout_node_at (layout, header->x + 5, header->y + 5), ==, -1);
  g_assert_cmpint (warta_flowchart_layout_node_at (layout, -10, -10), ==, -1);
  g_assert_cmpint (warta_flowchart_layout_node_at (layout, node->rect.x + 1, node->rect.y + 1), ==, 2);
  g_assert_cmpint (warta_flowchart_layout_node_at (layout, node->rect.x - 1, node->rect.y + 1), ==, -1);
}

static void
test_short_text (void)
{
  g_autofree char *a = warta_flowchart_short_text ("Satu dua  tiga", 8);
  g_autofree char *b = warta_flowchart_short_text ("Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh", 8);
  g_autofree char *c = warta_flowchart_short_text ("Satu dua tiga empat lima enam tujuh delapan", 8);
  g_autofree char *d = warta_flowchart_short_text ("", 8);

  g_assert_cmpstr (a, ==, "Satu dua tiga");
  g_assert_cmpstr (b, ==, "Satu dua tiga empat lima enam tujuh delapan…");
  g_assert_cmpstr (c, ==, "Satu dua tiga empat lima enam tujuh delapan");
  g_assert_cmpstr (d, ==, "");
}

static void
add_run (GPtrArray  *runs,
         const char *step_id,
         int         seq,
         int         standard,
         gint64      started_at,
         gint64      completed_at)
{
  WartaStepRun *run = g_new0 (WartaStepRun, 1);

  run->seq = seq;
  run->step_id = g_strdup (step_id);
  run->standard_min = run->standard_max = standard;
  run->started_at = started_at;
  run->completed_at = completed_at;
  run->outcome = completed_at ? WARTA_OUTCOME_COMPLETED : WARTA_OUTCOME_NONE;
  g_ptr_array_add (runs, run);
}

/* Steps 1 and 2 of seed 003 done, 2 over its standard; 3 active and over. */
static GPtrArray *
sample_runs (gint64 *now)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) warta_step_run_free);

  add_run (runs, "1", 1, 30, T0, T0 + 20 * WARTA_USEC_PER_MINUTE);
  add_run (runs, "2", 2, 30, T0 + 20 * WARTA_USEC_PER_MINUTE, T0 + 65 * WARTA_USEC_PER_MINUTE);
  add_run (runs, "3", 3, 60, T0 + 65 * WARTA_USEC_PER_MINUTE, 0);
  *now = T0 + 200 * WARTA_USEC_PER_MINUTE;
  return runs;
}

static gboolean
pixel_is (cairo_surface_t           *surface,
          double                     x,
          double                     y,
          const WartaFlowchartColor *color)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + (int) y * stride + (int) x * 4);
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (color->red * 255)) <= 2 &&
         abs (g - (int) round (color->green * 255)) <= 2 &&
         abs (b - (int) round (color->blue * 255)) <= 2;
}

static void
test_draw_runs (void)
{
  g_autoptr(WartaSop) sop = load_seed (seed_files[3]);
  g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
  const WartaFlowchartColors *colors = warta_flowchart_colors_get_default (FALSE);
  g_autoptr(GPtrArray) runs = NULL;
  cairo_surface_t *surface;
  const WartaFlowchartRect *r;
  double width, height;
  gint64 now;
  cairo_t *cr;

  runs = sample_runs (&now);
  warta_flowchart_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width), (int) ceil (height));
  cr = cairo_create (surface);
  warta_flowchart_draw (cr, layout, sop, runs, now, colors, NULL, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Done steps filled, the active one with a thick border in the colour
   * of its timing, the others plain; Mulai passed, the end not reached. */
  r = &warta_flowchart_layout_get_node (layout, node_of_step (layout, sop, "1"))->rect;
  g_assert_true (pixel_is (surface, r->x + 3, r->y + r->height - 3, &colors->done));
  r = &warta_flowchart_layout_get_node (layout, node_of_step (layout, sop, "2"))->rect;
  g_assert_true (pixel_is (surface, r->x + 3, r->y + r->height - 3, &colors->done));
  r = &warta_flowchart_layout_get_node (layout, node_of_step (layout, sop, "3"))->rect;
  g_assert_true (pixel_is (surface, r->x + 1, r->y + r->height / 2, &colors->over));
  g_assert_true (pixel_is (surface, r->x + 3, r->y + r->height - 3, &colors->node));
  r = &warta_flowchart_layout_get_node (layout, node_of_step (layout, sop, "7"))->rect;
  g_assert_true (pixel_is (surface, r->x + 3, r->y + r->height - 3, &colors->node));
  r = &warta_flowchart_layout_get_node (layout, 0)->rect;
  g_assert_true (pixel_is (surface, r->x + r->width / 2, r->y + 3, &colors->done));
  r = &warta_flowchart_layout_get_node (layout, terminator_of_end (layout, WARTA_SOP_END_DONE))->rect;
  g_assert_true (pixel_is (surface, r->x + r->width / 2, r->y + 3, &colors->node));

  cairo_surface_destroy (surface);
}

static void
record_text (cairo_t                     *cr,
             const char                  *text,
             const WartaFlowchartTextBox *box,
             gpointer                     user_data)
{
  g_ptr_array_add (user_data, g_strdup (text));
  warta_flowchart_draw_text_simple (cr, text, box, NULL);
}

static gboolean
texts_hold (GPtrArray  *texts,
            const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static gboolean
texts_hold_prefix (GPtrArray  *texts,
                   const char *prefix)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (texts, i), prefix))
      return TRUE;
  return FALSE;
}

/* A run that sent the case back and a decision answered tidak are drawn
 * as what they were, not as done; the active step's time is its time. */
static void
test_draw_outcomes (void)
{
  g_autoptr(WartaSop) sop = load_seed (seed_files[3]);
  g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
  const WartaFlowchartColors *colors = warta_flowchart_colors_get_default (FALSE);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) warta_step_run_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const WartaSopStep *decision = NULL;
  const WartaFlowchartRect *r;
  cairo_surface_t *surface;
  double width, height;
  gint64 now = T0 + 200 * WARTA_USEC_PER_MINUTE;
  cairo_t *cr;

  for (guint i = 0; decision == NULL && i < warta_sop_get_n_steps (sop); i++)
    if (warta_sop_step_is_decision (warta_sop_get_step (sop, i)))
      decision = warta_sop_get_step (sop, i);
  g_assert_nonnull (decision);
  g_assert_cmpstr (decision->id, !=, "2");
  g_assert_cmpstr (decision->id, !=, "3");

  add_run (runs, "2", 1, 30, T0, T0 + 40 * WARTA_USEC_PER_MINUTE);
  ((WartaStepRun *) g_ptr_array_index (runs, 0))->outcome = WARTA_OUTCOME_RETURNED;
  add_run (runs, decision->id, 2, 60, T0 + 40 * WARTA_USEC_PER_MINUTE, T0 + 55 * WARTA_USEC_PER_MINUTE);
  ((WartaStepRun *) g_ptr_array_index (runs, 1))->outcome = WARTA_OUTCOME_NO;
  /* The active step, 25 minutes in. */
  add_run (runs, "3", 3, 60, now - 25 * WARTA_USEC_PER_MINUTE, 0);

  warta_flowchart_layout_get_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width), (int) ceil (height));
  cr = cairo_create (surface);
  warta_flowchart_draw (cr, layout, sop, runs, now, colors, record_text, texts);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_true (texts_hold (texts, "Returned after 40 min"));
  g_assert_true (texts_hold (texts, "Answered no after 15 min"));
  g_assert_false (texts_hold_prefix (texts, "Done in"));
  g_assert_true (texts_hold (texts, "Active 25 min, within the standard"));
  for (guint i = 0; i < texts->len; i++)
    g_assert_null (strstr (g_ptr_array_index (texts, i), " s,"));

  /* Their own fills: neither done's nor a step's not reached. */
  r = &warta_flowchart_layout_get_node (layout, node_of_step (layout, sop, "2"))->rect;
  g_assert_true (pixel_is (surface, r->x + 4, r->y + r->height - 4, &colors->returned));
  r = &warta_flowchart_layout_get_node (layout, node_of_step (layout, sop, decision->id))->rect;
  g_assert_true (pixel_is (surface, r->x + r->width / 2, r->y + r->height * 0.85, &colors->rejected));

  cairo_surface_destroy (surface);
}

/* Seed 000, 21 steps a metre tall at its own size, on A4: every page A4,
 * more than one, and every step's words on one of them, once. */
static void
test_export_a4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("warta-flowchart-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(WartaSop) sop = load_seed (seed_files[0]);
  g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  int n_pages;
  gint64 now;

  g_assert_no_error (error);
  g_assert_cmpuint (warta_sop_get_n_steps (sop), ==, 21);
  pdf = g_build_filename (dir, "alur.pdf", NULL);
  runs = sample_runs (&now);
  g_assert_true (warta_flowchart_export (layout, sop, runs, now, NULL, NULL, NULL,
                                         pdf, WARTA_FLOWCHART_PDF, &error));
  g_assert_no_error (error);

  uri = g_filename_to_uri (pdf, NULL, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n_pages = poppler_document_get_n_pages (document);
  g_assert_cmpint (n_pages, >, 1);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_true ((fabs (width - 595.28) < 1 && fabs (height - 841.89) < 1) ||
                     (fabs (width - 841.89) < 1 && fabs (height - 595.28) < 1));
    }

  /* The first words of each step, as the chart writes them, found on the
   * pages as many times as steps begin so. */
  for (guint s = 0; s < warta_sop_get_n_steps (sop); s++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, s);
      g_autofree char *short_text = warta_flowchart_short_text (step->text, 8);
      g_auto(GStrv) words = g_strsplit (short_text, " ", 3);
      g_autofree char *start = warta_sop_step_is_decision (step) || words[1] == NULL
                               ? g_strdup (words[0]) : g_strdup_printf ("%s %s", words[0], words[1]);
      guint expected = 0, found = 0;

      for (guint t = 0; t < warta_sop_get_n_steps (sop); t++)
        {
          g_autofree char *other = warta_flowchart_short_text (warta_sop_get_step (sop, t)->text, 8);

          if (g_str_has_prefix (other, start))
            expected++;
        }
      for (int i = 0; i < n_pages; i++)
        {
          g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
          GList *matches = poppler_page_find_text_with_options (page, start, POPPLER_FIND_CASE_SENSITIVE);

          found += g_list_length (matches);
          g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
        }
      if (found < expected)
        g_error ("step %s: “%s” found %u times on the pages, %u steps begin so", step->id, start, found, expected);
    }

  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("warta-flowchart-XXXXXX", &error);
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *bad = NULL;
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_assert_no_error (error);
  png = g_build_filename (dir, "alur.png", NULL);
  pdf = g_build_filename (dir, "alur.pdf", NULL);
  bad = g_build_filename (dir, "tidak-ada", "alur.png", NULL);

  for (guint i = 1; i <= 3; i += 2)
    {
      g_autoptr(WartaSop) sop = load_seed (seed_files[i]);
      g_autoptr(WartaFlowchartLayout) layout = warta_flowchart_layout_new (sop, NULL);
      g_autoptr(GPtrArray) runs = NULL;
      g_autofree char *png_data = NULL;
      g_autofree char *pdf_data = NULL;
      cairo_surface_t *image;
      double width, height;
      gsize length;
      gint64 now;

      runs = sample_runs (&now);
      warta_flowchart_layout_get_size (layout, &width, &height);

      g_assert_true (warta_flowchart_export (layout, sop, runs, now, NULL, NULL, NULL,
                                             png, WARTA_FLOWCHART_PNG, &error));
      g_assert_no_error (error);
      png_data = read_file (png, &length);
      g_assert_cmpuint (length, >, sizeof png_magic);
      g_assert_cmpmem (png_data, sizeof png_magic, png_magic, sizeof png_magic);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (width * WARTA_FLOWCHART_PNG_SCALE));
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (height * WARTA_FLOWCHART_PNG_SCALE));
      cairo_surface_destroy (image);

      g_assert_true (warta_flowchart_export (layout, sop, NULL, 0, warta_flowchart_colors_get_default (TRUE),
                                             NULL, NULL, pdf, WARTA_FLOWCHART_PDF, &error));
      g_assert_no_error (error);
      pdf_data = read_file (pdf, &length);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (pdf_data, "%PDF-"));

      /* Nowhere to write: an error that says what to do, no file. */
      g_assert_false (warta_flowchart_export (layout, sop, runs, now, NULL, NULL, NULL,
                                              bad, WARTA_FLOWCHART_PNG, &error));
      g_assert_error (error, WARTA_FLOWCHART_ERROR, WARTA_FLOWCHART_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "tidak-ada"));
      g_clear_error (&error);
      g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

      /* A folder where the file should be. */
      g_assert_false (warta_flowchart_export (layout, sop, NULL, 0, NULL, NULL, NULL,
                                              dir, WARTA_FLOWCHART_PDF, &error));
      g_assert_error (error, WARTA_FLOWCHART_ERROR, WARTA_FLOWCHART_ERROR_WRITE);
      g_clear_error (&error);
    }

  g_assert_cmpint (g_remove (png), ==, 0);
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  void (*fc_fini) (void);
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flowchart/layout/seeds", test_seeds);
  g_test_add_func ("/flowchart/layout/crossing", test_crossing);
  g_test_add_func ("/flowchart/layout/seed-003-decisions", test_seed_003_decisions);
  g_test_add_func ("/flowchart/layout/seed-001-filtering", test_seed_001_filtering);
  g_test_add_func ("/flowchart/layout/deterministic", test_deterministic);
  g_test_add_func ("/flowchart/layout/node-at", test_node_at);
  g_test_add_func ("/flowchart/short-text", test_short_text);
  g_test_add_func ("/flowchart/draw/runs", test_draw_runs);
  g_test_add_func ("/flowchart/draw/outcomes", test_draw_outcomes);
  g_test_add_func ("/flowchart/export/a4", test_export_a4);
  g_test_add_func ("/flowchart/export", test_export);

  ret = g_test_run ();

  /* Cairo's font cache and fontconfig's configuration live until exit;
   * let go of them, or LeakSanitizer counts them. FcFini is looked up, as
   * the tests do not link fontconfig themselves. */
  cairo_debug_reset_static_data ();
  fc_fini = (void (*) (void)) dlsym (RTLD_DEFAULT, "FcFini");
  if (fc_fini != NULL)
    fc_fini ();
  return ret;
}
