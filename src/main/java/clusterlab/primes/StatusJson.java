package clusterlab.primes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot as the web view's {@code /api/status} object: the numbers for programs, and the
 * panel's state and labelled values ({@link PanelContent}) for the page to show as they are.
 * <pre>
 * {"title":..., "state":..., "range":"1:1000000", "paused":false, "complete":false, "canStart":false, "canStop":true,
 *  "count":..., "largest":... or null, "blocksWritten":..., "blocksAccepted":..., "blockCount":..., "blockSize":...,
 *  "numbersDone":..., "progress":0.0 to 1.0, "rate":numbers/s, "etaSeconds":... or null, "elapsedSeconds":...,
 *  "fields":[{"label":..., "value":...}, ...], "progressText":...,
 *  "workers":[{"name", "address", "threads", "connections", "blocks", "numbers", "primes", "rate", "busyRate", "rejected"}, ...],
 *  "lastPrimes":[...], "article":{"primes", "largest", "addresses", "refused"}, "log":[...], "logged":...}
 * </pre>
 */
final class StatusJson {
    private StatusJson() {
    }

    static Map<String, Object> of(PrimesModel.Snapshot s) {
        PanelContent panel = PanelContent.of(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", panel.title());
        m.put("state", panel.state());
        m.put("range", s.range().toString());
        m.put("paused", s.paused());
        m.put("complete", s.complete());
        m.put("canStart", panel.canStart());
        m.put("canStop", panel.canStop());
        m.put("count", s.count());
        m.put("largest", s.count() == 0 ? null : s.largest());
        m.put("blocksWritten", s.blocksWritten());
        m.put("blocksAccepted", s.blocksAccepted());
        m.put("blockCount", s.blockCount());
        m.put("blockSize", s.blockSize());
        m.put("numbersDone", s.numbersDone());
        m.put("progress", panel.fraction());
        m.put("rate", s.rate());
        m.put("etaSeconds", s.complete() || s.etaSeconds() < 0 ? null : s.etaSeconds());
        m.put("elapsedSeconds", s.elapsedNanos() / 1e9);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (PanelContent.Field f : panel.fields()) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("label", f.label());
            field.put("value", f.value());
            fields.add(field);
        }
        m.put("fields", fields);
        m.put("progressText", panel.progress());
        List<Map<String, Object>> workers = new ArrayList<>();
        for (WorkerStats w : s.workers()) {
            Map<String, Object> worker = new LinkedHashMap<>();
            worker.put("name", w.name());
            worker.put("address", w.address());
            worker.put("threads", w.threads());
            worker.put("connections", w.connections());
            worker.put("blocks", w.blocks());
            worker.put("numbers", w.numbers());
            worker.put("primes", w.primes());
            worker.put("rate", w.rate());
            worker.put("busyRate", w.busyRate());
            worker.put("rejected", w.rejected());
            workers.add(worker);
        }
        m.put("workers", workers);
        m.put("lastPrimes", s.lastPrimes());
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("primes", s.articlePrimes());
        article.put("largest", s.articlePrimes() == 0 ? null : s.articleLargest());
        article.put("addresses", s.articleWorkers());
        article.put("refused", s.articleRefused());
        m.put("article", article);
        m.put("log", s.log());
        m.put("logged", s.logged());
        return m;
    }
}
