/**
 * The charts of the simulated helm-controller: each {@link
 * io.harbormaster.sandbox.flux.chart.Chart} is Java that renders what its Helm templates would, and
 * a {@link io.harbormaster.sandbox.flux.chart.ChartCatalogue} holds them and the versions published
 * to a Helm repository, which {@link io.harbormaster.sandbox.chartserver.ChartServer} serves over
 * HTTP. A simulation: no template engine; the archives served hold only a {@code Chart.yaml}.
 */
package io.harbormaster.sandbox.flux.chart;
