package io.harbormaster.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Asks to undo one UpgradeRequest in the same namespace; its status is the operation's state. */
@Group(ManagedApp.GROUP)
@Version(ManagedApp.VERSION)
@ShortNames("rollback")
@AdditionalPrinterColumn(name = "UPGRADE", jsonPath = ".spec.upgrade")
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class RollbackRequest extends CustomResource<RollbackRequestSpec, OperationStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** Overridden only to mark the spec required in the CRD's schema. */
  @Override
  @Required
  public RollbackRequestSpec getSpec() {
    return super.getSpec();
  }
}
