package io.harbormaster.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;

/** One bare repository served over smart HTTP on loopback (JGit's GitServlet in Jetty), pushes allowed. */
final class LoopbackGitServer implements AutoCloseable {
  static final String BRANCH = "main";

  private final Path gitDir;
  private final Repository repository;
  private final Server server;

  /** Serves a repository whose first commit holds {@code content} at {@code dir/file}. */
  LoopbackGitServer(Path root, String dir, String file, String content) throws Exception {
    gitDir = root.resolve("app.git");
    repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
    repository.create(true);
    seed(dir, file, content);
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(
        (request, name) -> {
          if (!name.equals("app.git")) {
            throw new RepositoryNotFoundException(name);
          }
          try {
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
          } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
          }
        });
    git.setReceivePackFactory((request, repo) -> new ReceivePack(repo));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(git), "/git/*");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/app.git";
  }

  ObjectId tip() throws IOException {
    return repository.resolve(Constants.R_HEADS + BRANCH);
  }

  @Override
  public void close() throws Exception {
    server.stop();
    repository.close();
  }

  private void seed(String dir, String file, String content) throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      TreeFormatter inner = new TreeFormatter();
      inner.append(file, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
      TreeFormatter top = new TreeFormatter();
      top.append(dir, FileMode.TREE, inserter.insert(inner));
      CommitBuilder commit = new CommitBuilder();
      PersonIdent author = new PersonIdent("test", "test@localhost");
      commit.setAuthor(author);
      commit.setCommitter(author);
      commit.setMessage("seed");
      commit.setTreeId(inserter.insert(top));
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef(Constants.R_HEADS + BRANCH);
      update.setNewObjectId(id);
      update.update();
      repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + BRANCH);
    }
  }
}
