package io.harbormaster.health;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.model.FluxKind;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.FluxSource;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.port.ChangeNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeNotifier} fed by informers on the app's namespaces: pods, Deployments, StatefulSets,
 * PVCs, Kustomizations, HelmReleases and VolumeSnapshots. Any event releases every waiter; so does
 * a change that happened since the caller's previous wait returned, so a change between observing
 * and waiting is never lost.
 */
public final class WatchingChangeNotifier implements ChangeNotifier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchingChangeNotifier.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Lock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** Events seen so far. */
  private long changes;

  /**
   * {@link #changes} when the last wait returned: a wait returns at once while there are newer
   * ones.
   */
  private long consumed;

  private WatchingChangeNotifier() {}

  /** Watches the namespaces of the app's Flux objects, workloads and volumes. */
  public static WatchingChangeNotifier forApp(
      KubernetesClient client, FluxSource flux, AppTargets targets) {
    Set<String> namespaces = new TreeSet<>();
    flux.objects().stream().map(FluxRef::object).map(ObjectRef::namespace).forEach(namespaces::add);
    targets.workloadRefs().forEach(ref -> namespaces.add(ref.object().namespace()));
    targets.pvcs().forEach(pvc -> namespaces.add(pvc.namespace()));
    return forNamespaces(client, namespaces);
  }

  /**
   * Starts the informers and returns once they have listed what exists, so that listing is not
   * taken for a change. A kind the cluster does not serve (no VolumeSnapshot CRD, say) is logged
   * and skipped: waits then end at their deadline instead of early.
   */
  public static WatchingChangeNotifier forNamespaces(
      KubernetesClient client, Collection<String> namespaces) {
    WatchingChangeNotifier notifier = new WatchingChangeNotifier();
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (String namespace : namespaces) {
      started.add(
          notifier.watch(
              namespace + " pods", client.pods().inNamespace(namespace).runnableInformer(0)));
      started.add(
          notifier.watch(
              namespace + " Deployments",
              client.apps().deployments().inNamespace(namespace).runnableInformer(0)));
      started.add(
          notifier.watch(
              namespace + " StatefulSets",
              client.apps().statefulSets().inNamespace(namespace).runnableInformer(0)));
      started.add(
          notifier.watch(
              namespace + " PVCs",
              client.persistentVolumeClaims().inNamespace(namespace).runnableInformer(0)));
      for (FluxKind kind : FluxKind.values()) {
        started.add(notifier.watchGeneric(client, namespace, kind.apiVersion(), kind.kind()));
      }
      started.add(
          notifier.watchGeneric(client, namespace, "snapshot.storage.k8s.io/v1", "VolumeSnapshot"));
    }
    try {
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notifier.close();
      throw new IllegalStateException("interrupted while starting watches on " + namespaces, e);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "Some watches on {} did not start within {}; waits may end at their deadline",
          namespaces,
          SYNC_TIMEOUT);
    }
    notifier.forgetChangesSoFar();
    return notifier;
  }

  @Override
  public void awaitChange(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      long seen = consumed;
      for (long left = deadline - System.nanoTime();
          changes == seen && left > 0;
          left = deadline - System.nanoTime()) {
        changed.awaitNanos(left);
      }
      consumed = Math.max(consumed, changes);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::stop);
  }

  private CompletableFuture<Void> watchGeneric(
      KubernetesClient client, String namespace, String apiVersion, String kind) {
    return watch(
        namespace + " " + kind + "s",
        client
            .genericKubernetesResources(apiVersion, kind)
            .inNamespace(namespace)
            .runnableInformer(0));
  }

  private <T extends HasMetadata> CompletableFuture<Void> watch(
      String what, SharedIndexInformer<T> informer) {
    informers.add(informer);
    informer.addEventHandler(
        new ResourceEventHandler<T>() {
          @Override
          public void onAdd(T object) {
            signal();
          }

          @Override
          public void onUpdate(T before, T after) {
            signal();
          }

          @Override
          public void onDelete(T object, boolean finalStateUnknown) {
            signal();
          }
        });
    return informer
        .start()
        .toCompletableFuture()
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                LOG.warn("Cannot watch {}: {}", what, failure.getMessage());
              }
            });
  }

  private void signal() {
    lock.lock();
    try {
      changes++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void forgetChangesSoFar() {
    lock.lock();
    try {
      consumed = changes;
    } finally {
      lock.unlock();
    }
  }
}
