/* test-views.c: times that move and content wider than the window, in a
 * real window under Xvfb
 *
 * The case total and the flowchart's active step must move on while a
 * step runs (the window's engine reads a clock the test sets); the SOP
 * table and the flowchart must let every column be reached at 1400 px,
 * and the mouse wheel over the table must scroll the page, as a pointer
 * through XTest sends it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "test-util.h"
#include "ui-util.h"
#include "ui-xtest.h"
#include "warta-application.h"
#include "warta-case-view.h"
#include "warta-case-item.h"
#include "warta-cases-pane.h"
#include "warta-flowchart-view.h"
#include "warta-sign-in-page.h"
#include "warta-sop-list-pane.h"
#include "warta-sop-view.h"
#include "warta-step-timer.h"
#include "warta-window.h"

#define PASSWORD "rahasia123"
#define SOP_002  "bbkk-medan-publikasi-website"
#define SOP_001  "dinkes-kaltim-website-informasi-publik"
#define WAIT_MS  10000

#define MINUTES(n) ((gint64) (n) * 60 * G_USEC_PER_SEC)

typedef struct
{
  char        *dir;
  char        *path;
  WartaStore  *store;
  WartaEngine *engine;
  gint64       staff;
  gint64       now;     /* the clock of both engines, the test's and the window's */
  WartaWindow *window;
} Fixture;

static WartaApplication *app;

static gint64
fixture_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaUser) admin_user = NULL;
  const char *sops[] = { SOP_002, SOP_001, NULL };
  /* First in the lanes of both SOPs, so that the one person starts both. */
  const char *roles[] = { "staff-tim-kerja", "kadis", NULL };
  WartaUser admin = { 0 }, staff = { 0 };

  f->dir = g_dir_make_tmp ("warta-views-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "warta.db", NULL);
  f->store = warta_store_open (f->path, &error);
  g_assert_no_error (error);
  f->engine = warta_engine_new (f->store);
  /* 2026-01-05 08:00 UTC, a Monday */
  f->now = G_GINT64_CONSTANT (1767600000) * G_USEC_PER_SEC;
  warta_engine_set_clock (f->engine, fixture_clock, f);

  admin.login = (char *) "kantor";
  admin.full_name = (char *) "Administrator Kantor";
  g_assert_true (warta_engine_setup_office (f->engine, "Balai Uji", &admin, PASSWORD,
                                            warta_sop_get_shipped_dir (), sops, &error));
  g_assert_no_error (error);
  admin_user = warta_store_find_user (f->store, "kantor", NULL, &error);
  g_assert_no_error (error);

  staff.login = (char *) "staf";
  staff.full_name = (char *) "Rahmat Siregar";
  staff.roles = (GStrv) roles;
  /* The administrator's first password, replaced by staf's own. */
  f->staff = warta_engine_add_user (f->engine, admin_user->id, &staff, "sementara123", &error);
  g_assert_no_error (error);
  g_assert_cmpint (warta_engine_change_password (f->engine, "staf", "sementara123", PASSWORD, &error), ==, f->staff);
  g_assert_no_error (error);

  f->window = g_object_new (WARTA_TYPE_WINDOW,
                            "application", app,
                            "database-path", f->path,
                            NULL);
  /* 1400 x 900 even on the 1280 x 800 screen of make test: a window's
   * default size is kept within the screen, its size request is not. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_widget_set_size_request (GTK_WIDGET (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)), WAIT_MS);
  /* The window's session (its worker's engine and its views) reads the same clock. */
  warta_session_set_clock (warta_window_get_session (f->window), fixture_clock, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_destroy_window (&f->window, WAIT_MS);
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
sign_in (Fixture    *f,
         const char *login)
{
  WartaSignInPage *page = WARTA_SIGN_IN_PAGE (warta_window_get_sign_in_page (f->window));

  UI_WAIT_UNTIL (warta_sign_in_page_select_login (page, login), WAIT_MS);
  warta_sign_in_page_set_password (page, PASSWORD);
  warta_sign_in_page_submit (page);
  UI_WAIT_UNTIL (!warta_sign_in_page_get_busy (page), WAIT_MS);
  g_assert_null (warta_sign_in_page_get_error (page));
  g_assert_cmpstr (warta_window_get_page_name (f->window), ==, "work");
}

static GtkWidget *
show_pane (Fixture    *f,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-pane", "s", name));
  g_assert_cmpstr (warta_window_get_pane_name (f->window), ==, name);
  return warta_window_get_pane (f->window, name);
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The inbox's row of the case, clicked: its case view. */
static WartaCaseView *
open_case (Fixture *f,
           gint64   case_id)
{
  WartaCasesPane *pane = WARTA_CASES_PANE (show_pane (f, "inbox"));
  WartaCaseListModel *model = warta_cases_pane_get_model (pane);
  GtkWidget *list = find_list_view (GTK_WIDGET (pane));
  guint position = GTK_INVALID_LIST_POSITION;
  GtkWidget *view;

  g_assert_nonnull (list);
  UI_WAIT_UNTIL ((position = warta_case_list_model_find (model, case_id)) != GTK_INVALID_LIST_POSITION, WAIT_MS);
  g_assert_true (gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)), position, TRUE));
  view = ui_find_descendant (GTK_WIDGET (pane), WARTA_TYPE_CASE_VIEW);
  g_assert_nonnull (view);
  g_assert_cmpint (warta_case_view_get_case_id (WARTA_CASE_VIEW (view)), ==, case_id);
  /* It reads the case on the session's worker. */
  UI_WAIT_UNTIL (warta_case_view_get_case (WARTA_CASE_VIEW (view)) != NULL &&
                 warta_case_view_get_case (WARTA_CASE_VIEW (view))->id == case_id &&
                 !warta_case_view_is_busy (WARTA_CASE_VIEW (view)), WAIT_MS);
  return WARTA_CASE_VIEW (view);
}

