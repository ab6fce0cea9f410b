import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { similarSurnames, parseNameLine } from "./names.ts";
import { parsePlainText } from "./plain-text.ts";
import { parseMarkdown } from "./markdown.ts";

const roles = (text: string) => parsePlainText(text).blocks.map((b) => b.role ?? b.kind);

describe("Greek front matter", () => {
  it("reads Greek labels, capitals without accents too, and gives an address to the author it names", () => {
    const doc = parsePlainText(
      [
        "Η Ελλάδα και η Ανατολική Μεσόγειος",
        "",
        "Νίκος Αλεξίου και Μαρία Δημητρίου",
        "Τμήμα Διεθνών Σπουδών, Πανεπιστήμιο Μακεδονίας",
        "Ηλ. ταχυδρομείο: nalexiou@uom.example.gr",
        "",
        "ΠΕΡΙΛΗΨΗ: Το άρθρο εξετάζει την περιφερειακή συνεργασία.",
        "",
        "ΛΕΞΕΙΣ ΚΛΕΙΔΙΑ: ενέργεια, ασφάλεια",
        "",
        "Εισαγωγή",
        "",
        "Το πρώτο κείμενο του άρθρου.",
      ].join("\n"),
    );
    expect(doc.metadata.authors.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Νίκος Αλεξίου", ["Τμήμα Διεθνών Σπουδών, Πανεπιστήμιο Μακεδονίας"], "nalexiou@uom.example.gr"],
      ["Μαρία Δημητρίου", ["Τμήμα Διεθνών Σπουδών, Πανεπιστήμιο Μακεδονίας"], undefined],
    ]);
    expect(doc.metadata.abstract).toBe("Το άρθρο εξετάζει την περιφερειακή συνεργασία.");
    expect(doc.metadata.keywords).toEqual(["ενέργεια", "ασφάλεια"]);
  });

  it("reads Greek positions in either gender and an article history set apart by a middle dot", () => {
    const doc = parsePlainText(
      [
        "Η τοπική αυτοδιοίκηση",
        "",
        "Μαρία Νικολάου",
        "Ερευνήτρια, Ινστιτούτο Δημόσιας Πολιτικής, Αθήνα",
        "",
        "Παραλαβή: 12 Μαρτίου 2024 · Αποδοχή: 3 Ιουνίου 2024",
        "",
        "Εισαγωγή",
        "",
        "Το πρώτο κείμενο του άρθρου.",
      ].join("\n"),
    );
    expect(doc.metadata.authors.map((a) => [a.positions, a.affiliations])).toEqual([[["Ερευνήτρια"], ["Ινστιτούτο Δημόσιας Πολιτικής, Αθήνα"]]]);
    expect(doc.metadata.dates).toEqual({ received: "12 Μαρτίου 2024", accepted: "3 Ιουνίου 2024" });
  });
});

