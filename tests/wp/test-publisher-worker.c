/* test-publisher-worker.c: the app's publisher, on the session's worker
 *
 * Made for the session's database worker, as the app's publish panel
 * makes it, the publisher holds the worker only for short jobs, its
 * network waits in its own thread: a person's save goes through in the
 * middle of an upload, every byte still reaches the site, the step
 * completes, and the worker itself says what changed. A file changed
 * between two chunks of its upload stops it plainly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "publish-fixture.h"
#include "warta-evidence.h"
#include "warta-publisher.h"
#include "warta-worker.h"

/* Over four chunks of the stream's 4 MiB. */
#define BIG_SIZE (18 * 1024 * 1024)
#define BIG_NAME "foto-besar.png"

typedef enum
{
  TAMPER_NONE,
  TAMPER_REMOVE,   /* the blob goes between two chunks */
  TAMPER_RESIZE,   /* the blob changes size between two chunks */
} Tamper;

typedef struct
{
  Fixture      *f;
  Tamper        tamper;
  WartaEngine  *engine;         /* the worker's, on its own connection */
  WartaWorker  *worker;
  gint64        big;            /* the large photo */
  gint64        other_case;     /* a berkas the staff writes in meanwhile */
  GArray       *changed_cases;  /* gint64: what the worker said changed */

  /* Set on the publisher's thread */
  gint64        big_base;       /* bytes done when the large photo began */
  gboolean      paused;         /* in the middle of the large photo once */
  guint         media_posts_at_tamper;
  gint64        save_wait_us;

  /* The person's save, on the worker's thread */
  GMutex        lock;
  GCond         cond;
  gboolean      saved;
  char         *save_error;
  gboolean      saved_while_paused;

  /* The probe: how long a job waits for the worker while publishing */
  gboolean      stop_probe;     /* atomic */
  gint64        longest_wait_us;
  guint         n_probes;

  /* The publisher's thread's outcome */
  WartaPublication *publication;
  GError           *error;
  gboolean          finished;   /* atomic */
} WorkerRun;

static gint64
fixture_clock (gpointer user_data)
{
  TestDb *db = user_data;

  return db->now;
}

static void
on_worker_changed (WartaWorker *worker,
                   GArray      *changes,
                   gpointer     origin,
                   WorkerRun   *run)
{
  for (guint i = 0; i < changes->len; i++)
    g_array_append_val (run->changed_cases, g_array_index (changes, WartaChange, i).case_id);
}

static gboolean
heard_case (WorkerRun *run,
            gint64     case_id)
{
  for (guint i = 0; i < run->changed_cases->len; i++)
    if (g_array_index (run->changed_cases, gint64, i) == case_id)
      return TRUE;
  return FALSE;
}

/* A job on the worker: the staff saves the draft of another berkas, as a
 * person typing in another window would. */
static gpointer
save_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  WorkerRun *run = data;
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (run->other_case);
  g_autoptr(GError) local_error = NULL;

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Draf kedua");
  naskah->body = g_strdup ("Ditulis selagi berkas lain diunggah.");
  warta_engine_save_naskah (engine, run->f->staff, naskah, &local_error);

  g_mutex_lock (&run->lock);
  run->saved = TRUE;
  run->save_error = local_error != NULL ? g_strdup (local_error->message) : NULL;
  g_cond_signal (&run->cond);
  g_mutex_unlock (&run->lock);
  return GINT_TO_POINTER (TRUE);
}

/* In the middle of the large photo, on the publisher's thread, the
 * upload waits here: a save queued now must run while it waits, or the
 * worker is held across the network. */
