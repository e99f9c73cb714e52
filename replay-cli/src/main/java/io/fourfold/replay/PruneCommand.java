package io.fourfold.replay;

import io.fourfold.replay.Services.Owned;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Drops the retired generations of projections: no rollback to them afterwards. */
@Command(
    name = "prune",
    description = "Drop retired generations (after this, rollback has nothing to return to).")
public class PruneCommand implements Callable<Integer> {

  private final Services services;

  @Mixin ServiceOptions options;

  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  static class Target {
    @Parameters(paramLabel = "PROJECTION")
    String projection;

    @Option(names = "--all", description = "Every rebuildable projection.")
    boolean all;
  }

  public PruneCommand(Services services) {
    this.services = services;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> misses = new ArrayList<>();
    List<Owned> owned =
        services.rebuildable(services.addresses(options.services), misses).stream()
            .filter(o -> target.all || o.generations().name().equals(target.projection))
            .toList();
    misses.forEach(miss -> err.println("no generations from " + miss));
    if (owned.isEmpty()) {
      err.println(
          "no service owns " + (target.all ? "a rebuildable projection" : target.projection));
      return 2;
    }
    int worst = 0;
    for (Owned projection : owned) {
      String name = projection.generations().name();
      try {
        out.println(name + ": dropped generations " + services.prune(projection.address(), name));
      } catch (Services.Refused refused) {
        err.println(name + ": refused: " + refused.getMessage());
        worst = Math.max(worst, RebuildCommand.REFUSED);
      } catch (IOException e) {
        err.println(name + ": " + e.getMessage());
        worst = Math.max(worst, RebuildCommand.FAILED);
      }
    }
    return worst;
  }
}
