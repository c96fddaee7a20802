#!/usr/bin/env bash
# A newcomer's first hour, replayed (issue 19): a fresh clone, a fresh venv, the README's commands, the
# mistakes people make, the pre-commit snippet (pre-commit try-repo at the README's rev) and the
# Action's steps. Every line printed in Chinese mode is read for English, and every exit code is checked:
# a bad or skipped input must never exit 0. Prints one line per step and a total; exit 1 if any failed.
#
#   docs/scripts/first_hour.sh [REPO]      (REPO: a path or URL to clone; default: this checkout)
set -uo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
work=$(mktemp -d /tmp/yinwen-first-hour.XXXXXX)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES= YINWEN_USER_CORPUS="$work/user-corpus" YINWEN_CACHE_DIR="$work/cache"
failures=0

git clone --quiet "$repo" "$work/yinwen" || exit 1
cd "$work/yinwen" || exit 1
python3 -m venv "$work/venv" && . "$work/venv/bin/activate"
started=$(date +%s)
python -m pip install --quiet . pre-commit >/dev/null || { echo "pip install failed"; exit 1; }
echo "install: $(( $(date +%s) - started )) s"

english() {  # the lines of a file with no Chinese and two or more English words
  python - "$1" <<'EOF'
import re, sys
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    words = [t.strip("()[]{}'\"“”‘’`,.;:!?") for t in line.split()]
    words = [w for w in words if re.fullmatch(r"[A-Za-z][a-z]+", w) and w.lower() != "yinwen"]
    data = re.match(r"^\s*[\w.\"-]+\s*=\s", line)  # a TOML assignment (yinwen config): data, not a message
    if not CJK.search(line) and not data and len(words) >= 2:
        print("    english: " + line.rstrip())
EOF
}

step() {  # step NAME EXPECTED-EXIT COMMAND...
  local name=$1 expected=$2
  shift 2
  "$@" >"$work/out" 2>&1
  local code=$?
  local found
  found=$(english "$work/out")
  if [ "$code" = "$expected" ] && [ -z "$found" ]; then
    echo "ok    $name (exit $code)"
  else
    echo "FAIL  $name (exit $code, expected $expected)"
    [ -n "$found" ] && echo "$found"
    failures=$((failures + 1))
  fi
}

case=$work/case  # a folder like a newcomer's: the README's sample selection, a draft, a corrupt .docx
mkdir -p "$case"
printf 'PK\003\004broken' > "$case/broken.docx"
printf '历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。认真学习党的二十大大报告。\n' > "$case/draft.txt"
printf 'select = ["YW1", "duplicated-word"]\n' > "$case/yinwen.toml"
printf 'selct = ["YW101"]\n' > "$work/typo.toml"

step "README: yinwen check seeds/"                 1 yinwen check seeds/
step "yinwen rules"                                0 yinwen rules
step "yinwen rule YW101"                           0 yinwen rule YW101
step "yinwen config"                               0 yinwen config
step "yinwen corpus search"                        0 yinwen corpus search "以斗争求安全则安全存"
step "yinwen corpus stats"                         0 yinwen corpus stats
cd "$case" || exit 1
step "README's select, a corrupt .docx: exit 2"    2 yinwen check broken.docx
step "the folder, --select YW1: still exit 2"      2 yinwen check . --select YW1
step "an over-size draft fails the run"            2 yinwen check draft.txt --max-size 10
step "a typo in a config file"                     2 yinwen check draft.txt --config "$work/typo.toml"
step "a missing file"                              2 yinwen check missing.txt
step "stdin with --fix prints the fixed text"      0 bash -o pipefail -c 'yinwen check - --fix < draft.txt | grep -q 以妥协求安全'
step "--annotate on a corrupt .docx says why"      2 yinwen check broken.docx --annotate out.docx
step "--format JSON"                               1 bash -c 'yinwen check draft.txt --format JSON > /dev/null'
step "a usage mistake"                             2 yinwen check --fail-on fatal draft.txt
step "write a baseline (with an unreadable file)"  2 yinwen check . --write-baseline baseline.json
step "check against it: the .docx is not accepted" 2 yinwen check . --baseline baseline.json
cd "$work/yinwen" || exit 1

rev=$(python -c "import re;print(re.search(r'rev: (\S+)', open('README.md', encoding='utf-8').read()).group(1))")
mkdir "$work/hooked" && (cd "$work/hooked" && git init -q && cp "$case/draft.txt" speech.md && git add speech.md)
if git -C "$work/yinwen" rev-parse --verify --quiet "refs/tags/$rev" >/dev/null; then
  step "pre-commit try-repo at $rev (exit 1)" 1 bash -o pipefail -c "cd '$work/hooked' && PRE_COMMIT_HOME='$work/pc' pre-commit try-repo '$work/yinwen' yinwen --ref '$rev' --files speech.md | sed -n '/- exit code/,\$p' | tail -n +2"  # the hook's own output
else
  echo "FAIL  the README names $rev, which is no tag of $repo (git tag $rev)"
  failures=$((failures + 1))
fi
python -m pip install --quiet pytest pyyaml jsonschema >/dev/null
step "the Action's steps (tests/test_action.py)"   0 bash -c 'python -m pytest -q -p no:cacheprovider tests/test_action.py > /dev/null'

echo "$failures failure(s)"
[ "$failures" = 0 ]
