/**
 * The java-operator-sdk reconcilers: each reconcile of a request runs one engine step and persists
 * the state in the request's status; the ManagedApp reconciler reports live health and discovery.
 */
package io.harbormaster.embedded.reconcile;
