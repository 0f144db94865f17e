package io.harbormaster.control;

import com.google.common.hash.Hashing;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.RollbackRequest;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.OperationKind;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.redaction.Redaction;
import io.harbormaster.kubernetes.ConflictRetry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records core/v1 Events on an operation's request object (an UpgradeRequest or RollbackRequest)
 * and on its ManagedApp, so {@code kubectl describe} of either shows what Harbormaster did. The
 * same event repeated bumps the count of the first instead of piling up: its name is derived from
 * what it says.
 */
public final class KubernetesEventRecorder implements EventRecorder {
  private static final String COMPONENT = "harbormaster";

  /** What the API server accepts for an Event's message; longer text is cut, not refused. */
  static final int MAX_MESSAGE = 1024;

  private static final int MAX_NAME = 253;

  private static final PatchContext MERGE_PATCH =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON_MERGE)
          .withFieldManager(KubernetesFluxControl.FIELD_MANAGER)
          .build();

  /** The object an event is about: one of Harbormaster's custom resources. */
  private record Involved(Class<? extends HasMetadata> type, ObjectRef ref) {
    String kind() {
      return HasMetadata.getKind(type);
    }
  }

  private final KubernetesClient client;
  private final Clock clock;

  public KubernetesEventRecorder(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  KubernetesEventRecorder(KubernetesClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void record(
      OperationId operation, ObjectRef app, Type type, String reason, String message) {
    Involved request =
        operation.kind() == OperationKind.UPGRADE
            ? new Involved(UpgradeRequest.class, operation.request())
            : new Involved(RollbackRequest.class, operation.request());
    String eventType = type == Type.WARNING ? "Warning" : "Normal";
    recordOn(request, eventType, reason, safeMessage(message));
    recordOn(
        new Involved(ManagedApp.class, app),
        eventType,
        reason,
        safeMessage(operation + ": " + message));
  }

  /**
   * Records an event on one of Harbormaster's other resources (a StoragePolicy), with the same
   * counting of repeats.
   */
  public void recordOn(
      Class<? extends HasMetadata> kind,
      ObjectRef object,
      Type type,
      String reason,
      String message) {
    recordOn(
        new Involved(kind, object),
        type == Type.WARNING ? "Warning" : "Normal",
        reason,
        safeMessage(message));
  }

  private void recordOn(Involved involved, String eventType, String reason, String text) {
    ObjectRef ref = involved.ref();
    String name = eventName(involved, eventType, reason, text);
    Resource<Event> resource = client.v1().events().inNamespace(ref.namespace()).withName(name);
    ConflictRetry.run(
        "recording event " + name,
        () -> {
          String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
          Event existing = resource.get();
          if (existing == null) {
            resource.create(newEvent(name, involved, uid(involved), eventType, reason, text, now));
          } else {
            // The resourceVersion makes the count bump optimistic: a concurrent bump answers 409
            // and we re-read.
            int count = existing.getCount() == null ? 1 : existing.getCount();
            resource.patch(
                MERGE_PATCH,
                client
                    .getKubernetesSerialization()
                    .asJson(
                        Map.of(
                            "metadata",
                            Map.of("resourceVersion", existing.getMetadata().getResourceVersion()),
                            "count",
                            count + 1,
                            "lastTimestamp",
                            now)));
          }
        });
  }

  /**
   * The object's uid, which {@code kubectl describe} matches events by; absent when the object is
   * gone (a request deleted mid-flight still gets its events).
   */
  private Optional<String> uid(Involved involved) {
    // Read generically by the class's coordinates: no discovery call, and the uid is all it needs.
    GenericKubernetesResource object =
        client
            .genericKubernetesResources(ResourceDefinitionContext.fromResourceType(involved.type()))
            .inNamespace(involved.ref().namespace())
            .withName(involved.ref().name())
            .get();
    return Optional.ofNullable(object).map(found -> found.getMetadata().getUid());
  }

  private static Event newEvent(
      String name,
      Involved involved,
      Optional<String> uid,
      String type,
      String reason,
      String message,
      String now) {
    ObjectRef ref = involved.ref();
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(ref.namespace())
        .withName(name)
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(HasMetadata.getApiVersion(involved.type()))
        .withKind(involved.kind())
        .withNamespace(ref.namespace())
        .withName(ref.name())
        .withUid(uid.orElse(null))
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .build();
  }

  /** {@code <object>.<hash of what the event says>}, cut so it stays a valid object name. */
  private static String eventName(Involved involved, String type, String reason, String message) {
    String hash =
        Hashing.sha256()
            .hashString(
                String.join("\n", involved.kind(), type, reason, message), StandardCharsets.UTF_8)
            .toString()
            .substring(0, 16);
    String prefix = involved.ref().name();
    if (prefix.length() > MAX_NAME - hash.length() - 1) {
      prefix = prefix.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[^a-z0-9]+$", "");
    }
    return prefix + "." + hash;
  }

  /**
   * Masks secrets with the one {@link Redaction} (callers never pass secrets, but an error text
   * quoting a git remote could carry one), then cuts the message to what the API server takes.
   */
  static String safeMessage(String message) {
    String masked = Redaction.redact(message);
    return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
