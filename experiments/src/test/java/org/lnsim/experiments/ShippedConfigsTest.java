package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lnsim.experiments.reproduce.Recipe;
import org.lnsim.experiments.sweep.SweepPlan;

/**
 * Every shipped experiment file resolves (a sweep file into its every unit), and every committed table's recipe
 * reads and names experiment files that exist: what a researcher's clone must be able to run. Resolving builds no
 * network, so this is quick.
 */
class ShippedConfigsTest {
    /** The module's folder is the working directory of the tests. */
    static final Path CONFIGS = Path.of("configs");
    static final Path TABLES = Path.of("../results/tables");
    static final Path SCRIPTS = Path.of("scripts");

    static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyShippedConfigurationResolves() throws Exception {
        List<Path> configs = files(CONFIGS, ".yaml");
        assertTrue(configs.size() >= 10, "configs: " + configs);
        int sweeps = 0;
        for (Path f : configs) {
            Configs.Tree tree = Configs.tree(f.toString(), List.of());
            if (ConfigSchema.SWEEP_KEYS.stream().anyMatch(tree.tree()::has)) {
                SweepPlan plan = SweepPlan.of(tree, SweepPlan.DEFAULT_MAX_UNITS);
                assertFalse(plan.units().isEmpty(), f.toString());
                sweeps++;
            } else {
                Configs.load(f.toString(), List.of());
            }
        }
        assertTrue(sweeps >= 1, "the headline sweep is shipped");
    }

    @Test
    void everyCommittedTableHasARecipeNamingFilesThatExist() throws Exception {
        List<Path> recipes = files(TABLES, ".yaml");
        List<Path> tables = files(TABLES, ".md");
        // a table the recipe machinery cannot build (one pooled over many runs, as generated-vs-real, issue 22) is
        // rebuilt by a script of the same name in experiments/scripts instead of a recipe
        assertEquals(tables.stream().map(p -> p.getFileName().toString().replace(".md", ""))
                        .filter(n -> !Files.isRegularFile(SCRIPTS.resolve(n + ".sh"))).toList(),
                recipes.stream().map(p -> p.getFileName().toString().replace(".yaml", "")).toList(),
                "one recipe per committed table (or a script that rebuilds it)");
        for (Path r : recipes) {
            Recipe recipe = Recipe.read(r);
            for (Recipe.Part part : recipe.parts()) {
                if (part instanceof Recipe.Experiment e) {
                    assertTrue(Files.isRegularFile(TABLES.resolve("../..").resolve(e.file())), r + ": " + e.file());
                }
            }
        }
    }
}
