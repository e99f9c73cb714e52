package io.fourfold.replay;

import io.fourfold.replay.Services.Generation;
import io.fourfold.replay.Services.Owned;
import io.fourfold.replay.Services.Report;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Every projection with its store, generation, position, the head, its lag and its state. */
@Command(
    name = "list",
    description =
        "List every projection: store, serving generation, position, event store head, lag, state"
            + " and the generations kept.")
public class ListCommand implements Callable<Integer> {

  private static final String FORMAT = "%-18s %-16s %-13s %4s %9s %9s %9s %-12s %s%n";

  private final Services services;

  @Mixin ServiceOptions options;

  @Spec CommandSpec spec;

  public ListCommand(Services services) {
    this.services = services;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> addresses = services.addresses(options.services);
    List<String> misses = new ArrayList<>();
    List<Owned> rebuildable = services.rebuildable(addresses, misses);
    Map<String, Report> reports =
        services.reports(addresses).stream()
            .collect(Collectors.toMap(Report::name, Function.identity(), (a, b) -> a));
    out.printf(
        FORMAT,
        "PROJECTION",
        "SERVICE",
        "STORE",
        "GEN",
        "POSITION",
        "HEAD",
        "LAG",
        "STATE",
        "GENERATIONS");
    for (Owned owned : rebuildable) {
      Services.Generations g = owned.generations();
      Report report = reports.remove(g.name());
      String state = report == null ? "unknown" : report.state();
      if (g.operation() != null && !g.operation().finished()) {
        state = "rebuilding";
      }
      out.printf(
          FORMAT,
          g.name(),
          g.service(),
          g.store(),
          g.active(),
          report == null ? "-" : report.position(),
          report == null || report.headPosition() == null ? "-" : report.headPosition(),
          report == null ? "-" : report.lagEvents(),
          state,
          kept(g.generations()));
    }
    for (Report report : reports.values()) {
      out.printf(
          FORMAT,
          report.name(),
          report.service(),
          report.store(),
          report.generation(),
          report.position(),
          report.headPosition() == null ? "-" : report.headPosition(),
          report.lagEvents(),
          report.state(),
          "(not rebuildable yet)");
    }
    for (String miss : misses) {
      spec.commandLine().getErr().println("no generations from " + miss);
    }
    return 0;
  }

  private static String kept(List<Generation> generations) {
    return generations.stream()
        .map(
            g ->
                String.format(
                    Locale.ROOT,
                    "g%d %s%s",
                    g.generation(),
                    g.state(),
                    g.state().equals("active") ? "" : " @" + g.checkpoint()))
        .collect(Collectors.joining(", "));
  }
}
