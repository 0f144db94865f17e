package io.harbormaster.api.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/** What a ManagedApp declares; mirrors the core ManagedApp. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedAppSpec(
    @Required Flux flux,
    @Required Git git,
    @JsonPropertyDescription("How far an upgrade without an explicit target may move.")
        @Default("none")
        AutoUpdate autoUpdate,
    Snapshots snapshots,
    @JsonPropertyDescription("How long the health check after an upgrade may take, e.g. 5m.")
        @Pattern(Names.DURATION)
        @Default("5m")
        String healthCheckTimeout,
    @JsonPropertyDescription("Roll back by itself when an upgrade fails after its commit.")
        @Default("true")
        Boolean autoRollback,
    @JsonPropertyDescription(
            "A ServiceAccount of the app's namespace that the operator acts as (impersonates) on the app's"
                + " objects, so the cluster's RBAC bounds what an operation may touch; unset, the operator's"
                + " HM_DEFAULT_SERVICE_ACCOUNT if it has one, else the operator itself.")
        @Pattern(Names.OBJECT_NAME)
        String serviceAccountName,
    @JsonPropertyDescription(
            "What becomes of the Flux ImageUpdateAutomations a rollback held suspended (they write the"
                + " app's file): keepSuspended until someone runs hm resume-automation, or"
                + " resumeAfterRollback at once; either way the undone tag is first kept out of"
                + " spec.git.imagePolicy.")
        @Default("keepSuspended")
        ImageAutomation imageAutomation) {

  /** The Flux objects that deploy the app. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Flux(
      @JsonPropertyDescription(
              "The Kustomization that applies the app (or its HelmRelease) from git.")
          @Required
          NamespacedName kustomization,
      @JsonPropertyDescription("The HelmRelease of a Helm app.") NamespacedName helmRelease) {}

  /** Where the app's version lives in git. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Git(
      @JsonPropertyDescription("The clone URL.") @Required @Pattern(Names.NOT_BLANK)
          String repository,
      @Default("main") @Pattern(Names.BRANCH) String branch,
      @JsonPropertyDescription(
              "The YAML file holding the version, relative to the repository root.")
          @Required
          @Pattern(Names.RELATIVE_PATH)
          String filePath,
      @JsonPropertyDescription(
              "Where the version is in the file, e.g. spec.chart.spec.version or images[name=web].newTag.")
          @Required
          @Pattern(Names.YAML_PATH)
          String versionPath,
      @JsonPropertyDescription("Where each image's tag is in the file, by image name.")
          Map<String, @Pattern(Names.YAML_PATH) String> imageTagPaths,
      @JsonPropertyDescription("A Flux ImagePolicy, <namespace>:<name>.")
          @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
          String imagePolicy,
      @JsonPropertyDescription(
              "Secret in the app's namespace with the keys of a Flux GitRepository's secretRef: 'password' (the"
                  + " token) and optionally 'username' and 'ca.crt' (a private CA's PEM certificate) for HTTPS;"
                  + " 'identity' (the private key) and 'known_hosts' for SSH, with 'password' as the key's passphrase"
                  + " if it has one. Its annotation harbormaster.io/allowed-hosts lists the git hosts it may be sent"
                  + " to (host or host:port, comma-separated); without it the Secret is not used.")
          @Pattern(Names.OBJECT_NAME)
          String credentialsSecret) {}

  /** What becomes of the image automations a rollback held. */
  public enum ImageAutomation {
    @JsonProperty("keepSuspended")
    KEEP_SUSPENDED,
    @JsonProperty("resumeAfterRollback")
    RESUME_AFTER_ROLLBACK
  }

  /** The auto-update policies. */
  public enum AutoUpdate {
    @JsonProperty("none")
    NONE,
    @JsonProperty("patch")
    PATCH,
    @JsonProperty("minor")
    MINOR,
    @JsonProperty("major")
    MAJOR
  }

  /** Which volumes to snapshot before an upgrade. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Snapshots(
      @Default("true") Boolean enabled,
      List<@Pattern(Names.PVC_NAME) String> pvcs,
      @JsonProperty("excludePVCs") List<@Pattern(Names.PVC_NAME) String> excludePvcs,
      @Pattern(Names.OBJECT_NAME) String volumeSnapshotClassName,
      Retention retention) {}

  /** How many of the app's snapshots to keep. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Retention(
      // The operator reads the count as a Java int.
      @Min(1) @Max(Integer.MAX_VALUE) @Default("5") Integer maxCount,
      @Pattern(Names.DURATION) String maxAge) {}
}
