/** Versions and the auto-update policy: which newer versions an upgrade may move to by itself. */
@HarbormasterStyle
package io.harbormaster.core.version;

import io.harbormaster.core.HarbormasterStyle;
