package dev.idcplane.support;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP client of a {@code text/event-stream}, as a browser's EventSource reads one: each
 * event's {@code id}, {@code event} and {@code data} lines up to the blank line that dispatches it.
 * A reader thread parses the stream as it arrives; the test takes events one by one, or all up to
 * the end of the stream, and may disconnect at any point. The timeouts only keep a broken test from
 * hanging; nothing asserts how long anything took.
 */
public final class SseClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Object END = new Object();

  /** One event: its id, its {@code event} name and its data lines joined. */
  public record Event(String id, String name, String data) {
    public long position() {
      return Long.parseLong(id);
    }

    public JsonPath json() {
      return new JsonPath(data);
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private final String errorBody;

  private SseClient(HttpResponse<InputStream> response) throws IOException {
    this.response = response;
    if (response.statusCode() != 200) {
      try (InputStream in = response.body()) {
        errorBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      items.add(END);
      return;
    }
    errorBody = null;
    Thread reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens {@code path} (with its query) on the test server with a bearer token (none when null) and
   * extra headers; returns once the response headers arrived, that is, once the server subscribed.
   */
  public static SseClient open(int port, String path, String token, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/event-stream")
            .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return new SseClient(
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
            .get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
  }

  public int status() {
    return response.statusCode();
  }

  public Optional<String> contentType() {
    return response.headers().firstValue("Content-Type");
  }

  /** The body of a response other than 200, as JSON. */
  public JsonPath error() {
    return new JsonPath(errorBody);
  }

  /** The next event; fails if the stream ends first. */
  public Event next() throws InterruptedException {
    Object item = items.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    if (item == null) {
      throw new AssertionError("no event within " + PATIENCE);
    }
    if (item == END) {
      items.add(END);
      throw new AssertionError("the stream ended");
    }
    if (item instanceof RuntimeException e) {
      throw e;
    }
    return (Event) item;
  }

  /** Every event up to the end of the stream, which the server must end. */
  public List<Event> rest() throws InterruptedException {
    List<Event> out = new ArrayList<>();
    while (true) {
      Object item = items.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      if (item == null) {
        throw new AssertionError("the stream did not end within " + PATIENCE + "; got " + out);
      }
      if (item == END) {
        items.add(END);
        return out;
      }
      if (item instanceof RuntimeException e) {
        throw e;
      }
      out.add((Event) item);
    }
  }

  /** Disconnects, as a browser losing its connection would. */
  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            items.add(new Event(id, name, data.toString()));
          }
          id = null;
          name = null;
          data = null;
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> name = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> {} // comments (":") and unknown fields are ignored, as EventSource does
        }
      }
    } catch (IOException e) {
      // Closed by close(): the stream is over for this client.
    } catch (RuntimeException e) {
      items.add(e);
    } finally {
      items.add(END);
    }
  }
}
