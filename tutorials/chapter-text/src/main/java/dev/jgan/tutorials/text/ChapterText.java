package dev.jgan.tutorials.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A chapter's README read as a claim about its program. Each chapter's {@code ChapterTextTest}
 * runs these checks, so the text cannot drift from the code and the numbers the code prints.
 * Every failure names the README, the line and the rule it breaks.
 *
 * <ul>
 * <li><b>Quoted output</b> ({@code ```text}) must be printed by the program, verbatim
 * ({@link #assertQuotedOutputIsPrinted}); the text's sections ("## " headings) quote it in the
 * order the program prints it, and a numbered heading "== N. ..." only under the section "## N."
 * ({@link #assertQuotedOutputFollowsTheProgramsOrder}; for runs kept in files,
 * {@link #assertQuotesAreFromRecordedRuns}).
 * <li><b>Timings</b> and every other number that depends on the machine (durations, rates such as
 * s/step or GFLOP/s, speed-ups such as "3.7x faster", clock rates) appear only in blocks fenced
 * {@code ```text machine-dependent (MACHINE, YYYY-MM-DD)}: the fence names the machine and the
 * date of the measurement, e.g. {@code ```text machine-dependent (2-core Intel Xeon, AVX-512,
 * loaded, 2026-12-06)} ({@link #assertTimingsAreInDatedMachineDependentBlocks}). Their lines are
 * compared with printed lines once every number is blanked out
 * ({@link #assertMachineDependentLinesArePrinted}), or verbatim with a recorded run
 * ({@link #assertMachineDependentBlocksAreRecorded}). The one escape: prose may repeat a timing
 * whose number a dated machine-dependent block of the same text shows ("the loops took 168.8 ms"
 * beside the block that printed 168.8), so that a sentence can discuss a measurement it quotes.
 * A timing inside {@code `inline code`} is code, not a claim, and is not looked at. In a plain
 * ```text block, a unit standing alone as a column header ("seconds", "s/step") is a timing too.
 * <li><b>Quoted code</b> ({@code ```java}, {@code ```cuda}) is a contiguous run of lines of one
 * source file, indentation included once the block's and the run's common leading indentation
 * are removed, with its braces balanced ({@link #assertQuotedCodeIsIn}): whole blocks, not a
 * loop without its closing brace. A block that is not from the sources (an outline,
 * a loop written for the text) is fenced {@code ```java sketch} and is not compared; the prose
 * around it must say it is a sketch.
 * </ul>
 */
public final class ChapterText {
    /** The fence info string of quoted program output. */
    public static final String OUTPUT = "text";
    /**
     * The start of the fence info string of quoted output whose numbers vary between machines and
     * runs; the whole info string is {@code text machine-dependent (MACHINE, YYYY-MM-DD)}.
     */
    public static final String MACHINE_DEPENDENT = "text machine-dependent";
    /** The fence info string of quoted code. */
    public static final String CODE = "java";

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern DATED_MACHINE_DEPENDENT = Pattern.compile(
            Pattern.quote(MACHINE_DEPENDENT) + " \\((.*\\S.*), (\\d{4}-\\d{2}-\\d{2})\\)");
    /** A fence: three backticks at the start of a line, and the info string after them. */
    private static final Pattern FENCE = Pattern.compile("^```(.*)$");
    private static final Pattern SECTION = Pattern.compile("^## (\\d+)\\. .*");
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^== (\\d+)\\. .*");
    private static final Pattern LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    /**
     * A number with a unit of time or of speed, or a speed-up: what a test cannot repeat on
     * another machine. The number is group 1. Deliberately not matched: "7s" (plurals of
     * digits), "2 s^2" (a variable), "4x4" and "12 x 24" (shapes), "4x the input" (a size ratio).
     */
    static final Pattern TIMING = Pattern.compile(
            "(?<![\\w.])(\\d+(?:\\.\\d+)?)(?:"
                    + "\\s?(?:ns|µs|us|ms|GHz|MHz)\\b"
                    + "|\\s(?:s|sec|h|min)\\b(?![\\^(])"
                    + "|\\s?(?:milli|micro|nano)?(?:seconds?|minutes?|hours?)\\b"
                    + "|\\s?(?:[GMT]FLOP/s|[GMK]i?B/s|s/step|ms/step|steps?/s|images?/s)"
                    + "|\\s?(?:x|×|times)(?=\\s+(?:to\\s+\\d+(?:\\.\\d+)?\\s?(?:x|×|times)\\s+)?"
                    + "(?:faster|slower|less|more|quicker|as fast|as slow|as long)\\b"
                    + "|\\s+(?:\\S+\\s+){0,2}?(?:speed|time)\\b)"
                    + ")");

    /**
     * A unit of time or speed standing alone, as a table's column header does ("seconds",
     * "s/step"): in a block of quoted output it says that the numbers under it are timings.
     */
    static final Pattern TIME_COLUMN = Pattern.compile(
            "(?<![\\w/])(?:seconds|minutes|hours|s/step|s/epoch|ms/step|[GMT]FLOP/s)(?![\\w/])");

    private final Path readme;
    private final String text;
    private final List<Block> fenced;

    /** A fenced block: its info string, its contents, and the line of its opening fence (from 1). */
    public record Block(String info, String body, int line) {
        /** The contents' lines, the first at {@code line() + 1}. */
        public List<String> lines() {
            return body.isEmpty() ? List.of() : List.of(body.substring(0, body.length() - 1).split("\n", -1));
        }
    }

    private ChapterText(Path readme, String text) {
        this.readme = readme;
        this.text = text;
        this.fenced = parseBlocks(text);
    }

    /** The chapter README in the module's working directory, where Maven runs its tests. */
    public static ChapterText readme() {
        return of(Path.of("README.md"));
    }

    public static ChapterText of(Path readme) {
        try {
            return new ChapterText(readme, Files.readString(readme).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chapter text " + readme.toAbsolutePath(), e);
        }
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** The contents of the fenced blocks whose info string is exactly {@code info}. */
    public List<String> blocks(String info) {
        return blocksWithInfo(info).stream().map(Block::body).toList();
    }

    private List<Block> blocksWithInfo(String info) {
        return fenced.stream().filter(b -> b.info().equals(info)).toList();
    }

    /** The blocks fenced {@code ```text machine-dependent ...}, dated or not. */
    public List<Block> machineDependentBlocks() {
        return fenced.stream().filter(ChapterText::isMachineDependent).toList();
    }

    private static boolean isMachineDependent(Block b) {
        return b.info().equals(MACHINE_DEPENDENT) || b.info().startsWith(MACHINE_DEPENDENT + " ");
    }

    /**
     * Every ```text block appears verbatim in {@code printed}, and there are at least
     * {@code atLeast} of them (so that a README whose fences were renamed cannot pass by quoting
     * nothing).
     */
    public void assertQuotedOutputIsPrinted(String printed, int atLeast) {
        List<Block> blocks = blocksWithInfo(OUTPUT);
        assertTrue(blocks.size() >= atLeast, readme + ": expected at least " + atLeast + " quoted outputs, found "
                + blocks.size());
        for (Block block : blocks) {
            assertTrue(printed.contains(block.body()), where(block.line()) + " quotes output the program does not print:\n"
                    + block.body() + "\n--- the program printed:\n" + printed);
        }
    }

    /**
     * The text's sections ("## " headings) quote the program's output in the order the program
     * prints it: every ```text block of a section that {@code printed} contains is printed after
     * every such block of the sections before it (within a section the text may quote in any
     * order, and a later section may repeat part of an earlier quote to discuss it again); and a
     * quoted heading "== N. title" sits under the text's section "## N.". Blocks that
     * {@code printed} does not contain are left to {@link #assertQuotedOutputIsPrinted}; a
     * chapter whose quotes come from several runs calls this once per run.
     */
    public void assertQuotedOutputFollowsTheProgramsOrder(String printed) {
        assertQuotedOutputFollowsTheOrderOf(printed, "");
    }

    /** The order check on the quotes that {@code printed} holds and {@code otherRuns} do not. */
    private void assertQuotedOutputFollowsTheOrderOf(String printed, String otherRuns) {
        int sectionStart = 0;
        int sectionEnd = 0;
        int section = -1;
        Block latestOfEarlierSections = null;
        Block latestOfThisSection = null;
        List<String> earlierQuotes = new ArrayList<>();
        for (Block block : blocksWithInfo(OUTPUT)) {
            boolean repeatsAnEarlierQuote = earlierQuotes.stream().anyMatch(q -> q.contains(block.body()));
            earlierQuotes.add(block.body());
            if (!printed.contains(block.body()) || otherRuns.contains(block.body()) || repeatsAnEarlierQuote) {
                continue;
            }
            int blockSection = sectionOf(block.line());
            if (blockSection != section) {
                section = blockSection;
                sectionStart = sectionEnd;
                if (latestOfThisSection != null) {
                    latestOfEarlierSections = latestOfThisSection;
                }
            }
            int at = printed.indexOf(block.body(), sectionStart);
            if (at < 0) {
                fail(where(block.line()) + ": section order: this quote is printed before the quote at line "
                        + latestOfEarlierSections.line() + ", which an earlier section of the text quotes; the"
                        + " text's sections must follow the order in which the program prints them:\n" + block.body());
            }
            if (at + 1 > sectionEnd) {
                sectionEnd = at + 1;
                latestOfThisSection = block;
            }
        }
        assertNumberedHeadingsSitInTheirSections();
    }

    /** The number of "## " headings above the line: the text's section the line is in. */
    private int sectionOf(int line) {
        String[] lines = text.split("\n", -1);
        int sections = 0;
        String fence = null;
        for (int i = 0; i < line - 1 && i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).matches()) {
                fence = fence == null ? lines[i] : null;
            } else if (fence == null && lines[i].startsWith("## ")) {
                sections++;
            }
        }
        return sections;
    }

    private void assertNumberedHeadingsSitInTheirSections() {
        String section = null;
        int lineNumber = 0;
        String fence = null;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            Matcher f = FENCE.matcher(line);
            if (f.matches()) {
                fence = fence == null ? f.group(1).strip() : null;
                continue;
            }
            if (fence == null) {
                Matcher s = SECTION.matcher(line);
                if (s.matches()) {
                    section = s.group(1);
                } else if (line.startsWith("## ")) {
                    section = null;
                }
            } else if (fence.equals(OUTPUT) && section != null) {
                Matcher h = NUMBERED_HEADING.matcher(line);
                if (h.matches() && !h.group(1).equals(section)) {
                    fail(where(lineNumber) + ": section order: section " + section
                            + " quotes the program's heading of section " + h.group(1) + ": " + line);
                }
            }
        }
    }

    /**
     * Every machine-dependent block names the machine and the date of its measurement, and no
     * timing stands outside one (see the class comment for what counts as a timing, and for the
     * one escape: prose repeating a number that such a block of the text shows).
     */
    public void assertTimingsAreInDatedMachineDependentBlocks() {
        Set<String> quotedNumbers = new HashSet<>();
        for (Block block : machineDependentBlocks()) {
            assertTrue(DATED_MACHINE_DEPENDENT.matcher(block.info()).matches(), where(block.line())
                    + ": machine-dependent block without its machine and date: the fence must read ```"
                    + MACHINE_DEPENDENT + " (MACHINE, YYYY-MM-DD), found ```" + block.info());
            Matcher n = NUMBER.matcher(block.body());
            while (n.find()) {
                quotedNumbers.add(normalized(n.group()));
            }
        }
        int lineNumber = 0;
        Block inside = null;
        Map<Integer, Block> opening = new LinkedHashMap<>();
        fenced.forEach(b -> opening.put(b.line(), b));
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (inside != null) {
                if (FENCE.matcher(line).matches()) {
                    inside = null;
                } else if (!isMachineDependent(inside) && !isCode(inside)) {
                    Matcher t = TIMING.matcher(line);
                    Matcher c = TIME_COLUMN.matcher(line);
                    String found = t.find() ? t.group() : c.find() ? c.group() : null;
                    if (found != null) {
                        fail(where(lineNumber) + ": timing outside a machine-dependent block: \""
                                + found + "\" in a ```" + inside.info()
                                + " block; quote it in a ```" + MACHINE_DEPENDENT + " (MACHINE, YYYY-MM-DD) block: "
                                + line);
                    }
                }
                continue;
            }
            if (opening.containsKey(lineNumber)) {
                inside = opening.get(lineNumber);
                continue;
            }
            Matcher t = TIMING.matcher(INLINE_CODE.matcher(line).replaceAll("``"));
            while (t.find()) {
                assertTrue(quotedNumbers.contains(normalized(t.group(1))), where(lineNumber)
                        + ": timing outside a machine-dependent block: \"" + t.group() + "\"; quote it in a ```"
                        + MACHINE_DEPENDENT + " (MACHINE, YYYY-MM-DD) block (prose may only repeat a number"
                        + " such a block of this text shows): " + line);
            }
        }
    }

    /** The number as a value, so that prose may round "7.80" to "7.8" (not to "7.81"). */
    private static String normalized(String number) {
        return new BigDecimal(number).stripTrailingZeros().toPlainString();
    }

    /** Quoted source: its timings, if any, are code, checked against the sources instead. */
    private static boolean isCode(Block b) {
        return !b.info().isEmpty() && !b.info().startsWith("text") && !b.info().equals("console");
    }

    /**
     * Every line of every machine-dependent block is, numbers aside, a line of {@code printed};
     * there are exactly {@code expectedBlocks} such blocks.
     */
    public void assertMachineDependentLinesArePrinted(String printed, int expectedBlocks) {
        List<Block> blocks = machineDependentBlocks();
        assertTrue(blocks.size() == expectedBlocks, readme + ": expected " + expectedBlocks
                + " machine-dependent blocks, found " + blocks.size());
        Set<String> printedShapes = new HashSet<>();
        for (String line : printed.split("\n")) {
            printedShapes.add(blankNumbers(line));
        }
        for (Block block : blocks) {
            int lineNumber = block.line();
            for (String line : block.lines()) {
                lineNumber++;
                assertTrue(printedShapes.contains(blankNumbers(line)), where(lineNumber)
                        + " quotes a machine-dependent line the program does not print, numbers aside: " + line);
            }
        }
    }

    /**
     * Every line of every machine-dependent block is, verbatim, a line of {@code recorded}, the
     * kept output of the measured runs (their numbers cannot change, so nothing is blanked; a block
     * may gather lines that the run printed between others); there are exactly
     * {@code expectedBlocks} such blocks.
     */
    public void assertMachineDependentBlocksAreRecorded(String recorded, int expectedBlocks) {
        List<Block> blocks = machineDependentBlocks();
        assertTrue(blocks.size() == expectedBlocks, readme + ": expected " + expectedBlocks
                + " machine-dependent blocks, found " + blocks.size());
        Set<String> recordedLines = new HashSet<>(List.of(recorded.split("\n")));
        for (Block block : blocks) {
            int lineNumber = block.line();
            for (String line : block.lines()) {
                lineNumber++;
                assertTrue(recordedLines.contains(line), where(lineNumber)
                        + " quotes a machine-dependent line that is in none of the recorded runs: " + line);
            }
        }
    }

    /**
     * For a chapter that quotes runs kept in files ({@code results/}): every ```text block is in one
     * of them verbatim, and there are at least {@code atLeast}; the quotes that only one run holds
     * follow that run's order (see {@link #assertQuotedOutputFollowsTheProgramsOrder}); every
     * machine-dependent block is in one of them verbatim, and there are exactly
     * {@code machineDependent}.
     */
    public void assertQuotesAreFromRecordedRuns(List<Path> runs, int atLeast, int machineDependent) {
        String all = recorded(runs);
        assertQuotedOutputIsPrinted(all, atLeast);
        assertMachineDependentBlocksAreRecorded(all, machineDependent);
        for (Path run : runs) {
            List<Path> others = runs.stream().filter(r -> !r.equals(run)).toList();
            assertQuotedOutputFollowsTheOrderOf(recorded(run), recorded(others));
        }
    }

    /**
     * Every ```java block is a contiguous run of lines of some .java file under
     * {@code sourceRoots}, with its indentation; there are at least {@code atLeast} such blocks.
     */
    public void assertQuotedCodeIsIn(List<Path> sourceRoots, int atLeast) {
        assertQuotedCodeIsIn(CODE, sourceRoots, List.of(".java"), atLeast);
    }

    /**
     * The same for the code of another language: every block whose info string is {@code info}
     * (e.g. "cuda") is a contiguous run of lines of some file under {@code sourceRoots} whose name
     * ends with one of {@code extensions}, compared once the common leading indentation of the
     * block and of the run is removed and trailing spaces are dropped.
     */
    public void assertQuotedCodeIsIn(String info, List<Path> sourceRoots, List<String> extensions, int atLeast) {
        List<List<String>> files = sourceFiles(sourceRoots, extensions);
        List<Block> blocks = blocksWithInfo(info);
        assertTrue(blocks.size() >= atLeast, readme + ": expected at least " + atLeast + " quoted ```" + info
                + " blocks, found " + blocks.size());
        for (Block block : blocks) {
            int open = unclosedBraces(block.lines());
            if (open != 0) {
                fail(where(block.line()) + ": quoted code: this ```" + info + " block has " + Math.abs(open)
                        + (open > 0 ? " unclosed {" : " unopened }") + "; quote whole blocks, closing braces"
                        + " included, or fence an outline ```" + info + " sketch");
            }
            List<String> quoted = dedent(block.lines());
            int best = 0;
            for (List<String> file : files) {
                best = Math.max(best, longestRunAt(quoted, file));
            }
            if (best < quoted.size()) {
                fail(where(block.line() + 1 + best) + ": quoted code: this ```" + info + " block is not a contiguous"
                        + " run of lines, with their indentation, of any file under " + sourceRoots + "; it"
                        + " departs from the closest run here (fence a block that is not from the sources ```"
                        + info + " sketch): " + block.lines().get(best));
            }
        }
    }

    /** The most leading lines of {@code quoted} that some run of {@code file} matches, dedented. */
    private static int longestRunAt(List<String> quoted, List<String> file) {
        if (quoted.isEmpty()) {
            return 0;
        }
        String first = quoted.get(0).strip();
        int best = 0;
        for (int start = 0; start + 1 <= file.size(); start++) {
            if (!file.get(start).strip().equals(first)) {
                continue;
            }
            int end = Math.min(file.size(), start + quoted.size());
            List<String> run = dedent(file.subList(start, end));
            int matched = 0;
            while (matched < run.size() && run.get(matched).equals(quoted.get(matched))) {
                matched++;
            }
            best = Math.max(best, matched);
            if (best == quoted.size()) {
                return best;
            }
        }
        return best;
    }

    /** Opening braces minus closing ones, outside string and character literals and comments. */
    static int unclosedBraces(List<String> lines) {
        int open = 0;
        for (String line : lines) {
            String code = LITERAL.matcher(line).replaceAll("\"\"");
            int comment = code.indexOf("//");
            if (comment >= 0) {
                code = code.substring(0, comment);
            }
            for (char ch : code.toCharArray()) {
                open += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            }
        }
        return open;
    }

    /** The lines without trailing spaces and without the indentation all non-blank ones share. */
    static List<String> dedent(List<String> lines) {
        int common = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(common).stripTrailing()).toList();
    }

    /**
     * Every picture the text shows ({@code ![alt](path)}) is a file, relative to the README's
     * folder; there are at least {@code atLeast} of them.
     */
    public void assertPicturesExist(int atLeast) {
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(text);
        Path folder = readme.toAbsolutePath().getParent();
        int pictures = 0;
        while (m.find()) {
            pictures++;
            assertTrue(Files.isRegularFile(folder.resolve(m.group(1))), readme + " shows a missing picture: "
                    + m.group(1));
        }
        assertTrue(pictures >= atLeast, readme + ": expected at least " + atLeast + " pictures, found " + pictures);
    }

    /**
     * The outputs of long runs that a chapter keeps in files instead of rerunning in a test,
     * joined by a line that no quote spans, so that a quote cannot straddle two runs.
     */
    public static String recorded(List<Path> runs) {
        StringBuilder printed = new StringBuilder();
        for (Path run : runs) {
            printed.append(recorded(run));
            printed.append("\n=== end of ").append(run).append(" ===\n");
        }
        return printed.toString();
    }

    /** The output of one recorded run, with "\n" line ends. */
    public static String recorded(Path run) {
        try {
            return Files.readString(run).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded run " + run.toAbsolutePath(), e);
        }
    }

    /** The line with every number replaced by # and runs of spaces collapsed. */
    public static String blankNumbers(String line) {
        return NUMBER.matcher(line).replaceAll("#").replaceAll(" +", " ").strip();
    }

    private String where(int line) {
        return readme + ":" + line;
    }

    /** The fenced blocks of a markdown text; an unclosed fence runs to the end of the text. */
    static List<Block> parseBlocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].startsWith("```")) {
                body.append(lines[j]).append('\n');
                j++;
            }
            blocks.add(new Block(open.group(1).strip(), body.toString(), i + 1));
            i = j;
        }
        return blocks;
    }

    /** The lines of every file under the roots whose name has one of the extensions. */
    static List<List<String>> sourceFiles(List<Path> roots, List<String> extensions) {
        List<List<String>> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(f -> extensions.stream().anyMatch(f.toString()::endsWith)).sorted().toList()) {
                    files.add(Files.readAllLines(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sources under " + root.toAbsolutePath(), e);
            }
        }
        return files;
    }
}
