/* test-shot.c: the page screenshot against pages served on loopback
 *
 * A SoupServer on 127.0.0.1, on the main context, serves a post-like page
 * of known coloured blocks, a 404, a page that never finishes loading, a
 * page taller than the cap, and the same post over https with a
 * self-signed certificate. Runs under Xvfb: the captures must never map a
 * window, and must leave no window and no web process behind.
 *
 * The /shot/ tests take the screenshots in this process (the renderer
 * that only the helper links); the /shot/helper/ ones take them as the
 * app and warta-cli do, through the helper program warta-page-shot, which
 * the build puts beside this test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "warta-page-shot-render.h"

#define WIDTH 1280
#define PAGE_HEIGHT 3000
#define TALL_HEIGHT 25000
/* Where the lazy image sits: the top left of the yellow block. */
#define IMAGE_Y 2300
#define IMAGE_W 200
#define IMAGE_H 100
#define IMAGE_RGB 0x8040c0

/* Blocks of the post below its 200 px header, top to bottom. */
static const guint32 block_rgb[] = { 0xc03020, 0x2060c0, 0x30a040, 0xe0c020 };

static const char post_html[] =
  "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
  "<title>Bupati Meresmikan Pasar Rakyat</title><style>"
  "body { margin: 0; font-family: sans-serif; background: #ffffff; }"
  "header { height: 200px; padding: 0 40px; box-sizing: border-box; overflow: hidden; }"
  ".block { height: 700px; overflow: hidden; }"
  ".block p { margin: 0; padding: 40px 40px 0 300px; color: #ffffff; font-size: 18px; }"
  "img { display: block; }"
  "</style></head><body>"
  "<header><h1>Bupati Meresmikan Pasar Rakyat</h1>"
  "<p>Diterbitkan oleh Dinas Komunikasi dan Informatika. Pasar yang baru dibangun "
  "menampung tiga ratus pedagang dan dibuka setiap hari.</p></header>"
  "<div class='block' style='background: #c03020'><p>Paragraf pertama berita.</p></div>"
  "<div class='block' style='background: #2060c0'><p>Paragraf kedua berita.</p></div>"
  "<div class='block' style='background: #30a040'><p>Paragraf ketiga berita.</p></div>"
  "<div class='block' style='background: #e0c020'>"
  "<img loading='lazy' src='/pixel.png' width='200' height='100' alt='Foto'></div>"
  "</body></html>";

