package org.tahawul.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tahawul.warehouse.testing.TestDatabase;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole dashboard in headless Chromium (Debian's chromium and chromedriver): sign in, open every
 * page in Arabic and in English, wait until every chart has reported ECharts' 'finished'
 * (data-chart-ready="true"), check there are no console errors, and save screenshots to
 * target/screenshots/. The data are the demo seeder's synthetic KPIs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tahawul.demo.seed-when-empty=true", "tahawul.security.demo-users=true",
        "tahawul.security.demo-password=" + BrowserJourneyIT.PASSWORD})
class BrowserJourneyIT {

    static final String PASSWORD = "browser-journey";
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("tahawul.clickhouse.url", () -> db.settings().url());
        registry.add("tahawul.clickhouse.database", () -> db.settings().database());
    }

    static WebDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void browser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--lang=ar",
                "--user-data-dir=" + Files.createTempDirectory("tahawul-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void everyPageRendersEveryChartInArabicAndEnglishWithoutConsoleErrors() throws Exception {
        signIn("leader");
        assertThat(driver.getCurrentUrl()).endsWith("/");
        List<String[]> pages = List.of(new String[]{"overview", "/"}, new String[]{"agencies", "/agencies"},
                new String[]{"agency", "/agencies/MOH"}, new String[]{"service", "/services/MOH-APPOINTMENT"},
                new String[]{"stages", "/stages"}, new String[]{"targets", "/targets"},
                new String[]{"reports", "/reports"}, new String[]{"overview-quarter", "/?period=quarter"},
                new String[]{"agencies-range", "/agencies?period=range&from=2023-01&to=2024-12&kpi=maturity_index"});
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("ar", "en")) {
            for (String[] page : pages) {
                String url = "http://localhost:" + port + page[1] + (page[1].contains("?") ? "&" : "?") + "lang=" + lang;
                driver.get(url);
                int charts = waitForCharts();
                WebElement html = driver.findElement(By.tagName("html"));
                assertThat(html.getAttribute("lang")).as(url).isEqualTo(lang);
                assertThat(html.getAttribute("dir")).as(url).isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
                for (WebElement chart : driver.findElements(By.cssSelector("[data-chart]"))) {
                    if (!"true".equals(chart.getAttribute("data-chart-ready"))) {
                        problems.add(url + ": chart " + chart.getAttribute("id") + " is " + chart.getAttribute("data-chart-ready"));
                    }
                }
                for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                    if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        problems.add(url + ": console " + entry.getMessage());
                    }
                }
                if (!page[0].equals("reports")) {
                    assertThat(charts).as("charts on " + url).isPositive();
                }
                screenshot(lang + "-" + page[0]);
            }
        }
        assertThat(problems).isEmpty();
        // Arabic labels: Hijri month names beside Gregorian ones on the axes come from /api/months
        driver.get("http://localhost:" + port + "/?lang=ar");
        waitForCharts();
        assertThat(driver.findElement(By.id("trend-digital_adoption")).getText()).containsAnyOf("رجب", "شعبان",
                "رمضان", "شوال", "محرم", "صفر");
    }

    @Test
    void agencyStaffCannotOpenAnotherAgency() {
        driver.manage().deleteAllCookies();
        signIn("agency-moh");
        driver.get("http://localhost:" + port + "/agencies/MOH?lang=en");
        waitForCharts();
        assertThat(driver.getTitle()).contains("Ministry of Health");
        driver.get("http://localhost:" + port + "/agencies/MOI?lang=en");
        assertThat(driver.findElement(By.cssSelector(".status-code")).getText()).isEqualTo("403");
        driver.manage().deleteAllCookies();
    }

    @Test
    void thePeriodSelectorAndTheFiltersStayInTheUrlAndTablesSort() {
        driver.manage().deleteAllCookies();
        signIn("analyst");
        driver.get("http://localhost:" + port + "/agencies?lang=en&kpi=maturity_index");
        waitForCharts();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("period-kind"))).selectByValue("quarter");
        WebElement at = driver.findElement(By.name("at"));
        assertThat(at.getAttribute("value")).as("cleared when the kind changes").isEmpty();
        at.sendKeys("2024-Q2");
        at.submit();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("period=quarter"));
        assertThat(driver.getCurrentUrl()).contains("period=quarter", "at=2024-Q2", "kpi=maturity_index")
                .doesNotContain("from=", "to=");
        waitForCharts();
        assertThat(driver.findElement(By.cssSelector(".selector .current")).getText()).isEqualTo("2024-Q2");
        assertThat(driver.findElement(By.id("heatmap")).getAttribute("data-api"))
                .isEqualTo("/api/agencies/heatmap?kpi=maturity_index&period=quarter&at=2024-Q2");
        // sort the ranking by agency name, then back by rank
        List<WebElement> headings = driver.findElements(By.cssSelector("#ranking thead th button"));
        headings.get(1).click();
        List<String> names = driver.findElements(By.cssSelector("#ranking tbody tr td:nth-child(2) a")).stream()
                .map(WebElement::getText).toList();
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(driver.findElement(By.cssSelector("#ranking thead th:nth-child(2)")).getAttribute("aria-sort"))
                .isEqualTo("ascending");
        driver.manage().deleteAllCookies();
    }

    private void signIn(String user) {
        driver.get("http://localhost:" + port + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Waits until every chart container has data-chart-ready set; returns the number of charts. */
    private int waitForCharts() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && "
                        + "Array.from(document.querySelectorAll('[data-chart]')).every(e => e.dataset.chartReady)"));
        return driver.findElements(By.cssSelector("[data-chart]")).size();
    }

    private void screenshot(String name) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Number height = (Number) js.executeScript("return Math.min(6000, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, Math.max(1000, height.intValue())));
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }
}
