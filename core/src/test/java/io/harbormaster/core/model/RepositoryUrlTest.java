package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryUrlTest {
  @ParameterizedTest
  @CsvSource({
    "https://git.example.com/fleet.git,        https, git.example.com, 443,  git.example.com",
    "HTTPS://Git.Example.com:8443/fleet.git,   https, git.example.com, 8443, git.example.com:8443",
    "http://127.0.0.1:8080/git/fleet.git,      http,  127.0.0.1,       8080, 127.0.0.1:8080",
    "git://git.example.com/fleet.git,          git,   git.example.com, 9418, git.example.com",
    "ssh://git@git.example.com:2222/fleet.git, ssh,   git.example.com, 2222, git.example.com:2222",
    "git+ssh://git@github.com/acme/fleet.git,  ssh,   github.com,      22,   github.com",
    "git@github.com:acme/fleet.git,            ssh,   github.com,      22,   github.com",
    "https://[::1]:8443/fleet.git,             https, [::1],           8443, [::1]:8443",
    "/srv/git/fleet.git,                       file,  '',              0,    ''",
    "file:///srv/git/fleet.git,                file,  '',              0,    ''",
  })
  void readsSchemeHostAndPort(
      String url, String scheme, String host, int port, String hostAndPort) {
    RepositoryUrl parsed = RepositoryUrl.parse(url);

    assertThat(parsed.scheme()).isEqualTo(scheme);
    assertThat(parsed.host()).isEqualTo(host);
    assertThat(parsed.port()).isEqualTo(port);
    assertThat(parsed.hostAndPort()).isEqualTo(hostAndPort);
  }

  @Test
  void userInfoIsASecretExceptAnSshUserName() {
    assertThat(
            RepositoryUrl.parse("https://bot:ghp_token@github.com/acme/fleet.git").carriesSecret())
        .isTrue();
    assertThat(RepositoryUrl.parse("https://ghp_token@github.com/acme/fleet.git").carriesSecret())
        .isTrue();
    assertThat(RepositoryUrl.parse("http://p@ss@word@127.0.0.1:8080/fleet.git").host())
        .isEqualTo("127.0.0.1");
    assertThat(
            RepositoryUrl.parse("ssh://deploy:hunter2@git.example.com/fleet.git").carriesSecret())
        .isTrue();
    assertThat(RepositoryUrl.parse("ssh://git@git.example.com/fleet.git").carriesSecret())
        .isFalse();
    assertThat(RepositoryUrl.parse("git@github.com:acme/fleet.git").carriesSecret()).isFalse();
    assertThat(RepositoryUrl.parse("https://github.com/acme/fleet.git").carriesSecret()).isFalse();
  }

  @Test
  void onlyHttpsAndSshAreEncrypted() {
    assertThat(RepositoryUrl.parse("https://github.com/a.git").encrypted()).isTrue();
    assertThat(RepositoryUrl.parse("ssh://git@github.com/a.git").encrypted()).isTrue();
    assertThat(RepositoryUrl.parse("git@github.com:a.git").encrypted()).isTrue();
    assertThat(RepositoryUrl.parse("http://github.com/a.git").encrypted()).isFalse();
    assertThat(RepositoryUrl.parse("git://github.com/a.git").encrypted()).isFalse();
    assertThat(RepositoryUrl.parse("/srv/git/a.git").encrypted()).isFalse();
  }

  @Test
  void aPortThatIsNotANumberIsRefusedWithoutQuotingIt() {
    // A mistyped URL (the '@' and host missing) leaves the token where the port would be.
    assertThatThrownBy(() -> RepositoryUrl.parse("https://bot:ghp_mistyped/acme/fleet.git"))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("spec.git.repository: has a port that is not a number")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_mistyped"));
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example.com:1/fleet.git,      1",
    "https://git.example.com:65535/fleet.git,  65535",
    "https://[2001:db8::1]/fleet.git,           443",
  })
  void aPortIsFrom1To65535AndAnIpv6HostKeepsItsColons(String url, int port) {
    assertThat(RepositoryUrl.parse(url).port()).isEqualTo(port);
  }

  @ParameterizedTest
  @CsvSource({"https://git.example.com:0/fleet.git", "https://git.example.com:65536/fleet.git"})
  void aPortOutsideTheRangeIsRefused(String url) {
    assertThatThrownBy(() -> RepositoryUrl.parse(url))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("spec.git.repository: has a port that is not a number from 1");
  }

  @Test
  void eachSchemeHasItsDefaultPort() {
    assertThat(RepositoryUrl.parse("https://github.com/a.git").defaultPort()).isEqualTo(443);
    assertThat(RepositoryUrl.parse("https://github.com:8443/a.git").defaultPort()).isEqualTo(443);
    assertThat(RepositoryUrl.parse("git@github.com:a.git").defaultPort()).isEqualTo(22);
    assertThat(RepositoryUrl.parse("/srv/git/a.git").defaultPort()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example.com/Acme/Fleet.git,        acme/fleet",
    "https://git.example.com//acme//fleet.git/,     acme/fleet",
    "https://git.example.com/acme/fleet?ref=x#top,  acme/fleet",
    "https://git.example.com/acme/fleet#top,        acme/fleet",
    "ssh://git@git.example.com:2222/acme/fleet,     acme/fleet",
    "git@github.com:acme/fleet.git,                 acme/fleet",
    "/srv/git/fleet.git,                            srv/git/fleet",
    "file:///srv/git/fleet.git,                     srv/git/fleet",
    "https://git.example.com,                       ''",
  })
  void thePathIsComparedWithoutCaseSlashesOrDotGit(String url, String path) {
    assertThat(RepositoryUrl.parse(url).path()).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example/fleet.git,           ssh://git@git.example/fleet",
    "https://git.example/fleet.git,           http://git.example/fleet/",
    "https://git.example/fleet.git,           git@git.example:fleet",
    "https://GIT.example/Fleet.git,           https://git.example/fleet",
    "https://token@git.example/fleet.git,     https://git.example/fleet.git",
    "http://127.0.0.1:8080/git/fleet.git,     http://127.0.0.1:8080/git/fleet",
    "http://127.0.0.1:8080/git/fleet.git,     ssh://git@127.0.0.1:2222/git/fleet.git",
    "/srv/git/fleet.git,                      file:///srv/git/fleet",
  })
  void urlsOfOneRepositoryNameTheSameRepository(String one, String other) {
    assertThat(RepositoryUrl.parse(one).sameRepositoryAs(RepositoryUrl.parse(other))).isTrue();
    assertThat(RepositoryUrl.parse(other).sameRepositoryAs(RepositoryUrl.parse(one))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example/fleet.git,           https://git.example/fleet2.git",
    "https://git.example/acme/fleet.git,      https://git.example/fleet.git",
    "https://git.example/fleet.git,           https://git.other/fleet.git",
    "https://git.example/fleet.git,           https://git.example:8443/fleet.git",
    "http://127.0.0.1:8080/git/fleet.git,     http://127.0.0.1:8081/git/fleet.git",
    "https://git.example/srv/git/fleet.git,   /srv/git/fleet.git",
  })
  void urlsOfTwoRepositoriesDoNot(String one, String other) {
    assertThat(RepositoryUrl.parse(one).sameRepositoryAs(RepositoryUrl.parse(other))).isFalse();
    assertThat(RepositoryUrl.parse(other).sameRepositoryAs(RepositoryUrl.parse(one))).isFalse();
  }
}
