/* test-evidence.c: the papers a case ends with, read back with poppler
 *
 * A seed 002 case driven to its end with a publication proven live: the
 * Bukti Publikasi kept when the publish step completed, and the three
 * documents rendered fresh, are read back as text and checked for what
 * the SOP asks the sheet to hold; the QR code is decoded with zbarimg; a
 * case with a 40-entry history breaks into pages with its table headers
 * repeated and nothing outside the printable area. The engine's rules:
 * who may print, the print step's completion, the archive register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <poppler.h>

#include "test-util.h"
#include "warta-evidence.h"
#include "warta-sample.h"
#include "warta-timing.h"

/* poppler-glib 22 defines no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define SOP_ID "bbkk-medan-publikasi-website"
#define SOP_NUMBER "OT.02.02/C.IX.4/206/2025"

typedef struct
{
  TestDb *db;
  gint64  staff, katim, kepala, web, stranger;
  gint64  case_id;
} Fixture;

static gint64
drive_case (Fixture    *f,
            const char *title,
            guint       rounds)
{
  return test_db_drive_002 (f->db, f->staff, f->katim, f->kepala, f->web, title, rounds);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katim = test_db_add_user (f->db, "katim", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->web = test_db_add_user (f->db, "web", "admin-website", NULL);
  /* A role of another SOP only. */
  f->stranger = test_db_add_user (f->db, "lain", "tim-ppid", NULL);
  f->case_id = drive_case (f, "Vaksinasi <b>Haji</b> & Umrah di Pelabuhan Belawan", 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_db_free (f->db);
}

/* The PDF's pages' text. */
static GPtrArray *
pdf_pages (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);

      g_ptr_array_add (pages, poppler_page_get_text (page));
    }
  return pages;
}

/* Text with every run of white space one space, or with none at all
 * (hashes wrap inside their cells). */
static char *
squeeze (const char *text,
         gboolean    drop)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && !drop && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, *p);
          space = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
joined (GPtrArray *pages,
        gboolean   drop)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < pages->len; i++)
    g_string_append_printf (all, "%s\n", (char *)g_ptr_array_index (pages, i));
  return squeeze (all->str, drop);
}

static void
assert_holds (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("The paper lacks “%s”", needle);
}

/* Table cells side by side come out of poppler line by line across the
 * row, so a cell's words are checked in their order, not side by side. */
static void
assert_words (const char *haystack,
              const char *needle)
{
  g_auto(GStrv) words = g_strsplit (needle, " ", -1);
  const char *at = haystack;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *found = *words[i] != '\0' ? strstr (at, words[i]) : at;

      if (found == NULL)
        g_error ("The paper lacks “%s” (from “%s” on)", needle, words[i]);
      at = found + strlen (words[i]);
    }
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

static GBytes *
render (Fixture           *f,
        gint64             case_id,
        WartaDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEvidence) evidence = warta_evidence_gather (f->db->engine, f->web, case_id, &error);
  GBytes *pdf;

  g_assert_no_error (error);
  pdf = warta_evidence_render_pdf (evidence, kind, &error);
  g_assert_no_error (error);
  return pdf;
}

/* The sheet as it stood at made_at: the steps done by then. */
static void
assert_bukti (Fixture *f,
              GBytes  *pdf,
              gint64   made_at)
{
  WartaStore *store = f->db->store;
  g_autoptr(GPtrArray) pages = pdf_pages (pdf);
  g_autofree char *text = joined (pages, FALSE);
  g_autofree char *bare = joined (pages, TRUE);
  g_autoptr(GPtrArray) runs = warta_store_list_runs (store, f->case_id, NULL);
  g_autoptr(GPtrArray) attachments = warta_store_list_attachments (store, f->case_id, NULL);
  g_autoptr(GPtrArray) publications = warta_store_list_publications (store, f->case_id, NULL);
  WartaPublication *publication = g_ptr_array_index (publications, 0);
  g_autoptr(WartaSop) sop = warta_engine_get_sop (f->db->engine, SOP_ID, 0, NULL);

  assert_holds (text, "Vaksinasi <b>Haji</b> & Umrah di Pelabuhan Belawan");
  assert_holds (bare, publication->link);
  assert_holds (text, SOP_NUMBER);
  assert_holds (text, warta_sop_get_name (sop));
  assert_holds (text, "Lembar Penyelesaian Pekerjaan");
  assert_holds (text, "Segera terbitkan di website");
  /* By hand nothing was sent; the page's hash is the proof. */
  g_assert_null (publication->content_sha256);
  assert_holds (bare, publication->body_sha256);
  for (guint i = 0; i < runs->len; i++)
    {
      WartaStepRun *run = g_ptr_array_index (runs, i);
      const WartaSopStep *step = warta_sop_lookup_step (sop, run->step_id);
      g_autoptr(WartaUser) user = warta_store_get_user (store, run->completed_by, NULL);
      g_autofree char *name = squeeze (user->full_name, FALSE);
      g_autofree char *login = g_strdup_printf ("(%s)", user->login);
      g_autofree char *step_text = squeeze (step->text, FALSE);

      if (run->completed_at == 0 || run->completed_at > made_at)
        continue;
      assert_words (text, step_text);
      assert_words (text, name);
      assert_holds (text, login);
    }
  for (guint i = 0; i < attachments->len; i++)
    {
      WartaAttachment *attachment = g_ptr_array_index (attachments, i);

      assert_holds (bare, attachment->sha256);
      assert_holds (text, attachment->name);
    }
  /* The total and the 70 minutes step 3 took against its 60. */
  assert_holds (text, "over the standard");
  assert_holds (text, "1 h 10 min");
  assert_holds (text, "Printed by");
}

