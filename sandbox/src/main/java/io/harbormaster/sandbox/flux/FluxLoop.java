package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Flux controllers' engine, shaped like controller-runtime: informers queue an
 * object's key when it is added, when its generation changes (a spec change, suspend and resume
 * included) or when its {@code reconcile.fluxcd.io/requestedAt} annotation takes a new value, never
 * for a status write; one thread reconciles each queued key once, reading the object fresh. The
 * {@link Outcome} says when it comes back: at {@code spec.interval} for kinds {@link
 * #watchOnInterval watched on their interval}, after a delay, never, or, for work in flight, after
 * a short poll that runs even if the object was suspended meanwhile; events for a key in flight
 * wait until its work ends, as controller-runtime never runs two reconciles of one object at once.
 * A conflict queues the key again at once, any other failure after a growing delay.
 */
final class FluxLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FluxLoop.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private record Key(FluxType type, String namespace, String name) {
    @Override
    public String toString() {
      return type.kind() + " " + namespace + "/" + name;
    }
  }

  private final KubernetesClient client;
  private final FluxTimings timings;
  private final ScheduledExecutorService thread;
  private final Map<FluxType, FluxReconciler> reconcilers = new EnumMap<>(FluxType.class);
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Map<FluxType, SharedIndexInformer<GenericKubernetesResource>> byType =
      new EnumMap<>(FluxType.class);
  private final Set<FluxType> onInterval = EnumSet.noneOf(FluxType.class);
  private final Set<Key> queued = ConcurrentHashMap.newKeySet();

  /** Only touched on the reconcile thread. */
  private final Map<Key, Duration> nextRetry = new HashMap<>();

  private final Map<Key, ScheduledFuture<?>> nextVisit = new HashMap<>();
  private final Set<Key> inFlight = new HashSet<>();
  private final Set<Key> deferred = new HashSet<>();
  private volatile boolean closed;

  FluxLoop(KubernetesClient client, FluxTimings timings) {
    this.client = client;
    this.timings = timings;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread worker = new Thread(runnable, "sandbox-flux");
              worker.setDaemon(true);
              return worker;
            });
  }

  /** Reconciles objects of this kind on the events above. Call before {@link #start}. */
  void watch(FluxType type, FluxReconciler reconciler) {
    reconcilers.put(type, reconciler);
    SharedIndexInformer<GenericKubernetesResource> informer =
        type.resources(client).inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            enqueue(keyOf(type, object));
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            boolean specChanged =
                !Objects.equals(
                    before.getMetadata().getGeneration(), after.getMetadata().getGeneration());
            boolean requested =
                !ReconcileRequests.requestedAt(before).equals(ReconcileRequests.requestedAt(after));
            if (specChanged || requested) {
              enqueue(keyOf(type, after));
            }
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            // The simulation keeps what a deleted Flux object applied (no finalizer, no garbage
            // collection).
          }
        });
    informers.add(informer);
    byType.put(type, informer);
  }

  /**
   * As {@link #watch}, and every {@code spec.interval} after a reconcile that is {@link
   * Outcome#done}.
   */
  void watchOnInterval(FluxType type, FluxReconciler reconciler) {
    onInterval.add(type);
    watch(type, reconciler);
  }

  /**
   * Queues the objects of {@code type} that {@code which} selects whenever an object {@code source}
   * lists is added, changed or deleted, as a controller-runtime watch of another kind with a map
   * function does (helm-controller's watch of the ConfigMaps and Secrets its releases read). Call
   * before {@link #start}.
   */
  <T extends HasMetadata> void wakeOnChange(
      Informable<T> source, FluxType type, BiPredicate<GenericKubernetesResource, T> which) {
    SharedIndexInformer<T> informer = source.runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T object) {
            wake(type, candidate -> which.test(candidate, object));
          }

          @Override
          public void onUpdate(T before, T after) {
            if (!Objects.equals(
                before.getMetadata().getResourceVersion(),
                after.getMetadata().getResourceVersion())) {
              wake(type, candidate -> which.test(candidate, after));
            }
          }

          @Override
          public void onDelete(T object, boolean finalStateUnknown) {
            wake(type, candidate -> which.test(candidate, object));
          }
        });
    informers.add(informer);
  }

  /**
   * Queues the objects of {@code type} that {@code which} selects, as a watch on another kind does.
   */
  void wake(FluxType type, Predicate<GenericKubernetesResource> which) {
    byType.get(type).getStore().list().stream()
        .filter(which)
        .forEach(object -> enqueue(keyOf(type, object)));
  }

  /**
   * Starts every informer and returns once they have listed what exists; they list side by side,
   * each list being a round trip to the API server.
   */
  void start() {
    try {
      CompletableFuture.allOf(
              informers.stream()
                  .map(informer -> informer.start().toCompletableFuture())
                  .toArray(CompletableFuture[]::new))
          .join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Whether a reconcile of this object is queued or planned (its interval, a requeue, a retry, work
   * in flight), asked on the reconcile thread, so once the reconcile under way has ended.
   */
  boolean plansToReconcile(FluxType type, String namespace, String name) {
    Key key = new Key(type, namespace, name);
    try {
      return thread
          .submit(
              () ->
                  queued.contains(key)
                      || Optional.ofNullable(nextVisit.get(key))
                          .filter(visit -> !visit.isDone())
                          .isPresent())
          .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the simulated Flux", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the simulated Flux did not answer", e);
    }
  }

  private static Key keyOf(FluxType type, GenericKubernetesResource object) {
    return new Key(type, object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  private void enqueue(Key key) {
    if (!queued.add(key)) {
      return;
    }
    try {
      thread.execute(
          () -> {
            queued.remove(key);
            reconcile(key, false);
          });
    } catch (RejectedExecutionException stopped) {
      queued.remove(key);
    }
  }

  private void reconcile(Key key, boolean continuing) {
    if (!continuing && inFlight.contains(key)) {
      deferred.add(key);
      return;
    }
    try {
      GenericKubernetesResource object =
          key.type().resources(client).inNamespace(key.namespace()).withName(key.name()).get();
      if (object == null) {
        finishFlight(key);
        return;
      }
      FluxReconciler reconciler = reconcilers.get(key.type());
      if (!continuing && Fields.flag(object, "spec", "suspend")) {
        reconciler.whileSuspended(object);
        cancelVisit(key);
        return;
      }
      Outcome outcome = reconciler.reconcile(object);
      if (outcome.kind() == Outcome.Kind.RETRY) {
        finishFlight(key);
        visit(key, false, backoff(key));
        return;
      }
      nextRetry.remove(key);
      follow(key, object, outcome);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        visit(key, continuing, Duration.ZERO);
      } else {
        retryLater(key, continuing, e);
      }
    } catch (RuntimeException e) {
      retryLater(key, continuing, e);
    }
  }

  private void follow(Key key, GenericKubernetesResource object, Outcome outcome) {
    switch (outcome.kind()) {
      case IN_FLIGHT -> {
        inFlight.add(key);
        visit(key, true, outcome.after().orElseThrow());
        return;
      }
      case DONE -> {
        cancelVisit(key);
        if (onInterval.contains(key.type())) {
          FluxInterval.of(object).ifPresent(interval -> visit(key, false, interval));
        }
      }
      case REQUEUE -> visit(key, false, outcome.after().orElseThrow());
      case STOPPED, RETRY -> cancelVisit(key);
    }
    finishFlight(key);
  }

  /** Work in flight ended: events that came meanwhile are handled now. */
  private void finishFlight(Key key) {
    inFlight.remove(key);
    if (deferred.remove(key)) {
      enqueue(key);
    }
  }

  /** The next visit of {@code key}, replacing any planned one. */
  private void visit(Key key, boolean continuing, Duration delay) {
    cancelVisit(key);
    try {
      Runnable next = continuing ? () -> reconcile(key, true) : () -> enqueue(key);
      nextVisit.put(key, thread.schedule(next, delay.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException stopped) {
      // closed meanwhile: nothing more to reconcile
    }
  }

  private void cancelVisit(Key key) {
    Optional.ofNullable(nextVisit.remove(key)).ifPresent(previous -> previous.cancel(false));
  }

  private void retryLater(Key key, boolean continuing, RuntimeException failure) {
    if (closed) {
      return; // the API server may already be gone
    }
    Duration delay = backoff(key);
    LOG.warn("simulated Flux failed to reconcile {}, retrying in {}", key, delay, failure);
    visit(key, continuing, delay);
  }

  /** This failure's delay; the next one in a row waits twice as long, up to the longest retry. */
  private Duration backoff(Key key) {
    Duration delay = nextRetry.getOrDefault(key, timings.firstRetry());
    Duration doubled = delay.multipliedBy(2);
    nextRetry.put(key, doubled.compareTo(timings.lastRetry()) > 0 ? timings.lastRetry() : doubled);
    return delay;
  }

  /**
   * Stops the informers and waits briefly for a running reconcile, so none outlives its API server.
   */
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
