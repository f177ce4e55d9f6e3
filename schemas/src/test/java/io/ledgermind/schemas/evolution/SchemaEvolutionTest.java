package io.ledgermind.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.ForecastPoint;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.SchemaCatalog;
import io.ledgermind.schemas.topics.Compatibility;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The build fails on an incompatible or unpublished schema change; published versions stay readable both ways. */
class SchemaEvolutionTest {
  private static final SchemaCatalog CATALOG = SchemaCatalog.standard();
  private static final String FORECAST = Forecast.getClassSchema().getFullName();

  @Test
  void currentSchemasArePublishedAndCompatibleWithEveryPublishedVersion() {
    assertThat(new SchemaEvolution(CATALOG).violations()).isEmpty();
  }

  @Test
  void everyRecordTypeHasAPublishedVersion() {
    for (String name : CATALOG.currentSchemas().keySet()) {
      assertThat(CATALOG.history(name)).as(name).isNotEmpty();
    }
    assertThat(CATALOG.history(FORECAST)).hasSize(2);
  }

  @Test
  void detectsAddedFieldWithoutDefaultAsIncompatible() {
    Schema v1 = CATALOG.history(FORECAST).get(0);
    Schema broken = withExtraField(Forecast.getClassSchema(), "confidence", false);
    assertThat(SchemaEvolution.incompatibilities(broken, List.of(v1), Compatibility.BACKWARD))
        .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT").contains("confidence");
    // With a default the same change is fine in both directions.
    Schema fine = withExtraField(Forecast.getClassSchema(), "confidence", true);
    assertThat(SchemaEvolution.incompatibilities(fine, List.of(v1), Compatibility.FULL)).isEmpty();
  }

  @Test
  void detectsTypeChangeAsIncompatible() {
    Schema v1 = CATALOG.history(FORECAST).get(0);
    Schema retyped = SchemaBuilder.record("Forecast").namespace("io.ledgermind.schemas.derived").fields()
        .requiredInt("forecastId").endRecord();
    assertThat(SchemaEvolution.incompatibilities(retyped, List.of(v1), Compatibility.FORWARD)).isNotEmpty();
  }

  @Test
  void consumerOnCurrentSchemaReadsRecordsWrittenWithV1() throws Exception {
    Schema v1 = CATALOG.history(FORECAST).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("forecastId", "f1");
    old.put("domain", new GenericData.EnumSymbol(v1.getField("domain").schema(), "STABLECOIN"));
    old.put("entity", "USDC");
    old.put("target", "net_flow");
    old.put("featureId", "w1");
    old.put("issuedAt", 1_764_072_000_000L);
    Schema pointSchema = v1.getField("points").schema().getElementType();
    GenericRecord point = new GenericData.Record(pointSchema);
    point.put("horizonMillis", 3_600_000L);
    point.put("targetTime", 1_764_075_600_000L);
    point.put("value", -1.5);
    point.put("lower", -3.0);
    point.put("upper", 0.25);
    old.put("points", List.of(point));
    old.put("intervalLevel", 0.8);
    old.put("modelName", "lstm");
    old.put("modelHash", "ab");
    old.put("computedAt", 1_764_072_001_000L);

    Forecast read = AvroCodec.standard().decode(singleObject(v1, old), Forecast.class);

    assertThat(read.getForecastId()).isEqualTo("f1");
    assertThat(read.getPoints().get(0).getLower()).isEqualTo(-3.0);
    assertThat(read.getFlags()).as("field added in v2 takes its default").isEmpty();
  }

  @Test
  void consumerStillOnV1ReadsRecordsWrittenWithCurrentSchema() throws Exception {
    Forecast current = Forecast.newBuilder().setForecastId("f2").setDomain(Domain.BITTENSOR).setEntity("netuid:3")
        .setTarget("emission_share").setFeatureId("w2").setIssuedAt(Instant.ofEpochMilli(1_764_072_000_000L))
        .setPoints(List.of(ForecastPoint.newBuilder().setHorizonMillis(1).setTargetTime(Instant.EPOCH).setValue(0.1)
            .setLower(0.0).setUpper(0.2).build()))
        .setIntervalLevel(0.9).setModelName("lstm").setModelHash("cd").setComputedAt(Instant.EPOCH)
        .setFlags(List.of("INTERVAL_BREACH")).build();
    byte[] bytes = AvroCodec.standard().encode(current);
    Schema v1 = CATALOG.history(FORECAST).get(0);

    // A v1 consumer: plain Avro, writer schema looked up by fingerprint, its own v1 as reader schema.
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema writer = CATALOG.writerSchema(fingerprint).orElseThrow();
    GenericRecord read = new GenericDatumReader<GenericRecord>(writer, v1)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));

    assertThat(read.get("forecastId").toString()).isEqualTo("f2");
    assertThat(read.get("intervalLevel")).isEqualTo(0.9);
    assertThat(read.getSchema().getField("flags")).isNull();
  }

  private static Schema withExtraField(Schema base, String name, boolean withDefault) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(withDefault ? new Schema.Field(name, Schema.create(Schema.Type.DOUBLE), null, 0.0)
        : new Schema.Field(name, Schema.create(Schema.Type.DOUBLE), null, (Object) null));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
        .putLong(SchemaCatalog.fingerprint(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
