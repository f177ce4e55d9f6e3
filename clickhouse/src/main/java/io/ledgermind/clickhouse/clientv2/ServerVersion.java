package io.ledgermind.clickhouse.clientv2;

import io.ledgermind.clickhouse.ClickHouseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server versions client-v2 can talk to: 20.7 and later (RowBinaryWithNamesAndTypes, currentUser()). */
final class ServerVersion {
  static final int MIN_MAJOR = 20;
  static final int MIN_MINOR = 7;
  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+).*");

  private ServerVersion() {}

  static boolean supported(String version) {
    Matcher m = MAJOR_MINOR.matcher(version);
    if (!m.matches()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > MIN_MAJOR || (major == MIN_MAJOR && minor >= MIN_MINOR);
  }

  static void requireSupported(String url, String version) {
    if (!supported(version)) {
      throw new ClickHouseException(tooOld(url, "server version " + version), -1, false, null);
    }
  }

  static String tooOld(String url, String what) {
    return "ClickHouse " + url + ": " + what + " is not supported by the official client (client-v2 needs "
        + MIN_MAJOR + "." + MIN_MINOR + " or later); use an http:// URL (ClickHouseHttpClient) for this server";
  }
}
