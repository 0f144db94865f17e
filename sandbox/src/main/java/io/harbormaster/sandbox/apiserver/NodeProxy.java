package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The API server's node proxy, which fabric8's mock lacks: {@code GET
 * /api/v1/nodes/<node>/proxy/<path>} goes to {@code https://<InternalIP>:<kubelet port>/<path>} of
 * the stored Node, trusting whatever certificate the kubelet shows, as kube-apiserver does without
 * a {@code --kubelet-certificate-authority}. Its failures read as the real server's: an unknown
 * node is a 404 Status, a kubelet that does not answer a 503 Status whose message starts with
 * {@code error trying to reach service:}.
 */
final class NodeProxy {
  private static final Pattern PROXY_PATH = Pattern.compile("/api/v1/nodes/([^/]+)/proxy(/.*)?");
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Function<String, MockResponse> storedGet;
  private final HttpClient http;

  /**
   * @param storedGet the mock's own GET of a stored object by path
   */
  NodeProxy(Function<String, MockResponse> storedGet) {
    this.storedGet = storedGet;
    this.http =
        HttpClient.newBuilder()
            .sslContext(trustingAnyone())
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** The kubelet's answer when {@code path} (with its query) is a node proxy's; else empty. */
  Optional<MockResponse> get(String path) {
    int query = path.indexOf('?');
    Matcher proxy = PROXY_PATH.matcher(query < 0 ? path : path.substring(0, query));
    if (!proxy.matches()) {
      return Optional.empty();
    }
    String name = proxy.group(1);
    MockResponse stored = storedGet.apply("/api/v1/nodes/" + name);
    if (stored.code() != HttpURLConnection.HTTP_OK) {
      return Optional.of(
          status(
              HttpURLConnection.HTTP_NOT_FOUND,
              "NotFound",
              "nodes \"" + name + "\" not found",
              new StatusDetailsBuilder().withName(name).withKind("nodes").build()));
    }
    Node node = Serialization.unmarshal(stored.getBody().readUtf8(), Node.class);
    String rest =
        (proxy.group(2) == null ? "/" : proxy.group(2)) + (query < 0 ? "" : path.substring(query));
    return Optional.of(forward(URI.create(kubelet(node) + rest)));
  }

  private MockResponse forward(URI url) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
      MockResponse response =
          new MockResponse().setResponseCode(answer.statusCode()).setBody(answer.body());
      answer
          .headers()
          .firstValue("Content-Type")
          .ifPresent(type -> response.setHeader("Content-Type", type));
      return response;
    } catch (IOException e) {
      return unreachable(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unreachable(url, e);
    }
  }

  /** As Go's dialer words it: the real server's message quotes its error. */
  private static MockResponse unreachable(URI url, Exception e) {
    String cause =
        e instanceof ConnectException ? "connect: connection refused" : String.valueOf(e);
    return status(
        HttpURLConnection.HTTP_INTERNAL_ERROR,
        null,
        "error trying to reach service: dial tcp " + url.getAuthority() + ": " + cause,
        null);
  }

  /** Where the real server proxies to: the InternalIP and the kubelet's port the Node reports. */
  private static String kubelet(Node node) {
    String address =
        node.getStatus().getAddresses().stream()
            .filter(candidate -> "InternalIP".equals(candidate.getType()))
            .map(NodeAddress::getAddress)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "node " + node.getMetadata().getName() + " has no InternalIP"));
    return "https://"
        + address
        + ":"
        + node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
  }

  private static MockResponse status(
      int code, String reason, String message, StatusDetails details) {
    Status status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(code)
            .withReason(reason)
            .withMessage(message)
            .withDetails(details)
            .build();
    return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(status));
  }

  /** Trusts any certificate, as the API server trusts a kubelet's when no CA is configured. */
  private static SSLContext trustingAnyone() {
    TrustManager anyone =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {anyone}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the node proxy's TLS context", e);
    }
  }
}
