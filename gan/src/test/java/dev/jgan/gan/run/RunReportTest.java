package dev.jgan.gan.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]*)\"");

    static List<String> imageSources(String html) {
        return IMG.matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void epochGridsAppearInEpochOrderWithCaptions(@TempDir Path tmp) throws Exception {
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(2, 1000, 1, 999), 8);
        String html = RunReport.render(dir);
        assertEquals(List.of("samples.png", "samples/epoch_001.png", "samples/epoch_002.png", "samples/epoch_999.png",
                "samples/epoch_1000.png", "losses.png", "probabilities.png"), imageSources(html));
        assertTrue(html.contains("<figcaption>epoch 1000</figcaption>"), html);
        assertTrue(html.contains("The latest samples after epoch 1000"), html);
        assertTrue(html.contains("<title>mlp GAN on digits: run report</title>"), html);
    }

    @Test
    void textFromTheRunDirectoryIsEscaped(@TempDir Path tmp) throws Exception {
        String hostile = "<script>alert('x')</script> & \"co\"";
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), hostile, List.of(1), 3);
        String html = RunReport.render(dir);
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"), html);
    }

    @Test
    void summaryNumbersAreShownAndOneFromAnEarlierSessionIsLabelled(@TempDir Path tmp) throws Exception {
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(1, 2), 14);
        FakeRunDirectory.summary(dir, 14);
        String current = RunReport.render(dir);
        assertTrue(current.contains("<tr><th>secondsPerEpoch</th><td>1.235</td></tr>"), current);
        assertTrue(current.contains("<tr><th>lastEpochGLoss</th><td>NaN</td></tr>"), current);
        assertFalse(current.contains("earlier session"), current);

        FakeRunDirectory.summary(dir, 7);
        String stale = RunReport.render(dir);
        assertTrue(stale.contains("from an earlier session of the run, which stopped at step 7; 14 steps are logged now"),
                stale);
    }

    @Test
    void aRunWithoutSummaryOrMetricsSaysSoAndHasNoMetricsSection(@TempDir Path tmp) throws Exception {
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(1), 7);
        String html = RunReport.render(dir);
        assertTrue(html.contains("No summary.json yet"), html);
        assertTrue(html.contains("epoch 1 of 1 done, 7 steps logged"), html);
        assertFalse(html.contains("id=\"metrics\""), html);
    }

    @Test
    void metricsJsonBecomesATableWithItsNeighboursPicture(@TempDir Path tmp) throws Exception {
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(1), 7);
        Files.writeString(dir.resolve(RunDirectory.EVALUATION), "{\"fid\": {\"value\": 3.5, \"floor\": 1.0, \"ceiling\": 90}}");
        Files.copy(dir.resolve(RunDirectory.LATEST_SAMPLES), dir.resolve(RunDirectory.EVALUATION_NEIGHBOURS));
        String html = RunReport.render(dir);
        assertTrue(html.contains("<thead><tr><th></th><th>value</th><th>floor</th><th>ceiling</th></tr></thead>"), html);
        assertTrue(html.contains("<tr><th>fid</th><td>3.500</td><td>1.000</td><td>90</td></tr>"), html);
        assertTrue(imageSources(html).contains(RunDirectory.EVALUATION_NEIGHBOURS), html);
    }

    @Test
    void unreadableMetricsAreNamedOnThePageRatherThanFatal(@TempDir Path tmp) throws Exception {
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(1), 7);
        Files.writeString(dir.resolve(RunDirectory.EVALUATION), "{\"fid\": ");
        String html = RunReport.render(dir);
        Matcher m = Pattern.compile("<p class=\"problem\">([^<]*)</p>").matcher(html);
        assertTrue(m.find(), html);
        assertTrue(m.group(1).startsWith("metrics.json could not be shown: ") && m.group(1).contains("not valid JSON"),
                m.group(1));
    }

    @Test
    void writeReplacesTheReportAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(1), 7);
        RunReport.write(dir);
        FakeRunDirectory.summary(dir, 7);
        Path file = RunReport.write(dir);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("<th>secondsPerEpoch</th>"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
        }
    }

    @Test
    void aDirectoryWithoutConfigIsNotARun(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunReport.write(tmp));
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }
}
