package dev.idcplane.export;

import java.util.Map;

/** A small HCL writer: blocks, attributes, maps, comments and import blocks, two-space indents. */
final class Hcl {
  private final StringBuilder out = new StringBuilder();
  private int depth;

  /** An HCL string literal: quotes, backslashes, control characters and templates escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '$', '%' -> {
          b.append(c);
          if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
            b.append(c);
          }
        }
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  void comment(String text) {
    line("# " + text);
  }

  void blank() {
    out.append('\n');
  }

  void open(String type, String... labels) {
    StringBuilder b = new StringBuilder(type);
    for (String l : labels) {
      b.append(' ').append(quote(l));
    }
    line(b.append(" {").toString());
    depth++;
  }

  void close() {
    depth--;
    line("}");
  }

  void attr(String name, String expression) {
    line(name + " = " + expression);
  }

  void map(String name, Map<String, String> values) {
    line(name + " = {");
    depth++;
    values.forEach((k, v) -> line(quote(k) + " = " + quote(v)));
    depth--;
    line("}");
  }

  void importBlock(String to, String id) {
    line("import {");
    depth++;
    attr("to", to);
    attr("id", quote(id));
    depth--;
    line("}");
  }

  private void line(String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