describe("names", () => {
  it("matches surnames across transliterations, and only those", () => {
    const alike: [string, string][] = [["Kanaev", "Kanayev"], ["Zaitsev", "Zaytsev"], ["Tretyakov", "Tretiakov"], ["Shcherbakova", "Scherbakova"], ["Okonkwo-Bianchi", "Okonkvo-Bianchi"], ["Müller", "Muller"]];
    for (const [a, b] of alike) {
      expect(similarSurnames(a, b), `${a} ~ ${b}`).toBe(true);
    }
    const different: [string, string][] = [["Kanaev", "Ivanov"], ["Lee", "Li"], ["Smith", "Schmidt"], ["Petrov", "Popov"]];
    for (const [a, b] of different) {
      expect(similarSurnames(a, b), `${a} !~ ${b}`).toBe(false);
    }
  });

  it("reads bylines with affiliation markers and keeps positions out of names", () => {
    expect(parseNameLine("Anna Nowak 1, Tomasz Brenner 2,* and Lucía Ferreira 1")?.names).toEqual([
      { name: "Anna Nowak", degrees: [], markers: ["1"] },
      { name: "Tomasz Brenner", degrees: [], markers: ["2", "*"] },
      { name: "Lucía Ferreira", degrees: [], markers: ["1"] },
    ]);
    expect(parseNameLine("Ingrid Solheim¹², Li Wen a,*")?.names.map((n) => n.markers)).toEqual([["1", "2"], ["a", "*"]]);
    expect(parseNameLine("Dr Aisha Rahman, Head of Research, Hartwell Institute")?.names).toEqual([
      { name: "Aisha Rahman", degrees: [], markers: [], details: "Head of Research, Hartwell Institute" },
    ]);
    expect(parseNameLine("Martin L. Okoye Jr. and Hannah Brandt-Ruiz")).toMatchObject({
      selfEvident: true,
      names: [{ name: "Martin L. Okoye Jr." }, { name: "Hannah Brandt-Ruiz" }],
    });
    expect(parseNameLine("Amira Haddad, PhD candidate, Department of War Studies")?.names[0]?.details).toBe("PhD candidate, Department of War Studies");
    for (const line of ["Program Director", "Hartwell Institute", "Strategy 2030", "Published 12 January 2026", "Russia and China"]) {
      expect(parseNameLine(line), line).toBeNull();
    }
  });

  it("reads a labelled one-line byline with each author's affiliation in brackets", () => {
    expect(parseNameLine("Authors: Leila Haddad (Centre for Maritime Strategy, Valletta) and Tomás Ruiz (Institute of Law and Policy)")).toEqual({
      selfEvident: true,
      names: [
        { name: "Leila Haddad", degrees: [], markers: [], details: "Centre for Maritime Strategy, Valletta" },
        { name: "Tomás Ruiz", degrees: [], markers: [], details: "Institute of Law and Policy" },
      ],
    });
    expect(parseNameLine("Written by: Ana Silva (CSIS), Tom Becker (RAND) & Mei Chen")?.names.map((n) => [n.name, n.details])).toEqual([
      ["Ana Silva", "CSIS"],
      ["Tom Becker", "RAND"],
      ["Mei Chen", undefined],
    ]);
    expect(parseNameLine("Author: Jane Doe")?.names.map((n) => n.name)).toEqual(["Jane Doe"]);
    // A label that is not a byline, brackets that are not an affiliation, or a name left unread.
    for (const line of ["Keywords: hedging, alignment", "The Treaty (1990) and After", "Authors: see the end of this paper", "Jane Doe (Hartwell Institute) (Second)"]) {
      expect(parseNameLine(line), line).toBeNull();
    }
  });

  it("keeps an institution's own 'and' in the details instead of reading a second person there", () => {
    expect(parseNameLine("Jane Doe, Department of Politics and International Relations, University of Leeds")?.names).toEqual([
      { name: "Jane Doe", degrees: [], markers: [], details: "Department of Politics and International Relations, University of Leeds" },
    ]);
    expect(parseNameLine("Katrin Vogel, Stiftung Wissenschaft und Politik, Berlin")?.names.map((n) => [n.name, n.details])).toEqual([
      ["Katrin Vogel", "Stiftung Wissenschaft und Politik, Berlin"],
    ]);
    // A semicolon still starts the next person.
    expect(parseNameLine("Jane Doe, Centre for Science and Security; John Roe, Hartwell Institute")?.names.map((n) => [n.name, n.details])).toEqual([
      ["Jane Doe", "Centre for Science and Security"],
      ["John Roe", "Hartwell Institute"],
    ]);
  });

  it("reads bylines in other languages, and 'y'/'e'/'i' as 'and' only between whole names", () => {
    const names = (line: string) => parseNameLine(line)?.names.map((n) => n.name);
    expect(names("Auteurs : Claire Dubois et Marc Lefèvre")).toEqual(["Claire Dubois", "Marc Lefèvre"]);
    expect(names("Von Katrin Vogel und Jonas Hartmann")).toEqual(["Katrin Vogel", "Jonas Hartmann"]);
    expect(names("Autores: Lucía Fernández Ortega y Tomás Ribeiro")).toEqual(["Lucía Fernández Ortega", "Tomás Ribeiro"]);
    expect(names("Por José Ortega y Gasset")).toEqual(["José Ortega y Gasset"]);
    expect(names("Ana Beatriz Costa e Silva e Rafael Mendes")).toEqual(["Ana Beatriz Costa e Silva", "Rafael Mendes"]);
    expect(names("Autorzy: Anna Nowak i Piotr Zieliński")).toEqual(["Anna Nowak", "Piotr Zieliński"]);
    expect(names("Авторы: Иван Петрович Соколов и Мария Андреевна Ким")).toEqual(["Иван Петрович Соколов", "Мария Андреевна Ким"]);
    expect(parseNameLine("Иван Соколов, доктор политических наук, профессор, МГИМО МИД России")?.names).toEqual([
      { name: "Иван Соколов", degrees: ["доктор политических наук"], markers: [], details: "профессор, МГИМО МИД России" },
    ]);
    expect(parseNameLine("Claire Dubois, professeure à l'Université de Strasbourg")?.names[0]?.details).toBe("professeure à l'Université de Strasbourg");
    // Capitals, middle dots, bars with a date, "et al.".
    expect(names("JOHN A. SMITH AND MARÍA GONZÁLEZ-RUIZ")).toEqual(["JOHN A. SMITH", "MARÍA GONZÁLEZ-RUIZ"]);
    expect(names("Anna Kowalska · Peter Lindqvist · Omar Haddad")).toEqual(["Anna Kowalska", "Peter Lindqvist", "Omar Haddad"]);
    expect(parseNameLine("by Jane Doe | March 3, 2024")).toEqual({
      names: [{ name: "Jane Doe", degrees: [], markers: [] }],
      selfEvident: true,
      dateline: "March 3, 2024",
    });
    expect(names("Jane Doe et al.")).toEqual(["Jane Doe"]);
    // A blog's byline with its date after "on" or a comma.
    for (const line of ["Posted by Jane Doe on 3 March 2024", "By Jane Doe, 3 March 2024", "By Jane Doe on 3 March 2024."]) {
      expect(parseNameLine(line), line).toMatchObject({ names: [{ name: "Jane Doe" }], dateline: "3 March 2024" });
    }
    // A web page's contributor line: the identifier or address at the end is the person's, not the affiliation's.
    expect(parseNameLine("Ingrid Solberg, University of Oslo, https://orcid.org/0000-0003-1872-4050")?.names).toEqual([
      { name: "Ingrid Solberg", degrees: [], markers: [], details: "University of Oslo", contacts: ["https://orcid.org/0000-0003-1872-4050"] },
    ]);
    expect(parseNameLine("Ana Ruiz · Universidad de Chile · https://orcid.org/0000-0001-8853-301X")?.names).toEqual([
      { name: "Ana Ruiz", degrees: [], markers: [], details: "Universidad de Chile", contacts: ["https://orcid.org/0000-0001-8853-301X"] },
    ]);
    expect(parseNameLine("Ana Ruiz, ORCID: 0000-0002-0447-6917; Li Wen, Tsinghua University, li.wen@tsinghua.example.cn")?.names.map((n) => n.contacts)).toEqual([
      ["ORCID: 0000-0002-0447-6917"],
      ["li.wen@tsinghua.example.cn"],
    ]);
    // iDs written beside each name in a list of names: each is the person's written last before it.
    for (const line of [
      "Mara Ellison1 https://orcid.org/0000-0002-1825-0097, Jonas Hartmann2 https://orcid.org/0000-0001-5109-3700",
      "Mara Ellison¹ (ORCID: 0000-0002-1825-0097) and Jonas Hartmann² (ORCID iD: 0000-0001-5109-3700)",
      "Mara Ellison 1 [0000-0002-1825-0097], Jonas Hartmann 2 [0000-0001-5109-3700]",
    ]) {
      const parsed = parseNameLine(line);
      // The contact as written, or labelled when it was a bare iD.
      expect(parsed?.names.map((n) => [n.name, n.contacts?.map((c) => /^ORCID(?: iD)?: (\S+)$/.exec(c)?.[1])]), line).toEqual([
        ["Mara Ellison", ["0000-0002-1825-0097"]],
        ["Jonas Hartmann", ["0000-0001-5109-3700"]],
      ]);
      expect(parsed?.names.map((n) => n.markers), line).toEqual([["1"], ["2"]]);
    }
    expect(parseNameLine("Mara Ellison, Jonas Hartmann https://orcid.org/0000-0001-5109-3700, Li Wen")?.names.map((n) => n.contacts)).toEqual([undefined, ["ORCID: 0000-0001-5109-3700"], undefined]);
    // An iD before any name, or a line of iDs only, is not a by-line.
    expect(parseNameLine("0000-0002-1825-0097, Mara Ellison")).toBeNull();
    expect(parseNameLine("ORCID: 0000-0002-1825-0097")).toBeNull();
    // Prose that opens with the same words is not a byline.
    for (const line of ["Par ailleurs, la France hésite", "Von der Leyen announced a new package", "Por otro lado"]) {
      expect(parseNameLine(line), line).toBeNull();
    }
  });
});

