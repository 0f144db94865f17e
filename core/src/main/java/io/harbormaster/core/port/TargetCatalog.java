package io.harbormaster.core.port;

import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.TargetVersion;
import java.util.List;

/**
 * Whether the chart versions and image tags an upgrade would commit exist where Flux and the
 * kubelet will fetch them. Asked in Pending, before anything is stopped: a typo in a version must
 * not cost the app its downtime and a rollback.
 */
public interface TargetCatalog {
  /**
   * One finding for each chart or image of {@code target} the catalog knows how to look up; an
   * answer it could not get (a registry out of reach, credentials it may not use) is {@link
   * TargetFinding.Verdict#UNCHECKED}, never an exception.
   */
  List<TargetFinding> check(ManagedApp app, TargetVersion target);
}
