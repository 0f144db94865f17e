package io.harbormaster.health;

import com.google.common.hash.Hashing;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.kubernetes.ConflictRetry;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.OperationKind;
import io.harbormaster.core.port.EventRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Records core/v1 Events on an operation's request object (an UpgradeRequest or RollbackRequest), so
 * {@code kubectl describe} shows what Harbormaster did. The same event repeated bumps the count of
 * the first instead of piling up: its name is derived from what it says.
 */
public final class KubernetesEventRecorder implements EventRecorder {
  public static final String REQUEST_API_VERSION = "harbormaster.io/v1alpha1";
  public static final String COMPONENT = "harbormaster";

  /** What the API server accepts for an Event's message; longer text is cut, not refused. */
  static final int MAX_MESSAGE = 1024;

  private static final int MAX_NAME = 253;
  /** The user:password part of a URL; a git remote can carry a token there. */
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(?<=://)[^/@\\s]+@");

  private static final PatchContext MERGE_PATCH =
      new PatchContext.Builder()
          .withPatchType(PatchType.JSON_MERGE)
          .withFieldManager(KubernetesFluxControl.FIELD_MANAGER)
          .build();

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
  public void record(OperationId operation, Type type, String reason, String message) {
    String kind = operation.kind() == OperationKind.UPGRADE ? "UpgradeRequest" : "RollbackRequest";
    String eventType = type == Type.WARNING ? "Warning" : "Normal";
    String text = safeMessage(message);
    ObjectRef request = operation.request();
    String name = eventName(request, kind, eventType, reason, text);
    Resource<Event> resource = client.v1().events().inNamespace(request.namespace()).withName(name);
    ConflictRetry.run(
        "recording event " + name,
        () -> {
          String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
          Event existing = resource.get();
          if (existing == null) {
            resource.create(newEvent(name, request, kind, eventType, reason, text, now));
          } else {
            // The resourceVersion makes the count bump optimistic: a concurrent bump answers 409 and we re-read.
            int count = existing.getCount() == null ? 1 : existing.getCount();
            resource.patch(
                MERGE_PATCH,
                client.getKubernetesSerialization().asJson(
                    Map.of(
                        "metadata", Map.of("resourceVersion", existing.getMetadata().getResourceVersion()),
                        "count", count + 1,
                        "lastTimestamp", now)));
          }
        });
  }

  private static Event newEvent(
      String name, ObjectRef request, String kind, String type, String reason, String message, String now) {
    return new EventBuilder()
        .withNewMetadata().withNamespace(request.namespace()).withName(name).endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(REQUEST_API_VERSION)
        .withKind(kind)
        .withNamespace(request.namespace())
        .withName(request.name())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .build();
  }

  /** {@code <request>.<hash of what the event says>}, cut so it stays a valid object name. */
  private static String eventName(ObjectRef request, String kind, String type, String reason, String message) {
    String hash =
        Hashing.sha256()
            .hashString(String.join("\n", kind, type, reason, message), StandardCharsets.UTF_8)
            .toString()
            .substring(0, 16);
    String prefix = request.name();
    if (prefix.length() > MAX_NAME - hash.length() - 1) {
      prefix = prefix.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[^a-z0-9]+$", "");
    }
    return prefix + "." + hash;
  }

  /**
   * Cuts the message to what the API server takes and masks URL credentials: callers never pass
   * secrets, but an error text quoting a git remote could carry one.
   */
  static String safeMessage(String message) {
    String masked = URL_CREDENTIALS.matcher(message).replaceAll("***@");
    return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
