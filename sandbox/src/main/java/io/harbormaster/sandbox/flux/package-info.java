/**
 * A simulated Flux for the sandbox: what source-controller, kustomize-controller and
 * helm-controller do to the objects Harbormaster reads and writes, played in-process against the
 * sandbox's API server (fabric8's mock or a real kube-apiserver) so that Harbormaster's real
 * adapters and engine can run whole upgrades and rollbacks. {@link
 * io.harbormaster.sandbox.flux.SimulatedFlux} installs the Flux CRDs and starts it.
 *
 * <p>It is written from the controllers' documented behaviour (kustomize-controller v1,
 * helm-controller v1 with the v2 API, source-controller v1), delays and failure modes included, so
 * that a test cannot pass here where real Flux would fail it:
 *
 * <ul>
 *   <li>{@link FluxLoop} is controller-runtime: an object is reconciled when added, when its
 *       generation changes (suspend and resume included) or when {@code
 *       reconcile.fluxcd.io/requestedAt} takes a new value, never for a status write; then at its
 *       interval, after a delay it asks for, or with backoff after a failure ({@link FluxTimings}).
 *       Work in flight (a Helm wait, a health check) goes on when the object is suspended
 *       meanwhile, and events wait until it ends. A suspended object's reconcile records only
 *       {@code lastHandledReconcileAt} (and, as each controller does, its {@code
 *       observedGeneration}).
 *   <li>A GitRepository fetches the tip of its branch with JGit on its interval or when asked,
 *       never otherwise: a commit pushed meanwhile waits, as on a real cluster.
 *   <li>An OCIRepository resolves its tag in an in-memory {@link
 *       io.harbormaster.sandbox.oci.OciRegistry} on its interval or when asked; its revision is
 *       {@code <tag>@sha256:<manifest digest>}, the digest computed from the bytes the registry
 *       stored, and its artifact's metadata the manifest's annotations. A {@link
 *       io.harbormaster.sandbox.oci.SimulatedCi} publishes a git branch's commits as {@code flux
 *       push artifact --source --revision} does, some time after each push: an artifact of a commit
 *       exists only that long after it. A tag the registry lacks is {@code OCIArtifactPullFailed}.
 *   <li>A Bucket lists an {@link ObjectStorage} bucket on its interval or when asked, its revision
 *       {@code sha256:} of the index of keys and etags, with no metadata: nothing names a commit.
 *   <li>A Kustomization waits for its {@code dependsOn} ({@code DependencyNotReady}), applies only
 *       its source's stored artifact (kustomization {@code resources}, {@code namespace} and {@code
 *       images}), records {@code lastAppliedOriginRevision} from an OCI artifact's {@code
 *       org.opencontainers.image.revision}, prunes, and with {@code wait} or {@code healthChecks}
 *       health-checks what it applied up to {@code spec.timeout} before it records the revision
 *       applied ({@code HealthCheckFailed} otherwise). {@code observedGeneration} moves only once
 *       Ready.
 *   <li>A HelmRepository downloads {@code <spec.url>/index.yaml} over HTTP (with {@code
 *       spec.secretRef}'s basic-auth credentials) on its interval or when asked, and stores it with
 *       its SHA-256 as revision; the sandbox's {@link
 *       io.harbormaster.sandbox.chartserver.ChartServer} serves the versions a {@link
 *       io.harbormaster.sandbox.flux.chart.ChartCatalogue} has published then. A failed download is
 *       Ready=False {@code Failed} (an index that does not load {@code IndexationFailed}, a Secret
 *       it cannot read {@code AuthenticationFailed}), retried with backoff, the last index kept.
 *       helm-controller keeps a HelmChart {@code <namespace>-<name>} per HelmRelease, which pulls
 *       the exact version (or the newest for {@code *}) from that index; a chart or version the
 *       index lacks stalls it ({@code InvalidChartReference}, not retried until its spec changes,
 *       its HelmRepository stores a new index or someone asks), and the HelmRelease waits on it
 *       ({@code SourceNotReady}, with the HelmChart's message). A version published since the last
 *       fetch is not there, as on a real cluster.
 *   <li>A HelmRelease's values are its {@code valuesFrom} ConfigMaps and Secrets (in order, {@code
 *       valuesKey}, {@code targetPath}, {@code optional}) with {@code spec.values} merged over
 *       them; {@code lastAttemptedConfigDigest} and the history's {@code configDigest} cover the
 *       merged values. A missing reference is {@code ValuesError}, retried with backoff. A change
 *       of a referenced object wakes the release only when the object is labelled {@code
 *       reconcile.fluxcd.io/watch: Enabled}; otherwise it is read at the next reconcile (interval,
 *       new spec, request).
 *   <li>A HelmRelease renders the pulled chart, stores real Helm release Secrets that Helm and
 *       Harbormaster's decoder can read, waits for the release's workloads up to {@code
 *       spec.timeout}, and counts, remediates (rollback, uninstall, {@code RetryOnFailure}) and
 *       stalls as helm-controller does; a chart that fails to render is retried without being
 *       counted. A release in sync runs no Helm action; drift is corrected only with {@code
 *       spec.driftDetection.mode: enabled}.
 * </ul>
 *
 * <p>What it leaves out, being a simulation: rendering from chart archives (charts are Java
 * renderers), OCI HelmRepositories (an OCI one is left without status, as source-controller leaves
 * it), semver ranges in a HelmChart's version, HelmRepository TLS, {@code chartRef}, OCIRepository
 * semver and digest references, registry and bucket endpoints and credentials, post-build
 * substitution, patches, remote bases, Helm hooks and tests, the list indexes and comma-separated
 * pairs of a {@code valuesFrom} {@code targetPath}, a wait for a Helm rollback; deleting a
 * Kustomization or HelmRelease leaves what it applied; server-side apply, which the mock refuses,
 * is approximated by JSON merge patches; the longest retry backoff is 5s where Flux's is 15m. One
 * thread reconciles everything, so a test sees one change at a time.
 */
package io.harbormaster.sandbox.flux;
