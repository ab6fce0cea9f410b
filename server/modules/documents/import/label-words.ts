/**
 * The words front matter is labelled with, in the languages articles reach
 * us in: English first, then French, Spanish, Portuguese, German, Italian,
 * Dutch, Polish, Russian, Swedish and Greek (unaccented too, as capitals
 * drop the accents: "ΠΕΡΙΛΗΨΗ"), then Chinese (simplified and traditional,
 * a label's characters often set apart by a space, an ideographic one too: "摘 要"), Japanese,
 * Korean and Arabic. A label may be followed by a full-width colon ("摘要："),
 * which every rule reading these accepts. Each export is a regular-expression
 * source (an alternation in a non-capturing group) for one kind of label;
 * meta-lines.ts, meta-values.ts and names.ts build their patterns from
 * these, so a label is added in one place for every rule that reads it.
 *
 * The sources are written for the "iu" flags: no ASCII-only \b next to a
 * non-ASCII letter (the rules put their own boundaries around them).
 */

const alt = (...words: string[]): string => `(?:${words.join("|")})`;
/** Chinese journals' labels in brackets: "【摘要】", "[关键词]", "〔提要〕". */
const bracketed = (...words: string[]): string => `[【〔［\\[]\\s*${alt(...words)}\\s*[】〕］\\]]`;

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
  "(?:内\\s*容\\s*)?摘\\s*要",
  "内容提要",
  "提\\s*要",
  "要\\s*旨",
  "要\\s*約",
  "抄\\s*録",
  "초\\s*록",
  "국문\\s*초록",
  "요\\s*약",
  "(?:ال)?ملخص(?:\\s+(?:البحث|الدراسة))?",
  "(?:ال)?مستخلص",
  bracketed("(?:内\\s*容\\s*)?摘\\s*要", "内容提要", "提\\s*要", "要\\s*旨"),
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
  "关\\s*键\\s*[词字]",
  "關\\s*鍵\\s*[詞字]",
  "主\\s*题\\s*词",
  "キーワード",
  "索引語",
  "주\\s*제\\s*어",
  "핵\\s*심\\s*어",
  "키워드",
  "(?:ال)?كلمات\\s+(?:ال)?(?:مفتاحية|دالة)",
  bracketed("关\\s*键\\s*[词字]", "關\\s*鍵\\s*[詞字]", "主\\s*题\\s*词"),
);

/**
 * A web page's subject terms as its content system prints them ("Topics: Electricity,
 * Permitting", "Tags: …"): keywords, but only with a colon after the label, as "Topics covered
 * here …" or "Tags are …" open sentences too.
 */
export const TOPICS_WORDS = alt("(?:Related\\s+)?Topics", "Tags", "Themen", "Th[eè]mes", "Temas");

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
  "基金项目",
  "基金項目",
  "资助项目",
  "致\\s*谢",
  "致\\s*謝",
  "谢\\s*辞",
  "謝\\s*辞",
  "謝\\s*辭",
  "助成",
  "研究助成",
  "شكر\\s+وتقدير",
  "(?:ال)?تمويل",
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
  "作者简介",
  "作者簡介",
  "执笔者简介",
  "著者(?:紹介|略歴)",
  "執筆者(?:紹介|略歴)",
  "저자\\s*소개",
  "نبذة\\s+عن\\s+(?:ال)?(?:مؤلف(?:ين|ون)?|باحث(?:ين|ون)?|كاتب)",
  "عن\\s+(?:ال)?(?:مؤلف(?:ين|ون)?|كاتب)",
);

/**
 * "Title:" before the article's title on the same line (a submission form, a typed manuscript,
 * a note exported from a form), or alone on the line above it.
 */
