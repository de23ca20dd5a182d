package dev.jgan.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files (see {@link SafeTensorsFormat}) of F32 and F64 tensors, checking the
 * whole layout before reading any data: a truncated or corrupt file fails with an
 * {@link IOException} that names the file and what is wrong, never with garbage weights.
 */
public final class SafeTensorsReader {
    private SafeTensorsReader() {
    }

    /** One tensor's header entry. */
    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw problem(file, "truncated: " + size + " bytes, fewer than the 8 that give the header length");
            }
            long headerLength = readBytes(file, channel, 0, 8).getLong();
            if (headerLength < 0 || headerLength > SafeTensorsFormat.MAX_HEADER_BYTES) {
                throw problem(file, "bad header: its length field says " + Long.toUnsignedString(headerLength)
                        + " bytes, more than the " + SafeTensorsFormat.MAX_HEADER_BYTES + " allowed; not a safetensors file?");
            }
            if (headerLength > size - 8) {
                throw problem(file, "truncated: the header should be " + headerLength + " bytes, but only "
                        + (size - 8) + " follow the length field");
            }
            ByteBuffer headerBytes = readBytes(file, channel, 8, (int) headerLength);
            String headerText = StandardCharsets.UTF_8.decode(headerBytes).toString();
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(file, headerText, metadata);
            long dataStart = 8 + headerLength;
            checkLayout(file, entries, size - dataStart);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = readBytes(file, channel, dataStart + e.begin, (int) (e.end - e.begin));
                tensors.put(e.name, toTensor(e, data));
            }
            return new SafeTensorsFile(tensors, metadata);
        }
    }

    private static List<Entry> parseHeader(Path file, String text, Map<String, String> metadata) throws IOException {
        JsonNode root;
        try {
            root = SafeTensorsFormat.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw problem(file, "bad header: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw problem(file, "bad header: expected a JSON object of tensors, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(SafeTensorsFormat.METADATA_KEY)) {
                parseMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue()));
            }
        }
        return entries;
    }

    private static void parseMetadata(Path file, JsonNode node, Map<String, String> metadata) throws IOException {
        if (!node.isObject()) {
            throw problem(file, "bad header: " + SafeTensorsFormat.METADATA_KEY + " must be an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw problem(file, "bad header: metadata '" + field.getKey() + "' is " + field.getValue().getNodeType()
                        + ", not a string");
            }
            metadata.put(field.getKey(), field.getValue().asText());
        }
    }

    private static Entry parseEntry(Path file, String name, JsonNode node) throws IOException {
        String where = "bad header: tensor '" + name + "'";
        if (!node.isObject()) {
            throw problem(file, where + " must be an object with dtype, shape and data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw problem(file, where + " has no dtype string");
        }
        DType dtype = SafeTensorsFormat.dtype(dtypeNode.asText());
        if (dtype == null) {
            throw problem(file, "wrong dtype: tensor '" + name + "' is " + dtypeNode.asText()
                    + "; only F32 and F64 can be read (convert it to float32 before saving)");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw problem(file, where + " has no shape array");
        }
        int[] shape = new int[shapeNode.size()];
        for (int d = 0; d < shape.length; d++) {
            JsonNode s = shapeNode.get(d);
            if (!s.canConvertToInt() || !s.isIntegralNumber() || s.asInt() < 0) {
                throw problem(file, where + " has shape " + shapeNode + "; sizes must be non-negative ints");
            }
            shape[d] = s.asInt();
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong() || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || offsets.get(0).asLong() < 0 || offsets.get(1).asLong() < offsets.get(0).asLong()) {
            throw problem(file, where + " has data_offsets " + offsets + "; expected [begin, end] with 0 <= begin <= end");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        long expected;
        try {
            expected = (long) Shape.numel(shape) * dtype.bytes();
        } catch (IllegalArgumentException e) {
            throw problem(file, where + " of shape " + Shape.format(shape) + " is too large: " + e.getMessage());
        }
        if (expected > Integer.MAX_VALUE) {
            throw problem(file, where + " of shape " + Shape.format(shape) + " has " + expected
                    + " bytes, more than one Java array can hold");
        }
        if (end - begin != expected) {
            throw problem(file, where + " of shape " + Shape.format(shape) + " and dtype " + dtypeNode.asText() + " needs "
                    + expected + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** The tensors must tile the data exactly, as the reference implementation requires. */
    private static void checkLayout(Path file, List<Entry> entries, long dataBytes) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long needed = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).end;
        if (needed > dataBytes) {
            throw problem(file, "truncated: the header describes " + needed + " bytes of tensor data, but only "
                    + dataBytes + " follow it");
        }
        long cursor = 0;
        for (Entry e : sorted) {
            if (e.begin != cursor) {
                throw problem(file, "bad header: tensor '" + e.name + "' starts at data byte " + e.begin + ", but the "
                        + "tensors before it end at " + cursor + " (tensors must not overlap or leave gaps)");
            }
            cursor = e.end;
        }
        if (cursor != dataBytes) {
            throw problem(file, "bad layout: " + (dataBytes - cursor) + " bytes after the last tensor belong to no tensor");
        }
    }

    private static Tensor toTensor(Entry e, ByteBuffer data) {
        data.order(ByteOrder.LITTLE_ENDIAN);
        if (e.dtype == DType.FLOAT32) {
            float[] values = new float[data.remaining() / 4];
            data.asFloatBuffer().get(values);
            return Tensor.fromArray(values, e.shape);
        }
        double[] values = new double[data.remaining() / 8];
        data.asDoubleBuffer().get(values);
        return Tensor.fromArray(values, e.shape);
    }

    /** Exactly {@code length} bytes at {@code position}, little-endian, ready to read. */
    private static ByteBuffer readBytes(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw problem(file, "truncated: the file ended at byte " + (position + buffer.position()) + " while reading");
            }
        }
        return buffer.flip();
    }

    static IOException problem(Path file, String what) {
        return new IOException(file + ": " + what);
    }
}