static void
test_bukti_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = warta_engine_list_archive_copies (f->db->engine, f->case_id, &error);
  g_autoptr(WartaArchiveCopy) copy = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) fresh = NULL;
  g_autofree char *head = NULL;
  g_autofree char *fresh_text = NULL;
  g_autoptr(GPtrArray) fresh_pages = NULL;
  gint64 seq;

  /* Kept once, when step 6 completed, and journaled. */
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 1);
  pdf = warta_engine_read_archive_copy (f->db->engine, f->web, ((WartaArchiveCopy *)copies->pdata[0])->id, &copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->document, ==, "bukti");
  g_assert_cmpint (copy->made_by, ==, f->web);
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'evidence.archive'"), ==, 1);
  assert_bukti (f, pdf, copy->made_at);
  {
    g_autoptr(GPtrArray) kept_pages = pdf_pages (pdf);
    g_autofree char *kept = joined (kept_pages, FALSE);

    /* Kept as step 6 completed: the berkas was at step 7 then. */
    assert_holds (kept, "Not yet: at step 7");
  }
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM step_runs WHERE completed_at > "
                                         "(SELECT made_at FROM archive_copies)"), ==, 2);

  /* Made fresh it holds the whole case and the journal's head now. */
  fresh = render (f, f->case_id, WARTA_DOCUMENT_BUKTI);
  assert_bukti (f, fresh, G_MAXINT64);
  g_assert_true (warta_store_get_journal_head (f->db->store, &seq, &head, &error));
  fresh_pages = pdf_pages (fresh);
  fresh_text = joined (fresh_pages, TRUE);
  assert_holds (fresh_text, head);
}

static void
test_other_documents (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) disposisi = render (f, f->case_id, WARTA_DOCUMENT_DISPOSISI);
  g_autoptr(GBytes) artikel = render (f, f->case_id, WARTA_DOCUMENT_ARTIKEL);
  g_autoptr(GPtrArray) d_pages = pdf_pages (disposisi);
  g_autoptr(GPtrArray) a_pages = pdf_pages (artikel);
  g_autofree char *d = joined (d_pages, FALSE);
  g_autofree char *a = joined (a_pages, FALSE);
  g_autofree char *a_bare = joined (a_pages, TRUE);
  g_autoptr(WartaNaskah) naskah = warta_store_get_naskah (f->db->store, f->case_id, NULL);
  g_autoptr(GPtrArray) publications = warta_store_list_publications (f->db->store, f->case_id, NULL);

  /* The disposition: from the kepala to the katim, the arahan. */
  assert_holds (d, "Lembar Disposisi");
  assert_holds (d, "Segera terbitkan di website");
  assert_holds (d, "(kepala)");
  assert_holds (d, "(katim)");
  assert_holds (d, SOP_NUMBER);

  /* The article: its title, link and its body as text, the Markdown
   * emphasis gone into the type. */
  assert_holds (a, naskah->title);
  assert_holds (a_bare, ((WartaPublication *)publications->pdata[0])->link);
  assert_holds (a, "Petugas memberikan vaksinasi kepada awak kapal.");
  g_assert_null (strstr (a, "**"));
}

/* Page 1's QR code, read by zbarimg off a 150 dpi picture of it. */
static void
test_qr_decodes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render (f, f->case_id, WARTA_DOCUMENT_BUKTI);
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);
  g_autoptr(GPtrArray) publications = warta_store_list_publications (f->db->store, f->case_id, NULL);
  g_autofree char *png = g_build_filename (f->db->dir, "page1.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "zbarimg", "--raw", "-q", png, NULL };
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  int status;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * 150 / 72), (int)(height * 150 / 72));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 150.0 / 72, 150.0 / 72);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_strstrip (out);
  g_assert_cmpstr (out, ==, ((WartaPublication *)publications->pdata[0])->link);
}

