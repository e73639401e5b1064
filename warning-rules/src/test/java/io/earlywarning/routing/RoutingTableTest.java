package io.earlywarning.routing;

import io.earlywarning.rulesfile.YamlFile;
import io.earlywarning.warning.RuleBundle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTableTest {

    private static final RoutingTable DEMO = RuleBundle.load("demo-city").routing();

    @Test
    void accusedUnitsAreFoundByTheNamesPeopleWrite() {
        assertThat(DEMO.resolve("江北区住建局", "江北区").orElseThrow().unit().id()).isEqualTo("jz-d01-housing");
        assertThat(DEMO.resolve("住建局", "江北区").orElseThrow().unit().id()).as("short name in the case's district")
                .isEqualTo("jz-d01-housing");
        assertThat(DEMO.resolve("城关街道人民政府", "江北区").orElseThrow().unit().id()).isEqualTo("jz-d01-t01");
    }

    @Test
    void anUnlistedBodyBelongsUnderItsPlace() {
        RoutingTable.Accused a = DEMO.resolve("城关街道城管中队", "江北区").orElseThrow();
        assertThat(a.unit()).isNull();
        assertThat(a.under().id()).isEqualTo("jz-d01-t01");
    }

    @Test
    void aWarningAboutNoSingleCategoryGoesToTheJointOffice() {
        Router.Routing r = new Router(DEMO).route(new Router.Request("江北区", null, null, true, false, true, false,
                3, List.of()));
        assertThat(r.units()).extracting(UnitAssignment::id).containsExactly("jz-d01-gov", "jz-joint");
    }

    @Test
    void whenTheAccusedIsThePetitionOfficeTheFallbackSkipsIt() {
        Router.Routing r = new Router(DEMO).route(new Router.Request(null, null, "petition-office", false, false,
                true, false, 0, List.of("江州市信访局")));
        assertThat(r.units()).extracting(UnitAssignment::id).doesNotContain("jz-petition").contains("jz-gov");
    }

    @Test
    void aTableWithACycleOrAMissingParentIsRefused() {
        String base = RuleBundle.load("demo-city").routingText();
        assertThatThrownBy(() -> RoutingTable.parse(base.replace("parent: jz-gov, aliases: [市信访局",
                "parent: jz-nowhere, aliases: [市信访局"), "t.yaml"))
                .isInstanceOf(YamlFile.InvalidFileException.class).hasMessageContaining("'jz-nowhere' is not a unit");
        assertThatThrownBy(() -> RoutingTable.parse(base.replace("{id: jz-gov, name: 江州市人民政府, kind: territorial,",
                "{id: jz-gov, name: 江州市人民政府, kind: territorial, parent: jz-d01-gov,"), "t.yaml"))
                .hasMessageContaining("cycle");
    }
}
