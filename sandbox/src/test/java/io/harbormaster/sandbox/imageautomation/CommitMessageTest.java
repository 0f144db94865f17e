package io.harbormaster.sandbox.imageautomation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitMessageTest {
  private static final List<Setters.Change> CHANGES =
      List.of(
          new Setters.Change("apps/web.yaml", "web:1.0.0", "web:1.2.0", "flux-system:web"),
          new Setters.Change("apps/values.yaml", "1.0.0", "1.2.0", "flux-system:web:tag"));

  @Test
  void withoutATemplateTheControllersDefaultMessage() {
    assertThat(CommitMessage.render("", "flux-system", "fleet", Map.of(), CHANGES))
        .isEqualTo("Update from image update automation");
  }

  @Test
  void theTemplateSeesTheAutomationItsValuesAndEachChange() {
    String template =
        "Automated image update by {{ .AutomationObject }} for {{ .Values.cluster }}\n\n"
            + "{{ range .Changed.Changes -}}\n"
            + "- {{ .OldValue }} -> {{ .NewValue }} ({{ .Setter }})\n"
            + "{{ end -}}\n"
            + "{{range .Changed.Changes}}{{print .OldValue}} -> {{println .NewValue}}{{end}}";

    assertThat(
            CommitMessage.render(
                template, "flux-system", "fleet", Map.of("cluster", "prod"), CHANGES))
        .isEqualTo(
            "Automated image update by flux-system/fleet for prod\n\n"
                + "- web:1.0.0 -> web:1.2.0 (flux-system:web)\n"
                + "- 1.0.0 -> 1.2.0 (flux-system:web:tag)\n"
                + "web:1.0.0 -> web:1.2.0\n"
                + "1.0.0 -> 1.2.0\n");
  }

  @Test
  void theRemovedUpdatedFieldIsRefusedAsTheControllerRefusesIt() {
    assertThatThrownBy(
            () ->
                CommitMessage.render(
                    "{{ range .Updated.Images }}{{ . }}{{ end }}", "ns", "a", Map.of(), CHANGES))
        .isInstanceOfSatisfying(
            CommitMessage.TemplateException.class,
            refused -> assertThat(refused.removedField()).isTrue())
        .hasMessageStartingWith("template uses removed '.Updated' field.");
  }

  @Test
  void whatTheSandboxDoesNotRenderIsRefusedByName() {
    assertThatThrownBy(
            () -> CommitMessage.render("{{ .Changed.FileChanges }}", "ns", "a", Map.of(), CHANGES))
        .isInstanceOf(CommitMessage.TemplateException.class)
        .hasMessageContaining("'{{ .Changed.FileChanges }}'");
  }
}
