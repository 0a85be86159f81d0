package io.headroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.sources.SourceRegistry;
import io.headroom.sources.SourceStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom sources}: every data source, where it looks, what it last read, its state and last problem. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "List the data sources Headroom reads, with their state, what they last read and their last problem.")
final class SourcesCommand implements Callable<Integer> {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ImportFirst importFirst;

    @Option(names = {"-j", "--json"}, description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        importFirst.run(root, spec.commandLine().getErr());
        List<SourceRegistry.Entry> entries = root.workspace().sources().list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.set("sources", toJson(entries));
            out.println(Json.mapper().writeValueAsString(n));
        } else {
            printHuman(entries, zone, out);
        }
        out.flush();
        return 0;
    }

    static ArrayNode toJson(List<SourceRegistry.Entry> entries) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (SourceRegistry.Entry e : entries) {
            SourceStatus s = e.status();
            ObjectNode n = list.addObject();
            n.put("id", e.source().id());
            n.put("name", e.source().displayName());
            n.put("description", e.source().description());
            n.put("state", s.state().code());
            ArrayNode looked = n.putArray("lookedAt");
            e.source().lookedAt().forEach(looked::add);
            n.put("lastRead", s.lastRead());
            n.put("lastReadAt", text(s.lastReadAt()));
            n.put("askedAt", text(s.askedAt()));
            n.put("nextReadAt", text(e.nextReadAt()));
            n.put("minIntervalSeconds", e.source().minInterval().toSeconds());
            n.put("problem", s.problem());
        }
        return list;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    static void printHuman(List<SourceRegistry.Entry> entries, ZoneId zone, PrintWriter out) {
        for (SourceRegistry.Entry e : entries) {
            SourceStatus s = e.status();
            out.printf("%-28s %s%n", e.source().displayName(), s.state().label());
            for (String where : e.source().lookedAt()) {
                out.println("  looks at " + where);
            }
            if (s.lastRead() != null) {
                out.println("  last read " + SHOWN.format(s.lastReadAt().atZone(zone)) + ": " + s.lastRead());
            }
            if (e.nextReadAt() != null) {
                out.println("  next read not before " + SHOWN.format(e.nextReadAt().atZone(zone)));
            }
            if (s.problem() != null) {
                out.println("  problem: " + s.problem());
            }
        }
    }
}
