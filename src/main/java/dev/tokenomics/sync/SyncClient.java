package dev.tokenomics.sync;

import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.SyncLedger;
import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Pushes a local ledger's events to a hub, outbound HTTP only: the events after the cursor the
 * ledger keeps for that hub, in id order, a batch at a time, each batch one machine's. The cursor
 * moves only after the hub answers 200, so a sync killed at any moment pushes the rest on its next
 * run, and the hub, keyed by (machine, record_key), adds nothing twice.
 */
public final class SyncClient {
    /**
     * What one run pushed: events (new on the hub or replacing its copy), task status changes
     * (those new on the hub) and refs sent.
     */
    public record Result(long pushed, long added, long replaced, int batches, long lastEventId, long changes,
            long changesAdded, long refs) {}

    /** Told after each acknowledged batch. */
    @FunctionalInterface
    public interface Progress {
        void pushed(long done, long total);

        Progress NONE = (done, total) -> {};
    }

    /** A push the hub refused or could not take; nothing past the last acknowledged batch moved. */
    public static final class HubException extends RuntimeException {
        private final boolean retryable;

        HubException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final SyncLedger ledger;
    private final URI endpoint;
    private final String token;
    private final int batch;
    private final int retries;
    private final HttpClient http;

    public SyncClient(TokenLedger ledger, URI hub, String token, int batch, int retries, Duration timeout) {
        if (batch < 1 || batch > SyncWire.MAX_EVENTS) {
            throw new IllegalArgumentException("--batch must be 1 to " + SyncWire.MAX_EVENTS + ", got " + batch);
        }
        this.ledger = ledger.sync();
        this.endpoint = endpoint(hub);
        this.token = token;
        this.batch = batch;
        this.retries = retries;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The hub's push URL: {@code /v1/sync} on the hub's address unless the URL names it. */
    public static URI endpoint(URI hub) {
        if (hub.getScheme() == null || !(hub.getScheme().equals("http") || hub.getScheme().equals("https"))
                || hub.getHost() == null) {
            throw new IllegalArgumentException("--to must be the hub's http(s) URL, e.g. http://hub:8080, got '" + hub + "'");
        }
        String path = hub.getPath() == null || hub.getPath().isEmpty() || hub.getPath().equals("/") ? "/v1/sync"
                : hub.getPath();
        return URI.create(hub.getScheme() + "://" + hub.getRawAuthority() + path);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Events not yet acknowledged by this hub (task changes and refs are few, and go after them). */
    public long pending() {
        return ledger.countAfter(ledger.cursor(endpoint.toString()).lastEventId());
    }

    /** Pushes everything after the cursor; throws HubException on the first batch the hub does not take. */
    public Result run(Progress progress) throws InterruptedException {
        String hub = endpoint.toString();
        long after = ledger.cursor(hub).lastEventId();
        long total = ledger.countAfter(after);
        long pushed = 0;
        long added = 0;
        long replaced = 0;
        int batches = 0;
        while (true) {
            List<StoredEvent> page = ledger.eventsAfter(after, batch);
            if (page.isEmpty()) {
                TasksAndRefs more = pushTasksAndRefs(hub);
                if (batches == 0 && more.pushes() == 0) {
                    // Nothing new: an empty push still checks that the hub is up and takes the token.
                    push(SyncWire.JSON.writeValueAsBytes(SyncWire.push(ledger.machine(), List.of())));
                }
                return new Result(pushed, added, replaced, batches + more.pushes(), after, more.changes(),
                        more.changesAdded(), more.refs());
            }
            for (List<StoredEvent> run : byMachine(page)) {
                StoredEvent last = run.get(run.size() - 1);
                JsonNode answer = push(SyncWire.JSON.writeValueAsBytes(SyncWire.push(run.get(0).event().machine(), run)));
                ledger.advance(hub, last.id(), run.size());
                after = last.id();
                pushed += run.size();
                added += answer.path("added").asLong();
                replaced += answer.path("replaced").asLong();
                batches++;
                progress.pushed(pushed, total);
            }
        }
    }

    /**
     * After the events (a change names the event recorded with it): the task status changes after
     * the cursor, then the refs changed since it, a batch a push, each cursor moved after the hub's
     * 200. They were made on this machine: pushed under its name.
     */
    private TasksAndRefs pushTasksAndRefs(String hub) throws InterruptedException {
        String machine = ledger.machine();
        long sent = 0;
        long fresh = 0;
        int pushes = 0;
        SyncLedger.Cursor cursor = ledger.cursor(hub);
        long afterChange = cursor.lastChangeId();
        while (true) {
            List<dev.tokenomics.ledger.SyncedChange> changes = ledger.changesAfter(afterChange, batch);
            if (changes.isEmpty()) {
                break;
            }
            JsonNode answer = push(SyncWire.JSON.writeValueAsBytes(SyncWire.push(machine, List.of(), changes,
                    List.of())));
            afterChange = changes.get(changes.size() - 1).id();
            ledger.advanceChanges(hub, afterChange);
            sent += changes.size();
            fresh += answer.path("status_changes_added").asLong();
            pushes++;
        }
        List<SyncLedger.RefAt> refs = ledger.refsSince(cursor.refsSince());
        long refsSent = 0;
        for (int from = 0; from < refs.size(); from += batch) {
            List<SyncLedger.RefAt> part = refs.subList(from, Math.min(refs.size(), from + batch));
            push(SyncWire.JSON.writeValueAsBytes(SyncWire.push(machine, List.of(), List.of(),
                    part.stream().map(SyncLedger.RefAt::ref).toList())));
            ledger.advanceRefs(hub, part.get(part.size() - 1).updatedAt());
            refsSent += part.size();
            pushes++;
        }
        return new TasksAndRefs(sent, fresh, refsSent, pushes);
    }

    /** What the pushes after the events did: changes sent and new on the hub, refs sent, pushes made. */
    private record TasksAndRefs(long changes, long changesAdded, long refs, int pushes) {}

    /** The page cut where the machine changes: one push carries one machine's events. */
    static List<List<StoredEvent>> byMachine(List<StoredEvent> page) {
        List<List<StoredEvent>> runs = new ArrayList<>();
        List<StoredEvent> current = new ArrayList<>();
        for (StoredEvent e : page) {
            if (!current.isEmpty() && !Objects.equals(current.get(0).event().machine(), e.event().machine())) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(e);
        }
        runs.add(current);
        return runs;
    }

    private JsonNode push(byte[] body) throws InterruptedException {
        HubException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Thread.sleep(Math.min(8_000L, 500L << (attempt - 1)));
            }
            try {
                return pushOnce(body);
            } catch (HubException e) {
                if (!e.retryable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private JsonNode pushOnce(byte[] body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new HubException("cannot reach hub " + endpoint + ": connection refused (is `tokenomics serve --http` "
                    + "running there?)", true);
        } catch (IOException e) {
            throw new HubException("cannot reach hub " + endpoint + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), true);
        }
        int status = r.statusCode();
        if (status == 200) {
            return SyncWire.JSON.readTree(r.body());
        }
        String said = reason(r.body());
        if (status == 401 || status == 403) {
            throw new HubException("hub " + endpoint + " refused the token (" + status + "): " + said
                    + (token == null ? "; give --auth-token T (or env TOKENOMICS_HUB_TOKEN)" : ""), false);
        }
        if (status == 404) {
            throw new HubException("hub " + endpoint + " has no sync endpoint (404): is it `tokenomics serve --http`?",
                    false);
        }
        throw new HubException("hub " + endpoint + " answered " + status + ": " + said, status >= 500);
    }

    private static String reason(String body) {
        try {
            JsonNode n = SyncWire.JSON.readTree(body);
            if (n != null && n.path("error").isString()) {
                return n.path("error").asString();
            }
        } catch (RuntimeException e) {
            // not our JSON: show its start
        }
        String b = body == null ? "" : body.strip();
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }
}
