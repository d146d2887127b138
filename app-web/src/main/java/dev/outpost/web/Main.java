package dev.outpost.web;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.outpost.application.boot.OutpostConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar outpost-web.jar}: starts the web app and runs until stopped. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            // Named apart: the sandbox's jar brings its own logback.xml.
            System.setProperty("logback.configurationFile", "outpost-web-logback.xml");
        }
        OutpostWeb web;
        try {
            OutpostConfig config = OutpostConfig.load(System.getenv(), Path.of(System.getProperty("user.home")));
            web = OutpostWeb.start(config, Clock.systemUTC());
        } catch (ProvisionException | CreationException e) {
            fail(rootMessage(e));
            return;
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        System.out.println("Outpost is running on " + web.baseUrl() + web.modeNote());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            stopped.countDown();
        }, "outpost-web-shutdown"));
        stopped.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static void fail(String message) {
        System.err.println("outpost-web: " + message);
        System.exit(1);
    }
}
