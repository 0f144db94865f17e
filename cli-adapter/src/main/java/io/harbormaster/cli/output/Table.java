package io.harbormaster.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rows printed like {@code kubectl get}: upper-case headers, each column as wide as its widest
 * cell, three spaces between columns, no trailing blanks. An empty cell prints as {@code <none>}.
 */
public final class Table {
  private static final String GAP = "   ";
  private static final String NONE = "<none>";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table of(String... headers) {
    return new Table(
        Arrays.stream(headers).map(header -> header.toUpperCase(Locale.ROOT)).toList());
  }

  /** Adds a row; {@code cells} must match the headers one for one. */
  public Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells for the columns " + headers);
    }
    rows.add(
        Arrays.stream(cells).map(cell -> cell == null || cell.isBlank() ? NONE : cell).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the table, each line starting with {@code indent}. */
  public void print(PrintWriter out, String indent) {
    int[] widths = new int[headers.size()];
    for (List<String> line : lines()) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], line.get(column).length());
      }
    }
    for (List<String> line : lines()) {
      StringBuilder text = new StringBuilder(indent);
      for (int column = 0; column < widths.length; column++) {
        String cell = line.get(column);
        text.append(cell);
        if (column < widths.length - 1) {
          text.append(" ".repeat(widths[column] - cell.length())).append(GAP);
        }
      }
      out.println(text);
    }
    out.flush();
  }

  public void print(PrintWriter out) {
    print(out, "");
  }

  private List<List<String>> lines() {
    List<List<String>> lines = new ArrayList<>(rows.size() + 1);
    lines.add(headers);
    lines.addAll(rows);
    return lines;
  }
}
