package io.ledgermind.models.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StakingEnvTest {
  /** Small histories (one of 40 tempos to train, held-out ones of 4 episodes) so the test runs in seconds. */
  static final EnvConfig SMALL = EnvConfig.builder().episodeTempos(16).warmUpTempos(2).trainingHistories(1, 40)
      .heldOut(4, 4).build();
  private final EnvConfig config = SMALL;

  @Test
  void observationHasFiveFeaturesPerSubnetAndStartsEqualWeight() {
    StakingEnv env = new StakingEnv(config, 1);
    float[] obs = env.observation();
    assertThat(obs).hasSize(20);
    assertThat(StakingEnv.observationNames(4)).hasSize(20).startsWith("subnet0.share_rel");
    assertThat(StakingEnv.actionNames(4)).containsExactly("hold", "shift_to_subnet0", "shift_to_subnet1",
        "shift_to_subnet2", "shift_to_subnet3");
    for (int i = 0; i < 4; i++) {
      assertThat(obs[i * 5 + 4]).isBetween(0.2f, 0.3f);
    }
  }

  @Test
  void shiftingMovesAChunkIntoTheTarget() {
    StakingEnv hold = new StakingEnv(config, 2);
    StakingEnv shift = new StakingEnv(config, 2);
    hold.step(0);
    shift.step(3);
    assertThat(hold.observation()[2 * 5 + 4]).isBetween(0.2f, 0.3f);
    assertThat(shift.observation()[2 * 5 + 4]).isBetween(0.4f, 0.6f); // subnet 2 got about a quarter more
  }

  @Test
  void sameSeedSameEpisodeAndRefusesUnknownActions() {
    StakingEnv a = new StakingEnv(config, 3);
    StakingEnv b = new StakingEnv(config, 3);
    double ra = 0;
    double rb = 0;
    while (!a.done()) {
      ra += a.step(1);
      rb += b.step(1);
    }
    assertThat(ra).isEqualTo(rb);
    assertThat(a.returnPercent()).isEqualTo(b.returnPercent());
    assertThatThrownBy(() -> a.step(5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trainingAndHeldOutSeedsNeverMeet() {
    for (int u = 0; u < 50; u++) {
      for (int e = 0; e < 16; e++) {
        assertThat(EpisodeSeeds.training(42, u, e)).isBetween(0L, EpisodeSeeds.HELD_OUT_BASE - 1);
      }
    }
    assertThat(EpisodeSeeds.heldOut(0)).isEqualTo(EpisodeSeeds.HELD_OUT_BASE);
  }

  @Test
  void episodesReplayTheWorldsEconomyAndSeeItAsTheJobDoes() {
    StakingEnv env = new StakingEnv(config, EpisodeSeeds.heldOut(1)); // held-out history 10^9, second window
    MarketHistory history = MarketHistory.of(config.economy(), EpisodeSeeds.HELD_OUT_BASE, 2,
        config.heldOutHistoryTempos());
    SubnetTempo first = SubnetTempo.fromSnapshot(history.state(4, 0));
    float[] obs = env.observation();
    // The same snapshot, read the way the job reads its feature window: share × 128 − 1, 10 × ln(price / EMA).
    assertThat(obs[0]).isEqualTo((float) (first.emissionShare() * 128 - 1));
    assertThat(obs[1]).isEqualTo((float) (10 * first.logPriceToEma()));
    assertThat(history.state(4, 0).blocksCovered()).isEqualTo(360);
  }

  @Test
  void holdingEarnsTheStakersPartOfTheAlphaEmission() {
    StakingEnv env = new StakingEnv(config, 5);
    double before = env.exitValue();
    double rewards = 0;
    while (!env.done()) {
      rewards += env.step(0);
    }
    assertThat(env.trades()).isZero();
    assertThat(rewards).isCloseTo(env.returnPercent(), within(1e-9));
    assertThat(env.exitValue()).isNotEqualTo(before);
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void followTheGapBaselineBuysTheLargestPriceOverItsAverage() {
    float[] obs = new float[20];
    for (int i = 0; i < 4; i++) {
      obs[i * 5 + 4] = 0.25f;
    }
    obs[2 * 5 + 1] = 0.8f;
    assertThat(Baselines.followPriceEmaGap().act(obs)).isEqualTo(3);
    obs[2 * 5 + 4] = 0.92f;
    assertThat(Baselines.followPriceEmaGap().act(obs)).isZero();
  }

  @Test
  void greedyBaselineChasesTheHighestYield() {
    float[] obs = new float[20];
    for (int i = 0; i < 4; i++) {
      obs[i * 5 + 4] = 0.25f;
    }
    obs[3 * 5 + 2] = 1.5f;
    assertThat(Baselines.greedyYield().act(obs)).isEqualTo(4);
    obs[3 * 5 + 4] = 0.95f;
    assertThat(Baselines.greedyYield().act(obs)).isZero();
    assertThat(Baselines.equalWeight().act(obs)).isZero();
  }
}
