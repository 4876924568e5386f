/* test-journal.c: the hash chain, and every way of tampering with it
 *
 * Each tampering test drives a case of seed 002 a few steps on a fresh
 * database, changes the journal table behind the store's back with raw
 * SQL, and checks that verify names the first event that no longer holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "test-util.h"
#include "warta-evidence.h"

#define SOP_ID "bbkk-medan-publikasi-website"
#define INSTRUCTION "Segera periksa dan unggah"

typedef struct
{
  TestDb *db;
  gint64  staff;
  gint64  katimker;
  gint64  kepala;
  gint64  admin_web;
  gint64  case_id;
  gint64  n_events;    /* in the journal after the set-up */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = test_db_new ();
  test_db_install_seeds (f->db);
  f->staff = test_db_add_user (f->db, "staf", "staff-tim-kerja", NULL);
  f->katimker = test_db_add_user (f->db, "katimker", "katimker-layanan-publik-zi", NULL);
  f->kepala = test_db_add_user (f->db, "kepala", "kepala-satker", NULL);
  f->admin_web = test_db_add_user (f->db, "webmaster", "admin-website", NULL);

  f->case_id = warta_engine_start_case (f->db->engine, f->staff, SOP_ID, "Rilis vaksinasi", &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->case_id, >, 0);

  test_db_advance (f->db, 45);
  test_db_write_naskah (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, f->case_id, "Konsep siap", &error));
  g_assert_no_error (error);
  test_db_advance (f->db, 20);
  test_db_meet_requirements (f->db, f->staff, f->case_id);
  g_assert_true (warta_engine_complete (f->db->engine, f->staff, f->case_id, NULL, &error));
  g_assert_no_error (error);
  test_db_advance (f->db, 50);
  g_assert_true (warta_engine_complete (f->db->engine, f->katimker, f->case_id, "Sudah dikoreksi", &error));
  g_assert_no_error (error);
  test_db_advance (f->db, 5);
  g_assert_true (warta_engine_dispose (f->db->engine, f->kepala, f->case_id, f->katimker, INSTRUCTION, &error));
  g_assert_no_error (error);
  test_db_advance (f->db, 30);
  g_assert_true (warta_engine_complete (f->db->engine, f->katimker, f->case_id, "Final", &error));
  g_assert_no_error (error);

  f->n_events = test_db_count (f->db, "SELECT count(*) FROM journal");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_db_free (f->db);
}

static gint64
seq_of (Fixture    *f,
        const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT seq FROM journal WHERE kind = '%s'", kind);

  g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM journal WHERE kind = '%s'", kind);

  g_assert_cmpint (test_db_count (f->db, count), ==, 1);
  return test_db_count (f->db, sql);
}

static void
exec_printf (Fixture    *f,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (Fixture    *f,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  test_db_exec (f->db, sql);
}

static void
assert_broken_at (Fixture *f,
                  gint64   expected_bad)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = g_strdup_printf ("event %" G_GINT64_FORMAT, expected_bad);
  gint64 n_events = -1;
  gint64 bad_seq = -1;

  g_assert_false (warta_journal_verify (f->db->store, &n_events, &bad_seq, &error));
  g_assert_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN);
  g_test_message ("%s", error->message);
  g_assert_cmpint (bad_seq, ==, expected_bad);
  g_assert_nonnull (strstr (error->message, at));
}

/* The events as the store reads them, to forge new ones. */
static gboolean
collect_event (const WartaJournalEvent  *event,
               gpointer                  user_data,
               GError                  **error)
{
  GPtrArray *events = user_data;
  WartaJournalEvent *copy = g_new0 (WartaJournalEvent, 1);

  *copy = *event;
  copy->kind = g_strdup (event->kind);
  copy->payload = g_strdup (event->payload);
  copy->prev_hash = g_strdup (event->prev_hash);
  copy->hash = g_strdup (event->hash);
  g_ptr_array_add (events, copy);
  return TRUE;
}

static GPtrArray *
read_events (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify)warta_journal_event_free);

  g_assert_true (warta_store_foreach_event (f->db->store, collect_event, events, &error));
  g_assert_no_error (error);
  return events;
}

static char *
sql_text (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "'", -1);

  return g_strjoinv ("''", parts);
}

