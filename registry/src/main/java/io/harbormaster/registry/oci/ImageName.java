package io.harbormaster.registry.oci;

import io.harbormaster.registry.http.Hosts;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where an image lives: its registry ({@code host[:port]}) and its repository in it. An image name
 * whose first path component has no '.' or ':' and is not {@code localhost} is on Docker Hub, whose
 * single-component names are under {@code library/}, as Docker and the kubelet read them.
 */
public record ImageName(String registry, String repository) {
  public static final String DOCKER_HUB = "registry-1.docker.io";

  /** A repository name as the Distribution specification allows it. */
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  /**
   * @throws IllegalArgumentException saying why {@code name} is no image name (a tag or digest in
   *     it, capitals, an empty component)
   */
  public static ImageName parse(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an empty image name");
    }
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasRegistry =
        slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    String registry = hasRegistry ? first : DOCKER_HUB;
    String repository = hasRegistry ? name.substring(slash + 1) : name;
    if (registry.equals("docker.io") || registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not an image name without tag or digest (lower-case letters, digits and"
              + " separators)");
    }
    return new ImageName(requireHost(registry, name), repository);
  }

  /**
   * The repository of chart {@code chart} under a HelmRepository's {@code oci://host[:port]/path}.
   *
   * @throws IllegalArgumentException when {@code url} is no {@code oci://} URL or the name invalid
   */
  public static ImageName ofChart(URI url, String chart) {
    if (!"oci".equalsIgnoreCase(url.getScheme()) || url.getRawAuthority() == null) {
      throw new IllegalArgumentException("spec.url is not of the form oci://host[:port]/path");
    }
    String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+|/+$", "");
    String repository = path.isEmpty() ? chart : path + "/" + chart;
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "'" + repository + "' is not a repository name an OCI registry accepts");
    }
    String authority = url.getRawAuthority();
    String registry = authority.substring(authority.indexOf('@') + 1);
    return new ImageName(requireHost(registry, registry), repository);
  }

  private static String requireHost(String registry, String shown) {
    URI uri;
    try {
      uri = new URI("http://" + registry);
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || uri.getRawPath().length() > 0) {
      throw new IllegalArgumentException("'" + shown + "' names no registry host[:port]");
    }
    return registry;
  }

  /** The host of {@link #registry()}, without its port. */
  public String host() {
    return URI.create("http://" + registry).getHost();
  }

  /** {@code http://} for this machine's own registries or when told so, {@code https://} else. */
  public URI base(boolean insecure) {
    boolean plain = insecure || Hosts.isLoopback(host());
    return URI.create((plain ? "http://" : "https://") + registry);
  }

  @Override
  public String toString() {
    return registry + "/" + repository;
  }
}
