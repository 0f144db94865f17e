package io.harbormaster.gitops.auth;

import io.harbormaster.core.model.InvalidSpecException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Basic authentication over HTTPS with a token as the password, as Git hosts expect for tokens. */
@Value.Immutable
public abstract class HttpsToken implements GitCredentials {
  /** Most hosts ignore it for tokens; some want a fixed name such as {@code oauth2}. */
  @Value.Default
  public String username() {
    return "git";
  }

  @Value.Redacted
  public abstract String token();

  /**
   * PEM certificates of the private CA that signed the git server's certificate (Flux's {@code
   * ca.crt}), trusted besides the JVM's authorities. No secret: a CA certificate is public.
   */
  public abstract Optional<String> caCertificate();

  public static ImmutableHttpsToken.Builder builder() {
    return ImmutableHttpsToken.builder();
  }

  public static HttpsToken of(String token) {
    return builder().token(token).build();
  }

  @Override
  public List<String> secrets() {
    return List.of(token());
  }

  @Value.Check
  protected void check() {
    if (token().isBlank()) {
      throw new InvalidSpecException(
          "token", "is empty: give the access token that may push to the repository");
    }
    caCertificate().ifPresent(CaTrust::certificates);
  }
}
