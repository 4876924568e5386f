/* warta-sop-view.c: an SOP laid out as its official document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-scroll.h"
#include "warta-sop-view.h"
#include "warta-timing.h"

struct _WartaSopView
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkStack  *stack;
  GtkGrid   *identity_grid;
  GtkLabel  *office_value;
  GtkLabel  *number_value;
  GtkLabel  *made_value;
  GtkLabel  *revised_value;
  GtkLabel  *effective_value;
  GtkLabel  *approved_value;
  GtkLabel  *name_value;
  GtkGrid   *sections_grid;
  GtkGrid   *steps_grid;
  GtkScrolledWindow *steps_scroller;
  GtkScrollbar *steps_scrollbar;

  /* Owned */
  WartaSop  *sop;
};

G_DEFINE_FINAL_TYPE (WartaSopView, warta_sop_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the paper form leaves blank. */
#define BLANK "—"

/* Widest text of the step table's columns, in characters; a column is
 * never narrower than two thirds of it, so that a table of many lanes
 * scrolls sideways instead of breaking its words letter by letter. */
enum {
  WIDTH_ACTIVITY = 34,
  WIDTH_LANE = 11,
  WIDTH_REQUIREMENTS = 26,
  WIDTH_OUTPUT = 22,
  WIDTH_NOTE = 18,
};

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell_label (const char *text,
            int         max_width)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (max_width > 0)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), max_width);
      gtk_label_set_width_chars (GTK_LABEL (label), max_width * 2 / 3);
    }
  return label;
}

/* A bordered cell of a table; the grid draws the outer top and left
 * borders, each cell its right and bottom ones. */
static GtkWidget *
attach_cell (GtkGrid    *grid,
             GtkWidget  *child,
             int         column,
             int         row,
             int         width,
             int         height,
             const char *css_class)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (cell, "sop-cell");
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);
  if (child != NULL)
    gtk_box_append (GTK_BOX (cell), child);
  gtk_grid_attach (grid, cell, column, row, width, height);
  return cell;
}

static GtkWidget *
attach_head (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             int         width,
             int         height,
             int         max_width)
{
  GtkWidget *label = cell_label (text, max_width);
  GtkWidget *cell;

  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  /* A title is never broken inside a word: its longest word sets the
   * column's narrowest width. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (label, TRUE);
  cell = attach_cell (grid, label, column, row, width, height, "sop-head");
  return cell;
}

static void
set_value (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text && *text ? text : BLANK);
}

static void
warta_sop_view_fill_identity (WartaSopView         *self,
                              const WartaSopHeader *header)
{
  g_autofree char *made = warta_format_iso_date (header->made);
  g_autofree char *revised = warta_format_iso_date (header->revised);
  g_autofree char *effective = warta_format_iso_date (header->effective);
  g_autofree char *revision = NULL;
  g_autofree char *approved_text = NULL;
  g_autoptr(GPtrArray) approved = g_ptr_array_new_with_free_func (g_free);

  if (header->revision != NULL && revised != NULL)
    /* Translators: the date of an SOP's revision and its number: "23 September 2023 (revision 3)" */
    revision = g_strdup_printf (C_("sop form", "%s (revision %s)"), revised, header->revision);
  else if (header->revision != NULL)
    revision = g_strdup_printf (C_("sop form", "Revision %s"), header->revision);

  if (header->approved_position != NULL)
    g_ptr_array_add (approved, g_strdup (header->approved_position));
  if (header->approved_name != NULL)
    g_ptr_array_add (approved, g_strdup (header->approved_name));
  if (header->approved_nip != NULL)
    /* Translators: the civil servant number under the signer's name */
    g_ptr_array_add (approved, g_strdup_printf (C_("sop form", "NIP %s"), header->approved_nip));
  g_ptr_array_add (approved, NULL);
  approved_text = g_strjoinv ("\n", (char **)approved->pdata);

  set_value (self->office_value, header->office);
  set_value (self->number_value, header->number);
  set_value (self->made_value, made);
  set_value (self->revised_value, revision ? revision : revised);
  set_value (self->effective_value, effective);
  set_value (self->approved_value, approved_text);
  set_value (self->name_value, header->name);
}

