package io.slipstream.ml.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.ml.news.CoinMapper.Term;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CoinMapperTest {
  private static final CoinMapper M = CoinMapper.DEFAULT;

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      // headline | mentions SOL?
      "Solana ETF filed | true",
      "SEC Signals Shift: Grayscale’s Solana & Litecoin ETFs Move Forward | true",
      "Solana's DEX volume | true",
      "#Solana-based memecoins | true",
      "SOLANA hits record | true",
      "$SOL breaks out | true",
      "SOL/USDT rallies 10% | true",
      "Price of SOL: 200 USD | true",
      "A solid week for markets | false",
      "Web3 gaming console to launch | false",
      "sol price today | false",
      "Sol Strategies raises funds | false",
      "SOLO token listed | false",
      "SOLUSDT perp funding | false",
      "Solanart marketplace shuts down | false",
      "Resolana protocol | false",
      "Solana2 is not Solana | true",
  })
  void mentions_sol_wholeWordRules(String headline, boolean expected) {
    assertThat(M.mentions(headline, "SOL")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      // headline | ETH? | BTC?
      "Ether jumps 9% | true | false",
      "Ethereum's Pectra Upgrade | true | false",
      "$ETH to new highs | true | false",
      "Tether mints 1B USDT | false | false",
      "Either way, stocks fall | false | false",
      "ETHBTC ratio at lows | false | false",
      "ETH2 deposit contract | false | false",
      "Bitcoin Returns Above USD 20K | false | true",
      "Bitcoins seized by police | false | true",
      "BTC-USD | false | true",
      "WBTC supply shrinks | false | false",
      "Bitcoiners rejoice | false | false",
      "ETH/BTC flips | true | true",
  })
  void mentions_ethAndBtc(String headline, boolean eth, boolean btc) {
    assertThat(M.mentions(headline, "ETH")).isEqualTo(eth);
    assertThat(M.mentions(headline, "BTC")).isEqualTo(btc);
  }

  @Test
  void coinsOf_marketBucket_generalCryptoAndBitcoin() {
    assertThat(M.coinsOf("Crypto market crash wipes $200B")).containsExactly(CoinMapper.MARKET);
    assertThat(M.coinsOf("Cryptocurrencies rally as Fed pauses")).containsExactly(CoinMapper.MARKET);
    assertThat(M.coinsOf("Altcoin season? Digital  assets inflows rise")).containsExactly(CoinMapper.MARKET);
    assertThat(M.coinsOf("Crypto's biggest week")).containsExactly(CoinMapper.MARKET);
    assertThat(M.coinsOf("Bitcoin tops $100k")).containsExactly("BTC", CoinMapper.MARKET);
    assertThat(M.coinsOf("Solana and Ethereum lead")).containsExactly("ETH", "SOL");
    assertThat(M.coinsOf("Cryptography research prize")).isEmpty();
    assertThat(M.coinsOf("Stock market closes higher")).isEmpty();
  }

  @Test
  void of_customMap_multiWordAndCaseRules() {
    CoinMapper m = CoinMapper.of(Map.of("HYPE", List.of(Term.name("hyper liquid"), Term.name("hyperliquid"),
        Term.ticker("HYPE"))));
    assertThat(m.mentions("Hyperliquid airdrop", "HYPE")).isTrue();
    assertThat(m.mentions("Hyper\n liquid volumes", "HYPE")).isTrue();
    assertThat(m.mentions("$HYPE unlock", "HYPE")).isTrue();
    assertThat(m.mentions("Don't believe the hype", "HYPE")).isFalse();
    assertThat(m.mentions("Hyperliquidity crisis", "HYPE")).isFalse();
    assertThat(m.terms()).containsOnlyKeys("HYPE");
  }

  @Test
  void of_termTextWithRegexCharacters_matchedLiterally() {
    CoinMapper m = CoinMapper.of(Map.of("X", List.of(Term.name("a.b"))));
    assertThat(m.mentions("see a.b now", "X")).isTrue();
    assertThat(m.mentions("see axb now", "X")).isFalse();
  }

  @Test
  void filter_keepsMatchingHeadlinesInOrder() {
    Headline a = new Headline(Instant.EPOCH, "Solana up", "s", "", "f", 2);
    Headline b = new Headline(Instant.EPOCH, "Console sales", "s", "", "f", 3);
    Headline c = new Headline(Instant.EPOCH, "SOL down", "s", "", "f", 4);
    assertThat(M.filter(List.of(c, b, a), "SOL")).containsExactly(c, a);
  }

  @Test
  void badArguments_rejectedNamingThem() {
    assertThatThrownBy(() -> M.mentions("x", "DOGE"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coin").hasMessageContaining("DOGE");
    assertThatThrownBy(() -> CoinMapper.of(Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("termsByCoin");
    assertThatThrownBy(() -> CoinMapper.of(Map.of("X", List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("termsByCoin[X]");
    assertThatThrownBy(() -> Term.name(" sol"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
  }
}
