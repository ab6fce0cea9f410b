/**
 * Front and closing matter as journals print it, through the upload route: a closing ORCID
 * section and notes on contributors, Chinese and Arabic labels, a YAML switch among the fields,
 * text a web page hides, a lone author's name under the title.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.signUp();
  workspaceId = await createWorkspace(owner);
});
afterAll(async () => {
  await t?.close();
});

interface Paragraph {
  kind: string;
  role: string | null;
  text: string;
}
interface Author {
  name: string;
  identifiers: Record<string, string>;
  bio?: string;
  affiliations: string[];
}

/** Uploads `content` as `filename`, expects 201, and reads the stored document back. */
async function imported(filename: string, content: string) {
  const res = await owner.agent
    .post(`/api/workspaces/${workspaceId}/documents`)
    .set("x-csrf-token", owner.csrf)
    .attach("file", Buffer.from(content, "utf8"), filename);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const read = await owner.get(`/api/documents/${res.body.document.id}`);
  expect(read.status).toBe(200);
  return { document: read.body.document, paragraphs: read.body.paragraphs as Paragraph[] };
}

const BODY = "Mainland Southeast Asia has become a test of how small states respond to great power rivalry.";

describe("closing matter of a Taylor & Francis article", () => {
  it("stores the authors' iDs and bios from the closing sections, and keeps the references as body", async () => {
    const text = [
      "Hedging in the Mekong",
      "",
      "Mara Ellison and José Núñez",
      "Department of Politics, University of Leeds, Leeds, UK",
      "",
      "Introduction",
      "",
      BODY,
      "",
      "Notes on contributors",
      "",
      "Mara Ellison is a lecturer in politics at the University of Leeds.",
      "",
      "José Núñez is a research fellow at the Institute of Southeast Asian Studies.",
      "",
      "ORCID",
      "",
      "Mara Ellison http://orcid.org/0000-0002-1825-0097",
      "José Nunez http://orcid.org/0000-0001-5109-3700",
      "",
      "References",
      "",
      "Kuik, Cheng-Chwee. 2016. How Do Weaker States Hedge? Journal of Contemporary China 25 (100): 500–514.",
    ].join("\n");
    const { document, paragraphs } = await imported("hedging.txt", text);
    expect((document.metadata.authors as Author[]).map((a) => [a.name, a.identifiers.ORCID, a.bio])).toEqual([
      ["Mara Ellison", "0000-0002-1825-0097", "Mara Ellison is a lecturer in politics at the University of Leeds."],
      ["José Núñez", "0000-0001-5109-3700", "José Núñez is a research fellow at the Institute of Southeast Asian Studies."],
    ]);
    expect(paragraphs.filter((p) => p.kind !== "meta").map((p) => p.text)).toEqual([
      "Hedging in the Mekong",
      "Introduction",
      BODY,
      "References",
      "Kuik, Cheng-Chwee. 2016. How Do Weaker States Hedge? Journal of Contemporary China 25 (100): 500–514.",
    ]);
    expect(paragraphs.filter((p) => p.role === "identifier").map((p) => p.text)).toEqual([
      "ORCID",
      "Mara Ellison http://orcid.org/0000-0002-1825-0097",
      "José Nunez http://orcid.org/0000-0001-5109-3700",
    ]);
  });
});

describe("front matter in other scripts, data fields and hidden text", () => {
  it("stores Chinese and Arabic labelled front matter as metadata", async () => {
    const chinese = await imported(
      "duichong.txt",
      ["湄公河地区的对冲战略", "", "作者：李明，王芳", "作者单位：北京大学国际关系学院", "", "摘要：本文讨论东南亚国家的对冲战略。", "", "关键词：对冲；东南亚", "", "引言", "", "正文第一段。"].join("\n"),
    );
    expect(chinese.document.metadata).toMatchObject({
      authors: [{ name: "李明", affiliations: ["北京大学国际关系学院"] }, { name: "王芳", affiliations: ["北京大学国际关系学院"] }],
      abstract: "本文讨论东南亚国家的对冲战略。",
      keywords: ["对冲", "东南亚"],
    });
    const arabic = await imported(
      "tahawwut.txt",
      ["استراتيجيات التحوط", "", "المؤلف: أحمد محمد علي", "", "الملخص: تناقش هذه الدراسة استراتيجيات التحوط.", "", "الكلمات المفتاحية: التحوط، آسيا", "", "المقدمة", "", "الفقرة الأولى من النص."].join("\n"),
    );
    expect(arabic.document.metadata).toMatchObject({
      authors: [{ name: "أحمد محمد علي" }],
      abstract: "تناقش هذه الدراسة استراتيجيات التحوط.",
      keywords: ["التحوط", "آسيا"],
    });
  });

  it("passes over a YAML switch, drops hidden web text and reads a lone name as the author", async () => {
    const yaml = await imported("grain.md", ["---", "title: The Grain Corridor", "doi: true", "DOI: 10.1080/14799855.2024.2312345", "author: Mara Ellison", "draft: false", "---", "", BODY].join("\n"));
    expect(yaml.document.metadata).toMatchObject({ doi: "10.1080/14799855.2024.2312345", authors: [{ name: "Mara Ellison" }] });
    expect(yaml.paragraphs.some((p) => /true|false/.test(p.text))).toBe(false);
    const html = await imported("grain.html", `<h1>The Grain Corridor</h1><p>${BODY}</p><p style="Display: None !important">Subscribe to read more</p>`);
    expect(html.paragraphs.map((p) => p.text)).toEqual(["The Grain Corridor", BODY]);
    const lone = await imported("grain.txt", `The Grain Corridor\n\nMara Ellison\n\n${BODY}`);
    expect(lone.document.metadata.authors.map((a: Author) => a.name)).toEqual(["Mara Ellison"]);
    expect(lone.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "The Grain Corridor"],
      ["meta", "Mara Ellison"],
      ["paragraph", BODY],
    ]);
  });
});
