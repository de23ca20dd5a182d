package dev.jgan.tutorials.dcgan;

/**
 * How much training the chapter does: {@code steps} updates of D and G on batches of
 * {@code batchSize} images from {@code data}, with ngf = ndf = {@code width}, printing a line
 * every {@code logEvery} steps.
 */
record Budget(String data, int steps, int batchSize, int width, int logEvery) {
    Budget {
        if (steps < 1 || batchSize < 2 || width < 1 || logEvery < 1) {
            throw new IllegalArgumentException("09-dcgan: needs steps >= 1, batch size >= 2 (BatchNorm needs a batch),"
                    + " width >= 1 and a log interval >= 1; got " + steps + ", " + batchSize + ", " + width + ", "
                    + logEvery);
        }
    }
}
