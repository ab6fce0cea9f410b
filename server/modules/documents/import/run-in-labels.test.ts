import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { parseImport } from "./index.ts";

const HEAD = `<h1>Verification Regimes and Alliance Durability</h1><p>Ana Souza and Wei Zhang</p><p>Department of Political Science, Universidade de São Paulo</p>`;
const BODY = `<h2>1 Introduction</h2><p>Middle powers hedge between rival blocs, and the verification regime was never meant to carry the weight ministers now place on it.</p>`;
const ABSTRACT = "We study forty treaties and find that verification regimes shorten, rather than lengthen, the life of alliances.";

describe("a front-matter label set in bold and run into its text without a colon", () => {
  it("reads the abstract, and the keywords and DOI after it, in HTML", () => {
    const doc = parseHtml(`${HEAD}<p><strong>Abstract</strong> ${ABSTRACT}</p><p><b>Keywords</b> verification; alliances; middle powers</p><p>DOI: 10.1234/jis.2026.0042</p>${BODY}`);
    expect(doc.metadata).toMatchObject({ abstract: ABSTRACT, keywords: ["verification", "alliances", "middle powers"], doi: "10.1234/jis.2026.0042" });
    expect(doc.blocks.filter((b) => b.kind === "meta").map((b) => b.role)).toEqual(["author", "affiliation", "abstract", "keywords", "doi"]);
    // The text keeps its label, as written.
    expect(doc.blocks.find((b) => b.role === "abstract")?.text).toBe(`Abstract ${ABSTRACT}`);
  });

  it("reads it in Markdown and in other languages' labels", async () => {
    const md = `# Verification Regimes\n\nAna Souza and Wei Zhang\n\nUniversidade de São Paulo\n\n**Resumen** Estudiamos cuarenta tratados y hallamos que la verificación acorta las alianzas.\n\n## Introducción\n\nEl cuerpo del texto empieza aquí con una frase larga sobre tratados y alianzas.\n`;
    const doc = await parseImport("md", Buffer.from(md));
    expect(doc.metadata.abstract).toBe("Estudiamos cuarenta tratados y hallamos que la verificación acorta las alianzas.");
  });

  it("leaves a paragraph whose first words only look like a label in the body", () => {
    for (const p of [`<p>Abstract Expressionism changed how the treaty's negotiators saw their own posters, and ${ABSTRACT}</p>`, `<p><em>Abstract</em> ${ABSTRACT}</p>`, `<p><strong>Abstract Expressionism</strong> changed how negotiators saw posters.</p>`]) {
      const doc = parseHtml(`${HEAD}${p}${BODY}`);
      expect(doc.metadata.abstract).toBeUndefined();
      expect(doc.blocks.some((b) => b.kind === "paragraph" && b.text.startsWith("Abstract"))).toBe(true);
    }
  });
});
