package io.harbormaster.core.tenancy;

import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.operation.Action;
import io.harbormaster.core.operation.OperationState;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.immutables.value.Value;

/**
 * The rule: everything an app's operation touches is in the app's namespace, unless the operator's
 * own configuration grants the pair ({@link #GRANTS}); with {@link #NO_CROSS_NAMESPACE_REFS} (as
 * Flux's {@code --no-cross-namespace-refs}) not even a grant lets one through. A run with the
 * user's own credentials ({@code hm --local}) is {@link #unrestricted()}: the user's RBAC bounds
 * it, not ours.
 *
 * <p>Beside our checks, the cluster's RBAC: an app's operation may act as a ServiceAccount of the
 * app's namespace ({@link #serviceAccountOf}), as Flux's controllers impersonate a Kustomization's
 * {@code serviceAccountName} or their {@code --default-service-account}.
 */
@Value.Immutable
public abstract class Tenancy {
  /**
   * Comma-separated {@code <app namespace>:<namespace>} pairs; {@code *} as app namespace grants
   * every app.
   */
  public static final String GRANTS = "HM_NAMESPACE_GRANTS";

  /** {@code true} refuses every reference outside the app's namespace, grants included. */
  public static final String NO_CROSS_NAMESPACE_REFS = "HM_NO_CROSS_NAMESPACE_REFS";

  /**
   * The ServiceAccount, in each app's own namespace, that an app without {@code
   * spec.serviceAccountName} acts as; unset, such an app acts as the operator.
   */
  public static final String DEFAULT_SERVICE_ACCOUNT = "HM_DEFAULT_SERVICE_ACCOUNT";

  private static final String SERVICE_ACCOUNT_NAME = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";

  public abstract Set<NamespaceGrant> grants();

  public abstract Optional<String> defaultServiceAccount();

  @Value.Default
  public boolean crossNamespaceRefsRefused() {
    return false;
  }

  @Value.Default
  public boolean unrestricted() {
    return false;
  }

  public static ImmutableTenancy.Builder builder() {
    return ImmutableTenancy.builder();
  }

  /** The operator's default: nothing outside an app's own namespace. */
  public static Tenancy sameNamespaceOnly() {
    return builder().build();
  }

  /** For a run under its user's own credentials. */
  public static Tenancy ofLocalRun() {
    return builder().unrestricted(true).build();
  }

  /**
   * The operator's configuration from its environment.
   *
   * @throws IllegalArgumentException naming the variable and the value, and the form it takes
   */
  public static Tenancy fromEnvironment(Map<String, String> env) {
    ImmutableTenancy.Builder tenancy = builder();
    String grants = env.getOrDefault(GRANTS, "").trim();
    if (!grants.isEmpty()) {
      Arrays.stream(grants.split(","))
          .map(String::trim)
          .map(Tenancy::grant)
          .forEach(tenancy::addGrants);
    }
    String refuse = env.getOrDefault(NO_CROSS_NAMESPACE_REFS, "false").trim();
    if (!refuse.equals("true") && !refuse.equals("false")) {
      throw new IllegalArgumentException(
          NO_CROSS_NAMESPACE_REFS + "='" + refuse + "' is not true or false");
    }
    String serviceAccount = env.getOrDefault(DEFAULT_SERVICE_ACCOUNT, "").trim();
    if (!serviceAccount.isEmpty() && !serviceAccount.matches(SERVICE_ACCOUNT_NAME)) {
      throw new IllegalArgumentException(
          DEFAULT_SERVICE_ACCOUNT
              + "='"
              + serviceAccount
              + "' is not a ServiceAccount name: lower-case letters, digits, '-' and '.', e.g. harbormaster");
    }
    return tenancy
        .crossNamespaceRefsRefused(refuse.equals("true"))
        .defaultServiceAccount(Optional.of(serviceAccount).filter(name -> !name.isEmpty()))
        .build();
  }

  /**
   * The ServiceAccount of the app's namespace its operations act as: its own {@code
   * spec.serviceAccountName}, else the operator's default; empty for a run under its user's
   * credentials, and when neither is set (the operator acts as itself).
   */
  public Optional<String> serviceAccountOf(ManagedApp app) {
    return unrestricted()
        ? Optional.empty()
        : app.serviceAccountName().or(this::defaultServiceAccount);
  }

