package io.harbormaster.core.discovery;

import io.harbormaster.core.model.ObjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Helm release secret's {@code data.release} from a file as discovery does (decoder, then
 * the manifest's workloads), in a JVM of its own so a test can give it the operator's heap. Prints
 * one line and exits 0 when discovery refuses the release, 1 when it reads it, 2 when the heap runs
 * out. With {@code --unbounded} the limits are those of before they were bounded (64 MiB inflated,
 * any manifest and document length, any number of tokens), to show what the heap would have to
 * hold.
 */
final class ReleaseDiscoveryMain {
  static final ObjectRef SECRET = ObjectRef.of("db", "sh.helm.release.v1.bomb.v1");

  private ReleaseDiscoveryMain() {}

  public static void main(String[] args) throws IOException {
    String data = Files.readString(Path.of(args[0]));
    boolean unbounded = args.length > 1 && args[1].equals("--unbounded");
    HelmReleaseDecoder decoder =
        unbounded
            ? new HelmReleaseDecoder(64L * 1024 * 1024, Integer.MAX_VALUE)
            : new HelmReleaseDecoder();
    ManifestReader reader =
        unbounded ? new ManifestReader(Integer.MAX_VALUE, Long.MAX_VALUE) : new ManifestReader();
    int exit;
    try {
      HelmRelease release = decoder.decode(SECRET, data);
      int workloads =
          reader
              .workloads(
                  release.manifest(), release.namespace(), "manifest of Helm release db/" + release)
              .size();
      System.out.println("read " + workloads + " workloads");
      exit = 1;
    } catch (DiscoveryException refused) {
      System.out.println(refused.getMessage());
      exit = 0;
    } catch (OutOfMemoryError full) {
      System.out.println("OutOfMemoryError: " + full.getMessage());
      exit = 2;
    }
    System.exit(exit);
  }
}
