/* warta-flowchart-layout.c: where everything of an SOP's flowchart goes
 *
 * The chart is the SOP's table: one column per lane, one row per step in
 * list order, each step's symbol in its lane's column on its row, a Mulai
 * terminator on a row above the first step and one Selesai terminator per
 * kind of end on rows below the last. The layout is pure geometry, made
 * from the SOP alone, so it is the same for every case and testable
 * without a display; the drawing (warta-flowchart.c) adds a case's runs on
 * top.
 *
 * An arrow to the next row goes down from the bottom of its source (and
 * across between the rows when the lanes differ) into the top of its
 * target. Every other arrow is routed: out of a side, along a vertical
 * track in the right padding of a column, where no symbol ever is, and
 * into a side. Rows hold one symbol each, so a horizontal run at a symbol's
 * own height meets no other symbol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "warta-flowchart-private.h"

typedef enum
{
  SIDE_LEFT,
  SIDE_RIGHT,
  N_SIDES,
} Side;

typedef struct
{
  guint    edge;
  guint    other;      /* the node at the other end */
  gboolean outgoing;
} Port;

typedef struct
{
  /* Where a routed edge runs: its gap (the column whose right padding
   * holds its track), its sides and the heights of its ends. */
  guint  gap;
  Side   side[2];      /* source, target */
  double y[2];
  guint  slot;
} Route;

static const WartaFlowchartStyle default_style = {
  .margin = 24,
  .title_height = 44,
  .header_height = 48,
  .node_width = 180,
  .node_height = 100,
  .decision_height = 116,
  .terminator_width = 140,
  .terminator_height = 36,
  .column_padding = 40,
  .row_gap = 40,
  .track_spacing = 12,
  .font_size = 11,
  .arrow_size = 8,
};

const WartaFlowchartStyle *
warta_flowchart_style_get_default (void)
{
  return &default_style;
}

static void
edge_clear (gpointer data)
{
  WartaFlowchartEdge *edge = data;

  g_clear_pointer (&edge->points, g_free);
}

/* Room under a decision for its status, which does not fit in the diamond. */
double
_warta_flowchart_status_space (const WartaFlowchartStyle *style)
{
  return 2 * style->font_size * 1.3;
}

static double
label_height (const WartaFlowchartStyle *style)
{
  return style->font_size * 1.35;
}

static double
label_width (const WartaFlowchartStyle *style)
{
  return style->column_padding - 6;
}

static void
add_node (WartaFlowchartLayout   *layout,
          WartaFlowchartNodeKind  kind,
          guint                   lane,
          int                     step,
          WartaSopEnd             end)
{
  WartaFlowchartNode node = { kind, { 0, 0, 0, 0 }, lane, step, end };

  g_array_append_val (layout->nodes, node);
}

static void
add_edge (WartaFlowchartLayout *layout,
          guint                 source,
          guint                 target,
          WartaFlowchartLabel   label)
{
  WartaFlowchartEdge edge = { 0, };

  edge.source = source;
  edge.target = target;
  edge.label = label;
  edge.back = target <= source;
  g_array_append_val (layout->edges, edge);
}

/* The x where a horizontal line at y meets the symbol's left or right border. */
static double
border_x (const WartaFlowchartNode *node,
          Side                      side,
          double                    y)
{
  const WartaFlowchartRect *r = &node->rect;
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double dy = fabs (y - cy), half;

  switch (node->kind)
    {
    case WARTA_FLOWCHART_NODE_DECISION:
      half = r->width / 2 * (1 - dy / (r->height / 2));
      break;
    case WARTA_FLOWCHART_NODE_TERMINATOR:
      {
        double radius = r->height / 2;
        half = r->width / 2 - radius + sqrt (MAX (0, radius * radius - dy * dy));
      }
      break;
    case WARTA_FLOWCHART_NODE_PROCESS:
    default:
      half = r->width / 2;
      break;
    }
  return side == SIDE_LEFT ? cx - half : cx + half;
}