  private static NamespaceGrant grant(String pair) {
    String[] sides = pair.split(":", -1);
    if (sides.length != 2
        || sides[0].isBlank()
        || sides[1].isBlank()
        || sides[1].equals(NamespaceGrant.ANY)) {
      throw new IllegalArgumentException(
          GRANTS
              + " holds '"
              + pair
              + "': write <app namespace>:<namespace> pairs separated by commas, e.g. apps:flux-system"
              + " (* as the app namespace grants every app)");
    }
    return NamespaceGrant.of(sides[0].trim(), sides[1].trim());
  }

  /** Whether an app in {@code appNamespace} may touch objects in {@code namespace}. */
  public boolean allows(String appNamespace, String namespace) {
    if (unrestricted() || appNamespace.equals(namespace)) {
      return true;
    }
    return !crossNamespaceRefsRefused()
        && grants().stream().anyMatch(grant -> grant.allows(appNamespace, namespace));
  }

  /**
   * Every namespace an app in {@code appNamespace} may touch: where the operator looks for what it
   * made for the app (its snapshots), rather than across the cluster, which namespaced mode cannot
   * list.
   *
   * @throws IllegalStateException for a run under its user's rights, which are bounded by no list
   */
  public SortedSet<String> namespacesOf(String appNamespace) {
    if (unrestricted()) {
      throw new IllegalStateException(
          "a run under its user's own rights may touch any namespace they may");
    }
    SortedSet<String> namespaces = new TreeSet<>(Set.of(appNamespace));
    if (!crossNamespaceRefsRefused()) {
      grants().stream()
          .filter(grant -> grant.allows(appNamespace, grant.namespace()))
          .forEach(grant -> namespaces.add(grant.namespace()));
    }
    return namespaces;
  }

  /**
   * Where to look for objects that concern {@code app} but that it does not name, such as the image
   * automations that write its file: {@link #namespacesOf} its namespace; for a run under its
   * user's own rights, which no list bounds, the app's namespace and those of its Flux objects
   * (where a fleet's Flux objects usually live).
   */
  public SortedSet<String> namespacesToSearch(ManagedApp app) {
    if (!unrestricted()) {
      return namespacesOf(app.id().namespace());
    }
    SortedSet<String> namespaces = new TreeSet<>(Set.of(app.id().namespace()));
    app.flux().objects().forEach(flux -> namespaces.add(flux.object().namespace()));
    return namespaces;
  }

  /**
   * The app's own references: its Flux objects and the PVCs its snapshot policy names by namespace.
   */
  public void checkSpec(ManagedApp app) {
    for (FluxRef flux : app.flux().objects()) {
      require(app.id(), flux.toString(), flux.object().namespace(), "spec.flux");
    }
    Stream.concat(app.snapshots().pvcs().stream(), app.snapshots().excludePvcs().stream())
        .filter(name -> name.contains("/"))
        .forEach(
            name ->
                require(
                    app.id(),
                    "PVC " + name,
                    name.substring(0, name.indexOf('/')),
                    "spec.snapshots"));
  }

  /** What discovery found the app's operation would stop and snapshot. */
  public void checkTargets(ObjectRef app, AppTargets targets) {
    for (WorkloadTarget workload : targets.workloads()) {
      require(
          app,
          workload.ref().toString(),
          workload.ref().object().namespace(),
          "discovery (" + workload.reason() + ")");
    }
    for (VolumeTarget volume : targets.volumes()) {
      require(
          app,
          "PVC " + volume.pvc(),
          volume.pvc().namespace(),
          "discovery (" + volume.reason() + ")");
    }
  }

