/* ui-util.c: the application of the tests' windows, waiting for a live
 * GTK window, finding its widgets and saving what it shows, for the
 * tests that run under a display
 *
 * Everything a window does after an action (a worker's read, a poll of the
 * database, a frame) reaches the test through the main loop, so the tests
 * never sleep: they iterate until what they expect holds, within a limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ui-util.h"
#include "warta-case-view.h"
#include "warta-password.h"

/* The application the test's windows belong to: registered, as a
 * window's application must be, but not unique, so that the tests never
 * meet a running Warta; and with animations off, so that pages change at
 * once and a screenshot shows one page, not two. The passwords of the
 * offices the test makes are hashed at argon2id's cheapest cost, so that
 * making people and signing in take microseconds, not a tenth of a second
 * each. */
WartaApplication *
ui_application_new (void)
{
  g_autoptr(GError) error = NULL;
  WartaApplication *app = warta_application_new ();

  warta_password_use_test_cost ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return app;
}

/* The loop blocks for events; this wakes it to look at the clock. */
#define WAKE_UP_MS 10

struct _UiWait
{
  gint64 deadline;
  guint  timeout_ms;
  guint  wake_up;
};

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

UiWait *
ui_wait_begin (guint timeout_ms)
{
  UiWait *wait = g_new0 (UiWait, 1);

  wait->timeout_ms = timeout_ms;
  wait->deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  wait->wake_up = g_timeout_add (WAKE_UP_MS, wake_up_cb, NULL);
  return wait;
}

void
ui_wait_step (UiWait     *wait,
              const char *what,
              const char *file,
              int         line,
              const char *func)
{
  if (g_get_monotonic_time () > wait->deadline)
    {
      g_autofree char *message = g_strdup_printf ("waited %u ms in vain for %s",
                                                  wait->timeout_ms, what);

      g_clear_handle_id (&wait->wake_up, g_source_remove);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
      return;
    }
  g_main_context_iteration (NULL, TRUE);
}

/* Returns: FALSE once the time is up, else TRUE after an iteration */
gboolean
ui_wait_more (UiWait *wait)
{
  if (g_get_monotonic_time () > wait->deadline)
    return FALSE;
  g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

void
ui_wait_end (UiWait *wait)
{
  g_clear_handle_id (&wait->wake_up, g_source_remove);
  g_free (wait);
}

/* Lets the loop run for a while, for what must not happen within it. */
void
ui_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  UI_WAIT_UNTIL (g_get_monotonic_time () >= end, ms + 1000);
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *count)
{
  (*count)++;
}

/* Waits until the widget's window has painted @n_frames frames, so that
 * what was changed before is laid out and drawn. */
void
ui_wait_for_frames (GtkWidget *widget,
                    guint      n_frames)
{
  GdkFrameClock *clock;
  guint count = 0;
  gulong handler;

  UI_WAIT_UNTIL (gtk_widget_get_mapped (widget), 5000);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &count);
  for (guint i = 0; i < n_frames; i++)
    {
      guint seen = count;

      gtk_widget_queue_draw (widget);
      UI_WAIT_UNTIL (count > seen, 5000);
    }
  g_signal_handler_disconnect (clock, handler);
}

