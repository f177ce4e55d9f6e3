package io.ledgermind.models.data;

import io.ledgermind.models.SeriesFamily;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series a forecaster was trained and evaluated on, stored beside its artifact ({@value #FILE}) so that
 * {@code models evaluate} reproduces the held-out table without re-running the pipeline, and the manifest can name
 * its data by hash. Tab-separated: a header {@code entity, window_end_millis, <features…>}, one row per window.
 * Floats are written with {@link Float#toString}, which reads back to the same float.
 */
public record Dataset(SeriesFamily family, List<String> features, List<Series> series) {
  public static final String FILE = "dataset.tsv";
  /** The same format for a held-out history of another seed (evaluation only). */
  public static final String HELD_OUT_FILE = "heldout-seed.tsv";

  public String toTsv() {
    StringBuilder out = new StringBuilder("entity\twindow_end_millis\t").append(String.join("\t", features))
        .append('\n');
    for (Series s : series) {
      for (int t = 0; t < s.length(); t++) {
        out.append(s.entity()).append('\t').append(s.endMillis(t));
        for (float v : s.rows()[t]) {
          out.append('\t').append(v);
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  public void write(Path dir) throws IOException {
    write(dir, FILE);
  }

  public void write(Path dir, String file) throws IOException {
    Files.writeString(dir.resolve(file), toTsv(), StandardCharsets.UTF_8);
  }

  /** SHA-256 of the file's bytes, hex: the manifest records it. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(toTsv().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The dataset the bundled forecaster of {@code family} was trained on (a resource beside its artifact). */
  public static Dataset bundled(SeriesFamily family) throws IOException {
    String resource = "artifacts/lstm-" + family.id() + "/" + FILE;
    try (InputStream in = Dataset.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no bundled dataset " + resource + " on the classpath");
      }
      return read(family, in);
    }
  }

  public static Dataset read(SeriesFamily family, InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null || !header.startsWith("entity\twindow_end_millis\t")) {
      throw new IOException("not a dataset file: header " + header);
    }
    String[] names = header.split("\t");
    List<String> features = List.of(names).subList(2, names.length);
    Map<String, List<FeatureWindowSeries.Row>> rows = new LinkedHashMap<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      Map<String, Double> values = new LinkedHashMap<>();
      for (int i = 0; i < features.size(); i++) {
        values.put(features.get(i), (double) Float.parseFloat(f[i + 2]));
      }
      rows.computeIfAbsent(f[0], e -> new ArrayList<>())
          .add(new FeatureWindowSeries.Row(f[0], Long.parseLong(f[1]), values));
    }
    List<FeatureWindowSeries.Row> all = rows.values().stream().flatMap(List::stream).toList();
    return new Dataset(family, features, FeatureWindowSeries.of(family, features, all));
  }
}
