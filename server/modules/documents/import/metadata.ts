/**
 * Builds the structured metadata from the meta blocks a parser emitted, so
 * every format derives it the same way and the blocks stay the single
 * source of truth (an editor who moves a line changes the metadata too).
 *
 * Details attach to authors like this: a numbered affiliation goes to the
 * authors carrying its marker; a correspondence line to the starred
 * authors; a bio to the author it names (surname, with transliteration
 * tolerance); an e-mail to the author whose name its local part contains;
 * any other detail to the last author named above it (affiliations to all
 * authors of that line, as in "By A and B / University of X").
 */
import { asciiDigits } from "./digits.ts";
import { splitBios } from "./bios.ts";
import { isDegreesLine, parseDegrees } from "./degrees.ts";
import { AFFILIATION_PREFIX_RE, classifyMetaLine, INSTITUTION_RE, isPositionLine, NOTE_SENTENCE_RE, withoutFullStop } from "./meta-lines.ts";
import {
  afterLabel,
  emailsIn,
  extractDates,
  extractDoi,
  extractEmail,
  extractIdentifiers,
  extractKeywords,
  extractPhone,
  phoneInText,
  stripLabel,
} from "./meta-values.ts";
import { fold, parseNameLine, similarSurnames, surnameOf } from "./names.ts";
import type { ImportedAuthor, ImportedBlock, ImportedMetadata } from "./types.ts";

/** ORCID iDs anywhere in a line, bare or in an orcid.org address. */
const ORCID_IDS_RE = /\b(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b/g;

/**
 * An affiliation's marker: "1", "¹", "*", or a letter standing alone or set against its institution
 * ("a Department of …", "aDepartment of …"); a number may be typed as a list's ("1.", "2)").
 */
const MARKER = "(?:[0-9]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[*†‡§¶]|[a-h](?=\\s|\\p{Lu}\\p{Ll}))";
const LEADING_MARKER_RE = new RegExp(`^(?:(${MARKER})[.)]?|\\^(${MARKER})\\^)\\s*`, "u");
/** A semicolon before the next marked affiliation on the same line ("…, UK; b School of …", "…；2. 复旦大学…"). */
const NEXT_MARKED_RE = new RegExp(`\\s*[;；]\\s*(?=${MARKER}\\.?\\s*[\\p{Lu}\\p{Lo}])`, "u");
/** Affiliations in brackets under the names, as Chinese journals set them: "（1. 北京大学…；2. 复旦大学…）". */
const BRACKETED_RE = /^[（(]\s*([^（()）]+?)\s*[）)]$/u;
/** An author's note marker opening a note: a symbol or a number ("∗" as a math font sets it). */
const NOTE_MARKER_RE = /^([*∗†‡§¶]|[0-9]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})\s*/u;
const SUPERSCRIPT: Record<string, string> = {
  "∗": "*", "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
};

