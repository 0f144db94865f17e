package io.harbormaster.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.harbormaster.api.crd.ManagedAppSpec;
import io.harbormaster.api.crd.NamespacedName;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.embedded.ImmutableOperatorOptions;
import io.harbormaster.embedded.OperatorOptions;
import io.harbormaster.embedded.runtime.OperatorMetrics;
import io.harbormaster.operator.deploy.DeployManifests;
import io.harbormaster.operator.deploy.DeployedRbac;
import io.harbormaster.operator.runtime.OperatorSettings;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import io.harbormaster.sandbox.storage.SandboxStorage;
import io.harbormaster.testkit.HarbormasterSandbox;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator as deployed, running in-process on the testkit's {@link HarbormasterSandbox} (the
 * mock or the real API server as {@code hm.apiServer} says, simulated Flux, workloads and storage,
 * a real git server, Harbormaster's CRDs): on a real API server with deploy/'s RBAC applied and its
 * ServiceAccount's token. Pods of image tag {@link #BROKEN_TAG} never get Ready. The apps are added
 * by {@link FleetApps}.
 */
final class OperatorCluster implements AutoCloseable {
  static final String FLUX_NAMESPACE = SandboxCluster.FLUX_NAMESPACE;
  static final String BRANCH = SandboxCluster.BRANCH;

  /** An image tag whose pods crash-loop: an upgrade to it fails its health check. */
  static final String BROKEN_TAG = "1.6.6";

  static final String OPERATOR_USER_AGENT = "harbormaster-operator";

  static final Duration SIZING_INTERVAL = Duration.ofSeconds(1);

  /** The operator's configuration grants the sample apps their Kustomizations in flux-system. */
  private static final Map<String, String> GRANTS =
      Map.of(Tenancy.GRANTS, SampleApps.NAMESPACE_GRANTS);

  /** Where deploy/ runs the operator and keeps its Lease. */
  static final String LEASE_NAMESPACE = "harbormaster-system";

  /** Who the operator is on a real API server: deploy/'s ServiceAccount. */
  static final String OPERATOR_USER =
      "system:serviceaccount:harbormaster-system:harbormaster-operator";

  private final HarbormasterSandbox harbormaster;
  final SandboxCluster sandbox;
  final KubernetesClient client;
  final GitServer gitServer;
  final BareRepository git;
  final SandboxStorage storage;
  private final Path work;
  private final Clock clock;

  /**
   * deploy/ as rendered and applied on a real API server (nothing on the mock), and the operator's
   * settings from it.
   */
  private final List<HasMetadata> deployed;

  private final OperatorSettings settings;
  private Operator operator;
  private Optional<Interceptor> interceptor = Optional.empty();
  private KubernetesClient operatorClient;
  private int operatorStarts;
  private int wakeups;

  OperatorCluster(Path work) {
    this(work, Clock.systemUTC());
  }

  /**
   * On {@code apiServer}, whatever {@code hm.apiServer} says: for tests of one server's behaviour.
   */
  OperatorCluster(Path work, ApiServerKind apiServer) {
    this(work, Clock.systemUTC(), apiServer);
  }

  /**
   * @param clock the operator's clock, e.g. a {@link
   *     io.harbormaster.core.simulation.SimulatedClock} a test moves past a phase's limit; the
   *     sandbox keeps the system clock
   */
  OperatorCluster(Path work, Clock clock) {
    this(work, clock, ApiServerKind.fromSystemProperties());
  }

  private OperatorCluster(Path work, Clock clock, ApiServerKind apiServer) {
    this(work, clock, apiServer, DeployManifests.DEPLOY);
  }

  /**
   * On a real API server with {@code kubectl kustomize deploy/namespaced} applied: the operator
   * watches {@code apps}, {@code db} and {@code flux-system} and has rights there only.
   */
  static OperatorCluster namespaced(Path work) {
    return new OperatorCluster(
        work, Clock.systemUTC(), ApiServerKind.REAL, DeployManifests.DEPLOY.resolve("namespaced"));
  }

  /**
   * On a real API server with {@code kubectl kustomize deploy/impersonating} applied: the operator
   * acts on each app's objects as the app namespace's ServiceAccount {@code harbormaster}.
   */
  static OperatorCluster impersonating(Path work) {
    return new OperatorCluster(
        work,
        Clock.systemUTC(),
        ApiServerKind.REAL,
        DeployManifests.DEPLOY.resolve("impersonating"));
  }

  /**
   * @param deploy the deploy/ folder applied on a real API server; the operator reads the
   *     environment its Deployment sets (watched namespaces, default ServiceAccount) besides the
   *     sample apps' grants
   */
  private OperatorCluster(Path work, Clock clock, ApiServerKind apiServer, Path deploy) {
    this.work = work;
    this.clock = clock;
    this.deployed = apiServer == ApiServerKind.REAL ? DeployManifests.render(deploy) : List.of();
    Map<String, String> environment = new HashMap<>(GRANTS);
    if (!deployed.isEmpty()) {
      environment.putAll(DeployManifests.operatorEnvironment(deployed));
    }
    this.settings = OperatorSettings.fromEnvironment(environment);
    harbormaster = HarbormasterSandbox.start(work, Set.of(BROKEN_TAG), apiServer);
    sandbox = harbormaster.sandbox();
    client = sandbox.client();
    gitServer = sandbox.gitServer();
    git = sandbox.fleet();
    storage = sandbox.storage();
    try {
      startOperator();
    } catch (RuntimeException e) {
      harbormaster.close();
      throw e;
    }
  }