/* A key made for this test only, trusted by nobody. */
static const char test_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDHDCCAgSgAwIBAgIUHHIYq3TKWFKeeHIFMAbHdaBpvzcwDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMzA5MjUyN1oYDzIxMjYx\n"
  "MDMwMDkyNTI3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQDMlz/0zbhIwAnSQfRK/duf2z8qSMjzFOvnG4J4DGn9\n"
  "5Z+cPX4+RrVEvrKD6tEFhFqXmTy/cwDip2BEt8M3txBMw0gqvSF05RsuT0Di46/4\n"
  "vdCPGkKBjlWlDsHINxesBLb5HTidW27xNX10nqEI+6U/pHGQiQ/mTaTCPDWM5L/6\n"
  "3FZvdYPLawXIQvB6I8equMtEMCAD0hp3ZLyRIYF3VU68G1SIi9lvJrSFIxRE1JkE\n"
  "Rw1b0Sx9qZrTYhRKRQ04/XRNwZuOQjGnuSQm7mgb/eNeyO6Dyg1Ixdsirp0FEv18\n"
  "CR0WIzhIXzOQh28ml3Zpt5gD0CgLjTnnuVGaSmp9clKJAgMBAAGjZDBiMB0GA1Ud\n"
  "DgQWBBQXw7W7pcc2SF+fP0ko8bZIXunANjAfBgNVHSMEGDAWgBQXw7W7pcc2SF+f\n"
  "P0ko8bZIXunANjAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwDQYJ\n"
  "KoZIhvcNAQELBQADggEBALoZ6tmiI1TuahpF8JZZZVjVdLj/qgFF+D1BdYT6XQi1\n"
  "x4bulHGnkgGusEyKEiVfmrQBs55LdM00750++wlIOxJfmALpae0X5QZoZfnAIGmj\n"
  "KF2hgDiaGJdV/BDYv2t4H0alYuc5eUw3xGJvnX5lzNMXJIVyhoNmWzwyx7pBWsk4\n"
  "yu2GwOrypxAxwneooLhtYd+hVeIcHqXaHyrKEpBMg6ScZzkwSYQirIJtWf6BSHu/\n"
  "fy8UGxaJosmkoox/Xhdn7a0zg/Dr8BdA9roBgvR/5bb9GNzzLWm0/gS1Gts+oWjT\n"
  "Yerlu1cXBzhWhEfUXSWjcK4IRb0y7dfbHKhbZHjxNQk=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDMlz/0zbhIwAnS\n"
  "QfRK/duf2z8qSMjzFOvnG4J4DGn95Z+cPX4+RrVEvrKD6tEFhFqXmTy/cwDip2BE\n"
  "t8M3txBMw0gqvSF05RsuT0Di46/4vdCPGkKBjlWlDsHINxesBLb5HTidW27xNX10\n"
  "nqEI+6U/pHGQiQ/mTaTCPDWM5L/63FZvdYPLawXIQvB6I8equMtEMCAD0hp3ZLyR\n"
  "IYF3VU68G1SIi9lvJrSFIxRE1JkERw1b0Sx9qZrTYhRKRQ04/XRNwZuOQjGnuSQm\n"
  "7mgb/eNeyO6Dyg1Ixdsirp0FEv18CR0WIzhIXzOQh28ml3Zpt5gD0CgLjTnnuVGa\n"
  "Smp9clKJAgMBAAECggEAAYjs85Lg3A2HcAALViNbah1EobY+vlwc0koJi4mu+IxS\n"
  "yzhG4dlj82ppf8Xbiuq4R0Tgs3WoabWPFP+P7l4S4uXgJ7ntg1P+BTXrqwgW7OB3\n"
  "rRXUWTvOdq41U/bd2EOHdTemkhT6hcK8ozWsHZt4XObd7JNVVDP8QBzK22Nn8U4s\n"
  "bhKsCm44sjBgHS2g51IpM3pCTUxx+SXTljJ2qc7Md6zsbPr/gOTAXlAI6W7AcLhK\n"
  "8QUDq4oPYLQRSlDp92Xb9nAm8iyalRk4102r9T3QGU8jyjPnZkouOTiDDnxWDL96\n"
  "F+Kdss3C3PBnwIzvyZzM6V1blx5qRasOfsSpF84gFQKBgQDx64peAcfO2BUOviK5\n"
  "O84vKHcFAm9/lljxoH8UV5mjd5c95GCYMyY3Oq2HA36nGUa1M7o5EvQImbYrdlkM\n"
  "MtaaUicAFymf2xQailnKxKVdWCT9ysuIkMdmmlPBlVbIHGbEHbrlqhtEb61oTSV+\n"
  "zwa2tcw/SuXPmp7mftPbMZt3PwKBgQDYf4bFaKepRg3KA/3jw5RtFp+1AmJ2pMBu\n"
  "xIY1cZYJb+AyHRe83XPxitA01/ygyzSWph3hmV0ZYKoA7Se8IdanJhDyxOlQhcK/\n"
  "Ztt22zJWO8yAbMmdyLNiRgT5dqWKX7UARDsRJC/5hj6BO1I0EGe2WYDlNO+V/qgh\n"
  "m/1QZhtMNwKBgQCmWNgkHAVQbbTNFmC6Di2Qr7pnb21Lxg4S19GKI1I53RnaLRde\n"
  "kI1OnMKFfBmyvOap4o/Cfw3efBOPfylsAeke5C59GXA9w17ngQqNKvqqXNnSyYd6\n"
  "uFLkcmn1SsMJhr4DTI4fLgDh5gjPF30Y3TI4oHl5a/7p6eApjjwPFOVZ8QKBgEa1\n"
  "2DHPzbrmy4gop5rlfSvoEL+RCNHRW5ySCXeZIrTwWlxjziX8emrwuLIZvURTOljd\n"
  "5rKRYavxO3VT//9dWft73ls8XyvSlFnpYVK/owAxRcjIP02OiLBXSDamPskkGzz8\n"
  "DAK8PAMWioGw+1dP6F/Redzi3kGyS/22MhU5VD8fAoGBALiTm/QQMhfkAHY1KN+T\n"
  "Si7KZEYc10b7bUW8U4wF49OmsAKtnR9NmkiKJ+HjtaBA+KkPppf1Ph4kyeT9+Zrl\n"
  "/X34xL4NvWgs8oE5Ugq2OmC2Zz5H4p4q94z7Z+KwKNm6/CeuHqg8f0wvdRT8Fpkh\n"
  "vcABY7pkxKe1ge2UlmZsiQiX\n"
  "-----END PRIVATE KEY-----\n"
