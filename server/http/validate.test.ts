import { describe, expect, it } from "vitest";
import { parseInput } from "./validate.ts";
import { ReplyCreateSchema } from "../../common/annotations.ts";
import { HttpError } from "./errors.ts";

describe("parseInput", () => {
  it("turns a schema that throws on a hostile object into a 400, not a crash", () => {
    // Found by the socket fuzz suite: an object body whose `length.toString` is a number.
    const hostile = { annotationId: "a_1", body: { deletedAt: ["x", 1], length: { "": -1, toString: 7 } } };
    try {
      parseInput(ReplyCreateSchema, hostile, "payload");
      expect.unreachable("should have thrown");
    } catch (e) {
      expect(e).toBeInstanceOf(HttpError);
      expect((e as HttpError).status).toBe(400);
    }
  });

  it("names the first bad field", () => {
    expect(() => parseInput(ReplyCreateSchema, { annotationId: "a_1", body: "x", stance: "agrees" })).toThrow(/stance/);
  });
});
