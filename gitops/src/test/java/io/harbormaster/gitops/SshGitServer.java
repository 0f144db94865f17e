package io.harbormaster.gitops;

import io.harbormaster.sandbox.git.BareRepositories;
import io.harbormaster.sandbox.git.BareRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git server over SSH on loopback (Apache MINA SSHD): the given host key, public-key
 * authentication accepting one client key only, and {@code git-upload-pack} / {@code
 * git-receive-pack} served by JGit on bare repositories under a folder.
 */
final class SshGitServer implements AutoCloseable {
  private static final Pattern GIT_COMMAND =
      Pattern.compile("(git-upload-pack|git-receive-pack) '/?([^']+)'");

  private final BareRepositories repositories;
  private final KeyPair hostKey;
  private final SshServer server;

  SshGitServer(Path root, KeyPair hostKey, PublicKey acceptedClientKey) throws IOException {
    this.repositories = new BareRepositories(root);
    this.hostKey = hostKey;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) -> KeyUtils.compareKeys(key, acceptedClientKey));
    server.setCommandFactory((channel, command) -> new GitCommand(command));
    server.start();
  }

  BareRepository create(String name) {
    return repositories.create(name);
  }

  String url(String name) {
    return "ssh://git@127.0.0.1:" + port() + "/" + name;
  }

  int port() {
    return server.getPort();
  }

  /** The known_hosts line for this server, as {@code ssh-keyscan -p <port> 127.0.0.1} prints it. */
  String knownHostsLine() {
    return TestKeys.knownHostsLine(hostPattern(), hostKey);
  }

  KeyPair hostKey() {
    return hostKey;
  }

  /** How known_hosts names this server: a port other than 22 goes in brackets. */
  String hostPattern() {
    return "[127.0.0.1]:" + port();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Runs one pack service over the SSH channel's streams. */
  private final class GitCommand extends AbstractCommandSupport {
    GitCommand(String command) {
      super(command, null);
    }

    @Override
    public void run() {
      Matcher git = GIT_COMMAND.matcher(getCommand());
      if (!git.matches()) {
        fail(127, "unknown command: " + getCommand());
        return;
      }
      try (Repository repository = repositories.open(git.group(2))) {
        if (git.group(1).equals("git-upload-pack")) {
          new UploadPack(repository).upload(getInputStream(), getOutputStream(), getErrorStream());
        } else {
          new ReceivePack(repository)
              .receive(getInputStream(), getOutputStream(), getErrorStream());
        }
        onExit(0);
      } catch (IOException | RuntimeException e) {
        fail(1, String.valueOf(e.getMessage()));
      }
    }

    private void fail(int code, String message) {
      try {
        OutputStream err = getErrorStream();
        err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException e) {
        // the client is gone; the exit code below is all there is left to report
      }
      onExit(code, message);
    }
  }
}
