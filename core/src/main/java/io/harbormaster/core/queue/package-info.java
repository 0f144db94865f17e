/**
 * The queue of an app's operations: one at a time, who goes next and what a request waits for, in
 * words the user sees, and which upgrades' snapshots must stay while requests still need them. Pure
 * rules over {@link io.harbormaster.core.queue.AppRequest}s, which the operator reads from custom
 * resources and {@code hm --local} from the same resources through the user's credentials.
 */
@HarbormasterStyle
package io.harbormaster.core.queue;

import io.harbormaster.core.HarbormasterStyle;
