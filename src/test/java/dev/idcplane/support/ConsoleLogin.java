package dev.idcplane.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs in to the console without a browser: the authorization code flow against {@link
 * TestIdentityProvider} with a plain HTTP client holding the cookies, as a browser would (the
 * console's redirect to the IdP, the role's approval, the callback with the code). Not thread-safe:
 * one session per instance.
 */
public final class ConsoleLogin {
  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  private ConsoleLogin(String base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A session of {@code role} on the console at {@code base} (e.g. http://localhost:8081). */
  public static ConsoleLogin as(String role, String base) {
    ConsoleLogin login = new ConsoleLogin(base);
    login.signIn(role);
    return login;
  }

  private void signIn(String role) {
    HttpResponse<String> first = get("/ui/overview");
    String authorize = location(first);
    URI a = URI.create(authorize);
    Map<String, String> q = query(a.getRawQuery());
    String approve =
        a.getScheme()
            + "://"
            + a.getAuthority()
            + "/approve?role="
            + role
            + "&redirect_uri="
            + enc(q.get("redirect_uri"))
            + "&state="
            + enc(q.getOrDefault("state", ""))
            + "&nonce="
            + enc(q.getOrDefault("nonce", ""))
            + "&client_id="
            + enc(q.getOrDefault("client_id", ""));
    String callback = location(send(HttpRequest.newBuilder(URI.create(approve)).build()));
    HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(callback)).build());
    if (done.statusCode() / 100 != 3 || cookie("q_session_ui") == null) {
      throw new IllegalStateException(
          "sign-in as " + role + " did not give a session: " + done.statusCode());
    }
  }

  /** GET {@code path} with the session, redirects not followed. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).build());
  }

  /** POST a form to {@code path} with the session. */
  public HttpResponse<String> post(String path, String form) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  /** GET {@code path} from a client holding nothing but the cookie {@code name=value}. */
  public static HttpResponse<String> getWithCookie(
      String base, String path, String name, String value) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Cookie", name + "=" + value)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of the session's cookie {@code name}, or null. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The CSRF token of the session, read from the page at {@code path}. */
  public String csrf(String path) {
    String html = get(path).body();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("no CSRF token on " + path);
    }
    return m.group(1);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String location(HttpResponse<String> r) {
    String to =
        r.headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("no redirect from " + r.uri()));
    return to.startsWith("/") ? base + to : to;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
