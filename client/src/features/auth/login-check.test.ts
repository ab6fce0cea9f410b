import { describe, expect, it } from "vitest";
import { LoginSchema } from "../../../../common/auth.ts";
import { checkLogin, type LoginFields } from "./login-check.ts";

/** What the shared schema makes of the fields: the parsed values, or null when it refuses them. */
function bySchema(fields: LoginFields): { email: string; password: string } | null {
  const parsed = LoginSchema.safeParse(fields);
  return parsed.success ? parsed.data : null;
}

const EMAILS = [
  "ana@example.org",
  "Ana.Lee@Example.ORG",
  "  ana@example.org\t",
  "\u00a0ana@example.org\u2028",
  "\nana@example.org\n",
  "a@b.co",
  "a@b.c",
  "first.last+tag@sub.example.co.uk",
  "o'brien@example.ie",
  "under_score@ex-ample.com",
  "-dash@example.com",
  "dot.@example.com",
  ".dot@example.com",
  "two..dots@example.com",
  "ana@-example.com",
  "ana@example..com",
  "ana@example.com.",
  "ana@example",
  "ana@127.0.0.1",
  "ana@[127.0.0.1]",
  '"quoted"@example.com',
  "ana@exämple.com",
  "anä@example.com",
  "ana example@example.com",
  "ana@@example.com",
  "@example.com",
  "ana@",
  "",
  "   ",
  "ana@example.c0m",
  `${"a".repeat(242)}@example.com`,
  `${"a".repeat(243)}@example.com`,
  `  ${"a".repeat(242)}@example.com  `,
];

const PASSWORDS = ["", "x", " ", "correct horse battery staple", "p".repeat(256), "p".repeat(257), "😀".repeat(128), "😀".repeat(129), "\u0000nul"];

describe("the sign-in check", () => {
  it("accepts and refuses exactly what the shared schema does, with the same values", () => {
    for (const email of EMAILS) {
      for (const password of PASSWORDS) {
        expect(checkLogin({ email, password }), JSON.stringify({ email, password })).toEqual(bySchema({ email, password }));
      }
    }
  });

  it("refuses what is not text, as the schema does", () => {
    for (const fields of [
      { email: null, password: "secret-password" },
      { email: "ana@example.org", password: null },
      { email: 42, password: "secret-password" },
    ]) {
      expect(bySchema(fields)).toBeNull();
      expect(checkLogin(fields)).toBeNull();
    }
  });

  it("agrees with the schema on generated addresses", () => {
    // A fixed-seed generator of address-like strings: local part, @, labels, top-level part.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const repeat = (min: number, max: number, part: () => string, sep = "") => Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, part).join(sep);
    const localChars = ["a", "Z", "0", ".", "_", "'", "+", "-", "é", " ", "@"];
    const labels = ["a", "b0", "-x", "ex-ample", "é", "", "x-"];
    const tops = ["co", "org", "c", "c0", "ORG", "", "uk "];
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const email = pick(["", " ", "\t"]) + repeat(0, 6, () => pick(localChars)) + "@" + repeat(1, 3, () => pick(labels), ".") + "." + pick(tops);
      const fields = { email, password: "secret-password" };
      const expected = bySchema(fields);
      if (expected) accepted++;
      expect(checkLogin(fields), JSON.stringify(email)).toEqual(expected);
    }
    // The corpus has both kinds in it, so the comparison means something.
    expect(accepted).toBeGreaterThan(1000);
    expect(20_000 - accepted).toBeGreaterThan(1000);
  });

  it("lets the usual sign-in through without the schema", () => {
    expect(checkLogin({ email: " Ana.Lee@Example.org ", password: "correct horse" })).toEqual({ email: "ana.lee@example.org", password: "correct horse" });
  });
});
