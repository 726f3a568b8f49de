#!/usr/bin/env bash
# Runs everything that needs an NVIDIA GPU on the CUDA backend, in one command, and writes the
# reports: the devices found, the CUDA backend's own tests (nvcc kernel checks included), the
# whole conformance suite (forward, gradients, batching, RNG, error inputs, leaks, front-ends)
# and the benchmarks.
#
#   scripts/cuda-check.sh [OUT_DIR]        default OUT_DIR: reports/cuda-check-<time>
#   CUDA_CHECK_BENCH="--full" scripts/cuda-check.sh   extra options for `triad bench`
#
# Exits 0 when every step passed; otherwise 1, after running the remaining steps, with a
# summary of which failed. Exits 2 at once, before any long step, when the CUDA backend cannot
# run here, printing the probe's reason (no driver, no device, ...) and what can be checked
# without a GPU instead.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-reports/cuda-check-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
echo "cuda-check: reports go to $out"

# What to tell someone who runs this where CUDA cannot run.
no_gpu_help() {
  cat >&2 <<'HELP'
cuda-check: this script needs a machine with an NVIDIA GPU and its driver (libcuda.so.1).
  Without one, what can be checked is checked by the normal build: the CUDA backend's host-side
  unit tests and the nvcc compilation of every generated kernel (NvccCompileTest, when nvcc is
  installed):   ./mvnw -pl backend-cuda -am test
HELP
}

# 1. Devices (this also builds the project on first use).
./triad devices 2>&1 | tee "$out/devices.txt"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "cuda-check: './triad devices' failed (see $out/devices.txt); fix the build first" >&2
  exit 2
fi
cuda_line="$(grep -E '^cuda ' "$out/devices.txt" || true)"
if [ -z "$cuda_line" ]; then
  echo "cuda-check: './triad devices' lists no 'cuda' backend: backend-cuda is not on the launcher's class path (is it built?)" >&2
  exit 2
fi
if echo "$cuda_line" | grep -q 'UNAVAILABLE'; then
  echo "cuda-check: the CUDA backend cannot run here: ${cuda_line#*UNAVAILABLE: }" >&2
  if ! command -v nvidia-smi >/dev/null 2>&1 && ! ls /dev/nvidia0 >/dev/null 2>&1; then
    echo "cuda-check: no NVIDIA GPU is visible on this machine (no nvidia-smi, no /dev/nvidia0)." >&2
  fi
  no_gpu_help
  exit 2
fi
if grep -q 'could not open' "$out/devices.txt"; then
  echo "cuda-check: the CUDA backend was found but could not open a device:" >&2
  grep 'could not open' "$out/devices.txt" >&2
  exit 2
fi

declare -A status
# 2. The backend's own tests (host logic, provider, nvcc kernel compilation when nvcc exists).
. scripts/jdk.sh
triad_select_jdk
# -am builds spi and codegen-c from this checkout; the pattern keeps their own tests out.
if ./mvnw -B -q -pl backend-cuda -am test -Dtest='dev/triad/backend/cuda/**/*Test' -Dsurefire.failIfNoSpecifiedTests=false \
    >"$out/backend-cuda-tests.log" 2>&1; then status[tests]=ok; else status[tests]=FAILED; fi
echo "cuda-check: backend-cuda tests: ${status[tests]} (log: $out/backend-cuda-tests.log)"

# 3. The conformance suite on the CUDA backend only.
if ./triad conformance --backend cuda --out "$out/conformance" 2>&1 | tee "$out/conformance.log"; then
  status[conformance]=ok
else
  status[conformance]=FAILED
fi

# 4. The benchmarks on the CUDA backend (with the CPU backend as the baseline to compare against).
# shellcheck disable=SC2086
if ./triad bench --backends cuda,cpu --baseline cpu/eager --out "$out/bench" ${CUDA_CHECK_BENCH:-} 2>&1 | tee "$out/bench.log"; then
  status[bench]=ok
else
  status[bench]=FAILED
fi

echo
echo "cuda-check summary ($out):"
rc=0
for step in tests conformance bench; do
  echo "  $step: ${status[$step]}"
  [ "${status[$step]}" = ok ] || rc=1
done
echo "  conformance report: $out/conformance/conformance.html"
echo "  benchmark report:   $out/bench/report.html"
exit $rc
