/* warta-sample.c: a sample office to try Warta with
 *
 * The office, its people and its cases are made the way an office would
 * make them: through the engine, one action at a time, so the journal,
 * the step runs and the dispositions are all real. A private engine on the
 * same store carries a clock set back in time, so the cases have a history
 * and their active steps stand at different points against their standard
 * times; the caller's engine and its clock are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "warta-evidence.h"
#include "warta-publisher.h"
#include "warta-sample.h"
#include "warta-sample-private.h"
#include "warta-sha256.h"
#include "warta-timing.h"

#define SAMPLE_OFFICE "Balai Contoh Warta"

/* When the sample office was set up, before "now". */
#define SETUP_AGE_DAYS 90

typedef struct
{
  const char *login;
  const char *full_name;
  gboolean    female;
} SampleName;

/* One person a lane: the heads of units from the first list, everyone else
 * from the second, in the order the SOPs list their lanes. Past the end of
 * a list, a lane's user is named after the lane. */
static const SampleName leaders[] = {
  { "hendra", "Dr. Hendra Gunawan, M.Kes.", FALSE },
  { "rina", "Dr. Rina Siregar, M.K.M.", TRUE },
  { "sutrisno", "Dr. Sutrisno Wibowo, M.P.H.", FALSE },
  { "maya", "Dr. Maya Lestari, M.Si.", TRUE },
  { "rudi", "Rudi Hartono, S.T., M.M.", FALSE },
  { "indah", "Dr. Indah Permatasari, Sp.KP.", TRUE },
  { "bambang", "Bambang Prasetyo, S.Sos., M.A.P.", FALSE },
  { "nurul", "Nurul Hidayah, S.H., M.H.", TRUE },
  { "agus", "Agus Setiawan, S.K.M., M.Kes.", FALSE },
  { "ratna", "Ratna Sari Dewi, S.E., M.Ak.", TRUE },
  { "yusuf", "Yusuf Hasibuan, S.K.M., M.P.H.", FALSE },
  { "fitri", "Fitri Handayani, S.Kom., M.T.", TRUE },
  { "darmawan", "Ir. Darmawan Sitompul, M.Si.", FALSE },
  { "lestari", "Dr. Lestari Handayani, M.Kes.", TRUE },
};

static const SampleName staff[] = {
  { "eko", "Eko Saputra", FALSE },
  { "siti", "Siti Rahmawati, A.Md.", TRUE },
  { "dedi", "Dedi Kurniawan", FALSE },
  { "yulia", "Yulia Putri Anggraini, S.Kom.", TRUE },
  { "rizky", "Rizky Pratama, S.T.", FALSE },
  { "dian", "Dian Safitri, S.I.Kom.", TRUE },
  { "wahyu", "Wahyu Nugroho, S.Kom.", FALSE },
  { "lina", "Lina Marpaung, S.Sos.", TRUE },
  { "joko", "Joko Susilo, S.E.", FALSE },
  { "putri", "Putri Ayu Wulandari, S.Kom.", TRUE },
  { "teguh", "Teguh Santoso, A.Md.Kom.", FALSE },
  { "ahmad", "Ahmad Fauzi, S.K.M.", FALSE },
  { "sari", "Sari Wulandari, S.Ds.", TRUE },
  { "andre", "Andre Simanjuntak, A.Md.", FALSE },
};

/* Whether a lane is a head of a unit, by its name as the SOP prints it. */
static gboolean
lane_is_leader (const WartaSopLane *lane)
{
  static const char *titles[] = { "kepala", "kadis", "kadivmin", "kabag", "kasub", "katimker",
                                  "pejabat", "atasan", "ketua" };
  g_autofree char *name = g_utf8_strdown (lane->name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_has_prefix (name, titles[i]))
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char *sop_id;
  const char *title;
  const char *where;
  const char *summary;    /* what happened, after the office's name */
  const char *target;     /* the step the case waits at; NULL: run to its end */
  const char *decisions;  /* 'y' or 'n' for each decision met, in order; past the end, 'y' */
  int         age;        /* minutes: how long the active step has run, or since the case ended */
} SampleCase;

