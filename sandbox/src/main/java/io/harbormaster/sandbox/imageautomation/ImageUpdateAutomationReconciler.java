package io.harbormaster.sandbox.imageautomation;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.harbormaster.sandbox.flux.Fields;
import io.harbormaster.sandbox.flux.FluxReconciler;
import io.harbormaster.sandbox.flux.FluxType;
import io.harbormaster.sandbox.flux.Outcome;
import io.harbormaster.sandbox.flux.StatusWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Plays image-automation-controller for one ImageUpdateAutomation, on its interval, when asked,
 * when its spec changes and when an ImagePolicy of its namespace gets a new latest image. A run
 * clones the GitRepository's URL, checks out {@code spec.git.checkout.ref.branch} (else the
 * GitRepository's {@code spec.ref.branch}), rewrites the setter-marked lines of the YAML under
 * {@code spec.update.path} with the latest images of the policies of its namespace that {@code
 * spec.policySelector} selects ({@link Setters}), and, only when a line changed, commits as {@code
 * spec.git.commit.author} and pushes to {@code spec.git.push.branch} (default: the checkout
 * branch). A push branch other than the checkout branch starts from its own tip when it exists and
 * is force-pushed, as the controller's default feature gates do; the checkout branch itself is
 * never forced, so a push that lost a race (someone pushed first) fails, {@code
 * GitOperationFailed}, and the next run, after the usual backoff, clones again and builds on the
 * new tip: the controller does not rebase. A run whose policies and remote tip are as last time
 * changes nothing. A suspended automation does nothing at all, its reconcile requests included.
 */
final class ImageUpdateAutomationReconciler implements FluxReconciler {
  private static final String GIT_REPOSITORY = "GitRepository";
  private static final String SOURCE_API = "source.toolkit.fluxcd.io/v1";

  private final KubernetesClient client;
  private final StatusWriter status;
  private final AutomationRuns runs;

  ImageUpdateAutomationReconciler(
      KubernetesClient client, StatusWriter status, AutomationRuns runs) {
    this.client = client;
    this.status = status;
    this.runs = runs;
  }

