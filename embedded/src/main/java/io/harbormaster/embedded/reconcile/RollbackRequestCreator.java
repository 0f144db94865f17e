package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.api.crd.DrivenBy;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.RollbackRequestSpec;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.port.RollbackTrigger;
import java.net.HttpURLConnection;
import java.util.Map;

/**
 * Auto-rollback: creates RollbackRequest {@code <upgrade>-rollback}, owned by the UpgradeRequest so
 * it goes when the upgrade goes, and driven by whoever drove the upgrade ({@link DrivenBy}).
 * Creating one that exists is a no-op, so a repeated step is harmless.
 */
public final class RollbackRequestCreator implements RollbackTrigger {
  public static final String SUFFIX = "-rollback";

  private final KubernetesClient client;

  public RollbackRequestCreator(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void startRollback(OperationId upgrade) {
    ObjectRef ref = upgrade.request();
    UpgradeRequest owner =
        client
            .resources(UpgradeRequest.class)
            .inNamespace(ref.namespace())
            .withName(ref.name())
            .get();
    if (owner == null) {
      throw new IllegalStateException(
          "UpgradeRequest " + ref + " is gone; cannot start its rollback");
    }
    RollbackRequest rollback = new RollbackRequest();
    rollback.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(ref.namespace())
            .withName(ref.name() + SUFFIX)
            .withAnnotations(
                DrivenBy.other(owner)
                    .map(driver -> Map.of(DrivenBy.ANNOTATION, driver))
                    .orElse(null))
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion())
                    .withKind(owner.getKind())
                    .withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid())
                    .withBlockOwnerDeletion(true)
                    .build())
            .build());
    rollback.setSpec(new RollbackRequestSpec(ref.name(), false, false, true));
    try {
      client.resource(rollback).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }
}
