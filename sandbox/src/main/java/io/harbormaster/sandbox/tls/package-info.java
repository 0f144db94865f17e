/**
 * Certificates for the sandbox's HTTPS servers on loopback (the git server, the nodes' kubelets):
 * {@link io.harbormaster.sandbox.tls.TlsCertificates} makes a private CA at start and the
 * certificate it signs for 127.0.0.1.
 */
package io.harbormaster.sandbox.tls;
