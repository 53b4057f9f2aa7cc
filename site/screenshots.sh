#!/usr/bin/env bash
# The documentation site's screenshot slots, and the hook that fills them.
#
# A page asks for a screenshot with  <!-- depthfm:screenshot FILE | CAPTION -->. The site shows
# site/images/screenshots/FILE once it exists, and a marked empty slot until then.
#
#   site/screenshots.sh           lists every slot and whether its image exists; exits 1 if one is missing
#   site/screenshots.sh CMD ARG.. runs "CMD ARG.. FILE CAPTION OUT_PNG" for every missing slot, e.g. a
#                                 script that opens Fiji under Xvfb, sets up the dialog or result the
#                                 caption describes and saves the screen as OUT_PNG
#
# Commit the images, then rebuild the site (./mvnw package).
set -euo pipefail
site="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shots="$site/images/screenshots"
mkdir -p "$shots"
missing=0
while IFS='|' read -r file caption; do
  file="$(echo "$file" | xargs)"
  caption="$(echo "$caption" | sed 's/ *-->.*//; s/^ *//')"
  if [ -f "$shots/$file" ]; then
    echo "present  $file  ($caption)"
  elif [ $# -gt 0 ]; then
    echo "making   $file  ($caption)"
    "$@" "$file" "$caption" "$shots/$file"
  else
    echo "missing  $file  ($caption)"
    missing=1
  fi
done < <(grep -ho 'depthfm:screenshot [^>]*-->' "$site"/pages/*.md | sed 's/^depthfm:screenshot //' | sort -u)
exit "$missing"
