/**
 * Line-level recognisers for the front matter of an article. Each rule is
 * about the shape of one line, not about one journal: labelled identifiers
 * and contacts, issue and date lines, degree, institution and position
 * words, numbered affiliation markers, correspondence, abstract, keywords,
 * DOI, article history and funding phrases.
 *
 * Every parser (plain text, Markdown, HTML/DOCX, PDF) shares these. Whether
 * a line really is front matter (and not body prose) depends on its
 * neighbours, which is front-matter.ts's job.
 */
import { asciiDigits } from "./digits.ts";
import { isDegreePhrase, isDegreesLine, isDegreeToken } from "./degrees.ts";
import {
  ABOUT_WORDS,
  ABSTRACT_LABEL_ONLY_WORDS,
  ABSTRACT_WORDS,
  ACCEPTED_AFTER_WORDS,
  ACCEPTED_WORDS,
  ACK_WORDS,
  ADDRESS_WORDS,
  AFFILIATION_WORDS,
  AUTHOR_NOTE_WORDS,
  AUTHORS_WORDS,
  BODY_SECTION_WORDS,
  CORRESPONDENCE_WORDS,
  DATE_JOINER,
  EMAIL_WORDS,
  HISTORY_LABEL_WORDS,
  KEYWORDS_WORDS,
  MEMO_SUBJECT_WORDS,
  MEMO_TO_WORDS,
  MONTH_WORDS,
  PHONE_WORDS,
  PUBLISHED_AFTER_WORDS,
  PUBLISHED_WORDS,
  RECEIVED_AFTER_WORDS,
  RECEIVED_WORDS,
  REVISED_AFTER_WORDS,
  REVISED_WORDS,
  RUNNING_HEAD_WORDS,
  THE_AUTHOR_WORDS,
  TOPICS_WORDS,
} from "./label-words.ts";
import type { MetaRole } from "./types.ts";

/** How much of a line the label and phrase rules read. */
const OPENING_LENGTH = 600;
/** Shape-only lines longer than this are never front matter: it keeps the regexes cheap and prose out. */
const MAX_SHAPE_LINE = 300;

/** The roles one line can be given on its own; authors, bios and standfirsts need their neighbours (a note, only its "Author Note" label). */
export type LineRole = Exclude<MetaRole, "author" | "standfirst">;

export interface MetaLineClass {
  role: LineRole;
  /**
   * Strong lines (labelled identifiers and contacts, datelines, degrees,
   * postcoded addresses, numbered affiliations) are distinctive enough to
   * show that a run of lines is front matter; weak ones (an affiliation, a
   * position, a bare country) only count inside an author block.
   */
  strong: boolean;
  /** Starts with a label ("ORCID:", "Abstract:"), so it never continues the prose line above it. */
  labelled: boolean;
  /** Prose that may wrap over the following lines of its paragraph (abstract, funding note, bio note). */
  prose: boolean;
  /** Just a label ("Abstract", "About the author"): the paragraph after it carries the content. */
  labelOnly: boolean;
}

const MONTH = `${MONTH_WORDS}\\.?(?![\\p{L}])`;
const YEAR = "(?:1[6-9]|2[01])\\d{2}";
const ISSUE_RE =
  /(?<![\p{L}])(?:Vol(?:ume)?\.?\s*[\dIVXLC]+|Issue\s*\d+|No\.\s*\d+|Number\s+\d+|№\s*\d+|(?:Nr|Núm|Num|Nº|N°|n°|nº)\.?\s*\d+|(?:Heft|Jahrgang|Tome|Tomo|Año|Ano|Numéro|Número|Numero|Anno|Bd\.|Band)\s+[\dIVXLC]+)(?![\p{L}\p{N}])/iu;
