package io.harbormaster.sandbox.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.harbormaster.sandbox.oci.OciRegistry;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Plays kustomize-controller for one Kustomization: waits for the Kustomizations it {@code
 * dependsOn} to be Ready, takes the artifact its GitRepository, OCIRepository or Bucket last stored
 * (never a fetch of its own: a new commit arrives when source-controller fetches it), builds {@code
 * spec.path}, applies every object (Namespaces and CRDs first) labelled with the Kustomization's
 * name and namespace, prunes what left git when {@code spec.prune} is set, and records the
 * inventory. With {@code spec.wait} or {@code spec.healthChecks} it then waits, in flight, for
 * those objects to be ready, up to {@code spec.timeout} (default: the interval); only then does
 * {@code lastAppliedRevision} move, with {@code lastAppliedOriginRevision} from the artifact's
 * {@code org.opencontainers.image.revision} annotation when it has one. Failures are Ready=False
 * with Flux's reasons ({@code DependencyNotReady}, {@code ArtifactFailed}, {@code BuildFailed},
 * {@code ReconciliationFailed}, {@code HealthCheckFailed}) and are retried after {@code
 * spec.retryInterval}; {@code observedGeneration} moves only once Ready is True.
 */
final class KustomizationReconciler implements FluxReconciler {
  static final String FIELD_MANAGER = "kustomize-controller";

  /** The labels by which kustomize-controller marks what a Kustomization applied. */
  static final String NAME_LABEL = "kustomize.toolkit.fluxcd.io/name";

  static final String NAMESPACE_LABEL = "kustomize.toolkit.fluxcd.io/namespace";
  private static final Set<String> APPLIED_FIRST = Set.of("Namespace", "CustomResourceDefinition");

  /** The kinds of source a Kustomization applies from here. */
  private static final List<FluxType> SOURCES =
      List.of(FluxType.GIT_REPOSITORY, FluxType.OCI_REPOSITORY, FluxType.BUCKET);

  /** A health check under way: what was applied and what it waits for. */
  private record HealthCheck(
      SourceArtifact artifact,
      Instant started,
      Duration timeout,
      List<InventoryItem> inventory,
      List<InventoryItem> waitedFor) {}

  private final KubernetesClient client;
  private final StoredArtifacts artifacts;
  private final StatusWriter status;
  private final ObjectApplier applier;
  private final Readiness readiness;
  private final FluxTimings timings;
  private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

  KustomizationReconciler(
      KubernetesClient client,
      StoredArtifacts artifacts,
      StatusWriter status,
      FluxTimings timings) {
    this.client = client;
    this.artifacts = artifacts;
    this.status = status;
    this.timings = timings;
    this.applier = new ObjectApplier(client, FIELD_MANAGER);
    this.readiness = new Readiness(client);
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource kustomization) {
    HealthCheck underWay = checks.get(Fields.ref(kustomization));
    if (underWay != null) {
      return continueHealthCheck(kustomization, underWay);
    }
    status
        .update(FluxType.KUSTOMIZATION, kustomization)
        .condition("Reconciling", true, "Progressing", "Reconciliation in progress")
        .condition("Ready", "Unknown", "Progressing", "Reconciliation in progress")
        .write();
    SourceArtifact artifact;
    try {
      artifact = artifact(kustomization);
    } catch (SourceException e) {
      return fail(kustomization, "ArtifactFailed", e.getMessage(), Map.of());
    }
    Optional<String> dependency = dependencyNotReady(kustomization);
    if (dependency.isPresent()) {
      fail(kustomization, "DependencyNotReady", dependency.get(), Map.of());
      return Outcome.requeueAfter(timings.dependencyRequeue());
    }
    Map<String, Object> attempted = Map.of("lastAttemptedRevision", artifact.revision());
    List<ObjectNode> objects;
    try {
      objects =
          new KustomizeBuild(artifact.files())
              .build(Fields.text(kustomization, "spec", "path").orElse("./"));
      objects.forEach(object -> prepare(kustomization, object));
    } catch (BuildException e) {
      return fail(
          kustomization, "BuildFailed", "kustomize build failed: " + e.getMessage(), attempted);
    }
    List<InventoryItem> inventory;
    try {
      inventory = applyAll(objects);
      if (Fields.flag(kustomization, "spec", "prune")) {
        prune(kustomization, inventory);
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw e; // raced with another writer: the loop tries again
      }
      return fail(
          kustomization, "ReconciliationFailed", "apply failed: " + e.getMessage(), attempted);
    }
    List<InventoryItem> waitedFor = waitedFor(kustomization, inventory);
    if (waitedFor.isEmpty()) {
      return succeed(kustomization, artifact, inventory, Optional.empty());
    }
    Duration timeout =
        FluxInterval.spec(kustomization, "timeout")
            .or(() -> FluxInterval.of(kustomization))
            .orElse(Duration.ofMinutes(5));
    HealthCheck check = new HealthCheck(artifact, status.instant(), timeout, inventory, waitedFor);
    checks.put(Fields.ref(kustomization), check);
    String message =
        "Running health checks for revision "
            + artifact.revision()
            + " with a timeout of "
            + FluxInterval.format(timeout);
    status
        .update(FluxType.KUSTOMIZATION, kustomization)
        .fields(attempted)
        .field("inventory", inventoryStatus(inventory))
        .condition("Reconciling", true, "Progressing", message)
        .condition("Healthy", "Unknown", "Progressing", message)
        .write();
    return Outcome.inFlight(timings.poll());
  }

