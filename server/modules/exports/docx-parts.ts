/**
 * The fixed parts of the Word file (WordprocessingML, ECMA-376): package content types and
 * relationships, styles (headings, quote, list paragraph, comment text; 8 pt after each
 * paragraph through the document defaults), numbering (bullets and decimal lists, nine levels
 * each), settings, and the core and app properties. Written as text once; only the core
 * properties depend on the export.
 */
import { xmlText } from "./xml.ts";

export const NS = {
  w: "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  w14: "http://schemas.microsoft.com/office/word/2010/wordml",
  w15: "http://schemas.microsoft.com/office/word/2012/wordml",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
} as const;

export const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Space after each paragraph, in twentieths of a point (8 pt, as Word's own Normal style). */
export const PARAGRAPH_SPACING_AFTER = 160;

/** Numbering instances: bullets and decimal lists. */
export const BULLET_LIST = 1;
export const ORDERED_LIST = 2;

const WML = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="${WML}.document.main+xml"/>\
<Override PartName="/word/styles.xml" ContentType="${WML}.styles+xml"/>\
<Override PartName="/word/numbering.xml" ContentType="${WML}.numbering+xml"/>\
<Override PartName="/word/settings.xml" ContentType="${WML}.settings+xml"/>\
<Override PartName="/word/comments.xml" ContentType="${WML}.comments+xml"/>\
<Override PartName="/word/commentsExtended.xml" ContentType="${WML}.commentsExtended+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
</Types>`;

export const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>\
</Relationships>`;

export const DOCUMENT_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/>\
<Relationship Id="rId3" Type="${REL}/settings" Target="settings.xml"/>\
<Relationship Id="rId4" Type="${REL}/comments" Target="comments.xml"/>\
<Relationship Id="rId5" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>\
</Relationships>`;

const heading = (level: number, halfPoints: number) =>
  `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="${level === 1 ? 360 : 240}" w:after="80"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>\
<w:rPr><w:b/><w:bCs/><w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/></w:rPr></w:style>`;

export const STYLES = `${XML_HEAD}<w:styles xmlns:w="${NS.w}">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after="${PARAGRAPH_SPACING_AFTER}" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>\
${[32, 28, 26, 24, 22, 22].map((size, i) => heading(i + 1, size)).join("")}\
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>\
<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>\
<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>\
</w:styles>`;

const BULLETS = ["\u25cf", "\u25cb", "\u25a0"];
const level = (ilvl: number, ordered: boolean) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${ordered ? "decimal" : "bullet"}"/><w:lvlText w:val="${ordered ? `%${ilvl + 1}.` : BULLETS[ilvl % 3]}"/><w:lvlJc w:val="left"/>\
<w:pPr><w:ind w:left="${720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
const abstract = (id: number, ordered: boolean) =>
  `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="hybridMultilevel"/>${Array.from({ length: 9 }, (_, i) => level(i, ordered)).join("")}</w:abstractNum>`;

export const NUMBERING = `${XML_HEAD}<w:numbering xmlns:w="${NS.w}">${abstract(0, false)}${abstract(1, true)}\
<w:num w:numId="${BULLET_LIST}"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="${ORDERED_LIST}"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;

export const SETTINGS = `${XML_HEAD}<w:settings xmlns:w="${NS.w}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

export const APP = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Scholia</Application></Properties>`;

/** Core properties: title, Scholia as creator, what the export was made from, who made it, when. */
export function coreProperties(p: { title: string; description: string; lastModifiedBy: string; at: Date }): string {
  const when = p.at.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>${xmlText(p.title)}</dc:title><dc:creator>Scholia</dc:creator><dc:description>${xmlText(p.description)}</dc:description>\
<cp:lastModifiedBy>${xmlText(p.lastModifiedBy)}</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}
