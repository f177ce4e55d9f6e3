package io.ledgermind.schemas.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the catalogue's topics: one Kafka principal per role, each allowed exactly what its component
 * does (the broker denies everything else: {@code allow.everyone.if.no.acl.found=false}).
 *
 * <ul>
 *   <li>{@code ingest} writes the raw topics and its checkpoints;
 *   <li>{@code job} reads the raw topics and writes features, forecasts, policy actions and the <em>oracle
 *       requests</em>: the only principal that can ask for a value on-chain;
 *   <li>{@code signer} reads requests and proposals, writes signatures only;
 *   <li>{@code transmitter} reads requests and signatures, writes proposals/reports and outcomes only;
 *   <li>{@code quant} reads every catalogue topic and writes none.
 * </ul>
 *
 * Every writer may also write the dead-letter topic. Consumer groups and transactional ids are granted by wildcard:
 * what a principal can read or write is decided by its topic ACLs. {@code admin} is a super user of the broker.
 */
public final class RoleAcls {
  /** The principals of the roles above, as the local stack names their SCRAM users. */
  public static final List<String> ROLES = List.of("ingest", "job", "signer", "transmitter", "quant");

  private RoleAcls() {}

  /** The ACLs of every role on the catalogue's topics under {@code prefix}. */
  public static List<AclBinding> forCatalogue(String prefix) {
    List<AclBinding> out = new ArrayList<>();
    List<TopicSpec> raw = List.of(TopicCatalogue.RAW_STABLECOIN, TopicCatalogue.RAW_DEPIN, TopicCatalogue.RAW_BITTENSOR,
        TopicCatalogue.RAW_ORACLE_ROUNDS, TopicCatalogue.RAW_BLOCKS);
    for (TopicSpec t : raw) {
      topic(out, "ingest", prefix, t, AclOperation.WRITE);
      topic(out, "job", prefix, t, AclOperation.READ);
    }
    topic(out, "ingest", prefix, TopicCatalogue.INGEST_CHECKPOINTS, AclOperation.WRITE);
    topic(out, "ingest", prefix, TopicCatalogue.INGEST_CHECKPOINTS, AclOperation.READ);
    for (TopicSpec t : List.of(TopicCatalogue.FEATURES, TopicCatalogue.FORECASTS, TopicCatalogue.POLICY_ACTIONS,
        TopicCatalogue.ORACLE_REQUESTS)) {
      topic(out, "job", prefix, t, AclOperation.WRITE);
    }
    topic(out, "signer", prefix, TopicCatalogue.ORACLE_REQUESTS, AclOperation.READ);
    topic(out, "signer", prefix, TopicCatalogue.ORACLE_REPORTS, AclOperation.READ);
    topic(out, "signer", prefix, TopicCatalogue.ORACLE_SIGNATURES, AclOperation.WRITE);
    topic(out, "transmitter", prefix, TopicCatalogue.ORACLE_REQUESTS, AclOperation.READ);
    topic(out, "transmitter", prefix, TopicCatalogue.ORACLE_SIGNATURES, AclOperation.READ);
    topic(out, "transmitter", prefix, TopicCatalogue.ORACLE_REPORTS, AclOperation.WRITE);
    topic(out, "transmitter", prefix, TopicCatalogue.ORACLE_OUTCOMES, AclOperation.WRITE);
    for (String writer : List.of("ingest", "job", "signer", "transmitter")) {
      topic(out, writer, prefix, TopicCatalogue.DEAD_LETTERS, AclOperation.WRITE);
    }
    for (TopicSpec t : TopicCatalogue.ALL) {
      topic(out, "quant", prefix, t, AclOperation.READ);
      for (String role : ROLES) {
        topic(out, role, prefix, t, AclOperation.DESCRIBE);
      }
    }
    for (String role : ROLES) {
      for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE)) {
        out.add(allow(role, new ResourcePattern(ResourceType.GROUP, "*", PatternType.LITERAL), op));
      }
    }
    for (String writer : List.of("ingest", "job", "signer", "transmitter")) {
      for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
        out.add(allow(writer, new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "*", PatternType.LITERAL), op));
      }
    }
    return out;
  }

  /**
   * Creates the role ACLs for the catalogue under {@code prefix} (creating an existing binding changes nothing).
   *
   * @return the number of bindings, or 0 when the broker has no authorizer (a plaintext cluster: nothing to grant)
   */
  public static int ensure(Admin admin, String prefix) throws Exception {
    List<AclBinding> bindings = forCatalogue(prefix);
    try {
      admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
      return bindings.size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SecurityDisabledException) {
        return 0;
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void topic(List<AclBinding> out, String role, String prefix, TopicSpec t, AclOperation op) {
    out.add(allow(role, new ResourcePattern(ResourceType.TOPIC, prefix + t.name(), PatternType.LITERAL), op));
  }

  private static AclBinding allow(String role, ResourcePattern pattern, AclOperation op) {
    return new AclBinding(pattern, new AccessControlEntry("User:" + role, "*", op, AclPermissionType.ALLOW));
  }

  /** Role -> the topics (under no prefix) it may write: for docs and error messages. */
  public static Map<String, List<String>> writers() {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (AclBinding b : forCatalogue("")) {
      if (b.pattern().resourceType() == ResourceType.TOPIC && b.entry().operation() == AclOperation.WRITE) {
        out.computeIfAbsent(b.entry().principal().substring(5), r -> new ArrayList<>()).add(b.pattern().name());
      }
    }
    return out;
  }
}
