package io.harbormaster.sandbox.oci;

import io.harbormaster.sandbox.git.BareRepository;
import io.harbormaster.sandbox.git.Push;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A CI pipeline that publishes a directory of a git branch as a Flux OCI artifact on every push to
 * it, as a job running {@code flux push artifact <url>:<tag> --path=<path> --source=<git url>
 * --revision=<branch>@sha1:<commit>} does: the job checks the pushed commit out and runs {@link
 * Pipeline#delay} after the push (a real pipeline takes minutes), so an artifact of a commit exists
 * only that long after the commit. Jobs run one at a time, in push order.
 *
 * <pre>{@code
 * SimulatedCi ci = new SimulatedCi(registry, fleet, fleetUrl,
 *     new Pipeline("fleet.git", "main", "apps/web", OciRegistry.url("fleet/web"), "latest",
 *         Duration.ofSeconds(2)));
 * gitServer.onPush(ci::pushed);
 * }</pre>
 */
public final class SimulatedCi implements AutoCloseable {
  /**
   * What the pipeline publishes: pushes to {@code branch} of {@code repository} (its name on the
   * git server), the files under {@code path}, to {@code url} (an {@code oci://} URL of the
   * registry) at {@code tag}, {@code delay} after each push.
   */
  public record Pipeline(
      String repository, String branch, String path, String url, String tag, Duration delay) {}

  private final OciRegistry registry;
  private final BareRepository repository;
  private final String sourceUrl;
  private final Pipeline pipeline;
  private final ScheduledExecutorService jobs =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread runner = new Thread(runnable, "sandbox-ci");
            runner.setDaemon(true);
            return runner;
          });

  /**
   * @param sourceUrl the repository's clone URL, recorded as the artifact's source
   */
  public SimulatedCi(
      OciRegistry registry, BareRepository repository, String sourceUrl, Pipeline pipeline) {
    this.registry = registry;
    this.repository = repository;
    this.sourceUrl = sourceUrl;
    this.pipeline = pipeline;
  }

  /**
   * The push webhook: a push to the pipeline's branch starts a job.
   *
   * @return the manifest digest the job published, once it has; done at once, with nothing, for a
   *     push the pipeline does not build
   */
  public CompletableFuture<String> pushed(Push push) {
    if (!push.repository().equals(pipeline.repository())
        || !push.branch().equals(pipeline.branch())) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<String> published = new CompletableFuture<>();
    jobs.schedule(
        () -> {
          try {
            published.complete(publish(push.commit()));
          } catch (RuntimeException e) {
            published.completeExceptionally(e);
          }
        },
        pipeline.delay().toMillis(),
        TimeUnit.MILLISECONDS);
    return published;
  }

  private String publish(String commit) {
    return registry.push(
        pipeline.url(),
        pipeline.tag(),
        repository.files(commit, pipeline.path()),
        Map.of(
            OciRegistry.SOURCE_ANNOTATION,
            sourceUrl,
            OciRegistry.REVISION_ANNOTATION,
            pipeline.branch() + "@sha1:" + commit,
            OciRegistry.CREATED_ANNOTATION,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  @Override
  public void close() {
    jobs.shutdownNow();
  }
}
