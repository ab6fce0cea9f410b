import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { openDb, type Db } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrator.ts";
import { inDriverTransaction } from "../../server/db/driver-transaction.ts";
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
});
