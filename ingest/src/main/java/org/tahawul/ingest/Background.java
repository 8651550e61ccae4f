package org.tahawul.ingest;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A task on a daemon thread of its own; its failure surfaces where it is awaited. */
final class Background {

    private final FutureTask<Object> task;

    private Background(FutureTask<Object> task) {
        this.task = task;
    }

    static Background start(String name, Callable<Object> work) {
        FutureTask<Object> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Background(task);
    }

    /** Waits for the task; rethrows what it threw. */
    void await() throws Exception {
        try {
            task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for the task, whatever its outcome (a run that failed elsewhere leaves nothing half-done). */
    void awaitQuietly() {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the run failed for another reason, which is the one reported
        }
    }
}
