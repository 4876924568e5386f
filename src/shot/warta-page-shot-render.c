/* warta-page-shot-render.c: a full-page screenshot of a published web page
 *
 * The WebKit side of warta-page-shot.h, linked only by the helper program
 * warta-page-shot (warta-page-shot-helper.c), so that the app and
 * warta-cli start without loading WebKitGTK.
 *
 * After publishing, the SOP asks for a screenshot of the post on the
 * website as proof that it is live. This opens the page in a WebKit view
 * that is never shown: the view sits in a GtkWindow that is never
 * presented (so never realized: no window exists on the display, nothing
 * can flash) and gets its size by hand, which WebKit passes on to the page
 * as its viewport. Each capture has its own web context and an ephemeral
 * network session, so no cookie, cache or credential outlives it, and the
 * web process goes with the view when the capture ends, however it ends.
 *
 * The page is snapshotted once it has loaded and settled: lazy images are
 * made eager, and pending images, the window's load event and web fonts are
 * waited for, bounded. A page taller than WARTA_PAGE_SHOT_MAX_HEIGHT is cut
 * there, by making the viewport that tall and snapshotting what it shows,
 * so no page can take unbounded memory. The PNG is encoded in a worker.
 *
 * Everything from the load to the snapshot is bounded by a timeout
 * (warta_page_shot_set_timeout()). A certificate that cannot be trusted
 * fails the capture, naming the problem; it is never let through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "warta-page-shot-render.h"

/* A laptop's height, so pages sized by the viewport (100vh heroes) look
 * as people see them; the snapshot covers the whole document anyway. */
#define VIEWPORT_HEIGHT 800
/* After the load: how long images and fonts may take, then a pause for
 * whatever they set off (a font swap, a fade-in). */
#define SETTLE_TIMEOUT_MS 5000
#define SETTLE_DELAY_MS 300
/* How long to wait for the page to see a new viewport height. */
#define RESIZE_POLL_MS 50
#define RESIZE_POLL_TRIES 40
/* Our scripts run in a world of their own, out of the page's reach. */
#define SCRIPT_WORLD "warta-page-shot"

static const char settle_script[] =
  "for (const img of document.images)\n"
  "  if (img.loading === 'lazy')\n"
  "    img.loading = 'eager';\n"
  "const waits = [];\n"
  "for (const img of document.images)\n"
  "  if (!img.complete)\n"
  "    waits.push (new Promise (done => {\n"
  "      img.addEventListener ('load', done, { once: true });\n"
  "      img.addEventListener ('error', done, { once: true });\n"
  "    }));\n"
  "if (document.readyState !== 'complete')\n"
  "  waits.push (new Promise (done => window.addEventListener ('load', done, { once: true })));\n"
  "if (document.fonts)\n"
  "  waits.push (document.fonts.ready);\n"
  "await Promise.all (waits);\n";

static const char measure_script[] =
  "window.scrollTo (0, 0);\n"
  "const root = document.documentElement;\n"
  "const body = document.body;\n"
  "return [Math.ceil (Math.max (root ? root.scrollHeight : 0, body ? body.scrollHeight : 0)),\n"
  "        window.innerHeight];\n";

typedef struct
{
  char                 *url;
  int                   width;
  guint                 timeout;

  /* Owned while the capture runs */
  GTask                *task;
  GtkWidget            *window;
  WebKitWebView        *view;
  WebKitWebContext     *context;
  WebKitNetworkSession *session;
  GCancellable         *ops;
  GSource              *cancel_source;
  guint                 timeout_id;
  guint                 step_id;
  GError               *load_error;
  gboolean              resized;
  guint                 resize_tries;
  gboolean              done;

  /* Result */
  GdkTexture           *texture;
  int                   png_width;
  int                   png_height;
} Capture;

/* What is left to destroy once a capture has ended. */
typedef struct
{
  GtkWidget            *window;
  WebKitWebView        *view;
  WebKitWebContext     *context;
  WebKitNetworkSession *session;
} Remains;

static void capture_measure (Capture *capture);

static gboolean
destroy_remains (gpointer data)
{
  Remains *remains = data;

  /* Ending the web process here rather than leaving it to the page's
   * close means it is gone now, not whenever WebKit gets round to it. */
  webkit_web_view_terminate_web_process (remains->view);
  gtk_window_destroy (GTK_WINDOW (remains->window));
  g_clear_object (&remains->view);
  g_clear_object (&remains->context);
  g_clear_object (&remains->session);
  g_free (remains);
  return G_SOURCE_REMOVE;
}

/* Stops everything the capture started. The view itself is destroyed
 * from an idle: this may run inside one of its signal handlers. */