const PUBLISHED_RE = new RegExp(`^(?:${PUBLISHED_WORDS}|Posted|Updated|Dated?|Online|Last\\s+updated|Mis\\s+en\\s+ligne|Actualizado|Aktualisiert)(?![\\p{L}])`, "iu");
const YEAR_RE = new RegExp(`\\b${YEAR}\\b`);
const MONTH_YEAR_RE = new RegExp(`(?<![\\p{L}])${MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?,?)?${DATE_JOINER}${YEAR}\\b`, "iu");
const DAY_MONTH_YEAR_RE = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th|er|\\.)?${DATE_JOINER}${MONTH}${DATE_JOINER}${YEAR}\\b`, "iu");
const SEASON_YEAR_RE = new RegExp(`\\b(?:Spring|Summer|Autumn|Fall|Winter)\\s+${YEAR}\\b`, "i");
const ISO_DATE_RE = /\b(?:1[6-9]|2[01])\d{2}-[01]\d-[0-3]\d\b/;
/** "2024年3月" (Chinese, Japanese), "2024년 3월" (Korean). */
const CJK_DATE_RE = /(?:1[6-9]|2[01])\d{2}\s*[年년]\s*[01]?\d\s*[月월]/;
/** "第45卷第3期", "第12巻 第2号": a Chinese or Japanese journal's volume and issue. */
const CJK_ISSUE_RE = /第\s*\d{1,4}\s*[卷巻期號号輯辑]/;
const NUMERIC_DATE_RE = /\b[0-3]?\d[./][01]?\d[./](?:1[6-9]|2[01])\d{2}\b/;

/** Labels of author identifiers; the value follows a colon. */
export const IDENTIFIER_LABEL =
  "(?:ORCID(?:\\s*iD)?|(?:Web\\s+of\\s+Science\\s+|WoS\\s+)?Researcher\\s?ID|Scopus(?:\\s+Author)?(?:\\s*ID)?|SPIN(?:[-\\s]?(?:RSCI|code|код))?|RSCI\\s+Author\\s?ID|Author\\s?ID|Google\\s+Scholar(?:\\s+(?:profile|ID))?|SSRN(?:\\s+Author)?(?:\\s+ID)?|ISNI|OpenAlex(?:\\s+ID)?|ResearchGate|IdRef|VIAF|Loop(?:\\s+profile)?)";
const IDENTIFIER_LINE_RE = new RegExp(`^${IDENTIFIER_LABEL}\\s*[:：]\\s*\\S`, "i");
/** "ORCID", "ORCID iDs" alone: a section of the authors' iDs, one "Name https://orcid.org/…" a line (Taylor & Francis, SAGE). */
export const ORCID_LABEL_ONLY_RE = /^ORCID(?:\s*iDs?)?\s*[:：]?$/i;
const ORCID_URL_RE = /^(?:https?:\/\/)?orcid\.org\/\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b/i;
/** A preprint server's stamp, "arXiv:2403.01234v2 [econ.GN] 14 Mar 2024": about the paper, not an author. */
const PREPRINT_STAMP_RE = /^(?:arXiv\s*:\s*\d{4}\.\d{4,5}|(?:SSRN|RePEc|bioRxiv|medRxiv|SocArXiv|OSF Preprints)\b.*\d)/i;

/** Is `line` a preprint server's stamp (PREPRINT_STAMP_RE)? */
export function isPreprintStamp(line: string): boolean {
  return PREPRINT_STAMP_RE.test(line.trim());
}

/** A character an address may hold; full-width punctuation ("通讯作者：李明，E-mail：…") is never part of one. */
const EMAIL_CHAR = String.raw`[^\s@<>()[\]:;,"：，；、（）【】《》。]`;
/**
 * An address in a line. It starts where a run of such characters starts (the leftmost match
 * always does), so a long run without "@" is read once, not once from each of its characters.
 */
const EMAIL_IN_TEXT_RE = new RegExp(String.raw`(?<!${EMAIL_CHAR})${EMAIL_CHAR}+@${EMAIL_CHAR}+\.[A-Za-z]{2,}`);
/** The value may be a placeholder such as "[email protected]" left by a web page's e-mail protection. */
const EMAIL_LABEL_RE = new RegExp(`^${EMAIL_WORDS}\\s*[:：]\\s*\\S`, "iu");
const BARE_EMAIL_RE = /^<?(?:mailto:)?[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}>?$/i;
/** LaTeX's shared-domain addresses, "{ana.souza, peter.novak}@ulisboa.pt": the names in braces, each at the domain. */
export const EMAIL_GROUP_RE = /\{([^{}@\n]{1,300})\}@([^\s@<>()[\]:;,"{}]+\.[A-Za-z]{2,})/g;
// A local part holds no brace, so an address reads one way only (a line that is not a list fails fast).
const EMAIL_LIST_ITEM = String.raw`(?:\{[^{}@\n]{1,300}\}|[^\s@<>()[\]{}:;,"：，；、（）【】《》。]+)@${EMAIL_CHAR}+\.[A-Za-z]{2,}`;
/** A line of addresses and nothing else: "{ana.souza, peter.novak}@ulisboa.pt, weichen@umich.edu". */
const EMAIL_LIST_RE = new RegExp(String.raw`^${EMAIL_LIST_ITEM}(?:(?:\s*[,;]\s*|\s+)${EMAIL_LIST_ITEM})*$`);
/** Lines longer than this are no list of an article's authors' addresses (and are not scanned for one). */
const MAX_EMAIL_LIST_CHARS = 400;

export const PHONE_LABEL = `${PHONE_WORDS}\\.?(?![\\p{L}])`;
const PHONE_LABEL_RE = new RegExp(`^${PHONE_LABEL}\\s*[:：]?\\s*(?=[+(\\d])`, "iu");
const BARE_PHONE_RE = /^\+\d[\d\s().-]{6,}\d$/;

const ADDRESS_LABEL_RE = new RegExp(`^${ADDRESS_WORDS}\\s*[:：]\\s*\\S`, "iu");
/** "Affiliation: University of …", "作者单位：北京大学…", "جهة العمل: جامعة …". */
const AFFILIATION_LABEL_RE = new RegExp(`^${AFFILIATION_WORDS}\\s*[:：]\\s*\\S`, "iu");
/** The label of such a line, to read the institution after it. */
export const AFFILIATION_PREFIX_RE = new RegExp(`^${AFFILIATION_WORDS}\\s*[:：]\\s*`, "iu");
const PO_BOX_RE = /\bP\.?\s?O\.?\s+Box\s+\d/i;
const STREET_WORD_RE =
  /\b(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Boulevard|Blvd\.?|Square|Place|Drive|Terrace|Crescent|Parade|Quay|Embankment|Wharf|Straße|Strasse|Str\.|Platz|Allee|Gasse|Rue|Avenida|Calle|Via|Rua|Laan|Plein|Gracht|Prospekt|Pereulok|Ulitsa|Bldg\.?)(?![\p{L}])/iu;
const STREET_NUMBER_START_RE = /^\d{1,5}[A-Za-z]?(?:[-–]\d{1,5})?,?\s+\p{L}/u;
const STREET_NUMBER_END_RE = /\p{L}\s+\d{1,5}[A-Za-z]?(?:,|$)/u;
const POSTCODE_RE = new RegExp(
  [
    /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/.source, // UK
    /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/.source, // US state + ZIP
    /\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/.source, // Canada
    /\b\d{4}-\d{3}\b/.source, // Portugal
    /\b\d{2}-\d{3}\b/.source, // Poland
    /(?:^|,\s*|\b[A-Z]{1,2}-)\d{4,6}\s+\p{Lu}/u.source, // "10117 Berlin", "D-10117 Berlin"
    /\p{Lu}\p{L}+\s+\d{4,6}(?:,|$)/u.source, // "Wellington 6011", "Moscow 119017"
  ].join("|"),
  "u",
);

const COUNTRIES = [
  "Argentina", "Australia", "Austria", "Belgium", "Brazil", "Bulgaria", "Canada", "Chile", "China",
  "Colombia", "Croatia", "Cyprus", "Czech Republic", "Czechia", "Denmark", "Egypt", "England",
  "Estonia", "Ethiopia", "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Hungary",
  "Iceland", "India", "Indonesia", "Ireland", "Israel", "Italy", "Japan", "Jordan", "Kazakhstan", "Kenya",
  "Latvia", "Lebanon", "Lithuania", "Luxembourg", "Malaysia", "Mexico", "Moldova", "Morocco", "Netherlands",
  "New Zealand", "Nigeria", "Northern Ireland", "Norway", "Pakistan", "Peru", "Philippines", "Poland",
  "Portugal", "Qatar", "Romania", "Russia", "Russian Federation", "Saudi Arabia", "Scotland", "Senegal", "Serbia",
  "Singapore", "Slovakia", "Slovenia", "South Africa", "South Korea", "Republic of Korea", "Spain",
  "Sweden", "Switzerland", "Taiwan", "Thailand", "Tunisia", "Turkey", "Türkiye", "Ukraine",
  "United Arab Emirates", "United Kingdom", "United States", "United States of America", "UK", "U.K.",
  "USA", "U.S.A.", "US", "Uruguay", "Uzbekistan", "Vietnam", "Viet Nam", "Wales",
  // As the country writes itself, or as French, Spanish and German articles name it.
  "Deutschland", "Allemagne", "Alemania", "Frankreich", "Francia", "España", "Espagne", "Spanien",
  "Italia", "Italie", "Italien", "Schweiz", "Suisse", "Svizzera", "Österreich", "Autriche", "Belgique",
  "België", "Nederland", "Pays-Bas", "Polska", "Pologne", "Polen", "Brasil", "Brésil", "México",
  "Mexique", "Perú", "Sverige", "Россия", "Российская Федерация", "Royaume-Uni", "Reino Unido",
  "Vereinigtes Königreich", "États-Unis", "Estados Unidos", "Vereinigte Staaten", "Canadá",
];
const COUNTRY_ALT = COUNTRIES.map((c) => c.replace(/\./g, "\\.")).join("|");
const COUNTRY_END_RE = new RegExp(`(?:^|,\\s*)(?:${COUNTRY_ALT})\\.?$`);
const COUNTRY_ONLY_RE = new RegExp(`^(?:${COUNTRY_ALT})\\.?$`);
/** A place's name: capitalised words and the particles between them ("Rio de Janeiro", "Newcastle upon Tyne", "St. Gallen"). */
const PLACE_NAME = `\\p{Lu}[\\p{L}'’.\\-]*(?:\\s+(?:\\p{Lu}[\\p{L}'’.\\-]*|de|da|do|dos|das|del|della|di|du|la|le|les|upon|am|an|on|sur|en|im|al|el|y)){0,4}`;
/** The postal codes of the US states and territories and of Canada's provinces. */
const STATE_CODES =
  "A[KLRZS]|C[AOT]|D[CE]|FL|G[AU]|HI|I[ADLN]|K[SY]|LA|M[ADEINOPST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|V[AIT]|W[AIVY]|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT";
/** A town and its state or province, as US and Canadian addresses give them: "Cambridge, MA", "Ann Arbor, MI 48109". */
const US_PLACE_RE = new RegExp(`^${PLACE_NAME},\\s*(?:${STATE_CODES})(?:\\s+\\d{5}(?:-\\d{4})?)?$`, "u");
/** A place and nothing else: a city (and a state or region) then the country, "Lisbon, Portugal", "Cambridge, MA, USA". */
const PLACE_RE = new RegExp(`^${PLACE_NAME}(?:,\\s*${PLACE_NAME}){0,2},\\s*(?:${COUNTRY_ALT})\\.?$`, "u");

/** Between a note's sentences: a full stop after a word of two small letters or more ("Lisbon. Email:"; not "St. Andrews"). */
export const NOTE_SENTENCE_RE = /(?<=[\p{Ll}\p{N})]{2}\.)\s+(?=\p{Lu})/u;

/** The text without the full stop ending it after a word of two small letters or more ("…, Portugal." reads "…, Portugal"). */
export function withoutFullStop(text: string): string {
  return text.replace(/(?<=\p{Ll}{2})\.$/u, "");
}

/** An author's note a sentence at a time, each without the full stop after its last word ("Department …, Portugal" / "Email: …"). */
export function noteSentences(line: string): string[] {
  return line
    .split(NOTE_SENTENCE_RE)
    .map((s) => withoutFullStop(s.trim()))
    .filter((s) => s !== "");
}

/** Does the line end with a country after a comma, as an address does ("…, Edinburgh, UK")? */
export function endsWithCountry(line: string): boolean {
  return COUNTRY_END_RE.test(line.trim());
}

/** Words that name an institution or a unit of one, in the languages with spaces between words. */
const INSTITUTION_WORDS_RE =
  /(?<![\p{L}\p{N}])(?:Universit(?:y|ies|é|ät|à|eit|ad|ade|at|et|i|as|atea|etas)|Universidad(?:e|es)?|Üniversitesi|Univerzit[ay]|Univerza|Sveučilište|Yliopisto|Egyetem|Uniwersytet|Университет|Institute|Institut|Instituto|Istituto|Instytut|Институт|Stiftung|Fundación|Fundação|Fondation|Fondazione|Stichting|Fundacja|Фонд|Zentrum|Centro|Centrum|Центр|Departamento|Département|Dipartimento|Fachbereich|Lehrstuhl|Facultad|Faculté|Fakultät|Facoltà|Faculdade|Wydział|Факультет|Escuela|École|Ecole|Hochschule|Scuola|Escola|Ministerio|Ministère|Ministerium|Ministero|Ministério|Министерство|Akademie|Academia|Accademia|Akademia|Академия|Laboratoire|Laboratorio|Observatoire|Observatorio|Agence|Agencia|Consejo|Conseil|Bundestag|Assemblée|МГИМО|РАН|МГУ|СПбГУ|ВШЭ|НИУ|[Кк]афедр[аы]|факультет|институт|университет|Πανεπιστ[ήη]μιο|Πολυτεχνε[ίι]ο|Τμ[ήη]μα|Σχολ[ήη]|Ινστιτο[ύυ]το|[ΊΙ]δρυμα|Κ[έε]ντρο|Εργαστ[ήη]ριο|Ακαδημ[ίι]α|Υπουργε[ίι]ο|Institution|Department|Dept\.|Centre|Center|School|College|Faculty|Ministry|Foundation|Council|Laborator(?:y|ies)|Lab|Academy|Académie|Observatory|Commission|Hospital|Agency|Programme|Embassy|Parliament|Endowment|Forum|Society|Association|Club|Bank|Fund|Bureau|Chamber|Secretariat|Organi[sz]ation|Think[- ]tank|Graduate School|Polytechnic|Seminary|Conservatory|Library|Museum|Archive|Initiative|Network|Consortium|Alliance|Directorate|Division|Unit|Chair)(?![\p{L}\p{N}])/u;
/**
 * The same in Chinese, Japanese and Korean, whose words run together ("北京大学国际关系学院"), and
 * in Arabic, with or without its article ("جامعة القاهرة", "الجامعة الأمريكية").
 */
const INSTITUTION_OTHER_SCRIPTS =
  "(?:大学|大學|学院|學院|研究院|研究所|研究中心|科学院|科學院|研究科|大学院|학교|대학|연구원|연구소)|(?<![\\p{L}])(?:ال)?(?:جامعة|كلية|معهد|مركز|أكاديمية|وزارة|قسم)(?![\\p{L}])";
/** Words that name an institution or a unit of one. */
export const INSTITUTION_RE = new RegExp(`${INSTITUTION_WORDS_RE.source}|${INSTITUTION_OTHER_SCRIPTS}`, "u");

/**
 * A line that opens with the name of a unit or an institution and what it is of or for ("School of
 * Law, …", "Institute for …", "Centre d'études …", "Fakultät für …"): how an institution line starts.
 * The word alone is not enough: a name broken before its last word goes on with that word and a
 * comma ("Johns Hopkins" / "University, Baltimore").
 */
const INSTITUTION_OPENING_RE =
  /^(?:Department|Dept\.|School|Graduate School|Faculty|Institute|University|Centre|Center|College|Division|Laborator(?:y|ies)|Chair|Departamento|Département|Dipartimento|Facultad|Faculté|Fakultät|Facoltà|Faculdade|Fachbereich|Lehrstuhl|Institut|Instituto|Istituto|Université|Universität|Università|Universidad|Universidade|Centro|Zentrum|Escuela|École|Ecole|Scuola|Laboratoire|Laboratorio)\s+(?:(?:of|for|on|de|des|du|di|del|della|da|do|für|zur)(?![\p{L}])|d['’]|dell['’])/u;

/** Does the line open an institution ("Department of …", "School of …", "Institut für …")? */
export function opensInstitution(line: string): boolean {
  return INSTITUTION_OPENING_RE.test(line.trim());
}

const POSITION_MODIFIER =
  "(?:Opinion|Bureau|Foreign|Political|Diplomatic|Defen[cs]e|National|Economics|Business|Investigative|Freelance|Former|Retired|Interim|Senior|Junior|Associate|Assistant|Deputy|Vice|Visiting|Adjunct|Leading|Chief|Principal|Executive|Managing|Acting|Honorary|Distinguished|Postdoctoral|Post-doctoral|Non-?resident|Full|Lead|Academic|Programme|Program|Research|Founding|Co|Emeritus|Regius|Permanent|Special|Guest|Contributing|Staff|Doctoral|Graduate|PhD|Ph\\.D\\.|General|Scientific|Teaching|Project|Старший|Ведущий|Главный|Младший|Αναπληρ(?:ωτ[ήη]ς|[ώω]τρια)|Επ[ίι]κουρ(?:ος|η)|Ομ[όο]τιμ(?:ος|η))";
const POSITION_NOUN =
  "(?:Professor(?:in|a|e|essa)?s?|Professeure?s?|Profesor(?:a)?(?:es)?|Catedrático|Chercheu(?:r|se)|Enseignant(?:e)?-chercheu(?:r|se)|Investigador(?:a)?|Pesquisador(?:a)?|Ricercat(?:ore|rice)|Forscher(?:in)?|Directeur|Directrice|Directora|Direktor(?:in)?|Diretor(?:a)?|Direttore|Direttrice|Doctorant(?:e)?|Doktorand(?:in)?|Doutorand[oa]|Dottorand[oa]|Maître\\s+de\\s+conférences|Chargée?\\s+de\\s+recherche|Wissenschaftliche[rs]?\\s+Mitarbeiter(?:in)?|Politologue|Politólog[oa]|Politologe|Politologin|Profesor(?:a)?\\s+titular|Профессор|Доцент|(?:Научный\\s+)?Сотрудник|Заведующ(?:ий|ая)(?:\\s+кафедрой)?|Директор|Декан|Ректор|Аспирант(?:ка)?|Преподаватель|Научный\\s+руководитель|Эксперт|Καθηγ(?:ητ[ήη]ς|[ήη]τρια)|Λ[έε]κτορας|Ερευν(?:ητ[ήη]ς|[ήη]τρια)|Διευθ(?:υντ[ήη]ς|[ύυ]ντρια)|Lecturer|Reader|Fellow|Researcher|Scientist|Scholar|Associate|Director|Head|Chair|Chairman|Chairwoman|Chairperson|Dean|Rector|President|Editor(?:-in-Chief)?|Supervisor|Analyst|Economist|Advis[eo]r|Consultant|Coordinator|Manager|Partner|Student|Candidate|Member|Ambassador|Minister|Secretary|Correspondent|Columnist|Journalist|Writer|Founder|Officer|Instructor|Expert|Specialist|Counsel|Attorney|Judge|Envoy|Representative|Emerit(?:us|a)|Historian|Lawyer|Contributor|Reporter|Producer|Photographer|Commentator|Chief)";
/**
 * A position opens the line and is followed by nothing, punctuation or a
 * preposition ("Professor of Law", "Senior Fellow, …", "Program Director"),
 * so a name such as "Dean Acheson" is not a position.
 */
const POSITION_RE = new RegExp(
  `^(?:${POSITION_MODIFIER}[\\s-]+){0,3}${POSITION_NOUN}(?=$|\\s*[,;:–—(]|\\s+(?:of|at|in|for|and|to|on|with|&|de|des|du|à|au|en|del|da|do|na|no|em|für|an|am|der|di|della|w|в|по|och|vid|van|aan|bij)(?![\\p{L}]))`,
  "iu",
);

/** A leading affiliation or footnote marker: "1 Department of …", "¹Institute …", "* Professor of Law, …", Pandoc's "^1^ Department of …". */
/** A numbered affiliation's end: its town or country after a comma ("…, Paris, France"). */
const MARKED_PLACE_END_RE = /,\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}$/u;
const MAX_MARKED_AFFILIATION = 200;
const LEADING_MARKER_RE = /^(?:[0-9]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[*†‡§¶]|[a-h](?=\s|\p{Lu}\p{Ll})|\^(?:[0-9]{1,2}|[*†‡])\^)\s*(?=[\p{Lu}\p{Lo}])/u;

/** What may follow a correspondence label before its colon: "Corresponding author's e-mail address:". */
const CONTACT_TAIL = `(?:['’]s)?(?:\\s+(?:e-?mail|address|details|information|contact))*`;
const CORRESPONDENCE_RE = new RegExp(`^[*†‡]?\\s*${CORRESPONDENCE_WORDS}${CONTACT_TAIL}\\s*[:：.]\\s*\\S`, "iu");
const DOI_RE = /^(?:DOI\s*[:：]?\s*(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\/\S|(?:https?:\/\/)?(?:dx\.)?doi\.org\/10\.\d{4,9}\/\S)/i;
const HISTORY_RE = new RegExp(
  `^(?:${RECEIVED_WORDS}|${REVISED_WORDS}|${ACCEPTED_WORDS}|${HISTORY_LABEL_WORDS})(?![\\p{L}])\\s*(?:[:：]|\\s\\S)`,
  "iu",
);
/** A date as Japanese and Korean journals write it before its label: "2026年3月1日", "2026년 3월 1일", "2026/03/01". */
const DATE_BEFORE_LABEL = "(?:1[6-9]|2[01])\\d{2}\\s*(?:[年년]\\s*\\d{1,2}\\s*[月월](?:\\s*\\d{1,2}\\s*[日일])?|[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{1,2})";
/** A date with its history label after it ("2026年3月1日受付"): the date in group 1, its kind as a named group. */
export const DATE_THEN_LABEL = `(${DATE_BEFORE_LABEL})\\s*(?:(?<revised>${REVISED_AFTER_WORDS})|(?<received>${RECEIVED_AFTER_WORDS})|(?<accepted>${ACCEPTED_AFTER_WORDS})|(?<published>${PUBLISHED_AFTER_WORDS}))`;
/** A line of article history that opens with a date and its label after it, in brackets or not. */
export const HISTORY_AFTER_DATE_RE = new RegExp(`^[\\s（(]*${DATE_THEN_LABEL}`, "u");

/**
 * What ends a label before its text on the same line: a colon (full-width too), a full stop or a
 * dash, or nothing after a label in brackets ("【摘要】本文…", "[关键词] …").
 */
const LABEL_END = "(?:\\s*[:：.—–]|(?<=[】〕］\\]]))";
/** "Author Note" over a manuscript's note about its authors. */
const AUTHOR_NOTE_LABEL_RE = new RegExp(`^${AUTHOR_NOTE_WORDS}\\s*[:：.]?$`, "iu");
/**
 * A paragraph of a manuscript's author note (under "Author Note"): an ORCID iD, a disclosure, a
 * change of affiliation, thanks or funding, a registration or data statement, whom to write to.
 */
export const AUTHOR_NOTE_LINE_RE =
  /orcid|conflicts?\s+of\s+interests?|competing\s+interests?|disclos|correspondence|should\s+be\s+(?:addressed|sent)|\bnow\s+(?:at|with)\b|present\s+address|pre-?regist|\bdata\b.{0,40}\bavailable\b|\bthank|grateful|acknowledg|\bfund(?:ed|ing)\b|supported\s+by|\bgrants?\b|earlier\s+version|presented\s+at|[^\s@]@[^\s@]+\.\w/iu;
/** A memo's addressee line: "TO: Deputy Secretary for Policy", "CC: Office of the Legal Adviser". */
const MEMO_TO_RE = new RegExp(`^${MEMO_TO_WORDS}\\s*[:：]\\s*\\S`, "iu");
/** A memo's subject line, "SUBJECT: Options for the Black Sea Grain Corridor": its title (document-title.ts). */
export const MEMO_SUBJECT_RE = new RegExp(`^${MEMO_SUBJECT_WORDS}\\s*[:：]\\s*`, "iu");
/** "Running head: LIMITS OF HEDGING": the short title a manuscript's pages are headed with. */
export const RUNNING_HEAD_RE = new RegExp(`^${RUNNING_HEAD_WORDS}\\s*[:：]\\s*\\S`, "iu");
/** A keywords label and what ends it, or a page's topics label and its colon. */
const KEYWORDS_OPENING = `(?:${KEYWORDS_WORDS}(?:${LABEL_END}|\\s*-)|${TOPICS_WORDS}\\s*[:：])`;
const KEYWORDS_RE = new RegExp(`^${KEYWORDS_OPENING}\\s*\\S`, "iu");
const KEYWORDS_LABEL_RE = new RegExp(`^(?:${KEYWORDS_WORDS}\\s*[:：.]?|${TOPICS_WORDS}\\s*[:：])$`, "iu");
/** "Keywords: " at the start of a line, to read the keywords after it. */
export const KEYWORDS_PREFIX_RE = new RegExp(`^${KEYWORDS_OPENING}\\s*`, "iu");
const HISTORY_LABEL_RE = new RegExp(`^${HISTORY_LABEL_WORDS}\\s*[:：]?$`, "iu");
/** "Published", "Received:" alone, the date in the next element (a journal page's label and value). */
const DATE_LABEL_ONLY_RE = new RegExp(`^(?:${RECEIVED_WORDS}|${REVISED_WORDS}|${ACCEPTED_WORDS}|${PUBLISHED_WORDS})\\s*[:：]?$`, "iu");
/** "DOI:" alone, the DOI in the next element. */
const DOI_LABEL_ONLY_RE = /^DOI\s*[:：]?$/i;
/** "Authors" alone over the authors' names. */
const AUTHORS_LABEL_ONLY_RE = new RegExp(`^${AUTHORS_WORDS}\\s*[:：]?$`, "iu");
const ARTICLE_INFO_RE = /^Article\s*info(?:rmation)?\s*[:：]?$/i;
/** "© 2024 Informa UK Limited, …", "Copyright © 2025 The Authors": the publisher's line, front matter. */
const COPYRIGHT_RE = /^(?:©|\(c\)\s*\d{4}|Copyright\s+(?:©\s*)?\d{4})/i;
/** "This is an Open Access article distributed under …": the licence note, front matter. */
const LICENCE_RE =
  /^(?:This\s+(?:is\s+an\s+open[-\s]access\s+article|article\s+is\s+(?:an\s+open[-\s]access\s+article|licensed|distributed)|work\s+is\s+licensed)|Open\s+Access\s*[:：.]|Licen[cs]e\s*[:：])/i;
/** A web page's share buttons pasted with its text ("Share", "Tweet", "Email"), on one line or several. */
const SHARE_LINE_RE =
  /^(?:(?:share(?:\s+(?:this|on))?|tweet|email|e-mail|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|print|save|copy\s+link|link|bluesky|mastodon|threads|gift(?:\s+(?:this\s+)?article)?|comments?|listen(?:\s+to\s+(?:this\s+)?article)?)[\s|·•,/]*){1,12}$/i;
/** "Photo: Reuters/John Smith", "Image credit: …": a picture's caption or credit above the text. */
const CAPTION_RE = /^(?:Photo(?:graph)?|Image|Picture|Illustration|Credit|Foto|Фото)(?:\s+(?:credit|by))?\s*[:：]\s*\S/i;
/** A picture's caption ending on its credit: "The port of Singapore in 2025. Photo: Reuters", "… (Photo: AFP)", "… © Getty Images". */
const CREDIT_END_RE = /(?:[.!?)]\s+|\(\s*)(?:Photo(?:graph)?s?|Images?|Picture|Illustration|Credit|Foto|Фото)(?:\s+(?:credit|by))?\s*[:：]\s*[^.:()]{1,80}\)?$|\s©\s*[^.©]{1,80}$/iu;
/** Taylor & Francis's "CONTACT Jane Doe j.doe@… Department of …": the corresponding author, label in capitals. */
const CONTACT_CAPS_RE = /^CONTACT\s+\p{Lu}/u;
/** "Citation: …", "To cite this article: …": how to cite the paper, kept in front matter. */
/** A report prepared by an organisation ("Prepared by: Meridian Policy Associates"), not by people ("Prepared by: Jane Doe, … Institute"). */
const PREPARED_BY_ORG_RE =
  /^Prepared\s+by\s*[:：]\s*(?!\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}\s*,)\S.*(?<![\p{L}])(?:Associates|Consult(?:ing|ants|ancy)|Group|Partners(?:hip)?|LLP|LLC|Ltd\.?|Limited|Inc\.?|GmbH|S\.?A\.?|Institute|Foundation|Cent(?:er|re)|Office|Unit|Team|Secretariat|Division|Department|Agency|Ministry|Council|Commission|Network|Programme|Program|Services|Research)\s*$/iu;
