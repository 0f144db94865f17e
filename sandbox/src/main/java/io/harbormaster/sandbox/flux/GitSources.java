package io.harbormaster.sandbox.flux;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * Plays source-controller: fetches a branch of a git URL (a local path or any URL JGit can fetch)
 * into an in-memory clone kept per URL, and hands out the tip's YAML files. Only the reconcile
 * thread uses it. URLs may carry credentials, so no message it makes holds the URL's user or
 * password.
 */
final class GitSources implements AutoCloseable {
  private final Map<String, Repository> clones = new HashMap<>();

  /**
   * The tip of {@code branch}: its revision as Flux writes it and its YAML files by path.
   *
   * @throws SourceException when the fetch fails or the branch does not exist
   */
  SourceArtifact fetch(String url, String branch) {
    String ref = "refs/heads/" + branch;
    try {
      Repository clone = clone(url);
      Git.wrap(clone).fetch().setRemote(url).setRefSpecs(new RefSpec("+" + ref + ":" + ref)).call();
      ObjectId tip = clone.resolve(ref);
      if (tip == null) {
        throw new IOException("the remote has no branch '" + branch + "'");
      }
      return new SourceArtifact(branch + "@sha1:" + tip.name(), files(clone, tip), Map.of());
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new SourceException(
          "failed to fetch branch '"
              + branch
              + "' of "
              + redacted(url)
              + ": "
              + scrub(String.valueOf(e.getMessage()), url)
              + " (check spec.url and spec.ref.branch of the GitRepository)");
    }
  }

  private Repository clone(String url) throws IOException {
    Repository clone = clones.get(url);
    if (clone == null) {
      // With a file system, so that JGit can fetch from a local path too.
      clone =
          new InMemoryRepository.Builder()
              .setRepositoryDescription(new DfsRepositoryDescription("flux-source"))
              .setFS(FS.DETECTED)
              .build();
      clones.put(url, clone);
    }
    return clone;
  }

  private static Map<String, String> files(Repository clone, ObjectId tip) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(clone);
        TreeWalk tree = new TreeWalk(clone)) {
      RevCommit commit = walk.parseCommit(tip);
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        files.put(
            tree.getPathString(),
            new String(clone.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  /** The URL without user and password. */
  static String redacted(String url) {
    try {
      return new URIish(url).setUser(null).setPass(null).toString();
    } catch (URISyntaxException e) {
      return "<unparseable git URL>";
    }
  }

  /** {@code text} with the URL's user and password, wherever JGit quoted them, masked. */
  static String scrub(String text, String url) {
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException e) {
      return text.replace(url, "<git URL>");
    }
    String scrubbed = text;
    // The raw user info too: JGit may quote the URL as given, percent-encoding and all.
    String rawUserInfo = rawUserInfo(url);
    if (rawUserInfo != null) {
      scrubbed = scrubbed.replace(rawUserInfo, "***");
    }
    for (String secret :
        Stream.of(uri.getPass(), uri.getUser()).filter(s -> s != null && !s.isEmpty()).toList()) {
      scrubbed = scrubbed.replace(secret, "***");
    }
    return scrubbed;
  }

  private static String rawUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', scheme + 3);
    int slash = url.indexOf('/', scheme + 3);
    return scheme >= 0 && at > scheme && (slash < 0 || at < slash)
        ? url.substring(scheme + 3, at)
        : null;
  }

  @Override
  public void close() {
    clones.values().forEach(Repository::close);
    clones.clear();
  }
}