static const SampleCase cases[] = {
  { "bbtklpp-jakarta-pengelolaan-website",
    "Rilis Hasil Uji Kualitas Udara Jakarta Pekan Ini", "Laboratorium Kualitas Udara",
    "merilis hasil uji kualitas udara di dua belas titik pemantauan di Jakarta",
    "10", NULL, 600 },
  { "bbtklpp-jakarta-pengelolaan-website",
    "Pelatihan Surveilans Epidemiologi bagi Petugas Puskesmas", "Aula Utama",
    "melatih empat puluh petugas surveilans puskesmas membaca tanda awal kejadian luar biasa",
    "17", NULL, 1800 },
  { "bbtklpp-jakarta-pengelolaan-website",
    "Bakti Sosial Pemeriksaan Kesehatan Gratis", "Kelurahan Cempaka Putih",
    "memeriksa kesehatan tiga ratus warga tanpa biaya",
    NULL, NULL, 4320 },
  { "dinkes-kaltim-website-informasi-publik",
    "Jadwal Posyandu Bulan Ini", "Samarinda",
    "mengumumkan jadwal posyandu balita dan lansia di seluruh kecamatan",
    "a4", NULL, 10 },
  { "dinkes-kaltim-website-informasi-publik",
    "Peluncuran Aplikasi Layanan Kesehatan Daerah", "Kantor Gubernur",
    "meluncurkan aplikasi pendaftaran layanan kesehatan daring",
    "b4", NULL, 95 },
  { "dinkes-kaltim-website-informasi-publik",
    "Foto Kegiatan Hari Kesehatan Nasional", "Lapangan Kantor",
    "mendokumentasikan upacara dan lomba Hari Kesehatan Nasional",
    NULL, "n", 2880 },
  { "bbkk-medan-publikasi-website",
    "Layanan Vaksinasi Internasional pada Akhir Pekan", "Pelabuhan Belawan",
    "membuka layanan vaksinasi internasional pada hari Sabtu dan Minggu",
    "1", NULL, 25 },
  { "bbkk-medan-publikasi-website",
    "Capaian Kinerja Triwulan III", "Medan",
    "melaporkan capaian kinerja pelayanan kekarantinaan pada triwulan ketiga",
    "6", NULL, 130 },
  { "bbkk-medan-publikasi-website",
    "Imbauan Kewaspadaan Mpox bagi Pelaku Perjalanan", "Bandara Kualanamu",
    "mengimbau pelaku perjalanan internasional agar waspada terhadap gejala mpox",
    NULL, NULL, 7200 },
  { "bkk-palembang-publikasi-medsos-website",
    "Vaksinasi Meningitis Jemaah Umrah", "Bandara Sultan Mahmud Badaruddin II",
    "memberikan vaksinasi meningitis kepada empat ratus lima puluh calon jemaah umrah",
    "3", NULL, 200 },
  { "bkk-palembang-publikasi-medsos-website",
    "Sosialisasi Pencegahan Demam Berdarah di Pelabuhan", "Pelabuhan Boom Baru",
    "menyosialisasikan pemberantasan sarang nyamuk kepada pekerja pelabuhan",
    "4", NULL, 20 },
  { "bkk-palembang-publikasi-medsos-website",
    "Pemeriksaan Kesehatan Awak Kapal Asing", "Pelabuhan Boom Baru",
    "memeriksa kesehatan awak tiga kapal asing sebelum mereka turun ke darat",
    "5", "ny", 26 },
  { "bkk-palembang-publikasi-medsos-website",
    "Kunjungan Kerja ke Pelabuhan Tanjung Api-Api", "Pelabuhan Tanjung Api-Api",
    "meninjau kesiapan pos kesehatan pelabuhan menjelang libur panjang",
    NULL, NULL, 1440 },
  { "balkesbang-pengelolaan-website",
    "Pemantauan Situs Mingguan", "Ruang Server",
    "memantau ketersediaan dan pembaruan konten situs web",
    "3", NULL, 4 },
  { "balkesbang-pengelolaan-website",
    "Gangguan Akses Situs pada Jam Sibuk", "Ruang Server",
    "menangani gangguan akses situs web pada jam sibuk",
    "6", NULL, 45 },
};

static const char *instructions[] = {
  "Mohon segera ditindaklanjuti sesuai SOP.",
  "Koordinasikan dengan tim terkait dan laporkan hasilnya.",
  "Siapkan bahan publikasi paling lambat hari ini.",
  "Periksa kelengkapan data sebelum diteruskan.",
};

static const char *months[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
  "Agustus", "September", "Oktober", "November", "Desember",
};

typedef struct
{
  WartaEngine *engine;      /* private, on the caller's store, with our clock */
  WartaStore  *store;
  gint64       now;         /* the caller's engine's time */
  gint64       clock;       /* the private engine's time */
  GHashTable  *lane_users;  /* lane id → gint64* user id */
  char        *files_dir;   /* where the sample files are drawn, one at a time */
} Sample;

