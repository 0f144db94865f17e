package io.harbormaster.gitops.yaml;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns the parser's marks, counted in code points, into offsets in the Java string, which count
 * UTF-16 units; they differ only after a character outside the Basic Multilingual Plane.
 */
final class Spans {
  private final String text;
  private final boolean onlyBmp;

  Spans(String text) {
    this.text = text;
    this.onlyBmp = text.codePointCount(0, text.length()) == text.length();
  }

  int start(Node node) {
    return offset(node.getStartMark().orElseThrow());
  }

  int end(Node node) {
    return offset(node.getEndMark().orElseThrow());
  }

  /** 1-based, as editors show it. */
  int line(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  boolean hasLineBreak(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private int offset(Mark mark) {
    return onlyBmp ? mark.getIndex() : text.offsetByCodePoints(0, mark.getIndex());
  }
}
