package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.redaction.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Applies one operation's credentials to JGit transports. An SSH key and its known hosts are
 * written to a private scratch folder (owner-only) for the operation and deleted on {@link
 * #close()}; the SSH config there sets {@code StrictHostKeyChecking yes}, so an unknown or changed
 * host key is refused.
 */
public final class TransportAuth implements TransportConfigCallback, AutoCloseable {
  private final Optional<GitCredentials> credentials;
  private final Redactor redactor;
  private final Path scratch;
  private final SshdSessionFactory sshFactory;

  private TransportAuth(
      Optional<GitCredentials> credentials, Path scratch, SshdSessionFactory sshFactory) {
    this.credentials = credentials;
    List<String> secrets = credentials.map(GitCredentials::secrets).orElse(List.of());
    // Whatever later quotes them (a log line, a status) masks them too, not only this operation's
    // messages.
    Redaction.remember(secrets);
    this.redactor = Redactor.of(secrets);
    this.scratch = scratch;
    this.sshFactory = sshFactory;
  }

  /**
   * The credentials {@code source} gives for {@code location}, refused before any connection when
   * they would travel unencrypted: whoever may edit the location must not be able to point it at a
   * listener that reads them. This is the one gate every git call passes, whatever the source.
   *
   * @throws io.harbormaster.core.model.InvalidSpecException naming spec.git.repository
   */
  public static TransportAuth open(
      GitLocation location, CredentialsSource source, Path scratchParent) {
    Optional<GitCredentials> credentials = source.credentialsFor(location);
    if (credentials.isPresent()) {
      location
          .url()
          .requireEncryptedFor(
              "git credentials (spec.git.credentialsSecret, or HM_GIT_* with hm --local)");
    }
    return open(credentials, scratchParent);
  }

  /**
   * {@code scratchParent} receives the SSH files; it should be on a disk only this process reads.
   */
  public static TransportAuth open(Optional<GitCredentials> credentials, Path scratchParent) {
    if (credentials.isPresent() && credentials.get() instanceof SshKey key) {
      Path scratch = sshFiles(key, scratchParent);
      try {
        return new TransportAuth(credentials, scratch, sshFactory(key, scratch));
      } catch (RuntimeException e) {
        deleteTree(scratch);
        throw e;
      }
    }
    return new TransportAuth(credentials, null, null);
  }

  public Redactor redactor() {
    return redactor;
  }

  /**
   * What to change when the failure is the server and the SSH credentials not agreeing (host key
   * not trusted, key not accepted); empty for any other failure.
   */
  public Optional<String> refusal(String url, Throwable failure) {
    if (credentials.isPresent() && credentials.get() instanceof SshKey key) {
      try {
        return SshRefusals.explain(key, new URIish(url), failure);
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public void configure(Transport transport) {
    if (credentials.isEmpty()) {
      return;
    }
    boolean ssh = transport instanceof SshTransport;
    if (credentials.get() instanceof HttpsToken token) {
      if (ssh) {
        throw new GitOpsException(
            "the repository is reached over SSH but its credentials hold an HTTPS token; "
                + "use an https:// URL or give an SSH key");
      }
      transport.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(token.username(), token.token()));
      if (token.caCertificate().isPresent() && transport instanceof TransportHttp http) {
        http.setHttpConnectionFactory(new CaTrustingConnections(token.caCertificate().get()));
      }
    } else if (ssh) {
      ((SshTransport) transport).setSshSessionFactory(sshFactory);
    } else {
      throw new GitOpsException(
          "the repository is reached over "
              + transport.getURI().getScheme()
              + " but its credentials hold an SSH key; use an ssh:// URL or give an HTTPS token");
    }
  }

  @Override
  public void close() {
    if (sshFactory != null) {
      sshFactory.close();
    }
    if (scratch != null) {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(TransportAuth::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete SSH scratch files in " + dir, e);
    }
  }

  private static Path sshFiles(SshKey key, Path parent) {
    Path dir;
    try {
      Files.createDirectories(parent);
      dir =
          Files.createTempDirectory(
              parent,
              "ssh-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an SSH scratch folder under " + parent, e);
    }
    try {
      writeOwnerOnly(
          dir.resolve("identity"),
          key.privateKey().endsWith("\n") ? key.privateKey() : key.privateKey() + "\n");
      writeOwnerOnly(dir.resolve("known_hosts"), key.knownHosts());
      writeOwnerOnly(
          dir.resolve("config"),
          String.join(
              "\n",
              "Host *",
              "  StrictHostKeyChecking yes",
              "  UserKnownHostsFile " + dir.resolve("known_hosts"),
              "  GlobalKnownHostsFile /dev/null",
              "  IdentityFile " + dir.resolve("identity"),
              "  IdentitiesOnly yes",
              "  IdentityAgent none",
              "  PreferredAuthentications publickey",
              ""));
      return dir;
    } catch (IOException e) {
      deleteTree(dir); // a half-written folder may already hold the key
      throw new UncheckedIOException("cannot write SSH scratch files in " + dir, e);
    }
  }

  private static SshdSessionFactory sshFactory(SshKey key, Path dir) {
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(dir.toFile())
        .setSshDirectory(dir.toFile())
        .setConfigFile(ignored -> dir.resolve("config").toFile())
        .setDefaultKnownHostsFiles(ignored -> List.of(dir.resolve("known_hosts")))
        .setDefaultIdentities(ignored -> List.of(dir.resolve("identity")))
        .setPreferredAuthentications("publickey")
        .setKeyPasswordProvider(provider -> new Passphrase(key.passphrase()))
        .build(new JGitKeyCache());
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /** Answers the key's passphrase once; a wrong one fails instead of prompting. */
  private static final class Passphrase implements KeyPasswordProvider {
    private final Optional<String> passphrase;

    Passphrase(Optional<String> passphrase) {
      this.passphrase = passphrase;
    }

    @Override
    public char[] getPassphrase(URIish uri, int attempt) {
      return passphrase.map(String::toCharArray).orElse(null);
    }

    @Override
    public void setAttempts(int maxNumberOfAttempts) {
      // one attempt: there is nobody to ask again
    }

    @Override
    public boolean keyLoaded(URIish uri, int attempt, Exception error) {
      return false;
    }
  }
}
