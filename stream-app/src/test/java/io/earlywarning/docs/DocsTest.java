package io.earlywarning.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.earlywarning.app.AppConfig;
import io.earlywarning.app.Setting;
import io.earlywarning.intake.IntakeFormat;
import io.earlywarning.intake.SourceRecordReader;
import io.earlywarning.intake.stream.IntakeMetrics;
import io.earlywarning.topology.EarlyWarningTopology;
import io.earlywarning.topology.JsonSerde;
import io.earlywarning.topology.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documentation tells the truth: its examples pass its schemas, and every setting is documented. */
class DocsTest {

    private static final Path DOCS = Path.of("..", "docs");

    private static JsonSchema caseSchema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                Files.newInputStream(DOCS.resolve("schemas/case.schema.json")),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    @Test
    void everyIntakeExampleIsValidInItsFormat() throws Exception {
        SourceRecordReader reader = new SourceRecordReader(1 << 20);
        for (IntakeFormat format : IntakeFormat.values()) {
            byte[] example = Files.readAllBytes(DOCS.resolve("examples/" + format.id() + ".json"));
            assertThat(reader.read(example, format).format()).isIn(format, IntakeFormat.A_CITY_MESSAGES);
        }
    }

    @Test
    void theCaseExampleAndEveryCaseTheTopologyWritesMatchTheCaseSchema(@TempDir Path state) throws Exception {
        JsonSchema schema = caseSchema();
        assertThat(schema.validate(JsonSerde.MAPPER.readTree(DOCS.resolve("examples/case.json").toFile()))).isEmpty();

        AppConfig config = AppConfig.from(Map.of("EW_STATE_DIR", state.toString()));
        StreamsBuilder builder = new StreamsBuilder();
        EarlyWarningTopology.build(builder, config, IntakeMetrics.discarding());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                EarlyWarningTopology.streamsProperties(config, "unused:9092", IntakeMetrics.discarding()))) {
            TestOutputTopic<String, String> cases = driver.createOutputTopic(Topics.CASES, new StringDeserializer(), new StringDeserializer());
            for (IntakeFormat format : IntakeFormat.values()) {
                String topic = Topics.intakeTopic(format.channel());
                driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                        .pipeInput(Files.readAllBytes(DOCS.resolve("examples/" + format.id() + ".json")));
            }
            var written = cases.readValuesToList();
            assertThat(written).hasSize(IntakeFormat.values().length);
            for (String c : written) {
                JsonNode node = JsonSerde.MAPPER.readTree(c);
                assertThat(schema.validate(node)).as(c).isEmpty();
            }
        }
    }

    @Test
    void everySettingIsDocumentedWithItsDefault() throws Exception {
        String page = Files.readString(DOCS.resolve("configuration.md"));
        for (Setting s : Setting.values()) {
            assertThat(page).as(s.name()).contains("`" + s.name() + "`");
            if (!s.defaultValue().isEmpty()) {
                assertThat(page).as(s.name() + " default").contains("`" + s.defaultValue() + "`");
            }
        }
        for (io.earlywarning.gateway.GatewaySetting s : io.earlywarning.gateway.GatewaySetting.values()) {
            assertThat(page).as(s.name()).contains("| `" + s.name() + "` |");
            if (!s.defaultValue().isEmpty()) {
                assertThat(page).as(s.name() + " default").contains("`" + s.defaultValue() + "`");
            }
        }
    }
}