static void
capture_teardown (Capture *capture)
{
  Remains *remains;

  g_clear_handle_id (&capture->timeout_id, g_source_remove);
  g_clear_handle_id (&capture->step_id, g_source_remove);
  if (capture->cancel_source != NULL)
    {
      g_source_destroy (capture->cancel_source);
      g_clear_pointer (&capture->cancel_source, g_source_unref);
    }
  if (capture->ops != NULL)
    g_cancellable_cancel (capture->ops);
  g_clear_object (&capture->ops);
  g_clear_error (&capture->load_error);

  if (capture->view == NULL)
    return;

  g_signal_handlers_disconnect_by_data (capture->view, capture);
  webkit_web_view_stop_loading (capture->view);

  remains = g_new0 (Remains, 1);
  remains->window = g_steal_pointer (&capture->window);
  remains->view = g_object_ref (g_steal_pointer (&capture->view));
  remains->context = g_steal_pointer (&capture->context);
  remains->session = g_steal_pointer (&capture->session);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_remains, remains, NULL);
}

static void
capture_free (gpointer data)
{
  Capture *capture = data;

  capture_teardown (capture);
  g_clear_object (&capture->texture);
  g_free (capture->url);
  g_free (capture);
}

/* Ends the capture with @error, which it takes. */
static void
capture_fail (Capture *capture,
              GError  *error)
{
  GTask *task;

  g_assert (!capture->done);

  capture->done = TRUE;
  task = g_steal_pointer (&capture->task);
  capture_teardown (capture);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Cancels the scripts and the snapshot in flight, so their callbacks do
 * nothing: the page started loading again, or a step was skipped. */
static void
capture_reset_ops (Capture *capture)
{
  g_cancellable_cancel (capture->ops);
  g_object_unref (capture->ops);
  capture->ops = g_cancellable_new ();
  g_clear_handle_id (&capture->step_id, g_source_remove);
}

static gboolean
capture_is_stale (Capture      *capture,
                  const GError *error)
{
  return capture->done || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The window is never shown, so GTK never lays it out: the view gets its
 * size here, and WebKit passes it on to the page as its viewport. */
static void
capture_size_view (Capture *capture,
                   int      height)
{
  GtkWidget *view = GTK_WIDGET (capture->view);
  int min, nat;

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, capture->width, &min, &nat, NULL, NULL);
  gtk_widget_size_allocate (view, &(GtkAllocation) { 0, 0, capture->width, height }, -1);
}

static void
encode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Capture *capture = task_data;
  gsize stride = (gsize) capture->png_width * 4;
  gsize n_pixels = (gsize) capture->png_width * capture->png_height;
  g_autofree guint32 *pixels = NULL;
  gboolean blank = TRUE;
  GBytes *png;

  pixels = g_try_malloc (stride * capture->png_height);
  if (pixels == NULL)
    {
      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_SNAPSHOT,
                               _("There is not enough memory for the screenshot of %s. Close other programs and try again."),
                               capture->url);
      return;
    }
  gdk_texture_download (capture->texture, (guchar *) pixels, stride);
  /* A page that failed to paint comes out one flat colour; a published
   * post has at least its title on it. */
  for (gsize i = 1; i < n_pixels && blank; i++)
    blank = pixels[i] == pixels[0];
  g_clear_pointer (&pixels, g_free);
  if (blank)
    {
      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_BLANK,
                               _("The screenshot of %s came out blank. Open the page in a browser to check that it shows, then try again."),
                               capture->url);
      return;
    }

  png = gdk_texture_save_to_png_bytes (capture->texture);
  g_clear_object (&capture->texture);
  if (png == NULL)
    {
      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_SNAPSHOT,
                               _("Cannot save the screenshot of %s as a PNG image."),
                               capture->url);
      return;
    }
  g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
}

static void
on_snapshot (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Capture *capture = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GTask *running;

  texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (capture_is_stale (capture, error))
    return;
  if (texture == NULL)
    {
      capture_fail (capture, g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_SNAPSHOT,
                                          _("Cannot take the screenshot of %s: %s. Try again."),
                                          capture->url, error->message));
      return;
    }

  capture->png_width = gdk_texture_get_width (texture);
  capture->png_height = gdk_texture_get_height (texture);
  capture->texture = g_steal_pointer (&texture);
  capture->done = TRUE;
  running = g_steal_pointer (&capture->task);
  capture_teardown (capture);

  /* Textures in memory may be read from any thread; others only here. */
  if (GDK_IS_MEMORY_TEXTURE (capture->texture))
    g_task_run_in_thread (running, encode_thread);
  else
    encode_thread (running, NULL, capture, NULL);
  g_object_unref (running);
}

