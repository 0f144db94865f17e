package io.harbormaster.embedded.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.api.crd.RollbackRequest;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/** Steps RollbackRequests, each starting from its upgrade's persisted state. */
public final class RollbackRequestReconciler extends OperationReconciler<RollbackRequest> {
  public RollbackRequestReconciler(KubernetesClient client, Engines engines) {
    super(new RollbackRequests(client), engines, new ManagedApps(client), new AppLock(client));
  }

  @Override
  public List<EventSource<?, RollbackRequest>> prepareEventSources(
      EventSourceContext<RollbackRequest> context) {
    return Wakeups.of(context, RollbackRequest.class, watchesAppObjects());
  }
}
