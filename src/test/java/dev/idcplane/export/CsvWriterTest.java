package dev.idcplane.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvWriterTest {

  static String write(List<?>... rows) {
    StringWriter out = new StringWriter();
    CsvWriter csv = new CsvWriter(out);
    for (List<?> r : rows) {
      csv.row(r);
    }
    return out.toString();
  }

  @Test
  void recordsEndWithCrlfAndPlainCellsStayPlain() {
    assertThat(write(List.of("a", "b"), List.of("1", 2))).isEqualTo("a,b\r\n1,2\r\n");
  }

  @Test
  void nullIsAnEmptyCell() {
    assertThat(write(Arrays.asList("a", null, "c"))).isEqualTo("a,,c\r\n");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuoted() {
    assertThat(write(List.of("a,b", "say \"hi\"", "two\nlines", "cr\rhere")))
        .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "=SUM(A1:A2)|'=SUM(A1:A2)",
        "+1|'+1",
        "-1|'-1",
        "@cmd|'@cmd",
        "'quoted|'quoted",
        "a=b|a=b",
        "AppDeveloper|AppDeveloper"
      })
  void formulaCellsAreNeutralised(String in, String out) {
    assertThat(CsvWriter.cell(in)).isEqualTo(out);
  }

  @Test
  void tabAndCarriageReturnStartsAreNeutralisedAndQuotedWhenNeeded() {
    assertThat(CsvWriter.cell("\tx")).isEqualTo("'\tx");
    assertThat(CsvWriter.cell("\rx")).isEqualTo("\"'\rx\"");
    assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(CsvWriter.cell("")).isEmpty();
  }
}
