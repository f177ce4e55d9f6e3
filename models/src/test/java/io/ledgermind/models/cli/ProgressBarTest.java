package io.ledgermind.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProgressBarTest {
  @Test
  void drawsPercentageAndFinishesWithTheElapsedTime() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "train");
    bar.update(1, 4, "loss 1.0");
    bar.update(4, 4, "loss 0.5");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("train [").contains(" 25%").contains("ETA").contains("100%").contains("took")
        .endsWith(System.lineSeparator());
    assertThat(ProgressBar.format(3725)).isEqualTo("1:02:05");
    assertThat(ProgressBar.format(65)).isEqualTo("1:05");
  }

  @Test
  void commandTreeHasTheDocumentedSubcommands() {
    CommandLine cli = new CommandLine(new ModelsCommand());
    assertThat(cli.getCommandName()).isEqualTo("models");
    assertThat(cli.getSubcommands()).containsKeys("train", "evaluate", "info", "benchmark");
    assertThat(cli.getSubcommands().get("train").getSubcommands()).containsOnlyKeys("policy");
  }
}
