/**
 * Requests run by the calling process ({@code hm --local}, or a Java program): the same machines
 * and adapters as the operator's, each step written to the request's status.
 */
package io.harbormaster.embedded.local;
