package io.harbormaster.sandbox.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** One simulated controller's work on one object of its kind. */
public interface FluxReconciler {
  /**
   * Reconciles an object that is not suspended, or continues work {@link Outcome#inFlight in
   * flight}.
   */
  Outcome reconcile(GenericKubernetesResource object);

  /**
   * What the controller records when asked to reconcile a suspended object: it returns early, but
   * its deferred status patch still runs.
   */
  void whileSuspended(GenericKubernetesResource object);
}
