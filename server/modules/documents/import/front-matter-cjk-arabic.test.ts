/**
 * Front matter labelled in Chinese, Japanese, Korean and Arabic, as those journals print it:
 * full-width colons, labels with their characters spaced apart or in brackets, names and
 * keywords set apart by full-width, ideographic or Arabic commas.
 */
import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.ts";
import { parseMarkdown } from "./markdown.ts";
import { parsePlainText } from "./plain-text.ts";

const author = (name: string, affiliations: string[] = [], extra: Record<string, string> = {}) => ({
  name,
  degrees: [],
  affiliations,
  positions: [],
  identifiers: {},
  ...extra,
});

describe("Chinese front matter", () => {
  const lines = [
    "湄公河地区的对冲战略",
    "",
    "作者：李明，王芳",
    "作者单位：北京大学国际关系学院，北京 100871",
    "",
    "摘　要：本文讨论东南亚国家在大国竞争中的对冲战略。",
    "",
    "关键词：对冲；东南亚；大国竞争",
    "",
    "中图分类号：D822",
    "文献标识码：A",
    "",
    "DOI：10.16367/j.issn.1003-9821.2024.01.003",
    "",
    "收稿日期：2024-03-01；修回日期：2024-05-10",
    "",
    "一、引言",
    "",
    "冷战结束以来，东南亚国家一直在大国之间寻求平衡。",
  ];

  it("reads labels with full-width colons: authors, affiliation, abstract, keywords, DOI and history", () => {
    for (const doc of [parsePlainText(lines.join("\n")), parseMarkdown(lines.join("\n"))]) {
      expect(doc.metadata).toEqual({
        authors: [author("李明", ["北京大学国际关系学院，北京 100871"]), author("王芳", ["北京大学国际关系学院，北京 100871"])],
        abstract: "本文讨论东南亚国家在大国竞争中的对冲战略。",
        keywords: ["对冲", "东南亚", "大国竞争"],
        doi: "10.16367/j.issn.1003-9821.2024.01.003",
        dates: { received: "2024-03-01", revised: "2024-05-10" },
      });
      // The numbered section heading opens the body; it is not a list of names.
      expect(doc.blocks.filter((b) => b.kind !== "meta").map((b) => b.text).slice(1)).toEqual(["一、引言", "冷战结束以来，东南亚国家一直在大国之间寻求平衡。"]);
    }
  });

  it("reads labels in brackets and spaced apart, keywords set apart by spaces, and traditional characters", () => {
    const bracketed = parsePlainText(
      ["湄公河地区的对冲战略", "", "作　者：李明", "", "【摘要】本文讨论东南亚国家的对冲战略。", "", "【关键词】对冲　东南亚　大国竞争", "", "引言", "", "正文第一段。"].join("\n"),
    );
    expect(bracketed.metadata).toEqual({
      authors: [author("李明")],
      abstract: "本文讨论东南亚国家的对冲战略。",
      keywords: ["对冲", "东南亚", "大国竞争"],
    });
    const traditional = parsePlainText(
      ["湄公河地區的避險策略", "", "作者：陳志明、林美玲", "", "摘要：本文探討東南亞國家的避險策略。", "", "關鍵詞：避險、東南亞、大國競爭", "", "壹、前言", "", "正文第一段。"].join("\n"),
    );
    expect(traditional.metadata.authors.map((a) => a.name)).toEqual(["陳志明", "林美玲"]);
    expect(traditional.metadata.abstract).toBe("本文探討東南亞國家的避險策略。");
    expect(traditional.metadata.keywords).toEqual(["避險", "東南亞", "大國競爭"]);
  });

  it("reads a funding note, the corresponding author and an author's note", () => {
    const doc = parsePlainText(
      [
        "湄公河地区的对冲战略",
        "",
        "李明",
        "通讯作者：李明，E-mail：liming@pku.example.cn",
        "",
        "基金项目：国家社会科学基金重大项目（23&ZD001）",
        "",
        "作者简介：李明，北京大学国际关系学院教授。",
        "",
        "摘要：本文讨论对冲战略。",
        "",
        "引言",
        "",
        "正文第一段。",
      ].join("\n"),
    );
    expect(doc.metadata.authors).toEqual([author("李明", [], { email: "liming@pku.example.cn", bio: "李明，北京大学国际关系学院教授。" })]);
    expect(doc.metadata.acknowledgement).toBe("国家社会科学基金重大项目（23&ZD001）");
  });
});

