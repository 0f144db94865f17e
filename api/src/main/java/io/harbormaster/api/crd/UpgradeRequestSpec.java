package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Which app to upgrade, to what; without a target the app's autoUpdate policy chooses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpgradeRequestSpec(
    @JsonPropertyDescription("The ManagedApp to upgrade, in this namespace.")
        @Required
        @Pattern(Names.OBJECT_NAME)
        String app,
    @JsonPropertyDescription(
            "A version and/or image tags; without it the app's autoUpdate policy chooses.")
        @Size(min = 1)
        Target target,
    @JsonPropertyDescription("Plan and report only; change nothing.") @Default("false")
        Boolean dryRun,
    @JsonPropertyDescription("Take no VolumeSnapshots before the commit.") @Default("false")
        Boolean skipSnapshot,
    @JsonPropertyDescription(
            "Allow a target lower than the version in git. Data a newer version wrote may not be readable by an older"
                + " one: to go back, roll back the upgrade instead, which restores its snapshots.")
        @Default("false")
        Boolean allowDowngrade) {

  /** The version and/or image tags to move to. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(
      @Pattern(Names.TAG) String version, Map<String, @Pattern(Names.TAG) String> imageTags) {}
}
