/**
 * Flux's image automation played in the sandbox: image-reflector-controller (ImageRepository,
 * ImagePolicy) and image-automation-controller (ImageUpdateAutomation), API {@code
 * image.toolkit.fluxcd.io/v1}, which Flux serves for all three kinds since image automation became
 * generally available. The sandbox's simulated Flux installs their CRDs (schemaless, with the
 * status subresource, as its other Flux CRDs) and runs them on its loop with the other controllers:
 * each is reconciled when created, when its generation changes and when {@code
 * reconcile.fluxcd.io/requestedAt} takes a new value, then as below, and a failure is retried with
 * the loop's backoff. Intervals are the objects' own {@code spec.interval} (write {@code 2s} in a
 * test), read as the other simulated controllers read them.
 *
 * <p>What the real controllers do, as their documentation and code say (fluxcd/image-reflector-
 * controller and fluxcd/image-automation-controller, API v1), and so the sandbox:
 *
 * <ul>
 *   <li><b>ImageRepository</b> lists the tags of {@code spec.image} in its registry (here the
 *       in-memory {@link io.harbormaster.sandbox.imageautomation.TagRegistry}: a test publishes and
 *       withdraws tags) when it was never scanned, when asked, when the image or {@code
 *       spec.exclusionList} changed, and when a scan is due by {@code spec.interval}; between scans
 *       a reconcile only waits for the next one. Tags matching an exclusion pattern (by default
 *       {@code ^.*\.sig$}, cosign's signatures) are dropped before anything stores or counts them.
 *       Status: {@code canonicalImageName} (the registry and {@code library/} spelt out: {@code
 *       nginx} is {@code index.docker.io/library/nginx}), {@code lastScanResult} ({@code revision},
 *       a checksum of the stored tags; {@code tagCount}; {@code scanTime}; {@code latestTags}, the
 *       first ten in descending order), {@code observedExclusionList}, and Ready=True {@code
 *       Succeeded} "successful scan: found N tags with checksum R". An image name it cannot parse
 *       stalls ({@code ImageURLInvalid}); a registry that does not know the image is Ready=False
 *       {@code ReadOperationFailed}, "scan failed: ...", retried. A tag published after a scan is
 *       unknown to the policies until the next one.
 *   <li><b>ImagePolicy</b> chooses from the tags its {@code spec.imageRepositoryRef} last stored:
 *       {@code spec.filterTags.pattern} keeps the tags in which the regular expression finds a
 *       match and {@code extract} (e.g. {@code $ts}) turns each into the value compared, the
 *       original tag being reported; then {@code spec.policy} picks the highest {@code semver}
 *       version in {@code range} (tags must be strict semver, a leading {@code v} allowed;
 *       pre-releases only when the range names one), or the last tag in {@code numerical} or {@code
 *       alphabetical} {@code order} ({@code asc} by default). It is reconciled when its spec
 *       changes and when its repository's scan stores a new revision, never on an interval. Status:
 *       {@code latestRef} {@code {name, tag}} ({@code name} is the repository's {@code spec.image}
 *       as written), {@code observedPreviousRef} once it changed, Ready=True {@code Succeeded}
 *       "Latest image tag for NAME resolved to TAG" (with " (previously NAME:TAG)" after a change).
 *       No tag in range is Ready=False {@code Failure} "unable to determine latest version from
 *       provided list" (a filter that keeps nothing: "version list argument cannot be empty"),
 *       retried with backoff; a repository never scanned is {@code DependencyNotReady} "no tags in
 *       database" until its scan; a missing repository {@code DependencyNotReady}, retried; an
 *       invalid range, regular expression, order or policy choice stalls ({@code InvalidPolicy},
 *       e.g. "invalid policy: improper constraint: ...").
 *   <li><b>ImageUpdateAutomation</b> runs on its interval, when asked, when its spec changes and
 *       when an ImagePolicy of its namespace gets a new latest image. It clones the URL of its
 *       {@code spec.sourceRef} GitRepository, checks out {@code spec.git.checkout.ref.branch} (else
 *       the GitRepository's branch), and in every YAML file under {@code spec.update.path} rewrites
 *       the values whose line ends with a setter comment naming a policy of its own namespace that
 *       {@code spec.policySelector} selects and that has a latest image: {@code # {"$imagepolicy":
 *       "ns:policy"}} takes {@code name:tag}, {@code ...:tag"}} the tag, {@code ...:name"}} the
 *       name. Only when something changed does it commit, as {@code spec.git.commit.author} with
 *       {@code spec.git.commit.messageTemplate} ("Update from image update automation" by default),
 *       and push to {@code spec.git.push.branch} (default: the checkout branch; another branch
 *       starts from its own tip and is force-pushed). Status: {@code lastAutomationRunTime} (every
 *       run), {@code lastPushCommit} and {@code lastPushTime} (every push), {@code
 *       observedPolicies}, {@code observedSourceRevision} ({@code branch@sha1:...}), Ready=True
 *       {@code Succeeded} "repository up-to-date". A push the server refuses because someone pushed
 *       first is Ready=False {@code GitOperationFailed} "failed to update source: non-fast-forward
 *       update: refs/heads/BRANCH" (or the server's words); the controller neither rebases nor
 *       forces the checkout branch, and retries with backoff: the next run clones the new tip and
 *       pushes on top of it. A missing branch is {@code GitOperationFailed} "failed to checkout
 *       source: unable to clone ...", a missing GitRepository {@code SourceManagerFailed}; a source
 *       kind other than GitRepository, a missing {@code spec.git}, an invalid policy selector and
 *       an update strategy other than {@code Setters} stall. Suspended ({@code spec.suspend:
 *       true}), it does nothing: no run, no status write, not even {@code lastHandledReconcileAt};
 *       {@code io.harbormaster.sandbox.imageautomation.AutomationRuns} is how a test sees it was
 *       asked.
 * </ul>
 *
 * <p>What it leaves out, being a simulation: registries, credentials, providers and TLS (tags are
 * what a test publishes); digests ({@code spec.digestReflectionPolicy} other than {@code Never}
 * stalls the policy, so {@code :digest} setters are left alone); cross-namespace access rules;
 * finalizers; events; push refspecs and push options; commit signing; the push retries of the newer
 * {@code GitPushRetryOnFailure} feature gate, off by default. The setters rewrite the marked value
 * in place and touch no other byte, where the controller re-serialises each changed file with kyaml
 * (comments kept, but its formatting may differ). Commit message templates are rendered in part
 * ({@code CommitMessage}). An ImagePolicy is also reconciled on a new {@code requestedAt}, which
 * the real controller ignores (it is asked through its repository); a GitRepository's spec change
 * does not wake its automations. Semver ranges follow the Masterminds syntax Flux uses with this
 * package's own matcher ({@code io.harbormaster.sandbox.imageautomation.SemverRange}); versions are
 * read with core's {@code SemanticVersion}, as reading is not a format the sandbox writes.
 */
package io.harbormaster.sandbox.imageautomation;
