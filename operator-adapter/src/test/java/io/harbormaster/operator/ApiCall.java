package io.harbormaster.operator;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One request to the API server as RBAC sees it: API group, resource (with subresource) and verb.
 * Discovery ({@code /api}, {@code /apis/<group>/<version>}) is allowed to every user and has none.
 */
record ApiCall(String group, String resource, String verb) {
  /** {@code apps deployments/scale patch}, the form RbacTest compares. */
  String rule() {
    return group + " " + resource + " " + verb;
  }

  static Optional<ApiCall> of(String method, URI uri) {
    List<String> parts = List.of(uri.getPath().replaceAll("^/|/$", "").split("/"));
    int resourceAt;
    String group;
    if (parts.get(0).equals("api") && parts.size() > 2) {
      group = "core";
      resourceAt = 2;
    } else if (parts.get(0).equals("apis") && parts.size() > 3) {
      group = parts.get(1);
      resourceAt = 3;
    } else {
      return Optional.empty();
    }
    if (parts.get(resourceAt).equals("namespaces") && parts.size() > resourceAt + 2) {
      resourceAt += 2;
    }
    List<String> rest = parts.subList(resourceAt, parts.size());
    String resource = rest.size() > 2 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
    boolean named = rest.size() > 1;
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    String verb =
        switch (method) {
          case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> method.toLowerCase();
        };
    return Optional.of(new ApiCall(group, resource, verb));
  }
}
