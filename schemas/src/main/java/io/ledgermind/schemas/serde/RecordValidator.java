package io.ledgermind.schemas.serde;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks every field marked with {@value ExactNumber#PROPERTY} in a record and the records nested in it (fields,
 * unions, arrays, maps). Avro itself only knows "string"; this is where "an amount is a uint256" is enforced.
 */
public final class RecordValidator {
  private RecordValidator() {}

  /** The first problem found, as {@code field.path: problem}, or empty when the record is valid. */
  public static Optional<String> firstProblem(IndexedRecord record) {
    return Optional.ofNullable(check(record.getSchema(), record, ""));
  }

  private static String check(Schema schema, Object value, String path) {
    if (value == null) {
      return null;
    }
    switch (schema.getType()) {
      case RECORD: {
        IndexedRecord record = (IndexedRecord) value;
        for (Schema.Field field : schema.getFields()) {
          String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
          Object fieldValue = record.get(field.pos());
          String rule = field.getProp(ExactNumber.PROPERTY);
          String problem = rule == null
              ? check(field.schema(), fieldValue, fieldPath)
              : checkExact(ExactNumber.fromProperty(rule), fieldValue, fieldPath);
          if (problem != null) {
            return problem;
          }
        }
        return null;
      }
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() == Schema.Type.RECORD && value instanceof IndexedRecord
              && ((IndexedRecord) value).getSchema().getFullName().equals(branch.getFullName())) {
            return check(branch, value, path);
          }
          if (branch.getType() == Schema.Type.ARRAY && value instanceof Collection
              || branch.getType() == Schema.Type.MAP && value instanceof Map) {
            return check(branch, value, path);
          }
        }
        return null;
      case ARRAY: {
        int i = 0;
        for (Object item : (Collection<?>) value) {
          String problem = check(schema.getElementType(), item, path + "[" + i++ + "]");
          if (problem != null) {
            return problem;
          }
        }
        return null;
      }
      case MAP:
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          String problem = check(schema.getValueType(), entry.getValue(), path + "[" + entry.getKey() + "]");
          if (problem != null) {
            return problem;
          }
        }
        return null;
      default:
        return null;
    }
  }

  /** An exact-number field: a string, a nullable string, or a map/array of strings. */
  private static String checkExact(ExactNumber rule, Object value, String path) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        String problem = checkExact(rule, entry.getValue(), path + "[" + entry.getKey() + "]");
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (value instanceof Collection) {
      int i = 0;
      for (Object item : (Collection<?>) value) {
        String problem = checkExact(rule, item, path + "[" + i++ + "]");
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    String problem = rule.problem(value.toString());
    return problem == null ? null : path + ": " + problem;
  }
}
