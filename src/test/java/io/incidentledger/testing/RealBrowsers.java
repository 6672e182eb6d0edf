package io.incidentledger.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link RealBrowser}s of one test, as many as it opens (two people signed in at once are two browsers), each
 * closed after the test; a test that failed leaves a screenshot of each, {@code <test>-failed-<n>.png}, beside the
 * screenshots it took itself under {@code target/screenshots/<test class>/}. Register it as an instance field:
 * <pre>{@code @RegisterExtension final RealBrowsers browsers = new RealBrowsers();}</pre>
 * in a class annotated {@link RequiresBrowser}.
 */
public final class RealBrowsers implements BeforeEachCallback, AfterEachCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<RealBrowser> open = new ArrayList<>();
    private Path screenshots;

    /** A browser with a 1280x720 window on the application at {@code port}. */
    public RealBrowser open(int port) {
        return track(RealBrowser.open(port, screenshots, RealBrowser.DESKTOP, false));
    }

    /** A phone's browser, 390x844 CSS pixels, on the application at {@code port}. */
    public RealBrowser openPhone(int port) {
        return track(RealBrowser.open(port, screenshots, RealBrowser.PHONE, true));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        screenshots = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent()) {
                for (int i = 0; i < open.size(); i++) {
                    open.get(i).screenshot(context.getRequiredTestMethod().getName() + "-failed-" + (i + 1));
                }
            }
        } finally {
            closeAll();
        }
    }

    /** Closes every browser, even after one fails to close, so that no Chromium outlives its test. */
    private void closeAll() {
        RuntimeException failure = null;
        for (RealBrowser browser : open) {
            try {
                browser.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private RealBrowser track(RealBrowser browser) {
        open.add(browser);
        return browser;
    }
}
