package io.ledgermind.ingest.simulate;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Combinators for simulators: a block limit per chain and a time-ordered merge of several chains.
 *
 * <pre>{@code
 * Simulator all = Simulators.merge("all",
 *     Simulators.limit(stablecoin, 100), Simulators.limit(akash, 100));
 * }</pre>
 */
public final class Simulators {
  private Simulators() {}

  /** {@code simulator} stopped after {@code blocks} blocks. */
  public static Simulator limit(Simulator simulator, long blocks) {
    if (blocks < 0) {
      throw new IllegalArgumentException("blocks must be >= 0: " + blocks);
    }
    return new Limited(simulator, blocks);
  }

  /**
   * The blocks of all members in simulated-time order (ties go to the member listed first), so a consumer sees one
   * plausible timeline across chains with different block times.
   */
  public static Simulator merge(String domain, Simulator... members) {
    return merge(domain, List.of(members));
  }

  public static Simulator merge(String domain, List<Simulator> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("merge needs at least one simulator");
    }
    return new Merged(domain, List.copyOf(members));
  }

  private static final class Limited implements Simulator {
    private final Simulator delegate;
    private final long limit;
    private long produced;

    Limited(Simulator delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public String domain() {
      return delegate.domain();
    }

    @Override
    public boolean hasNext() {
      return produced < limit && delegate.hasNext();
    }

    @Override
    public Instant peekTime() {
      return delegate.peekTime();
    }

    @Override
    public SimulatedBlock next() {
      if (!hasNext()) {
        throw new NoSuchElementException(domain() + " reached its limit of " + limit + " blocks");
      }
      produced++;
      return delegate.next();
    }
  }

  private static final class Merged implements Simulator {
    private final String domain;
    private final List<Simulator> members;

    Merged(String domain, List<Simulator> members) {
      this.domain = domain;
      this.members = members;
    }

    @Override
    public String domain() {
      return domain;
    }

    @Override
    public boolean hasNext() {
      return members.stream().anyMatch(Simulator::hasNext);
    }

    @Override
    public Instant peekTime() {
      return earliest().peekTime();
    }

    @Override
    public SimulatedBlock next() {
      return earliest().next();
    }

    private Simulator earliest() {
      Simulator best = null;
      for (Simulator member : members) {
        if (member.hasNext() && (best == null || member.peekTime().isBefore(best.peekTime()))) {
          best = member;
        }
      }
      if (best == null) {
        throw new NoSuchElementException(domain + " has no more blocks");
      }
      return best;
    }
  }
}
