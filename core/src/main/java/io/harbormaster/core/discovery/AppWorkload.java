package io.harbormaster.core.discovery;

import io.harbormaster.core.model.WorkloadKind;
import io.harbormaster.core.model.WorkloadRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A Deployment or StatefulSet of the app with the PVCs its spec names, so its volumes are found
 * even while it runs no pod.
 */
@Value.Immutable
public abstract class AppWorkload {
  private static final Pattern ORDINAL = Pattern.compile("\\d+");

  public abstract WorkloadRef ref();

  /** {@code spec.template.spec.volumes[].persistentVolumeClaim.claimName}. */
  public abstract Set<String> claimNames();

  /** A StatefulSet's {@code spec.volumeClaimTemplates[].metadata.name}. */
  public abstract List<String> claimTemplates();

  public static ImmutableAppWorkload.Builder builder() {
    return ImmutableAppWorkload.builder();
  }

  public static AppWorkload of(WorkloadRef ref) {
    return builder().ref(ref).build();
  }

  /**
   * The claim template whose PVC this is, if any: a StatefulSet names its PVCs {@code
   * <template>-<statefulset>-<ordinal>}, and keeps them when it scales to zero.
   */
  public Optional<String> templateOf(String pvcName) {
    if (ref().kind() != WorkloadKind.STATEFULSET) {
      return Optional.empty();
    }
    return claimTemplates().stream()
        .filter(
            template -> {
              String prefix = template + "-" + ref().object().name() + "-";
              return pvcName.startsWith(prefix)
                  && ORDINAL.matcher(pvcName.substring(prefix.length())).matches();
            })
        .findFirst();
  }
}
