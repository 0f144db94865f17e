package io.harbormaster.operator;

import static io.harbormaster.operator.FleetApps.WEB;
import static io.harbormaster.operator.FleetApps.WEB_FILE;
import static io.harbormaster.operator.FleetApps.WEB_NAMESPACE;
import static io.harbormaster.operator.OperatorCluster.inFluxSystem;
import static io.harbormaster.operator.Requests.await;
import static io.harbormaster.operator.Requests.finished;
import static io.harbormaster.operator.bench.Percentiles.median;
import static io.harbormaster.operator.bench.Percentiles.p90;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.operator.bench.ReconcileTimings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jgit.util.FileUtils;

/**
 * The operator's own overhead, measured on the sandbox, whose fake controllers answer at once: per
 * phase transition of an upgrade, the time spent in the reconcilers and the API calls made; and the
 * heap the operator holds with {@value #APPS} ManagedApps. A main, not a test: it asserts nothing
 * about the figures. README.md ("Benchmark") quotes them with the command that runs it.
 */
public final class OperatorBenchmark {
  private static final int WARM_UP = 2;
  private static final int UPGRADES = 10;
  private static final int APPS = 500;
  private static final String APP_PREFIX = "bench-";
  private static final Duration OPERATION = Duration.ofSeconds(90);
  private static final Duration FIRST_PASS = Duration.ofMinutes(10);

  private OperatorBenchmark() {}

  /**
   * Exits when done: clients' event-loop threads outlive their close and would keep exec:java
   * waiting.
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("hm-operator-bench");
    int status = 1;
    try {
      System.out.println(
          Runtime.version()
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " cores, max heap "
              + mib(Runtime.getRuntime().maxMemory())
              + " MiB");
      upgrades(work.resolve("upgrades"));
      manyApps(work.resolve("apps"));
      status = 0;
    } catch (Exception | Error failed) {
      failed.printStackTrace();
    } finally {
      FileUtils.delete(work.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
      System.out.flush();
      System.exit(status);
    }
  }

  /**
   * One measured upgrade: what the operator did between its creation and its finalizer's removal.
   */
  private record Upgrade(
      double wallMillis,
      int transitions,
      List<ReconcileTimings.Execution> reconciles,
      List<String> calls) {
    double perTransition(double total) {
      return total / transitions;
    }

    double reconcilerMillis(Function<ReconcileTimings.Execution, Long> nanos) {
      return reconciles.stream().mapToLong(nanos::apply).sum() / 1e6;
    }
  }

  private static void upgrades(Path work) throws Exception {
    ReconcileTimings timings = new ReconcileTimings();
    List<Upgrade> measured = new ArrayList<>();
    try (OperatorCluster cluster = new OperatorCluster(work)) {
      new FleetApps(cluster).web("1.0.0", "1m", true);
      cluster.stopOperator();
      cluster.startOperator(timings.metrics());
      Requests requests = new Requests(cluster.client);
      for (int i = 0; i < WARM_UP + UPGRADES; i++) {
        String name = "upgrade-" + i;
        recordedCalls(cluster);
        timings.drain();
        long start = System.nanoTime();
        requests.upgrade(WEB_NAMESPACE, name, WEB, "1." + (i + 1) + ".0", false, false);
        UpgradeRequest done =
            await(
                requests.upgrade(WEB_NAMESPACE, name),
                r -> finished().test(r) && r.getMetadata().getFinalizers().isEmpty(),
                OPERATION);
        double wall = (System.nanoTime() - start) / 1e6;
        if (!"Completed".equals(done.getStatus().phase())) {
          throw new IllegalStateException(
              name + " ended " + done.getStatus().phase() + ": " + done.getStatus().message());
        }
        Upgrade upgrade =
            new Upgrade(
                wall, done.getStatus().history().size(), timings.drain(), recordedCalls(cluster));
        if (i >= WARM_UP) {
          measured.add(upgrade);
        }
      }
    }
    reportUpgrades(measured);
  }

