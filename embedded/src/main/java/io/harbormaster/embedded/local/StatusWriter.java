package io.harbormaster.embedded.local;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.harbormaster.api.conditions.RequestConditions;
import io.harbormaster.api.crd.OperationStatus;
import io.harbormaster.api.mapping.OperationStatusMapper;
import io.harbormaster.core.operation.OperationState;
import java.time.Clock;
import java.util.List;

/**
 * Keeps a request's status as the operator would, after every step of a {@code --local} run: so
 * {@code hm status} and kubectl show it, and a later rollback finds the upgrade's state.
 */
final class StatusWriter<R extends CustomResource<?, OperationStatus>> {
  private final Resource<R> request;
  private final Clock clock;
  private List<Condition> conditions;

  StatusWriter(Resource<R> request, Clock clock) {
    this.request = request;
    this.clock = clock;
  }

  OperationStatus write(OperationState state) {
    conditions = RequestConditions.of(state, conditions, clock.instant());
    R written =
        request.editStatus(
            resource -> {
              resource.setStatus(
                  OperationStatusMapper.toStatus(
                      state, conditions, resource.getMetadata().getGeneration()));
              return resource;
            });
    return written.getStatus();
  }
}