static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  const Port *pa = a, *pb = b;

  /* Arrows to rows above take the upper ports, so they do not cross. */
  if (pa->other != pb->other)
    return pa->other < pb->other ? -1 : 1;
  if (pa->edge != pb->edge)
    return pa->edge < pb->edge ? -1 : 1;
  /* A loop on one symbol: out above, back in below. */
  return pa->outgoing ? -1 : 1;
}

typedef struct
{
  guint  edge;
  double lo;
  double hi;
} Interval;

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const Interval *ia = a, *ib = b;
  double la = ia->hi - ia->lo, lb = ib->hi - ib->lo;

  /* Shorter runs nearer the symbols, so longer ones go round them. */
  if (la != lb)
    return la < lb ? -1 : 1;
  if (ia->lo != ib->lo)
    return ia->lo < ib->lo ? -1 : 1;
  return ia->edge < ib->edge ? -1 : (ia->edge > ib->edge);
}

static guint
lane_index (WartaSop   *sop,
            const char *lane_id)
{
  for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
    if (g_strcmp0 (warta_sop_get_lane (sop, i)->id, lane_id) == 0)
      return i;
  g_assert_not_reached ();
  return 0;
}

static guint
step_node (WartaSop   *sop,
           const char *step_id)
{
  const WartaSopStep *step = warta_sop_lookup_step (sop, step_id);

  g_assert (step != NULL);
  return step->index + 1;
}

static void
layout_nodes_and_edges (WartaFlowchartLayout *layout,
                        WartaSop             *sop)
{
  int last_of_end[3] = { -1, -1, -1 };
  guint end_node[3] = { 0, 0, 0 };
  WartaSopEnd order[2];
  guint n_ends = 0;

  add_node (layout, WARTA_FLOWCHART_NODE_TERMINATOR,
            lane_index (sop, warta_sop_get_step (sop, 0)->lane), -1, WARTA_SOP_END_NONE);

  for (guint i = 0; i < layout->n_steps; i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);

      add_node (layout,
                warta_sop_step_is_decision (step) ? WARTA_FLOWCHART_NODE_DECISION : WARTA_FLOWCHART_NODE_PROCESS,
                lane_index (sop, step->lane), i, WARTA_SOP_END_NONE);
      if (!warta_sop_step_is_decision (step) && step->end != WARTA_SOP_END_NONE)
        last_of_end[step->end] = i;
    }

  /* One terminator per kind of end; the one ended by the latest step comes
   * first, right under it when that is the last step. */
  for (WartaSopEnd end = WARTA_SOP_END_DONE; end <= WARTA_SOP_END_REJECTED; end++)
    if (last_of_end[end] >= 0)
      order[n_ends++] = end;
  if (n_ends == 2 && last_of_end[order[1]] > last_of_end[order[0]])
    {
      WartaSopEnd tmp = order[0];
      order[0] = order[1];
      order[1] = tmp;
    }
  for (guint i = 0; i < n_ends; i++)
    {
      end_node[order[i]] = layout->nodes->len;
      add_node (layout, WARTA_FLOWCHART_NODE_TERMINATOR,
                NODE (layout, last_of_end[order[i]] + 1)->lane, -1, order[i]);
    }

  add_edge (layout, 0, 1, WARTA_FLOWCHART_LABEL_NONE);
  for (guint i = 0; i < layout->n_steps; i++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, i);

      if (warta_sop_step_is_decision (step))
        {
          add_edge (layout, i + 1, step_node (sop, step->yes), WARTA_FLOWCHART_LABEL_YES);
          add_edge (layout, i + 1, step_node (sop, step->no), WARTA_FLOWCHART_LABEL_NO);
        }
      else if (step->next != NULL)
        add_edge (layout, i + 1, step_node (sop, step->next), WARTA_FLOWCHART_LABEL_NONE);
      else if (step->end != WARTA_SOP_END_NONE)
        add_edge (layout, i + 1, end_node[step->end], WARTA_FLOWCHART_LABEL_NONE);
    }

  /* One arrow of a symbol may go straight down to the next row; a
   * decision's Ya comes first. The rest are routed. */
  {
    g_autofree gboolean *has_direct = g_new0 (gboolean, layout->nodes->len);

    for (guint i = 0; i < layout->edges->len; i++)
      {
        WartaFlowchartEdge *edge = EDGE (layout, i);

        if (edge->target == edge->source + 1 && !has_direct[edge->source])
          has_direct[edge->source] = TRUE;
        else
          edge->routed = TRUE;
      }
  }
}