/* The first widget of @type at or below @root, depth first. */
/* The first widget at or below @root, depth first, that @match takes. */
GtkWidget *
ui_find_widget (GtkWidget      *root,
                UiWidgetMatch   match,
                gconstpointer   data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
ui_find_descendant (GtkWidget *root,
                    GType      type)
{
  return ui_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* The object bound to the template of @type as @id in @widget: the part
 * of a widget a test reaches, as the widget's own code does, by its name
 * in the template. Fails the test if there is none. Returns a gpointer so
 * that it reads as the child's own type (GtkLabel *, AdwViewStackPage *). */
gpointer
ui_child (gpointer    widget,
          GType       type,
          const char *id)
{
  GObject *child;

  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_true (g_type_is_a (G_OBJECT_TYPE (widget), type));
  child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);
  if (child == NULL)
    g_error ("%s has no template child \"%s\"", g_type_name (type), id);
  return child;
}

/* What a scrolled window shows, past the viewport it adds around a
 * widget that cannot scroll itself. */
GtkWidget *
ui_scrolled_child (GtkWidget *scroller)
{
  GtkWidget *child;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  g_assert_nonnull (child);
  return child;
}

/* A case view's part, by its name in warta-case-view.ui. */
gpointer
ui_case_child (gpointer    view,
               const char *id)
{
  return ui_child (view, WARTA_TYPE_CASE_VIEW, id);
}

/* The case view's parts made in code when the first case shows, found
 * where they are put: the naskah's editor, the disposition chain and the
 * flowchart, in their scrolled windows. */
GtkTextView *
ui_case_body (gpointer view)
{
  GtkWidget *body = ui_scrolled_child (ui_case_child (view, "body_scroller"));

  g_assert_true (GTK_IS_TEXT_VIEW (body));
  return GTK_TEXT_VIEW (body);
}

GtkWidget *
ui_case_chain (gpointer view)
{
  return ui_scrolled_child (ui_case_child (view, "chain_scroller"));
}

GtkWidget *
ui_case_flowchart (gpointer view)
{
  return ui_scrolled_child (ui_case_child (view, "flowchart_scroller"));
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The button at or below @root whose label is @label, mnemonic and all. */
GtkWidget *
ui_find_button (GtkWidget  *root,
                const char *label)
{
  return ui_find_widget (root, is_button_labelled, label);
}

static gboolean
is_button_with_icon (GtkWidget     *widget,
                     gconstpointer  icon_name)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0;
}

GtkWidget *
ui_find_button_by_icon (GtkWidget  *root,
                        const char *icon_name)
{
  return ui_find_widget (root, is_button_with_icon, icon_name);
}

static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_mapped_label_reading (GtkWidget     *widget,
                         gconstpointer  text)
{
  return gtk_widget_get_mapped (widget) && is_label_reading (widget, text);
}

/* The label at or below @root that reads @text; with @mapped, only one
 * on screen. */
GtkWidget *
ui_find_label (GtkWidget  *root,
               const char *text,
               gboolean    mapped)
{
  return ui_find_widget (root, mapped ? is_mapped_label_reading : is_label_reading, text);
}

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, css_class, texts);
}

/* Returns: (transfer full): the texts of the labels below @root that have
 * @css_class, in order */
GPtrArray *
ui_find_labels (GtkWidget  *root,
                const char *css_class)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (root, css_class, texts);
  return texts;
}

/* The newest visible toplevel of @type other than @except, or NULL. */
GtkWindow *
ui_find_toplevel (GType      type,
                  GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }

  return found;
}

static gboolean
is_in_transition (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_in_transition (child))
      return TRUE;

  return FALSE;
}

/* Draws the widget as it is on screen, with its window's own renderer, and
 * saves it as NAME.png in the build directory.
 *
 * Returns: (transfer full): the path of the file */
char *
ui_save_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  /* Not half-way from one page to the next. */
  UI_WAIT_UNTIL (!is_in_transition (widget), 5000);
  ui_wait_for_frames (widget, 2);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

/* A screenshot worth the name: a real file, not one flat colour. */
void
ui_assert_screenshot (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  GStatBuf st;
  int width, height;
  gsize stride;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 10 * 1024);

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize)width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* A grid of samples over the whole picture. */
  for (int y = 0; y < height; y += MAX (1, height / 40))
    for (int x = 0; x < width; x += MAX (1, width / 40))
      {
        guint32 pixel;

        memcpy (&pixel, pixels + y * stride + x * 4, sizeof pixel);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }
  g_assert_cmpuint (g_hash_table_size (colours), >=, 4);
}

/* Saves a screenshot of @widget as NAME.png in the build directory, and
 * checks that it is worth the name. */
void
ui_screenshot (GtkWidget  *widget,
               const char *name)
{
  g_autofree char *path = ui_save_screenshot (widget, name);

  ui_assert_screenshot (path);
}

/* Destroys the window at @window_location (a GtkWindow **; nothing if
 * NULL there) and waits until it is finalized, which sets it to NULL: no
 * part of it is left to the next test. */
void
ui_destroy_window (gpointer window_location,
                   guint    timeout_ms)
{
  GtkWindow **window = window_location;

  if (*window == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (*window), (gpointer *) window);
  gtk_window_destroy (*window);
  UI_WAIT_UNTIL (*window == NULL, timeout_ms);
}

/* The text of the buffer under the tag named tag_name, each range on its
 * own, joined by |: what a diff marked as added or removed. */
char *
ui_text_tagged (GtkTextBuffer *buffer,
                const char    *tag_name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GString *out = g_string_new (NULL);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      GtkTextIter end = iter;
      g_autofree char *text = NULL;

      if (!gtk_text_iter_starts_tag (&iter, tag))
        continue;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      text = gtk_text_iter_get_text (&iter, &end);
      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", text);
      iter = end;
    }
  return g_string_free (out, FALSE);
}
