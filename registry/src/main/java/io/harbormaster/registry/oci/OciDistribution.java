package io.harbormaster.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.registry.http.Authorization;
import io.harbormaster.registry.http.BasicCredentials;
import io.harbormaster.registry.http.Lookup;
import io.harbormaster.registry.http.RegistryHttp;
import io.harbormaster.registry.http.Reply;
import io.harbormaster.registry.http.Unreachable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a tag exists in a registry that speaks the OCI Distribution API: {@code HEAD
 * /v2/<repository>/manifests/<tag>} accepting image manifests and indexes of OCI and Docker. A 401
 * is answered as registries ask: a Bearer challenge by a token from its realm (anonymous, or with
 * Basic credentials when we have them for this registry and the realm is on the registry's own
 * host), a Basic one by the credentials, once; what is still refused needs credentials we do not
 * have.
 */
public final class OciDistribution {
  static final String ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  private static final long TOKEN_BODY_LIMIT = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryHttp http;

  public OciDistribution(RegistryHttp http) {
    this.http = http;
  }

  /**
   * Looks {@code tag} of {@code image} up, over plain HTTP when {@code insecure} or the registry is
   * this machine's own, with {@code credentials} for the registry's host if given.
   */
  public Lookup hasTag(
      ImageName image, String tag, boolean insecure, Optional<BasicCredentials> credentials) {
    URI manifest = image.base(insecure).resolve("/v2/" + image.repository() + "/manifests/" + tag);
    String registry = image.registry();
    try {
      Reply reply = head(manifest, Optional.empty());
      if (reply.status() == 401) {
        Optional<Challenge> challenge = Challenge.of(reply.headers().allValues("WWW-Authenticate"));
        Optional<Authorization> authorization =
            challenge.isEmpty() ? Optional.empty() : answer(challenge.get(), image, credentials);
        if (authorization.isEmpty()) {
          return needsCredentials(registry, credentials);
        }
        reply = head(manifest, authorization);
      }
      return switch (reply.status()) {
        case 200 -> Lookup.found();
        case 404 -> Lookup.absent(image + " has no tag '" + tag + "'");
        case 401, 403 -> needsCredentials(registry, credentials);
        default -> Lookup.unknown(registry + " answered HTTP " + reply.status());
      };
    } catch (Unreachable e) {
      return Lookup.unknown(e.getMessage());
    }
  }

  private Reply head(URI manifest, Optional<Authorization> authorization) throws Unreachable {
    return http.exchange("HEAD", manifest, Map.of("Accept", ACCEPT), authorization, 0);
  }

  /** What to retry with: a token from a Bearer realm, or our credentials for a Basic challenge. */
  private Optional<Authorization> answer(
      Challenge challenge, ImageName image, Optional<BasicCredentials> credentials)
      throws Unreachable {
    Optional<Authorization> basic = credentials.map(c -> Authorization.basic(c, image.host()));
    if (challenge.scheme().equals("basic")) {
      return basic;
    }
    Optional<String> realm = challenge.parameter("realm");
    if (realm.isEmpty()) {
      return Optional.empty();
    }
    URI tokenUrl;
    try {
      tokenUrl = tokenUrl(URI.create(realm.get()), challenge, image);
    } catch (IllegalArgumentException e) {
      throw new Unreachable(image.registry() + " named a token realm that is no URL");
    }
    // The credentials go to the realm only when it is on the registry's own host: the
    // Authorization is bound to that host and left off elsewhere.
    Reply reply = http.exchange("GET", tokenUrl, Map.of(), basic, TOKEN_BODY_LIMIT);
    if (!reply.ok()) {
      return Optional.empty();
    }
    Optional<String> token = token(reply.body());
    if (token.isEmpty()) {
      throw new Unreachable(
          "the token service " + RegistryHttp.shown(tokenUrl) + " answered without a token");
    }
    boolean bought = basic.isPresent() && basic.get().mayGoTo(tokenUrl);
    return Optional.of(Authorization.bearer(token.get(), image.host(), bought));
  }

  private static URI tokenUrl(URI realm, Challenge challenge, ImageName image) {
    String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase();
    if (!(scheme.equals("https") || scheme.equals("http")) || realm.getHost() == null) {
      throw new IllegalArgumentException("not an HTTP(S) realm");
    }
    Map<String, String> query = new LinkedHashMap<>();
    challenge.parameter("service").ifPresent(service -> query.put("service", service));
    query.put(
        "scope", challenge.parameter("scope").orElse("repository:" + image.repository() + ":pull"));
    StringBuilder url = new StringBuilder(RegistryHttp.withoutUserInfo(realm).toString());
    char separator = realm.getRawQuery() == null ? '?' : '&';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      url.append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  /** {@code token}, or {@code access_token} as OAuth2 names it. */
  private static Optional<String> token(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      for (String field : new String[] {"token", "access_token"}) {
        String token = json == null ? "" : json.path(field).asText("");
        if (!token.isEmpty()) {
          return Optional.of(token);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Lookup needsCredentials(String registry, Optional<BasicCredentials> credentials) {
    return Lookup.unknown(
        credentials.isPresent()
            ? registry + " refused the credentials of the HelmRepository's spec.secretRef"
            : registry + " needs credentials Harbormaster does not have");
  }
}
