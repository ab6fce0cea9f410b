/**
 * OpenDocument text (.odt, LibreOffice Writer's own format): the package is bounded as a Word
 * file's is (zip-limits.ts), its content.xml is written out as the HTML a Word file becomes
 * (odt-html.ts), and parseHtml reads that like any other page, so both get the same rules.
 * Tracked changes are taken as accepted (ODF keeps deleted text apart from the body, so the body
 * already reads as accepted); comments and changes are placed on the blocks as a Word file's are,
 * and a reply (a comment whose loext:parent-name names the one it answers) joins its thread.
 */
import { DocxPackage } from "./docx-package.ts";
import { parseHtml } from "./html.ts";
import { buildReview } from "./docx-review.ts";
import { locateMarkers } from "./marker-spans.ts";
import { odtToHtml, readOdt, reviewMarksFor } from "./odt-html.ts";
import { ImportError, MAX_IMPORT_PARAGRAPHS, type ImportedDocument } from "./types.ts";
import { assertZipWithinLimits } from "./zip-limits.ts";

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";
/** Paragraphs and headings the text may hold before any is read, as for a Word file: three times what an import keeps. */
const MAX_ODT_PARAGRAPHS = 3 * MAX_IMPORT_PARAGRAPHS;

/** `<text:p` and `<text:h` in the XML, counted without parsing it. */
function countParagraphs(xml: string): number {
  let n = 0;
  for (let at = xml.indexOf("<text:"); at >= 0; at = xml.indexOf("<text:", at + 6)) {
    const next = xml.charCodeAt(at + 7);
    // "<text:p" or "<text:h" followed by a space, ">" or "/" (not "<text:page-number", "<text:h…" words).
    if ((xml[at + 6] === "p" || xml[at + 6] === "h") && (next === 32 || next === 62 || next === 47 || next === 10 || next === 13 || next === 9)) n++;
  }
  return n;
}

function corrupt(): ImportError {
  return new ImportError("corrupt_file", 400, "The .odt file is corrupt or not an OpenDocument text document");
}

export function parseOdt(buf: Buffer): ImportedDocument {
  if (buf.length < ZIP_SIGNATURE.length || !buf.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) throw corrupt();
  assertZipWithinLimits(buf);
  const pkg = new DocxPackage(buf);
  const mimetype = pkg.text("mimetype")?.trim();
  // A spreadsheet or a presentation is a zip of the same kind, but not an article.
  if (mimetype !== undefined && mimetype !== ODT_MIMETYPE) {
    throw new ImportError("unsupported_type", 415, `This OpenDocument file is ${mimetype}, not a text document; import an .odt text`);
  }
  const content = pkg.text("content.xml");
  if (content === null) throw corrupt();
  const paragraphs = countParagraphs(content);
  if (paragraphs > MAX_ODT_PARAGRAPHS) {
    throw new ImportError(
      "too_many_paragraphs",
      413,
      `The .odt holds more than ${MAX_ODT_PARAGRAPHS.toLocaleString("en-US")} paragraphs; at most ${MAX_IMPORT_PARAGRAPHS.toLocaleString("en-US")} can be imported`,
    );
  }
  const source = readOdt(content, pkg.text("styles.xml") ?? "", pkg.text("meta.xml") ?? "", (name) => pkg.text(name));
  const doc = parseHtml(odtToHtml(source));
  if (!source.reviewed) return doc;
  // As for a Word file: written again with markers where comments and changes sit, to read their
  // passages off the blocks (the blocks themselves come from the unmarked writing).
  const marks = reviewMarksFor(source);
  let markedBlocks: string[] = [];
  try {
    markedBlocks = parseHtml(odtToHtml(source, marks)).blocks.map((b) => b.text);
  } catch {
    // Not expected (markers are plain characters); then no passage is found, and every note says so.
  }
  marks.threadReplies();
  const blocks = doc.blocks.map((b) => b.text);
  const ends = new Set(["commentEnd", "commentRef", "insEnd"]);
  const points = locateMarkers(markedBlocks, blocks, marks.markers.length, (i) => ends.has(marks.markers[i]!.kind));
  const marked = { xml: "", markers: marks.markers, changes: marks.changes, changesLeftOut: marks.changesLeftOut };
  const review = buildReview(marks.comments, marks.commentsLeftOut, marked, points, blocks);
  return review.comments.length > 0 || review.changes.length > 0 ? { ...doc, review: { application: "Writer", ...review } } : doc;
}