/* Every character's box within the printable area of each page. */
static void
assert_inside (GBytes *pdf,
               double  margin)
{
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      PopplerRectangle *boxes = NULL;
      guint n = 0;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n));
      g_assert_cmpuint (n, >, 0);
      for (guint j = 0; j < n; j++)
        {
          g_assert_cmpfloat (boxes[j].x1, >=, margin - 1);
          g_assert_cmpfloat (boxes[j].x2, <=, width - margin + 1);
          g_assert_cmpfloat (boxes[j].y1, >=, margin - 1);
          g_assert_cmpfloat (boxes[j].y2, <=, height - margin + 1);
        }
      g_free (boxes);
    }
}

static void
test_long_history (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = drive_case (f, "Laporan Panjang", 19);  /* 2 + 19 × 2 + 6 runs */
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = warta_store_list_runs (f->db->store, id, NULL);
  g_autoptr(WartaEvidence) evidence = warta_evidence_gather (f->db->engine, f->web, id, &error);
  g_autoptr(WartaDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) short_pdf = render (f, f->case_id, WARTA_DOCUMENT_BUKTI);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) short_pages = pdf_pages (short_pdf);
  g_autofree char *all = NULL;
  guint reason_pages = 0, step_pages = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >=, 40);
  pdf = warta_evidence_render_pdf (evidence, WARTA_DOCUMENT_BUKTI, &error);
  g_assert_no_error (error);
  pages = pdf_pages (pdf);
  document = warta_document_new (evidence, WARTA_DOCUMENT_BUKTI,
                                 WARTA_A4_WIDTH_PT - 2 * WARTA_DEFAULT_MARGIN_PT,
                                 WARTA_A4_HEIGHT_PT - 2 * WARTA_DEFAULT_MARGIN_PT);

  /* More pages than the short case's, as many as the layout said, each
   * numbered of the whole. */
  g_assert_cmpuint (pages->len, ==, warta_document_get_n_pages (document));
  g_assert_cmpuint (pages->len, >, short_pages->len);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *text = squeeze (g_ptr_array_index (pages, i), FALSE);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, pages->len);

      assert_holds (text, number);
      /* A page the chain table goes on to has its header again. */
      if (strstr (text, "alasan-") != NULL)
        {
          reason_pages++;
          assert_holds (text, "Arahan or reason");
        }
      if (strstr (text, "Membuat dan menyampaikan nota dinas") != NULL)
        {
          step_pages++;
          assert_holds (text, "Against the standard");
        }
    }
  g_assert_cmpuint (reason_pages, >=, 2);
  g_assert_cmpuint (step_pages, >=, 2);

  /* Every return is there once, none lost between pages. */
  all = joined (pages, FALSE);
  for (guint i = 0; i < 19; i++)
    {
      g_autofree char *reason = g_strdup_printf ("alasan-%02u perbaiki", i);

      g_assert_cmpuint (count (all, reason), ==, 1);
    }
  assert_inside (pdf, WARTA_DEFAULT_MARGIN_PT);
}

/* A page's body, below the running head and above the foot, as lines
 * top to bottom: the text of each line of cells side by side, without
 * spaces. */
typedef struct
{
  double   top;
  GString *text;
} Line;

static int
line_compare (gconstpointer a,
              gconstpointer b)
{
  const Line *x = a, *y = b;

  return (x->top > y->top) - (x->top < y->top);
}

static GPtrArray *
body_lines (PopplerPage *page,
            double       margin)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Line));
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  PopplerRectangle *boxes = NULL;
  guint n = 0, i = 0;
  double width, height;

  poppler_page_get_size (page, &width, &height);
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n));
  for (const char *p = text; *p != '\0' && i < n; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      guint k;

      if (g_unichar_isspace (c) || boxes[i].y1 < margin + 15 || boxes[i].y2 > height - margin - 15)
        continue;
      for (k = 0; k < found->len; k++)
        if (ABS (g_array_index (found, Line, k).top - boxes[i].y1) < 2)
          break;
      if (k == found->len)
        {
          Line line = { boxes[i].y1, g_string_new (NULL) };

          g_array_append_val (found, line);
        }
      g_string_append_unichar (g_array_index (found, Line, k).text, c);
    }
  g_free (boxes);

  g_array_sort (found, line_compare);
  for (guint k = 0; k < found->len; k++)
    g_ptr_array_add (lines, g_string_free (g_array_index (found, Line, k).text, FALSE));
  return lines;
}