static void
insert_event (Fixture                 *f,
              const WartaJournalEvent *event)
{
  g_autofree char *kind = sql_text (event->kind);
  g_autofree char *payload = sql_text (event->payload);

  exec_printf (f, "INSERT INTO journal (seq, at, actor, case_id, kind, payload, prev_hash, hash) "
                  "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                  G_GINT64_FORMAT ", '%s', '%s', '%s', '%s')",
               event->seq, event->at, event->actor, event->case_id, kind,
               payload, event->prev_hash, event->hash);
}

static void
test_untouched (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = read_events (f);
  gint64 n_events = -1;
  gint64 bad_seq = -1;
  gint64 n_case;

  g_assert_true (warta_journal_verify (f->db->store, &n_events, &bad_seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, f->n_events);
  g_assert_cmpint (n_events, ==, test_db_count (f->db, "SELECT max(seq) FROM journal"));
  g_assert_cmpint (bad_seq, ==, 0);

  /* The case's six actions and two attachments are eight events, in order,
   * each chained to the one before it and hashed over its own fields. */
  n_case = test_db_count (f->db, "SELECT count(*) FROM journal WHERE case_id IS NOT NULL");
  g_assert_cmpint (n_case, ==, 8);
  g_assert_cmpuint (events->len, ==, (guint)n_events);
  g_assert_cmpstr (((WartaJournalEvent *)g_ptr_array_index (events, 0))->prev_hash, ==, WARTA_JOURNAL_GENESIS);
  for (guint i = 0; i < events->len; i++)
    {
      const WartaJournalEvent *event = g_ptr_array_index (events, i);
      g_autofree char *hash = warta_journal_hash (event);

      g_assert_cmpint (event->seq, ==, i + 1);
      g_assert_cmpstr (hash, ==, event->hash);
      if (i > 0)
        g_assert_cmpstr (event->prev_hash, ==, ((WartaJournalEvent *)g_ptr_array_index (events, i - 1))->hash);
    }

  /* The last events are the case's, by their actors. */
  {
    const WartaJournalEvent *last = g_ptr_array_index (events, events->len - 1);
    const WartaJournalEvent *dispose = g_ptr_array_index (events, events->len - 2);

    g_assert_cmpstr (last->kind, ==, "case.complete");
    g_assert_cmpint (last->actor, ==, f->katimker);
    g_assert_cmpint (last->case_id, ==, f->case_id);
    g_assert_cmpstr (dispose->kind, ==, "case.dispose");
    g_assert_cmpint (dispose->actor, ==, f->kepala);
    g_assert_nonnull (strstr (dispose->payload, INSTRUCTION));
    g_assert_cmpint (last->at - dispose->at, ==, 30 * 60 * G_USEC_PER_SEC);
  }

  /* Reopening the store changes nothing. */
  test_db_reopen (f->db);
  g_assert_true (warta_journal_verify (f->db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, f->n_events);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("warta-journal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(WartaStore) store = NULL;
  gint64 n_events = -1;
  gint64 bad_seq = -1;

  g_assert_no_error (error);
  store = warta_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (warta_journal_verify (store, &n_events, &bad_seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, 0);
  g_assert_cmpint (bad_seq, ==, 0);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_remove (child);
      }
  }
  g_rmdir (dir);
}

static void
test_edit_payload (Fixture       *f,
                   gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose");

  exec_printf (f, "UPDATE journal SET payload = replace (payload, 'Segera', 'Nanti') WHERE seq = %" G_GINT64_FORMAT, k);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE payload LIKE '%Nanti%'"), ==, 1);
  assert_broken_at (f, k);
}

static void
test_edit_kind (Fixture       *f,
                gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose");

  exec_printf (f, "UPDATE journal SET kind = 'case.complete' WHERE seq = %" G_GINT64_FORMAT, k);
  assert_broken_at (f, k);
}

static void
test_edit_actor (Fixture       *f,
                 gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose");

  exec_printf (f, "UPDATE journal SET actor = %" G_GINT64_FORMAT " WHERE seq = %" G_GINT64_FORMAT,
               f->db->admin, k);
  assert_broken_at (f, k);
}

static void
test_edit_time (Fixture       *f,
                gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose") - 1;

  exec_printf (f, "UPDATE journal SET at = at - 3600000000 WHERE seq = %" G_GINT64_FORMAT, k);
  assert_broken_at (f, k);
}

/* The edit's own hash made right again: the next event's link breaks. */
static void
test_edit_rehashed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) events = read_events (f);
  gint64 k = seq_of (f, "case.dispose");
  WartaJournalEvent *event = g_ptr_array_index (events, k - 1);
  g_autofree char *hash = NULL;

  g_assert_cmpint (event->seq, ==, k);
  g_free (event->payload);
  event->payload = g_strdup ("{\"step\":\"4\",\"to\":\"webmaster\"}");
  hash = warta_journal_hash (event);
  exec_printf (f, "UPDATE journal SET payload = '%s', hash = '%s' WHERE seq = %" G_GINT64_FORMAT,
               event->payload, hash, k);
  assert_broken_at (f, k + 1);
}

