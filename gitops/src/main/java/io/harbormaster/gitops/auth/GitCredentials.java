package io.harbormaster.gitops.auth;

/** How to authenticate to a repository: {@link HttpsToken} or {@link SshKey}. */
public interface GitCredentials {
  /** The secret texts, so messages can be scrubbed of them. */
  java.util.List<String> secrets();
}