;

typedef struct
{
  SoupServer *server;
  SoupServer *tls_server;
  char       *base;
  char       *tls_base;
  GBytes     *pixel_png;
} Fixture;

static Fixture fixture;
/* Whether the test runs through the helper program. */
static gboolean via_helper;

typedef struct
{
  gboolean  done;
  GBytes   *png;
  int       width;
  int       height;
  GError   *error;
} Shot;

static void
shot_clear (Shot *shot)
{
  g_clear_pointer (&shot->png, g_bytes_unref);
  g_clear_error (&shot->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shot, shot_clear)

/* The processes among this test's descendants whose names start so:
 * WebKit's sandbox puts bwrap between us and its web processes. */
static GArray *
find_descendants (const char *name_prefix)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (GPid));
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *open, *close;
      long pid, ppid;

      if (!g_ascii_isdigit (entry[0]))
        continue;
      path = g_build_filename ("/proc", entry, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      open = strchr (stat, '(');
      close = strrchr (stat, ')');
      if (open == NULL || close == NULL || sscanf (close + 1, " %*c %ld", &ppid) != 1)
        continue;
      pid = atol (entry);
      g_hash_table_insert (parents, GSIZE_TO_POINTER (pid), GSIZE_TO_POINTER (ppid));
      if (strncmp (open + 1, name_prefix, strlen (name_prefix)) == 0)
        g_ptr_array_add (matches, GSIZE_TO_POINTER (pid));
    }

  for (guint i = 0; i < matches->len; i++)
    for (long pid = GPOINTER_TO_SIZE (matches->pdata[i]); pid > 1;
         pid = GPOINTER_TO_SIZE (g_hash_table_lookup (parents, GSIZE_TO_POINTER (pid))))
      if (pid == getpid ())
        {
          GPid match = (GPid) GPOINTER_TO_SIZE (matches->pdata[i]);

          g_array_append_val (found, match);
          break;
        }
  return found;
}

static guint
count_descendants (const char *name_prefix)
{
  g_autoptr(GArray) found = find_descendants (name_prefix);

  return found->len;
}

static guint
count_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  return g_list_model_get_n_items (toplevels);
}

/* No capture may ever put a window on the screen. */
static void
assert_no_window_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      g_assert_false (gtk_widget_get_visible (window));
      g_assert_false (gtk_widget_get_realized (window));
      g_assert_false (gtk_widget_get_mapped (window));
    }
}

