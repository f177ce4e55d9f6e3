package io.ledgermind.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.serde.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {
  @Test
  void topicNamesAreUnique() {
    assertThat(TopicCatalogue.ALL.stream().map(TopicSpec::name)).doesNotHaveDuplicates();
  }

  @Test
  void everyRecordTypeTravelsOnSomeTopicAndEveryTopicTypeIsDecodable() {
    assertThat(TopicCatalogue.ALL.stream().flatMap(t -> t.valueTypes().stream()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(SchemaCatalog.RECORD_TYPES);
  }

  @Test
  void rawTopicsCarryRetractionsOnTheirOwnKey() {
    assertThat(TopicCatalogue.ALL).filteredOn(t -> t.name().startsWith("ledgermind.raw.") && !t.name().endsWith("blocks"))
        .allSatisfy(t -> assertThat(t.valueTypes()).contains(Retraction.class));
  }

  @Test
  void compactedTopicsKeepRecordsAndDeleteTopicsExpire() {
    assertThat(TopicCatalogue.INGEST_CHECKPOINTS.configs()).containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
    assertThat(TopicCatalogue.RAW_STABLECOIN.configs()).containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
  }

  @Test
  void readmeTableIsGeneratedFromTheCatalogue() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme)
        .as("schemas/README.md must contain the output of `ledgermind topics list --markdown`")
        .contains(TopicCatalogue.markdown());
  }
}