describe("Chinese and Arabic journal pages without an authors label", () => {
  it("reads names with affiliation markers, the bracketed affiliations under them and an Arabic university", () => {
    const chinese = parseHtml(
      [
        "<h1>湄公河地区的对冲战略</h1>",
        "<p>李明<sup>1</sup>，王芳<sup>2</sup></p>",
        "<p>（1. 北京大学国际关系学院，北京 100871；2. 复旦大学国际问题研究院，上海 200433）</p>",
        "<p><b>摘　要：</b>本文讨论东南亚国家的对冲战略。</p>",
        "<p><b>关键词：</b>对冲；东南亚；大国竞争</p>",
        "<p><b>中图分类号：</b>D822　<b>文献标识码：</b>A</p>",
        "<h2>一、引言</h2>",
        "<p>冷战结束以来，东南亚国家一直在大国之间寻求平衡。</p>",
      ].join(""),
    );
    expect(chinese.metadata).toEqual({
      authors: [author("李明", ["北京大学国际关系学院，北京 100871"]), author("王芳", ["复旦大学国际问题研究院，上海 200433"])],
      abstract: "本文讨论东南亚国家的对冲战略。",
      keywords: ["对冲", "东南亚", "大国竞争"],
    });
    const japanese = parsePlainText(
      ["メコン地域におけるヘッジ戦略", "", "山田 太郎1・鈴木 花子2", "1 東京大学大学院法学政治学研究科", "2 京都大学東南アジア地域研究研究所", "", "要旨：本稿はヘッジ戦略を検討する。", "", "はじめに", "", "本文の最初の段落。"].join("\n"),
    );
    expect(japanese.metadata.authors.map((a) => [a.name, a.affiliations])).toEqual([
      ["山田 太郎", ["東京大学大学院法学政治学研究科"]],
      ["鈴木 花子", ["京都大学東南アジア地域研究研究所"]],
    ]);
    const arabic = parseHtml(
      [
        '<h1 dir="rtl">استراتيجيات التحوط</h1>',
        '<p dir="rtl">د. أحمد محمد علي</p>',
        "<p>كلية الاقتصاد والعلوم السياسية، جامعة القاهرة</p>",
        "<p><strong>الملخص:</strong> تناقش هذه الدراسة استراتيجيات التحوط.</p>",
        "<h2>المقدمة</h2>",
        "<p>الفقرة الأولى من النص.</p>",
      ].join(""),
    );
    expect(arabic.metadata).toEqual({
      authors: [author("أحمد محمد علي", ["كلية الاقتصاد والعلوم السياسية، جامعة القاهرة"])],
      abstract: "تناقش هذه الدراسة استراتيجيات التحوط.",
    });
  });
});

describe("Japanese and Korean front matter", () => {
  it("reads 著者, 所属, 要旨 and キーワード with names and keywords set apart by 、", () => {
    const doc = parsePlainText(
      [
        "メコン地域におけるヘッジ戦略",
        "",
        "著者：山田 太郎、鈴木 花子",
        "所属：東京大学大学院法学政治学研究科",
        "",
        "要旨：本稿は東南アジア諸国のヘッジ戦略を検討する。",
        "",
        "キーワード：ヘッジ、東南アジア、大国間競争",
        "",
        "受付日：2024年3月1日　受理日：2024年5月10日",
        "",
        "はじめに",
        "",
        "本文の最初の段落。",
      ].join("\n"),
    );
    expect(doc.metadata).toEqual({
      authors: [author("山田 太郎", ["東京大学大学院法学政治学研究科"]), author("鈴木 花子", ["東京大学大学院法学政治学研究科"])],
      abstract: "本稿は東南アジア諸国のヘッジ戦略を検討する。",
      keywords: ["ヘッジ", "東南アジア", "大国間競争"],
      dates: { received: "2024年3月1日", accepted: "2024年5月10日" },
    });
  });

  it("reads Korean labels", () => {
    const doc = parsePlainText(["메콩 지역의 헤징 전략", "", "저자: 김민수", "", "초록: 이 논문은 동남아시아 국가들의 헤징 전략을 검토한다.", "", "주제어: 헤징, 동남아시아", "", "서론", "", "본문의 첫 단락."].join("\n"));
    expect(doc.metadata).toEqual({
      authors: [author("김민수")],
      abstract: "이 논문은 동남아시아 국가들의 헤징 전략을 검토한다.",
      keywords: ["헤징", "동남아시아"],
    });
  });
});

