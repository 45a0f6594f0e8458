package dev.tokenomics.ledger;

import java.util.List;

/** One stored workflow run and its agents, as the runs view reads them. */
public record WorkflowRunData(WorkflowRunRow run, List<Agent> agents) {
    /** One agent: its stage, label, model, its one token count, and whether it errored. */
    public record Agent(String stage, String label, String model, long tokens, boolean error) {}
}
