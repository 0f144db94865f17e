package io.harbormaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.harbormaster.cli.fixture.CliStartingTheOperator;
import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.DiscoveryException;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.health.HealthReport;
import io.harbormaster.core.sizing.ActionLedger;
import io.harbormaster.core.sizing.MaintenanceWindow;
import io.harbormaster.core.sizing.SizingPass;
import io.harbormaster.core.sizing.SizingPolicy;
import io.harbormaster.core.sizing.VolumeFacts;
import io.harbormaster.core.sizing.VolumeUsage;
import io.harbormaster.embedded.fixture.WiringOnTheSandbox;
import io.harbormaster.operator.fixture.OperatorRunningTheDemo;
import io.harbormaster.operator.fixture.OwnHealthVerdict;
import io.harbormaster.operator.fixture.OwnQueue;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the arrows pointing inward: the core is pure, each adapter does its own kind of I/O and
 * knows no other adapter, one wiring ({@code embedded}) serves both shells and neither shell knows
 * the other, the sandbox and the testkit are reachable only from the CLI, and the shells wire
 * without deciding. Runs over the main classes of every module (this module has them all on its
 * test classpath).
 */
class ArchitectureTest {
  private static final String CORE = "io.harbormaster.core..";
  private static final List<String> ADAPTERS =
      List.of(
          "io.harbormaster.discovery..",
          "io.harbormaster.health..",
          "io.harbormaster.control..",
          "io.harbormaster.snapshot..",
          "io.harbormaster.gitops..",
          "io.harbormaster.registry..",
          "io.harbormaster.sizing..");
  private static final String REGISTRY = "io.harbormaster.registry..";
  private static final String API = "io.harbormaster.api..";
  private static final String SANDBOX = "io.harbormaster.sandbox..";
  private static final String EMBEDDED = "io.harbormaster.embedded..";
  private static final String TESTKIT = "io.harbormaster.testkit..";
  private static final String OPERATOR = "io.harbormaster.operator..";
  private static final String CLI = "io.harbormaster.cli..";

  /** What wires the engine and runs it: the shared wiring and the two shells on it. */
  private static final String[] SHELLS = {EMBEDDED, OPERATOR, CLI};

  /** Where core's decisions live; the shells reach them only through the engine. */
  private static final Set<String> CORE_RULE_PACKAGES =
      Set.of(
          "io.harbormaster.core.discovery",
          "io.harbormaster.core.automation",
          "io.harbormaster.core.health",
          "io.harbormaster.core.version",
          "io.harbormaster.core.snapshot",
          "io.harbormaster.core.sizing",
          "io.harbormaster.core.flux");

  /** Values those packages hand across the ports, which the shells show or map. */
  private static final List<Class<?>> PORT_VALUES =
      List.of(
          AppTargets.class,
          VolumeTarget.class,
          WorkloadTarget.class,
          HealthReport.class,
          DiscoveryException.class,
          ImageAutomationSearch.class,
          ImageAutomation.class,
          // A storage policy's rules, volumes, budget and pass, between its mapping, its adapter
          // and core's StoragePass.
          SizingPolicy.class,
          MaintenanceWindow.class,
          VolumeFacts.class,
          VolumeUsage.class,
          ActionLedger.class,
          SizingPass.class);

