/** Every mutation event goes to the same MutationRunner as REST; the ack carries its outcome. */
import { MUTATION_NAMES, type MutationName } from "../../../common/realtime.ts";
import type { MutationRunner } from "../../modules/mutations/registry.ts";
import type { OnMutation } from "./guard.ts";

const NAMES: ReadonlySet<MutationName> = new Set(MUTATION_NAMES);

export function mutationHandlers(onMutation: OnMutation, mutations: MutationRunner): void {
  onMutation(NAMES, (socket, name, payload) => {
    const { id: userId, displayName } = socket.data.user;
    return mutations.run(name, { userId, displayName }, payload);
  });
}