/* The lists under the identity block, two to a row as on the paper form;
 * a list the SOP does not give is left out. */
static void
warta_sop_view_fill_sections (WartaSopView         *self,
                              const WartaSopHeader *header)
{
  const struct {
    const char *title;
    GStrv       items;
  } sections[] = {
    { NC_("sop form", "Legal basis"), header->legal_basis },
    { NC_("sop form", "Qualifications"), header->qualifications },
    { NC_("sop form", "Related SOPs"), header->related },
    { NC_("sop form", "Equipment"), header->equipment },
    { NC_("sop form", "Warnings"), header->warnings },
    { NC_("sop form", "Records"), header->records },
  };
  guint shown = 0;

  clear_grid (self->sections_grid);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *title, *list, *cell;
      guint n = sections[i].items ? g_strv_length (sections[i].items) : 0;

      if (n == 0)
        continue;

      title = cell_label (g_dpgettext2 (GETTEXT_PACKAGE, "sop form", sections[i].title), 0);
      gtk_widget_add_css_class (title, "heading");

      list = gtk_grid_new ();
      gtk_grid_set_column_spacing (GTK_GRID (list), 6);
      gtk_grid_set_row_spacing (GTK_GRID (list), 2);
      for (guint j = 0; j < n; j++)
        {
          g_autofree char *number = g_strdup_printf ("%u.", j + 1);
          GtkWidget *number_label = cell_label (number, 0);
          GtkWidget *item = cell_label (sections[i].items[j], 0);

          gtk_label_set_xalign (GTK_LABEL (number_label), 1);
          gtk_label_set_wrap (GTK_LABEL (item), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (item), PANGO_WRAP_WORD_CHAR);
          gtk_widget_set_hexpand (item, TRUE);
          gtk_grid_attach (GTK_GRID (list), number_label, 0, j, 1, 1);
          gtk_grid_attach (GTK_GRID (list), item, 1, j, 1, 1);
        }

      cell = attach_cell (self->sections_grid, title, shown % 2, shown / 2, 1, 1, NULL);
      gtk_box_append (GTK_BOX (cell), list);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                      -1);
      shown++;
    }

  /* An odd last list gets the whole row. */
  if (shown % 2 == 1)
    {
      GtkWidget *last = gtk_grid_get_child_at (self->sections_grid, 0, shown / 2);

      gtk_grid_remove (self->sections_grid, g_object_ref (last));
      gtk_grid_attach (self->sections_grid, last, 0, shown / 2, 2, 1);
      g_object_unref (last);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sections_grid), shown > 0);
}

/* Where the flow goes from a step when it is not simply the next row. */
static char *
describe_flow (WartaSop           *sop,
               const WartaSopStep *step)
{
  const WartaSopStep *following = step->index + 1 < warta_sop_get_n_steps (sop)
                                  ? warta_sop_get_step (sop, step->index + 1) : NULL;

  if (warta_sop_step_is_decision (step))
    return g_strdup_printf (C_("sop mark", "Ya → %s, Tidak → %s"), step->yes, step->no);
  if (step->end == WARTA_SOP_END_REJECTED)
    return g_strdup (C_("sop mark", "End: not published"));
  if (step->end == WARTA_SOP_END_DONE)
    return g_strdup (C_("sop mark", "End"));
  if (step->next != NULL && (following == NULL || g_strcmp0 (following->id, step->next) != 0))
    return g_strdup_printf ("→ %s", step->next);
  return NULL;
}

/* The step's mark in its Pelaksana column: a capsule where the procedure
 * starts or ends, a diamond for a decision, a box for any other step, as
 * SOP flowcharts draw them; words for what the shape says. */
