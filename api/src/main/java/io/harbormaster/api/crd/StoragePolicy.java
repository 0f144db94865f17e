package io.harbormaster.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How Harbormaster grows the PVCs it selects before they fill (docs/storage-sizing.md). */
@Group(ManagedApp.GROUP)
@Version(ManagedApp.VERSION)
@ShortNames("spol")
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "VOLUMES", jsonPath = ".status.volumeCount")
@AdditionalPrinterColumn(name = "BUDGET-LEFT", jsonPath = ".status.budget.left")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class StoragePolicy extends CustomResource<StoragePolicySpec, StoragePolicyStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** Overridden only to mark the spec required in the CRD's schema. */
  @Override
  @Required
  public StoragePolicySpec getSpec() {
    return super.getSpec();
  }
}