  @Override
  public Outcome reconcile(GenericKubernetesResource automation) {
    Instant started = status.instant();
    String runTime = status.now();
    String namespace = automation.getMetadata().getNamespace();
    String sourceKind = Fields.text(automation, "spec", "sourceRef", "kind").orElse(GIT_REPOSITORY);
    if (!sourceKind.equals(GIT_REPOSITORY)) {
      return stalled(
          automation,
          runTime,
          "InvalidSourceConfiguration",
          "source kind '" + sourceKind + "' not supported: invalid source configuration");
    }
    if (Fields.map(automation, "spec", "git").isEmpty()) {
      return stalled(
          automation,
          runTime,
          "InvalidSourceConfiguration",
          "source kind 'GitRepository' necessitates field .spec.git: invalid source configuration");
    }
    String strategy = Fields.text(automation, "spec", "update", "strategy").orElse("Setters");
    if (!strategy.equals("Setters")) {
      return stalled(
          automation,
          runTime,
          "InvalidUpdateStrategy",
          "unsupported update strategy '" + strategy + "'");
    }
    List<GenericKubernetesResource> policies;
    try {
      policies = selectedPolicies(automation);
    } catch (IllegalArgumentException invalid) {
      return stalled(automation, runTime, "InvalidPolicySelector", invalid.getMessage());
    }
    String sourceNamespace =
        Fields.text(automation, "spec", "sourceRef", "namespace").orElse(namespace);
    String sourceName = Fields.text(automation, "spec", "sourceRef", "name").orElse("");
    GenericKubernetesResource source =
        client
            .genericKubernetesResources(SOURCE_API, GIT_REPOSITORY)
            .inNamespace(sourceNamespace)
            .withName(sourceName)
            .get();
    if (source == null) {
      return failed(
          automation,
          runTime,
          "SourceManagerFailed",
          "failed configuring source manager: referenced git repository does not exist:"
              + " GitRepository.source.toolkit.fluxcd.io \""
              + sourceName
              + "\" not found");
    }
    Optional<String> checkoutBranch =
        Fields.text(automation, "spec", "git", "checkout", "ref", "branch")
            .or(() -> Fields.text(source, "spec", "ref", "branch"));
    Optional<String> pushBranch =
        Fields.text(automation, "spec", "git", "push", "branch").or(() -> checkoutBranch);
    if (pushBranch.isEmpty()) {
      return failed(
          automation,
          runTime,
          "SourceManagerFailed",
          "failed configuring source manager: push spec not provided, and cannot be inferred from"
              + " .spec.git.checkout.ref or GitRepository .spec.ref");
    }
    String checkout = checkoutBranch.orElse("master");
    boolean switchBranch = !pushBranch.get().equals(checkout);
    Map<String, Setters.Latest> latest = latestImages(policies);
    Map<String, Object> observedPolicies = observedPolicies(policies);
    boolean syncNeeded =
        switchBranch
            || !observedPolicies.equals(
                new LinkedHashMap<>(Fields.map(automation, "status", "observedPolicies")));
    String url = Fields.text(source, "spec", "url").orElse("");
    try (GitCheckout clone = GitCheckout.clone(url)) {
      ObjectId checkedOut =
          clone
              .tip(checkout)
              .orElseThrow(
                  () ->
                      new GitCheckout.GitFailure(
                          "unable to clone '"
                              + GitCheckout.redacted(url)
                              + "': couldn't find remote ref \"refs/heads/"
                              + checkout
                              + "\""));
      String checkoutRevision = checkout + "@sha1:" + checkedOut.name();
      if (!syncNeeded
          && checkoutRevision.equals(
              Fields.text(automation, "status", "observedSourceRevision").orElse(""))) {
        return upToDate(automation, runTime, observedPolicies, checkoutRevision, "no change");
      }
      ObjectId base = switchBranch ? clone.tip(pushBranch.get()).orElse(checkedOut) : checkedOut;
      List<Setters.Change> changes = new ArrayList<>();
      Map<String, String> changed = rewrite(clone, base, updatePath(automation), latest, changes);
      if (changed.isEmpty()) {
        return upToDate(
            automation, runTime, observedPolicies, checkoutRevision, "nothing to update");
      }
      String message;
      try {
        message = message(automation, changes);
      } catch (CommitMessage.TemplateException refused) {
        return refused.removedField()
            ? stalled(automation, runTime, "RemovedTemplateField", refused.getMessage())
            : failed(
                automation,
                runTime,
                "GitOperationFailed",
                "failed to update source: " + refused.getMessage());
      }
      ObjectId commit =
          clone.commit(
              base,
              changed,
              GitCheckout.author(
                  Fields.text(automation, "spec", "git", "commit", "author", "name").orElse(""),
                  Fields.text(automation, "spec", "git", "commit", "author", "email").orElse(""),
                  started),
              message);
      try {
        clone.push(commit, pushBranch.get(), switchBranch);
      } catch (GitCheckout.GitFailure refused) {
        return failed(
            automation,
            runTime,
            "GitOperationFailed",
            "failed to update source: " + refused.getMessage());
      }
      status
          .update(FluxType.IMAGE_UPDATE_AUTOMATION, automation)
          .field("lastAutomationRunTime", runTime)
          .field("lastPushCommit", commit.name())
          .field("lastPushTime", status.now())
          .field("observedPolicies", observedPolicies)
          .field(
              "observedSourceRevision",
              switchBranch ? checkoutRevision : pushBranch.get() + "@sha1:" + commit.name())
          .without("Stalled")
          .condition("Ready", true, "Succeeded", "repository up-to-date")
          .finalized()
          .write();
      runs.record(automation, AutomationRuns.Result.PUSHED, commit.name());
      return Outcome.done();
    } catch (GitCheckout.GitFailure failure) {
      return failed(
          automation,
          runTime,
          "GitOperationFailed",
          "failed to checkout source: " + failure.getMessage());
    }
  }

  @Override
  public void whileSuspended(GenericKubernetesResource automation) {
    // The controller returns before its reconcile: not even the request is recorded as handled.
    runs.record(automation, AutomationRuns.Result.SUSPENDED, "suspended");
  }

