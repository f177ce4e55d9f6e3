package io.ledgermind.models.runtime;

/** Progress of a long-running job (training, evaluation); the CLI draws it as a bar with ETA on stderr. */
@FunctionalInterface
public interface Progress {
  Progress NONE = (done, total, status) -> {};

  /** @param status short text such as {@code loss 0.4213} */
  void update(long done, long total, String status);
}