describe("article history with the label after the date, as Japanese journals print it", () => {
  const read = (history: string[]) =>
    parsePlainText(["メコン地域におけるヘッジ戦略", "", "著者：山田 太郎", "所属：東京大学大学院法学政治学研究科", "", ...history, "", "はじめに", "", "本文の最初の段落。"].join("\n"));
  const expected = { received: "2026年3月1日", accepted: "2026年5月2日", published: "2026年6月10日" };

  it("reads 受付, 受理 and 公開 after each date, on one line or one a line", () => {
    for (const history of [["2026年3月1日受付　2026年5月2日受理　2026年6月10日公開"], ["2026年3月1日受付", "2026年5月2日受理", "2026年6月10日公開"], ["（2026年3月1日受付，2026年5月2日受理，2026年6月10日公開）"]]) {
      const doc = read(history);
      expect(doc.metadata.dates, history.join(" / ")).toEqual(expected);
      expect(doc.blocks.filter((b) => b.role === "dates").map((b) => b.text)).toEqual(history);
      expect(doc.blocks.filter((b) => b.kind !== "meta").map((b) => b.text)).toEqual(["メコン地域におけるヘッジ戦略", "はじめに", "本文の最初の段落。"]);
    }
  });

  it("reads a revised manuscript's date and dates written with slashes", () => {
    expect(read(["2026年3月1日受付，2026年4月9日修正稿受付，2026年5月2日採択"]).metadata.dates).toEqual({ received: "2026年3月1日", revised: "2026年4月9日", accepted: "2026年5月2日" });
    expect(read(["2026/03/01 受付　2026/05/02 受理"]).metadata.dates).toEqual({ received: "2026/03/01", accepted: "2026/05/02" });
    // J-STAGE's labels before the dates, its own name before the published one.
    expect(read(["受付日：2026/03/01　受理日：2026/05/02　J-STAGE公開日：2026/06/10"]).metadata.dates).toEqual({ received: "2026/03/01", accepted: "2026/05/02", published: "2026/06/10" });
    expect(read(["受付日：2026年3月1日　早期公開日：2026年6月10日"]).metadata.dates).toEqual({ received: "2026年3月1日", published: "2026年6月10日" });
  });
});

describe("Arabic-Indic digits", () => {
  it("read as dates in the article history, each date kept as written", () => {
    const doc = parsePlainText(
      [
        "استراتيجيات التحوط في منطقة الميكونغ",
        "",
        "المؤلف: أحمد محمد علي",
        "جهة العمل: جامعة القاهرة، كلية الاقتصاد والعلوم السياسية",
        "",
        "تاريخ الاستلام: ١٥ مارس ٢٠٢٦؛ تاريخ القبول: ٢٠٢٦/٠٥/١٠",
        "تاريخ النشر: ٢٠٢٦/٠٦/٠١",
        "",
        "المقدمة",
        "",
        "الفقرة الأولى من النص.",
      ].join("\n"),
    );
    expect(doc.metadata.dates).toEqual({ received: "١٥ مارس ٢٠٢٦", accepted: "٢٠٢٦/٠٥/١٠", published: "٢٠٢٦/٠٦/٠١" });
    expect(doc.blocks.filter((b) => b.kind !== "meta").map((b) => b.text)).toEqual(["استراتيجيات التحوط في منطقة الميكونغ", "المقدمة", "الفقرة الأولى من النص."]);
  });

  it("read as markers tying authors to their institutions", () => {
    const cairo = "كلية الاقتصاد والعلوم السياسية، جامعة القاهرة، القاهرة، مصر";
    const alexandria = "كلية الحقوق، جامعة الإسكندرية، الإسكندرية، مصر";
    const doc = parsePlainText(
      ["استراتيجيات التحوط في منطقة الميكونغ", "", "المؤلفون: أحمد محمد علي١، فاطمة حسن٢", `١ ${cairo}`, `٢ ${alexandria}`, "", "المقدمة", "", "الفقرة الأولى من النص."].join("\n"),
    );
    expect(doc.metadata.authors).toEqual([author("أحمد محمد علي", [cairo]), author("فاطمة حسن", [alexandria])]);
  });

  it("read as markers after names set apart by Arabic commas, with no label before them", () => {
    const cairo = "كلية الاقتصاد والعلوم السياسية، جامعة القاهرة، القاهرة، مصر";
    const alexandria = "كلية الحقوق، جامعة الإسكندرية، الإسكندرية، مصر";
    for (const [one, two] of [["١", "٢"], ["1", "2"]]) {
      const doc = parsePlainText(
        ["استراتيجيات التحوط في منطقة الميكونغ", "", `أحمد محمد علي${one}، فاطمة حسن${two}*`, `${one} ${cairo}`, `${two} ${alexandria}`, "", "المقدمة", "", "الفقرة الأولى من النص."].join("\n"),
      );
      expect(doc.metadata.authors, one).toEqual([author("أحمد محمد علي", [cairo]), author("فاطمة حسن", [alexandria])]);
      expect(doc.metadata.subtitle).toBeUndefined();
    }
  });
});

