# Sourced by the deployment test scripts: named checks, each passing or failing on its own,
# and the closing "N passed, N failed" line CI reads.
passed=0
failed=0
failures=()

# check "what a user relies on" command...: passes when the command succeeds.
check() {
    local name=$1
    shift
    if "$@" >"$checks_log" 2>&1; then
        passed=$((passed + 1))
        echo "ok - $name"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "FAIL - $name"
        sed 's/^/    /' "$checks_log" | tail -20
    fi
}

# Prints the closing line; the exit status says whether every check passed.
summary() {
    echo "$passed passed, $failed failed"
    for name in "${failures[@]}"; do
        echo "  failed: $name"
    done
    [ "$failed" -eq 0 ]
}

checks_log=$(mktemp /tmp/confide-check.XXXXXX)