  @Override
  public void whileSuspended(GenericKubernetesResource kustomization) {
    status.update(FluxType.KUSTOMIZATION, kustomization).finalized().writeIfChanged();
  }

  private Outcome continueHealthCheck(GenericKubernetesResource kustomization, HealthCheck check) {
    List<String> waiting = new ArrayList<>();
    for (InventoryItem item : check.waitedFor()) {
      Readiness.Status state =
          readiness.of(item.apiVersion(), item.kind(), item.namespace(), item.name());
      if (state != Readiness.Status.CURRENT) {
        waiting.add(Readiness.describe(item.kind(), item.namespace(), item.name(), state));
      }
    }
    Duration took = Duration.between(check.started(), status.instant());
    if (waiting.isEmpty()) {
      checks.remove(Fields.ref(kustomization));
      return succeed(kustomization, check.artifact(), check.inventory(), Optional.of(took));
    }
    if (took.compareTo(check.timeout()) < 0) {
      return Outcome.inFlight(timings.poll());
    }
    checks.remove(Fields.ref(kustomization));
    String timedOut = "timeout waiting for: [" + String.join(", ", waiting) + "]";
    status
        .update(FluxType.KUSTOMIZATION, kustomization)
        .condition("Healthy", false, "HealthCheckFailed", timedOut)
        .condition(
            "Ready",
            false,
            "HealthCheckFailed",
            "health check failed after " + FluxInterval.format(took) + ": " + timedOut)
        .finalized()
        .write();
    return Outcome.requeueAfter(retryInterval(kustomization));
  }

  private Outcome succeed(
      GenericKubernetesResource kustomization,
      SourceArtifact artifact,
      List<InventoryItem> inventory,
      Optional<Duration> healthCheck) {
    String revision = artifact.revision();
    StatusWriter.Update update =
        status
            .update(FluxType.KUSTOMIZATION, kustomization)
            .field("lastAttemptedRevision", revision)
            .field("lastAppliedRevision", revision)
            .field("inventory", inventoryStatus(inventory))
            .condition("Ready", true, "ReconciliationSucceeded", "Applied revision: " + revision);
    // The git revision an OCI artifact was built from, as its publisher annotated it; none else.
    Optional.ofNullable(artifact.metadata().get(OciRegistry.REVISION_ANNOTATION))
        .ifPresentOrElse(
            origin -> update.field("lastAppliedOriginRevision", origin),
            () -> update.omit("lastAppliedOriginRevision"));
    healthCheck.ifPresentOrElse(
        took ->
            update.condition(
                "Healthy",
                true,
                "Succeeded",
                "Health check passed in " + FluxInterval.format(took)),
        () -> update.without("Healthy"));
    update.finalized().write();
    return Outcome.done();
  }

  /**
   * Everything applied with {@code spec.wait}; else the objects {@code spec.healthChecks} names.
   */
  @SuppressWarnings("unchecked")
  private static List<InventoryItem> waitedFor(
      GenericKubernetesResource kustomization, List<InventoryItem> inventory) {
    if (Fields.flag(kustomization, "spec", "wait")) {
      return inventory;
    }
    List<InventoryItem> named = new ArrayList<>();
    if (kustomization.get("spec", "healthChecks") instanceof List<?> checks) {
      for (Object check : checks) {
        Map<String, Object> ref = check instanceof Map ? (Map<String, Object>) check : Map.of();
        named.add(
            InventoryItem.of(
                String.valueOf(ref.getOrDefault("apiVersion", "v1")),
                String.valueOf(ref.get("kind")),
                String.valueOf(
                    ref.getOrDefault("namespace", kustomization.getMetadata().getNamespace())),
                String.valueOf(ref.get("name"))));
      }
    }
    return named;
  }

  /**
   * The first Kustomization of {@code spec.dependsOn} that is missing or not Ready for its current
   * spec.
   */
  @SuppressWarnings("unchecked")
  private Optional<String> dependencyNotReady(GenericKubernetesResource kustomization) {
    if (!(kustomization.get("spec", "dependsOn") instanceof List<?> dependencies)) {
      return Optional.empty();
    }
    for (Object item : dependencies) {
      Map<String, Object> ref = item instanceof Map ? (Map<String, Object>) item : Map.of();
      String namespace =
          String.valueOf(ref.getOrDefault("namespace", kustomization.getMetadata().getNamespace()));
      String name = String.valueOf(ref.get("name"));
      Readiness.Status state =
          readiness.of(
              FluxType.KUSTOMIZATION.apiVersion(), FluxType.KUSTOMIZATION.kind(), namespace, name);
      if (state == Readiness.Status.NOT_FOUND) {
        return Optional.of("dependency '" + namespace + "/" + name + "' not found");
      }
      if (state != Readiness.Status.CURRENT) {
        return Optional.of("dependency '" + namespace + "/" + name + "' is not ready");
      }
    }
    return Optional.empty();
  }

