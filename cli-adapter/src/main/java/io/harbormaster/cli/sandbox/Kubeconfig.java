package io.harbormaster.cli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file with one context, {@code hm-sandbox}: how {@code hm} is pointed at a sandbox, as at any cluster. */
public final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Writes {@code file} so that its current context reaches {@code server} in {@code namespace} with
   * bearer {@code token} (the sandbox's API server accepts any).
   */
  public static Path write(Path file, String server, String namespace, String token) {
    try {
      Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: hm-sandbox
            cluster:
              server: %s
          users:
          - name: hm-sandbox
            user:
              token: %s
          contexts:
          - name: hm-sandbox
            context:
              cluster: hm-sandbox
              user: hm-sandbox
              namespace: %s
          current-context: hm-sandbox
          """.formatted(server, token, namespace));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig to " + file + ": " + e.getMessage(), e);
    }
  }
}
