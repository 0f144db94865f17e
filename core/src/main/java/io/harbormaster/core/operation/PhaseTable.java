package io.harbormaster.core.operation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's phases in the order an operation runs them, one {@link PhaseRow} each: the whole
 * definition of an upgrade or a rollback reads top to bottom in one place.
 */
final class PhaseTable {
  private final String operation;
  private final List<PhaseRow> rows;
  private final Map<Phase, PhaseRow> byPhase = new EnumMap<>(Phase.class);

  private PhaseTable(String operation, List<PhaseRow> rows) {
    this.operation = operation;
    this.rows = List.copyOf(rows);
    for (PhaseRow row : this.rows) {
      if (byPhase.put(row.phase(), row) != null) {
        throw new IllegalArgumentException(operation + " lists phase " + row.phase() + " twice");
      }
    }
  }

  /** The phases of an {@code operation} ("an upgrade"), in the order it runs them. */
  static PhaseTable of(String operation, PhaseRow... rows) {
    return new PhaseTable(operation, List.of(rows));
  }

  /** The row of {@code phase}; a phase the operation does not run is a bug. */
  PhaseRow row(Phase phase) {
    PhaseRow row = byPhase.get(phase);
    if (row == null) {
      throw new IllegalStateException(operation + " has no phase " + phase);
    }
    return row;
  }

  List<PhaseRow> rows() {
    return rows;
  }
}
