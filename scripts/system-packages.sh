#!/bin/sh
# Install the Debian packages named as arguments when any is missing; explain and fail when we can't.
set -u
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

echo "Installing system packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "ERROR: these system packages are missing and I am not root and have no sudo:$missing" >&2
    echo "Install them with: apt-get install$missing" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: no apt-get on this machine; install the equivalents of:$missing" >&2
    exit 1
fi
if ! { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing; } >/tmp/complaint-apt.log 2>&1; then
    tail -n 20 /tmp/complaint-apt.log >&2
    echo "ERROR: could not install:$missing (full log: /tmp/complaint-apt.log)" >&2
    exit 1
fi
echo "Installed:$missing"
