package dev.idcplane.ui;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's templates: Qute used as a library (the Qute extension's dev mode needs an artifact
 * our registry does not serve), HTML-escaping every value unless a template says {@code .raw}.
 * Templates live in {@code templates/ui/NAME.html} on the classpath and are parsed once, on first
 * use; a template that does not parse fails {@code TemplatesTest}, not a user. Rendering is strict:
 * a missing value is an error, never an empty string. Thread-safe.
 */
@ApplicationScoped
public class Templates {
  static final String FOLDER = "templates/ui/";

  private final Engine engine;

  public Templates() {
    this.engine =
        Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addValueResolver(io.quarkus.qute.ValueResolvers.rawResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addLocator(Templates::locate)
            .removeStandaloneLines(true)
            .strictRendering(true)
            .build();
  }

  /** The page {@code name} (without {@code .html}) rendered with {@code data}. */
  public String render(String name, Map<String, Object> data) {
    return template(name).data(data).render();
  }

  /** The parsed template {@code name}; throws when it is missing or does not parse. */
  public io.quarkus.qute.TemplateInstance template(String name) {
    Template t = engine.getTemplate(name);
    if (t == null) {
      throw new IllegalStateException("no template " + FOLDER + name + ".html");
    }
    return t.instance();
  }

  private static Optional<TemplateLocation> locate(String id) {
    String path = FOLDER + (id.endsWith(".html") ? id : id + ".html");
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    URL url = loader == null ? null : loader.getResource(path);
    if (url == null) {
      url = Templates.class.getClassLoader().getResource(path);
    }
    if (url == null) {
      return Optional.empty();
    }
    URL found = url;
    return Optional.of(
        new TemplateLocation() {
          @Override
          public Reader read() {
            try {
              InputStream in = found.openStream();
              return new InputStreamReader(in, StandardCharsets.UTF_8);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }

          @Override
          public Optional<Variant> getVariant() {
            return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
          }
        });
  }
}
