package io.fourfold.eventing.store;

import io.fourfold.schema.AggregateCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes the framework-free commands of {@code event-schema} to their aggregate: the command says
 * which aggregate and, for optimistic concurrency, which version it expects.
 */
final class AggregateCommandTargetResolver implements CommandTargetResolver {

  private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

  @Override
  public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
    if (command.getPayload() instanceof AggregateCommand target) {
      return new VersionedAggregateIdentifier(target.aggregateId(), target.expectedVersion());
    }
    return annotated.resolveTarget(command);
  }
}