export const TITLE_WORDS = alt(
  "(?:(?:Article|Paper|Manuscript|Chapter|Report|Full|Working\\s+paper)\\s+)?Title",
  "Titre",
  "T[ií]tulo",
  "Titolo",
  "Titel",
  "Tytuł",
  "Название",
  "Заглавие",
  "Τ[ίι]τλος",
  "标\\s*题",
  "標\\s*題",
  "題\\s*名",
  "表\\s*題",
  "タイトル",
  "제\\s*목",
  "(?:ال)?عنوان",
);

/** A manuscript's short title for its page headers, over the title: "Running head: LIMITS OF HEDGING". */
export const RUNNING_HEAD_WORDS = alt(
  "Running\\s+(?:head(?:er)?|title)",
  "Short\\s+title",
  "Titre\\s+courant",
  "Kurztitel",
  "T[ií]tulo\\s+(?:corto|abreviado|resumido)",
  "Titolo\\s+breve",
);

/** A manuscript's note about its authors (APA's "Author Note"): ORCID iDs, disclosures, whom to write to. */
export const AUTHOR_NOTE_WORDS = alt("Authors?(?:[\u2019']s?)?\\s+notes?", "Notes?\\s+on\\s+(?:the\\s+)?(?:authors?|contributors?)");

/** A memo's sender, its author: "FROM: Sarah Lindqvist, Senior Analyst". Read only with a colon. */
export const MEMO_FROM_WORDS = alt("From", "De", "Von", "Da", "Van", "Od", "От");
/** A memo's addressees: "TO:", "CC:", "THROUGH:", "FOR:", "À :", "Para:", "An:". Read only with a colon. */
export const MEMO_TO_WORDS = alt("To", "Cc", "Bcc", "Attn", "Attention", "Through", "Thru", "Via", "For", "Copy\\s+to", "Copies\\s+to", "Distribution", "À", "Para", "An", "Aan", "Kopie", "Кому");
/** A memo's subject, its title: "SUBJECT:", "SUBJ:", "RE:", "Objet :", "Asunto:", "Betreff:". Read only with a colon. */
export const MEMO_SUBJECT_WORDS = alt("Subject", "Subj", "Re", "Regarding", "Objet", "Asunto", "Assunto", "Betreff", "Oggetto", "Onderwerp", "Temat", "Тема", "件名", "主题", "主旨", "제목");

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
  "作\\s*者",
  "著\\s*者",
  "執筆者",
  "执笔者",
  "저\\s*자",
  "(?:ال)?مؤلف(?:ون|ين|ان|ة)?",
  "(?:ال)?باحث(?:ون|ين|ان|ة)?",
  "إعداد",
  "تأليف",
  "بقلم",
);

/** "Affiliation:" before an author's institution. */
export const AFFILIATION_WORDS = alt(
  "(?:Author\\s+)?Affiliations?",
  "Institutional\\s+affiliations?",
  "Affiliation\\s+institutionnelle",
  "Filiación(?:\\s+institucional)?",
  "Afiliação(?:\\s+institucional)?",
  "Zugehörigkeit",
  "作者单位",
  "作者單位",
  "(?:工作)?单位",
  "(?:工作)?單位",
  "所属(?:機関)?",
  "所屬",
  "소\\s*속",
  "جهة\\s+العمل",
  "(?:ال)?انتماء(?:\\s+(?:ال)?مؤسسي)?",
  "(?:ال)?مؤسسة",
);

/** "By" before names, without a colon: "By Jane Doe", "Posted by Jane Doe", "Par Claire Dubois", "Von Katrin Vogel". */
export const BY_WORDS = alt("(?:(?:Written|Posted)\\s+)?by", "Par", "Por", "Von", "Door", "Av", "بقلم");

