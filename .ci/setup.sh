#!/usr/bin/env bash
# Installs what descent needs on a Debian machine, once: system packages (apt, when root) and npm
# packages. Idempotent and quick when everything is present. Used by `npm start`, `npm test`
# and CI alike.
set -euo pipefail
cd "$(dirname "$0")/.."

# One file per Debian package proves it is installed.
declare -A need=(
  [/usr/bin/emcc]=emscripten
  [/usr/bin/cmake]=cmake
  [/usr/bin/ninja]=ninja-build
  [/usr/bin/g++]=g++
  [/usr/bin/clang++]=clang
  [/usr/include/eigen3/Eigen/Dense]=libeigen3-dev
  [/usr/include/nlohmann/json.hpp]=nlohmann-json3-dev
  [/usr/include/fast_float/fast_float.h]=libfast-float-dev
  [/usr/lib/x86_64-linux-gnu/cmake/GTest/GTestConfig.cmake]=libgtest-dev
  [/usr/bin/chromium]=chromium
  [/usr/bin/wasm-dis]=binaryen
)
missing=()
for file in "${!need[@]}"; do
  [ -e "$file" ] || missing+=("${need[$file]}")
done
# clang's sanitizer/fuzzer runtime has no fixed path across versions; ask dpkg.
dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)

if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then
    echo "descent setup: installing ${missing[*]} (apt-get, about 1-2 minutes the first time)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "descent setup: missing system packages. Run this once, then try again:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# npm packages: only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "descent setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
