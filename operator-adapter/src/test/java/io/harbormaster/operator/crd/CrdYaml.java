package io.harbormaster.operator.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.StoragePolicy;
import io.harbormaster.api.crd.UpgradeRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Generates the CRD YAML of the custom resources with fabric8's crd-generator. Run as a main (from
 * the module folder) to rewrite the checked-in files under {@code deploy/base/crds}.
 */
public final class CrdYaml {
  /** The checked-in CRDs, seen from the operator-adapter module folder. */
  public static final Path CHECKED_IN = Path.of("..", "deploy", "base", "crds");

  private CrdYaml() {}

  public static void generate(Path directory) throws IOException {
    Files.createDirectories(directory);
    new CRDGenerator()
        .inOutputDir(directory.toFile())
        .forCRDVersions("v1")
        .customResourceClasses(
            ManagedApp.class, UpgradeRequest.class, RollbackRequest.class, StoragePolicy.class)
        .withPostProcessor(
            new CRDPostProcessor() {
              @Override
              public HasMetadata process(HasMetadata crd, String specVersion) {
                return ageLast(crd);
              }
            })
        .generate();
  }

  /**
   * The generator sorts printer columns by name; kubectl reads best with AGE last, as for
   * built-ins.
   */
  private static HasMetadata ageLast(HasMetadata crd) {
    for (CustomResourceDefinitionVersion version :
        ((CustomResourceDefinition) crd).getSpec().getVersions()) {
      version
          .getAdditionalPrinterColumns()
          .sort(Comparator.comparing(column -> "AGE".equals(column.getName())));
    }
    return crd;
  }

  public static void main(String[] args) throws IOException {
    generate(CHECKED_IN);
    System.out.println("wrote the CRDs to " + CHECKED_IN.toAbsolutePath().normalize());
  }
}
