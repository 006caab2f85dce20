#!/bin/sh
# Install Debian's chromium for the browser tests when it is missing (CI and fresh machines).
# Playwright drives it through executable_path; `playwright install` cannot download here.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium missing at /usr/bin/chromium; run as root: apt-get update && apt-get install -y chromium" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
