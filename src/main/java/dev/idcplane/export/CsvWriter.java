package dev.idcplane.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV as RFC 4180 says: CRLF line ends, fields holding a comma, quote, CR or LF quoted, and
 * quotes doubled. Cells a spreadsheet would run as a formula (starting with = + - @ tab or CR) get
 * a leading apostrophe first. Null cells are empty. Not thread-safe; one per output.
 */
public final class CsvWriter {
  private final Writer out;

  public CsvWriter(Writer out) {
    this.out = out;
  }

  /** Writes one record. */
  public CsvWriter row(List<?> cells) {
    try {
      out.write(line(cells));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One record as text, CRLF-terminated. */
  public static String line(List<?> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(cell(cells.get(i)));
    }
    return sb.append("\r\n").toString();
  }

  /** One cell, neutralised and quoted as needed. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = neutralise(value.toString());
    if (s.indexOf(',') >= 0
        || s.indexOf('"') >= 0
        || s.indexOf('\r') >= 0
        || s.indexOf('\n') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /**
   * The text with a leading apostrophe if a spreadsheet would run it as a formula (it starts with =
   * + - @ tab or CR); otherwise unchanged.
   */
  public static String neutralise(String s) {
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }
}