static gboolean
flag_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
keep_going (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
is_torn_down (void)
{
  /* The process names as the kernel cuts them, to 15 characters. */
  return count_toplevels () == 0 &&
         count_descendants (WARTA_PAGE_SHOT_HELPER) == 0 &&
         count_descendants ("WebKitWebProces") == 0 &&
         count_descendants ("WebKitNetworkPr") == 0;
}

/* After every capture: its window, its web process and its network
 * process are gone, soon. */
static void
assert_torn_down (void)
{
  gboolean late = FALSE;
  guint id = g_timeout_add_seconds (10, flag_up, &late);
  /* Processes end without telling this main loop: look again often. */
  guint tick = g_timeout_add (20, keep_going, NULL);

  while (!late && !is_torn_down ())
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (id);
  g_source_remove (tick);
  g_assert_cmpuint (count_toplevels (), ==, 0);
  g_assert_cmpuint (count_descendants (WARTA_PAGE_SHOT_HELPER), ==, 0);
  g_assert_cmpuint (count_descendants ("WebKitWebProces"), ==, 0);
  g_assert_cmpuint (count_descendants ("WebKitNetworkPr"), ==, 0);
}

static void
on_shot (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Shot *shot = user_data;

  if (via_helper)
    shot->png = warta_page_shot_capture_finish (result, &shot->width, &shot->height, &shot->error);
  else
    shot->png = warta_page_shot_render_finish (result, &shot->width, &shot->height, &shot->error);
  shot->done = TRUE;
}

static void
shot_start (Shot         *shot,
            const char   *url,
            GCancellable *cancellable)
{
  if (via_helper)
    warta_page_shot_capture_async (url, WIDTH, cancellable, on_shot, shot);
  else
    warta_page_shot_render_async (url, WIDTH, cancellable, on_shot, shot);
}

static void
shot_run (Shot         *shot,
          const char   *url,
          GCancellable *cancellable)
{
  shot_start (shot, url, cancellable);
  while (!shot->done)
    {
      g_main_context_iteration (NULL, TRUE);
      assert_no_window_shown ();
    }
  assert_torn_down ();
}

static char *
url_for (const char *path)
{
  return g_strconcat (fixture.base, path, NULL);
}

static guint32
rgb_at (const guchar *pixels,
        gsize         stride,
        int           x,
        int           y)
{
  const guchar *p = pixels + y * stride + x * 4;

  /* GDK_MEMORY_DEFAULT is B8G8R8A8 premultiplied; the page is opaque. */
  return (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

static void
assert_rgb_near (guint32 got,
                 guint32 want)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (got >> shift) & 0xff;
      int b = (want >> shift) & 0xff;

      if (ABS (a - b) > 3)
        g_error ("colour %06x, expected %06x", got, want);
    }
}

static guchar *
decode_png (GBytes *png,
            int    *width,
            int    *height,
            gsize  *stride)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);
  guchar *pixels;

  g_assert_no_error (error);
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  *stride = (gsize) *width * 4;
  pixels = g_malloc (*stride * *height);
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

static void
check_post (Shot *shot)
{
  g_autofree guchar *pixels = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int width, height;
  gsize stride;
  gsize not_white = 0;

  g_assert_no_error (shot->error);
  g_assert_nonnull (shot->png);

  pixels = decode_png (shot->png, &width, &height, &stride);
  g_assert_cmpint (width, ==, shot->width);
  g_assert_cmpint (height, ==, shot->height);
  /* The viewport's width, and the whole page, not the 800 px viewport. */
  g_assert_cmpint (width, ==, WIDTH);
  g_assert_cmpint (height, >=, PAGE_HEIGHT);
  g_assert_cmpint (height, <, PAGE_HEIGHT + 100);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 rgb = rgb_at (pixels, stride, x, y);

        g_hash_table_add (colours, GUINT_TO_POINTER (rgb));
        not_white += rgb != 0xffffff;
      }
  /* The blocks and the antialiased text: far from blank. */
  g_assert_cmpuint (g_hash_table_size (colours), >=, 20);
  g_assert_cmpuint (not_white, >, (gsize) width * height * 8 / 10);

  /* Each block in its colour, where the page puts it. */
  for (guint i = 0; i < G_N_ELEMENTS (block_rgb); i++)
    {
      int top = 200 + 700 * i;

      assert_rgb_near (rgb_at (pixels, stride, 640, top + 350), block_rgb[i]);
      assert_rgb_near (rgb_at (pixels, stride, 1270, top + 5), block_rgb[i]);
      assert_rgb_near (rgb_at (pixels, stride, 10, top + 690), block_rgb[i]);
    }
  /* The header is white with dark text in it. */
  assert_rgb_near (rgb_at (pixels, stride, 1270, 5), 0xffffff);
  /* The lazy image far below the first screen was loaded. */
  assert_rgb_near (rgb_at (pixels, stride, IMAGE_W / 2, IMAGE_Y + IMAGE_H / 2), IMAGE_RGB);
}

