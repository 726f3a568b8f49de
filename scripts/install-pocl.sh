#!/usr/bin/env bash
# Makes an OpenCL runtime available for the OpenCL backend's tests: when no OpenCL platform is
# found, installs PoCL (a CPU OpenCL implementation) from Debian, with the ICD loader and clinfo.
# Sourced or run by .ci/run before the tests. Never fails the build: without a platform the
# OpenCL provider's probe reports "unavailable" and the conformance suite says so.
set -uo pipefail

pocl_platforms() {
  # Prints the number of OpenCL platforms clinfo lists (0 when clinfo or the loader is missing).
  command -v clinfo >/dev/null 2>&1 || { echo 0; return; }
  clinfo -l 2>/dev/null | grep -c '^Platform' || true
}

if [ "${TRIAD_SKIP_POCL_INSTALL:-}" = "1" ]; then
  echo "install-pocl: TRIAD_SKIP_POCL_INSTALL=1, not checking for an OpenCL runtime" >&2
  exit 0
fi

count=$(pocl_platforms)
if [ "${count:-0}" -gt 0 ]; then
  echo "install-pocl: OpenCL platform(s) found: ${count}; nothing to install" >&2
  exit 0
fi

packages=(pocl-opencl-icd ocl-icd-libopencl1 clinfo)
if [ "$(id -u)" != "0" ]; then
  echo "install-pocl: no OpenCL platform found and not running as root; the OpenCL backend will report itself unavailable." >&2
  echo "install-pocl: to test it, run: sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-pocl: no OpenCL platform found and no apt-get here; install PoCL (or another OpenCL ICD) by hand to test the OpenCL backend." >&2
  exit 0
fi

echo "install-pocl: no OpenCL platform found; installing ${packages[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2; then
  echo "install-pocl: installed; platforms now: $(pocl_platforms)" >&2
else
  echo "install-pocl: apt-get failed; the OpenCL backend will report itself unavailable" >&2
fi
exit 0
