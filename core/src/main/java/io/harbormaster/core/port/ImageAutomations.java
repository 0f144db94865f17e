package io.harbormaster.core.port;

import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import java.util.Optional;

/**
 * Finds the Flux ImageUpdateAutomations that write an app's file ({@code spec.git}): the other
 * writer of the line Harbormaster edits.
 */
public interface ImageAutomations {
  /**
   * Reads nothing in a namespace the app may not touch. A cluster that does not serve image
   * automation has none; an automation that cannot be judged is in {@link
   * ImageAutomationSearch#skipped()}, never an exception.
   *
   * @throws RuntimeException when the API server does not answer: try again later
   */
  ImageAutomationSearch writingTo(ManagedApp app);

  /**
   * Whether the ImageUpdateAutomation {@code automation} is suspended ({@code spec.suspend}); empty
   * when it no longer exists.
   *
   * @throws RuntimeException when the API server does not answer: try again later
   */
  Optional<Boolean> suspended(ObjectRef automation);

  /**
   * The ImagePolicy {@code policy}'s semver range and latest tag; empty when it does not exist.
   *
   * @throws RuntimeException when the API server does not answer: try again later
   */
  Optional<ImagePolicyChoice> policy(ObjectRef policy);
}
