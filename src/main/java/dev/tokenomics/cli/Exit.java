package dev.tokenomics.cli;

/** Exit codes: 0 done, 1 the work failed (ledger, I/O) or a gate tripped, 2 bad input or usage. */
public final class Exit {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private Exit() {}
}
