import { describe, expect, it } from "vitest";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { chooseEncoding, compress } from "./compression.ts";

describe("response compression", () => {
  it("chooses by Accept-Encoding, honouring weights, refusals and *", () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding("identity")).toBeNull();
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("br;q=0.2, gzip;q=0.8")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0")).toBeNull();
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0.5, br;q=0")).toBe("gzip");
    expect(chooseEncoding("GZIP")).toBe("gzip");
  });

  it("compresses so that the body reads back the same", async () => {
    const body = Buffer.from(JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: i, text: "the same words again" }))));
    const gz = await compress(body, "gzip");
    const br = await compress(body, "br");
    expect(gunzipSync(gz).equals(body)).toBe(true);
    expect(brotliDecompressSync(br).equals(body)).toBe(true);
    expect(br.length).toBeLessThan(body.length / 5);
  });
});
