package io.harbormaster.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.core.tenancy.Tenancy;
import io.harbormaster.operator.HarbormasterOperator;
import io.harbormaster.operator.runtime.OperatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders deploy/ with {@code kubectl kustomize}, as a user applying it would, and checks the
 * result against the code: every object loads, the CRDs are the ones generated from the Java
 * classes, and the Deployment's probes, port and environment are the ones the operator serves and
 * reads.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = DeployManifests.DEPLOY;
  private static final String OPERATOR_ROLE = "harbormaster-operator";
  private static final String APP_ROLE = "harbormaster-app";
  private static List<HasMetadata> rendered;

  @BeforeAll
  static void render() {
    rendered = DeployManifests.render(DeployManifests.DEPLOY);
  }

  private static <T extends HasMetadata> List<T> all(Class<T> type) {
    return rendered.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  private static <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    assertThat(found).as(type.getSimpleName() + "s rendered").hasSize(1);
    return found.get(0);
  }

  @Test
  void everyObjectIsOneFabric8Knows() {
    assertThat(rendered)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            // ManagedApp, UpgradeRequest, RollbackRequest, StoragePolicy
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "CustomResourceDefinition",
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            // what an app's operation does to the app's objects, held by the operator in this mode
            "ClusterRole",
            "ClusterRoleBinding",
            // the roles people are bound to run hm: harbormaster-view, -edit and -local
            "ClusterRole",
            "ClusterRole",
            "ClusterRole");
    assertThat(rendered)
        .noneMatch(object -> object.getClass().getSimpleName().equals("GenericKubernetesResource"));
  }

  @Test
  void theCrdsAreTheOnesTheJavaClassesDefine() throws IOException {
    Map<String, CustomResourceDefinition> byName =
        all(CustomResourceDefinition.class).stream()
            .collect(Collectors.toMap(crd -> crd.getMetadata().getName(), crd -> crd));
    for (Class<?> resource :
        List.of(ManagedApp.class, UpgradeRequest.class, RollbackRequest.class)) {
      String name =
          io.fabric8.kubernetes.api.model.HasMetadata.getFullResourceName(
              resource.asSubclass(HasMetadata.class));
      CustomResourceDefinition checkedIn =
          Serialization.unmarshal(
              Files.readString(DEPLOY.resolve("base").resolve("crds").resolve(name + "-v1.yml")),
              CustomResourceDefinition.class);
      assertThat(byName.get(name)).as(name).isEqualTo(checkedIn);
      assertThat(checkedIn.getSpec().getVersions())
          .extracting(version -> version.getName())
          .containsExactly(HasMetadata.getVersion(resource.asSubclass(HasMetadata.class)));
    }
  }

  @Test
  void theDeploymentProbesWhatTheOperatorServesAndSetsWhatItReads() {
    Deployment deployment = one(Deployment.class);
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    int port = OperatorSettings.fromEnvironment(Map.of()).httpPort();

    assertThat(operator.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(port);
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(operator.getEnv())
        .extracting(EnvVar::getName)
        .contains("HM_NAMESPACE", "HM_POD_NAME", "HM_GIT_WORKDIR");
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    String workdir =
        operator.getEnv().stream()
            .filter(env -> env.getName().equals("HM_GIT_WORKDIR"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(operator.getVolumeMounts()).anyMatch(mount -> mount.getMountPath().equals(workdir));
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(one(ServiceAccount.class).getMetadata().getName());
  }

  @Test
  void theServiceAccountIsBoundToTheRolesAndMayHoldTheLease() {
    ServiceAccount account = one(ServiceAccount.class);
    assertThat(all(ClusterRoleBinding.class))
        .extracting(binding -> binding.getRoleRef().getName())
        .containsExactlyInAnyOrder(OPERATOR_ROLE, APP_ROLE);
    assertThat(all(ClusterRoleBinding.class))
        .allSatisfy(
            binding ->
                assertThat(binding.getSubjects())
                    .anyMatch(
                        subject ->
                            subject.getName().equals(account.getMetadata().getName())
                                && subject
                                    .getNamespace()
                                    .equals(account.getMetadata().getNamespace())));
    Role leaderElection = one(Role.class);
    assertThat(leaderElection.getMetadata().getNamespace())
        .isEqualTo(account.getMetadata().getNamespace());
    PolicyRule leases = leaderElection.getRules().get(0);
    assertThat(leases.getApiGroups()).containsExactly("coordination.k8s.io");
    assertThat(leases.getResources()).containsExactly("leases");
    assertThat(leases.getVerbs()).contains("get", "create", "patch");
    assertThat(HarbormasterOperator.LEASE).isNotBlank();
  }

  @Test
  void theNamespacedOverlayGrantsTheOperatorsRolesInExactlyTheNamespacesItWatches() {
    List<HasMetadata> namespaced = DeployManifests.render(DEPLOY.resolve("namespaced"));
    String watched = DeployManifests.operatorEnvironment(namespaced).get("HM_WATCH_NAMESPACES");

    for (String role : List.of(OPERATOR_ROLE, APP_ROLE)) {
      Set<String> bound =
          namespaced.stream()
              .filter(RoleBinding.class::isInstance)
              .map(RoleBinding.class::cast)
              .filter(binding -> binding.getRoleRef().getName().equals(role))
              .map(binding -> binding.getMetadata().getNamespace())
              .collect(Collectors.toSet());
      assertThat(bound)
          .as(role)
          .isEqualTo(
              OperatorSettings.fromEnvironment(Map.of("HM_WATCH_NAMESPACES", watched))
                  .watchNamespaces());
    }
    assertThat(namespaced)
        .filteredOn(ClusterRoleBinding.class::isInstance)
        .map(ClusterRoleBinding.class::cast)
        .as("no cluster-wide grant of the operator's roles")
        .noneMatch(
            binding -> List.of(OPERATOR_ROLE, APP_ROLE).contains(binding.getRoleRef().getName()));
  }

  @Test
  void theImpersonatingOverlayGivesAppRightsToTheAppsServiceAccountsOnly() {
    List<HasMetadata> impersonating = DeployManifests.render(DEPLOY.resolve("impersonating"));
    ServiceAccount operator = DeployedRbac.serviceAccount(impersonating);
    String actAs =
        Tenancy.fromEnvironment(DeployManifests.operatorEnvironment(impersonating))
            .defaultServiceAccount()
            .orElseThrow();

    assertThat(impersonating)
        .filteredOn(ClusterRoleBinding.class::isInstance)
        .map(ClusterRoleBinding.class::cast)
        .filteredOn(
            binding ->
                binding.getSubjects().stream()
                    .anyMatch(
                        subject -> subject.getName().equals(operator.getMetadata().getName())))
        .extracting(binding -> binding.getRoleRef().getName())
        .containsExactlyInAnyOrder(OPERATOR_ROLE, "harbormaster-impersonator");
    ClusterRole impersonator =
        impersonating.stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .filter(role -> role.getMetadata().getName().equals("harbormaster-impersonator"))
            .findFirst()
            .orElseThrow();
    assertThat(impersonator.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("serviceaccounts");
              assertThat(rule.getVerbs()).containsExactly("impersonate");
              assertThat(rule.getResourceNames()).containsExactly(actAs);
            });
    List<ServiceAccount> apps =
        impersonating.stream()
            .filter(ServiceAccount.class::isInstance)
            .map(ServiceAccount.class::cast)
            .filter(
                account ->
                    !account.getMetadata().getName().equals(operator.getMetadata().getName()))
            .toList();
    assertThat(apps)
        .isNotEmpty()
        .allSatisfy(
            account -> {
              assertThat(account.getMetadata().getName()).isEqualTo(actAs);
              assertThat(impersonating)
                  .filteredOn(RoleBinding.class::isInstance)
                  .map(RoleBinding.class::cast)
                  .as("harbormaster-app in " + account.getMetadata().getNamespace())
                  .anyMatch(
                      binding ->
                          binding
                                  .getMetadata()
                                  .getNamespace()
                                  .equals(account.getMetadata().getNamespace())
                              && binding.getRoleRef().getName().equals(APP_ROLE)
                              && binding.getSubjects().stream()
                                  .anyMatch(
                                      subject ->
                                          subject.getName().equals(actAs)
                                              && subject
                                                  .getNamespace()
                                                  .equals(account.getMetadata().getNamespace())));
            });
  }
}
