package io.ledgermind.models.artifact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports a DJL network's weights as safetensors ({@code NDList.encode(Encoding.SAFETENSORS)}) under PyTorch names
 * ({@link PytorchNames}), so other runtimes (PyTorch, candle, ...) can load them; DJL-built models otherwise save
 * only DJL's own .params encoding.
 */
public final class SafetensorsExport {
  private SafetensorsExport() {}

  /** The exported bytes and the DJL to PyTorch name mapping written into the manifest. */
  public record Exported(byte[] bytes, Map<String, String> names) {}

  public static Exported export(Block block, String architectureType) {
    Map<String, String> names = new LinkedHashMap<>();
    try (NDList list = new NDList()) {
      for (Pair<String, Parameter> p : block.getParameters()) {
        String torchName = PytorchNames.of(architectureType, p.getKey());
        NDArray copy = p.getValue().getArray().duplicate();
        copy.setName(torchName);
        list.add(copy);
        names.put(p.getKey(), torchName);
      }
      return new Exported(list.encode(NDList.Encoding.SAFETENSORS), names);
    }
  }
}