/** Who else worked on the piece, not its authors: "Edited by: …", "Reviewed by …", "Translated by …", "Editor: …". */
const CONTRIBUTOR_RE =
  /^(?:(?:Edited|Reviewed|Peer[- ]reviewed|Translated|Illustrated|Designed|Copy-?edited|Fact-?checked|Photographs?|Photos?|Graphics|Maps?)\s+by|(?:Editors?|Reviewers?|Translators?|Translation|Copy\s*editor|Designer|Illustrations?)\s*[:：]|Traduit\s+(?:de\s+\S+\s+)?par|Traducido\s+por|Editado\s+por|Revisado\s+por|Übersetzt\s+von|Herausgegeben\s+von|Redigiert\s+von)\s*[:：]?\s*\S/iu;
/** Whom a report was written for: "Prepared for: …", "Commissioned by: …". */
const CLIENT_RE = /^(?:Prepared\s+for|Commissioned\s+by|Submitted\s+to|Produced\s+for|Funded\s+by|Client)\s*[:：]\s*\S/i;
const CITATION_RE = /^(?:Citation|Cite\s+(?:this|as)(?:\s+article)?|To\s+cite\s+this\s+(?:article|paper)|How\s+to\s+cite(?:\s+this\s+article)?)\s*[:：]\s*\S/i;
const DATE_LABELLED_RE = /^Dated?\s*[:：]\s*/i;
/** A working paper's draft label before its date: "Draft of", "This version:", "Preliminary draft —". */
const DRAFT_PREFIX_RE = /^(?:this\s+)?(?:(?:first|second|preliminary|revised|working|current)\s+)?(?:draft|version)(?:\s+(?:of|dated))?\s*[:：,—–-]?\s*(?=\S)/i;
/** A working paper's request after its date: "— please do not cite", "(comments welcome)", "Do not circulate without permission." */
const DRAFT_NOTE_RE =
  /[\s,;.(—–-]*(?:please\s+)?(?:do\s+not|don[’']t)\s+(?:cite|quote|circulate|distribute)(?:\s*(?:,|or|and|\/)\s*(?:cite|quote|circulate|distribute))*(?:\s+without\s+(?:the\s+)?(?:authors?[’']?s?\s+)?permission)?[.)]*$|[\s,;.(—–-]*comments?\s+(?:are\s+)?welcome[.!)]*$/i;
