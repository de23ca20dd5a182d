package dev.jgan.gan.run;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer.StepOrder;
import dev.jgan.nn.io.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * JSON files of a run (config.json, summary.json, the config inside a checkpoint): written
 * atomically, read with errors that name the file and field. A config's model, loss, step
 * order, recipe and data are written as the command line spells them ({@code "dcgan"},
 * {@code "non-saturating"}, {@code "gan.py"}, {@code "digits"}) and parsed back by the same rules
 * as the flags.
 */
final class RunFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("run-config-names")
                    .addSerializer(ModelChoice.class, asText(ModelChoice::cliName))
                    .addDeserializer(ModelChoice.class, fromText(ModelChoice.class, ModelChoice::parse))
                    .addSerializer(GanLoss.class, asText(GanLoss::flag))
                    .addDeserializer(GanLoss.class, fromText(GanLoss.class, GanLoss::parse))
                    .addSerializer(StepOrder.class, asText(StepOrder::flag))
                    .addDeserializer(StepOrder.class, fromText(StepOrder.class, StepOrder::parse))
                    .addSerializer(Recipe.class, asText(Recipe::cliName))
                    .addDeserializer(Recipe.class, fromText(Recipe.class, Recipe::parse))
                    .addSerializer(DataSource.class, asText(DataSource::name))
                    .addDeserializer(DataSource.class, fromText(DataSource.class, DataSource::parse)));

    private RunFiles() {
    }

    static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    static <T> T readJson(Path file, Class<T> type) throws IOException {
        return readJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8), type);
    }

    /** {@code text} as a {@code type}; {@code where} (a file, or a file and a field) starts every error. */
    static <T> T readJson(String where, String text, Class<T> type) throws IOException {
        if (text.isBlank()) {
            throw new IOException(where + ": is empty; expected " + expected(type));
        }
        try {
            return JSON.readValue(text, type);
        } catch (ValueInstantiationException e) {
            // The record's own check refused a value: its message names the setting.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(where + ": " + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new IOException(where + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage()
                    + "; expected " + expected(type), e);
        } catch (JsonProcessingException e) {
            throw new IOException(where + ": not valid JSON (" + e.getOriginalMessage() + ", line "
                    + e.getLocation().getLineNr() + ")" + "; expected " + expected(type), e);
        }
    }

    private static <T> JsonSerializer<T> asText(Function<T, String> name) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(name.apply(value));
            }
        };
    }

    /** Reads a name with {@code parse}; its IllegalArgumentException becomes an error naming the field. */
    private static <T> JsonDeserializer<T> fromText(Class<T> type, Function<String, T> parse) {
        return new StdScalarDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
                String text = in.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(in, e.getMessage(), e);
                }
            }
        };
    }

    private static String expected(Class<?> type) {
        return type == RunConfig.class ? "a run's config, as gan train writes it" : "a JSON " + type.getSimpleName();
    }
}
