package io.harbormaster.sandbox.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitServerTest {
  private static final String TOKEN = "t0ken-that-stays-secret";

  @TempDir Path temp;

  @Test
  void servesClonesAndTakesPushesWithoutAuthentication() throws Exception {
    try (GitServer server = GitServer.start(temp.resolve("server"));
        BareRepository app = server.create("app.git")) {
      ObjectId seed =
          app.commit(
              "main",
              Map.of("apps/web/kustomization.yaml", "images: []\n", "README.md", "hi\n"),
              "seed");

      try (Git clone =
          Git.cloneRepository()
              .setURI(server.url("app.git"))
              .setDirectory(temp.resolve("clone").toFile())
              .call()) {
        assertThat(clone.getRepository().resolve("HEAD")).isEqualTo(seed);
        Files.writeString(temp.resolve("clone/README.md"), "changed\n");
        clone.commit().setAll(true).setMessage("edit").setAuthor("me", "me@example.com").call();
        clone.push().call();
      }

      assertThat(app.read("main", "README.md")).isEqualTo("changed\n");
      assertThat(app.read("main", "apps/web/kustomization.yaml")).isEqualTo("images: []\n");
      assertThat(app.log("main"))
          .extracting(RevCommit::getShortMessage)
          .containsExactly("edit", "seed");
      assertThat(app.tip("main")).isEqualTo(app.log("main").get(0).getId());
    }
  }

  @Test
  void everyBranchMovedByAClientsPushOrADirectCommitIsAnnouncedAsAPushWebhookWould()
      throws Exception {
    try (GitServer server = GitServer.start(temp.resolve("server"));
        BareRepository app = server.create("app.git")) {
      BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();
      server.onPush(pushes::add);
      ObjectId seed = app.commit("main", Map.of("web/web.yaml", "kind: Deployment\n"), "seed");
      ObjectId pushed;
      try (Git clone =
          Git.cloneRepository()
              .setURI(server.url("app.git"))
              .setDirectory(temp.resolve("clone").toFile())
              .call()) {
        Files.writeString(temp.resolve("clone/web/web.yaml"), "kind: Service\n");
        pushed =
            clone
                .commit()
                .setAll(true)
                .setMessage("edit")
                .setAuthor("me", "me@example.com")
                .call()
                .getId();
        clone.push().call();
      }

      // JGit runs the hook once it has answered the push: wait for it.
      assertThat(pushes.poll(10, TimeUnit.SECONDS))
          .isEqualTo(new Push("app.git", "main", seed.name()));
      assertThat(pushes.poll(10, TimeUnit.SECONDS))
          .isEqualTo(new Push("app.git", "main", pushed.name()));
      assertThat(app.files(seed.name(), "web"))
          .containsExactly(Map.entry("web.yaml", "kind: Deployment\n"));
      assertThat(app.files(pushed.name(), ""))
          .containsExactly(Map.entry("web/web.yaml", "kind: Service\n"));
    }
  }

  @Test
  void laterCommitsKeepTheOtherFilesAndAreBySomeoneElse() {
    try (GitServer server = GitServer.start(temp.resolve("server"));
        BareRepository app = server.create("app.git")) {
      ObjectId seed = app.commit("main", Map.of("a.yaml", "a: 1\n", "b.yaml", "b: 1\n"), "seed");
      ObjectId edit = app.commit("main", Map.of("a.yaml", "a: 2\n"), "edit");

      assertThat(app.read("main", "a.yaml")).isEqualTo("a: 2\n");
      assertThat(app.read("main", "b.yaml")).isEqualTo("b: 1\n");
      RevCommit tip = app.log("main").get(0);
      assertThat(tip.getId()).isEqualTo(edit);
      assertThat(tip.getParent(0).getId()).isEqualTo(seed);
      assertThat(tip.getAuthorIdent().getEmailAddress())
          .isEqualTo(BareRepository.SOMEONE.getEmailAddress());
    }
  }

  @Test
  void aMissingOrWrongTokenIsRefusedAndTheRightOneLetsIn() throws Exception {
    try (GitServer server = GitServer.start(temp.resolve("server"), "git", TOKEN);
        BareRepository app = server.create("app.git")) {
      app.commit("main", Map.of("README.md", "hi\n"), "seed");
      assertThat(server.url("app.git"))
          .as("a token travels only over TLS")
          .startsWith("https://127.0.0.1:");

      assertThatThrownBy(() -> cloneWith(server, null, "anonymous"))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("Authentication is required");
      assertThatThrownBy(
              () ->
                  cloneWith(
                      server, new UsernamePasswordCredentialsProvider("git", "wrong"), "wrong"))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("not authorized");
      assertThatThrownBy(
              () ->
                  cloneWith(
                      server, new UsernamePasswordCredentialsProvider("other", TOKEN), "other"))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("not authorized");

      cloneWith(server, new UsernamePasswordCredentialsProvider("git", TOKEN), "right");
      assertThat(temp.resolve("right/README.md")).hasContent("hi");
    }
  }

  @Test
  void aNameOutsideTheFolderIsNeitherCreatedNorServed() throws Exception {
    BareRepository.create(temp.resolve("outside.git")).close();
    try (GitServer server = GitServer.start(temp.resolve("server"))) {
      assertThatThrownBy(() -> server.create("../escape.git"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'../escape.git' is not a folder inside");
      assertThatThrownBy(
              () ->
                  Git.cloneRepository()
                      .setURI(server.url("../outside.git"))
                      .setDirectory(temp.resolve("escape").toFile())
                      .call()
                      .close())
          .isInstanceOf(InvalidRemoteException.class)
          .hasStackTraceContaining("not found");
      assertThatThrownBy(
              () ->
                  Git.cloneRepository()
                      .setURI(server.url("missing.git"))
                      .setDirectory(temp.resolve("missing").toFile())
                      .call()
                      .close())
          .isInstanceOf(InvalidRemoteException.class)
          .hasStackTraceContaining("not found");
    }
  }

  @Test
  void aRepositoryIsCreatedOnce() {
    try (GitServer server = GitServer.start(temp.resolve("server"));
        BareRepository app = server.create("app.git")) {
      assertThatThrownBy(() -> server.create("app.git"))
          .hasMessageContaining("repository 'app.git' exists already");
    }
  }

  @Test
  void aTlsServerIsTrustedOnlyThroughItsCa() throws Exception {
    try (GitServer server = GitServer.start(temp.resolve("server"), "git", TOKEN);
        GitServer other = GitServer.start(temp.resolve("other"), "git", TOKEN);
        BareRepository app = server.create("app.git")) {
      app.commit("main", Map.of("README.md", "hi\n"), "seed");

      assertThatThrownBy(
              () ->
                  Git.cloneRepository()
                      .setURI(server.url("app.git"))
                      .setCredentialsProvider(new UsernamePasswordCredentialsProvider("git", TOKEN))
                      .setDirectory(temp.resolve("untrusted").toFile())
                      .call()
                      .close())
          .as("the JVM's authorities do not know the server's CA")
          .isInstanceOf(TransportException.class);
      assertThat(other.caCertificate())
          .as("each server has its own CA")
          .isNotEqualTo(server.caCertificate());
      assertThat(server.root()).isEqualTo(temp.resolve("server"));
    }
  }

  private void cloneWith(GitServer server, CredentialsProvider credentials, String folder)
      throws Exception {
    Git.cloneRepository()
        .setURI(server.url("app.git"))
        .setTransportConfigCallback(
            transport -> ((TransportHttp) transport).setHttpConnectionFactory(trusting(server)))
        .setCredentialsProvider(credentials)
        .setDirectory(temp.resolve(folder).toFile())
        .call()
        .close();
  }

  /**
   * JGit's HTTP connections trusting only {@code server}'s CA (a plain factory: JGit's session
   * would reset it).
   */
  private static HttpConnectionFactory trusting(GitServer server) {
    return new HttpConnectionFactory() {
      @Override
      public HttpConnection create(URL url) throws IOException {
        return create(url, null);
      }

      @Override
      public HttpConnection create(URL url, Proxy proxy) throws IOException {
        HttpConnection connection = new JDKHttpConnectionFactory().create(url, proxy);
        try {
          KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
          trusted.load(null, null);
          trusted.setCertificateEntry(
              "ca",
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          server.caCertificate().getBytes(StandardCharsets.US_ASCII))));
          TrustManagerFactory factory =
              TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          factory.init(trusted);
          connection.configure(null, factory.getTrustManagers(), null);
          return connection;
        } catch (GeneralSecurityException e) {
          throw new IOException(e);
        }
      }
    };
  }
}
