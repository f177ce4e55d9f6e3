package io.ledgermind.clickhouse;

import java.time.Duration;
import java.util.Objects;

/**
 * What every ClickHouse connection is configured with — url, user, password, timeout — declared once for the
 * builders of both inserters and of {@link ClickHouseInserters}. Self-typed, so each builder's setters return its
 * own type.
 *
 * @param <B> the concrete builder
 */
public abstract class ConnectionBuilder<B extends ConnectionBuilder<B>> {
  private String url;
  private String user = "default";
  private String password = "";
  private Duration timeout = Duration.ofSeconds(30);

  protected ConnectionBuilder() {}

  /** The concrete builder ({@code this}). */
  protected abstract B self();

  /** Where the server is; which schemes a builder takes is its own check. */
  public B url(String url) {
    this.url = url;
    return self();
  }

  /** Default {@code default}. */
  public B user(String user) {
    this.user = Objects.requireNonNull(user, "user");
    return self();
  }

  /** Default empty. Never logged or put in messages: they name the URL only. */
  public B password(String password) {
    this.password = Objects.requireNonNull(password, "password");
    return self();
  }

  /** Bound on connecting and on one request (default 30 s). */
  public B timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /** Hands these settings on to another builder. */
  protected <O extends ConnectionBuilder<O>> O copyTo(O other) {
    return other.url(url).user(user).password(password).timeout(timeout);
  }

  /** The settings so far, read by the inserter being built. */
  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Duration timeout() {
    return timeout;
  }
}
