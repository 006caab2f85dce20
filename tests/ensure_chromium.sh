#!/bin/sh
# Install Debian's chromium for the browser tests when it is missing (CI and fresh machines).
# Playwright drives it through executable_path; `playwright install` cannot download here.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        # the browser tests then skip, each saying why; everything else still runs
        echo "chromium missing at /usr/bin/chromium and no root to install it: the browser tests will skip." \
             "To run them: sudo apt-get update && sudo apt-get install -y chromium" >&2
        exit 0
    fi
fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
