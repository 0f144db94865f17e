package io.harbormaster.sandbox.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.harbormaster.sandbox.node.StatsSummary.ClaimKey;
import io.harbormaster.sandbox.tls.TlsCertificates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's nodes: Node objects {@code sandbox-node-1..n}, Ready, each reachable at InternalIP
 * 127.0.0.1 on the port of its kubelet's HTTPS stats server ({@code
 * status.daemonEndpoints.kubeletEndpoint.port}), where the API server's node proxy {@code
 * /api/v1/nodes/<node>/proxy/stats/summary} forwards. The workload controllers place pods on the
 * schedulable ones. A volume's usage is what {@link #setUsage} last set; a PVC without one is
 * absent from the stats, as a newly mounted volume is until the kubelet has measured it.
 *
 * <pre>{@code
 * try (SandboxNodes nodes = SandboxNodes.start(client, 2)) {
 *   nodes.setUsage("db", "data-postgres-0", 900L << 20);
 *   client.raw("/api/v1/nodes/sandbox-node-1/proxy/stats/summary");
 * }
 * }</pre>
 */
public final class SandboxNodes implements AutoCloseable {
  private static final String NAME_PREFIX = "sandbox-node-";
  private static final String LOOPBACK = "127.0.0.1";

  private final KubernetesClient client;
  private final Map<ClaimKey, Long> usedBytes = new ConcurrentHashMap<>();
  private final Map<String, KubeletStatsServer> kubelets = new LinkedHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  private SandboxNodes(KubernetesClient client) {
    this.client = client;
  }

  /** Creates {@code count} Nodes and starts their kubelets' stats servers. */
  public static SandboxNodes start(KubernetesClient client, int count) {
    SandboxNodes nodes = new SandboxNodes(Objects.requireNonNull(client, "client"));
    try {
      nodes.create(count);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  private void create(int count) {
    TlsCertificates certificates = TlsCertificates.create();
    SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().inform();
    informers.add(pods);
    SharedIndexInformer<PersistentVolumeClaim> claims =
        client.persistentVolumeClaims().inAnyNamespace().inform();
    informers.add(claims);
    StatsSummary summaries = new StatsSummary(pods.getStore(), claims.getStore(), usedBytes);
    for (int i = 1; i <= count; i++) {
      String name = NAME_PREFIX + i;
      KubeletStatsServer kubelet = new KubeletStatsServer(certificates, () -> summaries.of(name));
      kubelets.put(name, kubelet);
      client.nodes().resource(node(name, kubelet.port())).create();
    }
  }

  /** The nodes' names, in order. */
  public List<String> names() {
    return List.copyOf(kubelets.keySet());
  }

  /** What the kubelet reports as used on PVC {@code namespace/pvc}'s volume from now on. */
  public void setUsage(String namespace, String pvc, long usedBytes) {
    this.usedBytes.put(new ClaimKey(namespace, pvc), usedBytes);
  }

  /** The node's kubelet stops answering: connections to it are refused, as to a node gone. */
  public void stopAnswering(String node) {
    kubelet(node).stopAnswering();
  }

  /** The node's kubelet answers again, on the same port. */
  public void answerAgain(String node) {
    kubelet(node).answerAgain();
  }

  /** Marks the node unschedulable, as {@code kubectl cordon} does: new pods go elsewhere. */
  public void cordon(String node) {
    kubelet(node); // only a node of these
    client
        .nodes()
        .withName(node)
        .edit(
            live -> {
              live.getSpec().setUnschedulable(true);
              return live;
            });
  }

  /** Stops the kubelets' servers; the Node objects stay. */
  @Override
  public void close() {
    kubelets.values().forEach(KubeletStatsServer::close);
    informers.forEach(SharedIndexInformer::close);
  }

  private KubeletStatsServer kubelet(String node) {
    KubeletStatsServer kubelet = kubelets.get(node);
    if (kubelet == null) {
      throw new IllegalArgumentException("no sandbox node " + node + "; there are " + names());
    }
    return kubelet;
  }

  /** A Ready node reachable only by its InternalIP: the API server's proxy tries that first. */
  private static Node node(String name, int kubeletPort) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/hostname", name)
        .endMetadata()
        .withNewSpec()
        .withUnschedulable(false)
        .endSpec()
        .withNewStatus()
        .addNewAddress()
        .withType("InternalIP")
        .withAddress(LOOPBACK)
        .endAddress()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("kubelet is posting ready status")
        .endCondition()
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint()
        .withPort(kubeletPort)
        .endKubeletEndpoint()
        .endDaemonEndpoints()
        .endStatus()
        .build();
  }
}
