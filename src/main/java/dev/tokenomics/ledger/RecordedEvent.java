package dev.tokenomics.ledger;

/**
 * What recording one event did: its id, whether its record_key replaced an earlier event, its
 * computed cost (null when the model is unpriced) and the running totals of its task and
 * workstream after the write (null when the event has none).
 */
public record RecordedEvent(
        long id,
        String recordKey,
        boolean replaced,
        EventInput event,
        Long costNanos,
        String priceVersion,
        Totals taskTotals,
        Totals workstreamTotals) {}
