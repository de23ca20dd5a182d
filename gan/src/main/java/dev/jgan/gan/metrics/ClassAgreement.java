package dev.jgan.gan.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * For a class-conditional generator: how often a classifier sees the class each sample was asked
 * for. The class histogram of such a generator is balanced by construction (the sampler asks for
 * every class equally often), so it no longer shows whether G covers every class; this does. A G
 * that ignores its label agrees about a tenth of the time on ten balanced classes, one that draws
 * what it is asked close to the classifier's own accuracy on real images.
 *
 * @param classifier the classifier's name, e.g. {@code digits-cnn}
 * @param confusion  {@code confusion[asked][predicted]}: samples asked for class {@code asked} that
 *                   the classifier put in class {@code predicted}; square
 */
public record ClassAgreement(String classifier, int[][] confusion) {
    public ClassAgreement {
        if (confusion.length < 2) {
            throw new IllegalArgumentException("class agreement: needs at least 2 classes, got " + confusion.length);
        }
        int[][] copy = new int[confusion.length][];
        for (int asked = 0; asked < confusion.length; asked++) {
            if (confusion[asked].length != confusion.length) {
                throw new IllegalArgumentException("class agreement: row " + asked + " has " + confusion[asked].length
                        + " counts, expected " + confusion.length + " (a square matrix, asked x predicted)");
            }
            for (int count : confusion[asked]) {
                if (count < 0) {
                    throw new IllegalArgumentException("class agreement: negative count in row " + asked + ": "
                            + Arrays.toString(confusion[asked]));
                }
            }
            copy[asked] = confusion[asked].clone();
        }
        if (Arrays.stream(copy).flatMapToInt(Arrays::stream).sum() == 0) {
            throw new IllegalArgumentException("class agreement: no samples (every count is 0)");
        }
        confusion = copy;
    }

    /** Counts each sample's (asked, predicted) pair; both arrays one entry per sample, classes in 0..classes-1. */
    public static ClassAgreement of(String classifier, int[] asked, int[] predicted, int classes) {
        if (asked.length != predicted.length) {
            throw new IllegalArgumentException("class agreement: " + asked.length + " asked-for classes but "
                    + predicted.length + " predictions");
        }
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < asked.length; i++) {
            checkClass("asked-for", asked[i], i, classes);
            checkClass("predicted", predicted[i], i, classes);
            confusion[asked[i]][predicted[i]]++;
        }
        return new ClassAgreement(classifier, confusion);
    }

    private static void checkClass(String what, int c, int sample, int classes) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("class agreement: " + what + " class " + c + " of sample " + sample
                    + " is outside 0.." + (classes - 1));
        }
    }

    @Override
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int asked = 0; asked < confusion.length; asked++) {
            copy[asked] = confusion[asked].clone();
        }
        return copy;
    }

    public int samples() {
        return Arrays.stream(confusion).flatMapToInt(Arrays::stream).sum();
    }

    /** The share of all samples the classifier puts in the class they were asked for, from 0 to 1. */
    public double agreement() {
        int agreed = 0;
        for (int c = 0; c < confusion.length; c++) {
            agreed += confusion[c][c];
        }
        return (double) agreed / samples();
    }

    /** The share of the samples asked for class {@code asked} that the classifier puts there; NaN if none was asked. */
    public double agreement(int asked) {
        int total = Arrays.stream(confusion[asked]).sum();
        return total == 0 ? Double.NaN : (double) confusion[asked][asked] / total;
    }

    /** The asked-for class drawn worst (the lowest agreement among classes that were asked for). */
    public int worstClass() {
        int worst = -1;
        for (int c = 0; c < confusion.length; c++) {
            if (!Double.isNaN(agreement(c)) && (worst < 0 || agreement(c) < agreement(worst))) {
                worst = c;
            }
        }
        return worst;
    }

    /** The class the worst class's samples are most often taken for, other than itself. */
    private int mostCommonConfusion(int asked) {
        int best = asked == 0 ? 1 : 0;
        for (int c = 0; c < confusion.length; c++) {
            if (c != asked && confusion[asked][c] > confusion[asked][best]) {
                best = c;
            }
        }
        return best;
    }

    /** One line: the agreement, then the class drawn worst and what it is most often taken for. */
    public String table() {
        int worst = worstClass();
        int mistaken = mostCommonConfusion(worst);
        String mistake = confusion[worst][mistaken] == 0 ? ""
                : String.format(Locale.ROOT, " (most often taken for %d: %d samples)", mistaken, confusion[worst][mistaken]);
        return String.format(Locale.ROOT, "asked-for class drawn (%s's prediction, %d samples): %.1f %%; worst %d at"
                + " %.1f %%%s%n", classifier, samples(), 100 * agreement(), worst, 100 * agreement(worst), mistake);
    }
}