/** "and" between names. Words that are also name particles ("y", "e", "i") split only between full names. */
export const AND_WORDS = alt("and", "et", "und", "en", "och", "og", "и", "oraz", "και", "و");
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
  "电子(?:邮箱|信箱|邮件)",
  "電子(?:郵箱|信箱|郵件|メール)",
  "邮\\s*箱",
  "郵\\s*箱",
  "メール(?:アドレス)?",
  "이메일",
  "전자우편",
  "(?:ال)?بريد\\s+(?:ال)?إلكتروني",
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
  "通[讯信]作者",
  "通[訊信]作者",
  "责任作者",
  "責任(?:著者|作者)",
  "連絡先",
  "교신\\s*저자",
  "(?:ال)?مؤلف\\s+(?:ال)?مراسل",
  "(?:ال)?باحث\\s+(?:ال)?مراسل",
  "للمراسلة",
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
  "收稿(?:日期|时间|時間)?",
  "投稿日(?:期)?",
  "受付(?:日)?",
  "접수(?:일)?",
  "تاريخ\\s+(?:ال)?(?:استلام|تسلم|استقبال|ورود|إرسال)",
);
export const REVISED_WORDS = alt(
  "Received\\s+in\\s+revised\\s+form",
  "Revised",
  "Révisé(?:\\s+le)?",
  "Revisado",
  "Überarbeitet(?:\\s+am)?",
  "Revisionato",
  "Αναθε[ώω]ρηση",
  "修回(?:日期|时间|時間)?",
  "修[订改訂]日期",
  "수정(?:일)?",
  "تاريخ\\s+(?:ال)?(?:تعديل|مراجعة)",
);
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
  "录用(?:日期|时间)?",
  "錄用(?:日期|時間)?",
  "接受日期",
  "受理(?:日)?",
  "採[択録](?:日)?",
  "게재\\s*확정(?:일)?",
  "تاريخ\\s+(?:ال)?قبول",
);
export const PUBLISHED_WORDS = alt(
  "(?:First\\s+)?Published(?:\\s+online)?",
  "Date\\s+of\\s+publication",
  "Available\\s+online",
  "Publié(?:\\s+(?:le|en\\s+ligne))?",
  "Publicado",
  "Veröffentlicht(?:\\s+am)?",
  "Pubblicato",
  "Опубликовано",
  "Опубликована",
  "Δημοσ[ίι]ευση",
  "Δημοσιε[ύυ]θηκε",
  "网络(?:出版|首发)(?:日期|时间)",
  "網路(?:出版|首發)(?:日期|時間)",
  "出版日期",
  "发表日期",
  "發表日期",
  "(?:J-STAGE\\s*)?(?:早期)?(?:公開|発行|刊行|掲載)日",
  "게재(?:일)?",
  "تاريخ\\s+(?:ال)?نشر",
);
/** Dates an article's history gives beside the four kinds, read only as where the date before them ends (IEEE's). */
export const OTHER_HISTORY_WORDS = alt("Date\\s+of\\s+(?:the\\s+)?current\\s+version");
/**
 * Article history with the label after the date, as Japanese (and some Korean) journals print it:
 * "2026年3月1日受付，2026年5月2日受理". Each kind of date with the words that follow it.
 */
export const RECEIVED_AFTER_WORDS = alt("受付", "受領", "受稿", "投稿", "접수");
export const REVISED_AFTER_WORDS = alt("(?:修正|改訂|改稿|再)稿?(?:受付|受領|投稿)?", "수정");
export const ACCEPTED_AFTER_WORDS = alt("受理", "採択", "採録", "採用", "게재\\s*확정", "채택");
export const PUBLISHED_AFTER_WORDS = alt("(?:早期|オンライン)?公開", "発行", "刊行", "掲載", "出版", "발행", "게재");
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
  "引\\s*言",
  "前\\s*言",
  "[绪緒]\\s*[论論]",
  "[结結]\\s*[论論语語]",
  "参考文献",
  "參考文獻",
  "はじめに",
  "序\\s*論",
  "おわりに",
  "서\\s*론",
  "결\\s*론",
  "참고\\s*문헌",
  "(?:ال)?مقدمة",
  "(?:ال)?خاتمة",
  "(?:ال)?مراجع",
);
