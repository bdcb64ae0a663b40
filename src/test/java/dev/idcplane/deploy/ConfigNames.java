package dev.idcplane.deploy;

import dev.idcplane.config.IdcConfig;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the service reads: those {@code application.properties} names in {@code
 * ${NAME:...}}, and the MicroProfile Config environment form ({@code idc.aws.region} -> {@code
 * IDC_AWS_REGION}) of every property it sets and every key {@link IdcConfig} maps.
 */
final class ConfigNames {
  private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  private ConfigNames() {}

  static Set<String> environmentVariables() {
    Set<String> names = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(PROPERTIES)) {
        if (line.isBlank() || line.startsWith("#") || !line.contains("=")) {
          continue;
        }
        Matcher m = REFERENCE.matcher(line);
        while (m.find()) {
          names.add(m.group(1));
        }
        String key = line.substring(0, line.indexOf('=')).trim().replaceFirst("^%[a-z]+\\.", "");
        names.add(env(key));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mappedKeys("idc", IdcConfig.class, names);
    return names;
  }

  /** MicroProfile Config's environment variable for a property name. */
  static String env(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  private static void mappedKeys(String prefix, Class<?> group, Set<String> names) {
    for (Method m : group.getMethods()) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
        continue;
      }
      WithName withName = m.getAnnotation(WithName.class);
      String key = prefix + "." + (withName != null ? withName.value() : kebab(m.getName()));
      Class<?> nested = nestedGroup(m.getGenericReturnType());
      if (nested != null) {
        mappedKeys(key, nested, names);
      } else {
        names.add(env(key));
      }
    }
  }

  /** The config group a method returns (directly or in an Optional), or null for a leaf. */
  private static Class<?> nestedGroup(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == java.util.Optional.class) {
      type = p.getActualTypeArguments()[0];
    }
    return type instanceof Class<?> c
            && c.isInterface()
            && c.getName().startsWith("dev.idcplane.config")
        ? c
        : null;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
