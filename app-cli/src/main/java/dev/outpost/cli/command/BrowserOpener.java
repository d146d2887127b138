package dev.outpost.cli.command;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Tries to show a web page to the user; never fails, since the address is printed anyway. */
final class BrowserOpener {
    private BrowserOpener() {
    }

    /** @return whether something accepted to open it */
    static boolean open(URI address) {
        try {
            if (java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(address);
                return true;
            }
        } catch (Exception | LinkageError unavailable) {
            // A headless machine or a JRE without AWT: try the desktop's own opener.
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", address.toString())
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", address.toString())
                : List.of("xdg-open", address.toString());
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException | SecurityException notInstalled) {
            return false;
        }
    }
}
