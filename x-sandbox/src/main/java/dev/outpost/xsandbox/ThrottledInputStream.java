package dev.outpost.xsandbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Reads no faster than a given rate, emulating a slow link for the request body. */
final class ThrottledInputStream extends FilterInputStream {
    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long total;

    ThrottledInputStream(InputStream in, long bytesPerSecond) {
        super(in);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // small slices keep the rate smooth instead of bursting a whole buffer then sleeping
        int slice = (int) Math.max(1, Math.min(len, Math.max(1024, bytesPerSecond / 20)));
        int n = super.read(b, off, slice);
        if (n > 0) {
            total += n;
            long dueNanos = startNanos + total * 1_000_000_000L / bytesPerSecond;
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                try {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("throttled read interrupted");
                }
            }
        }
        return n;
    }
}