static gint64
sample_clock (gpointer user_data)
{
  Sample *sample = user_data;

  return sample->clock;
}

static gint64
lane_user (Sample     *sample,
           const char *lane)
{
  gint64 *id = g_hash_table_lookup (sample->lane_users, lane);

  return id ? *id : 0;
}

/* How long a step of the sample took: mostly within its standard, now
 * and then over it, so the monev reports have something to show. */
static int
step_minutes (const WartaSopStep *step,
              guint               k)
{
  if (step->standard_max < 0)
    return 20 + 15 * (k % 4);
  if (k % 5 == 3)
    return MAX (step->standard_max * 13 / 10, step->standard_max + 5);
  return MAX (2, step->standard_max * (35 + 15 * (int)(k % 3)) / 100);
}

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (dt),
                          months[g_date_time_get_month (dt) - 1], g_date_time_get_year (dt));
}

static gboolean
write_naskah (Sample            *sample,
              gint64             actor,
              gint64             case_id,
              const SampleCase  *spec,
              GError           **error)
{
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (case_id);
  g_autofree char *date = format_date (sample->clock);

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup (spec->title);
  naskah->body = g_strdup_printf ("**%s, %s** — %s %s. Kegiatan ini terbuka bagi masyarakat "
                                  "dan diumumkan melalui situs web resmi serta media sosial kantor.\n\n"
                                  "Informasi lebih lanjut dapat diperoleh melalui layanan informasi "
                                  "publik %s pada hari dan jam kerja.",
                                  spec->where, date, SAMPLE_OFFICE, spec->summary, SAMPLE_OFFICE);
  naskah->five_w[WARTA_5W1H_WHO] = g_strdup ("Tim Kerja Layanan Publik " SAMPLE_OFFICE);
  naskah->five_w[WARTA_5W1H_WHAT] = g_strdup (spec->summary);
  naskah->five_w[WARTA_5W1H_WHEN] = g_strdup (date);
  naskah->five_w[WARTA_5W1H_WHERE] = g_strdup (spec->where);
  naskah->five_w[WARTA_5W1H_WHY] = g_strdup ("Agar masyarakat mendapat informasi yang benar, lengkap dan tepat waktu");
  naskah->five_w[WARTA_5W1H_HOW] = g_strdup ("Siaran pers, unggahan di situs web resmi dan media sosial kantor");

  return warta_engine_save_naskah (sample->engine, actor, naskah, error);
}

/* The files a step hands on, drawn for the case and removed once stored:
 * one of each kind it names that the case lacks (a step done again after
 * a return keeps what it attached the first time), two where it asks for
 * photos. */
static gboolean
attach_files (Sample              *sample,
              gint64               actor,
              gint64               case_id,
              const SampleCase    *spec,
              const WartaSopStep  *step,
              GError             **error)
{
  g_autoptr(GPtrArray) attachments = warta_store_list_attachments (sample->store, case_id, error);
  g_autoptr(GPtrArray) missing = NULL;

  if (attachments == NULL)
    return FALSE;

  missing = warta_attachments_missing (step, attachments);
  for (guint i = 0; i < missing->len; i++)
    {
      const WartaSopRequirement *req = g_ptr_array_index (missing, i);
      guint copies = g_str_equal (req->attachment, "foto") ? 2 : 1;

      for (guint copy = 0; copy < copies; copy++)
        {
          g_autofree char *path = NULL;
          g_autoptr(GFile) file = NULL;
          gint64 id;

          if (!(path = _warta_sample_write_attachment (sample->files_dir, req->attachment, SAMPLE_OFFICE,
                                                       spec->title, (guint)case_id * 2 + copy, error)))
            return FALSE;
          file = g_file_new_for_path (path);
          id = warta_engine_attach (sample->engine, actor, case_id, file, req->attachment, NULL, NULL, NULL, error);
          g_file_delete (file, NULL, NULL);
          if (id == 0)
            return FALSE;
        }
    }
  return TRUE;
}

