package dev.jgan.core.parity;

import java.util.List;

/** One group's fixture file as written by {@code pytorch/make_core_fixtures.py}. */
record FixtureFile(String generator, String torchVersion, long seed, String group, List<ParityCase> cases) {
}
