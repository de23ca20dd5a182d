package dev.jgan.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader, or a process killed at any instant, sees either the old file
 * or the complete new one: the bytes go to a hidden temporary file beside it
 * ({@code .NAME.<random>.tmp}), are forced to disk, and the temporary is renamed over the target.
 *
 * <p>The temporary file is created as any new file is (mode 0666 less the umask, usually 0644),
 * not with {@link Files#createTempFile}'s 0600, so the renamed file has the mode of the files
 * written directly beside it and other users can read a shared run. A kill between creating and
 * renaming leaves the temporary behind; {@link #removeLeftovers} deletes those.
 */
public final class AtomicFile {
    private static final String SUFFIX = ".tmp";

    /** What to write into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code file} atomically, creating its directory if needed. An
     * I/O failure (a full disk, a lost permission) leaves {@code file} as it was and throws an
     * IOException that names the file and says what happened.
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(target + ": cannot write it: " + reason(e) + "; the file is as it was before", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The failure in words: "the device is full" where the operating system said so anywhere in
     * the cause chain (ImageIO, for one, wraps it in "I/O error writing PNG file!").
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return "the device is full (no space left on device)";
            }
        }
        String message = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * Deletes the temporary files that interrupted writes left in {@code dir} (hidden files ending
     * in ".tmp", as {@link #write} names them, and as earlier versions named the checkpoint's);
     * returns how many. Call it only where no other process is writing.
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "." + "*" + SUFFIX)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
