package io.slipstream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipstream.core.ConfigException;
import io.slipstream.live.fake.FakeExchange;
import io.slipstream.live.hl.HttpTransport;
import io.slipstream.live.hl.HyperliquidClient;
import io.slipstream.live.hl.OrderAck;
import io.slipstream.live.hl.OrderRequest;
import io.slipstream.live.hl.PrivateKeySigner;
import io.slipstream.live.hl.RateLimiter;
import io.slipstream.live.hl.Tif;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AccountCheck} against the fake exchange's roles ({@code userRole}, {@code vaultDetails}): the key's own
 * account, an API wallet of a master, a vault led by the key's account (signed by the key or by its API wallet), and
 * the mismatches that are refused.
 */
class AccountCheckTest {
  private static final String KEY = LiveFixture.KEY;
  private static final String SIGNER = PrivateKeySigner.fromHex(KEY).address();
  private static final String MASTER = "0x2222222222222222222222222222222222222222";
  private static final String VAULT = "0x4444444444444444444444444444444444444444";

  private FakeExchange fake;
  private HyperliquidClient client;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeExchange.start();
    fake.addCoin("ETH", 4, 2_000, 2.0, 50);
    fake.setAccount(SIGNER); // every signature is the key's
    client = new HyperliquidClient(fake.network(true), Optional.of(PrivateKeySigner.fromHex(KEY)),
        RateLimiter.of(100_000, Duration.ofMinutes(1)), HttpTransport.Settings.DEFAULT, Optional.empty(),
        HyperliquidClient.Nonces.system());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void ownAccount_isTheSigner_withOrWithoutTheAddressGiven() {
    fake.setAccountValue(SIGNER, 1_000);
    assertThat(AccountCheck.verify(client, Optional.empty(), Optional.empty(), log::add)).isEqualTo(SIGNER);
    assertThat(AccountCheck.verify(client, Optional.of(SIGNER.toUpperCase().replace("0X", "0x")), Optional.empty(),
        log::add)).isEqualTo(SIGNER);
    assertThat(log).allMatch(l -> l.contains("(user) trades " + SIGNER));
  }

  @Test
  void apiWallet_tradesItsMaster_whoseBookTheClientThenReads() {
    fake.approveAgent(MASTER, SIGNER);
    fake.setAccountValue(MASTER, 1_000);

    String traded = AccountCheck.verify(client, Optional.of(MASTER), Optional.empty(), log::add);

    assertThat(traded).isEqualTo(MASTER);
    HyperliquidClient trading = client.forAccount(traded);
    assertThat(trading.tradedAccount()).isEqualTo(MASTER);
    OrderAck ack = trading.placeOrders(List.of(new OrderRequest(0, "ETH", true, 1_900, 0.1, false, Tif.ALO,
        Optional.of("0x000000000000000000000000000000b2")))).get(0);
    assertThat(ack).isInstanceOf(OrderAck.Resting.class);
    assertThat(trading.openOrders(MASTER)).hasSize(1);
    assertThat(trading.openOrders(SIGNER)).isEmpty();
    assertThat(trading.orderStatus(MASTER, "0x000000000000000000000000000000b2").status()).isEqualTo("open");
  }

  @Test
  void apiWallet_withoutTheAccount_orWithAnotherOne_isRefusedNamingTheKey() {
    fake.approveAgent(MASTER, SIGNER);
    assertThatThrownBy(() -> AccountCheck.verify(client, Optional.empty(), Optional.empty(), log::add))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api.account_address")
        .hasMessageContaining("is required").hasMessageContaining(MASTER);
    String other = "0x3333333333333333333333333333333333333333";
    assertThatThrownBy(() -> AccountCheck.verify(client, Optional.of(other), Optional.empty(), log::add))
        .isInstanceOf(ConfigException.class).hasMessageContaining(other)
        .hasMessageContaining("is not the account of the API wallet " + SIGNER);
  }

  @Test
  void userKey_withAnotherAccount_orAnUnknownKey_isRefused() {
    assertThatThrownBy(() -> AccountCheck.verify(client, Optional.of(MASTER), Optional.empty(), log::add))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not know the key's address " + SIGNER)
        .hasMessageContaining("not an approved API wallet of " + MASTER);
    fake.setAccountValue(SIGNER, 1_000);
    assertThatThrownBy(() -> AccountCheck.verify(client, Optional.of(MASTER), Optional.empty(), log::add))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not the key's account");
  }

  @Test
  void vault_ledByTheKeysAccount_isTraded_directlyOrThroughTheApiWallet() {
    fake.setAccountValue(SIGNER, 1_000);
    fake.addVault(VAULT, SIGNER);
    assertThat(AccountCheck.verify(client, Optional.empty(), Optional.of(VAULT), log::add)).isEqualTo(VAULT);

    try (FakeExchange other = FakeExchange.start()) {
      other.setAccount(SIGNER);
      other.approveAgent(MASTER, SIGNER);
      other.addVault(VAULT, MASTER);
      HyperliquidClient c = new HyperliquidClient(other.network(true), Optional.of(PrivateKeySigner.fromHex(KEY)),
          RateLimiter.of(100_000, Duration.ofMinutes(1)), HttpTransport.Settings.DEFAULT, Optional.of(VAULT),
          HyperliquidClient.Nonces.system());
      assertThat(AccountCheck.verify(c, Optional.of(MASTER), Optional.of(VAULT), log::add)).isEqualTo(VAULT);
      assertThat(c.tradedAccount()).isEqualTo(VAULT);
    }
  }

  @Test
  void vault_ledBySomeoneElse_orNotAVault_isRefused() {
    fake.setAccountValue(SIGNER, 1_000);
    fake.addVault(VAULT, MASTER);
    assertThatThrownBy(() -> AccountCheck.verify(client, Optional.empty(), Optional.of(VAULT), log::add))
        .isInstanceOf(ConfigException.class).hasMessageContaining("api.vault_address")
        .hasMessageContaining("is led by " + MASTER);
    String notAVault = "0x6666666666666666666666666666666666666666";
    assertThatThrownBy(() -> AccountCheck.verify(client, Optional.empty(), Optional.of(notAVault), log::add))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not a vault or a sub-account");
  }
}
