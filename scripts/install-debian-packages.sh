#!/usr/bin/env bash
# Debian packages the project needs besides Node 20 / npm:
#   libsecret-1-dev  keytar (pulled by office-addin-debugging) builds against it
#   libxml2-utils    xmllint, to validate manifest.xml against schemas/office
#   chromium         the task-pane browser test (driven by playwright-core)
set -euo pipefail
packages=(libsecret-1-dev libxml2-utils chromium)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