static void
test_full_page (void)
{
  g_autofree char *url = url_for ("/post");
  g_autofree char *path = NULL;
  g_auto(Shot) shot = { 0 };
  g_autoptr(GError) error = NULL;

  shot_run (&shot, url, NULL);
  check_post (&shot);

  /* Kept for a person to look at. */
  path = g_test_build_filename (G_TEST_BUILT, via_helper ? "shot-post-helper.png" : "shot-post.png", NULL);
  g_file_set_contents (path, g_bytes_get_data (shot.png, NULL), g_bytes_get_size (shot.png), &error);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s", path);
}

static gboolean
on_proxy_incoming (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  (*(guint *)user_data)++;
  return FALSE;
}

/* With every proxy variable naming a listener that takes anything and
 * answers nothing, a page of this computer still loads straight from it,
 * and the listener sees no connection. */
static void
test_no_proxy_for_loopback (void)
{
  const char *variables[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };
  g_autofree char *url = url_for ("/post");
  g_autofree char *proxy = NULL;
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string ("127.0.0.3");
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Shot) shot = { 0 };
  guint connections = 0;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), wanted, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_proxy_incoming), &connections);
  g_socket_service_start (service);
  proxy = g_strdup_printf ("http://127.0.0.3:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  /* WebKit's network process starts with each capture, and reads these. */
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    g_setenv (variables[i], proxy, TRUE);

  shot_run (&shot, url, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    g_unsetenv (variables[i]);
  g_socket_service_stop (service);
  check_post (&shot);
  g_assert_cmpuint (connections, ==, 0);
}

static void
test_in_a_row (void)
{
  g_autofree char *url = url_for ("/post");

  for (int i = 0; i < 3; i++)
    {
      g_auto(Shot) shot = { 0 };

      shot_run (&shot, url, NULL);
      check_post (&shot);
    }
}

static void
test_at_once (void)
{
  g_autofree char *url = url_for ("/post");
  g_auto(Shot) a = { 0 };
  g_auto(Shot) b = { 0 };

  shot_start (&a, url, NULL);
  shot_start (&b, url, NULL);
  while (!a.done || !b.done)
    g_main_context_iteration (NULL, TRUE);
  assert_torn_down ();
  check_post (&a);
  check_post (&b);
}

static void
test_cut (void)
{
  g_autofree char *url = url_for ("/tall");
  g_autofree guchar *pixels = NULL;
  g_auto(Shot) shot = { 0 };
  int width, height;
  gsize stride;

  shot_run (&shot, url, NULL);
  g_assert_no_error (shot.error);
  g_assert_cmpint (shot.width, ==, WIDTH);
  g_assert_cmpint (shot.height, ==, WARTA_PAGE_SHOT_MAX_HEIGHT);

  pixels = decode_png (shot.png, &width, &height, &stride);
  g_assert_cmpint (height, ==, WARTA_PAGE_SHOT_MAX_HEIGHT);
  /* From the top of the page: the red first block, then blue. */
  assert_rgb_near (rgb_at (pixels, stride, 640, 500), 0xc03020);
  assert_rgb_near (rgb_at (pixels, stride, 640, 1500), 0x2060c0);
  assert_rgb_near (rgb_at (pixels, stride, 640, WARTA_PAGE_SHOT_MAX_HEIGHT - 1), 0x2060c0);
}

static void
test_not_found (void)
{
  g_autofree char *url = url_for ("/hilang");
  g_auto(Shot) shot = { 0 };

  shot_run (&shot, url, NULL);
  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HTTP_STATUS);
  g_assert_null (shot.png);
  g_assert_cmpint (shot.width, ==, 0);
  g_assert_nonnull (strstr (shot.error->message, "404"));
  g_assert_nonnull (strstr (shot.error->message, url));
  g_test_message ("%s", shot.error->message);
}

