package io.harbormaster.sandbox.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one simulated controller: informers turn events into keys ({@code namespace/name}
 * of the object to reconcile), and one thread reconciles each queued key once, so a controller
 * never races itself. A key queued again while waiting is reconciled once; a conflict queues it
 * again.
 */
final class ReconcileLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final String name;
  private final Consumer<Key> reconciler;
  private final ExecutorService thread;
  private final Set<Key> queued = ConcurrentHashMap.newKeySet();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /** The object a reconcile is about. */
  record Key(String namespace, String name) {
    static Key of(HasMetadata object) {
      return new Key(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  ReconcileLoop(String name, Consumer<Key> reconciler) {
    this.name = name;
    this.reconciler = reconciler;
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread worker = new Thread(runnable, "sandbox-" + name);
              worker.setDaemon(true);
              return worker;
            });
  }

  /**
   * Reconciles the key that each event on the informer's objects maps to; an event that maps to
   * nothing (a pod no controller of this kind owns) is dropped. Call before {@link #start}.
   */
  <T extends HasMetadata> void watch(SharedIndexInformer<T> informer, Function<T, List<Key>> keys) {
    informers.add(informer);
    informer.addEventHandler(
        new ResourceEventHandler<T>() {
          @Override
          public void onAdd(T object) {
            keys.apply(object).forEach(ReconcileLoop.this::enqueue);
          }

          @Override
          public void onUpdate(T before, T after) {
            keys.apply(after).forEach(ReconcileLoop.this::enqueue);
          }

          @Override
          public void onDelete(T object, boolean finalStateUnknown) {
            keys.apply(object).forEach(ReconcileLoop.this::enqueue);
          }
        });
  }

  /** Starts every informer and returns once they have listed what exists. */
  void start() {
    informers.forEach(SharedIndexInformer::run);
  }

  void enqueue(Key key) {
    if (!queued.add(key)) {
      return;
    }
    try {
      thread.execute(() -> reconcile(key));
    } catch (RejectedExecutionException closed) {
      queued.remove(key);
    }
  }

  private void reconcile(Key key) {
    queued.remove(key);
    try {
      reconciler.accept(key);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        enqueue(key);
      } else if (!thread.isShutdown()) {
        LOG.warn("{} controller failed to reconcile {}: {}", name, key, e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.warn("{} controller failed to reconcile {}", name, key, e);
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::stop);
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
