import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the surefire reports of the exercise tests (check-exercises.sh runs it with
 * {@code java ExerciseReports.java}) and checks every test case, not just the build's exit code:
 * with the stubs, every case of every chapter's *ExerciseTest must fail or error, so that no
 * exercise test passes before the learner has written anything; with the solutions, every case
 * must pass and none may be skipped. A chapter without exercise reports is an error too.
 *
 * <p>Usage: {@code java ExerciseReports.java stubs|solutions CHAPTER_DIR...}
 */
public final class ExerciseReports {
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("stubs") || args[0].equals("solutions"))) {
            System.err.println("usage: java ExerciseReports.java stubs|solutions CHAPTER_DIR...");
            System.exit(2);
        }
        boolean stubs = args[0].equals("stubs");
        String buildDir = stubs ? "exercises" : "solutions";
        int problems = 0;
        for (int i = 1; i < args.length; i++) {
            Path chapter = Path.of(args[i]);
            Path reports = chapter.resolve("target").resolve(buildDir).resolve("surefire-reports");
            List<Path> files = reportFiles(reports);
            if (files.isEmpty()) {
                System.out.printf("  %-28s no *ExerciseTest report in %s%n", chapter.getFileName(), reports);
                problems++;
                continue;
            }
            for (Path file : files) {
                problems += check(chapter, file, stubs);
            }
        }
        System.out.println(problems == 0
                ? "every exercise test " + (stubs ? "fails with its stub" : "passes with its solution")
                : problems + " problem(s) with the " + args[0]);
        System.exit(problems == 0 ? 0 : 1);
    }

    private static List<Path> reportFiles(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().matches("TEST-.*ExerciseTest\\.xml")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The number of problems in one report, each printed. */
    private static int check(Path chapter, Path file, boolean stubs) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList cases = doc.getElementsByTagName("testcase");
        String test = file.getFileName().toString().replaceFirst("\\.xml$", "").replaceFirst("^TEST-(.*\\.)?", "");
        int failed = 0, skipped = 0, problems = 0;
        for (int c = 0; c < cases.getLength(); c++) {
            Element e = (Element) cases.item(c);
            boolean fails = e.getElementsByTagName("failure").getLength() + e.getElementsByTagName("error").getLength() > 0;
            boolean skips = e.getElementsByTagName("skipped").getLength() > 0;
            failed += fails ? 1 : 0;
            skipped += skips ? 1 : 0;
            String name = e.getAttribute("name");
            if (stubs && !fails) {
                System.out.printf("  %-28s %s: '%s' %s with the stub%n", chapter.getFileName(), test, name,
                        skips ? "is skipped" : "passes");
                problems++;
            } else if (!stubs && (fails || skips)) {
                System.out.printf("  %-28s %s: '%s' %s with the solution%n", chapter.getFileName(), test, name,
                        skips ? "is skipped" : "fails");
                problems++;
            }
        }
        if (cases.getLength() == 0) {
            System.out.printf("  %-28s %s: no test cases ran%n", chapter.getFileName(), test);
            problems++;
        }
        System.out.printf("  %-28s %-36s %2d cases, %2d failed, %d skipped%n", chapter.getFileName(), test,
                cases.getLength(), failed, skipped);
        return problems;
    }
}
