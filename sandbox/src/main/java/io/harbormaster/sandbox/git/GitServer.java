package io.harbormaster.sandbox.git;

import io.harbormaster.sandbox.tls.TlsCertificates;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A real git server on 127.0.0.1 and an ephemeral port: JGit's smart-HTTP {@link GitServlet} in
 * Jetty, serving the bare repositories under one folder at {@code
 * http://127.0.0.1:<port>/git/<name>}, pushes allowed; or, for clients that send a user name and
 * token by HTTP Basic authentication, only over TLS at {@code https://127.0.0.1:<port>/git/<name>}
 * with a certificate of its own private CA ({@link #caCertificate()}), since credentials are never
 * sent unencrypted. Two servers may serve one folder, e.g. the sandbox's fleet both anonymously and
 * to a token.
 *
 * <pre>{@code
 * try (GitServer git = GitServer.start(folder); BareRepository app = git.create("app.git")) {
 *   app.commit("main", Map.of("apps/web/kustomization.yaml", yaml), "seed");
 *   // clone and push git.url("app.git"); read app.read("main", ...) and app.tip("main")
 * }
 * }</pre>
 */
public final class GitServer implements AutoCloseable {
  private static final String CONTEXT = "/git";

  private final Path root;
  private final BareRepositories repositories;
  private final Server server;
  private final Optional<TlsCertificates> tls;
  private final AtomicReference<PreReceiveHook> preReceive =
      new AtomicReference<>(PreReceiveHook.NULL);
  private final List<Consumer<Push>> pushListeners = new CopyOnWriteArrayList<>();

  private GitServer(Path root, Optional<TokenAuthentication> authentication) throws Exception {
    this.root = root;
    this.repositories = new BareRepositories(root, this::announce);
    this.tls = authentication.map(token -> TlsCertificates.create());
    GitServlet git = new GitServlet();
    git.setRepositoryResolver((request, name) -> repositories.open(name));
    git.setReceivePackFactory(
        (request, repository) -> {
          ReceivePack receive = new ReceivePack(repository);
          receive.setPreReceiveHook(
              (pack, commands) -> preReceive.get().onPreReceive(pack, commands));
          receive.setPostReceiveHook(
              (pack, commands) ->
                  commands.stream()
                      .filter(command -> command.getResult() == ReceiveCommand.Result.OK)
                      .filter(command -> command.getType() != ReceiveCommand.Type.DELETE)
                      .filter(command -> command.getRefName().startsWith(Constants.R_HEADS))
                      .forEach(
                          command ->
                              announce(
                                  new Push(
                                      repositories.nameOf(repository),
                                      command.getRefName().substring(Constants.R_HEADS.length()),
                                      command.getNewId().name()))));
          return receive;
        });
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    authentication.ifPresent(
        filter ->
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.allOf(DispatcherType.class)));
    context.addServlet(new ServletHolder(git), CONTEXT + "/*");
    server = new Server();
    ServerConnector connector =
        tls.map(certificates -> new ServerConnector(server, certificates.serverContext()))
            .orElseGet(() -> new ServerConnector(server));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  /** Serves the repositories under {@code root} to anyone. */
  public static GitServer start(Path root) {
    return start(root, Optional.empty());
  }

  /**
   * Serves the repositories under {@code root} over HTTPS only to clients that authenticate with
   * {@code username} and {@code token} (HTTP Basic); others get 401. Clients trust {@link
   * #caCertificate()}.
   */
  public static GitServer start(Path root, String username, String token) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(token, "token");
    return start(root, Optional.of(new TokenAuthentication(username, token)));
  }

  private static GitServer start(Path root, Optional<TokenAuthentication> authentication) {
    try {
      return new GitServer(root, authentication);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot start the git server for " + root + ": " + e.getMessage(), e);
    }
  }

  /** A new empty bare repository served at {@link #url(String)}; the caller closes it. */
  public BareRepository create(String name) {
    return repositories.create(name);
  }

  /** The clone URL of repository {@code name}. */
  public String url(String name) {
    return (tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + port() + CONTEXT + "/" + name;
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The folder of the repositories it serves. */
  public Path root() {
    return root;
  }

  /**
   * The PEM certificate of the private CA that signed this server's certificate (Flux's {@code
   * ca.crt}); only a server that wants a token has one.
   */
  public String caCertificate() {
    return tls.orElseThrow(
            () ->
                new IllegalStateException(
                    "this git server serves plain HTTP: it has no certificate"))
        .caPem();
  }

  /**
   * Runs before each push's ref updates, e.g. to move a branch under the pusher's feet or refuse
   * the push.
   */
  public void onPreReceive(PreReceiveHook hook) {
    preReceive.set(Objects.requireNonNull(hook, "hook"));
  }

  /**
   * Tells {@code listener} of every branch moved in a repository this server created, by a client's
   * push or a direct {@link BareRepository#commit}: the git host's push webhook a CI pipeline is
   * triggered by. Listeners run on the pushing thread and should return quickly.
   */
  public void onPush(Consumer<Push> listener) {
    pushListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void announce(Push push) {
    pushListeners.forEach(listener -> listener.accept(push));
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the git server", e);
    }
  }
}
