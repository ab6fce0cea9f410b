/** An OpenDocument text package made in the test: the mimetype, content.xml and, when given, styles.xml and meta.xml. */
import { buildZip } from "./zip-builder.ts";

const NS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" xmlns:math="http://www.w3.org/1998/Math/MathML"`;

/** `parts`: more files of the package (a formula object's "Object 1/content.xml"). */
export function odtFile(o: { body: string; automaticStyles?: string; styles?: string; title?: string; mimetype?: string; parts?: Array<{ name: string; content: string }> }): Promise<Buffer> {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3"><office:automatic-styles>${o.automaticStyles ?? ""}</office:automatic-styles><office:body><office:text>${o.body}</office:text></office:body></office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.3"><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style><style:style style:name="Standard" style:family="paragraph"/><style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="28pt"/></style:style><style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard"/><style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"/>${o.styles ?? ""}</office:styles></office:document-styles>`;
  const meta = `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS}><office:meta>${o.title ? `<dc:title>${o.title}</dc:title>` : ""}</office:meta></office:document-meta>`;
  return buildZip([
    { name: "mimetype", content: o.mimetype ?? "application/vnd.oasis.opendocument.text" },
    { name: "content.xml", content },
    { name: "styles.xml", content: styles },
    { name: "meta.xml", content: meta },
    ...(o.parts ?? []),
  ]);
}
