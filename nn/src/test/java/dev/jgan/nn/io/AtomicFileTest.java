package dev.jgan.nn.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {
    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /**
     * A full disk as the PNG encoder meets it: the operating system's ENOSPC (from /dev/full)
     * arrives wrapped in ImageIO's "I/O error writing PNG file!". The message must name the file
     * and say the device is full, and the old file must be untouched.
     */
    @Test
    void aFullDiskWhileWritingAPngNamesTheFileAndSaysSo(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        Path file = tmp.resolve("samples.png");
        Files.writeString(file, "the previous picture");
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            try (OutputStream full = new FileOutputStream("/dev/full")) {
                ImageIO.write(image, "png", full);
            }
        }));
        assertEquals(file.toAbsolutePath() + ": cannot write it: the device is full (no space left on device); the file"
                + " is as it was before", e.getMessage());
        assertEquals("the previous picture", Files.readString(file));
        assertEquals(1, filesIn(tmp), "no temporary file is left behind");
    }

    @Test
    void theFileGetsTheModeOfAPlainNewFileNotATemporaryFilesMode(@TempDir Path tmp) throws Exception {
        Path plain = tmp.resolve("plain.json");
        Files.writeString(plain, "{}");
        Path atomic = tmp.resolve("checkpoint.safetensors");
        AtomicFile.write(atomic, out -> out.write(1));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
    }

    @Test
    void leftoversOfInterruptedWritesAreRemovedAndNothingElse(@TempDir Path tmp) throws Exception {
        Path mine = Files.writeString(tmp.resolve(".checkpoint.safetensors.1f2e.tmp"), "half");
        Path older = Files.writeString(tmp.resolve(".checkpoint.safetensors4411.tmp"), "half");
        Path keep = Files.writeString(tmp.resolve("notes.tmp"), "the user's");
        Path keepHidden = Files.writeString(tmp.resolve(".config"), "the user's");
        assertEquals(2, AtomicFile.removeLeftovers(tmp));
        assertFalse(Files.exists(mine));
        assertFalse(Files.exists(older));
        assertTrue(Files.exists(keep) && Files.exists(keepHidden));
    }
}