static void
layout_rows (WartaFlowchartLayout *layout,
             double                top)
{
  const WartaFlowchartStyle *style = &layout->style;
  double y = top;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      WartaFlowchartNode *node = NODE (layout, i);
      WartaFlowchartRect row = { 0, y, 0, 0 };

      switch (node->kind)
        {
        case WARTA_FLOWCHART_NODE_TERMINATOR:
          node->rect.width = style->terminator_width;
          node->rect.height = style->terminator_height;
          break;
        case WARTA_FLOWCHART_NODE_DECISION:
          node->rect.width = style->node_width;
          node->rect.height = style->decision_height;
          break;
        case WARTA_FLOWCHART_NODE_PROCESS:
        default:
          node->rect.width = style->node_width;
          node->rect.height = style->node_height;
          break;
        }
      node->rect.y = y + style->row_gap / 2;
      y += node->rect.height + style->row_gap;
      if (node->kind == WARTA_FLOWCHART_NODE_DECISION)
        y += _warta_flowchart_status_space (style);
      row.height = y - row.y;
      g_array_append_val (layout->rows, row);
    }
}

/* Sides and heights of the routed edges' ends, and their tracks' slots. */
static void
layout_routes (WartaFlowchartLayout *layout,
               Route                *routes,
               guint                *n_slots)
{
  guint n_nodes = layout->nodes->len;
  g_autofree GArray **sides = g_new0 (GArray *, n_nodes * N_SIDES);
  g_autofree gboolean *decided = g_new0 (gboolean, layout->edges->len);

  /* Across lanes, the track runs in the padding next to the target's
   * column, on the side facing the source. */
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const WartaFlowchartEdge *edge = EDGE (layout, i);
      guint cs = NODE (layout, edge->source)->lane, ct = NODE (layout, edge->target)->lane;
      Route *route = &routes[i];

      if (!edge->routed || cs == ct)
        continue;
      route->gap = cs < ct ? ct - 1 : ct;
      route->side[0] = cs < ct ? SIDE_RIGHT : SIDE_LEFT;
      route->side[1] = cs < ct ? SIDE_LEFT : SIDE_RIGHT;
      decided[i] = TRUE;
    }

  /* Within a lane, round the side that fewer tracks over the same rows
   * use already; the right one when it is even. */
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const WartaFlowchartEdge *edge = EDGE (layout, i);
      guint lane = NODE (layout, edge->source)->lane;
      guint lo = MIN (edge->source, edge->target), hi = MAX (edge->source, edge->target);
      guint busy[2] = { 0, 0 };   /* left, right */
      Route *route = &routes[i];

      if (!edge->routed || decided[i])
        continue;
      for (guint j = 0; j < layout->edges->len; j++)
        {
          const WartaFlowchartEdge *other = EDGE (layout, j);

          if (!decided[j] || MAX (other->source, other->target) < lo || MIN (other->source, other->target) > hi)
            continue;
          if (routes[j].gap == lane)
            busy[1]++;
          else if (lane > 0 && routes[j].gap == lane - 1)
            busy[0]++;
        }
      if (lane > 0 && busy[0] < busy[1])
        {
          route->gap = lane - 1;
          route->side[0] = route->side[1] = SIDE_LEFT;
        }
      else
        {
          route->gap = lane;
          route->side[0] = route->side[1] = SIDE_RIGHT;
        }
      decided[i] = TRUE;
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const WartaFlowchartEdge *edge = EDGE (layout, i);

      if (!edge->routed)
        continue;
      for (guint end = 0; end < 2; end++)
        {
          guint node = end == 0 ? edge->source : edge->target;
          GArray **list = &sides[node * N_SIDES + routes[i].side[end]];
          Port port;

          port.edge = i;
          port.other = end == 0 ? edge->target : edge->source;
          port.outgoing = end == 0;
          if (*list == NULL)
            *list = g_array_new (FALSE, FALSE, sizeof (Port));
          g_array_append_val (*list, port);
        }
    }

  /* Spread each side's ports evenly along it. */
  for (guint i = 0; i < n_nodes * N_SIDES; i++)
    {
      const WartaFlowchartNode *node = NODE (layout, i / N_SIDES);
      GArray *list = sides[i];

      if (list == NULL)
        continue;
      g_array_sort (list, compare_ports);
      for (guint k = 0; k < list->len; k++)
        {
          const Port *port = &g_array_index (list, Port, k);

          routes[port->edge].y[port->outgoing ? 0 : 1] =
            node->rect.y + node->rect.height * (k + 1) / (list->len + 1);
        }
      g_array_unref (list);
    }

  /* Tracks whose vertical runs overlap take different slots. */
  for (guint gap = 0; gap < layout->n_lanes; gap++)
    {
      g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
      g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Interval));

      for (guint i = 0; i < layout->edges->len; i++)
        {
          Interval interval = { i, MIN (routes[i].y[0], routes[i].y[1]), MAX (routes[i].y[0], routes[i].y[1]) };

          if (EDGE (layout, i)->routed && routes[i].gap == gap)
            g_array_append_val (intervals, interval);
        }
      g_array_sort (intervals, compare_intervals);

      n_slots[gap] = 0;
      for (guint i = 0; i < intervals->len; i++)
        {
          const Interval *interval = &g_array_index (intervals, Interval, i);
          guint slot = 0;
          gboolean clash = TRUE;

          while (clash)
            {
              clash = FALSE;
              for (guint j = 0; j < taken->len && !clash; j++)
                {
                  const Interval *other = &g_array_index (taken, Interval, j);

                  /* Two runs on one track would read as one line
                   * unless well apart. */
                  if (routes[other->edge].slot == slot &&
                      interval->lo < other->hi + layout->style.row_gap &&
                      other->lo < interval->hi + layout->style.row_gap)
                    clash = TRUE;
                }
              if (clash)
                slot++;
            }
          routes[interval->edge].slot = slot;
          g_array_append_val (taken, *interval);
          n_slots[gap] = MAX (n_slots[gap], slot + 1);
        }
    }
}

