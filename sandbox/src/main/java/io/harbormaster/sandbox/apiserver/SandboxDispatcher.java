package io.harbormaster.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * fabric8's CRUD mock, with three things of a real API server that users can tell apart: it refuses
 * an object whose name the API server would refuse (422, with the API server's message), it serves
 * the discovery documents kubectl reads ({@link Discovery}), and it proxies GETs to a node's
 * kubelet ({@link NodeProxy}).
 */
final class SandboxDispatcher extends KubernetesCrudDispatcher {
  private static final int UNPROCESSABLE = 422;
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final NodeProxy nodeProxy = new NodeProxy(super::handleGet);

  @Override
  public MockResponse handleGet(String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return Discovery.document(bare, crds())
        .map(
            document ->
                new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(document))
        .or(() -> nodeProxy.get(path))
        .orElseGet(() -> super.handleGet(path));
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    // Read without consuming: the CRUD store parses the same body.
    Optional<MockResponse> refused =
        refusal(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
    return refused.orElseGet(() -> super.handleCreate(request));
  }

  private List<CustomResourceDefinition> crds() {
    MockResponse stored = super.handleGet(CRDS);
    if (stored.code() != HttpURLConnection.HTTP_OK) {
      return List.of();
    }
    return Serialization.unmarshal(stored.getBody().readUtf8(), CustomResourceDefinitionList.class)
        .getItems();
  }

  private static Optional<MockResponse> refusal(String body) {
    GenericKubernetesResource object;
    try {
      object = Serialization.unmarshal(body, GenericKubernetesResource.class);
    } catch (RuntimeException notAnObject) {
      return Optional.empty();
    }
    if (object == null || object.getMetadata() == null || object.getMetadata().getName() == null) {
      return Optional.empty();
    }
    String name = object.getMetadata().getName();
    return ObjectNames.problem(object.getKind(), name)
        .map(problem -> invalid(object, name, problem));
  }

  /** The Status a real API server answers an invalid name with. */
  private static MockResponse invalid(
      GenericKubernetesResource object, String name, String problem) {
    String group =
        object.getApiVersion() != null && object.getApiVersion().contains("/")
            ? object.getApiVersion().substring(0, object.getApiVersion().indexOf('/'))
            : "";
    String qualifiedKind = group.isEmpty() ? object.getKind() : object.getKind() + "." + group;
    String cause = "Invalid value: \"" + name + "\": " + problem;
    String status =
        Serialization.asJson(
            new StatusBuilder()
                .withStatus("Failure")
                .withReason("Invalid")
                .withCode(UNPROCESSABLE)
                .withMessage(
                    qualifiedKind + " \"" + name + "\" is invalid: metadata.name: " + cause)
                .withNewDetails()
                .withName(name)
                .withGroup(group)
                .withKind(object.getKind())
                .withCauses(
                    new StatusCauseBuilder()
                        .withReason("FieldValueInvalid")
                        .withField("metadata.name")
                        .withMessage(cause)
                        .build())
                .endDetails()
                .build());
    return new MockResponse().setResponseCode(UNPROCESSABLE).setBody(status);
  }
}
