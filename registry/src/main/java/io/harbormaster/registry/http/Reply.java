package io.harbormaster.registry.http;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * The answer to a request, after redirects: its status, the URL that gave it, its headers and body
 * (whole for a 2xx answer within the call's limit; at most the start of any other).
 */
public record Reply(int status, URI uri, HttpHeaders headers, byte[] body) {
  public boolean ok() {
    return status / 100 == 2;
  }
}