  private static void reportUpgrades(List<Upgrade> runs) {
    System.out.printf(
        "%n## %d upgrades of the Kustomization app web (after %d warm-up), %d phase transitions each%n",
        runs.size(), WARM_UP, runs.get(0).transitions());
    System.out.println("| per phase transition | median | p90 |");
    System.out.println("|---|---|---|");
    row(
        "time in the reconcilers (ms)",
        runs,
        u -> u.perTransition(u.reconcilerMillis(ReconcileTimings.Execution::reconcilerNanos)));
    row(
        "time in reconcile executions incl. the SDK's patches (ms)",
        runs,
        u -> u.perTransition(u.reconcilerMillis(ReconcileTimings.Execution::executionNanos)));
    row("API calls by the operator", runs, u -> u.perTransition(u.calls().size()));
    row("reconciles", runs, u -> u.perTransition(u.reconciles().size()));
    System.out.println("| **per upgrade** | | |");
    row("wall time, request created to finalizer removed (ms)", runs, Upgrade::wallMillis);
    row(
        "time in the reconcilers (ms)",
        runs,
        u -> u.reconcilerMillis(ReconcileTimings.Execution::reconcilerNanos));
    row("API calls by the operator", runs, u -> (double) u.calls().size());

    System.out.println(
        "\nPer upgrade, by the phase the reconcile stepped (ManagedApp: the app's status reconciles):");
    System.out.println(
        "| stepped | reconciles (median) | in the reconciler, ms (median) | whole execution, ms (median) |");
    System.out.println("|---|---|---|---|");
    Set<String> stepped =
        new TreeSet<>(Comparator.comparingInt(OperatorBenchmark::phaseOrder).thenComparing(s -> s));
    runs.forEach(u -> u.reconciles().forEach(r -> stepped.add(r.stepped())));
    for (String phase : stepped) {
      Function<Upgrade, List<ReconcileTimings.Execution>> of =
          u -> u.reconciles().stream().filter(r -> r.stepped().equals(phase)).toList();
      System.out.printf(
          "| %s | %.0f | %.1f | %.1f |%n",
          phase,
          median(runs.stream().map(u -> (double) of.apply(u).size()).toList()),
          median(
              runs.stream()
                  .map(
                      u ->
                          of.apply(u).stream()
                                  .mapToLong(ReconcileTimings.Execution::reconcilerNanos)
                                  .sum()
                              / 1e6)
                  .toList()),
          median(
              runs.stream()
                  .map(
                      u ->
                          of.apply(u).stream()
                                  .mapToLong(ReconcileTimings.Execution::executionNanos)
                                  .sum()
                              / 1e6)
                  .toList()));
    }

    System.out.println("\nAPI calls per upgrade, by RBAC rule (median over the upgrades):");
    Set<String> rules = new TreeSet<>();
    runs.forEach(u -> rules.addAll(u.calls()));
    Map<String, Double> medians = new TreeMap<>();
    for (String rule : rules) {
      medians.put(
          rule,
          median(
              runs.stream()
                  .map(u -> (double) u.calls().stream().filter(rule::equals).count())
                  .toList()));
    }
    medians.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(
            Map.Entry.<String, Double>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> System.out.printf("  %4.0f  %s%n", e.getValue(), e.getKey()));
  }

  private static void row(String what, List<Upgrade> runs, Function<Upgrade, Double> sample) {
    List<Double> samples = runs.stream().map(sample).toList();
    System.out.printf("| %s | %.1f | %.1f |%n", what, median(samples), p90(samples));
  }

  private static final List<String> PHASES =
      List.of(
          "New",
          "Pending",
          "Suspend",
          "ScaleDown",
          "Snapshot",
          "GitCommit",
          "Reconcile",
          "HealthCheck");

  private static int phaseOrder(String stepped) {
    int at = PHASES.indexOf(stepped);
    return at < 0 ? PHASES.size() : at;
  }

