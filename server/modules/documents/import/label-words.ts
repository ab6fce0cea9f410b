/**
 * The words front matter is labelled with, in the languages articles reach
 * us in: English first, then French, Spanish, Portuguese, German, Italian,
 * Dutch, Polish, Russian, Swedish and Greek (unaccented too, as capitals
 * drop the accents: "ΠΕΡΙΛΗΨΗ"). Each export is a regular-expression
 * source (an alternation in a non-capturing group) for one kind of label;
 * meta-lines.ts, meta-values.ts and names.ts build their patterns from
 * these, so a label is added in one place for every rule that reads it.
 *
 * The sources are written for the "iu" flags: no ASCII-only \b next to a
 * non-ASCII letter (the rules put their own boundaries around them).
 */

const alt = (...words: string[]): string => `(?:${words.join("|")})`;

/** "Abstract": the summary of the article. */
export const ABSTRACT_WORDS = alt(
  "Abstract",
  "Annotation",
  "Summary",
  "Résumé",
  "Resumen",
  "Resumo",
  "Zusammenfassung",
  "Kurzfassung",
  "Abstrakt",
  "Riassunto",
  "Sommario",
  "Sintesi",
  "Samenvatting",
  "Streszczenie",
  "Аннотация",
  "Реферат",
  "Резюме",
  "Sammanfattning",
  "Περ[ίι]ληψη",
  "Σ[ύυ]νοψη",
);

/** "Abstract" or a longer English summary label, when the label stands alone on its line. */
export const ABSTRACT_LABEL_ONLY_WORDS = alt(ABSTRACT_WORDS, "Executive summary", "Résumé exécutif", "Resumen ejecutivo");

/** "Keywords". */
export const KEYWORDS_WORDS = alt(
  "Key\\s?words\\s+and\\s+phrases",
  "Key\\s?words",
  "Keywords",
  "Key\\s+phrases",
  "Index\\s+terms",
  "Mots[-\\s]cl(?:é|e)s",
  "Mots[-\\s]clefs",
  "Palabras[-\\s]clave",
  "Palavras[-\\s]chave",
  "Descriptores",
  "Descritores",
  "Schlüsselwörter",
  "Schlagwörter",
  "Schlagworte",
  "Stichwörter",
  "Stichworte",
  "Parole\\s+chiave",
  "Trefwoorden",
  "Sleutelwoorden",
  "Słowa\\s+kluczowe",
  "Ключевые\\s+слова",
  "Nyckelord",
  "Λ[έε]ξεις[-‐\\s]+κλειδι[άα]",
  "Λ[έε]ξεις[-‐\\s]+κλειδ[ίι]",
);

/** Acknowledgements, funding and conflict-of-interest notes. */
export const ACK_WORDS = alt(
  "Acknowledge?ments?",
  "Funding(?:\\s+information)?",
  "Financial\\s+support",
  "Grant\\s+support",
  "Conflicts?\\s+of\\s+interests?",
  "Remerciements",
  "Financement",
  "Conflits?\\s+d['’]intérêts?",
  "Agradecimientos",
  "Financiación",
  "Financiamiento",
  "Conflictos?\\s+de\\s+intereses?",
  "Agradecimentos",
  "Financiamento",
  "Conflitos?\\s+de\\s+interesses?",
  "Danksagung",
  "Förderung",
  "Finanzierung",
  "Interessenkonflikte?",
  "Ringraziamenti",
  "Finanziamento",
  "Conflitt[oi]\\s+di\\s+interess[ei]",
  "Dankwoord",
  "Financiering",
  "Podziękowania",
  "Finansowanie",
  "Благодарности",
  "Финансирование",
  "Конфликт\\s+интересов",
  "Ευχαριστ[ίι]ες",
  "Χρηματοδ[όο]τηση",
);

/** "About the author(s)": a heading over the authors' bios. */
export const ABOUT_WORDS = alt(
  "About\\s+the\\s+authors?",
  "Notes\\s+on\\s+(?:the\\s+)?contributors",
  "About\\s+the\\s+contributors",
  "Author\\s+biograph(?:y|ies)",
  "À\\s+propos\\s+(?:de\\s+l['’]auteure?|des\\s+auteure?s)",
  "Sobre\\s+(?:el|la|los|las|o|a|os|as)\\s+autor(?:a|es|as)?",
  "Über\\s+(?:den|die)\\s+Autor(?:in|en|innen)?",
  "Zu\\s+(?:den|dem|der)\\s+Autor(?:in|en|innen)?",
  "Sugli\\s+autori",
  "Sull['’]autore",
  "Over\\s+de\\s+auteurs?",
  "O\\s+autorach",
  "O\\s+autorze",
  "Об\\s+авторах",
  "Об\\s+авторе",
  "(?:Сведения|Информация)\\s+об\\s+авторах?",
  "Σχετικ[άα]\\s+με\\s+(?:τον|την|τους)\\s+συγγραφ(?:[έε]α|ε[ίι]ς)",
);

/** A bio note's own label: "The author:" opening a paragraph about the author. */
export const THE_AUTHOR_WORDS = alt("The\\s+authors?");