describe("bylines with a date beside them", () => {
  it("takes the author and the date from one line, and the author's bio after it", () => {
    const doc = parsePlainText(
      "Why Middle Powers Hedge\n\nby Jane Doe | March 3, 2024\n\nJane Doe is a senior fellow at the Hartwell Institute.\n\nMiddle powers rarely choose sides cleanly. They hedge, spreading their bets across rival great powers.",
    );
    expect(doc.metadata).toMatchObject({ authors: [{ name: "Jane Doe", bio: "Jane Doe is a senior fellow at the Hartwell Institute." }], dateline: "March 3, 2024" });
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "bio", "paragraph"]);
  });
});

describe("a web page pasted as text", () => {
  it("keeps share buttons and a photo credit in the front matter, so the author's bio after them is still read", () => {
    const doc = parsePlainText(
      "Why Middle Powers Hedge\n\nBy Jane Doe\nMarch 3, 2024\n\nShare\nTweet\nEmail\n\nPhoto: Reuters/John Smith\n\nJane Doe is a senior fellow at the Hartwell Institute.\n\nMiddle powers rarely choose sides cleanly. They hedge, spreading their bets across rival great powers.",
    );
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Why Middle Powers Hedge"],
      ["author", "By Jane Doe"],
      ["dateline", "March 3, 2024"],
      ["other", "Share"],
      ["other", "Tweet"],
      ["other", "Email"],
      ["other", "Photo: Reuters/John Smith"],
      ["bio", "Jane Doe is a senior fellow at the Hartwell Institute."],
      ["paragraph", "Middle powers rarely choose sides cleanly. They hedge, spreading their bets across rival great powers."],
    ]);
  });
});

