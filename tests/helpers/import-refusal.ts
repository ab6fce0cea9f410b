import { ImportError } from "../../server/modules/documents/import/types.ts";

/** The ImportError `fn` throws (any other error is thrown on); fails when it throws none. */
export function importRefusal(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error("expected an ImportError");
}
