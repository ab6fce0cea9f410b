import { describe, expect, it } from "vitest";
import { decodeTextUpload } from "./binary.ts";
import { decodeLegacy, type LegacyEncoding } from "./legacy-encoding.ts";
import { parseImport } from "./index.ts";

/** `text` in the single-byte code page `encoding` (its table read back from the decoder). */
function encode(text: string, encoding: LegacyEncoding): Buffer {
  const table = new Map<string, number>();
  const all = decodeLegacy(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), encoding);
  [...all].forEach((ch, byte) => {
    if (!table.has(ch)) table.set(ch, byte);
  });
  return Buffer.from(
    [...text].map((ch) => {
      const byte = table.get(ch);
      if (byte === undefined) throw new Error(`no ${encoding} byte for ${ch}`);
      return byte;
    }),
  );
}

const SAMPLES: Array<[string, LegacyEncoding, string]> = [
  ["Polish", "windows-1250", "Polityka energetyczna Polski\n\nAnna Wiśniewska, Łukasz Żółkiewski\n\nŹródła odnawialne rosną szybciej, niż zakładano; zmiana jest możliwa, ale wymaga inwestycji w sieci przesyłowe."],
  ["Czech", "windows-1250", "Bytová politika v českých městech\n\nJiří Dvořák\n\nČlánek zkoumá, proč ceny bytů v Praze rostou rychleji než příjmy. Řešením může být nový stavební zákon."],
  ["Hungarian", "windows-1250", "A magyar nyugdíjrendszer\n\nKovács Győző\n\nA tanulmány azt vizsgálja, hogyan változik a nyugdíjasok és a dolgozók aránya; az öregedő népesség miatt a kiadások nőnek."],
  ["Turkish", "windows-1254", "Türkiye'de enflasyon ve para politikası\n\nAyşe Yılmaz, Mehmet Öztürk\nİstanbul Üniversitesi\n\nBu makale, faiz kararlarının enflasyon beklentilerine etkisini inceliyor. İhracatçılar kur oynaklığından şikâyet ediyor."],
  ["Greek", "windows-1253", "Η δημοσιονομική πολιτική της Ελλάδας\n\nΓιώργος Παπαδόπουλος\n\nΤο άρθρο εξετάζει πώς άλλαξαν οι δημοσιονομικοί κανόνες μετά το 2010. Άλλες χώρες ακολούθησαν παρόμοια πορεία."],
  ["Greek", "iso-8859-7", "Η δημοσιονομική πολιτική της Ελλάδας\n\nΆλλες χώρες ακολούθησαν παρόμοια πορεία, αλλά με μικρότερο κόστος. Άρθρο του Γιώργου."],
  ["Russian", "windows-1251", "Денежно-кредитная политика России\n\nИван Петров\n\nСтатья рассматривает, как изменилась ключевая ставка. Инфляция ускорилась – и банк ответил."],
  ["French", "windows-1252", "La réforme des retraites\n\nÉlodie Laurent, François Bœuf\n\nL’article étudie les effets de la réforme sur l’âge de départ. Ça coûte 12 € par mois – d’après l’Insee."],
  ["Spanish", "windows-1252", "¿Qué pasa con la vivienda en España?\n\nJosé Martínez Núñez\n\nEl artículo analiza el alquiler. ¡Los precios subieron un 20 %! La situación es difícil para los jóvenes."],
  ["German", "windows-1252", "Die Schuldenbremse\n\nJürgen Müller\n\nDer Aufsatz prüft, ob die Schuldenbremse größere Investitionen verhindert. Öffentliche Straßen verfallen."],
  ["Icelandic", "windows-1252", "Fiskveiðistjórnun á Íslandi\n\nÞórður Guðmundsson\n\nÞessi grein fjallar um kvótakerfið og áhrif þess á sjávarbyggðir. Það hefur verið umdeilt."],
  ["Danish", "windows-1252", "Grøn omstilling i Danmark\n\nSøren Ærø\n\nArtiklen undersøger, hvordan vindmøller påvirker elprisen. Større møller giver lavere priser."],
  ["Portuguese", "windows-1252", "A política fiscal em Portugal\n\nJoão Conceição\n\nO artigo estuda a consolidação orçamental. As exportações cresceram e a dívida caiu. Não há solução fácil."],
];

describe("text files saved in a single-byte code page", () => {
  it.each(SAMPLES)("reads %s saved as %s as written", (_language, encoding, text) => {
    expect(decodeTextUpload(encode(text, encoding))).toBe(text);
  });

  it("reads the same text saved as UTF-8 as UTF-8", () => {
    for (const [, , text] of SAMPLES) expect(decodeTextUpload(Buffer.from(text, "utf8"))).toBe(text);
  });

  it("imports a Windows-1250 Polish article's title and authors as written", async () => {
    const doc = await parseImport("txt", encode(SAMPLES[0]![2], "windows-1250"));
    expect(doc.title).toBe("Polityka energetyczna Polski");
    expect(doc.metadata.authors.map((a) => a.name)).toEqual(["Anna Wiśniewska", "Łukasz Żółkiewski"]);
  });

  it("still refuses high-byte data that reads as no language's letters", () => {
    // Bytes 0x80-0xFF and back, with no NUL: no code page makes words of them.
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 128)));
    expect(decodeTextUpload(bytes)).toBeNull();
  });
});
