package io.ledgermind.ingest.bittensor;

/**
 * xxHash64 (Yann Collet's XXH64), the hash behind Substrate's {@code Twox64Concat}/{@code Twox128} storage key
 * hashers. Written out here because the ingest module carries no Substrate library; checked against the published
 * XXH64 test vectors and against well-known Substrate storage keys (see XxHash64Test).
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  public static long hash(byte[] data, long seed) {
    int length = data.length;
    int offset = 0;
    long h;
    if (length >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = length - 32;
      while (offset <= limit) {
        v1 = round(v1, lane64(data, offset));
        v2 = round(v2, lane64(data, offset + 8));
        v3 = round(v3, lane64(data, offset + 16));
        v4 = round(v4, lane64(data, offset + 24));
        offset += 32;
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += length;
    while (offset + 8 <= length) {
      h ^= round(0, lane64(data, offset));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      offset += 8;
    }
    if (offset + 4 <= length) {
      h ^= (lane32(data, offset) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      offset += 4;
    }
    while (offset < length) {
      h ^= (data[offset] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      offset++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  /** Substrate's {@code twox_128}: xxHash64 with seeds 0 and 1, each little-endian, concatenated. */
  public static byte[] twox128(byte[] data) {
    byte[] out = new byte[16];
    putLongLe(out, 0, hash(data, 0));
    putLongLe(out, 8, hash(data, 1));
    return out;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long value) {
    acc ^= round(0, value);
    return acc * P1 + P4;
  }

  private static long lane64(byte[] b, int i) {
    return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
        | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48 | (b[i + 7] & 0xFFL) << 56;
  }

  private static int lane32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }

  private static void putLongLe(byte[] out, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
