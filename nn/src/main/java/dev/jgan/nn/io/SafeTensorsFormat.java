package dev.jgan.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jgan.core.DType;

/**
 * What the reader and the writer must agree on. The format (huggingface/safetensors): an
 * unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON, then the raw data.
 * The JSON maps each tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets":
 * [begin, end]}}, offsets in bytes from the start of the data; the optional key
 * {@code __metadata__} maps to an object of strings. Data is little-endian and row-major, and
 * the tensors tile the data with neither gaps nor overlaps.
 */
final class SafeTensorsFormat {
    static final String METADATA_KEY = "__metadata__";
    /** The reference implementation's limit: a larger header is a corrupt length, not a real header. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** The header is padded with spaces so that the data starts 8-byte aligned. */
    static final int ALIGNMENT = 8;

    /**
     * Duplicate names would silently drop a tensor and trailing text would be silently ignored,
     * so the parser rejects both.
     */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SafeTensorsFormat() {
    }

    static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
        };
    }

    /** The dtype for a code, or null for codes this engine has no dtype for (F16, I64, ...). */
    static DType dtype(String code) {
        return switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> null;
        };
    }
}
