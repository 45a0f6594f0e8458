package dev.tokenomics.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** workflow_runs, and each run's agents as the events imported from its telemetry. */
final class WorkflowStore {
    /** Events of a run carry this ref_type and the run id as ref_id. */
    static final String REF_TYPE = "workflow_run";

    private WorkflowStore() {}

    static void putRun(Connection c, WorkflowRunRow r, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO workflow_runs (run_id, workflow, status, total_tokens, path, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET workflow = excluded.workflow, status = excluded.status,
                  total_tokens = excluded.total_tokens, path = excluded.path, updated_at = excluded.updated_at""")) {
            ps.setString(1, r.runId());
            ps.setString(2, r.workflow());
            ps.setString(3, r.status());
            ps.setLong(4, r.totalTokens());
            ps.setString(5, r.path());
            ps.setString(6, Times.format(now));
            ps.executeUpdate();
        }
    }

    /** Every run (or the one named), oldest import first, each with its agents in telemetry order. */
    static List<WorkflowRunData> runs(Connection c, String runId) throws SQLException {
        Map<String, WorkflowRunData> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, workflow, status, total_tokens, path "
                + "FROM workflow_runs" + (runId == null ? "" : " WHERE run_id = ?") + " ORDER BY updated_at, run_id")) {
            if (runId != null) {
                ps.setString(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkflowRunRow r = new WorkflowRunRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getString(5));
                    out.put(r.runId(), new WorkflowRunData(r, new ArrayList<>()));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ref_id, stage, agent, model, input_tokens + output_tokens "
                + "+ cache_creation_tokens + cache_creation_1h_tokens + cache_read_tokens, status, record_key "
                + "FROM token_events WHERE ref_type = ? AND source = ?" + (runId == null ? "" : " AND ref_id = ?")
                + " ORDER BY record_key")) {
            ps.setString(1, REF_TYPE);
            ps.setString(2, Sources.WORKFLOW);
            if (runId != null) {
                ps.setString(3, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkflowRunData run = out.get(rs.getString(1));
                    if (run != null) {
                        run.agents().add(new WorkflowRunData.Agent(rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), "error".equals(rs.getString(6))));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }
}
