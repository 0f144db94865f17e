package io.harbormaster.cli.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.harbormaster.api.crd.ManagedApp;
import io.harbormaster.api.crd.ResumeAutomation;
import io.harbormaster.cli.output.Output;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hm resume-automation <app>}: asks the operator, through annotation {@value
 * ResumeAutomation#ANNOTATION} of the ManagedApp, to resume the image automations a rollback of the
 * app left suspended, and prints its answer. Writing the annotation is a patch of the ManagedApp,
 * which harbormaster-edit does not grant: whoever declares the app (an administrator, or git) may.
 */
@Command(
    name = "resume-automation",
    description = {
      "Resume the Flux image automations a rollback of APP left suspended.",
      "The operator first keeps the tag the rollback undid out of the app's ImagePolicy"
          + " (spec.git.imagePolicy): a semver range gets '!=<tag>'; a policy that orders tags"
          + " otherwise and still picks that tag is refused. Then it resumes them, and this command"
          + " prints what it did. Needs 'patch' on managedapps."
    })
public final class ResumeAutomationCommand extends ClusterCommand {
  private static final String CONDITION = ResumeAutomation.CONDITION;

  @Parameters(paramLabel = "APP", description = "The ManagedApp, in the namespace of -n.")
  private String appName;

  @Mixin private Timeout timeout;

  @Override
  void check(InputChecks checks) {
    checks.objectName("APP", appName);
  }

  @Override
  int run(Cluster cluster, Output output) {
    cluster.app(appName);
    Resource<ManagedApp> app =
        cluster
            .client()
            .resources(ManagedApp.class)
            .inNamespace(cluster.namespace())
            .withName(appName);
    String asked = Instant.now().toString();
    app.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        cluster
            .client()
            .getKubernetesSerialization()
            .asJson(
                Map.of(
                    "metadata",
                    Map.of("annotations", Map.of(ResumeAutomation.ANNOTATION, asked)))));
    ManagedApp answered;
    try {
      answered =
          app.waitUntilCondition(
              managed ->
                  managed != null
                      && managed.getStatus() != null
                      && asked.equals(managed.getStatus().resumeAutomationHandled()),
              timeout.duration().toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (KubernetesClientTimeoutException late) {
      output.say(
          "the operator did not answer within "
              + timeout.duration()
              + ": is it running? 'hm apps -n "
              + cluster.namespace()
              + "' shows the condition "
              + CONDITION
              + " once it has");
      return ExitCodes.TIMEOUT;
    }
    Condition held =
        condition(answered)
            .orElseThrow(
                () ->
                    CommandFailure.failed(
                        "the operator answered without the condition " + CONDITION));
    if (ResumeAutomation.REFUSED.equals(held.getReason())
        || ResumeAutomation.FAILED.equals(held.getReason())) {
      throw CommandFailure.failed("not resumed: " + held.getMessage());
    }
    output.say(
        (ResumeAutomation.NOT_HELD.equals(held.getReason()) ? "nothing to resume: " : "")
            + held.getMessage());
    return ExitCodes.OK;
  }

  private static Optional<Condition> condition(ManagedApp app) {
    return Optional.ofNullable(app.getStatus().conditions()).orElse(List.of()).stream()
        .filter(condition -> CONDITION.equals(condition.getType()))
        .findFirst();
  }
}