  /**
   * Starts a new operator, as a new pod would: its own API client and empty git work folder,
   * nothing in memory from an operator before it.
   */
  void startOperator() {
    startOperator(new OperatorMetrics());
  }

  /**
   * As {@link #startOperator()}, every request of the operator passing {@code interceptor} first.
   */
  void startOperator(Interceptor interceptor) {
    this.interceptor = Optional.of(interceptor);
    startOperator();
  }

  /**
   * As {@link #startOperator()}, reporting to {@code metrics} (the benchmark times the reconciles
   * with it).
   */
  void startOperator(OperatorMetrics metrics) {
    operatorClient = operatorClient();
    operator =
        harbormaster.startOperator(
            operatorClient,
            options(work.resolve("operator-git-" + ++operatorStarts)).metrics(metrics).build());
  }

  /**
   * The deployed operator's settings, cloning into {@code gitFolder}, on the operator's clock;
   * storage policies pass every second, as the sandbox's kubelets answer at once.
   */
  private ImmutableOperatorOptions.Builder options(Path gitFolder) {
    return OperatorOptions.builder()
        .git(HarbormasterSandbox.gitSettings(gitFolder))
        .clock(clock)
        .sizingInterval(SIZING_INTERVAL)
        .watchNamespaces(settings.watchNamespaces())
        .tenancy(settings.tenancy());
  }

  /**
   * The operator's own client, named by its User-Agent so RbacTest can tell its calls from the
   * sandbox's. On a real API server it authenticates as deploy/'s ServiceAccount with deploy/'s
   * roles applied, as in a cluster: every e2e test then runs the operator under its RBAC, never as
   * admin.
   */
  private KubernetesClient operatorClient() {
    Optional<RealApiServer> real = sandbox.apiServer().real();
    Config config;
    if (real.isEmpty()) {
      config = sandbox.apiServer().adminConfig();
    } else {
      DeployedRbac.apply(client, deployed);
      config =
          real.get().tokenConfig(DeployedRbac.token(client, DeployedRbac.serviceAccount(deployed)));
    }
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(config).withUserAgent(OPERATOR_USER_AGENT).build())
        .withHttpClientBuilderConsumer(
            http -> interceptor.ifPresent(each -> http.addOrReplaceInterceptor("test", each)))
        .build();
  }

  /**
   * Starts a replica of the operator that competes for the Lease, as deploy/'s two replicas do (the
   * operator the constructor started takes no part: stop it first). Lease timings are short so a
   * takeover takes seconds.
   */
  Replica startReplica(String identity) {
    LeaderElectionConfiguration election =
        new LeaderElectionConfiguration(
            HarbormasterOperator.LEASE,
            LEASE_NAMESPACE,
            Duration.ofSeconds(4),
            Duration.ofSeconds(3),
            Duration.ofMillis(250),
            identity,
            null,
            false);
    KubernetesClient replicaClient = operatorClient();
    Operator replica =
        harbormaster.startOperator(
            replicaClient,
            options(work.resolve("replica-git-" + identity)).leaderElection(election).build());
    return new Replica(identity, replica, replicaClient);
  }

  /** One replica of the operator; {@link #kill()} is its pod dying. */
  record Replica(String identity, Operator operator, KubernetesClient client) {
    void kill() {
      client.close();
      operator.stop();
    }
  }

  /**
   * The operator's pod dies: from now on nothing it still has in flight reaches the API server. Run
   * {@code whileDying} then, e.g. to let a blocked step finish into the void, and stop what is
   * left.
   */
  void killOperator(Runnable whileDying) {
    operatorClient.close();
    whileDying.run();
    operator.stop();
    operator = null;
  }

  /**
   * Wakes the operations running on Deployment {@code namespace/deployment} now, as a change to
   * their workload would: a test that moved the operator's clock has no watch to tell it so.
   */
  void wakeOperationsOf(String namespace, String deployment) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(deployment)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"test.harbormaster.io/woken\":\""
                + ++wakeups
                + "\"}}}");
  }

  /** Stops the operator, if one runs. */
  void stopOperator() {
    if (operator != null) {
      operator.stop();
      operatorClient.close();
      operator = null;
    }
  }

  /** A Kustomization that applies {@code path} of the fleet repository. */
  void kustomization(String name, String path) {
    sandbox.kustomization(name, path);
  }

  Resource<GenericKubernetesResource> flux(
      String apiVersion, String kind, String namespace, String name) {
    return sandbox.fluxObject(apiVersion, kind, namespace, name);
  }

  void managedApp(
      String namespace,
      String name,
      ManagedAppSpec.Flux fluxObjects,
      ManagedAppSpec.Git gitLocation,
      String healthCheckTimeout,
      boolean autoRollback) {
    harbormaster.manage(
        namespace, name, fluxObjects, gitLocation, healthCheckTimeout, autoRollback);
  }

  ManagedAppSpec.Git gitLocation(String filePath, String versionPath) {
    return harbormaster.gitLocation(filePath, versionPath);
  }

  static NamespacedName inFluxSystem(String name) {
    return HarbormasterSandbox.inFluxSystem(name);
  }

  @Override
  public void close() {
    stopOperator();
    harbormaster.close();
  }
}
