package io.harbormaster.sandbox.flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A real bare repository on disk and a working clone that writes files, commits and pushes to it.
 */
final class GitFixture implements AutoCloseable {
  private final Path bare;
  private final Git work;

  GitFixture(Path root) {
    try {
      this.bare = root.resolve("fleet.git");
      Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
      this.work =
          Git.init().setInitialBranch("main").setDirectory(root.resolve("work").toFile()).call();
      work.remoteAdd()
          .setName("origin")
          .setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString()))
          .call();
    } catch (GitAPIException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a GitRepository's spec.url names: the bare repository's path. */
  String url() {
    return bare.toString();
  }

  GitFixture write(String path, String content) {
    try {
      Path file = work.getRepository().getWorkTree().toPath().resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GitFixture delete(String path) {
    try {
      Files.delete(work.getRepository().getWorkTree().toPath().resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits every change and pushes main; returns the commit id. */
  String commitAndPush(String message) {
    try {
      work.add().addFilepattern(".").call();
      work.add().setUpdate(true).addFilepattern(".").call();
      String id =
          work.commit()
              .setMessage(message)
              .setAuthor("test", "test@example.com")
              .setCommitter("test", "test@example.com")
              .call()
              .name();
      work.push().setRemote("origin").add("main").call();
      return id;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    work.close();
  }
}