describe("Arabic front matter", () => {
  it("reads الملخص, الكلمات المفتاحية, the author, affiliation, e-mail and history", () => {
    const doc = parsePlainText(
      [
        "استراتيجيات التحوط في منطقة الميكونغ",
        "",
        "المؤلف: أحمد محمد علي",
        "جهة العمل: جامعة القاهرة، كلية الاقتصاد والعلوم السياسية",
        "البريد الإلكتروني: ahmed.ali@cu.example.eg",
        "",
        "الملخص: تناقش هذه الدراسة استراتيجيات التحوط لدى دول جنوب شرق آسيا.",
        "",
        "الكلمات المفتاحية: التحوط، جنوب شرق آسيا، التنافس بين القوى الكبرى",
        "",
        "تاريخ الاستلام: 2024-03-01؛ تاريخ القبول: 2024-05-10",
        "",
        "المقدمة",
        "",
        "الفقرة الأولى من النص.",
      ].join("\n"),
    );
    expect(doc.metadata).toEqual({
      authors: [author("أحمد محمد علي", ["جامعة القاهرة، كلية الاقتصاد والعلوم السياسية"], { email: "ahmed.ali@cu.example.eg" })],
      abstract: "تناقش هذه الدراسة استراتيجيات التحوط لدى دول جنوب شرق آسيا.",
      keywords: ["التحوط", "جنوب شرق آسيا", "التنافس بين القوى الكبرى"],
      dates: { received: "2024-03-01", accepted: "2024-05-10" },
    });
  });

  it("reads a by-line with an honorific and two names, and labels without the article, in a web page too", () => {
    const doc = parseHtml(
      [
        "<h1>التحوط في آسيا</h1>",
        "<p>بقلم: د. أحمد محمد علي و فاطمة حسن</p>",
        "<p>ملخص: تناقش هذه الدراسة التحوط.</p>",
        "<p>كلمات مفتاحية: التحوط؛ آسيا</p>",
        "<h2>مقدمة</h2>",
        "<p>الفقرة الأولى من النص.</p>",
      ].join(""),
    );
    expect(doc.metadata).toEqual({
      authors: [author("أحمد محمد علي"), author("فاطمة حسن")],
      abstract: "تناقش هذه الدراسة التحوط.",
      keywords: ["التحوط", "آسيا"],
    });
  });
});

describe("keywords set apart by spaces", () => {
  it("are split only in a script without spaces between words, or at ideographic spaces", () => {
    const keywords = (line: string) => parsePlainText(["Hedging in the Mekong", "", "Jane Doe", "University of Leeds", "", line, "", "Introduction", "", "Body text."].join("\n")).metadata.keywords;
    expect(keywords("关键词：对冲 东南亚 大国竞争")).toEqual(["对冲", "东南亚", "大国竞争"]);
    expect(keywords("Keywords: foreign  policy")).toEqual(["foreign  policy"]);
    expect(keywords("Keywords: Hedging  Alignment")).toEqual(["Hedging  Alignment"]);
  });
});

describe("affiliation labels", () => {
  it("reads the institution after an \"Affiliation:\" label in English too", () => {
    const doc = parsePlainText(["Hedging in the Mekong", "", "Authors: Jane Doe", "Affiliation: University of Leeds", "", "Introduction", "", "Body text."].join("\n"));
    expect(doc.metadata.authors).toEqual([author("Jane Doe", ["University of Leeds"])]);
  });
});
