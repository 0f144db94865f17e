package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.UpgradeRequest;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Steps UpgradeRequests. */
public final class UpgradeRequestReconciler extends OperationReconciler<UpgradeRequest> {
  public UpgradeRequestReconciler(KubernetesClient client, Engines engines) {
    super(new UpgradeRequests(client), engines, new ManagedApps(client), new AppLock(client));
  }

  @Override
  public List<EventSource<?, UpgradeRequest>> prepareEventSources(
      EventSourceContext<UpgradeRequest> context) {
    return Wakeups.of(context, UpgradeRequest.class, watchesAppObjects());
  }
}
