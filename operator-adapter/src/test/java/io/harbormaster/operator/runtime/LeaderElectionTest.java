package io.harbormaster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.harbormaster.api.crd.InstalledCrds;
import io.harbormaster.embedded.Harbormaster;
import io.harbormaster.embedded.OperatorOptions;
import io.harbormaster.gitops.GitOpsSettings;
import io.harbormaster.operator.HarbormasterOperator;
import io.harbormaster.sandbox.flux.SimulatedFlux;
import io.harbormaster.sandbox.storage.VolumeSnapshotCrd;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas of the operator: the first takes the Lease, the second waits without taking it. */
class LeaderElectionTest {
  private static final String NAMESPACE = "harbormaster-system";

  @TempDir Path work;
  private KubernetesMockServer server;
  private KubernetesClient client;
  private final List<Operator> operators = new java.util.ArrayList<>();

  @BeforeEach
  void cluster() throws Exception {
    // CRUD for everything, plus one scripted answer (mixed dispatcher: expectations first).
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
    // java-operator-sdk asks the API server whether it may use Leases before it competes for one.
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .withResourceRules(
                    new ResourceRuleBuilder()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("get", "create", "update", "patch")
                        .build())
                .endStatus()
                .build())
        .always();
    // The operator watches Flux objects and VolumeSnapshots, so their CRDs must exist.
    SimulatedFlux.installCrds(client);
    VolumeSnapshotCrd.install(client);
    InstalledCrds.install(client);
  }

  @AfterEach
  void stop() {
    operators.forEach(Operator::stop);
    client.close();
    server.destroy();
  }

  private void startReplica(String identity) {
    GitOpsSettings git =
        GitOpsSettings.builder()
            .workDirectory(work.resolve(identity))
            .authorName("hm")
            .authorEmail("hm@localhost")
            .build();
    LeaderElectionConfiguration election =
        new LeaderElectionConfiguration(
            HarbormasterOperator.LEASE,
            NAMESPACE,
            Duration.ofSeconds(10),
            Duration.ofSeconds(8),
            Duration.ofMillis(200),
            identity,
            null,
            false);
    Operator operator =
        Harbormaster.operator(
            client, OperatorOptions.builder().git(git).leaderElection(election).build());
    operators.add(operator);
    operator.start();
  }

  private Lease lease() {
    return client.leases().inNamespace(NAMESPACE).withName(HarbormasterOperator.LEASE).get();
  }

  @Test
  void oneReplicaHoldsTheLeaseAndTheOtherWaits() {
    startReplica("replica-a");
    client
        .leases()
        .inNamespace(NAMESPACE)
        .withName(HarbormasterOperator.LEASE)
        .waitUntilCondition(
            lease -> lease != null && "replica-a".equals(lease.getSpec().getHolderIdentity()),
            30,
            TimeUnit.SECONDS);

    startReplica("replica-b");
    String renewedBefore = lease().getSpec().getRenewTime().toString();
    // The leader keeps renewing while the second replica is up; the holder never changes.
    client
        .leases()
        .inNamespace(NAMESPACE)
        .withName(HarbormasterOperator.LEASE)
        .waitUntilCondition(
            lease -> !lease.getSpec().getRenewTime().toString().equals(renewedBefore),
            30,
            TimeUnit.SECONDS);

    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-a");
  }
}
