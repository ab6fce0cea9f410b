/**
 * Word documents: mammoth turns the .docx into semantic HTML (headings,
 * paragraphs, lists, bold/italic, links), which parseHtml then reads like any
 * other HTML, so a Word file gets exactly the same sanitising.
 *
 * Equations are read as text (docx-math.ts). Tracked changes are taken as accepted (insertions kept, deletions dropped). A file with
 * comments or tracked changes is converted a second time with markers where they sit
 * (docx-markers.ts), to read their passages off the blocks (marker-spans.ts, docx-review.ts);
 * the blocks themselves always come from the unmarked conversion.
 */
import mammoth from "mammoth";
import { parseHtml } from "./html.ts";
import { ImportError, type ImportedDocument, type ImportedReview } from "./types.ts";
import { assertZipWithinLimits } from "./zip-limits.ts";
import { DocxPackage, type MammothFile } from "./docx-package.ts";
import { readWordComments } from "./docx-comments.ts";
import { markDocument } from "./docx-markers.ts";
import { locateMarkers } from "./marker-spans.ts";
import { buildReview } from "./docx-review.ts";
import { handSetTitle, withStyleEmphasis, type DocxElement } from "./docx-formatting.ts";
import { DocxStyles } from "./docx-styles.ts";
import { withEquationsAsText } from "./docx-math.ts";

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Word's own Title/Subtitle styles carry the document title and subtitle;
 * journal templates name their front-matter styles (Author, Affiliation,
 * Abstract, Keywords), which the HTML reader takes as author matter.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  ...["Author", "Authors", "Author Name", "Author Names", "AuthorName", "Author List", "Byline"].map((n) => `p[style-name='${n}'] => p.author:fresh`),
  ...["Affiliation", "Affiliations", "Author Affiliation", "Address"].map((n) => `p[style-name='${n}'] => p.affiliation:fresh`),
  ...["Abstract", "Abstract Text"].map((n) => `p[style-name='${n}'] => p.abstract:fresh`),
  ...["Keywords", "Key Words", "Keyword"].map((n) => `p[style-name='${n}'] => p.keywords:fresh`),
];

function corrupt(): ImportError {
  return new ImportError("corrupt_file", 400, "The .docx file is corrupt or not a Word document");
}

/** Images are not text; turning them into empty <img> skips reading and base64-encoding their bytes. */
const skipImages = mammoth.images.imgElement(() => Promise.resolve({ src: "" }));

/**
 * mammoth reads the package through `file` (its own input form, lib/unzip.js), so it reads
 * exactly the bytes zip-limits.ts measured, and a part can be given rewritten.
 */
async function toHtml(file: MammothFile, styles: DocxStyles): Promise<string> {
  const input = { file } as unknown as { buffer: Buffer };
  const transformDocument = (document: DocxElement) => handSetTitle(withStyleEmphasis(document, styles), styles);
  const result = await mammoth.convertToHtml(input, { styleMap: STYLE_MAP, convertImage: skipImages, externalFileAccess: false, transformDocument });
  return result.value;
}

const TRACKED_CHANGE = /<w:(?:ins|del)\b/;

/**
 * The comments part, which mammoth need not read: without a style for comment references it
 * writes none of them, and reading thousands of comments costs it seconds.
 */
function commentParts(pkg: DocxPackage): Set<string> {
  const path = pkg.comments(pkg.mainDocument());
  return new Set(path === null ? [] : [path]);
}

/** The comments and tracked changes of `pkg`, placed on `doc`'s blocks; undefined when it has none. */
async function readReview(pkg: DocxPackage, doc: ImportedDocument, styles: DocxStyles, xml: string | null): Promise<ImportedReview | undefined> {
  const main = pkg.mainDocument();
  if (xml === null) return undefined;
  const { comments, total } = readWordComments(pkg.text(pkg.comments(main)), pkg.text(pkg.commentsExtended(main)));
  if (comments.length === 0 && !TRACKED_CHANGE.test(xml)) return undefined;
  const marked = markDocument(xml, new Set(comments.map((c) => c.id)));
  let markedBlocks: string[] = [];
  try {
    markedBlocks = parseHtml(await toHtml(pkg.asMammothFile(new Map([[main, marked.xml]]), commentParts(pkg)), styles)).blocks.map((b) => b.text);
  } catch {
    // Not expected (the markers are plain runs); then no passage is found, and every note says so.
  }
  const blocks = doc.blocks.map((b) => b.text);
  const ends = new Set(["commentEnd", "commentRef", "insEnd"]);
  const points = locateMarkers(markedBlocks, blocks, marked.markers.length, (i) => ends.has(marked.markers[i]!.kind));
  return buildReview(comments, total - comments.length, marked, points, blocks);
}

export async function parseDocx(buf: Buffer): Promise<ImportedDocument> {
  if (buf.length < ZIP_SIGNATURE.length || !buf.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) {
    throw corrupt();
  }
  // Sizes, ratios and XML shape are bounded before mammoth inflates anything.
  assertZipWithinLimits(buf);
  const pkg = new DocxPackage(buf);
  const styles = new DocxStyles(pkg.text(pkg.styles(pkg.mainDocument())));
  // The main document with its equations as text runs (docx-math.ts), for both conversions.
  const main = pkg.mainDocument();
  const original = pkg.text(main);
  const xml = original === null ? null : withEquationsAsText(original);
  let html: string;
  try {
    html = await toHtml(pkg.asMammothFile(xml !== null && xml !== original ? new Map([[main, xml]]) : new Map(), commentParts(pkg)), styles);
  } catch {
    throw corrupt();
  }
  const doc = parseHtml(html);
  const review = await readReview(pkg, doc, styles, xml);
  return review ? { ...doc, review } : doc;
}
