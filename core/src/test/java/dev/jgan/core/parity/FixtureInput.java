package dev.jgan.core.parity;

/** One input of a case: its value, and PyTorch's gradient of it (null where none is compared). */
record FixtureInput(String name, FixtureTensor value, FixtureTensor grad) {
}
