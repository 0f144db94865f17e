package io.harbormaster.gitops.yaml;

import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One scalar to edit with its character span [{@code start}, {@code end}) in the text, quotes
 * included. When it holds a whole image reference (a setter marker without suffix) only its tag is
 * the version.
 */
record Slot(ScalarNode node, int start, int end, boolean imageReference) {
  String version() {
    return imageReference ? ImageReference.tag(node.getValue()).orElseThrow() : node.getValue();
  }

  String valueWithVersion(String version) {
    return imageReference ? ImageReference.withTag(node.getValue(), version) : version;
  }
}
