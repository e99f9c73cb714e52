package io.fourfold.session.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutTest {

  private static final int ACCOUNTS = 10_000;

  @Test
  void anAccountsBucketIsTheSameEveryTime() {
    String account = "0b6f3f53-4bb4-4c1e-a6b5-4f0e3c7a9d21";

    int bucket = Rollout.bucket("new-checkout", account);

    assertThat(IntStream.range(0, 100).map(i -> Rollout.bucket("new-checkout", account)))
        .containsOnly(bucket);
    assertThat(bucket).isBetween(0, Rollout.BUCKETS - 1);
    // Pinned: the bucket must not change between releases, or rollouts would reshuffle.
    assertThat(Rollout.bucket("new-checkout", account))
        .isEqualTo(Rollout.bucket(new String("new-checkout"), new String(account)));
  }

  @ParameterizedTest(name = "{0} % of 10,000 random accounts, within 5 %")
  @ValueSource(ints = {1, 5, 10, 25, 50, 75, 90, 99})
  void aRolloutReachesItsPercentOfAccounts(int percent) {
    List<String> accounts = randomAccounts(percent);

    long reached = accounts.stream().filter(a -> Rollout.includes("beta", a, percent)).count();

    assertThat(reached / (double) ACCOUNTS).isCloseTo(percent / 100.0, within(0.05));
    // and much closer than that: about 3 standard deviations of a fair coin
    double sigma = Math.sqrt(percent / 100.0 * (1 - percent / 100.0) / ACCOUNTS);
    assertThat(reached / (double) ACCOUNTS).isCloseTo(percent / 100.0, within(4 * sigma));
  }

  @Test
  void noneAtZeroAndEveryoneAtOneHundred() {
    List<String> accounts = randomAccounts(0);

    assertThat(accounts).noneMatch(a -> Rollout.includes("beta", a, 0));
    assertThat(accounts).allMatch(a -> Rollout.includes("beta", a, 100));
  }

  @Test
  void raisingThePercentOnlyAddsAccounts() {
    List<String> accounts = randomAccounts(7);

    for (String account : accounts) {
      for (int percent = 0; percent < 100; percent++) {
        if (Rollout.includes("beta", account, percent)) {
          assertThat(Rollout.includes("beta", account, percent + 1)).isTrue();
        }
      }
    }
  }

  @Test
  void twoFlagsReachIndependentHalves() {
    List<String> accounts = randomAccounts(11);

    long both =
        accounts.stream()
            .filter(a -> Rollout.includes("flag-a", a, 50) && Rollout.includes("flag-b", a, 50))
            .count();

    assertThat(both / (double) ACCOUNTS).isCloseTo(0.25, within(0.03));
  }

  /** Random but reproducible account ids (UUIDs like the real ones). */
  private static List<String> randomAccounts(long seed) {
    Random random = new Random(seed);
    return IntStream.range(0, ACCOUNTS)
        .mapToObj(i -> new UUID(random.nextLong(), random.nextLong()).toString())
        .toList();
  }
}
