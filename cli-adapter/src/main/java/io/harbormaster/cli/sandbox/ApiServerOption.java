package io.harbormaster.cli.sandbox;

import io.harbormaster.sandbox.apiserver.ApiServerKind;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --api-server mock|real}: which API server a sandbox of {@code hm demo} or {@code hm
 * sandbox} runs on.
 */
public final class ApiServerOption {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--api-server",
      paramLabel = "KIND",
      defaultValue = "mock",
      description =
          "mock (fabric8's mock API server, the default) or real (a kube-apiserver with etcd, from the binaries"
              + " under $KUBE_API_TEST_DIR or ~/.kubeapitest/k8s/<version>-linux-amd64/).")
  private String value;

  /**
   * The chosen kind; {@code real} only when its binaries are installed.
   *
   * @throws CommandLine.ParameterException naming the option, for an unknown kind or missing
   *     binaries
   */
  public ApiServerKind kind() {
    ApiServerKind kind;
    try {
      kind = ApiServerKind.parse(value);
    } catch (IllegalArgumentException unknown) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--api-server: " + unknown.getMessage());
    }
    if (kind == ApiServerKind.REAL && !RealApiServer.installed()) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(),
          "--api-server real: no kube-apiserver, etcd and kubectl found under $KUBE_API_TEST_DIR or ~/.kubeapitest"
              + " (lay them out in k8s/<version>-linux-amd64/ as fabric8's kube-api-test does), or use --api-server mock");
    }
    return kind;
  }
}
