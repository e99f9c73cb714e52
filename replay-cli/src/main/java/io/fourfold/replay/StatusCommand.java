package io.fourfold.replay;

import io.fourfold.replay.Services.Owned;
import io.fourfold.replay.Services.Progress;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Follows a projection's current (or shows its last) operation. */
@Command(
    name = "status",
    description = "Follow the running operation on a projection, or show how the last one ended.")
public class StatusCommand implements Callable<Integer> {

  private final Services services;

  @Mixin ServiceOptions options;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PROJECTION")
  String projection;

  public StatusCommand(Services services) {
    this.services = services;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Owned> owned = RollbackCommand.owner(services, options, projection, err);
    if (owned.isEmpty()) {
      return 2;
    }
    Progress operation = owned.get().generations().operation();
    if (operation == null) {
      out.println(projection + ": no operation ran in " + owned.get().generations().service());
      return 0;
    }
    Progress last = Follower.follow(services, owned.get().address(), projection, out, err);
    return last == null ? RebuildCommand.LOST : 0;
  }
}