  /**
   * What an operation's persisted state names: a status read back may have been written by anyone.
   */
  public void checkState(OperationState state) {
    Set<WorkloadRef> workloads =
        Stream.concat(state.workloadRefs().stream(), state.originalReplicas().keySet().stream())
            .collect(Collectors.toSet());
    for (WorkloadRef workload : workloads) {
      require(
          state.app(),
          workload.toString(),
          workload.object().namespace(),
          "the status of " + state.id());
    }
    state
        .imageAutomations()
        .forEach(
            automation ->
                require(
                    state.app(),
                    "ImageUpdateAutomation " + automation,
                    automation.namespace(),
                    "the status of " + state.id()));
    Stream.concat(state.pvcs().stream(), state.snapshots().keySet().stream())
        .forEach(
            pvc ->
                require(state.app(), "PVC " + pvc, pvc.namespace(), "the status of " + state.id()));
    state
        .snapshots()
        .values()
        .forEach(
            snapshot ->
                require(
                    state.app(),
                    "VolumeSnapshot " + snapshot,
                    snapshot.namespace(),
                    "the status of " + state.id()));
  }

  /** Why {@code action} must not run for {@code app}, if it must not. */
  public Optional<TenancyViolation> violation(ObjectRef app, Action action) {
    try {
      touched(action)
          .forEach(object -> require(app, object.what(), object.ref().namespace(), "an action"));
      return Optional.empty();
    } catch (TenancyViolation violation) {
      return Optional.of(violation);
    }
  }

  private static Stream<Touched> touched(Action action) {
    if (action instanceof Action.SuspendFlux suspend) {
      return Stream.of(new Touched(suspend.ref().toString(), suspend.ref().object()));
    } else if (action instanceof Action.ResumeFlux resume) {
      return Stream.of(new Touched(resume.ref().toString(), resume.ref().object()));
    } else if (action instanceof Action.RequestReconcile reconcile) {
      return Stream.of(new Touched(reconcile.ref().toString(), reconcile.ref().object()));
    } else if (action instanceof Action.RequestTrackedReconcile tracked) {
      return Stream.of(new Touched(tracked.ref().toString(), tracked.ref().object()));
    } else if (action instanceof Action.RequestSourceReconcile source) {
      return Stream.of(new Touched(source.source().toString(), source.source().object()));
    } else if (action instanceof Action.SuspendImageAutomation suspend) {
      return Stream.of(automation(suspend.automation()));
    } else if (action instanceof Action.ResumeImageAutomation resume) {
      return Stream.of(automation(resume.automation()));
    } else if (action instanceof Action.Scale scale) {
      return Stream.of(new Touched(scale.workload().toString(), scale.workload().object()));
    } else if (action instanceof Action.CreateSnapshot create) {
      return Stream.of(
          new Touched("PVC " + create.request().pvc(), create.request().pvc()),
          new Touched(
              "VolumeSnapshot " + create.request().snapshot(), create.request().snapshot()));
    } else if (action instanceof Action.RestoreVolume restore) {
      return Stream.of(
          new Touched("PVC " + restore.request().pvc(), restore.request().pvc()),
          new Touched(
              "VolumeSnapshot " + restore.request().snapshot(), restore.request().snapshot()));
    }
    // Git edits, rollback requests and events are the app's own: its repository, its namespace.
    return Stream.empty();
  }

  private static Touched automation(ObjectRef ref) {
    return new Touched("ImageUpdateAutomation " + ref, ref);
  }

  private record Touched(String what, ObjectRef ref) {}

  /**
   * @param what the object, e.g. {@code Deployment db/api}; {@code source} where the reference came
   *     from
   * @throws TenancyViolation when an app in {@code app}'s namespace may not touch {@code namespace}
   */
  public void require(ObjectRef app, String what, String namespace, String source) {
    if (allows(app.namespace(), namespace)) {
      return;
    }
    String how =
        crossNamespaceRefsRefused()
            ? "the operator refuses every reference outside an app's namespace ("
                + NO_CROSS_NAMESPACE_REFS
                + "=true)"
            : "an app's operation touches only its own namespace unless the operator grants the pair ("
                + GRANTS
                + "="
                + app.namespace()
                + ":"
                + namespace
                + ")";
    throw new TenancyViolation(
        what
            + " (from "
            + source
            + ") is in namespace "
            + namespace
            + ", outside the namespace of app "
            + app
            + ": "
            + how);
  }
}
