package io.harbormaster.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShownLimitsTest {
  @Test
  void aTextOfTheMostCharactersIsKeptWhole() {
    String text = "x".repeat(1024);

    assertThat(ShownLimits.text(text)).isSameAs(text);
  }

  @Test
  void aLongerTextKeepsItsStartAndSaysHowMuchIsLeftOut() {
    String text = "failed: " + "y".repeat(5000);

    String shown = ShownLimits.text(text);

    // 998 characters kept and 4010 left out: the 5008 of the text.
    assertThat(shown).hasSize(1024).endsWith("... (4010 more characters)");
    assertThat(shown.substring(0, 998)).isEqualTo(text.substring(0, 998));
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsNotCutInHalf() {
    int keep = 1024 - "... (1000 more characters)".length();
    String text = "z".repeat(keep - 1) + "😀" + "z".repeat(2000 - keep - 1);

    String shown = ShownLimits.text(text);

    assertThat(shown).startsWith("z".repeat(keep - 1) + "...").endsWith("more characters)");
    assertThat(shown.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }

  @Test
  void nullStaysNull() {
    assertThat(ShownLimits.text(null)).isNull();
    assertThat(ShownLimits.first(null)).isNull();
    assertThat(ShownLimits.notListed(null)).isNull();
  }

  @Property
  void aShownTextIsNeverLongerThanTheLimitAndAccountsForEveryCharacter(
      @ForAll @IntRange(min = 0, max = 200_000) int length) {
    String text = "a".repeat(length);

    String shown = ShownLimits.text(text);

    assertThat(shown.length()).isLessThanOrEqualTo(ShownLimits.MAX_TEXT);
    if (length > ShownLimits.MAX_TEXT) {
      int kept = shown.indexOf("...");
      int more =
          Integer.parseInt(
              shown.substring(kept + "... (".length(), shown.indexOf(" more characters)")));
      assertThat(kept + more).isEqualTo(length);
    } else {
      assertThat(shown).isEqualTo(text);
    }
  }

  @Test
  void aListKeepsItsFirstFiftyItemsAndCountsTheOthers() {
    List<Integer> items = IntStream.range(0, 73).boxed().collect(Collectors.toList());

    assertThat(ShownLimits.first(items)).isEqualTo(items.subList(0, 50));
    assertThat(ShownLimits.notListed(items)).isEqualTo(23);
  }

  @Test
  void aListOfFiftyIsKeptWholeAndCountsNothing() {
    List<Integer> items = new ArrayList<>(Arrays.asList(new Integer[50]));

    assertThat(ShownLimits.first(items)).isSameAs(items);
    assertThat(ShownLimits.notListed(items)).isNull();
  }
}
