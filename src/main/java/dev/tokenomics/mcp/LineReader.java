package dev.tokenomics.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-terminated lines of bytes, each up to a limit. A longer line is read to its end and
 * thrown away (only its length is kept), so one oversized message costs no more memory than the
 * limit and the next line is read as usual. A trailing {@code \r} is dropped ({@code \r\n} ends a
 * line as {@code \n} does); a last line without a newline still counts at end of input.
 */
final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    private int length;
    private long lineBytes;
    private boolean tooLong;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Reads the next line; false at end of input. */
    boolean next() throws IOException {
        length = 0;
        lineBytes = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(chunk);
                if (n < 0) {
                    pos = limit = 0;
                    return any;
                }
                pos = 0;
                limit = n;
                continue;
            }
            any = true;
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++; // the newline
                if (!tooLong && length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
        }
    }

    private void append(int from, int n) {
        lineBytes += n;
        if (tooLong) {
            return;
        }
        if ((long) length + n > maxBytes) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, length + n)));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    /** The current line's bytes, valid up to {@link #length()} until the next call. */
    byte[] buffer() {
        return line;
    }

    int length() {
        return length;
    }

    /** Whether the current line was over the limit (its bytes are gone; {@link #lineBytes()} says how many). */
    boolean tooLong() {
        return tooLong;
    }

    long lineBytes() {
        return lineBytes;
    }
}
