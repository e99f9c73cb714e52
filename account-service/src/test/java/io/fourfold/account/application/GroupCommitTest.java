package io.fourfold.account.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.eventing.store.GroupCommit;
import io.fourfold.schema.account.AccountRole;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many commands committed together stay what each would be alone: one account's commands all apply,
 * in order, none lost; a command that fails in a shared transaction fails alone.
 */
@QuarkusTest
class GroupCommitTest {

  private static final int CLIENTS = 32;
  private static final HashedPassword PASSWORD = HashedPassword.of("correct horse battery");

  @Inject GroupCommit groupCommit;
  @Inject AccountCommands commands;
  @Inject AxonEventStore eventStore;

  private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

  @AfterEach
  void stopClients() {
    clients.shutdownNow();
  }

  @Test
  void concurrentCommandsToOneAccountAllCommitOneAfterAnother() throws Exception {
    String id = register(uniqueEmail()).accountId();
    List<Future<CommandResult>> answers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String name = "Name " + i;
      answers.add(
          clients.submit(() -> groupCommit.run(id, () -> commands.changeProfile(id, name, null))));
    }

    List<Long> versions = new ArrayList<>();
    for (Future<CommandResult> answer : answers) {
      versions.add(answer.get().version());
    }

    assertThat(versions)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 64).boxed().toList());
    assertThat(eventStore.events().readEvents(id, 0).asStream().count()).isEqualTo(65);
  }

  @Test
  void aCommandThatFailsAmongOthersFailsAloneAndTheOthersCommit() throws Exception {
    String taken = uniqueEmail();
    register(taken);
    List<Future<RegisteredAccount>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String email = i % 8 == 3 ? taken : uniqueEmail();
      answers.add(clients.submit(() -> groupCommit.run(null, () -> register(email))));
    }

    int refused = 0;
    for (int i = 0; i < CLIENTS; i++) {
      if (i % 8 == 3) {
        Future<RegisteredAccount> answer = answers.get(i);
        assertThatThrownBy(answer::get)
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(EmailTakenException.class);
        refused++;
      } else {
        String id = answers.get(i).get().accountId();
        assertThat(eventStore.events().readEvents(id, 0).asStream().count())
            .as("events of %s", id)
            .isEqualTo(1);
      }
    }
    assertThat(refused).isEqualTo(CLIENTS / 8);
  }

  private RegisteredAccount register(String email) {
    return commands.register(email, "Ada", PASSWORD, AccountRole.USER);
  }

  private static String uniqueEmail() {
    return UUID.randomUUID() + "@example.com";
  }
}
