package io.harbormaster.sandbox.imageautomation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commit message of an automation run: {@code spec.git.commit.messageTemplate} rendered, or
 * {@code Update from image update automation} when there is none. The template is a Go text
 * template; the sandbox renders the part of it that commit messages use: text, {@code {{
 * .AutomationObject }}} ({@code namespace/name}) and its {@code .Name} and {@code .Namespace},
 * {@code {{ .Values.key }}} ({@code spec.git.commit.messageTemplateValues}), {@code {{ range
 * .Changed.Changes }}...{{ end }}} with {@code .OldValue}, {@code .NewValue} and {@code .Setter}
 * inside, {@code print} and {@code println} of one of those, and the {@code {{-}} and {@code -}}}
 * trim markers. A template using the removed {@code .Updated} field is refused as the controller
 * refuses it; anything else is refused naming what the sandbox does not render.
 */
final class CommitMessage {
  static final String DEFAULT = "Update from image update automation";
  private static final Pattern ACTION =
      Pattern.compile("\\{\\{(-\\s)?\\s*(.*?)\\s*(\\s-)?}}", Pattern.DOTALL);

  /** The template cannot be rendered; the message says why, in the controller's words. */
  static final class TemplateException extends RuntimeException {
    private final boolean removedField;

    TemplateException(String message, boolean removedField) {
      super(message);
      this.removedField = removedField;
    }

    boolean removedField() {
      return removedField;
    }
  }

  private CommitMessage() {}

  static String render(
      String template,
      String namespace,
      String name,
      Map<String, String> values,
      List<Setters.Change> changes) {
    String source = template == null || template.isEmpty() ? DEFAULT : template;
    List<Object> parts = parse(source);
    StringBuilder out = new StringBuilder();
    run(parts, 0, parts.size(), new Scope(namespace, name, values, null), changes, out);
    return out.toString();
  }

  private record Action(String text) {}

  private record Scope(
      String namespace, String name, Map<String, String> values, Setters.Change change) {}

  /** Text and actions in order, with the trim markers applied to the text around them. */
  private static List<Object> parse(String source) {
    List<Object> parts = new ArrayList<>();
    Matcher m = ACTION.matcher(source);
    int at = 0;
    boolean trimNext = false;
    while (m.find()) {
      String text = source.substring(at, m.start());
      if (trimNext) {
        text = text.stripLeading();
      }
      if (m.group(1) != null) {
        text = text.stripTrailing();
      }
      parts.add(text);
      parts.add(new Action(m.group(2)));
      trimNext = m.group(3) != null;
      at = m.end();
    }
    String tail = source.substring(at);
    parts.add(trimNext ? tail.stripLeading() : tail);
    return parts;
  }

  private static void run(
      List<Object> parts,
      int from,
      int to,
      Scope scope,
      List<Setters.Change> changes,
      StringBuilder out) {
    for (int i = from; i < to; i++) {
      if (parts.get(i) instanceof String text) {
        out.append(text);
        continue;
      }
      String action = ((Action) parts.get(i)).text();
      if (action.startsWith("/*")) {
        continue;
      }
      if (action.equals("range .Changed.Changes")) {
        int end = matchingEnd(parts, i + 1);
        for (Setters.Change change : changes) {
          run(
              parts,
              i + 1,
              end,
              new Scope(scope.namespace(), scope.name(), scope.values(), change),
              changes,
              out);
        }
        i = end;
        continue;
      }
      if (action.startsWith("range ")) {
        value(action.substring(6).trim(), scope); // the removed .Updated first
        throw unsupported(action);
      }
      if (action.startsWith("println ")) {
        out.append(value(action.substring(8).trim(), scope)).append('\n');
      } else if (action.startsWith("print ")) {
        out.append(value(action.substring(6).trim(), scope));
      } else {
        out.append(value(action, scope));
      }
    }
  }

  private static int matchingEnd(List<Object> parts, int from) {
    int depth = 0;
    for (int i = from; i < parts.size(); i++) {
      if (parts.get(i) instanceof Action action) {
        if (action.text().startsWith("range ") || action.text().startsWith("if ")) {
          depth++;
        } else if (action.text().equals("end")) {
          if (depth == 0) {
            return i;
          }
          depth--;
        }
      }
    }
    throw new TemplateException(
        "unable to create commit message template from spec: template: commit message: unexpected"
            + " EOF",
        false);
  }

  private static String value(String field, Scope scope) {
    if (field.startsWith(".Updated")) {
      throw new TemplateException(
          "template uses removed '.Updated' field. Please use '.Changed' instead. See:"
              + " https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template",
          true);
    }
    if (scope.change() != null) {
      switch (field) {
        case ".OldValue":
          return scope.change().oldValue();
        case ".NewValue":
          return scope.change().newValue();
        case ".Setter":
          return scope.change().setter();
        default:
          break;
      }
    }
    switch (field) {
      case ".AutomationObject":
        return scope.namespace() + "/" + scope.name();
      case ".AutomationObject.Name":
        return scope.name();
      case ".AutomationObject.Namespace":
        return scope.namespace();
      default:
        break;
    }
    if (field.startsWith(".Values.")) {
      return scope.values().getOrDefault(field.substring(8), "<no value>");
    }
    throw unsupported(field);
  }

  private static TemplateException unsupported(String action) {
    return new TemplateException(
        "failed to run template from spec: the sandbox does not render '{{ "
            + action
            + " }}' (it renders .AutomationObject, .Values, and range .Changed.Changes)",
        false);
  }
}
