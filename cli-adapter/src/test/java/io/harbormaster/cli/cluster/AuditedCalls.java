package io.harbormaster.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The API calls of one user as a real API server's audit log recorded them, from a point on. The
 * server writes a request's event before it finishes the response (the log backend's default blocking
 * mode), so a call that has returned is in the log.
 */
final class AuditedCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path log;
  private final long start;

  private AuditedCalls(Path log, long start) {
    this.log = log;
    this.start = start;
  }

  /** The calls recorded in {@code log} from now on. */
  static AuditedCalls from(Path log) {
    try {
      return new AuditedCalls(log, Files.size(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One resource call, {@code group resource[/subresource] verb} as {@link ClusterPeople#rules} names rules, and its HTTP code. */
  record Call(String rule, int code) {}

  /** The resource calls {@code username} made (calls to discovery, which every user may make, are left out). */
  List<Call> of(String username) {
    return newLines().stream()
        .map(AuditedCalls::parse)
        .filter(event -> username.equals(event.path("user").path("username").asText()) && event.has("objectRef"))
        .map(event -> new Call(rule(event), event.path("responseStatus").path("code").asInt()))
        .toList();
  }

  private List<String> newLines() {
    try {
      byte[] all = Files.readAllBytes(log);
      String added = new String(Arrays.copyOfRange(all, (int) start, all.length), StandardCharsets.UTF_8);
      return added.lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not an audit event: " + line, e);
    }
  }

  private static String rule(JsonNode event) {
    JsonNode object = event.path("objectRef");
    String group = object.path("apiGroup").asText("");
    String subresource = object.path("subresource").asText("");
    return (group.isEmpty() ? "core" : group) + " " + object.path("resource").asText()
        + (subresource.isEmpty() ? "" : "/" + subresource) + " " + event.path("verb").asText();
  }
}
