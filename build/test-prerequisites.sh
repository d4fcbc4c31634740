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

    # The report tests open report.html in headless Debian Chromium driven by playwright-core (which downloads no
    # browser of its own: it is pointed at /usr/bin/chromium).
    if [ ! -x /usr/bin/chromium ]; then
        echo "test.sh: installing chromium (apt)"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; then
            apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
                || echo "test.sh: could not install chromium; the report browser test will fail" >&2
        fi
    fi
    export CONTRASTIVE_CHROMIUM=/usr/bin/chromium

    # Fashion-MNIST (Debian's dataset-fashion-mnist): one test reads the real files; the others write fixtures.
    if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
        echo "test.sh: installing dataset-fashion-mnist (apt)"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null; then
            apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null \
                || echo "test.sh: could not install dataset-fashion-mnist; the Fashion-MNIST test will fail" >&2
        fi
    fi
    local playwright_dir="${PLAYWRIGHT_DIR:-$PWD/.tools/playwright}"
    if [ ! -d "$playwright_dir/node_modules/playwright-core" ]; then
        if command -v npm >/dev/null 2>&1; then
            echo "test.sh: installing playwright-core@1.65.1 into $playwright_dir"
            mkdir -p "$playwright_dir"
            npm install --prefix "$playwright_dir" --no-audit --no-fund --loglevel=error playwright-core@1.65.1 >/dev/null
        else
            echo "test.sh: npm not found; the report browser test will fail" >&2
        fi
    fi
    export CONTRASTIVE_PLAYWRIGHT="$playwright_dir/node_modules/playwright-core"
}