const CLASSIFICATION_RE =
  /^(?:JEL(?:\s+(?:classification|codes?))?|UDC|УДК|中图分类号|中圖分類號|文献标[识志]码|文獻標[識誌]碼|文章编号|文章編號|MSC(?:\s+\d{4})?|PACS|(?:\d{4}\s+)?Mathematics\s+Subject\s+Classification(?:\s+\(\d{4}\))?|ACM\s+(?:CCS|Computing\s+Classification(?:\s+System)?))\s*[:：.]?\s*[A-Z\d]/i;
const ABSTRACT_RE = new RegExp(`^${ABSTRACT_WORDS}${LABEL_END}\\s*\\S`, "iu");
const ABSTRACT_LABEL_RE = new RegExp(`^${ABSTRACT_LABEL_ONLY_WORDS}\\s*[:：.]?$`, "iu");
const ACK_RE = new RegExp(`^${ACK_WORDS}${LABEL_END}\\s*\\S`, "iu");
const ACK_LABEL_RE = new RegExp(`^${ACK_WORDS}\\s*[:：.]?$`, "iu");
const ABOUT_RE = new RegExp(`^(?:${ABOUT_WORDS}|${THE_AUTHOR_WORDS})${LABEL_END}\\s*\\S`, "iu");
const ABOUT_LABEL_RE = new RegExp(`^${ABOUT_WORDS}\\s*[:：.]?$`, "iu");
/** The label opening an abstract, acknowledgement or bio paragraph ("Abstract: …", "Remerciements : …"). */
export const PROSE_LABEL_RE = new RegExp(`^[*†‡]?\\s*(?:${ABSTRACT_WORDS}|${ACK_WORDS}|${ABOUT_WORDS}|${THE_AUTHOR_WORDS})${LABEL_END}\\s*`, "iu");
/**
 * Funding and acknowledgement sentences: "This article was prepared within
 * the framework of …", "The research was supported by …", "The authors
 * thank …". Only read in the front matter, never in the body.
 */
