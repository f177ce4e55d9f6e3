package io.ledgermind.models.policy;

import io.ledgermind.world.bittensor.EconomyParams;

/**
 * Staking environment settings: the world's {@link EconomyParams} (the same defaults ingest's simulator runs
 * with: 8 subnets in a 128-subnet network) and the agent's episode.
 *
 * <p>{@code EnvConfig.builder().subnets(4).episodeTempos(64).build()}
 *
 * @param subnets subnets the agent can stake into: netuids 1..subnets of the economy (the job's defaults)
 * @param episodeTempos decisions per episode (one per tempo, 72 min)
 * @param warmUpTempos economy tempos simulated before a history's first recorded tempo
 * @param startTao TAO the agent starts with, spread equally over the subnets at the first tempo
 * @param chunk fraction of the portfolio one shift action moves
 * @param trainingHistories economy histories training episodes are cut from (seeds 0..n-1)
 * @param trainingHistoryTempos recorded tempos of each training history
 * @param heldOutWindows held-out episodes cut from one held-out history (seeds 10^9 + k), {@code heldOutStride}
 *     tempos apart
 * @param heldOutStride tempos between the starts of two held-out episodes of one history
 * @param economy the economy (its seed is replaced by each history's)
 */
public record EnvConfig(int subnets, int episodeTempos, int warmUpTempos, double startTao, double chunk,
    int trainingHistories, int trainingHistoryTempos, int heldOutWindows, int heldOutStride, EconomyParams economy) {

  public EnvConfig {
    if (subnets < 2 || subnets > economy.subnets()) {
      throw new IllegalArgumentException("subnets must be in [2, " + economy.subnets() + "]: " + subnets);
    }
    if (episodeTempos < 1 || warmUpTempos < 0 || trainingHistories < 1 || heldOutWindows < 1 || heldOutStride < 1) {
      throw new IllegalArgumentException("episodeTempos, trainingHistories, heldOutWindows, heldOutStride >= 1 and"
          + " warmUpTempos >= 0 required");
    }
    if (trainingHistoryTempos < episodeTempos + 1) {
      throw new IllegalArgumentException("a training history must hold an episode and its last step: "
          + trainingHistoryTempos + " < " + (episodeTempos + 1));
    }
    if (!(startTao > 0) || !(chunk > 0 && chunk < 1)) {
      throw new IllegalArgumentException("startTao > 0 and chunk in (0, 1) required");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static EnvConfig defaults() {
    return builder().build();
  }

  /** Recorded tempos of one held-out history: its windows and the step after the last. */
  public int heldOutHistoryTempos() {
    return (heldOutWindows - 1) * heldOutStride + episodeTempos + 1;
  }

  /** Builder with the defaults used for the bundled policy. */
  public static final class Builder {
    private int subnets = 4;
    private int episodeTempos = 64;
    private int warmUpTempos = 20;
    private double startTao = 1_000;
    private double chunk = 0.25;
    private int trainingHistories = 4;
    private int trainingHistoryTempos = 600;
    private int heldOutWindows = 10;
    private int heldOutStride = 16;
    private EconomyParams economy = EconomyParams.builder().build();

    private Builder() {}

    public Builder subnets(int subnets) {
      this.subnets = subnets;
      return this;
    }

    public Builder episodeTempos(int episodeTempos) {
      this.episodeTempos = episodeTempos;
      return this;
    }

    public Builder warmUpTempos(int warmUpTempos) {
      this.warmUpTempos = warmUpTempos;
      return this;
    }

    public Builder startTao(double startTao) {
      this.startTao = startTao;
      return this;
    }

    public Builder chunk(double chunk) {
      this.chunk = chunk;
      return this;
    }

    /** Training histories and the tempos each records (default 4 × 600 tempos: 4 × 30 days). */
    public Builder trainingHistories(int histories, int tempos) {
      this.trainingHistories = histories;
      this.trainingHistoryTempos = tempos;
      return this;
    }

    /** Held-out episodes per held-out history and the tempos between their starts (default 10, 16). */
    public Builder heldOut(int windows, int stride) {
      this.heldOutWindows = windows;
      this.heldOutStride = stride;
      return this;
    }

    public Builder economy(EconomyParams economy) {
      this.economy = economy;
      return this;
    }

    public EnvConfig build() {
      return new EnvConfig(subnets, episodeTempos, warmUpTempos, startTao, chunk, trainingHistories,
          trainingHistoryTempos, heldOutWindows, heldOutStride, economy);
    }
  }
}
