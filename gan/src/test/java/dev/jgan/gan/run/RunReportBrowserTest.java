package dev.jgan.gan.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report as a browser shows it: Debian's headless Chromium opens report.html from disk, the
 * page's own script leaves its verdict (every picture loaded, no script errors) on {@code <body>},
 * and a screenshot shows it drew. Skipped, with the package named, where Chromium is absent.
 */
class RunReportBrowserTest {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 2600;

    private static String bodyAttribute(String dom, String name) {
        // After </head>: the inline script's text may mention the body element too.
        Matcher body = Pattern.compile("</head>\\s*<body([^>]*)>").matcher(dom);
        assertTrue(body.find(), "no <body> after </head> in the dumped DOM:\n" + dom);
        Matcher attr = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(body.group(1));
        assertTrue(attr.find(), "<body> has no " + name + " (did the page's script run?): <body" + body.group(1) + ">");
        return attr.group(1);
    }

    /**
     * TrainingRunTest's one-epoch run at batch 512 (3 steps instead of 7). Edited as config.json
     * would be, so that this test keeps compiling whatever fields RunConfig gains.
     */
    private static RunConfig tinyRun() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.valueToTree(TrainingRunTest.config(1));
        return json.treeToValue(config.put("batchSize", 512), RunConfig.class);
    }

    @Test
    void aTrainedRunsReportShowsEveryPictureOfflineWithoutErrors(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.orSkip(tmp);
        Path dir = tmp.resolve("run");
        assertEquals(3, TrainingRun.start(tinyRun(), dir).run(ProgressListener.SILENT).steps());
        assertTrue(Files.size(dir.resolve(RunDirectory.REPORT)) > 0, "the run wrote no " + RunDirectory.REPORT);
        // A metric name that would become an element, and run a script, if the report did not escape it.
        String hostile = "<img src=x onerror=console.error(1)>";
        Files.writeString(dir.resolve(RunDirectory.EVALUATION), "{\"fid\": {\"value\": 12.5, \"floor\": 1.25,"
                + " \"ceiling\": 250.0}, \"" + hostile + "\": {\"value\": 0.5}}");
        Path page = RunReport.write(dir);

        HeadlessChromium.Rendered rendered = chromium.dumpDom(page);
        assertEquals("true", bodyAttribute(rendered.dom(), "data-images-ok"),
                "pictures that did not load: " + bodyAttribute(rendered.dom(), "data-broken-images"));
        assertEquals("", bodyAttribute(rendered.dom(), "data-errors"));
        assertEquals(List.of(), rendered.consoleLines(), "the page wrote to the console");
        assertEquals(List.of("samples.png", "samples/epoch_001.png", "losses.png", "probabilities.png"),
                RunReportTest.imageSources(rendered.dom()));
        assertTrue(rendered.dom().contains("<th>&lt;img src=x onerror=console.error(1)&gt;</th>"),
                "the hostile metric name is not shown as text");

        Path png = tmp.resolve("report.png");
        chromium.screenshot(page, png, WIDTH, HEIGHT);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(WIDTH, shot.getWidth());
        assertEquals(HEIGHT, shot.getHeight());
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < shot.getHeight(); y += 2) {
            for (int x = 0; x < shot.getWidth(); x += 2) {
                int rgb = shot.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        double inkedShare = inked / (double) (shot.getWidth() / 2 * (shot.getHeight() / 2));
        // Text alone is ~1-3% ink in few greys; the sample grids and the two charts add far more, in colour.
        assertTrue(colours.size() > 200 && inkedShare > 0.1,
                "the screenshot looks empty: " + colours.size() + " colours, " + inkedShare + " of it not white; " + png);
    }

    @Test
    void aPictureMissingFromTheDirectoryIsReportedByThePage(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.orSkip(tmp);
        Path dir = FakeRunDirectory.create(tmp.resolve("run"), "digits", List.of(1, 2), 14);
        Path page = RunReport.write(dir);
        Files.delete(dir.resolve("samples/epoch_002.png"));

        String dom = chromium.dumpDom(page).dom();
        assertEquals("false", bodyAttribute(dom, "data-images-ok"));
        assertEquals("samples/epoch_002.png", bodyAttribute(dom, "data-broken-images"));
        assertTrue(dom.contains("<p class=\"broken\">Pictures missing"), dom);
    }
}
