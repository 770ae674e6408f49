package io.slipstream.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package dependencies of the main code (DESIGN.md, STYLE.md section 1): they point one way,
 * {@code core <- data <- {signal, factor, cost} <- portfolio <- backtest <- {analytics, ml} <- cli}, with
 * {@code live} using {@code data, signal, portfolio, cost}; nothing imports {@code cli} or {@code live}; only
 * {@code cli} calls {@code System.exit} or prints. Packages that do not exist yet (ml, live) are optional.
 */
class ArchitectureTest {
  private static final String BASE = "io.slipstream";
  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    // the build folder may be moved (-Dbuild.dir), so test classes are recognised by their folder name too
    ImportOption noTestClasses = location -> !location.contains("/test-classes/");
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).withImportOption(noTestClasses)
        .importPackages(BASE);
  }

  private static String pkg(String name) {
    return BASE + "." + name + "..";
  }

  @Test
  void importedClasses_areMainCodeOnly() {
    org.assertj.core.api.Assertions.assertThat(main.contain("io.slipstream.cli.Main")).isTrue();
    org.assertj.core.api.Assertions.assertThat(main.contain(ArchitectureTest.class)).isFalse();
  }

  @Test
  void layers_dependenciesPointOneWay() {
    ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
        .layer("core").definedBy(pkg("core"))
        .layer("data").definedBy(pkg("data"))
        .layer("signal").definedBy(pkg("signal"))
        .layer("factor").definedBy(pkg("factor"))
        .layer("cost").definedBy(pkg("cost"))
        .layer("portfolio").definedBy(pkg("portfolio"))
        .layer("strategy").definedBy(pkg("strategy"))
        .layer("backtest").definedBy(pkg("backtest"))
        .layer("analytics").definedBy(pkg("analytics"))
        .layer("ml").definedBy(pkg("ml"))
        .layer("live").definedBy(pkg("live"))
        .layer("cli").definedBy(pkg("cli"))
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("live").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("analytics").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("ml").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("backtest").mayOnlyBeAccessedByLayers("analytics", "ml", "cli")
        .whereLayer("strategy").mayOnlyBeAccessedByLayers("backtest", "analytics", "ml", "cli", "live")
        .whereLayer("portfolio").mayOnlyBeAccessedByLayers("strategy", "backtest", "analytics", "ml", "cli", "live")
        .whereLayer("signal").mayOnlyBeAccessedByLayers("portfolio", "strategy", "backtest", "analytics", "ml", "cli",
            "live")
        .whereLayer("factor").mayOnlyBeAccessedByLayers("portfolio", "strategy", "backtest", "analytics", "ml", "cli")
        .whereLayer("cost").mayOnlyBeAccessedByLayers("portfolio", "strategy", "backtest", "analytics", "ml", "cli",
            "live")
        .whereLayer("data").mayOnlyBeAccessedByLayers("signal", "factor", "cost", "portfolio", "strategy", "backtest",
            "analytics", "ml", "cli", "live")
        .whereLayer("core").mayOnlyBeAccessedByLayers("data", "signal", "factor", "cost", "portfolio", "strategy",
            "backtest", "analytics", "ml", "cli", "live");
    rule.check(main);
  }

  /**
   * The runners never name a strategy (DESIGN.md "Strategy layer"): backtest, grid, walk-forward, studies, analytics,
   * the live adapter and the CLI reach strategies only through {@code strategy}'s contract and registry, never a
   * strategy package ({@code strategy.gradient}, {@code strategy.betaneutral}, ...).
   */
  @Test
  void runners_nameNoStrategyPackage() {
    noClasses().that().resideInAnyPackage(pkg("backtest"), pkg("analytics"), pkg("live"), pkg("cli"))
        .should().dependOnClassesThat().resideInAPackage(BASE + ".strategy.*..")
        .check(main);
  }

  @Test
  void core_dependsOnNoOtherSlipstreamPackage() {
    noClasses().that().resideInAPackage(pkg("core")).should().dependOnClassesThat()
        .resideInAnyPackage(pkg("data"), pkg("signal"), pkg("factor"), pkg("cost"), pkg("portfolio"),
            pkg("strategy"), pkg("backtest"), pkg("analytics"), pkg("ml"), pkg("live"), pkg("cli"))
        .check(main);
  }

  @Test
  void cliAndLive_areImportedByNothingElse() {
    noClasses().that().resideOutsideOfPackage(pkg("cli")).should().dependOnClassesThat().resideInAPackage(pkg("cli"))
        .allowEmptyShould(true).check(main);
    // the CLI is the one entry point of the live adapter (slipstream live ..., hl sign, ingest hyperliquid)
    noClasses().that().resideOutsideOfPackages(pkg("live"), pkg("cli")).should().dependOnClassesThat()
        .resideInAPackage(pkg("live")).allowEmptyShould(true).check(main);
  }

  @Test
  void systemExit_calledOnlyFromCli() {
    noClasses().that().resideOutsideOfPackage(pkg("cli")).should().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .check(main);
  }

  @Test
  void printing_onlyFromCli() {
    noClasses().that().resideOutsideOfPackage(pkg("cli")).should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .check(main);
  }
}
