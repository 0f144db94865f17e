package io.harbormaster.gitops;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.gitops.auth.HttpsToken;
import io.harbormaster.gitops.yaml.ScalarSelector;
import io.harbormaster.gitops.yaml.YamlFile;
import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.GitServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fetch + edit + commit + push on a repository of 10,000 files and 5,000 commits, served by JGit's
 * smart-HTTP servlet on loopback: {@link JGitOps} beside the git CLI doing the same steps (fetch,
 * look for the operation's trailer in recent history, edit, commit, push). Each round someone else
 * has pushed one commit first, so both tools fetch something. Not a test: run it by hand, see
 * README.
 */
public final class GitOpsBenchmark {
  private static final String TOKEN = "bench-token";
  private static final String FILE = "apps/db/helmrelease.yaml";
  private static final int FILES = 10_000;
  private static final int COMMITS = 5_000;
  private static final int ROUNDS = 10;

  /**
   * The git server's CA, for the git CLI (GIT_SSL_CAINFO): the token goes over HTTPS, as it must.
   */
  private static Path caFile;

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("gitops-bench");
    try (GitServer server = GitServer.start(root.resolve("server"), "git", TOKEN);
        BareRepository remote = server.create("big.git")) {
      caFile = Files.writeString(root.resolve("ca.crt"), server.caCertificate());
      long generating = System.nanoTime();
      generate(root.resolve("server/big.git"));
      System.out.printf(
          "generated %d files, %d commits in %d ms%n", FILES, COMMITS, millis(generating));
      String url = server.url("big.git");

      JGitOps jgit =
          new JGitOps(
              GitOpsSettings.builder()
                  .workDirectory(root.resolve("jgit"))
                  .authorName("Bench")
                  .authorEmail("bench@example.com")
                  .build(),
              location ->
                  Optional.of(
                      HttpsToken.builder()
                          .token(TOKEN)
                          .caCertificate(server.caCertificate())
                          .build()));
      Path cli = root.resolve("cli");

      long coldJgit = timed(() -> jgit.commit(edit(url, 0)));
      long coldCli = timed(() -> cliClone(url, cli));
      List<Long> jgitRounds = new ArrayList<>();
      List<Long> cliRounds = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        remote.commit(
            "main", Map.of("noise/round-" + round + ".txt", "jgit " + round + "\n"), "noise");
        int jgitRound = round;
        jgitRounds.add(timed(() -> jgit.commit(edit(url, jgitRound))));
        remote.commit(
            "main", Map.of("noise/round-" + round + ".txt", "cli " + round + "\n"), "noise");
        int cliRound = round;
        cliRounds.add(timed(() -> cliRound(cli, cliRound)));
      }
      System.out.printf(
          "cold (clone + edit + commit + push): jgit %d ms, git CLI %d ms (clone only)%n",
          coldJgit, coldCli);
      System.out.printf(
          "warm rounds, median of %d: jgit %d ms, git CLI %d ms, ratio jgit/cli %.2f%n",
          ROUNDS,
          median(jgitRounds),
          median(cliRounds),
          (double) median(jgitRounds) / median(cliRounds));
      System.out.println("jgit rounds ms: " + jgitRounds + "\ncli rounds ms:  " + cliRounds);
    }
  }

  private static VersionEdit edit(String url, int round) {
    return VersionEdit.builder()
        .location(
            GitLocation.builder()
                .repository(url)
                .filePath(FILE)
                .versionPath("spec.chart.spec.version")
                .build())
        .app("db")
        .component("postgresql")
        .operation(OperationId.upgrade(ObjectRef.of("db", "bench-" + round)))
        .putValue("spec.chart.spec.version", "15." + round + ".0")
        .build();
  }

  /** One file per folder of 100 plus the version file, then one small change per commit. */
  private static void generate(Path bare) throws Exception {
    Process importer =
        new ProcessBuilder("git", "--git-dir=" + bare, "fast-import", "--quiet")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (OutputStream out = new BufferedOutputStream(importer.getOutputStream(), 1 << 20)) {
      StringBuilder first = new StringBuilder();
      for (int i = 0; i < FILES; i++) {
        first.append(
            modify(
                "services/group-" + (i / 100) + "/svc-" + i + ".yaml",
                "name: svc-" + i + "\nreplicas: 1\n"));
      }
      first.append(
          modify(
              FILE,
              "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: db\n"
                  + "spec:\n  chart:\n    spec:\n      chart: postgresql\n      version: \"15.0.0\" # pinned\n"));
      out.write(commit(1, first.toString()).getBytes(StandardCharsets.UTF_8));
      for (int c = 2; c <= COMMITS; c++) {
        int file = (c * 7919) % FILES;
        String change =
            modify(
                "services/group-" + (file / 100) + "/svc-" + file + ".yaml",
                "name: svc-" + file + "\nreplicas: " + c + "\n");
        out.write(commit(c, change).getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!importer.waitFor(5, TimeUnit.MINUTES) || importer.exitValue() != 0) {
      throw new IOException("git fast-import failed");
    }
  }

  private static String commit(int n, String changes) {
    String message = "change " + n + "\n";
    return "commit refs/heads/main\ncommitter Someone <someone@example.com> "
        + (1_700_000_000L + n)
        + " +0000\n"
        + "data "
        + message.length()
        + "\n"
        + message
        + changes
        + "\n";
  }

  private static String modify(String path, String content) {
    return "M 100644 inline "
        + path
        + "\ndata "
        + content.getBytes(StandardCharsets.UTF_8).length
        + "\n"
        + content
        + "\n";
  }

  private static void cliClone(String url, Path dir) throws Exception {
    git(dir.getParent(), "-c", auth(), "clone", "--quiet", "--branch", "main", url, dir.toString());
    git(dir, "config", "user.name", "Bench");
    git(dir, "config", "user.email", "bench@example.com");
  }

  /**
   * The same steps as the adapter: fetch, search the trailer, edit the scalar in place, commit,
   * push.
   */
  private static void cliRound(Path dir, int round) throws Exception {
    git(dir, "-c", auth(), "fetch", "--quiet", "origin", "main");
    git(dir, "checkout", "--quiet", "--detach", "origin/main");
    git(dir, "log", "-1000", "--format=%B", "--grep=Harbormaster-Operation: db/cli-" + round);
    Path file = dir.resolve(FILE);
    YamlFile yaml = YamlFile.parse(FILE, Files.readAllBytes(file));
    Files.write(
        file,
        yaml.write(ScalarSelector.path("spec.chart.spec.version"), "16." + round + ".0").bytes());
    git(
        dir,
        "commit",
        "--quiet",
        "-am",
        "chore(db): upgrade postgresql\n\nHarbormaster-Operation: db/cli-" + round);
    git(dir, "-c", auth(), "push", "--quiet", "origin", "HEAD:refs/heads/main");
  }

  private static String auth() {
    return "http.extraHeader=Authorization: Basic "
        + Base64.getEncoder().encodeToString(("git:" + TOKEN).getBytes(StandardCharsets.UTF_8));
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("GIT_SSL_CAINFO", caFile.toString());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("git " + args[args.length - 1] + " failed in " + dir);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static long timed(Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    return millis(start);
  }

  private static long millis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