static void
test_server_error (void)
{
  g_autofree char *url = url_for ("/rusak");
  g_auto(Shot) shot = { 0 };

  shot_run (&shot, url, NULL);
  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (shot.error->message, "503"));
}

static void
test_blank (void)
{
  g_autofree char *url = url_for ("/kosong");
  g_auto(Shot) shot = { 0 };

  shot_run (&shot, url, NULL);
  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_BLANK);
  g_assert_nonnull (strstr (shot.error->message, url));
}

/* Nobody is there to close a dialog: the page must not wait for one. */
static void
test_dialog (void)
{
  g_autofree char *url = url_for ("/dialog");
  g_auto(Shot) shot = { 0 };

  shot_run (&shot, url, NULL);
  g_assert_no_error (shot.error);
  g_assert_cmpint (shot.width, ==, WIDTH);
}

static void
test_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_auto(Shot) shot = { 0 };

  /* A port that was free a moment ago and has nobody on it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/post",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  shot_run (&shot, url, NULL);
  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_LOAD_FAILED);
  g_assert_nonnull (strstr (shot.error->message, url));
  g_test_message ("%s", shot.error->message);
}

static void
test_untrusted (void)
{
  g_autofree char *url = g_strconcat (fixture.tls_base, "/post", NULL);
  g_auto(Shot) shot = { 0 };

  shot_run (&shot, url, NULL);
  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_TLS);
  g_assert_nonnull (strstr (shot.error->message, url));
  g_assert_nonnull (strstr (shot.error->message, "authority"));
  g_test_message ("%s", shot.error->message);
}

static void
test_not_web (void)
{
  const char *urls[] = { "file:///etc/passwd", "javascript:alert(1)", "ftp://127.0.0.1/", "bukan alamat" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_auto(Shot) shot = { 0 };

      shot_run (&shot, urls[i], NULL);
      g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_INVALID_URL);
    }
}

static gboolean
cancel_later (gpointer data)
{
  assert_no_window_shown ();
  /* The capture's window here, or its helper. */
  if (via_helper)
    g_assert_cmpuint (count_descendants (WARTA_PAGE_SHOT_HELPER), ==, 1);
  else
    g_assert_cmpuint (count_toplevels (), ==, 1);
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autofree char *url = url_for ("/slow");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Shot) shot = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (1500, cancel_later, cancellable);
  shot_run (&shot, url, cancellable);
  g_assert_error (shot.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (shot.png);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* Cancelled before it starts. */
  {
    g_auto(Shot) early = { 0 };

    shot_run (&early, url, cancellable);
    g_assert_error (early.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_timeout (void)
{
  g_autofree char *url = url_for ("/slow");
  g_auto(Shot) shot = { 0 };
  gint64 start = g_get_monotonic_time ();

  warta_page_shot_set_timeout (3);
  shot_run (&shot, url, NULL);
  warta_page_shot_set_timeout (WARTA_PAGE_SHOT_DEFAULT_TIMEOUT);

  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (shot.error->message, url));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 13 * G_USEC_PER_SEC);
  g_test_message ("%s", shot.error->message);
}

/* The helper says it needs a display, naming the page, and the app and
 * warta-cli tell the person what to do (tests/wp/test-publish-net.c). */
static void
test_no_display (void)
{
  g_autofree char *url = url_for ("/post");
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *wayland = g_strdup (g_getenv ("WAYLAND_DISPLAY"));
  g_auto(Shot) shot = { 0 };

  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  shot_run (&shot, url, NULL);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (wayland != NULL)
    g_setenv ("WAYLAND_DISPLAY", wayland, TRUE);

  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_NO_DISPLAY);
  g_assert_nonnull (strstr (shot.error->message, url));
  g_test_message ("%s", shot.error->message);
}

