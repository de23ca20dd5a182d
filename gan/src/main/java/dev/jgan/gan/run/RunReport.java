package dev.jgan.gan.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jgan.nn.io.AtomicFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static dev.jgan.gan.run.RunDirectory.CHECKPOINT;
import static dev.jgan.gan.run.RunDirectory.CONFIG;
import static dev.jgan.gan.run.RunDirectory.EPOCH_GRID;
import static dev.jgan.gan.run.RunDirectory.EVALUATION;
import static dev.jgan.gan.run.RunDirectory.EVALUATION_NEIGHBOURS;
import static dev.jgan.gan.run.RunDirectory.LATEST_SAMPLES;
import static dev.jgan.gan.run.RunDirectory.LOSSES_CHART;
import static dev.jgan.gan.run.RunDirectory.METRICS;
import static dev.jgan.gan.run.RunDirectory.PROBABILITIES_CHART;
import static dev.jgan.gan.run.RunDirectory.REPORT;
import static dev.jgan.gan.run.RunDirectory.SAMPLES;
import static dev.jgan.gan.run.RunDirectory.SUMMARY;

/**
 * report.html in a run's directory: one static page that shows the run with no server and no
 * network. It holds the title (model, data, date), the latest samples and the fixed-noise grid of
 * every epoch, the loss and D(x)/D(G(z)) charts, summary.json's numbers, metrics.json when an
 * evaluation has written one, and the configuration. Pictures are referenced by relative path, so
 * the page works wherever the directory goes; its CSS and its small self-check script are inline,
 * and a Content-Security-Policy that admits only those two (by hash) and local pictures makes
 * "offline" a property the browser enforces rather than a promise.
 */
