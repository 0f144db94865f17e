package io.harbormaster.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.harbormaster.api.crd.UpgradeRequest;
import io.harbormaster.sandbox.cluster.SampleApps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java program in docs/embedding.md, compiled from the page as it stands and run against a
 * sandbox: it upgrades the sample web app, and a broken upgrade of it ends rolled back.
 */
@Tag("both-api-servers")
class EmbeddingExampleTest {
  private static final Path PAGE = Path.of("..", "docs", "embedding.md");
  private static final Pattern JAVA_PROGRAM =
      Pattern.compile("```java\n(import .*?public class (\\w+) .*?)```", Pattern.DOTALL);

  @TempDir static Path work;

  private static HarbormasterSandbox sandbox;
  private static Method main;

  @BeforeAll
  static void startSandboxAndCompileTheExample() throws Exception {
    sandbox =
        HarbormasterSandbox.start(work.resolve("cluster"), Set.of(HarbormasterSandbox.BROKEN_TAG));
    sandbox.web("1.0.0", "20s");
    // The example finds its cluster as kubectl does; this JVM's clients take the same property.
    System.setProperty(
        Config.KUBERNETES_KUBECONFIG_FILE,
        sandbox.writeKubeconfig(work.resolve("kubeconfig"), "apps").toString());
    main = compile(Files.readString(PAGE)).getMethod("main", String[].class);
  }

  @AfterAll
  static void stop() {
    System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void theExampleUpgradesTheAppAndReportsABrokenUpgradeRolledBack() throws Exception {
    String upgraded = run("apps", "web", "1.1.0", "web-to-1-1-0", work.resolve("git").toString());

    assertThat(upgraded)
        .contains("apps/web-to-1-1-0 Suspend", "apps/web-to-1-1-0 HealthCheck")
        .endsWith("web now runs 1.1.0\n");
    assertThat(image()).isEqualTo("web:1.1.0");
    assertThat(request("web-to-1-1-0").getStatus().phase()).isEqualTo("Completed");

    String broken =
        run(
            "apps",
            "web",
            HarbormasterSandbox.BROKEN_TAG,
            "web-to-broken",
            work.resolve("git").toString());

    assertThat(broken)
        .contains("apps/web-to-broken-rollback GitRevert")
        .contains("upgrade failed and was rolled back: ");
    assertThat(image()).isEqualTo("web:1.1.0");
    assertThat(request("web-to-broken").getStatus().phase()).isEqualTo("Failed");
  }

  /** Runs the example's main with {@code args}, returning what it printed. */
  private static String run(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      main.invoke(null, (Object) args);
    } finally {
      System.setOut(original);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static String image() {
    Deployment web =
        new SampleApps(sandbox.sandbox()).awaitReady(SampleApps.WEB_NAMESPACE, SampleApps.WEB);
    return web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static UpgradeRequest request(String name) {
    return sandbox
        .client()
        .resources(UpgradeRequest.class)
        .inNamespace("apps")
        .withName(name)
        .get();
  }

  /** Compiles the page's Java program against this test's class path and loads its class. */
  private static Class<?> compile(String page) throws IOException, ClassNotFoundException {
    Matcher program = JAVA_PROGRAM.matcher(page);
    assertThat(program.find()).as("a Java program in " + PAGE).isTrue();
    Path sources = Files.createDirectories(work.resolve("example-src"));
    Path classes = Files.createDirectories(work.resolve("example-classes"));
    Path source = Files.writeString(sources.resolve(program.group(2) + ".java"), program.group(1));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int exit =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-classpath",
            classPath(),
            source.toString());
    assertThat(exit).as("javac's exit code for the example").isZero();
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, EmbeddingExampleTest.class.getClassLoader());
    return loader.loadClass(program.group(2));
  }

  /** Surefire hides the test class path behind a manifest jar; it names the real one here. */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
