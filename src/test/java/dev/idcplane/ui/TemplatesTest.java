package dev.idcplane.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every console template parses and renders with a sample of the data its resource gives it, and
 * values are HTML-escaped: a template error fails the build here, not in front of a user.
 */
class TemplatesTest {
  static final Path FOLDER = Path.of("src/main/resources/templates/ui");
  final Templates templates = new Templates();

  static Stream<String> names() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".html"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void everyTemplateRendersItsSample(String name) {
    assertThat(TemplateSamples.ALL).as("a sample for " + name).containsKey(name);
    for (Map<String, Object> sample : TemplateSamples.ALL.get(name)) {
      String html = templates.render(name, sample);
      assertThat(html).as(name).isNotBlank().doesNotContain("NOT_FOUND").doesNotContain(">null<");
    }
  }

  @Test
  void valuesAreEscaped() {
    Me evil = new Me("s", "<script>alert(1)</script>", Set.of("viewer"), "t\"x");
    String html =
        templates.render("overview", TemplateSamples.with(TemplateSamples.overview(), "me", evil));
    assertThat(html)
        .doesNotContain("<script>alert(1)</script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("value=\"t&quot;x\"");
  }

  @Test
  void aMissingValueIsAnErrorNotAnEmptyString() {
    assertThatThrownBy(() -> templates.render("overview", Map.of("me", TemplateSamples.ADMIN)))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void everySampleHasATemplate() throws IOException {
    List<String> names = names().toList();
    assertThat(names).containsAll(TemplateSamples.ALL.keySet());
  }
}
