package io.harbormaster.sandbox.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic authentication with one user name and token, as git hosts take a token for a password:
 * anything else gets 401 with a challenge, which is what makes git clients send their credentials.
 */
final class TokenAuthentication implements Filter {
  private final byte[] expected;

  TokenAuthentication(String username, String token) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8));
    this.expected = ("Basic " + credentials).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String given = ((HttpServletRequest) request).getHeader("Authorization");
    // A constant-time comparison: a test server should not teach the token's prefix to a timer.
    if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
    http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
  }
}