static void
test_delete_middle (Fixture       *f,
                    gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose");

  exec_printf (f, "DELETE FROM journal WHERE seq = %" G_GINT64_FORMAT, k);
  /* The gap shows at the event after it. */
  assert_broken_at (f, k + 1);
}

static void
test_delete_first (Fixture       *f,
                   gconstpointer  data)
{
  test_db_exec (f->db, "DELETE FROM journal WHERE seq = 1");
  assert_broken_at (f, 2);
}

/* Every event stays intact; only the journal's head in meta tells. */
static void
test_delete_last (Fixture       *f,
                  gconstpointer  data)
{
  exec_printf (f, "DELETE FROM journal WHERE seq = %" G_GINT64_FORMAT, f->n_events);
  assert_broken_at (f, f->n_events);
}

static void
test_delete_last_two (Fixture       *f,
                      gconstpointer  data)
{
  exec_printf (f, "DELETE FROM journal WHERE seq >= %" G_GINT64_FORMAT, f->n_events - 1);
  assert_broken_at (f, f->n_events - 1);
}

/* Makes room for an event at k + 1 by moving the later ones up by one. */
static void
make_room_after (Fixture *f,
                 gint64   k)
{
  exec_printf (f, "UPDATE journal SET seq = seq + 1000 WHERE seq > %" G_GINT64_FORMAT, k);
  exec_printf (f, "UPDATE journal SET seq = seq - 999 WHERE seq > 1000");
  g_assert_cmpint (test_db_count (f->db, "SELECT max(seq) FROM journal"), ==, f->n_events + 1);
}

/* A forged event whose hash does not even hold. */
static void
test_insert_crude (Fixture       *f,
                   gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose");
  WartaJournalEvent forged = {
    .seq = k + 1,
    .at = f->db->now,
    .actor = f->kepala,
    .case_id = f->case_id,
    .kind = (char *)"case.complete",
    .payload = (char *)"{}",
    .prev_hash = (char *)WARTA_JOURNAL_GENESIS,
    .hash = (char *)WARTA_JOURNAL_GENESIS,
  };

  make_room_after (f, k);
  insert_event (f, &forged);
  assert_broken_at (f, k + 1);
}

/* A forged event linked and hashed right: the event after it, which
 * still points at the one before the forgery, breaks. */
static void
test_insert_forged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) events = read_events (f);
  gint64 k = seq_of (f, "case.dispose");
  const WartaJournalEvent *before = g_ptr_array_index (events, k - 1);
  g_autofree char *hash = NULL;
  WartaJournalEvent forged = {
    .seq = k + 1,
    .at = before->at + 1,
    .actor = f->kepala,
    .case_id = f->case_id,
    .kind = (char *)"case.complete",
    .payload = (char *)"{\"step\":\"5\"}",
    .prev_hash = before->hash,
  };

  forged.hash = hash = warta_journal_hash (&forged);
  make_room_after (f, k);
  insert_event (f, &forged);
  assert_broken_at (f, k + 2);
}

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  gint64 k = seq_of (f, "case.dispose");

  exec_printf (f, "UPDATE journal SET seq = -1 WHERE seq = %" G_GINT64_FORMAT, k);
  exec_printf (f, "UPDATE journal SET seq = %" G_GINT64_FORMAT " WHERE seq = %" G_GINT64_FORMAT, k, k + 1);
  exec_printf (f, "UPDATE journal SET seq = %" G_GINT64_FORMAT " WHERE seq = -1", k + 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, f->n_events);
  assert_broken_at (f, k);
}

