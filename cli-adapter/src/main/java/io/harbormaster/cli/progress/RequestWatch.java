package io.harbormaster.cli.progress;

import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The states of one resource as they change: opens the watch before reading the resource, so no
 * change falls between the read and the watch. A watch the server closes is opened again.
 */
final class RequestWatch<R extends io.fabric8.kubernetes.api.model.HasMetadata>
    implements AutoCloseable {
  private final Resource<R> resource;
  private final BlockingQueue<R> changes = new LinkedBlockingQueue<>();
  private volatile Watch watch;
  private volatile boolean closed;

  private RequestWatch(Resource<R> resource) {
    this.resource = resource;
  }

  static <R extends io.fabric8.kubernetes.api.model.HasMetadata> RequestWatch<R> open(
      Resource<R> resource) {
    RequestWatch<R> requestWatch = new RequestWatch<>(resource);
    requestWatch.watch();
    return requestWatch;
  }

  /** The resource as it is now, null when it does not exist. */
  R latest() {
    return resource.get();
  }

  /** The next state, or null when nothing changed within {@code wait}. */
  R next(Duration wait) throws InterruptedException {
    R next = changes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    // Several changes may be queued: only the newest matters to someone printing progress.
    for (R newer; (newer = changes.poll()) != null; ) {
      next = newer;
    }
    return next;
  }

  @Override
  public void close() {
    closed = true;
    watch.close();
  }

  private void watch() {
    watch =
        resource.watch(
            new Watcher<R>() {
              @Override
              public void eventReceived(Action action, R changed) {
                changes.add(changed);
              }

              @Override
              public void onClose(WatcherException cause) {
                if (!closed) {
                  watch();
                  R now = resource.get();
                  if (now != null) {
                    changes.add(now);
                  }
                }
              }
            });
  }
}