static void
layout_label (WartaFlowchartLayout *layout,
              WartaFlowchartEdge   *edge,
              const Route          *route)
{
  const WartaFlowchartStyle *style = &layout->style;
  const WartaFlowchartNode *source = NODE (layout, edge->source);
  double w = label_width (style), h = label_height (style);
  double cy = source->rect.y + source->rect.height / 2;
  const WartaFlowchartPoint *start = &edge->points[0];

  if (!edge->routed)
    {
      /* Right of the arrow, under the bottom vertex. */
      edge->label_rect = (WartaFlowchartRect) { start->x + 4, start->y + 2, w, h };
      return;
    }

  /* Over the arrow above the middle of the side, under it below, so it
   * stays clear of a diamond's slanting border. */
  edge->label_rect.x = route->side[0] == SIDE_RIGHT ? start->x + 3 : start->x - 3 - w;
  edge->label_rect.y = start->y <= cy ? start->y - 2 - h : start->y + 2;
  edge->label_rect.width = w;
  edge->label_rect.height = h;
}

WartaFlowchartLayout *
warta_flowchart_layout_new (WartaSop                  *sop,
                            const WartaFlowchartStyle *style)
{
  g_autoptr(WartaFlowchartLayout) layout = NULL;
  g_autofree Route *routes = NULL;
  g_autofree guint *n_slots = NULL;
  double x, y;

  g_return_val_if_fail (WARTA_IS_SOP (sop), NULL);
  g_return_val_if_fail (warta_sop_get_n_steps (sop) > 0, NULL);

  layout = g_new0 (WartaFlowchartLayout, 1);
  layout->style = style != NULL ? *style : default_style;
  style = &layout->style;
  layout->n_steps = warta_sop_get_n_steps (sop);
  layout->n_lanes = warta_sop_get_n_lanes (sop);
  layout->columns = g_array_new (FALSE, TRUE, sizeof (WartaFlowchartRect));
  layout->nodes = g_array_new (FALSE, TRUE, sizeof (WartaFlowchartNode));
  layout->edges = g_array_new (FALSE, TRUE, sizeof (WartaFlowchartEdge));
  g_array_set_clear_func (layout->edges, edge_clear);
  layout->rows = g_array_new (FALSE, TRUE, sizeof (WartaFlowchartRect));

  layout_nodes_and_edges (layout, sop);

  /* Down the page: title, lane header, one row per node. */
  y = style->margin;
  layout->title = (WartaFlowchartRect) { style->margin, y, 0, style->title_height };
  y += style->title_height;
  layout->header = (WartaFlowchartRect) { style->margin, y, 0, style->header_height };
  y += style->header_height;
  layout_rows (layout, y);
  layout->body = (WartaFlowchartRect) { style->margin, y, 0, 0 };
  y = ROW (layout, layout->rows->len - 1)->y + ROW (layout, layout->rows->len - 1)->height;
  layout->body.height = y - layout->body.y;
  /* Whole units, so images and widgets are as large as the chart. */
  layout->height = ceil (y + style->margin);

  routes = g_new0 (Route, layout->edges->len);
  n_slots = g_new0 (guint, layout->n_lanes);
  layout_routes (layout, routes, n_slots);

  /* Across: each column wide enough for its symbols and tracks. */
  x = style->margin;
  for (guint i = 0; i < layout->n_lanes; i++)
    {
      double pad = style->column_padding + n_slots[i] * style->track_spacing;
      WartaFlowchartRect column = { x, layout->header.y, style->node_width + 2 * pad,
                                    layout->header.height + layout->body.height };

      g_array_append_val (layout->columns, column);
      x += column.width;
    }
  layout->width = ceil (x + style->margin);
  layout->title.width = layout->header.width = layout->body.width = x - style->margin;
  for (guint i = 0; i < layout->rows->len; i++)
    {
      ROW (layout, i)->x = layout->body.x;
      ROW (layout, i)->width = layout->body.width;
    }

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      WartaFlowchartNode *node = NODE (layout, i);
      const WartaFlowchartRect *column = COLUMN (layout, node->lane);

      node->rect.x = column->x + (column->width - node->rect.width) / 2;
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      WartaFlowchartEdge *edge = EDGE (layout, i);
      const WartaFlowchartNode *source = NODE (layout, edge->source);
      const WartaFlowchartNode *target = NODE (layout, edge->target);
      double sx = source->rect.x + source->rect.width / 2;
      double tx = target->rect.x + target->rect.width / 2;
      double sy = source->rect.y + source->rect.height;
      double ty = target->rect.y;

      if (!edge->routed && fabs (sx - tx) < 0.01)
        {
          edge->n_points = 2;
          edge->points = g_new (WartaFlowchartPoint, 2);
          edge->points[0] = (WartaFlowchartPoint) { sx, sy };
          edge->points[1] = (WartaFlowchartPoint) { sx, ty };
        }
      else if (!edge->routed)
        {
          /* Down, across on the line between the rows, down again. */
          double between = ROW (layout, edge->source)->y + ROW (layout, edge->source)->height;

          edge->n_points = 4;
          edge->points = g_new (WartaFlowchartPoint, 4);
          edge->points[0] = (WartaFlowchartPoint) { sx, sy };
          edge->points[1] = (WartaFlowchartPoint) { sx, between };
          edge->points[2] = (WartaFlowchartPoint) { tx, between };
          edge->points[3] = (WartaFlowchartPoint) { tx, ty };
        }
      else
        {
          const Route *route = &routes[i];
          const WartaFlowchartRect *column = COLUMN (layout, route->gap);
          double pad = (column->width - style->node_width) / 2;
          double track = column->x + pad + style->node_width + style->column_padding +
                         route->slot * style->track_spacing;

          edge->n_points = 4;
          edge->points = g_new (WartaFlowchartPoint, 4);
          edge->points[0] = (WartaFlowchartPoint) { border_x (source, route->side[0], route->y[0]), route->y[0] };
          edge->points[1] = (WartaFlowchartPoint) { track, route->y[0] };
          edge->points[2] = (WartaFlowchartPoint) { track, route->y[1] };
          edge->points[3] = (WartaFlowchartPoint) { border_x (target, route->side[1], route->y[1]), route->y[1] };
        }

      if (edge->label != WARTA_FLOWCHART_LABEL_NONE)
        layout_label (layout, edge, &routes[i]);
    }

  return g_steal_pointer (&layout);
}

