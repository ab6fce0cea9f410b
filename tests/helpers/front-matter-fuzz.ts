/**
 * Journal front matter made at random, with what it says known, for tests/fuzz/front-matter.test.ts:
 * a title, one to four authors (names with diacritics, particles, hyphens, initials, apostrophes),
 * their affiliations (some with postcodes), one corresponding author's e-mail, sometimes an ORCID
 * iD, an article history, an abstract, keywords and a DOI, each in one of the layouts and label
 * styles journals use; then a short body. The same article is written as plain text, Markdown,
 * HTML, a Word file and an OpenDocument text, and what an import makes of each is compared with
 * what was written.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Rand } from "./anchoring-fuzz.ts";
import { odtFile } from "./odt-file.ts";

const GIVEN = ["Ana", "Wei", "Émile", "Jonas", "Mara", "Tomás", "Aiko", "Olumide", "Siobhán", "Krzysztof", "Fatima", "Lars", "Priya", "José María", "Anne-Marie", "Dmitri", "Chloé", "Rafael", "Ingrid", "Kwame"];
const FAMILY = ["Souza", "Zhang", "Dubois-Laurent", "Hartmann", "Ellison", "Ibarra", "Tanaka", "Adeyemi", "Ní Bhriain", "Wróblewski", "Al-Hassan", "Lindqvist", "Raghavan", "García Márquez", "van der Berg", "Okonkwo-Bianchi", "de la Fuente", "O'Connor", "Müller", "McAllister"];
const INSTITUTIONS = [
  "Department of Politics and International Relations, University of Edinburgh, Edinburgh, UK",
  "Department of Political Science, Universidade de São Paulo, São Paulo, Brazil",
  "School of International Studies, Peking University, Beijing, China",
  "Institute for Regional Security, Berlin, Germany",
  "Faculty of Law, University of Oxford, Oxford, UK",
  "Centre for Strategic Studies, Australian National University, Canberra, Australia",
  "Department of Economics, University of Leeds, Leeds LS2 9JT, United Kingdom",
  "Graduate Institute of International and Development Studies, Geneva, Switzerland",
  "Hoover Institution, Stanford University, Stanford, CA 94305, USA",
];
const SUBTITLES = ["Evidence from Forty Treaties", "Rival blocs, shifting partners, and the limits of verification", "A comparative study of middle powers, 1990–2025"];
const TITLES = [
  "Verification Regimes and Alliance Durability",
  "The Hedging Middle: Why Coalitions Beat Alliances",
  "Notification Regimes After the Cold War",
  "Middle Powers and the Politics of Not Choosing",
  "Sanctions, Secrecy and the Limits of Enforcement",
  "Water Treaties After the Glaciers Go",
];
export const FUZZ_BODY = [
  "Middle powers hedge between rival blocs, and the treaty's verification regime was never meant to carry the weight that ministers now place on it.",
  "The consequence is that coalitions form around issues, not alliances, and that the secretariat is asked to do more with less every year.",
  "We argue that the regime survives only where its members can credibly refuse to pay for another's defection.",
];
const ABSTRACT = "We study forty treaties and find that verification regimes shorten, rather than lengthen, the life of alliances among middle powers.";
const KEYWORDS = ["verification", "alliances", "middle powers", "hedging"];
const DOI = "10.1234/jis.2026.0042";
const SUPERSCRIPTS = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸"];

export interface FrontMatterTruth {
  title: string;
  subtitle?: string;
  authors: Array<{ name: string; affiliations: string[]; email?: string; orcid?: string }>;
  abstract?: string;
  keywords?: string[];
  doi?: string;
  /** How the author block is laid out, for the report. */
  layout: string;
}

/** One article: what it says, and its front matter as units of lines (a unit: lines with no blank line between). */
export interface FuzzArticle {
  truth: FrontMatterTruth;
  units: string[][];
}