public final class RunReport {
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    /** Summary and metrics may hold NaN (a loss that was never computed); Jackson writes it bare. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final StringBuilder out = new StringBuilder();

    private RunReport(Path dir) {
        this.dir = dir;
    }

    /** Writes (or rewrites) report.html in {@code dir} atomically, so a browser reloading it never sees half a page. */
    public static Path write(Path dir) throws IOException {
        Path file = dir.resolve(REPORT);
        byte[] page = render(dir).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(page));
        return file;
    }

    static String render(Path dir) throws IOException {
        return new RunReport(dir).page();
    }

    private String page() throws IOException {
        Path configFile = dir.resolve(CONFIG);
        if (!Files.exists(configFile)) {
            throw new IllegalArgumentException("report: " + dir + " has no " + CONFIG + "; not a run directory");
        }
        JsonNode config = readJson(configFile);
        String title = text(config, "model", "GAN") + " GAN on " + text(config, "data", "unknown data");
        List<MetricsLog.Row> log = Files.exists(dir.resolve(METRICS))
                ? MetricsLog.read(dir.resolve(METRICS)) : List.of();
        long loggedSteps = log.isEmpty() ? 0 : log.get(log.size() - 1).step() + 1;

        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file: data:;")
                .append(" style-src '").append(sha256(CSS)).append("'; script-src '").append(sha256(SCRIPT)).append("'\">\n")
                .append("<title>").append(escape(title)).append(": run report</title>\n")
                .append("<style>").append(CSS).append("</style>\n")
                .append("<script>").append(SCRIPT).append("</script>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"meta\">run ").append(escape(dir.toAbsolutePath().getFileName().toString()))
                .append(" &middot; started ").append(DATE.format(Files.getLastModifiedTime(configFile).toInstant()))
                .append(" &middot; report written ").append(DATE.format(Instant.now())).append("</p>\n");
        if (!log.isEmpty()) {
            int epochsDone = log.get(log.size() - 1).epoch() + 1;
            out.append("<p class=\"status\">epoch ").append(epochsDone)
                    .append(config.has("epochs") ? " of " + escape(config.get("epochs").asText()) : "")
                    .append(" done, ").append(loggedSteps).append(" steps logged</p>\n");
        }
        out.append("</header>\n");
        samples();
        charts();
        summary(loggedSteps);
        metrics();
        configuration(config);
        files();
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void samples() throws IOException {
        List<Path> grids = epochGrids();
        out.append("<section id=\"samples\">\n<h2>Samples</h2>\n");
        if (Files.exists(dir.resolve(LATEST_SAMPLES))) {
            String after = grids.isEmpty() ? "" : " after epoch " + epochOf(grids.get(grids.size() - 1));
            figure("latest", LATEST_SAMPLES, "latest samples", "The latest samples" + after
                    + ", from the same fixed noise as every grid below.");
        } else {
            out.append("<p class=\"note\">No samples yet: the run writes them at the end of each epoch.</p>\n");
        }
        if (!grids.isEmpty()) {
            out.append("<h3>Over time</h3>\n<div class=\"grids\">\n");
            for (Path grid : grids) {
                String caption = "epoch " + epochOf(grid);
                figure("grid", SAMPLES + "/" + grid.getFileName(), "samples after " + caption, caption);
            }
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    /** The per-epoch grids in epoch order: by number, because epoch_1000 sorts before epoch_999 by name. */
    private List<Path> epochGrids() throws IOException {
        Path samples = dir.resolve(SAMPLES);
        if (!Files.isDirectory(samples)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(samples)) {
            return files.filter(p -> EPOCH_GRID.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(RunReport::epochOf)).toList();
        }
    }

    private static long epochOf(Path grid) {
        Matcher m = EPOCH_GRID.matcher(grid.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("report: " + grid + " is not an epoch grid");
        }
        return Long.parseLong(m.group(1));
    }

    private void charts() {
        out.append("<section id=\"curves\">\n<h2>Training curves</h2>\n");
        boolean any = false;
        for (String[] chart : new String[][]{
                {LOSSES_CHART, "D and G losses per step", "Discriminator and generator loss at every step."},
                {PROBABILITIES_CHART, "D(x) and D(G(z)) per step",
                        "The discriminator's mean output on real (D(x)) and generated (D(G(z))) images; at the"
                                + " equilibrium of the GAN game both are 0.5."}}) {
            if (Files.exists(dir.resolve(chart[0]))) {
                figure("chart", chart[0], chart[1], chart[2]);
                any = true;
            }
        }
        if (!any) {
            out.append("<p class=\"note\">No charts yet: the run draws them at the end of each epoch.</p>\n");
        }
        out.append("</section>\n");
    }

    private void summary(long loggedSteps) throws IOException {
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        Path file = dir.resolve(SUMMARY);
        if (!Files.exists(file)) {
            out.append("<p class=\"note\">No ").append(SUMMARY)
                    .append(" yet: the run writes it when it finishes.</p>\n</section>\n");
            return;
        }
        JsonNode summary = readJson(file);
        long steps = summary.path("steps").asLong(-1);
        if (steps != loggedSteps) {
            out.append("<p class=\"note\">This ").append(SUMMARY).append(" is from an earlier session of")
                    .append(" the run, which stopped at step ").append(steps).append("; ").append(loggedSteps)
                    .append(" steps are logged now.</p>\n");
        }
        List<String[]> rows = new ArrayList<>();
        summary.fields().forEachRemaining(e -> rows.add(new String[]{e.getKey(), MetricTable.cell(e.getValue())}));
        table(List.of("", "value"), rows);
        out.append("</section>\n");
    }

    private void metrics() throws IOException {
        Path file = dir.resolve(EVALUATION);
        if (!Files.exists(file)) {
            return;
        }
        out.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n");
        MetricTable metrics;
        try {
            metrics = MetricTable.of(readJson(file));
        } catch (IOException | IllegalArgumentException e) {
            // Another tool wrote this file; a report that names the problem beats a training run that dies of it.
            out.append("<p class=\"problem\">").append(escape(EVALUATION + " could not be shown: " + e.getMessage()))
                    .append("</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"note\">From ").append(EVALUATION).append(", written by an evaluation of this run.</p>\n");
        if (!metrics.notes().isEmpty()) {
            out.append("<p class=\"meta\">");
            String sep = "";
            for (Map.Entry<String, String> e : metrics.notes().entrySet()) {
                out.append(sep).append(escape(e.getKey())).append(": ").append(escape(e.getValue()));
                sep = " &middot; ";
            }
            out.append("</p>\n");
        }
        List<String> headings = new ArrayList<>();
        headings.add("");
        headings.addAll(metrics.columns());
        List<String[]> rows = new ArrayList<>();
        for (MetricTable.Row r : metrics.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(r.name());
            cells.addAll(r.cells());
            rows.add(cells.toArray(String[]::new));
        }
        table(headings, rows);
        if (Files.exists(dir.resolve(EVALUATION_NEIGHBOURS))) {
            figure("latest", EVALUATION_NEIGHBOURS, "samples and their nearest training images",
                    "Each row: a sample, then its nearest training images (pixel distance); copies would show here.");
        }
        out.append("</section>\n");
    }

    private void configuration(JsonNode config) {
        out.append("<section id=\"config\">\n<h2>Configuration</h2>\n<p class=\"note\">From ")
                .append(CONFIG).append(", which <code>--resume</code> reads back.</p>\n");
        List<String[]> rows = new ArrayList<>();
        config.fields().forEachRemaining(e -> rows.add(new String[]{e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()}));
        table(List.of("", "value"), rows);
        out.append("</section>\n");
    }

    private void files() {
        out.append("<footer>Files:");
        for (String name : List.of(CONFIG, METRICS, SUMMARY, EVALUATION,
                CHECKPOINT)) {
            if (Files.exists(dir.resolve(name))) {
                out.append(" <a href=\"").append(escape(name)).append("\">").append(escape(name)).append("</a>");
            }
        }
        out.append("</footer>\n");
    }

    private void figure(String cssClass, String src, String alt, String caption) {
        out.append("<figure class=\"").append(cssClass).append("\"><img src=\"").append(escape(src))
                .append("\" alt=\"").append(escape(alt)).append("\"><figcaption>").append(escape(caption))
                .append("</figcaption></figure>\n");
    }

    private void table(List<String> headings, List<String[]> rows) {
        out.append("<table>\n<thead><tr>");
        for (String h : headings) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String[] row : rows) {
            out.append("<tr><th>").append(escape(row[0])).append("</th>");
            for (int i = 1; i < row.length; i++) {
                out.append("<td>").append(escape(row[i])).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** Text for an element's content or a quoted attribute value. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String text(JsonNode node, String field, String absent) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? absent : v.asText();
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A CSP source expression for an inline element with exactly this content. */
    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = RunReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report: resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot read resource " + name, e);
        }
    }
}
