package dev.idcplane.support;

import static io.restassured.RestAssured.given;

import java.util.Optional;

/** One Prometheus scrape of {@code /q/metrics}, read sample by sample. */
public final class Scrape {
  private final String text;

  private Scrape(String text) {
    this.text = text;
  }

  public static Scrape now() {
    return new Scrape(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
  }

  /** The value of sample {@code name} whose labels include {@code label} (e.g. kind="missing"). */
  public Optional<Double> value(String name, String label) {
    return text.lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(label))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  /** The value of sample {@code name} without labels. */
  public Optional<Double> value(String name) {
    return text.lines()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  @Override
  public String toString() {
    return text;
  }
}
