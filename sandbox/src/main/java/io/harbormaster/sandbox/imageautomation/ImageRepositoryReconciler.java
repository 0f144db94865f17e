package io.harbormaster.sandbox.imageautomation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.harbormaster.sandbox.flux.Fields;
import io.harbormaster.sandbox.flux.FluxInterval;
import io.harbormaster.sandbox.flux.FluxReconciler;
import io.harbormaster.sandbox.flux.FluxType;
import io.harbormaster.sandbox.flux.Outcome;
import io.harbormaster.sandbox.flux.ReconcileRequests;
import io.harbormaster.sandbox.flux.StatusWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.Adler32;

/**
 * Plays image-reflector-controller for one ImageRepository: scans the image's tags in the {@link
 * TagRegistry} when it was never scanned, when asked ({@code reconcile.fluxcd.io/requestedAt}),
 * when the image or the exclusion list changed, or once {@code spec.interval} has passed since the
 * last scan; otherwise it looks again when the next scan is due. Tags matching an {@code
 * spec.exclusionList} pattern (default {@code ^.*\.sig$}) are left out; the rest go to the {@link
 * TagDatabase} the ImagePolicies read, sorted in descending order, and a new revision (an Adler-32
 * checksum of the stored list, as the controller's database computes) wakes the policies that use
 * the repository.
 */
final class ImageRepositoryReconciler implements FluxReconciler {
  static final List<String> DEFAULT_EXCLUSIONS = List.of("^.*\\.sig$");
  private static final int LATEST_TAGS = 10;

  /** Wakes the ImagePolicies of ImageRepository {@code namespace/name}. */
  interface NewRevision {
    void of(String namespace, String name);
  }

  private final TagRegistry registry;
  private final TagDatabase database;
  private final StatusWriter status;
  private final NewRevision onNewRevision;

  ImageRepositoryReconciler(
      TagRegistry registry, TagDatabase database, StatusWriter status, NewRevision onNewRevision) {
    this.registry = registry;
    this.database = database;
    this.status = status;
    this.onNewRevision = onNewRevision;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource repository) {
    String image = Fields.text(repository, "spec", "image").orElse("");
    ImageNames.Canonical canonical;
    try {
      canonical = ImageNames.parse(image);
    } catch (IllegalArgumentException refused) {
      return ImageConditions.stalled(
          status.update(FluxType.IMAGE_REPOSITORY, repository),
          "ImageURLInvalid",
          refused.getMessage());
    }
    Duration interval = FluxInterval.of(repository).orElse(Duration.ofMinutes(5));
    List<String> exclusions = exclusions(repository);
    Optional<Duration> notYet = nextScanIn(repository, canonical, exclusions, interval);
    if (notYet.isPresent()) {
      // No scan: the last result stands, and a spec change that needs none is observed.
      status
          .update(FluxType.IMAGE_REPOSITORY, repository)
          .without("Stalled")
          .condition("Ready", true, "Succeeded", readyMessage(repository))
          .finalized()
          .writeIfChanged();
      return Outcome.requeueAfter(notYet.get());
    }
    List<String> found;
    try {
      found = scan(image, canonical, exclusions);
    } catch (IllegalStateException failed) {
      return ImageConditions.failed(
          status.update(FluxType.IMAGE_REPOSITORY, repository),
          "ReadOperationFailed",
          "scan failed: " + failed.getMessage());
    }
    String revision = revision(found);
    database.set(canonical.toString(), found);
    Map<String, Object> scan = new LinkedHashMap<>();
    scan.put("revision", revision);
    scan.put("tagCount", found.size());
    scan.put("scanTime", status.now());
    if (!found.isEmpty()) {
      scan.put("latestTags", found.subList(0, Math.min(LATEST_TAGS, found.size())));
    }
    boolean changed =
        !revision.equals(Fields.text(repository, "status", "lastScanResult", "revision").orElse(""))
            || Fields.map(repository, "status", "lastScanResult").isEmpty();
    status
        .update(FluxType.IMAGE_REPOSITORY, repository)
        .field("lastScanResult", scan)
        .field("canonicalImageName", canonical.toString())
        .field("observedExclusionList", exclusions)
        .without("Stalled")
        .condition(
            "Ready",
            true,
            "Succeeded",
            "successful scan: found " + found.size() + " tags with checksum " + revision)
        .finalized()
        .write();
    if (changed) {
      onNewRevision.of(repository.getMetadata().getNamespace(), repository.getMetadata().getName());
    }
    return Outcome.requeueAfter(interval);
  }

