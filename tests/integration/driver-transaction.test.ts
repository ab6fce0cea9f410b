import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { openDb, type Db } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrator.ts";
import { inAdapterTransaction, inDriverTransaction } from "../../server/db/driver-transaction.ts";
import { insertRows } from "../../server/db/bulk-insert.ts";

describe("statements straight to the driver inside a Prisma transaction", () => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await createTestDatabase();
    await migrate(t.url);
    db = await openDb(t.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await t.drop();
  });

  const user = (id: string) => ({ id, email: `${id}@example.org`, displayName: id, passwordHash: "x", createdAt: new Date(), updatedAt: new Date() });

  it("commits driver statements and model calls together", async () => {
    await inDriverTransaction(db, t.provider, async (tx, sql) => {
      await insertRows(sql, "User", [user("u_commit_a")]);
      await tx.user.create({ data: { id: "u_commit_b", email: "b@example.org", displayName: "B", passwordHash: "x" } });
      // The driver statement sees the model call's row: one transaction.
      const rows = await sql.query<{ n: number | string | bigint }>(`SELECT COUNT(*) AS "n" FROM "User" WHERE "id" IN (?, ?)`, ["u_commit_a", "u_commit_b"]);
      expect(Number(rows[0]!.n)).toBe(2);
    }, { maxWait: 5000, timeout: 10_000 });
    expect(await db.user.count({ where: { id: { in: ["u_commit_a", "u_commit_b"] } } })).toBe(2);
    const read = await db.user.findUniqueOrThrow({ where: { id: "u_commit_a" } });
    expect(read.createdAt).toBeInstanceOf(Date);
  });

  it("rolls both back when the work throws", async () => {
    await expect(
      inDriverTransaction(db, t.provider, async (tx, sql) => {
        await insertRows(sql, "User", [user("u_rollback_a")]);
        await tx.user.create({ data: { id: "u_rollback_b", email: "rb@example.org", displayName: "RB", passwordHash: "x" } });
        throw new Error("boom");
      }, { maxWait: 5000, timeout: 10_000 }),
    ).rejects.toThrow("boom");
    expect(await db.user.count({ where: { id: { in: ["u_rollback_a", "u_rollback_b"] } } })).toBe(0);
  });

  it("keeps concurrent transactions apart", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `u_par_${i}`);
    await Promise.all(ids.map((id) => inDriverTransaction(db, t.provider, (_tx, sql) => insertRows(sql, "User", [user(id)]), { maxWait: 10_000, timeout: 10_000 })));
    expect(await db.user.count({ where: { id: { in: ids } } })).toBe(6);
  });

  it("on SQLite hands the transaction over without AsyncLocalStorage (on Node 20 running one turns async hooks on for the whole process)", async () => {
    if (t.provider !== "sqlite") return;
    const run = vi.spyOn(AsyncLocalStorage.prototype, "run");
    try {
      // Each sees its own transaction: one's rows are there, the other's not yet (or committed).
      await Promise.all(
        ["u_handover_a", "u_handover_b"].map((id) =>
          inDriverTransaction(db, t.provider, async (tx, sql) => {
            await insertRows(sql, "User", [user(id)]);
            expect(await tx.user.count({ where: { id } })).toBe(1);
          }, { maxWait: 5000, timeout: 10_000 }),
        ),
      );
      expect(run).not.toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
    expect(await db.user.count({ where: { id: { in: ["u_handover_a", "u_handover_b"] } } })).toBe(2);
  });

  describe("the adapter's own transaction (inAdapterTransaction)", () => {
    const options = { maxWait: 5000, timeout: 10_000 };

    it("commits the statements, with no Prisma transaction", async () => {
      let attempts = 0;
      await inAdapterTransaction(db, t.provider, async (_tx, sql) => {
        attempts++;
        await insertRows(sql, "User", [user("u_adapter_a"), user("u_adapter_b")]);
      }, options);
      expect(attempts).toBe(1);
      expect(await db.user.count({ where: { id: { in: ["u_adapter_a", "u_adapter_b"] } } })).toBe(2);
    });

    it("rolls back when the work throws, and lets the next transaction run", async () => {
      await expect(
        inAdapterTransaction(db, t.provider, async (_tx, sql) => {
          await insertRows(sql, "User", [user("u_adapter_rb")]);
          throw new Error("boom");
        }, options),
      ).rejects.toThrow("boom");
      expect(await db.user.count({ where: { id: "u_adapter_rb" } })).toBe(0);
      await inAdapterTransaction(db, t.provider, (_tx, sql) => insertRows(sql, "User", [user("u_adapter_after")]), options);
      expect(await db.user.count({ where: { id: "u_adapter_after" } })).toBe(1);
    });

    it("runs the work again in a Prisma transaction when it reaches for the client, keeping only the second attempt", async () => {
      let attempts = 0;
      const result = await inAdapterTransaction(db, t.provider, async (tx, sql) => {
        attempts++;
        await insertRows(sql, "User", [user(`u_adapter_fb_${attempts}`)]);
        await tx.user.create({ data: { id: `u_adapter_model_${attempts}`, email: `m${attempts}@example.org`, displayName: "M", passwordHash: "x" } });
        return attempts;
      }, options);
      expect(result).toBe(2);
      expect(await db.user.count({ where: { id: { in: ["u_adapter_fb_1", "u_adapter_model_1"] } } })).toBe(0);
      expect(await db.user.count({ where: { id: { in: ["u_adapter_fb_2", "u_adapter_model_2"] } } })).toBe(2);
    });

    it("runs the work again even when it swallowed the refusal", async () => {
      let attempts = 0;
      await inAdapterTransaction(db, t.provider, async (tx, sql) => {
        attempts++;
        await insertRows(sql, "User", [user(`u_adapter_sw_${attempts}`)]);
        try {
          await tx.user.count();
        } catch {
          // ignored on purpose
        }
      }, options);
      expect(attempts).toBe(2);
      expect(await db.user.count({ where: { id: "u_adapter_sw_1" } })).toBe(0);
      expect(await db.user.count({ where: { id: "u_adapter_sw_2" } })).toBe(1);
    });

    it("rolls back work that ran past its time, and refuses to wait past maxWait for a start", async () => {
      await expect(
        inAdapterTransaction(db, t.provider, async (_tx, sql) => {
          await insertRows(sql, "User", [user("u_adapter_slow")]);
          await new Promise((r) => setTimeout(r, 120));
        }, { maxWait: 5000, timeout: 50 }),
      ).rejects.toThrow(/longer than 50 ms/);
      expect(await db.user.count({ where: { id: "u_adapter_slow" } })).toBe(0);
      if (t.provider === "sqlite") {
        // SQLite has one writer: while a transaction holds it, the next one waits for it, at most maxWait.
        let release!: () => void;
        const holding = inAdapterTransaction(db, t.provider, async (_tx, sql) => {
          await insertRows(sql, "User", [user("u_adapter_holder")]);
          await new Promise<void>((r) => (release = r));
        }, options);
        await new Promise((r) => setTimeout(r, 20));
        await expect(inAdapterTransaction(db, t.provider, (_tx, sql) => insertRows(sql, "User", [user("u_adapter_waiter")]), { maxWait: 50, timeout: 10_000 })).rejects.toThrow(/could not start within 50 ms/);
        release();
        await holding;
        // The late start was given back: the next transaction goes through.
        await inAdapterTransaction(db, t.provider, (_tx, sql) => insertRows(sql, "User", [user("u_adapter_next")]), options);
        expect(await db.user.count({ where: { id: { in: ["u_adapter_holder", "u_adapter_waiter", "u_adapter_next"] } } })).toBe(2);
      }
    });

    it("keeps concurrent transactions apart, alongside Prisma's", async () => {
      const ids = Array.from({ length: 6 }, (_, i) => `u_adapter_par_${i}`);
      await Promise.all(
        ids.map((id, i) =>
          i % 2
            ? inAdapterTransaction(db, t.provider, async (_tx, sql) => {
                await insertRows(sql, "User", [user(id)]);
                const [row] = await sql.query<{ n: number | string | bigint }>(`SELECT COUNT(*) AS "n" FROM "User" WHERE "id" = ?`, [id]);
                expect(Number(row!.n)).toBe(1);
              }, options)
            : inDriverTransaction(db, t.provider, (_tx, sql) => insertRows(sql, "User", [user(id)]), options),
        ),
      );
      expect(await db.user.count({ where: { id: { in: ids } } })).toBe(6);
    });
  });
});
