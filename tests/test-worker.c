/* test-worker.c: the session's database worker and its change records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "warta-worker.h"

#define SOP "bbkk-medan-publikasi-website"

typedef struct
{
  TestDb      *db;
  WartaEngine *engine;   /* the worker's, on a connection of its own */
  WartaWorker *worker;
  gint64       staff;
  GArray      *heard;    /* WartaChange, in the order delivered */
  GPtrArray   *origins;  /* the origin of each heard change */
  GString     *log;      /* "change:" and "done:" entries, in order */
  guint        pending;  /* jobs not finished */
  WartaStoreListener *listener; /* on PostgreSQL: what the other connections commit */
} Fixture;

static void
on_changed (WartaWorker *worker,
            GArray      *changes,
            gpointer     origin,
            Fixture     *f)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const WartaChange *change = &g_array_index (changes, WartaChange, i);

      g_array_append_val (f->heard, *change);
      g_ptr_array_add (f->origins, origin);
      g_string_append_printf (f->log, "change:%s:%" G_GINT64_FORMAT " ",
                              warta_change_kind_to_detail (change->kind), change->case_id);
    }
}

/* In the listener's thread, as the session does it */
static void
on_heard (WartaStoreHeard what,
          gpointer        user_data)
{
  Fixture *f = user_data;

  if (what == WARTA_STORE_HEARD_CHANGE)
    warta_worker_poll (f->worker);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staff", "staff-tim-kerja", NULL);
  f->engine = warta_engine_open (f->db->path, &error);
  g_assert_no_error (error);
  f->worker = warta_worker_new (f->engine);
  f->heard = g_array_new (FALSE, FALSE, sizeof (WartaChange));
  f->origins = g_ptr_array_new ();
  f->log = g_string_new (NULL);
  g_signal_connect (f->worker, "changed", G_CALLBACK (on_changed), f);
  f->listener = warta_store_listen (warta_engine_get_store (f->engine), on_heard, f);
  g_assert_true ((f->listener != NULL) == test_db_is_postgres ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->listener, warta_store_listener_stop);
  g_clear_object (&f->worker);
  g_clear_object (&f->engine);
  g_array_unref (f->heard);
  g_ptr_array_unref (f->origins);
  g_string_free (f->log, TRUE);
  test_db_free (f->db);
}

static void
wait_for_jobs (Fixture *f)
{
  while (f->pending > 0)
    g_main_context_iteration (NULL, TRUE);
  /* and whatever they scheduled */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Jobs: each appends its name to a list shared with the test, in the
 * worker's thread; the first one holds the thread until released. */
typedef struct
{
  Fixture    *f;
  const char *name;
  GMutex     *lock;
  GCond      *cond;
  gboolean   *released;
  GPtrArray  *ran;
} Step;

static gpointer
step_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Step *step = data;

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  if (step->lock != NULL)
    {
      g_mutex_lock (step->lock);
      while (!*step->released)
        g_cond_wait (step->cond, step->lock);
      g_mutex_unlock (step->lock);
    }
  g_ptr_array_add (step->ran, (gpointer)step->name);
  return g_strdup (step->name);
}

static void
step_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = warta_worker_run_finish (WARTA_WORKER (object), result, &error);

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_string_append_printf (f->log, "done:%s ", name ? name : error->message);
  f->pending--;
}

static void
submit_step (Fixture          *f,
             WartaJobPriority  priority,
             Step             *step,
             GCancellable     *cancellable)
{
  f->pending++;
  warta_worker_run_async (f->worker, priority, NULL, step_job, step, NULL, g_free,
                          cancellable, step_done, f);
}

/* A save someone just made goes before a page of a list queued earlier;
 * equal priorities keep their order; a job cancelled while it waits never
 * runs, and its caller hears it was cancelled. */
