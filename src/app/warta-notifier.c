/* warta-notifier.c: desktop notifications of one's own inbox
 *
 * While someone is signed in, the notifier knows the active step runs of
 * their inbox: read on the session's worker at sign-in, and again after
 * each change of a berkas. A run it did not know, brought by another desk
 * or process, is a berkas that arrived: one notification. Once a minute
 * it looks at the runs it knows against their standard time, as the step
 * timer does: a run of theirs that passed it is one notification too.
 * One per event, never per read: a run is told of once for arriving and
 * once for being late. Clicking a notification opens the berkas
 * (app.open-case with its id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "warta-notifier.h"
#include "warta-timing.h"

#define OVERDUE_CHECK_S 60
/* More than a person's inbox holds in a day: the first ones, overdue first */
#define INBOX_LIMIT 500

struct _WartaNotifier
{
  GObject       parent_instance;

  WartaSession *session;
  GSignalGroup *session_signals;
  GCancellable *reading;
  gboolean      read_again;     /* a change came while reading */
  gboolean      others_changed; /* since the last read: another desk's or process's change */
  gboolean      known_read;     /* runs has been read once since sign-in */
  GHashTable   *runs;           /* run id → Entry: the inbox as last read */
  GHashTable   *told_late;      /* run ids */
  guint         overdue_source;
  gboolean      desktop;        /* something on the bus shows notifications */
  GCancellable *looking;        /* for it */
};

G_DEFINE_FINAL_TYPE (WartaNotifier, warta_notifier, G_TYPE_OBJECT)

enum {
  NOTIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64        case_id;
  char         *title;
  WartaStepRun *run;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->title);
  g_clear_pointer (&entry->run, warta_step_run_free);
  g_free (entry);
}

static void
send (WartaNotifier *self,
      const char    *kind,
      gint64         case_id,
      const char    *title,
      const char    *body)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autofree char *id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, kind, case_id);

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-case", "x", case_id);
  g_notification_set_priority (notification, g_str_equal (kind, "late") ? G_NOTIFICATION_PRIORITY_HIGH
                                                                        : G_NOTIFICATION_PRIORITY_NORMAL);
  /* Without a notification server GLib only warns: the signal still
   * says it */
  if (app != NULL && self->desktop)
    g_application_send_notification (app, id, notification);
  g_signal_emit (self, signals[NOTIFIED], 0, id, title, body);
}

static void
check_overdue (WartaNotifier *self)
{
  GHashTableIter iter;
  Entry *entry;
  gint64 now;

  if (self->session == NULL)
    return;
  now = warta_session_now (self->session);
  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      WartaTiming timing = WARTA_TIMING_NO_STANDARD;
      g_autofree char *time = warta_step_run_format_time (entry->run, now, FALSE, &timing);

      if (timing == WARTA_TIMING_OVER && g_hash_table_add (self->told_late, g_memdup2 (&entry->run->id, sizeof (gint64))))
        {
          g_autofree char *body = NULL;

          /* Translators: a berkas's title, then how long its step took against its standard */
          body = g_strdup_printf (_("“%s”: %s"), entry->title, time);
          send (self, "late", entry->case_id, _("A Step of Yours Is Past Its Standard Time"), body);
        }
    }
}

static gboolean
overdue_cb (gpointer user_data)
{
  check_overdue (WARTA_NOTIFIER (user_data));
  return G_SOURCE_CONTINUE;
}

static gpointer
inbox_job (WartaEngine   *engine,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  WartaCaseQuery query = { 0 };

  query.inbox_user = *(gint64 *)data;
  query.now = warta_engine_now (engine);
  query.limit = INBOX_LIMIT;
  return warta_store_list_cases (warta_engine_get_store (engine), &query, error);
}

static void read_inbox (WartaNotifier *self);

static void
inbox_read (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = warta_session_run_finish (WARTA_SESSION (object), result, &error);
  WartaNotifier *self;
  g_autoptr(GHashTable) runs = NULL;
  gboolean tell;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WARTA_NOTIFIER (user_data);
  g_clear_object (&self->reading);
  if (cases == NULL)
    {
      /* A lost server, most likely: the next change reads again */
      g_debug ("Cannot read the inbox for its notifications: %s", error->message);
      return;
    }

  /* Only what others did arrives: one's own completing a step and taking
   * the next is no news */
  tell = self->known_read && self->others_changed;
  self->others_changed = FALSE;
  runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
  for (guint i = 0; i < cases->len; i++)
    {
      WartaCase *kase = g_ptr_array_index (cases, i);
      Entry *entry;

      if (kase->active == NULL)
        continue;
      entry = g_new0 (Entry, 1);
      entry->case_id = kase->id;
      entry->title = g_strdup (kase->title);
      entry->run = g_steal_pointer (&kase->active);
      if (tell && !g_hash_table_contains (self->runs, &entry->run->id))
        {
          g_autofree char *body = NULL;

          /* Translators: a berkas's title, then the step that is now the person's */
          body = g_strdup_printf (_("“%s”, at step %s"), entry->title, entry->run->step_id);
          send (self, "arrived", entry->case_id, _("A Berkas Came to Your Inbox"), body);
        }
      g_hash_table_insert (runs, &entry->run->id, entry);
    }
  g_hash_table_unref (self->runs);
  self->runs = g_steal_pointer (&runs);
  self->known_read = TRUE;
  check_overdue (self);

  if (self->read_again)
    read_inbox (self);
}