describe("front matter in other languages", () => {
  it("reads labelled lines in French, Spanish, German, Portuguese, Italian, Polish and Russian", () => {
    const text = [
      "Titre de l'article sur la politique étrangère",
      "",
      "Auteurs : Claire Dubois et Marc Lefèvre",
      "",
      "Reçu le 3 mars 2024 ; accepté le 9 avril 2024",
      "",
      "Résumé : Cet article examine la notion d'autonomie stratégique.",
      "",
      "Mots-clés : OTAN ; dissuasion",
      "",
      "Remerciements : Les auteurs remercient le comité de lecture.",
      "",
      "Introduction",
      "",
      "Depuis le discours de la Sorbonne, l'autonomie stratégique est devenue le mot d'ordre de la diplomatie française.",
    ].join("\n");
    const doc = parsePlainText(text);
    expect(doc.metadata).toMatchObject({
      authors: [{ name: "Claire Dubois" }, { name: "Marc Lefèvre" }],
      dates: { received: "3 mars 2024", accepted: "9 avril 2024" },
      abstract: "Cet article examine la notion d'autonomie stratégique.",
      keywords: ["OTAN", "dissuasion"],
      acknowledgement: "Les auteurs remercient le comité de lecture.",
    });
    expect(roles(text).slice(-2)).toEqual(["heading", "paragraph"]);
    const labelled: [string, string][] = [
      ["Zusammenfassung: Der Beitrag untersucht die Zeitenwende.", "abstract"],
      ["Palabras clave: China; comercio", "keywords"],
      ["Palavras-chave: G4; multilateralismo", "keywords"],
      ["Parole chiave: NATO; difesa", "keywords"],
      ["Słowa kluczowe: NATO; bezpieczeństwo", "keywords"],
      ["Ключевые слова: ОДКБ; ШОС", "keywords"],
      ["Аннотация: В статье рассматривается архитектура безопасности.", "abstract"],
      ["Correo electrónico: ana@example.org", "email"],
      ["Courriel : claire@example.org", "email"],
      ["Téléphone : +33 1 40 61 60 00", "phone"],
      ["Recebido em: 3 de março de 2024", "dates"],
      ["Juillet 2024", "dateline"],
      ["15 de julio de 2024", "dateline"],
      ["Heft 3, März 2024", "dateline"],
    ];
    for (const [line, role] of labelled) {
      expect(roles(`Ein Titel über die Sicherheitspolitik Europas\n\nVon Katrin Vogel\n\n${line}\n\nDer erste Absatz des Textes beginnt hier und erzählt, was geschehen ist.`), line).toContain(role);
    }
  });
});