static void
on_worker_progress (WartaPublishStage  stage,
                    const char        *item,
                    gint64             done,
                    gint64             total,
                    gpointer           user_data)
{
  WorkerRun *run = user_data;
  gint64 start, until;

  if (stage != WARTA_PUBLISH_STAGE_MEDIA || g_strcmp0 (item, BIG_NAME) != 0 || run->paused)
    return;
  if (run->big_base < 0)
    {
      run->big_base = done;
      return;
    }
  if (done - run->big_base < 6 * 1024 * 1024)
    return;
  run->paused = TRUE;

  if (run->tamper != TAMPER_NONE)
    {
      g_autofree char *sql = NULL;

      /* Another process, between two chunks. */
      if (run->tamper == TAMPER_REMOVE)
        sql = g_strdup_printf ("DELETE FROM attachment_data WHERE attachment_id = %" G_GINT64_FORMAT, run->big);
      else
        sql = g_strdup_printf ("UPDATE attachment_data SET data = zeroblob(1024) WHERE attachment_id = %"
                               G_GINT64_FORMAT, run->big);
      test_db_exec (run->f->db, sql);
      run->media_posts_at_tamper = fake_wp_count_requests (run->f->wp, "POST", "/wp/v2/media");
      return;
    }

  start = g_get_monotonic_time ();
  until = start + 10 * G_USEC_PER_SEC;
  warta_worker_run_async (run->worker, WARTA_JOB_PRIORITY_URGENT, NULL, save_job, run, NULL, NULL, NULL,
                          NULL, NULL);
  g_mutex_lock (&run->lock);
  while (!run->saved)
    if (!g_cond_wait_until (&run->cond, &run->lock, until))
      break;
  run->saved_while_paused = run->saved;
  g_mutex_unlock (&run->lock);
  run->save_wait_us = g_get_monotonic_time () - start;
}

static gpointer
noop_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gpointer
probe_thread (gpointer data)
{
  WorkerRun *run = data;

  while (!g_atomic_int_get (&run->stop_probe))
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_nonnull (warta_worker_run_sync (run->worker, noop_job, NULL, NULL, NULL));
      run->longest_wait_us = MAX (run->longest_wait_us, g_get_monotonic_time () - start);
      run->n_probes++;
      g_usleep (1000);
    }
  return NULL;
}

