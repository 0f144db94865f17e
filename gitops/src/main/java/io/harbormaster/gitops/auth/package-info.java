/**
 * Credentials for pushing: an HTTPS token or an SSH key checked against known hosts. Secrets are
 * redacted from every value's {@code toString} and from every message that leaves this module.
 */
@HarbormasterStyle
package io.harbormaster.gitops.auth;

import io.harbormaster.core.HarbormasterStyle;
