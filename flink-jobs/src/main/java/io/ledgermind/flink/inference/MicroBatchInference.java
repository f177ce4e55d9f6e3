package io.ledgermind.flink.inference;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;

/**
 * Wires micro-batched inference into a stream.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<Scored> scored = MicroBatchInference.apply(
 *     windows.keyBy(w -> w.entity),            // per-key order holds when the input keeps it (keyBy or forward)
 *     predictor, MicroBatchConfig.defaults(), TypeInformation.of(Scored.class), "forecast-inference");
 * }</pre>
 */
public final class MicroBatchInference {
  private MicroBatchInference() {}

  /**
   * One output per input, in input order per subtask, named and with uid {@code name} (the uid keys the in-flight
   * requests in checkpoints: keep it stable).
   */
  public static <I, O> SingleOutputStreamOperator<O> apply(DataStream<I> input, BatchPredictor<I, O> predictor,
      MicroBatchConfig config, TypeInformation<O> outType, String name) {
    return apply(input, new MicroBatchingAsyncFunction<>(predictor, config), outType, name);
  }

  /** The same with a prepared function (e.g. a subclass). */
  public static <I, O> SingleOutputStreamOperator<O> apply(DataStream<I> input,
      MicroBatchingAsyncFunction<I, O> function, TypeInformation<O> outType, String name) {
    MicroBatchingAsyncFunction<I, O> cleaned = input.getExecutionEnvironment().clean(function);
    return input.transform(name, outType, operatorFactory(cleaned)).uid(name);
  }

  /** The async operator around the function; package-private so harness tests run exactly this wiring. */
  static <I, O> AsyncWaitOperatorFactory<I, O> operatorFactory(MicroBatchingAsyncFunction<I, O> function) {
    MicroBatchConfig config = function.config();
    // ORDERED, not UNORDERED: a batch answers many keys at once, and after isolation retries or a timeout, answers
    // can arrive out of arrival order; ordered emission restores it, so each key's results leave in the order its
    // requests came in (and after the watermarks that preceded them). It costs nothing here, since the requests of
    // one batch complete together anyway. AsyncDataStream.orderedWait would do the same but infers the output type
    // by reflection, which fails for a generic function; transform() takes it explicitly.
    return new AsyncWaitOperatorFactory<>(function, config.timeout().toMillis(), config.capacity(),
        AsyncDataStream.OutputMode.ORDERED);
  }
}
