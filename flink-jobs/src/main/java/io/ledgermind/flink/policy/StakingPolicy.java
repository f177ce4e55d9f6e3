package io.ledgermind.flink.policy;

import io.ledgermind.models.Observation;
import io.ledgermind.models.Policy;
import io.ledgermind.models.PolicyDecision;
import io.ledgermind.models.avro.AvroRecords;
import io.ledgermind.models.policy.StakingObservation;
import io.ledgermind.models.policy.SubnetTempo;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.PolicyAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The RL staking policy over Bittensor subnets: once every tracked subnet's feature window of a tempo is in, builds
 * one observation per portfolio, decides for all portfolios in ONE batched policy call, applies each action to its
 * portfolio's weights and emits a {@code PolicyAction} with the resulting allocation.
 *
 * <p>The policy runs here, synchronously, rather than in the async micro-batching operator: each observation holds
 * the portfolio weights that the previous decision produced, a feedback loop an async operator cannot express
 * without Flink iterations. The call is cheap (an MLP: about a million observations per second batched), and the
 * batch is every portfolio of the tempo.
 *
 * <p>The observation is built by models' {@link StakingObservation} from the windows' values, the same code that
 * builds it in training from the world's snapshots. Action k > 0 moves {@code chunk} of the portfolio into subnet
 * k-1 pro rata from the others.
 *
 * <p>Keyed by one constant (the tracked subnets are few and their windows must meet); a tempo whose windows never
 * all arrive is dropped after {@code 3} tempos and counted.
 */
public final class StakingPolicy extends KeyedProcessFunction<String, FeatureWindow, PolicyAction> {
  private static final long serialVersionUID = 1L;
  public static final String KEY = "bittensor-staking";

  private final List<Integer> netuids;
  private final List<Portfolio> portfolios;
  private final int networkSubnets;
  private final double chunk;
  private final PolicyFactory factory;
  private final Clock clock;

  private transient Policy policy;
  /** Windows of the tempo being collected, keyed "windowStart|netuid". */
  private transient MapState<String, FeatureWindow> pending;
  /** Current weights per portfolio (one per tracked subnet). */
  private transient MapState<String, double[]> weights;
  private transient Counter decisions;
  private transient Counter incomplete;

  public StakingPolicy(List<Integer> netuids, List<Portfolio> portfolios, int networkSubnets, double chunk,
      PolicyFactory factory) {
    this(netuids, portfolios, networkSubnets, chunk, factory, Clock.systemUTC());
  }

  StakingPolicy(List<Integer> netuids, List<Portfolio> portfolios, int networkSubnets, double chunk,
      PolicyFactory factory, Clock clock) {
    if (netuids.isEmpty() || portfolios.isEmpty()) {
      throw new IllegalArgumentException("need at least one subnet and one portfolio");
    }
    if (!(chunk > 0 && chunk < 1)) {
      throw new IllegalArgumentException("chunk must be within (0, 1): " + chunk);
    }
    this.netuids = List.copyOf(netuids);
    this.portfolios = List.copyOf(portfolios);
    this.networkSubnets = networkSubnets;
    this.chunk = chunk;
    this.factory = factory;
    this.clock = clock;
  }

  /** Subnets 1–4, three portfolio sizes, 128 subnets on the network, chunk 0.25 (the training environment's). */
  public static StakingPolicy defaults(PolicyFactory factory) {
    return new StakingPolicy(List.of(1, 2, 3, 4), List.of(new Portfolio("portfolio:small", 100),
        new Portfolio("portfolio:medium", 10_000), new Portfolio("portfolio:large", 1_000_000)), 128, 0.25, factory);
  }

