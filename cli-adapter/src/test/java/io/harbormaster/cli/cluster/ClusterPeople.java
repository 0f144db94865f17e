package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import io.harbormaster.testkit.Kubeconfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * People of a real API server, each a ServiceAccount with a token from the TokenRequest API in a
 * kubeconfig of its own, bound to the ClusterRoles of deploy/ as an administrator would bind them.
 * The sandbox's wipe leaves RBAC objects at cluster scope, so {@link #close} deletes the
 * ClusterRoles and ClusterRoleBindings made here.
 */
final class ClusterPeople implements AutoCloseable {
  private static final Path DEPLOY = Path.of("..", "deploy", "base");

  private final KubernetesClient admin;
  private final RealApiServer server;
  private final Path folder;
  private final List<String> clusterRoles = new ArrayList<>();
  private final List<String> clusterRoleBindings = new ArrayList<>();

  ClusterPeople(KubernetesClient admin, RealApiServer server, Path folder) {
    this.admin = admin;
    this.server = server;
    this.folder = folder;
  }

  /**
   * ServiceAccount {@code namespace/name}, reaching the cluster through {@code kubeconfig} with its
   * token.
   */
  record Person(String namespace, String name, Path kubeconfig) {
    String username() {
      return "system:serviceaccount:" + namespace + ":" + name;
    }
  }

  /** The ClusterRole of {@code deploy/<name>.yaml}, as checked in. */
  static ClusterRole role(String name) {
    try {
      return Serialization.unmarshal(
          Files.readString(DEPLOY.resolve(name + ".yaml")), ClusterRole.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every {@code group resource verb} the role of {@code deploy/<name>.yaml} allows, the core group
   * named {@code core}.
   */
  static Set<String> rules(String name) {
    Set<String> rules = new TreeSet<>();
    role(name)
        .getRules()
        .forEach(
            rule ->
                rule.getApiGroups()
                    .forEach(
                        group ->
                            rule.getResources()
                                .forEach(
                                    resource ->
                                        rule.getVerbs()
                                            .forEach(
                                                verb ->
                                                    rules.add(
                                                        (group.isEmpty() ? "core" : group)
                                                            + " "
                                                            + resource
                                                            + " "
                                                            + verb)))));
    return rules;
  }

  /**
   * Creates the ClusterRole of {@code deploy/<name>.yaml}, as {@code kubectl apply -k deploy/}
   * would.
   */
  void install(String roleName) {
    admin.rbac().clusterRoles().resource(role(roleName)).createOr(NonDeletingOperation::update);
    clusterRoles.add(roleName);
  }

  /**
   * Creates {@code namespace} unless it exists: a real API server refuses objects in a missing one.
   */
  void namespace(String namespace) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  /**
   * ServiceAccount {@code namespace/name} and a kubeconfig with its token, working in {@code
   * namespace}.
   */
  Person person(String namespace, String name) {
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build())
        .create();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(name)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path kubeconfig =
        Kubeconfig.write(
            folder.resolve("kubeconfig-" + name), server.tokenConfig(token), namespace);
    return new Person(namespace, name, kubeconfig);
  }

  /** A RoleBinding of {@code role} to {@code person} in {@code namespace} only. */
  void bind(Person person, String role, String namespace) {
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(person.name() + "-" + role)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .withSubjects(subject(person))
                .build())
        .create();
  }

  /** A ClusterRoleBinding of {@code role} to {@code person}, under a name no other test uses. */
  void bindClusterWide(Person person, String role) {
    String name = person.name() + "-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    admin
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .withSubjects(subject(person))
                .build())
        .create();
    clusterRoleBindings.add(name);
  }

  private static Subject subject(Person person) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withNamespace(person.namespace())
        .withName(person.name())
        .build();
  }

  @Override
  public void close() {
    clusterRoleBindings.forEach(name -> admin.rbac().clusterRoleBindings().withName(name).delete());
    clusterRoles.forEach(name -> admin.rbac().clusterRoles().withName(name).delete());
  }
}
