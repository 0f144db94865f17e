package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.cli.HmCommand;
import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.cluster.SandboxCluster;
import io.harbormaster.testkit.HarbormasterSandbox;
import io.harbormaster.testkit.Kubeconfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The sandbox cluster as {@code hm} sees a real one: reached through a kubeconfig file (namespace
 * {@code apps}), Harbormaster's CRDs installed, the sample apps declared by ManagedApps, and, when
 * a test wants one, the operator running in-process with its own client.
 */
final class HmOnSandbox implements AutoCloseable {
  /** Pods of this image tag never get Ready: an upgrade to it fails its health check. */
  static final String BROKEN_TAG = HarbormasterSandbox.BROKEN_TAG;

  /** The mock's kubeconfig carries this token; no output may show it. */
  static final String SECRET_TOKEN = "not-a-real-token";

  final SandboxCluster sandbox;
  final KubernetesClient client;
  private final HarbormasterSandbox harbormaster;
  private final Path work;
  private final Path kubeconfig;

  private HmOnSandbox(Path work, HarbormasterSandbox harbormaster) {
    this.work = work;
    this.harbormaster = harbormaster;
    sandbox = harbormaster.sandbox();
    client = harbormaster.client();
    kubeconfig =
        sandbox.apiServer().kind() == ApiServerKind.REAL
            ? Kubeconfig.write(
                work.resolve("kubeconfig-admin"), sandbox.apiServer().adminConfig(), "apps")
            : kubeconfig(work, sandbox.apiServerUrl());
  }

  static HmOnSandbox start(Path work) {
    return new HmOnSandbox(work, HarbormasterSandbox.start(work, Set.of(BROKEN_TAG)));
  }

  /**
   * A cluster on which Harbormaster was never installed: a real API server shared by the tests
   * keeps the CRDs an earlier test installed, so they are deleted first.
   */
  static HmOnSandbox withoutCrds(Path work) {
    HmOnSandbox bare =
        new HmOnSandbox(work, HarbormasterSandbox.withoutCrds(work, Set.of(BROKEN_TAG)));
    for (Class<? extends HasMetadata> resource :
        List.of(ManagedApp.class, UpgradeRequest.class, RollbackRequest.class)) {
      var crd =
          bare.client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(HasMetadata.getFullResourceName(resource));
      crd.delete();
      AwaitCondition.until(crd, Objects::isNull, Duration.ofSeconds(30));
    }
    return bare;
  }

  /** The web app (Deployment apps/web, PVC apps/data) at {@code tag}, with its ManagedApp. */
  void web(String tag, String healthCheckTimeout) {
    harbormaster.web(tag, healthCheckTimeout);
  }

  /**
   * The postgres HelmRelease db/postgres: StatefulSet of {@code replicas} with a PVC each, and a
   * backup Deployment.
   */
  void postgres(String chartVersion, int replicas) {
    harbormaster.postgres(chartVersion, replicas, "1m");
  }

  void startOperator() {
    harbormaster.startOperator();
  }

  /** Runs {@code hm args --kubeconfig <the sandbox's>}. */
  Result hm(String... args) {
    return hmWith(kubeconfig, args);
  }

  /** As {@link #hm}, with {@code --git-workdir} for a {@code --local} run. */
  Result hmLocal(String... args) {
    return hm(
        Stream.concat(
                Stream.of(args),
                Stream.of("--local", "--git-workdir", work.resolve("cli-git").toString()))
            .toArray(String[]::new));
  }

  static Result hmWith(Path kubeconfig, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HmCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            Stream.concat(Stream.of(args), Stream.of("--kubeconfig", kubeconfig.toString()))
                .toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  /** What one run of {@code hm} printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A kubeconfig pointing at {@code server} in namespace apps, with a token no output may show. */
  static Path kubeconfig(Path folder, String server) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server)
            .withOauthToken(SECRET_TOKEN)
            .build();
    return Kubeconfig.write(
        folder.resolve("kubeconfig-" + Math.abs(server.hashCode())), config, "apps");
  }

  @Override
  public void close() {
    harbormaster.close();
  }
}