/* The one action that completes the active step the way its action asks. */
static gboolean
act (Sample              *sample,
     gint64               case_id,
     const SampleCase    *spec,
     const WartaSopStep  *step,
     const WartaSopStep  *next,
     gboolean             yes,
     guint                k,
     GError             **error)
{
  g_autoptr(WartaStepRun) run = NULL;
  gint64 actor;

  if (!(run = warta_store_get_active_run (sample->store, case_id, error)))
    return FALSE;
  g_assert (g_strcmp0 (run->step_id, step->id) == 0);
  actor = run->assignee ? run->assignee : lane_user (sample, step->lane);

  if (warta_sop_step_is_decision (step))
    return warta_engine_decide (sample->engine, actor, case_id, yes,
                                yes ? "Sudah sesuai, lanjutkan." : "Belum layak; mohon diperbaiki.",
                                error);

  if (!attach_files (sample, actor, case_id, spec, step, error))
    return FALSE;

  /* Every other disposition is urgent, as a pimpinan marks a news item
   * that should not wait; each asks for follow-up, some for coordination. */
  if (step->action == WARTA_SOP_ACTION_DISPOSE)
    return warta_engine_dispose_full (sample->engine, actor, case_id, lane_user (sample, next->lane),
                                      instructions[k % G_N_ELEMENTS (instructions)],
                                      k % 2 == 0 ? WARTA_SIFAT_SEGERA : WARTA_SIFAT_BIASA,
                                      WARTA_ARAHAN_TINDAK_LANJUTI | (k % 3 == 0 ? WARTA_ARAHAN_KOORDINASIKAN : 0),
                                      error);

  if (step->action == WARTA_SOP_ACTION_COMPOSE &&
      !write_naskah (sample, actor, case_id, spec, error))
    return FALSE;

  if (step->action == WARTA_SOP_ACTION_PUBLISH &&
      !warta_sample_prove_publication (sample->engine, actor, case_id, NULL, error))
    return FALSE;

  /* The sample office's archivist printed the sheet. */
  if (step->action == WARTA_SOP_ACTION_PRINT &&
      !warta_engine_record_print (sample->engine, actor, case_id, "bukti", FALSE, NULL, error))
    return FALSE;

  return warta_engine_complete (sample->engine, actor, case_id, NULL, error);
}

/**
 * warta_sample_prove_publication:
 *
 * Records what publishing would have: the case posted by hand at an
 * example.go.id link, verified live, with a drawn picture of the page as
 * its screenshot (or @screenshot, a PNG, when given), so that its publish
 * step can complete. For the sample
 * office and for tests that drive cases past a publish step without a
 * site; nothing on the network is touched.
 */
gboolean
warta_sample_prove_publication (WartaEngine  *engine,
                                gint64        actor,
                                gint64        case_id,
                                GBytes       *screenshot,
                                GError      **error)
{
  g_autoptr(WartaNaskah) naskah = NULL;
  g_autoptr(WartaPublication) publication = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *url = g_strdup_printf ("https://contoh.example.go.id/berita/kasus-%" G_GINT64_FORMAT, case_id);
  WartaPublishOptions options = { 0 };

  if (!(naskah = warta_store_get_naskah (warta_engine_get_store (engine), case_id, error)) ||
      !(publication = warta_engine_prepare_publication (engine, actor, case_id, 0, url, &options, error)))
    return FALSE;

  g_free (publication->remote_status);
  publication->remote_status = g_strdup ("publish");
  publication->published_at = warta_engine_now (engine);
  publication->published_by = actor;
  if (!warta_engine_record_publication (engine, actor, publication, WARTA_PUBLICATION_POSTED, error))
    return FALSE;

  png = screenshot != NULL ? g_bytes_ref (screenshot)
                           : _warta_sample_draw_page (SAMPLE_OFFICE, naskah->title, (guint)case_id);
  publication->verified_at = warta_engine_now (engine);
  publication->http_status = 200;
  publication->response_ms = 180 + case_id % 120;
  g_free (publication->body_sha256);
  publication->body_sha256 = warta_sha256_for_bytes (png);
  publication->title_found = TRUE;
  return warta_engine_record_publication (engine, actor, publication, WARTA_PUBLICATION_VERIFIED, error) &&
         warta_publisher_keep_screenshot (engine, actor, publication, png, NULL, error);
}

/* Walks the case's path through its SOP up to spec->target, or to the
 * end. Without a case, only adds up how long the path takes, in minutes;
 * with one, acts on each step as its clock moves on. */
