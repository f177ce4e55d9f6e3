package io.ledgermind.oracle.signer;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * What this signer has signed, on disk, written and forced to the device <em>before</em> a signature leaves the
 * process: after a crash or restart the signer still knows, per feed and window, the one content it signed, so it
 * cannot equivocate (sign a second value for a window a transmitter could then choose from). One line per signed
 * window: {@code feed \t observedAt \t contentHash \t digest \t signedAtMillis}, append-only.
 *
 * <p>Also the signer's memory of its rate per feed (rounds signed in the last hour), which must survive restarts
 * for the same reason. Not thread-safe: one signer loop owns it.
 */
public final class SignerJournal implements AutoCloseable {
  /** One signed window. */
  public record Signed(String feed, long observedAt, String contentHash, String digest, long signedAtMillis) {}

  private final Path file;
  private final FileChannel channel;
  private final Map<String, Signed> byWindow = new HashMap<>();
  private final Map<String, Signed> latestByFeed = new HashMap<>();
  private final Map<String, Deque<Long>> signedTimesByFeed = new HashMap<>();

  private SignerJournal(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        if (f.length != 5) {
          continue; // a torn last line: its signature was never released (the write is forced first)
        }
        remember(new Signed(f[0], Long.parseLong(f[1]), f[2], f[3], Long.parseLong(f[4])));
      }
    }
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  /** Opens (or creates) the journal at {@code file} and loads what it holds. */
  public static SignerJournal open(Path file) throws IOException {
    return new SignerJournal(file);
  }

  public Path file() {
    return file;
  }

  /** The content this signer signed for the entry's feed and window, if any. */
  public Optional<Signed> signed(String feed, long observedAt) {
    return Optional.ofNullable(byWindow.get(feed + "@" + observedAt));
  }

  /** The newest window this signer signed for a feed. */
  public Optional<Signed> latest(String feed) {
    return Optional.ofNullable(latestByFeed.get(feed));
  }

  /** How many windows of {@code feed} this signer signed at or after {@code sinceMillis}. */
  public int signedSince(String feed, long sinceMillis) {
    Deque<Long> times = signedTimesByFeed.get(feed);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() < sinceMillis) {
      times.pollFirst();
    }
    return times.size();
  }

  /**
   * Records the windows of a batch about to be signed under {@code digest} and forces them to disk; windows already
   * recorded (a re-signature of the same content) are not written again.
   */
  public void record(List<FeedUpdateEntry> entries, String digest, long nowMillis) {
    StringBuilder lines = new StringBuilder();
    for (FeedUpdateEntry e : entries) {
      if (signed(e.feedName(), e.observedAtSeconds()).isPresent()) {
        continue;
      }
      Signed s = new Signed(e.feedName(), e.observedAtSeconds(), contentHash(e), digest.toLowerCase(), nowMillis);
      lines.append(s.feed()).append('\t').append(s.observedAt()).append('\t').append(s.contentHash()).append('\t')
          .append(s.digest()).append('\t').append(s.signedAtMillis()).append('\n');
      remember(s);
    }
    if (lines.isEmpty()) {
      return;
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the signer journal " + file, e);
    }
  }

  /** A hash of everything a window's entry carries (answer, target time, model hash, inputs commitment). */
  public static String contentHash(FeedUpdateEntry e) {
    String content = e.feedName() + '|' + e.answer() + '|' + e.observedAtSeconds() + '|' + e.targetTimeSeconds() + '|'
        + Numeric.toHexString(e.modelHash()) + '|' + Numeric.toHexString(e.inputsCommitment());
    return Numeric.toHexString(Hash.sha3(content.getBytes(StandardCharsets.UTF_8)));
  }

  private void remember(Signed s) {
    byWindow.putIfAbsent(s.feed() + "@" + s.observedAt(), s);
    latestByFeed.merge(s.feed(), s, (a, b) -> a.observedAt() >= b.observedAt() ? a : b);
    signedTimesByFeed.computeIfAbsent(s.feed(), f -> new ArrayDeque<>()).addLast(s.signedAtMillis());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
