/**
 * The in-cluster operator (java-operator-sdk): a thin shell that wires the core's phase machines to
 * the adapters for ManagedApp, UpgradeRequest and RollbackRequest resources. It holds no domain
 * rule.
 */
package io.harbormaster.operator;