describe("a working paper's draft line", () => {
  it("reads 'Draft of <date> — please do not cite' and its kin as the dateline, and a draft that is not a date as nothing of the kind", () => {
    const around = (line: string) => roles(`Alliance Credibility after the Cold War\n\nBy Priya Raman\n\n${line}\n\nThe first paragraph of the text begins here and says what happened.`);
    for (const line of ["Draft of 2 February 2026 — please do not cite", "This version: 12 May 2025", "Working draft, March 2026 (comments welcome)", "First version: 3 January 2026. Do not circulate without permission."]) {
      expect(around(line), line).toEqual(["title", "author", "dateline", "paragraph"]);
    }
    expect(around("Draft of a treaty on maritime zones")).not.toContain("dateline");
  });
});

describe("front matter, line by line", () => {
  it("confirms a name by the details after it, even across blank lines, and not otherwise", () => {
    expect(roles("T\nNo. 3 2014\nIvan Petrov\n\nCandidate of Science (History)\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "dateline", "author", "degrees", "paragraph",
    ]);
    expect(roles("T\n\nStrategic Context\n\nBody text that argues a point at some length, as essays do.")).toEqual(["title", "heading", "paragraph"]);
  });

  it("reads a name-only author confirmed by a bio that spells the name differently", () => {
    const doc = parsePlainText("T\n\nIvan Kanaev\n\nIvan Kanayev is Professor at the Institute of Oriental Studies.\n\nThe body starts here and goes on for a while, as bodies do.");
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "bio", "paragraph"]);
    expect(doc.metadata.authors[0]).toMatchObject({ name: "Ivan Kanaev", bio: "Ivan Kanayev is Professor at the Institute of Oriental Studies." });
  });

  it("reads a 'Summary' label line as the abstract's label, and the keywords after it as front matter", () => {
    const doc = parsePlainText(
      "Quiet Diplomacy in the Baltic\n\nWorking Paper No. 17/2025\n\nSummary\nGovernments around the Baltic Sea have built pipelines while saying little.\n\nKeywords: energy security; Baltic\n\n1. Introduction\n\nWhen the pipeline was damaged in 2023, the reactions were muted.",
    );
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "dateline", "abstract", "abstract", "keywords", "heading", "paragraph"]);
    expect(doc.metadata.keywords).toEqual(["energy security", "Baltic"]);
  });

  it("reads a page's 'Topics:' or 'Tags:' line as its keywords, and leaves sentences that open with those words alone", () => {
    const doc = parsePlainText(
      "Permitting Reform and the Grid\n\nBy Jane Doe\n\nTopics: Electricity, Permitting\n\nTransmission lines take a decade to approve, and the queue of projects keeps growing every year.",
    );
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "keywords", "paragraph"]);
    expect(doc.metadata.keywords).toEqual(["Electricity", "Permitting"]);
    expect(parsePlainText("T\n\nJane Doe\n\nRelated topics:\nEnergy; Grid\n\nBody text that argues a point at some length, as essays do.").metadata.keywords).toEqual(["Energy", "Grid"]);
    expect(parsePlainText("T\n\nTags: grid, hydro\n\nBody text that argues a point at some length, as essays do.").metadata.keywords).toEqual(["grid", "hydro"]);
    for (const opening of ["Topics covered here include the grid and the permits it needs, among others.", "Tags are what the archive uses to file each report by its subject."]) {
      const plain = parsePlainText(`T\n\n${opening}\n\nBody text that argues a point at some length, as essays do.`);
      expect(plain.metadata.keywords ?? []).toEqual([]);
      expect(plain.blocks[1]).toMatchObject({ kind: "paragraph", text: opening });
    }
  });

  it("reads a content system's topics field on a web page as the keywords", () => {
    const doc = parseHtml(
      '<html><head><title>Permitting Reform and the Grid</title></head><body><article><h1>Permitting Reform and the Grid</h1><p class="byline">By Jane Doe</p>' +
        '<div class="field field--name-field-topics"><div class="field__label">Topics</div><div class="field__items"><div class="field__item"><a href="/t/1">Electricity</a></div><div class="field__item"><a href="/t/2">Permitting</a></div></div></div>' +
        "<p>Transmission lines take a decade to approve, and the queue of projects keeps growing every year.</p></article></body></html>",
    );
    expect(doc.metadata.keywords).toEqual(["Electricity", "Permitting"]);
    expect(doc.blocks.filter((b) => b.kind === "paragraph" && !b.role).map((b) => b.text)).toEqual(["Transmission lines take a decade to approve, and the queue of projects keeps growing every year."]);
  });

  it("keeps weak lines (a position, an institution) out of front matter unless they sit in an author block", () => {
    expect(roles("T\n\nJane Doe, PhD\n\nProgram Director\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "author", "position", "paragraph",
    ]);
    expect(roles("T\n\nWestbrook University\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "heading", "paragraph",
    ]);
  });

  it("takes a standfirst only before a byline, and a funding sentence only in front matter", () => {
    expect(roles("T\n\nA short teaser that ends with a full stop.\n\nBy Jane Doe\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "standfirst", "author", "paragraph",
    ]);
    expect(roles("T\n\nA short teaser that ends with a full stop.\n\nBody text that argues a point at some length, as essays do.")).toEqual([
      "title", "paragraph", "paragraph",
    ]);
    expect(roles("T\n\nBody text that argues a point at some length, as essays do.\n\nThis article was prepared within the framework of the research programme for 2014.")).toEqual([
      "title", "paragraph", "paragraph",
    ]);
  });

  it("reads letter-spaced labels, one keyword per line and an article history", () => {
    const doc = parsePlainText(
      "T\n\nJane Doe a\n\na Department of Economics, Westbrook University\n\nArticle history:\nReceived 1 March 2023\nReceived in revised form 2 May 2023\nAccepted 5 June 2023\n\nKeywords:\nSanctions\nTrade diversion\n\nA B S T R A C T\n\nWe study it.\n\n1. Introduction\n\nBody.",
    );
    expect(doc.metadata).toMatchObject({
      authors: [{ name: "Jane Doe", affiliations: ["Department of Economics, Westbrook University"] }],
      dates: { received: "1 March 2023", revised: "2 May 2023", accepted: "5 June 2023" },
      keywords: ["Sanctions", "Trade diversion"],
      abstract: "We study it.",
    });
    expect(doc.blocks.slice(-2).map((b) => b.kind)).toEqual(["heading", "paragraph"]);
  });

  it("reads an IEEE history line: dates of publication and of the current version end the date before them", () => {
    const doc = parsePlainText(
      "T\n\nAna Souza and Wei Zhang\n\nManuscript received March 3, 2026; revised May 1, 2026; accepted June 2, 2026. Date of publication June 10, 2026; date of current version June 20, 2026.\n\nI. Introduction\n\nBody.",
    );
    expect(doc.metadata.dates).toEqual({ received: "March 3, 2026", revised: "May 1, 2026", accepted: "June 2, 2026", published: "June 10, 2026" });
  });

  it("turns closing bios into meta blocks, and only at the very end", () => {
    const doc = parsePlainText(
      "T\nBy Jane Doe\n\nJane Doe is a professor at Westbrook University and writes about trade.\n\nBody text that argues a point at some length, as essays do.\n\nJane Doe is a senior fellow at the Council on Global Affairs.",
    );
    expect(doc.blocks.map((b) => b.role ?? b.kind)).toEqual(["title", "author", "bio", "paragraph", "bio"]);
    expect(doc.metadata.authors[0]?.bio).toBe(
      "Jane Doe is a professor at Westbrook University and writes about trade. Jane Doe is a senior fellow at the Council on Global Affairs.",
    );
  });
});

