package io.harbormaster.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Asks for one upgrade of a ManagedApp in the same namespace; its status is the operation's state.
 */
@Group(ManagedApp.GROUP)
@Version(ManagedApp.VERSION)
@ShortNames("upgrade")
@AdditionalPrinterColumn(name = "APP", jsonPath = ".spec.app")
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "FROM", jsonPath = ".status.versionChanges[0].from")
@AdditionalPrinterColumn(name = "TO", jsonPath = ".status.versionChanges[0].to")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class UpgradeRequest extends CustomResource<UpgradeRequestSpec, OperationStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** Overridden only to mark the spec required in the CRD's schema. */
  @Override
  @Required
  public UpgradeRequestSpec getSpec() {
    return super.getSpec();
  }
}
