/**
 * Merging a tag into another whose children share names with the merged tag's children: the
 * same-named children are merged too, at every depth (their annotations move to the child that
 * stays), so no tag is left with two live children of one name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, buildWorld, type AppClient, type TestApp, type World } from "../helpers/kit.ts";
import type { AnnotationDto, TagDto } from "../../common/annotations.ts";
import type { DocumentEventDto } from "../../common/events.ts";

let t: TestApp;
let world: World<AppClient, "editor">;
let editor: AppClient;

beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(t, { members: { editor: "editor" } });
  editor = world.users.editor;
});
afterAll(async () => {
  await t?.close();
});

async function tag(name: string, parent?: TagDto): Promise<TagDto> {
  const res = await editor.post(`/api/workspaces/${world.workspaceId}/tags`, { name, parentId: parent?.id });
  expect(res.status).toBe(201);
  return res.body.tag as TagDto;
}

async function annotate(quote: string, tags: TagDto[]): Promise<AnnotationDto> {
  const res = await editor.post(`/api/documents/${world.documentId}/annotations`, { kind: "claim", anchor: world.anchor(quote), tagIds: tags.map((x) => x.id) });
  expect(res.status).toBe(201);
  return res.body.annotation as AnnotationDto;
}

async function listTags(): Promise<TagDto[]> {
  return (await editor.get(`/api/workspaces/${world.workspaceId}/tags`)).body.tags as TagDto[];
}

/** Live tags sharing a parent and a name (case aside). */
function clashes(tags: TagDto[]): string[] {
  const seen = new Map<string, number>();
  for (const x of tags.filter((x) => !x.archived)) {
    const key = `${x.parentId ?? ""}|${x.name.toLowerCase()}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

describe("merging tags whose children share names", () => {
  it("merges the same-named children into the target's, at every depth, and moves their annotations", async () => {
    const a = await tag("Desk A");
    const aEurope = await tag("Europe", a);
    const aBaltic = await tag("Baltic", aEurope);
    const aBalkans = await tag("Balkans", aEurope);
    const aAsia = await tag("Asia", a);
    const b = await tag("Desk B");
    const bEurope = await tag("EUROPE", b);
    const bBaltic = await tag("baltic", bEurope);
    const bAfrica = await tag("Africa", b);

    const onBaltic = await annotate("three new regional agreements", [aBaltic]);
    const onEurope = await annotate("confidence-building measures", [aEurope]);
    const onBoth = await annotate("notification regimes", [aEurope, bEurope]);
    const onAsia = await annotate("missile tests", [aAsia]);
    const seqBefore = (await editor.get(`/api/documents/${world.documentId}/events?after=0&limit=1`)).body.seq as number;

    const merged = await editor.post(`/api/tags/${a.id}/merge`, { intoTagId: b.id });
    expect(merged.status).toBe(200);
    expect(merged.body.tag).toMatchObject({ id: b.id, archived: false });

    const tags = await listTags();
    expect(clashes(tags)).toEqual([]);
    const byId = new Map(tags.map((x) => [x.id, x]));
    for (const gone of [a, aEurope, aBaltic]) expect(byId.get(gone.id)!.archived).toBe(true);
    expect(byId.get(aAsia.id)).toMatchObject({ parentId: b.id, path: "Desk B > Asia", archived: false });
    expect(byId.get(aBalkans.id)).toMatchObject({ parentId: bEurope.id, path: "Desk B > EUROPE > Balkans", archived: false });
    expect(byId.get(bBaltic.id)).toMatchObject({ parentId: bEurope.id, archived: false });
    expect(byId.get(bAfrica.id)).toMatchObject({ parentId: b.id, archived: false });
    const live = tags.filter((x) => !x.archived && x.path.startsWith("Desk B")).map((x) => x.path);
    expect(live.sort()).toEqual(["Desk B", "Desk B > Africa", "Desk B > Asia", "Desk B > EUROPE", "Desk B > EUROPE > Balkans", "Desk B > EUROPE > baltic"]);

    const annotations = new Map(((await editor.get(`/api/documents/${world.documentId}/annotations`)).body.annotations as AnnotationDto[]).map((x) => [x.id, x]));
    expect(annotations.get(onBaltic.id)!.tagIds).toEqual([bBaltic.id]);
    expect(annotations.get(onEurope.id)!.tagIds).toEqual([bEurope.id]);
    expect(annotations.get(onBoth.id)!.tagIds).toEqual([bEurope.id]);
    expect(annotations.get(onAsia.id)!.tagIds).toEqual([aAsia.id]);

    // The document's log says which tag went into which, parents first.
    const events = (await editor.get(`/api/documents/${world.documentId}/events?after=${seqBefore}`)).body.events as DocumentEventDto[];
    expect(events.map((e) => ({ type: e.type, payload: e.payload }))).toEqual([
      { type: "tags.merged", payload: { tagId: aEurope.id, intoTagId: bEurope.id, annotationIds: expect.arrayContaining([onEurope.id, onBoth.id]) } },
      { type: "tags.merged", payload: { tagId: aBaltic.id, intoTagId: bBaltic.id, annotationIds: [onBaltic.id] } },
    ]);
  });

  it("a tag merged into its own parent: its children meet their namesakes among the parent's", async () => {
    const region = await tag("Region");
    const nordic = await tag("Nordic", region);
    const baltic = await tag("Baltic", region);
    const nordicBaltic = await tag("Baltic", nordic);
    const nordicIceland = await tag("Iceland", nordic);
    const tagged = await annotate("three new regional agreements", [nordicBaltic]);

    expect((await editor.post(`/api/tags/${nordic.id}/merge`, { intoTagId: region.id })).status).toBe(200);
    const tags = await listTags();
    expect(clashes(tags)).toEqual([]);
    const byId = new Map(tags.map((x) => [x.id, x]));
    expect(byId.get(nordicBaltic.id)!.archived).toBe(true);
    expect(byId.get(baltic.id)).toMatchObject({ archived: false, parentId: region.id });
    expect(byId.get(nordicIceland.id)).toMatchObject({ archived: false, parentId: region.id, path: "Region > Iceland" });
    const after = ((await editor.get(`/api/documents/${world.documentId}/annotations`)).body.annotations as AnnotationDto[]).find((x) => x.id === tagged.id)!;
    expect(after.tagIds).toEqual([baltic.id]);
  });
});
