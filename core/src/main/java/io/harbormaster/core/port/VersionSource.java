package io.harbormaster.core.port;

import io.harbormaster.core.model.ManagedApp;
import java.util.List;

/**
 * The versions an app could move to (a chart repository's index, an ImagePolicy), for auto-update.
 */
public interface VersionSource {
  List<String> availableVersions(ManagedApp app);
}
