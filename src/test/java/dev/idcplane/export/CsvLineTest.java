package dev.idcplane.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvLineTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "plain|plain",
        "=SUM(A1)|'=SUM(A1)",
        "+1|'+1",
        "-1|'-1",
        "@cmd|'@cmd",
        "a,b|`\"a,b\"`",
        "say \"hi\"|`\"say \"\"hi\"\"\"`",
        "=a,b|`\"'=a,b\"`",
      })
  void quotesAndNeutralises(String in, String out) {
    assertThat(CsvWriter.cell(in)).isEqualTo(out);
  }

  @Test
  void tabCrAndNewlines() {
    assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
    assertThat(CsvWriter.cell("\rx")).isEqualTo("\"'\rx\"");
    assertThat(CsvWriter.cell("a\nb")).isEqualTo("\"a\nb\"");
  }

  @Test
  void lineEndsInCrlfAndNullIsEmpty() {
    assertThat(CsvWriter.line(Arrays.asList("a", null, "b"))).isEqualTo("a,,b\r\n");
    assertThat(CsvWriter.line(List.of())).isEqualTo("\r\n");
  }
}