/** "Authors:", "Contributors:" before names on the same line. */
export const AUTHORS_WORDS = alt(
  "(?:(?:Lead|Principal|Main|Contributing|Co-?)\\s*)?Authors?",
  "Prepared\\s+by",
  "Contributors?",
  "Written\\s+by",
  "Auteure?s?",
  "Autor(?:es|as|a|en|in|innen|zy|ka|ki)?",
  "Autori",
  "Autore",
  "Auteurs?",
  "Авторы?",
  "Författare",
  "Συγγραφ(?:[έε]ας|ε[ίι]ς)",
);

/** "By" before names, without a colon: "By Jane Doe", "Posted by Jane Doe", "Par Claire Dubois", "Von Katrin Vogel". */
export const BY_WORDS = alt("(?:(?:Written|Posted)\\s+)?by", "Par", "Por", "Von", "Door", "Av");

/** "and" between names. Words that are also name particles ("y", "e", "i") split only between full names. */
export const AND_WORDS = alt("and", "et", "und", "en", "och", "og", "и", "oraz", "και");
export const AND_PARTICLE_WORDS = alt("y", "e", "i");

/** "E-mail:". */
export const EMAIL_WORDS = alt(
  "E-?mail(?:\\s+address)?",
  "Mail",
  "Courriel",
  "Adresse\\s+(?:électronique|e-?mail|courriel)",
  "Correo(?:\\s+electrónico|-e)?",
  "E-?Mail-Adresse",
  "Endereço\\s+(?:eletrônico|electrónico|de\\s+e-?mail)",
  "Indirizzo\\s+e-?mail",
  "Posta\\s+elettronica",
  "Adres\\s+e-?mail",
  "Эл\\.\\s*почта",
  "Электронная\\s+почта",
  "E-post",
  "Ηλεκτρονικ[όο]\\s+ταχυδρομε[ίι]ο",
  "Ηλ\\.\\s*ταχυδρομε[ίι]ο",
);

/** "Tel.:", "Phone". */
export const PHONE_WORDS = alt(
  "Tel(?:ephone)?",
  "Phone",
  "Ph",
  "Mobile",
  "Mob",
  "Cell",
  "Fax",
  "T",
  "Tél(?:éphone)?",
  "Teléfono",
  "Telefone",
  "Telefon",
  "Telefono",
  "Тел(?:ефон)?",
  "Τηλ(?:[έε]φωνο)?",
);

/** "Address:" (postal). */
export const ADDRESS_WORDS = alt(
  "(?:(?:Postal|Mailing|Street|Office|Current|Present|Permanent)\\s+)?Address",
  "Adresse(?:\\s+postale)?",
  "Dirección(?:\\s+postal)?",
  "Endereço(?:\\s+postal)?",
  "Anschrift",
  "Postanschrift",
  "Indirizzo",
  "Adres",
  "Адрес",
  "Διε[ύυ]θυνση",
);

/** "Correspondence:", "Corresponding author:". */
export const CORRESPONDENCE_WORDS = alt(
  "Correspondence(?:\\s+to)?",
  "Corresponding\\s+authors?",
  "Address(?:\\s+for)?\\s+correspondence",
  "Contact(?:\\s+author)?",
  "Correspondance",
  "Auteur\\s+correspondant",
  "Autor(?:a)?\\s+(?:de|para)\\s+correspondencia",
  "Autor(?:a)?\\s+correspondente",
  "Korrespondenzautor(?:in)?",
  "Korrespondenz(?:adresse)?",
  "Corrispondenza",
  "Autore\\s+corrispondente",
  "Адрес\\s+для\\s+переписки",
  "Υπε[ύυ]θυν(?:ος|η)\\s+επικοινων[ίι]ας",
  "Συγγραφ[έε]ας\\s+επικοινων[ίι]ας",
  "Αλληλογραφ[ίι]α",
);

/** Article history: each kind of date with its labels. */
export const RECEIVED_WORDS = alt(
  "Received",
  "Submitted",
  "Manuscript\\s+received",
  "Reçu(?:\\s+le)?",
  "Soumis(?:\\s+le)?",
  "Recibido",
  "Recebido",
  "Eingegangen(?:\\s+am)?",
  "Eingereicht(?:\\s+am)?",
  "Ricevuto",
  "Поступила(?:\\s+в\\s+редакцию)?",
  "Παραλαβ[ήη]",
  "Υποβολ[ήη]",
  "Ημερομην[ίι]α\\s+(?:παραλαβ[ήη]ς|υποβολ[ήη]ς)",
);
export const REVISED_WORDS = alt("Received\\s+in\\s+revised\\s+form", "Revised", "Révisé(?:\\s+le)?", "Revisado", "Überarbeitet(?:\\s+am)?", "Revisionato", "Αναθε[ώω]ρηση");
export const ACCEPTED_WORDS = alt(
  "Accepted",
  "Accepté(?:\\s+le)?",
  "Aceptado",
  "Aceito",
  "Angenommen(?:\\s+am)?",
  "Accettato",
  "Принята(?:\\s+к\\s+(?:печати|публикации))?",
  "Αποδοχ[ήη]",
  "Ημερομην[ίι]α\\s+αποδοχ[ήη]ς",
);
export const PUBLISHED_WORDS = alt(
  "(?:First\\s+)?Published(?:\\s+online)?",
  "Available\\s+online",
  "Publié(?:\\s+(?:le|en\\s+ligne))?",
  "Publicado",
  "Veröffentlicht(?:\\s+am)?",
  "Pubblicato",
  "Опубликовано",
  "Опубликована",
  "Δημοσ[ίι]ευση",
  "Δημοσιε[ύυ]θηκε",
);
export const HISTORY_LABEL_WORDS = alt(
  "Article\\s+history",
  "Historique\\s+de\\s+l['’]article",
  "Historia\\s+del\\s+artículo",
  "Histórico\\s+do\\s+artigo",
  "История\\s+статьи",
  "Ιστορικ[όο]\\s+(?:του\\s+)?[άα]ρθρου",
);