const FUNDING_RE = new RegExp(
  [
    /^(?:This|The)\s+(?:article|paper|study|research|work|publication|essay|report|chapter|project)\s+(?:was|has\s+been|is)\s+(?:\w+\s+)?(?:prepared|written|supported|funded|financed|carried\s+out|conducted|produced|made\s+possible|completed|undertaken|sponsored)\b/.source,
    /^(?:The\s+)?(?:research|study|work)\s+(?:was|is|has\s+been)\s+(?:\w+\s+)?(?:supported|funded|financed|sponsored)\b/.source,
    /^(?:The\s+)?authors?\s+(?:would\s+like\s+to\s+|wish(?:es)?\s+to\s+|(?:is|are)\s+(?:grateful|indebted)|gratefully\s+)?(?:thanks?|acknowledges?|grateful)\b/.source,
    /^(?:We|I)\s+(?:thank|are\s+grateful|am\s+grateful|gratefully\s+acknowledge|would\s+like\s+to\s+thank)\b/.source,
    /^(?:Funded|Supported|Financed|Sponsored)\s+by\b/.source,
    /\bwithin\s+the\s+framework\s+of\b.*\b(?:program(?:me)?|project|grant)\b/.source,
  ].join("|"),
  "i",
);
/** "The views expressed are the author's own": kept in front matter, not argument. */
const DISCLAIMER_RE = /^(?:The\s+)?(?:views|opinions)\s+expressed\s+(?:in\s+this\s+\w+\s+)?(?:are|here)/i;

