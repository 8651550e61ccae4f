# Shared helpers of the bin/ scripts. Source it; do not run it.
# Every ensure_* function checks first and installs only what is missing.

set -euo pipefail

TAHAWUL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAHAWUL_CACHE="${TAHAWUL_CACHE_DIR:-$HOME/.cache/tahawul}"
export TZ=UTC

say()  { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# The JVM flags of a Spark 4.1 driver started with plain `java` (bin/ingest, bin/analytics): the JDK
# internals Spark reaches into on Java 17 (the list spark-submit passes), and a loopback address for
# Spark's own endpoints (the host name of a VM often resolves to an address Spark warns about).
SPARK_JVM_FLAGS=(-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  SPARK_JVM_FLAGS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
unset p
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

prop() { # prop FILE KEY
  sed -n "s/^$2=//p" "$1" | head -n1
}

ensure_java() {
  command -v java >/dev/null || die "java not found: install a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)"
  local v release
  # the JDK's release file names its version; asking java itself costs a JVM start (0.2 s on every command)
  release="$(dirname "$(readlink -f "$(command -v java)")")/../release"
  v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null || true)"
  [ -n "$v" ] || v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed (found $v); set JAVA_HOME or PATH"
  command -v mvn >/dev/null || die "mvn not found: install Maven 3.8+ (Debian: apt-get install maven)"
}

# Prints the path of libchdb.so, fetching the npm package into the cache when missing.
ensure_chdb() {
  local props="$TAHAWUL_ROOT/clickhouse-embedded/chdb.properties"
  local pkg version sha dir tgz lib
  pkg="$(prop "$props" package)"; version="$(prop "$props" version)"; sha="$(prop "$props" sha256)"
  dir="$TAHAWUL_CACHE/chdb/$version"
  lib="$dir/package/libchdb.so"
  if [ -f "$lib" ] && [ -f "$dir/.verified" ]; then
    echo "$lib"; return 0
  fi
  command -v npm >/dev/null || die "npm is needed to fetch the ClickHouse engine ($pkg@$version); install Node.js 20 with npm"
  mkdir -p "$dir"
  tgz="$(ls "$dir"/*.tgz 2>/dev/null | head -n1 || true)"
  if [ -z "$tgz" ]; then
    say "fetching the ClickHouse engine: npm pack $pkg@$version (about 180 MB) into $dir"
    (cd "$dir" && npm pack --silent "$pkg@$version" >/dev/null) \
      || die "npm pack $pkg@$version failed: is the npm registry reachable? (npm config get registry)"
    tgz="$(ls "$dir"/*.tgz | head -n1)"
  fi
  local actual
  actual="$(sha256sum "$tgz" | cut -d' ' -f1)"
  if [ "$actual" != "$sha" ]; then
    rm -f "$tgz"
    die "checksum mismatch for $pkg@$version: expected $sha, got $actual (download removed; run again)"
  fi
  say "checksum ok; unpacking libchdb.so"
  tar -xzf "$tgz" -C "$dir" package/libchdb.so
  touch "$dir/.verified"
  echo "$lib"
}

# Builds a module (with what it needs) when its jar is missing or older than its sources or the
# sources of the modules it bundles (warehouse and datasets, with the shipped reference data).
ensure_built() { # ensure_built MODULE JAR_GLOB
  local module="$1" jar watched=()
  jar="$(ls $TAHAWUL_ROOT/$module/target/$2 2>/dev/null | head -n1 || true)"
  watched=("$TAHAWUL_ROOT/$module/src" "$TAHAWUL_ROOT/$module/pom.xml" "$TAHAWUL_ROOT/pom.xml")
  case "$module" in
    ingest|analytics|dashboard)
      watched+=("$TAHAWUL_ROOT/warehouse/src/main" "$TAHAWUL_ROOT/warehouse/pom.xml"
                "$TAHAWUL_ROOT/datasets/src/main" "$TAHAWUL_ROOT/datasets/pom.xml" "$TAHAWUL_ROOT/datasets/reference") ;;
    warehouse) watched+=("$TAHAWUL_ROOT/datasets/src/main" "$TAHAWUL_ROOT/datasets/reference") ;;
    datasets) watched+=("$TAHAWUL_ROOT/datasets/reference") ;;
  esac
  if [ -n "$jar" ] && [ -z "$(find "${watched[@]}" -newer "$jar" -type f 2>/dev/null | head -n1)" ]; then
    return 0
  fi
  say "building $module"
  (cd "$TAHAWUL_ROOT" && mvn -q -B -pl "$module" -am install -DskipTests) || die "build of $module failed"
}