static void
capture_snapshot (Capture            *capture,
                  WebKitSnapshotRegion region)
{
  webkit_web_view_get_snapshot (capture->view, region, WEBKIT_SNAPSHOT_OPTIONS_NONE,
                                capture->ops, on_snapshot, g_object_ref (capture->task));
}

static gboolean
measure_again (gpointer data)
{
  Capture *capture = data;

  capture->step_id = 0;
  capture_measure (capture);
  return G_SOURCE_REMOVE;
}

static double
array_number (JSCValue *value,
              guint     index)
{
  g_autoptr(JSCValue) item = NULL;

  if (value == NULL || !jsc_value_is_array (value))
    return 0;
  item = jsc_value_object_get_property_at_index (value, index);
  return jsc_value_is_number (item) ? jsc_value_to_double (item) : 0;
}

static void
on_measured (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Capture *capture = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  double doc_height;
  double view_height;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (capture_is_stale (capture, error))
    return;
  if (value == NULL)
    g_debug ("Cannot measure %s: %s", capture->url, error->message);

  doc_height = array_number (value, 0);
  view_height = array_number (value, 1);

  if (!capture->resized)
    {
      if (doc_height <= WARTA_PAGE_SHOT_MAX_HEIGHT)
        {
          capture_snapshot (capture, WEBKIT_SNAPSHOT_REGION_FULL_DOCUMENT);
          return;
        }
      /* Too tall: a viewport as tall as the cap, and what it shows. */
      capture->resized = TRUE;
      capture_size_view (capture, WARTA_PAGE_SHOT_MAX_HEIGHT);
    }
  else if (view_height >= WARTA_PAGE_SHOT_MAX_HEIGHT ||
           ++capture->resize_tries >= RESIZE_POLL_TRIES)
    {
      capture_snapshot (capture, WEBKIT_SNAPSHOT_REGION_VISIBLE);
      return;
    }
  capture->step_id = g_timeout_add (RESIZE_POLL_MS, measure_again, capture);
}

static void
capture_measure (Capture *capture)
{
  webkit_web_view_call_async_javascript_function (capture->view, measure_script, -1, NULL,
                                                  SCRIPT_WORLD, NULL, capture->ops,
                                                  on_measured, g_object_ref (capture->task));
}

static void
capture_settled (Capture *capture)
{
  capture_reset_ops (capture);
  capture->step_id = g_timeout_add (SETTLE_DELAY_MS, measure_again, capture);
}

static void
on_settled (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Capture *capture = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (capture_is_stale (capture, error))
    return;
  if (value == NULL)
    g_debug ("Cannot wait for %s to settle: %s", capture->url, error->message);
  capture_settled (capture);
}

static gboolean
settle_timeout (gpointer data)
{
  Capture *capture = data;

  capture->step_id = 0;
  g_debug ("%s did not settle in %d ms; taking it as it is", capture->url, SETTLE_TIMEOUT_MS);
  capture_settled (capture);
  return G_SOURCE_REMOVE;
}

static GError *
http_status_error (const char *url,
                   guint       status)
{
  if (status == 404 || status == 410)
    return g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HTTP_STATUS,
                        _("The site has no page at %s (HTTP status %u). Check that the post is published and that the address is right."),
                        url, status);
  if (status == 401 || status == 403)
    return g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HTTP_STATUS,
                        _("The site does not let everyone see %s (HTTP status %u). Check that the post is published and public."),
                        url, status);
  return g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HTTP_STATUS,
                      _("The site answered %s with an error (HTTP status %u). Try again later, or ask the site’s administrator."),
                      url, status);
}

static void
on_load_finished (Capture *capture)
{
  WebKitWebResource *resource;
  WebKitURIResponse *response = NULL;
  guint status = 0;

  if (capture->load_error != NULL)
    {
      capture_fail (capture, g_steal_pointer (&capture->load_error));
      return;
    }

  resource = webkit_web_view_get_main_resource (capture->view);
  if (resource != NULL)
    response = webkit_web_resource_get_response (resource);
  if (response != NULL)
    status = webkit_uri_response_get_status_code (response);
  if (status >= 400)
    {
      capture_fail (capture, http_status_error (capture->url, status));
      return;
    }

  capture_reset_ops (capture);
  capture->step_id = g_timeout_add (SETTLE_TIMEOUT_MS, settle_timeout, capture);
  webkit_web_view_call_async_javascript_function (capture->view, settle_script, -1, NULL,
                                                  SCRIPT_WORLD, NULL, capture->ops,
                                                  on_settled, g_object_ref (capture->task));
}

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  Capture *capture = user_data;

  if (event == WEBKIT_LOAD_STARTED)
    {
      /* The page went elsewhere while settling (a redirect by script):
       * start over on the new one. */
      capture_reset_ops (capture);
      if (capture->resized)
        capture_size_view (capture, VIEWPORT_HEIGHT);
      capture->resized = FALSE;
      capture->resize_tries = 0;
    }
  else if (event == WEBKIT_LOAD_FINISHED)
    on_load_finished (capture);
}

