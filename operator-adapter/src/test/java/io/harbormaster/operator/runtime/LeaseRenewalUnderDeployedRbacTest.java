package io.harbormaster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.harbormaster.embedded.Harbormaster;
import io.harbormaster.embedded.OperatorOptions;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.HarbormasterOperator;
import io.harbormaster.operator.deploy.DeployManifests;
import io.harbormaster.operator.deploy.DeployedRbac;
import io.harbormaster.sandbox.apiserver.AuditLog;
import io.harbormaster.sandbox.apiserver.RealApiServer;
import io.harbormaster.sandbox.await.AwaitCondition;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator as deploy/ runs it, on a real API server with RBAC: its ServiceAccount's token, the
 * roles of {@code kubectl kustomize deploy/}. It takes the Lease and keeps renewing it past the
 * renew deadline (a renewal is a PATCH of the Lease, which the leader-election Role must allow, or
 * the operator stops leading and exits), and the leader-election Role allows no verb it does not
 * use.
 */
class LeaseRenewalUnderDeployedRbacTest {
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(3);
  private static final Duration RETRY = Duration.ofMillis(250);

  @TempDir Path work;
  private KubernetesClient admin;
  private KubernetesClient operatorClient;
  private Operator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    admin.leases().inNamespace(namespace()).withName(HarbormasterOperator.LEASE).delete();
    admin.close();
  }

  @Test
  void theLeaderKeepsTheLeasePastItsRenewDeadline() {
    RealApiServer server = RealApiServer.shared();
    admin = new KubernetesClientBuilder().withConfig(server.adminConfig()).build();
    SimulatedFlux.installCrds(admin);
    VolumeSnapshotCrd.install(admin);
    List<HasMetadata> deploy = DeployManifests.render(DeployManifests.DEPLOY);
    DeployedRbac.apply(admin, deploy);
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(
                server.tokenConfig(DeployedRbac.token(admin, DeployedRbac.serviceAccount(deploy))))
            .build();

    GitOpsSettings git =
        GitOpsSettings.builder()
            .workDirectory(work)
            .authorName("hm")
            .authorEmail("hm@localhost")
            .build();
    LeaderElectionConfiguration election =
        new LeaderElectionConfiguration(
            HarbormasterOperator.LEASE,
            namespace(),
            LEASE,
            RENEW_DEADLINE,
            RETRY,
            "op-1",
            null,
            false);
    AuditLog audit = server.auditFromNow();
    operator =
        Harbormaster.operator(
            operatorClient, OperatorOptions.builder().git(git).leaderElection(election).build());
    operator.start();

    Lease renewed =
        AwaitCondition.until(
            admin.leases().inNamespace(namespace()).withName(HarbormasterOperator.LEASE),
            lease -> lease != null && heldLongerThan(lease, RENEW_DEADLINE.plus(RETRY)),
            Duration.ofSeconds(15));

    assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo("op-1");
    assertThat(renewed.getSpec().getLeaseTransitions())
        .as("the Lease never changed hands")
        .isZero();
    Set<String> leaseCalls =
        audit.requestsOf(OPERATOR).stream()
            .filter(call -> call.rule().startsWith("coordination.k8s.io leases "))
            .peek(call -> assertThat(call.allowed()).as(call.rule()).isTrue())
            .map(AuditLog.Request::rule)
            .collect(Collectors.toCollection(TreeSet::new));
    Role role =
        deploy.stream()
            .filter(Role.class::isInstance)
            .map(Role.class::cast)
            .findFirst()
            .orElseThrow();
    Set<String> allowed =
        role.getRules().stream()
            .flatMap(
                rule -> rule.getVerbs().stream().map(verb -> "coordination.k8s.io leases " + verb))
            .collect(Collectors.toCollection(TreeSet::new));
    leaseCalls.add(STARTUP_CHECK_ONLY);
    assertThat(leaseCalls)
        .as("the Lease calls, each of which the Role must allow")
        .isEqualTo(allowed);
  }

  private static final String OPERATOR =
      "system:serviceaccount:harbormaster-system:harbormaster-operator";

  /**
   * fabric8 renews by patch and never updates the Lease, but java-operator-sdk refuses to start
   * ("No permission to lease resource ... missing required verbs: [update]") unless it may.
   */
  private static final String STARTUP_CHECK_ONLY = "coordination.k8s.io leases update";

  private static boolean heldLongerThan(Lease lease, Duration span) {
    ZonedDateTime acquired = lease.getSpec().getAcquireTime();
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    return acquired != null
        && renewed != null
        && Duration.between(acquired, renewed).compareTo(span) > 0;
  }

  private static String namespace() {
    return "harbormaster-system";
  }
}
