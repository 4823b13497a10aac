#!/usr/bin/env bash
# Make a Git repository with two negotiation rounds of the sample's 2027 agreements, tagged
# v2027-ronde1 and v2027-ronde2, to try `afsprakengen diff` on. Usage: scripts/demo-rounds.sh DIR
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: scripts/demo-rounds.sh DIR (a new folder)}"
if [ -e "$dir" ]; then echo "demo-rounds: $dir already exists; give a new folder" >&2; exit 2; fi
mkdir -p "$dir"
cp -r "$here/samples/voorbeeldstad" "$dir/voorbeeldstad"
cd "$dir"
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-Beleidsmedewerker}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-wonen@voorbeeldstad.example}"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
git init -q
git add -A
git commit -q -m "Prestatieafspraken 2027: ronde 1 (versie 0.3)"
git tag v2027-ronde1
git apply -p0 "$here/samples/rondes/voorbeeldstad-2027-ronde2.patch"
git commit -q -a -m "Prestatieafspraken 2027: ronde 2 (versie 0.4)"
git tag v2027-ronde2
cat <<TXT
Made $dir with two rounds of voorbeeldstad/2027, tagged v2027-ronde1 and v2027-ronde2. Try:
  cd $dir/voorbeeldstad
  afsprakengen diff v2027-ronde1:2027 v2027-ronde2:2027 --docx wijzigingen.docx --redline redline.docx
TXT
