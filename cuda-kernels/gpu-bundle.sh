#!/usr/bin/env bash
# gpu-bundle.sh: on a development machine (JDK 17+ with jmods, Maven, g++, nvcc), writes
#   cuda-kernels/target/gpu-bundle.tar.gz    everything the GPU run needs, Java included
#   cuda-kernels/target/gpu-bundle-run.sh    the script that runs it (a copy of gpu-bundle-run.sh)
# for a GPU machine that has an NVIDIA driver and CUDA 13 but no JDK, no Maven and no network.
#
# The bundle holds:
#   runtime/  a jlink image (java.base, java.logging, java.xml, java.sql, jdk.incubator.vector,
#             jdk.unsupported, jdk.zipfs; stripped, compressed; no java.desktop: nothing is drawn)
#   lib/      the project's jars (core, nn, gan, cuda-kernels with its fatbins and JNI libraries,
#             core's tests (the conformance suites), cuda-kernels' tests and GPU benchmarks,
#             benchmarks) and the dependency jars the run loads; JCuda's native jars cut down to
#             the libraries the run loads (linux x86_64: JCudaDriver, JCudaRuntime, JCublas2),
#             not its 24 MB PTX compiler
#   tools/    JUnit's console launcher (junit-platform-console-standalone, from Maven Central)
#   python/   the PyTorch side of the benchmark table (benchmarks/compare/*.py)
#   BUNDLE-INFO.txt  what was built from which commit
# and fails if the archive is 50 MiB or more.
#
# Usage: cuda-kernels/gpu-bundle.sh [--offline]
#   --offline: Maven may not download (the console launcher must already be in ~/.m2).
# Then, on the GPU machine:  bash cuda-kernels/target/gpu-bundle-run.sh   (writes to $OUT)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
module=$root/cuda-kernels
target=$module/target
stage=$target/gpu-bundle
archive=$target/gpu-bundle.tar.gz
limit_bytes=$((50 * 1024 * 1024))
modules=java.base,java.logging,java.xml,java.sql,jdk.incubator.vector,jdk.unsupported,jdk.zipfs
mvn_flags=(-q -B)

while [ $# -gt 0 ]; do
    case $1 in
        --offline) mvn_flags+=(-o) ;;
        *) echo "gpu-bundle.sh: unknown argument $1 (expected --offline)" >&2; exit 2 ;;
    esac
    shift
done

say() {
    echo "[gpu-bundle] $*"
}

fail() {
    echo "[gpu-bundle] FAILED: $*" >&2
    exit 1
}

# jlink of the JDK that builds (or JAVA_HOME's): it needs the JDK's jmods.
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
jlink=$java_home/bin/jlink
[ -x "$jlink" ] || fail "no jlink in $java_home (set JAVA_HOME to a JDK 17 or newer)"
[ -d "$java_home/jmods" ] || fail "$java_home has no jmods folder, which jlink needs (install the full JDK)"

cd "$root"
say "building (mvn test-compile of benchmarks and cuda-kernels with what they need) and listing dependencies"
mvn "${mvn_flags[@]}" -pl benchmarks,cuda-kernels -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bundle-classpath.txt
kernels=$module/target/classes/dev/jgan/cuda/kernels
[ -s "$kernels/modules.txt" ] || fail "no kernel modules in $kernels: the build found no nvcc, so the bundle could not run a kernel on a GPU"
grep -qw 90 "$kernels/archs.txt" || fail "the fatbins in $kernels were built for sm $(cat "$kernels/archs.txt"), without 90 (H100); rebuild with the default -Djgan.cuda.archs"
shim=$module/target/classes/dev/jgan/cuda/native/linux-x86_64/libjgan_cublas_shim.so
[ -f "$shim" ] || fail "no cuBLAS shim ($shim): the build found no g++"

junit_version=$(tr ':' '\n' <"$module/target/bundle-classpath.txt" | sed -n 's|.*/junit-jupiter-engine-5\.\([0-9.]*\)\.jar$|1.\1|p' | head -1)
[ -n "$junit_version" ] || fail "cannot tell the JUnit version from cuda-kernels' test class path"
launcher=junit-platform-console-standalone-$junit_version.jar
launcher_path=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_version/$launcher
if [ ! -f "$launcher_path" ]; then
    say "fetching JUnit's console launcher $junit_version from Maven Central"
    mvn "${mvn_flags[@]}" dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_version" -Dtransitive=false
fi

rm -rf "$stage" "$archive"
mkdir -p "$stage/lib" "$stage/tools" "$stage/python"