  private static final Pattern FIXTURES = Pattern.compile(".*/io/harbormaster/\\w+/fixture/.*");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The rules' own counter-examples, whatever the build folder is called.
            .withImportOption(location -> !location.matches(FIXTURES))
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
            "control",
            "snapshot",
            "gitops",
            "registry",
            "sizing",
            "api",
            "embedded",
            "testkit",
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
            Stream.concat(
                    ADAPTERS.stream(), Stream.of(API, EMBEDDED, TESTKIT, SANDBOX, OPERATOR, CLI))
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
                Stream.of(EMBEDDED, TESTKIT, SANDBOX, OPERATOR, CLI))
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(adapter)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .check(classes);
  }

  /**
   * The registry adapter looks an upgrade's target up with the app's Flux objects and HTTP: it
   * knows core and kubernetes-support, not the custom resources, and only the wiring builds it.
   */
  @Test
  void theRegistryAdapterKnowsOnlyCoreAndKubernetesSupportAndOnlyTheWiringKnowsIt() {
    noClasses()
        .that()
        .resideInAPackage(REGISTRY)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(API)
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackages(REGISTRY, EMBEDDED)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(REGISTRY)
        .because("the operator, hm and embedding programs get the target catalog through Engines")
        .check(classes);
  }

  @Test
  void theApiKnowsOnlyCoreAndKubernetesSupport() {
    noClasses()
        .that()
        .resideInAPackage(API)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            Stream.concat(ADAPTERS.stream(), Stream.of(EMBEDDED, TESTKIT, SANDBOX, OPERATOR, CLI))
                .toArray(String[]::new))
        .because("the operator, the CLI and programs that embed Harbormaster all build on it")
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
  void onlyTheCliAndTheTestkitRunOnTheSimulatedCluster() {
    simulatedClusterStaysOutOfProduction().check(classes);
  }

  /** The rule above refuses production wiring that starts the simulated cluster. */
  @Test
  void theSimulationRuleRefusesWiringThatStartsTheSandbox() {
    JavaClasses wiring = new ClassFileImporter().importClasses(WiringOnTheSandbox.class);

    assertThatThrownBy(() -> simulatedClusterStaysOutOfProduction().check(wiring))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SandboxCluster");
  }

  /**
   * The operator and the CLI share one wiring ({@code embedded}) and neither reaches into the
   * other, so each ships without the other's dependencies; the wiring knows neither.
   */
  @Test
  void theShellsDoNotDependOnEachOther() {
    shellsApart().check(classes);
  }

  /** The rule above refuses a CLI class that reaches into the operator, and the reverse. */
  @Test
  void theShellRuleRefusesEitherShellReachingIntoTheOther() {
    assertThatThrownBy(
            () ->
                shellsApart()
                    .check(new ClassFileImporter().importClasses(CliStartingTheOperator.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HarbormasterOperator");
    assertThatThrownBy(
            () ->
                shellsApart()
                    .check(new ClassFileImporter().importClasses(OperatorRunningTheDemo.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HmCommand");
  }

  private static ArchRule simulatedClusterStaysOutOfProduction() {
    return noClasses()
        .that()
        .resideOutsideOfPackages(SANDBOX, TESTKIT, CLI)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SANDBOX, TESTKIT)
        .because(
            "the simulated cluster is for tests, `hm demo` and `hm sandbox`, never for the"
                + " operator or the wiring programs embed");
  }

  private static ArchRule shellsApart() {
    return CompositeArchRule.of(
            noClasses()
                .that()
                .resideInAnyPackage(OPERATOR, EMBEDDED)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(CLI)
                .allowEmptyShould(true))
        .and(
            noClasses()
                .that()
                .resideInAnyPackage(CLI, EMBEDDED)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(OPERATOR)
                .allowEmptyShould(true));
  }

  /**
   * A shell wires ports to adapters and runs the engine; the decisions (phase machines, health
   * rule, version policy, snapshot retention, decoders, resolvers) are the core's, so a shell
   * neither extends the machines nor calls the rules itself. It may hold the values those rules
   * hand across the ports.
   */
  @Test
  void theShellsHoldNoDomainRule() {
    shellsOwnNoMachine().check(classes);
    shellsCallNoCoreRule().check(classes);
  }

  /** The rule above refuses a shell class that calls core's health rule itself. */
  @Test
  void theShellRuleRefusesAShellThatJudgesHealthItself() {
    JavaClasses ownVerdict = new ClassFileImporter().importClasses(OwnHealthVerdict.class);

    assertThatThrownBy(() -> shellsCallNoCoreRule().check(ownVerdict))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("HealthRule");
  }

  /**
   * Which request of an app goes next, which upgrade is its newest and which snapshots must stay
   * are the queue's rules ({@code core.queue}), so the operator and {@code hm --local} agree: the
   * operator orders nothing itself.
   */
  @Test
  void theOperatorOrdersNoRequestsItself() {
    operatorOrdersNothing().check(classes);
  }

  /** The rule above refuses an operator class that queues requests itself, as one once did. */
  @Test
  void theOrderingRuleRefusesAnOperatorClassWithAQueueOfItsOwn() {
    JavaClasses ownQueue = new ClassFileImporter().importClasses(OwnQueue.class);

    assertThatThrownBy(() -> operatorOrdersNothing().check(ownQueue))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Comparator");
  }

  private static ArchRule shellsOwnNoMachine() {
    return noClasses()
        .that()
        .resideInAnyPackage(SHELLS)
        .should()
        .beAssignableTo(io.harbormaster.core.operation.PhaseMachine.class)
        .allowEmptyShould(true);
  }

  private static ArchRule shellsCallNoCoreRule() {
    return noClasses()
        .that()
        .resideInAnyPackage(SHELLS)
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "a class of core's rule packages "
                    + CORE_RULE_PACKAGES
                    + " other than the values they hand across the ports "
                    + PORT_VALUES,
                target ->
                    CORE_RULE_PACKAGES.contains(target.getPackageName())
                        && PORT_VALUES.stream().noneMatch(value -> target.isAssignableTo(value))))
        .allowEmptyShould(true);
  }

  private static ArchRule operatorOrdersNothing() {
    return noClasses()
        .that()
        .resideInAnyPackage(OPERATOR, EMBEDDED)
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Comparator.class)
        .allowEmptyShould(true)
        .because("who goes next is core.queue's rule, shared with hm --local");
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
