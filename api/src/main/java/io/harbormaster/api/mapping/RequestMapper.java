package io.harbormaster.api.mapping;

import static io.harbormaster.api.mapping.ManagedAppMapper.require;

import io.harbormaster.api.crd.RollbackRequestSpec;
import io.harbormaster.api.crd.UpgradeRequestSpec;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.RollbackRequest;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.UpgradeRequest;
import java.util.Map;
import java.util.Optional;

/**
 * UpgradeRequest and RollbackRequest resources to the core's requests; names resolve in their
 * namespace.
 */
public final class RequestMapper {
  private RequestMapper() {}

  /**
   * @throws io.harbormaster.core.model.InvalidSpecException naming the field that is missing or
   *     wrong
   */
  public static UpgradeRequest toCore(io.harbormaster.api.crd.UpgradeRequest resource) {
    UpgradeRequestSpec spec = require(resource.getSpec(), "spec");
    String namespace = resource.getMetadata().getNamespace();
    return UpgradeRequest.builder()
        .id(Refs.of("metadata", namespace, resource.getMetadata().getName()))
        .app(Refs.of("spec.app", namespace, require(spec.app(), "spec.app")))
        .target(Optional.ofNullable(spec.target()).map(RequestMapper::target))
        .dryRun(Boolean.TRUE.equals(spec.dryRun()))
        .skipSnapshot(Boolean.TRUE.equals(spec.skipSnapshot()))
        .allowDowngrade(Boolean.TRUE.equals(spec.allowDowngrade()))
        .build();
  }

  /**
   * @throws io.harbormaster.core.model.InvalidSpecException naming the field that is missing or
   *     wrong
   */
  public static RollbackRequest toCore(io.harbormaster.api.crd.RollbackRequest resource) {
    RollbackRequestSpec spec = require(resource.getSpec(), "spec");
    String namespace = resource.getMetadata().getNamespace();
    return RollbackRequest.builder()
        .id(Refs.of("metadata", namespace, resource.getMetadata().getName()))
        .upgrade(Refs.of("spec.upgrade", namespace, require(spec.upgrade(), "spec.upgrade")))
        .dryRun(Boolean.TRUE.equals(spec.dryRun()))
        .skipSnapshot(Boolean.TRUE.equals(spec.skipSnapshot()))
        .autoTriggered(Boolean.TRUE.equals(spec.autoTriggered()))
        .build();
  }

  /** The app an UpgradeRequest names, without validating the rest of it. */
  public static ObjectRef appOf(io.harbormaster.api.crd.UpgradeRequest resource) {
    return Refs.of(
        "spec.app",
        resource.getMetadata().getNamespace(),
        require(resource.getSpec(), "spec").app());
  }

  private static TargetVersion target(UpgradeRequestSpec.Target target) {
    return TargetVersion.builder()
        .version(Optional.ofNullable(target.version()))
        .putAllImageTags(Optional.ofNullable(target.imageTags()).orElse(Map.of()))
        .build();
  }
}
