package io.harbormaster.gitops.yaml;

import io.harbormaster.core.port.GitOpsException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML file (possibly several documents) that can read and rewrite single scalars. A write
 * splices the new value into the original text over the scalar's exact span, in the scalar's own
 * quoting style, then parses the result again to prove the value reads back as written.
 */
public final class YamlFile {
  private static final LoadSettings SETTINGS =
      LoadSettings.builder().setSchema(new CoreSchema()).build();

  /** Characters that end or open flow collections: a plain scalar holding them may change shape. */
  private static final String FLOW_INDICATORS = ",[]{}";

  private final String name;
  private final String text;
  private final List<Node> documents;
  private final Spans spans;

  private YamlFile(String name, String text) {
    this.name = name;
    this.text = text;
    this.spans = new Spans(text);
    this.documents = compose(name, text);
  }

  /** {@code name} is the file's path, used in every error message. */
  public static YamlFile parse(String name, byte[] content) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return new YamlFile(name, text);
    } catch (CharacterCodingException e) {
      throw new GitOpsException(
          name + " is not UTF-8 text; Harbormaster edits UTF-8 YAML files only");
    }
  }

  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The version the selector names: the scalar's value, or the tag of a marked image reference. */
  public String read(ScalarSelector selector) {
    List<Slot> slots = slots(selector);
    String version = slots.get(0).version();
    for (Slot slot : slots) {
      if (!slot.version().equals(version)) {
        throw fail(
            selector,
            "marks values that differ ('"
                + version
                + "' and '"
                + slot.version()
                + "'); make them equal before upgrading");
      }
    }
    return version;
  }

  /** This file with the version written at the selector and every other character unchanged. */
  public YamlFile write(ScalarSelector selector, String version) {
    List<Slot> slots = new ArrayList<>(slots(selector));
    slots.sort(
        Comparator.comparingInt(Slot::start).reversed()); // splice from the end: offsets stay valid
    StringBuilder edited = new StringBuilder(text);
    for (Slot slot : slots) {
      edited.replace(slot.start(), slot.end(), rendered(slot, version));
    }
    YamlFile result = new YamlFile(name, edited.toString());
    if (!result.read(selector).equals(version)) {
      throw fail(
          selector,
          "cannot hold '"
              + version
              + "' without changing the file's structure; quote the value in the file");
    }
    return result;
  }

  private List<Slot> slots(ScalarSelector selector) {
    if (!selector.isImagePolicy()) {
      YamlPath path = YamlPath.parse(selector.pathText());
      return List.of(slot(new PathResolver(name).resolve(documents, path), false, selector));
    }
    List<Slot> slots = new ArrayList<>();
    for (SetterMarkers.Marked marked :
        new SetterMarkers(name, text, spans).find(documents, selector.imagePolicyName())) {
      if (marked.node().getAnchor().isPresent()) {
        throw fail(selector, "marks an anchored value; editing it would change its aliases too");
      }
      Slot slot = slot(marked.node(), marked.wholeImage(), selector);
      if (marked.wholeImage() && ImageReference.tag(marked.node().getValue()).isEmpty()) {
        throw fail(
            selector,
            "marks '" + marked.node().getValue() + "', an image without a tag or pinned by digest");
      }
      slots.add(slot);
    }
    return slots;
  }

  private Slot slot(ScalarNode node, boolean wholeImage, ScalarSelector selector) {
    ScalarStyle style = node.getScalarStyle();
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      throw fail(
          selector,
          "is a block scalar ('|' or '>'); write the value on one line to let Harbormaster edit it");
    }
    int start = spans.start(node);
    int end = spans.end(node);
    if (start == end) {
      throw fail(
          selector,
          "has no value written (line " + spans.line(start) + "); write the current value first");
    }
    if (spans.hasLineBreak(start, end)) {
      throw fail(
          selector,
          "spans several lines (from line " + spans.line(start) + "); write the value on one line");
    }
    return new Slot(node, start, end, wholeImage);
  }

  private static String rendered(Slot slot, String version) {
    String value = slot.valueWithVersion(version);
    ScalarStyle style = slot.node().getScalarStyle();
    if (style == ScalarStyle.PLAIN && !keepsMeaningAsPlain(value, slot.node().getTag())) {
      return ScalarText.doubleQuoted(value); // e.g. a string tag '1.10' must not turn into a number
    }
    return ScalarText.render(value, style);
  }

  /** The value, unquoted, reads back as itself and as a string or the type the old value had. */
  private static boolean keepsMeaningAsPlain(String value, Tag oldTag) {
    if (value.isEmpty()
        || value.chars().anyMatch(c -> FLOW_INDICATORS.indexOf(c) >= 0 || c == '\n' || c == '\r')) {
      return false;
    }
    try {
      Optional<Node> node = new Compose(SETTINGS).composeString(value);
      return node.isPresent()
          && node.get() instanceof ScalarNode scalar
          && scalar.getScalarStyle() == ScalarStyle.PLAIN
          && scalar.getValue().equals(value)
          && (scalar.getTag().equals(Tag.STR) || scalar.getTag().equals(oldTag));
    } catch (YamlEngineException e) {
      return false;
    }
  }

  private static List<Node> compose(String name, String text) {
    try {
      List<Node> documents = new ArrayList<>();
      new Compose(SETTINGS).composeAllFromString(text).forEach(documents::add);
      return documents;
    } catch (YamlEngineException e) {
      throw new GitOpsException(name + " is not valid YAML: " + e.getMessage());
    }
  }

  private GitOpsException fail(ScalarSelector selector, String problem) {
    return new GitOpsException(name + ": " + selector + " " + problem);
  }
}
