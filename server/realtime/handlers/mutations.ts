/**
 * Every mutation event goes to the same MutationRunner as REST; the ack carries its outcome. A
 * payload that is not the event's input at all (null, a string, an array) is a 400 naming
 * `payload`, as for every other socket event.
 */
import { MUTATION_NAMES, type MutationName } from "../../../common/realtime.ts";
import type { MutationRunner } from "../../modules/mutations/registry.ts";
import type { OnMutation } from "./guard.ts";

const NAMES: ReadonlySet<MutationName> = new Set(MUTATION_NAMES);

export function mutationHandlers(onMutation: OnMutation, mutations: MutationRunner): void {
  onMutation(NAMES, (socket, name, payload) => {
    const { id: userId, displayName } = socket.data.user;
    return mutations.run(name, { userId, displayName }, payload, "payload");
  });
}
