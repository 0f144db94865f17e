package io.harbormaster.registry.catalog;

/** Why a chart or image cannot be looked up; its message is the UNCHECKED finding's detail. */
final class NotChecked extends Exception {
  private static final long serialVersionUID = 1L;

  NotChecked(String reason) {
    super(reason);
  }
}