describe("HTML and Word specifics", () => {
  it("reads a page that is only <pre> text (LibreOffice's HTML of a text file) as plain text", () => {
    const doc = parseHtml("<html><head><title></title></head><body><pre>Title\nBy Jane Doe\n\nFirst paragraph\nwraps here.\n\n• one\n• two</pre></body></html>");
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Title"],
      ["author", "By Jane Doe"],
      ["paragraph", "First paragraph wraps here."],
      ["listItem", "one"],
      ["listItem", "two"],
    ]);
  });

  it("turns hand-typed bullets inside paragraphs into list items, moving marks with the text", () => {
    const doc = parseHtml("<h1>T</h1><p>Three things:</p><p>• <b>one</b> thing<br>• two</p><p>– three</p><p>– four</p><p>– an aside, not a list</p>");
    expect(doc.blocks.slice(1).map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "Three things:"],
      ["listItem", "one thing"],
      ["listItem", "two"],
      ["listItem", "three"],
      ["listItem", "four"],
      ["listItem", "an aside, not a list"],
    ]);
    expect(doc.blocks[2]?.marks).toEqual([{ type: "bold", start: 0, end: 3 }]);
    expect(parseHtml("<h1>T</h1><p>– if it can be called that – failed.</p>").blocks[1]?.kind).toBe("paragraph");
  });

  it("reads a <title> repeated as the first heading once", () => {
    const doc = parseHtml("<title>Capital Controls</title><h2>Capital\n  Controls</h2><p>Body.</p>");
    expect(doc.blocks.map((b) => [b.role ?? b.kind, b.text])).toEqual([
      ["title", "Capital Controls"],
      ["paragraph", "Body."],
    ]);
  });
});