export function randomArticle(rand: Rand): FuzzArticle {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const count = 1 + Math.floor(rand() * 4);
  const institutions = [...INSTITUTIONS].sort(() => rand() - 0.5).slice(0, Math.min(count, 1 + Math.floor(rand() * 3)));
  const authors: FrontMatterTruth["authors"] = [];
  const names = new Set<string>();
  while (authors.length < count) {
    const initial = rand() < 0.2 ? `${String.fromCharCode(65 + Math.floor(rand() * 26))}. ` : "";
    const name = `${pick(GIVEN)} ${initial}${pick(FAMILY)}`;
    if (names.has(name)) continue;
    names.add(name);
    authors.push({ name, affiliations: [institutions[authors.length % institutions.length]!] });
  }
  // Now and then an author with a second institution (marker layouts write both markers).
  const second = institutions.length > 1 && rand() < 0.3 ? authors[Math.floor(rand() * count)]! : undefined;
  const corresponding = authors[Math.floor(rand() * count)]!;
  corresponding.email = `${corresponding.name.toLowerCase().normalize("NFKD").replace(/[^\w\s-]/g, "").replace(/\s+/g, ".")}@example.org`;
  if (rand() < 0.5) authors[0]!.orcid = "0000-0002-1825-0097";
  const truth: FrontMatterTruth = {
    title: pick(TITLES),
    authors,
    layout: pick(["superscripts", "digits", "letters", "blocks", "parentheses", "byline"]),
    ...(rand() < 0.3 ? { subtitle: pick(SUBTITLES) } : {}),
    ...(rand() < 0.8 ? { abstract: ABSTRACT } : {}),
    ...(rand() < 0.7 ? { keywords: KEYWORDS.slice(0, 2 + Math.floor(rand() * 3)) } : {}),
    ...(rand() < 0.5 ? { doi: DOI } : {}),
  };

  const units: string[][] = [];
  const used = institutions.filter((i) => authors.some((a) => a.affiliations[0] === i));
  const joinNames = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!);
  if (truth.layout === "superscripts" || truth.layout === "digits" || truth.layout === "letters") {
    if (second) second.affiliations.push(institutions.find((i) => i !== second.affiliations[0])!);
    const order = institutions.filter((i) => authors.some((a) => a.affiliations.includes(i)));
    used.splice(0, used.length, ...order);
    const mark = (i: number) => (truth.layout === "superscripts" ? SUPERSCRIPTS[i]! : truth.layout === "letters" ? "abcdefgh"[i]! : String(i + 1));
    const gap = truth.layout === "superscripts" ? "" : " ";
    const marks = (a: FrontMatterTruth["authors"][number]) => a.affiliations.map((i) => mark(used.indexOf(i))).join(truth.layout === "superscripts" ? pick(["", "˒", ","]) : ",");
    const degree = pick(["", "", ", PhD"]);
    units.push([joinNames(authors.map((a) => `${a.name}${degree}${gap}${marks(a)}${a.email ? (gap ? ",*" : pick(["*", ",*"])) : ""}`))]);
    const after = truth.layout === "digits" ? pick([" ", "", ". "]) : pick([" ", ""]);
    units.push(used.map((inst, i) => `${mark(i)}${after}${inst}`));
    units.push([`*${pick([" ", ""])}${pick(["Corresponding author", "Correspondence", "Corresponding author e-mail"])}: ${corresponding.email}`]);
  } else if (truth.layout === "blocks") {
    const degree = pick(["", ", PhD", ", PhD"]);
    const honorific = degree ? "" : pick(["", "", "Dr ", "Prof. "]);
    for (const a of authors) units.push([`${honorific}${a.name}${degree}`, a.affiliations[0]!, ...(a.email ? [`${pick(["", "Email: ", "E-mail: "])}${a.email}`] : [])]);
  } else if (truth.layout === "byline") {
    // "By A, B and C", then each author's institution in the same order, the e-mail last.
    units.push([`By ${joinNames(authors.map((a) => a.name))}`]);
    units.push(authors.map((a) => a.affiliations[0]!));
    units.push([`Correspondence: ${corresponding.email}`]);
  } else {
    units.push([authors.map((a) => `${a.name} (${a.affiliations[0]})`).join(", ")]);
    units.push([`Correspondence: ${corresponding.email}`]);
  }
  if (authors[0]!.orcid) units.push([`ORCID: ${authors[0]!.name} https://orcid.org/${authors[0]!.orcid}`]);
  if (rand() < 0.4) units.push(["Received: 12 March 2026 / Accepted: 3 August 2026 / Published online: 1 September 2026"]);
  if (truth.abstract) {
    const style = pick(["Abstract: ", "ABSTRACT ", "Abstract. ", "Abstract—", "own line"]);
    units.push(style === "own line" ? ["Abstract", truth.abstract] : [`${style}${truth.abstract}`]);
  }
  if (truth.keywords) units.push([`${pick(["Keywords: ", "Key words: ", "KEYWORDS ", "Keywords. "])}${truth.keywords.join(pick(["; ", ", "]))}`]);
  if (truth.doi) units.push([`${pick(["DOI: ", "https://doi.org/", "doi:"])}${truth.doi}`]);
  return { truth, units };
}

const SECTION = "1. Introduction";
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function asText(a: FuzzArticle): string {
  return [a.truth.subtitle ? [a.truth.title, a.truth.subtitle] : [a.truth.title], ...a.units, [SECTION], ...FUZZ_BODY.map((p) => [p])].map((u) => u.join("\n")).join("\n\n") + "\n";
}

export function asMarkdown(a: FuzzArticle): string {
  // A line opening with "*" or "1." is escaped, as a writer of Markdown does for a starred note or a numbered affiliation.
  const units = a.units.map((u) => u.map((line) => line.replace(/^\*/, "\\*").replace(/^(\d+)\./, "$1\\.")).join("  \n"));
  return [`# ${a.truth.title}`, ...(a.truth.subtitle ? [`*${a.truth.subtitle}*`] : []), ...units, `## ${SECTION}`, ...FUZZ_BODY].join("\n\n") + "\n";
}

