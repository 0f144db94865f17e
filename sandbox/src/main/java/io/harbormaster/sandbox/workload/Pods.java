package io.harbormaster.sandbox.workload;

import com.google.common.hash.Hashing;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Pods as the simulated controllers make and judge them. */
final class Pods {
  /** Like Kubernetes' generated-name alphabet: no vowels, no look-alike digits. */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final Random RANDOM = new SecureRandom();
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** Not-ready pods first, so scaling down removes those before serving ones. */
  static final Comparator<Pod> LEAST_USEFUL_FIRST =
      Comparator.comparing(Pods::ready)
          .thenComparing(pod -> pod.getMetadata().getName(), Comparator.reverseOrder());

  private Pods() {}

  static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  static boolean ready(Pod pod) {
    return !terminating(pod)
        && pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A short, stable digest of a pod template: equal templates, equal revisions. */
  static String templateHash(PodTemplateSpec template) {
    return Hashing.sha256()
        .hashString(JSON.asJson(template), StandardCharsets.UTF_8)
        .toString()
        .substring(0, 10);
  }

  static String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }

  /**
   * A pod from its owner's template: the template's labels plus {@code labels}, its spec with
   * {@code volumes} added, owned by {@code owner} as its controller.
   */
  static Pod fromTemplate(
      PodTemplateSpec template,
      HasMetadata owner,
      String name,
      Map<String, String> labels,
      List<Volume> volumes) {
    Map<String, String> podLabels = new LinkedHashMap<>();
    if (template.getMetadata() != null) {
      podLabels.putAll(template.getMetadata().getLabels());
    }
    podLabels.putAll(labels);
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(owner.getMetadata().getNamespace())
        .withName(name)
        .withLabels(podLabels)
        .withAnnotations(
            template.getMetadata() == null ? Map.of() : template.getMetadata().getAnnotations())
        .withOwnerReferences(Ownership.controllerReference(owner))
        .endMetadata()
        .withSpec(template.getSpec())
        .editSpec()
        .addAllToVolumes(volumes)
        .endSpec()
        .build();
  }
}