# A free TCP port on loopback.
# Class-data sharing for the Spark jobs: the classes Spark loads at start-up (10,000-20,000), parsed and
# verified once into an archive beside the build, start a job several seconds sooner.
# class_data_archive DIR NAME CLASSPATH OPTIONS sets CDS_FLAGS (JVM flags) and CDS_WRITING. The archive's
# name carries a hash of the java binary, OPTIONS (heap and JVM options) and every classpath entry (path,
# size, time): a rebuild or another JDK makes a new one, which the first run after it writes as it exits.
# Call class_data_archive_done after the JVM: it moves that archive into place whole (another run may be
# mapping the previous one).
class_data_archive() {
  local dir="$1" name="$2" classpath="$3" options="$4" stamp archive
  stamp="$( { echo "$options"; { readlink -f "$(command -v java)"; tr ':' '\n' <<<"$classpath"; } \
             | { xargs -r stat -L -c '%n %s %Y' 2>/dev/null || true; }; } | cksum | cut -d' ' -f1)"
  archive="$dir/$name-cds-$stamp.jsa"
  CDS_WRITING=""
  if [ -f "$archive" ]; then
    CDS_FLAGS=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  else
    rm -f "$dir/$name"-cds-*.jsa
    say "no class-data archive for this build yet: this run writes one when it ends ($archive)"
    CDS_WRITING="$archive"
    CDS_FLAGS=(-XX:ArchiveClassesAtExit="$archive.$$" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}
class_data_archive_done() {
  [ -n "${CDS_WRITING:-}" ] || return 0
  if [ -s "$CDS_WRITING.$$" ]; then mv -f "$CDS_WRITING.$$" "$CDS_WRITING"; else rm -f "$CDS_WRITING.$$"; fi
}

# run_copy JAR PID: prints the path of a copy of JAR for process PID to run from
# ($TAHAWUL_DATA_DIR/run/<name>-PID.jar). A rebuild while the process runs (a developer's mvn install,
# bin/report rebuilding after a change) would otherwise replace the jar under the running JVM, which
# then fails to load classes. Copies left by processes that have ended are removed.
run_copy() {
  local jar="$1" pid="$2" dir name old owner
  dir="${TAHAWUL_DATA_DIR:-$TAHAWUL_ROOT/.data}/run"
  name="$(basename "$jar" .jar)"
  mkdir -p "$dir"
  for old in "$dir/$name"-*.jar; do
    [ -e "$old" ] || continue
    owner="${old##*-}"; owner="${owner%.jar}"
    kill -0 "$owner" 2>/dev/null || rm -f "$old"
  done
  cp "$jar" "$dir/$name-$pid.jar"
  echo "$dir/$name-$pid.jar"
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# Debian's Chromium, its driver and Arabic fonts: the browser tests and the PDF reports need them.
ensure_browser() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  # (grep reads all of fc-list's output: with -q it would stop early and pipefail would see SIGPIPE)
  if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=ar family 2>/dev/null | grep -i "Noto" >/dev/null; }; then
    missing+=(fonts-noto-core fontconfig)
  fi
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root to install ${missing[*]} (apt-get); install them and run again"
    sudo="sudo -n"
  fi
  say "installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null \
    || die "apt-get update failed; install ${missing[*]} by hand"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  say "installed: $(chromium --version 2>/dev/null | head -n1)"
}
