/**
 * The charts of the simulated helm-controller: each {@link
 * io.harbormaster.sandbox.flux.chart.Chart} is Java that renders what its Helm templates would, and
 * a {@link io.harbormaster.sandbox.flux.chart.ChartCatalogue} stands in for the Helm repositories.
 * A simulation: no template engine, no chart archives.
 */
package io.harbormaster.sandbox.flux.chart;