  private static String readyMessage(GenericKubernetesResource repository) {
    return "successful scan: found "
        + Fields.number(repository, "status", "lastScanResult", "tagCount")
        + " tags with checksum "
        + Fields.text(repository, "status", "lastScanResult", "revision").orElse("");
  }

  @Override
  public void whileSuspended(GenericKubernetesResource repository) {
    // The controller's deferred patch records the request before it returns for the suspension.
    status.update(FluxType.IMAGE_REPOSITORY, repository).writeIfChanged();
  }

  /**
   * Empty when a scan is due now; otherwise how long until it is. The controller's reasons to scan
   * at once: never scanned, a new reconcile request, a new image name or exclusion list, an empty
   * database; otherwise when less than a second of the interval is left.
   */
  private Optional<Duration> nextScanIn(
      GenericKubernetesResource repository,
      ImageNames.Canonical canonical,
      List<String> exclusions,
      Duration interval) {
    Map<String, Object> last = Fields.map(repository, "status", "lastScanResult");
    Optional<String> scanTime = Fields.text(repository, "status", "lastScanResult", "scanTime");
    if (last.isEmpty() || scanTime.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> requested = ReconcileRequests.requestedAt(repository);
    if (requested.isPresent()
        && !requested.equals(Fields.text(repository, "status", "lastHandledReconcileAt"))) {
      return Optional.empty();
    }
    if (!canonical
            .toString()
            .equals(Fields.text(repository, "status", "canonicalImageName").orElse(""))
        || !sameContent(exclusions, observedExclusions(repository))
        || database.tags(canonical.toString()).isEmpty()) {
      return Optional.empty();
    }
    Instant scanned;
    try {
      scanned = Instant.parse(scanTime.get());
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
    Duration left = interval.minus(Duration.between(scanned, status.instant()));
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Optional.empty() : Optional.of(left);
  }

  private List<String> scan(String image, ImageNames.Canonical canonical, List<String> exclusions) {
    List<Pattern> patterns = new ArrayList<>();
    for (String exclusion : exclusions) {
      try {
        patterns.add(Pattern.compile(TagPolicy.goRegex(exclusion)));
      } catch (PatternSyntaxException e) {
        throw new IllegalStateException(
            "failed to compile regex " + exclusion + ": " + e.getDescription());
      }
    }
    List<String> tags =
        registry
            .tags(image)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "GET https://"
                            + canonical.registry()
                            + "/v2/"
                            + canonical.path()
                            + "/tags/list?n=1000: NAME_UNKNOWN: repository name not known to"
                            + " registry"));
    return tags.stream()
        .filter(tag -> patterns.stream().noneMatch(pattern -> pattern.matcher(tag).find()))
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  static List<String> exclusions(GenericKubernetesResource repository) {
    List<String> listed = strings(repository.get("spec", "exclusionList"));
    return listed.isEmpty() ? DEFAULT_EXCLUSIONS : listed;
  }

  private static List<String> observedExclusions(GenericKubernetesResource repository) {
    return strings(repository.get("status", "observedExclusionList"));
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private static boolean sameContent(List<String> a, List<String> b) {
    return a.size() == b.size() && a.containsAll(b) && b.containsAll(a);
  }

  /** A stable checksum of the stored tags: Adler-32 of their JSON list, in decimal. */
  static String revision(List<String> tags) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < tags.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(tags.get(i).replace("\"", "\\\""))
          .append('"');
    }
    Adler32 checksum = new Adler32();
    checksum.update(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
    return Long.toString(checksum.getValue());
  }
}
