package io.fourfold.replay;

import io.fourfold.replay.Services.Owned;
import io.fourfold.replay.Services.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Switches a projection back to the generation that served before the last switch. */
@Command(
    name = "rollback",
    description =
        "Serve the previous generation again, after catching it up with the events since it was"
            + " retired.")
public class RollbackCommand implements Callable<Integer> {

  private final Services services;

  @Mixin ServiceOptions options;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PROJECTION")
  String projection;

  public RollbackCommand(Services services) {
    this.services = services;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Owned> owned = owner(services, options, projection, err);
    if (owned.isEmpty()) {
      return 2;
    }
    try {
      Progress started = services.startRollback(owned.get().address(), projection);
      out.println(projection + ": rollback to generation " + started.generation() + " started");
    } catch (Services.Refused refused) {
      err.println(projection + ": refused: " + refused.getMessage());
      return RebuildCommand.REFUSED;
    } catch (IOException e) {
      err.println(projection + ": " + e.getMessage());
      return RebuildCommand.FAILED;
    }
    Progress last = Follower.follow(services, owned.get().address(), projection, out, err);
    if (last == null) {
      return RebuildCommand.LOST;
    }
    return last.phase().equals("done") ? 0 : RebuildCommand.FAILED;
  }

  static Optional<Owned> owner(
      Services services, ServiceOptions options, String projection, PrintWriter err) {
    ArrayList<String> misses = new ArrayList<>();
    java.util.List<Owned> owned =
        services.rebuildable(services.addresses(options.services), misses);
    Optional<Owned> found =
        owned.stream().filter(o -> o.generations().name().equals(projection)).findFirst();
    if (found.isEmpty()) {
      misses.forEach(miss -> err.println("no generations from " + miss));
      err.println(
          "no service owns "
              + projection
              + "; rebuildable: "
              + owned.stream().map(o -> o.generations().name()).toList());
    }
    return found;
  }
}
