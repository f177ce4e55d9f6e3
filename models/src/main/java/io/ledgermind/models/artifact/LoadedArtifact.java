package io.ledgermind.models.artifact;

/**
 * An artifact read into memory and hash-verified: its manifest and parameter bytes (tens of kilobytes).
 *
 * @param location directory path or {@code classpath:artifacts/<name>} it came from
 */
public record LoadedArtifact(Manifest manifest, byte[] parameters, String location) {}