/* Appended with its hash chained right, but behind the store's back: the
 * head in meta still names the old last event. */
static void
test_append_forged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) events = read_events (f);
  const WartaJournalEvent *last = g_ptr_array_index (events, events->len - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 bad_seq = -1;
  WartaJournalEvent forged = {
    .seq = last->seq + 1,
    .at = last->at + 60 * G_USEC_PER_SEC,
    .actor = f->admin_web,
    .case_id = f->case_id,
    .kind = (char *)"case.complete",
    .payload = (char *)"{\"step\":\"6\"}",
    .prev_hash = last->hash,
  };

  forged.hash = hash = warta_journal_hash (&forged);
  insert_event (f, &forged);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, f->n_events + 1);

  g_assert_false (warta_journal_verify (f->db->store, NULL, &bad_seq, &error));
  g_assert_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN);
  g_test_message ("%s", error->message);
  /* The forged event, just past the head. */
  g_assert_cmpint (bad_seq, ==, f->n_events + 1);
}

/* A refused action journals nothing; the next one chains on. */
static void
test_append_after_verify (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n_events = 0;
  gint64 before;

  /* Step 6 is the admin's upload, not a decision. */
  g_assert_false (warta_engine_decide (f->db->engine, f->admin_web, f->case_id, TRUE, NULL, &error));
  g_assert_error (error, WARTA_ENGINE_ERROR, WARTA_ENGINE_ERROR_WRONG_ACTION);
  g_clear_error (&error);
  g_assert_true (warta_journal_verify (f->db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, f->n_events);

  /* The publish step's proof is journaled too, each part chained on. */
  test_db_meet_requirements (f->db, f->admin_web, f->case_id);
  before = test_db_count (f->db, "SELECT count(*) FROM journal");
  g_assert_cmpint (before, >, f->n_events);
  g_assert_true (warta_engine_complete (f->db->engine, f->admin_web, f->case_id, "Terbit", &error));
  g_assert_no_error (error);
  g_assert_true (warta_journal_verify (f->db->store, &n_events, NULL, &error));
  g_assert_no_error (error);
  /* The completion, then the Bukti Publikasi kept as the archive copy. */
  g_assert_cmpint (n_events, ==, before + 2);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal WHERE kind = 'evidence.archive'"), ==, 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM archive_copies"), ==, 1);
}

static void
note_step_completed (char       **completed,
                     gint64       actor,
                     gint64       case_id,
                     const char  *action)
{
  g_free (*completed);
  *completed = g_strdup (action);
}

/* The engine itself draws nothing: it says the publish step completed,
 * and only an engine whose maker asked for the Bukti to be kept
 * (warta-evidence-keep.c) keeps one. */