describe("front matter given as data", () => {
  it("keeps a YAML affiliation that looks like a name as the author's affiliation", () => {
    const doc = parseMarkdown("---\ntitle: T\nauthor:\n  - name: Marta Nowak\n    affiliation: Fraunhofer ISE\n---\n\nBody.");
    expect(doc.metadata.authors).toEqual([expect.objectContaining({ name: "Marta Nowak", affiliations: ["Fraunhofer ISE"] })]);
  });

  it("writes a Quarto affiliation out with its department, whether given under the author or by id", () => {
    const md = [
      "---",
      "title: T",
      "author:",
      "  - name: Ana Souza",
      "    affiliations:",
      "      - name: University of Lisbon",
      "        department: Department of Political Science",
      "        city: Lisbon",
      "        country: Portugal",
      "  - name: { given: Wei, family: Zhang }",
      "    affiliations:",
      "      - ref: pku",
      "affiliations:",
      "  - id: pku",
      "    name: Peking University",
      "    city: Beijing",
      "date: \"`r Sys.Date()`\"",
      "---",
      "",
      "Body.",
    ].join("\n");
    const doc = parseMarkdown(md);
    expect(doc.metadata.authors.map((a) => [a.name, a.affiliations])).toEqual([
      ["Ana Souza", ["Department of Political Science, University of Lisbon"]],
      ["Wei Zhang", ["Peking University"]],
    ]);
    // R Markdown's date, left as code to run when the document is rendered, is no date.
    expect(doc.metadata.dateline).toBeUndefined();
  });

  it("gives each author the affiliations named by id (pandoc-scholar's institute list), not all of them to the last", () => {
    const md = "---\ntitle: T\nauthor:\n  - Ana Ruiz:\n      institute: [uam, csic]\n  - Li Wei:\n      institute: csic\ninstitute:\n  - uam: Universidad Autónoma de Madrid\n  - csic: CSIC\n---\n\nBody.";
    expect(parseMarkdown(md).metadata.authors.map((a) => [a.name, a.affiliations])).toEqual([
      ["Ana Ruiz", ["Universidad Autónoma de Madrid", "CSIC"]],
      ["Li Wei", ["CSIC"]],
    ]);
  });
});

