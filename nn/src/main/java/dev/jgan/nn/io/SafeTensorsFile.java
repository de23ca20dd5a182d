package dev.jgan.nn.io;

import dev.jgan.core.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contents of a safetensors file: tensors by name, in header order, and the text metadata. */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
