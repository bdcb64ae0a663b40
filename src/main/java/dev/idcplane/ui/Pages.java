package dev.idcplane.ui;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Renders a page for the signed-in person: every template gets {@code me} beside its data. */
@ApplicationScoped
public class Pages {
  private final Templates templates;
  private final Csrf csrf;
  private final SecurityIdentity identity;

  public Pages(Templates templates, Csrf csrf, SecurityIdentity identity) {
    this.templates = templates;
    this.csrf = csrf;
    this.identity = identity;
  }

  /** 200 with the page. */
  public Response ok(String template, Map<String, Object> data) {
    return page(200, template, data);
  }

  /** The page with {@code status}, e.g. 409 for a refused apply that explains itself. */
  public Response page(int status, String template, Map<String, Object> data) {
    Map<String, Object> all = new HashMap<>(data);
    all.put("me", me());
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .entity(templates.render(template, all))
        .build();
  }

  /** A part of a page (no layout), for htmx to swap in. */
  public Response fragment(String template, Map<String, Object> data) {
    return Response.ok(templates.render(template, data))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .header("Cache-Control", "no-store")
        .build();
  }

  /** 303 See Other: where a form post sends the browser next. */
  public static Response seeOther(String path) {
    return Response.seeOther(URI.create(path)).build();
  }

  /** The signed-in person. */
  public Me me() {
    return Me.of(identity, csrf);
  }

  /** Refuses (403) a form whose CSRF token is not this session's. */
  public void checkCsrf(String token) {
    csrf.check(identity, token);
  }
}