/** What stands around a name before its iD: a label, an orcid.org address's start, brackets, dashes, list punctuation. */
const AROUND_NAME_RE = /^(?:[\s;,.:–—-]|ORCID(?:\s*iDs?)?\s*[:：]?)+|(?:[\s([:：,–—-]|ORCID(?:\s*iD)?|(?:https?:\/\/)?(?:www\.)?orcid\.org\/?)+$/giu;

/**
 * The author `written` names, when it is a name and nothing else ("Mara Ellison", "M. J. Ellison",
 * "Jose Nunez", "ELLISON, Mara"): the author of that surname (transliteration and diacritics
 * aside) whose given names agree, initials with names; undefined when none or several do.
 */
function writtenAuthor(written: string, authors: readonly ImportedAuthor[]): ImportedAuthor | undefined {
  const name = written.slice(-200).replace(AROUND_NAME_RE, "").trim();
  if (name === "" || name.length > 80 || /[\d@/]/.test(name)) return undefined;
  // "Ellison, Mara": surname first.
  const inverted = /^([^,]+),\s*([^,]+)$/.exec(name);
  const words = (inverted ? `${inverted[2]} ${inverted[1]}` : name).split(/\s+/).filter((w) => w !== "");
  if (words.length === 0 || words.length > 6) return undefined;
  const surname = surnameOf(words.join(" "));
  const givens = words.slice(0, -1).map((w) => fold(w)).filter((w) => w !== "");
  const found = authors.filter((a) => {
    if (fold(a.name) === fold(words.join(" "))) return true;
    const theirs = a.name.split(/\s+/);
    if (!similarSurnames(surname, surnameOf(a.name))) return false;
    const their = theirs.slice(0, -1).map((w) => fold(w)).filter((w) => w !== "");
    // Given names agree when the first ones start alike and a full name on both sides is the same name.
    const [mine, other] = [givens[0], their[0]];
    if (mine === undefined || other === undefined) return true;
    if (mine[0] !== other[0]) return false;
    return mine.length === 1 || other.length === 1 || similarSurnames(mine, other);
  });
  return found.length === 1 ? found[0] : undefined;
}

function newAuthor(name: string): ImportedAuthor {
  return { name, degrees: [], affiliations: [], positions: [], identifiers: {} };
}

/**
 * The author whose name (its parts of three letters or more) the e-mail's local part holds most
 * of: "jonas.okonkwo-bianchi@" is Jonas Okonkwo-Bianchi's, not his co-author Krzysztof
 * Okonkwo-Bianchi's; with nothing else to go on, the one whose first initial opens it, then
 * the first named.
 */
function emailOwner(email: string, candidates: readonly ImportedAuthor[]): ImportedAuthor | undefined {
  const local = fold(email.split("@")[0] ?? "");
  if (local === "") return undefined;
  let best: ImportedAuthor | undefined;
  let bestScore = 0;
  for (const a of candidates) {
    const parts = a.name.split(/[\s-]+/).map(fold);
    let score = 0;
    for (const part of parts) if (part.length >= 3 && local.includes(part)) score += 2 * part.length;
    if (score === 0) continue;
    if (local.startsWith(parts[0]?.[0] ?? " ")) score += 1;
    if (score > bestScore) [best, bestScore] = [a, score];
  }
  return best;
}

function normaliseMarker(marker: string): string {
  return [...marker].map((ch) => SUPERSCRIPT[ch] ?? ch).join("");
}

class MetadataBuilder {
  readonly metadata: ImportedMetadata = { authors: [] };
  private readonly markers = new Map<ImportedAuthor, string[]>();
  /** Authors of the latest author line. */
  private group: ImportedAuthor[] = [];
  private abstractParts: string[] = [];
  private ackParts: string[] = [];
  private readonly keywords: string[] = [];
  /** A date label standing alone ("Published"), for the date in the block after it. */
  private dateLabel: string | undefined;
  /** Body text has been passed: an affiliation now opens a closing address block. */
  private afterBody = false;
  /** Closing address blocks read so far (amsart's, after the references: one per author, in order). */
  private closingAddresses = 0;
  /** The role of the block read before this one (its kind for a block that is not front matter). */
  private previousRole: string | undefined;
  /** The marker each marked affiliation was written with, to list an author's in the order of their markers. */
  private readonly markerOf = new Map<string, string>();
  /** Unmarked affiliations in a row under an author line, each given to all of it for now (settleRun). */
  private run: { group: ImportedAuthor[]; before: number[]; texts: string[] } | null = null;

  private get authors(): ImportedAuthor[] {
    return this.metadata.authors;
  }

  private get last(): ImportedAuthor | undefined {
    return this.group[this.group.length - 1];
  }

  add(block: ImportedBlock): void {
    this.addBlock(block);
    this.previousRole = block.kind === "meta" ? block.role : block.kind;
  }

  private addBlock(block: ImportedBlock): void {
    if (block.role !== "affiliation") this.settleRun();
    if (block.kind === "heading" && block.role === "subtitle") {
      this.metadata.subtitle ??= block.text;
      return;
    }
    if (block.kind !== "meta") {
      if (block.kind === "paragraph" || block.kind === "listItem" || (block.kind === "heading" && block.role === undefined)) this.afterBody = true;
      return;
    }
    let text = block.text.trim();
    const labelOnly = classifyMetaLine(text)?.labelOnly === true;
    switch (block.role) {
      case "dateline":
        this.metadata.dateline ??= unbracketed(text);
        return;
      case "author":
        this.addAuthors(text);
        return;
      case "degrees":
        for (const a of this.lastOnly()) a.degrees.push(...(isDegreesLine(text) ? parseDegrees(text) : [stripTrailing(text)]));
        return;
      case "affiliation":
        // "Affiliation: University of …", "作者单位：…": the institution is after the label.
        text = text.replace(AFFILIATION_PREFIX_RE, "");
        if (this.afterBody) {
          // Addresses after the body name no one: the first is the first author's, and so on.
          const author = this.authors[this.closingAddresses++];
          if (author) {
            author.affiliations.push(stripTrailing(text));
            this.group = [author];
            return;
          }
        }
        this.addAffiliation(text);
        return;
      case "position":
        for (const a of this.lastOnly()) addPosition(a, text);
        return;
      case "identifier":
        // "ORCID" over a section of iDs, each line naming its author.
        if (labelOnly) return;
        // "ORCID: Mara Ellison 0000-…; José Núñez 0000-…": each iD is the author named before it.
        if (this.addNamedOrcids(text)) return;
        for (const a of this.lastOnly()) {
          for (const [scheme, value] of extractIdentifiers(text)) a.identifiers[scheme] ??= value;
        }
        return;
      case "email": {
        // A line of several addresses ("{ana.souza, peter.novak}@…, weichen@…"): each to the author it names.
        const several = emailsIn(text);
        if (several.length > 1) {
          for (const address of several) {
            const owner = emailOwner(address, this.group) ?? emailOwner(address, this.authors);
            if (owner) owner.email ??= address;
          }
          return;
        }
        const email = extractEmail(text);
        if (email === undefined) return;
        // An address that names another author above ("katrin.vogel@…" under B's line) is hers.
        const owner = emailOwner(email, this.group) ?? emailOwner(email, this.authors) ?? this.last;
        if (owner) owner.email ??= email;
        return;
      }
      case "phone":
        for (const a of this.lastOnly()) a.phone ??= extractPhone(text);
        return;
      case "address":
        for (const a of this.lastOnly()) {
          const value = stripLabel(text);
          a.address = a.address ? `${a.address}, ${value}` : value;
        }
        return;
      case "correspondence":
        this.addCorrespondence(text);
        return;
      case "bio":
        if (!labelOnly) this.addBio(text);
        return;
      case "footnote": {
        // A note marked like an author ("Ana Souza*" / "* Department of …, Lisbon. Email: …", LaTeX's \thanks): hers.
        if (this.addAuthorNote(text)) return;
        // "Maria T. Alvarez https://orcid.org/…" in a manuscript's author note: her iD.
        this.addNamedOrcids(text);
        // A title-page note ("* Corresponding author: h.lindqvist@…"): an address that names an author is hers.
        for (const email of emailsIn(text)) {
          const owner = emailOwner(email, this.authors);
          if (owner) owner.email ??= email;
        }
        // A labelled note at the foot of the first page (amsart's "Key words and phrases.", "Date:") gives its value too.
        const note = classifyMetaLine(text);
        if (note?.labelled && !note.labelOnly) {
          if (note.role === "keywords") this.keywords.push(...extractKeywords(text));
          else if (note.role === "dateline") this.metadata.dateline ??= unbracketed(text);
          else if (note.role === "dates") this.metadata.dates = { ...extractDates(text), ...this.metadata.dates };
        }
        return;
      }
      case "standfirst":
        this.metadata.standfirst ??= text;
        return;
      case "abstract":
        if (!labelOnly) this.abstractParts.push(afterLabel(text));
        return;
      case "keywords":
        if (!labelOnly) this.keywords.push(...extractKeywords(text));
        return;
      case "doi":
        this.metadata.doi ??= extractDoi(text);
        return;
      case "dates": {
        if (labelOnly) {
          this.dateLabel = text;
          return;
        }
        // "Published" in one element and "2024-06-30" in the next: read them together.
        let dates = extractDates(text);
        if (Object.keys(dates).length === 0 && this.dateLabel !== undefined) dates = extractDates(`${this.dateLabel.replace(/[:：]\s*$/u, "")}: ${text}`);
        this.dateLabel = undefined;
        this.metadata.dates = { ...dates, ...this.metadata.dates };
        return;
      }
      case "acknowledgement":
        if (!labelOnly) this.ackParts.push(afterLabel(text));
        return;
      default:
        return;
    }
  }

  finish(): ImportedMetadata {
    this.settleRun();
    // "Jane Doe b,a": her institution b first, as she lists them, whatever order the lines came in.
    for (const a of this.authors) {
      const order = this.markers.get(a);
      if (!order || a.affiliations.length < 2) continue;
      const rank = (value: string) => {
        const at = order.indexOf(this.markerOf.get(value) ?? "");
        return at < 0 ? order.length : at;
      };
      a.affiliations = a.affiliations.map((value, i) => ({ value, i })).sort((x, y) => rank(x.value) - rank(y.value) || x.i - y.i).map((x) => x.value);
    }
    const m = this.metadata;
    if (this.abstractParts.length > 0) m.abstract = this.abstractParts.join("\n\n");
    if (this.ackParts.length > 0) m.acknowledgement = this.ackParts.join("\n\n");
    // An article with its keywords in two languages repeats the ones spelt alike ("China").
    const keywords = [...new Map(this.keywords.map((k) => [k.toLowerCase(), k])).values()];
    if (keywords.length > 0) m.keywords = keywords;
    if (m.doi === undefined) delete m.doi;
    if (m.dates && Object.keys(m.dates).length === 0) delete m.dates;
    return m;
  }

  /** The last author named, as a list (empty before any name: the block still shows such lines). */
  private lastOnly(): ImportedAuthor[] {
    return this.last ? [this.last] : [];
  }

  private addAuthors(text: string): void {
    const parsed = parseNameLine(text);
    if (!parsed) {
      // Marked up as an author in the source but not name-shaped: keep the text as the name.
      const author = newAuthor(text.replace(/^by\s+/i, ""));
      this.authors.push(author);
      this.group = [author];
      return;
    }
    if (parsed.dateline !== undefined) this.metadata.dateline ??= unbracketed(parsed.dateline);
    // Name lines one after another with nothing between them ("Jane Doe" / "John Roe" / "Institute X",
    // authors as list items) are one author line: what follows describes them all.
    const before = this.previousRole === "author" ? this.group : [];
    const group = parsed.names.map((n) => {
      // "By A and B", then "A, Institute X" and "B, University Y": the later lines add to A and B.
      const known = this.authors.find((a) => fold(a.name) === fold(n.name));
      const author = known ?? newAuthor(n.name);
      for (const degree of n.degrees) if (!author.degrees.includes(degree)) author.degrees.push(degree);
      if (n.details !== undefined) {
        if (isPositionLine(n.details)) addPosition(author, n.details);
        else author.affiliations.push(stripTrailing(n.details));
      }
      if (n.about !== undefined) author.bio ??= n.about;
      for (const contact of n.contacts ?? []) {
        const ids = extractIdentifiers(contact);
        for (const [scheme, value] of ids) author.identifiers[scheme] ??= value;
        if (ids.length === 0) author.email ??= extractEmail(contact);
      }
      const markers = n.markers.map(normaliseMarker);
      this.markers.set(author, [...(this.markers.get(author) ?? []), ...markers]);
      if (!known) this.authors.push(author);
      return author;
    });
    this.group = [...before.filter((a) => !group.includes(a)), ...group];
  }

  /**
   * A note whose marker one author alone carries, as LaTeX's \thanks sets an author's details at the
   * page's foot: its sentences that name an institution (or a post at one) are hers, and so is its
   * e-mail address. Other sentences (thanks, "Corresponding author.") add nothing. False when no
   * single author carries the marker, or the note says nothing of the kind.
   */
  private addAuthorNote(text: string): boolean {
    const m = NOTE_MARKER_RE.exec(text);
    const owners = m?.[1] ? this.marked(normaliseMarker(m[1])) : [];
    const owner = owners.length === 1 ? owners[0]! : undefined;
    if (!owner || !m) return false;
    let used = false;
    for (const sentence of text.slice(m[0].length).split(NOTE_SENTENCE_RE)) {
      const [email] = emailsIn(sentence);
      if (email !== undefined) {
        owner.email ??= email;
        used = true;
        continue;
      }
      const value = stripTrailing(withoutFullStop(sentence.trim()));
      const role = classifyMetaLine(value)?.role;
      if (role !== "affiliation" && role !== "position") continue;
      if (role === "position" || isPositionLine(value)) addPosition(owner, value);
      else if (!owner.affiliations.includes(value)) owner.affiliations.push(value);
      used = true;
    }
    return used;
  }

  private marked(marker: string): ImportedAuthor[] {
    return this.authors.filter((a) => this.markers.get(a)?.includes(marker));
  }

  private addAffiliation(given: string): void {
    const text = BRACKETED_RE.exec(given)?.[1] ?? given;
    // "a Department of …, Brighton, UK; b School of …": several marked affiliations on one line.
    if (LEADING_MARKER_RE.test(text)) {
      const parts = text.split(NEXT_MARKED_RE);
      if (parts.length > 1) {
        for (const part of parts) this.addOneAffiliation(part);
        return;
      }
    }
    this.addOneAffiliation(text);
  }

  private addOneAffiliation(text: string): void {
    // "١ جامعة القاهرة": a marker in other scripts' digits is the digit it stands for.
    const m = LEADING_MARKER_RE.exec(asciiDigits(text));
    const marker = m?.[1] ?? m?.[2];
    if (m && marker) {
      const owners = this.marked(normaliseMarker(marker));
      if (owners.length > 0) {
        const value = stripTrailing(text.slice(m[0].length));
        for (const a of owners) a.affiliations.push(value);
        this.markerOf.set(value, normaliseMarker(marker));
        return;
      }
    }
    if (this.run?.group !== this.group) {
      this.settleRun();
      this.run = { group: this.group, before: this.group.map((a) => a.affiliations.length), texts: [] };
    }
    this.run.texts.push(stripTrailing(text));
    for (const a of this.group) a.affiliations.push(stripTrailing(text));
  }

  /**
   * "By A, B and C" above three institutions, unmarked: one each, in order. Any other count
   * leaves every institution of the run with every author of the line (they cannot be told apart).
   */
  private settleRun(): void {
    const run = this.run;
    this.run = null;
    if (!run || run.group.length < 2 || run.texts.length !== run.group.length) return;
    run.group.forEach((a, i) => {
      a.affiliations = [...a.affiliations.slice(0, run.before[i]), run.texts[i]!];
    });
  }

  /**
   * The ORCID iDs of a line that names the authors they belong to ("Mara Ellison
   * https://orcid.org/0000-…", "ORCID: M. Ellison 0000-…; José Nunez 0000-…"): each goes to the
   * author written between it and the iD before it, the name as a whole when it is all there is,
   * else the one whose name (or surname) comes last; an iD after the name of someone who is not an
   * author goes to no one. False, with nothing taken, when an iD has no name before it.
   */
  private addNamedOrcids(text: string): boolean {
    const ids = [...text.matchAll(ORCID_IDS_RE)];
    if (ids.length === 0 || this.authors.length === 0) return false;
    // Compared without case or diacritics, letter for letter, so places found stay places in `text`.
    const plain = Array.from(text, (ch) => (ch.length === 1 ? (ch.normalize("NFD")[0] ?? ch) : ch)).join("").toLowerCase();
    const owners: Array<[ImportedAuthor, string]> = [];
    let from = 0;
    for (const id of ids) {
      let owner = writtenAuthor(text.slice(from, id.index), this.authors);
      let at = -1;
      for (const author of owner ? [] : this.authors) {
        for (const name of [author.name, surnameOf(author.name)]) {
          const key = Array.from(name, (ch) => (ch.length === 1 ? (ch.normalize("NFD")[0] ?? ch) : ch)).join("").toLowerCase();
          if (key.length < 3) continue;
          const found = plain.lastIndexOf(key, id.index - key.length);
          if (found >= from && found > at) {
            owner = author;
            at = found;
          }
        }
      }
      const before = text.slice(from, id.index);
      from = id.index + id[0].length;
      if (!id[1]) return false;
      if (!owner) {
        // "Peter Lindqvist https://orcid.org/…" in a list of iDs: someone who is not an author, not the last author.
        if (parseNameLine(before.slice(-200).replace(AROUND_NAME_RE, "").trim()) !== null) continue;
        return false;
      }
      owners.push([owner, id[1]]);
    }
    for (const [author, orcid] of owners) author.identifiers.ORCID ??= orcid;
    return true;
  }

  private addCorrespondence(text: string): void {
    const email = extractEmail(text.replace(/;.*$/, "")) ?? extractEmail(text);
    const phone = phoneInText(text);
    const starred = this.marked("*");
    const owner =
      starred[0] ??
      (email === undefined ? undefined : emailOwner(email, this.authors)) ??
      this.authors[0];
    if (!owner) return;
    if (email !== undefined && email.includes("@")) owner.email ??= email;
    if (phone !== undefined) owner.phone ??= phone;
    // "* Correspondence: jane@…; ORCID: https://orcid.org/0000-…": the identifiers are the same person's.
    for (const [scheme, value] of extractIdentifiers(text)) owner.identifiers[scheme] ??= value.split(/[;,]\s/u)[0] ?? value;
  }

  private addBio(text: string): void {
    const body = afterLabel(text);
    const names = this.authors.map((a) => a.name);
    const parts = splitBios(body, names);
    if (parts.length > 0) {
      for (const [index, bio] of parts) {
        const author = this.authors[index];
        if (author) author.bio = author.bio ? `${author.bio} ${bio}` : bio;
      }
      return;
    }
    // "* Professor of Law, …": a starred note belongs to the starred author.
    const star = /^([*†‡])\s*/u.exec(body);
    const owner = (star?.[1] ? this.marked(star[1])[0] : undefined) ?? (this.authors.length === 1 ? this.authors[0] : undefined);
    if (owner) owner.bio ??= star ? body.slice(star[0].length) : body;
  }
}

/**
 * "Senior Researcher, Institute for Climate Finance, Rotterdam" -> the
 * position and, from the first part naming an institution, the affiliation.
 */
function splitPosition(text: string): { position: string; affiliation?: string } {
  const parts = text.split(/,\s+/);
  const at = parts.findIndex((part, i) => i > 0 && INSTITUTION_RE.test(part));
  if (at < 0) return { position: stripTrailing(text) };
  return { position: stripTrailing(parts.slice(0, at).join(", ")), affiliation: stripTrailing(parts.slice(at).join(", ")) };
}

/** Trailing list punctuation ("Academic Supervisor;") belongs to the layout, not the value. */
/** A full stop ending a sentence after a word ("…, Beijing, China."), not one ending an abbreviation ("Acme Inc."). */
const SENTENCE_STOP_RE = /(?<=\p{Ll}{2})(?<!\b(?:Inc|Ltd|Corp|Univ|Dept|Assoc|Inst|Bros|Co|St|Jr|Sr))\.$/u;

/** A value set in brackets as a whole ("(March 2026)", LaTeX's date under the title), without them. */
function unbracketed(text: string): string {
  const m = /^[([]\s*([^()[\]]+?)\s*[)\]]$/.exec(text.trim());
  return m ? m[1]! : text;
}

function stripTrailing(text: string): string {
  return text.trim().replace(/[\s;,]+$/u, "").replace(SENTENCE_STOP_RE, "");
}

function addPosition(author: ImportedAuthor, text: string): void {
  const { position, affiliation } = splitPosition(text);
  author.positions.push(position);
  if (affiliation !== undefined) author.affiliations.push(affiliation);
}

/** The structured metadata of a document, from its meta blocks (and subtitle heading) in order. */
export function buildMetadata(blocks: readonly ImportedBlock[]): ImportedMetadata {
  const builder = new MetadataBuilder();
  for (const block of blocks) builder.add(block);
  return builder.finish();
}
