package io.harbormaster.testkit;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A kubeconfig file with one context, {@code hm-sandbox}: how {@code hm} is pointed at a sandbox,
 * as at any cluster. It holds a credential, so on POSIX file systems it is readable by its owner
 * only (0600), as kubectl writes its own.
 */
public final class Kubeconfig {
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private Kubeconfig() {}

  /**
   * Writes {@code file} so that its current context reaches the API server of {@code client} in
   * {@code namespace}, with its certificate files when it has them (a real API server), else its
   * bearer token or, without one, the word {@code sandbox} (the mock accepts any token). The text
   * goes to a new file created 0600 beside it, which then replaces {@code file}: no moment exists
   * when others could read the credential, even when an older, wider file was there.
   */
  public static Path write(Path file, Config client, String namespace) {
    String cluster =
        client.getCaCertFile() == null
            ? "server: " + client.getMasterUrl()
            : "server: "
                + client.getMasterUrl()
                + "\n    certificate-authority: "
                + client.getCaCertFile();
    String user =
        client.getClientCertFile() == null
            ? "token: " + (client.getOauthToken() == null ? "sandbox" : client.getOauthToken())
            : "client-certificate: "
                + client.getClientCertFile()
                + "\n    client-key: "
                + client.getClientKeyFile();
    String text =
        """
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
          """
            .formatted(cluster, user, namespace);
    try {
      Path folder = file.toAbsolutePath().getParent();
      boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
      Path fresh =
          posix
              ? Files.createTempFile(folder, file.getFileName() + ".", ".tmp", OWNER_ONLY)
              : Files.createTempFile(folder, file.getFileName() + ".", ".tmp");
      try {
        Files.writeString(fresh, text, StandardCharsets.UTF_8);
        Files.move(
            fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(fresh);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write a kubeconfig to " + file + ": " + e.getMessage(), e);
    }
  }
}
