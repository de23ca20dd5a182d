package dev.jgan.tutorials.text;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every byte to two streams: the console, and the copy a chapter keeps in its results/
 * folder, which its ChapterTextTest then checks the text against.
 */
public final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    public TeeStream(OutputStream first, OutputStream second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
        first.write(b);
        second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        first.write(b, off, len);
        second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        first.flush();
        second.flush();
    }
}
