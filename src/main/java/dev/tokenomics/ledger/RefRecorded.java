package dev.tokenomics.ledger;

/** A recorded ref: whether it replaced one with the same key, and how many events carry it. */
public record RefRecorded(Ref ref, boolean replaced, long events) {}
