package io.harbormaster.core.simulation;

import io.harbormaster.core.automation.ImageAutomation;
import io.harbormaster.core.automation.ImageAutomationSearch;
import io.harbormaster.core.automation.ImagePolicyChoice;
import io.harbormaster.core.discovery.AppTargets;
import io.harbormaster.core.discovery.VolumeTarget;
import io.harbormaster.core.discovery.WorkloadTarget;
import io.harbormaster.core.engine.Ports;
import io.harbormaster.core.health.ConditionStatus;
import io.harbormaster.core.health.FluxStatus;
import io.harbormaster.core.health.WorkloadStatus;
import io.harbormaster.core.model.FluxRef;
import io.harbormaster.core.model.GitLocation;
import io.harbormaster.core.model.ManagedApp;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import io.harbormaster.core.model.TargetVersion;
import io.harbormaster.core.model.WorkloadRef;
import io.harbormaster.core.port.AppDiscovery;
import io.harbormaster.core.port.ChangeNotifier;
import io.harbormaster.core.port.EventRecorder;
import io.harbormaster.core.port.FluxControl;
import io.harbormaster.core.port.FluxReader;
import io.harbormaster.core.port.GitCommit;
import io.harbormaster.core.port.GitOps;
import io.harbormaster.core.port.GitOpsException;
import io.harbormaster.core.port.ImageAutomations;
import io.harbormaster.core.port.RestoreRequest;
import io.harbormaster.core.port.RestoreStatus;
import io.harbormaster.core.port.RevertRequest;
import io.harbormaster.core.port.RollbackTrigger;
import io.harbormaster.core.port.SnapshotRecord;
import io.harbormaster.core.port.SnapshotRequest;
import io.harbormaster.core.port.SnapshotStatus;
import io.harbormaster.core.port.TargetCatalog;
import io.harbormaster.core.port.TargetFinding;
import io.harbormaster.core.port.ValueChange;
import io.harbormaster.core.port.VersionEdit;
import io.harbormaster.core.port.VersionSource;
import io.harbormaster.core.port.VolumeSnapshots;
import io.harbormaster.core.port.WorkloadReader;
import io.harbormaster.core.port.WorkloadScaler;
import io.harbormaster.core.tenancy.NamespaceGrant;
import io.harbormaster.core.tenancy.Tenancy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One app in memory. Flux, when not suspended and asked to reconcile, applies the branch tip at
 * once; a workload's pods are ready unless the version in git is one marked broken; a snapshot
 * copies its volume's data and a restore copies it back, so a rollback can be checked byte for
 * byte. Single-threaded, like the engine that drives it.
 */
