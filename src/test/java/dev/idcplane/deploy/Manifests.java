package dev.idcplane.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every Kubernetes document under {@code deploy/kubernetes/} (multi-document YAML files). */
record Manifests(List<Doc> docs) {
  static final Path DIR = Path.of("deploy/kubernetes");

  /** One document and the file it came from. */
  record Doc(Path file, Map<String, Object> body) {
    String kind() {
      return (String) body.get("kind");
    }

    /** The value at a dotted path of map keys, or null. */
    Object at(String path) {
      return Manifests.at(body, path);
    }
  }

  static Manifests load() {
    List<Doc> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object doc : yaml.loadAll(Files.readString(file))) {
          if (doc != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) doc;
            docs.add(new Doc(file, body));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifests(docs);
  }

  List<Doc> ofKind(String kind) {
    return docs.stream().filter(d -> kind.equals(d.kind())).toList();
  }

  Doc only(String kind) {
    List<Doc> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " in " + DIR + ", found " + found.size());
    }
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  static Object at(Object node, String path) {
    for (String key : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = ((Map<String, Object>) map).get(key);
    }
    return node;
  }
}
