package io.vitalstream.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vitalstream.config.VitalStreamConfig;
import io.vitalstream.error.ServiceBusyException;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What replicas share in Redis (SPEC section 7), as plain commands:
 * <ul>
 * <li>{@code vs:job:<id>}: a job's record (the JSON of its job.json); {@code vs:jobs}: ids by
 * creation time;</li>
 * <li>{@code vs:queue}: the job queue, a stream read by the consumer group {@code runners}
 * (one consumer per replica); an entry stays pending until its runner acknowledges it, and
 * the runner's heartbeat (XCLAIM of its own entries) keeps its idle time below the lease;</li>
 * <li>{@code vs:events}: job events of every replica (a capped stream every replica reads);</li>
 * <li>{@code vs:cancel:<id>}: a cancel for a job wherever it runs;</li>
 * <li>{@code vs:stats}: the cluster's counters; {@code vs:nodes}: replicas by their last heartbeat.</li>
 * </ul>
 * Every failure to reach Redis is a 503 ({@link ServiceBusyException}) for the caller.
 */
@ApplicationScoped
public class ClusterStore {

    static final String QUEUE = "vs:queue";
    static final String GROUP = "runners";
    static final String EVENTS = "vs:events";
    private static final String JOBS = "vs:jobs";
    private static final String STATS = "vs:stats";
    private static final String NODES = "vs:nodes";

    @Inject
    VitalStreamConfig config;
    @Inject
    Instance<RedisDataSource> redis;
    @Inject
    JobStore store;

    private final ObjectMapper json = new ObjectMapper();
    private String node;
    private boolean enabled;

    /** One entry of a stream: its id and fields. */
    record Entry(String id, Map<String, String> fields) {
    }

    @PostConstruct
    void init() {
        enabled = config.cluster().redisUrl().isPresent();
        node = config.cluster().nodeId().orElseGet(ClusterStore::defaultNodeId);
    }

    /** Host name and process id: unique among replicas on one machine and across machines. */
    static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public boolean enabled() {
        return enabled;
    }

    public String node() {
        return node;
    }

    long leaseMillis() {
        return config.cluster().leaseSeconds() * 1000L;
    }

    /** One command; Redis unreachable or refusing is a 503. */
    public Response cmd(String command, String... args) {
        try {
            return redis.get().execute(command, args);
        } catch (RuntimeException e) {
            throw new ServiceBusyException("the cluster store (Redis) is unreachable or refused " + command + ": "
                    + rootMessage(e) + "; try again when it is back");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // --- job records ------------------------------------------------------------------------

    void saveRecord(JobRecord r) {
        cmd("SET", "vs:job:" + r.requestId(), store.toJson(r));
        cmd("ZADD", JOBS, Long.toString(r.createdAt().toEpochMilli()), r.requestId());
    }

    Optional<JobRecord> loadRecord(String id) {
        Response r = cmd("GET", "vs:job:" + id);
        return r == null ? Optional.empty() : Optional.of(store.fromJson(r.toString()));
    }

    /** Every record, newest first. */
    List<JobRecord> listRecords() {
        Response ids = cmd("ZREVRANGE", JOBS, "0", "-1");
        List<JobRecord> out = new ArrayList<>();
        if (ids == null || ids.size() == 0) {
            return out;
        }
        String[] keys = new String[ids.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "vs:job:" + ids.get(i).toString();
        }
        Response values = cmd("MGET", keys);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                out.add(store.fromJson(values.get(i).toString()));
            }
        }
        return out;
    }

    // --- the queue --------------------------------------------------------------------------

    /** Creates the consumer group if Redis has none (a new or emptied Redis); true when this call created it. */
    boolean ensureGroup() {
        try {
            redis.get().execute("XGROUP", "CREATE", QUEUE, GROUP, "0", "MKSTREAM");
            return true;
        } catch (RuntimeException e) {
            if (rootMessage(e).contains("BUSYGROUP")) {
                return false;
            }
            throw new ServiceBusyException("the cluster store (Redis) is unreachable: " + rootMessage(e));
        }
    }

    void enqueue(String jobId) {
        cmd("XADD", QUEUE, "*", "job", jobId);
    }

    /** New entries for this replica, waiting up to blockMillis for one. */
    List<Entry> take(int count, long blockMillis) {
        return takeFrom(QUEUE, count, blockMillis);
    }

    /** New entries of a stream read by the group {@code runners} (blockMillis 0: no waiting). */
    List<Entry> takeFrom(String stream, int count, long blockMillis) {
        List<String> args = new ArrayList<>(List.of("GROUP", GROUP, node, "COUNT", Integer.toString(count)));
        if (blockMillis > 0) {
            args.addAll(List.of("BLOCK", Long.toString(blockMillis)));
        }
        args.addAll(List.of("STREAMS", stream, ">"));
        return entries(cmd("XREADGROUP", args.toArray(String[]::new)), true);
    }