static void
test_bukti_kept_outside_engine (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *completed = NULL;
  gint64 before;

  test_db_meet_requirements (f->db, f->admin_web, f->case_id);
  warta_evidence_set_keep_bukti (f->db->engine, FALSE);
  g_signal_connect_swapped (f->db->engine, "step-completed", G_CALLBACK (note_step_completed), &completed);
  before = test_db_count (f->db, "SELECT count(*) FROM journal");
  g_assert_true (warta_engine_complete (f->db->engine, f->admin_web, f->case_id, "Terbit", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (completed, ==, "publish");
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM journal"), ==, before + 1);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM archive_copies"), ==, 0);

  /* Kept later on demand, as the archive pane does. */
  g_assert_cmpint (warta_evidence_make_archive_copy (f->db->engine, f->admin_web, f->case_id, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (test_db_count (f->db, "SELECT count(*) FROM archive_copies"), ==, 1);
  g_signal_handlers_disconnect_by_data (f->db->engine, &completed);
}

/* Every event rewritten with a consistent chain, but a different last
 * hash than the head in meta recorded. */
static void
test_rewrite_all (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = read_events (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *prev = g_strdup (WARTA_JOURNAL_GENESIS);
  gint64 k = seq_of (f, "case.dispose");
  gint64 bad_seq = -1;

  for (guint i = 0; i < events->len; i++)
    {
      WartaJournalEvent *event = g_ptr_array_index (events, i);

      if (event->seq == k)
        {
          g_free (event->payload);
          event->payload = g_strdup ("{\"step\":\"4\",\"to\":\"webmaster\"}");
        }
      g_free (event->prev_hash);
      event->prev_hash = g_steal_pointer (&prev);
      g_free (event->hash);
      event->hash = warta_journal_hash (event);
      prev = g_strdup (event->hash);
    }
  test_db_exec (f->db, "DELETE FROM journal");
  for (guint i = 0; i < events->len; i++)
    insert_event (f, g_ptr_array_index (events, i));

  g_assert_false (warta_journal_verify (f->db->store, NULL, &bad_seq, &error));
  g_assert_error (error, WARTA_JOURNAL_ERROR, WARTA_JOURNAL_ERROR_BROKEN);
  g_test_message ("%s", error->message);
  /* The last event, whose hash is not the one the head recorded. */
  g_assert_cmpint (bad_seq, ==, f->n_events);
}

static void
test_hash_fields (void)
{
  WartaJournalEvent event = {
    .seq = 7,
    .at = G_GINT64_CONSTANT (1767600000000000),
    .actor = 3,
    .case_id = 2,
    .kind = (char *)"case.complete",
    .payload = (char *)"{\"step\":\"1\"}",
    .prev_hash = (char *)WARTA_JOURNAL_GENESIS,
  };
  g_autofree char *base = warta_journal_hash (&event);
  g_autofree char *same = warta_journal_hash (&event);
  g_autofree char *with_hash = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  WartaJournalEvent changed;

  g_assert_cmpuint (strlen (base), ==, 64);
  for (const char *p = base; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_cmpstr (base, ==, same);

  /* The stored hash is what is checked, not part of what is hashed. */
  changed = event;
  changed.hash = (char *)"ffff";
  with_hash = warta_journal_hash (&changed);
  g_assert_cmpstr (with_hash, ==, base);

#define CHANGED(field, value) \
  G_STMT_START { \
    changed = event; \
    changed.field = value; \
    g_ptr_array_add (seen, warta_journal_hash (&changed)); \
  } G_STMT_END

  CHANGED (seq, 8);
  CHANGED (at, event.at + 1);
  CHANGED (actor, 4);
  CHANGED (actor, 0);
  CHANGED (case_id, 0);
  CHANGED (case_id, 3);
  CHANGED (kind, (char *)"case.decide");
  CHANGED (payload, (char *)"{\"step\":\"2\"}");
  CHANGED (payload, (char *)"{\"step\":\"1\"} ");
  CHANGED (prev_hash, (char *)"1000000000000000000000000000000000000000000000000000000000000000");
  /* Field boundaries count: the same characters split otherwise. */
  CHANGED (kind, (char *)"case.complete\n{");
  CHANGED (payload, (char *)"\"step\":\"1\"}");
#undef CHANGED

  for (guint i = 0; i < seen->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (seen, i), !=, base);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (g_ptr_array_index (seen, i), !=, g_ptr_array_index (seen, j));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/journal/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/journal/hash/fields", test_hash_fields);
  g_test_add_func ("/journal/verify/empty", test_empty);
  ADD ("verify/untouched", test_untouched);
  ADD ("verify/append-after-verify", test_append_after_verify);
  ADD ("verify/bukti-kept-outside-engine", test_bukti_kept_outside_engine);
  ADD ("tamper/edit-payload", test_edit_payload);
  ADD ("tamper/edit-kind", test_edit_kind);
  ADD ("tamper/edit-actor", test_edit_actor);
  ADD ("tamper/edit-time", test_edit_time);
  ADD ("tamper/edit-rehashed", test_edit_rehashed);
  ADD ("tamper/delete-first", test_delete_first);
  ADD ("tamper/delete-middle", test_delete_middle);
  ADD ("tamper/delete-last", test_delete_last);
  ADD ("tamper/delete-last-two", test_delete_last_two);
  ADD ("tamper/insert-crude", test_insert_crude);
  ADD ("tamper/insert-forged", test_insert_forged);
  ADD ("tamper/reorder", test_reorder);
  ADD ("tamper/append-forged", test_append_forged);
  ADD ("tamper/rewrite-all", test_rewrite_all);

#undef ADD

  return g_test_run ();
}