  @Override
  public void open(OpenContext context) throws Exception {
    policy = factory.open();
    int expected = netuids.size() * 5;
    if (policy.model().inputFeatures().size() != expected) {
      throw new IllegalStateException("policy " + policy.model().name() + " takes "
          + policy.model().inputFeatures().size() + " inputs, but " + netuids.size() + " subnets give " + expected);
    }
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-windows", Types.STRING,
        new AvroTypeInfo<>(FeatureWindow.class)));
    weights = getRuntimeContext().getMapState(new MapStateDescriptor<>("portfolio-weights", Types.STRING,
        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    decisions = getRuntimeContext().getMetricGroup().counter("policyDecisions");
    incomplete = getRuntimeContext().getMetricGroup().counter("policyTemposIncomplete");
  }

  @Override
  public void close() {
    if (policy != null) {
      policy.close();
    }
  }

  @Override
  public void processElement(FeatureWindow window, Context ctx, Collector<PolicyAction> out) throws Exception {
    if (window.getDomain() != Domain.BITTENSOR || window.getRevision() != 0) {
      return; // corrections arrive after the tempo was decided: the decision stands
    }
    int netuid = Integer.parseInt(window.getEntity().substring("netuid:".length()));
    if (!netuids.contains(netuid)) {
      return;
    }
    long start = window.getWindowStart().toEpochMilli();
    // A copy: with object reuse the runtime may refill the input record for the next element.
    pending.put(start + "|" + netuid, FeatureWindow.newBuilder(window).build());
    long step = window.getWindowEnd().toEpochMilli() - start;
    ctx.timerService().registerEventTimeTimer(start + 4 * step);
    List<FeatureWindow> tempo = new ArrayList<>();
    for (int id : netuids) {
      FeatureWindow w = pending.get(start + "|" + id);
      if (w == null) {
        return;
      }
      tempo.add(w);
    }
    for (int id : netuids) {
      pending.remove(start + "|" + id);
    }
    decide(tempo, out);
  }

  private void decide(List<FeatureWindow> tempo, Collector<PolicyAction> out) throws Exception {
    List<Observation> observations = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    for (Portfolio portfolio : portfolios) {
      double[] w = weights.get(portfolio.id());
      if (w == null) {
        w = new double[netuids.size()];
        java.util.Arrays.fill(w, 1.0 / netuids.size());
      }
      current.add(w);
      observations.add(new Observation(portfolio.id(), observation(tempo, portfolio, w)));
    }
    List<PolicyDecision> batch = policy.decide(observations);
    String windows = String.join(",", tempo.stream().map(FeatureWindow::getFeatureId).toList());
    for (int p = 0; p < portfolios.size(); p++) {
      // The observation's id: the portfolio and the subnet windows it was built from (deterministic on replay).
      String featureId = EventIds.of("observation", portfolios.get(p).id(), windows);
      double[] next = apply(current.get(p), batch.get(p).actionIndex());
      weights.put(portfolios.get(p).id(), next);
      Map<String, Double> allocation = new LinkedHashMap<>();
      for (int i = 0; i < netuids.size(); i++) {
        allocation.put("netuid:" + netuids.get(i), next[i]);
      }
      out.collect(AvroRecords.policyAction(batch.get(p), featureId, Domain.BITTENSOR, allocation, clock.instant()));
      decisions.inc();
    }
  }

  /** The observation as the policy was trained on it: {@link StakingObservation} over the tempo's windows. */
  float[] observation(List<FeatureWindow> tempo, Portfolio portfolio, double[] w) {
    List<SubnetTempo> subnets = new ArrayList<>(tempo.size());
    for (FeatureWindow window : tempo) {
      subnets.add(SubnetTempo.fromFeatures(window.getValues()));
    }
    return StakingObservation.of(subnets, portfolio.valueTao(), w, networkSubnets);
  }

  /** Action 0 holds; action k moves {@code chunk} of the portfolio into subnet k-1, pro rata from the others. */
  double[] apply(double[] w, int action) {
    double[] next = w.clone();
    if (action <= 0 || action > next.length) {
      return next;
    }
    int target = action - 1;
    double others = 1 - next[target];
    if (others <= 0) {
      return next;
    }
    double moved = Math.min(chunk, others);
    for (int i = 0; i < next.length; i++) {
      next[i] = i == target ? next[i] + moved : next[i] * (1 - moved / others);
    }
    return next;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<PolicyAction> out) throws Exception {
    List<String> stale = new ArrayList<>();
    for (String key : pending.keys()) {
      FeatureWindow w = pending.get(key);
      long step = w.getWindowEnd().toEpochMilli() - w.getWindowStart().toEpochMilli();
      if (w.getWindowStart().toEpochMilli() + 4 * step <= timestamp) {
        stale.add(key);
      }
    }
    if (!stale.isEmpty()) {
      incomplete.inc();
    }
    for (String key : stale) {
      pending.remove(key);
    }
  }
}
