package io.harbormaster.core.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryPathsTest {
  @ParameterizedTest
  @CsvSource({
    "./apps,             apps",
    "apps/,              apps",
    "./apps//web/./,     apps/web",
    "/apps/web,          apps/web",
    "'.',                ''",
    "./,                 ''",
    "'',                 ''",
    "apps/../infra,      infra",
    "../../apps,         apps",
    "apps/web/..,        apps",
  })
  void aPathIsReadFromTheRepositorysRootAndNeverClimbsAboveIt(String written, String path) {
    assertThat(RepositoryPaths.normalize(written)).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource({
    "./apps,        apps/web/kustomization.yaml,  true",
    "apps/web/,     apps/web/kustomization.yaml,  true",
    "apps/web,      ./apps/web/kustomization.yaml, true",
    "apps/web/kustomization.yaml, apps/web/kustomization.yaml, true",
    "'.',           apps/web/kustomization.yaml,  true",
    "./apps,        apps2/x.yaml,                 false",
    "./apps/web,    apps/web2/kustomization.yaml, false",
    "apps/web/kustomization.yaml, apps/web/kustomization.yaml.orig, false",
    "./infra,       apps/web/kustomization.yaml,  false",
    "apps/web,      apps/kustomization.yaml,      false",
  })
  void aFolderCoversTheFilesBelowItAndNoSiblingThatStartsWithItsName(
      String folder, String file, boolean covered) {
    assertThat(RepositoryPaths.covers(folder, file)).isEqualTo(covered);
  }

  @Property
  void aFolderCoversEveryFileBelowItHoweverEitherIsWritten(
      @ForAll @Size(min = 1, max = 4) List<@From("parts") String> folder,
      @ForAll @Size(min = 1, max = 4) List<@From("parts") String> below,
      @ForAll("spellings") String leading,
      @ForAll("endings") String trailing) {
    String written = leading + String.join("/", folder) + trailing;
    String file = String.join("/", folder) + "/" + String.join("/", below);

    assertThat(RepositoryPaths.covers(written, file)).isTrue();
    assertThat(RepositoryPaths.covers(written, "./" + file)).isTrue();
  }

  @Property
  void aFolderCoversNoFileOfASiblingWhoseNameStartsWithItsOwn(
      @ForAll @Size(min = 1, max = 4) List<@From("parts") String> folder,
      @ForAll @Size(min = 1, max = 1) List<@From("parts") String> suffix,
      @ForAll @Size(min = 1, max = 3) List<@From("parts") String> below) {
    String sibling = String.join("/", folder) + suffix.get(0);
    String file = sibling + "/" + String.join("/", below);

    assertThat(RepositoryPaths.covers(String.join("/", folder), file)).isFalse();
    assertThat(RepositoryPaths.covers("./" + String.join("/", folder) + "/", file)).isFalse();
  }

  @Property
  void theRootCoversEveryFile(
      @ForAll @Size(min = 1, max = 5) List<@From("parts") String> file,
      @ForAll("spellings") String root) {
    assertThat(RepositoryPaths.covers(root, String.join("/", file))).isTrue();
  }

  @Provide
  Arbitrary<String> parts() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('-', '_', '0', '.')
        .ofMinLength(1)
        .ofMaxLength(8)
        .filter(part -> !part.equals(".") && !part.equals(".."));
  }

  /** How a path may start without changing what it names; alone, each names the root. */
  @Provide
  Arbitrary<String> spellings() {
    return Arbitraries.of("", "./", "/", ".//", "././");
  }

  /** How a path may end without changing what it names. */
  @Provide
  Arbitrary<String> endings() {
    return Arbitraries.of("", "/", "/.", "/./", "//");
  }
}
