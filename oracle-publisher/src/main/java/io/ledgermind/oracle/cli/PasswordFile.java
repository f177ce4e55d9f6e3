package io.ledgermind.oracle.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a keystore password from a file into a char array, never into a String (a String cannot be wiped and lives
 * on in the heap until collected). The first line is the password; a trailing newline is not part of it.
 */
final class PasswordFile {
  private static final int MAX_CHARS = 1_024;

  private PasswordFile() {}

  static char[] read(Path file) {
    char[] buffer = new char[MAX_CHARS + 1];
    int length = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int c;
      while (length <= MAX_CHARS && (c = in.read()) != -1 && c != '\n' && c != '\r') {
        buffer[length++] = (char) c;
      }
    } catch (IOException e) {
      Arrays.fill(buffer, '\0');
      // The message names the file only: an exception must never carry key material.
      throw new IllegalArgumentException("cannot read the password file " + file);
    }
    if (length > MAX_CHARS) {
      Arrays.fill(buffer, '\0');
      throw new IllegalArgumentException("the password file " + file + " holds more than " + MAX_CHARS + " characters");
    }
    char[] password = Arrays.copyOf(buffer, length);
    Arrays.fill(buffer, '\0');
    return password;
  }
}
