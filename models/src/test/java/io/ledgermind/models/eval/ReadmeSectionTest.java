package io.ledgermind.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeSectionTest {
  @Test
  void replacesOnlyBetweenTheMarkers() {
    String text = "intro\n" + ReadmeSection.START + "\nold table\n" + ReadmeSection.END + "\noutro\n";
    String out = ReadmeSection.replace(text, "| new |\n");
    assertThat(out).isEqualTo("intro\n" + ReadmeSection.START + "\n| new |\n" + ReadmeSection.END + "\noutro\n");
    assertThat(ReadmeSection.replace(out, "| new |")).isEqualTo(out);
  }

  @Test
  void refusesAFileWithoutMarkers() {
    assertThatThrownBy(() -> ReadmeSection.replace("no markers", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theModuleReadmeHasTheMarkers() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(ReadmeSection.START).contains(ReadmeSection.END);
  }
}