/* The helper beside this test, where the captures look first. */
static char *
helper_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  g_assert_nonnull (self);
  dir = g_path_get_dirname (self);
  return g_build_filename (dir, WARTA_PAGE_SHOT_HELPER, NULL);
}

/* Without the helper the capture says so, and what to do. */
static void
test_helper_missing (void)
{
  g_autofree char *helper = helper_path ();
  g_autofree char *kept = g_strconcat (helper, ".kept", NULL);
  g_autofree char *url = url_for ("/post");
  g_auto(Shot) shot = { 0 };

  /* Looked up as the capture starts: put back at once. */
  g_assert_cmpint (g_rename (helper, kept), ==, 0);
  shot_start (&shot, url, NULL);
  g_assert_cmpint (g_rename (kept, helper), ==, 0);
  while (!shot.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HELPER);
  g_assert_nonnull (strstr (shot.error->message, url));
  g_assert_nonnull (strstr (shot.error->message, "missing"));
  g_assert_nonnull (strstr (shot.error->message, "Reinstall"));
  g_test_message ("%s", shot.error->message);
}

static gboolean
crash_helper (gpointer data)
{
  g_autoptr(GArray) helpers = find_descendants (WARTA_PAGE_SHOT_HELPER);

  g_assert_cmpuint (helpers->len, ==, 1);
  kill (g_array_index (helpers, GPid, 0), SIGSEGV);
  return G_SOURCE_REMOVE;
}

/* A helper that crashes fails the capture with how it stopped, at once,
 * and leaves no web process behind. */
static void
test_helper_crash (void)
{
  g_autofree char *url = url_for ("/slow");
  g_auto(Shot) shot = { 0 };
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (1500, crash_helper, NULL);
  shot_run (&shot, url, NULL);

  g_assert_error (shot.error, WARTA_PAGE_SHOT_ERROR, WARTA_PAGE_SHOT_ERROR_HELPER);
  g_assert_nonnull (strstr (shot.error->message, url));
  g_assert_nonnull (strstr (shot.error->message, "signal 11"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_test_message ("%s", shot.error->message);
}

static void
run_via_helper (gconstpointer data)
{
  GTestFunc test = (GTestFunc) data;

  via_helper = TRUE;
  test ();
  via_helper = FALSE;
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  if (g_str_equal (path, "/post"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        post_html, strlen (post_html));
    }
  else if (g_str_equal (path, "/pixel.png"))
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (fixture.pixel_png, &size);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, data, size);
    }
  else if (g_str_equal (path, "/tall"))
    {
      g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><html><body style='margin: 0'>"
                                               "<div style='height: 1000px; background: #c03020'></div>"
                                               "<div style='height: %dpx; background: #2060c0'></div>"
                                               "</body></html>", TALL_HEIGHT - 1000);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* The start of a page, and then nothing, ever. */
      static const char start[] = "<!DOCTYPE html><html><body><h1>Memuat";
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "text/html", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                start, strlen (start));
    }
  else if (g_str_equal (path, "/kosong"))
    {
      static const char body[] = "<!DOCTYPE html><html><body style='background: #ffffff'></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/dialog"))
    {
      static const char body[] = "<!DOCTYPE html><html><body><h1>Pengumuman</h1>"
                                 "<script>alert ('Selamat datang'); confirm ('Lanjut?');</script></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/rusak"))
    {
      static const char body[] = "<html><body><h1>Service Unavailable</h1></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else
    {
      static const char body[] = "<html><body><h1>Halaman tidak ditemukan</h1></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, body, strlen (body));
    }
}