say "jlink: $modules (from $java_home)"
compress=2
if "$jlink" --help 2>&1 | grep -q 'zip-\[0-9\]'; then
    compress=zip-6  # JDK 21 and newer name the levels
fi
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress="$compress" \
    --output "$stage/runtime"

say "jars"
jar_of() {  # jar_of NAME FOLDER: the folder's contents as lib/NAME.jar
    [ -d "$2" ] || fail "$2 is missing; the build did not produce it"
    "$java_home/bin/jar" --create --file "$stage/lib/$1.jar" -C "$2" .
}
jar_of jgan-core core/target/classes
jar_of jgan-core-tests core/target/test-classes
jar_of jgan-nn nn/target/classes
jar_of jgan-gan gan/target/classes
jar_of jgan-cuda-kernels cuda-kernels/target/classes
jar_of jgan-cuda-kernels-tests cuda-kernels/target/test-classes
jar_of jgan-benchmarks benchmarks/target/classes

# Dependencies of both class paths, less what the run never loads: JUnit (the console launcher
# carries its own), JMH (the GPU benchmarks are plain programs), and the charting libraries gan
# uses for pictures (java.desktop is not in the runtime anyway). The rehearsal
# (gpu-bundle-rehearse.sh) runs every program of the bundle, so a jar missed here fails there.
skip='/(junit-[a-z-]*|opentest4j|apiguardian-api|jmh-generator-annprocess|jmh-core|jopt-simple|commons-math3|xchart|VectorGraphics2D|graphics2d|pdfbox|pdfbox-io|fontbox|commons-logging|animated-gif-lib)-[0-9][^/]*\.jar$'
tr ':' '\n' <"$module/target/bundle-classpath.txt" >"$target/bundle-deps.txt"
tr ':' '\n' <"$root/benchmarks/target/bundle-classpath.txt" >>"$target/bundle-deps.txt"
sort -u "$target/bundle-deps.txt" | grep '\.jar$' | grep -Ev "$skip" | while read -r dependency; do
    case $dependency in
        *-natives-*-linux-x86_64.jar)
            # Only the libraries the run loads: the driver API, the runtime (its stream type) and
            # JCublas2 (tried first, for CUDA 12); not the PTX compiler, NVRTC or JCublas 1.
            tmp=$(mktemp -d)
            wanted=$("$java_home/bin/jar" --list --file "$dependency" | grep -E '^lib/lib(JCudaDriver|JCudaRuntime|JCublas2)-.*\.so$' || true)
            if [ -n "$wanted" ]; then
                # shellcheck disable=SC2086 # one name per word
                (cd "$tmp" && "$java_home/bin/jar" --extract --file "$dependency" $wanted)
                "$java_home/bin/jar" --create --file "$stage/lib/$(basename "$dependency")" -C "$tmp" lib
            fi
            rm -rf "$tmp"
            ;;
        *) cp "$dependency" "$stage/lib/" ;;
    esac
done
ls "$stage/lib" | grep -q '^jcuda-natives-' || fail "JCuda's native jar is not on the class path"
cp "$launcher_path" "$stage/tools/junit-platform-console-standalone.jar"
cp "$root/benchmarks/compare/compare_pytorch.py" "$root/benchmarks/compare/gpu_compare_pytorch.py" "$stage/python/"

{
    echo "jgan GPU bundle"
    echo "commit: $(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
    echo "runtime: jlink of $("$java_home/bin/java" -version 2>&1 | head -1) with $modules"
    echo "kernel modules: $(tr '\n' ' ' <"$kernels/modules.txt")for sm $(cat "$kernels/archs.txt") (+ PTX of the last)"
    echo "console launcher: $launcher"
} >"$stage/BUNDLE-INFO.txt"

say "archive"
tar -C "$target" -czf "$archive" gpu-bundle
cp "$module/gpu-bundle-run.sh" "$target/gpu-bundle-run.sh"
size=$(stat -c %s "$archive")
say "$archive: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB; limit 50 MiB)"
say "  runtime $(du -sh "$stage/runtime" | cut -f1), lib $(du -sh "$stage/lib" | cut -f1), tools $(du -sh "$stage/tools" | cut -f1) unpacked"
[ "$size" -lt "$limit_bytes" ] || fail "the bundle is $size bytes, over the 50 MiB limit"
say "run it on the GPU machine with: bash cuda-kernels/target/gpu-bundle-run.sh   (writes to \$OUT)"