/** Month names, for datelines ("July 2024", "15 mars 2024", "März 2024", "julio de 2024"). */
export const MONTH_WORDS = alt(
  "Jan(?:uary)?",
  "Feb(?:ruary)?",
  "Mar(?:ch)?",
  "Apr(?:il)?",
  "May",
  "June?",
  "July?",
  "Aug(?:ust)?",
  "Sept?(?:ember)?",
  "Oct(?:ober)?",
  "Nov(?:ember)?",
  "Dec(?:ember)?",
  // French
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
  // Spanish, Portuguese, Italian
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "setiembre",
  "octubre",
  "noviembre",
  "diciembre",
  "janeiro",
  "fevereiro",
  "março",
  "maio",
  "junho",
  "julho",
  "setembro",
  "outubro",
  "novembro",
  "dezembro",
  "gennaio",
  "febbraio",
  "aprile",
  "maggio",
  "giugno",
  "luglio",
  "settembre",
  "ottobre",
  "dicembre",
  // German, Dutch
  "Januar",
  "Jänner",
  "Februar",
  "März",
  "Juni",
  "Juli",
  "Oktober",
  "Dezember",
  "januari",
  "februari",
  "maart",
  "mei",
  "augustus",
  "oktober",
  // Greek, in the nominative and the genitive ("Μάρτιος 2024", "3 Μαρτίου 2024")
  "Ιανου[άα]ρ(?:ιος|[ίι]ου)",
  "Φεβρου[άα]ρ(?:ιος|[ίι]ου)",
  "Μ[άα]ρτ(?:ιος|[ίι]ου)",
  "Απρ[ίι]λ(?:ιος|[ίι]ου)",
  "Μ[άα](?:ιος|[ΐϊ]ου)",
  "Ιο[ύυ]ν(?:ιος|[ίι]ου)",
  "Ιο[ύυ]λ(?:ιος|[ίι]ου)",
  "Α[ύυ]γουστος",
  "Αυγο[ύυ]στου",
  "Σεπτ[έε]μβρ(?:ιος|[ίι]ου)",
  "Οκτ[ώω]βρ(?:ιος|[ίι]ου)",
  "Νο[έε]μβρ(?:ιος|[ίι]ου)",
  "Δεκ[έε]μβρ(?:ιος|[ίι]ου)",
);

/** Words between a day, a month and a year: "15 de julio de 2024", "1er mars 2024". */
export const DATE_JOINER = "(?:\\s+(?:de|del)\\s+|\\s+)";

/** Section names that open the body of an article. */
export const BODY_SECTION_WORDS = alt(
  "Introduction",
  "Summary",
  "Executive summary",
  "Background",
  "Overview",
  "Key (?:points|findings|takeaways|messages)",
  "Main findings",
  "Context",
  "Preface",
  "Foreword",
  "Methods?",
  "Methodology",
  "Conclusions?",
  "References",
  "Notes",
  "Bibliography",
  "Literature review",
  "Discussion",
  "Results",
  "In brief",
  "At a glance",
  "Introducción",
  "Introdução",
  "Introduzione",
  "Einleitung",
  "Einführung",
  "Inleiding",
  "Wstęp",
  "Wprowadzenie",
  "Введение",
  "Inledning",
  "Conclusiones",
  "Conclusión",
  "Conclusões",
  "Conclusão",
  "Conclusioni",
  "Fazit",
  "Schluss(?:folgerungen)?",
  "Schlussbetrachtung",
  "Conclusie",
  "Podsumowanie",
  "Zakończenie",
  "Заключение",
  "Выводы",
  "Slutsatser",
  "Bibliographie",
  "Bibliografía",
  "Bibliografia",
  "Références",
  "Referencias",
  "Referências",
  "Literatur(?:verzeichnis)?",
  "Literatuur",
  "Литература",
  "Список\\s+литературы",
  "Notas",
  "Anmerkungen",
  "Εισαγωγ[ήη]",
  "Μεθοδολογ[ίι]α",
  "Συμπερ[άα]σματα",
  "Συζ[ήη]τηση",
  "Αποτελ[έε]σματα",
  "Βιβλιογραφ[ίι]α",
  "Αναφορ[έε]ς",
  "Σημει[ώω]σεις",
);