/** "一、", "二．", "1．": how Chinese and Japanese articles number their sections. */
const CJK_SECTION_NUMBER = "(?:[一二三四五六七八九十]{1,3}|\\d{1,2})\\s*[、．]\\s*";
/** Section names that open the body. */
const SECTION_NAMES_RE = new RegExp(`^(?:(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?|[IVX]{1,5}\\.)\\s+|${CJK_SECTION_NUMBER})?${BODY_SECTION_WORDS}$`, "iu");
/** "1 Introduction", "2.1. Data", "IV. THE COURT": numbered section headings. */
const NUMBERED_HEADING_RE = new RegExp(`^(?:(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?|[IVX]{1,5}\\.)\\s+|${CJK_SECTION_NUMBER})[\\p{Lu}\\p{Lo}]`, "u");

const SENTENCE_END_RE = /[.!?…]["'”’»)\]]*$/u;

const label = (role: LineRole, extra: Partial<MetaLineClass> = {}): MetaLineClass => ({
  role,
  strong: true,
  labelled: true,
  prose: false,
  labelOnly: false,
  ...extra,
});
const shape = (role: LineRole, strong: boolean): MetaLineClass => ({
  role,
  strong,
  labelled: false,
  prose: false,
  labelOnly: false,
});

export function wordCount(text: string): number {
  const t = text.trim();
  return t === "" ? 0 : t.split(/\s+/).length;
}

/** Does the line read like a sentence of prose (several words and a full stop)? */
export function isSentenceLike(line: string): boolean {
  const t = line.trim();
  if (!SENTENCE_END_RE.test(t) || wordCount(t) < 6) return false;
  const last = t.split(/\s+/).pop() ?? "";
  // "…, M.Sc." or "… J." end in a dot without ending a sentence.
  return !(isDegreeToken(last) || /^\p{Lu}\.$/u.test(last));
}

/** A line of running prose: a sentence, or a long line with lower-case words (a wrapped sentence). */
export function isProseLine(line: string): boolean {
  const t = line.trim();
  if (isSentenceLike(t)) return true;
  const lowerWords = t.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w)).length;
  return wordCount(t) >= 9 && lowerWords * 2 >= wordCount(t);
}

/**
 * What kind of document it is, on a line of its own ("Final Report", "Policy Brief", "Discussion
 * Paper No. 12"): a report's cover line, read with the dateline.
 */
const DOCUMENT_TYPE_RE =
  /^(?:(?:Final|Interim|Draft|Annual|Technical|Research|Policy|Issue|Special|Country|Background|Briefing|Discussion|Occasional|Working|Consultation|White|Green|Synthesis|Evaluation|Progress|Staff|Conference|Analytical)\s+)?(?:Report|Brief|Paper|Note|Memo|Memorandum|Study|Assessment|Commentary)(?:\s+(?:No\.?|Number|Series)\s*[\w./-]{1,12})?$/i;

/** A report's kind or series on a line of its own ("Policy Brief", "WORKING PAPER NO. 23-4"): a cover line. */
export function isDocumentTypeLine(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && DOCUMENT_TYPE_RE.test(t);
}

