package dev.tokenomics.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids a scope has in the ledger, for completion: the tasks, workstreams, repos, sessions,
 * models, agents, machines, commits or releases that start with what the user typed, most recent first.
 */
public final class ScopeValues {
    private ScopeValues() {}

    /** Up to {@code limit} ids of {@code scope} starting with {@code prefix} (case-sensitive). */
    public static List<String> matching(TokenLedger ledger, Scope scope, String prefix, int limit) {
        String column = switch (scope) {
            case TASK -> "task_id";
            case WORKSTREAM -> "workstream";
            case REPO -> "repo";
            case SESSION -> "session_id";
            case MODEL -> "model";
            case AGENT -> "agent";
            case MACHINE -> "machine";
            case COMMIT, RELEASE -> "ref_id";
            case ALL -> null;
        };
        if (column == null) {
            return List.of();
        }
        // The column name comes from the switch above, never from input; the values are parameters.
        String sql = "SELECT " + column + " FROM token_events WHERE " + column + " IS NOT NULL AND substr(" + column
                + ", 1, ?) = ?" + (scope == Scope.COMMIT || scope == Scope.RELEASE ? " AND ref_type = ?" : "")
                + " GROUP BY " + column + " ORDER BY MAX(ts) DESC LIMIT ?";
        String p = prefix == null ? "" : prefix;
        return ledger.database().read("complete " + scope.wireName() + " ids", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setInt(i++, p.length());
                ps.setString(i++, p);
                if (scope == Scope.COMMIT || scope == Scope.RELEASE) {
                    ps.setString(i++, scope.wireName());
                }
                ps.setInt(i, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