static char *
server_start (SoupServer         *server,
              SoupServerListenOptions options)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *base;

  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  soup_server_listen_local (server, 0, options | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base = g_strdup_printf ("%s://127.0.0.1:%d", g_uri_get_scheme (uris->data), g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

static GBytes *
make_pixel_png (void)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels = g_malloc (IMAGE_W * IMAGE_H * 3);

  for (int i = 0; i < IMAGE_W * IMAGE_H; i++)
    {
      pixels[i * 3] = IMAGE_RGB >> 16;
      pixels[i * 3 + 1] = (IMAGE_RGB >> 8) & 0xff;
      pixels[i * 3 + 2] = IMAGE_RGB & 0xff;
    }
  data = g_bytes_new_take (pixels, IMAGE_W * IMAGE_H * 3);
  texture = gdk_memory_texture_new (IMAGE_W, IMAGE_H, GDK_MEMORY_R8G8B8, data, IMAGE_W * 3);
  return gdk_texture_save_to_png_bytes (texture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  fixture.pixel_png = make_pixel_png ();
  fixture.server = soup_server_new (NULL, NULL);
  fixture.base = server_start (fixture.server, 0);

  certificate = g_tls_certificate_new_from_pem (test_pem, -1, &error);
  g_assert_no_error (error);
  fixture.tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  fixture.tls_base = server_start (fixture.tls_server, SOUP_SERVER_LISTEN_HTTPS);

  g_test_add_func ("/shot/full-page", test_full_page);
  g_test_add_func ("/shot/in-a-row", test_in_a_row);
  g_test_add_func ("/shot/no-proxy-for-loopback", test_no_proxy_for_loopback);
  g_test_add_func ("/shot/at-once", test_at_once);
  g_test_add_func ("/shot/cut", test_cut);
  g_test_add_func ("/shot/not-found", test_not_found);
  g_test_add_func ("/shot/server-error", test_server_error);
  g_test_add_func ("/shot/blank", test_blank);
  g_test_add_func ("/shot/dialog", test_dialog);
  g_test_add_func ("/shot/refused", test_refused);
  g_test_add_func ("/shot/untrusted", test_untrusted);
  g_test_add_func ("/shot/not-web", test_not_web);
  g_test_add_func ("/shot/cancel", test_cancel);
  g_test_add_func ("/shot/timeout", test_timeout);
  g_test_add_data_func ("/shot/helper/full-page", (gconstpointer) test_full_page, run_via_helper);
  g_test_add_data_func ("/shot/helper/at-once", (gconstpointer) test_at_once, run_via_helper);
  g_test_add_data_func ("/shot/helper/cut", (gconstpointer) test_cut, run_via_helper);
  g_test_add_data_func ("/shot/helper/not-found", (gconstpointer) test_not_found, run_via_helper);
  g_test_add_data_func ("/shot/helper/untrusted", (gconstpointer) test_untrusted, run_via_helper);
  g_test_add_data_func ("/shot/helper/not-web", (gconstpointer) test_not_web, run_via_helper);
  g_test_add_data_func ("/shot/helper/cancel", (gconstpointer) test_cancel, run_via_helper);
  g_test_add_data_func ("/shot/helper/timeout", (gconstpointer) test_timeout, run_via_helper);
  g_test_add_data_func ("/shot/helper/no-display", (gconstpointer) test_no_display, run_via_helper);
  g_test_add_data_func ("/shot/helper/missing", (gconstpointer) test_helper_missing, run_via_helper);
  g_test_add_data_func ("/shot/helper/crash", (gconstpointer) test_helper_crash, run_via_helper);
  status = g_test_run ();

  g_clear_object (&fixture.server);
  g_clear_object (&fixture.tls_server);
  g_clear_pointer (&fixture.pixel_png, g_bytes_unref);
  g_free (fixture.base);
  g_free (fixture.tls_base);
  return status;
}
