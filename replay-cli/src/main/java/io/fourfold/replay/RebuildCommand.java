package io.fourfold.replay;

import io.fourfold.replay.Services.Owned;
import io.fourfold.replay.Services.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Rebuilds projections into new generations (or one aggregate in place) and follows them. */
@Command(
    name = "rebuild",
    description =
        "Build a new generation of a projection from the event store while the old one serves,"
            + " catch up, switch atomically; the old generation is kept for rollback until prune.")
public class RebuildCommand implements Callable<Integer> {

  static final int REFUSED = 3;
  static final int FAILED = 1;
  static final int LOST = 4;

  private final Services services;

  @Mixin ServiceOptions options;

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  static class Target {
    @Parameters(paramLabel = "PROJECTION", description = "The projection to rebuild.")
    String projection;

    @Option(names = "--all", description = "Every rebuildable projection, one after another.")
    boolean all;
  }

  @Option(
      names = "--aggregate",
      paramLabel = "ID",
      description = "Rebuild only this aggregate's data, in place, in the serving generation.")
  String aggregate;

  @Option(
      names = "--from-position",
      paramLabel = "INDEX",
      description =
          "Read the event store from this global index on (instead of the start, or of a stopped"
              + " rebuild's checkpoint).")
  Long fromPosition;

  @Option(names = "--dry-run", description = "Say what would be done; change nothing.")
  boolean dryRun;

  @Option(
      names = "--no-wait",
      description = "Start and return; follow later with `status PROJECTION`.")
  boolean noWait;

  public RebuildCommand(Services services) {
    this.services = services;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> misses = new ArrayList<>();
    List<Owned> owned = services.rebuildable(services.addresses(options.services), misses);
    misses.forEach(miss -> err.println("no generations from " + miss));
    List<Owned> chosen =
        target.all
            ? owned
            : owned.stream().filter(o -> o.generations().name().equals(target.projection)).toList();
    if (chosen.isEmpty()) {
      err.println(
          (target.all ? "no rebuildable projection found" : "no service owns " + target.projection)
              + "; rebuildable: "
              + owned.stream().map(o -> o.generations().name()).toList());
      return 2;
    }
    if (target.all && aggregate != null) {
      err.println("--aggregate names one projection's aggregate; it does not go with --all");
      return 2;
    }
    int worst = 0;
    for (Owned projection : chosen) {
      worst = Math.max(worst, rebuild(projection, out, err));
    }
    return worst;
  }

  private int rebuild(Owned owned, PrintWriter out, PrintWriter err) throws InterruptedException {
    String name = owned.generations().name();
    Map<String, Object> request = new LinkedHashMap<>();
    if (aggregate != null) {
      request.put("aggregateId", aggregate);
    }
    if (fromPosition != null) {
      request.put("fromPosition", fromPosition);
    }
    request.put("dryRun", dryRun);
    Progress started;
    try {
      started = services.startRebuild(owned.address(), name, request);
    } catch (Services.Refused refused) {
      err.println(name + ": refused: " + refused.getMessage());
      return refused.status() == 409 ? REFUSED : FAILED;
    } catch (IOException e) {
      err.println(name + ": " + e.getMessage());
      return FAILED;
    }
    if (dryRun) {
      out.println(name + ": dry run: " + started.message());
      return 0;
    }
    out.println(
        name
            + ": "
            + started.operation()
            + " started in "
            + owned.generations().service()
            + " ("
            + started.holder()
            + ")");
    if (noWait) {
      return 0;
    }
    Progress last = Follower.follow(services, owned.address(), name, out, err);
    if (last == null) {
      return LOST;
    }
    return last.phase().equals("done") ? 0 : FAILED;
  }
}