export function asHtml(a: FuzzArticle): string {
  const units = a.units.map((u) => `<p>${u.map(escapeHtml).join("<br>")}</p>`).join("\n");
  return `<!doctype html><html><head><title>${escapeHtml(a.truth.title)}</title></head><body><article><h1>${escapeHtml(a.truth.title)}</h1>\n${a.truth.subtitle ? `<p class="subtitle">${escapeHtml(a.truth.subtitle)}</p>\n` : ""}${units}\n<h2>${SECTION}</h2>\n${FUZZ_BODY.map((p) => `<p>${p}</p>`).join("\n")}</article></body></html>`;
}

/** A Word file as a journal template makes it: the Title style, a paragraph per line, Heading 1 for the section. */
export function asDocx(a: FuzzArticle): Promise<Buffer> {
  const children = [
    new Paragraph({ text: a.truth.title, heading: HeadingLevel.TITLE }),
    ...(a.truth.subtitle ? [new Paragraph({ text: a.truth.subtitle, style: "Subtitle" })] : []),
    ...a.units.flatMap((u) => u.map((line) => new Paragraph({ children: [new TextRun(line)] }))),
    new Paragraph({ text: SECTION, heading: HeadingLevel.HEADING_1 }),
    ...FUZZ_BODY.map((p) => new Paragraph({ text: p })),
  ];
  // Word's own Subtitle style (the docx package does not define it).
  const styles = { paragraphStyles: [{ id: "Subtitle", name: "Subtitle", basedOn: "Normal", run: { italics: true } }] };
  return Packer.toBuffer(new Document({ styles, sections: [{ children }] }));
}

/** An OpenDocument text as Writer saves one: the Title and Subtitle styles, a paragraph per line, a level-1 heading. */
export function asOdt(a: FuzzArticle): Promise<Buffer> {
  const p = (text: string, style = "Standard") => `<text:p text:style-name="${style}">${escapeHtml(text)}</text:p>`;
  const body = [
    p(a.truth.title, "Title"),
    ...(a.truth.subtitle ? [p(a.truth.subtitle, "Subtitle")] : []),
    ...a.units.flatMap((u) => u.map((line) => p(line))),
    `<text:h text:style-name="Heading_20_1" text:outline-level="1">${SECTION}</text:h>`,
    ...FUZZ_BODY.map((b) => p(b)),
  ].join("");
  return odtFile({ body });
}

interface ReadBack {
  title: string;
  metadata: { subtitle?: string; authors?: Array<{ name: string; affiliations: string[]; email?: string; identifiers?: Record<string, string> }>; abstract?: string; keywords?: string[]; doi?: string };
  blocks: Array<{ kind: string; text: string }>;
}

/** What an import got wrong about `truth`, one line each (empty: all of it right). */
export function frontMatterProblems(truth: FrontMatterTruth, doc: ReadBack): string[] {
  const out: string[] = [];
  if (doc.title !== truth.title) out.push(`title ${JSON.stringify(doc.title)}`);
  if (doc.metadata.subtitle !== truth.subtitle) out.push(`subtitle ${JSON.stringify(doc.metadata.subtitle)}, written ${JSON.stringify(truth.subtitle)}`);
  const names = (doc.metadata.authors ?? []).map((a) => a.name);
  const want = truth.authors.map((a) => a.name);
  if (JSON.stringify(names) !== JSON.stringify(want)) out.push(`authors ${JSON.stringify(names)}, written ${JSON.stringify(want)}`);
  else {
    for (const [i, a] of truth.authors.entries()) {
      const got = doc.metadata.authors![i]!;
      if (JSON.stringify(got.affiliations) !== JSON.stringify(a.affiliations)) out.push(`${a.name}: affiliations ${JSON.stringify(got.affiliations)}`);
      if (got.email !== a.email) out.push(`${a.name}: e-mail ${got.email}, written ${a.email}`);
      if (got.identifiers?.ORCID !== a.orcid) out.push(`${a.name}: ORCID ${JSON.stringify(got.identifiers)}`);
    }
  }
  if (doc.metadata.abstract !== truth.abstract) out.push(`abstract ${JSON.stringify(doc.metadata.abstract)}`);
  if (JSON.stringify(doc.metadata.keywords) !== JSON.stringify(truth.keywords)) out.push(`keywords ${JSON.stringify(doc.metadata.keywords)}, written ${JSON.stringify(truth.keywords)}`);
  if (doc.metadata.doi !== truth.doi) out.push(`DOI ${doc.metadata.doi}`);
  const paragraphs = doc.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
  if (JSON.stringify(paragraphs) !== JSON.stringify(FUZZ_BODY)) out.push(`body paragraphs ${JSON.stringify(paragraphs.map((p) => p.slice(0, 40)))}`);
  return out;
}
