/**
 * A Helm chart repository on loopback for the sandbox: {@link
 * io.harbormaster.sandbox.chartserver.ChartServer} serves each {@link
 * io.harbormaster.sandbox.flux.chart.ChartCatalogue} it is given over HTTP at {@code
 * http://127.0.0.1:<port>/<name>}, as a static chart repository does: {@code index.yaml} lists the
 * versions published now (newest first, as {@code helm repo index} writes them), and each entry's
 * URL serves a chart archive holding the version's {@code Chart.yaml}, whose SHA-256 is the entry's
 * {@code digest}. Optionally behind HTTP Basic authentication. A simulation: the archives hold no
 * templates (the simulated helm-controller renders charts in Java), there is no provenance file, no
 * TLS and no OCI registry. It writes the index with its own code, never with a YAML library, so a
 * reader of the index is checked against text it did not write itself.
 */
package io.harbormaster.sandbox.chartserver;