  private static Duration retryInterval(GenericKubernetesResource kustomization) {
    return FluxInterval.spec(kustomization, "retryInterval")
        .or(() -> FluxInterval.of(kustomization))
        .orElse(Duration.ofMinutes(5));
  }

  private static Map<String, Object> inventoryStatus(List<InventoryItem> inventory) {
    return Map.of(
        "entries", inventory.stream().map(InventoryItem::toStatus).collect(Collectors.toList()));
  }

  /** The artifact its source (a GitRepository, OCIRepository or Bucket) last stored. */
  private SourceArtifact artifact(GenericKubernetesResource kustomization) {
    String kind = Fields.text(kustomization, "spec", "sourceRef", "kind").orElse("");
    FluxType type =
        SOURCES.stream()
            .filter(source -> source.kind().equals(kind))
            .findFirst()
            .orElseThrow(
                () ->
                    new SourceException(
                        "spec.sourceRef.kind is '"
                            + kind
                            + "': the simulation serves GitRepository, OCIRepository and Bucket"
                            + " sources only"));
    String namespace = sourceNamespace(kustomization);
    String name =
        Fields.text(kustomization, "spec", "sourceRef", "name")
            .orElseThrow(
                () ->
                    new SourceException(
                        "spec.sourceRef.name is missing: name the source to build from"));
    if (type.resources(client).inNamespace(namespace).withName(name).get() == null) {
      throw new SourceException("Source '" + kind + "/" + namespace + "/" + name + "' not found");
    }
    // kustomize-controller's words; the source's own Ready condition says why, when a fetch failed.
    return artifacts
        .of(type, namespace, name)
        .orElseThrow(() -> new SourceException("Source artifact not found, retrying in 30s"));
  }

  /**
   * Whether {@code kustomization} builds from source {@code type} {@code namespace/name}: its new
   * revision wakes it.
   */
  static boolean buildsFrom(
      GenericKubernetesResource kustomization, FluxType type, String namespace, String name) {
    return type.kind().equals(Fields.text(kustomization, "spec", "sourceRef", "kind").orElse(""))
        && name.equals(Fields.text(kustomization, "spec", "sourceRef", "name").orElse(""))
        && namespace.equals(sourceNamespace(kustomization));
  }

  private static String sourceNamespace(GenericKubernetesResource kustomization) {
    return Fields.text(kustomization, "spec", "sourceRef", "namespace")
        .orElse(kustomization.getMetadata().getNamespace());
  }

  /** Sets the target namespace and the labels by which Flux names an object's Kustomization. */
  private static void prepare(GenericKubernetesResource kustomization, ObjectNode object) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    boolean namespaced = ClusterScope.namespaced(object);
    Optional<String> target = Fields.text(kustomization, "spec", "targetNamespace");
    if (namespaced && target.isPresent()) {
      metadata.put("namespace", target.get());
    } else if (!namespaced) {
      metadata.remove("namespace");
    } else if (metadata.path("namespace").asText("").isEmpty()) {
      throw new BuildException(
          object.path("kind").asText()
              + "/"
              + metadata.path("name").asText()
              + " namespace not specified: set metadata.namespace in git or spec.targetNamespace");
    }
    ObjectNode labels = metadata.withObjectProperty("labels");
    labels.put(NAME_LABEL, kustomization.getMetadata().getName());
    labels.put(NAMESPACE_LABEL, kustomization.getMetadata().getNamespace());
  }

  private List<InventoryItem> applyAll(List<ObjectNode> objects) {
    List<ObjectNode> ordered = new ArrayList<>(objects);
    ordered.sort(
        Comparator.comparing(object -> !APPLIED_FIRST.contains(object.path("kind").asText())));
    List<InventoryItem> inventory = new ArrayList<>();
    for (ObjectNode object : ordered) {
      applier.apply(object);
      inventory.add(InventoryItem.of(object));
    }
    return inventory;
  }

  private void prune(GenericKubernetesResource kustomization, List<InventoryItem> kept) {
    Set<String> keptIds = kept.stream().map(InventoryItem::id).collect(Collectors.toSet());
    for (InventoryItem previous : InventoryItem.ofStatus(kustomization)) {
      if (!keptIds.contains(previous.id())) {
        applier.delete(
            previous.apiVersion(), previous.kind(), previous.namespace(), previous.name());
      }
    }
  }

  private Outcome fail(
      GenericKubernetesResource kustomization,
      String reason,
      String message,
      Map<String, Object> fields) {
    status
        .update(FluxType.KUSTOMIZATION, kustomization)
        .fields(fields)
        .condition("Ready", false, reason, message)
        .finalized()
        .write();
    return Outcome.requeueAfter(retryInterval(kustomization));
  }
}
