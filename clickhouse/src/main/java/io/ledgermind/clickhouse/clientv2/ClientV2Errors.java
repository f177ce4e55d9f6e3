package io.ledgermind.clickhouse.clientv2;

import com.clickhouse.client.api.ClientMisconfigurationException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import io.ledgermind.clickhouse.ClickHouseException;
import java.io.IOException;
import java.util.Set;

/** Maps client-v2's exceptions onto the one {@link ClickHouseException} taxonomy the sinks already handle. */
final class ClientV2Errors {
  /**
   * Server error codes a retry can fix (overload, timeouts, parts pressure). Everything else the server answers with
   * a code is our statement or data, and permanent.
   */
  static final Set<Integer> RETRIABLE_SERVER_CODES = Set.of(
      159, // TIMEOUT_EXCEEDED
      202, // TOO_MANY_SIMULTANEOUS_QUERIES
      203, // NO_FREE_CONNECTION
      209, // SOCKET_TIMEOUT
      210, // NETWORK_ERROR
      241, // MEMORY_LIMIT_EXCEEDED
      242, // TABLE_IS_READ_ONLY (replica lost its keeper session)
      252, // TOO_MANY_PARTS
      319); // UNKNOWN_STATUS_OF_INSERT

  private ClientV2Errors() {}

  static ClickHouseException translate(String url, String what, Throwable error) {
    if (error instanceof ClickHouseException known) {
      return known;
    }
    String message = "ClickHouse " + url + " failed " + what + ": " + error.getMessage();
    if (error instanceof ServerException server) {
      int code = server.getCode();
      boolean retriable = RETRIABLE_SERVER_CODES.contains(code) || server.getTransportProtocolCode() == 503;
      return new ClickHouseException(message, server.getTransportProtocolCode(), code, retriable, error);
    }
    if (error instanceof ClientMisconfigurationException) {
      return new ClickHouseException(message, -1, false, error);
    }
    if (error instanceof ConnectionInitiationException || error instanceof DataTransferException
        || hasCause(error, IOException.class)) {
      return new ClickHouseException(message, -1, true, error);
    }
    if (error instanceof com.clickhouse.client.api.ClickHouseException clientError) {
      return new ClickHouseException(message, -1, clientError.isRetryable(), error);
    }
    return new ClickHouseException(message, -1, false, error);
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