export function isDateline(line: string): boolean {
  const t = line.trim();
  // "Draft of 2 February 2026 — please do not cite", "Preliminary version: May 2025. Comments welcome.": a working paper's date.
  const bare = t.replace(DRAFT_NOTE_RE, "").replace(DRAFT_PREFIX_RE, "").trim().replace(/(?<=\d)\.$/u, "");
  if (bare !== t && bare !== "") return isDateline(bare);
  if (t.length > 120 || wordCount(t) > 16 || isSentenceLike(t)) return false;
  if (ISSUE_RE.test(t) || CJK_ISSUE_RE.test(t)) return true;
  if (t.length <= 60 && DOCUMENT_TYPE_RE.test(t)) return true;
  if (PUBLISHED_RE.test(t) && YEAR_RE.test(t)) return true;
  if (wordCount(t) > 8) return false;
  return (
    MONTH_YEAR_RE.test(t) ||
    DAY_MONTH_YEAR_RE.test(t) ||
    SEASON_YEAR_RE.test(t) ||
    ISO_DATE_RE.test(t) ||
    NUMERIC_DATE_RE.test(t) ||
    CJK_DATE_RE.test(t)
  );
}

/** Letter-spaced labels ("A B S T R A C T", "A R T I C L E   I N F O") read as words. */
function unspaced(line: string): string {
  if (!/^\p{Lu}(?: {1,3}\p{Lu}){3,}$/u.test(line)) return line;
  // Words are set apart by wider gaps; where those are lost (a PDF's text layer) the letters run together.
  return line.split(/ {2,}/).map((word) => word.replace(/ /g, "")).join(" ");
}

const PUBLISHED_LINE_RE = new RegExp(`^(?:${PUBLISHED_WORDS}|Online)(?![\\p{L}])`, "iu");
/** "Published: 1 May 2024" right after "Received: …" belongs to the article history. */
function isPublishedLine(line: string): boolean {
  return PUBLISHED_LINE_RE.test(line) && YEAR_RE.test(line);
}

function isAddress(line: string): { strong: boolean } | null {
  if (ADDRESS_LABEL_RE.test(line) || PO_BOX_RE.test(line)) return { strong: true };
  const hasStreet =
    STREET_WORD_RE.test(line) && (STREET_NUMBER_START_RE.test(line) || STREET_NUMBER_END_RE.test(line));
  if (hasStreet || POSTCODE_RE.test(line)) return { strong: true };
  if (COUNTRY_ONLY_RE.test(line) || PLACE_RE.test(line)) return { strong: false };
  if (COUNTRY_END_RE.test(line) && (STREET_WORD_RE.test(line) || /\d/.test(line))) return { strong: true };
  return null;
}

/** "Program Director", "Senior Fellow, Centre for …", "Professor of Law". */
export function isPositionLine(line: string): boolean {
  const t = line.trim();
  return wordCount(t) <= 24 && POSITION_RE.test(t);
}

function isInstitutionLine(line: string): boolean {
  return INSTITUTION_RE.test(line) && wordCount(line) <= 24;
}

const ABSTRACT_WORD_RE = new RegExp(`^${ABSTRACT_WORDS}$`, "iu");
const KEYWORDS_WORD_RE = new RegExp(`^${KEYWORDS_WORDS}$`, "iu");
const ACK_WORD_RE = new RegExp(`^${ACK_WORDS}$`, "iu");

/**
 * A label set in capitals with no colon, as publishers print it beside the
 * text ("ABSTRACT Southeast Asian states …", "KEYWORDS Hedging; alignment"):
 * the role and the label's length, or null.
 */