/* Times */

static const char *
total_text (WartaCaseView *view)
{
  return gtk_label_get_label (ui_case_child (view, "total_label"));
}

static gboolean
row_says (Fixture    *f,
          const char *text)
{
  g_autoptr(GPtrArray) labels = ui_find_labels (warta_window_get_pane (f->window, "inbox"), "timer-over");

  return g_ptr_array_find_with_equal_func (labels, text, g_str_equal, NULL);
}

/* Step 1 runs: the case total moves on by itself, as the step timer does,
 * and the flowchart's active step shows its time in minutes. */
static void
test_total_moves (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  WartaCaseView *view;
  WartaFlowchartView *chart;
  gint64 case_id;

  case_id = warta_engine_start_case (f->engine, f->staff, SOP_002, "Jadwal Layanan Vaksinasi", &error);
  g_assert_no_error (error);
  sign_in (f, "staf");
  view = open_case (f, case_id);

  f->now += MINUTES (3);
  UI_WAIT_UNTIL (g_str_has_prefix (total_text (view), "Case total 3 min of"), WAIT_MS);
  before = g_strdup (total_text (view));
  g_assert_cmpstr (before, ==, "Case total 3 min of the SOP's standard 4 h 40 min");

  /* An hour and a half later, nothing done in the window: it moved. */
  f->now += MINUTES (90);
  UI_WAIT_UNTIL (g_str_equal (total_text (view), "Case total 1 h 33 min of the SOP's standard 4 h 40 min"), WAIT_MS);
  UI_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (ui_find_descendant (ui_case_child (view, "timer_box"), GTK_TYPE_LABEL))),
                                   "1 h 33 min"), WAIT_MS);
  /* The inbox's row says the same. */
  UI_WAIT_UNTIL (row_says (f, "33 min late"), WAIT_MS);
  ui_screenshot (GTK_WIDGET (f->window), "views-case-total");

  /* The flowchart, shown, says the same time. */
  adw_view_stack_set_visible_child_name (ui_case_child (view, "view_stack"), "flowchart");
  chart = WARTA_FLOWCHART_VIEW (ui_case_flowchart (view));
  UI_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (chart)), WAIT_MS);
  UI_WAIT_UNTIL (g_strcmp0 (warta_flowchart_view_get_active_status (chart), "Active 1 h 33 min, over the standard") == 0,
                 WAIT_MS);
  f->now += MINUTES (7);
  UI_WAIT_UNTIL (g_strcmp0 (warta_flowchart_view_get_active_status (chart), "Active 1 h 40 min, over the standard") == 0,
                 WAIT_MS);
}

/* The pointer comes to rest at the middle of @widget: it enters, then
 * moves within, as a hand's does. */
static void
hover (GtkWidget *widget)
{
  double x = MIN (gtk_widget_get_width (widget) / 2.0, 40), y = gtk_widget_get_height (widget) / 2.0;

  xtest_move_to (widget, x - 2, y);
  ui_iterate (200);
  xtest_move_to (widget, x, y);
}

static gboolean
first_row_read (WartaCaseListModel *model)
{
  g_autoptr(WartaCaseItem) item = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  return !warta_case_item_is_placeholder (item);
}

/* A row's tooltips, asked for when the pointer rests: the step in full
 * over its label, and over the compact timer its time and state in words. */