static void
test_priorities (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) ran = g_ptr_array_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GMutex lock;
  GCond cond;
  gboolean released = FALSE;
  Step hold = { f, "hold", &lock, &cond, &released, ran };
  Step low = { f, "low", NULL, NULL, NULL, ran };
  Step normal1 = { f, "normal1", NULL, NULL, NULL, ran };
  Step normal2 = { f, "normal2", NULL, NULL, NULL, ran };
  Step urgent = { f, "urgent", NULL, NULL, NULL, ran };
  Step cancelled = { f, "cancelled", NULL, NULL, NULL, ran };

  g_mutex_init (&lock);
  g_cond_init (&cond);

  submit_step (f, WARTA_JOB_PRIORITY_HIGH, &hold, NULL);
  /* the thread takes "hold" before the others are queued */
  while (warta_worker_get_n_queued (f->worker) > 0)
    g_usleep (1000);
  submit_step (f, WARTA_JOB_PRIORITY_LOW, &low, NULL);
  submit_step (f, WARTA_JOB_PRIORITY_NORMAL, &normal1, NULL);
  submit_step (f, WARTA_JOB_PRIORITY_NORMAL, &cancelled, cancellable);
  submit_step (f, WARTA_JOB_PRIORITY_NORMAL, &normal2, NULL);
  submit_step (f, WARTA_JOB_PRIORITY_URGENT, &urgent, NULL);
  g_assert_cmpuint (warta_worker_get_n_queued (f->worker), ==, 5);
  g_cancellable_cancel (cancellable);

  g_mutex_lock (&lock);
  released = TRUE;
  g_cond_signal (&cond);
  g_mutex_unlock (&lock);
  wait_for_jobs (f);

  g_assert_cmpuint (ran->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (ran, 0), ==, "hold");
  g_assert_cmpstr (g_ptr_array_index (ran, 1), ==, "urgent");
  g_assert_cmpstr (g_ptr_array_index (ran, 2), ==, "normal1");
  g_assert_cmpstr (g_ptr_array_index (ran, 3), ==, "normal2");
  g_assert_cmpstr (g_ptr_array_index (ran, 4), ==, "low");
  g_assert_nonnull (strstr (f->log->str, "done:Operation was cancelled"));
  g_assert_null (strstr (f->log->str, "done:cancelled"));

  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

typedef struct
{
  gint64 actor;
  gint64 case_id;
} Action;

static gpointer
start_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Action *action = data;
  gint64 id = warta_engine_start_case (engine, action->actor, SOP, "Berita dari pekerja", error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static gpointer
save_job (WartaEngine   *engine,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Action *action = data;
  g_autoptr(WartaNaskah) naskah = warta_naskah_new (action->case_id);

  g_free (naskah->title);
  g_free (naskah->body);
  naskah->title = g_strdup ("Judul");
  naskah->body = g_strdup ("Isi naskah");
  if (!warta_engine_save_naskah (engine, action->actor, naskah, error))
    return NULL;
  return g_strdup ("saved");
}

static gpointer
refused_job (WartaEngine   *engine,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Action *action = data;
  gint64 id = warta_engine_start_case (engine, action->actor, "no-such-sop", "x", error);

  g_assert_cmpint (id, ==, 0);
  return NULL;
}

static void
action_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer value = warta_worker_run_finish (WARTA_WORKER (object), result, &error);

  g_string_append_printf (f->log, "done:%s ", value ? "ok" : "error");
  f->pending--;
}

/* A job's commit is heard on the main loop, before the job's own callback,
 * naming the berkas and who asked; a refused action announces nothing;
 * a draft, which is not journaled, still names its berkas. */
