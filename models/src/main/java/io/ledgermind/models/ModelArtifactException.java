package io.ledgermind.models;

/**
 * An artifact that cannot be loaded. Permanent for that artifact: fix or re-train it; serving must not fall back
 * to another model silently, since every output is labelled with a model hash.
 */
public final class ModelArtifactException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an artifact was refused. */
  public enum Reason {
    /** manifest.json or the parameter file is missing. */
    MISSING_FILE,
    /** manifest.json does not parse or lacks a required field. */
    MALFORMED_MANIFEST,
    /** The parameter file does not fit the architecture the manifest describes. */
    MALFORMED_PARAMETERS,
    /** The hash recomputed from the files differs from the manifest's: the files were changed or mixed up. */
    HASH_MISMATCH,
    /** Format version or architecture this build cannot run. */
    UNSUPPORTED,
    /** Reading failed. */
    IO
  }

  private final Reason reason;
  private final String location;

  public ModelArtifactException(Reason reason, String location, String message, Throwable cause) {
    super(reason + " " + location + ": " + message, cause);
    this.reason = reason;
    this.location = location;
  }

  public ModelArtifactException(Reason reason, String location, String message) {
    this(reason, location, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** Directory or class-path location of the artifact. */
  public String location() {
    return location;
  }
}
