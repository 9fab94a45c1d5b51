#!/usr/bin/env bash
# Checks a lesson's exercises: compiles the Java files of lessons/NN-*/exercises/ (your work) or of
# lessons/NN-*/solutions/ (the reference answers) together with the lesson's checker,
# lessons/NN-*/check/*.java, then runs the checker and prints one line with the score.
# Work that is not Java (lesson 09's bash functions) is not compiled: the checker finds it through
# the system property lesson.work, the work directory's absolute path (clusterlab.root is the
# repository's).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: make check LESSON=NN [WORK=exercises|solutions]
   or: scripts/check-lesson.sh NN [exercises|solutions]

Compiles lessons/NN-*/exercises/ (the default) or lessons/NN-*/solutions/ together with the
lesson's checker, lessons/NN-*/check/, into build/lessons/NN-WORK/, runs the checker, and ends
with one line such as "lesson 01 (exercises): 1 of 3 checks pass".

Needs build/classes (run make first) and the JUnit console launcher: $JUNIT if set, else
/usr/share/java/junit-platform-console-standalone.jar (sudo apt install junit5), else
lib/junit-platform-console-standalone-*.jar.

Exit status: 0 every check passes, 1 some checks fail, 2 usage or setup problem,
3 the code does not compile.
EOF
}

say() { echo "check-lesson: $*" >&2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# A JUNIT given relative to where the command was typed must still work after the cd below.
junit=${JUNIT:-}
if [[ -n $junit && $junit != /* ]]; then
    junit=$PWD/$junit
fi
cd "$root"
shopt -s nullglob

# Lessons as "NN-name", and those with a checker as "NN", for the error messages.
all_lessons() {
    local d names=()
    for d in lessons/[0-9]*/; do
        d=${d%/}
        names+=("${d#lessons/}")
    done
    echo "${names[*]:-none}"
}
checked_lessons() {
    local d numbers=()
    for d in lessons/[0-9]*/check/; do
        d=${d#lessons/}
        numbers+=("${d%%-*}")
    done
    echo "${numbers[*]:-none}"
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    usage
    exit 0
fi
# `make check` without LESSON= runs this script with the work directory alone.
if [[ $# -eq 0 || $1 == exercises || $1 == solutions ]]; then
    say "which lesson? lessons with checks: $(checked_lessons)"
    usage | sed -n 1,2p >&2
    exit 2
fi
if [[ ! $1 =~ ^[0-9]{1,3}$ ]]; then
    say "'$1' is not a lesson number (lessons with checks: $(checked_lessons))"
    usage | sed -n 1,2p >&2
    exit 2
fi
if [[ $# -gt 2 ]]; then
    say "too many arguments: $*"
    usage | sed -n 1,2p >&2
    exit 2
fi
work=${2:-exercises}
if [[ $work != exercises && $work != solutions ]]; then
    say "'$work' is neither exercises nor solutions"
    usage | sed -n 1,2p >&2
    exit 2
fi

nn=$(printf '%02d' "$((10#$1))")
matches=(lessons/"$nn"-*/)
if [[ ${#matches[@]} -eq 0 ]]; then
    say "no lesson $nn; lessons: $(all_lessons)"
    exit 2
fi
if [[ ${#matches[@]} -gt 1 ]]; then
    say "several lessons are numbered $nn: ${matches[*]}"
    exit 2
fi
lesson=${matches[0]%/}
if [[ ! -d $lesson/check ]]; then
    say "$lesson has no check/ directory; lessons with checks: $(checked_lessons)"
    exit 2
fi
if [[ ! -d $lesson/$work ]]; then
    if [[ $work == solutions ]]; then
        say "$lesson/solutions/ does not exist (a student copy has none); check your work with: scripts/check-lesson.sh $nn"
    else
        say "$lesson/$work/ does not exist"
    fi
    exit 2
fi
mapfile -t work_sources < <(find "$lesson/$work" -name '*.java' | LC_ALL=C sort)
mapfile -t check_sources < <(find "$lesson/check" -name '*.java' | LC_ALL=C sort)
if [[ ${#check_sources[@]} -eq 0 ]]; then
    say "no .java files in $lesson/check/"
    exit 2
fi

if [[ -z $junit ]]; then
    local_jars=(lib/junit-platform-console-standalone-*.jar)
    if [[ -f /usr/share/java/junit-platform-console-standalone.jar ]]; then
        junit=/usr/share/java/junit-platform-console-standalone.jar
    elif [[ ${#local_jars[@]} -gt 0 ]]; then
        junit=$root/${local_jars[-1]}
    else
        say "no JUnit console launcher (set JUNIT=path/to/junit-platform-console-standalone.jar): sudo apt install junit5"
        exit 2
    fi
elif [[ ! -f $junit ]]; then
    say "JUNIT=$junit: no such file"
    exit 2
fi
for tool in javac java; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        say "$tool not found: sudo apt install openjdk-17-jdk-headless"
        exit 2
    fi
done
if [[ ! -d build/classes/clusterlab ]]; then
    say "build/classes/ is missing: run make first"
    exit 2
fi

# Compile the work (its .java files, if it has any) and the checker together, into a directory of
# their own.
out=build/lessons/$nn-$work
rm -rf "$out"
mkdir -p "$out"
if ! javac_output=$(javac --release 17 -Xlint:all -encoding UTF-8 -cp "build/classes:$junit" -d "$out" \
        "${work_sources[@]}" "${check_sources[@]}" 2>&1); then
    printf '%s\n' "$javac_output"
    errors=$(grep -E '^[^ ].*\.java:[0-9]+: error:' <<<"$javac_output" || true)
    if [[ -n $errors ]] && ! grep -qv "^$lesson/check/" <<<"$errors"; then
        echo "Your files compile, but the checker cannot use them: keep the class names, packages and"
        echo "method signatures of the starter files."
    fi
    echo "lesson $nn ($work): does not compile"
    exit 3
fi
if [[ -n $javac_output ]]; then
    printf '%s\n' "$javac_output"
fi

# Run every check class of the package; the launcher's tree shows each check as it ends.
report=$(mktemp)
trap 'rm -f "$report"' EXIT
set +e
java -Dlesson.work="$root/$lesson/$work" -Dclusterlab.root="$root" \
    -jar "$junit" --class-path "$out:build/classes" --select-package "lesson$nn" --include-classname '.*' \
    --include-engine junit-jupiter --disable-banner --disable-ansi-colors --details=tree 2>&1 | tee "$report"
status=${PIPESTATUS[0]}
set -e

count() { sed -n "s/^\[ *\([0-9]*\) tests $1 *\]$/\1/p" "$report" | tail -n 1; }
found=$(count found)
passed=$(count successful)
found=${found:-0} passed=${passed:-0}
if [[ $found -eq 0 ]]; then
    echo "lesson $nn ($work): no checks found (is $lesson/check/ in package lesson$nn?)"
    exit 1
fi
echo "lesson $nn ($work): $passed of $found checks pass"
if [[ $status -eq 0 && $passed -eq $found ]]; then
    exit 0
fi
exit 1
