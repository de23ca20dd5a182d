package dev.jgan.nn.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jgan.core.DType;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files (see {@link SafeTensorsFormat}) that PyTorch's safetensors reads.
 *
 * <p>Writes are atomic ({@link AtomicFile}): a crash mid-save leaves the previous file intact
 * rather than a truncated one.
 */
public final class SafeTensorsWriter {
    private SafeTensorsWriter() {
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes the tensors (any device, any layout) with header entries in the map's order. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        for (String name : tensors.keySet()) {
            if (name.isEmpty() || name.equals(SafeTensorsFormat.METADATA_KEY)) {
                throw new IllegalArgumentException(file + ": cannot save a tensor named '" + name + "'");
            }
        }
        // The data is laid out widest dtype first (as the reference writer does) so that every
        // tensor starts aligned to its element size; the header keeps the caller's order.
        List<Map.Entry<String, Tensor>> layout = new ArrayList<>(tensors.entrySet());
        layout.sort(Comparator.comparingInt((Map.Entry<String, Tensor> e) -> -e.getValue().dtype().bytes()));
        ObjectNode header = SafeTensorsFormat.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(SafeTensorsFormat.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        for (String name : tensors.keySet()) {
            header.putObject(name);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : layout) {
            Tensor t = e.getValue();
            ObjectNode entry = (ObjectNode) header.get(e.getKey());
            entry.put("dtype", SafeTensorsFormat.code(t.dtype()));
            ArrayNode shape = entry.putArray("shape");
            for (int s : t.shape()) {
                shape.add(s);
            }
            long bytes = (long) t.numel() * t.dtype().bytes();
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": tensor '" + e.getKey() + "' has " + bytes
                        + " bytes, more than one Java array can hold");
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = SafeTensorsFormat.JSON.writeValueAsBytes(header);
        int padded = (json.length + SafeTensorsFormat.ALIGNMENT - 1) / SafeTensorsFormat.ALIGNMENT * SafeTensorsFormat.ALIGNMENT;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }

        AtomicFile.write(file, out -> {
            out.write(head.array());
            for (Map.Entry<String, Tensor> e : layout) {
                out.write(littleEndianBytes(e.getValue()).array());
            }
        });
    }

    private static ByteBuffer littleEndianBytes(Tensor t) {
        ByteBuffer buffer = ByteBuffer.allocate(t.numel() * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.FLOAT32) {
            buffer.asFloatBuffer().put(t.toFloatArray());
        } else {
            buffer.asDoubleBuffer().put(t.toDoubleArray());
        }
        return buffer;
    }
}