describe("authors' blocks without an e-mail", () => {
  it("reads a block ending on its place ('Lisbon, Portugal'), then the next author's block", () => {
    const doc = parsePlainText(
      "Hedging at Sea: A Research Note\n\nAna Souza\nUniversity of Lisbon\nLisbon, Portugal\n\nWei Zhang\nPeking University\nCambridge, MA, USA\nwzhang@pku.edu.cn\n\nAbstract\n\nWe note how small coastal states hedge.\n\n1 Introduction\n\nSmall states have long hedged between great powers.\n",
    );
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Ana Souza", ["University of Lisbon"], undefined],
      ["Wei Zhang", ["Peking University"], "wzhang@pku.edu.cn"],
    ]);
    expect(doc.blocks.filter((b) => b.kind !== "meta").map((b) => b.text)).toEqual(["Hedging at Sea: A Research Note", "1 Introduction", "Small states have long hedged between great powers."]);
  });

  it("reads a US town and state under the institution ('Cambridge, MA') as its place, and a name with a degree there as the next author", () => {
    const doc = parsePlainText(
      "Hedging at Sea\n\nMaria Alvarez\nHarvard University\nCambridge, MA\n\nDaniel Okafor\nUniversity of Michigan\nAnn Arbor, MI 48109\nJane Doe, MA\nStanford University\n\nSmall states have long hedged between great powers, and the debate goes on.\n",
    );
    expect(doc.metadata.authors.map((a) => [a.name, a.affiliations, a.degrees])).toEqual([
      ["Maria Alvarez", ["Harvard University"], []],
      ["Daniel Okafor", ["University of Michigan"], []],
      ["Jane Doe", ["Stanford University"], ["MA"]],
    ]);
    expect(doc.blocks.filter((b) => b.role === "address").map((b) => b.text)).toEqual(["Cambridge, MA", "Ann Arbor, MI 48109"]);
    expect(doc.blocks.filter((b) => b.kind !== "meta").map((b) => b.text)).toEqual(["Hedging at Sea", "Small states have long hedged between great powers, and the debate goes on."]);
  });

  it("does not take a sentence naming a country for a place", () => {
    expect(roles("A Title\n\nAna Souza\n\nTrade grew fastest with China, Portugal\n")).not.toContain("address");
  });
});

describe("an author's facts run together on one line, as a note gives them", () => {
  const TEXT =
    "Hedging in an Age of Fragmented Commitments\n\nAna Souza\nDepartment of Political Science, University of Lisbon, Portugal. Email: ana.souza@ulisboa.pt\n\nWei Zhang\nSchool of International Studies, Peking University, Beijing, China.\n\nOmar Haddad\nCorresponding author. Centre for Security Studies, American University of Beirut, Lebanon. Email: oh12@aub.edu.lb\n\nAbstract\n\nSmall states hedge.\n\n1 Introduction\n\nSmall states have long hedged between great powers.\n";

  it("reads each sentence as the fact it is, under the author above it, the words kept as written", () => {
    const doc = parsePlainText(TEXT);
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations, a.email])).toEqual([
      ["Ana Souza", ["Department of Political Science, University of Lisbon, Portugal"], "ana.souza@ulisboa.pt"],
      ["Wei Zhang", ["School of International Studies, Peking University, Beijing, China"], undefined],
      ["Omar Haddad", ["Centre for Security Studies, American University of Beirut, Lebanon"], "oh12@aub.edu.lb"],
    ]);
    expect(doc.blocks.filter((b) => b.kind === "meta").map((b) => b.text)).toContain("School of International Studies, Peking University, Beijing, China.");
    expect(doc.blocks.filter((b) => b.kind !== "meta").map((b) => b.text)).toEqual(["Hedging in an Age of Fragmented Commitments", "1 Introduction", "Small states have long hedged between great powers."]);
  });

  it("keeps a bio a bio, and an abbreviation's full stop in an institution's name", () => {
    const doc = parsePlainText("T\n\nIvan Kanaev\nIvan Kanaev is Professor at the Institute of Oriental Studies.\n\nJane Roe\nResearch Department, Acme Analytics Inc.\n\nThe body starts here and goes on for a while, as bodies do.");
    expect(doc.metadata.authors?.map((a) => [a.name, a.affiliations, a.bio])).toEqual([
      ["Ivan Kanaev", [], "Ivan Kanaev is Professor at the Institute of Oriental Studies."],
      ["Jane Roe", ["Research Department, Acme Analytics Inc."], undefined],
    ]);
  });
});
