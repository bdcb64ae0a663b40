package dev.idcplane.identitycenter;

import java.util.Objects;

/** A customer-managed policy referenced by name and path; path defaults to {@code /}. */
public record CustomerManagedPolicyRef(String name, String path)
    implements Comparable<CustomerManagedPolicyRef> {
  public CustomerManagedPolicyRef {
    Objects.requireNonNull(name, "name");
    path = path == null || path.isBlank() ? "/" : path;
  }

  @Override
  public int compareTo(CustomerManagedPolicyRef o) {
    int c = path.compareTo(o.path);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return path + name;
  }
}
