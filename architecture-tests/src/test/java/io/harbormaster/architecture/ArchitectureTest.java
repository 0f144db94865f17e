package io.harbormaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the arrows pointing inward: the core is pure, each adapter does its own kind of I/O and
 * knows no other adapter, the sandbox is reachable only from the CLI, and the shells wire without
 * deciding. Runs over the main classes of every module (this module has them all on its test
 * classpath).
 */
class ArchitectureTest {
  private static final String CORE = "io.harbormaster.core..";
  private static final List<String> ADAPTERS =
      List.of(
          "io.harbormaster.discovery..",
          "io.harbormaster.health..",
          "io.harbormaster.snapshot..",
          "io.harbormaster.gitops..");
  private static final String SANDBOX = "io.harbormaster.sandbox..";
  private static final String OPERATOR = "io.harbormaster.operator..";
  private static final String CLI = "io.harbormaster.cli..";

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harbormaster");
  }

  @Test
  void theImportSeesEveryModule() {
    // Guards the rules below against passing vacuously on an empty import.
    for (String module :
        List.of(
            "core",
            "kubernetes",
            "discovery",
            "health",
            "snapshot",
            "gitops",
            "sandbox",
            "operator",
            "cli")) {
      org.assertj.core.api.Assertions.assertThat(
              classes.stream()
                  .anyMatch(c -> c.getPackageName().startsWith("io.harbormaster." + module)))
          .as("classes of module " + module + " on the classpath")
          .isTrue();
    }
  }

  @Test
  void coreDependsOnNoInfrastructure() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..",
            "org.eclipse.jgit..",
            "org.apache.sshd..",
            "io.grpc..",
            "io.javaoperatorsdk..",
            "picocli..",
            "io.vertx..",
            "okhttp3..")
        .because("the core is the pure domain; adapters bring the infrastructure")
        .check(classes);
  }

  @Test
  void coreDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            Stream.concat(ADAPTERS.stream(), Stream.of(SANDBOX, OPERATOR, CLI))
                .toArray(String[]::new))
        .check(classes);
  }

  static Stream<String> adapters() {
    return ADAPTERS.stream();
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void anAdapterKnowsNoOtherAdapterNorTheShellsNorTheSandbox(String adapter) {
    String[] forbidden =
        Stream.concat(
                ADAPTERS.stream().filter(other -> !other.equals(adapter)),
                Stream.of(SANDBOX, OPERATOR, CLI))
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(adapter)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .check(classes);
  }

  @Test
  void kubernetesSupportKnowsNothingOfHarbormaster() {
    noClasses()
        .that()
        .resideInAPackage("io.harbormaster.kubernetes..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.harbormaster.kubernetes..", "io.fabric8..", "java..")
        .because("it holds what fabric8 adapters share, not domain rules or adapter logic")
        .check(classes);
  }

  @Test
  void onlyTheCliRunsOnTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackages(SANDBOX, CLI)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(SANDBOX)
        .because("the simulated cluster is for tests and `hm demo`, never for production code")
        .check(classes);
  }

  @Test
  void theShellsDoNotDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CLI)
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * A shell wires ports to adapters and runs the engine; the decisions (phase machines, health
   * rule, version policy, snapshot retention, decoders) are the core's, so a shell neither extends
   * the machines nor calls the rules itself.
   */
  @Test
  void theShellsHoldNoDomainRule() {
    ArchRule noOwnMachines =
        noClasses()
            .that()
            .resideInAnyPackage(OPERATOR, CLI)
            .should()
            .beAssignableTo(io.harbormaster.core.operation.PhaseMachine.class)
            .allowEmptyShould(true);
    ArchRule noRules =
        noClasses()
            .that()
            .resideInAnyPackage(OPERATOR, CLI)
            .should()
            .dependOnClassesThat(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "a core rule (HealthRule, VersionPolicy, retention, decoders, resolvers)",
                    target ->
                        target.getPackageName().startsWith("io.harbormaster.core")
                            // Model values such as SnapshotPolicy are what the shells map specs
                            // into.
                            && !target.getPackageName().equals("io.harbormaster.core.model")
                            && target
                                .getSimpleName()
                                .matches(".*(Rule|Policy|Decoder|Resolver|Reader)$")))
            .allowEmptyShould(true);
    noOwnMachines.check(classes);
    noRules.check(classes);
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    slices().matching("io.harbormaster.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void portsAreInterfaces() {
    classes()
        .that()
        .resideInAPackage("io.harbormaster.core.port")
        .and()
        .haveSimpleNameNotStartingWith("Immutable")
        .and()
        .areTopLevelClasses()
        .and()
        .areNotAnnotatedWith("org.immutables.value.Value$Immutable")
        .and()
        .areNotAssignableTo(RuntimeException.class)
        .should()
        .beInterfaces()
        .check(classes);
  }
}