static void
test_row_tooltips (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaCaseItem) item = NULL;
  g_autofree char *step = NULL;
  g_autofree char *timing = NULL;
  WartaCasesPane *pane;
  WartaCaseListModel *model;
  GtkWidget *timer = NULL, *label;

  warta_engine_start_case (f->engine, f->staff, SOP_002, "Jadwal Layanan Vaksinasi", &error);
  g_assert_no_error (error);
  f->now += MINUTES (3);
  xtest_init ();
  sign_in (f, "staf");
  pane = WARTA_CASES_PANE (show_pane (f, "inbox"));
  model = warta_cases_pane_get_model (pane);
  UI_WAIT_UNTIL (first_row_read (model), WAIT_MS);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  UI_WAIT_UNTIL ((timer = ui_find_descendant (GTK_WIDGET (pane), WARTA_TYPE_STEP_TIMER)) != NULL &&
                 gtk_widget_get_mapped (timer), WAIT_MS);

  step = g_strdup_printf ("Step %s", warta_case_item_get_step_label (item));
  label = ui_find_label (GTK_WIDGET (pane), warta_case_item_get_step_label (item), TRUE);
  g_assert_nonnull (label);
  hover (label);
  UI_WAIT_UNTIL (ui_find_label (GTK_WIDGET (f->window), step, TRUE) != NULL, WAIT_MS);

  timing = g_strdup_printf ("%s, %s", warta_step_timer_get_text (WARTA_STEP_TIMER (timer)),
                            warta_timing_to_string (warta_step_timer_get_state (WARTA_STEP_TIMER (timer))));
  g_assert_true (g_str_has_prefix (timing, "3 min"));
  hover (timer);
  UI_WAIT_UNTIL (ui_find_label (GTK_WIDGET (f->window), timing, TRUE) != NULL, WAIT_MS);
  ui_screenshot (GTK_WIDGET (f->window), "views-row-tooltip");
}

/* Wide content */

/* The scrolled window nearest around @widget. */
static GtkScrolledWindow *
scroller_of (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return GTK_SCROLLED_WINDOW (scroller);
}

/* Whether @widget lies wholly within @area on screen. */
static gboolean
shows_within (GtkWidget *widget,
              GtkWidget *area)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (widget, area, &bounds) &&
         bounds.origin.x >= -1 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (area) + 1;
}

/* At 1400 px, the SOP of nine lanes: its Output column can be scrolled
 * to, and the wheel over the table scrolls the page down. */
static void
test_sop_table (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *pane, *output, *grid, *table_scroller;
  GtkScrolledWindow *page;
  GtkAdjustment *hadjustment, *vadjustment;
  double top;

  xtest_init ();
  sign_in (f, "staf");
  pane = show_pane (f, "sop");
  UI_WAIT_UNTIL (warta_sop_list_pane_select_sop (WARTA_SOP_LIST_PANE (pane), SOP_001), WAIT_MS);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, 1380);

  output = ui_find_label (pane, "Output", FALSE);
  g_assert_nonnull (output);
  grid = gtk_widget_get_ancestor (output, GTK_TYPE_GRID);
  table_scroller = GTK_WIDGET (scroller_of (grid));
  page = scroller_of (table_scroller);

  /* Wider than its room: a horizontal scroll reaches the last column. */
  hadjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (table_scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >, gtk_adjustment_get_page_size (hadjustment));
  gtk_adjustment_set_value (hadjustment, gtk_adjustment_get_upper (hadjustment));
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (shows_within (output, table_scroller));
  ui_screenshot (GTK_WIDGET (f->window), "views-sop-table");

  /* The wheel over the table: the page goes down. The table's top near
   * the top of the page, so the pointer is on the screen of 800 px. */
  vadjustment = gtk_scrolled_window_get_vadjustment (page);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment) + 400);
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (table_scroller, GTK_WIDGET (page), &bounds));
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + bounds.origin.y - 100);
    ui_wait_for_frames (GTK_WIDGET (f->window), 2);
    g_assert_true (gtk_widget_compute_bounds (table_scroller, GTK_WIDGET (page), &bounds));
    g_assert_cmpfloat (bounds.origin.y, <, 300);
    xtest_move_to (GTK_WIDGET (page), 300, MAX (bounds.origin.y, 0) + 60);
    ui_iterate (100);
  }
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), <,
                     gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment) - 100);
  top = gtk_adjustment_get_value (vadjustment);
  for (guint i = 0; i < 3; i++)
    xtest_wheel (5, NULL, 0);
  UI_WAIT_UNTIL (gtk_adjustment_get_value (vadjustment) > top + 20, WAIT_MS);
}

