package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Flux controllers' engine: informers on Flux objects queue their keys, and one thread
 * reconciles each key whose object {@link ReconcileRequests#due is due}, reading it fresh first. A key
 * queued again while waiting is reconciled once; a conflict queues it again at once, any other failure
 * after a growing delay, like controller-runtime's requeue with backoff. Kinds watched {@link
 * #watchOnInterval on their interval} are also reconciled every {@code spec.interval}, when they are
 * first seen (a controller reconciles every object it lists at start) and when another controller
 * wakes them; never while suspended.
 */
final class FluxLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FluxLoop.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LAST_RETRY = Duration.ofSeconds(5);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private record Key(FluxType type, String namespace, String name) {
    @Override
    public String toString() {
      return type.kind() + " " + namespace + "/" + name;
    }
  }

  private final KubernetesClient client;
  private final ScheduledExecutorService thread;
  private final Map<FluxType, Consumer<GenericKubernetesResource>> reconcilers = new EnumMap<>(FluxType.class);
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final Map<FluxType, SharedIndexInformer<GenericKubernetesResource>> byType = new EnumMap<>(FluxType.class);
  private final Set<FluxType> onInterval = java.util.EnumSet.noneOf(FluxType.class);
  /** Queued keys, each with whether it is reconciled even when not due (interval, start, woken). */
  private final Map<Key, Boolean> queued = new ConcurrentHashMap<>();
  /** Only touched on the reconcile thread. */
  private final Map<Key, Duration> nextRetry = new HashMap<>();
  private final Map<Key, ScheduledFuture<?>> nextInterval = new HashMap<>();
  private volatile boolean closed;

  FluxLoop(KubernetesClient client) {
    this.client = client;
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread worker = new Thread(runnable, "sandbox-flux");
      worker.setDaemon(true);
      return worker;
    });
  }

  /** Reconciles objects of this kind when they are added or change. Call before {@link #start}. */
  void watch(FluxType type, Consumer<GenericKubernetesResource> reconciler) {
    reconcilers.put(type, reconciler);
    SharedIndexInformer<GenericKubernetesResource> informer = type.resources(client).inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource object) {
        enqueue(keyOf(type, object), onInterval.contains(type));
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
        enqueue(keyOf(type, after), false);
      }

      @Override
      public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
        // The simulation keeps what a deleted Flux object applied (no finalizer, no garbage collection).
      }
    });
    informers.add(informer);
    byType.put(type, informer);
  }

  /** As {@link #watch}, and every {@code spec.interval} too, as Flux's controllers requeue. */
  void watchOnInterval(FluxType type, Consumer<GenericKubernetesResource> reconciler) {
    onInterval.add(type);
    watch(type, reconciler);
  }

  /** Reconciles the objects of {@code type} that {@code which} selects, due or not (unless suspended). */
  void wake(FluxType type, Predicate<GenericKubernetesResource> which) {
    byType.get(type).getStore().list().stream().filter(which).forEach(object -> enqueue(keyOf(type, object), true));
  }

  /** Starts every informer and returns once they have listed what exists. */
  void start() {
    informers.forEach(SharedIndexInformer::run);
  }

  private static Key keyOf(FluxType type, GenericKubernetesResource object) {
    return new Key(type, object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  private void enqueue(Key key, boolean forced) {
    java.util.concurrent.atomic.AtomicBoolean added = new java.util.concurrent.atomic.AtomicBoolean();
    queued.compute(key, (k, already) -> {
      added.set(already == null);
      return already == null ? forced : already || forced;
    });
    if (!added.get()) {
      return;
    }
    try {
      thread.execute(() -> reconcile(key));
    } catch (RejectedExecutionException stopped) {
      queued.remove(key);
    }
  }

  private void reconcile(Key key) {
    boolean forced = Boolean.TRUE.equals(queued.remove(key));
    try {
      GenericKubernetesResource object = key.type().resources(client).inNamespace(key.namespace()).withName(key.name()).get();
      if (object != null && (ReconcileRequests.due(object) || forced && !Fields.flag(object, "spec", "suspend"))) {
        reconcilers.get(key.type()).accept(object);
        scheduleInterval(key, object);
      }
      nextRetry.remove(key);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        enqueue(key, forced);
      } else {
        retryLater(key, forced, e);
      }
    } catch (RuntimeException e) {
      retryLater(key, forced, e);
    }
  }

  /** The next reconcile of an interval-driven object, {@code spec.interval} after this one. */
  private void scheduleInterval(Key key, GenericKubernetesResource object) {
    if (!onInterval.contains(key.type())) {
      return;
    }
    Optional.ofNullable(nextInterval.remove(key)).ifPresent(previous -> previous.cancel(false));
    FluxInterval.of(object).ifPresent(interval -> {
      try {
        nextInterval.put(key, thread.schedule(() -> enqueue(key, true), interval.toMillis(), TimeUnit.MILLISECONDS));
      } catch (RejectedExecutionException stopped) {
        // closed meanwhile: nothing more to reconcile
      }
    });
  }

  private void retryLater(Key key, boolean forced, RuntimeException failure) {
    if (closed) {
      return; // the API server may already be gone
    }
    Duration delay = nextRetry.getOrDefault(key, FIRST_RETRY);
    LOG.warn("simulated Flux failed to reconcile {}, retrying in {}", key, delay, failure);
    nextRetry.put(key, delay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay.multipliedBy(2));
    try {
      thread.schedule(() -> enqueue(key, forced), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // closed meanwhile: nothing more to reconcile
    }
  }

  /** Stops the informers and waits briefly for a running reconcile, so none outlives its API server. */
  @Override
  public void close() {
    closed = true;
    informers.forEach(SharedIndexInformer::stop);
    thread.shutdownNow();
    try {
      thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
