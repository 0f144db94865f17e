package io.harbormaster.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One request as a real API server's audit log recorded it: who made it, the RBAC rule it needed,
 * whether authorization allowed it, and the answer's HTTP code.
 */
record AuditedCall(String user, ApiCall call, boolean allowed, int code, Instant received) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DECISION = "authorization.k8s.io/decision";

  /** The completed requests of {@code user} received at or after {@code since}. */
  static List<AuditedCall> of(Path auditLog, String user, Instant since) {
    try (Stream<String> lines = Files.lines(auditLog)) {
      return lines.map(AuditedCall::parse)
          .flatMap(Optional::stream)
          .filter(call -> call.user().equals(user) && !call.received().isBefore(since))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<AuditedCall> parse(String line) {
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (IOException e) {
      return Optional.empty(); // a line the server is still writing
    }
    JsonNode object = event.path("objectRef");
    if (!"ResponseComplete".equals(event.path("stage").asText()) || object.path("resource").asText().isEmpty()) {
      return Optional.empty(); // discovery and other non-resource requests need no rule
    }
    String group = object.path("apiGroup").asText("");
    String subresource = object.path("subresource").asText("");
    String resource = object.path("resource").asText() + (subresource.isEmpty() ? "" : "/" + subresource);
    return Optional.of(new AuditedCall(
        event.path("user").path("username").asText(),
        new ApiCall(group.isEmpty() ? "core" : group, resource, event.path("verb").asText()),
        "allow".equals(event.path("annotations").path(DECISION).asText()),
        event.path("responseStatus").path("code").asInt(),
        Instant.parse(event.path("requestReceivedTimestamp").asText())));
  }
}
