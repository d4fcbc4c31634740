#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need, builds, tests, and ends with
# the plain summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
log_dir="artifacts/test"
mkdir -p "$log_dir"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET SDK (dotnet, version in global.json) is required" >&2
    exit 2
fi

# Test-only services are installed here, by the tests' own script, never by hand.
source ./build/test-prerequisites.sh
install_test_prerequisites

dotnet build ContrastiveOrleans.sln -c "$configuration" -nologo -v quiet
set +e
dotnet test --solution ContrastiveOrleans.sln -c "$configuration" --no-build "$@" 2>&1 | tee "$log_dir/test-output.txt"
status=${PIPESTATUS[0]}
set -e

# MTP prints one summary per test project; sum them so CI sees one line.
summary=$(awk '
    /^[[:space:]]*succeeded:/ { passed += $2 }
    /^[[:space:]]*failed:/    { failed += $2 }
    END { printf "%d passed, %d failed", passed, failed }' "$log_dir/test-output.txt")
echo "$summary"
exit "$status"