void
warta_flowchart_layout_free (WartaFlowchartLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->columns, g_array_unref);
  g_clear_pointer (&layout->nodes, g_array_unref);
  g_clear_pointer (&layout->edges, g_array_unref);
  g_clear_pointer (&layout->rows, g_array_unref);
  g_free (layout);
}

const WartaFlowchartStyle *
warta_flowchart_layout_get_style (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return &layout->style;
}

void
warta_flowchart_layout_get_size (WartaFlowchartLayout *layout,
                                 double               *width,
                                 double               *height)
{
  g_return_if_fail (layout != NULL);

  if (width != NULL)
    *width = layout->width;
  if (height != NULL)
    *height = layout->height;
}

const WartaFlowchartRect *
warta_flowchart_layout_get_title (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return &layout->title;
}

const WartaFlowchartRect *
warta_flowchart_layout_get_header (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return &layout->header;
}

const WartaFlowchartRect *
warta_flowchart_layout_get_body (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return &layout->body;
}

guint
warta_flowchart_layout_get_n_columns (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->columns->len;
}

/* A lane's column, from the top of the header to the bottom of the body. */
const WartaFlowchartRect *
warta_flowchart_layout_get_column (WartaFlowchartLayout *layout,
                                   guint                 lane)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (lane < layout->columns->len, NULL);
  return COLUMN (layout, lane);
}