/* No line alone: the last page holds more than one line of body text; a
 * heading is never a page's last line; a table carried on to a page
 * brings more than its last row (the Bukti's total). */
static void
assert_no_line_alone (GBytes *pdf)
{
  static const char * const headings[] = {
    "Publication", "Screenshotofthepublishedpage", "Dispositionsanddecisions", "Stepsandtimes",
    "AttachmentsandtheirSHA-256", "Journal", "Hand-offs", "Disposition",
  };
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, NULL);
  int n_pages = poppler_document_get_n_pages (document);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autoptr(GPtrArray) lines = body_lines (page, WARTA_DEFAULT_MARGIN_PT);
      const char *last;

      g_assert_cmpuint (lines->len, >, 0);
      last = g_ptr_array_index (lines, lines->len - 1);
      for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
        if (g_str_equal (last, headings[h]))
          g_error ("Page %d of %d ends with the heading “%s”", i + 1, n_pages, last);
      if (i == n_pages - 1 && lines->len < 2)
        g_error ("The last page (%d) holds one line: “%s”", i + 1, last);
      /* The steps' header repeated, then a step's row before the total. */
      if (g_str_has_prefix (g_ptr_array_index (lines, 0), "StepActivity"))
        for (guint l = 1; l < lines->len; l++)
          {
            const char *line = g_ptr_array_index (lines, l);

            if (g_str_has_prefix (line, "Total"))
              g_error ("Page %d starts with the steps' total alone under the table's header", i + 1);
            if (g_ascii_isdigit (*line))
              break;
          }
    }
}

static void
test_no_line_alone (Fixture       *f,
                    gconstpointer  data)
{
  /* The seed 002 case, and long histories that break at every place. */
  for (guint rounds = 0; rounds <= 24; rounds++)
    {
      gint64 id = rounds == 0 ? f->case_id : drive_case (f, "Laporan Panjang", rounds);
      g_autoptr(GBytes) bukti = render (f, id, WARTA_DOCUMENT_BUKTI);
      g_autoptr(GBytes) disposisi = render (f, id, WARTA_DOCUMENT_DISPOSISI);

      g_test_message ("%u rounds", rounds);
      assert_no_line_alone (bukti);
      assert_no_line_alone (disposisi);
    }
}

/* The page of pages that holds needle, squeezed; -1 if none. */
static int
page_holding (GPtrArray  *pages,
              const char *needle)
{
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *text = squeeze (g_ptr_array_index (pages, i), FALSE);

      if (strstr (text, needle) != NULL)
        return (int)i;
    }
  return -1;
}

/* The signature block: the city and date, the signer's jabatan, name
 * and NIP on one page, with the paraf of the chain. */
static void
test_signature (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 long_case = drive_case (f, "Laporan Panjang", 19);
  const gint64 cases[] = { f->case_id, long_case };
  /* Signed the day it is printed. */
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (warta_engine_now (f->db->engine) / G_USEC_PER_SEC);
  g_autofree char *date = warta_format_date (now);
  g_autofree char *place_date = g_strdup_printf ("Medan, %s", date);

  g_assert_true (warta_engine_set_office_city (f->db->engine, f->db->admin, "  Medan ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'office.city'"), ==, 1);
  /* Only an administrator says where the office is. */
  g_assert_false (warta_engine_set_office_city (f->db->engine, f->web, "Jakarta", &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);

  test_db_exec (f->db, "UPDATE users SET nip = '198501012010011001', jabatan = 'Pranata Humas' WHERE login = 'web'");
  test_db_exec (f->db, "UPDATE users SET nip = '197002021995031002', jabatan = 'Kepala Balai' WHERE login = 'kepala'");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bukti = render (f, cases[i], WARTA_DOCUMENT_BUKTI);
      g_autoptr(GBytes) disposisi = render (f, cases[i], WARTA_DOCUMENT_DISPOSISI);
      g_autoptr(GPtrArray) b = pdf_pages (bukti);
      g_autoptr(GPtrArray) d = pdf_pages (disposisi);
      int page;

      /* The Bukti is signed by who published it, initialled by the chain,
       * all on the page of the place and date. */
      page = page_holding (b, place_date);
      g_assert_cmpint (page, >=, 0);
      {
        g_autofree char *text = squeeze (g_ptr_array_index (b, page), FALSE);

        assert_holds (text, "Pranata Humas,");
        assert_holds (text, "User web");
        assert_holds (text, "NIP 198501012010011001");
        assert_holds (text, "Paraf");
        assert_holds (text, "Kepala Balai");
        assert_holds (text, "User kepala");
        assert_holds (text, "User katim");
      }

      /* The Lembar Disposisi by the kepala who disposed it. */
      page = page_holding (d, place_date);
      g_assert_cmpint (page, >=, 0);
      {
        g_autofree char *text = squeeze (g_ptr_array_index (d, page), FALSE);

        assert_holds (text, "Kepala Balai,");
        assert_holds (text, "User kepala");
        assert_holds (text, "NIP 197002021995031002");
        assert_holds (text, "User katim");
      }
    }
}

