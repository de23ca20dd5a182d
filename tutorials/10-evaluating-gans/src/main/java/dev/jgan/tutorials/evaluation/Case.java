package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;

/**
 * One candidate set of the chapter's table: n images that stand for a generator, with a short
 * name for the table and the pictures.
 */
record Case(String name, Tensor images) {
}
