package no.nabolag.catalogloader;

import java.io.IOException;
import java.io.PrintStream;

/** Plans, prints, applies and summarises the loading of one catalog file through the admin API. */
public final class CatalogLoader {
    private final AdminApiClient api;
    private final PrintStream out;

    public CatalogLoader(AdminApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    public CatalogPlan plan(CatalogFile file) throws IOException, InterruptedException {
        return CatalogPlan.of(file, api.tenant(file.tenant().id()));
    }

    /**
     * Applies a plan, tenant first (districts and categories need it). Stops at the first refused step and
     * says which; what was applied before it stays applied, and running again resumes from there.
     *
     * @return the number of resources created or updated
     */
    public int apply(CatalogPlan plan) throws IOException, InterruptedException {
        int changed = 0;
        for (CatalogPlan.Step step : plan.steps()) {
            if (step.action() == CatalogPlan.Action.UNCHANGED) {
                continue;
            }
            String change = api.put(step.path(), step.body());
            out.println("  " + change + " " + step.what());
            if (!change.equals("unchanged")) {
                changed++;
            }
        }
        return changed;
    }

    /** Plan, print it, apply it unless dryRun, and print a summary. */
    public CatalogPlan load(CatalogFile file, boolean dryRun) throws IOException, InterruptedException {
        CatalogPlan plan = plan(file);
        out.print(plan.describe());
        if (dryRun) {
            out.println("Dry run: nothing applied.");
            return plan;
        }
        int changed = apply(plan);
        out.printf("Applied: %d created, %d updated, %d unchanged (%d requests).%n",
                plan.count(CatalogPlan.Action.CREATE), plan.count(CatalogPlan.Action.UPDATE),
                plan.count(CatalogPlan.Action.UNCHANGED), changed);
        return plan;
    }
}