  private Outcome upToDate(
      GenericKubernetesResource automation,
      String runTime,
      Map<String, Object> observedPolicies,
      String checkoutRevision,
      String detail) {
    status
        .update(FluxType.IMAGE_UPDATE_AUTOMATION, automation)
        .field("lastAutomationRunTime", runTime)
        .field("observedPolicies", observedPolicies)
        .field("observedSourceRevision", checkoutRevision)
        .without("Stalled")
        .condition("Ready", true, "Succeeded", "repository up-to-date")
        .finalized()
        .write();
    runs.record(automation, AutomationRuns.Result.UP_TO_DATE, detail);
    return Outcome.done();
  }

  private Outcome failed(
      GenericKubernetesResource automation, String runTime, String reason, String message) {
    Outcome outcome = ImageConditions.failed(ranAt(automation, runTime), reason, message);
    runs.record(automation, AutomationRuns.Result.FAILED, reason + ": " + message);
    return outcome;
  }

  private Outcome stalled(
      GenericKubernetesResource automation, String runTime, String reason, String message) {
    Outcome outcome = ImageConditions.stalled(ranAt(automation, runTime), reason, message);
    runs.record(automation, AutomationRuns.Result.FAILED, reason + ": " + message);
    return outcome;
  }

  /** A status update recording the run, failed or not, as the controller's does. */
  private StatusWriter.Update ranAt(GenericKubernetesResource automation, String runTime) {
    return status
        .update(FluxType.IMAGE_UPDATE_AUTOMATION, automation)
        .field("lastAutomationRunTime", runTime);
  }

  private List<GenericKubernetesResource> selectedPolicies(GenericKubernetesResource automation) {
    PolicySelector selector = PolicySelector.of(Fields.map(automation, "spec", "policySelector"));
    return ImageApi.resources(client, ImageApi.IMAGE_POLICY)
        .inNamespace(automation.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(policy -> selector.selects(policy.getMetadata().getLabels()))
        .filter(policy -> !Fields.map(policy, "status", "latestRef").isEmpty())
        .toList();
  }

  private static Map<String, Setters.Latest> latestImages(
      List<GenericKubernetesResource> policies) {
    Map<String, Setters.Latest> latest = new LinkedHashMap<>();
    for (GenericKubernetesResource policy : policies) {
      latest.put(
          policy.getMetadata().getNamespace() + ":" + policy.getMetadata().getName(),
          new Setters.Latest(
              Fields.text(policy, "status", "latestRef", "name").orElse(""),
              Fields.text(policy, "status", "latestRef", "tag").orElse("")));
    }
    return latest;
  }

  private static Map<String, Object> observedPolicies(List<GenericKubernetesResource> policies) {
    Map<String, Object> observed = new TreeMap<>();
    for (GenericKubernetesResource policy : policies) {
      observed.put(
          policy.getMetadata().getName(),
          Map.of(
              "name", Fields.text(policy, "status", "latestRef", "name").orElse(""),
              "tag", Fields.text(policy, "status", "latestRef", "tag").orElse("")));
    }
    return new LinkedHashMap<>(observed);
  }

  /** {@code spec.update.path} as a path in the repository: {@code ""} for its root. */
  static String updatePath(GenericKubernetesResource automation) {
    String path = Fields.text(automation, "spec", "update", "path").orElse("");
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        // As a secure join: nothing climbs above the repository's root.
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  private static Map<String, String> rewrite(
      GitCheckout clone,
      ObjectId base,
      String path,
      Map<String, Setters.Latest> latest,
      List<Setters.Change> changes) {
    Map<String, String> changed = new TreeMap<>();
    clone
        .files(base, path)
        .forEach(
            (file, text) ->
                Setters.apply(file, text, latest, changes)
                    .ifPresent(rewritten -> changed.put(file, rewritten)));
    return changed;
  }

  private static String message(
      GenericKubernetesResource automation, List<Setters.Change> changes) {
    Map<String, String> values = new LinkedHashMap<>();
    Fields.map(automation, "spec", "git", "commit", "messageTemplateValues")
        .forEach((key, value) -> values.put(key, String.valueOf(value)));
    return CommitMessage.render(
        Fields.text(automation, "spec", "git", "commit", "messageTemplate").orElse(""),
        automation.getMetadata().getNamespace(),
        automation.getMetadata().getName(),
        values,
        changes);
  }

  /** Whether {@code automation} may use ImagePolicies of {@code namespace}: those of its own. */
  static boolean usesPoliciesOf(GenericKubernetesResource automation, String namespace) {
    return namespace.equals(automation.getMetadata().getNamespace());
  }
}
