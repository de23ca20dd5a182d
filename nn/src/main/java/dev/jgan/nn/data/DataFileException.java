package dev.jgan.nn.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that exists but does not hold what its format promises. The message names the file. */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
