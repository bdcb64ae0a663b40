package dev.idcplane.ui;

import java.util.List;

/**
 * One page of a list the server holds in full (a plan's changes): {@code size} rows from page
 * {@code page} (1-based, clamped), so a plan of 10,000 changes never renders at once.
 */
public record Paged<T>(List<T> items, int page, int pages, int total, int from, int to) {

  static <T> Paged<T> of(List<T> all, int page, int size) {
    int pages = Math.max(1, (all.size() + size - 1) / size);
    int p = Math.min(Math.max(1, page), pages);
    int from = Math.min((p - 1) * size, all.size());
    int to = Math.min(from + size, all.size());
    return new Paged<>(List.copyOf(all.subList(from, to)), p, pages, all.size(), from + 1, to);
  }

  public boolean hasPrevious() {
    return page > 1;
  }

  public boolean hasNext() {
    return page < pages;
  }

  public int previous() {
    return page - 1;
  }

  public int next() {
    return page + 1;
  }

  public boolean paged() {
    return pages > 1;
  }
}