static char *
without_nbsp (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "\u00a0", -1);

  return g_strjoinv (" ", parts);
}

/* The Lembar Disposisi's fields: Sifat with the one given ticked,
 * Diteruskan kepada the recipient, the arahan boxes ticked as given; a
 * disposition made without them is biasa with no box ticked. */
static void
test_disposisi_form (Fixture       *f,
                     gconstpointer  data)
{
  gint64 urgent = test_db_drive_002_full (f->db, f->staff, f->katim, f->kepala, f->web, "Segera", 0,
                                          WARTA_SIFAT_SEGERA,
                                          WARTA_ARAHAN_TINDAK_LANJUTI | WARTA_ARAHAN_KOORDINASIKAN);
  g_autoptr(GBytes) pdf = render (f, urgent, WARTA_DOCUMENT_DISPOSISI);
  g_autoptr(GBytes) plain_pdf = render (f, f->case_id, WARTA_DOCUMENT_DISPOSISI);
  g_autoptr(GPtrArray) pages = pdf_pages (pdf);
  g_autoptr(GPtrArray) plain_pages = pdf_pages (plain_pdf);
  g_autofree char *joined_text = joined (pages, FALSE);
  g_autofree char *plain_joined = joined (plain_pages, FALSE);
  g_autofree char *text = without_nbsp (joined_text);
  g_autofree char *plain = without_nbsp (plain_joined);

  assert_holds (text, "Sifat");
  assert_holds (text, "☑ Segera");
  assert_holds (text, "☐ Biasa");
  assert_holds (text, "☐ Sangat Segera");
  assert_holds (text, "☐ Rahasia");
  assert_holds (text, "☑ Tindak lanjuti");
  assert_holds (text, "☑ Koordinasikan");
  assert_holds (text, "☐ Pelajari");
  assert_holds (text, "☐ Siapkan jawaban");
  assert_holds (text, "☐ Arsipkan");
  assert_words (text, "Diteruskan kepada User katim (katim)");
  assert_holds (text, "Segera terbitkan di website");
  g_assert_cmpuint (count (text, "☑"), ==, 3);

  assert_holds (plain, "☑ Biasa");
  assert_holds (plain, "☐ Segera");
  g_assert_cmpuint (count (plain, "☑"), ==, 1);
}

/* A link prints with its address; an address written out once. */
static void
test_article_links (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *bare = NULL;
  gint64 id = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Jadwal", &error);

  g_assert_no_error (error);
  naskah = warta_naskah_new (id);
  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Jadwal Vaksinasi");
  naskah->body = g_strdup ("Lihat [jadwal vaksinasi](https://bbkk-medan.example.go.id/jadwal?hari=senin&jam=8) "
                           "dan <https://example.go.id/tanya>.");
  g_assert_true (warta_engine_save_naskah (f->db->engine, f->staff, naskah, &error));
  g_assert_no_error (error);

  pdf = render (f, id, WARTA_DOCUMENT_ARTIKEL);
  pages = pdf_pages (pdf);
  bare = joined (pages, TRUE);
  assert_holds (bare, "Lihatjadwalvaksinasi(https://bbkk-medan.example.go.id/jadwal?hari=senin&jam=8)");
  g_assert_cmpuint (count (bare, "https://example.go.id/tanya"), ==, 1);
}

/* Another paper size lays out again and still keeps inside its area. */
static void
test_page_setup (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaEvidence) evidence = warta_evidence_gather (f->db->engine, f->web, f->case_id, &error);
  g_autoptr(WartaDocument) narrow = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  const double paper_w = 420, paper_h = 595, margin = 20;  /* A5 */

  g_assert_no_error (error);
  narrow = warta_document_new (evidence, WARTA_DOCUMENT_BUKTI, paper_w - 2 * margin, paper_h - 2 * margin);
  g_assert_true (warta_document_write_pdf (narrow, out, paper_w, paper_h, margin, margin, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  pdf = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages->len, ==, warta_document_get_n_pages (narrow));
  g_assert_cmpuint (pages->len, >=, 3);
  text = joined (pages, TRUE);
  assert_holds (text, SOP_NUMBER);
  assert_inside (pdf, margin);
}

