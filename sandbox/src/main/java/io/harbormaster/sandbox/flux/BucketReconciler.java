package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plays source-controller for one Bucket, minimally: lists {@code spec.bucketName} in the sandbox's
 * {@link ObjectStorage} on the Bucket's interval or when asked, and stores its objects under the
 * revision source-controller gives a bucket, {@code sha256:} of the index of keys and etags. Such a
 * revision names no git commit, and the artifact carries no metadata. Endpoints, providers,
 * credentials and prefixes are not simulated.
 */
final class BucketReconciler implements FluxReconciler {
  private final ObjectStorage storage;
  private final SourceFetches fetches;

  BucketReconciler(ObjectStorage storage, SourceFetches fetches) {
    this.storage = storage;
    this.fetches = fetches;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource bucket) {
    String name = Fields.text(bucket, "spec", "bucketName").orElse("");
    Optional<Map<String, String>> objects = storage.objects(name);
    if (objects.isEmpty()) {
      return fetches.failed(
          FluxType.BUCKET, bucket, "BucketOperationFailed", "bucket '" + name + "' not found");
    }
    return fetches.stored(
        FluxType.BUCKET,
        bucket,
        new SourceArtifact(revision(objects.get()), objects.get(), Map.of()),
        Map.of());
  }

  @Override
  public void whileSuspended(GenericKubernetesResource bucket) {
    fetches.whileSuspended(FluxType.BUCKET, bucket);
  }

  /** {@code sha256:} of the index: each key and its etag (the digest of its content), by key. */
  private static String revision(Map<String, String> objects) {
    StringBuilder index = new StringBuilder();
    new TreeMap<>(objects)
        .forEach(
            (key, content) ->
                index.append(key).append(' ').append(HelmManifest.digest(content)).append('\n'));
    return HelmManifest.digest(index.toString());
  }
}
