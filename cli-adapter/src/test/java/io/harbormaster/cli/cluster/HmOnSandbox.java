package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.cli.HmCommand;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.HarbormasterOperator;
import io.harbormaster.operator.crd.InstalledCrds;
import io.harbormaster.operator.crd.ManagedApp;
import io.harbormaster.operator.crd.ManagedAppSpec;
import io.harbormaster.operator.crd.NamespacedName;
import io.harbormaster.sandbox.cluster.SampleApps;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The sandbox cluster as {@code hm} sees a real one: reached through a kubeconfig file (context
 * {@code sandbox}, namespace {@code apps}), Harbormaster's CRDs installed, the sample apps declared by
 * ManagedApps, and, when a test wants one, the operator running in-process with its own client.
 */
final class HmOnSandbox implements AutoCloseable {
  /** Pods of this image tag never get Ready: an upgrade to it fails its health check. */
  static final String BROKEN_TAG = "6.6.6";

  final SandboxCluster sandbox;
  final KubernetesClient client;
  private final Path work;
  private final Path kubeconfig;
  private Operator operator;
  private KubernetesClient operatorClient;

  private HmOnSandbox(Path work, boolean withCrds) {
    this.work = work;
    sandbox = SandboxCluster.start(work, Set.of(BROKEN_TAG));
    client = sandbox.client();
    if (withCrds) {
      InstalledCrds.install(client);
    }
    kubeconfig = kubeconfig(work, sandbox.apiServerUrl());
  }

  static HmOnSandbox start(Path work) {
    return new HmOnSandbox(work, true);
  }

  /** A cluster on which Harbormaster was never installed. */
  static HmOnSandbox withoutCrds(Path work) {
    return new HmOnSandbox(work, false);
  }

  /** The web app (Deployment apps/web, PVC apps/data) at {@code tag}, with its ManagedApp. */
  void web(String tag, String healthCheckTimeout) {
    new SampleApps(sandbox).web(tag);
    managedApp(SampleApps.WEB_NAMESPACE, SampleApps.WEB,
        new ManagedAppSpec.Flux(inFluxSystem(SampleApps.WEB), null),
        gitLocation(SampleApps.WEB_FILE, SampleApps.WEB_VERSION_PATH), healthCheckTimeout);
  }

  /** The postgres HelmRelease db/postgres: StatefulSet of {@code replicas} with a PVC each, and a backup Deployment. */
  void postgres(String chartVersion, int replicas) {
    new SampleApps(sandbox).postgres(chartVersion, replicas);
    managedApp(SampleApps.DB_NAMESPACE, SampleApps.DB,
        new ManagedAppSpec.Flux(inFluxSystem(SampleApps.DB_KUSTOMIZATION), new NamespacedName(SampleApps.DB_NAMESPACE, SampleApps.DB)),
        gitLocation(SampleApps.DB_FILE, SampleApps.DB_VERSION_PATH), "1m");
  }

  void startOperator() {
    operatorClient = sandbox.newClient("harbormaster-operator");
    operator = HarbormasterOperator.create(operatorClient, gitSettings("operator-git"), Clock.systemUTC());
    operator.start();
  }

  /** Runs {@code hm args --kubeconfig <the sandbox's>}. */
  Result hm(String... args) {
    return hmWith(kubeconfig, args);
  }

  /** As {@link #hm}, with {@code --git-workdir} for a {@code --local} run. */
  Result hmLocal(String... args) {
    return hm(Stream.concat(Stream.of(args), Stream.of("--local", "--git-workdir", work.resolve("cli-git").toString()))
        .toArray(String[]::new));
  }

  static Result hmWith(Path kubeconfig, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(Stream.concat(Stream.of(args), Stream.of("--kubeconfig", kubeconfig.toString())).toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** What one run of {@code hm} printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A kubeconfig whose only context, {@code sandbox}, points at {@code server} in namespace apps. */
  static Path kubeconfig(Path folder, String server) {
    Path file = folder.resolve("kubeconfig-" + Math.abs(server.hashCode()));
    try {
      Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: sandbox
            cluster:
              server: %s
              insecure-skip-tls-verify: true
          users:
          - name: tester
            user:
              token: not-a-real-token
          contexts:
          - name: sandbox
            context:
              cluster: sandbox
              user: tester
              namespace: apps
          current-context: sandbox
          """.formatted(server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private void managedApp(String namespace, String name, ManagedAppSpec.Flux flux, ManagedAppSpec.Git git, String healthCheckTimeout) {
    ManagedApp app = new ManagedApp();
    app.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    app.setSpec(new ManagedAppSpec(flux, git, ManagedAppSpec.AutoUpdate.NONE, null, healthCheckTimeout, true));
    client.resource(app).create();
  }

  private ManagedAppSpec.Git gitLocation(String filePath, String versionPath) {
    return new ManagedAppSpec.Git(sandbox.fleetUrl(), SandboxCluster.BRANCH, filePath, versionPath, null, null, null);
  }

  private GitOpsSettings gitSettings(String folder) {
    return GitOpsSettings.builder().workDirectory(work.resolve(folder)).authorName("hm").authorEmail("hm@localhost").build();
  }

  private static NamespacedName inFluxSystem(String name) {
    return new NamespacedName(SandboxCluster.FLUX_NAMESPACE, name);
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.stop();
      operatorClient.close();
    }
    sandbox.close();
  }
}
