package io.fourfold.session.flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagRuleTest {

  private static final String ADA = "11111111-1111-4111-8111-111111111111";
  private static final String BOB = "22222222-2222-4222-8222-222222222222";

  @Test
  void theDenyListWinsOverTheAllowListAndAFullRollout() {
    FlagRule rule = new FlagRule(0, true, 100, Set.of(ADA), Set.of(ADA));

    assertThat(rule.isOnFor("beta", ADA)).isFalse();
    assertThat(rule.isOnFor("beta", BOB)).isTrue();
  }

  @Test
  void theAllowListReachesAccountsEvenOfADisabledFlag() {
    FlagRule rule = new FlagRule(0, false, 100, Set.of(ADA), Set.of());

    assertThat(rule.isOnFor("beta", ADA)).isTrue();
    assertThat(rule.isOnFor("beta", BOB)).isFalse();
  }

  @Test
  void aDisabledFlagIsOffWhateverItsPercent() {
    FlagRule rule = new FlagRule(0, false, 100, Set.of(), Set.of());

    assertThat(rule.isOnFor("beta", ADA)).isFalse();
  }

  @Test
  void anEnabledFlagFollowsTheRollout() {
    FlagRule rule = new FlagRule(0, true, 30, null, null);

    assertThat(rule.isOnFor("beta", ADA)).isEqualTo(Rollout.includes("beta", ADA, 30));
  }
}
