package dev.idcplane.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by Debian's chromedriver, both named by path so Selenium
 * Manager never looks for (or downloads) a browser. Screenshots go to {@code
 * target/ui-screenshots}.
 */
public final class Browser implements AutoCloseable {
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final Path SHOTS = Path.of("target/ui-screenshots");

  private final ChromeDriver driver;
  private final String base;

  public Browser(String base) {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    this.driver = new ChromeDriver(service, options);
    this.base = base;
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String path) {
    driver.get(base + path);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public boolean has(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  /** Waits (up to a minute) until {@code condition} holds; never a fixed sleep. */
  public <T> T until(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(60)).until(condition);
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
