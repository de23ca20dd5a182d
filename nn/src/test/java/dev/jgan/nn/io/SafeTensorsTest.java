package dev.jgan.nn.io;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.arange(6).reshape(2, 3));
        tensors.put("d", Tensor.fromArray(new double[]{Math.PI, -Math.E, 1e-300}, 3));
        tensors.put("transposed", Tensor.arange(6).reshape(2, 3).t());
        tensors.put("scalar", Tensor.scalar(2.5));
        tensors.put("empty", Tensor.zeros(0, 4));
        return tensors;
    }

    @Test
    void roundTripKeepsNamesOrderShapesDtypesValuesAndMetadata() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        Map<String, Tensor> tensors = sample();
        SafeTensorsWriter.write(file, tensors, Map.of("epoch", "3", "note", "ünïcode \"quoted\""));
        SafeTensorsFile read = SafeTensorsReader.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor back = read.tensors().get(e.getKey());
            assertEquals(e.getValue().dtype(), back.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
            assertArrayEquals(e.getValue().toDoubleArray(), back.toDoubleArray(), e.getKey());
        }
        assertEquals(Map.of("epoch", "3", "note", "ünïcode \"quoted\""), read.metadata());
    }

    @Test
    void dataStartsAlignedWithTheWidestDtypeFirst() throws IOException {
        Path file = dir.resolve("aligned.safetensors");
        SafeTensorsWriter.write(file, sample());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"d\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}"), header);
        assertEquals(-Math.E, bytes.getDouble((int) (8 + headerLength) + 8));
    }

    @Test
    void writingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensorsWriter.write(file, Map.of("a", Tensor.ones(2)));
        SafeTensorsWriter.write(file, Map.of("b", Tensor.zeros(3)));
        assertEquals(List.of("b"), List.copyOf(SafeTensorsReader.read(file).tensors().keySet()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAloneAndCleansUp() throws IOException {
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        assertThrows(IOException.class, () -> SafeTensorsWriter.write(target, Map.of("a", Tensor.ones(2))));
        assertEquals("x", Files.readString(target.resolve("keep.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "the temporary file is removed");
        }
    }

    @Test
    void reservedOrEmptyNamesAreRefused() {
        Path file = dir.resolve("x.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensorsWriter.write(file, Map.of("__metadata__", Tensor.ones(1))));
        assertEquals(file + ": cannot save a tensor named '__metadata__'", e.getMessage());
    }

    // ---------------- malformed files ----------------

    /** A file with this header (unpadded) and these data bytes. */
    private Path file(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private static String readError(Path file) {
        return assertThrows(IOException.class, () -> SafeTensorsReader.read(file)).getMessage();
    }

    @Test
    void fileShorterThanTheLengthFieldIsTruncated() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[]{1, 2, 3});
        assertEquals(file + ": truncated: 3 bytes, fewer than the 8 that give the header length", readError(file));
    }

    @Test
    void headerLongerThanTheFileIsTruncated() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        Files.write(file, Arrays.copyOf(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(50).array(), 20));
        assertEquals(file + ": truncated: the header should be 50 bytes, but only 12 follow the length field", readError(file));
    }

    @Test
    void absurdHeaderLengthMeansNotASafetensorsFile() throws IOException {
        Path file = dir.resolve("text.safetensors");
        Files.writeString(file, "hello, world! this is text");
        assertTrue(readError(file).startsWith(file + ": bad header: its length field says "), readError(file));
    }

    @Test
    void missingDataIsTruncated() throws IOException {
        Path file = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 12);
        assertEquals(file + ": truncated: the header describes 16 bytes of tensor data, but only 12 follow it", readError(file));
    }

    @Test
    void realFileCutShortIsTruncated() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        SafeTensorsWriter.write(whole, sample());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
        assertTrue(readError(cut).startsWith(cut + ": truncated: the header describes "), readError(cut));
    }

    @Test
    void invalidJsonIsABadHeader() throws IOException {
        Path file = file("{\"a\": [1, 2", 0);
        assertTrue(readError(file).startsWith(file + ": bad header: not valid JSON ("), readError(file));
        Path notObject = file("[1, 2]", 0);
        assertEquals(notObject + ": bad header: expected a JSON object of tensors, got ARRAY", readError(notObject));
        Path duplicate = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]}}", 8);
        assertTrue(readError(duplicate).contains("Duplicate field 'a'"), readError(duplicate));
    }

    @Test
    void unsupportedDtypeIsNamed() throws IOException {
        Path file = file("{\"step\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}", 8);
        assertEquals(file + ": wrong dtype: tensor 'step' is I64; only F32 and F64 can be read (convert it to float32 before"
                + " saving)", readError(file));
    }

    @Test
    void offsetsThatDisagreeWithTheShapeAreRefused() throws IOException {
        Path file = file("{\"a\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,12]}}", 12);
        assertEquals(file + ": bad header: tensor 'a' of shape [3] and dtype F64 needs 24 bytes, but its data_offsets"
                + " [0, 12] span 12", readError(file));
        Path negative = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4);
        assertEquals(negative + ": bad header: tensor 'a' has shape [-1]; sizes must be non-negative ints", readError(negative));
        Path backwards = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4);
        assertEquals(backwards + ": bad header: tensor 'a' has data_offsets [4,0]; expected [begin, end] with 0 <= begin <= end",
                readError(backwards));
    }

    @Test
    void gapsOverlapsAndTrailingBytesAreRefused() throws IOException {
        Path gap = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertEquals(gap + ": bad header: tensor 'a' starts at data byte 4, but the tensors before it end at 0 (tensors must"
                + " not overlap or leave gaps)", readError(gap));
        Path overlap = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        assertTrue(readError(overlap).contains("tensor 'b' starts at data byte 4, but the tensors before it end at 8"),
                readError(overlap));
        Path trailing = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 9);
        assertEquals(trailing + ": bad layout: 5 bytes after the last tensor belong to no tensor", readError(trailing));
    }

    @Test
    void metadataMustBeStrings() throws IOException {
        Path file = file("{\"__metadata__\":{\"epoch\":3}}", 0);
        assertEquals(file + ": bad header: metadata 'epoch' is NUMBER, not a string", readError(file));
    }

    @Test
    void emptyHeaderIsAnEmptyFile() throws IOException {
        SafeTensorsFile read = SafeTensorsReader.read(file("{}", 0));
        assertTrue(read.tensors().isEmpty() && read.metadata().isEmpty());
    }

    @Test
    void float64SurvivesBitForBit() throws IOException {
        Path file = dir.resolve("f64.safetensors");
        double[] values = {Double.MIN_VALUE, -0.0, 1.0 / 3, Double.MAX_VALUE};
        SafeTensorsWriter.write(file, Map.of("x", Tensor.fromArray(values, 4)));
        Tensor back = SafeTensorsReader.read(file).tensors().get("x");
        assertEquals(DType.FLOAT64, back.dtype());
        assertArrayEquals(values, back.toDoubleArray());
    }
}
