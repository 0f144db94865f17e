package io.harbormaster.operator.deploy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** deploy/ as {@code kubectl kustomize} renders it, the way a user applies it. */
public final class DeployManifests {
  public static final Path DEPLOY = Path.of("..", "deploy");
  private static final Map<Path, String> RENDERED = new ConcurrentHashMap<>();

  private DeployManifests() {}

  /**
   * The objects {@code kubectl kustomize <folder>} renders, in its order; fresh objects each call,
   * the rendering done once per folder and JVM (a kubectl process for each of the many tests costs
   * seconds).
   */
  public static List<HasMetadata> render(Path folder) {
    String output =
        RENDERED.computeIfAbsent(folder.toAbsolutePath().normalize(), DeployManifests::kustomize);
    Object parsed =
        Serialization.unmarshal(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
    // A multi-document stream unmarshals to a list of objects.
    return parsed instanceof List<?> objects
        ? objects.stream().map(HasMetadata.class::cast).collect(Collectors.toList())
        : List.of((HasMetadata) parsed);
  }

  /** The operator's Deployment among {@code objects}. */
  public static Deployment operator(List<HasMetadata> objects) {
    return objects.stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .reduce(
            (a, b) -> {
              throw new IllegalStateException(
                  "more than one Deployment: "
                      + a.getMetadata().getName()
                      + ", "
                      + b.getMetadata().getName());
            })
        .orElseThrow(() -> new IllegalStateException("no Deployment rendered"));
  }

  /**
   * The operator container's environment as written out (values from fields of the pod left out).
   */
  public static Map<String, String> operatorEnvironment(List<HasMetadata> objects) {
    return operator(objects)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(env -> env.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static String kustomize(Path folder) {
    try {
      Process kubectl;
      try {
        kubectl =
            new ProcessBuilder("kubectl", "kustomize", folder.toString())
                .redirectErrorStream(true)
                .start();
      } catch (IOException missing) {
        throw new IllegalStateException(
            "kubectl is needed to render deploy/: install it (Debian: apt-get install kubernetes-client)",
            missing);
      }
      String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + folder + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("kubectl kustomize " + folder + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted rendering " + folder, e);
    }
  }
}
