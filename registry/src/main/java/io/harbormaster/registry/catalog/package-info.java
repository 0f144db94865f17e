/**
 * The {@link io.harbormaster.core.port.TargetCatalog} of production: {@link
 * io.harbormaster.registry.catalog.RegistryTargetCatalog} reads the app's HelmRelease and its
 * HelmRepository and asks the chart repository, and each image's registry, whether the target is
 * there.
 *
 * <p><b>Credentials.</b> A chart is looked up with the Basic credentials of its HelmRepository's
 * {@code spec.secretRef}, the ones source-controller uses for the same URL, and only when the
 * HelmRepository lives in the app's own namespace: whoever may write a ManagedApp in one namespace
 * must gain no use of another namespace's Secrets through it. They go to the host of the
 * repository's URL only (redirects elsewhere go without them, a token realm on another host gets
 * none), over HTTPS or to this machine only, and never into a finding, log line or message.
 *
 * <p>Images are looked up <b>anonymously</b> (a registry's anonymous token flow at most), never
 * with a pull secret. Pull secrets belong to the workloads' ServiceAccounts and the kubelet, which
 * uses them on its node for the pods that name them; reading them would make Harbormaster a reader
 * of every namespace's registry credentials for a check that only informs. An image a registry
 * keeps private is therefore UNCHECKED ("needs credentials Harbormaster does not have"), never
 * MISSING.
 *
 * <p>Cloud providers' credentials ({@code spec.provider} other than {@code generic}) and custom CAs
 * ({@code spec.certSecretRef}) are not used either: such a chart is UNCHECKED, with the reason.
 */
package io.harbormaster.registry.catalog;