  /**
   * The heap the operator holds for {@value #APPS} ManagedApps (all on the app web): the process's
   * heap after a full GC with the operator running minus the same before it started, the apps
   * already on the API server in both; and the time its first pass took to give every app a status.
   */
  private static void manyApps(Path work) throws Exception {
    try (OperatorCluster cluster = new OperatorCluster(work)) {
      new FleetApps(cluster).web("1.0.0", "1m", true);
      cluster.stopOperator();
      for (int i = 0; i < APPS; i++) {
        cluster.managedApp(
            WEB_NAMESPACE,
            APP_PREFIX + "%03d".formatted(i),
            new ManagedAppSpec.Flux(inFluxSystem(WEB), null),
            cluster.gitLocation(WEB_FILE, "images[name=web].newTag"),
            "1m",
            true);
      }
      recordedCalls(cluster);
      long before = settledHeap();

      long start = System.nanoTime();
      cluster.startOperator();
      awaitStatuses(cluster.client.resources(ManagedApp.class).inNamespace(WEB_NAMESPACE));
      double firstPass = (System.nanoTime() - start) / 1e9;
      int calls = recordedCalls(cluster).size();
      long running = settledHeap();

      cluster.stopOperator();
      recordedCalls(cluster);
      long stopped = settledHeap();

      System.out.printf("%n## %d ManagedApps%n", APPS);
      System.out.printf(
          "first pass, operator start to a status on every app: %.1f s, %d API calls by the operator%n",
          firstPass, calls);
      System.out.printf(
          "heap after full GC: %d MiB before the operator started, %d MiB with it running, %d MiB after it stopped%n",
          mib(before), mib(running), mib(stopped));
      // After the stop, the statuses the mock API server now stores and process-wide caches
      // (JGit's) remain.
      System.out.printf(
          "operator's heap with %d apps: %d MiB (running - before); %d MiB freed when it stopped%n",
          APPS, mib(running - before), mib(running - stopped));
    }
  }

  /** Waits, woken by a watch opened before the list, until every benchmark app has a status. */
  private static void awaitStatuses(
      NonNamespaceOperation<ManagedApp, KubernetesResourceList<ManagedApp>, Resource<ManagedApp>>
          apps)
      throws Exception {
    Set<String> withStatus = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> all = new CompletableFuture<>();
    Watch watch =
        apps.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, ManagedApp app) {
                note(app);
              }

              @Override
              public void onClose(WatcherException cause) {
                all.completeExceptionally(cause);
              }

              private void note(ManagedApp app) {
                if (app.getMetadata().getName().startsWith(APP_PREFIX) && app.getStatus() != null) {
                  withStatus.add(app.getMetadata().getName());
                }
                if (withStatus.size() == APPS) {
                  all.complete(null);
                }
              }
            });
    try {
      for (ManagedApp app : apps.list().getItems()) {
        if (app.getMetadata().getName().startsWith(APP_PREFIX) && app.getStatus() != null) {
          withStatus.add(app.getMetadata().getName());
        }
      }
      if (withStatus.size() < APPS) {
        all.get(FIRST_PASS.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      watch.close();
    }
  }

  /**
   * The operator's calls recorded since the last call, as RBAC rules; the sandbox's are dropped.
   */
  private static List<String> recordedCalls(OperatorCluster cluster) throws InterruptedException {
    List<String> calls = new ArrayList<>();
    for (RecordedRequest request;
        (request =
                cluster.sandbox.apiServer().mock().orElseThrow().takeRequest(0, TimeUnit.SECONDS))
            != null; ) {
      if (OperatorCluster.OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
        ApiCall.of(request.getMethod(), URI.create(request.getPath()))
            .map(ApiCall::rule)
            .ifPresent(calls::add);
      }
    }
    return calls;
  }

  /** Heap in use after full collections, so what is left is what is still referenced. */
  private static long settledHeap() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long mib(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }
}
