package io.harbormaster.core.discovery;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.WorkloadRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what an operation on an app touches: the PVCs to protect ({@link VolumeSelector}) and
 * every Deployment or StatefulSet that must stop so nothing writes to them, whether the app owns it
 * or it merely mounts one of the app's PVCs.
 */
public final class TargetResolver {
  private TargetResolver() {}

  /**
   * @throws DiscoveryException when a running pod that no Deployment or StatefulSet controls mounts
   *     a target PVC (nothing could stop it), the snapshot policy names a PVC that does not exist,
   *     or there are more than {@link AppTargets#MAX_EACH} volumes or workloads
   */
  public static AppTargets resolve(DiscoveryInput input) {
    OwnerResolver owners = new OwnerResolver(input.replicaSets());
    Set<WorkloadRef> app =
        input.appWorkloads().stream().map(AppWorkload::ref).collect(Collectors.toSet());
    ListMultimap<ObjectRef, PodInfo> podsByClaim = ArrayListMultimap.create();
    for (PodInfo pod : input.pods()) {
      pod.claimNames()
          .forEach(claim -> podsByClaim.put(ObjectRef.of(pod.ref().namespace(), claim), pod));
    }

    ListMultimap<ObjectRef, WorkloadRef> appUsers = ArrayListMultimap.create();
    Map<ObjectRef, String> uses = appClaims(input, owners, app, appUsers);
    Set<String> namespaces =
        app.stream().map(ref -> ref.object().namespace()).collect(Collectors.toSet());
    List<VolumeTarget> volumes =
        new VolumeSelector(input.pvcs(), namespaces).select(uses, input.policy());

    SortedMap<WorkloadRef, SortedSet<ObjectRef>> stops = new TreeMap<>();
    List<String> unstoppable = new ArrayList<>();
    for (VolumeTarget volume : volumes) {
      ObjectRef pvc = volume.pvc();
      appUsers
          .get(pvc)
          .forEach(workload -> stops.computeIfAbsent(workload, w -> new TreeSet<>()).add(pvc));
      for (PodInfo pod : podsByClaim.get(pvc)) {
        owners
            .workloadOf(pod)
            .ifPresentOrElse(
                workload -> stops.computeIfAbsent(workload, w -> new TreeSet<>()).add(pvc),
                () -> {
                  if (!pod.terminating()) {
                    unstoppable.add(unstoppableMessage(pvc, pod, owners));
                  }
                });
      }
    }
    if (!unstoppable.isEmpty()) {
      throw new DiscoveryException(String.join("; ", unstoppable));
    }
    List<WorkloadTarget> workloads = new ArrayList<>();
    stops.forEach(
        (workload, pvcs) ->
            workloads.add(WorkloadTarget.of(workload, reason(app.contains(workload), pvcs))));
    requireAtMostMaxEach(volumes.size(), "volumes to snapshot");
    requireAtMostMaxEach(workloads.size(), "workloads to stop");
    return AppTargets.builder().workloads(workloads).volumes(volumes).build();
  }

  private static void requireAtMostMaxEach(int found, String what) {
    if (found > AppTargets.MAX_EACH) {
      throw new DiscoveryException(
          "the app has "
              + found
              + " "
              + what
              + ", more than the "
              + AppTargets.MAX_EACH
              + " one operation takes on: split it into several ManagedApps, or name the volumes to snapshot in spec.snapshots.pvcs");
    }
  }

  /**
   * The PVCs the app's workloads use, each with why, in a stable order: named in a pod template
   * (found at zero replicas too), created from a StatefulSet claim template (kept at zero
   * replicas), or mounted by one of their pods right now (e.g. a pod of an older template).
   */
  private static Map<ObjectRef, String> appClaims(
      DiscoveryInput input,
      OwnerResolver owners,
      Set<WorkloadRef> app,
      ListMultimap<ObjectRef, WorkloadRef> appUsers) {
    Map<ObjectRef, String> uses = new LinkedHashMap<>();
    for (AppWorkload workload : input.appWorkloads()) {
      String namespace = workload.ref().object().namespace();
      for (String claim : workload.claimNames()) {
        use(
            uses,
            appUsers,
            ObjectRef.of(namespace, claim),
            workload.ref(),
            "in the pod template of " + workload.ref());
      }
      for (PvcInfo pvc : input.pvcs()) {
        if (pvc.ref().namespace().equals(namespace)) {
          workload
              .templateOf(pvc.ref().name())
              .ifPresent(
                  template ->
                      use(
                          uses,
                          appUsers,
                          pvc.ref(),
                          workload.ref(),
                          "from claim template '" + template + "' of " + workload.ref()));
        }
      }
    }
    for (PodInfo pod : input.pods()) {
      owners
          .workloadOf(pod)
          .filter(app::contains)
          .ifPresent(
              workload ->
                  pod.claimNames()
                      .forEach(
                          claim ->
                              use(
                                  uses,
                                  appUsers,
                                  ObjectRef.of(pod.ref().namespace(), claim),
                                  workload,
                                  "mounted by pod " + pod.ref() + " of " + workload)));
    }
    return uses;
  }

  private static void use(
      Map<ObjectRef, String> uses,
      ListMultimap<ObjectRef, WorkloadRef> appUsers,
      ObjectRef pvc,
      WorkloadRef workload,
      String why) {
    uses.putIfAbsent(pvc, why);
    if (!appUsers.containsEntry(pvc, workload)) {
      appUsers.put(pvc, workload);
    }
  }

  private static String unstoppableMessage(ObjectRef pvc, PodInfo pod, OwnerResolver owners) {
    return "PVC "
        + pvc
        + " is mounted by pod "
        + pod.ref()
        + ", which no Deployment or StatefulSet controls ("
        + owners.whyUnowned(pod)
        + "), so Harbormaster cannot stop it: delete the pod, or exclude the PVC in"
        + " spec.snapshots.excludePVCs";
  }

  private static String reason(boolean partOfApp, Set<ObjectRef> pvcs) {
    String names = pvcs.stream().map(ObjectRef::toString).collect(Collectors.joining(", "));
    return partOfApp
        ? "part of the app; uses PVC " + names
        : "not part of the app, but mounts the app's PVC " + names;
  }
}
