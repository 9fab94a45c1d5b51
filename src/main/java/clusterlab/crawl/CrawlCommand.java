package clusterlab.crawl;

import clusterlab.cli.Args;
import clusterlab.cli.Command;
import clusterlab.cli.Options;
import clusterlab.cli.UsageException;
import clusterlab.jobs.Job;
import clusterlab.jobs.JobFailedException;
import clusterlab.jobs.JobServer;
import clusterlab.jobs.JobServerOptions;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * `clusterlab crawl`: article B's distributed crawler. Each job fetches one page and returns its
 * first three links; the crawl goes level by level, every page of a level fetched in parallel.
 */
public final class CrawlCommand implements Command {
    @Override
    public Options options() {
        return JobServerOptions.declare(new Options("crawl", "Crawl web pages with one job per page (article B).")
                .operands("[URL...]", 100, "where to start (with --demo-site: the demo site's first page)")
                .flag("demo-site", "serve a small site on 127.0.0.1 and crawl it, touching nothing outside this machine")
                .value("depth", "N", "3", "how many levels of links to follow")
                .value("max-pages", "N", "50", "stop after fetching this many pages")
                .value("socket-timeout", "DURATION", "5s", "give up on a page that does not answer within this"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        int depth = args.integer("depth", 0, 100);
        int maxPages = args.integer("max-pages", 1, 100_000);
        int timeout = (int) Math.min(Integer.MAX_VALUE, args.duration("socket-timeout").toMillis());
        if (args.operands().isEmpty() != args.flag("demo-site")) {
            throw new UsageException("clusterlab crawl: give either URLs to start from or --demo-site");
        }
        for (String url : args.operands()) {
            checkUrl(url);
        }
        try (DemoSite site = args.flag("demo-site") ? DemoSite.start(0) : null;
                JobServer server = JobServerOptions.start(args, err)) {
            List<String> level = site != null ? List.of(site.home()) : args.operands();
            out.println("Crawling with " + JobServerOptions.describe(server) + ", from " + String.join(" ", level));
            Set<String> seen = new HashSet<>(level);
            int fetched = 0;
            for (int d = 0; d <= depth && !level.isEmpty() && fetched < maxPages; d++) {
                List<Job<FetchLinks.Page>> jobs = new ArrayList<>();
                for (String url : level.subList(0, Math.min(level.size(), maxPages - fetched))) {
                    jobs.add(server.job(FetchLinks.class).args(url, timeout).depends(LinkParser.class).submit());
                }
                fetched += jobs.size();
                List<String> next = new ArrayList<>();
                for (Job<FetchLinks.Page> job : jobs) {
                    FetchLinks.Page page;
                    try {
                        page = job.get();
                    } catch (JobFailedException e) {
                        out.println(job.args()[0] + " -> failed: " + e.getMessage());
                        continue;
                    }
                    out.println(page.url() + " -> " + (page.status() == 200 ? page.links() : "HTTP " + page.status())
                            + "   (pid " + page.pid() + " on " + page.host() + ")");
                    for (String link : page.links()) {
                        if (seen.add(link)) {
                            next.add(link);
                        }
                    }
                }
                level = next;
            }
            out.println(fetched + " pages fetched");
            server.waitAll(); // every callback done, so the table counts no job as active
            server.printStats(out);
        }
        return 0;
    }

    private static void checkUrl(String url) throws UsageException {
        try {
            String scheme = URI.create(url).getScheme();
            if ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new UsageException("clusterlab crawl: '" + url + "' is not an http:// or https:// address");
    }
}
