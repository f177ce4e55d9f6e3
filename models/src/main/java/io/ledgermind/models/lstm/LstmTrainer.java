package io.ledgermind.models.lstm;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.CosineTracker;
import io.ledgermind.models.ModelKind;
import io.ledgermind.models.artifact.Architecture;
import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.Manifest;
import io.ledgermind.models.artifact.ModelHash;
import io.ledgermind.models.artifact.ModelSpec;
import io.ledgermind.models.artifact.SafetensorsExport;
import io.ledgermind.models.data.Series;
import io.ledgermind.models.data.Dataset;
import io.ledgermind.models.data.Split;
import io.ledgermind.models.runtime.DjlRuntime;
import io.ledgermind.models.runtime.FloatBatch;
import io.ledgermind.models.runtime.Probe;
import io.ledgermind.models.runtime.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the quantile LSTM of one series family on the pipeline's feature windows with a hand-written loop (Adam, cosine decay,
 * one sub-manager per batch so native memory stays flat) and returns the artifact contents. Deterministic for a
 * config: the engine's RNG (initialisation) and the shuffling are both seeded, and the engine runs one thread.
 */
public final class LstmTrainer {
  private static final LayoutType[] NTC = LayoutType.fromValue("NTC");

  private LstmTrainer() {}

  /**
   * Trains on a dataset of the pipeline's feature windows (e.g. one recorded beside an artifact): the first
   * {@code trainFraction} of every series trains, the rest is held out. {@code data} describes where it came from.
   */
  public static TrainedModel train(LstmTrainingConfig config, Dataset dataset, Map<String, Object> data) {
    int length = dataset.series().stream().mapToInt(Series::length).min().orElse(0);
    int trainRows = Split.trainRows(length, config.trainFraction());
    if (length - trainRows < config.windowLength() + config.horizons()) {
      throw new IllegalArgumentException("held-out part of " + length + " rows is shorter than window + horizons ("
          + (config.windowLength() + config.horizons()) + ")");
    }
    return train(config, dataset.series(), trainRows, data);
  }