/* The wheel over the naskah's body, which has nothing to scroll by:
 * the page around it goes down. */
static void
test_body_wheel (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkScrolledWindow *page;
  GtkAdjustment *vadjustment;
  WartaCaseView *view;
  gint64 case_id;
  double top;

  xtest_init ();
  case_id = warta_engine_start_case (f->engine, f->staff, SOP_002, "Roda tetikus", &error);
  g_assert_no_error (error);
  sign_in (f, "staf");
  view = open_case (f, case_id);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ui_case_child (view, "view_stack")), ==, "naskah");
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);

  page = scroller_of (GTK_WIDGET (ui_case_child (view, "body_scroller")));
  vadjustment = gtk_scrolled_window_get_vadjustment (page);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));
  top = gtk_adjustment_get_value (vadjustment);
  xtest_move_to (GTK_WIDGET (ui_case_child (view, "body_scroller")), 100, 60);
  ui_iterate (100);
  for (guint i = 0; i < 3; i++)
    xtest_wheel (5, NULL, 0);
  UI_WAIT_UNTIL (gtk_adjustment_get_value (vadjustment) > top + 20, WAIT_MS);
}

/* The flowchart of nine lanes, fitted to the width: every lane shows;
 * Ctrl+wheel zooms in, and then it scrolls sideways. */
static void
test_flowchart_fit (Fixture       *f,
                    gconstpointer  data)
{
  static const KeySym ctrl[] = { XK_Control_L };
  g_autoptr(GError) error = NULL;
  WartaFlowchartView *chart;
  GtkScrolledWindow *scroller;
  GtkAdjustment *hadjustment;
  WartaCaseView *view;
  gint64 case_id;
  double fitted;

  xtest_init ();
  /* The widest SOP: nine lanes. */
  case_id = warta_engine_start_case (f->engine, f->staff, SOP_001, "Bagan alir", &error);
  g_assert_no_error (error);
  sign_in (f, "staf");
  view = open_case (f, case_id);
  adw_view_stack_set_visible_child_name (ui_case_child (view, "view_stack"), "flowchart");
  chart = WARTA_FLOWCHART_VIEW (ui_case_flowchart (view));
  g_assert_cmpstr (warta_sop_get_id (warta_flowchart_view_get_sop (chart)), ==, SOP_001);
  g_assert_cmpuint (warta_sop_get_n_lanes (warta_flowchart_view_get_sop (chart)), ==, 9);
  ui_wait_for_frames (GTK_WIDGET (f->window), 3);

  scroller = scroller_of (GTK_WIDGET (chart));
  hadjustment = gtk_scrolled_window_get_hadjustment (scroller);
  g_assert_true (warta_flowchart_view_get_fit_width (chart));
  /* Every lane within the width: nothing to scroll to. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment) + 1);
  g_assert_cmpfloat (warta_flowchart_view_get_zoom (chart), <, 1);
  fitted = warta_flowchart_view_get_zoom (chart);
  ui_screenshot (GTK_WIDGET (f->window), "views-flowchart-fit");

  /* Ctrl+wheel up over the chart: larger, and a scroll sideways. */
  xtest_move_to (GTK_WIDGET (chart), 200, 200);
  ui_iterate (100);
  xtest_wheel (4, ctrl, G_N_ELEMENTS (ctrl));
  xtest_wheel (4, ctrl, G_N_ELEMENTS (ctrl));
  UI_WAIT_UNTIL (warta_flowchart_view_get_zoom (chart) > fitted * 1.2, WAIT_MS);
  g_assert_false (warta_flowchart_view_get_fit_width (chart));
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), >, gtk_adjustment_get_page_size (hadjustment));

  /* Fit again, from the button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.flowchart-zoom", "s", "fit"));
  g_assert_true (warta_flowchart_view_get_fit_width (chart));
  ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpfloat (warta_flowchart_view_get_zoom (chart), ==, fitted);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = ui_application_new ();

  g_test_add ("/views/total-moves", Fixture, NULL, fixture_set_up, test_total_moves, fixture_tear_down);
  g_test_add ("/views/row-tooltips", Fixture, NULL, fixture_set_up, test_row_tooltips, fixture_tear_down);
  g_test_add ("/views/sop-table", Fixture, NULL, fixture_set_up, test_sop_table, fixture_tear_down);
  g_test_add ("/views/body-wheel", Fixture, NULL, fixture_set_up, test_body_wheel, fixture_tear_down);
  g_test_add ("/views/flowchart-fit", Fixture, NULL, fixture_set_up, test_flowchart_fit, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
