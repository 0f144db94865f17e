package io.harbormaster.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BOM a program that embeds Harbormaster imports lists every artifact the build publishes. */
class BomTest {
  private static final Path ROOT = Path.of("..");

  /**
   * Modules that publish no library: the rules over the others, core's mutation testing, the BOM.
   */
  private static final List<String> NOT_IN_BOM =
      List.of("architecture-tests", "mutation-testing", "bom");

  @Test
  void theBomListsEveryPublishedModuleAtTheReactorsVersion() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    Element bom = read(ROOT.resolve("bom").resolve("pom.xml"));
    List<String> published = new ArrayList<>();
    for (Element module : children(element(parent, "modules"), "module")) {
      String folder = module.getTextContent().trim();
      if (!NOT_IN_BOM.contains(folder)) {
        published.add(text(read(ROOT.resolve(folder).resolve("pom.xml")), "artifactId"));
      }
    }
    List<String> managed =
        children(element(bom, "dependencyManagement", "dependencies"), "dependency").stream()
            .map(dependency -> text(dependency, "artifactId"))
            .toList();

    assertThat(text(bom, "version")).isEqualTo(text(parent, "version"));
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }

  private static Element read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(pom.toFile())
        .getDocumentElement();
  }

  private static String text(Element element, String... path) {
    return element(element, path).getTextContent().trim();
  }

  /** The element at {@code path} under {@code element}, through direct children only. */
  private static Element element(Element element, String... path) {
    Element current = element;
    for (String name : path) {
      current = children(current, name).get(0);
    }
    return current;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        children.add(element);
      }
    }
    return children;
  }
}
