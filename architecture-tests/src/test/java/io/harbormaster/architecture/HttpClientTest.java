package io.harbormaster.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * fabric8 picks its HTTP client from the factories on the class path, at random when there are
 * several of equal priority; this module's class path holds every other module's.
 */
class HttpClientTest {
  @Test
  void exactlyOneFabric8HttpClientIsOnTheClassPath() {
    assertThat(
            ServiceLoader.load(HttpClient.Factory.class).stream()
                .map(provider -> provider.type().getName()))
        .containsExactly("io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory");
  }
}
