/**
 * Word documents: mammoth turns the .docx into semantic HTML (headings,
 * paragraphs, lists, bold/italic, links), which parseHtml then reads like any
 * other HTML, so a Word file gets exactly the same sanitising.
 */
import mammoth from "mammoth";
import { parseHtml } from "./html.ts";
import { ImportError, type ImportedDocument } from "./types.ts";
import { assertZipWithinLimits } from "./zip-limits.ts";

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

export async function parseDocx(buf: Buffer): Promise<ImportedDocument> {
  if (buf.length < ZIP_SIGNATURE.length || !buf.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) {
    throw corrupt();
  }
  // Sizes, ratios and XML shape are bounded before mammoth inflates anything.
  assertZipWithinLimits(buf);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: buf },
      { styleMap: STYLE_MAP, convertImage: skipImages, externalFileAccess: false },
    );
    html = result.value;
  } catch {
    throw corrupt();
  }
  return parseHtml(html);
}
