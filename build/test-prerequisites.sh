# Sourced by test.sh: installs the services and tools the tests need, idempotently.

install_test_prerequisites() {
    # Azurite (Azure Storage emulator) for the cluster tests; tests start their own instances on free ports.
    local azurite_dir="${AZURITE_DIR:-$PWD/.tools/azurite}"
    if [ ! -x "$azurite_dir/node_modules/.bin/azurite" ]; then
        if command -v npm >/dev/null 2>&1; then
            echo "test.sh: installing azurite@3.37.0 into $azurite_dir"
            mkdir -p "$azurite_dir"
            npm install --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error azurite@3.37.0 >/dev/null
        else
            echo "test.sh: npm not found; cluster tests that need Azurite will fail" >&2
        fi
    fi
    export CONTRASTIVE_AZURITE="$azurite_dir/node_modules/.bin/azurite"
}