  /**
   * Trains on {@code series} (equal lengths, aligned in time): rows before {@code trainRows} train, the rest is held
   * out. {@code data} describes where the series came from (written to the manifest's {@code training.data}, with
   * the entities and ranges added).
   */
  public static TrainedModel train(LstmTrainingConfig config, List<Series> series, int trainRows,
      Map<String, Object> data) {
    DjlRuntime.prepareThread();
    Engine.getInstance().setRandomSeed((int) config.seed());

    FeatureSpec spec = new FeatureSpec(config.family(), config.windowLength(), config.family().step().toMillis(),
        FamilyFeatures.inputs(config.family()), FamilyFeatures.calendar(config.family()),
        horizonList(config.horizons()), config.quantiles().get(config.quantiles().size() - 1)
            - config.quantiles().get(0),
        StatsFitter.fit(series, FamilyFeatures.inputs(config.family()), trainRows,
            FamilyFeatures.pooledStatistics(config.family())));
    Normaliser normaliser = new Normaliser(spec);
    Architecture architecture = Architecture.lstm(normaliser.channels(), config.hiddenSize(), config.layers(),
        config.horizons(), config.quantiles());
    WindowSet windows = WindowSet.training(series, normaliser, config.windowLength(), config.horizons(), trainRows);
    spec = spec.withInputBounds(inputBounds(windows, FamilyFeatures.inputs(config.family())));

    String name = "lstm-" + config.family().id();
    try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
      SequentialBlock block = LstmNetwork.build(architecture);
      model.setBlock(block);
      List<Double> losses = fit(model, config, windows);
      FloatBatch probeInput = probeBatch(windows);
      float[] probeOutput = Probe.run(block, model.getNDManager(), probeInput);
      byte[] parameters = parameterBytes(block);
      ModelSpec modelSpec = ModelSpec.forecaster(architecture, spec);
      SafetensorsExport.Exported exported = SafetensorsExport.export(block, architecture.type());
      Manifest manifest = new Manifest(Manifest.FORMAT, name, ModelKind.LSTM_FORECASTER,
          ModelHash.of(modelSpec, parameters), Manifest.PARAMETERS_FILE, modelSpec,
          trainingInfo(config, data, series, trainRows, windows.count, losses), null,
          exportInfo(exported));
      return new TrainedModel(manifest, parameters, exported.bytes(), probeInput, probeOutput);
    }
  }

  private static List<Double> fit(Model model, LstmTrainingConfig config, WindowSet windows) {
    int batch = config.batchSize();
    int batchesPerEpoch = (windows.count + batch - 1) / batch;
    int totalSteps = Math.max(1, batchesPerEpoch * config.epochs());
    Adam adam = Adam.builder().optLearningRateTracker(CosineTracker.builder()
        .setBaseValue((float) config.learningRate()).optFinalValue((float) config.learningRate() / 20)
        .setMaxUpdates(totalSteps).build()).optClipGrad(1f).build();
    DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new PinballLoss(config.quantiles()))
        .optOptimizer(adam).optDevices(new Device[] {Device.cpu()})
        .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    List<Double> losses = new ArrayList<>();
    try (Trainer trainer = model.newTrainer(trainingConfig)) {
      trainer.initialize(new Shape(new long[] {batch, windows.rows, windows.channels}, NTC));
      Random shuffle = new Random(config.seed());
      int[] order = new int[windows.count];
      float[] x = new float[batch * windows.rows * windows.channels];
      float[] y = new float[batch * windows.horizons];
      long step = 0;
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        shuffle(order, shuffle);
        double sum = 0;
        for (int from = 0; from < order.length; from += batch) {
          int to = Math.min(order.length, from + batch);
          windows.gather(order, from, to, x, y);
          sum += step(trainer, x, y, to - from, windows) * (to - from);
          config.progress().update(++step, totalSteps, String.format("epoch %d/%d loss %.4f", epoch + 1,
              config.epochs(), sum / to));
        }
        losses.add(sum / order.length);
      }
    }
    return losses;
  }

  private static double step(Trainer trainer, float[] x, float[] y, int n, WindowSet windows) {
    // A sub-manager per batch: every intermediate array of forward/backward is freed when it closes.
    try (NDManager batchManager = trainer.getManager().newSubManager()) {
      NDArray inputs = batchManager.create(java.util.Arrays.copyOf(x, n * windows.rows * windows.channels),
          new Shape(new long[] {n, windows.rows, windows.channels}, NTC));
      NDArray targets = batchManager.create(java.util.Arrays.copyOf(y, n * windows.horizons),
          new Shape(n, windows.horizons));
      double loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList predictions = trainer.forward(new NDList(inputs));
        NDArray value = trainer.getLoss().evaluate(new NDList(targets), predictions);
        collector.backward(value);
        loss = value.getFloat();
      }
      trainer.step();
      return loss;
    }
  }

  /** Per input feature, the largest |normalised value| in any training window: the model's known range. */
  static Map<String, Double> inputBounds(WindowSet windows, List<FeatureSpec.InputFeature> inputs) {
    Map<String, Double> bounds = new LinkedHashMap<>();
    for (int f = 0; f < inputs.size(); f++) {
      double max = 0;
      for (int i = f; i < windows.inputs.length; i += windows.channels) {
        max = Math.max(max, Math.abs(windows.inputs[i]));
      }
      bounds.put(inputs.get(f).name(), max);
    }
    return bounds;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  /** The first (up to) 16 training windows. */
  private static FloatBatch probeBatch(WindowSet windows) {
    int n = Math.min(16, windows.count);
    int size = windows.rows * windows.channels;
    return new FloatBatch(java.util.Arrays.copyOf(windows.inputs, n * size),
        new long[] {n, windows.rows, windows.channels}, true);
  }

  static byte[] parameterBytes(SequentialBlock block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<Integer> horizonList(int horizons) {
    List<Integer> list = new ArrayList<>();
    for (int h = 1; h <= horizons; h++) {
      list.add(h);
    }
    return list;
  }

  private static Map<String, Object> trainingInfo(LstmTrainingConfig config, Map<String, Object> source,
      List<Series> series, int trainRows, int windows, List<Double> losses) {
    Series first = series.get(0);
    Map<String, Object> data = new LinkedHashMap<>(source);
    data.put("entities", series.stream().map(Series::entity).toList());
    data.put("rowsPerEntity", first.length());
    data.put("trainRows", trainRows);
    data.put("trainRange", List.of(Instant.ofEpochMilli(first.startMillis()).toString(),
        Instant.ofEpochMilli(first.endMillis(trainRows - 1)).toString()));
    data.put("heldOutRange", List.of(Instant.ofEpochMilli(first.endMillis(trainRows - 1)).toString(),
        Instant.ofEpochMilli(first.endMillis(first.length() - 1)).toString()));
    data.put("trainWindows", windows);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("seed", config.seed());
    info.put("epochs", config.epochs());
    info.put("batchSize", config.batchSize());
    info.put("optimizer", "adam lr " + config.learningRate() + " cosine to lr/20, grad clip 1");
    info.put("loss", "pinball over quantiles " + config.quantiles());
    info.put("lossPerEpoch", losses.stream().map(l -> Math.round(l * 1e5) / 1e5).toList());
    info.put("data", data);
    info.put("engine", DjlRuntime.describeVersions());
    return info;
  }

  static Map<String, Object> exportInfo(SafetensorsExport.Exported exported) {
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("safetensors", Manifest.SAFETENSORS_FILE);
    export.put("pytorchNames", exported.names());
    return export;
  }
}
