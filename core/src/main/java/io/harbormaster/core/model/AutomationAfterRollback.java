package io.harbormaster.core.model;

/**
 * What becomes of the Flux image automations a rollback held suspended (they write the app's file,
 * and resumed would push the newest tag their policy picks, often the very tag just undone).
 */
public enum AutomationAfterRollback {
  /** They stay suspended until someone resumes them ({@code hm resume-automation}). */
  KEEP_SUSPENDED,
  /** Harbormaster resumes them at once, the undone tag first excluded from their ImagePolicy. */
  RESUME
}
