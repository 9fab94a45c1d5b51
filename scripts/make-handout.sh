#!/usr/bin/env bash
# Writes the student copy of clusterlab: every file git tracks, except the lessons' reference
# answers (lessons/*/solutions/), into OUTDIR/clusterlab/ and OUTDIR/clusterlab-handout.tar.gz.
# Files are taken as they are in the working tree; files git does not track are left out.
#   usage: scripts/make-handout.sh OUTDIR        (make handout writes build/handout/)
set -euo pipefail

usage() {
    echo "usage: scripts/make-handout.sh OUTDIR"
    echo "Writes OUTDIR/clusterlab/ and OUTDIR/clusterlab-handout.tar.gz: the files git tracks, without lessons/*/solutions/."
}
say() { echo "make-handout: $*" >&2; }

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    usage
    exit 0
fi
if [[ $# -ne 1 || -z $1 ]]; then
    usage >&2
    exit 2
fi
outdir=$1
shown=${1%/} # as typed, for the messages
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The project must be a checkout of its own, not a copy sitting inside some other repository.
top=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null || true)
if [[ -z $top || $(cd "$top" && pwd) != "$root" ]]; then
    say "$root is not a git checkout: a handout is made of the files git tracks"
    exit 2
fi
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
copy=$outdir/clusterlab
tarball=$outdir/clusterlab-handout.tar.gz
if [[ $root == "$copy" || $root == "$copy"/* ]]; then
    say "$copy would replace the project itself: choose another OUTDIR"
    exit 2
fi
# An earlier handout is replaced; anything else called clusterlab there is left alone.
if [[ -e $copy && ( -e $copy/.git || ! -e $tarball ) ]]; then
    say "$copy exists and is not an earlier handout: remove it or choose another OUTDIR"
    exit 2
fi
cd "$root"

kept=() left_out=0 missing=0
while IFS= read -r -d '' f; do
    if [[ $f =~ ^lessons/[^/]+/solutions/ ]]; then
        left_out=$((left_out + 1))
    elif [[ -e $f || -L $f ]]; then
        kept+=("$f")
    else
        missing=$((missing + 1)) # tracked, but deleted in the working tree
    fi
done < <(git ls-files -z)
if [[ ${#kept[@]} -eq 0 ]]; then
    say "git tracks no files here yet: commit the project first"
    exit 2
fi

rm -rf "$copy" "$tarball"
mkdir -p "$copy"
printf '%s\0' "${kept[@]}" | tar --null --no-recursion -T - -cf - | tar -xf - -C "$copy"
tar -czf "$tarball" -C "$outdir" clusterlab

untracked=$(git ls-files --others --exclude-standard | wc -l)
echo "wrote $shown/clusterlab/ (${#kept[@]} files) and $shown/clusterlab-handout.tar.gz ($(du -k "$tarball" | cut -f1) KiB)"
echo "left out $left_out solution files (lessons/*/solutions/)"
if [[ $missing -gt 0 ]]; then
    echo "left out $missing tracked files missing from the working tree"
fi
if [[ $untracked -gt 0 ]]; then
    echo "note: $untracked files that git does not track are not in the handout (git add them to include them)"
fi
