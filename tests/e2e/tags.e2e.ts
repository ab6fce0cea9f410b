/** An owner manages the tag vocabulary from the workspace page: create, rename and move, merge, archive and unarchive. */
import { beforeAll, describe, expect, it } from "vitest";
import { browserSuite, chromiumAvailable, pageAs, screenshot } from "./helpers/browser.ts";
import { documentWithTags, forecastClaim } from "./helpers/doc.ts";

describe.skipIf(!chromiumAvailable())("tag management in the browser", () => {
  const suite = browserSuite((server) => documentWithTags(server.url, { Ana: "analyst" }));

  beforeAll(() => forecastClaim(suite.world, "Tagged Forecast.", 20));

  it("creates, renames and moves, merges, archives and unarchives tags, showing paths", async () => {
    const { ctx, page, errors } = await pageAs(suite, suite.world.users.owner!, `/w/${suite.world.workspaceId}`);
    const tags = page.getByRole("list", { name: "Tags by path" });
    await tags.waitFor();
    expect(await tags.locator(".tag-path").allTextContents()).toEqual(["Claim type", "Claim type > Forecast", "Region"]);

    // Create "Energy" under Region.
    await page.getByRole("button", { name: "New tag" }).click();
    const form = page.getByRole("form", { name: "New tag" });
    await form.getByLabel("Name").fill("Energy");
    await form.getByLabel("Parent").selectOption({ label: "Region" });
    await form.getByLabel("Description").fill("Oil, gas and power");
    await form.getByRole("button", { name: "Create tag" }).click();
    await page.getByRole("status").filter({ hasText: "Created the tag “Energy”." }).waitFor();
    await expect.poll(() => tags.locator(".tag-path").allTextContents()).toEqual(["Claim type", "Claim type > Forecast", "Region", "Region > Energy"]);

    // Rename it and move it to the top level.
    await page.getByRole("button", { name: "Edit tag Region > Energy" }).click();
    const edit = page.getByRole("form", { name: "Edit tag Region > Energy" });
    await edit.getByLabel("Name").fill("Energy security");
    await edit.getByLabel("Parent").selectOption("");
    await edit.getByRole("button", { name: "Save tag" }).click();
    await expect.poll(() => tags.locator(".tag-path").allTextContents()).toEqual(["Claim type", "Claim type > Forecast", "Energy security", "Region"]);

    // A tag cannot move under its own child: the parent list leaves its subtree out.
    await page.getByRole("button", { name: "Edit tag Claim type", exact: true }).click();
    const options = await page.getByRole("form", { name: "Edit tag Claim type" }).getByLabel("Parent").locator("option").allTextContents();
    expect(options).toEqual(["None (top level)", "Energy security", "Region"]);
    await page.getByRole("form", { name: "Edit tag Claim type" }).getByRole("button", { name: "Cancel" }).click();

    // Merge Forecast into Region: its claim moves, Forecast is archived (hidden until asked for).
    await page.getByRole("button", { name: "Merge tag Claim type > Forecast into another" }).click();
    await page.getByLabel("Merge “Claim type > Forecast” into").selectOption({ label: "Region" });
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Merged “Claim type > Forecast” into “Region”." }).waitFor();
    await expect.poll(() => tags.locator(".tag-path").allTextContents()).toEqual(["Claim type", "Energy security", "Region"]);
    const tagged = await suite.server.db.annotationTag.findMany({ where: { tagId: suite.world.tags.region } });
    expect(tagged).toHaveLength(1);

    // Archive and unarchive.
    await page.getByRole("button", { name: "Archive tag Energy security" }).click();
    await expect.poll(() => tags.locator(".tag-path").allTextContents()).toEqual(["Claim type", "Region"]);
    await page.getByRole("checkbox", { name: "Show 2 archived" }).check();
    await expect.poll(() => tags.locator(".tag-path").allTextContents()).toEqual(["Claim type", "Claim type > Forecast", "Energy security", "Region"]);
    await screenshot(page, "tags-1-manager");
    await page.getByRole("button", { name: "Unarchive tag Energy security" }).click();
    await page.getByRole("status").filter({ hasText: "Unarchived “Energy security”." }).waitFor();
    const energy = await suite.server.db.tag.findFirstOrThrow({ where: { workspaceId: suite.world.workspaceId, name: "Energy security" } });
    expect(energy.archivedAt).toBeNull();
    expect(energy.parentId).toBeNull();
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("shows an analyst no tag manager", async () => {
    const { ctx, page } = await pageAs(suite, suite.world.users.Ana!, `/w/${suite.world.workspaceId}`);
    await page.getByRole("heading", { name: "Documents" }).waitFor();
    await page.getByRole("link", { name: "Claims dashboard" }).waitFor();
    expect(await page.getByRole("heading", { name: "Tags" }).count()).toBe(0);
    await ctx.close();
  });
});
