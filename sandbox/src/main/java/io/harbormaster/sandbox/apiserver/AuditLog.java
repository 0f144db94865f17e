package io.harbormaster.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The requests a real API server's audit log recorded from a point on ({@link
 * RealApiServer#auditFromNow()}). The log backend writes a request's event before the response is
 * sent (its default blocking mode), so a call that has returned is in the log.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DECISION = "authorization.k8s.io/decision";

  private final Path file;
  private final long start;

  private AuditLog(Path file, long start) {
    this.file = file;
    this.start = start;
  }

  static AuditLog from(Path file) {
    try {
      return new AuditLog(file, Files.exists(file) ? Files.size(file) : 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One request on a resource: the RBAC rule it needed ({@code apps deployments/scale update}, the
   * core group named {@code core}), whether authorization allowed it, and the HTTP code of the
   * answer.
   */
  public record Request(String rule, boolean allowed, int code) {}

  /**
   * The completed resource requests made as {@code username} since (discovery, which needs no rule,
   * left out): by that user, or by another impersonating it, since the server authorizes such a
   * request as the impersonated user; a user's own requests leave out those it made as someone
   * else.
   */
  public List<Request> requestsOf(String username) {
    return events().stream()
        .filter(event -> username.equals(actingUser(event)))
        .filter(
            event ->
                "ResponseComplete".equals(event.path("stage").asText()) && event.has("objectRef"))
        .map(
            event ->
                new Request(
                    rule(event),
                    "allow".equals(event.path("annotations").path(DECISION).asText()),
                    event.path("responseStatus").path("code").asInt()))
        .toList();
  }

  private static String actingUser(JsonNode event) {
    JsonNode impersonated = event.path("impersonatedUser").path("username");
    return impersonated.isMissingNode()
        ? event.path("user").path("username").asText()
        : impersonated.asText();
  }

  private List<JsonNode> events() {
    try {
      byte[] all = Files.readAllBytes(file);
      String added =
          new String(
              Arrays.copyOfRange(all, (int) Math.min(start, all.length), all.length),
              StandardCharsets.UTF_8);
      return added.lines().map(AuditLog::parse).flatMap(Optional::stream).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<JsonNode> parse(String line) {
    try {
      return Optional.of(JSON.readTree(line));
    } catch (IOException e) {
      return Optional.empty(); // the last line, still being written
    }
  }

  private static String rule(JsonNode event) {
    JsonNode object = event.path("objectRef");
    String group = object.path("apiGroup").asText("");
    String subresource = object.path("subresource").asText("");
    return (group.isEmpty() ? "core" : group)
        + " "
        + object.path("resource").asText()
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + " "
        + event.path("verb").asText();
  }
}
