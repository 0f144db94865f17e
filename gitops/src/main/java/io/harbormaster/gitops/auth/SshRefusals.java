package io.harbormaster.gitops.auth;

import java.util.Optional;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.eclipse.jgit.transport.URIish;

/**
 * Says what to change when an SSH server and an {@link SshKey} did not agree. The case is told by
 * the SSH disconnect code, not by JGit's (translatable) text; no key material enters a message.
 */
final class SshRefusals {
  private static final int DEFAULT_PORT = 22;

  private SshRefusals() {}

  static Optional<String> explain(SshKey key, URIish uri, Throwable failure) {
    int code = disconnectCode(failure);
    if (code == SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE) {
      return Optional.of(hostKeyNotTrusted(key, uri));
    }
    if (code == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
      return Optional.of(
          "the SSH server did not accept the private key in identity"
              + (uri.getUser() == null ? "" : " for user '" + uri.getUser() + "'")
              + ": give a key whose public key the server lets push (e.g. a deploy key with write access)");
    }
    return Optional.empty();
  }

  private static String hostKeyNotTrusted(SshKey key, URIish uri) {
    int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
    String host = port == DEFAULT_PORT ? uri.getHost() : "[" + uri.getHost() + "]:" + port;
    String keyscan =
        "ssh-keyscan " + (port == DEFAULT_PORT ? "" : "-p " + port + " ") + uri.getHost();
    if (KnownHosts.parse(key.knownHosts()).names(uri.getHost(), port)) {
      return "the SSH server's host key is not trusted: it is not the key known_hosts gives for "
          + host
          + ". If the server's key was changed on purpose, replace that line of known_hosts with the new one ("
          + keyscan
          + ", its fingerprint checked with the server's owner); otherwise someone may be in between";
    }
    return "the SSH server's host key is not trusted: known_hosts has no line for "
        + host
        + ". Add the server's host key line to known_hosts ("
        + keyscan
        + ", its fingerprint checked against the one the git host publishes)";
  }

  private static int disconnectCode(Throwable failure) {
    for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SshException ssh && ssh.getDisconnectCode() != 0) {
        return ssh.getDisconnectCode();
      }
    }
    return 0;
  }
}