static gboolean
on_load_failed (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                gpointer         user_data)
{
  Capture *capture = user_data;

  /* A load replaced by another is no failure: the other one goes on. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    return TRUE;

  if (capture->load_error == NULL)
    {
      if (g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE) ||
          g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_CANNOT_SHOW_MIME_TYPE))
        g_set_error (&capture->load_error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_LOAD_FAILED,
                     _("%s is not a web page that can be shown. Check the address of the post."),
                     capture->url);
      else
        g_set_error (&capture->load_error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_LOAD_FAILED,
                     _("Cannot open %s: %s. Check the address and the network connection, then try again."),
                     capture->url, error->message);
    }
  /* Handled: no error page is loaded in its place. */
  return TRUE;
}

static char *
describe_tls_errors (GTlsCertificateFlags errors)
{
  const struct {
    GTlsCertificateFlags flag;
    const char *text;
  } problems[] = {
    /* Translators: these complete “The secure connection to %s cannot be
     * trusted: %s.”, several joined by semicolons. */
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("its certificate is not signed by a known authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("its certificate belongs to another site") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("its certificate is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("its certificate has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("its certificate has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("its certificate uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("its certificate is not valid") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    if (errors & problems[i].flag)
      {
        if (text->len > 0)
          g_string_append (text, "; ");
        g_string_append (text, _(problems[i].text));
      }
  if (text->len == 0)
    g_string_append (text, _(problems[G_N_ELEMENTS (problems) - 1].text));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
on_load_failed_with_tls_errors (WebKitWebView        *view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                gpointer              user_data)
{
  Capture *capture = user_data;
  g_autofree char *problem = describe_tls_errors (errors);

  /* Never an exception for the certificate: a screenshot of a page that
   * cannot be trusted proves nothing. */
  g_clear_error (&capture->load_error);
  g_set_error (&capture->load_error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_TLS,
               _("The secure connection to %s cannot be trusted: %s. Ask the site’s administrator to fix its certificate."),
               capture->url, problem);
  return TRUE;
}

static void
on_web_process_terminated (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  Capture *capture = user_data;

  if (reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT)
    capture_fail (capture, g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_RENDERER,
                                        _("%s needs more memory than Warta allows for a screenshot. Take the screenshot in a web browser instead."),
                                        capture->url));
  else
    capture_fail (capture, g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_RENDERER,
                                        _("The web page renderer stopped while opening %s. Try again."),
                                        capture->url));
}

/* No credentials are ever given: the post must be public. */
static gboolean
on_authenticate (WebKitWebView               *view,
                 WebKitAuthenticationRequest *request,
                 gpointer                     user_data)
{
  webkit_authentication_request_cancel (request);
  return TRUE;
}

/* Nobody is there to answer the page's questions. */
static gboolean
on_permission_request (WebKitWebView           *view,
                       WebKitPermissionRequest *request,
                       gpointer                 user_data)
{
  webkit_permission_request_deny (request);
  return TRUE;
}

static gboolean
on_script_dialog (WebKitWebView      *view,
                  WebKitScriptDialog *dialog,
                  gpointer            user_data)
{
  return TRUE;
}

static gboolean
on_timeout (gpointer data)
{
  Capture *capture = data;

  capture->timeout_id = 0;
  capture_fail (capture, g_error_new (WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_TIMEOUT,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%s did not finish loading in %u second. Check the network connection and try again.",
                                                   "%s did not finish loading in %u seconds. Check the network connection and try again.",
                                                   capture->timeout),
                                      capture->url, capture->timeout));
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  Capture *capture = data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  capture_fail (capture, error);
  return G_SOURCE_REMOVE;
}

static WebKitWebView *
create_view (Capture *capture)
{
  g_autoptr(WebKitSettings) settings = NULL;

  settings = webkit_settings_new_with_settings ("enable-javascript", TRUE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                "enable-developer-extras", FALSE,
                                                "enable-webaudio", FALSE,
                                                "enable-webgl", FALSE,
                                                "media-playback-requires-user-gesture", TRUE,
                                                NULL);
  webkit_settings_set_user_agent_with_application_details (settings, "Warta", PACKAGE_VERSION);

  return g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "web-context", capture->context,
                       "network-session", capture->session,
                       "settings", settings,
                       NULL);
}

/* Plain http and this computer's own pages are never fetched through a
 * proxy, whatever http_proxy says; the same rule as the WordPress client
 * (src/core/warta-wp-proxy.c). https elsewhere keeps the system's proxy. */
static gboolean
goes_direct (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;
  gsize len;

  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return TRUE;
  host = g_strdup (g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    {
      memmove (host, host + 1, len - 2);
      host[len - 2] = '\0';
    }
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * warta_page_shot_render_async:
 * @url: an http or https address
 * @width: the viewport's width in CSS pixels, e.g. 1280
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when the screenshot is taken
 * @user_data: data for @callback
 *
 * Loads @url in a view that is never shown and takes a screenshot of the
 * whole page, cut at %WARTA_PAGE_SHOT_MAX_HEIGHT pixels. Main thread only;
 * several captures may run at once.
 */
void
warta_page_shot_render_async (const char          *url,
                               int                  width,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Capture *capture;

  g_return_if_fail (url != NULL);
  g_return_if_fail (width > 0 && width <= WARTA_PAGE_SHOT_MAX_WIDTH);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, warta_page_shot_render_async);
  capture = g_new0 (Capture, 1);
  capture->url = g_strdup (url);
  capture->width = width;
  capture->timeout = warta_page_shot_get_timeout ();
  g_task_set_task_data (task, capture, capture_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!warta_page_shot_is_web_address (url))
    {
      g_task_return_new_error (task, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_INVALID_URL,
                               _("Cannot take a screenshot of “%s”: only web addresses starting with http:// or https:// can be opened."),
                               url);
      return;
    }

  capture->task = g_object_ref (task);
  capture->ops = g_cancellable_new ();
  capture->context = webkit_web_context_new ();
  /* No memory cache and no process kept for later: one page, once. */
  webkit_web_context_set_cache_model (capture->context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  capture->session = webkit_network_session_new_ephemeral ();
  if (goes_direct (url))
    webkit_network_session_set_proxy_settings (capture->session, WEBKIT_NETWORK_PROXY_MODE_NO_PROXY, NULL);
  capture->view = create_view (capture);
  capture->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (capture->window), GTK_WIDGET (capture->view));
  capture_size_view (capture, VIEWPORT_HEIGHT);

  g_signal_connect (capture->view, "load-changed", G_CALLBACK (on_load_changed), capture);
  g_signal_connect (capture->view, "load-failed", G_CALLBACK (on_load_failed), capture);
  g_signal_connect (capture->view, "load-failed-with-tls-errors", G_CALLBACK (on_load_failed_with_tls_errors), capture);
  g_signal_connect (capture->view, "web-process-terminated", G_CALLBACK (on_web_process_terminated), capture);
  g_signal_connect (capture->view, "authenticate", G_CALLBACK (on_authenticate), capture);
  g_signal_connect (capture->view, "permission-request", G_CALLBACK (on_permission_request), capture);
  g_signal_connect (capture->view, "script-dialog", G_CALLBACK (on_script_dialog), capture);

  capture->timeout_id = g_timeout_add (capture->timeout * 1000, on_timeout, capture);
  if (cancellable != NULL)
    {
      capture->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (capture->cancel_source, G_SOURCE_FUNC (on_cancelled), capture, NULL);
      g_source_attach (capture->cancel_source, g_main_context_get_thread_default ());
    }

  webkit_web_view_load_uri (capture->view, url);
}

/**
 * warta_page_shot_render_finish:
 * @result: the result given to the callback
 * @out_width: (out) (optional): the PNG's width in pixels
 * @out_height: (out) (optional): the PNG's height in pixels
 * @error: return location for an error
 *
 * Returns: (transfer full): the PNG, or %NULL with @error set: a
 * %WARTA_PAGE_SHOT_ERROR, or %G_IO_ERROR_CANCELLED
 */
GBytes *
warta_page_shot_render_finish (GAsyncResult  *result,
                                int           *out_width,
                                int           *out_height,
                                GError       **error)
{
  g_autoptr(GBytes) png = NULL;
  Capture *capture;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == warta_page_shot_render_async, NULL);

  capture = g_task_get_task_data (G_TASK (result));
  png = g_task_propagate_pointer (G_TASK (result), error);
  if (out_width != NULL)
    *out_width = png != NULL ? capture->png_width : 0;
  if (out_height != NULL)
    *out_height = png != NULL ? capture->png_height : 0;
  return g_steal_pointer (&png);
}