public final class InMemoryWorld
    implements AppDiscovery,
        FluxReader,
        FluxControl,
        WorkloadReader,
        WorkloadScaler,
        VolumeSnapshots,
        GitOps,
        EventRecorder,
        RollbackTrigger,
        VersionSource,
        TargetCatalog,
        ImageAutomations,
        ChangeNotifier {
  private final ManagedApp app;
  private final SimulatedClock clock;
  private final Map<FluxRef, FluxState> flux = new LinkedHashMap<>();
  private final Map<ObjectRef, ImageAutomation> imageAutomations = new LinkedHashMap<>();
  private final Map<ObjectRef, ImagePolicyChoice> imagePolicies = new LinkedHashMap<>();
  private final Map<WorkloadRef, Integer> replicas = new LinkedHashMap<>();
  private final Map<WorkloadRef, List<ObjectRef>> mounts = new LinkedHashMap<>();
  private final Map<ObjectRef, String> volumeData = new LinkedHashMap<>();
  private final Map<ObjectRef, Snapshot> snapshots = new LinkedHashMap<>();
  private final Map<ObjectRef, ObjectRef> restoredFrom = new LinkedHashMap<>();
  private final List<Commit> history = new ArrayList<>();
  private final Set<String> brokenVersions = new HashSet<>();
  private final List<String> availableVersions = new ArrayList<>();
  private final Set<String> unpublished = new HashSet<>();
  private final Set<String> outOfReach = new HashSet<>();
  private final List<String> events = new ArrayList<>();
  private final List<OperationId> rollbacksStarted = new ArrayList<>();
  private Map<String, String> files = new LinkedHashMap<>();
  private final Map<ObjectRef, Duration> snapshotDelays = new LinkedHashMap<>();
  private final Map<WorkloadRef, java.time.Instant> stoppedAt = new LinkedHashMap<>();
  private Duration podLinger = Duration.ZERO;
  private Duration tick = Duration.ofSeconds(1);
  private boolean othersPushAfterUs;

  private static final class FluxState {
    boolean suspended;
    String applied;
    long generation = 1;
    long observedGeneration = 1;
    String handledRequest;
  }

  private record Snapshot(
      ObjectRef pvc, String data, SnapshotRequest request, java.time.Instant createdAt) {}

  private record Commit(
      String id, OperationId operation, Map<String, String> before, Map<String, String> after) {}

  public InMemoryWorld(ManagedApp app, SimulatedClock clock, Map<String, String> versionValues) {
    this.app = app;
    this.clock = clock;
    this.files = new LinkedHashMap<>(versionValues);
    history.add(new Commit(commitId(0), null, Map.of(), Map.copyOf(files)));
    app.flux().objects().forEach(ref -> flux.put(ref, new FluxState()));
    applyTip();
  }

  // --- Setting the scene ------------------------------------------------------------------------

  /** A workload with its replica count, mounting these PVCs (each starts with some data). */
  public InMemoryWorld workload(WorkloadRef ref, int count, ObjectRef... pvcs) {
    replicas.put(ref, count);
    mounts.put(ref, List.of(pvcs));
    for (ObjectRef pvc : pvcs) {
      volumeData.putIfAbsent(pvc, "data of " + pvc + " at the start");
    }
    return this;
  }

  /** Pods of this version never turn ready. */
  public InMemoryWorld broken(String version) {
    brokenVersions.add(version);
    return this;
  }

  /** No repository or registry holds this version or tag: the target catalog says it is missing. */
  public InMemoryWorld unpublished(String version) {
    unpublished.add(version);
    return this;
  }

  /** The target catalog cannot reach where this version or tag would be. */
  public InMemoryWorld outOfReach(String version) {
    outOfReach.add(version);
    return this;
  }

  public InMemoryWorld available(String... versions) {
    availableVersions.addAll(List.of(versions));
    return this;
  }

  /** A snapshot of this PVC turns ready only this long after it was created. */
  public InMemoryWorld snapshotTakes(ObjectRef pvc, Duration delay) {
    snapshotDelays.put(pvc, delay);
    return this;
  }

  /** Pods keep mounting their volumes this long after their workload is scaled to 0 (shutdown). */
  public InMemoryWorld podsLinger(Duration linger) {
    this.podLinger = linger;
    return this;
  }

  /**
   * Someone else pushes an unrelated commit right after each of Harbormaster's, as in a busy fleet
   * repo.
   */
  public InMemoryWorld othersPushAfterUs() {
    this.othersPushAfterUs = true;
    return this;
  }

  /** How far simulated time moves on each wait. */
  public InMemoryWorld tick(Duration step) {
    this.tick = step;
    return this;
  }

  public SimulatedClock clock() {
    return clock;
  }

  /** Every port, on this world. */
  public Ports ports() {
    return Ports.builder()
        .discovery(this)
        .fluxReader(this)
        .fluxControl(this)
        .workloadReader(this)
        .workloadScaler(this)
        .snapshots(this)
        .git(this)
        .events(this)
        .rollbacks(this)
        .versions(this)
        .targetCatalog(this)
        .imageAutomations(this)
        .clock(clock)
        // Flux keeps the apps' Kustomizations in flux-system, which the operator's configuration
        // grants.
        .tenancy(
            Tenancy.builder()
                .addGrants(NamespaceGrant.of(NamespaceGrant.ANY, "flux-system"))
                .build())
        .build();
  }

  // --- What tests and the sample read back ----------------------------------------------------

  public String volumeData(ObjectRef pvc) {
    return volumeData.get(pvc);
  }

  public void writeVolume(ObjectRef pvc, String data) {
    volumeData.put(pvc, data);
  }

  public int replicas(WorkloadRef ref) {
    return replicas.get(ref);
  }

  /** Whether the workload was ever scaled from running to zero. */
  public boolean everStopped(WorkloadRef ref) {
    return stoppedAt.containsKey(ref);
  }

  public boolean suspended(FluxRef ref) {
    return flux.get(ref).suspended;
  }

  public String gitValue(String path) {
    return files.get(path);
  }

  public int commitCount() {
    return history.size();
  }

  public List<String> events() {
    return List.copyOf(events);
  }

  public List<OperationId> rollbacksStarted() {
    return List.copyOf(rollbacksStarted);
  }

  public Set<ObjectRef> snapshotNames() {
    return Set.copyOf(snapshots.keySet());
  }

  /** An ImageUpdateAutomation, which writes the app's file when {@link ImageAutomation#writes}. */
  public InMemoryWorld withImageAutomation(ImageAutomation automation) {
    imageAutomations.put(automation.ref(), automation);
    return this;
  }

  /** A Flux ImagePolicy. */
  public InMemoryWorld withImagePolicy(ImagePolicyChoice policy) {
    imagePolicies.put(policy.ref(), policy);
    return this;
  }

  public ImagePolicyChoice imagePolicy(ObjectRef ref) {
    return imagePolicies.get(ref);
  }

  public boolean imageAutomationSuspended(ObjectRef ref) {
    return imageAutomations.get(ref).suspended();
  }

  /** Someone runs {@code flux resume} behind Harbormaster's back. */
  public void resumeExternally(FluxRef ref) {
    resume(ref);
  }

  // --- Ports ---------------------------------------------------------------------------------

  @Override
  public AppTargets discover(ManagedApp managed) {
    io.harbormaster.core.discovery.ImmutableAppTargets.Builder targets = AppTargets.builder();
    Set<ObjectRef> pvcs = new java.util.LinkedHashSet<>();
    mounts.forEach(
        (ref, claims) -> {
          targets.addWorkload(WorkloadTarget.of(ref, "mounts " + claims));
          pvcs.addAll(claims);
        });
    pvcs.forEach(
        pvc -> targets.addVolume(VolumeTarget.of(pvc, "ReadWriteOnce, mounted by the app")));
    return targets.build();
  }

  @Override
  public FluxStatus status(FluxRef ref) {
    FluxState state = known(ref);
    return FluxStatus.builder()
        .ref(ref)
        .suspended(state.suspended)
        .ready(state.applied != null ? ConditionStatus.TRUE : ConditionStatus.UNKNOWN)
        .readyReason(state.applied != null ? "ReconciliationSucceeded" : "Progressing")
        .appliedRevision(
            Optional.ofNullable(state.applied).map(id -> app.git().branch() + "@sha1:" + id))
        .generation(state.generation)
        .observedGeneration(state.observedGeneration)
        .handledReconcile(Optional.ofNullable(state.handledRequest))
        .build();
  }

  @Override
  public void suspend(FluxRef ref) {
    known(ref).suspended = true;
  }

  @Override
  public void resume(FluxRef ref) {
    known(ref).suspended = false;
  }

  @Override
  public void suspendImageAutomation(ObjectRef automation) {
    setImageAutomationSuspend(automation, true);
  }

  @Override
  public void resumeImageAutomation(ObjectRef automation) {
    setImageAutomationSuspend(automation, false);
  }

  private void setImageAutomationSuspend(ObjectRef ref, boolean suspend) {
    ImageAutomation automation = imageAutomations.get(ref);
    if (automation == null) {
      throw new IllegalStateException("ImageUpdateAutomation " + ref + " not found");
    }
    imageAutomations.put(
        ref, ImageAutomation.builder().from(automation).suspended(suspend).build());
  }

  @Override
  public void narrowImagePolicy(ObjectRef policy, String range, String narrowed) {
    ImagePolicyChoice known = imagePolicies.get(policy);
    if (known == null || !known.semverRange().equals(Optional.of(range))) {
      throw new IllegalStateException("ImagePolicy " + policy + " no longer reads '" + range + "'");
    }
    imagePolicies.put(
        policy, ImagePolicyChoice.builder().from(known).semverRange(narrowed).build());
  }

  @Override
  public Optional<ImagePolicyChoice> policy(ObjectRef policy) {
    return Optional.ofNullable(imagePolicies.get(policy));
  }

  @Override
  public ImageAutomationSearch writingTo(ManagedApp managed) {
    return ImageAutomationSearch.of(
        managed.git(), List.copyOf(imageAutomations.values()), List.of());
  }

  @Override
  public Optional<Boolean> suspended(ObjectRef automation) {
    return Optional.ofNullable(imageAutomations.get(automation)).map(ImageAutomation::suspended);
  }

  @Override
  public void requestReconcile(FluxRef ref) {
    known(ref);
    applyTip();
  }

  /**
   * In memory, Flux acts on a request at once: it applies the tip and records the request handled.
   */
  @Override
  public void requestReconcile(FluxRef ref, String token) {
    known(ref).handledRequest = token;
    applyTip();
  }

  /** Its Flux objects report no source, so nothing asks for one. */
  @Override
  public void requestReconcile(io.harbormaster.core.model.SourceRef source) {
    throw new UnsupportedOperationException(
        "the in-memory world's Flux objects have no source: " + source);
  }

  /** In memory, nothing but the app's own objects applies them. */
  @Override
  public void verifyParents(io.harbormaster.core.model.FluxSource source) {
    source.objects().forEach(this::known);
  }

  private FluxState known(FluxRef ref) {
    FluxState state = flux.get(ref);
    if (state == null) {
      throw new IllegalArgumentException(ref + " does not exist");
    }
    return state;
  }

  /** Flux applies the branch tip when nothing of the app is suspended. */
  /**
   * The applier, once resumed, applies the tip to every object, suspended or not, as
   * kustomize-controller does.
   */
  private void applyTip() {
    if (known(app.flux().applier()).suspended) {
      return;
    }
    String tip = history.get(history.size() - 1).id();
    flux.values().forEach(state -> state.applied = tip);
  }

  @Override
  public List<WorkloadStatus> status(Collection<WorkloadRef> refs) {
    boolean broken = brokenVersions.contains(files.get(app.git().versionPath()));
    return refs.stream()
        .map(
            ref -> {
              Integer count = replicas.get(ref);
              if (count == null) {
                throw new IllegalArgumentException(ref + " does not exist");
              }
              return WorkloadStatus.of(ref, count, broken ? 0 : count);
            })
        .collect(Collectors.toList());
  }

  @Override
  public void scale(WorkloadRef ref, int count) {
    if (!replicas.containsKey(ref)) {
      throw new IllegalArgumentException(ref + " does not exist");
    }
    if (count == 0 && replicas.get(ref) > 0) {
      stoppedAt.put(ref, clock.instant());
    }
    replicas.put(ref, count);
  }

  @Override
  public List<ObjectRef> podsMounting(Collection<ObjectRef> pvcs) {
    List<ObjectRef> pods = new ArrayList<>();
    mounts.forEach(
        (ref, claims) -> {
          java.time.Instant stopped = stoppedAt.get(ref);
          boolean lingering = stopped != null && clock.instant().isBefore(stopped.plus(podLinger));
          int running = lingering ? Math.max(1, replicas.get(ref)) : replicas.get(ref);
          for (int i = 0; i < running; i++) {
            if (claims.stream().anyMatch(pvcs::contains)) {
              pods.add(ObjectRef.of(ref.object().namespace(), ref.object().name() + "-" + i));
            }
          }
        });
    return pods;
  }

  @Override
  public void create(SnapshotRequest request) {
    if (!volumeData.containsKey(request.pvc())) {
      throw new IllegalArgumentException("PVC " + request.pvc() + " does not exist");
    }
    snapshots.putIfAbsent(
        request.snapshot(),
        new Snapshot(request.pvc(), volumeData.get(request.pvc()), request, clock.instant()));
  }

  @Override
  public SnapshotStatus status(ObjectRef snapshot) {
    Snapshot taken = snapshots.get(snapshot);
    if (taken == null) {
      return SnapshotStatus.missing();
    }
    Duration delay = snapshotDelays.getOrDefault(taken.pvc(), Duration.ZERO);
    return clock.instant().isBefore(taken.createdAt().plus(delay))
        ? SnapshotStatus.pending()
        : SnapshotStatus.ready();
  }

  @Override
  public void restore(RestoreRequest request) {
    Snapshot snapshot = snapshots.get(request.snapshot());
    if (snapshot == null) {
      throw new IllegalArgumentException(
          "VolumeSnapshot " + request.snapshot() + " does not exist");
    }
    if (!podsMounting(List.of(request.pvc())).isEmpty()) {
      return; // the PVC cannot go while a pod mounts it
    }
    volumeData.put(request.pvc(), snapshot.data());
    restoredFrom.put(request.pvc(), request.snapshot());
  }

  @Override
  public RestoreStatus restoreStatus(RestoreRequest request) {
    return request.snapshot().equals(restoredFrom.get(request.pvc()))
        ? RestoreStatus.done("bound")
        : RestoreStatus.waiting("PVC " + request.pvc() + " not restored yet");
  }

  @Override
  public List<SnapshotRecord> list(ObjectRef appRef, Set<String> namespaces) {
    return snapshots.entrySet().stream()
        .filter(
            entry ->
                entry.getValue().request().app().equals(appRef)
                    && namespaces.contains(entry.getKey().namespace()))
        .map(
            entry ->
                SnapshotRecord.builder()
                    .snapshot(entry.getKey())
                    .pvc(entry.getValue().pvc())
                    .app(appRef)
                    .operation(entry.getValue().request().operation().request())
                    .createdAt(entry.getValue().createdAt())
                    .build())
        .collect(Collectors.toList());
  }

  @Override
  public void delete(ObjectRef snapshot) {
    snapshots.remove(snapshot);
  }

  @Override
  public List<ValueChange> preview(VersionEdit edit) {
    List<ValueChange> changes = new ArrayList<>();
    edit.values()
        .forEach(
            (path, value) -> {
              String current = files.get(path);
              if (current == null) {
                throw new GitOpsException(
                    edit.location().filePath() + ": path '" + path + "' does not exist");
              }
              changes.add(ValueChange.of(path, current, value));
            });
    return changes;
  }

  @Override
  public Optional<GitCommit> findCommit(GitLocation location, OperationId operation) {
    return history.stream()
        .filter(commit -> operation.equals(commit.operation()))
        .findFirst()
        .map(InMemoryWorld::toGitCommit);
  }

  @Override
  public GitCommit commit(VersionEdit edit) {
    Optional<GitCommit> existing = findCommit(edit.location(), edit.operation());
    if (existing.isPresent()) {
      return existing.get();
    }
    List<ValueChange> changes = preview(edit);
    for (ValueChange change : changes) {
      String planned = edit.expected().get(change.path());
      if (planned != null && !change.from().equals(planned) && !change.from().equals(change.to())) {
        throw new GitOpsException(
            "path '" + change.path() + "' holds '" + change.from() + "', not '" + planned + "'");
      }
    }
    Map<String, String> before = new LinkedHashMap<>(files);
    changes.forEach(change -> files.put(change.path(), change.to()));
    return toGitCommit(push(edit.operation(), before));
  }

  @Override
  public GitCommit revert(RevertRequest request) {
    Optional<GitCommit> existing = findCommit(request.location(), request.operation());
    if (existing.isPresent()) {
      return existing.get();
    }
    Map<String, String> before = new LinkedHashMap<>(files);
    previewRevert(request).forEach(change -> files.put(change.path(), change.to()));
    return toGitCommit(push(request.operation(), before));
  }

  /** As git's revert: a value someone changed since the commit is a conflict, never overwritten. */
  @Override
  public List<ValueChange> previewRevert(RevertRequest request) {
    Optional<GitCommit> existing = findCommit(request.location(), request.operation());
    if (existing.isPresent()) {
      return existing.get().changes();
    }
    Commit reverted =
        history.stream()
            .filter(commit -> commit.id().equals(request.commitId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new GitOpsException("commit " + request.commitId() + " is not on the branch"));
    List<ValueChange> changes = new ArrayList<>();
    reverted
        .before()
        .forEach(
            (path, old) -> {
              String now = files.get(path);
              String set = reverted.after().get(path);
              if (!old.equals(set)) {
                if (!now.equals(set) && !now.equals(old)) {
                  throw new GitOpsException(
                      "path '"
                          + path
                          + "' is now '"
                          + now
                          + "', changed since commit "
                          + reverted.id()
                          + " set it to '"
                          + set
                          + "': resolve it by hand");
                }
                changes.add(ValueChange.of(path, now, old));
              }
            });
    return changes;
  }

  /** Someone else (an image automation, a person) pushes {@code value} at {@code path}. */
  public void pushedByOthers(String path, String value) {
    Map<String, String> before = Map.copyOf(files);
    files.put(path, value);
    history.add(new Commit(commitId(history.size()), null, before, Map.copyOf(files)));
  }

  private Commit push(OperationId operation, Map<String, String> before) {
    Commit commit = new Commit(commitId(history.size()), operation, before, Map.copyOf(files));
    history.add(commit);
    if (othersPushAfterUs) {
      history.add(new Commit(commitId(history.size()), null, Map.copyOf(files), Map.copyOf(files)));
    }
    return commit;
  }

  @Override
  public boolean contains(GitLocation location, String commit, String ancestor) {
    int at = indexOf(commit);
    int ancestorAt = indexOf(ancestor);
    return at >= 0 && ancestorAt >= 0 && ancestorAt <= at;
  }

  private int indexOf(String id) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static GitCommit toGitCommit(Commit commit) {
    io.harbormaster.core.port.ImmutableGitCommit.Builder built =
        GitCommit.builder().id(commit.id());
    commit
        .after()
        .forEach(
            (path, value) -> {
              String old = commit.before().get(path);
              if (old != null && !old.equals(value)) {
                built.addChange(ValueChange.of(path, old, value));
              }
            });
    return built.build();
  }

  /** Looks like a git commit id (40 hex), different for every commit. */
  private static String commitId(int index) {
    return com.google.common.hash.Hashing.sha256()
        .hashString("simulated commit " + index, java.nio.charset.StandardCharsets.UTF_8)
        .toString()
        .substring(0, 40);
  }

  @Override
  public void record(
      OperationId operation,
      ObjectRef appRef,
      EventRecorder.Type type,
      String reason,
      String message) {
    events.add(type + " " + reason + ": " + message);
  }

  @Override
  public void startRollback(OperationId upgrade) {
    if (!rollbacksStarted.contains(upgrade)) {
      rollbacksStarted.add(upgrade);
    }
  }

  @Override
  public List<String> availableVersions(ManagedApp managed) {
    return List.copyOf(availableVersions);
  }

  @Override
  public List<TargetFinding> check(ManagedApp managed, TargetVersion target) {
    List<TargetFinding> findings = new ArrayList<>();
    target.version().ifPresent(version -> findings.add(finding("version " + version, version)));
    target
        .imageTags()
        .forEach((image, tag) -> findings.add(finding("image " + image + ":" + tag, tag)));
    return findings;
  }

  private TargetFinding finding(String subject, String version) {
    if (unpublished.contains(version)) {
      return TargetFinding.missing(subject, "not published");
    }
    return outOfReach.contains(version)
        ? TargetFinding.unchecked(subject, "registry out of reach")
        : TargetFinding.available(subject);
  }

  /** Nothing changes by itself in memory: waiting only lets simulated time pass. */
  @Override
  public void awaitChange(Duration timeout) {
    clock.advance(timeout.compareTo(tick) < 0 ? timeout : tick);
  }
}