    /** Entries whose runner has been silent for longer than the lease, now this replica's. */
    List<Entry> reclaim(int count) {
        return reclaimFrom(QUEUE, count);
    }

    List<Entry> reclaimFrom(String stream, int count) {
        Response r = cmd("XAUTOCLAIM", stream, GROUP, node, Long.toString(leaseMillis()), "0-0", "COUNT", Integer.toString(count));
        List<Entry> out = new ArrayList<>();
        if (r != null && r.size() > 1 && r.get(1) != null) {
            for (int i = 0; i < r.get(1).size(); i++) {
                Response e = r.get(1).get(i);
                if (e != null && e.size() >= 2 && e.get(1) != null) {
                    out.add(new Entry(e.get(0).toString(), fields(e.get(1))));
                }
            }
        }
        return out;
    }

    /** Resets the idle time of entries this replica runs (its heartbeat for them). */
    void heartbeat(List<String> entryIds) {
        cmd("ZADD", NODES, Long.toString(System.currentTimeMillis()), node);
        if (!entryIds.isEmpty()) {
            List<String> args = new ArrayList<>(List.of(QUEUE, GROUP, node, "0"));
            args.addAll(entryIds);
            args.add("JUSTID");
            cmd("XCLAIM", args.toArray(String[]::new));
        }
    }

    void ack(String entryId) {
        cmd("XACK", QUEUE, GROUP, entryId);
    }

    /** The replicas that have heart-beaten within two leases. */
    List<String> liveNodes() {
        long now = System.currentTimeMillis();
        long window = Math.max(1000, leaseMillis() * 2);
        cmd("ZREMRANGEBYSCORE", NODES, "-inf", Long.toString(now - 10 * window)); // long gone
        Response live = cmd("ZRANGEBYSCORE", NODES, Long.toString(now - window), "+inf");
        List<String> out = new ArrayList<>();
        for (int i = 0; live != null && i < live.size(); i++) {
            out.add(live.get(i).toString());
        }
        out.sort(null);
        return out;
    }

    // --- events and cancels -----------------------------------------------------------------

    void publish(JobEvent e) {
        try {
            cmd("XADD", EVENTS, "MAXLEN", "~", "10000", "*", "node", node, "event", json.writeValueAsString(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Tells every replica at once that a job is cancelled (its runner stops it at the end of its chunk). */
    void publishCancel(String id) {
        cmd("XADD", EVENTS, "MAXLEN", "~", "10000", "*", "node", node, "cancel", id);
    }

    /** The id of the newest event (where a reader starts). */
    String lastEventId() {
        Response r = cmd("XREVRANGE", EVENTS, "+", "-", "COUNT", "1");
        return r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString();
    }

    List<Entry> events(String after, long blockMillis) {
        return entries(cmd("XREAD", "COUNT", "500", "BLOCK", Long.toString(blockMillis), "STREAMS", EVENTS, after), false);
    }

    JobEvent event(Entry e) {
        try {
            return json.readValue(e.fields().get("event"), JobEvent.class);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    void requestCancel(String id) {
        cmd("SET", "vs:cancel:" + id, node, "EX", "604800");
    }

    boolean cancelRequested(String id) {
        Response r = cmd("EXISTS", "vs:cancel:" + id);
        return r != null && r.toLong() > 0;
    }

    // --- statistics -------------------------------------------------------------------------

    void addCounts(Map<String, Long> deltas) {
        for (Map.Entry<String, Long> d : deltas.entrySet()) {
            cmd("HINCRBY", STATS, d.getKey(), Long.toString(d.getValue()));
        }
    }

    void setActive(int n) {
        cmd("HSET", "vs:active", node, Integer.toString(n));
    }

    Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        Response r = cmd("HGETALL", STATS);
        for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
            out.put(r.get(i).toString(), r.get(i + 1).toLong());
        }
        return out;
    }

    /** Requests in progress on the live replicas. */
    int activeInCluster(List<String> nodes) {
        int sum = 0;
        for (String n : nodes) {
            Response r = cmd("HGET", "vs:active", n);
            sum += r == null ? 0 : r.toInteger();
        }
        return sum;
    }

    // --- replies ----------------------------------------------------------------------------

    /** XREAD/XREADGROUP reply (RESP2): [[stream, [[id, [k, v, ...]], ...]]] or nil on timeout. */
    private static List<Entry> entries(Response r, boolean group) {
        List<Entry> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        for (int s = 0; s < r.size(); s++) {
            Response list = r.get(s).get(1);
            for (int i = 0; list != null && i < list.size(); i++) {
                Response e = list.get(i);
                if (e.get(1) != null || !group) {
                    out.add(new Entry(e.get(0).toString(), e.get(1) == null ? Map.of() : fields(e.get(1))));
                }
            }
        }
        return out;
    }

    private static Map<String, String> fields(Response kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            m.put(kv.get(i).toString(), kv.get(i + 1).toString());
        }
        return m;
    }
}