static void
read_inbox (WartaNotifier *self)
{
  gint64 *user_id;

  self->read_again = FALSE;
  if (self->session == NULL || warta_session_get_user_id (self->session) == 0)
    return;
  if (self->reading != NULL)
    {
      self->read_again = TRUE;
      return;
    }
  user_id = g_new (gint64, 1);
  *user_id = warta_session_get_user_id (self->session);
  self->reading = g_cancellable_new ();
  warta_session_run_async (self->session, WARTA_JOB_PRIORITY_LOW, NULL, inbox_job, user_id, g_free,
                           (GDestroyNotify)g_ptr_array_unref, self->reading, inbox_read, self);
}

static void
on_case_changed (WartaNotifier *self,
                 guint          kind,
                 gint64         case_id,
                 gpointer       origin)
{
  if (origin == NULL)
    self->others_changed = TRUE;
  read_inbox (self);
}

/* Signed in, out, or as another: what was known is someone else's */
static void
restart (WartaNotifier *self)
{
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_hash_table_remove_all (self->runs);
  g_hash_table_remove_all (self->told_late);
  self->known_read = self->others_changed = self->read_again = FALSE;
  g_clear_handle_id (&self->overdue_source, g_source_remove);
  if (self->session == NULL || warta_session_get_user_id (self->session) == 0)
    return;
  self->overdue_source = g_timeout_add_seconds (OVERDUE_CHECK_S, overdue_cb, self);
  read_inbox (self);
}

static const char * const notification_servers[] = {
  "org.freedesktop.Notifications", "org.gtk.Notifications", "org.freedesktop.portal.Desktop", NULL
};

static void
names_listed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  g_autofree const char **names = NULL;
  WartaNotifier *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = WARTA_NOTIFIER (user_data);
  if (reply == NULL)
    return;
  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strv_contains (notification_servers, names[i]))
      self->desktop = TRUE;
}

/* Running, or started when asked (a .service file) */
static void
look_for_desktop (WartaNotifier *self)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (bus == NULL)
    return;
  self->looking = g_cancellable_new ();
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->looking, names_listed, self);
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->looking, names_listed, self);
}

static void
warta_notifier_dispose (GObject *object)
{
  WartaNotifier *self = (WartaNotifier *)object;

  g_cancellable_cancel (self->looking);
  g_clear_object (&self->looking);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  restart (self);

  G_OBJECT_CLASS (warta_notifier_parent_class)->dispose (object);
}

static void
warta_notifier_finalize (GObject *object)
{
  WartaNotifier *self = (WartaNotifier *)object;

  g_hash_table_unref (self->runs);
  g_hash_table_unref (self->told_late);

  G_OBJECT_CLASS (warta_notifier_parent_class)->finalize (object);
}

static void
warta_notifier_class_init (WartaNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = warta_notifier_dispose;
  object_class->finalize = warta_notifier_finalize;

  /**
   * WartaNotifier::notified:
   * @id: the notification's id ("arrived-CASE" or "late-CASE")
   * @title: its title
   * @body: its body
   *
   * A notification was sent through the default application.
   */
  signals[NOTIFIED] =
    g_signal_new ("notified",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
warta_notifier_init (WartaNotifier *self)
{
  self->runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
  self->told_late = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->session_signals = g_signal_group_new (WARTA_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "changed::case",
                                 G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::user-id",
                                 G_CALLBACK (restart), self, G_CONNECT_SWAPPED);
}

WartaNotifier *
warta_notifier_new (void)
{
  return g_object_new (WARTA_TYPE_NOTIFIER, NULL);
}

void
warta_notifier_set_session (WartaNotifier *self,
                            WartaSession  *session)
{
  g_return_if_fail (WARTA_IS_NOTIFIER (self));
  g_return_if_fail (session == NULL || WARTA_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  /* Once, at the first sign-in: the bus is there by then */
  if (session != NULL && self->looking == NULL)
    look_for_desktop (self);
  g_signal_group_set_target (self->session_signals, session);
  restart (self);
}
