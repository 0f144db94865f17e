package io.harbormaster.core.automation;

import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ObjectRef;
import java.util.Comparator;
import java.util.List;
import org.immutables.value.Value;

/**
 * What a search for the image automations that write an app's file found: those that write it, and
 * those it could not judge, each with why (an automation whose GitRepository is missing or may not
 * be read, a namespace whose automations may not be listed).
 */
@Value.Immutable
public abstract class ImageAutomationSearch {
  /** The automations that write the app's file, by namespace and name. */
  public abstract List<ImageAutomation> writers();

  /**
   * What could not be judged, one sentence each: {@code ImageUpdateAutomation flux-system/web: its
   * GitRepository flux-system/fleet does not exist}.
   */
  public abstract List<String> skipped();

  public static ImmutableImageAutomationSearch.Builder builder() {
    return ImmutableImageAutomationSearch.builder();
  }

  /** The search of a cluster that does not serve image automation: nothing writes there. */
  public static ImageAutomationSearch none() {
    return builder().build();
  }

  /**
   * Of {@code automations}, those that write {@code file}'s file ({@link ImageAutomation#writes}),
   * by namespace and name, beside what could not be judged.
   */
  public static ImageAutomationSearch of(
      GitLocation file, List<ImageAutomation> automations, List<String> skipped) {
    return builder()
        .addAllWriters(
            automations.stream()
                .filter(automation -> automation.writes(file))
                .sorted(Comparator.comparing(ImageAutomation::ref))
                .toList())
        .addAllSkipped(skipped)
        .build();
  }

  /** {@code namespace/name} of each writer, as a status lists them. */
  public List<String> writerNames() {
    return writers().stream().map(ImageAutomation::ref).map(ObjectRef::toString).toList();
  }
}
