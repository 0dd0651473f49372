#!/usr/bin/env bash
# Installs the Debian packages the tests use, only those that are missing.
#   chromium      headless browser for webview and end-to-end tests
#   ripgrep       code-server's search needs a real rg binary
#   libkrb5-dev   headers for code-server's kerberos native module
#   golang-go, golang-github-robfig-cron-dev
#                 Go and Debian's copy of robfig/cron v3.0.1 (the parser Kubernetes uses): they
#                 build the oracle of scripts/robfigDiff/ offline
#   kubernetes-client  the real kubectl, to prove the test API server is faithful; only
#                      when no kubectl is installed (the image may ship a newer one, and
#                      Debian's package would clash with it)
set -euo pipefail
wanted=(chromium ripgrep libkrb5-dev golang-go golang-github-robfig-cron-dev)
command -v kubectl >/dev/null 2>&1 || wanted+=(kubernetes-client)
missing=()
for p in "${wanted[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "system packages: ${wanted[*]} present"
