package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Which upgrade to undo. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackRequestSpec(
    @JsonPropertyDescription("The UpgradeRequest to undo, in this namespace.")
        @Required
        @Pattern(Names.OBJECT_NAME)
        String upgrade,
    @JsonPropertyDescription("Plan and report only; change nothing.") @Default("false")
        Boolean dryRun,
    @JsonPropertyDescription("Only revert git; leave the volumes as they are.") @Default("false")
        Boolean skipSnapshot,
    @JsonPropertyDescription("Created by a failed upgrade of an app with autoRollback.")
        @Default("false")
        Boolean autoTriggered) {}