/* Node 0 is Mulai, node i + 1 is step i, the end terminators follow. */
guint
warta_flowchart_layout_get_n_nodes (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->nodes->len;
}

const WartaFlowchartNode *
warta_flowchart_layout_get_node (WartaFlowchartLayout *layout,
                                 guint                 index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->nodes->len, NULL);
  return NODE (layout, index);
}

guint
warta_flowchart_layout_get_step_node (WartaFlowchartLayout *layout,
                                      guint                 step)
{
  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (step < layout->n_steps, 0);
  return step + 1;
}

guint
warta_flowchart_layout_get_n_edges (WartaFlowchartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->edges->len;
}

const WartaFlowchartEdge *
warta_flowchart_layout_get_edge (WartaFlowchartLayout *layout,
                                 guint                 index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->edges->len, NULL);
  return EDGE (layout, index);
}

/* The node whose box holds the point, or -1. */
int
warta_flowchart_layout_node_at (WartaFlowchartLayout *layout,
                                double                x,
                                double                y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const WartaFlowchartRect *r = &NODE (layout, i)->rect;

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return i;
    }
  return -1;
}

/* The first max_words words of text, with "…" when there were more. */
char *
warta_flowchart_short_text (const char *text,
                            guint       max_words)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) str = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  words = g_strsplit_set (text, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n == max_words)
        {
          g_string_append (str, "…");
          break;
        }
      if (n > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, words[i]);
      n++;
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

const char *
warta_flowchart_terminator_label (WartaSopEnd end)
{
  switch (end)
    {
    case WARTA_SOP_END_DONE:
      /* Translators: the terminator at the end of an SOP flowchart */
      return _("End");
    case WARTA_SOP_END_REJECTED:
      /* Translators: the terminator where a rejected naskah ends, in an SOP flowchart */
      return _("End (rejected)");
    case WARTA_SOP_END_NONE:
    default:
      /* Translators: the terminator at the start of an SOP flowchart */
      return _("Start");
    }
}

/* The run of the step with the highest seq, or NULL. */
const WartaStepRun *
warta_flowchart_find_last_run (GPtrArray  *runs,
                               const char *step_id)
{
  const WartaStepRun *last = NULL;

  g_return_val_if_fail (step_id != NULL, NULL);

  if (runs == NULL)
    return NULL;
  for (guint i = 0; i < runs->len; i++)
    {
      const WartaStepRun *run = g_ptr_array_index (runs, i);

      if (g_strcmp0 (run->step_id, step_id) == 0 && (last == NULL || run->seq > last->seq))
        last = run;
    }
  return last;
}
