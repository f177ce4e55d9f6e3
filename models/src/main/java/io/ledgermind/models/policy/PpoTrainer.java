package io.ledgermind.models.policy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.ledgermind.models.ModelKind;
import io.ledgermind.models.artifact.Architecture;
import io.ledgermind.models.artifact.Manifest;
import io.ledgermind.models.artifact.ModelHash;
import io.ledgermind.models.artifact.ModelSpec;
import io.ledgermind.models.artifact.SafetensorsExport;
import io.ledgermind.models.runtime.DjlRuntime;
import io.ledgermind.models.runtime.FloatBatch;
import io.ledgermind.models.runtime.Probe;
import io.ledgermind.models.runtime.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Proximal policy optimisation on {@link StakingEnv}, written on DJL autograd: each update collects one full
 * episode from each of {@code envs} environments with the current policy (actions sampled from a seeded
 * {@link Random}), computes GAE advantages, then takes {@code ppoEpochs} passes of minibatch Adam steps on
 * {@link PpoLoss}. Every native step runs in its own sub-manager (STACK.md: memory otherwise grows 4x).
 */
public final class PpoTrainer {
  public static final String NAME = "policy-subnet-staking";
  private static final int PROBE_EPISODES = 16;

  private PpoTrainer() {}

  public static TrainedModel train(PolicyTrainingConfig config) {
    DjlRuntime.prepareThread();
    Engine.getInstance().setRandomSeed((int) config.seed());
    config.progress().update(0, config.updates(), "simulating " + config.env().trainingHistories()
        + " economy histories");
    StakingEnv.prepareTraining(config.env());
    StakingEnv.prepareHeldOut(config.env(), PROBE_EPISODES);
    int subnets = config.env().subnets();
    int obsSize = subnets * StakingEnv.FEATURES_PER_SUBNET;
    int actions = subnets + 1;
    Architecture architecture = Architecture.mlp(obsSize, config.hidden(), actions);
    try (Model model = Model.newInstance(NAME, Device.cpu(), "PyTorch")) {
      SequentialBlock block = PolicyNetwork.build(architecture);
      model.setBlock(block);
      DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new PpoLoss(actions, config.clip(),
          config.valueCoefficient(), config.entropyCoefficient()))
          .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
              .optClipGrad(1f).build())
          .optDevices(new Device[] {Device.cpu()})
          .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
      List<Double> meanReturns = new ArrayList<>();
      List<List<Double>> valueLosses = new ArrayList<>();
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(new Shape(1, obsSize));
        Random sampler = new Random(config.seed());
        for (int update = 0; update < config.updates(); update++) {
          Rollout rollout = collect(trainer, config, update, sampler, obsSize, actions);
          rollout.computeAdvantages(config.gamma(), config.lambda());
          double before = valueLoss(trainer, rollout, actions);
          optimise(trainer, rollout, config, sampler, actions);
          valueLosses.add(List.of(round(before), round(valueLoss(trainer, rollout, actions))));
          double meanReturn = rollout.episodeReturnSum / config.envs();
          meanReturns.add(Math.round(meanReturn * 1e4) / 1e4);
          config.progress().update(update + 1, config.updates(),
              String.format("mean episode return %.3f%%", meanReturn));
        }
      }
      FloatBatch probeInput = probeBatch(config.env(), obsSize);
      float[] probeOutput = Probe.run(block, model.getNDManager(), probeInput);
      byte[] parameters = parameterBytes(block);
      ModelSpec spec = ModelSpec.policy(architecture, StakingEnv.observationNames(subnets),
          StakingEnv.actionNames(subnets));
      SafetensorsExport.Exported exported = SafetensorsExport.export(block, architecture.type());
      Manifest manifest = new Manifest(Manifest.FORMAT, NAME, ModelKind.POLICY, ModelHash.of(spec, parameters),
          Manifest.PARAMETERS_FILE, spec, trainingInfo(config, meanReturns, valueLosses), null, exportInfo(exported));
      return new TrainedModel(manifest, parameters, exported.bytes(), probeInput, probeOutput);
    }
  }

  private static Rollout collect(Trainer trainer, PolicyTrainingConfig config, int update, Random sampler,
      int obsSize, int actions) {
    int envCount = config.envs();
    int steps = config.env().episodeTempos();
    StakingEnv[] envs = new StakingEnv[envCount];
    for (int e = 0; e < envCount; e++) {
      envs[e] = new StakingEnv(config.env(), EpisodeSeeds.training(config.seed(), update, e));
    }
    Rollout rollout = new Rollout(steps, envCount, obsSize);
    float[] batch = new float[envCount * obsSize];
    for (int t = 0; t < steps; t++) {
      for (int e = 0; e < envCount; e++) {
        System.arraycopy(envs[e].observation(), 0, batch, e * obsSize, obsSize);
      }
      System.arraycopy(batch, 0, rollout.observations, t * envCount * obsSize, batch.length);
      float[] out = evaluate(trainer, batch, envCount, obsSize);
      for (int e = 0; e < envCount; e++) {
        int i = t * envCount + e;
        double[] p = Softmax.of(out, e * (actions + 1), actions);
        int action = sample(p, sampler);
        rollout.actions[i] = action;
        rollout.logProbs[i] = (float) Math.log(Math.max(p[action], 1e-12));
        rollout.values[i] = out[e * (actions + 1) + actions];
        rollout.rewards[i] = (float) envs[e].step(action);
      }
    }
    for (int e = 0; e < envCount; e++) {
      System.arraycopy(envs[e].observation(), 0, batch, e * obsSize, obsSize);
      rollout.episodeReturnSum += envs[e].returnPercent();
    }
    float[] last = evaluate(trainer, batch, envCount, obsSize);
    for (int e = 0; e < envCount; e++) {
      rollout.bootstrap[e] = last[e * (actions + 1) + actions];
    }
    return rollout;
  }

  /**
   * Mean squared error of the value head against the rollout's returns. Measured before and after each update's
   * PPO epochs, it shows the network learning (the returns are fixed within an update, so the error must fall).
   */
  private static double valueLoss(Trainer trainer, Rollout rollout, int actions) {
    float[] out = evaluate(trainer, rollout.observations, rollout.size(), rollout.obsSize);
    double sum = 0;
    for (int i = 0; i < rollout.size(); i++) {
      double error = out[i * (actions + 1) + actions] - rollout.returns[i];
      sum += error * error;
    }
    return sum / rollout.size();
  }

  private static double round(double value) {
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", value));
  }

  private static float[] evaluate(Trainer trainer, float[] batch, int rows, int obsSize) {
    try (NDManager step = trainer.getManager().newSubManager()) {
      NDArray obs = step.create(batch, new Shape(rows, obsSize));
      return trainer.evaluate(new NDList(obs)).singletonOrThrow().toFloatArray();
    }
  }

  private static void optimise(Trainer trainer, Rollout rollout, PolicyTrainingConfig config, Random sampler,
      int actions) {
    int n = rollout.size();
    int[] order = new int[n];
    for (int epoch = 0; epoch < config.ppoEpochs(); epoch++) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = sampler.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int from = 0; from < n; from += config.minibatch()) {
        int to = Math.min(n, from + config.minibatch());
        minibatchStep(trainer, rollout, order, from, to, actions);
      }
    }
  }

  private static void minibatchStep(Trainer trainer, Rollout r, int[] order, int from, int to, int actions) {
    int m = to - from;
    float[] obs = new float[m * r.obsSize];
    float[] oneHot = new float[m * actions];
    float[] oldLogProb = new float[m];
    float[] advantage = new float[m];
    float[] returns = new float[m];
    for (int k = 0; k < m; k++) {
      int i = order[from + k];
      System.arraycopy(r.observations, i * r.obsSize, obs, k * r.obsSize, r.obsSize);
      oneHot[k * actions + r.actions[i]] = 1;
      oldLogProb[k] = r.logProbs[i];
      advantage[k] = r.advantages[i];
      returns[k] = r.returns[i];
    }
    try (NDManager step = trainer.getManager().newSubManager()) {
      NDList labels = new NDList(step.create(oneHot, new Shape(m, actions)), step.create(oldLogProb),
          step.create(advantage), step.create(returns));
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList out = trainer.forward(new NDList(step.create(obs, new Shape(m, r.obsSize))));
        collector.backward(trainer.getLoss().evaluate(labels, out));
      }
      trainer.step();
    }
  }

  /** First observations of the first held-out episodes. */
  private static FloatBatch probeBatch(EnvConfig env, int obsSize) {
    float[] data = new float[PROBE_EPISODES * obsSize];
    for (int i = 0; i < PROBE_EPISODES; i++) {
      System.arraycopy(new StakingEnv(env, EpisodeSeeds.heldOut(i)).observation(), 0, data, i * obsSize, obsSize);
    }
    return new FloatBatch(data, new long[] {PROBE_EPISODES, obsSize}, false);
  }

  private static int sample(double[] p, Random random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int a = 0; a < p.length; a++) {
      cumulative += p[a];
      if (u < cumulative) {
        return a;
      }
    }
    return p.length - 1;
  }

  private static byte[] parameterBytes(SequentialBlock block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Map<String, Object> trainingInfo(PolicyTrainingConfig config, List<Double> meanReturns,
      List<List<Double>> valueLosses) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("algorithm", "PPO (clip " + config.clip() + ", GAE gamma " + config.gamma() + " lambda "
        + config.lambda() + ", value coef " + config.valueCoefficient() + ", entropy coef "
        + config.entropyCoefficient() + ")");
    info.put("seed", config.seed());
    info.put("updates", config.updates());
    info.put("envsPerUpdate", config.envs());
    info.put("ppoEpochs", config.ppoEpochs());
    info.put("minibatch", config.minibatch());
    info.put("learningRate", config.learningRate());
    info.put("environment", environmentInfo(config.env()));
    info.put("meanEpisodeReturnPercentPerUpdate", meanReturns);
    info.put("valueLossBeforeAfterPerUpdate", valueLosses);
    info.put("engine", DjlRuntime.describeVersions());
    return info;
  }

  /** What the policy was trained in, so an evaluation can rebuild it: the world's economy and the episodes. */
  public static Map<String, Object> environmentInfo(EnvConfig env) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("mechanics", "io.ledgermind.world.bittensor.SubnetEconomy, replayed (MarketHistory); the agent is a"
        + " price taker whose own swaps pay slippage against the tempo's pools");
    info.put("subnets", env.subnets());
    info.put("economySubnets", env.economy().subnets());
    info.put("networkSubnets", env.economy().networkSubnets());
    info.put("tempo", env.economy().tempo());
    info.put("emissionRule", env.economy().emissionRule().name());
    info.put("initialIssuanceRao", env.economy().initialIssuance().toString());
    info.put("stakerShare", env.economy().stakerShare());
    info.put("episodeTempos", env.episodeTempos());
    info.put("warmUpTempos", env.warmUpTempos());
    info.put("startTao", env.startTao());
    info.put("chunk", env.chunk());
    info.put("trainingHistorySeeds", "0.." + (env.trainingHistories() - 1));
    info.put("trainingHistoryTempos", env.trainingHistoryTempos());
    info.put("heldOutHistorySeeds", "10^9 + k, " + env.heldOutWindows() + " episodes each, "
        + env.heldOutStride() + " tempos apart");
    return info;
  }

  private static Map<String, Object> exportInfo(SafetensorsExport.Exported exported) {
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("safetensors", Manifest.SAFETENSORS_FILE);
    export.put("pytorchNames", exported.names());
    return export;
  }
}