static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  Action action = { f->staff, 0 };
  int origin;

  f->pending++;
  warta_worker_run_async (f->worker, WARTA_JOB_PRIORITY_URGENT, &origin, start_job, &action, NULL, g_free,
                          NULL, action_done, f);
  wait_for_jobs (f);
  g_assert_cmpuint (f->heard->len, ==, 1);
  action.case_id = test_db_count (f->db, "SELECT max(id) FROM cases");
  g_assert_cmpint (action.case_id, >, 0);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).kind, ==, WARTA_CHANGE_CASE);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).case_id, ==, action.case_id);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).seq, >, 0);
  g_assert_true (g_ptr_array_index (f->origins, 0) == &origin);
  g_assert_true (g_str_has_prefix (f->log->str, "change:case:"));
  g_assert_true (g_str_has_suffix (f->log->str, "done:ok "));

  f->pending++;
  warta_worker_run_async (f->worker, WARTA_JOB_PRIORITY_URGENT, NULL, refused_job, &action, NULL, NULL,
                          NULL, action_done, f);
  wait_for_jobs (f);
  g_assert_cmpuint (f->heard->len, ==, 1);

  f->pending++;
  warta_worker_run_async (f->worker, WARTA_JOB_PRIORITY_URGENT, NULL, save_job, &action, NULL, g_free,
                          NULL, action_done, f);
  wait_for_jobs (f);
  g_assert_cmpuint (f->heard->len, ==, 2);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 1).kind, ==, WARTA_CHANGE_CASE);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 1).case_id, ==, action.case_id);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 1).seq, ==, 0);

  /* Nothing else changed: a poll finds nothing of its own commits. */
  warta_worker_poll (f->worker);
  while (warta_worker_get_n_queued (f->worker) > 0)
    g_usleep (1000);
  g_usleep (50000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->heard->len, ==, 2);
}

/* Another connection's commits (warta-cli, another window) are heard by a
 * poll, each with what it changed, with no origin; the worker's own
 * commits in between are not heard twice. */
/* Asks the worker to look at other connections' commits, and delivers
 * what it heard. */
static void
poll_and_wait (Fixture *f)
{
  warta_worker_poll (f->worker);
  while (warta_worker_get_n_queued (f->worker) > 0)
    g_usleep (1000);
  g_usleep (100000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Turns the main loop until at least n changes were heard and then
 * nothing more for a quarter of a second (5 s at most). */
static void
heard_settles (Fixture *f,
                    guint    n)
{
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 quiet_until = 0;

  while (g_get_monotonic_time () < give_up)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet_until = 0;
      else if (f->heard->len >= n && quiet_until == 0)
        quiet_until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
      else if (quiet_until != 0 && g_get_monotonic_time () > quiet_until)
        break;
      else
        g_usleep (5000);
    }
}

static void
test_poll (Fixture       *f,
           gconstpointer  data)
{
  Action action = { f->staff, 0 };
  g_autoptr(GError) error = NULL;
  gint64 other_case;
  gint64 user;
  guint base;

  other_case = warta_engine_start_case (f->db->engine, f->staff, SOP, "Dari warta-cli", &error);
  g_assert_no_error (error);
  user = test_db_add_user (f->db, "baru", "admin-website", NULL);
  g_assert_cmpint (user, >, 0);

  if (test_db_is_postgres ())
    {
      guint n;

      /* On a server the others' commits are heard as they happen: no
       * poll is asked for. The new person's two events (added, then
       * their own password) may come as one change or two. */
      heard_settles (f, 2);
      g_assert_cmpuint (f->heard->len, >=, 2);
      g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).kind, ==, WARTA_CHANGE_CASE);
      g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).case_id, ==, other_case);
      g_assert_null (g_ptr_array_index (f->origins, 0));
      for (guint i = 1; i < f->heard->len; i++)
        g_assert_cmpint (g_array_index (f->heard, WartaChange, i).kind, ==, WARTA_CHANGE_PEOPLE);

      /* the worker's own commit, heard once though its notification
       * comes back too */
      n = f->heard->len;
      f->pending++;
      warta_worker_run_async (f->worker, WARTA_JOB_PRIORITY_URGENT, NULL, start_job, &action, NULL, g_free,
                              NULL, action_done, f);
      wait_for_jobs (f);
      poll_and_wait (f);
      g_assert_cmpuint (f->heard->len, ==, n + 1);
    }
  else
    {
      /* the worker's own commit, after the others' */
      f->pending++;
      warta_worker_run_async (f->worker, WARTA_JOB_PRIORITY_URGENT, NULL, start_job, &action, NULL, g_free,
                              NULL, action_done, f);
      wait_for_jobs (f);
      g_assert_cmpuint (f->heard->len, ==, 1);

      warta_worker_poll (f->worker);
      warta_worker_poll (f->worker);  /* one poll queued at most */
      while (warta_worker_get_n_queued (f->worker) > 0)
        g_usleep (1000);
      g_usleep (100000);
      while (g_main_context_iteration (NULL, FALSE))
        ;

      g_assert_cmpuint (f->heard->len, ==, 3);
      g_assert_cmpint (g_array_index (f->heard, WartaChange, 1).kind, ==, WARTA_CHANGE_CASE);
      g_assert_cmpint (g_array_index (f->heard, WartaChange, 1).case_id, ==, other_case);
      g_assert_null (g_ptr_array_index (f->origins, 1));
      g_assert_cmpint (g_array_index (f->heard, WartaChange, 2).kind, ==, WARTA_CHANGE_PEOPLE);
    }

  base = f->heard->len;

  /* An unjournaled draft from elsewhere: its berkas, by its touch. */
  test_db_write_naskah (f->db, f->staff, other_case);
  poll_and_wait (f);
  g_assert_cmpuint (f->heard->len, ==, base + 1);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, base).kind, ==, WARTA_CHANGE_CASE);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, base).case_id, ==, other_case);

  /* A file half attached elsewhere: nothing anyone shows, nothing heard. */
  {
    g_autoptr(GBytes) pdf = test_pdf_bytes ("Nota dinas setengah");
    gsize length = 0;
    const guint8 *bytes = g_bytes_get_data (pdf, &length);
    g_autoptr(WartaUpload) upload = warta_engine_upload_begin (f->db->engine, f->staff, other_case, "nota.pdf",
                                                               length, NULL, bytes, length, &error);

    g_assert_no_error (error);
    g_assert_true (warta_engine_upload_write (f->db->engine, upload, bytes, length / 2, &error));
    g_assert_no_error (error);
    poll_and_wait (f);
    g_assert_cmpuint (f->heard->len, ==, base + 1);
    warta_engine_upload_abort (f->db->engine, upload);
    poll_and_wait (f);
    g_assert_cmpuint (f->heard->len, ==, base + 1);
  }

  /* A write nothing explains (a hand's, an older Warta's): some berkas. */
  test_db_exec (f->db, "UPDATE cases SET title = 'Diubah tangan' WHERE id = 1");
  poll_and_wait (f);
  g_assert_cmpuint (f->heard->len, ==, base + 2);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, base + 1).kind, ==, WARTA_CHANGE_CASE);
  /* a server's notification names the berkas the hand changed; a sqlite
   * file's data_version tells only that something changed */
  g_assert_cmpint (g_array_index (f->heard, WartaChange, base + 1).case_id, ==, test_db_is_postgres () ? 1 : 0);
}

