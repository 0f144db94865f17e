package io.harbormaster.cli.sandbox;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file with one context, {@code hm-sandbox}: how {@code hm} is pointed at a sandbox, as at any cluster. */
public final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Writes {@code file} so that its current context reaches the API server of {@code client} in {@code
   * namespace}, with its certificate files when it has them (a real API server), else its bearer token
   * or, without one, the word {@code sandbox} (the mock accepts any token).
   */
  public static Path write(Path file, Config client, String namespace) {
    String cluster = client.getCaCertFile() == null
        ? "server: " + client.getMasterUrl()
        : "server: " + client.getMasterUrl() + "\n    certificate-authority: " + client.getCaCertFile();
    String user = client.getClientCertFile() == null
        ? "token: " + (client.getOauthToken() == null ? "sandbox" : client.getOauthToken())
        : "client-certificate: " + client.getClientCertFile() + "\n    client-key: " + client.getClientKeyFile();
    try {
      Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: hm-sandbox
            cluster:
              %s
          users:
          - name: hm-sandbox
            user:
              %s
          contexts:
          - name: hm-sandbox
            context:
              cluster: hm-sandbox
              user: hm-sandbox
              namespace: %s
          current-context: hm-sandbox
          """.formatted(cluster, user, namespace));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig to " + file + ": " + e.getMessage(), e);
    }
  }
}
