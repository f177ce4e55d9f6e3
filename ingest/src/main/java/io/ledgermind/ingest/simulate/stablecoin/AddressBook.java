package io.ledgermind.ingest.simulate.stablecoin;

import io.ledgermind.ingest.simulate.SimIds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated population: deterministic 20-byte addresses per counterparty class (the same for every seed, like
 * well-known exchange wallets), and the class of each address.
 */
public final class AddressBook {
  public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private final Map<CounterpartyClass, List<String>> byClass = new EnumMap<>(CounterpartyClass.class);
  private final Map<String, CounterpartyClass> classOf = new HashMap<>();

  /** {@code counts} addresses per class; TREASURY addresses are created per token with {@link #treasury}. */
  public AddressBook(int exchanges, int eoas, int bridges) {
    create(CounterpartyClass.EXCHANGE, exchanges);
    create(CounterpartyClass.EOA, eoas);
    create(CounterpartyClass.BRIDGE, bridges);
    byClass.put(CounterpartyClass.TREASURY, new ArrayList<>());
  }

  /** The issuer treasury (USDC master minter / USDT owner) of {@code symbol}. */
  public String treasury(String symbol) {
    String address = address("treasury:" + symbol);
    if (classOf.putIfAbsent(address, CounterpartyClass.TREASURY) == null) {
      byClass.get(CounterpartyClass.TREASURY).add(address);
    }
    return address;
  }

  public List<String> addresses(CounterpartyClass type) {
    return byClass.get(type);
  }

  /** The class of {@code address}, or null for the zero address and unknown addresses. */
  public CounterpartyClass classOf(String address) {
    return classOf.get(address);
  }

  private void create(CounterpartyClass type, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException(type + " needs at least one address");
    }
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String address = address(type.name().toLowerCase(Locale.ROOT) + ":" + i);
      list.add(address);
      classOf.put(address, type);
    }
    byClass.put(type, list);
  }

  private static String address(String label) {
    return SimIds.evmAddress("stablecoin-address|" + label);
  }
}