typedef struct
{
  WartaWorker *worker;
  gint64       actor;
  gint64       case_id;
  GError      *error;
} Caller;

static gpointer
caller_thread (gpointer data)
{
  Caller *caller = data;
  Action action = { caller->actor, 0 };
  g_autofree gint64 *id = warta_worker_run_sync (caller->worker, start_job, &action, NULL, &caller->error);

  caller->case_id = id ? *id : 0;
  return NULL;
}

/* A thread that is not the main one (a publisher between requests) may
 * wait for the worker; its commit is heard like any other. */
static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  Caller caller = { f->worker, f->staff, 0, NULL };
  GThread *thread = g_thread_new ("caller", caller_thread, &caller);

  g_thread_join (thread);
  g_assert_no_error (caller.error);
  g_assert_cmpint (caller.case_id, >, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->heard->len, ==, 1);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).case_id, ==, caller.case_id);
}

/* A job whose transaction a serialization failure or deadlock rolled
 * back runs again, a few times at most; another failure does not. */
typedef struct
{
  guint   runs;
  guint   conflicts;     /* the first runs that fail so */
  int     code;
} Flaky;

static gpointer
flaky_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Flaky *flaky = data;

  if (flaky->runs++ < flaky->conflicts)
    {
      g_set_error_literal (error, WARTA_STORE_ERROR, flaky->code, "rolled back");
      return NULL;
    }
  return g_strdup ("done");
}

