import { afterEach, describe, expect, it, vi } from "vitest";
import { api, prefetch } from "./http.ts";

/** A fetch that answers every call from `answers` in turn and records the paths asked for. */
function fakeFetch(answers: Array<{ status: number; body: unknown }>) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    calls.push(url);
    const a = answers.shift() ?? { status: 500, body: { error: { code: "none", message: "no answer left" } } };
    return new Response(JSON.stringify(a.body), { status: a.status });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("prefetch", () => {
  it("answers the first get of the same path from the early read, and only the first", async () => {
    const calls = fakeFetch([
      { status: 200, body: { n: 1 } },
      { status: 200, body: { n: 2 } },
    ]);
    prefetch("/documents/d1");
    expect(await api.get("/documents/d1")).toEqual({ n: 1 });
    expect(await api.get("/documents/d1")).toEqual({ n: 2 });
    expect(calls).toEqual(["/api/documents/d1", "/api/documents/d1"]);
  });

  it("asks again when the early read was refused for want of a session", async () => {
    const calls = fakeFetch([
      { status: 401, body: { error: { code: "unauthenticated", message: "Sign in" } } },
      { status: 200, body: { ok: true } },
    ]);
    prefetch("/documents/d2");
    expect(await api.get("/documents/d2")).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it("passes any other refusal on as the answer", async () => {
    const calls = fakeFetch([{ status: 404, body: { error: { code: "not_found", message: "No such document" } } }]);
    prefetch("/documents/d3");
    await expect(api.get("/documents/d3")).rejects.toMatchObject({ status: 404, message: "No such document" });
    expect(calls).toHaveLength(1);
  });

  it("does not serve an early read that has gone stale", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const calls = fakeFetch([
      { status: 200, body: { v: "old" } },
      { status: 200, body: { v: "new" } },
    ]);
    prefetch("/documents/d4");
    vi.setSystemTime(Date.now() + 60_000);
    expect(await api.get("/documents/d4")).toEqual({ v: "new" });
    expect(calls).toHaveLength(2);
  });
});