export function capsLabel(line: string): { role: "abstract" | "keywords" | "acknowledgement"; length: number } | null {
  const opening = line.slice(0, 48);
  if (!/^\p{Lu}{3}/u.test(opening)) return null;
  for (const space of opening.matchAll(/\s+/g)) {
    const label = opening.slice(0, space.index);
    if (/\p{Ll}/u.test(label)) return null;
    const next = opening[space.index + space[0].length] ?? "";
    const length = space.index + space[0].length;
    // Keywords are often set in lower case ("KEYWORDS hedging; alignment"); a summary starts a sentence.
    if (KEYWORDS_WORD_RE.test(label) && /[\p{L}\p{N}"“«(]/u.test(next)) return { role: "keywords", length };
    if (!/[\p{Lu}\p{N}"“«(]/u.test(next)) continue;
    if (ABSTRACT_WORD_RE.test(label)) return { role: "abstract", length };
    if (ACK_WORD_RE.test(label)) return { role: "acknowledgement", length };
  }
  return null;
}

const RUN_IN_LABEL_RE = new RegExp(`^(?:(?<abstract>${ABSTRACT_WORDS})|(?<keywords>${KEYWORDS_WORDS})|(?<acknowledgement>${ACK_WORDS}))[ \\t\u00a0]+(?=[\\p{L}\\p{N}"“«(])`, "u");

/**
 * A label run into its text with no colon, as a bold word before the sentence ("**Abstract** We
 * study …", "**Keywords** hedging; alignment"): the role and the label's length with the space
 * after it, or null. Shape alone does not make a label ("Abstract Expressionism …"): callers
 * use it where the markup or the line's known role already says so.
 */
export function runInLabel(line: string): { role: "abstract" | "keywords" | "acknowledgement"; length: number } | null {
  const m = RUN_IN_LABEL_RE.exec(line);
  if (!m?.groups) return null;
  const role = m.groups.abstract !== undefined ? "abstract" : m.groups.keywords !== undefined ? "keywords" : "acknowledgement";
  // Keywords may start in lower case; a summary or thanks starts a sentence.
  if (role !== "keywords" && /\p{Ll}/u.test(line[m[0].length] ?? "")) return null;
  return { role, length: m[0].length };
}

/** Labelled lines: identifiers, contacts, history, keywords, abstract, funding, "about the author". */
function classifyLabelled(t: string, previous: MetaRole | "subtitle" | undefined): MetaLineClass | null {
  if (CORRESPONDENCE_RE.test(t) || CONTACT_CAPS_RE.test(t)) return label("correspondence");
  if (IDENTIFIER_LINE_RE.test(t) || ORCID_URL_RE.test(t)) return label("identifier");
  if (ORCID_LABEL_ONLY_RE.test(t)) return label("identifier", { labelOnly: true });
  if (PREPRINT_STAMP_RE.test(t)) return label("other");
  if (EMAIL_LABEL_RE.test(t) || BARE_EMAIL_RE.test(t)) return label("email");
  if (t.length <= MAX_EMAIL_LIST_CHARS && EMAIL_LIST_RE.test(t)) return label("email");
  if (PHONE_LABEL_RE.test(t) && (t.match(/\d/g)?.length ?? 0) >= 6 && t.length <= 80) return label("phone");
  if (BARE_PHONE_RE.test(t)) return label("phone");
  if (ADDRESS_LABEL_RE.test(t)) return label("address");
  if (AFFILIATION_LABEL_RE.test(t)) return label("affiliation");
  if (DOI_RE.test(t)) return label("doi");
  if (DOI_LABEL_ONLY_RE.test(t)) return label("doi", { labelOnly: true });
  if (AUTHORS_LABEL_ONLY_RE.test(t)) return label("other");
  if (HISTORY_RE.test(t) && YEAR_RE.test(t)) return label("dates");
  if (HISTORY_AFTER_DATE_RE.test(t)) return label("dates");
  if (previous === "dates" && isPublishedLine(t)) return label("dates");
  if (KEYWORDS_RE.test(t)) return label("keywords", { prose: /[;,]$/.test(t) });
  if (KEYWORDS_LABEL_RE.test(t)) return label("keywords", { labelOnly: true });
  if (HISTORY_LABEL_RE.test(t) || DATE_LABEL_ONLY_RE.test(t)) return label("dates", { labelOnly: true });
  // "Date: 14 February 2025." (LaTeX's \date as amsart prints it): the article's date line.
  if (DATE_LABELLED_RE.test(t) && isDateline(t.replace(DATE_LABELLED_RE, ""))) return label("dateline");
  if (ARTICLE_INFO_RE.test(t)) return label("other");
  if (CLASSIFICATION_RE.test(t) && t.length <= 200) return label("other");
  if (CITATION_RE.test(t)) return label("other", { prose: true });
  if ((CLIENT_RE.test(t) || PREPARED_BY_ORG_RE.test(t) || CONTRIBUTOR_RE.test(t)) && t.length <= 200) return label("other");
  if (COPYRIGHT_RE.test(t)) return label("other");
  if (t.length <= 120 && SHARE_LINE_RE.test(t)) return label("other");
  if ((CAPTION_RE.test(t) || CREDIT_END_RE.test(t)) && t.length <= 300) return label("other");
  const caps = capsLabel(t);
  if (caps) return label(caps.role, { prose: caps.role !== "keywords" });
  if (LICENCE_RE.test(t)) return label("other", { prose: true });
  if (ABSTRACT_LABEL_RE.test(t)) return label("abstract", { labelOnly: true });
  if (ABSTRACT_RE.test(t)) return label("abstract", { prose: true });
  if (ACK_LABEL_RE.test(t)) return label("acknowledgement", { labelOnly: true });
  if (ACK_RE.test(t)) return label("acknowledgement", { prose: true });
  if (ABOUT_LABEL_RE.test(t)) return label("bio", { labelOnly: true });
  if (AUTHOR_NOTE_LABEL_RE.test(t)) return label("footnote", { labelOnly: true });
  if (RUNNING_HEAD_RE.test(t) && t.length <= 200) return label("other");
  if ((MEMO_TO_RE.test(t) || (MEMO_SUBJECT_RE.test(t) && /\S/.test(t.replace(MEMO_SUBJECT_RE, "")))) && t.length <= 300) return label("other");
  if (ABOUT_RE.test(t)) return label("bio", { prose: true });
  return null;
}

/**
 * Classify a front-matter line other than an author name. Returns null for
 * lines that are none of these (a name, a subtitle, body prose). `previous`
 * is the role of the line before, for lines whose meaning depends on it.
 */
export function classifyMetaLine(line: string, previous?: MetaRole | "subtitle"): MetaLineClass | null {
  // "تاريخ الاستلام: ١٥ مارس ٢٠٢٦", "١ جامعة القاهرة": other scripts' digits are digits.
  const t = unspaced(asciiDigits(line.trim()));
  if (t === "") return null;
  // Labels and phrases sit at the start: reading a bounded opening keeps every regex linear in the input.
  const opening = t.slice(0, OPENING_LENGTH);
  const labelled = classifyLabelled(opening, previous);
  if (labelled) return labelled;
  const funding = FUNDING_RE.test(opening);
  if (funding || DISCLAIMER_RE.test(opening)) {
    return { role: funding ? "acknowledgement" : "other", strong: true, labelled: false, prose: true, labelOnly: false };
  }
  if (t.length > MAX_SHAPE_LINE) return null;
  const marker = LEADING_MARKER_RE.exec(t);
  const streetAddress = STREET_WORD_RE.test(t) && STREET_NUMBER_START_RE.test(t);
  if (marker && !streetAddress) {
    const rest = t.slice(marker[0].length);
    // "* Professor of Law, … I thank …": a starred note about the author.
    if (/^[*†‡]/.test(t) && isSentenceLike(rest)) return { role: "bio", strong: true, labelled: true, prose: true, labelOnly: false };
    if (!isSentenceLike(rest) && (isInstitutionLine(rest) || isPositionLine(rest))) {
      return { role: "affiliation", strong: true, labelled: true, prose: false, labelOnly: false };
    }
    // "² Sciences Po, Paris, France" under "¹ Institut …": the next numbered affiliation, though its name says no "institute".
    if (previous === "affiliation" && !isSentenceLike(rest) && MARKED_PLACE_END_RE.test(rest) && rest.length <= MAX_MARKED_AFFILIATION && !isSectionHeading(t)) {
      return { role: "affiliation", strong: true, labelled: true, prose: false, labelOnly: false };
    }
  }
  // "First version: 3 January 2026. Do not circulate.": a draft's date line, though it ends like a sentence.
  if (DRAFT_PREFIX_RE.test(t) && isDateline(t)) return shape("dateline", true);
  if (isSentenceLike(t)) return null;
  if (isDateline(t)) return shape("dateline", true);
  if (isDegreesLine(t) || isDegreePhrase(t)) return shape("degrees", true);
  if (isPositionLine(t)) return shape("position", false);
  const address = isAddress(t);
  // "Department of Economics, University of Leeds, Leeds LS2 9JT, United Kingdom": an institution
  // with its postal address is an affiliation, made distinctive by the address.
  if (address && isInstitutionLine(t)) return shape("affiliation", address.strong);
  if (address) return shape("address", address.strong);
  if (isInstitutionLine(t)) return shape("affiliation", false);
  // "Cambridge, MA" under "Harvard University": the institution's town and state. Only there, since
  // "Jane Doe, MA" is a name with a degree; a name that confirms itself is still read first.
  if ((previous === "affiliation" || previous === "address") && US_PLACE_RE.test(t)) return shape("address", false);
  return null;
}

/** Is the line a section heading that opens the body ("Introduction", "1 Background", "II. THE CASE")? */
export function isSectionHeading(line: string): boolean {
  const t = line.trim();
  if (SECTION_NAMES_RE.test(t)) return true;
  return NUMBERED_HEADING_RE.test(t) && wordCount(t) <= 12 && !SENTENCE_END_RE.test(t);
}

/**
 * Could this line be a subtitle? One line of 3-30 words, not a sentence, not
 * a section name like "Introduction" (that opens the body and must stay a heading).
 */
export function isSubtitleCandidate(line: string): boolean {
  const t = line.trim();
  // One- and two-word lines ("Background", "Strategic context") are far more often section headings.
  if (t.length > 200 || wordCount(t) < 3 || wordCount(t) > 30) return false;
  if (!/\p{L}/u.test(t) || /^\p{Ll}/u.test(t)) return false;
  // Questions and exclamations make fine subtitles; a full stop means prose, a note's reference
  // after it ("… the escape clause.[2]", "….²") included.
  if (/[.,;:…]["'”’»)\]]*(?:\[\^?[\w-]{1,20}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,6}|\d{1,3})?$/u.test(t)) return false;
  return !isSectionHeading(t);
}

export { EMAIL_IN_TEXT_RE };
