package io.harbormaster.sandbox.flux;

/**
 * A small app of the fleet for Kustomization tests: Deployment db/api (and Service db/api) in a
 * directory whose kustomization.yaml sets the image tag.
 */
final class ApiApp {
  private ApiApp() {}

  /** Writes the app into {@code directory} of {@code git}'s working clone, not committed. */
  static void write(GitFixture git, String directory, String tag, boolean withService) {
    git.write(
        directory + "/deployment.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: db
          labels:
            app: api
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: api
          template:
            metadata:
              labels:
                app: api
            spec:
              containers:
                - name: api
                  image: registry.example/api:1.0
        """);
    git.write(
        directory + "/service.yaml",
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: db
        spec:
          ports:
            - port: 80
        """);
    git.write(
        directory + "/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - deployment.yaml
        %s
        images:
          - name: registry.example/api
            newTag: "%s"
        """
            .formatted(withService ? "  - service.yaml" : "", tag));
  }
}
