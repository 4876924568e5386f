/* warta-worker.h: one thread that does a session's database work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "warta-change.h"
#include "warta-engine.h"

G_BEGIN_DECLS

/* Lower runs first; equal priorities run in the order submitted. */
typedef enum
{
  WARTA_JOB_PRIORITY_URGENT,  /* what a person just did: a save, a decision */
  WARTA_JOB_PRIORITY_HIGH,    /* what is on the screen now */
  WARTA_JOB_PRIORITY_NORMAL,
  WARTA_JOB_PRIORITY_LOW,     /* looking for other processes' changes; long exports */
} WartaJobPriority;

/* Runs in the worker's thread with its engine; returns plain data (or
 * NULL with @error set). Touches no widget. */
typedef WartaEngineFunc WartaJobFunc;

#define WARTA_TYPE_WORKER (warta_worker_get_type ())

G_DECLARE_FINAL_TYPE (WartaWorker, warta_worker, WARTA, WORKER, GObject)

WartaWorker *warta_worker_new          (WartaEngine         *engine);
void         warta_worker_run_async    (WartaWorker         *self,
                                        WartaJobPriority     priority,
                                        gpointer             origin,
                                        WartaJobFunc         func,
                                        gpointer             data,
                                        GDestroyNotify       data_free,
                                        GDestroyNotify       result_free,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gpointer     warta_worker_run_finish   (WartaWorker         *self,
                                        GAsyncResult        *result,
                                        GError             **error);
gpointer     warta_worker_run_sync     (WartaWorker         *self,
                                        WartaJobFunc         func,
                                        gpointer             data,
                                        GCancellable        *cancellable,
                                        GError             **error);
/* warta_worker_run_sync() as a WartaRunFunc, @worker a WartaWorker */
gpointer     warta_worker_run_in       (gpointer             worker,
                                        WartaEngineFunc      func,
                                        gpointer             data,
                                        GCancellable        *cancellable,
                                        GError             **error);
void         warta_worker_poll         (WartaWorker         *self);
guint        warta_worker_get_n_queued (WartaWorker         *self);

G_END_DECLS
