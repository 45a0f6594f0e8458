package dev.tokenomics.cli;

/** Exit codes: 0 done, 1 the work failed (ledger, I/O) or a gate tripped, 2 bad input or usage. */
final class Exit {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private Exit() {}
}
