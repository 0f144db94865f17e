package io.harbormaster.registry.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one way this module talks HTTP: each request bounded in time (a connection within {@link
 * #CONNECT_TIMEOUT}, the whole answer within {@link #REQUEST_TIMEOUT}) and size, redirects followed
 * here (at most {@link #MAX_REDIRECTS}) rather than by the client, so that an {@link Authorization}
 * goes only to the host it was made for. Network trouble is an {@link Unreachable} with a one-line
 * reason naming the host, never the URL's user-info or a credential.
 */
public final class RegistryHttp {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  public static final int MAX_REDIRECTS = 5;

  /** How much of an answer that is not a 2xx is read: error documents are small. */
  private static final long ERROR_BODY_LIMIT = 64 * 1024;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final String USER_AGENT = "harbormaster";

  private static volatile RegistryHttp shared;

  private final HttpClient client;
  private final Duration requestTimeout;

  public RegistryHttp(HttpClient client, Duration requestTimeout) {
    this.client = client;
    this.requestTimeout = requestTimeout;
  }

  /**
   * One client for the process: each operation's ports are built afresh, and a JDK client holds a
   * selector thread and a connection pool until it is collected.
   */
  public static RegistryHttp shared() {
    RegistryHttp http = shared;
    if (http == null) {
      synchronized (RegistryHttp.class) {
        if (shared == null) {
          shared = new RegistryHttp(newClient(), REQUEST_TIMEOUT);
        }
        http = shared;
      }
    }
    return http;
  }

  /** A JDK client that follows no redirect itself and connects within {@link #CONNECT_TIMEOUT}. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Sends {@code method} (GET or HEAD) to {@code uri} with {@code headers}, and {@code
   * authorization} to the requests it may go to; follows redirects.
   *
   * @param bodyLimit how many bytes of a 2xx answer's body to read at most
   * @throws Unreachable when no answer came, the redirects went on too long or led elsewhere than
   *     HTTP(S), or the body passed {@code bodyLimit}
   */
  public Reply exchange(
      String method,
      URI uri,
      Map<String, String> headers,
      Optional<Authorization> authorization,
      long bodyLimit)
      throws Unreachable {
    URI current = withoutUserInfo(uri);
    String currentMethod = method;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .timeout(requestTimeout)
              .method(currentMethod, HttpRequest.BodyPublishers.noBody())
              .header("User-Agent", USER_AGENT);
      headers.forEach(request::header);
      URI target = current;
      authorization
          .filter(auth -> auth.mayGoTo(target))
          .ifPresent(auth -> request.header("Authorization", auth.value()));
      HttpResponse<CappedBody.Body> response = send(request.build(), bodyLimit);
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (REDIRECTS.contains(status) && location.isPresent()) {
        if (redirects == MAX_REDIRECTS) {
          throw new Unreachable(shown(uri) + " redirected more than " + MAX_REDIRECTS + " times");
        }
        current = redirect(current, location.get());
        if (status == 303 && !currentMethod.equals("HEAD")) {
          currentMethod = "GET";
        }
        continue;
      }
      CappedBody.Body body = response.body();
      if (body.overflow() && status / 100 == 2) {
        throw new Unreachable(
            shown(current) + " sent more than " + bytes(bodyLimit) + ", more than is read");
      }
      return new Reply(status, current, response.headers(), body.bytes());
    }
  }

  private HttpResponse<CappedBody.Body> send(HttpRequest request, long bodyLimit)
      throws Unreachable {
    CompletableFuture<HttpResponse<CappedBody.Body>> answer =
        client.sendAsync(
            request,
            info -> new CappedBody(info.statusCode() / 100 == 2 ? bodyLimit : ERROR_BODY_LIMIT));
    try {
      return answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw notInTime(request);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for " + shown(request.uri()));
    } catch (ExecutionException e) {
      // The client's own request timeout and the wait above are one limit: whichever fires first,
      // the same words.
      if (e.getCause() instanceof HttpTimeoutException
          && !(e.getCause() instanceof HttpConnectTimeoutException)) {
        throw notInTime(request);
      }
      throw new Unreachable(reason(e.getCause(), request.uri()));
    }
  }

  private Unreachable notInTime(HttpRequest request) {
    return new Unreachable(
        shown(request.uri()) + " did not answer within " + requestTimeout.toSeconds() + "s");
  }

  private static URI redirect(URI from, String location) throws Unreachable {
    URI to;
    try {
      to = withoutUserInfo(from.resolve(location));
    } catch (IllegalArgumentException e) {
      throw new Unreachable(shown(from) + " redirected to a location that is no URL");
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null) {
      throw new Unreachable(shown(from) + " redirected to a location that is not HTTP(S)");
    }
    return to;
  }

  /** What went wrong, in one line that names the host and nothing secret. */
  static String reason(Throwable error, URI uri) {
    String host = shown(uri);
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "unknown host " + uri.getHost();
      }
      if (cause instanceof HttpConnectTimeoutException) {
        return "no connection to " + host + " within " + CONNECT_TIMEOUT.toSeconds() + "s";
      }
      if (cause instanceof HttpTimeoutException) {
        return host + " did not answer in time";
      }
      if (cause instanceof SSLException) {
        return "TLS with " + host + " failed: " + firstLine(cause.getMessage());
      }
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return host + " refused the connection";
      }
    }
    return host
        + " broke off: "
        + (error instanceof IOException
            ? firstLine(error.getMessage())
            : error.getClass().getSimpleName() + " " + firstLine(error.getMessage()));
  }

  /** {@code host[:port]} of {@code uri}: what messages name. */
  public static String shown(URI uri) {
    return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static String bytes(long limit) {
    return limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB" : limit + " bytes";
  }

  /** {@code uri} without user-info: credentials travel only as an {@link Authorization}. */
  public static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    String text = uri.toString();
    int at = text.indexOf('@', text.indexOf("//") + 2);
    return URI.create(text.substring(0, text.indexOf("//") + 2) + text.substring(at + 1));
  }
}