static gboolean
walk (Sample            *sample,
      WartaSop          *sop,
      const SampleCase  *spec,
      gint64             case_id,
      int               *minutes,
      GError           **error)
{
  const WartaSopStep *step = warta_sop_get_step (sop, 0);
  gsize n_decisions = spec->decisions ? strlen (spec->decisions) : 0;
  guint decided = 0;
  guint k = 0;

  *minutes = 0;
  while (step != NULL && g_strcmp0 (step->id, spec->target) != 0)
    {
      const WartaSopStep *next;
      gboolean yes = TRUE;
      int took = step_minutes (step, k);

      if (warta_sop_step_is_decision (step))
        {
          yes = decided >= n_decisions || spec->decisions[decided] != 'n';
          decided++;
          next = warta_sop_lookup_step (sop, yes ? step->yes : step->no);
        }
      else
        next = warta_sop_get_next_step (sop, step);

      *minutes += took;
      if (case_id != 0)
        {
          sample->clock += took * WARTA_USEC_PER_MINUTE;
          if (!act (sample, case_id, spec, step, next, yes, k, error))
            return FALSE;
        }

      step = next;
      /* Sample paths are short; a loop means the script is wrong. */
      g_assert (++k < 200);
    }

  if (spec->target != NULL && step == NULL)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_INVALID,
                   "sample case “%s” never reaches step %s", spec->title, spec->target);
      return FALSE;
    }

  return TRUE;
}

static gboolean
make_case (Sample            *sample,
           const SampleCase  *spec,
           GError           **error)
{
  g_autoptr(WartaSop) sop = NULL;
  const WartaSopStep *first;
  gint64 case_id;
  int minutes = 0;

  /* The sample follows the shipped SOPs; another set gets the cases that fit. */
  if (!(sop = warta_engine_get_sop (sample->engine, spec->sop_id, 0, NULL)))
    return TRUE;

  if (!walk (sample, sop, spec, 0, &minutes, error))
    return FALSE;

  first = warta_sop_get_step (sop, 0);
  sample->clock = sample->now - ((gint64)spec->age + minutes) * WARTA_USEC_PER_MINUTE;
  if (!(case_id = warta_engine_start_case (sample->engine, lane_user (sample, first->lane),
                                           spec->sop_id, spec->title, error)))
    return FALSE;
  if (!walk (sample, sop, spec, case_id, &minutes, error))
    return FALSE;

  /* A writer at work has a draft. */
  if (spec->target != NULL)
    {
      const WartaSopStep *step = warta_sop_lookup_step (sop, spec->target);

      if (step->action == WARTA_SOP_ACTION_COMPOSE)
        {
          sample->clock += MIN (spec->age / 2, 60) * WARTA_USEC_PER_MINUTE;
          return write_naskah (sample, lane_user (sample, step->lane), case_id, spec, error);
        }
    }

  return TRUE;
}

static char *
make_nip (guint    i,
          gboolean female)
{
  guint born = 1966 + (i * 7) % 24;

  /* Birth date, the year and month they became civil servants, sex, a
   * number: 18 digits. */
  return g_strdup_printf ("%04u%02u%02u%04u%02u%u%03u",
                          born, 1 + (i * 5) % 12, 1 + (i * 11) % 28,
                          born + 23 + i % 7, 1 + i % 12, female ? 2 : 1, 1 + i % 4);
}

/* The sample's people sign in with the documented WARTA_SAMPLE_PASSWORD
 * as it is: a demonstration office has no one to keep a password from,
 * so the rule that an administrator's password must be replaced at the
 * first sign-in is lifted for them, here only. */
static gboolean
keep_sample_password (Sample     *sample,
                      gint64      id,
                      GError    **error)
{
  g_autoptr(WartaTransaction) tx = NULL;

  return (tx = warta_store_transaction (sample->store, error)) != NULL &&
         warta_store_set_user_password (sample->store, id, NULL, FALSE, error) &&
         warta_transaction_commit (tx, error);
}

