package io.harbormaster.sandbox.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Waits for one object to meet a condition, woken by a watch. Unlike fabric8's {@code
 * waitUntilCondition}, it opens the watch before it reads the object: the mock API server ignores a
 * watch's resourceVersion, so a change between a list and the watch that follows it would be lost.
 */
public final class AwaitCondition {
  private AwaitCondition() {}

  /**
   * @param condition sees {@code null} once the object is deleted or absent
   * @return the object as it met the condition ({@code null} if that was its absence)
   */
  public static <T extends HasMetadata> T until(
      Resource<T> resource, Predicate<T> condition, Duration timeout) {
    CompletableFuture<T> met = new CompletableFuture<>();
    AtomicReference<T> last = new AtomicReference<>();
    Watcher<T> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, T object) {
            T current = action == Action.DELETED ? null : object;
            last.set(current);
            if (condition.test(current)) {
              met.complete(current);
            }
          }

          @Override
          public void onClose(WatcherException cause) {
            met.completeExceptionally(cause);
          }
        };
    Watch watch = resource.watch(watcher);
    try {
      T current = resource.get();
      last.compareAndSet(null, current);
      if (condition.test(current)) {
        return current;
      }
      return met.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "condition not met within " + timeout + "; last seen: " + last.get(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the watch closed before the condition was met", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } finally {
      watch.close();
    }
  }

  /**
   * Waits for a set of objects (a namespace's pods, say) to meet a condition: the watch opens first
   * and only signals; each signal lists afresh and tests, so no change between a list and the watch
   * is lost and a missed event costs nothing.
   */
  public static <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> untilAll(
      FilterWatchListDeletable<T, L, ? extends Resource<T>> objects,
      Predicate<List<T>> condition,
      Duration timeout) {
    Semaphore changed = new Semaphore(0);
    AtomicReference<WatcherException> closed = new AtomicReference<>();
    Watch watch =
        objects.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, T object) {
                changed.release();
              }

              @Override
              public void onClose(WatcherException cause) {
                closed.set(cause);
                changed.release();
              }
            });
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        List<T> items = objects.list().getItems();
        if (condition.test(items)) {
          return items;
        }
        if (closed.get() != null) {
          throw new IllegalStateException(
              "the watch closed before the condition was met", closed.get());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "condition not met within "
                  + timeout
                  + "; last seen: "
                  + items.stream().map(item -> item.getMetadata().getName()).toList());
        }
        changed.tryAcquire(left, TimeUnit.NANOSECONDS);
        changed.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } finally {
      watch.close();
    }
  }
}
