#!/usr/bin/env bash
# The walk a new user takes, replayed: a fresh clone, `make demo` (which makes its own
# .venv), then the README's "Using it on your own articles" commands exactly as written, on
# the Giveme5W1H news-please folder passed as a user would pass it. Then the checks a
# newcomer expects: the folder read as articles (README/LICENSE skipped with a reason), and
# no command answering exit 0 from a missing or empty store.
#
#   bash scripts/newcomer.sh            # needs ../shared/data (DETENTE_SHARED_DATA to override)
#   KEEP=1 bash scripts/newcomer.sh     # keep the work folder to look at
#
# Exits 0 when every step and check passed, 1 at the first that did not (it says which).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${DETENTE_SHARED_DATA:-$REPO/../shared/data}"
CORPUS="$SHARED/news/giveme5w1h"
[ -d "$CORPUS" ] || { echo "newcomer: $CORPUS not found (set DETENTE_SHARED_DATA)"; exit 2; }
CORPUS="$(cd "$CORPUS" && pwd)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/detente-newcomer.XXXXXX")"
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "newcomer: kept $WORK"; fi; }
trap cleanup EXIT
fail() { echo "newcomer: FAILED: $*" >&2; exit 1; }
step() { echo; echo "newcomer: \$ $*"; }

# 1. A fresh clone of what is committed (uncommitted edits are not what a user gets).
git clone --quiet "$REPO" "$WORK/detente"
cd "$WORK/detente"

# 2. The README's first command: installs into a fresh .venv and codes the demo corpus.
step make demo
make demo > "$WORK/demo.log" 2>&1 || { tail -30 "$WORK/demo.log"; fail "make demo"; }
tail -3 "$WORK/demo.log"

# 3. The README's own-articles block, line by line, verbatim; ./my-articles/ is the user's
#    folder of news-please files, and article.txt a story of their own.
ln -s "$CORPUS" my-articles
cat > article.txt <<'EOF'
Envoy Returns to the Capital for Talks
Published: 2025-08-06
Geneva - The special envoy arrived on Wednesday for a second round of talks with the foreign
minister, officials said. The two sides agreed to meet again next week.
EOF
block="$(awk '/^## Using it on your own articles/ {on=1} on && /^```sh/ {grab=1; next}
              grab && /^```/ {exit} grab {print}' README.md)"
[ -n "$block" ] || fail "no sh block under '## Using it on your own articles' in README.md"
while IFS= read -r line; do
  command="${line%%#*}"                       # the comment after a command is not run
  command="${command%"${command##*[![:space:]]}"}"
  [ -n "$command" ] || continue
  step "$command"
  set +e
  case "$command" in
    # Setting up the shell (activate, export) must last for the commands after it.
    "source "* | "export "*) eval "$command" > "$WORK/out.txt" 2> "$WORK/err.txt" ;;
    *) ( eval "$command" ) > "$WORK/out.txt" 2> "$WORK/err.txt" ;;
  esac
  code=$?
  set -e
  head -c 600 "$WORK/out.txt"; tail -4 "$WORK/err.txt"
  echo "newcomer: exit $code"
  # The own-articles run may exit 1 (a news-please record without text is one failed input);
  # every other command must succeed.
  case "$command" in
    "detente run "*) [ "$code" -le 1 ] || fail "$command exited $code" ;;
    *) [ "$code" -eq 0 ] || fail "$command exited $code" ;;
  esac
done <<< "$block"

# 4. What the run made of the folder: news-please records as articles, the folder's README,
#    LICENSE and PROVENANCE files skipped with the reason, nothing raw-JSON as text.
step "checks on the Giveme5W1H run"
python - "$(pwd)" <<'EOF'
import json, os, subprocess, sys

def detente(*args):
    done = subprocess.run(["detente", *args], capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr

code, out, err = detente("stats", "--json")
stats = json.loads(out)
print(f"stats: {stats['articles']} articles, {stats['processed']} processed, "
      f"{stats['events']} events, {stats['quotes']} quotes, {stats['failed']} failed, "
      f"{stats['skipped_inputs']} skipped")
code, out, err = detente("failures", "--format", "json")
rows = json.loads(out)
skipped = sorted(os.path.basename(r["input"]) for r in rows if r["stage"] == "skip")
print("skipped:", ", ".join(skipped))
problems = []
# The folder's 511 news-please records: 510 with text (one has none: the one failed input),
# holding 491 distinct texts (the same story in two sub-folders is one article). The demo
# went to its own store, and article.txt is only extracted.
if stats["articles"] < 480 or stats["failed"] > 1:
    problems.append(f"{stats['articles']} articles stored, {stats['failed']} failed")
if skipped != ["LICENSE_repo_Apache-2.0.txt", "PROVENANCE.md", "README.MD", "README.MD"]:
    problems.append(f"skipped files: {skipped}")
import duckdb
con = duckdb.connect(os.environ["DETENTE_DB"], read_only=True)
raw = con.execute("SELECT count(*) FROM articles WHERE title = '{' OR text LIKE '{%'").fetchone()
ids = con.execute("SELECT count(*) FROM articles WHERE input LIKE '%my-articles%' "
                  "AND external_id IS NOT NULL").fetchone()
print(f"articles read as raw JSON: {raw[0]}; with their news-please id kept: {ids[0]}")
if raw[0]:
    problems.append(f"{raw[0]} articles are raw JSON")
if ids[0] != stats["articles"]:
    problems.append(f"only {ids[0]} of {stats['articles']} articles keep their news-please id")
if problems:
    sys.exit("; ".join(problems))
EOF

# 5. No read command answers exit 0 from a store that is missing or holds no articles: the
#    README's read commands (without their own --db), pointed at each in turn.
reads="$(printf '%s\n' "$block" | sed 's/#.*//' | grep -E '^detente (report|relations|deadlines|events|quotes|stats|export)' | sed 's/ --db [^ ]*//')"
mkdir -p "$WORK/empty-folder"
detente ingest "$WORK/empty-folder" --db "$WORK/empty.duckdb" > /dev/null 2>&1 || true
[ -f "$WORK/empty.duckdb" ] || detente stats --db "$WORK/empty.duckdb" > /dev/null 2>&1 || true
wrong=()
for store in "$WORK/missing/none.duckdb" "$WORK/empty.duckdb"; do
  while IFS= read -r command; do
    [ -n "$command" ] || continue
    case "$store:$command" in
      # stats describes the store itself: zero counts are its answer for an empty one.
      *empty.duckdb:"detente stats"*) continue ;;
    esac
    set +e
    DETENTE_DB="$store" eval "$command" > "$WORK/out.txt" 2> "$WORK/err.txt"
    code=$?
    set -e
    echo "newcomer: DETENTE_DB=$(basename "$store") $command -> exit $code: $(head -1 "$WORK/err.txt")"
    [ "$code" -ne 0 ] || wrong+=("$command exited 0 on $store")
  done <<< "$reads"
done
[ ! -e "$WORK/missing" ] || wrong+=("a read command created $WORK/missing (a missing store must stay missing)")
if [ "${#wrong[@]}" -gt 0 ]; then
  printf 'newcomer: %s\n' "${wrong[@]}" >&2
  fail "${#wrong[@]} check(s) on a missing or empty store"
fi

echo
echo "newcomer: every README command worked as written; no command exited 0 on a missing or empty store"
