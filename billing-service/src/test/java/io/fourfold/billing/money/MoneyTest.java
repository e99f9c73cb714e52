package io.fourfold.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @Test
  void amountsOfOneCurrencyAddAndSubtractExactly() {
    Money a = new Money(1999, "EUR");
    Money b = new Money(1, "EUR");

    assertThat(a.plus(b)).isEqualTo(new Money(2000, "EUR"));
    assertThat(a.minus(b)).isEqualTo(new Money(1998, "EUR"));
  }

  @Test
  void currenciesDoNotMix() {
    assertThatThrownBy(() -> new Money(1, "EUR").plus(new Money(1, "USD")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amountsAreNeverNegative() {
    assertThatThrownBy(() -> new Money(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Money(1, "EUR").minus(new Money(2, "EUR")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "eur", "EURO", "XYZ", "E1R"})
  void onlyIso4217CodesAreCurrencies(String code) {
    assertThat(Money.isCurrency(code)).isFalse();
    assertThatThrownBy(() -> new Money(1, code)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EUR", "USD", "JPY", "CHF"})
  void iso4217CodesAreCurrencies(String code) {
    assertThat(Money.isCurrency(code)).isTrue();
  }
}
