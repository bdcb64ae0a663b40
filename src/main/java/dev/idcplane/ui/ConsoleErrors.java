package dev.idcplane.ui;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A refusal on a console page is a page, not the API's JSON error body: a 403 (a role the person
 * lacks, or a form without this session's CSRF token), 404, 400 or 5xx under {@code /ui} is
 * answered with the console's message page and the same status. The API's answers are untouched.
 */
public class ConsoleErrors {
  private final Templates templates;
  private final Pages pages;

  public ConsoleErrors(Templates templates, Pages pages) {
    this.templates = templates;
    this.pages = pages;
  }

  @ServerResponseFilter
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400
        || !ConsoleTenant.isConsolePath(request.getUriInfo().getRequestUri().getPath())
        || !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
      return;
    }
    Map<String, Object> data = new HashMap<>();
    data.put("title", title(status));
    data.put("message", sentence(status));
    data.put("link", "/ui/overview");
    data.put("linkText", "Back to the overview");
    data.put("me", pages.me());
    response.setEntity(
        templates.render("message", data), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
  }

  static String title(int status) {
    return switch (status) {
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 400 -> "Bad request";
      default -> "Something went wrong";
    };
  }

  static String sentence(int status) {
    return switch (status) {
      case 403 ->
          "Your roles do not allow this, or the form was not sent from this session's page"
              + " (reload the page and try again). Nothing was changed.";
      case 404 -> "There is no such page.";
      case 400 -> "The request was not understood.";
      default -> "The console could not answer; the service's log has the details.";
    };
  }
}
