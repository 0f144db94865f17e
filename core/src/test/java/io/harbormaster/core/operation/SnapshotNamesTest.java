package io.harbormaster.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.model.ObjectRef;
import io.harbormaster.core.model.OperationId;
import org.junit.jupiter.api.Test;

/**
 * A snapshot is named after its operation and its PVC, within the 253 characters Kubernetes allows.
 */
class SnapshotNamesTest {
  private static final ObjectRef PVC = ObjectRef.of("shop", "data-postgres-0");

  private static OperationId upgradeNamed(int length) {
    return OperationId.upgrade(ObjectRef.of("shop", "u".repeat(length)));
  }

  @Test
  void aNameThatFitsIsTheOperationsThenThePvcs() {
    int fits = 253 - "-data-postgres-0".length();

    ObjectRef name = SnapshotNames.of(upgradeNamed(fits), PVC);

    assertThat(name.namespace()).isEqualTo("shop");
    assertThat(name.name()).hasSize(253).isEqualTo("u".repeat(fits) + "-data-postgres-0");
  }

  @Test
  void aLongerNameIsCutTo253WithAHashThatKeepsItUnique() {
    int tooLong = 254 - "-data-postgres-0".length();

    ObjectRef name = SnapshotNames.of(upgradeNamed(tooLong), PVC);
    ObjectRef other = SnapshotNames.of(upgradeNamed(tooLong + 1), PVC);

    assertThat(name.name()).hasSize(253).matches("u{238}-dat-[0-9a-f]{10}");
    assertThat(other.name()).hasSize(253).isNotEqualTo(name.name());
    assertThat(SnapshotNames.of(upgradeNamed(tooLong), PVC)).isEqualTo(name);
  }

  @Test
  void aCutNameDoesNotLeaveADashBeforeItsHash() {
    OperationId dashes =
        OperationId.upgrade(ObjectRef.of("shop", "u".repeat(241) + "-" + "v".repeat(11)));

    ObjectRef name = SnapshotNames.of(dashes, PVC);

    assertThat(name.name()).matches("u{241}-[0-9a-f]{10}");
  }
}
