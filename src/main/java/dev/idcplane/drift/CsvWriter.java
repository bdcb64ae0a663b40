package dev.idcplane.drift;

import java.util.List;

/**
 * RFC 4180 CSV lines (CRLF-terminated). A cell that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, tab or CR) gets a leading apostrophe; a cell holding a comma, quote, CR or
 * LF is quoted with inner quotes doubled.
 */
public final class CsvWriter {
  private CsvWriter() {}

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

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