static GtkWidget *
create_mark (WartaSop           *sop,
             const WartaSopStep *step,
             const WartaSopLane *lane)
{
  g_autofree char *flow = describe_flow (sop, step);
  g_autofree char *label = NULL;
  const char *shape, *kind;
  GtkWidget *box, *mark;

  if (warta_sop_step_is_decision (step))
    shape = "decision", kind = C_("sop mark", "Decision");
  else if (step->index == 0 || step->end != WARTA_SOP_END_NONE)
    shape = "terminal", kind = step->index == 0 ? C_("sop mark", "Start") : C_("sop mark", "End");
  else
    shape = "process", kind = C_("sop mark", "Activity");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (mark, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (mark, "sop-mark");
  gtk_widget_add_css_class (mark, shape);
  gtk_box_append (GTK_BOX (box), mark);

  if (flow != NULL)
    {
      GtkWidget *flow_label = cell_label (flow, WIDTH_LANE);

      gtk_label_set_xalign (GTK_LABEL (flow_label), 0.5);
      gtk_label_set_justify (GTK_LABEL (flow_label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (flow_label, "caption");
      gtk_box_append (GTK_BOX (box), flow_label);
    }

  /* Translators: a step's mark in a Pelaksana column: "Kepala Satker: Decision" */
  label = g_strdup_printf (C_("sop mark", "%s: %s"), lane->name, kind);
  gtk_widget_set_tooltip_text (mark, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return box;
}

static char *
format_requirements (const WartaSopStep *step)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < step->requirements->len; i++)
    {
      const WartaSopRequirement *req = g_ptr_array_index (step->requirements, i);
      g_autofree char *item = NULL;

      if (req->attachment != NULL)
        /* Translators: a requirement that is attached to the case as a file of this kind */
        item = g_markup_printf_escaped (C_("sop form", "%s <span size=\"small\">(attachment: %s)</span>"),
                                        req->text, req->attachment);
      else
        item = g_markup_escape_text (req->text, -1);

      if (i > 0)
        g_string_append_c (text, '\n');
      if (step->requirements->len > 1)
        g_string_append (text, "• ");
      g_string_append (text, item);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_note (const WartaSopStep *step)
{
  if (step->require_5w1h && step->note != NULL)
    return g_strdup_printf ("%s\n%s", step->note, C_("sop form", "Naskah checked for 5W+1H"));
  if (step->require_5w1h)
    return g_strdup (C_("sop form", "Naskah checked for 5W+1H"));
  return g_strdup (step->note);
}

static void
warta_sop_view_fill_steps (WartaSopView *self)
{
  WartaSop *sop = self->sop;
  GtkGrid *grid = self->steps_grid;
  guint n_lanes = warta_sop_get_n_lanes (sop);
  int col_requirements = 2 + n_lanes;
  GtkWidget *cell;

  clear_grid (grid);

  attach_head (grid, C_("sop form", "No"), 0, 0, 1, 2, 0);
  cell = attach_head (grid, C_("sop form", "Activity"), 1, 0, 1, 2, 0);
  gtk_widget_set_hexpand (cell, TRUE);
  attach_head (grid, C_("sop form", "Performers"), 2, 0, n_lanes, 1, 0);
  attach_head (grid, C_("sop form", "Quality standard"), col_requirements, 0, 3, 1, 0);
  attach_head (grid, C_("sop form", "Note"), col_requirements + 3, 0, 1, 2, 0);
  for (guint i = 0; i < n_lanes; i++)
    attach_head (grid, warta_sop_get_lane (sop, i)->name, 2 + i, 1, 1, 1, WIDTH_LANE);
  attach_head (grid, C_("sop form", "Requirements"), col_requirements, 1, 1, 1, 0);
  attach_head (grid, C_("sop form", "Time"), col_requirements + 1, 1, 1, 1, 0);
  attach_head (grid, C_("sop form", "Output"), col_requirements + 2, 1, 1, 1, 0);

  for (guint s = 0; s < warta_sop_get_n_steps (sop); s++)
    {
      const WartaSopStep *step = warta_sop_get_step (sop, s);
      g_autofree char *requirements = format_requirements (step);
      g_autofree char *standard = warta_format_standard (step->standard_min, step->standard_max);
      g_autofree char *note = format_note (step);
      int row = 2 + s;
      GtkWidget *label;

      label = cell_label (step->id, 0);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      attach_cell (grid, label, 0, row, 1, 1, "sop-number");

      label = cell_label (step->text, WIDTH_ACTIVITY);
      attach_cell (grid, label, 1, row, 1, 1, NULL);

      for (guint i = 0; i < n_lanes; i++)
        {
          const WartaSopLane *lane = warta_sop_get_lane (sop, i);
          gboolean here = g_strcmp0 (lane->id, step->lane) == 0;

          attach_cell (grid, here ? create_mark (sop, step, lane) : NULL, 2 + i, row, 1, 1, "sop-lane");
        }

      label = cell_label (NULL, WIDTH_REQUIREMENTS);
      gtk_label_set_markup (GTK_LABEL (label), requirements);
      attach_cell (grid, label, col_requirements, row, 1, 1, NULL);

      label = cell_label (standard ? standard : BLANK, 0);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5);
      attach_cell (grid, label, col_requirements + 1, row, 1, 1, "sop-time");

      attach_cell (grid, cell_label (step->output, WIDTH_OUTPUT), col_requirements + 2, row, 1, 1, NULL);
      attach_cell (grid, cell_label (note, WIDTH_NOTE), col_requirements + 3, row, 1, 1, NULL);
    }
}

static void
warta_sop_view_dispose (GObject *object)
{
  WartaSopView *self = (WartaSopView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WARTA_TYPE_SOP_VIEW);
  g_clear_object (&self->sop);

  G_OBJECT_CLASS (warta_sop_view_parent_class)->dispose (object);
}

static void
warta_sop_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WartaSopView *self = WARTA_SOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOP:
      g_value_set_object (value, self->sop);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_sop_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WartaSopView *self = WARTA_SOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOP:
      warta_sop_view_set_sop (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
warta_sop_view_class_init (WartaSopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = warta_sop_view_dispose;
  object_class->get_property = warta_sop_view_get_property;
  object_class->set_property = warta_sop_view_set_property;

  properties[PROP_SOP] =
    g_param_spec_object ("sop", NULL, NULL,
                         WARTA_TYPE_SOP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/warta/Warta/warta-sop-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, stack);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, identity_grid);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, office_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, number_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, made_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, revised_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, effective_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, approved_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, name_value);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, sections_grid);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, steps_grid);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, steps_scroller);
  gtk_widget_class_bind_template_child (widget_class, WartaSopView, steps_scrollbar);
}

