#!/usr/bin/env bash
# Installs the operating-system packages the tests and benchmarks use, from Debian's archive:
# chromium (browser tests drive it with playwright-core; browser downloads do not work here),
# ffmpeg (video tests) and, with --bench, wrk and nginx (the static-file yardstick of `npm run bench`).
# Does nothing for packages already present.
# The test setup (test/support/system-setup.ts) runs it before the integration and browser tests.
set -euo pipefail

# APT_GET names the package tool (its tests pass a stand-in that records what it was asked).
apt_get="${APT_GET:-apt-get}"

want=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || want+=(chromium)
command -v java >/dev/null 2>&1 || want+=(default-jre-headless)
# ffmpeg (with ffprobe) makes and processes the test videos; the site itself runs without it.
{ command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; } || want+=(ffmpeg)
if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null 2>&1 || want+=(wrk)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || want+=(nginx)
fi
[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${want[*]}. Install them with: sudo apt-get install -y ${want[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
"$apt_get" update -qq
"$apt_get" install -y -qq --no-install-recommends "${want[@]}" >/dev/null