static gpointer
publish_thread (gpointer data)
{
  WorkerRun *run = data;
  g_autoptr(WartaPublisher) publisher = warta_publisher_new_for_worker (run->worker);
  const char *categories[] = { "Berita", NULL };
  WartaPublishRequest request = {
    .actor = run->f->web,
    .case_id = run->f->case_id,
    .site_id = run->f->site_id,
    .password = FAKE_WP_ADMIN_PASSWORD,
    .options = { .categories = categories },
  };

  warta_publisher_set_retry (publisher, 5, 10);
  warta_publisher_set_timeout (publisher, 30);
  warta_publisher_set_progress (publisher, on_worker_progress, run);
  if ((run->publication = warta_publisher_publish (publisher, &request, NULL, &run->error)) &&
      warta_publisher_verify (publisher, run->f->web, run->publication, FAKE_WP_ADMIN_PASSWORD, NULL, &run->error))
    warta_publisher_finish (publisher, run->f->web, run->publication, run->f->png, NULL, &run->error);
  g_atomic_int_set (&run->finished, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* The publisher's thread against the worker, the probe beside them; the
 * main loop turns meanwhile, as the app's does, for the worker's changes. */
static void
run_worker_publish (WorkerRun *run,
                    Fixture   *f,
                    Tamper     tamper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autofree guint8 *content = g_malloc (BIG_SIZE);
  GThread *publishing, *probing;
  guint32 x = 2463534242u;

  run->f = f;
  run->tamper = tamper;
  run->big_base = -1;
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  run->changed_cases = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A large photo: a PNG's head, then noise the database cannot shrink. */
  memcpy (content, tiny_png, TINY_PNG_SIZE);
  for (gsize i = TINY_PNG_SIZE; i < BIG_SIZE; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      content[i] = x;
    }
  big = g_bytes_new_take (g_steal_pointer (&content), BIG_SIZE);
  run->big = warta_engine_attach_bytes (f->db->engine, f->web, f->case_id, BIG_NAME, big, "foto", NULL, &error);
  g_assert_no_error (error);
  run->other_case = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Berkas kedua", &error);
  g_assert_no_error (error);

  /* The session's worker, as the app makes it. */
  run->engine = warta_engine_open (f->db->path, &error);
  g_assert_no_error (error);
  warta_engine_set_clock (run->engine, fixture_clock, f->db);
  warta_evidence_set_keep_bukti (run->engine, TRUE);
  run->worker = warta_worker_new (run->engine);
  g_signal_connect (run->worker, "changed", G_CALLBACK (on_worker_changed), run);

  probing = g_thread_new ("probe", probe_thread, run);
  publishing = g_thread_new ("publisher", publish_thread, run);
  while (!g_atomic_int_get (&run->finished))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (publishing);
  g_atomic_int_set (&run->stop_probe, TRUE);
  g_thread_join (probing);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
worker_run_clear (WorkerRun *run)
{
  g_clear_object (&run->worker);
  g_clear_object (&run->engine);
  g_clear_pointer (&run->changed_cases, g_array_unref);
  g_clear_pointer (&run->publication, warta_publication_free);
  g_clear_error (&run->error);
  g_free (run->save_error);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

/* The app's publish: every database step a short job on the session's
 * one worker, the upload read a chunk a job. A person's save in the
 * middle of an 18 MiB upload goes through at once; the site gets every
 * byte; the step completes; the worker tells the views what changed. */
static void
test_worker_save_during_upload (Fixture       *f,
                                gconstpointer  data)
{
  WorkerRun run = { 0 };
  g_autofree char *sha256 = NULL;
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WartaAttachment) big = NULL;
  gint64 size = 0;
  gint64 media_id = 0;

  run_worker_publish (&run, f, TAMPER_NONE);
  g_assert_no_error (run.error);
  g_assert_true (run.paused);

  /* The save ran while the upload waited in its middle. */
  g_assert_true (run.saved_while_paused);
  g_assert_null (run.save_error);
  g_assert_cmpint (run.save_wait_us, <, 5 * G_USEC_PER_SEC);
  g_test_message ("a save in the middle of the upload waited %.1f ms; the longest wait of %u probe jobs "
                  "while publishing was %.1f ms",
                  run.save_wait_us / 1000.0, run.n_probes, run.longest_wait_us / 1000.0);
  g_assert_cmpint (run.longest_wait_us, <, 2 * G_USEC_PER_SEC);

  /* Every byte of the large photo reached the site. */
  big = warta_store_get_attachment (f->db->store, run.big, &error);
  g_assert_no_error (error);
  media = warta_store_list_published_media (f->db->store, run.publication->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < media->len; i++)
    if (((WartaPublishedMedia *)g_ptr_array_index (media, i))->attachment_id == run.big)
      media_id = ((WartaPublishedMedia *)g_ptr_array_index (media, i))->media_id;
  g_assert_true (fake_wp_get_media (f->wp, media_id, &size, &sha256, NULL, NULL));
  g_assert_cmpint (size, ==, BIG_SIZE);
  g_assert_cmpstr (sha256, ==, big->sha256);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 1);
  g_assert_cmpuint (fake_wp_count_media (f->wp), ==, 4);

  /* Verified, its screenshot kept, the step complete; the other berkas
   * saved; and the worker said both changed, with no poll. */
  assert_step (f, "7");
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM naskah WHERE title = 'Draf kedua'"), ==, 1);
  g_assert_true (heard_case (&run, f->case_id));
  g_assert_true (heard_case (&run, run.other_case));

  worker_run_clear (&run);
}

/* A file that goes or changes size between two chunks stops the upload
 * with the store's own words, and is not sent again as if the network
 * had dropped it. */
static void
test_worker_file_changes (Fixture       *f,
                          gconstpointer  data)
{
  WorkerRun run = { 0 };

  run_worker_publish (&run, f, GPOINTER_TO_INT (data));
  g_assert_true (run.paused);
  g_assert_error (run.error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_CORRUPT);
  g_test_message ("%s", run.error->message);
  g_assert_nonnull (strstr (run.error->message, BIG_NAME));
  g_assert_cmpuint (fake_wp_count_requests (f->wp, "POST", "/wp/v2/media"), ==, run.media_posts_at_tamper);
  g_assert_cmpuint (fake_wp_count_posts (f->wp, NULL), ==, 0);

  worker_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/publisher/worker/save-during-upload", test_worker_save_during_upload, NULL);
  ADD ("/publisher/worker/file-removed", test_worker_file_changes, GINT_TO_POINTER (TAMPER_REMOVE));
  ADD ("/publisher/worker/file-resized", test_worker_file_changes, GINT_TO_POINTER (TAMPER_RESIZE));
#undef ADD

  return g_test_run ();
}
