/** Account creation. Sign-in itself is Passport's local strategy (server/auth/passport.ts). */
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/client.ts";
import { hashPassword } from "../../auth/passwords.ts";
import { assertStrongPassword } from "../../auth/password-strength.ts";
import { newId } from "../../lib/ids.ts";
import { ConflictError } from "../../http/errors.ts";
import type { RegisterInput } from "../../../common/auth.ts";

export async function registerUser(db: Db, input: RegisterInput) {
  const emailName = input.email.split("@")[0] ?? "";
  assertStrongPassword(input.password, [input.email, emailName, input.displayName, ...input.displayName.split(/\s+/)]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { id: newId("u"), email: input.email, displayName: input.displayName, passwordHash },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ConflictError("An account with this e-mail already exists");
    throw e;
  }
}