/* The scrollbar shows while the table is wider than its room. */
static void
steps_width_changed_cb (GtkAdjustment *adjustment,
                        WartaSopView  *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->steps_scrollbar),
                          gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 1);
}

static void
warta_sop_view_init (WartaSopView *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The table scrolls sideways only: the wheel over it scrolls the page,
   * and its scrollbar stays at the foot of the view, not of the table. */
  warta_scroll_pass_to_page (self->steps_scroller);
  adjustment = gtk_scrolled_window_get_hadjustment (self->steps_scroller);
  gtk_scrollbar_set_adjustment (self->steps_scrollbar, adjustment);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (steps_width_changed_cb), self, 0);
}

GtkWidget *
warta_sop_view_new (void)
{
  return g_object_new (WARTA_TYPE_SOP_VIEW, NULL);
}

WartaSop *
warta_sop_view_get_sop (WartaSopView *self)
{
  g_return_val_if_fail (WARTA_IS_SOP_VIEW (self), NULL);
  return self->sop;
}

/* NULL shows the empty state. */
void
warta_sop_view_set_sop (WartaSopView *self,
                        WartaSop     *sop)
{
  g_return_if_fail (WARTA_IS_SOP_VIEW (self));
  g_return_if_fail (sop == NULL || WARTA_IS_SOP (sop));

  if (!g_set_object (&self->sop, sop))
    return;

  if (sop == NULL)
    {
      clear_grid (self->sections_grid);
      clear_grid (self->steps_grid);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      warta_sop_view_fill_identity (self, warta_sop_get_header (sop));
      warta_sop_view_fill_sections (self, warta_sop_get_header (sop));
      warta_sop_view_fill_steps (self);
      gtk_stack_set_visible_child_name (self->stack, "sop");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOP]);
}
