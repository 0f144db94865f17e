package io.harbormaster.sandbox.imageautomation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettersTest {
  private static final Map<String, Setters.Latest> LATEST =
      Map.of("flux-system:web", new Setters.Latest("ghcr.io/acme/web", "1.2.0"));

  private final List<Setters.Change> changes = new ArrayList<>();

  @Test
  void eachMarkerTakesItsPartOfTheLatestImageAndTheRestOfTheLineStays() {
    String before =
        String.join(
            "\n",
            "spec:",
            "  image: ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"flux-system:web\"}",
            "  tag: \"1.0.0\"   # {\"$imagepolicy\": \"flux-system:web:tag\"}",
            "  repository: 'ghcr.io/old/web' # {\"$imagepolicy\": \"flux-system:web:name\"}",
            "  containers:",
            "    - ghcr.io/acme/web:1.0.0 # {\"$imagepolicy\": \"flux-system:web\"}",
            "    - image: ghcr.io/acme/web:1.0.0 #{\"$imagepolicy\":\"flux-system:web\"}",
            "  unmarked: ghcr.io/acme/web:1.0.0",
            "");

    String after = Setters.apply("apps/web.yaml", before, LATEST, changes).orElseThrow();

    assertThat(after)
        .isEqualTo(
            String.join(
                "\n",
                "spec:",
                "  image: ghcr.io/acme/web:1.2.0 # {\"$imagepolicy\": \"flux-system:web\"}",
                "  tag: \"1.2.0\"   # {\"$imagepolicy\": \"flux-system:web:tag\"}",
                "  repository: 'ghcr.io/acme/web' # {\"$imagepolicy\": \"flux-system:web:name\"}",
                "  containers:",
                "    - ghcr.io/acme/web:1.2.0 # {\"$imagepolicy\": \"flux-system:web\"}",
                "    - image: ghcr.io/acme/web:1.2.0 #{\"$imagepolicy\":\"flux-system:web\"}",
                "  unmarked: ghcr.io/acme/web:1.0.0",
                ""));
    assertThat(changes)
        .extracting(Setters.Change::oldValue, Setters.Change::newValue)
        .hasSize(5)
        .first()
        .isEqualTo(
            org.assertj.core.groups.Tuple.tuple(
                "ghcr.io/acme/web:1.0.0", "ghcr.io/acme/web:1.2.0"));
  }

  @Test
  void markersOfOtherPoliciesNamespacesOrDigestsAreLeftAlone() {
    String text =
        String.join(
            "\n",
            "a: x:1 # {\"$imagepolicy\": \"other:web\"}",
            "b: x:1 # {\"$imagepolicy\": \"flux-system:api\"}",
            "c: sha256:0 # {\"$imagepolicy\": \"flux-system:web:digest\"}",
            "d: ghcr.io/acme/web:1.2.0 # {\"$imagepolicy\": \"flux-system:web\"}");

    assertThat(Setters.apply("a.yaml", text, LATEST, changes)).isEmpty();
    assertThat(changes).isEmpty();
  }

  @Test
  void onlyYamlFilesAreRead() {
    String text = "image: x:1 # {\"$imagepolicy\": \"flux-system:web\"}";

    assertThat(Setters.apply("apps/README.md", text, LATEST, changes)).isEmpty();
    assertThat(Setters.apply("apps/Kustomization", text, LATEST, changes)).isPresent();
    assertThat(Setters.apply("apps/k.yml", text, LATEST, changes)).isPresent();
  }
}
