package io.harbormaster.embedded.reconcile;

import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ResumeAutomation;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which updates of a ManagedApp wake its reconciler: a new spec (generation), as the SDK's
 * generation-aware default has it, and a new value of {@link ResumeAutomation#ANNOTATION}, which
 * changes metadata only. Its own status writes change neither, so they wake nothing.
 */
public final class SpecOrResumeChanged implements OnUpdateFilter<ManagedApp> {
  @Override
  public boolean accept(ManagedApp updated, ManagedApp old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !ResumeAutomation.requested(updated).equals(ResumeAutomation.requested(old));
  }
}
