package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX reading and the MNIST directory layout, on small files written here. */
class MnistTest {
    @TempDir
    Path dir;

    /** An IDX file: magic 0x000008NN, the dims, then the bytes. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(0x0800 | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Three 2x2 images with pixels 0, 51, ..., 255 in image 1 and labels 3, 9, 0. */
    private static byte[] images() {
        byte[] pixels = new byte[12];
        for (int i = 0; i < 4; i++) {
            pixels[4 + i] = (byte) (i * 85);
        }
        pixels[0] = (byte) 255;
        return idx(new int[] {3, 2, 2}, pixels);
    }

    private static byte[] labels() {
        return idx(new int[] {3}, new byte[] {3, 9, 0});
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void loadsPlainFilesScaledToUnitRange() throws IOException {
        write("train-images-idx3-ubyte", images());
        write("train-labels-idx1-ubyte", labels());
        TensorDataset d = Mnist.load(dir, true);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {1, 2, 2}, d.imageShape());
        assertArrayEquals(new int[] {3, 9, 0}, d.labels());
        assertArrayEquals(new float[] {0, 85 / 255f, 170 / 255f, 1}, d.get(1).image().toFloatArray());
        assertEquals(1f, d.get(0).image().get(0, 0, 0));
    }

    @Test
    void loadsGzippedTestFiles() throws IOException {
        write("t10k-images-idx3-ubyte.gz", gzip(images()));
        write("t10k-labels-idx1-ubyte.gz", gzip(labels()));
        TensorDataset d = Mnist.load(dir, false);
        assertArrayEquals(new int[] {3, 9, 0}, d.labels());
        assertArrayEquals(new float[] {0, 85 / 255f, 170 / 255f, 1}, d.get(1).image().toFloatArray());
    }

    @Test
    void aTestSetIsThereWhenEitherOfItsFilesIs() throws IOException {
        write("train-images-idx3-ubyte", images());
        write("train-labels-idx1-ubyte", labels());
        assertFalse(Mnist.hasTestSet(dir), "training files only");
        write("t10k-labels-idx1-ubyte.gz", gzip(labels()));
        assertTrue(Mnist.hasTestSet(dir), "half a test set counts, so that loading it names the missing half");
        assertEquals(dir + ": missing t10k-images-idx3-ubyte[.gz]",
                assertThrows(NoSuchFileException.class, () -> Mnist.load(dir, false)).getMessage());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotItsName() throws IOException {
        Path images = write("images.idx", gzip(images()));
        Path labels = write("labels.idx", labels());
        assertEquals(3, Mnist.load(images, labels).size());
    }

    @Test
    void aDirectoryWithoutTheFilesListsWhatIsMissing() throws IOException {
        write("train-labels-idx1-ubyte.gz", gzip(labels()));
        write("t10k-images-idx3-ubyte", images());
        NoSuchFileException train = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir, true));
        assertEquals(dir + ": missing train-images-idx3-ubyte[.gz]", train.getMessage());
        NoSuchFileException test = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir, false));
        assertEquals(dir + ": missing t10k-labels-idx1-ubyte[.gz]", test.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        NoSuchFileException both = assertThrows(NoSuchFileException.class, () -> Mnist.load(empty, true));
        assertEquals(empty + ": missing train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]", both.getMessage());
        NoSuchFileException absent = assertThrows(NoSuchFileException.class, () -> Mnist.load(dir.resolve("nope"), true));
        assertEquals(dir.resolve("nope") + ": not a directory; expected one holding train-images-idx3-ubyte and"
                + " train-labels-idx1-ubyte (plain or .gz)", absent.getMessage());
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path images = write("train-images-idx3-ubyte", labels());
        write("train-labels-idx1-ubyte", labels());
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(dir, true));
        assertEquals(images, e.file());
        assertEquals(images + ": wrong magic number 0x00000801, expected 0x00000803 (IDX, unsigned bytes, 3 dims)",
                e.getMessage());
    }

    @Test
    void truncatedDataIsNamed() throws IOException {
        byte[] whole = images();
        Path images = write("train-images-idx3-ubyte", Arrays.copyOf(whole, whole.length - 5));
        write("train-labels-idx1-ubyte", labels());
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(dir, true));
        assertEquals(images + ": truncated data: the header promises [3, 2, 2] = 12 bytes, but only 7 follow it",
                e.getMessage());
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        Path shortMagic = write("a", new byte[] {0, 0, 8});
        assertEquals(shortMagic + ": truncated IDX header: 3 bytes, the magic number alone takes 4",
                assertThrows(DataFileException.class, () -> IdxFile.read(shortMagic, 1)).getMessage());
        Path shortDims = write("b", Arrays.copyOf(images(), 10));
        assertEquals(shortDims + ": truncated IDX header: 10 bytes, 3 dims need 16",
                assertThrows(DataFileException.class, () -> IdxFile.read(shortDims, 3)).getMessage());
    }

    @Test
    void bytesAfterTheDataAreNamed() throws IOException {
        Path labels = write("labels", Arrays.copyOf(labels(), labels().length + 2));
        assertEquals(labels + ": 2 unexpected bytes after the 3 bytes of data promised by the header [3]",
                assertThrows(DataFileException.class, () -> IdxFile.read(labels, 1)).getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = write("train-images-idx3-ubyte", images());
        Path labels = write("train-labels-idx1-ubyte", idx(new int[] {2}, new byte[] {1, 2}));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(dir, true));
        assertEquals(labels + ": 2 labels, but " + images + " has 3 images", e.getMessage());
    }

    @Test
    void mnistLabelsMustBeDigits() throws IOException {
        write("train-images-idx3-ubyte", images());
        Path labels = write("train-labels-idx1-ubyte", idx(new int[] {3}, new byte[] {1, 10, 2}));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(dir, true));
        assertEquals(labels + ": label 10 of example 1 is outside 0..9", e.getMessage());
        // The generic pair loader accepts any byte label (EMNIST and others have more classes).
        assertEquals(10, Mnist.load(dir.resolve("train-images-idx3-ubyte"), labels).label(1));
    }

    @Test
    void brokenGzipIsNamed() throws IOException {
        byte[] gz = gzip(images());
        Path images = write("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxFile.read(images, 3));
        assertEquals(images, e.file());
        assertTrue(e.getMessage().startsWith(images + ": corrupt or truncated gzip data"), e.getMessage());

        Path notGzip = write("labels.gz", labels());
        assertEquals(notGzip + ": the name ends in .gz but the file does not start with the gzip magic bytes 1f 8b",
                assertThrows(DataFileException.class, () -> IdxFile.read(notGzip, 1)).getMessage());
    }
}
