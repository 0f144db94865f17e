package io.harbormaster.api.crd;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Who runs a request's operation when it is not the operator: {@code hm upgrade --local} marks the
 * requests it creates with annotation {@value #ANNOTATION}, and the operator leaves them alone, so
 * an operator in the cluster and a local run never drive one operation at the same time. The app
 * lock still counts them: other requests of the app wait for them as for any other.
 */
public final class DrivenBy {
  public static final String ANNOTATION = "harbormaster.io/driven-by";
  public static final String HM_LOCAL = "hm-local";

  private DrivenBy() {}

  /** Who drives {@code request}, when it is not the operator. */
  public static Optional<String> other(HasMetadata request) {
    Map<String, String> annotations = request.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }
}
