package io.ledgermind.ingest.bittensor;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Storage keys of the subtensor items the adapter reads (opentensor/subtensor {@code pallets/subtensor/src/lib.rs},
 * pallet instance {@code SubtensorModule}). A plain value's key is {@code twox128(pallet) ++ twox128(item)}; the
 * per-subnet maps use the {@code Identity} hasher, so the SCALE-encoded netuid (u16 little-endian) is appended as is.
 *
 * <p>Value types (SCALE): TotalIssuance, BlockEmission, SubnetTAO, SubnetAlphaIn, SubnetAlphaOut,
 * SubnetTaoInEmission, SubnetExcessTao, SubnetAlphaInEmission, SubnetAlphaOutEmission: u64 (TaoBalance/AlphaBalance
 * wrap u64); SubnetMovingPrice: I96F32; MinerBurned: U96F32; Tempo: u16; SubnetTaoFlow: i64; Timestamp.Now: u64 ms.
 * Item names and types change with runtime upgrades: when they do, this class is the one place to follow.
 */
public enum SubtensorStorage {
  TIMESTAMP_NOW("Timestamp", "Now", 8, false),
  TOTAL_ISSUANCE("SubtensorModule", "TotalIssuance", 8, false),
  BLOCK_EMISSION("SubtensorModule", "BlockEmission", 8, false),
  SUBNET_TAO("SubtensorModule", "SubnetTAO", 8, true),
  SUBNET_ALPHA_IN("SubtensorModule", "SubnetAlphaIn", 8, true),
  SUBNET_ALPHA_OUT("SubtensorModule", "SubnetAlphaOut", 8, true),
  SUBNET_MOVING_PRICE("SubtensorModule", "SubnetMovingPrice", 16, true),
  SUBNET_TAO_IN_EMISSION("SubtensorModule", "SubnetTaoInEmission", 8, true),
  SUBNET_EXCESS_TAO("SubtensorModule", "SubnetExcessTao", 8, true),
  SUBNET_ALPHA_IN_EMISSION("SubtensorModule", "SubnetAlphaInEmission", 8, true),
  SUBNET_ALPHA_OUT_EMISSION("SubtensorModule", "SubnetAlphaOutEmission", 8, true),
  TEMPO("SubtensorModule", "Tempo", 2, true),
  SUBNET_TAO_FLOW("SubtensorModule", "SubnetTaoFlow", 8, true),
  MINER_BURNED("SubtensorModule", "MinerBurned", 16, true);

  private final String pallet;
  private final String item;
  private final int width;
  private final boolean perSubnet;

  SubtensorStorage(String pallet, String item, int width, boolean perSubnet) {
    this.pallet = pallet;
    this.item = item;
    this.width = width;
    this.perSubnet = perSubnet;
  }

  /** SCALE width of the value in bytes. */
  public int width() {
    return width;
  }

  public boolean perSubnet() {
    return perSubnet;
  }

  public String itemName() {
    return pallet + "." + item;
  }

  /** {@code 0x}-prefixed lower-case key of a plain value. */
  public String key() {
    if (perSubnet) {
      throw new IllegalStateException(itemName() + " is a map keyed by netuid");
    }
    return "0x" + HexFormat.of().formatHex(prefix());
  }

  /** {@code 0x}-prefixed lower-case key of this map's entry for {@code netuid}. */
  public String key(int netuid) {
    if (!perSubnet) {
      throw new IllegalStateException(itemName() + " is a plain value");
    }
    if (netuid < 0 || netuid > 0xFFFF) {
      throw new IllegalArgumentException("netuid is a u16: " + netuid);
    }
    return "0x" + HexFormat.of().formatHex(prefix()) + HexFormat.of().formatHex(Scale.le(netuid, 2));
  }

  private byte[] prefix() {
    byte[] out = new byte[32];
    System.arraycopy(XxHash64.twox128(pallet.getBytes(StandardCharsets.UTF_8)), 0, out, 0, 16);
    System.arraycopy(XxHash64.twox128(item.getBytes(StandardCharsets.UTF_8)), 0, out, 16, 16);
    return out;
  }
}