/* One user a lane, across all the SOPs, holding that lane's role. */
static gboolean
add_users (Sample     *sample,
           gint64      admin,
           GError    **error)
{
  g_autoptr(GPtrArray) sops = NULL;
  guint n_leaders = 0, n_staff = 0, n = 0;

  if (!(sops = warta_store_list_sops (sample->store, error)))
    return FALSE;

  for (guint i = 0; i < sops->len; i++)
    {
      const WartaSopInfo *info = g_ptr_array_index (sops, i);
      g_autoptr(WartaSop) sop = NULL;

      if (!(sop = warta_engine_get_sop (sample->engine, info->id, info->version, error)))
        return FALSE;

      for (guint j = 0; j < warta_sop_get_n_lanes (sop); j++)
        {
          const WartaSopLane *lane = warta_sop_get_lane (sop, j);
          const SampleName *name = NULL;
          g_autofree char *nip = NULL;
          const char *roles[] = { lane->id, NULL };
          WartaUser user = { 0 };
          gint64 id;

          if (g_hash_table_contains (sample->lane_users, lane->id))
            continue;

          if (lane_is_leader (lane))
            name = n_leaders < G_N_ELEMENTS (leaders) ? &leaders[n_leaders++] : NULL;
          else
            name = n_staff < G_N_ELEMENTS (staff) ? &staff[n_staff++] : NULL;

          nip = make_nip (n++, name && name->female);
          user.login = (char *)(name ? name->login : lane->id);
          user.full_name = (char *)(name ? name->full_name : lane->name);
          user.nip = nip;
          user.jabatan = lane->name;
          user.roles = (GStrv)roles;

          sample->clock += WARTA_USEC_PER_MINUTE;
          if (!(id = warta_engine_add_user (sample->engine, admin, &user, WARTA_SAMPLE_PASSWORD, error)) ||
              !keep_sample_password (sample, id, error))
            return FALSE;
          g_hash_table_insert (sample->lane_users, g_strdup (lane->id), g_memdup2 (&id, sizeof id));
        }
    }

  return TRUE;
}

/**
 * warta_sample_populate:
 * @engine: the engine of an empty database
 * @sop_dir: the directory of the shipped SOP files
 * @error: return location for a #GError
 *
 * Fills an empty database with a sample office: every SOP in @sop_dir, an
 * administrator "admin" and one user a lane, all with the password
 * %WARTA_SAMPLE_PASSWORD, and cases at different steps, some of them over
 * their standard time at warta_engine_now (@engine). Hashing the passwords
 * takes a few seconds: call it from a worker thread, with its own store.
 *
 * A database that already has users is refused and left as it is. Each
 * action is its own transaction, as in the office; should one fail, the
 * database keeps what was made before it.
 *
 * Returns: %TRUE on success
 */
gboolean
warta_sample_populate (WartaEngine  *engine,
                       const char   *sop_dir,
                       GError      **error)
{
  g_autoptr(WartaTransaction) tx = NULL;
  g_autoptr(GHashTable) lane_users = NULL;
  g_autoptr(WartaEngine) own = NULL;
  g_autoptr(WartaUser) admin_user = NULL;
  const char *admin_roles[] = { "admin", NULL };
  WartaUser admin = { 0 };
  Sample sample = { 0 };
  g_autofree char *files_dir = NULL;
  gint64 n_users;

  g_return_val_if_fail (WARTA_IS_ENGINE (engine), FALSE);
  g_return_val_if_fail (sop_dir != NULL, FALSE);

  sample.store = warta_engine_get_store (engine);
  if ((n_users = warta_store_count_users (sample.store, error)) < 0)
    return FALSE;
  if (n_users > 0)
    {
      g_set_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_DENIED,
                   _("Sample data goes only into a new, empty database; this one already has users"));
      return FALSE;
    }

  if (!(files_dir = g_dir_make_tmp ("warta-sample-XXXXXX", error)))
    return FALSE;
  sample.files_dir = files_dir;
  lane_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  own = warta_engine_new (sample.store);
  warta_evidence_set_keep_bukti (own, TRUE);
  sample.engine = own;
  sample.now = warta_engine_now (engine);
  sample.clock = sample.now - (gint64)SETUP_AGE_DAYS * 24 * 60 * WARTA_USEC_PER_MINUTE;
  sample.lane_users = lane_users;
  warta_engine_set_clock (own, sample_clock, &sample);

  admin.login = (char *)"admin";
  admin.full_name = (char *)"Andi Wijaya, S.Kom.";
  admin.nip = (char *)"198107142006041002";
  admin.jabatan = (char *)"Administrator Sistem";
  admin.roles = (GStrv)admin_roles;
  if (!warta_engine_setup_office (own, SAMPLE_OFFICE, &admin, WARTA_SAMPLE_PASSWORD, sop_dir, NULL, error))
    return FALSE;
  if (!(admin_user = warta_store_find_user (sample.store, "admin", NULL, error)))
    return FALSE;

  if (!add_users (&sample, admin_user->id, error) ||
      !warta_engine_set_office_city (own, admin_user->id, "Medan", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!make_case (&sample, &cases[i], error))
      {
        g_rmdir (files_dir);
        return FALSE;
      }
  g_rmdir (files_dir);

  return (tx = warta_store_transaction (sample.store, error)) != NULL &&
         warta_store_set_setting (sample.store, WARTA_SAMPLE_SETTING, "1", error) &&
         warta_transaction_commit (tx, error);
}