static void
test_conflict_runs_again (Fixture       *f,
                          gconstpointer  data)
{
  Flaky twice = { 0, 2, WARTA_STORE_ERROR_CONFLICT };
  Flaky always = { 0, 100, WARTA_STORE_ERROR_CONFLICT };
  Flaky other = { 0, 1, WARTA_STORE_ERROR_FAILED };
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  result = warta_worker_run_sync (f->worker, flaky_job, &twice, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "done");
  g_assert_cmpuint (twice.runs, ==, 3);

  g_assert_null (warta_worker_run_sync (f->worker, flaky_job, &always, NULL, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_CONFLICT);
  g_assert_cmpuint (always.runs, ==, 4);
  g_clear_error (&error);

  g_assert_null (warta_worker_run_sync (f->worker, flaky_job, &other, NULL, &error));
  g_assert_error (error, WARTA_STORE_ERROR, WARTA_STORE_ERROR_FAILED);
  g_assert_cmpuint (other.runs, ==, 1);
}

/* An upload read in a thread of its own and written by the worker a
 * chunk at a time (as the attachments panel does): while the reader is
 * between chunks, a save submitted meanwhile runs at once, and nobody
 * sees the file until its last chunk is in; the same reading it back.
 * The thread waits in its progress callback, between two chunks, until
 * the save is done. */
typedef struct
{
  WartaWorker *worker;
  gint64       actor;
  gint64       case_id;
  GBytes      *content;
  GMutex       lock;
  GCond        cond;
  gboolean     reached;
  gboolean     released;
  gint64       id;
  GError      *error;
  GOutputStream *out;   /* reading back, once it is kept */
} Uploader;

static void
on_upload_progress (gint64   done,
                    gint64   total,
                    gpointer user_data)
{
  Uploader *up = user_data;

  if (done < 4 * 1024 * 1024 || done == total)
    return;
  g_mutex_lock (&up->lock);
  up->reached = TRUE;
  g_cond_signal (&up->cond);
  while (!up->released)
    g_cond_wait (&up->cond, &up->lock);
  g_mutex_unlock (&up->lock);
}

static gpointer
downloader_thread (gpointer data)
{
  Uploader *up = data;

  warta_download_stream (warta_worker_run_in, up->worker, up->id, up->out, on_upload_progress, up, NULL,
                         &up->error);
  return NULL;
}

/* Once the thread waits between two chunks: a save goes through now,
 * then the thread may go on. */
static void
save_between_chunks (Fixture  *f,
                     Uploader *up)
{
  g_autoptr(GPtrArray) ran = g_ptr_array_new ();
  Step save = { f, "save", NULL, NULL, NULL, ran };
  gint64 deadline;

  g_mutex_lock (&up->lock);
  while (!up->reached)
    g_cond_wait (&up->cond, &up->lock);
  g_mutex_unlock (&up->lock);

  submit_step (f, WARTA_JOB_PRIORITY_URGENT, &save, NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (f->pending > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->pending, ==, 0);
  g_assert_cmpuint (ran->len, ==, 1);
}

static void
go_on (Uploader *up)
{
  g_mutex_lock (&up->lock);
  up->released = TRUE;
  g_cond_signal (&up->cond);
  g_mutex_unlock (&up->lock);
}

static gpointer
uploader_thread (gpointer data)
{
  Uploader *up = data;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (up->content);

  up->id = warta_upload_stream (warta_worker_run_in, up->worker, up->actor, up->case_id, "rekaman.bin", stream,
                                g_bytes_get_size (up->content), "lainnya", on_upload_progress, up, NULL,
                                &up->error);
  return NULL;
}

/* On a server, another connection's commits (the test's own setting up)
 * are heard live: heard out, then forgotten. */
static void
forget_heard (Fixture *f)
{
  if (test_db_is_postgres ())
    {
      gint64 quiet_until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;

      while (g_get_monotonic_time () < quiet_until)
        if (g_main_context_iteration (NULL, FALSE))
          quiet_until = MAX (quiet_until, g_get_monotonic_time () + G_USEC_PER_SEC / 10);
        else
          g_usleep (5000);
    }
  g_array_set_size (f->heard, 0);
  g_ptr_array_set_size (f->origins, 0);
}

static void
test_upload_lets_saves_through (Fixture       *f,
                                gconstpointer  data)
{
  gsize length = 13 * 1024 * 1024;
  guint8 *bytes = g_malloc (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  Uploader up = { f->worker, f->staff, 0 };
  GThread *thread;

  for (gsize i = 0; i < length; i++)
    bytes[i] = (guint8)(i * 7 + (i >> 9));
  up.content = g_bytes_new_take (bytes, length);
  up.case_id = warta_engine_start_case (f->db->engine, f->staff, SOP, "Rekaman", &error);
  g_assert_no_error (error);
  forget_heard (f);
  g_mutex_init (&up.lock);
  g_cond_init (&up.cond);

  thread = g_thread_new ("uploader", uploader_thread, &up);
  save_between_chunks (f, &up);
  listed = warta_store_list_attachments (f->db->store, up.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);
  go_on (&up);
  g_thread_join (thread);
  g_assert_no_error (up.error);
  g_assert_cmpint (up.id, >, 0);
  listed = warta_store_list_attachments (f->db->store, up.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((WartaAttachment *)g_ptr_array_index (listed, 0))->size, ==, length);

  /* Only the last step is heard: one change, of that case. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->heard->len, ==, 1);
  g_assert_cmpint (g_array_index (f->heard, WartaChange, 0).case_id, ==, up.case_id);

  /* Reading it back lets a save through between two chunks as well. */
  up.reached = up.released = FALSE;
  up.out = g_memory_output_stream_new_resizable ();
  thread = g_thread_new ("downloader", downloader_thread, &up);
  save_between_chunks (f, &up);
  go_on (&up);
  g_thread_join (thread);
  g_assert_no_error (up.error);
  g_assert_true (g_output_stream_close (up.out, NULL, NULL));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (up.out)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (up.out)),
                   g_bytes_get_data (up.content, NULL), length);
  g_object_unref (up.out);

  g_bytes_unref (up.content);
  g_mutex_clear (&up.lock);
  g_cond_clear (&up.cond);
}

static void
test_kinds (void)
{
  g_assert_cmpint (warta_change_kind_for_event ("case.complete"), ==, WARTA_CHANGE_CASE);
  g_assert_cmpint (warta_change_kind_for_event ("attachment.add"), ==, WARTA_CHANGE_CASE);
  g_assert_cmpint (warta_change_kind_for_event ("publication.verify"), ==, WARTA_CHANGE_CASE);
  g_assert_cmpint (warta_change_kind_for_event ("evidence.print"), ==, WARTA_CHANGE_ARCHIVE);
  g_assert_cmpint (warta_change_kind_for_event ("sop.import"), ==, WARTA_CHANGE_SOPS);
  g_assert_cmpint (warta_change_kind_for_event ("user.add"), ==, WARTA_CHANGE_PEOPLE);
  g_assert_cmpint (warta_change_kind_for_event ("role.add"), ==, WARTA_CHANGE_PEOPLE);
  g_assert_cmpint (warta_change_kind_for_event ("site.change"), ==, WARTA_CHANGE_SITES);
  g_assert_cmpint (warta_change_kind_for_event ("office.city"), ==, WARTA_CHANGE_OFFICE);
  g_assert_cmpint (warta_change_kind_for_event ("setting.change"), ==, WARTA_CHANGE_OFFICE);
  g_assert_cmpstr (warta_change_kind_to_detail (WARTA_CHANGE_SITES), ==, "sites");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/worker/kinds", test_kinds);
  g_test_add ("/worker/priorities", Fixture, NULL, fixture_set_up, test_priorities, fixture_tear_down);
  g_test_add ("/worker/changes", Fixture, NULL, fixture_set_up, test_changes, fixture_tear_down);
  g_test_add ("/worker/poll", Fixture, NULL, fixture_set_up, test_poll, fixture_tear_down);
  g_test_add ("/worker/sync", Fixture, NULL, fixture_set_up, test_sync, fixture_tear_down);
  g_test_add ("/worker/conflict-runs-again", Fixture, NULL, fixture_set_up, test_conflict_runs_again,
              fixture_tear_down);
  g_test_add ("/worker/upload-lets-saves-through", Fixture, NULL, fixture_set_up, test_upload_lets_saves_through,
              fixture_tear_down);

  return g_test_run ();
}
