# Shared helpers of the bench/ scripts. Source it after bin/lib/common.sh.

BENCH_RESULTS="$TAHAWUL_ROOT/bench/RESULTS.md"

# The machine, for the results header.
machine_line() {
  printf '%s, %s cores, %s GiB RAM, %s' "$(uname -srm)" "$(nproc)" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" "$(java -version 2>&1 | head -n1)"
}

# record_results NAME COMMAND FILE: replaces the section NAME of bench/RESULTS.md with the
# `name = value` lines of FILE, the date, the machine and the command that produced them.
record_results() {
  local name="$1" command="$2" file="$3"
  python3 - "$BENCH_RESULTS" "$name" "$command" "$file" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(machine_line)" <<'PY'
import os, re, sys
path, name, command, file, date, machine = sys.argv[1:]
lines = [l.rstrip() for l in open(file, encoding="utf-8") if re.match(r"^[a-z0-9_]+ = ", l)]
section = "\n".join([f"<!-- bench:{name} -->", f"## {name}", "",
                     f"- date: {date}", f"- machine: {machine}", f"- command: `{command}`", "", "```"]
                    + lines + ["```", f"<!-- /bench:{name} -->"])
text = open(path, encoding="utf-8").read() if os.path.exists(path) else \
    "# Benchmark results\n\nEach section is rewritten by the script named in it; `bench/run` runs them all.\n"
pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
  say "results recorded in bench/RESULTS.md (section $name)"
}
