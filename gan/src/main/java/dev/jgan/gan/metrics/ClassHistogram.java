package dev.jgan.gan.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * How many of a generator's samples a classifier puts in each class: the direct view of mode
 * collapse on a labelled data set. The Fréchet distance and recall drop when whole classes are
 * missing, but only this says which ones; a generator that covers every digit puts roughly a
 * tenth of its samples in each class (the digits are balanced to within 10 %).
 *
 * @param classifier the classifier's name, e.g. {@code digits-cnn}
 * @param counts     samples predicted as each class; they sum to {@link #samples()}
 */
public record ClassHistogram(String classifier, int[] counts) {
    public ClassHistogram {
        if (counts.length < 2) {
            throw new IllegalArgumentException("class histogram: needs at least 2 classes, got " + counts.length);
        }
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("class histogram: negative count in " + Arrays.toString(counts));
            }
        }
        counts = counts.clone();
    }

    /** Counts the predicted classes {@code predicted} (each in 0..classes-1). */
    public static ClassHistogram of(String classifier, int[] predicted, int classes) {
        int[] counts = new int[classes];
        for (int c : predicted) {
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("class histogram: class " + c + " outside 0.." + (classes - 1));
            }
            counts[c]++;
        }
        return new ClassHistogram(classifier, counts);
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public int samples() {
        return Arrays.stream(counts).sum();
    }

    /** The share of the samples in class {@code c}, from 0 to 1. */
    public double share(int c) {
        return (double) counts[c] / samples();
    }

    /** The smallest share of any class (0 when a class is never drawn). */
    public double smallestShare() {
        return (double) Arrays.stream(counts).min().orElseThrow() / samples();
    }

    /** The largest share of any class. */
    public double largestShare() {
        return (double) Arrays.stream(counts).max().orElseThrow() / samples();
    }

    /** Classes no sample was put in. */
    public int missingClasses() {
        return (int) Arrays.stream(counts).filter(c -> c == 0).count();
    }

    /** Two lines: the shares per class in percent, then the smallest, the largest and what is missing. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "classes %s predicts for %d samples (%%):",
                classifier, samples()));
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format(Locale.ROOT, " %d: %.1f", c, 100 * share(c)));
        }
        sb.append(String.format(Locale.ROOT, "%n  smallest class %.1f %%, largest %.1f %%, %d of %d classes never"
                + " drawn (a balanced set: %.1f %% each)%n", 100 * smallestShare(), 100 * largestShare(),
                missingClasses(), counts.length, 100.0 / counts.length));
        return sb.toString();
    }
}
