package io.harbormaster.gitops;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A real smart-HTTP git server on loopback: JGit's GitServlet in Jetty, serving bare repositories
 * under a folder, with HTTP Basic authentication that accepts one token as the password.
 */
final class GitHttpServer implements AutoCloseable {
  private final BareRepositories repositories;
  private final String token;
  private final Server server;
  private final AtomicReference<PreReceiveHook> preReceive = new AtomicReference<>(PreReceiveHook.NULL);

  GitHttpServer(Path root, String token) throws Exception {
    this.repositories = new BareRepositories(root);
    this.token = token;
    GitServlet git = new GitServlet();
    git.setRepositoryResolver((request, name) -> repositories.open(name));
    git.setReceivePackFactory((request, repository) -> {
      ReceivePack receive = new ReceivePack(repository);
      receive.setPreReceiveHook((rp, commands) -> preReceive.get().onPreReceive(rp, commands));
      return receive;
    });
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(new FilterHolder(basicAuth()), "/*", EnumSet.allOf(jakarta.servlet.DispatcherType.class));
    context.addServlet(new ServletHolder(git), "/git/*");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  /** A new empty bare repository served at {@link #url}. */
  Repository create(String name) throws IOException {
    return repositories.create(name);
  }

  String url(String name) {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/" + name;
  }

  /** Runs before each push's ref updates, e.g. to move the branch under the pusher's feet. */
  void onPreReceive(PreReceiveHook hook) {
    preReceive.set(hook);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private Filter basicAuth() {
    String expected = "Basic " + Base64.getEncoder()
        .encodeToString(("git:" + token).getBytes(StandardCharsets.UTF_8));
    return (request, response, chain) -> {
      if (expected.equals(((HttpServletRequest) request).getHeader("Authorization"))) {
        chain.doFilter(request, response);
      } else {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      }
    };
  }
}
