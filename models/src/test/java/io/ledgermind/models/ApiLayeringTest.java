package io.ledgermind.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API package stays plain Java so Flink jobs never touch DJL (STYLE.md 9): no DJL, Avro or Jackson type
 * in any of its sources. A source check rather than ArchUnit keeps the module's test dependencies small.
 */
class ApiLayeringTest {
  private static final Path API = Path.of("src/main/java/io/ledgermind/models");

  @Test
  void apiPackageImportsNoDjlAvroOrJackson() throws Exception {
    List<Path> sources;
    try (Stream<Path> files = Files.list(API)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(10);
    for (Path source : sources) {
      assertThat(Files.readString(source)).as(source.getFileName().toString())
          .doesNotContain("import ai.djl").doesNotContain("import org.apache.avro")
          .doesNotContain("import com.fasterxml");
    }
  }

  @Test
  void errorTaxonomyNamesEveryRefusal() {
    assertThat(ModelInputException.Reason.values()).extracting(Enum::name).contains("NON_FINITE",
        "WRONG_WINDOW_LENGTH", "WRONG_FEATURE_COUNT", "UNKNOWN_ENTITY", "UNKNOWN_MODEL_HASH", "WRONG_SERIES_FAMILY",
        "OUT_OF_DOMAIN");
    ModelInputException e = new ModelInputException(ModelInputException.Reason.NON_FINITE, 3, "USDC", "x is NaN");
    assertThat(e.getMessage()).isEqualTo("NON_FINITE at input 3 (USDC): x is NaN");
    assertThat(e.atIndex(7).index()).isEqualTo(7);
    assertThat(e.atIndex(7).detail()).isEqualTo("x is NaN");
  }

  @Test
  void seriesFamiliesParseByIdOrName() {
    assertThat(SeriesFamily.parse("depin-usage")).isEqualTo(SeriesFamily.DEPIN_USAGE);
    assertThat(SeriesFamily.parse("SUBNET_EMISSION_SHARE")).isEqualTo(SeriesFamily.SUBNET_EMISSION_SHARE);
    assertThat(SeriesFamily.SUBNET_EMISSION_SHARE.step().toMinutes()).isEqualTo(72);
  }

  @Test
  void deterministicOptionsForceCpuAndBatchOfOne() {
    InferenceOptions options = InferenceOptions.builder().device(InferenceOptions.DeviceChoice.GPU).maxBatch(512)
        .deterministic(true).build();
    assertThat(options.device()).isEqualTo(InferenceOptions.DeviceChoice.CPU);
    assertThat(options.maxBatch()).isEqualTo(1);
  }
}
