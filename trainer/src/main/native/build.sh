#!/usr/bin/env bash
# Builds libfaiss_shim.so from faiss_shim.cpp (route and flags: shared/docs/TOOLCHAIN.md, FAISS).
# Called by common/pom.xml in phase generate-resources:  build.sh OUTPUT_DIR
# - links Debian's static libfaiss.a into the shim and hides its symbols (--exclude-libs,ALL);
# - -z defs: fail at build time, not at load time, on an unresolved symbol;
# - skips the compile when the .so is newer than the sources;
# - on anything but Linux x86_64 it builds nothing: FaissNative then reports FAISS as unavailable
#   and the pure-Java ExactVectorIndex is the fallback.
set -euo pipefail

out_dir="${1:?usage: build.sh OUTPUT_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/faiss_shim.cpp"
out="$out_dir/libfaiss_shim.so"
multiarch=/usr/lib/x86_64-linux-gnu

platform="$(uname -s)-$(uname -m)"
if [ "$platform" != "Linux-x86_64" ]; then
  echo "[faiss-shim] not built: platform $platform is not Linux-x86_64 (FAISS unavailable; ExactVectorIndex is the fallback)"
  exit 0
fi

if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "${BASH_SOURCE[0]}" ]; then
  echo "[faiss-shim] up to date: $out"
  exit 0
fi

missing=()
command -v g++ >/dev/null 2>&1 || missing+=(g++)
{ [ -f "$multiarch/libfaiss.a" ] && [ -f /usr/include/faiss/index_factory.h ]; } || missing+=(libfaiss-dev)
[ -e "$multiarch/libopenblas.so" ] || missing+=(libopenblas-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[faiss-shim] error: missing Debian packages: ${missing[*]} (install with: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi

mkdir -p "$out_dir"
tmp="$(mktemp "$out_dir/.libfaiss_shim.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
g++ -O2 -std=c++17 -fPIC -shared -fopenmp -fvisibility=hidden "$src" -o "$tmp" \
  -Wl,--exclude-libs,ALL -Wl,-z,defs "$multiarch/libfaiss.a" -lopenblas -lgomp
chmod 755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "[faiss-shim] built $out"
