package io.harbormaster.operator;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Another writer that changes an object just before the operator's first write of it: installed as
 * an interceptor on the operator's client, it runs a write of its own (with another client) when
 * the operator is about to send a request of a given method and path, so the operator's write
 * carries a resourceVersion that is no longer current and a real API server answers 409 Conflict.
 */
final class ConcurrentWriter implements Interceptor {
  private final List<Trigger> triggers = new ArrayList<>();

  /** Before the first {@code method} request to {@code path}, runs {@code write}. */
  ConcurrentWriter before(String method, String path, Runnable write) {
    triggers.add(new Trigger(method, path, write, new AtomicBoolean()));
    return this;
  }

  /** Whether every write ran, i.e. the operator made every request they wait for. */
  boolean allWritten() {
    return triggers.stream().allMatch(trigger -> trigger.fired().get());
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    for (Trigger trigger : triggers) {
      if (trigger.method().equals(request.method())
          && trigger.path().equals(request.uri().getPath())
          && trigger.fired().compareAndSet(false, true)) {
        trigger.write().run();
      }
    }
  }

  private record Trigger(String method, String path, Runnable write, AtomicBoolean fired) {}
}
