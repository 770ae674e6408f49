#!/usr/bin/env bash
# Makes the project's Jupyter notebooks runnable (idempotent; a second run only rewrites the kernel spec):
#   1. Debian's Jupyter packages (nbconvert + nbclient for headless runs, the classic notebook server for
#      `bin/slipstream notebook`), installed with apt-get when missing (needs root);
#   2. the Rapaio Java kernel jar (io.github.padreati:rapaio-jupyter-kernel, a JShell kernel; Java 17 bytecode)
#      fetched from Maven Central with Maven into target/jupyter/, plus tools/notebooks/kernel-patch/ compiled to
#      target/jupyter/kernel-patch/ and put before the jar: a fixed LoopThread (a start-up race in the jar made 6 of
#      about 40 kernel starts hang on the loaded 2-core machine; see the class comment);
#   3. the project jar and target/lib/ (built by bin/slipstream when pom.xml or src/main changed);
#   4. a project-local kernel spec target/jupyter/kernels/slipstream-java/kernel.json (found through
#      JUPYTER_PATH=target/jupyter), whose RJK_CLASSPATH lists target/slipstream.jar and every jar of target/lib
#      (';'-separated absolute paths) and whose env carries SLIPSTREAM_HOME (the repository root).
# Usage: tools/notebooks/setup.sh        (prints the kernel spec path on success)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RJK_VERSION="3.0.1"
JUPYTER_DIR="$ROOT/target/jupyter"
KERNEL_NAME="slipstream-java"
KERNEL_DIR="$JUPYTER_DIR/kernels/$KERNEL_NAME"
KERNEL_JAR="$JUPYTER_DIR/rapaio-jupyter-kernel-$RJK_VERSION.jar"

log() { echo "notebooks/setup: $*" >&2; }

# 1. Debian Jupyter packages ------------------------------------------------------------------------------------
PKGS=(jupyter-core jupyter-client python3-nbclient jupyter-nbconvert jupyter-notebook)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# fonts for headless chart rendering (XChart/AWT), as .ci/run installs them
fc-list >/dev/null 2>&1 || missing+=(fontconfig fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]}; install them as root: apt-get install --no-install-recommends ${missing[*]}"
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v jupyter-nbconvert >/dev/null || { log "jupyter-nbconvert not on PATH after install"; exit 1; }

# 2. Rapaio kernel jar -----------------------------------------------------------------------------------------
if [ ! -s "$KERNEL_JAR" ]; then
  log "fetching io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION from Maven Central"
  mkdir -p "$JUPYTER_DIR"
  command -v mvn >/dev/null || { log "Maven (mvn) is needed to fetch the kernel jar"; exit 1; }
  # -C: fail on a checksum mismatch
  (cd "$ROOT" && mvn -q -B -ntp -C dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION" \
      -DoutputDirectory="$JUPYTER_DIR" >&2) || { log "could not fetch the kernel jar with Maven"; exit 1; }
  [ -s "$KERNEL_JAR" ] || { log "kernel jar not found after download: $KERNEL_JAR"; exit 1; }
fi

PATCH_SRC="$ROOT/tools/notebooks/kernel-patch"
PATCH_OUT="$JUPYTER_DIR/kernel-patch"
PATCH_CLASS="$PATCH_OUT/org/rapaio/jupyter/kernel/channels/LoopThread.class"
if [ ! -f "$PATCH_CLASS" ] || [ -n "$(find "$PATCH_SRC" -name '*.java' -newer "$PATCH_CLASS" -print -quit)" ]; then
  log "compiling the kernel patch"
  rm -rf "$PATCH_OUT"
  mkdir -p "$PATCH_OUT"
  JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
  find "$PATCH_SRC" -name '*.java' -print0 | xargs -0 "$JAVAC" --release 17 -nowarn -cp "$KERNEL_JAR" -d "$PATCH_OUT"
fi

# 3. Project jar + target/lib (bin/slipstream rebuilds only when sources changed) ----------------------------
"$ROOT/bin/slipstream" --version >/dev/null
[ -f "$ROOT/target/slipstream.jar" ] && [ -d "$ROOT/target/lib" ] || { log "project jar or target/lib missing"; exit 1; }

# 4. Kernel spec -----------------------------------------------------------------------------------------------
JAVA_BIN="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")" || { log "java not found"; exit 1; }
JAVA_BIN="$(readlink -f "$JAVA_BIN")"
java_major="$("$JAVA_BIN" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ -z "$java_major" ] || [ "${java_major%%.*}" -lt 17 ]; then
  log "the kernel needs Java >= 17, $JAVA_BIN is '${java_major:-unknown}'"
  exit 1
fi
mkdir -p "$KERNEL_DIR" "$JUPYTER_DIR/mima_cache"
classpath="$ROOT/target/slipstream.jar"
for j in "$ROOT"/target/lib/*.jar; do
  classpath+=";$j"
done
# Written with the Debian python3 that the Jupyter packages bring (json.dumps escapes the paths).
tmp="$KERNEL_DIR/kernel.json.tmp.$$"
JAVA_BIN="$JAVA_BIN" KERNEL_JAR="$KERNEL_JAR" PATCH_OUT="$PATCH_OUT" CLASSPATH_RJK="$classpath" ROOT="$ROOT" \
  MIMA="$JUPYTER_DIR/mima_cache" JAVA_MAJOR="$java_major" /usr/bin/python3 - > "$tmp" <<'EOF'
import json, os
e = os.environ
spec = {
    "argv": [e["JAVA_BIN"], "-Djava.awt.headless=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
             "-cp", e["PATCH_OUT"] + ":" + e["KERNEL_JAR"], "org.rapaio.jupyter.kernel.MainApp",
             "{connection_file}"],
    "display_name": "Java %s (Slipstream)" % e["JAVA_MAJOR"],
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "RJK_CLASSPATH": e["CLASSPATH_RJK"],
        "RJK_COMPILER_OPTIONS": "",
        "RJK_INIT_SCRIPT": "",
        "RJK_TIMEOUT_MILLIS": "-1",
        "RJK_MIMA_CACHE": e["MIMA"],
        "SLIPSTREAM_HOME": e["ROOT"],
    },
}
print(json.dumps(spec, indent=2))
EOF
mv -f "$tmp" "$KERNEL_DIR/kernel.json"
echo "$KERNEL_DIR/kernel.json"