static void
test_who_may_print (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WartaEvidence *evidence;

  evidence = warta_evidence_gather (f->db->engine, f->stranger, f->case_id, &error);
  g_assert_null (evidence);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (warta_engine_record_print (f->db->engine, f->stranger, f->case_id, "bukti", FALSE, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (warta_engine_record_print (f->db->engine, f->web, f->case_id, "surat", FALSE, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID);
  g_clear_error (&error);

  /* The staff of the SOP and the administrator may. */
  g_assert_true (warta_engine_record_print (f->db->engine, f->staff, f->case_id, "artikel", TRUE, "ab12", &error));
  g_assert_true (warta_engine_record_print (f->db->engine, f->db->admin, f->case_id, "bukti", FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'evidence.export'"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'evidence.print'"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM prints WHERE run_id IS NULL"), ==, 2);
}

/* Seed 000 ends "mencetak berita … sebagai arsip": that step is done by
 * printing, not by saying so. */
static void
test_print_step (Fixture       *f,
                 gconstpointer  data)
{
  WartaEngine *e = f->db->engine;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaSop) sop = warta_engine_get_sop (e, "bbtklpp-jakarta-pengelolaan-website", 0, &error);
  gint64 id;
  g_autoptr(GPtrArray) prints = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < warta_sop_get_n_lanes (sop); i++)
    {
      g_autofree char *login = g_strdup_printf ("lane%u", i);

      test_db_add_user (f->db, login, warta_sop_get_lane (sop, i)->id, NULL);
    }
  {
    g_autoptr(GPtrArray) starters = warta_store_list_users (f->db->store, warta_sop_get_step (sop, 0)->lane, NULL);

    id = warta_engine_start_case (e, ((WartaUser *)starters->pdata[0])->id, "bbtklpp-jakarta-pengelolaan-website",
                                  "Cetak arsip", &error);
    g_assert_no_error (error);
  }

  /* Walk it as the administrator would not: as each lane's person. */
  for (guint guard = 0; guard < 60; guard++)
    {
      g_autoptr(WartaCase) kase = warta_store_get_case (f->db->store, id, NULL);
      const WartaSopStep *step;
      g_autoptr(GPtrArray) users = NULL;
      gint64 who;

      if (kase->state != WARTA_CASE_OPEN)
        break;
      step = warta_sop_lookup_step (sop, kase->active->step_id);
      users = warta_store_list_users (f->db->store, step->lane, NULL);
      who = kase->active->assignee != 0 ? kase->active->assignee : ((WartaUser *)users->pdata[0])->id;
      if (step->action == WARTA_SOP_ACTION_COMPOSE)
        test_db_write_naskah (f->db, who, id);
      test_db_meet_requirements (f->db, who, id);
      if (step->action == WARTA_SOP_ACTION_PRINT)
        {
          /* meet_requirements printed; a fresh step without one refuses. */
          test_db_exec (f->db, "DELETE FROM prints");
          g_assert_false (warta_engine_complete (e, who, id, NULL, &error));
          g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INCOMPLETE);
          g_clear_error (&error);
          g_assert_true (warta_engine_record_print (e, who, id, "artikel", FALSE, NULL, &error));
          g_assert_no_error (error);
        }
      if (warta_sop_step_is_decision (step))
        g_assert_true (warta_engine_decide (e, who, id, TRUE, NULL, &error));
      else if (step->action == WARTA_SOP_ACTION_DISPOSE)
        {
          g_autoptr(GPtrArray) next = warta_store_list_users (f->db->store, warta_sop_get_next_step (sop, step)->lane, NULL);

          g_assert_true (warta_engine_dispose (e, who, id, ((WartaUser *)next->pdata[0])->id, "Lanjutkan", &error));
        }
      else
        g_assert_true (warta_engine_complete (e, who, id, NULL, &error));
      g_assert_no_error (error);
    }
  prints = warta_engine_list_prints (e, id, &error);
  g_assert_cmpuint (prints->len, ==, 1);
  g_assert_cmpint (((WartaPrintRecord *)prints->pdata[0])->run_id, >, 0);
  g_assert_cmpstr (((WartaPrintRecord *)prints->pdata[0])->document, ==, "artikel");
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM cases WHERE state = 'done'"), >=, 2);
}

static guint
archive_count (Fixture    *f,
               const char *text,
               gint64      from,
               gint64      to)
{
  WartaArchiveQuery query = { text, from, to, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = warta_engine_list_archive (f->db->engine, f->db->admin, &query, &error);

  g_assert_no_error (error);
  return entries->len;
}

static void
test_archive_register (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  WartaArchiveEntry *entry;
  g_autoptr(WartaCase) kase = warta_store_get_case (f->db->store, f->case_id, NULL);

  /* An open case is not in it. */
  warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Masih berjalan", &error);
  g_assert_no_error (error);

  all = warta_engine_list_archive (f->db->engine, f->db->admin, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  entry = all->pdata[0];
  g_assert_cmpint (entry->case_id, ==, f->case_id);
  g_assert_cmpstr (entry->sop_number, ==, SOP_NUMBER);
  g_assert_nonnull (entry->link);
  g_assert_cmpint (entry->archive_copy_id, >, 0);

  g_assert_cmpuint (archive_count (f, "haji", 0, 0), ==, 1);
  g_assert_cmpuint (archive_count (f, "HAJI", 0, 0), ==, 1);
  g_assert_cmpuint (archive_count (f, "contoh.example.go.id", 0, 0), ==, 1);
  g_assert_cmpuint (archive_count (f, "C.IX.4/206", 0, 0), ==, 1);
  g_assert_cmpuint (archive_count (f, "Publikasi Informasi", 0, 0), ==, 1);
  g_assert_cmpuint (archive_count (f, "Masih berjalan", 0, 0), ==, 0);
  g_assert_cmpuint (archive_count (f, "100%", 0, 0), ==, 0);
  g_assert_cmpuint (archive_count (f, NULL, kase->finished_at, kase->finished_at + 1), ==, 1);
  g_assert_cmpuint (archive_count (f, NULL, kase->finished_at + 1, 0), ==, 0);
  g_assert_cmpuint (archive_count (f, NULL, 0, kase->finished_at), ==, 0);
}

static GPtrArray *
archive_of (Fixture *f,
            gint64   actor)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = warta_engine_list_archive (f->db->engine, actor, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* Whoever may print a case's papers finds it in the register, and only
 * the cases they may print: the admin website those of seed 002, the
 * PPID those of seed 003, the administrator all of them. */
static void
test_archive_by_role (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) web = NULL;
  g_autoptr(GPtrArray) stranger = NULL;
  g_autoptr(GPtrArray) admin = NULL;
  g_autoptr(GPtrArray) nobody = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other_id, idle;

  /* A finished case of seed 003, whose lanes the admin website has none of */
  test_db_exec (f->db,
                "INSERT INTO cases (sop_id, sop_version, title, state, created_by, created_at, finished_at) "
                "SELECT id, version, 'Rilis PPID', 'done', 1, 1000, 2000 FROM sops "
                "WHERE id = 'bkk-palembang-publikasi-medsos-website' ORDER BY version DESC LIMIT 1");
  other_id = test_db_count (f->db, "SELECT max (id) FROM cases");
  g_assert_cmpint (other_id, >, f->case_id);
  /* Someone of no SOP's lane */
  g_assert_true (warta_engine_add_role (f->db->engine, f->db->admin, "tamu", "Tamu", &error));
  g_assert_no_error (error);
  idle = test_db_add_user (f->db, "tamu", "tamu", NULL);

  admin = archive_of (f, f->db->admin);
  g_assert_cmpuint (admin->len, ==, 2);

  web = archive_of (f, f->web);
  g_assert_cmpuint (web->len, ==, 1);
  g_assert_cmpint (((WartaArchiveEntry *)web->pdata[0])->case_id, ==, f->case_id);
  g_assert_cmpint (((WartaArchiveEntry *)web->pdata[0])->archive_copy_id, >, 0);

  stranger = archive_of (f, f->stranger);
  g_assert_cmpuint (stranger->len, ==, 1);
  g_assert_cmpint (((WartaArchiveEntry *)stranger->pdata[0])->case_id, ==, other_id);

  nobody = archive_of (f, idle);
  g_assert_cmpuint (nobody->len, ==, 0);

  /* What the register shows them, they may print; what it hides, not. */
  g_assert_true (warta_engine_may_print (f->db->engine, f->web, f->case_id, &error));
  g_assert_no_error (error);
  g_assert_false (warta_engine_may_print (f->db->engine, f->stranger, f->case_id, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
  g_clear_error (&error);

  /* Nobody signed in gets nothing. */
  g_assert_null (warta_engine_list_archive (f->db->engine, 9999, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED);
}

static void
test_tampered_copy (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf;

  test_db_exec (f->db, test_db_sql ("UPDATE archive_copies SET data = CAST ('%PDF-forged' AS BLOB), size = 11",
                                    "UPDATE archive_copies SET data = convert_to ('%PDF-forged', 'UTF8'), size = 11"));
  pdf = warta_engine_read_archive_copy (f->db->engine, f->web, 1, NULL, &error);
  g_assert_null (pdf);
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A square PNG logo of size pixels, drawn with cairo: a green disc. */
static GBytes *
logo_png (int size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.1, 0.5, 0.2);
  cairo_arc (cr, size / 2.0, size / 2.0, size / 2.0 - 2, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static const char * const kop[] = {
  "KEMENTERIAN KESEHATAN REPUBLIK INDONESIA",
  "DIREKTORAT JENDERAL PENCEGAHAN DAN PENGENDALIAN PENYAKIT",
  "BALAI BESAR KEKARANTINAAN KESEHATAN MEDAN",
  "Jalan Pelabuhan I No. 1, Belawan, Medan 20411; Telepon (061) 6941079",
  NULL
};

/* Every paper begins with the office's letterhead once one is set: its
 * lines on page 1 in their order, above the paper's name, and the logo
 * drawn at the top left; without one, the office's name as before. */
static void
test_letterhead (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = logo_png (120);
  WartaOffice office = { 0 };

  for (WartaDocumentKind kind = 0; kind < WARTA_N_DOCUMENTS; kind++)
    {
      g_autoptr(GBytes) before = render (f, f->case_id, kind);
      g_autoptr(GPtrArray) pages = pdf_pages (before);

      g_assert_null (strstr (g_ptr_array_index (pages, 0), kop[0]));
    }

  office.name = (char *)"Balai Besar Kekarantinaan Kesehatan Medan";
  office.address = (char *)"Jalan Pelabuhan I No. 1, Belawan";
  office.kop_lines = (GStrv)kop;
  office.logo = logo;
  g_assert_true (warta_engine_set_office (f->db->engine, f->db->admin, &office, TRUE, &error));
  g_assert_no_error (error);

  for (WartaDocumentKind kind = 0; kind < WARTA_N_DOCUMENTS; kind++)
    {
      g_autoptr(GBytes) pdf = render (f, f->case_id, kind);
      g_autoptr(GPtrArray) pages = pdf_pages (pdf);
      g_autofree char *first = squeeze (g_ptr_array_index (pages, 0), FALSE);
      g_autofree char *upper_name = g_utf8_strup (warta_document_kind_describe (kind), -1);
      g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);
      g_autoptr(PopplerPage) page = NULL;
      const char *at = first;
      gboolean logo_drawn = FALSE;
      GList *images;

      g_assert_no_error (error);
      /* Kept to be looked at: pdftoppm -png letterhead-*.pdf */
      if (kind == WARTA_DOCUMENT_BUKTI)
        {
          g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "letterhead-bukti.pdf", NULL);

          g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
        }
      for (guint i = 0; kop[i] != NULL; i++)
        {
          const char *found = strstr (at, kop[i]);

          if (found == NULL)
            g_error ("Page 1 of %s lacks the letterhead's line “%s” after its line before: %s",
                     warta_document_kind_describe (kind), kop[i], first);
          at = found + strlen (kop[i]);
        }
      /* The paper's name (the article's title) comes after the letterhead. */
      g_assert_nonnull (strstr (at, kind == WARTA_DOCUMENT_ARTIKEL ? "Vaksinasi" : upper_name));

      /* The logo: an image at the top left of page 1. */
      page = poppler_document_get_page (document, 0);
      images = poppler_page_get_image_mapping (page);
      for (GList *l = images; l != NULL; l = l->next)
        {
          PopplerImageMapping *image = l->data;

          if (image->area.x1 < WARTA_DEFAULT_MARGIN_PT + 5 && image->area.y2 < 160 &&
              image->area.x2 - image->area.x1 > 40)
            logo_drawn = TRUE;
        }
      poppler_page_free_image_mapping (images);
      g_assert_true (logo_drawn);

      /* The letterhead is page 1's alone. */
      for (guint i = 1; i < pages->len; i++)
        g_assert_null (strstr (g_ptr_array_index (pages, i), kop[2]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/evidence/bukti-kept", test_bukti_kept);
  ADD ("/evidence/disposisi-artikel", test_other_documents);
  ADD ("/evidence/qr-decodes", test_qr_decodes);
  ADD ("/evidence/long-history", test_long_history);
  ADD ("/evidence/page-setup", test_page_setup);
  ADD ("/evidence/no-line-alone", test_no_line_alone);
  ADD ("/evidence/signature", test_signature);
  ADD ("/evidence/disposisi-form", test_disposisi_form);
  ADD ("/evidence/article-links", test_article_links);
  ADD ("/evidence/who-may-print", test_who_may_print);
  ADD ("/evidence/print-step", test_print_step);
  ADD ("/evidence/archive-register", test_archive_register);
  ADD ("/evidence/archive-by-role", test_archive_by_role);
  ADD ("/evidence/tampered-copy", test_tampered_copy);
  ADD ("/evidence/letterhead", test_letterhead);
#undef ADD

  return g_test_run ();
}
