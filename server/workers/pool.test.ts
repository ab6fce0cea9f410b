import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "./pool.ts";

const pools: WorkerPool[] = [];
const pool = (keepThreads?: number, warmUp?: boolean) => {
  const p = new WorkerPool({ threads: 2, budgetMs: 30_000, maxQueue: 4, perKey: 2, memoryMb: 256, idleMs: 100, ...(keepThreads === undefined ? {} : { keepThreads }), ...(warmUp === undefined ? {} : { warmUp }) });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const job = { paragraphs: [{ id: "p1", text: "Grain prices rose." }], targets: [{ exact: "prices", prefix: "Grain ", suffix: " rose" }] };
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe("worker pool threads", () => {
  it("starts none until a job comes, and stops them all when idle, by default", async () => {
    const p = pool();
    expect(p.threads).toBe(0);
    await Promise.all([p.run("placeQuotes", job), p.run("placeQuotes", job)]);
    expect(p.threads).toBeGreaterThan(0);
    await until(() => p.threads === 0);
    expect(p.threads).toBe(0);
  });

  it("keeps the threads it is told to: started with the pool, never stopped for being idle", async () => {
    const p = pool(1);
    expect(p.threads).toBe(1);
    await p.runPair(["placeQuotes", job], ["placeQuotes", job]);
    // The second thread, started for the pair, stops when idle; the kept one stays.
    await until(() => p.threads === 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(p.threads).toBe(1);
    const [placed] = await p.run("placeQuotes", job);
    expect(placed).toMatchObject({ ok: true });
  });

  it("warms a thread's export code up before its first job when told to, and the thread then runs jobs", async () => {
    const p = pool(1, true);
    const [[placed], [first, second]] = await Promise.all([p.run("placeQuotes", job), p.runPair(["placeQuotes", job], ["placeQuotes", job])]);
    expect(placed).toMatchObject({ ok: true });
    expect([first[0], second[0]]).toMatchObject([{ ok: true }, { ok: true }]);
  });

  it("makes the second job of a pair once the first is on its way; a failure to make it is the answer", async () => {
    const p = pool(1);
    let made = 0;
    const [first, second] = await p.runPair(["placeQuotes", job], () => {
      made++;
      return ["placeQuotes", job];
    });
    expect(made).toBe(1);
    expect([first[0], second[0]]).toMatchObject([{ ok: true }, { ok: true }]);
    await expect(
      p.runPair(["placeQuotes", job], () => {
        throw new Error("could not pack the second half");
      }, { key: "k" }),
    ).rejects.toThrow("could not pack the second half");
    // The key's share was given back, and the kept thread still takes jobs.
    const [again] = await p.run("placeQuotes", job, { key: "k" });
    expect(again).toMatchObject({ ok: true });
  });
});

describe("worker pool reports outside any job", () => {
  it("are told to onStrayError, and do not end the process", () => {
    const heard: string[] = [];
    const p = new WorkerPool({ threads: 1, budgetMs: 30_000, maxQueue: 4, perKey: 1, memoryMb: 256, onStrayError: (e) => heard.push(e.message) });
    pools.push(p);
    // What the threads' library emits when an answer comes for a job already stopped: an
    // 'error' with no listener would be thrown here (and, from its message handler, end the process).
    const emitter = (p as unknown as { piscina: { emit(event: string, e: Error): boolean } }).piscina;
    expect(() => emitter.emit("error", new Error("Unexpected message from Worker: { taskId: 7 }"))).not.toThrow();
    expect(heard).toEqual(["Unexpected message from Worker: { taskId: 7 }"]);
  });
});
